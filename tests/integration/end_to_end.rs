//! The whole path with the real programs (issue: dashboards and end-to-end, acceptance 1; issue 15,
//! acceptance 2): exporters probe a staged broken world, a real Prometheus scrapes them with the
//! alert pack loaded (`for:` shortened in a test copy), and a real Alertmanager delivers to a
//! webhook.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::exporter::TestExporter;
use crate::support::prometheus::{Daemon, StaticMetrics, Webhook, alertmanager, prometheus};
use crate::support::world::World;

/// The rule files with every `for:` shortened 60 times (minutes become seconds), so a test sees
/// alerts fire in seconds while their order — which the inhibitions rely on — stays.
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
                Some(wait) => {
                    let wait = humantime::parse_duration(wait.trim()).unwrap();
                    let indent = &line[..line.len() - line.trim_start().len()];
                    format!("{indent}for: {}s\n", (wait.as_secs() / 60).max(1))
                }
                None => format!("{line}\n"),
            })
            .collect();
        let copy = dir.join(path.file_name().unwrap());
        std::fs::write(&copy, text).unwrap();
        files.push(copy.display().to_string());
    }
    files
}

fn example(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// `examples/alertmanager.yml` with every receiver replaced by `webhook` (the notification's
/// `receiver` field still names it) and its timers shortened: groups wait and repeat for 1 s,
/// and tickets go out at any hour (no `active_time_intervals`). Grouping and inhibitions are the
/// example's. JSON is YAML, so Alertmanager reads the result as it is.
fn alertmanager_example(webhook: SocketAddr) -> String {
    let mut doc = example("examples/alertmanager.yml");
    for receiver in doc["receivers"].as_array_mut().unwrap() {
        *receiver = json!({
            "name": receiver["name"],
            "webhook_configs": [{"url": format!("http://{webhook}/"), "send_resolved": false}],
        });
    }
    fn shorten(route: &mut Value) {
        let route = route.as_object_mut().unwrap();
        route.remove("active_time_intervals");
        for timer in ["group_wait", "group_interval"] {
            if route.contains_key(timer) {
                route.insert(timer.to_owned(), json!("1s"));
            }
        }
        for child in route
            .get_mut("routes")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            shorten(child);
        }
    }
    shorten(&mut doc["route"]);
    doc.to_string()
}

/// A webhook and a ready Alertmanager running `examples/alertmanager.yml` that delivers to it.
async fn example_alertmanager(dir: &Path) -> (Webhook, Daemon) {
    let webhook = Webhook::start().await;
    let mut alertmanager = alertmanager(dir, &alertmanager_example(webhook.address));
    alertmanager
        .wait_ready("/-/ready", Duration::from_secs(30))
        .await;
    (webhook, alertmanager)
}

/// A Prometheus example evaluating every second, with the shortened `rules`, sending to
/// `alertmanager`.
fn prometheus_example(relative: &str, rules: &[String], alertmanager: SocketAddr) -> Value {
    let mut doc = example(relative);
    doc["global"]["scrape_interval"] = json!("1s");
    doc["global"]["evaluation_interval"] = json!("1s");
    doc["rule_files"] = json!(rules);
    doc["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"] =
        json!([alertmanager.to_string()]);
    doc
}

