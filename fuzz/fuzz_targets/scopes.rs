//! The scope matchers and the import whitelist on arbitrary input: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::{
    AllowedRegistry, RegistryWhitelister, WhitelistTransport, is_valid_mirror,
    is_valid_mirror_source, is_valid_registries_conf_scope, is_wildcard_match, ref_matching_prefix,
    scope_is_nested_inside_scope,
};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = s.split_once('\n').unwrap_or((s, s));
    let _ = is_valid_registries_conf_scope(a);
    let _ = is_valid_mirror_source(a);
    let _ = is_valid_mirror(a);
    let _ = scope_is_nested_inside_scope(a, b);
    if let Some(n) = ref_matching_prefix(a, b) {
        assert!(n <= a.len());
    }
    let _ = is_wildcard_match(a, b);
    let allowed = [AllowedRegistry {
        domain_name: b.to_owned(),
        insecure: a.len() % 2 == 0,
    }];
    if let Ok(mut w) = RegistryWhitelister::new(&allowed) {
        let _ = w.whitelist_registry(b, WhitelistTransport::Any);
        for t in [
            WhitelistTransport::Secure,
            WhitelistTransport::Insecure,
            WhitelistTransport::Any,
        ] {
            let _ = w.admit_pull_spec(a, t);
            let _ = w.admit_hostname(a, t);
        }
    }
});
