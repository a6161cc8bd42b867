//! The KMS probe through the exporter, against the host double (issue: KMS protocol probe,
//! acceptance 2 and 3).

use std::net::SocketAddr;
use std::time::Duration;

use kms_exporter::config::{local_hostname, machine_id_for_hostname};
use kms_exporter::kms::products;
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble, Misbehaviour};
use uuid::uuid;

use crate::support::exporter::{TestExporter, assert_series, samples, value};

fn labels(host: SocketAddr) -> String {
    format!("host=\"{}\",port=\"{}\"", host.ip(), host.port())
}

fn product_series(name: &str, host: SocketAddr, product: &str) -> String {
    format!("{name}{{{},product=\"{product}\"}}", labels(host))
}

fn status_series(host: SocketAddr, product: &str, status: &str) -> String {
    format!(
        "kms_activation_status{{{},product=\"{product}\",status=\"{status}\"}}",
        labels(host)
    )
}

/// Exactly one state of `kms_activation_status` is 1, and it is `expected`.
#[track_caller]
fn assert_status(text: &str, host: SocketAddr, product: &str, expected: &str) {
    for status in [
        "ok",
        "refused",
        "invalid_response",
        "rpc_error",
        "unreachable",
    ] {
        let want = if status == expected { 1.0 } else { 0.0 };
        assert_series(text, &status_series(host, product, status), want);
    }
}

fn config(hosts: &[(SocketAddr, &str)], extra: &str) -> String {
    let mut yaml = format!("interval: 1s\ntimeout: 1s\nclock: {{methods: []}}\n{extra}hosts:\n");
    for (address, products) in hosts {
        yaml.push_str(&format!(
            "  - address: \"{address}\"\n    products: [{products}]\n"
        ));
    }
    yaml
}

#[tokio::test]
async fn count_and_threshold_of_a_healthy_host() {
    let host = KmsHostDouble::start(Behaviour {
        default_count: 3,
        ..Behaviour::default()
    })
    .await;
    let exporter = TestExporter::start(&config(&[(host.addr(), "windows")], "")).await;
    let text = exporter.metrics().await;
    let h = host.addr();
    assert_status(&text, h, "windows", "ok");
    assert_series(
        &text,
        &product_series("kms_activation_current_clients", h, "windows"),
        3.0,
    );
    assert_series(
        &text,
        &product_series("kms_activation_required_clients", h, "windows"),
        25.0,
    );
    assert_series(
        &text,
        &product_series("kms_activation_hresult", h, "windows"),
        0.0,
    );
    assert_series(&text, &format!("kms_host_up{{{}}}", labels(h)), 1.0);
    assert_series(
        &text,
        &format!("kms_host_rpc_bind_success{{{}}}", labels(h)),
        1.0,
    );
    assert_series(
        &text,
        &format!(
            "kms_host_protocol_version_supported{{{},version=\"6\"}}",
            labels(h)
        ),
        1.0,
    );
    assert_series(
        &text,
        &format!("kms_host_activation_interval_seconds{{{}}}", labels(h)),
        7200.0,
    );
    assert_series(
        &text,
        &format!("kms_host_renewal_interval_seconds{{{}}}", labels(h)),
        604800.0,
    );
    let info = samples(&text, "kms_host_info");
    assert_eq!(info.len(), 1, "{text}");
    for part in [
        "application=\"windows\"",
        "epid=\"03612-00206-562-760142-03-1102-14393.0000-2812025\"",
        "os_build=\"14393\"",
        "host_os=\"Windows Server 2016\"",
        "csvlk=\"Windows Server 2019\"",
        "lcid=\"1102\"",
        "hwid=\"3A1C049600B60076\"",
    ] {
        assert!(info[0].contains(part), "{part} missing in {}", info[0]);
    }
    exporter.stop().await;
}

