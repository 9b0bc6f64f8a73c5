//! Short-name resolution on arbitrary input: resolving any name under any registries.conf,
//! alias file and switches never panics; every candidate is a fully qualified, normalised
//! reference; a name is resolved as is exactly when it is not short.
//!
//! Input: the first byte picks the switches (mode override, force Docker Hub), the next line
//! is the name, the rest the registries.conf text (a line `#aliases` splits off the
//! machine-written alias file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::Reference;
use openshift_image::mirror::load::ShortNameMode;
use openshift_image::pull::shortnames::{
    ModeOverride, Rationale, ShortNameConfig, combined_pull_error, is_short_name, resolve,
    resolve_locally,
};

fn assert_qualified(candidate: &str) {
    let parsed = Reference::parse_normalized_legacy(candidate);
    assert!(
        parsed.as_ref().is_ok_and(|r| r.as_str() == candidate),
        "{candidate:?} is not normalised: {parsed:?}"
    );
    assert!(!is_short_name(candidate), "{candidate:?} is short");
}

fuzz_target!(|data: &[u8]| {
    let Some((&switches, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (name, conf) = text.split_once('\n').unwrap_or((text, ""));
    let (main, user) = match conf.split_once("#aliases\n") {
        Some((main, user)) => (main, Some(user)),
        None => (conf, None),
    };
    let mode = match switches % 5 {
        0 => None,
        1 => Some(ModeOverride::Mode(ShortNameMode::Enforcing)),
        2 => Some(ModeOverride::Mode(ShortNameMode::Permissive)),
        3 => Some(ModeOverride::Mode(ShortNameMode::Disabled)),
        _ => Some(ModeOverride::Invalid),
    };
    let main = (switches & 0x40 == 0).then_some(main);
    let config = ShortNameConfig::load(main, &[] as &[(&str, &str)])
        .with_user_aliases(user)
        .with_mode_override(mode)
        .with_force_docker_hub(switches & 0x80 != 0);
    if let Ok(resolved) = resolve(&config, name) {
        assert!(!resolved.candidates.is_empty());
        assert_eq!(resolved.rationale == Rationale::None, !is_short_name(name));
        for candidate in &resolved.candidates {
            assert_qualified(candidate);
        }
        let errors: Vec<&str> = resolved.candidates.iter().map(String::as_str).collect();
        let _ = resolved.combined_pull_error(&errors);
    }
    if let Ok(candidates) = resolve_locally(&config, name) {
        assert!(!candidates.is_empty());
        for candidate in &candidates {
            assert_qualified(candidate);
        }
    }
    let _ = combined_pull_error(usize::from(switches), &[name, main.unwrap_or_default()]);
});