/// `examples/prometheus/multi-site.yml` scraping `exporters` as its first sites (their `site`
/// labels kept) every second, with the shortened `rules`, sending to `alertmanager`.
fn multi_site_example(
    rules: &[String],
    alertmanager: SocketAddr,
    exporters: &[SocketAddr],
) -> String {
    let mut doc = prometheus_example("examples/prometheus/multi-site.yml", rules, alertmanager);
    let job = &mut doc["scrape_configs"][0];
    job["scrape_timeout"] = json!("1s");
    let groups = job["static_configs"].as_array_mut().unwrap();
    assert!(
        groups.len() >= exporters.len(),
        "multi-site.yml has too few sites"
    );
    groups.truncate(exporters.len());
    for (group, exporter) in groups.iter_mut().zip(exporters) {
        group["targets"] = json!([exporter.to_string()]);
    }
    doc.to_string()
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
            "KmsClientsCannotActivate",
            vec![
                ("domain", "missing.test"),
                ("hresult", "0x8007232B"),
                ("severity", "critical"),
            ],
        ),
        // office: kms-refuse refuses it, kms-low is below 5, kms-skew refuses the timestamp,
        // kms-hole does not answer: nobody activates.
        (
            "KmsClientsCannotActivate",
            vec![
                ("domain", "corp.test"),
                ("product", "office-ltsc-2024"),
                ("hresult", "0xC004F042"),
            ],
        ),
        // windows: kms-refuse grants it, so only the third drawing kms-skew is refused.
        (
            "KmsSomeClientsCannotActivate",
            vec![
                ("domain", "corp.test"),
                ("product", "windows"),
                ("hresult", "0xC004F06C"),
            ],
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
            vec![("host", "kms-skew.corp.test"), ("severity", "warning")],
        ),
        (
            "KmsHostTimestampRefused",
            vec![("host", "kms-skew.corp.test"), ("severity", "warning")],
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
        !has_alert(
            &alerts,
            "KmsClientsCannotActivate",
            &[("domain", "corp.test"), ("product", "windows")]
        ),
        "corp.test's windows clients activate on kms-refuse:\n{}",
        describe(&alerts)
    );

    // Critical alerts travel through Alertmanager to the receiver.
    let critical = [
        ("KmsClientsCannotActivate", ("domain", "missing.test")),
        ("KmsClientsCannotActivate", ("product", "office-ltsc-2024")),
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
        let alerts = stack.alerts().await;
        if alerts.iter().any(|a| {
            a["state"] == "firing" && a["labels"]["alertname"] == "KmsClientsCannotActivate"
        }) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "KmsClientsCannotActivate did not fire within 90 s"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;

    let mut empty = Vec::new();
    let mut failed = Vec::new();
    for query in crate::dashboards::dashboard_queries() {
        let answer = stack.prometheus.query(&query.expr).await;
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

/// Three exporters labelled as three sites by `examples/prometheus/multi-site.yml`, probing a world
/// with one outage per domain; Prometheus loads the alert pack, and Alertmanager runs
/// `examples/alertmanager.yml` with its receivers replaced by the webhook.
struct Sites {
    _world: World,
    _exporters: Vec<TestExporter>,
    prometheus: Daemon,
    alertmanager: Daemon,
    webhook: Webhook,
    _dir: tempfile::TempDir,
}

/// How Prometheus gets the three sites' results: from each exporter's own cycle
/// (`examples/prometheus/multi-site.yml`), or by driving probe-only exporters through `/probe`
/// (`examples/prometheus/multi-target.yml`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    Cycle,
    Probe,
}

/// The domains of `World::outage_config`, which the `/probe` layout names as targets.
const OUTAGE_DOMAINS: [&str; 5] = [
    "good.test",
    "down.test",
    "pair.test",
    "skew.test",
    "missing.test",
];

/// `examples/prometheus/multi-target.yml` with `exporters` as the sites of `SITES` (their own
/// `/metrics` in the kms_exporter job, their `/probe` of every outage domain in the kms_probe
/// job), the shortened `rules`, sending to `alertmanager`. Probes every 5 s: a domain with a
/// black-holed host needs two of the exporter's 2 s timeouts.
fn multi_target_example(
    rules: &[String],
    alertmanager: SocketAddr,
    exporters: &[SocketAddr],
) -> String {
    let mut doc = prometheus_example("examples/prometheus/multi-target.yml", rules, alertmanager);
    for job in doc["scrape_configs"].as_array_mut().unwrap() {
        let probe = job["job_name"] == "kms_probe";
        job["scrape_interval"] = json!(if probe { "5s" } else { "1s" });
        job["scrape_timeout"] = json!(if probe { "5s" } else { "1s" });
        if probe {
            // The product the cycle layout's exporters activate by default, so that an outage is
            // the same domain and product in both layouts.
            job["params"]["product"] = json!(["windows"]);
        }
        job["static_configs"] = SITES
            .iter()
            .zip(exporters)
            .map(|(site, exporter)| {
                if probe {
                    json!({"targets": OUTAGE_DOMAINS,
                           "labels": {"site": site, "__tmp_exporter": exporter.to_string()}})
                } else {
                    json!({"targets": [exporter.to_string()], "labels": {"site": site}})
                }
            })
            .collect();
    }
    doc.to_string()
}

impl Sites {
    async fn start(layout: Layout) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let world = World::start().await;
        let config = match layout {
            Layout::Cycle => world.outage_config("2s"),
            Layout::Probe => world.probe_only_config("2s"),
        };
        let mut exporters = Vec::new();
        for _ in 0..3 {
            exporters.push(TestExporter::start(&config).await);
        }
        let (webhook, alertmanager) = example_alertmanager(dir.path()).await;
        let rules = shortened_rules(dir.path());
        let addresses: Vec<SocketAddr> = exporters.iter().map(|e| e.address).collect();
        let configuration = match layout {
            Layout::Cycle => multi_site_example(&rules, alertmanager.address, &addresses),
            Layout::Probe => multi_target_example(&rules, alertmanager.address, &addresses),
        };
        let mut prometheus = prometheus(dir.path(), &configuration);
        prometheus
            .wait_ready("/-/ready", Duration::from_secs(30))
            .await;
        Self {
            _world: world,
            _exporters: exporters,
            prometheus,
            alertmanager,
            webhook,
            _dir: dir,
        }
    }
}