#[tokio::test]
async fn a_refusal_for_one_product_leaves_the_others_alone() {
    let office = products::lookup("office-ltsc-2024").unwrap();
    let host = KmsHostDouble::start(Behaviour {
        refusals: [(office.kms_counted_id, 0xC004_F042)].into(),
        ..Behaviour::default()
    })
    .await;
    let exporter =
        TestExporter::start(&config(&[(host.addr(), "windows, office-ltsc-2024")], "")).await;
    let text = exporter.metrics().await;
    let h = host.addr();
    assert_status(&text, h, "office-ltsc-2024", "refused");
    assert_series(
        &text,
        &product_series("kms_activation_hresult", h, "office-ltsc-2024"),
        3221549122.0,
    );
    assert_series(
        &text,
        &product_series("kms_activation_required_clients", h, "office-ltsc-2024"),
        5.0,
    );
    assert!(
        value(
            &text,
            &product_series("kms_activation_current_clients", h, "office-ltsc-2024")
        )
        .is_none(),
        "a refusal carries no count"
    );
    assert_status(&text, h, "windows", "ok");
    assert_series(
        &text,
        &product_series("kms_activation_hresult", h, "windows"),
        0.0,
    );
    // A KMS refusal is still a verified KMS answer.
    assert_series(&text, &format!("kms_host_up{{{}}}", labels(h)), 1.0);
    exporter.stop().await;
}

#[tokio::test]
async fn a_host_without_v6_is_reached_after_fallback() {
    let host = KmsHostDouble::start(Behaviour {
        versions: vec![4, 5],
        ..Behaviour::default()
    })
    .await;
    let exporter = TestExporter::start(&config(&[(host.addr(), "windows")], "")).await;
    let text = exporter.metrics().await;
    let h = host.addr();
    assert_status(&text, h, "windows", "ok");
    let version = |v: &str| {
        format!(
            "kms_host_protocol_version_supported{{{},version=\"{v}\"}}",
            labels(h)
        )
    };
    assert_series(&text, &version("6"), 0.0);
    assert_series(&text, &version("5"), 1.0);
    assert_eq!(
        host.versions_seen(),
        [6, 5],
        "V6 first, then V5 after 0x8007000D, and no V4"
    );
    exporter.stop().await;
}

#[tokio::test]
async fn answers_failing_verification_are_invalid_never_ok() {
    for misbehaviour in [Misbehaviour::WrongHmac, Misbehaviour::WrongCmid] {
        let host = KmsHostDouble::start(Behaviour {
            misbehaviour: Some(misbehaviour),
            ..Behaviour::default()
        })
        .await;
        let exporter = TestExporter::start(&config(&[(host.addr(), "windows")], "")).await;
        let text = exporter.metrics().await;
        let h = host.addr();
        assert_status(&text, h, "windows", "invalid_response");
        assert_series(&text, &format!("kms_host_up{{{}}}", labels(h)), 0.0);
        assert!(
            value(
                &text,
                &product_series("kms_activation_current_clients", h, "windows")
            )
            .is_none(),
            "{misbehaviour:?}: an unverified count must not be published"
        );
        exporter.stop().await;
    }
}

#[tokio::test]
async fn rpc_faults_and_foreign_services_are_rpc_errors() {
    for misbehaviour in [
        Misbehaviour::FaultPdu(0x1C01_0003),
        Misbehaviour::RejectInterface,
        Misbehaviour::Garbage,
    ] {
        let host = KmsHostDouble::start(Behaviour {
            misbehaviour: Some(misbehaviour),
            ..Behaviour::default()
        })
        .await;
        let exporter = TestExporter::start(&config(&[(host.addr(), "windows")], "")).await;
        let text = exporter.metrics().await;
        assert_status(&text, host.addr(), "windows", "rpc_error");
        if let Misbehaviour::FaultPdu(status) = misbehaviour {
            assert_series(
                &text,
                &product_series("kms_activation_hresult", host.addr(), "windows"),
                f64::from(status),
            );
        }
        if misbehaviour == Misbehaviour::RejectInterface {
            assert_series(
                &text,
                &format!("kms_host_rpc_bind_success{{{}}}", labels(host.addr())),
                0.0,
            );
        }
        exporter.stop().await;
    }
}

