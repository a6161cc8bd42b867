//! The monitoring mixin (`mixin/`) and the Kubernetes examples: the files generated from the
//! mixin are committed as it renders them, the PrometheusRule's spec is a rule file promtool
//! accepts, and the Deployment, Service, ServiceMonitor and ConfigMap fit together. Runs the real
//! `jsonnet` and `promtool`; a missing tool fails the test and names its Debian package
//! (`scripts/test.sh` installs both).

use std::path::Path;

use crate::support::binary;
use crate::support::tools::tool;

/// What mixin/generated.jsonnet writes, by path from the repository root.
const GENERATED: [&str; 10] = [
    "alerts/ja/kms_exporter.rules.yml",
    "alerts/kms_exporter.rules.yml",
    "alerts/ko/kms_exporter.rules.yml",
    "examples/kubernetes/prometheusrule.yaml",
    "grafana/ja/kms-host.json",
    "grafana/ja/kms-overview.json",
    "grafana/kms-host.json",
    "grafana/kms-overview.json",
    "grafana/ko/kms-host.json",
    "grafana/ko/kms-overview.json",
];

/// The renderings of the rule file, by language.
const RULE_FILES: [(&str, &str); 3] = [
    ("en", "alerts/kms_exporter.rules.yml"),
    ("ko", "alerts/ko/kms_exporter.rules.yml"),
    ("ja", "alerts/ja/kms_exporter.rules.yml"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn assert_success(output: &std::process::Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_generated_file_is_committed_as_the_mixin_renders_it() {
    let out = tempfile::tempdir().unwrap();
    // `jsonnet -m` writes into existing directories only.
    for path in GENERATED {
        std::fs::create_dir_all(out.path().join(path).parent().unwrap()).unwrap();
    }
    let render = tool("jsonnet", "jsonnet")
        .args(["-J", "mixin", "-S", "-m"])
        .arg(out.path())
        .arg("mixin/generated.jsonnet")
        .current_dir(root())
        .output()
        .expect("run jsonnet");
    assert_success(
        &render,
        "jsonnet -J mixin -S -m DIR mixin/generated.jsonnet",
    );

    let mut written: Vec<String> = String::from_utf8_lossy(&render.stdout)
        .lines()
        .map(|line| {
            Path::new(line)
                .strip_prefix(out.path())
                .unwrap_or_else(|_| panic!("jsonnet wrote {line} outside {}", out.path().display()))
                .display()
                .to_string()
        })
        .collect();
    written.sort();
    assert_eq!(written, GENERATED, "files mixin/generated.jsonnet renders");

    for path in GENERATED {
        let fresh = read(&out.path().join(path));
        let committed = read(&root().join(path));
        if let Some((line, (want, got))) = fresh
            .lines()
            .zip(committed.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            panic!(
                "{path} differs from the mixin's rendering at line {}: committed {got:?}, \
                 rendered {want:?}; run scripts/mixin.sh",
                line + 1
            );
        }
        assert_eq!(
            committed, fresh,
            "{path} differs from the mixin's rendering at its end; run scripts/mixin.sh"
        );
    }
}

#[test]
fn promtool_accepts_the_spec_of_the_prometheusrule() {
    let path = root().join("examples/kubernetes/prometheusrule.yaml");
    let resource: serde_json::Value = serde_saphyr::from_str(&read(&path))
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()));
    assert_eq!(resource["apiVersion"], "monitoring.coreos.com/v1");
    assert_eq!(resource["kind"], "PrometheusRule");
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.json");
    std::fs::write(&spec, resource["spec"].to_string()).unwrap();

    let check = tool("promtool", "prometheus")
        .args(["check", "rules"])
        .arg(&spec)
        .output()
        .expect("run promtool");
    assert_success(&check, "promtool check rules on the PrometheusRule's spec");
    let committed: serde_json::Value =
        serde_saphyr::from_str(&read(&root().join("alerts/kms_exporter.rules.yml")))
            .expect("alerts/kms_exporter.rules.yml");
    let count = |file: &serde_json::Value| -> usize {
        file["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|group| group["rules"].as_array().expect("rules").len())
            .sum()
    };
    let rules = count(&resource["spec"]);
    assert_eq!(
        rules,
        count(&committed),
        "rules in the PrometheusRule and the rule file"
    );
    assert!(
        String::from_utf8_lossy(&check.stdout).contains(&format!("SUCCESS: {rules} rules found")),
        "promtool: {}",
        String::from_utf8_lossy(&check.stdout)
    );
}

fn kubernetes_example(name: &str) -> serde_json::Value {
    let path = root().join("examples/kubernetes").join(name);
    serde_saphyr::from_str(&read(&path))
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

#[test]
fn the_kubernetes_examples_fit_together_and_their_configuration_passes_config_check() {
    let configmap = kubernetes_example("configmap.yaml");
    let deployment = kubernetes_example("deployment.yaml");
    let service = kubernetes_example("service.yaml");
    let monitor = kubernetes_example("servicemonitor.yaml");
    for (resource, kind) in [
        (&configmap, "ConfigMap"),
        (&deployment, "Deployment"),
        (&service, "Service"),
        (&monitor, "ServiceMonitor"),
    ] {
        assert_eq!(resource["kind"], kind);
    }

    // The Service selects the Deployment's pods, and the ServiceMonitor the Service's port.
    let pod = &deployment["spec"]["template"];
    assert_eq!(
        deployment["spec"]["selector"]["matchLabels"],
        pod["metadata"]["labels"]
    );
    assert_eq!(service["spec"]["selector"], pod["metadata"]["labels"]);
    assert_eq!(
        monitor["spec"]["selector"]["matchLabels"],
        service["metadata"]["labels"]
    );
    let container = &pod["spec"]["containers"][0];
    assert_eq!(container["ports"][0]["name"], "metrics");
    assert_eq!(
        container["ports"][0]["containerPort"].to_string(),
        crate::support::default_port()
    );
    assert_eq!(service["spec"]["ports"][0]["targetPort"], "metrics");
    assert_eq!(monitor["spec"]["endpoints"][0]["port"], "metrics");
    assert_eq!(deployment["spec"]["replicas"], 1, "one client per exporter");

    // The ConfigMap is mounted where the container reads its configuration, and is valid.
    assert_eq!(
        pod["spec"]["volumes"][0]["configMap"]["name"],
        configmap["metadata"]["name"]
    );
    assert_eq!(
        container["volumeMounts"][0]["mountPath"],
        "/etc/kms_exporter"
    );
    assert_eq!(
        container["args"][0],
        "--config.file=/etc/kms_exporter/kms_exporter.yml"
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("kms_exporter.yml");
    std::fs::write(
        &config,
        configmap["data"]["kms_exporter.yml"]
            .as_str()
            .expect("kms_exporter.yml in the ConfigMap"),
    )
    .unwrap();
    let check = binary::binary()
        .args(["--config.check", "--config.file"])
        .arg(&config)
        .output()
        .expect("run kms_exporter");
    assert_success(
        &check,
        "kms_exporter --config.check on the ConfigMap's file",
    );
}

fn rules_of(file: &serde_json::Value) -> Vec<&serde_json::Value> {
    file["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|group| group["rules"].as_array().expect("rules"))
        .collect()
}

/// Hangul for Korean, kana for Japanese: text that is not an untranslated English one.
fn written_in(text: &str, language: &str) -> bool {
    text.chars().any(|c| match language {
        "ko" => ('\u{AC00}'..='\u{D7A3}').contains(&c),
        "ja" => ('\u{3040}'..='\u{30FF}').contains(&c),
        _ => c.is_ascii_alphabetic(),
    })
}

#[test]
fn every_language_renders_the_same_rules_with_its_texts_and_runbook_links() {
    let check = tool("promtool", "prometheus")
        .args(["check", "rules"])
        .args(RULE_FILES.map(|(_, path)| path))
        .current_dir(root())
        .output()
        .expect("run promtool");
    assert_success(&check, "promtool check rules on every language's rule file");

    let parse = |path: &str| -> serde_json::Value {
        serde_saphyr::from_str(&read(&root().join(path)))
            .unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
    };
    let english = parse(RULE_FILES[0].1);
    for (language, path) in RULE_FILES {
        let file = parse(path);
        let runbook = read(&root().join(format!("docs/runbooks/{language}.md")));
        let rules = rules_of(&file);
        assert_eq!(rules.len(), rules_of(&english).len(), "{path}: rules");
        for (rule, en) in rules.iter().zip(rules_of(&english)) {
            for key in ["alert", "record", "expr", "for", "labels"] {
                assert_eq!(rule[key], en[key], "{path}: {key} of {}", en["alert"]);
            }
            let Some(name) = rule["alert"].as_str() else {
                continue;
            };
            let annotations = &rule["annotations"];
            assert_eq!(annotations["error_codes"], en["annotations"]["error_codes"]);
            for key in ["summary", "description"] {
                let text = annotations[key].as_str().expect("annotation");
                assert!(
                    written_in(text, language),
                    "{path}: {key} of {name} is not in {language}: {text}"
                );
            }
            let anchor = name.to_ascii_lowercase();
            assert_eq!(
                annotations["runbook_url"],
                format!(
                    "https://github.com/kms-exporter/kms_exporter/blob/main/docs/runbooks/\
                     {language}.md#{anchor}"
                ),
                "{path}: runbook_url of {name}"
            );
            assert!(
                runbook.lines().any(|line| line == format!("### {name}")),
                "docs/runbooks/{language}.md has no section {name} (anchor #{anchor})"
            );
        }
    }
}

#[test]
fn the_dashboards_filter_and_group_by_the_configured_site_label() {
    let render = tool("jsonnet", "jsonnet")
        .args(["-J", "mixin", "-e"])
        .arg(
            r#"((import "mixin/mixin.libsonnet") + {_config+:: {siteLabel: "datacenter"}}).grafanaDashboards"#,
        )
        .current_dir(root())
        .output()
        .expect("run jsonnet");
    assert_success(
        &render,
        "jsonnet grafanaDashboards with siteLabel datacenter",
    );
    let dashboards: serde_json::Value =
        serde_json::from_slice(&render.stdout).expect("grafanaDashboards is JSON");
    let files: Vec<&String> = dashboards.as_object().expect("an object").keys().collect();
    assert_eq!(files, ["kms-host.json", "kms-overview.json"]);

    for (file, dashboard) in dashboards.as_object().unwrap() {
        let text = dashboard.to_string();
        // Queries and variables select sites by the configured label; the variable keeps its name.
        for gone in [
            r#"site=~\"$site\""#,
            r#"site!=\"\""#,
            "(site)",
            "by (host, site)",
        ] {
            assert!(!text.contains(gone), "{file}: still has {gone}");
        }
        let site = dashboard["templating"]["list"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == "site")
            .unwrap_or_else(|| panic!("{file}: no site variable"));
        // The exporter selector (_config.kmsExporterSelector) follows the names.
        let definition = site["definition"].as_str().unwrap_or_default();
        assert!(
            definition.starts_with(
                r#"label_values({__name__=~"kms_exporter_build_info|kms_dns_srv_status|kms_host_up", "#
            ) && definition.ends_with("}, datacenter)"),
            "{file}: site variable {definition}"
        );
        let selecting = text.matches(r#"datacenter=~\"$site\""#).count();
        assert!(
            selecting > 20,
            "{file}: only {selecting} selectors use datacenter=~\"$site\""
        );
    }
    let overview = dashboards["kms-overview.json"].to_string();
    assert!(
        overview.contains(r#""columnField":"datacenter""#),
        "the host × site table has a column per datacenter"
    );
}

/// The facts the mixin takes from the error-code catalog (issue 24): `mixin/lib/catalog.libsonnet`
/// is what `codes::mixin_catalog` writes, so the rules' `error_codes`, the runbook links and the
/// dashboards' 4-hour thresholds follow the catalog. `GOLDEN_UPDATE=1` rewrites the file.
#[test]
fn the_mixin_catalog_is_the_catalogs_export() {
    let path = root().join("mixin/lib/catalog.libsonnet");
    let export = kms_exporter::codes::mixin_catalog();
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        std::fs::write(&path, &export).unwrap();
    }
    assert_eq!(
        read(&path),
        export,
        "mixin/lib/catalog.libsonnet differs from src/codes/; run \
         GOLDEN_UPDATE=1 cargo test --test integration -- mixin_catalog, then scripts/mixin.sh"
    );
}