/// One notification group as the receiver saw it over all its notifications.
#[derive(Debug, Default)]
struct Group {
    receiver: String,
    labels: BTreeMap<String, String>,
    alerts: Vec<Value>,
}

impl Group {
    fn label_values(&self, label: &str) -> BTreeSet<String> {
        self.alerts
            .iter()
            .filter_map(|a| a["labels"][label].as_str().map(str::to_owned))
            .collect()
    }
}

/// The notification groups delivered so far, by `groupKey`.
fn groups(webhook: &Webhook) -> BTreeMap<String, Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for body in webhook.notifications() {
        let group = groups
            .entry(body["groupKey"].as_str().unwrap_or_default().to_owned())
            .or_default();
        group.receiver = body["receiver"].as_str().unwrap_or_default().to_owned();
        group.labels = body["groupLabels"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
            .collect();
        group
            .alerts
            .extend(body["alerts"].as_array().cloned().unwrap_or_default());
    }
    groups
}

const SITES: [&str; 3] = ["busan", "seoul", "tokyo"];

/// Issue 15, acceptance 2: page groups per outage are 0 (healthy), 1 (one-host domain down), 0
/// and at least one ticket (two-host domain, one host down), 1 (host clock 5 h ahead), 1 (missing
/// SRV record), each page naming the client's code; seen from three sites.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_page_per_outage_from_three_sites_and_each_names_the_clients_code() {
    one_page_per_outage(Layout::Cycle).await;
}

/// Issue 23, acceptance 2: the same outages and the same page groups when Prometheus drives
/// probe-only exporters through `/probe` (each site's series carry their own `exporter` label and
/// `instance` is the probed domain): 0/1/0/1/1, and the host down from every site is one ticket.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_page_per_outage_from_three_sites_in_the_probe_layout() {
    one_page_per_outage(Layout::Probe).await;
}