#[tokio::test]
async fn a_stalled_host_is_unreachable_within_timeout_while_others_succeed() {
    let stalled = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::Stall),
        ..Behaviour::default()
    })
    .await;
    let healthy = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(&config(
        &[(stalled.addr(), "windows"), (healthy.addr(), "windows")],
        "",
    ))
    .await;
    let text = exporter.metrics().await;
    assert_status(&text, stalled.addr(), "windows", "unreachable");
    assert_series(
        &text,
        &format!("kms_host_tcp_connect_success{{{}}}", labels(stalled.addr())),
        1.0,
    );
    assert_series(
        &text,
        &format!("kms_host_rpc_bind_success{{{}}}", labels(stalled.addr())),
        0.0,
    );
    assert_status(&text, healthy.addr(), "windows", "ok");
    let stalled_probe = value(
        &text,
        &format!(
            "kms_host_probe_duration_seconds{{{}}}",
            labels(stalled.addr())
        ),
    )
    .unwrap();
    assert!(
        (0.9..1.3).contains(&stalled_probe),
        "the stalled host must be given up at the 1s timeout, took {stalled_probe}s"
    );
    let cycle = value(&text, "kms_exporter_cycle_duration_seconds").unwrap();
    assert!(cycle < 1.4, "the cycle took {cycle}s");
    exporter.stop().await;
}

#[tokio::test]
async fn the_client_machine_id_and_n_are_fixed_across_requests_and_restarts() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let yaml = config(
        &[(
            host.addr(),
            "windows, windows-server-2025, office-ltsc-2024",
        )],
        "activation_interval: 1s\n",
    );
    for _ in 0..2 {
        let exporter = TestExporter::start(&yaml).await;
        exporter.next_cycle(Duration::from_secs(10)).await;
        exporter.next_cycle(Duration::from_secs(10)).await;
        exporter.stop().await;
    }
    let requests = host.requests();
    assert!(
        requests.len() >= 9,
        "three products, several rounds: {}",
        requests.len()
    );
    let expected = machine_id_for_hostname(&local_hostname());
    for request in &requests {
        assert_eq!(request.client_machine_id, expected);
        assert_eq!(
            request.workstation_name,
            format!("kms-exporter.{}", local_hostname())
        );
        let n = match request.kms_counted_id {
            id if id == uuid!("58e2134f-8e11-4d17-9cb2-91069c151148") => 25,
            _ => 5,
        };
        assert_eq!(request.required_count, n, "{request:?}");
    }
}

#[tokio::test]
async fn activation_requests_respect_the_activation_interval() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(&config(
        &[(host.addr(), "windows, office-2019")],
        "activation_interval: 1h\n",
    ))
    .await;
    for _ in 0..3 {
        let text = exporter.next_cycle(Duration::from_secs(10)).await;
        assert_status(&text, host.addr(), "office-2019", "ok");
    }
    assert_eq!(
        host.requests().len(),
        2,
        "one request per product per activation_interval"
    );
    assert!(
        host.connections() >= 4,
        "the RPC bind is checked every cycle on a new connection"
    );
    exporter.stop().await;
}

#[tokio::test]
async fn a_configured_machine_id_is_used_verbatim() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(&config(
        &[(host.addr(), "windows")],
        "client:\n  machine_id: 11111111-2222-4333-8444-555555555555\n  workstation_name: probe.example.test\n",
    ))
    .await;
    exporter.stop().await;
    let requests = host.requests();
    assert_eq!(
        requests[0].client_machine_id,
        uuid!("11111111-2222-4333-8444-555555555555")
    );
    assert_eq!(requests[0].workstation_name, "probe.example.test");
}

#[tokio::test]
async fn the_landing_page_shows_each_hosts_findings() {
    let host = KmsHostDouble::start(Behaviour {
        default_count: 7,
        ..Behaviour::default()
    })
    .await;
    let exporter = TestExporter::start(&config(&[(host.addr(), "windows")], "")).await;
    let (status, page) = crate::support::exporter::get(exporter.address, "/", &[])
        .await
        .unwrap();
    assert_eq!(status, 200);
    for part in [
        "<h1>KMS Exporter</h1>",
        &format!("<td>{}</td>", host.addr().port()),
        "windows: ok 7/25",
        "<td class=\"\">yes</td>",
        "Last cycle finished",
    ] {
        assert!(page.contains(part), "{part:?} missing in\n{page}");
    }
    exporter.stop().await;
}
