//! Mirror-set objects on arbitrary input: reading any YAML / JSON text as ICSP / IDMS / ITMS
//! objects never panics, and the sets that read render into a registries.conf (or fail with an
//! error) and are linted without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::mirror::lint::{LintInput, lint};
use openshift_image::mirror::render::update_registries_config_text;
use openshift_image::mirror::sets::{into_mirror_sets, read_mirror_sets};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(objects) = read_mirror_sets(text) else {
        return;
    };
    let sets = into_mirror_sets(objects);
    let base = "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n";
    let _ = update_registries_config_text(base, &[], &[], &sets);
    let _ = lint(&LintInput::new(&sets));
});
