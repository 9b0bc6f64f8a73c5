//! A guided tour of `openshift-image` on the example data in `examples/data/`.
//!
//! `cargo run --example tour` (from the repository root). Each section states a question a
//! user of OpenShift asks and shows how the library answers it, offline.

use std::error::Error;
use std::path::{Path, PathBuf};

use openshift_image::imagestream::model::ObjectMeta;
use openshift_image::imagestream::set_triggers::{OcSetTriggersOptions, oc_set_triggers};
use openshift_image::imagestream::trigger_lint::lint_triggers;
use openshift_image::imagestream::triggers::{StreamTagRetriever, apply_image_triggers};
use openshift_image::imagestream::{
    OcTagRequest, PruneInputs, PruneOptions, describe_image_stream, oc_tag, parse_rfc3339_seconds,
    prune_history, server,
};
use openshift_image::jsonpath::{Document, ExecuteOptions, JsonPath};
use openshift_image::mirror::render::{explain_mirror_sets, update_registries_config_text};
use openshift_image::mirror::sets::{into_mirror_sets, read_mirror_sets};
use openshift_image::pull::authfile::{
    AuthFile, AuthFileFormat, OcCredentialStore, lint_auth_file_text,
};
use openshift_image::pull::keyring::{PullSecret, explain_kubelet_credentials, lint_pull_secrets};
use openshift_image::pull::policy::{Decision, Policy, lint_policy};
use openshift_image::pull::shortnames::{ShortNameConfig, resolve};
use openshift_image::pull::transports::{FileSystemView, parse_image_name};
use openshift_image::template::expose::{bind_credentials, store_secret_string_data};
use openshift_image::template::{ProcessOptions, Template, process};
use openshift_image::{
    AllowedRegistry, DockerImageReference, ImageStream, ImageStreamTag, IndexedImageStream,
    OcTagOptions, Reference, RegistryWhitelister, ServerEnvironment, TagEvent, WhitelistTransport,
    default_pull_policy, parse_image_stream_image_name, parse_image_stream_tag_name,
    policy_identity_and_namespaces, ref_matching_prefix, resolve_image_id,
    scope_is_nested_inside_scope, short_docker_image_id,
};
use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn read(name: &str) -> Result<String, Box<dyn Error>> {
    let path = data_dir().join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn read_json(name: &str) -> Result<Value, Box<dyn Error>> {
    Ok(serde_json::from_str(&read(name)?)?)
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Prints a tag's history, newest first, `*` on the current item.
fn print_history(stream: &ImageStream, tag: &str) {
    println!("  {}:{tag}", stream.name());
    let Some(list) = stream.status_tag(tag) else {
        println!("    (no history)");
        return;
    };
    for (i, item) in list.items().iter().enumerate() {
        println!(
            "    {} {}  {}  generation {}",
            if i == 0 { "*" } else { " " },
            item.created.as_deref().unwrap_or("-"),
            short_docker_image_id(&item.image, 19),
            item.generation
        );
    }
}

/// Every line of `text` prefixed with `prefix`.
fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|line| format!("{prefix}{line}\n"))
        .collect()
}

