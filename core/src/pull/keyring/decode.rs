//! Pull-secret and `config.json` decoding as the kubelet's `encoding/json` does it (`pull.md`
//! §3.2 steps 1–2, §2.1): members matched like Go struct fields, repeated `auths` members
//! merged into one map (a `null` one clears it), an entry's error stopping the decoder at once
//! while type errors elsewhere are reported only at the end.

use std::collections::BTreeMap;

use super::Credential;
use super::url::go_lossy;
use crate::pull::PullError;
use crate::pull::gojson::{Base64Error, OrderedJson, decode_base64, member_selects};

/// The two data forms (`pull.md` §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `{"auths": {KEY: ENTRY}}` (`.dockerconfigjson`, `config.json`).
    ConfigJson,
    /// `{KEY: ENTRY}` (`.dockercfg`).
    Dockercfg,
}

/// How an entry's `auth` member was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthForm {
    /// Absent or empty: `username` / `password` are used.
    Absent,
    /// Decodes with padding required (containers/image reads it too).
    Padded,
    /// Decodes only without padding (the kubelet alone reads it).
    Unpadded,
}

/// One decoded entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodedEntry {
    pub(crate) credential: Credential,
    pub(crate) auth: AuthForm,
    /// `username` or `password` is set (and not replaced by `auth`).
    pub(crate) uses_username_password: bool,
}

/// Every entry the decoder meets, in document order (also those a later member replaces),
/// and the resulting map.
#[derive(Debug, Default)]
pub(crate) struct Walked<'v> {
    pub(crate) seen: Vec<(&'v str, &'v OrderedJson)>,
    /// Key → index into `seen` of the value the map ends up with.
    pub(crate) live: BTreeMap<&'v str, usize>,
    /// The first type error outside the entries (Go reports it only at the end).
    pub(crate) saved_error: Option<String>,
}

const CONFIG_JSON_TYPE: &str = "credentialprovider.DockerConfigJSON";
const CONFIG_TYPE: &str = "credentialprovider.DockerConfig";
const ENTRY_TYPE: &str = "credentialprovider.dockerConfigEntryWithAuth";

fn type_error(value: &OrderedJson, target: &str) -> String {
    format!("json: cannot unmarshal {} into {target}", value.go_type())
}

/// Go's decoder text for a JSON syntax error (serde_json's wording otherwise).
fn syntax_error(e: &serde_json::Error) -> String {
    if e.classify() == serde_json::error::Category::Eof {
        "unexpected end of JSON input".to_owned()
    } else {
        e.to_string()
    }
}

/// Parses the text (syntax errors first, as Go validates the whole input before decoding).
pub(crate) fn parse(text: &str) -> Result<OrderedJson, PullError> {
    OrderedJson::parse(text).map_err(|e| PullError::SecretFormat {
        message: syntax_error(&e),
    })
}

impl<'v> Walked<'v> {
    fn save(&mut self, message: String) {
        self.saved_error.get_or_insert(message);
    }

    fn map_members(&mut self, members: &'v [(String, OrderedJson)]) {
        for (key, value) in members {
            self.live.insert(key.as_str(), self.seen.len());
            self.seen.push((key.as_str(), value));
        }
    }
}

/// Walks a document of `form` without decoding the entries.
pub(crate) fn walk(doc: &OrderedJson, form: Form) -> Walked<'_> {
    let mut w = Walked::default();
    match (form, doc) {
        (_, OrderedJson::Null) => {}
        (Form::Dockercfg, OrderedJson::Object(members)) => w.map_members(members),
        (Form::Dockercfg, other) => w.save(type_error(
            other,
            &format!("Go value of type {CONFIG_TYPE}"),
        )),
        (Form::ConfigJson, OrderedJson::Object(members)) => {
            for (name, value) in members {
                if name == "auths" || (name != "HttpHeaders" && member_selects(name, "auths")) {
                    match value {
                        // `null` sets the map to nil; an object adds to the existing map.
                        OrderedJson::Null => w.live.clear(),
                        OrderedJson::Object(entries) => w.map_members(entries),
                        other => w.save(type_error(
                            other,
                            &format!(
                                "Go struct field DockerConfigJSON.auths of type {CONFIG_TYPE}"
                            ),
                        )),
                    }
                } else if member_selects(name, "HttpHeaders") {
                    match value {
                        OrderedJson::Null => {}
                        OrderedJson::Object(headers) => {
                            for (_, v) in headers {
                                if !matches!(v, OrderedJson::Null | OrderedJson::String(_)) {
                                    w.save(type_error(
                                        v,
                                        "Go struct field DockerConfigJSON.HttpHeaders of type string",
                                    ));
                                }
                            }
                        }
                        other => w.save(type_error(
                            other,
                            "Go struct field DockerConfigJSON.HttpHeaders of type map[string]string",
                        )),
                    }
                }
            }
        }
        (Form::ConfigJson, other) => {
            w.save(type_error(
                other,
                &format!("Go value of type {CONFIG_JSON_TYPE}"),
            ));
        }
    }
    w
}

