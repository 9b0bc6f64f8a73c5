//! What `oc` does with mirror configuration (`mirrors.md` §10–§12), byte for byte:
//!
//! * [`migrate_icsp`]: `oc adm migrate icsp`, ImageContentSourcePolicy files → ImageDigestMirrorSet
//!   files (gopkg.in/yaml.v3 output), on a virtual working directory;
//! * [`release_mirror_instructions`]: the install-config and ICSP / IDMS snippets
//!   `oc adm release mirror` prints (sigs.k8s.io/yaml output);
//! * [`oc_alternates`]: the repositories `oc image …` / `oc adm release …` try with
//!   `--icsp-file` / `--idms-file` (not the node's algorithm, see [`crate::mirror::lookup`]).
//!
//! The readers follow `oc`'s stricter rules (an ICSP file is one object; `kind: List` is
//! refused) and its error texts.

mod alternates;
mod decode;
mod migrate_icsp;
mod release_mirror;
mod yaml_in;

pub(crate) use yaml_in::{
    split_documents as split_yaml_documents, to_json as yaml_document_to_json,
};

pub use alternates::{AlternatesKind, AlternatesStrategy, oc_alternates};
pub use migrate_icsp::{MigrateIcspOutput, MigrateIcspRequest, WrittenFile, migrate_icsp};
pub use release_mirror::{ReleaseMirrorRequest, release_mirror_instructions};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ICSP_HEAD: &str =
        "apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\n";

    proptest::proptest! {
        #[test]
        fn emitted_strings_read_back(s in "[a-zA-Z0-9 :#'\"\\\\_.*&!|>%@`,\\[\\]{}?~\n\t-]{0,12}") {
            // A literal block whose text starts with a space or a newline carries an indentation
            // hint of the emitter's indent while go-yaml writes the content of a sequence item
            // two columns in: go-yaml's own output does not read back there, and ours is the same.
            let hinted_literal = s.contains('\n') && s.starts_with([' ', '\n']);
            proptest::prop_assume!(!hinted_literal);
            for flavor in [crate::goyaml::Flavor::V3, crate::goyaml::Flavor::V2] {
                let text = crate::goyaml::to_yaml(&json!({ "k": s, "l": [s] }), flavor);
                proptest::prop_assert!(text.is_ok());
                let back = yaml_in::to_json(&text.unwrap_or_default());
                proptest::prop_assert_eq!(back, Ok(json!({ "k": s, "l": [s] })));
            }
        }

        #[test]
        fn readers_never_panic(body in "[a-z:\\- \n\\[\\]{}#\"'&*!|>]{0,80}") {
            let content = format!("{ICSP_HEAD}{body}");
            let files = [("f.yaml", content.as_str())];
            let request = MigrateIcspRequest { files: &files, args: &["f.yaml"], dest_dir: None };
            let _ = migrate_icsp(&request, &mut || 7);
            for kind in [AlternatesKind::Icsp, AlternatesKind::Idms] {
                let _ = oc_alternates("quay.io/ns/x", Some(("f.yaml", &content)), kind, AlternatesStrategy::OnError);
                let _ = oc_alternates("quay.io/ns/x", Some(("f.yaml", &body)), kind, AlternatesStrategy::Explicit);
            }
        }
    }
}
