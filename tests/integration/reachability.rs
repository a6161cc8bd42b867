//! TCP 1688 reachability on loopback (issue: the exporter's core, acceptance 3).

use kms_exporter::kms::srv_name;
use kms_exporter_testkit::dns::{Answer, DnsDouble};
use kms_exporter_testkit::net;

use crate::support::exporter::{TestExporter, assert_series, value};

fn series(name: &str, address: std::net::SocketAddr) -> String {
    format!(
        "{name}{{host=\"{}\",port=\"{}\"}}",
        address.ip(),
        address.port()
    )
}

#[tokio::test]
async fn listening_refused_and_black_holed_ports() {
    let (open, _server) = net::listening().await;
    let closed = net::refused().await;
    let hole = net::black_hole().await;
    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\nhosts:\n\
         - address: \"{open}\"\n- address: \"{closed}\"\n- address: \"{}\"\n",
        hole.address
    ))
    .await;
    let text = exporter.metrics().await;

    assert_series(&text, &series("kms_host_tcp_connect_success", open), 1.0);
    assert_series(&text, &series("kms_host_tcp_connect_success", closed), 0.0);
    assert_series(
        &text,
        &series("kms_host_tcp_connect_success", hole.address),
        0.0,
    );

    let state = |address: std::net::SocketAddr, status: &str| {
        format!(
            "kms_host_tcp_connect_status{{host=\"{}\",port=\"{}\",status=\"{status}\"}}",
            address.ip(),
            address.port()
        )
    };
    assert_series(&text, &state(open, "ok"), 1.0);
    assert_series(&text, &state(closed, "refused"), 1.0);
    assert_series(&text, &state(hole.address, "timeout"), 1.0);
    assert_series(&text, &state(hole.address, "refused"), 0.0);

    let hole_duration = value(
        &text,
        &series("kms_host_tcp_connect_duration_seconds", hole.address),
    )
    .unwrap();
    assert!(
        (1.9..2.5).contains(&hole_duration),
        "the black-holed host must be given up at the 2s timeout, took {hole_duration}s"
    );
    let cycle = value(&text, "kms_exporter_cycle_duration_seconds").unwrap();
    assert!(
        cycle < 2.5,
        "hosts are probed concurrently; the cycle took {cycle}s"
    );
    exporter.stop().await;
}

#[tokio::test]
async fn a_stale_srv_target_resolves_to_no_address() {
    let dns = DnsDouble::start().await;
    let (open, _server) = net::listening().await;
    dns.set(
        &srv_name("corp.test"),
        Answer::srv(&[
            (0, 0, open.port(), "kms1.corp.test."),
            (0, 0, 1688, "gone.corp.test."),
        ]),
    );
    dns.set("kms1.corp.test", Answer::addresses(&["127.0.0.1"]));
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains: [{{name: corp.test}}]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    assert_series(
        &text,
        "kms_host_resolved_addresses{host=\"gone.corp.test\",port=\"1688\"}",
        0.0,
    );
    assert_series(
        &text,
        "kms_host_tcp_connect_status{host=\"gone.corp.test\",port=\"1688\",status=\"no_address\"}",
        1.0,
    );
    assert_series(
        &text,
        &format!(
            "kms_host_resolved_addresses{{host=\"kms1.corp.test\",port=\"{}\"}}",
            open.port()
        ),
        1.0,
    );
    assert_series(
        &text,
        &format!(
            "kms_host_tcp_connect_success{{host=\"kms1.corp.test\",port=\"{}\"}}",
            open.port()
        ),
        1.0,
    );
    exporter.stop().await;
}
