//! Signal continuity through DNS failures (issue 14, acceptance 2): while every DNS server fails
//! without an authoritative answer, a domain's hosts are still probed and exported, for at most
//! `dns.keep_last_answer`; NXDOMAIN and NODATA withdraw them at once.
//!
//! The sequences run twice: in paused time over the scripted network (exact cycle by cycle,
//! hours in milliseconds), and over real sockets against the hickory-server double, scraped
//! every 0.5 s as Prometheus would.

use std::path::Path;
use std::sync::Arc;
use std::sync::LazyLock;
use std::time::{Duration, SystemTime};

use kms_exporter::config::Config;
use kms_exporter::kms::srv_name;
use kms_exporter::scheduler::Scheduler;
use kms_exporter::snapshot::LookupStatus;
use kms_exporter_testkit::dns::{Answer, DnsDouble};
use kms_exporter_testkit::fake::{DnsAnswer, FakeNetwork, FakePort};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};

use crate::support::exporter::{TestExporter, get, scrape, value};
use crate::support::world::scripted_corp;

const PRIMARY: &str = "127.0.0.53:53";
const SECONDARY: &str = "127.0.0.54:53";
const MINUTE: Duration = Duration::from_secs(60);
/// The SRV owner name of `corp.test`.
static SRV: LazyLock<String> = LazyLock::new(|| srv_name("corp.test"));
const HOST_UP: &str = "kms_host_up{host=\"kms2.corp.test\",port=\"1688\"}";

/// `corp.test` on both servers, probed every minute, hosts kept for `keep`.
fn config(keep: &str) -> Arc<Config> {
    let yaml = format!(
        "interval: 60s\ntimeout: 10s\nclock: {{methods: [ntp]}}\n\
         dns:\n  servers: [\"{PRIMARY}\", \"{SECONDARY}\"]\n  keep_last_answer: {keep}\n\
         domains:\n  - name: corp.test\n"
    );
    Arc::new(Config::from_yaml(&yaml, Path::new("continuity.yml")).unwrap())
}

/// `corp.test` publishing `kms2.corp.test`, a healthy KMS host on 127.0.0.2.
fn stage() -> FakeNetwork {
    scripted_corp(&[(
        2,
        FakePort::Kms(Arc::new(KmsHostDouble::in_memory(Behaviour::default()))),
    )])
}

fn status(server: &str, state: LookupStatus) -> String {
    format!(
        "kms_dns_srv_status{{domain=\"corp.test\",nameserver=\"{server}\",status=\"{}\"}}",
        state.as_label()
    )
}

fn last_success(server: &str) -> String {
    format!(
        "kms_dns_srv_last_success_timestamp_seconds{{domain=\"corp.test\",nameserver=\"{server}\"}}"
    )
}

#[tokio::test(start_paused = true)]
async fn a_lost_then_servfailed_lookup_keeps_the_host_and_nxdomain_withdraws_it() {
    let net = stage();
    let config = config("1h");
    let mut scheduler = Scheduler::new(Arc::new(net.clone()));

    let first = scrape(scheduler.run_cycle(&config).await);
    assert_eq!(value(&first, HOST_UP), Some(1.0), "{first}");
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let answered: Vec<f64> = [PRIMARY, SECONDARY]
        .iter()
        .map(|server| value(&first, &last_success(server)).expect("a success timestamp"))
        .collect();
    for at in &answered {
        assert!((now - at).abs() < 60.0, "{at} vs now {now}");
    }

    let failures = [
        DnsAnswer::Silent,
        DnsAnswer::Silent,
        DnsAnswer::Silent,
        DnsAnswer::Status(LookupStatus::ServFail),
        DnsAnswer::Status(LookupStatus::ServFail),
        DnsAnswer::Status(LookupStatus::Refused),
    ];
    for (cycle, failure) in failures.iter().enumerate() {
        tokio::time::sleep(MINUTE).await;
        net.dns(&SRV, failure.clone());
        let text = scrape(scheduler.run_cycle(&config).await);
        let expected = match failure {
            DnsAnswer::Silent => LookupStatus::Timeout,
            DnsAnswer::Status(s) => *s,
            _ => unreachable!(),
        };
        for (server, answered) in [PRIMARY, SECONDARY].into_iter().zip(&answered) {
            assert_eq!(
                value(&text, &status(server, expected)),
                Some(1.0),
                "cycle {cycle}: {text}"
            );
            assert_eq!(
                value(&text, &last_success(server)),
                Some(*answered),
                "cycle {cycle}: the kept answer's age shows: {text}"
            );
        }
        assert_eq!(value(&text, HOST_UP), Some(1.0), "cycle {cycle}: {text}");
        assert_eq!(
            value(&text, "kms_domain_hosts{domain=\"corp.test\"}"),
            Some(1.0),
            "cycle {cycle}: {text}"
        );
    }

    tokio::time::sleep(MINUTE).await;
    net.dns(&SRV, DnsAnswer::Status(LookupStatus::NxDomain));
    let text = scrape(scheduler.run_cycle(&config).await);
    assert_eq!(value(&text, HOST_UP), None, "NXDOMAIN withdraws: {text}");
    assert_eq!(
        value(&text, "kms_domain_hosts{domain=\"corp.test\"}"),
        Some(0.0),
        "{text}"
    );

    // Withdrawn means forgotten: a failure after the NXDOMAIN brings nothing back.
    tokio::time::sleep(MINUTE).await;
    net.dns(&SRV, DnsAnswer::Status(LookupStatus::ServFail));
    let text = scrape(scheduler.run_cycle(&config).await);
    assert_eq!(value(&text, HOST_UP), None, "{text}");
}

