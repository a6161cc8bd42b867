//! Hostile peers on loopback (issue: reliability, acceptance 2): each gives a bounded,
//! correctly classified result and leaves the other hosts of the same cycle alone.

use kms_exporter::kms::srv_name;
use kms_exporter_testkit::dns::{Answer, DnsDouble};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble, Misbehaviour};
use kms_exporter_testkit::sntp::{SntpBehaviour, SntpDouble};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::support::exporter::{TestExporter, assert_series, samples, value};

fn labels(host: SocketAddr) -> String {
    format!("host=\"{}\",port=\"{}\"", host.ip(), host.port())
}

fn status(text: &str, host: SocketAddr) -> String {
    samples(text, "kms_activation_status")
        .into_iter()
        .find(|l| l.contains(&labels(host)) && l.ends_with(" 1"))
        .and_then(|l| l.split("status=\"").nth(1))
        .and_then(|l| l.split('"').next())
        .unwrap_or("none")
        .to_owned()
}

/// One cycle with a hostile host next to a healthy one; returns the metrics.
async fn one_cycle_beside_a_healthy_host(hostile: &KmsHostDouble) -> (String, SocketAddr) {
    let healthy = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(&format!(
        "interval: 5s\ntimeout: 2s\nclock: {{methods: []}}\nhosts:\n  - address: \"{}\"\n  - address: \"{}\"\n",
        hostile.addr(),
        healthy.addr()
    ))
    .await;
    let text = exporter.metrics().await;
    assert_eq!(
        status(&text, healthy.addr()),
        "ok",
        "the healthy host:\n{text}"
    );
    let cycle = value(&text, "kms_exporter_cycle_duration_seconds").unwrap();
    assert!(
        cycle < 2.5,
        "the cycle must end within the 2 s timeout, took {cycle}s"
    );
    exporter.stop().await;
    (text, healthy.addr())
}

async fn hostile(misbehaviour: Misbehaviour) -> KmsHostDouble {
    KmsHostDouble::start(Behaviour {
        misbehaviour: Some(misbehaviour),
        ..Behaviour::default()
    })
    .await
}

#[tokio::test]
async fn garbage_is_an_rpc_error() {
    let host = hostile(Misbehaviour::Garbage).await;
    let (text, _) = one_cycle_beside_a_healthy_host(&host).await;
    assert_eq!(status(&text, host.addr()), "rpc_error");
}

#[tokio::test]
async fn an_oversized_frag_length_is_refused_without_waiting_for_it() {
    let host = hostile(Misbehaviour::OversizedFragment).await;
    let (text, _) = one_cycle_beside_a_healthy_host(&host).await;
    assert_eq!(status(&text, host.addr()), "rpc_error");
    let probe = value(
        &text,
        &format!("kms_host_probe_duration_seconds{{{}}}", labels(host.addr())),
    )
    .unwrap();
    assert!(
        probe < 1.0,
        "the 60,000-byte announcement must be rejected at once, took {probe}s"
    );
}

#[tokio::test]
async fn a_dribbled_pdu_is_cut_off_at_the_timeout() {
    let host = hostile(Misbehaviour::Dribble).await;
    let (text, _) = one_cycle_beside_a_healthy_host(&host).await;
    assert_eq!(status(&text, host.addr()), "unreachable");
    let probe = value(
        &text,
        &format!("kms_host_probe_duration_seconds{{{}}}", labels(host.addr())),
    )
    .unwrap();
    assert!(
        (1.9..2.4).contains(&probe),
        "cut off at the 2 s timeout, took {probe}s"
    );
}

#[tokio::test]
async fn a_reset_mid_response_is_classified() {
    let host = hostile(Misbehaviour::ResetMidResponse).await;
    let (text, _) = one_cycle_beside_a_healthy_host(&host).await;
    let found = status(&text, host.addr());
    assert!(
        found == "unreachable" || found == "rpc_error",
        "a reset is a failed exchange, never ok: {found}"
    );
    assert_series(
        &text,
        &format!("kms_host_up{{{}}}", labels(host.addr())),
        0.0,
    );
}