async fn one_page_per_outage(layout: Layout) {
    let sites = Sites::start(layout).await;
    let outages = [
        ("down.test", "0xC004F074"),
        ("skew.test", "0xC004F06C"),
        ("missing.test", "0x8007232B"),
    ];
    let pages = |groups: &BTreeMap<String, Group>, domain: &str| -> Vec<String> {
        groups
            .iter()
            .filter(|(_, g)| {
                g.receiver == "pager" && g.labels.get("domain").is_some_and(|d| d == domain)
            })
            .map(|(key, _)| key.clone())
            .collect()
    };
    // Wait until each outage's page lists all three sites, the two-host domain's black-holed
    // host has a ticket, and the per-site connection alerts that the example inhibits are firing
    // in Prometheus (so that their absence at the receiver means inhibition, not a slow rule).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        let groups = groups(&sites.webhook);
        let paged = outages.iter().all(|(domain, _)| {
            groups
                .values()
                .filter(|g| {
                    g.receiver == "pager" && g.labels.get("domain").is_some_and(|d| d == domain)
                })
                .any(|g| g.label_values("site") == SITES.iter().map(|s| (*s).to_owned()).collect())
        });
        let ticketed = groups
            .values()
            .any(|g| g.receiver == "ticket" && g.label_values("host").contains("kms2.pair.test"));
        let alerts: Vec<Value> = sites.prometheus.api("/api/v1/alerts").await["data"]["alerts"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let firing_per_site = |host: &str| {
            alerts
                .iter()
                .filter(|a| {
                    a["state"] == "firing"
                        && a["labels"]["alertname"] == "KmsHostPortUnreachable"
                        && a["labels"]["host"] == host
                })
                .count()
        };
        let targets_firing =
            firing_per_site("kms.down.test") == 3 && firing_per_site("kms2.pair.test") == 3;
        if paged && ticketed && targets_firing {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not there within 120 s (paged {paged}, ticketed {ticketed}, targets firing \
             {targets_firing})\ndelivered: {:#?}\nprometheus alerts:\n{}\nalertmanager log:\n{}",
            groups,
            describe(&alerts),
            sites.alertmanager.log()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // Two more group intervals for anything that should not be there to arrive.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let groups = groups(&sites.webhook);

    let mut report = Vec::new();
    for domain in [
        "good.test",
        "down.test",
        "pair.test",
        "skew.test",
        "missing.test",
    ] {
        report.push(format!(
            "{domain}: {} page group(s)",
            pages(&groups, domain).len()
        ));
    }
    let pair_tickets: Vec<String> = groups
        .values()
        .filter(|g| g.receiver == "ticket" && g.label_values("host").contains("kms2.pair.test"))
        .map(|g| g.labels["alertname"].clone())
        .collect();
    println!(
        "{layout:?}: {}; pair.test tickets: {pair_tickets:?}",
        report.join(", ")
    );

    assert!(pages(&groups, "good.test").is_empty(), "{report:?}");
    assert!(pages(&groups, "pair.test").is_empty(), "{report:?}");
    assert!(!pair_tickets.is_empty(), "no ticket for kms2.pair.test");
    for (domain, code) in outages {
        let keys = pages(&groups, domain);
        assert_eq!(keys.len(), 1, "{domain}: page groups {keys:?}\n{report:?}");
        let page = &groups[&keys[0]];
        assert_eq!(
            page.label_values("site"),
            SITES.iter().map(|s| (*s).to_owned()).collect(),
            "{domain}: the page lists the three sites"
        );
        for alert in &page.alerts {
            assert_eq!(alert["labels"]["alertname"], "KmsClientsCannotActivate");
            assert_eq!(alert["labels"]["hresult"], code, "{domain}: {alert:#}");
            let description = alert["annotations"]["description"]
                .as_str()
                .unwrap_or_default();
            assert!(
                description.contains(&format!("get {code}, and none activates"))
                    && description.contains("Sites whose clients get")
                    && description.contains("busan, seoul, tokyo"),
                "{domain}: {description}"
            );
        }
    }
    // The causes found: the host and the step where its probe stopped.
    let down = &groups[&pages(&groups, "down.test")[0]];
    assert!(
        down.alerts.iter().all(|a| a["annotations"]["description"]
            .as_str()
            .is_some_and(|d| d.contains("kms.down.test:") && d.contains("TCP connect timeout"))),
        "{:#?}",
        down.alerts
    );
    // No other page at all: three outages, three page groups.
    let all_pages: Vec<&Group> = groups.values().filter(|g| g.receiver == "pager").collect();
    assert_eq!(all_pages.len(), 3, "{all_pages:#?}");

    // The inhibitions hold with the labels the rules carry: a host down from every site is one
    // ticket, its per-site connection tickets are held back although they fire.
    for host in ["kms.down.test", "kms2.pair.test"] {
        let tickets: BTreeSet<String> = groups
            .values()
            .filter(|g| g.receiver == "ticket" && g.label_values("host").contains(host))
            .map(|g| g.labels["alertname"].clone())
            .collect();
        assert!(
            tickets.contains("KmsHostDownFromAllSites"),
            "{host}: {tickets:?}"
        );
        assert!(
            !tickets.contains("KmsHostPortUnreachable"),
            "{host}: {tickets:?}"
        );
    }

    if layout == Layout::Probe {
        return;
    }
    // The overview's alerts table with one site and one exporter selected, as Grafana sends it:
    // it keeps that site's alerts and the alerts that compare sites (no site, no instance).
    let up = sites.prometheus.query(r#"up{site="seoul"}"#).await;
    let seoul = &up["data"]["result"][0]["metric"];
    let (job, instance) = (
        seoul["job"].as_str().expect("seoul's job"),
        seoul["instance"].as_str().expect("seoul's instance"),
    );
    for expr in crate::dashboards::panel_exprs("kms-overview.json", "Firing KMS alerts") {
        let expr = expr
            .replace("$site", "seoul")
            .replace("$job", job)
            .replace("$instance", &instance.replace('.', "\\\\."));
        let rows = sites.prometheus.query(&expr).await["data"]["result"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let shown: BTreeSet<(String, String)> = rows
            .iter()
            .map(|r| {
                let label = |name: &str| r["metric"][name].as_str().unwrap_or("").to_owned();
                (label("alertname"), label("site"))
            })
            .collect();
        assert!(
            shown.contains(&("KmsHostDownFromAllSites".into(), String::new())),
            "the alerts table for seoul hides the site-comparison alert: {shown:?}\n{expr}"
        );
        assert!(
            shown.contains(&("KmsClientsCannotActivate".into(), "seoul".into())),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .all(|(_, site)| site.is_empty() || site == "seoul"),
            "other sites' alerts shown for seoul: {shown:?}"
        );
    }
}

/// The dashboards' site, job and instance variables in the multi-target layout: Prometheus scrapes
/// only `/probe` (the `kms_probe` job of `examples/prometheus/multi-target.yml`), whose responses
/// carry no exporter series; each variable still lists the probe job's values, and the domain and
/// host variables the domain's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_variables_list_the_probe_layouts_sites_jobs_and_instances() {
    let dir = tempfile::tempdir().unwrap();
    let world = World::start().await;
    let exporter = TestExporter::start(&world.config("2s")).await;
    let mut doc = example("examples/prometheus/multi-target.yml");
    doc["global"] = json!({"scrape_interval": "1s", "evaluation_interval": "1s"});
    doc.as_object_mut().unwrap().remove("rule_files");
    doc.as_object_mut().unwrap().remove("alerting");
    let mut probe = doc["scrape_configs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|job| job["job_name"] == "kms_probe")
        .cloned()
        .expect("multi-target.yml has the kms_probe job");
    probe["scrape_interval"] = json!("1s");
    probe["scrape_timeout"] = json!("1s");
    probe["static_configs"] = json!([{
        "targets": ["good.test"],
        "labels": {"site": "seoul", "__tmp_exporter": exporter.address.to_string()},
    }]);
    doc["scrape_configs"] = json!([probe]);
    let mut prometheus = prometheus(dir.path(), &doc.to_string());
    prometheus
        .wait_ready("/-/ready", Duration::from_secs(30))
        .await;

    let values = |answer: Value, label: &str| -> BTreeSet<String> {
        answer["data"]["result"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|r| r["metric"][label].as_str().map(str::to_owned))
            .collect()
    };
    let mut missing = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        missing.clear();
        for query in crate::dashboards::dashboard_queries() {
            let Some(name) = query.panel.strip_prefix("variable ") else {
                continue;
            };
            let (label, want) = match name {
                "site" => ("site", "seoul"),
                "job" => ("job", "kms_probe"),
                "instance" => ("instance", "good.test"),
                "domain" => ("domain", "good.test"),
                "host" => ("host", "kms.good.test"),
                _ => continue,
            };
            let found = values(prometheus.query(&query.expr).await, label);
            if !found.contains(want) {
                missing.push(format!(
                    "{} variable {name}: {found:?} lacks {want}\n  {}",
                    query.dashboard, query.expr
                ));
            }
        }
        if missing.is_empty() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "after 60 s:\n{}",
            missing.join("\n")
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// The series of one host as an exporter reports it: `resolved` addresses, TCP connect, RPC bind,
/// and the activation status per product (`status` for both products).
fn staged_host(host: &str, resolved: u8, tcp: u8, bind: u8, status: &str) -> String {
    let at = format!("host=\"{host}\",port=\"1688\"");
    let mut text = format!(
        "kms_host_resolved_addresses{{{at}}} {resolved}\n\
         kms_host_tcp_connect_success{{{at}}} {tcp}\n\
         kms_host_rpc_bind_success{{{at}}} {bind}\n\
         kms_host_up{{{at}}} {}\n",
        u8::from(status == "ok")
    );
    for product in ["windows", "office-ltsc-2024"] {
        for each in [
            "ok",
            "refused",
            "invalid_response",
            "rpc_error",
            "unreachable",
        ] {
            text += &format!(
                "kms_activation_status{{{at},product=\"{product}\",status=\"{each}\"}} {}\n",
                u8::from(each == status)
            );
        }
        if status == "ok" {
            text += &format!(
                "kms_activation_current_clients{{{at},product=\"{product}\"}} 50\n\
                 kms_activation_required_clients{{{at},product=\"{product}\"}} 5\n\
                 kms_activation_hresult{{{at},product=\"{product}\"}} 0\n"
            );
        }
    }
    text
}

/// An exporter's own series, its last cycle `age` seconds ago, and every product of `domain`
/// activating at the share `success` (the rest getting 0xC004F074).
fn staged_exporter(age: u64, domain: &str, hosts: &[&str], success: u8) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut text = format!(
        "kms_exporter_last_cycle_timestamp_seconds {}\n\
         kms_exporter_probe_interval_seconds 60\n\
         kms_exporter_activation_interval_seconds 900\n\
         kms_domain_hosts{{domain=\"{domain}\"}} {}\n",
        now - age,
        hosts.len()
    );
    for host in hosts {
        text += &format!(
            "kms_domain_host_info{{domain=\"{domain}\",host=\"{host}\",port=\"1688\"}} 1\n"
        );
    }
    for product in ["windows", "office-ltsc-2024"] {
        text += &format!(
            "kms_domain_activation_result_ratio{{domain=\"{domain}\",product=\"{product}\",hresult=\"0x00000000\"}} {success}\n\
             kms_domain_activation_result_ratio{{domain=\"{domain}\",product=\"{product}\",hresult=\"0xC004F074\"}} {}\n",
            1 - success
        );
    }
    text
}

/// Issue 23, "one ticket per cause": each staged cause reaches the receivers of
/// `examples/alertmanager.yml` as exactly one notification group, although Prometheus fires
/// several alerts for it. Three sites (seoul, busan, tokyo) probe pair.test, whose kms1 works,
/// kms-web answers port 1688 with another service (the RPC bind fails, every product's request
/// fails) and kms-gone lost its A record; a fourth exporter (osaka) stopped probing an hour ago
/// and still serves the results of a broken domain.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_staged_cause_is_one_notification_group() {
    let dir = tempfile::tempdir().unwrap();
    let pair = |age| {
        staged_exporter(
            age,
            "pair.test",
            &["kms1.pair.test", "kms-web.pair.test", "kms-gone.pair.test"],
            1,
        ) + &staged_host("kms1.pair.test", 1, 1, 1, "ok")
            + &staged_host("kms-web.pair.test", 1, 1, 0, "rpc_error")
            + &staged_host("kms-gone.pair.test", 0, 0, 0, "unreachable")
    };
    let mut exporters = Vec::new();
    for _ in 0..3 {
        exporters.push(StaticMetrics::start(pair(0)).await);
    }
    exporters.push(
        StaticMetrics::start(
            staged_exporter(3600, "stale.test", &["kms.stale.test"], 0)
                + &staged_host("kms.stale.test", 1, 0, 0, "unreachable"),
        )
        .await,
    );
    let (webhook, alertmanager) = example_alertmanager(dir.path()).await;
    let rules = shortened_rules(dir.path());
    let addresses: Vec<SocketAddr> = exporters.iter().map(|e| e.address).collect();
    let mut prometheus = prometheus(
        dir.path(),
        &multi_site_example(&rules, alertmanager.address, &addresses),
    );
    prometheus
        .wait_ready("/-/ready", Duration::from_secs(30))
        .await;

    // What Prometheus fires for each cause: several alerts, which the groups must reduce to one.
    let firing = |alerts: &[Value], name: &str, host: &str| {
        alerts
            .iter()
            .filter(|a| {
                a["state"] == "firing"
                    && a["labels"]["alertname"] == name
                    && (host.is_empty() || a["labels"]["host"] == host)
            })
            .count()
    };
    let sent = |groups: &BTreeMap<String, Group>, host: &str, instance: &str| -> Vec<String> {
        groups
            .values()
            .filter(|g| g.receiver == "pager" || g.receiver == "ticket")
            .filter(|g| {
                g.label_values("host").contains(host)
                    || g.label_values("instance").contains(instance)
            })
            .map(|g| g.labels["alertname"].clone())
            .collect()
    };
    let stale = addresses[3].to_string();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    let alerts = loop {
        let alerts: Vec<Value> = prometheus.api("/api/v1/alerts").await["data"]["alerts"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let groups = groups(&webhook);
        let staged = firing(&alerts, "KmsHostRpcBindFailing", "kms-web.pair.test") == 3
            && firing(&alerts, "KmsHostInvalidResponse", "kms-web.pair.test") == 6
            && firing(&alerts, "KmsHostDownFromAllSites", "kms-web.pair.test") == 1
            && firing(&alerts, "KmsSrvTargetUnresolvable", "kms-gone.pair.test") == 1
            && firing(&alerts, "KmsExporterProbesStale", "") == 1
            && firing(&alerts, "KmsHostPortUnreachable", "kms.stale.test") == 1;
        let delivered = !sent(&groups, "kms-web.pair.test", "-").is_empty()
            && !sent(&groups, "kms-gone.pair.test", "-").is_empty()
            && !sent(&groups, "-", &stale).is_empty();
        if staged && delivered {
            break alerts;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not there within 120 s (staged {staged}, delivered {delivered})\ndelivered: {groups:#?}\n\
             prometheus alerts:\n{}\nprometheus log:\n{}\nalertmanager log:\n{}",
            describe(&alerts),
            prometheus.log(),
            alertmanager.log()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    // Two more group intervals for anything that should not be there to arrive.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let groups = groups(&webhook);
    let web = sent(&groups, "kms-web.pair.test", "-");
    let gone = sent(&groups, "kms-gone.pair.test", "-");
    let stuck = sent(&groups, "kms.stale.test", &stale);
    println!("kms-web: {web:?}; kms-gone: {gone:?}; stale exporter: {stuck:?}");
    assert_eq!(web, ["KmsHostDownFromAllSites"], "{groups:#?}");
    assert_eq!(gone, ["KmsSrvTargetUnresolvable"], "{groups:#?}");
    assert_eq!(stuck, ["KmsExporterProbesStale"], "{groups:#?}");
    // The stale exporter's broken domain raises no page at all, and the healthy host nothing.
    assert!(
        !has_alert(
            &alerts,
            "KmsClientsCannotActivate",
            &[("domain", "stale.test")]
        ),
        "{}",
        describe(&alerts)
    );
    assert!(
        sent(&groups, "kms1.pair.test", "-").is_empty(),
        "{groups:#?}"
    );
    let pages: Vec<&Group> = groups.values().filter(|g| g.receiver == "pager").collect();
    assert!(pages.is_empty(), "{pages:#?}");
}
