//! The deployment material (`Dockerfile`, `examples/`, `docs/deployment.md`) checked with the
//! tools users check it with: promtool, amtool, openssl, htpasswd, systemd-analyze and the
//! exporter's own `--config.check`. A missing tool fails the test and names the Debian package
//! to install; `scripts/test.sh` installs them all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use serde::Deserialize;

use kms_exporter::http::DEFAULT_LISTEN_ADDRESS;

use crate::support::tools::tool;
use crate::support::{binary, default_port};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn run(mut command: Command) -> Output {
    command
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_success(output: &Output, what: &str) {
    assert!(output.status.success(), "{what} failed:\n{}", text(output));
}

// ------------------------------------------------------------------------------ Prometheus

#[derive(Debug, Deserialize)]
struct PrometheusConfig {
    #[serde(default)]
    global: Option<Global>,
    #[serde(default)]
    rule_files: Vec<String>,
    #[serde(default)]
    alerting: Option<Alerting>,
    scrape_configs: Vec<ScrapeConfig>,
}

#[derive(Debug, Deserialize)]
struct Global {
    #[serde(default)]
    scrape_interval: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Alerting {
    alertmanagers: Vec<AlertmanagerConfig>,
}

#[derive(Debug, Deserialize)]
struct AlertmanagerConfig {
    static_configs: Vec<StaticConfig>,
}

#[derive(Debug, Deserialize)]
struct ScrapeConfig {
    job_name: String,
    #[serde(default)]
    metrics_path: Option<String>,
    #[serde(default)]
    params: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    scrape_interval: Option<String>,
    #[serde(default)]
    scrape_timeout: Option<String>,
    #[serde(default)]
    static_configs: Vec<StaticConfig>,
    #[serde(default)]
    relabel_configs: Vec<RelabelConfig>,
}

#[derive(Debug, Deserialize)]
struct StaticConfig {
    targets: Vec<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelabelConfig {
    #[serde(default)]
    source_labels: Vec<String>,
    target_label: String,
    #[serde(default)]
    replacement: Option<String>,
}

impl ScrapeConfig {
    /// The labels of one target after `relabel_configs`, for the `replace` rules with the
    /// default regex that the examples use (`RelabelConfig` rejects any other field).
    fn relabel(&self, group: &StaticConfig, target: &str) -> BTreeMap<String, String> {
        let mut labels = group.labels.clone();
        labels.insert("__address__".to_owned(), target.to_owned());
        for rule in &self.relabel_configs {
            let joined: Vec<&str> = rule
                .source_labels
                .iter()
                .map(|l| labels.get(l).map_or("", String::as_str))
                .collect();
            let value = match &rule.replacement {
                Some(literal) => literal.clone(),
                None => joined.join(";"),
            };
            labels.insert(rule.target_label.clone(), value);
        }
        labels
    }

    fn relabelled_targets(&self) -> Vec<BTreeMap<String, String>> {
        self.static_configs
            .iter()
            .flat_map(|g| g.targets.iter().map(move |t| self.relabel(g, t)))
            .collect()
    }
}

fn prometheus_example(name: &str) -> PrometheusConfig {
    let relative = format!("examples/prometheus/{name}");
    serde_saphyr::from_str(&read(&relative))
        .unwrap_or_else(|e| panic!("{relative} is not a Prometheus configuration: {e}"))
}

fn duration(text: &str) -> Duration {
    humantime::parse_duration(text).unwrap_or_else(|e| panic!("duration {text:?}: {e}"))
}

/// Every example loads the alert rules and sends to an Alertmanager.
fn assert_rules_and_alerting(name: &str, config: &PrometheusConfig) {
    assert_eq!(
        config.rule_files,
        ["../../alerts/kms_exporter.rules.yml"],
        "{name}: rule_files"
    );
    let alertmanagers = config.alerting.as_ref().map_or(0, |a| {
        a.alertmanagers
            .iter()
            .flat_map(|am| &am.static_configs)
            .map(|s| s.targets.len())
            .sum()
    });
    assert!(alertmanagers > 0, "{name}: no Alertmanager under alerting");
}

#[test]
fn promtool_accepts_every_prometheus_example_and_the_rules_it_loads() {
    let mut checked = Vec::new();
    for entry in std::fs::read_dir(root().join("examples/prometheus")).expect("examples/prometheus")
    {
        let path = entry.expect("directory entry").path();
        let relative = path.strip_prefix(root()).unwrap().display().to_string();
        let mut command = tool("promtool", "prometheus");
        command.args(["check", "config", &relative]);
        let output = run(command);
        assert_success(&output, &format!("promtool check config {relative}"));
        let report = text(&output);
        assert!(
            report.contains("SUCCESS: 1 rule files found")
                && report.contains("Checking alerts/kms_exporter.rules.yml")
                && report.contains("rules found"),
            "promtool did not check the rule file of {relative}:\n{report}"
        );
        checked.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    checked.sort();
    assert_eq!(
        checked,
        ["multi-site.yml", "multi-target.yml", "single.yml"]
    );
}

#[test]
fn single_exporter_example_scrapes_one_exporter() {
    let config = prometheus_example("single.yml");
    assert_rules_and_alerting("single.yml", &config);
    let [job] = config.scrape_configs.as_slice() else {
        panic!("single.yml: expected one scrape job");
    };
    let targets = job.relabelled_targets();
    assert_eq!(targets.len(), 1, "single.yml: one exporter");
    assert!(
        targets[0]["__address__"].ends_with(DEFAULT_LISTEN_ADDRESS),
        "{targets:?}"
    );
    assert_eq!(job.metrics_path, None, "single.yml scrapes /metrics");
}

#[test]
fn multi_site_example_labels_every_exporter_with_its_own_site_in_one_job() {
    let config = prometheus_example("multi-site.yml");
    assert_rules_and_alerting("multi-site.yml", &config);
    // The site rules compare sites within a job (aggregation `without (instance, site)`).
    let [job] = config.scrape_configs.as_slice() else {
        panic!("multi-site.yml: all exporters belong in one job");
    };
    let targets = job.relabelled_targets();
    let mut sites: Vec<&str> = targets
        .iter()
        .map(|t| {
            assert!(t["__address__"].ends_with(DEFAULT_LISTEN_ADDRESS), "{t:?}");
            t.get("site")
                .unwrap_or_else(|| panic!("multi-site.yml: target without site: {t:?}"))
                .as_str()
        })
        .collect();
    let count = sites.len();
    sites.sort();
    sites.dedup();
    assert!(count >= 2, "multi-site.yml: at least two sites");
    assert_eq!(sites.len(), count, "multi-site.yml: one exporter per site");
}

#[test]
fn multi_target_example_relabels_targets_onto_the_exporter_of_their_site() {
    let config = prometheus_example("multi-target.yml");
    assert_rules_and_alerting("multi-target.yml", &config);
    let probe = config
        .scrape_configs
        .iter()
        .find(|j| j.metrics_path.as_deref() == Some("/probe"))
        .expect("multi-target.yml: a job with metrics_path /probe");
    assert!(
        probe.params.get("product").is_some_and(|p| !p.is_empty()),
        "multi-target.yml: product parameters"
    );

    // What Prometheus will request: exporter address, ?target= and the instance label.
    let job = &probe.job_name;
    let mut sites = Vec::new();
    for group in &probe.static_configs {
        let exporter = group
            .labels
            .get("__tmp_exporter")
            .unwrap_or_else(|| panic!("{job}: a target group without __tmp_exporter"));
        for target in &group.targets {
            let labels = probe.relabel(group, target);
            assert_eq!(&labels["__param_target"], target, "{job}: {labels:?}");
            assert_eq!(&labels["instance"], target, "{job}: {labels:?}");
            assert_eq!(&labels["__address__"], exporter, "{job}: {labels:?}");
            // The rules join a probe target's findings with its exporter's clock on `exporter`.
            assert_eq!(&labels["exporter"], exporter, "{job}: {labels:?}");
            assert!(
                exporter.ends_with(DEFAULT_LISTEN_ADDRESS),
                "{job}: {exporter}"
            );
            sites.push(labels["site"].clone());
        }
    }
    sites.dedup();
    assert!(sites.len() >= 2, "{job}: targets of several sites");

    // The timeout the exporter is given fits in the interval, and leaves room for a domain
    // target: an SRV lookup then its hosts, each up to the exporter's 10s default `timeout`.
    let interval = duration(
        probe
            .scrape_interval
            .as_deref()
            .or(config
                .global
                .as_ref()
                .and_then(|g| g.scrape_interval.as_deref()))
            .expect("scrape_interval"),
    );
    let timeout = duration(probe.scrape_timeout.as_deref().expect("scrape_timeout"));
    assert!(
        timeout <= interval,
        "scrape_timeout must not exceed scrape_interval"
    );
    assert!(
        timeout >= Duration::from_secs(20),
        "scrape_timeout {timeout:?}"
    );
    // Under Prometheus' 5-minute staleness window.
    assert!(
        interval < Duration::from_secs(300),
        "scrape_interval {interval:?}"
    );

    // The exporters' own /metrics are scraped too, labelled with the `exporter` the probe job's
    // series carry (the exporter-clock guard and KmsExporterNothingProbed join on it).
    let own = config
        .scrape_configs
        .iter()
        .find(|j| j.metrics_path.is_none() && !j.static_configs.is_empty())
        .expect("multi-target.yml: a job scraping the exporters' /metrics");
    for labels in own.relabelled_targets() {
        assert_eq!(labels["exporter"], labels["__address__"], "{labels:?}");
    }
    // Both jobs are among the default kmsExporterSelector's (mixin/config.libsonnet).
    for job in &config.scrape_configs {
        assert!(job.job_name.starts_with("kms"), "{}", job.job_name);
    }
}

// ---------------------------------------------------------------------------- Alertmanager

#[derive(Debug, Deserialize)]
struct AlertmanagerFile {
    route: Route,
    #[serde(default)]
    inhibit_rules: Vec<InhibitRule>,
    #[serde(default)]
    time_intervals: Vec<TimeInterval>,
}

#[derive(Debug, Deserialize)]
struct Route {
    #[serde(default)]
    group_by: Vec<String>,
    #[serde(default)]
    matchers: Vec<String>,
    #[serde(default)]
    active_time_intervals: Vec<String>,
    #[serde(default)]
    routes: Vec<Route>,
}

#[derive(Debug, Deserialize)]
struct InhibitRule {
    source_matchers: Vec<String>,
    target_matchers: Vec<String>,
    equal: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct TimeInterval {
    name: String,
    time_intervals: Vec<serde_json::Value>,
}

fn amtool_routes_test(labels: &[&str], receiver: &str) {
    let mut command = tool("amtool", "prometheus-alertmanager");
    command
        .args([
            "config",
            "routes",
            "test",
            "--config.file=examples/alertmanager.yml",
        ])
        .arg(format!("--verify.receivers={receiver}"))
        .args(labels);
    let output = run(command);
    assert_success(&output, &format!("routing {labels:?} to {receiver}"));
}

#[test]
fn amtool_accepts_the_alertmanager_example_and_it_routes_by_severity() {
    let mut command = tool("amtool", "prometheus-alertmanager");
    command.args(["check-config", "examples/alertmanager.yml"]);
    let output = run(command);
    assert_success(&output, "amtool check-config examples/alertmanager.yml");
    assert!(
        text(&output).contains("7 inhibit rules"),
        "{}",
        text(&output)
    );

    for (labels, receiver) in [
        (
            &[
                "severity=critical",
                "alertname=KmsClientsCannotActivate",
                "site=tokyo",
            ][..],
            "pager",
        ),
        (
            &[
                "severity=warning",
                "alertname=KmsHostDownFromSomeSites",
                "site=busan",
            ],
            "ticket",
        ),
        (
            &["severity=warning", "alertname=KmsHostDownFromAllSites"],
            "ticket",
        ),
        // The nights: an exporter-less site pages, whatever the hour (the rule fires only
        // outside business hours), while KmsExporterDown's ticket waits for them.
        (
            &[
                "severity=critical",
                "alertname=KmsExporterDownOutsideBusinessHours",
                "site=seoul",
            ],
            "pager",
        ),
        (
            &[
                "severity=warning",
                "alertname=KmsExporterDown",
                "site=seoul",
            ],
            "ticket",
        ),
        (&["severity=info", "alertname=KmsDomainSingleHost"], "null"),
    ] {
        amtool_routes_test(labels, receiver);
    }

    let file: AlertmanagerFile =
        serde_saphyr::from_str(&read("examples/alertmanager.yml")).expect("alertmanager.yml");
    assert_eq!(
        file.route.group_by,
        ["alertname", "domain", "host"],
        "route.group_by (tickets)"
    );
    // One page per outage: per domain and product, whatever the site and the client's code.
    let pages = file
        .route
        .routes
        .iter()
        .find(|r| r.matchers == ["severity=\"critical\""])
        .expect("a route for severity=\"critical\"");
    assert_eq!(pages.group_by, ["alertname", "domain", "product"]);
    assert!(
        pages.active_time_intervals.is_empty(),
        "pages go out at any hour"
    );
    // Tickets during business hours in Seoul and Tokyo.
    let zones: Vec<&str> = file
        .time_intervals
        .iter()
        .flat_map(|t| &t.time_intervals)
        .filter_map(|t| t["location"].as_str())
        .collect();
    assert_eq!(
        zones,
        ["Asia/Seoul", "Asia/Tokyo"],
        "time_intervals locations"
    );
    let named: Vec<&str> = file
        .route
        .routes
        .iter()
        .filter(|r| r.matchers.iter().any(|m| m == "severity=\"warning\""))
        .flat_map(|r| r.active_time_intervals.iter().map(String::as_str))
        .collect();
    assert_eq!(named, ["business-hours-tokyo", "business-hours-seoul"]);
    for name in named {
        assert!(file.time_intervals.iter().any(|t| t.name == name), "{name}");
    }
}

/// `for:` of every alerting rule named `alertname`, with its `severity`.
fn rules_named(alertname: &str) -> Vec<(String, Duration)> {
    let doc: serde_json::Value =
        serde_saphyr::from_str(&read("alerts/kms_exporter.rules.yml")).expect("rule file");
    doc["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g["rules"].as_array().cloned().unwrap_or_default())
        .filter(|r| r["alert"] == alertname)
        .map(|r| {
            (
                r["labels"]["severity"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                duration(r["for"].as_str().expect("for:")),
            )
        })
        .collect()
}

/// The alert names an `alertname` matcher of the example selects: `alertname="A"` or
/// `alertname=~"A|B"` (the forms the example uses).
fn alertnames(matchers: &[String]) -> Vec<String> {
    let matcher = matchers
        .iter()
        .find(|m| m.starts_with("alertname"))
        .unwrap_or_else(|| panic!("inhibit rule without an alertname matcher: {matchers:?}"));
    let value = matcher
        .trim_start_matches("alertname")
        .trim_start_matches("=~")
        .trim_start_matches('=')
        .trim_matches('"');
    value.split('|').map(str::to_owned).collect()
}

#[test]
fn every_inhibiting_alert_fires_no_later_than_the_alerts_it_hides() {
    let file: AlertmanagerFile =
        serde_saphyr::from_str(&read("examples/alertmanager.yml")).expect("alertmanager.yml");
    assert!(!file.inhibit_rules.is_empty());
    for rule in &file.inhibit_rules {
        let sources = alertnames(&rule.source_matchers);
        let targets = alertnames(&rule.target_matchers);
        assert!(
            !rule.equal.is_empty(),
            "{sources:?}: an inhibit rule without `equal` hides the targets of every host"
        );
        for source in &sources {
            let source_rules = rules_named(source);
            assert!(
                !source_rules.is_empty(),
                "inhibit source {source} is no alert"
            );
            for target in &targets {
                let target_rules = rules_named(target);
                assert!(
                    !target_rules.is_empty(),
                    "inhibit target {target} is no alert"
                );
                for (_, source_for) in &source_rules {
                    for (severity, target_for) in &target_rules {
                        assert!(
                            source_for <= target_for,
                            "{source} (for {source_for:?}) hides {target} (for {target_for:?}) \
                             but fires later, so {target} is sent first"
                        );
                        // Never let a cause hide a page.
                        assert_ne!(severity, "critical", "{source} hides the page {target}");
                    }
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------ web config

/// Makes a throwaway CA, a server certificate signed by it, and a copy of the CA as the client
/// CA of the mutual-TLS variant, under the file names `examples/web-config.yml` uses.
fn make_certificates(dir: &Path) {
    let openssl = |args: &[&str]| {
        let mut command = tool("openssl", "openssl");
        command.args(args).current_dir(dir);
        let output = command.output().expect("run openssl");
        assert_success(&output, &format!("openssl {args:?}"));
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    let mut ca = vec!["req", "-x509", "-new", "-nodes"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=kms_exporter test CA",
    ]);
    openssl(&ca);
    let mut request = vec!["req", "-new", "-nodes"];
    request.extend(ec);
    request.extend([
        "-keyout",
        "kms_exporter.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=kms-exporter.test",
    ]);
    openssl(&request);
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=DNS:kms-exporter.test,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-set_serial",
        "1",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "kms_exporter.crt",
    ]);
    std::fs::copy(dir.join("ca.crt"), dir.join("prometheus-client-ca.crt")).unwrap();
}

fn promtool_check_web_config(path: &Path) -> Output {
    let mut command = tool("promtool", "prometheus");
    command.args(["check", "web-config"]).arg(path);
    run(command)
}

#[test]
fn promtool_accepts_the_web_config_example_with_real_certificates() {
    const TLS_DIR: &str = "/etc/kms_exporter/tls/";
    let example = read("examples/web-config.yml");
    assert!(
        example.contains(&format!("cert_file: {TLS_DIR}kms_exporter.crt"))
            && example.contains(&format!("key_file: {TLS_DIR}kms_exporter.key")),
        "examples/web-config.yml: certificate paths changed; update this test"
    );
    let dir = tempfile::tempdir().unwrap();
    make_certificates(dir.path());
    let here = format!("{}/", dir.path().display());

    // As shipped: TLS and basic auth.
    let tls = dir.path().join("web-config.yml");
    std::fs::write(&tls, example.replace(TLS_DIR, &here)).unwrap();
    let output = promtool_check_web_config(&tls);
    assert_success(&output, "promtool check web-config (TLS, basic auth)");
    assert!(text(&output).contains("SUCCESS"), "{}", text(&output));

    // With the commented mutual-TLS lines switched on.
    let mutual = example
        .replace("  # client_auth_type:", "  client_auth_type:")
        .replace("  # client_ca_file:", "  client_ca_file:");
    assert_ne!(mutual, example, "the mutual-TLS lines are in the example");
    let mtls = dir.path().join("web-config-mtls.yml");
    std::fs::write(&mtls, mutual.replace(TLS_DIR, &here)).unwrap();
    assert_success(
        &promtool_check_web_config(&mtls),
        "promtool check web-config (mutual TLS)",
    );

    // The certificate files are really read: a missing key is an error.
    std::fs::remove_file(dir.path().join("kms_exporter.key")).unwrap();
    let output = promtool_check_web_config(&tls);
    assert!(!output.status.success(), "{}", text(&output));
}

#[test]
fn the_documented_example_password_matches_the_bcrypt_hash() {
    let example = read("examples/web-config.yml");
    let password = example
        .split_once("has the password `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(password, _)| password)
        .expect("examples/web-config.yml documents the example password");
    let hash = example
        .lines()
        .find_map(|l| l.trim().strip_prefix("prometheus: "))
        .expect("a basic_auth_users entry for prometheus");
    assert!(hash.starts_with("$2"), "{hash} is not a bcrypt hash");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("htpasswd");
    std::fs::write(&file, format!("prometheus:{hash}\n")).unwrap();
    let verify = |candidate: &str| {
        let mut command = tool("htpasswd", "apache2-utils");
        command
            .arg("-vb")
            .arg(&file)
            .args(["prometheus", candidate]);
        run(command)
    };
    assert_success(
        &verify(password),
        "htpasswd -vb with the documented password",
    );
    assert!(!verify("not-the-password").status.success());
}

// ------------------------------------------------------------------- exporter configuration

fn config_check(relative: &str) -> String {
    let output = binary::binary()
        .args(["--config.check", "--config.file", relative])
        .current_dir(root())
        .output()
        .expect("run kms_exporter");
    assert_success(&output, &format!("kms_exporter --config.check {relative}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_example_configurations_pass_config_check() {
    let full = config_check("examples/kms_exporter.yml");
    assert!(
        full.starts_with("examples/kms_exporter.yml: valid (2 domains, 1 hosts"),
        "{full}"
    );
    // A fixed CMID, as the example tells container users to set.
    let example = read("examples/kms_exporter.yml");
    let machine_id = example
        .lines()
        .find_map(|l| l.trim().strip_prefix("machine_id: "))
        .expect("client.machine_id is set");
    assert!(uuid::Uuid::parse_str(machine_id).is_ok(), "{machine_id}");

    // The image's built-in file: the embedded defaults.
    let image = config_check("examples/container/kms_exporter.yml");
    assert!(
        image.starts_with("examples/container/kms_exporter.yml: valid (0 domains, 0 hosts"),
        "{image}"
    );
    // The Debian package's conffile: the embedded defaults too.
    let package = config_check("packaging/debian/kms_exporter.yml");
    assert!(
        package.starts_with("packaging/debian/kms_exporter.yml: valid (0 domains, 0 hosts"),
        "{package}"
    );
}

// --------------------------------------------------------------------------------- Dockerfile

/// One Dockerfile instruction: its keyword (upper case) and its arguments, continuation lines
/// joined and comment lines dropped, as Docker reads them.
#[derive(Debug)]
struct Instruction {
    keyword: String,
    args: String,
}

fn dockerfile_instructions(text: &str) -> Vec<Instruction> {
    let mut instructions = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || (trimmed.is_empty() && pending.is_empty()) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(part) => {
                pending.push_str(part.trim());
                pending.push(' ');
            }
            None => {
                pending.push_str(trimmed);
                let (keyword, args) = pending
                    .split_once(char::is_whitespace)
                    .unwrap_or((&pending, ""));
                instructions.push(Instruction {
                    keyword: keyword.to_ascii_uppercase(),
                    args: args.trim().to_owned(),
                });
                pending.clear();
            }
        }
    }
    assert!(pending.is_empty(), "Dockerfile ends inside a continuation");
    instructions
}

/// The instructions of each build stage, starting with its FROM.
fn stages(instructions: &[Instruction]) -> Vec<&[Instruction]> {
    let starts: Vec<usize> = instructions
        .iter()
        .enumerate()
        .filter(|(_, i)| i.keyword == "FROM")
        .map(|(n, _)| n)
        .collect();
    assert_eq!(starts.first(), Some(&0), "a Dockerfile starts with FROM");
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| &instructions[start..*starts.get(k + 1).unwrap_or(&instructions.len())])
        .collect()
}

/// The build command, exactly as README's "Install" section shows it.
const BUILD_COMMAND: &str = "cargo build --release --locked";

#[test]
fn the_dockerfile_builds_like_the_readme_and_runs_unprivileged() {
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("```sh\n{BUILD_COMMAND}\n```")),
        "README shows `{BUILD_COMMAND}` as the way to build"
    );

    let instructions = dockerfile_instructions(&read("Dockerfile"));
    let stages = stages(&instructions);
    assert!(stages.len() >= 2, "multi-stage build");
    let (builder, runtime) = (stages[0], stages[stages.len() - 1]);

    let from = &builder[0].args;
    assert!(
        from.starts_with("rust:1.95-")
            && from.contains("bookworm")
            && from.ends_with(" AS builder"),
        "builder stage: FROM {from}"
    );
    assert!(
        builder
            .iter()
            .any(|i| i.keyword == "RUN" && i.args == BUILD_COMMAND),
        "the builder runs exactly `{BUILD_COMMAND}`"
    );

    let get = |keyword: &str| -> Vec<&str> {
        runtime
            .iter()
            .filter(|i| i.keyword == keyword)
            .map(|i| i.args.as_str())
            .collect()
    };
    assert_eq!(get("FROM"), ["debian:bookworm-slim"]);
    assert!(
        get("COPY").contains(
            &"--from=builder /build/target/release/kms_exporter /usr/local/bin/kms_exporter"
        ),
        "the runtime stage copies the release binary: {:?}",
        get("COPY")
    );
    let user = *get("USER").last().expect("a USER in the runtime stage");
    let name = user.split(':').next().unwrap();
    assert!(
        !matches!(name, "root" | "0") && name.parse::<u32>().is_ok_and(|uid| uid >= 1000),
        "USER {user}: a fixed, non-root UID"
    );
    assert!(
        get("EXPOSE")
            .iter()
            .flat_map(|e| e.split_whitespace())
            .any(|port| port.trim_end_matches("/tcp") == default_port()),
        "EXPOSE {}",
        default_port()
    );
    // The binary checks itself (tests/integration/healthcheck.rs): no curl, no password.
    let healthcheck = get("HEALTHCHECK").join(" ");
    assert!(
        healthcheck.ends_with(r#" CMD ["/usr/local/bin/kms_exporter", "healthcheck"]"#),
        "HEALTHCHECK runs `kms_exporter healthcheck`: {healthcheck}"
    );
    for instruction in runtime {
        assert!(
            !instruction.args.contains("curl") && !instruction.args.contains("PASSWORD"),
            "the runtime stage needs neither curl nor a password: {} {}",
            instruction.keyword,
            instruction.args
        );
    }
    assert_eq!(get("ENTRYPOINT"), [r#"["/usr/local/bin/kms_exporter"]"#]);
    assert_eq!(
        get("CMD"),
        [r#"["--config.file=/etc/kms_exporter/kms_exporter.yml"]"#]
    );
    // The file CMD names exists in the image (and passes --config.check, tested above).
    assert!(
        get("COPY")
            .contains(&"examples/container/kms_exporter.yml /etc/kms_exporter/kms_exporter.yml"),
        "the image ships /etc/kms_exporter/kms_exporter.yml"
    );

    // Every file a COPY takes from the context gets past .dockerignore.
    let ignore = read(".dockerignore");
    for copy in instructions.iter().filter(|i| i.keyword == "COPY") {
        if copy.args.starts_with("--from=") {
            continue;
        }
        let words: Vec<&str> = copy.args.split_whitespace().collect();
        for source in &words[..words.len() - 1] {
            assert!(
                in_build_context(&ignore, source),
                ".dockerignore keeps `{source}` (COPY {}) out of the build context",
                copy.args
            );
            assert!(root().join(source).exists(), "COPY source {source} exists");
        }
    }
    for private in ["target", ".git", "rust-toolchain.toml"] {
        assert!(
            !in_build_context(&ignore, private),
            "{private} is in the build context"
        );
    }
}

/// Cargo reads the whole workspace, every member's manifest and every declared target, before it
/// fetches or builds anything, so a file the builder stage does not copy can break the image
/// even when the build never compiles it. Replays the builder's COPYs from the repository into
/// an empty directory and, at each `RUN cargo …`, checks that cargo can read the workspace from
/// what is there.
#[test]
fn cargo_reads_the_workspace_from_what_the_builder_copies() {
    let instructions = dockerfile_instructions(&read("Dockerfile"));
    let builder = stages(&instructions)[0];
    let build_dir = tempfile::tempdir().unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cargo_runs = 0;
    for instruction in builder {
        match instruction.keyword.as_str() {
            "COPY" if !instruction.args.starts_with("--") => {
                let words: Vec<&str> = instruction.args.split_whitespace().collect();
                let (destination, sources) = words.split_last().expect("COPY names a destination");
                assert!(
                    !destination.starts_with('/'),
                    "COPY {}: the builder copies relative to its WORKDIR",
                    instruction.args
                );
                for source in sources {
                    docker_copy(&root().join(source), &build_dir.path().join(destination));
                }
            }
            "RUN" if instruction.args.starts_with("cargo ") => {
                let mut command = Command::new(&cargo);
                command
                    .args([
                        "metadata",
                        "--no-deps",
                        "--offline",
                        "--format-version",
                        "1",
                    ])
                    .current_dir(build_dir.path());
                let output = command
                    .output()
                    .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
                assert_success(
                    &output,
                    &format!("cargo metadata before `RUN {}`", instruction.args),
                );
                cargo_runs += 1;
            }
            _ => {}
        }
    }
    assert!(
        cargo_runs >= 2,
        "the builder fetches, then builds, with cargo"
    );
}

/// `COPY source destination` for one source: a directory's contents go into `destination`, a
/// file into it when it ends with `/`, else to that path.
fn docker_copy(source: &Path, destination: &Path) {
    if source.is_dir() {
        std::fs::create_dir_all(destination).unwrap();
        for entry in std::fs::read_dir(source).unwrap() {
            let path = entry.unwrap().path();
            docker_copy(&path, &destination.join(path.file_name().unwrap()));
        }
        return;
    }
    let target = if destination.to_string_lossy().ends_with('/') {
        destination.join(source.file_name().unwrap())
    } else {
        destination.to_path_buf()
    };
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::copy(source, &target)
        .unwrap_or_else(|e| panic!("COPY {} to {}: {e}", source.display(), target.display()));
}

/// Whether `.dockerignore` lets `path` into the build context. Supports what the file uses:
/// `*` and plain paths (a directory covers what is under it), `!` to re-include; the last
/// matching line wins.
fn in_build_context(dockerignore: &str, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let mut included = true;
    for line in dockerignore.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (include, pattern) = match line.strip_prefix('!') {
            Some(p) => (true, p.trim_end_matches('/')),
            None => (false, line.trim_end_matches('/')),
        };
        assert!(
            pattern == "*" || !pattern.contains(['*', '?', '[']),
            ".dockerignore pattern {line:?} is not understood by this test"
        );
        let matches = pattern == "*" || path == pattern || path.starts_with(&format!("{pattern}/"));
        if matches {
            included = include;
        }
    }
    included
}

// ------------------------------------------------------------------------------------ systemd

#[test]
fn systemd_accepts_the_unit_which_is_hardened_and_reloads_with_sighup() {
    let unit = read("examples/systemd/kms_exporter.service");
    for directive in [
        "ExecStart=/usr/local/bin/kms_exporter --config.file=/etc/kms_exporter/kms_exporter.yml",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "User=kms_exporter",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "CapabilityBoundingSet=\n",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "SystemCallFilter=@system-service",
    ] {
        assert!(unit.contains(directive), "the unit lacks {directive:?}");
    }

    // systemd-analyze checks the directives and that ExecStart exists: point it at the binary
    // under test.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("kms_exporter.service");
    std::fs::write(
        &copy,
        unit.replace(
            "/usr/local/bin/kms_exporter",
            env!("CARGO_BIN_EXE_kms_exporter"),
        ),
    )
    .unwrap();
    let mut command = tool("systemd-analyze", "systemd");
    command.arg("verify").arg(&copy);
    let output = run(command);
    assert_success(&output, "systemd-analyze verify");
    assert!(
        text(&output).trim().is_empty(),
        "systemd-analyze warns:\n{}",
        text(&output)
    );
}

/// The Debian package's unit (packaging/debian/, built into the .deb by scripts/release.sh) is
/// the example unit with the binary in /usr/bin: one hardening, two install paths.
#[test]
fn the_packaged_unit_is_the_example_unit_with_the_binary_in_usr_bin() {
    let from_unit = |text: &str| text[text.find("[Unit]").expect("a [Unit] section")..].to_owned();
    let example = from_unit(&read("examples/systemd/kms_exporter.service"));
    let packaged = from_unit(&read("packaging/debian/kms_exporter.service"));
    assert_eq!(
        packaged,
        example.replace("/usr/local/bin/kms_exporter", "/usr/bin/kms_exporter"),
        "packaging/debian/kms_exporter.service differs from the example unit"
    );
    // The package creates the unit's user before its generated systemd snippet starts it.
    let postinst = read("packaging/debian/postinst");
    let adduser = postinst
        .find("adduser --system")
        .expect("postinst runs adduser");
    let debhelper = postinst
        .find("#DEBHELPER#")
        .expect("postinst has #DEBHELPER#");
    assert!(adduser < debhelper, "{postinst}");
    assert!(postinst.contains(" kms_exporter\n"), "{postinst}");
}

// ------------------------------------------------------------------------------------ the docs

#[test]
fn every_file_the_deployment_docs_name_exists() {
    let mut named: Vec<PathBuf> = Vec::new();
    for doc in ["docs/deployment.md", "README.md", "Dockerfile"] {
        let text = read(doc);
        for (at, _) in text.match_indices("examples/") {
            let rest = &text[at..];
            let end = rest
                .find(|c: char| c.is_whitespace() || "`)]'\",:".contains(c))
                .unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches('.');
            if path.ends_with('/') || path.contains('*') {
                continue;
            }
            named.push(PathBuf::from(path));
        }
    }
    assert!(named.len() >= 8, "the docs name the examples: {named:?}");
    for path in named {
        assert!(
            root().join(&path).is_file(),
            "{} does not exist",
            path.display()
        );
    }
}
