//! The whole path with the real programs (issue: dashboards and end-to-end, acceptance 1): the
//! exporter probes a staged broken world, a real Prometheus scrapes it with the alert pack
//! loaded (`for:` shortened in a test copy), and a real Alertmanager delivers to a webhook.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::support::exporter::TestExporter;
use crate::support::prometheus::{Daemon, Webhook, alertmanager, prometheus};
use crate::support::world::World;

/// The rule files with every `for:` shortened to 5s, so a test sees alerts fire in seconds.
fn shortened_rules(dir: &Path) -> Vec<String> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("alerts");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "yml") {
            continue;
        }
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|line| match line.trim_start().strip_prefix("for:") {
                Some(_) => format!("{}for: 5s\n", &line[..line.len() - line.trim_start().len()]),
                None => format!("{line}\n"),
            })
            .collect();
        let copy = dir.join(path.file_name().unwrap());
        std::fs::write(&copy, text).unwrap();
        files.push(copy.display().to_string());
    }
    files
}

/// A running stack: world, exporter, Prometheus, Alertmanager, webhook.
pub struct Stack {
    pub world: World,
    _exporter: TestExporter,
    pub prometheus: Daemon,
    pub alertmanager: Daemon,
    pub webhook: Webhook,
    _dir: tempfile::TempDir,
}

