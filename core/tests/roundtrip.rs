//! Property tests: generated valid references survive printing and parsing in both models, and
//! no input makes a parser or matcher panic.

use openshift_image::{
    AnyReference, DockerImageReference, Reference, is_valid_registries_conf_scope,
    is_wildcard_match, policy_identity_and_namespaces, ref_matching_prefix,
    scope_is_nested_inside_scope,
};
use proptest::prelude::*;

/// `[A-Za-z0-9]` or `[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]`.
fn domain_component() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z0-9]", "[A-Za-z0-9][A-Za-z0-9-]{0,10}[A-Za-z0-9]"]
}

/// A registry host with a dot or a port, so that normalization keeps it as the domain.
fn domain(ipv6: bool) -> BoxedStrategy<String> {
    let named = (
        prop::collection::vec(domain_component(), 1..4),
        prop::option::of(1u32..65536),
    )
        .prop_filter_map("needs a dot or a port", |(components, port)| {
            let host = components.join(".");
            if !host.contains('.') && port.is_none() {
                return None;
            }
            Some(match port {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        });
    if ipv6 {
        prop_oneof![
            4 => named,
            1 => ("[0-9a-f]{1,4}:[0-9a-f:]{0,16}", prop::option::of(1u32..65536)).prop_map(|(h, p)| match p {
                Some(p) => format!("[{h}]:{p}"),
                None => format!("[{h}]"),
            }),
        ]
        .boxed()
    } else {
        named.boxed()
    }
}

/// `[a-z0-9]+ (separator [a-z0-9]+)*`.
fn path_component() -> impl Strategy<Value = String> {
    (
        "[a-z0-9]{1,8}",
        prop::collection::vec(("(\\.|_|__|-{1,3})", "[a-z0-9]{1,6}"), 0..3),
    )
        .prop_map(|(first, rest)| {
            let mut s = first;
            for (sep, alnum) in rest {
                s.push_str(&sep);
                s.push_str(&alnum);
            }
            s
        })
}

fn tag() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}"
}

fn digest() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-f]{64}".prop_map(|h| format!("sha256:{h}")),
        "[0-9a-f]{128}".prop_map(|h| format!("sha512:{h}")),
    ]
}

/// A valid reference string: `[domain/]path[:tag][@digest]`.
fn reference(ipv6: bool) -> impl Strategy<Value = String> {
    (
        prop::option::of(domain(ipv6)),
        prop::collection::vec(path_component(), 1..4),
        prop::option::of(tag()),
        prop::option::of(digest()),
    )
        .prop_map(|(domain, path, tag, digest)| {
            let mut s = domain.map(|d| format!("{d}/")).unwrap_or_default();
            s.push_str(&path.join("/"));
            if let Some(t) = tag {
                s.push(':');
                s.push_str(&t);
            }
            if let Some(d) = digest {
                s.push('@');
                s.push_str(&d);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn docker_model_round_trips(s in reference(true)) {
        let r = Reference::parse(&s).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
        prop_assert_eq!(r.to_string(), s.clone());
        prop_assert_eq!(Reference::parse(r.as_str()), Ok(r.clone()));
        // Normalization is idempotent on its own output.
        let n = Reference::parse_normalized(&s).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
        prop_assert_eq!(Reference::parse_normalized(n.as_str()), Ok(n.clone()));
        prop_assert_eq!(Reference::parse_named(n.as_str()), Ok(n.clone()));
        // Serde carries the whole value.
        let json = serde_json::to_value(&n).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Reference = serde_json::from_value(json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, n);
        // The parts rebuild the reference.
        let rebuilt = Reference::with_name(r.name()).and_then(|x| match r.tag() {
            Some(t) => x.with_tag(t),
            None => Ok(x),
        }).and_then(|x| match r.digest() {
            Some(d) => x.with_digest(d),
            None => Ok(x),
        });
        prop_assert_eq!(rebuilt, Ok(r));
    }

    #[test]
    fn openshift_model_round_trips(s in reference(false)) {
        let r = DockerImageReference::parse(&s).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
        // A registry alone (`a.b`, `localhost:5000`) has no name and prints as `""`.
        prop_assume!(!r.name.is_empty());
        // `exact` prints the ID instead of the tag when both are set, so compare without it.
        let comparable = if r.id.is_empty() { r.clone() } else { DockerImageReference { tag: String::new(), ..r.clone() } };
        prop_assert_eq!(DockerImageReference::parse(&comparable.exact()), Ok(comparable.clone()));
        let json = serde_json::to_value(&r).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: DockerImageReference = serde_json::from_value(json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, r);
    }

    #[test]
    fn no_input_panics(s in any::<String>(), t in any::<String>()) {
        let _ = Reference::parse(&s);
        let _ = Reference::parse_legacy(&s);
        let _ = Reference::parse_normalized(&s);
        let _ = Reference::parse_docker_ref(&s);
        let _ = AnyReference::parse(&s);
        if let Ok(r) = DockerImageReference::parse(&s) {
            let _ = (r.registry_host_port(true), r.registry_url(), r.to_string(), r.most_specific());
        }
        let _ = policy_identity_and_namespaces(&s);
        let _ = is_valid_registries_conf_scope(&s);
        let _ = scope_is_nested_inside_scope(&s, &t);
        let _ = ref_matching_prefix(&s, &t);
        let _ = is_wildcard_match(&s, &t);
        if let Ok(any) = AnyReference::parse(&s) {
            let _ = openshift_image::familiar_match(&t, &any);
        }
    }
}
