//! SRV discovery against an in-process DNS server: every outcome becomes its
//! `kms_dns_srv_status` state (issue: the exporter's core, acceptance 2 and 4).

use std::time::Duration;

use kms_exporter::kms::srv_name;
use kms_exporter_testkit::dns::{Answer, DnsDouble};

use crate::support::exporter::{TestExporter, assert_series, samples, value};

fn status(domain: &str, nameserver: &str, state: &str) -> String {
    format!(
        "kms_dns_srv_status{{domain=\"{domain}\",nameserver=\"{nameserver}\",status=\"{state}\"}}"
    )
}

/// Exactly one state of the enum is 1, and it is `expected`.
#[track_caller]
fn assert_state(text: &str, domain: &str, nameserver: &str, expected: &str) {
    for state in [
        "ok", "nxdomain", "nodata", "servfail", "refused", "timeout", "error",
    ] {
        let want = if state == expected { 1.0 } else { 0.0 };
        assert_series(text, &status(domain, nameserver, state), want);
    }
}

#[tokio::test]
async fn each_dns_outcome_is_its_own_status() {
    let dns = DnsDouble::start().await;
    dns.set(
        &srv_name("ok.test"),
        Answer::srv(&[
            (0, 100, 1688, "kms1.ok.test."),
            (10, 0, 1688, "kms2.ok.test."),
        ]),
    );
    dns.set("kms1.ok.test", Answer::addresses(&["127.0.0.1"]));
    dns.set("kms2.ok.test", Answer::addresses(&["127.0.0.1"]));
    dns.set(&srv_name("nodata.test"), Answer::no_data());
    dns.set(&srv_name("servfail.test"), Answer::ServFail);
    dns.set(&srv_name("refused.test"), Answer::Refused);
    // nxdomain.test: not in the zone at all.
    let ns = dns.address.to_string();

    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains:\n\
         - name: ok.test\n- name: nxdomain.test\n- name: nodata.test\n\
         - name: servfail.test\n- name: refused.test\n"
    ))
    .await;
    let text = exporter.metrics().await;

    assert_state(&text, "ok.test", &ns, "ok");
    assert_state(&text, "nxdomain.test", &ns, "nxdomain");
    assert_state(&text, "nodata.test", &ns, "nodata");
    assert_state(&text, "servfail.test", &ns, "servfail");
    assert_state(&text, "refused.test", &ns, "refused");

    let records = samples(&text, "kms_dns_srv_record_info");
    assert_eq!(records.len(), 2, "{records:#?}");
    assert!(records.contains(&format!(
        "kms_dns_srv_record_info{{domain=\"ok.test\",nameserver=\"{ns}\",host=\"kms1.ok.test\",port=\"1688\",priority=\"0\",weight=\"100\"}} 1"
    ).as_str()));
    assert!(records.contains(&format!(
        "kms_dns_srv_record_info{{domain=\"ok.test\",nameserver=\"{ns}\",host=\"kms2.ok.test\",port=\"1688\",priority=\"10\",weight=\"0\"}} 1"
    ).as_str()));
    assert_series(
        &text,
        &format!("kms_dns_srv_records{{domain=\"ok.test\",nameserver=\"{ns}\"}}"),
        2.0,
    );
    assert_series(&text, "kms_domain_hosts{domain=\"ok.test\"}", 2.0);
    assert_series(&text, "kms_domain_hosts{domain=\"nxdomain.test\"}", 0.0);
    exporter.stop().await;
}

#[tokio::test]
async fn a_silent_server_times_out_within_the_timeout() {
    let dns = DnsDouble::start().await;
    dns.set(&srv_name("silent.test"), Answer::Silent);
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains: [{{name: silent.test}}]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    assert_state(&text, "silent.test", &ns, "timeout");
    let cycle = value(&text, "kms_exporter_cycle_duration_seconds").unwrap();
    assert!(
        (1.9..2.5).contains(&cycle),
        "a cycle with one silent server must end at the 2s timeout, took {cycle}s"
    );
    assert!(
        dns.queries()
            .iter()
            .any(|(name, _)| *name == srv_name("silent.test")),
        "the query must have reached the silent server as an absolute name"
    );
    exporter.stop().await;
}