#[tokio::test]
async fn a_wrong_call_id_is_an_rpc_error() {
    let host = hostile(Misbehaviour::WrongCallId).await;
    let (text, _) = one_cycle_beside_a_healthy_host(&host).await;
    assert_eq!(status(&text, host.addr()), "rpc_error");
}

#[tokio::test]
async fn a_fault_pdu_is_an_rpc_error_with_its_status() {
    let host = hostile(Misbehaviour::FaultPdu(0x1C01_0002)).await;
    let (text, _) = one_cycle_beside_a_healthy_host(&host).await;
    assert_eq!(status(&text, host.addr()), "rpc_error");
    assert_series(
        &text,
        &format!(
            "kms_activation_hresult{{{},product=\"windows\"}}",
            labels(host.addr())
        ),
        f64::from(0x1C01_0002u32),
    );
}

#[tokio::test]
async fn a_thousand_srv_records_are_capped_and_counted() {
    // About the most one DNS answer can carry: 1,500 such records exceed the 64 KiB message.
    let dns = DnsDouble::start().await;
    let records: Vec<(u16, u16, u16, String)> = (0..1000)
        .map(|i| (0, 0, 1688, format!("kms{i}.big.test.")))
        .collect();
    dns.set(
        &srv_name("big.test"),
        Answer::Records {
            srv: records,
            addresses: Vec::new(),
        },
    );
    let ns = dns.address.to_string();
    let started = Instant::now();
    let exporter = TestExporter::start(&format!(
        "interval: 10s\ntimeout: 2s\nconcurrency: 64\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains: [{{name: big.test}}]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    assert_series(
        &text,
        &format!("kms_dns_srv_records{{domain=\"big.test\",nameserver=\"{ns}\"}}"),
        1000.0,
    );
    assert_eq!(samples(&text, "kms_dns_srv_record_info").len(), 256);
    assert_series(&text, "kms_domain_hosts{domain=\"big.test\"}", 256.0);
    assert!(started.elapsed() < Duration::from_secs(30));
    exporter.stop().await;
}

#[tokio::test]
async fn a_cname_loop_is_an_error_not_a_hang() {
    let dns = DnsDouble::start().await;
    dns.set(&srv_name("loop.test"), Answer::Cname("a.loop.test.".into()));
    dns.set("a.loop.test", Answer::Cname("b.loop.test.".into()));
    dns.set("b.loop.test", Answer::Cname("a.loop.test.".into()));
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "interval: 10s\ntimeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains: [{{name: loop.test}}]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    let ok =
        format!("kms_dns_srv_status{{domain=\"loop.test\",nameserver=\"{ns}\",status=\"ok\"}}");
    assert_series(&text, &ok, 0.0);
    assert_series(&text, "kms_domain_hosts{domain=\"loop.test\"}", 0.0);
    let cycle = value(&text, "kms_exporter_cycle_duration_seconds").unwrap();
    assert!(cycle < 2.5, "took {cycle}s");
    exporter.stop().await;
}

#[tokio::test]
async fn sntp_replies_from_the_wrong_port_or_with_a_wrong_originate_are_ignored() {
    for behaviour in [
        SntpBehaviour::ReplyFromOtherPort,
        SntpBehaviour::WrongOriginate,
    ] {
        let kms = KmsHostDouble::start(Behaviour::default()).await;
        let sntp = SntpDouble::start(3600.0, behaviour).await;
        let exporter = TestExporter::start(&format!(
            "interval: 5s\ntimeout: 1s\nhosts: [{{address: \"{}\"}}]\nclock:\n  methods: [ntp]\n  ntp_port: {}\n",
            kms.addr(),
            sntp.addr().port()
        ))
        .await;
        let text = exporter.metrics().await;
        assert_series(
            &text,
            "kms_host_clock_probe_success{host=\"127.0.0.1\",method=\"ntp\"}",
            0.0,
        );
        assert!(
            samples(&text, "kms_host_clock_offset_seconds").is_empty(),
            "{behaviour:?} must not produce an offset"
        );
        assert_eq!(
            status(&text, kms.addr()),
            "ok",
            "{behaviour:?}: KMS results intact"
        );
        exporter.stop().await;
    }
}
