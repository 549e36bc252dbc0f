//! The typical cold first queries that the ignored measurement probes (index size, chunk size)
//! run, kept in one list so their figures stay comparable.

pub const COLD_QUERIES: [&str; 10] = [
    "行政许可",
    "环境保护",
    "护士条例",
    "国务院令第517号",
    "食品安全法 第十条",
    "个人信息保护",
    "安全生产",
    "\"著作权\"",
    "税",
    "",
];
