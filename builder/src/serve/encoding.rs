//! Accept-Encoding negotiation, to send a precompressed `.br` or `.gz` sibling when allowed.

/// A content coding the site may hold precompressed copies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Br,
    Gzip,
}

impl Coding {
    /// Preference order when the client rates codings equally: brotli is smaller.
    pub const ALL: [Coding; 2] = [Coding::Br, Coding::Gzip];

    /// The token for `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Coding::Br => "br",
            Coding::Gzip => "gzip",
        }
    }

    /// The file-name suffix of the precompressed sibling.
    pub fn suffix(self) -> &'static str {
        match self {
            Coding::Br => "br",
            Coding::Gzip => "gz",
        }
    }

    fn matches(self, token: &str) -> bool {
        match self {
            Coding::Br => token.eq_ignore_ascii_case("br"),
            Coding::Gzip => {
                token.eq_ignore_ascii_case("gzip") || token.eq_ignore_ascii_case("x-gzip")
            }
        }
    }
}

/// Picks the available coding the client rates highest (ties in `Coding::ALL` order).
pub fn choose(accept: Option<&str>, available: &[Coding]) -> Option<Coding> {
    let accept = accept?;
    let mut best: Option<(Coding, u16)> = None;
    for &coding in available {
        let q = quality(accept, coding);
        if q > 0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((coding, q));
        }
    }
    best.map(|(c, _)| c)
}

/// The client's q-value for a coding in thousandths; an explicit entry beats `*`, absent is 0.
fn quality(accept: &str, coding: Coding) -> u16 {
    let mut wildcard = 0;
    for entry in accept.split(',') {
        let mut parts = entry.split(';');
        let token = parts.next().unwrap_or("").trim();
        let q = parts.find_map(q_param).unwrap_or(1000);
        if coding.matches(token) {
            return q;
        }
        if token == "*" {
            wildcard = q;
        }
    }
    wildcard
}

/// Reads `q=0.8` as 800; an unreadable q-value counts as 0 so we never guess "yes".
fn q_param(param: &str) -> Option<u16> {
    let (name, value) = param.trim().split_once('=')?;
    if !name.trim().eq_ignore_ascii_case("q") {
        return None;
    }
    match value.trim().parse::<f32>() {
        Ok(q) if (0.0..=1.0).contains(&q) => Some((q * 1000.0).round() as u16),
        _ => Some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::{choose, Coding::*};

    const BOTH: &[super::Coding] = &[Br, Gzip];

    #[test]
    fn brotli_preferred_on_tie() {
        assert_eq!(choose(Some("gzip, deflate, br"), BOTH), Some(Br));
        assert_eq!(choose(Some("*"), BOTH), Some(Br));
    }

    #[test]
    fn q_zero_refuses() {
        assert_eq!(choose(Some("br;q=0, gzip"), BOTH), Some(Gzip));
        assert_eq!(choose(Some("br; q=0.0, gzip;q=0"), BOTH), None);
        assert_eq!(choose(Some("*, br;q=0"), BOTH), Some(Gzip));
        assert_eq!(choose(Some("*;q=0"), BOTH), None);
    }

    #[test]
    fn higher_q_wins_and_availability_matters() {
        assert_eq!(choose(Some("br;q=0.5, gzip;q=0.9"), BOTH), Some(Gzip));
        assert_eq!(choose(Some("br"), &[Gzip]), None);
        assert_eq!(choose(Some("identity"), BOTH), None);
        assert_eq!(choose(None, BOTH), None);
        assert_eq!(choose(Some("br;q=abc"), BOTH), None);
    }
}
