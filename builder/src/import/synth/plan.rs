//! The metadata of every item, decided before any text is written: type, department, dates,
//! 文号, 索引号, status and links.
//!
//! Links need both ends known (a repealed document names its successor and the successor names
//! it), so metadata is planned for all items first: about a hundred bytes per item. Texts are
//! then generated and written one item at a time.

use super::rng::Rng;
use super::vocab::{self, Dept};
use gongkai_core::{Date, Status};
use std::collections::HashMap;

/// Publication dates fall in 2000-01-01 ..= this day, so every 施行日期 is within 2025.
const LAST_PUBLISHED: (u16, u8, u8) = (2025, 9, 30);
/// The day the synthetic corpus describes: documents that expire before it are 已失效.
const AS_OF: (u16, u8, u8) = (2025, 12, 31);

/// What a regulation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegKind {
    /// 规章, issued by a city government.
    Rule,
    /// 规范性文件.
    Normative,
    /// 其他政策文件: 实施方案, 通知, 意见.
    Policy,
}

/// What a disclosure item is; each has its catalogue path and title shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisKind {
    /// The notice that publishes a regulation, with the regulation's 文号.
    Publication,
    Notice,
    News,
    Plan,
    Budget,
    Enforcement,
    /// A reply to a 依申请公开 request.
    Reply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Regulation(RegKind),
    Disclosure(DisKind),
}

/// A 文号 of the item's own department: `<prefix><doc_type>〔<year>〕<number>号`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocNo {
    pub doc_type: &'static str,
    pub year: u16,
    pub number: u32,
}

/// Links between regulations, by item index; at most one of each, enough for every rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Links {
    pub amends: Option<u32>,
    pub amended_by: Option<u32>,
    pub repeals: Option<u32>,
    pub repealed_by: Option<u32>,
    pub related: Option<u32>,
}

/// Everything about one item except its text.
#[derive(Debug, Clone)]
pub struct Meta {
    pub class: Class,
    /// Number among items of the same type: the id and the shard folder come from it.
    pub seq: u32,
    /// Index into the departments: the first issuer, or the disclosing department.
    pub dept: u16,
    pub co_issuer: Option<u16>,
    pub written: Date,
    pub published: Date,
    pub effective: Date,
    pub expires: Option<Date>,
    /// Minutes after midnight of a disclosure's publication.
    pub minute: u16,
    pub status: Status,
    pub doc_no: Option<DocNo>,
    /// A publication notice: the regulation it publishes.
    pub publishes: Option<u32>,
    pub links: Links,
    /// The serial in the 索引号, per department and year.
    pub index_serial: u32,
    pub topics: [Option<u8>; 2],
}

impl Meta {
    pub fn is_regulation(&self) -> bool {
        matches!(self.class, Class::Regulation(_))
    }
}

/// Plans `items` items over `depts`; the same seed gives the same plan.
pub fn plan(items: u32, seed: u64, depts: &[Dept]) -> Vec<Meta> {
    let mut rng = Rng::new(seed);
    let governments: Vec<u16> = (0..depts.len())
        .filter(|&d| depts[d].kind == 0)
        .map(|d| d as u16)
        .collect();
    let mut seqs = [0u32; 2];
    let mut metas: Vec<Meta> = (0..items)
        .map(|_| draft(&mut rng, depts, &governments, &mut seqs))
        .collect();
    publish(&mut metas, &mut rng);
    let order = chronological(&metas);
    number_doc_nos(&mut metas, &order, depts);
    super::links::link(&mut metas, &order, &mut rng, depts.len());
    index_serials(&mut metas, &order);
    metas
}

/// One item's own facts, before anything that relates items.
fn draft(rng: &mut Rng, depts: &[Dept], governments: &[u16], seqs: &mut [u32; 2]) -> Meta {
    let class = class(rng);
    let is_reg = matches!(class, Class::Regulation(_));
    let seq = &mut seqs[usize::from(!is_reg)];
    *seq += 1;
    let dept = match class {
        Class::Regulation(RegKind::Rule) => *rng.pick(governments),
        _ => rng.below(depts.len()) as u16,
    };
    let co_issuer = co_issuer(rng, class, dept, depts);
    let (written, published, effective) = dates(rng);
    let (expires, status) = expiry(rng, is_reg, effective);
    let first = vocab::topic_index(vocab::KINDS[depts[usize::from(dept)].kind].topic) as u8;
    let second = rng
        .percent(25)
        .then(|| rng.below(vocab::TOPICS.len()) as u8);
    Meta {
        class,
        seq: *seq,
        dept,
        co_issuer,
        written,
        published,
        effective,
        expires,
        minute: rng.between(8 * 60, 18 * 60) as u16,
        status,
        doc_no: doc_type(rng, class).map(|doc_type| DocNo {
            doc_type,
            year: written.year,
            number: 0,
        }),
        publishes: None,
        links: Links::default(),
        index_serial: 0,
        topics: [Some(first), second.filter(|s| *s != first)],
    }
}

/// About 70 % regulations and 30 % disclosure items, of every kind.
fn class(rng: &mut Rng) -> Class {
    let r = rng.below(1000);
    let table: [(usize, Class); 10] = [
        (70, Class::Regulation(RegKind::Rule)),
        (455, Class::Regulation(RegKind::Normative)),
        (700, Class::Regulation(RegKind::Policy)),
        (805, Class::Disclosure(DisKind::Publication)),
        (850, Class::Disclosure(DisKind::Notice)),
        (910, Class::Disclosure(DisKind::News)),
        (940, Class::Disclosure(DisKind::Plan)),
        (964, Class::Disclosure(DisKind::Budget)),
        (985, Class::Disclosure(DisKind::Enforcement)),
        (1000, Class::Disclosure(DisKind::Reply)),
    ];
    table
        .iter()
        .find(|(limit, _)| r < *limit)
        .map_or(Class::Disclosure(DisKind::Reply), |(_, c)| *c)
}