/// Decodes one entry (`DockerConfigEntry.UnmarshalJSON`).
pub(crate) fn decode_entry(value: &OrderedJson, form: Form) -> Result<DecodedEntry, PullError> {
    let context = match form {
        Form::ConfigJson => "Go struct field DockerConfigJSON.auths of type",
        Form::Dockercfg => "Go value of type",
    };
    let json_error = |message| PullError::SecretFormat { message };
    let members: &[(String, OrderedJson)] = match value {
        OrderedJson::Null => &[],
        OrderedJson::Object(members) => members,
        other => {
            return Err(json_error(type_error(
                other,
                &format!("{context} {ENTRY_TYPE}"),
            )));
        }
    };
    const FIELDS: [&str; 4] = ["username", "password", "email", "auth"];
    let mut fields: [Option<&str>; 4] = [None; 4];
    let mut saved = None;
    for (name, v) in members {
        let slot = FIELDS
            .iter()
            .position(|f| f == name)
            .or_else(|| FIELDS.iter().position(|f| member_selects(name, f)));
        let Some(slot) = slot.and_then(|i| fields.get_mut(i)) else {
            continue;
        };
        match v {
            // `null` leaves a string field as it is.
            OrderedJson::Null => {}
            OrderedJson::String(s) => *slot = Some(s),
            other => {
                saved.get_or_insert_with(|| type_error(other, &format!("{context} string")));
            }
        }
    }
    if let Some(message) = saved {
        return Err(json_error(message));
    }
    let [username, password, email, auth] = fields.map(Option::unwrap_or_default);
    let mut entry = DecodedEntry {
        credential: Credential {
            username: username.to_owned(),
            password: password.to_owned(),
            email: email.to_owned(),
        },
        auth: AuthForm::Absent,
        uses_username_password: !username.is_empty() || !password.is_empty(),
    };
    if auth.is_empty() {
        return Ok(entry);
    }
    let (user, pass, form) = decode_auth(auth)?;
    entry.credential.username = user;
    entry.credential.password = pass;
    entry.auth = form;
    entry.uses_username_password = false;
    Ok(entry)
}

/// The error of an `auth` without `:`.
pub(crate) const AUTH_FORMAT_ERROR: &str =
    "unable to parse auth field, must be formatted as base64(username:password)";

/// `decodeDockerConfigFieldAuth`: padded base64 when the trimmed text ends in `=`, unpadded
/// otherwise; split at the first `:`.
fn decode_auth(auth: &str) -> Result<(String, String, AuthForm), PullError> {
    let padded = auth.trim_end().ends_with('=');
    let decoded =
        decode_base64(auth, padded).map_err(|e: Base64Error| PullError::SecretFormat {
            message: e.to_string(),
        })?;
    let form = if padded || decode_base64(auth, true).is_ok() {
        AuthForm::Padded
    } else {
        AuthForm::Unpadded
    };
    let colon = decoded
        .iter()
        .position(|b| *b == b':')
        .ok_or_else(|| PullError::SecretFormat {
            message: AUTH_FORMAT_ERROR.to_owned(),
        })?;
    let (user, rest) = decoded.split_at_checked(colon).unwrap_or((&decoded, &[]));
    Ok((go_lossy(user), go_lossy(rest.get(1..).unwrap_or(&[])), form))
}