#[tokio::test]
async fn each_dns_server_is_asked_separately() {
    let primary = DnsDouble::start().await;
    let secondary = DnsDouble::start().await;
    primary.set(
        &srv_name("corp.test"),
        Answer::srv(&[(0, 0, 1688, "kms1.corp.test.")]),
    );
    primary.set("kms1.corp.test", Answer::addresses(&["127.0.0.1"]));
    // The secondary has not received the record: a stale zone transfer.
    let (a, b) = (primary.address.to_string(), secondary.address.to_string());
    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{a}\", \"{b}\"]}}\ndomains: [{{name: corp.test}}]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    assert_state(&text, "corp.test", &a, "ok");
    assert_state(&text, "corp.test", &b, "nxdomain");
    assert_series(&text, "kms_domain_hosts{domain=\"corp.test\"}", 1.0);
    exporter.stop().await;
}

#[tokio::test]
async fn expected_hosts_are_compared_with_what_is_published() {
    let dns = DnsDouble::start().await;
    dns.set(
        &srv_name("corp.test"),
        Answer::srv(&[
            (0, 0, 1688, "kms1.corp.test."),
            (0, 0, 1688, "rogue.corp.test."),
        ]),
    );
    dns.set("kms1.corp.test", Answer::addresses(&["127.0.0.1"]));
    dns.set("rogue.corp.test", Answer::addresses(&["127.0.0.1"]));
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains:\n\
         - name: corp.test\n  expected_hosts: [kms1.corp.test, kms2.corp.test]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    assert_series(
        &text,
        "kms_dns_srv_record_expected{domain=\"corp.test\",host=\"kms1.corp.test\",port=\"1688\"}",
        1.0,
    );
    assert_series(
        &text,
        "kms_dns_srv_record_expected{domain=\"corp.test\",host=\"rogue.corp.test\",port=\"1688\"}",
        0.0,
    );
    assert_series(
        &text,
        "kms_dns_expected_host_published{domain=\"corp.test\",host=\"kms1.corp.test\"}",
        1.0,
    );
    assert_series(
        &text,
        "kms_dns_expected_host_published{domain=\"corp.test\",host=\"kms2.corp.test\"}",
        0.0,
    );
    exporter.stop().await;
}

#[tokio::test]
async fn a_service_unavailable_target_is_reported_not_probed() {
    let dns = DnsDouble::start().await;
    dns.set(&srv_name("corp.test"), Answer::srv(&[(0, 0, 0, ".")]));
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains: [{{name: corp.test}}]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    assert_state(&text, "corp.test", &ns, "ok");
    assert!(
        samples(&text, "kms_dns_srv_record_info")
            .iter()
            .any(|l| l.contains("host=\".\""))
    );
    assert_series(&text, "kms_domain_hosts{domain=\"corp.test\"}", 0.0);
    assert!(
        samples(&text, "kms_host_tcp_connect_success").is_empty(),
        "{text}"
    );
    exporter.stop().await;
}

#[tokio::test]
async fn vanished_targets_lose_their_series_after_reload() {
    let dns = DnsDouble::start().await;
    dns.set(
        &srv_name("a.test"),
        Answer::srv(&[(0, 0, 1688, "kms1.a.test.")]),
    );
    dns.set("kms1.a.test", Answer::addresses(&["127.0.0.1"]));
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "interval: 1s\ntimeout: 1s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\ndomains: [{{name: a.test}}]\n"
    ))
    .await;
    let text = exporter.metrics().await;
    assert!(text.contains("domain=\"a.test\""));
    // The SRV record is withdrawn: the host's series must go with it.
    dns.set(&srv_name("a.test"), Answer::NxDomain);
    let text = exporter.next_cycle(Duration::from_secs(10)).await;
    assert!(!text.contains("host=\"kms1.a.test\""), "{text}");
    // The domain leaves the config: its series must go too.
    std::fs::write(
        &exporter.config_path,
        format!("interval: 1s\ntimeout: 1s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\nhosts: [{{address: \"127.0.0.1:1\"}}]\n"),
    )
    .unwrap();
    let (status, _) = crate::support::exporter::request(exporter.address, "POST", "/-/reload", &[])
        .await
        .unwrap();
    assert_eq!(status, 200);
    let text = exporter.next_cycle(Duration::from_secs(10)).await;
    assert!(!text.contains("a.test"), "{text}");
    exporter.stop().await;
}
