//! Host clocks through the exporter (issue: clock offsets, acceptance 2–4).

use std::net::SocketAddr;
use std::time::Duration;

use kms_exporter::clock::{ClockMethod, SMB_PORT};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};
use kms_exporter_testkit::net;
use kms_exporter_testkit::smb2::{Smb2Behaviour, Smb2Double};
use kms_exporter_testkit::sntp::{SntpBehaviour, SntpDouble};

use crate::support::chrony::{Chronyd, STRATUM};
use crate::support::exporter::{TestExporter, assert_series, samples, value};

/// A config probing one KMS host double, with the clock ports pointed at test doubles.
fn config(kms: SocketAddr, methods: &str, ntp_port: u16, smb_port: u16, reference: &str) -> String {
    [
        "interval: 2s".to_owned(),
        "timeout: 1s".to_owned(),
        format!("hosts: [{{address: \"{kms}\"}}]"),
        "clock:".to_owned(),
        format!("  methods: [{methods}]"),
        format!("  reference: [{reference}]"),
        format!("  ntp_port: {ntp_port}"),
        format!("  smb_port: {smb_port}"),
    ]
    .join("\n")
}

fn clock_series(name: &str, method: ClockMethod) -> String {
    format!(
        "{name}{{host=\"127.0.0.1\",method=\"{}\"}}",
        method.as_label()
    )
}

#[tokio::test]
async fn an_sntp_host_two_hours_ahead_and_an_smb_host_half_an_hour_behind() {
    let kms = KmsHostDouble::start(Behaviour::default()).await;
    let sntp = SntpDouble::start(7200.0, SntpBehaviour::Answer).await;
    let smb = Smb2Double::start(-1800.0, Smb2Behaviour::Answer).await;
    let exporter = TestExporter::start(&config(
        kms.addr(),
        "ntp, smb",
        sntp.addr().port(),
        smb.addr().port(),
        "",
    ))
    .await;
    let text = exporter.metrics().await;
    let ntp = value(
        &text,
        &clock_series("kms_host_clock_offset_seconds", ClockMethod::Ntp),
    )
    .unwrap();
    assert!((ntp - 7200.0).abs() <= 1.0, "ntp offset {ntp}");
    let smb_offset = value(
        &text,
        &clock_series("kms_host_clock_offset_seconds", ClockMethod::Smb),
    )
    .unwrap();
    assert!(
        (smb_offset + 1800.0).abs() <= 1.0,
        "smb offset {smb_offset}"
    );
    assert_series(
        &text,
        &clock_series("kms_host_clock_probe_success", ClockMethod::Ntp),
        1.0,
    );
    assert_series(
        &text,
        &clock_series("kms_host_clock_probe_success", ClockMethod::Smb),
        1.0,
    );
    assert!(
        value(
            &text,
            &clock_series("kms_host_clock_rtt_seconds", ClockMethod::Smb)
        )
        .unwrap()
            < 0.5
    );
    assert!(value(&text, "kms_host_clock_ntp_stratum{host=\"127.0.0.1\"}").is_some());
    assert_series(&text, "kms_host_clock_ntp_leap{host=\"127.0.0.1\"}", 0.0);
    exporter.stop().await;
}

#[tokio::test]
async fn a_kiss_of_death_or_an_unsynchronised_server_gives_no_offset() {
    for (behaviour, result) in [
        (SntpBehaviour::KissOfDeath, "kiss_of_death"),
        (SntpBehaviour::Unsynchronised, "unsynchronised"),
    ] {
        let kms = KmsHostDouble::start(Behaviour::default()).await;
        let sntp = SntpDouble::start(7200.0, behaviour).await;
        let exporter = TestExporter::start(&config(
            kms.addr(),
            ClockMethod::Ntp.as_label(),
            sntp.addr().port(),
            SMB_PORT,
            "",
        ))
        .await;
        let text = exporter.metrics().await;
        assert_series(
            &text,
            &clock_series("kms_host_clock_probe_success", ClockMethod::Ntp),
            0.0,
        );
        for family in [
            "kms_host_clock_offset_seconds",
            "kms_host_clock_ntp_stratum",
        ] {
            assert!(
                samples(&text, family).is_empty(),
                "{behaviour:?}: {family} in\n{text}"
            );
        }
        assert_series(
            &text,
            &format!("kms_exporter_probes_total{{kind=\"clock_ntp\",result=\"{result}\"}}"),
            1.0,
        );
        exporter.stop().await;
    }
}