/// Decodes a document to its map of entries (`json.Unmarshal` into `DockerConfigJSON` or
/// `DockerConfig`): the first entry error in document order, else the first type error.
pub(crate) fn decode(text: &str, form: Form) -> Result<BTreeMap<String, Credential>, PullError> {
    let doc = parse(text)?;
    let walked = walk(&doc, form);
    let mut decoded = Vec::with_capacity(walked.seen.len());
    for (_, value) in &walked.seen {
        decoded.push(decode_entry(value, form)?);
    }
    if let Some(message) = walked.saved_error {
        return Err(PullError::SecretFormat { message });
    }
    Ok(walked
        .live
        .iter()
        .filter_map(|(key, i)| {
            let entry = decoded.get(*i)?;
            Some(((*key).to_owned(), entry.credential.clone()))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cred(u: &str, p: &str, e: &str) -> Credential {
        Credential {
            username: u.into(),
            password: p.into(),
            email: e.into(),
        }
    }

    /// Text, form, the entries or the error text.
    type DecodeCase<'a> = (&'a str, Form, Result<Vec<(&'a str, Credential)>, &'a str>);

    #[test]
    fn decodes_members_like_go() {
        let cases: &[DecodeCase<'_>] = &[
            (
                r#"{"auths": {"q": {"auth": "dTpw"}}}"#,
                Form::ConfigJson,
                Ok(vec![("q", cred("u", "p", ""))]),
            ),
            // Upper-case member names, `null` members keep the earlier value.
            (
                r#"{"AUTHS": {"q": {"Username": "a", "username": null, "PASSWORD": "b", "Email": "e"}}}"#,
                Form::ConfigJson,
                Ok(vec![("q", cred("a", "b", "e"))]),
            ),
            // Repeated `auths` members merge; `null` clears.
            (
                r#"{"auths": {"a": {}}, "auths": {"b": {}}}"#,
                Form::ConfigJson,
                Ok(vec![("a", cred("", "", "")), ("b", cred("", "", ""))]),
            ),
            (
                r#"{"auths": {"a": {}}, "auths": null}"#,
                Form::ConfigJson,
                Ok(vec![]),
            ),
            // Same key twice: the last value.
            (
                r#"{"q": {"username": "1"}, "q": {"username": "2"}}"#,
                Form::Dockercfg,
                Ok(vec![("q", cred("2", "", ""))]),
            ),
            ("null", Form::Dockercfg, Ok(vec![])),
            (
                r#"{"q": null}"#,
                Form::Dockercfg,
                Ok(vec![("q", cred("", "", ""))]),
            ),
            // `auth` wins over username/password; unpadded accepted; password keeps colons.
            (
                r#"{"q": {"username": "x", "auth": "YTpiOmM"}}"#,
                Form::Dockercfg,
                Ok(vec![("q", cred("a", "b:c", ""))]),
            ),
            (
                r#"{"q": {"auth": "bm9jb2xvbg=="}}"#,
                Form::Dockercfg,
                Err(AUTH_FORMAT_ERROR),
            ),
            (
                r#"{"q": {"auth": " dTpw"}}"#,
                Form::Dockercfg,
                Err("illegal base64 data at input byte 0"),
            ),
            // An entry error beats an earlier type error elsewhere.
            (
                r#"{"HttpHeaders": 5, "auths": {"q": {"auth": "!"}}}"#,
                Form::ConfigJson,
                Err("illegal base64 data at input byte 0"),
            ),
            (
                r#"{"auths": [], "x": 1}"#,
                Form::ConfigJson,
                Err(
                    "json: cannot unmarshal array into Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig",
                ),
            ),
            (
                r#"{"q": {"username": 5}}"#,
                Form::Dockercfg,
                Err("json: cannot unmarshal number into Go value of type string"),
            ),
            ("", Form::Dockercfg, Err("unexpected end of JSON input")),
        ];
        for (text, form, want) in cases {
            let got = decode(text, *form).map_err(|e| e.to_string());
            let want = want
                .clone()
                .map(|v| {
                    v.into_iter()
                        .map(|(k, c)| (k.to_owned(), c))
                        .collect::<BTreeMap<_, _>>()
                })
                .map_err(str::to_owned);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn tells_auth_forms_apart() {
        for (auth, want) in [
            ("dTpw", AuthForm::Padded),
            ("dTpwcQ==", AuthForm::Padded),
            ("dTpwcQ", AuthForm::Unpadded),
            ("", AuthForm::Absent),
        ] {
            let doc = OrderedJson::parse(&format!(r#"{{"auth": "{auth}"}}"#)).expect("json");
            let entry = decode_entry(&doc, Form::Dockercfg).expect("decodes");
            assert_eq!(entry.auth, want, "{auth}");
        }
    }
}
