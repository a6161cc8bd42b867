//! The probing etiquette and the deadlines of docs/architecture.md §5.1, in paused time over the
//! scripted network of `kms_exporter_testkit::fake`: KMS exchanges are served in memory by the host
//! double, so cycles minutes or hours apart run in milliseconds of wall time, and every duration
//! asserted is the virtual clock's, exact.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use kms_exporter::clock::ClockMethod;
use kms_exporter::config::{Config, ConfigSource};
use kms_exporter::kms::ProtocolVersion;
use kms_exporter::kms::srv_name;
use kms_exporter::probe::{Plan, Prober};
use kms_exporter::scheduler::Scheduler;
use kms_exporter::snapshot::{ActivationStatus, ConnectStatus, HostReport, LookupStatus, Snapshot};
use kms_exporter_testkit::fake::{DnsAnswer, FakeClock, FakePort};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble, Misbehaviour};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::support::exporter::{get, value};
use crate::support::world::{ip, scripted_corp as stage};

const PRIMARY: &str = "127.0.0.53:53";
const SECONDARY: &str = "127.0.0.54:53";
const TIMEOUT: Duration = Duration::from_secs(10);
const MINUTE: Duration = Duration::from_secs(60);

/// A configuration following `corp.test` for `products`, every 60 s, activation requests every
/// 15 min, 10 s per host.
fn config(products: &str) -> Arc<Config> {
    let yaml = format!(
        "interval: 60s\nactivation_interval: 15m\ntimeout: 10s\n\
         client:\n  machine_id: 11111111-2222-4333-8444-555555555555\n\
         dns:\n  servers: [\"{PRIMARY}\", \"{SECONDARY}\"]\n\
         domains:\n  - name: corp.test\n    products: {products}\n"
    );
    Arc::new(Config::from_yaml(&yaml, Path::new("etiquette.yml")).unwrap())
}

fn kms(behaviour: Behaviour) -> Arc<KmsHostDouble> {
    Arc::new(KmsHostDouble::in_memory(behaviour))
}

fn host(snapshot: &Snapshot, last: u8) -> &HostReport {
    snapshot
        .host(&format!("kms{last}.corp.test"), 1688)
        .unwrap_or_else(|| panic!("kms{last} not in {snapshot:#?}"))
}

#[tokio::test(start_paused = true)]
async fn activation_requests_go_out_at_most_every_activation_interval() {
    let double = kms(Behaviour::default());
    let net = stage(&[(2, FakePort::Kms(double.clone()))]);
    let config = config("[windows, office-ltsc-2024]");
    let mut scheduler = Scheduler::new(Arc::new(net));
    let started = Instant::now();
    let mut sent_at = Vec::new();
    for _ in 0..32 {
        let snapshot = scheduler.run_cycle(&config).await;
        let report = host(&snapshot, 2);
        assert_eq!(report.kms.bind, Some(Ok(())), "every cycle binds");
        assert_eq!(
            report.kms.activations.len(),
            2,
            "results are kept between rounds"
        );
        if report.kms.activations_sent {
            sent_at.push(started.elapsed().as_secs() / 60);
        }
        tokio::time::sleep(MINUTE).await;
    }
    // Cycles every minute for 31 minutes; requests at 0, 15 and 30 only, one per product.
    assert_eq!(sent_at, [0, 15, 30]);
    assert_eq!(double.requests().len(), 6);
    assert_eq!(double.connections(), 32, "one connection per cycle");
    let ids: Vec<_> = double
        .requests()
        .iter()
        .map(|r| r.client_machine_id)
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "one CMID: {ids:?}");
}

#[tokio::test(start_paused = true)]
async fn a_host_without_v6_is_asked_in_v5_then_v4_and_then_in_v4_directly() {
    let double = kms(Behaviour {
        versions: vec![4],
        ..Behaviour::default()
    });
    let net = stage(&[(2, FakePort::Kms(double.clone()))]);
    let config = config("[windows]");
    let mut scheduler = Scheduler::new(Arc::new(net));

    let first = scheduler.run_cycle(&config).await;
    assert_eq!(double.versions_seen(), [6, 5, 4]);
    let report = host(&first, 2);
    let windows = report.kms.activation("windows").unwrap();
    assert_eq!(windows.outcome.status(), ActivationStatus::Ok);
    assert_eq!(windows.version, Some(ProtocolVersion::V4));
    assert_eq!(
        report.kms.versions,
        [
            (ProtocolVersion::V4, true),
            (ProtocolVersion::V5, false),
            (ProtocolVersion::V6, false)
        ]
        .into()
    );

    tokio::time::sleep(15 * MINUTE).await;
    let second = scheduler.run_cycle(&config).await;
    assert!(host(&second, 2).kms.activations_sent);
    assert_eq!(double.versions_seen(), [6, 5, 4, 4], "V4 straight away");
}

