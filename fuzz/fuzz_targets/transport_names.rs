//! Transport-prefixed image names on arbitrary input, over arbitrary file systems: parsing
//! never panics and always ends (symbolic-link loops included); a parsed name's transport is
//! the one its prefix selects; `<transport>:<reference>` parses again without panicking, and
//! for the path transports (which keep the text they were given) back to the same result, as
//! containers/image promises of `StringWithinTransport`. (The Docker-name transports print
//! familiar forms, which upstream does not always read back the same way:
//! `docker.io/localhost/app` is printed `localhost/app`, a host.)
//!
//! Input: the first line is the image name; every further line adds to the file system the
//! name is parsed in (working directory `/srv/images`): `d <path>` a directory, `f <path>` a
//! file, `l <path> <target>` a symbolic link (lines that do not fit are skipped).
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::pull::transports::{
    FileSystemView, Transport, parse_image_name, transport_from_image_name,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.split('\n');
    let name = lines.next().unwrap_or_default();
    let Ok(mut fs) = FileSystemView::new("/srv/images") else {
        return;
    };
    for line in lines {
        let _ = match line.split(' ').collect::<Vec<_>>().as_slice() {
            ["d", path] => fs.add_directory(path),
            ["f", path] => fs.add_file(path),
            ["l", path, target] => fs.add_symlink(path, target),
            _ => Ok(()),
        };
    }
    let Ok(parsed) = parse_image_name(name, &fs) else {
        return;
    };
    assert_eq!(
        transport_from_image_name(name),
        Some(parsed.transport),
        "{name:?}"
    );
    let canonical = parsed.to_string();
    let reparsed = parse_image_name(&canonical, &fs);
    let keeps_text = matches!(
        parsed.transport,
        Transport::Dir
            | Transport::Sif
            | Transport::Oci
            | Transport::OciArchive
            | Transport::Tarball
    );
    if keeps_text {
        assert_eq!(reparsed.as_ref(), Ok(&parsed), "{name:?} → {canonical:?}");
    }
});