fn heading(title: &str) {
    println!("\n== {title}\n");
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("openshift-image tour: OpenShift's image logic, answered offline.");

    let text = read("references.txt")?;
    let references: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();

    heading("1. What does Docker make of each reference? (distribution/reference)");
    for r in &references {
        println!("  {r}");
        match (
            Reference::parse_normalized(r),
            Reference::parse_docker_ref(r),
        ) {
            (Ok(parsed), Ok(pulled)) => println!(
                "    {}, shown as {:?}, pulled as {pulled}\n    imagePullPolicy when unset: {}",
                parsed.kind(),
                parsed.familiar_string(),
                default_pull_policy(r)
            ),
            (Err(e), _) | (_, Err(e)) => println!("    error [{}]: {e}", e.kind()),
        }
    }

    heading("2. How does OpenShift (library-go) read them?");
    for r in &references {
        match DockerImageReference::parse(r) {
            Ok(o) => {
                let hp = o.registry_host_port(false);
                println!(
                    "  {r}\n    registry={:?} namespace={:?} name={:?} tag={:?} id={}\n    \
                     docker client defaults: {}  registry host:port {}:{}",
                    o.registry,
                    o.namespace,
                    o.name,
                    o.tag,
                    if o.id.is_empty() {
                        "-".to_owned()
                    } else {
                        short_docker_image_id(&o.id, 12)
                    },
                    o.docker_client_defaults().exact(),
                    hp.host,
                    hp.port
                );
            }
            Err(e) => println!("  {r}\n    error [{}]: {e}", e.kind()),
        }
    }

    heading("3. Image stream tags, images and short IDs");
    let stream = read_json("image-stream.json")?;
    for name in strings(&stream, "tagNames") {
        match parse_image_stream_tag_name(&name) {
            Ok(t) => println!("  {name:<26} stream {:?}, tag {:?}", t.name, t.tag),
            Err(tag_error) => match parse_image_stream_image_name(&name) {
                Ok(i) => println!("  {name:<26} stream {:?}, image {:?}", i.name, i.id),
                Err(_) => println!("  {name:<26} [{}] {tag_error}", tag_error.kind()),
            },
        }
    }
    let history = strings(&stream, "history");
    println!("\n  Resolving short IDs against the tag's history:");
    for id in strings(&stream, "lookups") {
        match resolve_image_id(&history, &id) {
            Ok(image) => println!("  {id:<10} -> {image}"),
            Err(e) => println!("  {id:<10} -> [{}] {e}", e.kind()),
        }
    }

    heading(
        "4. Which registries.conf entry does the runtime pick, and which policy.json scopes apply?",
    );
    let scopes = read_json("scopes.json")?;
    let prefixes = strings(&scopes, "registriesConfPrefixes");
    for pull in strings(&scopes, "pulls") {
        // The runtime takes the matching entry with the longest prefix.
        let best = prefixes
            .iter()
            .filter_map(|p| ref_matching_prefix(&pull, p).map(|_| p))
            .max_by_key(|p| p.len());
        let nested: Vec<&String> = prefixes
            .iter()
            .filter(|p| scope_is_nested_inside_scope(&pull, p))
            .collect();
        println!(
            "  {pull:<34} registries.conf entry: {:<28} nested in (MCO): {nested:?}",
            best.map_or("(none)", String::as_str)
        );
        if let Ok(policy) = policy_identity_and_namespaces(&pull) {
            println!(
                "    policy.json identity {} scopes {:?}",
                policy.identity, policy.namespaces
            );
        }
    }

    heading("5. Would the API server import these images? (allowedRegistriesForImport)");
    let policy = read_json("import-policy.json")?;
    let allowed: Vec<AllowedRegistry> = serde_json::from_value(
        policy
            .get("allowedRegistriesForImport")
            .cloned()
            .unwrap_or(Value::Null),
    )?;
    let mut whitelister = RegistryWhitelister::new(&allowed)?;
    whitelister.set_internal_registry_hostname(
        policy
            .get("internalRegistryHostname")
            .and_then(Value::as_str)
            .map(str::to_owned),
    );
    for spec in strings(&policy, "candidates") {
        match whitelister.admit_pull_spec(&spec, WhitelistTransport::Secure) {
            Ok(()) => println!("  allowed  {spec}"),
            Err(e) => println!("  refused  {spec}\n           [{}] {e}", e.kind()),
        }
    }

    heading("6. Image stream tags: a push, a tracking tag, a rollback");
    let stream: ImageStream = serde_json::from_str(&read("image-stream-frontend.json")?)?;
    let mut stream = IndexedImageStream::new(stream);
    print_history(stream.stream(), "v2");
    print_history(stream.stream(), "prod");

    let pushed = "sha256:4077983ab3dfc8bc268b1351b16d696ed93f3bcc0c8e49eb030d65bc0ef82dc6";
    let (changed, trackers) = stream.push(
        "v2",
        TagEvent {
            created: Some("2026-12-05T10:00:00Z".to_owned()),
            docker_image_reference: format!("quay.io/shop/frontend@{pushed}"),
            image: pushed.to_owned(),
            generation: 3,
            ..TagEvent::default()
        },
    );
    println!(
        "\n  push of {} to frontend:v2: changed {changed}, tracking tags updated {trackers}",
        short_docker_image_id(pushed, 12)
    );
    print_history(stream.stream(), "v2");
    print_history(stream.stream(), "prod");
    if let Ok(spec) = stream.resolve_pull_spec_for_tag("prod", false, false) {
        println!(
            "  frontend:prod pulls from {} (referencePolicy Local: the internal registry, by digest)",
            spec.pull_spec
        );
    }

    // `oc tag frontend@sha256:7ff069bc… frontend:v2`: the server finds the image anywhere in
    // the stream's history and pushes it on top again.
    match stream
        .stream()
        .resolve_image_id("sha256:7ff069bc", "2026-12-05T11:00:00Z")
    {
        Ok(mut old) => {
            // The server stamps the event with the stream's new generation (spec §5.3).
            old.generation = 4;
            let (changed, trackers) = stream.push("v2", old);
            println!(
                "\n  rollback of frontend:v2 to sha256:7ff069bc: changed {changed}, tracking tags updated {trackers}"
            );
        }
        Err(e) => println!("  rollback failed [{}]: {e}", e.kind()),
    }
    print_history(stream.stream(), "v2");
    let stream = stream.into_inner();

    heading("7. `oc tag`: what it sends, and what the server stores");
    let server = ServerEnvironment::new("2026-12-05T12:00:00Z")
        .with_internal_registry("image-registry.openshift-image-registry.svc:5000");
    let mut stored = stream.clone();
    for (args, flags) in [
        (vec!["frontend:v2", "frontend:stable"], vec!["--alias"]),
        (
            vec!["quay.io/shop/frontend:v3", "frontend:v3"],
            vec!["--reference", "--reference-policy=local"],
        ),
        (vec!["frontend:old"], vec!["-d"]),
    ] {
        println!("  $ oc tag {} {}", args.join(" "), flags.join(" "));
        let options = OcTagOptions::parse(&args, &flags)?;
        let outcome = match oc_tag("shop", &options, std::slice::from_ref(&stored)) {
            Ok(outcome) => outcome,
            Err(e) => {
                println!("    error [{}]: {e}", e.kind());
                continue;
            }
        };
        print!("{}", indent(&outcome.output, "    "));
        for request in &outcome.requests {
            if let OcTagRequest::Update {
                namespace,
                name,
                tag,
            } = request
            {
                // The PUT the server answers: the stored stream afterwards.
                let istag = ImageStreamTag {
                    metadata: ObjectMeta {
                        name: Some(name.clone()),
                        namespace: Some(namespace.clone()),
                        ..ObjectMeta::default()
                    },
                    tag: Some((**tag).clone()),
                    ..ImageStreamTag::default()
                };
                stored = server::put_image_stream_tag(namespace, Some(&stored), &istag, &server)?;
            }
        }
        if let Some(error) = outcome.error {
            println!("    error [{}]: {error}", error.kind());
        }
    }
    println!("\n  $ oc describe is frontend   (clock at 2026-12-06T00:00:00Z)");
    let now = parse_rfc3339_seconds("2026-12-06T00:00:00Z").unwrap_or_default();
    print!("{}", indent(&describe_image_stream(&stored, now)?, "    "));

    heading("8. `oc adm prune images --keep-tag-revisions=1 --keep-younger-than=12h`");
    let cluster = read_json("cluster-images.json")?;
    let inputs = PruneInputs {
        images: serde_json::from_value(cluster.get("images").cloned().unwrap_or(Value::Null))?,
        pods: serde_json::from_value(cluster.get("pods").cloned().unwrap_or(Value::Null))?,
        streams: vec![stream.clone()],
        ..PruneInputs::default()
    };
    let options = PruneOptions {
        keep_tag_revisions: Some(1),
        keep_younger_than: Some("12h".to_owned()),
        ..PruneOptions::default()
    };
    let report = prune_history(&options, &inputs, now)?;
    for result in &report.streams {
        println!("  {}", result.stream);
        for d in &result.decisions {
            println!(
                "    {}[{}] {}  {:?} ({})",
                d.tag,
                d.revision,
                short_docker_image_id(&d.image, 12),
                d.action,
                d.reason.as_str()
            );
        }
    }
    println!("  images deleted: {:?}", report.deleted_images);
    println!(
        "  registry layer links removed: {}",
        report.deleted_layer_links.len()
    );

    heading("9. `oc process`: a template with generated credentials");
    let text = read("template-webapp.json")?;
    // What a reviewer should know before processing it.
    let findings = openshift_image::template::lint::lint(&serde_json::from_str(&text)?);
    for finding in &findings {
        println!(
            "  lint {:<28} {}: {}",
            finding.kind.as_str(),
            finding.path,
            finding.message
        );
    }
    let template = Template::from_json_str(&text)?;
    let options = ProcessOptions {
        // `oc process -p REPLICAS=3 -l team=web`; the credentials come from the CSPRNG.
        parameters: vec![("REPLICAS".to_owned(), "3".to_owned())],
        labels: Some([("team".to_owned(), "web".to_owned())].into()),
        ..ProcessOptions::default()
    };
    let processed = process(template, options)?;
    for parameter in &processed.parameters {
        println!("  {:<18} = {}", parameter.name, parameter.value);
    }
    println!("  message: {}", processed.message);
    for object in &processed.objects {
        let field = |path: &[&str]| {
            path.iter()
                .try_fold(object, |v, key| v.get(*key))
                .map_or_else(String::new, |v| v.to_string())
        };
        println!(
            "  {} {} {} labels {} replicas {}",
            field(&["apiVersion"]),
            field(&["kind"]),
            field(&["metadata", "name"]),
            field(&["metadata", "labels"]),
            field(&["spec", "replicas"]),
        );
    }

    heading("10. Template Service Broker: the credentials a Bind returns for those objects");
    // The objects as the API server stores them (a Secret's stringData becomes base64 data);
    // the broker evaluates each `template.openshift.io/(base64-)expose-*` annotation on them.
    let mut created = processed.objects.clone();
    for object in &mut created {
        store_secret_string_data(object);
        if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            metadata.insert("namespace".to_owned(), Value::from("shop"));
        }
    }
    for (key, value) in bind_credentials(&created)? {
        println!("  {key:<18} = {value}");
    }

    heading("11. kubectl JSONPath: `oc get -o jsonpath` over the created objects");
    let list = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": created});
    let document = Document::from_value(&list)?;
    let options = ExecuteOptions {
        allow_missing_keys: true,
        ..ExecuteOptions::default()
    };
    for template in [
        "{range .items[*]}{.kind}/{.metadata.name}{\"\\n\"}{end}",
        "{.items[?(@.kind==\"Deployment\")].spec.template.spec.containers[*].image}",
        "{.items[*].metadata.labels}",
    ] {
        let output = JsonPath::parse(template)?.execute_document(&document, &options)?;
        println!("  $ oc get all -o jsonpath='{template}'");
        println!("{}", indent(output.trim_end(), "    "));
    }

    heading("12. Image triggers: `oc set triggers` and the tag the Deployment follows");
    let mut deployment = created
        .iter()
        .find(|o| o.get("kind").and_then(Value::as_str) == Some("Deployment"))
        .cloned()
        .ok_or("the template has a Deployment")?;
    // `oc set triggers deployment/shop --from-image=frontend:prod -c web`
    let outcome = oc_set_triggers(
        &deployment,
        &OcSetTriggersOptions {
            from_image: "frontend:prod".to_owned(),
            containers: "web".to_owned(),
            ..OcSetTriggersOptions::default()
        },
    )?;
    println!(
        "  oc set triggers writes image.openshift.io/triggers = {}",
        outcome.annotation
    );
    outcome.apply(&mut deployment);
    // The trigger controller resolves frontend:prod with the image stream of section 6.
    let streams = [stream];
    let retriever =
        StreamTagRetriever::new(&streams, "image-registry.openshift-image-registry.svc:5000");
    let update = apply_image_triggers(&deployment, &retriever)?;
    let image = |object: &Value| {
        object
            .pointer("/spec/template/spec/containers/0/image")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    match &update.object {
        Some(updated) => println!(
            "  the controller rewrites {:?}:\n    {} -> {}",
            update.changed,
            image(&deployment),
            image(updated)
        ),
        None => println!("  nothing to change: the image is current"),
    }
    // The form some documentation shows: never fires, and the linter says why.
    let mut documented = deployment.clone();
    if let Some(annotations) = documented
        .pointer_mut("/metadata/annotations")
        .and_then(Value::as_object_mut)
    {
        annotations.insert(
            "image.openshift.io/triggers".to_owned(),
            Value::from(
                r#"[{"from":{"kind":"ImageStreamTag","name":"frontend:prod"},"fieldPath":"spec.template.spec.containers[?(@.name=='web')].image","paused":"false"}]"#,
            ),
        );
    }
    for finding in lint_triggers(&documented) {
        println!(
            "  lint {} at {}: {}",
            finding.kind.as_str(),
            finding.path,
            finding.message
        );
    }

    heading("13. Mirror sets: where is this image actually pulled from?");
    let sets = into_mirror_sets(read_mirror_sets(&read("mirror-sets.yaml")?)?);
    // What the Machine Config Operator writes to every node's /etc/containers/registries.conf.
    let base = "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n";
    let registries_conf = update_registries_config_text(base, &[], &[], &sets)?;
    println!("  the registries.conf the MCO renders:");
    println!("{}", indent(registries_conf.trim_end(), "    | "));
    for reference in [
        "quay.io/openshift-release-dev/ocp-release@sha256:4a7f5cd5ef3b85a5ea3efcc8d4a5b43bc5e2e1b0cbfc0c15ff7ed8e9ab31bd54",
        "registry.redhat.io/ubi9/ubi-minimal:9.4",
        "registry.redhat.io/ubi9/ubi-minimal@sha256:4a7f5cd5ef3b85a5ea3efcc8d4a5b43bc5e2e1b0cbfc0c15ff7ed8e9ab31bd54",
    ] {
        println!("\n  {reference}");
        // The same rendering, loaded as the node loads it, with each source traced back to
        // the mirror-set entry that produced it.
        let explanation = explain_mirror_sets(base, &[], &[], &sets, reference)?;
        if let Some(entry) = &explanation.entry {
            println!(
                "    entry [[registry]] prefix = {:?}",
                entry.registry.prefix
            );
        }
        for source in &explanation.sources {
            let mut from: Vec<&str> = source.origins.iter().map(|o| o.path.as_str()).collect();
            from.dedup();
            println!(
                "    {:<9} {:<48} {}{}",
                source.status.as_str(),
                source.location,
                source.reason.as_str(),
                if from.is_empty() {
                    String::new()
                } else {
                    format!(" (from {})", from.join(", "))
                }
            );
        }
        match &explanation.error {
            Some(error) => println!("    the pull fails: {error}"),
            None => println!(
                "    contacted in order: {}",
                explanation.attempts.join(", ")
            ),
        }
    }

    heading("14. The whole pull story: what does `ubi9/ubi-minimal:9.4` on a node mean?");
    // The node's registries.conf is the one section 13 rendered; RHEL ships its aliases as a
    // drop-in.
    let shortnames = read("shortnames.conf")?;
    let config = ShortNameConfig::load(
        Some(registries_conf.as_str()),
        &[("000-shortnames.conf", shortnames.as_str())],
    );
    for short_name in ["ubi9/ubi-minimal:9.4", "busybox"] {
        let resolved = resolve(&config, short_name)?;
        println!(
            "  short name {short_name}: {} -> {}",
            resolved.rationale.as_str(),
            resolved.candidates.join(", ")
        );
        if !resolved.description.is_empty() {
            println!("    the runtime prints: {}", resolved.description);
        }
    }
    let image = resolve(&config, "ubi9/ubi-minimal:9.4")?
        .candidates
        .into_iter()
        .next()
        .ok_or("the alias gives one candidate")?;
    let named = parse_image_name(&format!("docker://{image}"), &FileSystemView::default())?;
    println!(
        "  policy identity {} (then {})",
        named.policy_identity,
        named.policy_namespaces.join(", ")
    );

    let attempts = explain_mirror_sets(base, &[], &[], &sets, &image)?.attempts;
    println!("\n  sources, in order: {}", attempts.join(", "));

    // The cluster's global pull secret is the node's /var/lib/kubelet/config.json; the pod
    // brings a pull secret of its own.
    let global = read("pull-secret.json")?;
    let pod_secret = PullSecret {
        secret_type: "kubernetes.io/dockerconfigjson".into(),
        data: [(
            ".dockerconfigjson".into(),
            r#"{"auths": {"https://index.docker.io/v1/": {"auth": "dGVhbS1odWI6dG9rZW4taHVi"}, "registry.redhat.io/ubi9": {"auth": "dGVhbS11Ymk6dG9rZW4tdWJp"}}}"#.into(),
        )]
        .into(),
    };
    let kubelet = explain_kubelet_credentials(
        &image,
        std::slice::from_ref(&pod_secret),
        Some(&global),
        None,
    );
    println!(
        "\n  the kubelet looks up {}:",
        kubelet.repository.as_deref().unwrap_or(&image)
    );
    for (keyring, explained) in [
        ("pod", &kubelet.pod_keyring),
        ("node", &kubelet.node_keyring),
    ] {
        for key in explained.iter().flat_map(|k| &k.keys) {
            println!(
                "    {keyring:<4} {:<32} {}",
                key.key,
                if key.matched { "matches" } else { &key.reason }
            );
        }
    }
    let users: Vec<&str> = kubelet
        .credentials
        .iter()
        .map(|c| c.username.as_str())
        .collect();
    println!("    credentials tried in order: {}", users.join(", "));
    // Without credentials from the kubelet (podman on the node, or a pod without secrets),
    // the runtime reads the node's auth file per source.
    let auth_file = AuthFile::parse(&global, AuthFileFormat::Config)?;
    println!("  the node's auth file, per source:");
    for source in &attempts {
        match auth_file.credentials_for_image(source)? {
            Some(found) => println!(
                "    {source:<54} key {:<30} user {}",
                found.key, found.username
            ),
            None => println!("    {source:<54} anonymous"),
        }
    }
    for finding in lint_pull_secrets(std::slice::from_ref(&pod_secret)) {
        println!("  lint pod secret: {}", finding.message);
    }
    // Where `oc image mirror` and the node disagree: an entry without credentials at a more
    // specific key hides the registry's entry from the runtime, not from oc.
    let team_auth = r#"{"auths": {"quay.io/team": {"email": "team@corp.example.com"}, "quay.io": {"auth": "dG91ci1xdWF5OnRva2VuLXF1YXk="}}}"#;
    let node_view = AuthFile::parse(team_auth, AuthFileFormat::Config)?
        .credentials_for_image("quay.io/team/app:1")?
        .map(|found| found.username.to_owned());
    let oc_view = OcCredentialStore::load(Some(team_auth))?
        .credentials_for("quay.io/team/app:1")
        .map(|found| found.username.clone());
    println!(
        "  quay.io/team/app:1 with {{quay.io/team: no auth, quay.io: tour-quay}}: the node sends {}, oc sends {}",
        node_view.as_deref().unwrap_or("nothing"),
        oc_view.as_deref().unwrap_or("nothing")
    );
    for finding in lint_auth_file_text(team_auth, AuthFileFormat::Config) {
        println!("    lint auth file: {}", finding.message);
    }

    let policy = Policy::from_json(&read("policy.json")?)?;
    println!();
    for candidate in [
        image.as_str(),
        "docker.io/library/postgres:16",
        "quay.io/openshift-release-dev/ocp-release:4.18.0-x86_64",
    ] {
        let evaluation = policy.requirements_for(candidate)?;
        let decision = match evaluation.decision() {
            Decision::Allowed => "allowed",
            Decision::Rejected => "rejected",
            Decision::NeedsSignatureVerification => "needs signature verification",
        };
        println!(
            "  policy.json for {}: scope {:?} -> {decision}",
            evaluation.identity(),
            evaluation.scope().unwrap_or("default")
        );
        if let Some(error) = evaluation.unsigned().error {
            println!("    an unsigned image fails with: {error}");
        }
    }
    for finding in lint_policy(&policy) {
        println!("  lint policy.json: {}", finding.message);
    }

    println!("\nEvery answer above comes from the same code paths the conformance vectors check.");
    Ok(())
}
