//! `signature.NewPolicyFromBytes` (containers/image v5.35, `pull.md` §6.1–6.2): strict objects
//! (`ParanoidUnmarshalJSONObject`), each requirement read first for its `type` with ordinary Go
//! decoding, then strictly, with upstream's texts and check order.
//!
//! Errors are plain message strings here; [`super::Policy::from_json`] wraps them.

use std::collections::HashSet;

use super::json::{Cursor, Kind, check_valid};
use super::requirement::{
    CaSource, Fulcio, GpgKeys, IdentityMatch, KeyType, Pki, RekorKeys, Requirement,
    SignedBaseLayer, SignedBy, SigstoreKeys, SigstoreSigned,
};
use super::scope::scope_error;
use crate::gofmt::GoQuoted;
use crate::pull::gojson::decode_base64;
use crate::pull::transports::Transport;
use crate::reference::Reference;
use crate::reference::grammar::{Grammar, is_domain_and_port, is_remote_name};

type Decoded<T> = Result<T, String>;

/// A decoded document: the default list and every transport section in document order.
pub(super) struct DecodedPolicy {
    pub(super) default: Vec<Requirement>,
    pub(super) transports: Sections,
}

/// Transport sections: name and scopes, each scope with its requirements, in document order.
pub(super) type Sections = Vec<(String, Vec<(String, Vec<Requirement>)>)>;

const EMPTY_LIST: &str = "List of verification policy requirements must not be empty";
const PR_TYPE: &str = "signature.prTypeIdentifier";
const PRM_TYPE: &str = "signature.prmTypeIdentifier";

fn unknown_key(key: &str) -> String {
    format!("Unknown key {}", GoQuoted(key))
}

fn missing_key(key: &str) -> String {
    format!("Key {} missing in a JSON object", GoQuoted(key))
}

fn cannot_unmarshal(kind: Kind, go_type: &str) -> String {
    format!(
        "json: cannot unmarshal {} into Go value of type {go_type}",
        kind.go_name()
    )
}

/// `ParanoidUnmarshalJSONObject`: an object whose keys are unique and known. `member` decodes
/// the value of a key (consuming it) and answers whether the key is known.
fn paranoid_object<'a>(
    cur: &mut Cursor<'a>,
    mut member: impl FnMut(&str, &mut Cursor<'a>) -> Decoded<bool>,
) -> Decoded<()> {
    if cur.kind() != Kind::Object {
        return Err(format!("JSON object expected, got {}", cur.token_dump()));
    }
    cur.begin_object();
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(key) = cur.next_key() {
        if seen.contains(&key) {
            return Err(format!("Duplicate key {}", GoQuoted(&key)));
        }
        if !member(&key, cur)? {
            return Err(unknown_key(&key));
        }
        seen.insert(key);
    }
    Ok(())
}

