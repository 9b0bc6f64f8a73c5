use super::*;
use crate::pull::authfile::lint::AuthFileLintKind as K;

/// base64 of `user:p`.
fn auth(user: &str) -> String {
    use std::fmt::Write as _;
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{user}:p").into_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let c = ALPHABET[((n >> (18 - 6 * i)) & 63) as usize];
                let _ = write!(out, "{}", char::from(c));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A new-format file whose entries' user names are their own keys' labels.
fn file(entries: &[(&str, &str)]) -> AuthFile {
    let members: Vec<String> = entries
        .iter()
        .map(|(key, user)| format!("{key:?}: {{\"auth\": {:?}}}", auth(user)))
        .collect();
    let text = format!("{{\"auths\": {{{}}}}}", members.join(", "));
    AuthFile::parse(&text, AuthFileFormat::Config).expect("valid file")
}

fn user_for_image(file: &AuthFile, image: &str) -> Option<(String, String)> {
    file.credentials_for_image(image)
        .expect("lookup succeeds")
        .map(|c| (c.username.to_owned(), c.key.to_owned()))
}

#[test]
fn most_specific_present_key_wins() {
    let f = file(&[
        ("quay.io", "host"),
        ("quay.io/ns", "ns"),
        ("quay.io/ns/app", "app"),
        ("docker.io", "hub"),
        ("localhost:5000", "local"),
    ]);
    for (image, want) in [
        ("quay.io/ns/app:1", Some(("app", "quay.io/ns/app"))),
        ("quay.io/ns/app/sub", Some(("app", "quay.io/ns/app"))),
        ("quay.io/ns/other", Some(("ns", "quay.io/ns"))),
        // Keys are path prefixes at `/` boundaries, not string prefixes.
        ("quay.io/nsx/app", Some(("host", "quay.io"))),
        // Ports are compared as written.
        ("quay.io:443/ns/app", None),
        ("busybox", Some(("hub", "docker.io"))),
        ("index.docker.io/user/app", Some(("hub", "docker.io"))),
        ("localhost:5000/x", Some(("local", "localhost:5000"))),
        ("localhost:5001/x", None),
        ("ghcr.io/x/y", None),
    ] {
        let want = want.map(|(u, k)| (u.to_owned(), k.to_owned()));
        assert_eq!(user_for_image(&f, image), want, "{image}");
    }
}

#[test]
fn normalised_keys_serve_their_host() {
    for (key, image, served) in [
        ("https://quay.io", "quay.io/ns/app", true),
        ("http://quay.io/v1/", "quay.io/ns/app", true),
        // A URL key with a path counts only as its host.
        ("https://quay.io/ns", "quay.io/other/app", true),
        ("quay.io:443", "quay.io/ns/app", false),
        ("https://index.docker.io/v1/", "busybox", true),
        ("registry-1.docker.io", "docker.io/user/app", true),
        ("https://docker.io", "busybox", true),
        ("index.docker.io", "quay.io/x", false),
        // Without a scheme, a new-format key is not cut: `quay.io/` is not `quay.io`.
        ("quay.io/", "quay.io/ns/app", false),
        ("QUAY.IO", "quay.io/ns/app", false),
    ] {
        let f = file(&[(key, "u")]);
        assert_eq!(
            user_for_image(&f, image).is_some(),
            served,
            "{key} → {image}"
        );
    }
}

#[test]
fn smallest_competing_key_wins_the_fallback() {
    // Upstream iterates a Go map; the library takes the smallest key in byte order.
    let f = file(&[("https://quay.io", "a"), ("http://quay.io/v1/", "b")]);
    assert_eq!(
        user_for_image(&f, "quay.io/x"),
        Some(("b".to_owned(), "http://quay.io/v1/".to_owned()))
    );
    // An exact key preempts the fallback entirely.
    let f = file(&[("https://quay.io", "url"), ("quay.io", "plain")]);
    assert_eq!(
        user_for_image(&f, "quay.io/ns/app").map(|(u, _)| u),
        Some("plain".to_owned())
    );
}

#[test]
fn entry_outcomes() {
    for (entry, outcome, found) in [
        (
            r#"{"auth": "dTpw"}"#,
            EntryOutcome::Credentials,
            Some(("u", "p", "")),
        ),
        (
            r#"{"auth": "dTpwOnE="}"#,
            EntryOutcome::Credentials,
            Some(("u", "p:q", "")),
        ),
        (
            r#"{"auth": "dToAcAA="}"#,
            EntryOutcome::Credentials,
            Some(("u", "p", "")),
        ),
        (
            r#"{"auth": "dTpw\n"}"#,
            EntryOutcome::Credentials,
            Some(("u", "p", "")),
        ),
        (
            r#"{"auth": "dTpw", "identitytoken": "t"}"#,
            EntryOutcome::Credentials,
            Some(("u", "p", "t")),
        ),
        (
            r#"{"AUTH": "dTpw", "IdentityToken": "t"}"#,
            EntryOutcome::Credentials,
            Some(("u", "p", "t")),
        ),
        // `:` alone is all-empty: no credentials, unless a token comes with it.
        (r#"{"auth": "Og=="}"#, EntryOutcome::EmptyCredentials, None),
        (
            r#"{"auth": "Og==", "identitytoken": "t"}"#,
            EntryOutcome::Credentials,
            Some(("", "", "t")),
        ),
        (r"{}", EntryOutcome::NoAuth, None),
        (r"null", EntryOutcome::NoAuth, None),
        (r#"{"auth": null}"#, EntryOutcome::NoAuth, None),
        (
            r#"{"identitytoken": "t"}"#,
            EntryOutcome::IdentityTokenOnly,
            None,
        ),
        (
            r#"{"username": "x", "password": "y"}"#,
            EntryOutcome::NoAuth,
            None,
        ),
        (r#"{"auth": "bm9jb2xvbg=="}"#, EntryOutcome::NoColon, None),
        // `null` leaves a string as it was.
        (
            r#"{"auth": "dTpw", "auth": null}"#,
            EntryOutcome::Credentials,
            Some(("u", "p", "")),
        ),
        (
            r#"{"auth": "x", "auth": "dTpw"}"#,
            EntryOutcome::Credentials,
            Some(("u", "p", "")),
        ),
    ] {
        let text = format!(r#"{{"auths": {{"quay.io": {entry}}}}}"#);
        let f = AuthFile::parse(&text, AuthFileFormat::Config).expect("valid file");
        assert_eq!(
            f.entry("quay.io").map(AuthEntry::outcome),
            Some(outcome),
            "{entry}"
        );
        let got = f.credentials_for_key("quay.io").expect("lookup succeeds");
        assert_eq!(
            got.map(|c| (c.username, c.password, c.identity_token)),
            found,
            "{entry}"
        );
    }
}

#[test]
fn invalid_bytes_become_replacement_characters_one_per_byte() {
    // `w7z/` is 0xC3 0xBC 0xFF; a truncated sequence is two replacement characters in Go.
    assert_eq!(go_string(&[0xC3, 0xBC, 0xFF]), "ü\u{FFFD}");
    assert_eq!(go_string(&[0xE2, 0x82, b'A']), "\u{FFFD}\u{FFFD}A");
}

#[test]
fn errors() {
    type Case<'a> = (&'a str, AuthFileFormat, &'a str, &'a str);
    let prefix = "reading JSON file \"auth.json\": unmarshaling JSON at \"auth.json\": ";
    let cases: &[Case<'_>] = &[
        (
            "",
            AuthFileFormat::Config,
            "quay.io",
            "unexpected end of JSON input",
        ),
        (
            "[]",
            AuthFileFormat::Config,
            "quay.io",
            "json: cannot unmarshal array into Go value of type config.dockerConfigFile",
        ),
        (
            r#"{"auths": []}"#,
            AuthFileFormat::Config,
            "quay.io",
            "json: cannot unmarshal array into Go struct field dockerConfigFile.auths of type map[string]config.dockerAuthConfig",
        ),
        (
            r#"{"auths": {"q": {"auth": 5}}}"#,
            AuthFileFormat::Config,
            "quay.io",
            "json: cannot unmarshal number into Go struct field dockerAuthConfig.auths.auth of type string",
        ),
        // The first type error in document order, even when a later member is fine.
        (
            r#"{"auths": {"q": "x"}, "auths": {"q": {"identitytoken": true}}}"#,
            AuthFileFormat::Config,
            "quay.io",
            "json: cannot unmarshal string into Go struct field dockerConfigFile.auths of type config.dockerAuthConfig",
        ),
        (
            r#"{"credHelpers": {"q": 1}}"#,
            AuthFileFormat::Config,
            "quay.io",
            "json: cannot unmarshal number into Go struct field dockerConfigFile.credHelpers of type string",
        ),
        (
            "{} x",
            AuthFileFormat::Config,
            "quay.io",
            "invalid character 'x' after top-level value",
        ),
        (
            r#"{"q": []}"#,
            AuthFileFormat::Legacy,
            "quay.io",
            "json: cannot unmarshal array into Go value of type config.dockerAuthConfig",
        ),
        (
            "5",
            AuthFileFormat::Legacy,
            "quay.io",
            "json: cannot unmarshal number into Go value of type map[string]config.dockerAuthConfig",
        ),
    ];
    for (text, format, _, want) in cases {
        let got = AuthFile::parse(text, *format)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(got, Err(format!("{prefix}{want}")), "{text}");
    }
    let f = file(&[("quay.io", "u")]);
    for (key, want) in [
        (
            "https://quay.io",
            "key https://quay.io contains http[s]:// prefix",
        ),
        (
            "quay.io@sha256:x",
            "key quay.io@sha256:x contains a '@' character",
        ),
        (
            "quay.io/a:b",
            "key quay.io/a:b contains a ':' character after host[:port]",
        ),
    ] {
        let got = f
            .credentials_for_key(key)
            .map(|_| ())
            .map_err(|e| (e.kind(), e.to_string()));
        assert_eq!(got, Err(("pull.invalid_key", want.to_owned())), "{key}");
    }
    assert!(f.credentials_for_key("localhost:5000/a").is_ok());
    let got = f
        .credentials_for_image("quay.io/X")
        .map(|_| ())
        .map_err(|e| e.kind());
    assert_eq!(got, Err("pull.reference"));
}

#[test]
fn credential_helper_answers_for_its_registry() {
    let text = r#"{"auths": {"quay.io": {"auth": "dTpw"}, "ghcr.io": {"auth": "dTpw"}},
                   "credHelpers": {"quay.io": "secretservice"}}"#;
    let f = AuthFile::parse(text, AuthFileFormat::Config).expect("valid file");
    let err = f
        .credentials_for_image("quay.io/ns/app")
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.kind(), "pull.credential_program");
    assert!(
        err.to_string().starts_with(
            "error getting credentials - err: exec: \"docker-credential-secretservice\""
        )
    );
    assert!(
        f.credentials_for_image("ghcr.io/a")
            .expect("lookup")
            .is_some()
    );
}

#[test]
fn shadowing_and_legacy_lookup() {
    // The first present key decides even when it yields nothing.
    let text = r#"{"auths": {"quay.io/ns": {}, "quay.io": {"auth": "dTpw"}}}"#;
    let f = AuthFile::parse(text, AuthFileFormat::Config).expect("valid file");
    assert_eq!(
        f.credentials_for_image("quay.io/ns/app").expect("lookup"),
        None
    );
    assert!(
        f.credentials_for_image("quay.io/other/app")
            .expect("lookup")
            .is_some()
    );
    // oc loads every key first, so the specific empty entry hides nothing there.
    let store = OcCredentialStore::load(Some(text)).expect("loads");
    assert!(store.credentials_for("quay.io/ns/app").is_some());

    // A legacy file is looked up by registry only, and every key is cut at its first `/`.
    let legacy = r#"{"quay.io/ns": {"auth": "bnM6cA=="}, "quay.io": {"auth": "aG9zdDpw"}}"#;
    let f = AuthFile::parse(legacy, AuthFileFormat::Legacy).expect("valid file");
    let found = f.credentials_for_image("quay.io/ns/app").expect("lookup");
    assert_eq!(
        found.map(|c| (c.username, c.key)),
        Some(("host", "quay.io"))
    );
    let f = AuthFile::parse(
        r#"{"quay.io/v1/": {"auth": "dTpw"}}"#,
        AuthFileFormat::Legacy,
    )
    .expect("valid file");
    let found = f.credentials_for_image("quay.io/x").expect("lookup");
    assert_eq!(found.map(|c| c.key), Some("quay.io/v1/"));
}

#[test]
fn indexed_lookup_matches_the_scan() {
    let f = file(&[
        ("quay.io/ns", "ns"),
        ("https://quay.io", "a"),
        ("http://quay.io/v1/", "b"),
        ("https://index.docker.io/v1/", "hub"),
        ("registry-1.docker.io", "hub2"),
        ("", "empty"),
        ("a//b", "slashes"),
    ]);
    for key in [
        "quay.io",
        "quay.io/ns",
        "quay.io/ns/app",
        "quay.io/x",
        "docker.io",
        "docker.io/library/x",
        "index.docker.io",
        "",
        "/",
        "a//b/c",
        "a/",
        "ghcr.io",
    ] {
        let indexed = f.credentials_for_key(key).map_err(|e| e.to_string());
        let scanned = f.credentials_for_key_scan(key).map_err(|e| e.to_string());
        assert_eq!(indexed, scanned, "{key:?}");
    }
}

#[test]
fn oc_resolver() {
    // Keys are normalised, then each is looked up as the runtime would.
    let text = r#"{"auths": {"https://quay.io/v1/": {"auth": "dTpw"},
                             "https://index.docker.io/v1/": {"auth": "aHViOnA="}}}"#;
    let store = OcCredentialStore::load(Some(text)).expect("loads");
    let mut keys: Vec<&str> = store.credentials().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["docker.io", "quay.io"]);
    assert_eq!(
        store
            .credentials_for("busybox")
            .map(|c| c.username.as_str()),
        Some("hub")
    );
    assert!(store.credentials_for("Quay.io/x").is_none());
    assert!(store.credentials_for("").is_none());

    for (text, want) in [
        (None, "stat auth.json: no such file or directory".to_owned()),
        (
            Some(r#"{"auths": {"a.io": {"auth": "*"}, "b.io/x:y": {"auth": "dTpw"}}}"#),
            "2 errors occurred:\n\t* illegal base64 data at input byte 0\n\t* key b.io/x:y contains a ':' character after host[:port]\n\n".to_owned(),
        ),
    ] {
        let got = OcCredentialStore::load(text).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(got, Err(want));
    }
}

