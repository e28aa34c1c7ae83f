//! Who may talk to the review server: the checks every request passes
//! before it is served.

use axum::http::{HeaderMap, Method, StatusCode, header};

/// The secret in the review's address: 128 random bits, in hex.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A secret is not printed by accident.
        f.write_str("Token(…)")
    }
}

impl Token {
    /// A new token from the operating system's random generator.
    ///
    /// # Errors
    ///
    /// When the generator fails.
    pub fn random() -> std::io::Result<Token> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The token as it appears in the address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is the token, in time that does not depend on
    /// where they differ.
    fn matches(&self, given: &str) -> bool {
        given.len() == self.0.len()
            && given
                .bytes()
                .zip(self.0.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
}

/// The checks: the token, the `Host`, the `Origin`, and what a request
/// that changes anything must be.
#[derive(Debug, Clone)]
pub struct Guard {
    token: Token,
    port: u16,
}

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No token, or the wrong one: as if nothing were there (404).
    Token,
    /// A `Host` other than the loopback address served (DNS rebinding),
    /// or another site's `Origin` or `Sec-Fetch-Site` (403).
    Site,
    /// A request that changes something, not sent as JSON (415).
    NotJson,
}

impl Refusal {
    /// The status answered.
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::Token => StatusCode::NOT_FOUND,
            Refusal::Site => StatusCode::FORBIDDEN,
            Refusal::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        }
    }
}

impl Guard {
    /// The checks for a server on loopback `port` whose address holds
    /// `token`.
    pub fn new(token: Token, port: u16) -> Guard {
        Guard { token, port }
    }

    /// The token the address holds.
    pub fn token(&self) -> &Token {
        &self.token
    }

    /// The path inside the review, for a request to `path`: what follows
    /// `/TOKEN`, when the token is right.
    pub fn inside<'p>(&self, path: &'p str) -> Option<&'p str> {
        let rest = path.strip_prefix('/')?;
        let (given, inside) = match rest.find('/') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        };
        self.token.matches(given).then_some(inside)
    }

    /// Checks a request's method, path and headers.
    ///
    /// # Errors
    ///
    /// The [`Refusal`] that applies, site checks first.
    pub fn check(&self, method: &Method, path: &str, headers: &HeaderMap) -> Result<(), Refusal> {
        let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let ours = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        if !value(header::HOST.as_str()).is_some_and(|host| ours.iter().any(|o| o == host)) {
            return Err(Refusal::Site);
        }
        if let Some(origin) = value(header::ORIGIN.as_str())
            && !ours.iter().any(|o| origin == format!("http://{o}"))
        {
            return Err(Refusal::Site);
        }
        if let Some(site) = value("sec-fetch-site")
            && !matches!(site, "same-origin" | "none")
        {
            return Err(Refusal::Site);
        }
        if self.inside(path).is_none() {
            return Err(Refusal::Token);
        }
        let changes = !matches!(*method, Method::GET | Method::HEAD);
        let json = value(header::CONTENT_TYPE.as_str())
            .is_some_and(|t| t.split(';').next().map(str::trim) == Some("application/json"));
        if changes && !json {
            return Err(Refusal::NotJson);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn guard() -> (Guard, String) {
        let token = Token::random().unwrap();
        let path = format!("/{}/pairs", token.as_str());
        (Guard::new(token, 8123), path)
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn tokens_are_new_each_time_and_long() {
        let (a, b) = (Token::random().unwrap(), Token::random().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 32);
        assert_eq!(format!("{a:?}"), "Token(…)");
    }

    #[test]
    fn only_our_page_on_our_address_gets_through() {
        let (guard, path) = guard();
        let get = Method::GET;
        let host = ("host", "127.0.0.1:8123");
        assert_eq!(guard.check(&get, &path, &headers(&[host])), Ok(()));
        assert_eq!(
            guard.check(&get, &path, &headers(&[("host", "localhost:8123")])),
            Ok(())
        );
        // DNS rebinding: a name of the attacker's that resolves here.
        assert_eq!(
            guard.check(&get, &path, &headers(&[("host", "evil.example:8123")])),
            Err(Refusal::Site)
        );
        assert_eq!(
            guard.check(&get, &path, &HeaderMap::new()),
            Err(Refusal::Site)
        );
        // Another site's page.
        assert_eq!(
            guard.check(
                &get,
                &path,
                &headers(&[host, ("origin", "http://evil.example")])
            ),
            Err(Refusal::Site)
        );
        assert_eq!(
            guard.check(
                &get,
                &path,
                &headers(&[host, ("sec-fetch-site", "cross-site")])
            ),
            Err(Refusal::Site)
        );
        assert_eq!(
            guard.check(
                &get,
                &path,
                &headers(&[host, ("origin", "http://127.0.0.1:8123")])
            ),
            Ok(())
        );
        // Without the token, or with another.
        assert_eq!(
            guard.check(&get, "/pairs", &headers(&[host])),
            Err(Refusal::Token)
        );
        let other = format!("/{}/pairs", "0".repeat(32));
        assert_eq!(
            guard.check(&get, &other, &headers(&[host])),
            Err(Refusal::Token)
        );
        // A change sent as a form.
        let post = Method::POST;
        let form = ("content-type", "application/x-www-form-urlencoded");
        assert_eq!(
            guard.check(&post, &path, &headers(&[host, form])),
            Err(Refusal::NotJson)
        );
        let json = ("content-type", "application/json");
        assert_eq!(guard.check(&post, &path, &headers(&[host, json])), Ok(()));
    }
}
