//! A host name with a working address and a filtered one (issue 22): the probe connects the way
//! a Windows client does, trying the addresses [`CONNECTION_ATTEMPT_DELAY`] apart (RFC 8305), so
//! a dropped address no longer makes a working host look down. First over the scripted network
//! in paused time, where the schedule is exact; then over real loopback sockets, with the name
//! resolved by dnsmasq.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use kms_exporter::config::Config;
use kms_exporter::kms::{SRV_SERVICE, srv_name};
use kms_exporter::probe::CONNECTION_ATTEMPT_DELAY;
use kms_exporter::render::report::render;
use kms_exporter::scheduler::Scheduler;
use kms_exporter_testkit::fake::{DnsAnswer, FakeNetwork, FakePort};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};
use kms_exporter_testkit::net::{BlackHole, try_black_hole_on};

use crate::probe_cli::probe_with_config;
use crate::support::dnsmasq::Dnsmasq;
use crate::support::exporter::{TestExporter, get, scrape, value};

const HOST: &str = "kms.corp.test";
const V6: &str = "::1";
const V4: &str = "127.0.0.2";

fn granting() -> FakePort {
    FakePort::Kms(Arc::new(KmsHostDouble::in_memory(Behaviour::default())))
}

/// `corp.test` publishing `kms.corp.test:1688`, whose name has an IPv6 and an IPv4 address.
fn dual_stack(v6: FakePort, v4: FakePort) -> FakeNetwork {
    let net = FakeNetwork::new();
    net.dns(
        &srv_name("corp.test"),
        DnsAnswer::srv(&[(0, 100, 1688, HOST)]),
    );
    net.dns(HOST, DnsAnswer::addresses(&[V4, V6]));
    net.port(address(V6, 1688), v6);
    net.port(address(V4, 1688), v4);
    net
}

fn address(ip: &str, port: u16) -> SocketAddr {
    SocketAddr::new(ip.parse().unwrap(), port)
}

/// One cycle over `net` with a 10 s host budget, as `/metrics` shows it.
async fn cycle(net: FakeNetwork) -> String {
    let (text, _) = cycle_and_report(net).await;
    text
}

/// [`cycle`], and the `probe` command's report of the same findings.
async fn cycle_and_report(net: FakeNetwork) -> (String, String) {
    let yaml = "interval: 60s\ntimeout: 10s\nclock: {methods: []}\n\
                dns:\n  servers: [\"127.0.0.53:53\"]\n\
                domains:\n  - name: corp.test\n    products: [windows]\n";
    let config = Arc::new(Config::from_yaml(yaml, Path::new("clients.yml")).unwrap());
    let snapshot = Scheduler::new(Arc::new(net)).run_cycle(&config).await;
    let report = render(&snapshot);
    (scrape(snapshot), report)
}

fn host_series(name: &str, port: u16) -> String {
    format!("{name}{{host=\"{HOST}\",port=\"{port}\"}}")
}

fn address_series(ip: &str, port: u16) -> String {
    format!(
        "kms_host_address_tcp_connect_success{{host=\"{HOST}\",port=\"{port}\",address=\"{ip}\"}}"
    )
}

fn connect_status(port: u16, status: &str) -> String {
    format!("kms_host_tcp_connect_status{{host=\"{HOST}\",port=\"{port}\",status=\"{status}\"}}")
}

/// What a user sees of a host that activates its clients through one address while the other
/// fails: up, activation ok, every client activated, `working` 1 and `failing` 0.
fn assert_serves_through(text: &str, port: u16, working: &str, failing: &str) {
    let series = [
        (host_series("kms_host_up", port), 1.0),
        (connect_status(port, "ok"), 1.0),
        (host_series("kms_host_tcp_connect_success", port), 1.0),
        (
            format!(
                "kms_activation_status{{host=\"{HOST}\",port=\"{port}\",product=\"windows\",status=\"ok\"}}"
            ),
            1.0,
        ),
        (
            "kms_domain_activation_result_ratio{domain=\"corp.test\",product=\"windows\",hresult=\"0x00000000\"}"
                .to_owned(),
            1.0,
        ),
        (address_series(working, port), 1.0),
        (address_series(failing, port), 0.0),
    ];
    for (name, expected) in series {
        assert_eq!(value(text, &name), Some(expected), "{name} in\n{text}");
    }
}