#[test]
fn explanation_names_keys_and_reasons() {
    let text = r#"{"auths": {"quay.io/ns": {"identitytoken": "t"}, "quay.io": {"auth": "dTpw"},
                             "https://ghcr.io": {"auth": "dTpw"}, "http://ghcr.io/v1/": {"auth": "dTpw"}}}"#;
    let f = AuthFile::parse(text, AuthFileFormat::Config).expect("valid file");

    let e = f.explain_image("quay.io/ns/app");
    let tried: Vec<(&str, bool)> = e
        .exact_keys
        .iter()
        .map(|s| (s.key.as_str(), s.present))
        .collect();
    assert_eq!(tried, [("quay.io/ns/app", false), ("quay.io/ns", true)]);
    let winner = e.winner.expect("a winner");
    assert_eq!(
        (winner.key.as_str(), winner.via),
        ("quay.io/ns", MatchKind::Exact)
    );
    assert_eq!(winner.outcome, EntryOutcome::IdentityTokenOnly);
    assert!(winner.reason.contains("`quay.io`"), "{}", winner.reason);
    assert!(e.credentials.is_none() && e.error.is_none() && e.normalised.is_none());

    let e = f.explain_image("ghcr.io/a/b");
    let step = e.normalised.expect("fallback ran");
    assert!(step.map_order_dependent);
    let chosen: Vec<(&str, bool)> = step
        .candidates
        .iter()
        .map(|c| (c.key.as_str(), c.chosen))
        .collect();
    assert_eq!(
        chosen,
        [("http://ghcr.io/v1/", true), ("https://ghcr.io", false)]
    );
    assert_eq!(e.winner.map(|w| w.via), Some(MatchKind::Normalised));
    assert_eq!(e.credentials.map(|c| c.username), Some("u".to_owned()));

    let e = f.explain_key("quay.io/a:b");
    assert_eq!(e.error.map(|x| x.kind), Some("pull.invalid_key"));
    let e = f.explain_image("ghcr.io:443/x");
    assert!(e.winner.is_none() && e.error.is_none());
    assert_eq!(e.normalised.map(|n| n.candidates.len()), Some(0));
}

