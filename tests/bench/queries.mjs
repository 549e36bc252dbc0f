// The fixed queries of the browser benchmarks, the same for gongkai and for the baseline.
// Words, a 文号, an OR, a phrase, an AND and an exclusion; all have hits in the law corpus.
export const QUERIES = [
  '行政许可', '环境保护', '国务院令第517号', '安全 OR 保密', '"突发事件应对"', '劳动合同 解除',
  '食品安全', '互联网 -电子',
];
/** Opens the page for the in-page runs; not in QUERIES, so each of them is a first run there. */
export const OPENER = '电子政务';