#[tokio::test]
async fn closed_or_silent_clock_ports_cost_at_most_the_timeout_and_keep_kms_results() {
    let kms = KmsHostDouble::start(Behaviour {
        default_count: 30,
        ..Behaviour::default()
    })
    .await;
    // UDP 123 answered by nobody; TCP 445 dropping SYNs.
    let silent = SntpDouble::start(0.0, SntpBehaviour::Silent).await;
    let hole = net::black_hole().await;
    let exporter = TestExporter::start(&config(
        kms.addr(),
        "ntp, smb",
        silent.addr().port(),
        hole.address.port(),
        "",
    ))
    .await;
    let text = exporter.metrics().await;
    let host = format!("host=\"127.0.0.1\",port=\"{}\"", kms.addr().port());
    let probe = value(&text, &format!("kms_host_probe_duration_seconds{{{host}}}")).unwrap();
    assert!(
        probe < 1.3,
        "the clock probes must fit in the 1s timeout, took {probe}s"
    );
    assert_series(
        &text,
        &clock_series("kms_host_clock_probe_success", ClockMethod::Ntp),
        0.0,
    );
    assert_series(
        &text,
        &clock_series("kms_host_clock_probe_success", ClockMethod::Smb),
        0.0,
    );
    assert!(
        samples(&text, "kms_host_clock_offset_seconds").is_empty(),
        "{text}"
    );
    assert_series(
        &text,
        &format!("kms_activation_status{{{host},product=\"windows\",status=\"ok\"}}"),
        1.0,
    );
    assert_series(
        &text,
        &format!("kms_activation_current_clients{{{host},product=\"windows\"}}"),
        30.0,
    );

    // Closed ports: refused quickly, KMS results again intact.
    let closed_tcp = net::refused().await;
    std::fs::write(
        &exporter.config_path,
        config(kms.addr(), "ntp, smb", 1, closed_tcp.port(), ""),
    )
    .unwrap();
    crate::support::exporter::request(exporter.address, "POST", "/-/reload", &[])
        .await
        .unwrap();
    let text = exporter.next_cycle(Duration::from_secs(10)).await;
    assert_series(
        &text,
        &clock_series("kms_host_clock_probe_success", ClockMethod::Smb),
        0.0,
    );
    assert_series(
        &text,
        "kms_exporter_probes_total{kind=\"clock_smb\",result=\"refused\"}",
        1.0,
    );
    assert_series(
        &text,
        &format!("kms_activation_status{{{host},product=\"windows\",status=\"ok\"}}"),
        1.0,
    );
    exporter.stop().await;
}

#[tokio::test]
async fn a_real_chronyd_measures_within_50_ms_of_zero() {
    let mut chronyd = Chronyd::start();
    chronyd.wait_until_serving().await;
    let kms = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(&config(
        kms.addr(),
        ClockMethod::Ntp.as_label(),
        chronyd.addr.port(),
        SMB_PORT,
        &format!("\"{}\"", chronyd.addr),
    ))
    .await;
    let text = exporter.metrics().await;
    let host = value(
        &text,
        &clock_series("kms_host_clock_offset_seconds", ClockMethod::Ntp),
    )
    .unwrap_or_else(|| panic!("no ntp offset; chronyd log:\n{}\n{text}", chronyd.log()));
    assert!(host.abs() < 0.05, "host offset against chronyd: {host}");
    let reference = value(
        &text,
        &format!(
            "kms_exporter_clock_offset_seconds{{server=\"{}\"}}",
            chronyd.addr
        ),
    )
    .unwrap();
    assert!(
        reference.abs() < 0.05,
        "exporter offset against chronyd: {reference}"
    );
    assert_series(
        &text,
        &format!(
            "kms_exporter_clock_probe_success{{server=\"{}\"}}",
            chronyd.addr
        ),
        1.0,
    );
    assert_series(
        &text,
        "kms_host_clock_ntp_stratum{host=\"127.0.0.1\"}",
        f64::from(STRATUM),
    );
    exporter.stop().await;
}