#[tokio::test(start_paused = true)]
async fn refused_versions_are_tried_again_after_an_hour() {
    let double = kms(Behaviour {
        versions: vec![4],
        ..Behaviour::default()
    });
    let net = stage(&[(2, FakePort::Kms(double.clone()))]);
    let config = config("[windows]");
    let mut scheduler = Scheduler::new(Arc::new(net));
    let mut last = None;
    // Rounds at 0, 15, 30, 45 and 60 minutes; the host learns V6 at 30.
    for round in 0..5 {
        if round == 2 {
            double.update(|b| b.versions = vec![4, 5, 6]);
        }
        last = Some(scheduler.run_cycle(&config).await);
        tokio::time::sleep(15 * MINUTE).await;
    }
    // Within the hour the refused versions are not asked again, even after the upgrade.
    assert_eq!(double.versions_seen(), [6, 5, 4, 4, 4, 4, 6]);
    let last = last.unwrap();
    let windows = host(&last, 2).kms.activation("windows").unwrap().clone();
    assert_eq!(windows.version, Some(ProtocolVersion::V6));
    assert_eq!(
        host(&last, 2).kms.versions,
        [(ProtocolVersion::V6, true)].into()
    );
}

#[tokio::test(start_paused = true)]
async fn a_stalled_host_ends_at_the_timeout_without_delaying_the_others() {
    let good = kms(Behaviour::default());
    let stalled = kms(Behaviour {
        misbehaviour: Some(Misbehaviour::Stall),
        ..Behaviour::default()
    });
    let net = stage(&[
        (2, FakePort::Kms(good.clone())),
        (3, FakePort::Kms(stalled.clone())),
    ]);
    let mut scheduler = Scheduler::new(Arc::new(net));
    let started = Instant::now();
    let snapshot = scheduler.run_cycle(&config("[windows]")).await;
    let elapsed = started.elapsed();

    let fine = host(&snapshot, 2);
    assert!(fine.is_up());
    assert!(
        fine.duration < Duration::from_secs(1),
        "the good host waited: {:?}",
        fine.duration
    );
    let stuck = host(&snapshot, 3);
    assert_eq!(stuck.connect, ConnectStatus::Ok);
    assert_eq!(
        stuck
            .kms
            .bind
            .as_ref()
            .map(|bind| bind.as_ref().map_err(ToString::to_string)),
        Some(Err("no complete answer within the I/O timeout".to_owned()))
    );
    assert_eq!(
        stuck.kms.activation("windows").unwrap().outcome.status(),
        ActivationStatus::Unreachable
    );
    assert!(
        stuck.duration >= TIMEOUT && stuck.duration < TIMEOUT + Duration::from_millis(250),
        "{:?}",
        stuck.duration
    );
    assert!(
        elapsed >= TIMEOUT && elapsed < TIMEOUT + Duration::from_millis(250),
        "the cycle took {elapsed:?}"
    );
    assert!(stalled.requests().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_silent_dns_server_and_a_black_hole_each_end_at_the_timeout() {
    let good = kms(Behaviour::default());
    let net = stage(&[(2, FakePort::Kms(good)), (3, FakePort::BlackHole)]);
    net.dns_on(SECONDARY, &srv_name("corp.test"), DnsAnswer::Silent);
    net.clock(ClockMethod::Ntp, ip(3), FakeClock::Silent);
    let mut scheduler = Scheduler::new(Arc::new(net));
    let started = Instant::now();
    let snapshot = scheduler.run_cycle(&config("[windows]")).await;
    let elapsed = started.elapsed();

    let lookups = &snapshot.domains[0].lookups;
    assert_eq!(lookups[0].1.status, LookupStatus::Ok);
    assert_eq!(lookups[1].0, SECONDARY);
    assert_eq!(lookups[1].1.status, LookupStatus::Timeout);
    assert_eq!(lookups[1].1.duration, TIMEOUT);
    assert!(host(&snapshot, 2).is_up());
    let hole = host(&snapshot, 3);
    assert_eq!(hole.connect, ConnectStatus::Timeout);
    assert!(
        hole.connect_duration >= TIMEOUT
            && hole.connect_duration < TIMEOUT + Duration::from_millis(250),
        "{:?}",
        hole.connect_duration
    );
    // The SRV lookups, then the hosts: each stage ends at its own timeout.
    assert!(
        elapsed >= 2 * TIMEOUT && elapsed < 2 * TIMEOUT + Duration::from_millis(250),
        "the cycle took {elapsed:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn on_demand_probes_respect_the_activation_interval_too() {
    let double = kms(Behaviour::default());
    let net = stage(&[(2, FakePort::Kms(double.clone()))]);
    let config = config("[windows]");
    let prober = Prober::on_demand(Arc::new(net));
    let plan = Plan::target("kms2.corp.test:1688", vec!["windows".to_owned()]).unwrap();
    let mut sent = Vec::new();
    // Prometheus probing every 30 s for 20 minutes.
    for _ in 0..40 {
        let snapshot = prober.run(&config, &plan).await;
        sent.push(host(&snapshot, 2).kms.activations_sent);
        tokio::time::sleep(MINUTE / 2).await;
    }
    let rounds: Vec<usize> = (0..sent.len()).filter(|&i| sent[i]).collect();
    assert_eq!(rounds, [0, 30], "requests at 0 and 15 minutes only");
    assert_eq!(double.requests().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn cycles_start_every_interval_with_at_most_five_percent_jitter() {
    let net = stage(&[(2, FakePort::Kms(kms(Behaviour::default())))]);
    let (_config_tx, config_rx) = watch::channel(config("[windows]"));
    let (snapshot_tx, mut snapshot_rx) = watch::channel(Arc::new(Snapshot::default()));
    let (stop_tx, stop_rx) = watch::channel(false);
    let scheduler =
        tokio::spawn(Scheduler::new(Arc::new(net)).run(config_rx, snapshot_tx, stop_rx));
    let started = Instant::now();
    let mut starts = Vec::new();
    while starts.len() < 10 {
        snapshot_rx.changed().await.unwrap();
        starts.push(started.elapsed());
    }
    stop_tx.send_replace(true);
    scheduler.await.unwrap();
    for pair in starts.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= MINUTE && gap <= MINUTE + MINUTE / 20,
            "cycles {gap:?} apart: {starts:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_http_layer_serves_probe_over_any_network() {
    let net = stage(&[(2, FakePort::Kms(kms(Behaviour::default())))]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kms_exporter.yml");
    std::fs::write(
        &file,
        format!("timeout: 5s\ndns:\n  servers: [\"{PRIMARY}\"]\ndomains: []\n"),
    )
    .unwrap();
    let source = ConfigSource {
        file: Some(file),
        resolv_conf: dir.path().join("resolv.conf"),
    };
    let config = source.load().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let exporter = tokio::spawn(kms_exporter::run_with(
        net.clone(),
        vec![listener],
        source,
        config,
        None,
        async {
            let _ = stopped.await;
        },
    ));
    let (status, body) = get(address, "/probe?target=corp.test", &[]).await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(value(&body, "probe_success"), Some(1.0), "{body}");
    assert_eq!(
        value(
            &body,
            "kms_activation_current_clients{host=\"kms2.corp.test\",port=\"1688\",product=\"windows\"}"
        ),
        Some(50.0),
        "{body}"
    );
    assert_eq!(net.connects(SocketAddr::new(ip(2), 1688)), 1);

    // Later requests reuse the resolvers built for the running configuration and the request's
    // timeout, with or without Prometheus' scrape-timeout header.
    let built = net.resolver_builds();
    let (status, _) = get(address, "/probe?target=corp.test", &[]).await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        net.resolver_builds(),
        built,
        "resolvers rebuilt for a second /probe"
    );
    let header = [("X-Prometheus-Scrape-Timeout-Seconds", "4")];
    for _ in 0..3 {
        let (status, _) = get(address, "/probe?target=corp.test", &header)
            .await
            .unwrap();
        assert_eq!(status, 200);
    }
    assert_eq!(
        net.resolver_builds(),
        built + 1,
        "one build for the scrape timeout's budget, shared by its three requests"
    );
    let _ = stop.send(());
    exporter.await.unwrap().expect("a clean shutdown");
}