#[tokio::test(start_paused = true)]
async fn kept_hosts_are_dropped_once_the_hold_time_has_passed() {
    let net = stage();
    let config = config("5m");
    let mut scheduler = Scheduler::new(Arc::new(net.clone()));
    scheduler.run_cycle(&config).await;
    net.dns(&SRV, DnsAnswer::Status(LookupStatus::ServFail));
    let mut exported = Vec::new();
    for minute in 1..=7 {
        tokio::time::sleep(MINUTE).await;
        let text = scrape(scheduler.run_cycle(&config).await);
        exported.push((minute, value(&text, HOST_UP).is_some()));
    }
    // The answer of minute 0 is kept while it is younger than 5 minutes.
    assert_eq!(
        exported,
        [
            (1, true),
            (2, true),
            (3, true),
            (4, true),
            (5, false),
            (6, false),
            (7, false)
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn one_authoritative_answer_decides_and_zero_keeps_nothing() {
    // NODATA on one server, SERVFAIL on the other: the authoritative answer wins.
    let net = stage();
    let config_1h = config("1h");
    let mut scheduler = Scheduler::new(Arc::new(net.clone()));
    scheduler.run_cycle(&config_1h).await;
    tokio::time::sleep(MINUTE).await;
    net.dns_on(PRIMARY, &SRV, DnsAnswer::Status(LookupStatus::ServFail));
    net.dns_on(SECONDARY, &SRV, DnsAnswer::Status(LookupStatus::NoData));
    let text = scrape(scheduler.run_cycle(&config_1h).await);
    assert_eq!(value(&text, HOST_UP), None, "{text}");

    // `keep_last_answer: 0s` is the behaviour without continuity: a failure withdraws.
    let net = stage();
    let config_0 = config("0s");
    let mut scheduler = Scheduler::new(Arc::new(net.clone()));
    scheduler.run_cycle(&config_0).await;
    tokio::time::sleep(MINUTE).await;
    net.dns(&SRV, DnsAnswer::Status(LookupStatus::ServFail));
    let text = scrape(scheduler.run_cycle(&config_0).await);
    assert_eq!(value(&text, HOST_UP), None, "{text}");
}

/// The same sequence over real sockets: the hickory-server double drops, then SERVFAILs the
/// SRV query, then answers NXDOMAIN; the exporter cycles every second and is scraped every
/// 0.5 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_real_sockets_every_scrape_keeps_the_host_until_nxdomain() {
    let kms = KmsHostDouble::start(Behaviour::default()).await;
    let dns = DnsDouble::start().await;
    dns.set(
        &srv_name("corp.test"),
        Answer::srv(&[(0, 100, kms.addr().port(), "kms.corp.test.")]),
    );
    dns.set("kms.corp.test", Answer::addresses(&["127.0.0.1"]));
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "interval: 1s\ntimeout: 500ms\nclock: {{methods: []}}\n\
         dns: {{servers: [\"{ns}\"], keep_last_answer: 1h}}\ndomains: [{{name: corp.test}}]\n"
    ))
    .await;
    let up = format!(
        "kms_host_up{{host=\"kms.corp.test\",port=\"{}\"}}",
        kms.addr().port()
    );
    let srv_status = |state: &str| {
        format!("kms_dns_srv_status{{domain=\"corp.test\",nameserver=\"{ns}\",status=\"{state}\"}}")
    };

    let mut seen = Vec::new();
    for (answer, state) in [(Answer::Silent, "timeout"), (Answer::ServFail, "servfail")] {
        dns.set(&srv_name("corp.test"), answer);
        // Until a cycle has seen the failure, then for three more seconds: every scrape shows
        // the host up.
        let mut scrapes_with_failure = 0;
        let started = tokio::time::Instant::now();
        while scrapes_with_failure < 6 {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no cycle saw {state}: {seen:?}"
            );
            let text = exporter.metrics().await;
            assert_eq!(
                value(&text, &up),
                Some(1.0),
                "while DNS fails ({state}): {text}"
            );
            if value(&text, &srv_status(state)) == Some(1.0) {
                scrapes_with_failure += 1;
            }
            seen.push(state);
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        let (_, page) = get(exporter.address, "/", &[]).await.unwrap();
        assert!(
            page.contains("still probing the 1 host(s) of the answer of"),
            "the landing page says the hosts are kept: {page}"
        );
    }

    dns.set(&srv_name("corp.test"), Answer::NxDomain);
    let started = tokio::time::Instant::now();
    loop {
        let text = exporter.metrics().await;
        if value(&text, &up).is_none() {
            assert_eq!(value(&text, &srv_status("nxdomain")), Some(1.0), "{text}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "NXDOMAIN must withdraw the host within a cycle or two: {text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    exporter.stop().await;
}