/// Decodes the whole document.
pub(super) fn decode_policy(text: &str) -> Decoded<DecodedPolicy> {
    check_valid(text)?;
    let mut cur = Cursor::new(text);
    let mut default = None;
    let mut transports = Vec::new();
    paranoid_object(&mut cur, |key, cur| {
        match key {
            "default" => default = Some(requirement_list(cur)?),
            "transports" => transports = transport_sections(cur)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let default = default.ok_or_else(|| "Default policy is missing".to_owned())?;
    Ok(DecodedPolicy {
        default,
        transports,
    })
}

/// `policyTransportsMap`: transport name → scopes. Unknown transport names are accepted and
/// their scopes not validated.
fn transport_sections(cur: &mut Cursor<'_>) -> Decoded<Sections> {
    let mut out = Vec::new();
    paranoid_object(cur, |name, cur| {
        let transport = Transport::from_name(name);
        let mut scopes = Vec::new();
        paranoid_object(cur, |scope, cur| {
            // A scope its transport rejects is simply not a known key.
            if !scope.is_empty() && transport.is_some_and(|t| scope_error(t, scope).is_some()) {
                return Ok(false);
            }
            scopes.push((scope.to_owned(), requirement_list(cur)?));
            Ok(true)
        })?;
        out.push((name.to_owned(), scopes));
        Ok(true)
    })?;
    Ok(out)
}

/// `PolicyRequirements.UnmarshalJSON`: a non-empty array of requirements.
fn requirement_list(cur: &mut Cursor<'_>) -> Decoded<Vec<Requirement>> {
    match cur.kind() {
        Kind::Array => {
            cur.begin_array();
            let mut raws = Vec::new();
            while cur.next_element() {
                raws.push(cur.raw_value());
            }
            if raws.is_empty() {
                return Err(EMPTY_LIST.to_owned());
            }
            raws.into_iter().map(requirement).collect()
        }
        Kind::Null => {
            cur.skip_value();
            Err(EMPTY_LIST.to_owned())
        }
        kind => {
            cur.skip_value();
            Err(cannot_unmarshal(kind, "[]json.RawMessage"))
        }
    }
}

/// The `type` member read with ordinary Go decoding into `prCommon` / `prmCommon`: member
/// names match case-insensitively, the last one wins, other members are ignored, `null`
/// leaves `""`.
fn read_type(raw: &str, common: &str, type_name: &str) -> Decoded<String> {
    let mut cur = Cursor::new(raw);
    match cur.kind() {
        Kind::Null => return Ok(String::new()),
        Kind::Object => {}
        kind => return Err(cannot_unmarshal(kind, &format!("signature.{common}"))),
    }
    cur.begin_object();
    let mut kind_value = String::new();
    let mut first_error = None;
    while let Some(key) = cur.next_key() {
        if !key.eq_ignore_ascii_case("type") {
            cur.skip_value();
            continue;
        }
        match cur.kind() {
            Kind::String => kind_value = cur.string(),
            Kind::Null => cur.skip_value(),
            kind => {
                cur.skip_value();
                first_error.get_or_insert_with(|| {
                    format!(
                        "json: cannot unmarshal {} into Go struct field {common}.type of type {type_name}",
                        kind.go_name()
                    )
                });
            }
        }
    }
    first_error.map_or(Ok(kind_value), Err)
}

/// A Go `string` destination: `null` leaves it empty.
fn go_string(cur: &mut Cursor<'_>, go_type: &str) -> Decoded<String> {
    match cur.kind() {
        Kind::String => Ok(cur.string()),
        Kind::Null => {
            cur.skip_value();
            Ok(String::new())
        }
        kind => {
            cur.skip_value();
            Err(cannot_unmarshal(kind, go_type))
        }
    }
}

/// A Go `[]string` destination: `None` for `null` (a nil slice); `null` elements are `""`.
fn go_string_list(cur: &mut Cursor<'_>) -> Decoded<Option<Vec<String>>> {
    match cur.kind() {
        Kind::Array => {
            cur.begin_array();
            let mut out = Vec::new();
            while cur.next_element() {
                out.push(go_string(cur, "string")?);
            }
            Ok(Some(out))
        }
        Kind::Null => {
            cur.skip_value();
            Ok(None)
        }
        kind => {
            cur.skip_value();
            Err(cannot_unmarshal(kind, "[]string"))
        }
    }
}

/// A Go `[]byte` destination: base64 text, or an array of byte values; `None` for `null`.
fn go_bytes(cur: &mut Cursor<'_>) -> Decoded<Option<Vec<u8>>> {
    match cur.kind() {
        Kind::String => decode_base64(&cur.string(), true)
            .map(Some)
            .map_err(|e| e.to_string()),
        Kind::Array => {
            cur.begin_array();
            let mut out = Vec::new();
            while cur.next_element() {
                out.push(match cur.kind() {
                    Kind::Number => {
                        let text = cur.number_text();
                        text.parse::<u8>().map_err(|_| {
                            format!(
                                "json: cannot unmarshal number {text} into Go value of type uint8"
                            )
                        })?
                    }
                    Kind::Null => {
                        cur.skip_value();
                        0
                    }
                    kind => {
                        cur.skip_value();
                        return Err(cannot_unmarshal(kind, "uint8"));
                    }
                });
            }
            Ok(Some(out))
        }
        Kind::Null => {
            cur.skip_value();
            Ok(None)
        }
        kind => {
            cur.skip_value();
            Err(cannot_unmarshal(kind, "[]uint8"))
        }
    }
}

/// A Go `[][]byte` destination; `null` elements are empty.
fn go_bytes_list(cur: &mut Cursor<'_>) -> Decoded<Option<Vec<Vec<u8>>>> {
    match cur.kind() {
        Kind::Array => {
            cur.begin_array();
            let mut out = Vec::new();
            while cur.next_element() {
                out.push(go_bytes(cur)?.unwrap_or_default());
            }
            Ok(Some(out))
        }
        Kind::Null => {
            cur.skip_value();
            Ok(None)
        }
        kind => {
            cur.skip_value();
            Err(cannot_unmarshal(kind, "[][]uint8"))
        }
    }
}

/// `newPolicyRequirementFromJSON`.
fn requirement(raw: &str) -> Decoded<Requirement> {
    let kind = read_type(raw, "prCommon", PR_TYPE)?;
    match kind.as_str() {
        "insecureAcceptAnything" => {
            type_only(raw, PR_TYPE)?;
            Ok(Requirement::InsecureAcceptAnything)
        }
        "reject" => {
            type_only(raw, PR_TYPE)?;
            Ok(Requirement::Reject)
        }
        "signedBy" => signed_by(raw).map(Requirement::SignedBy),
        "sigstoreSigned" => sigstore_signed(raw).map(Requirement::SigstoreSigned),
        "signedBaseLayer" => signed_base_layer(raw).map(Requirement::SignedBaseLayer),
        other => Err(format!(
            "Unknown policy requirement type {}",
            GoQuoted(other)
        )),
    }
}

/// `ParanoidUnmarshalJSONObjectExactFields` with the single field `type`.
fn type_only(raw: &str, type_name: &str) -> Decoded<()> {
    let mut seen = false;
    paranoid_object(&mut Cursor::new(raw), |key, cur| {
        if key != "type" {
            return Ok(false);
        }
        go_string(cur, type_name)?;
        seen = true;
        Ok(true)
    })?;
    if seen {
        Ok(())
    } else {
        Err(missing_key("type"))
    }
}

/// `sbKeyType.UnmarshalJSON`: a string (`null` is `""`) that must be a known key type.
fn key_type(cur: &mut Cursor<'_>) -> Decoded<KeyType> {
    let name = go_string(cur, "string")?;
    KeyType::from_name(&name)
        .ok_or_else(|| format!("Unrecognized keyType value {}", GoQuoted(&name)))
}

/// `signedIdentity`: the default when absent, else decoded (a `null` value included).
fn signed_identity(raw: Option<&str>) -> Decoded<IdentityMatch> {
    raw.map_or(Ok(IdentityMatch::MatchRepoDigestOrExact), identity_match)
}

/// `prSignedBy.UnmarshalJSON` then `newPRSignedBy`.
fn signed_by(raw: &str) -> Decoded<SignedBy> {
    let mut key_type_value = None;
    // Outer `Option`: the member is present; inner: its Go value.
    let mut key_path: Option<String> = None;
    let mut key_paths: Option<Option<Vec<String>>> = None;
    let mut key_data: Option<Option<Vec<u8>>> = None;
    let mut identity_raw = None;
    paranoid_object(&mut Cursor::new(raw), |key, cur| {
        match key {
            "type" => {
                go_string(cur, PR_TYPE)?;
            }
            "keyType" => key_type_value = Some(key_type(cur)?),
            "keyPath" => key_path = Some(go_string(cur, "string")?),
            "keyPaths" => key_paths = Some(go_string_list(cur)?),
            "keyData" => key_data = Some(go_bytes(cur)?),
            "signedIdentity" => identity_raw = Some(cur.raw_value()),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let signed_identity = signed_identity(identity_raw)?;
    let sources = [key_path.is_some(), key_paths.is_some(), key_data.is_some()];
    match sources.iter().filter(|&&present| present).count() {
        0 => {
            return Err(
                "Exactly one of keyPath, keyPaths and keyData must be specified, none of them present"
                    .to_owned(),
            );
        }
        1 => {}
        _ => {
            return Err(
                "Exactly one of keyPath, keyPaths and keyData must be specified, more than one present"
                    .to_owned(),
            );
        }
    }
    let Some(key_type) = key_type_value else {
        return Err("invalid keyType \"\"".to_owned());
    };
    let keys = match (key_path, key_paths, key_data) {
        (Some(path), _, _) if !path.is_empty() => GpgKeys::KeyPath(path),
        (_, Some(Some(paths)), _) => GpgKeys::KeyPaths(paths),
        (_, _, Some(Some(data))) => GpgKeys::KeyData(data),
        _ => {
            return Err(
                "exactly one of keyPath, keyPaths and keyData must be specified".to_owned(),
            );
        }
    };
    Ok(SignedBy {
        key_type,
        keys,
        signed_identity,
    })
}

/// The members of a `sigstoreSigned` object as decoded (outer `Option`: present).
#[derive(Default)]
struct SigstoreMembers<'a> {
    key_path: Option<String>,
    key_paths: Option<Option<Vec<String>>>,
    key_data: Option<Option<Vec<u8>>>,
    key_datas: Option<Option<Vec<Vec<u8>>>>,
    fulcio: Option<Fulcio>,
    rekor_path: Option<String>,
    rekor_paths: Option<Option<Vec<String>>>,
    rekor_data: Option<Option<Vec<u8>>>,
    rekor_datas: Option<Option<Vec<Vec<u8>>>>,
    pki: Option<Pki>,
    identity_raw: Option<&'a str>,
}

/// A present list member given to its `PRSigstoreSignedWith…` option: must have entries.
fn non_empty_list<T>(member: Option<Option<Vec<T>>>, text: &str) -> Decoded<Option<Vec<T>>> {
    match member {
        None => Ok(None),
        Some(Some(list)) if !list.is_empty() => Ok(Some(list)),
        Some(_) => Err(format!("{text} contains no entries")),
    }
}

/// `prSigstoreSigned.UnmarshalJSON` then `newPRSigstoreSigned`.
fn sigstore_signed(raw: &str) -> Decoded<SigstoreSigned> {
    let mut m = SigstoreMembers::default();
    paranoid_object(&mut Cursor::new(raw), |key, cur| {
        match key {
            "type" => {
                go_string(cur, PR_TYPE)?;
            }
            "keyPath" => m.key_path = Some(go_string(cur, "string")?),
            "keyPaths" => m.key_paths = Some(go_string_list(cur)?),
            "keyData" => m.key_data = Some(go_bytes(cur)?),
            "keyDatas" => m.key_datas = Some(go_bytes_list(cur)?),
            "fulcio" => m.fulcio = Some(fulcio(cur)?),
            "rekorPublicKeyPath" => m.rekor_path = Some(go_string(cur, "string")?),
            "rekorPublicKeyPaths" => m.rekor_paths = Some(go_string_list(cur)?),
            "rekorPublicKeyData" => m.rekor_data = Some(go_bytes(cur)?),
            "rekorPublicKeyDatas" => m.rekor_datas = Some(go_bytes_list(cur)?),
            "pki" => m.pki = Some(pki(cur)?),
            "signedIdentity" => m.identity_raw = Some(cur.raw_value()),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let signed_identity = signed_identity(m.identity_raw)?;
    // The options, in upstream's order; the list options refuse empty lists.
    let key_path = m.key_path.filter(|p| !p.is_empty());
    let key_paths = non_empty_list(m.key_paths, "\"keyPaths\"")?;
    let key_data = m.key_data.flatten();
    let key_datas = non_empty_list(m.key_datas, "\"keyDatas\"")?;
    let rekor_path = m.rekor_path.filter(|p| !p.is_empty());
    let rekor_paths = non_empty_list(m.rekor_paths, "\"rekorPublickeyPaths\"")?;
    let rekor_data = m.rekor_data.flatten();
    let rekor_datas = non_empty_list(m.rekor_datas, "\"rekorPublickeyDatas\"")?;

    let mut keys = [
        key_path.map(SigstoreKeys::KeyPath),
        key_paths.map(SigstoreKeys::KeyPaths),
        key_data.map(SigstoreKeys::KeyData),
        key_datas.map(SigstoreKeys::KeyDatas),
        m.fulcio.map(SigstoreKeys::Fulcio),
        m.pki.map(SigstoreKeys::Pki),
    ]
    .into_iter()
    .flatten();
    let (Some(keys), None) = (keys.next(), keys.next()) else {
        return Err(
            "exactly one of keyPath, keyPaths, keyData, keyDatas, fulcio, and pki must be specified"
                .to_owned(),
        );
    };
    let mut rekors = [
        rekor_path.map(RekorKeys::RekorPublicKeyPath),
        rekor_paths.map(RekorKeys::RekorPublicKeyPaths),
        rekor_data.map(RekorKeys::RekorPublicKeyData),
        rekor_datas.map(RekorKeys::RekorPublicKeyDatas),
    ]
    .into_iter()
    .flatten();
    let rekor = rekors.next();
    if rekors.next().is_some() {
        return Err("at most one of rekorPublickeyPath, rekorPublicKeyPaths, rekorPublickeyData and rekorPublicKeyDatas can be used simultaneously".to_owned());
    }
    match (&keys, &rekor) {
        (SigstoreKeys::Fulcio(_), None) => {
            return Err("At least one of rekorPublickeyPath, rekorPublicKeyPaths, rekorPublickeyData and rekorPublicKeyDatas must be specified if fulcio is used".to_owned());
        }
        (SigstoreKeys::Pki(_), Some(_)) => {
            return Err("rekorPublickeyPath, rekorPublicKeyPaths, rekorPublickeyData and rekorPublicKeyDatas are not supported for pki".to_owned());
        }
        _ => {}
    }
    Ok(SigstoreSigned {
        keys,
        rekor,
        signed_identity,
    })
}

/// A path-or-data pair after the "cannot be used simultaneously" / "at least one" checks.
fn ca_source(
    path: Option<String>,
    data: Option<Option<Vec<u8>>>,
    both: &str,
    neither: Option<&str>,
) -> Decoded<Option<CaSource>> {
    match (path.filter(|p| !p.is_empty()), data.flatten()) {
        (Some(_), Some(_)) => Err(both.to_owned()),
        (Some(p), None) => Ok(Some(CaSource::Path(p))),
        (None, Some(d)) => Ok(Some(CaSource::Data(d))),
        (None, None) => neither.map_or(Ok(None), |text| Err(text.to_owned())),
    }
}

/// `prSigstoreSignedFulcio.UnmarshalJSON` (checked when the member is decoded).
fn fulcio(cur: &mut Cursor<'_>) -> Decoded<Fulcio> {
    let (mut ca_path, mut ca_data, mut issuer, mut email) = (None, None, None, None);
    paranoid_object(cur, |key, cur| {
        match key {
            "caPath" => ca_path = Some(go_string(cur, "string")?),
            "caData" => ca_data = Some(go_bytes(cur)?),
            "oidcIssuer" => issuer = Some(go_string(cur, "string")?),
            "subjectEmail" => email = Some(go_string(cur, "string")?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let ca = ca_source(
        ca_path,
        ca_data,
        "caPath and caData cannot be used simultaneously",
        Some("At least one of caPath and caData must be specified"),
    )?;
    let issuer = issuer.filter(|i| !i.is_empty());
    let email = email.filter(|e| !e.is_empty());
    match (ca, issuer, email) {
        (Some(ca), Some(oidc_issuer), Some(subject_email)) => Ok(Fulcio {
            ca,
            oidc_issuer,
            subject_email,
        }),
        (_, None, _) => Err("oidcIssuer not specified".to_owned()),
        _ => Err("subjectEmail not specified".to_owned()),
    }
}

/// `prSigstoreSignedPKI.UnmarshalJSON` (checked when the member is decoded).
fn pki(cur: &mut Cursor<'_>) -> Decoded<Pki> {
    let (mut roots_path, mut roots_data) = (None, None);
    let (mut mid_path, mut mid_data) = (None, None);
    let (mut email, mut hostname) = (None, None);
    paranoid_object(cur, |key, cur| {
        match key {
            "caRootsPath" => roots_path = Some(go_string(cur, "string")?),
            "caRootsData" => roots_data = Some(go_bytes(cur)?),
            "caIntermediatesPath" => mid_path = Some(go_string(cur, "string")?),
            "caIntermediatesData" => mid_data = Some(go_bytes(cur)?),
            "subjectEmail" => email = Some(go_string(cur, "string")?),
            "subjectHostname" => hostname = Some(go_string(cur, "string")?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let roots = ca_source(
        roots_path,
        roots_data,
        "caRootsPath and caRootsData cannot be used simultaneously",
        Some("At least one of caRootsPath and caRootsData must be specified"),
    )?;
    let ca_intermediates = ca_source(
        mid_path,
        mid_data,
        "caIntermediatesPath and caIntermediatesData cannot be used simultaneously",
        None,
    )?;
    let subject_email = email.filter(|e| !e.is_empty());
    let subject_hostname = hostname.filter(|h| !h.is_empty());
    if subject_email.is_none() && subject_hostname.is_none() {
        return Err("At least one of subjectEmail, subjectHostname must be specified".to_owned());
    }
    let Some(ca_roots) = roots else {
        return Err("At least one of caRootsPath and caRootsData must be specified".to_owned());
    };
    Ok(Pki {
        ca_roots,
        ca_intermediates,
        subject_email,
        subject_hostname,
    })
}

/// `prSignedBaseLayer.UnmarshalJSON`: exactly `type` and `baseLayerIdentity`.
fn signed_base_layer(raw: &str) -> Decoded<SignedBaseLayer> {
    let mut identity_raw = None;
    paranoid_object(&mut Cursor::new(raw), |key, cur| {
        match key {
            "type" => {
                go_string(cur, PR_TYPE)?;
            }
            "baseLayerIdentity" => identity_raw = Some(cur.raw_value()),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let raw = identity_raw.ok_or_else(|| missing_key("baseLayerIdentity"))?;
    Ok(SignedBaseLayer {
        base_layer_identity: identity_match(raw)?,
    })
}

/// Decodes an exact-fields object of string members (`type` plus `names`), in document
/// order; a missing member is reported in the order of `names`.
fn exact_strings<const N: usize>(raw: &str, names: [&str; N]) -> Decoded<[String; N]> {
    let mut values: [Option<String>; N] = std::array::from_fn(|_| None);
    paranoid_object(&mut Cursor::new(raw), |key, cur| {
        if key == "type" {
            go_string(cur, PRM_TYPE)?;
            return Ok(true);
        }
        let Some(slot) = names
            .iter()
            .position(|n| *n == key)
            .and_then(|i| values.get_mut(i))
        else {
            return Ok(false);
        };
        *slot = Some(go_string(cur, "string")?);
        Ok(true)
    })?;
    // Upstream iterates a Go map here (random order when several are missing); the order of
    // `names` is the sorted one.
    for (name, value) in names.iter().zip(&values) {
        if value.is_none() {
            return Err(missing_key(name));
        }
    }
    Ok(values.map(Option::unwrap_or_default))
}

/// `newPolicyReferenceMatchFromJSON`.
fn identity_match(raw: &str) -> Decoded<IdentityMatch> {
    let kind = read_type(raw, "prmCommon", PRM_TYPE)?;
    match kind.as_str() {
        "matchExact" => type_only(raw, PRM_TYPE).map(|()| IdentityMatch::MatchExact),
        "matchRepoDigestOrExact" => {
            type_only(raw, PRM_TYPE).map(|()| IdentityMatch::MatchRepoDigestOrExact)
        }
        "matchRepository" => type_only(raw, PRM_TYPE).map(|()| IdentityMatch::MatchRepository),
        "exactReference" => {
            let [docker_reference] = exact_strings(raw, ["dockerReference"])?;
            match Reference::parse_normalized_legacy(&docker_reference) {
                Err(e) => Err(format!(
                    "Invalid format of dockerReference {}: {e}",
                    GoQuoted(&docker_reference)
                )),
                Ok(r) if r.tag().is_none() && r.digest().is_none() => Err(format!(
                    "dockerReference {} contains neither a tag nor digest",
                    GoQuoted(&docker_reference)
                )),
                Ok(_) => Ok(IdentityMatch::ExactReference { docker_reference }),
            }
        }
        "exactRepository" => {
            let [docker_repository] = exact_strings(raw, ["dockerRepository"])?;
            match Reference::parse_normalized_legacy(&docker_repository) {
                Err(e) => Err(format!(
                    "Invalid format of dockerRepository {}: {e}",
                    GoQuoted(&docker_repository)
                )),
                Ok(_) => Ok(IdentityMatch::ExactRepository { docker_repository }),
            }
        }
        "remapIdentity" => {
            let [prefix, signed_prefix] = exact_strings(raw, ["prefix", "signedPrefix"])?;
            for p in [&prefix, &signed_prefix] {
                if !is_valid_remap_prefix(p) {
                    return Err(format!("prefix {} is not valid", GoQuoted(p)));
                }
            }
            Ok(IdentityMatch::RemapIdentity {
                prefix,
                signed_prefix,
            })
        }
        other => Err(format!(
            "Unknown policy reference match type {}",
            GoQuoted(other)
        )),
    }
}

/// `validateIdentityRemappingPrefix`: a `host[:port]`, or a `host[:port]/path` name (legacy
/// grammar). Short names (`quay`, `ns/app`) pass as hosts or are left to fail later, as upstream.
fn is_valid_remap_prefix(s: &str) -> bool {
    if is_domain_and_port(s.as_bytes(), Grammar::Legacy) {
        return true;
    }
    s.split_once('/').is_some_and(|(domain, path)| {
        is_domain_and_port(domain.as_bytes(), Grammar::Legacy) && is_remote_name(path.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_requirement(json: &str) -> Decoded<Requirement> {
        decode_policy(&format!("{{\"default\": [{json}]}}"))
            .map(|p| p.default.into_iter().next().unwrap_or(Requirement::Reject))
    }

    #[test]
    fn requirement_errors_follow_upstream_order() {
        let cases: &[(&str, &str)] = &[
            // keyType is checked while decoding, before the key-source count.
            (
                r#"{"type":"signedBy","keyType":"bad","keyPath":"/a","keyData":"YQ=="}"#,
                "Unrecognized keyType value \"bad\"",
            ),
            (
                r#"{"type":"signedBy","keyType":null,"keyPath":"/a"}"#,
                "Unrecognized keyType value \"\"",
            ),
            // signedIdentity is decoded before the sources are counted.
            (
                r#"{"type":"signedBy","signedIdentity":{"type":"x"}}"#,
                "Unknown policy reference match type \"x\"",
            ),
            (
                r#"{"type":"signedBy","keyPaths":["/a"],"keyData":null}"#,
                "Exactly one of keyPath, keyPaths and keyData must be specified, more than one present",
            ),
            (
                r#"{"type":"signedBy","keyType":"GPGKeys","keyData":null}"#,
                "exactly one of keyPath, keyPaths and keyData must be specified",
            ),
            (
                r#"{"type":"sigstoreSigned","keyPaths":null}"#,
                "\"keyPaths\" contains no entries",
            ),
            (
                r#"{"type":"sigstoreSigned","keyPath":"/k","rekorPublicKeyDatas":[]}"#,
                "\"rekorPublickeyDatas\" contains no entries",
            ),
            (
                r#"{"type":"sigstoreSigned","keyPath":"","keyData":null}"#,
                "exactly one of keyPath, keyPaths, keyData, keyDatas, fulcio, and pki must be specified",
            ),
            (
                r#"{"type":"sigstoreSigned","fulcio":null}"#,
                "JSON object expected, got <nil>",
            ),
            (
                r#"{"type":"sigstoreSigned","pki":{"caRootsPath":"/a","caIntermediatesPath":"/b","caIntermediatesData":"","subjectHostname":"h"}}"#,
                "caIntermediatesPath and caIntermediatesData cannot be used simultaneously",
            ),
            (
                r#"{"type":"signedBaseLayer","baseLayerIdentity":{"type":"remapIdentity"}}"#,
                "Key \"prefix\" missing in a JSON object",
            ),
            (
                r#"{"type":"signedBaseLayer","baseLayerIdentity":"x"}"#,
                "json: cannot unmarshal string into Go value of type signature.prmCommon",
            ),
            (r#"{"Type":"reject"}"#, "Unknown key \"Type\""),
            (
                r#"{"type":"reject","type\u0000":1}"#,
                "Unknown key \"type\\x00\"",
            ),
            // The last `type` picks the shape; the strict pass then sees the repetition.
            (
                r#"{"type":"x","t\u0079pe":"reject"}"#,
                "Duplicate key \"type\"",
            ),
            (
                r#"{"type":"signedBy","keyType":"GPGKeys","keyData":[1,256]}"#,
                "json: cannot unmarshal number 256 into Go value of type uint8",
            ),
        ];
        for (json, want) in cases {
            assert_eq!(
                first_requirement(json).err().as_deref(),
                Some(*want),
                "{json}"
            );
        }
    }

    #[test]
    fn requirements_keep_their_fields() {
        let r = first_requirement(
            r#"{"type":"signedBy","keyType":"GPGKeys","keyPath":"","keyData":"YWI=","signedIdentity":{"type":"remapIdentity","prefix":"quay.io/ns","signedPrefix":"mirror:5000"}}"#,
        );
        assert!(r.is_err(), "keyPath present counts as a member");
        let r = first_requirement(
            r#"{"type":"sigstoreSigned","keyPath":"","keyData":"YWI=","rekorPublicKeyPath":"/r"}"#,
        );
        assert_eq!(
            r,
            Ok(Requirement::SigstoreSigned(SigstoreSigned {
                keys: SigstoreKeys::KeyData(b"ab".to_vec()),
                rekor: Some(RekorKeys::RekorPublicKeyPath("/r".to_owned())),
                signed_identity: IdentityMatch::MatchRepoDigestOrExact,
            }))
        );
        let r = first_requirement(r#"{"TYPE":"reject","type":"signedBy"}"#);
        assert_eq!(r.err().as_deref(), Some("Unknown key \"TYPE\""));
    }

    #[test]
    fn remap_prefixes() {
        for (prefix, valid) in [
            ("quay.io", true),
            ("quay", true),
            ("Quay.IO:5000/ns/app", true),
            ("quay.io/ns__x/a-b", true),
            ("quay.io/", false),
            ("quay.io/NS", false),
            ("quay.io/ns:tag", false),
            ("*.quay.io", false),
            ("http://x", false),
            ("[::1]/x", false),
            // Upstream's FIXME: a short `ns/app` passes (`ns` is a valid host).
            ("ns/app", true),
            ("app", true),
        ] {
            assert_eq!(is_valid_remap_prefix(prefix), valid, "{prefix}");
        }
    }
}
