//! registries.conf on arbitrary input: loading any text (and any drop-in) never panics; for a
//! configuration that loads, the lookup index answers exactly what upstream's linear scan
//! answers for arbitrary names, and resolving and explaining any reference never panic; the
//! MCO writer's output reads back to the same model.
//!
//! Input: the first line is the name to look up, the rest the registries.conf text (a line
//! `#dropin` splits off a drop-in).
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::mirror::conf::RegistriesConf;
use openshift_image::mirror::load::load_many;
use openshift_image::mirror::lookup::find_registry_scan;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (name, conf) = text.split_once('\n').unwrap_or((text, ""));
    let (main, drop_in) = conf.split_once("#dropin\n").unwrap_or((conf, ""));
    if let Ok(model) = RegistriesConf::from_toml(main) {
        let written = model.to_toml();
        let reread = RegistriesConf::from_toml_v2(&written);
        assert!(reread.is_ok(), "{written:?} does not read back: {reread:?}");
    }
    let drop_ins = [("50-fuzz.conf", drop_in)];
    let Ok(config) = load_many(Some(main), &drop_ins) else {
        return;
    };
    for candidate in [name, name.split(['@', ':']).next().unwrap_or(name)] {
        let indexed = config.find_registry_index(candidate);
        let scanned = find_registry_scan(config.registries(), candidate);
        assert_eq!(indexed, scanned, "{candidate:?}");
    }
    let _ = config.resolve(name);
    let _ = config.explain(name);
});