fn connect_seconds(text: &str, port: u16) -> f64 {
    value(
        text,
        &host_series("kms_host_tcp_connect_duration_seconds", port),
    )
    .unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_dropped_first_address_hands_over_to_the_next_after_the_attempt_delay() {
    let net = dual_stack(FakePort::BlackHole, granting());
    let (text, report) = cycle_and_report(net.clone()).await;
    assert_serves_through(&text, 1688, V4, V6);
    assert!(
        report.contains("IPv6 address ::1 unreachable (timeout)"),
        "{report}"
    );
    let connect = connect_seconds(&text, 1688);
    let delay = CONNECTION_ATTEMPT_DELAY.as_secs_f64();
    assert!(
        (connect - delay).abs() < 0.005,
        "connected after {connect} s, not after the {delay} s attempt delay"
    );
    assert_eq!(net.connects(address(V6, 1688)), 1);
    assert_eq!(net.connects(address(V4, 1688)), 1);
    // The dropped attempt is given up at the host's deadline, not before, and not after.
    let probe = value(&text, &host_series("kms_host_probe_duration_seconds", 1688)).unwrap();
    assert!((9.99..=10.0).contains(&probe), "host probe took {probe} s");
}

#[tokio::test(start_paused = true)]
async fn a_refused_first_address_hands_over_at_once() {
    let (text, report) = cycle_and_report(dual_stack(FakePort::Refused, granting())).await;
    assert_serves_through(&text, 1688, V4, V6);
    assert!(
        report.contains("IPv6 address ::1 unreachable (refused)"),
        "{report}"
    );
    let connect = connect_seconds(&text, 1688);
    assert!(connect < 0.001, "waited {connect} s after a refusal");
}

#[tokio::test(start_paused = true)]
async fn the_second_address_is_still_tried_to_classify_it_but_carries_no_request() {
    let (v6, v4) = (
        Arc::new(KmsHostDouble::in_memory(Behaviour::default())),
        Arc::new(KmsHostDouble::in_memory(Behaviour::default())),
    );
    let net = dual_stack(FakePort::Kms(v6.clone()), FakePort::Kms(v4.clone()));
    let text = cycle(net.clone()).await;
    assert_eq!(value(&text, &address_series(V6, 1688)), Some(1.0), "{text}");
    assert_eq!(value(&text, &address_series(V4, 1688)), Some(1.0), "{text}");
    assert!(connect_seconds(&text, 1688) < 0.001);
    assert!(
        !v6.requests().is_empty(),
        "IPv6, tried first, carries the exchange"
    );
    assert_eq!(net.connects(address(V4, 1688)), 1);
    assert!(
        v4.requests().is_empty(),
        "the late connection must be closed unused"
    );
}

#[tokio::test(start_paused = true)]
async fn a_host_whose_every_address_drops_is_down_at_its_deadline() {
    let text = cycle(dual_stack(FakePort::BlackHole, FakePort::BlackHole)).await;
    for (name, expected) in [
        (host_series("kms_host_up", 1688), 0.0),
        (connect_status(1688, "timeout"), 1.0),
        (connect_status(1688, "ok"), 0.0),
        (address_series(V6, 1688), 0.0),
        (address_series(V4, 1688), 0.0),
    ] {
        assert_eq!(value(&text, &name), Some(expected), "{name} in\n{text}");
    }
    let connect = connect_seconds(&text, 1688);
    assert!(
        (9.99..=10.0).contains(&connect),
        "gave up after {connect} s"
    );
}

/// The IPv4 address of this file's real-socket tests; each test's dnsmasq has one of its own,
/// since dnsmasq's port is fixed and the tests run at once.
const LOOPBACK_V4: [u8; 4] = [127, 0, 22, 2];

/// A KMS host double on `serving` and a black hole on the same port of `dropping`; the port
/// is the double's free one, tried again when the other family already uses it.
async fn serving_and_dropping(serving: IpAddr, dropping: IpAddr) -> (KmsHostDouble, BlackHole) {
    for _ in 0..10 {
        let kms = KmsHostDouble::start_on(SocketAddr::new(serving, 0), Behaviour::default()).await;
        let port = kms.addr().port();
        if let Ok(hole) = try_black_hole_on(SocketAddr::new(dropping, port)).await {
            return (kms, hole);
        }
    }
    panic!("no port free on both {serving} and {dropping}");
}

/// `kms.corp.test` with the addresses 127.0.22.2 and ::1, one of them serving KMS and the other
/// dropping SYNs on the same port, resolved by dnsmasq and probed by the exporter.
async fn probe_dual_stack(serving: IpAddr, dropping: IpAddr, dnsmasq: [u8; 4]) {
    let (kms, _hole) = serving_and_dropping(serving, dropping).await;
    let port = kms.addr().port();
    let dns = Dnsmasq::start(
        IpAddr::from(dnsmasq),
        &format!(
            "srv-host={SRV_SERVICE}.corp.test,{HOST},{port},0,100\n\
             host-record={HOST},{},::1\n",
            IpAddr::from(LOOPBACK_V4)
        ),
    );
    let config = format!(
        "interval: 60s\ntimeout: 3s\nclock: {{methods: []}}\n\
         dns: {{servers: [\"{}\"]}}\n\
         domains:\n  - name: corp.test\n    products: [windows]\n",
        dns.address
    );
    let exporter = TestExporter::start(&config).await;
    let text = exporter.metrics().await;
    let (_, page) = get(exporter.address, "/", &[]).await.unwrap();
    exporter.stop().await;
    let report = probe_with_config("corp.test".to_owned(), &config).await;
    let stdout = String::from_utf8_lossy(&report.stdout);
    assert_serves_through(&text, port, &serving.to_string(), &dropping.to_string());
    assert!(!kms.requests().is_empty(), "no request reached the double");
    let connect = connect_seconds(&text, port);
    assert!(
        connect < 1.0,
        "connected after {connect} s: the dropped address held up the working one"
    );
    let probe = value(&text, &host_series("kms_host_probe_duration_seconds", port)).unwrap();
    assert!(
        probe < 3.5,
        "host probe took {probe} s, beyond its 3 s timeout"
    );

    let family = if dropping.is_ipv6() { "IPv6" } else { "IPv4" };
    let finding = format!(
        "{family} address {dropping} unreachable (timeout): clients that prefer {family} wait before falling back"
    );
    assert!(
        page.contains(&finding),
        "{finding:?} not on the page:\n{page}"
    );
    // The host serves every client: the report says so, and names the address on its own line.
    assert_eq!(report.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("  TCP       ok ("), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l == format!("            {finding}")),
        "{finding:?} not in the report:\n{stdout}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv6_address_dropping_syns_leaves_the_host_serving_over_ipv4() {
    probe_dual_stack(
        IpAddr::from(LOOPBACK_V4),
        "::1".parse().unwrap(),
        [127, 0, 22, 53],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ipv4_address_dropping_syns_leaves_the_host_serving_over_ipv6() {
    probe_dual_stack(
        "::1".parse().unwrap(),
        IpAddr::from(LOOPBACK_V4),
        [127, 0, 22, 54],
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_host_is_reached_through_any_address_but_reports_at_most_eight() {
    let net = FakeNetwork::new();
    net.dns(
        &srv_name("corp.test"),
        DnsAnswer::srv(&[(0, 100, 1688, HOST)]),
    );
    let ips: Vec<String> = (2..12).map(|last| format!("127.0.0.{last}")).collect();
    let texts: Vec<&str> = ips.iter().map(String::as_str).collect();
    net.dns(HOST, DnsAnswer::addresses(&texts));
    for ip in &ips[..9] {
        net.port(address(ip, 1688), FakePort::BlackHole);
    }
    net.port(address(&ips[9], 1688), granting());
    let text = cycle(net).await;
    assert_eq!(value(&text, &host_series("kms_host_up", 1688)), Some(1.0));
    let connect = connect_seconds(&text, 1688);
    let tenth = 9.0 * CONNECTION_ATTEMPT_DELAY.as_secs_f64();
    assert!(
        (connect - tenth).abs() < 0.005,
        "connected after {connect} s"
    );
    let reported: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("kms_host_address_tcp_connect_success{"))
        .collect();
    assert_eq!(reported.len(), 8, "{reported:#?}");
    assert!(reported.iter().all(|l| l.ends_with(" 0")), "{reported:#?}");
    assert!(
        text.contains("at most 8 addresses per host"),
        "the HELP text states the bound"
    );
}
