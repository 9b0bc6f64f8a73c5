//! Every Docker-model parser on arbitrary input: no panic, and a parsed reference survives
//! printing and parsing again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::{AnyReference, Production, Reference, familiar_match, match_production};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) = Reference::parse(s) {
        assert_eq!(Reference::parse(&r.to_string()).as_ref(), Ok(&r));
        let _ = (r.familiar_string(), r.trim_named(), r.with_default_tag());
    }
    let _ = Reference::parse_legacy(s);
    if let Ok(r) = Reference::parse_normalized(s) {
        assert_eq!(Reference::parse_normalized(&r.to_string()).as_ref(), Ok(&r));
    }
    let _ = Reference::parse_normalized_legacy(s);
    let _ = Reference::parse_named(s);
    let _ = Reference::parse_docker_ref(s);
    let _ = Reference::with_name(s);
    // Split the input into a pattern and a reference for the glob matcher.
    let (pattern, rest) = s.split_once('\n').unwrap_or((s, "busybox"));
    if let Ok(any) = AnyReference::parse(rest) {
        let _ = familiar_match(pattern, &any);
    }
    for p in [
        Production::Domain,
        Production::Name,
        Production::Reference,
        Production::Tag,
        Production::Digest,
    ] {
        let _ = match_production(p, s);
    }
});