impl Stack {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let world = World::start().await;
        let exporter = TestExporter::start(&world.config("2s")).await;
        let webhook = Webhook::start().await;
        let mut alertmanager = alertmanager(
            dir.path(),
            &format!(
                "route:\n  receiver: webhook\n  group_by: [alertname, domain, host, product]\n  \
                 group_wait: 1s\n  group_interval: 1s\n  repeat_interval: 1h\n\
                 receivers:\n  - name: webhook\n    webhook_configs:\n      - url: http://{}/\n        send_resolved: false\n",
                webhook.address
            ),
        );
        alertmanager
            .wait_ready("/-/ready", Duration::from_secs(30))
            .await;
        let rules = shortened_rules(dir.path());
        let mut prometheus = prometheus(
            dir.path(),
            &format!(
                "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n\
                 rule_files: [{}]\n\
                 alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [\"{}\"]\n\
                 scrape_configs:\n  - job_name: kms\n    static_configs:\n      - targets: [\"{}\"]\n",
                rules
                    .iter()
                    .map(|r| format!("\"{r}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                alertmanager.address,
                exporter.address
            ),
        );
        prometheus
            .wait_ready("/-/ready", Duration::from_secs(30))
            .await;
        Self {
            world,
            _exporter: exporter,
            prometheus,
            alertmanager,
            webhook,
            _dir: dir,
        }
    }

    /// Active alerts (pending or firing) in Prometheus.
    pub async fn alerts(&self) -> Vec<Value> {
        self.prometheus.api("/api/v1/alerts").await["data"]["alerts"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

/// An alert with this name and these labels is active.
fn has_alert(alerts: &[Value], name: &str, labels: &[(&str, &str)]) -> bool {
    alerts.iter().any(|a| {
        a["labels"]["alertname"] == name
            && labels
                .iter()
                .all(|(k, v)| a["labels"][*k].as_str() == Some(*v))
    })
}

fn describe(alerts: &[Value]) -> String {
    alerts
        .iter()
        .map(|a| {
            format!(
                "{} {} {}",
                a["labels"]["alertname"], a["state"], a["labels"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staged_faults_raise_their_alerts_and_critical_ones_reach_alertmanager() {
    let stack = Stack::start().await;
    let secondary = stack.world.secondary.address.to_string();
    let expected: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "KmsSrvRecordMissing",
            vec![("domain", "missing.test"), ("severity", "critical")],
        ),
        (
            "KmsDnsServerFailing",
            vec![("domain", "corp.test"), ("nameserver", secondary.as_str())],
        ),
        (
            "KmsHostProductNotSupported",
            vec![
                ("host", "kms-refuse.corp.test"),
                ("product", "office-ltsc-2024"),
            ],
        ),
        (
            "KmsActivationCountBelowThreshold",
            vec![("host", "kms-low.corp.test"), ("product", "windows")],
        ),
        (
            "KmsHostPortUnreachable",
            vec![("host", "kms-hole.corp.test")],
        ),
        (
            "KmsHostClockSkew",
            vec![("host", "kms-skew.corp.test"), ("severity", "critical")],
        ),
        (
            "KmsHostTimestampRefused",
            vec![("host", "kms-skew.corp.test"), ("severity", "critical")],
        ),
        (
            "KmsExpectedHostNotPublished",
            vec![("domain", "corp.test"), ("host", "kms-spare.corp.test")],
        ),
    ];

    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    let alerts = loop {
        let alerts = stack.alerts().await;
        if expected.iter().all(|(n, l)| has_alert(&alerts, n, l)) {
            break alerts;
        }
        if tokio::time::Instant::now() > deadline {
            let missing: Vec<_> = expected
                .iter()
                .filter(|(n, l)| !has_alert(&alerts, n, l))
                .collect();
            panic!(
                "alerts not raised: {missing:?}\nactive:\n{}\nprometheus log:\n{}",
                describe(&alerts),
                stack.prometheus.log()
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };

    // The healthy domain and its hosts raise nothing.
    let healthy: Vec<&Value> = alerts
        .iter()
        .filter(|a| {
            a["labels"]["domain"] == "good.test"
                || a["labels"]["host"]
                    .as_str()
                    .is_some_and(|h| h.ends_with(".good.test"))
        })
        .collect();
    assert!(
        healthy.is_empty(),
        "the healthy domain raised: {healthy:#?}"
    );
    assert!(
        !has_alert(&alerts, "KmsNoHostReachable", &[("domain", "corp.test")]),
        "corp.test still has verified hosts:\n{}",
        describe(&alerts)
    );

    // Critical alerts travel through Alertmanager to the receiver.
    let critical = [
        ("KmsSrvRecordMissing", ("domain", "missing.test")),
        ("KmsHostClockSkew", ("host", "kms-skew.corp.test")),
        ("KmsHostTimestampRefused", ("host", "kms-skew.corp.test")),
    ];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let delivered = stack.webhook.alerts();
        let arrived = |(name, (k, v)): &(&str, (&str, &str))| {
            delivered.iter().any(|a| {
                a["labels"]["alertname"] == *name
                    && a["labels"][*k] == *v
                    && a["labels"]["severity"] == "critical"
                    && a["annotations"]["runbook_url"]
                        .as_str()
                        .is_some_and(|u| u.contains("docs/runbooks/en.md#"))
            })
        };
        if critical.iter().all(arrived) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "critical alerts not delivered through Alertmanager: {:?}\ndelivered: {delivered:#?}\nalertmanager log:\n{}",
            critical.iter().filter(|c| !arrived(c)).collect::<Vec<_>>(),
            stack.alertmanager.log()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_dashboard_query_returns_data_from_the_staged_world() {
    let stack = Stack::start().await;
    // Let alerts fire and counters gain a few samples, so rates and ALERTS have data.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    loop {
        // Not just any firing alert: KmsExporterDown fires briefly before the first scrape.
        let alerts = stack.alerts().await;
        if alerts
            .iter()
            .any(|a| a["state"] == "firing" && a["labels"]["alertname"] == "KmsSrvRecordMissing")
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "KmsSrvRecordMissing did not fire within 90 s"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;

    let mut empty = Vec::new();
    let mut failed = Vec::new();
    for query in crate::dashboards::dashboard_queries() {
        let path = format!(
            "/api/v1/query?query={}",
            form_urlencoded::byte_serialize(query.expr.as_bytes()).collect::<String>()
        );
        let answer = stack.prometheus.api(&path).await;
        if answer["status"] != "success" {
            failed.push(format!(
                "{} / {}: {}\n  {}",
                query.dashboard, query.panel, answer, query.expr
            ));
            continue;
        }
        let result = &answer["data"]["result"];
        let has_data = match answer["data"]["resultType"].as_str() {
            Some("vector") | Some("matrix") => result.as_array().is_some_and(|r| !r.is_empty()),
            _ => true,
        };
        if !has_data {
            empty.push(format!(
                "{} / {}\n  {}",
                query.dashboard, query.panel, query.expr
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "queries Prometheus rejected:\n{}",
        failed.join("\n")
    );
    assert!(
        empty.is_empty(),
        "queries without data:\n{}",
        empty.join("\n")
    );
}