/// One in ten normative or policy documents is issued jointly with another department of
/// the same city.
fn co_issuer(rng: &mut Rng, class: Class, dept: u16, depts: &[Dept]) -> Option<u16> {
    let joint = matches!(
        class,
        Class::Regulation(RegKind::Normative | RegKind::Policy)
    );
    if !joint || !rng.percent(10) {
        return None;
    }
    let other = rng.below(depts.len()) as u16;
    let same_city = depts[usize::from(other)].place == depts[usize::from(dept)].place;
    (other != dept && same_city).then_some(other)
}

/// 成文 ≤ 公布 ≤ 施行: published in 2000–2025, more in recent years as more went online.
fn dates(rng: &mut Rng) -> (Date, Date, Date) {
    let first = day(2000, 1, 1);
    let span = (day(LAST_PUBLISHED.0, LAST_PUBLISHED.1, LAST_PUBLISHED.2) - first + 1) as usize;
    let published = first + rng.below(span).max(rng.below(span)) as i64;
    let written = published - rng.below(45) as i64;
    let effective = published
        + match rng.below(3) {
            0 => 0,
            1 => 30,
            _ => rng.below(92) as i64,
        };
    (date(written), date(published), date(effective))
}

/// One regulation in twenty is a time-limited 暂行 document with a 失效日期; those past it
/// on [`AS_OF`] are 已失效.
fn expiry(rng: &mut Rng, is_reg: bool, effective: Date) -> (Option<Date>, Status) {
    if !is_reg || !rng.percent(5) {
        return (None, Status::Current);
    }
    let years = rng.between(2, 5) as u16;
    let expires = Date::new(
        effective.year + years,
        effective.month,
        effective.day.min(28),
    );
    let as_of = Date::new(AS_OF.0, AS_OF.1, AS_OF.2);
    let status = match (expires, as_of) {
        (Some(e), Some(a)) if e <= a => Status::Expired,
        _ => Status::Current,
    };
    (expires, status)
}

fn doc_type(rng: &mut Rng, class: Class) -> Option<&'static str> {
    let (share, doc_type) = match class {
        Class::Regulation(RegKind::Rule) => (100, "发"),
        Class::Regulation(RegKind::Normative) => (90, "规"),
        Class::Regulation(RegKind::Policy) => (75, "发"),
        Class::Disclosure(DisKind::Notice) => (50, "通"),
        Class::Disclosure(DisKind::Plan) => (40, "函"),
        Class::Disclosure(DisKind::Enforcement) => (60, "罚"),
        Class::Disclosure(DisKind::Reply) => (100, "依申复"),
        Class::Disclosure(_) => (0, ""),
    };
    rng.percent(share).then_some(doc_type)
}

/// Each publication notice takes one regulation with a 文号, never the same one twice (its
/// department, dates and topics become the regulation's); a notice left without one
/// becomes news.
fn publish(metas: &mut [Meta], rng: &mut Rng) {
    let mut open: Vec<u32> = (0..metas.len() as u32)
        .filter(|&j| metas[j as usize].is_regulation() && metas[j as usize].doc_no.is_some())
        .collect();
    vocab::shuffle(&mut open, rng);
    for i in 0..metas.len() {
        if metas[i].class != Class::Disclosure(DisKind::Publication) {
            continue;
        }
        let Some(j) = open.pop() else {
            metas[i].class = Class::Disclosure(DisKind::News);
            continue;
        };
        let reg = metas[j as usize].clone();
        let m = &mut metas[i];
        (m.dept, m.published, m.topics) = (reg.dept, reg.published, reg.topics);
        m.publishes = Some(j);
    }
}

/// Item indices by publication date (then index): the order 文号, links and 索引号 follow.
fn chronological(metas: &[Meta]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..metas.len() as u32).collect();
    order.sort_by_key(|&i| (metas[i as usize].published, metas[i as usize].minute, i));
    order
}

/// Serial numbers per 文号 prefix and year, in date order: unique, so no issuer ever has two
/// documents with one 文号.
fn number_doc_nos(metas: &mut [Meta], order: &[u32], depts: &[Dept]) {
    let mut next: HashMap<(String, u16), u32> = HashMap::new();
    for &i in order {
        let m = &mut metas[i as usize];
        let prefix = &depts[usize::from(m.dept)].doc_prefix;
        if let Some(doc) = m.doc_no.as_mut() {
            let n = next
                .entry((format!("{prefix}{}", doc.doc_type), doc.year))
                .or_insert(0);
            *n += 1;
            doc.number = *n;
        }
    }
}

/// 索引号 serials per department and year, in date order.
fn index_serials(metas: &mut [Meta], order: &[u32]) {
    let mut next: HashMap<(u16, u16), u32> = HashMap::new();
    for &i in order {
        let m = &mut metas[i as usize];
        if !m.is_regulation() {
            let n = next.entry((m.dept, m.published.year)).or_insert(0);
            *n += 1;
            m.index_serial = *n;
        }
    }
}

fn day(y: u16, m: u8, d: u8) -> i64 {
    Date::new(y, m, d).map_or(0, Date::days_since_epoch)
}

fn date(days: i64) -> Date {
    Date::from_days_since_epoch(days)
}
