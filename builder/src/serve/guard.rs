//! Which Host a local server answers: a page on any web site can make the browser send requests
//! to 127.0.0.1 under its own name (DNS rebinding), so a server on the loopback answers only
//! the loopback's own names, with its port, unless it was started `--public`.

/// Who may be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// `Host` must be `127.0.0.1`, `localhost` or `[::1]`, with this port (or none for 80).
    Local { port: u16 },
    /// Any `Host`: the server was asked to serve the network.
    Public,
}

const LOOPBACK_NAMES: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

impl Guard {
    /// Whether a request with this `Host` header (none: absent) is answered.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Guard::Local { port } = *self else {
            return true;
        };
        let Some(host) = host.map(str::trim) else {
            return false;
        };
        let (name, given) = split_port(host);
        let port_ok = match given {
            Some(p) => p.parse::<u16>() == Ok(port),
            None => port == 80,
        };
        port_ok && LOOPBACK_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// The text of the 421 (Misdirected Request) for a refused Host.
    pub fn refusal(&self) -> String {
        let port = match *self {
            Guard::Local { port } => port,
            Guard::Public => 0,
        };
        format!(
            "Misdirected Request: this preview server answers only Host 127.0.0.1:{port}, localhost:{port} \
             or [::1]:{port}; start it with --public to serve other names"
        )
    }
}

/// `localhost:8080` → (`localhost`, `8080`); `[::1]:80` → (`[::1]`, `80`); `[::1]` → no port.
fn split_port(host: &str) -> (&str, Option<&str>) {
    match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    }
}

#[cfg(test)]
mod tests {
    use super::Guard;

    #[test]
    fn local_answers_only_loopback_names_with_its_port() {
        let guard = Guard::Local { port: 8080 };
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
        ] {
            assert!(guard.allows(Some(ok)), "{ok}");
        }
        for refused in [
            "evil.example:8080",
            "127.0.0.1:8081",
            "localhost",
            "127.0.0.1",
            "localhost.evil.example:8080",
            "127.0.0.1.nip.io:8080",
            "[::1]",
            "",
        ] {
            assert!(!guard.allows(Some(refused)), "{refused}");
        }
        assert!(!guard.allows(None));
    }

    #[test]
    fn port_80_may_be_left_out_and_public_answers_all() {
        assert!(Guard::Local { port: 80 }.allows(Some("localhost")));
        assert!(Guard::Local { port: 80 }.allows(Some("[::1]")));
        assert!(Guard::Public.allows(Some("evil.example")));
        assert!(Guard::Public.allows(None));
    }
}