#[test]
fn lint_findings() {
    let kinds = |text: &str, format| -> Vec<(K, Option<String>)> {
        lint_auth_file_text(text, format)
            .into_iter()
            .map(|f| (f.kind, f.key))
            .collect()
    };
    let s = |k: &str| Some(k.to_owned());
    for (text, format, want) in [
        (
            r#"{"auths": {"quay.io/ns": {}, "quay.io": {"auth": "dTpw"}}}"#,
            AuthFileFormat::Config,
            vec![(K::ShadowingEntry, s("quay.io/ns"))],
        ),
        (
            // The normalised fallback is hidden too.
            r#"{"auths": {"quay.io": {"identitytoken": "t"}, "https://quay.io": {"auth": "dTpw"}}}"#,
            AuthFileFormat::Config,
            vec![
                (K::IdentityTokenIgnored, s("quay.io")),
                (K::ShadowingEntry, s("quay.io")),
            ],
        ),
        (
            r#"{"auths": {"https://quay.io": {"auth": "dTpw"}, "http://quay.io/v1/": {"auth": "dTpw"}}}"#,
            AuthFileFormat::Config,
            vec![(K::AmbiguousNormalisedKeys, s("http://quay.io/v1/"))],
        ),
        (
            // An exact key preempts the competing URL keys.
            r#"{"auths": {"quay.io": {"auth": "dTpw"}, "https://quay.io": {"auth": "dTpw"}, "http://quay.io/v1/": {"auth": "dTpw"}}}"#,
            AuthFileFormat::Config,
            vec![],
        ),
        (
            r#"{"auths": {"quay.io:443": {"auth": "dTpw"}, "*.example.com": {"auth": "dTpw"}, "x.io/": {"auth": "dTpw"}}}"#,
            AuthFileFormat::Config,
            vec![
                (K::DefaultPortKey, s("quay.io:443")),
                (K::KeyNeverMatches, s("*.example.com")),
                (K::KeyNeverMatches, s("x.io/")),
            ],
        ),
        (
            r#"{"auths": {"a.io": {"auth": "dTpwcA"}, "b.io": {"auth": "***"}, "c.io": {"username": "u", "password": "p"}}}"#,
            AuthFileFormat::Config,
            vec![
                (K::AuthNotPortable, s("a.io")),
                (K::InvalidAuth, s("b.io")),
                (K::UsernamePasswordIgnored, s("c.io")),
                (K::BreaksOc, None),
            ],
        ),
        (
            r#"{"auths": {"q.io/a:b": {"auth": "dTpw"}}, "credHelpers": {"r.io": "x"}}"#,
            AuthFileFormat::Config,
            vec![
                (K::InvalidKey, s("q.io/a:b")),
                (K::CredentialHelper, s("r.io")),
                (K::BreaksOc, None),
            ],
        ),
        (
            // Legacy: keys are cut at their first `/`, so paths are harmless.
            r#"{"quay.io": {}, "https://quay.io/v1/": {"auth": "dTpw"}, "q.io/a:b": {"auth": "dTpw"}}"#,
            AuthFileFormat::Legacy,
            vec![(K::ShadowingEntry, s("quay.io"))],
        ),
        ("{", AuthFileFormat::Config, vec![(K::UnreadableFile, None)]),
        ("{}", AuthFileFormat::Config, vec![]),
    ] {
        assert_eq!(kinds(text, format), want, "{text}");
    }
}

#[test]
fn work_is_linear_in_the_key() {
    let long = "a/".repeat(100_000);
    let f = file(&[("a", "a"), ("a/a/a", "deep")]);
    let start = std::time::Instant::now();
    let found = f.credentials_for_key(&long).expect("lookup succeeds");
    assert_eq!(found.map(|c| c.key), Some("a/a/a"));
    let e = f.explain_key(&long);
    assert_eq!(e.exact_keys.len(), 257);
    assert_eq!(
        e.exact_keys.last().map(|s| (s.key.as_str(), s.present)),
        Some(("a/a/a", true))
    );
    // The whole key and the prefixes with 99,999 down to 3 slashes were absent.
    assert_eq!(e.exact_keys_omitted, 99_998 - 256);
    let _ = lint_auth_file(&f);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}
