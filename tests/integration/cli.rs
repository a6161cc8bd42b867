//! The binary as operators run it: `--config.check`, the embedded default, SIGHUP reloads,
//! SIGTERM, and promtool on the output (issue: the exporter's core, acceptance 1, 5 and 6).

use std::time::Duration;

use kms_exporter::dns::HickoryDns;
use kms_exporter::kms::srv_name;
use kms_exporter_testkit::net;

use crate::support::binary::{Process, run};
use crate::support::exporter::{TestExporter, assert_series, get, samples, value};
use crate::support::tools::tool;

fn check(yaml: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yml");
    std::fs::write(&path, yaml).unwrap();
    let out = run(&["--config.check", "--config.file", path.to_str().unwrap()]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).replace(path.to_str().unwrap(), "FILE"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn config_check_rejects_an_unknown_key_with_its_position() {
    let (code, stderr, _) = check("interval: 60s\ntimout: 5s\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("FILE:2:1: unknown field `timout`"),
        "{stderr}"
    );
}

#[test]
fn config_check_rejects_a_bad_duration_with_its_position() {
    let (code, stderr, _) = check("interval: 60s\ntimeout: 10 parsecs\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("FILE:2:"), "{stderr}");
    assert!(
        stderr.contains("\"10 parsecs\", expected a duration"),
        "{stderr}"
    );
}

#[test]
fn config_check_lists_every_value_that_does_not_parse_with_its_position() {
    // Values that do not parse are listed with the other problems, as promtool lists all.
    let (code, stderr, _) = check(
        "interval: 5 minutes please\n\
         concurrency: lots\n\
         dns:\n  servers: [\"10.0.0\"]\n\
         clock:\n  ntp_port: 70000\n\
         activation_interval: soon\n",
    );
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "FILE:1:11: interval: invalid value \"5 minutes please\", expected a duration such as \
             90s, 15m or 1h 30m",
            "FILE:2:14: concurrency: expected a whole number, not \"lots\"",
            "FILE:4:13: dns.servers: \"10.0.0\" is not an IP address (with optional :port)",
            "FILE:6:13: clock.ntp_port: expected a whole number from 0 to 65535, not \"70000\"",
            "FILE:7:22: activation_interval: invalid value \"soon\", expected a duration such as \
             90s, 15m or 1h 30m",
        ],
        "{stderr}"
    );
}

#[test]
fn config_check_rejects_a_malformed_address_with_its_position() {
    let (code, stderr, _) = check("hosts:\n  - address: \"kms1.corp.test:http\"\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("FILE:2:14: hosts.address:"), "{stderr}");
    assert!(stderr.contains("not a number from 1 to 65535"), "{stderr}");
    let (code, stderr, _) = check("dns:\n  servers:\n    - 10.0.0.300\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("FILE:3:7: dns.servers:"), "{stderr}");
}

#[test]
fn config_check_rejects_a_duration_no_timer_can_hold_with_its_position() {
    // Accepted before issue 14; the scheduler then panicked while /-/healthy kept answering 200.
    let (code, stderr, stdout) = check("interval: 400000000000y\n");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr,
        "FILE:1:11: interval (400000000000years) must not exceed 24h\n"
    );
    assert_eq!(stdout, "");
}

#[test]
fn config_check_lists_every_independent_problem_in_file_order() {
    // Found in the order timeout, dns.servers, domains; listed in the order of the file.
    let (code, stderr, stdout) = check(
        "timeout: 10m\ndomains:\n  - name: corp.test\n    products: [windows-99]\n\
         dns:\n  servers: [\"10.0.0.300\"]\n",
    );
    assert_eq!(code, 1, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(lines[0], "FILE:1:10: timeout (10m) must not exceed 5m");
    assert!(
        lines[1].starts_with("FILE:4:16: unknown product \"windows-99\"; known products: windows,"),
        "{stderr}"
    );
    assert_eq!(
        lines[2],
        "FILE:6:13: dns.servers: \"10.0.0.300\" is not an IP address (with optional :port)"
    );
    assert_eq!(stdout, "");
}

#[test]
fn config_check_accepts_a_valid_file() {
    let (code, stderr, stdout) =
        check("interval: 30s\ndomains:\n  - name: corp.example.com\n    products: [windows]\n");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("valid (1 domains, 0 hosts"), "{stdout}");
}

#[test]
fn config_check_rejects_a_missing_file() {
    let out = run(&["--config.check", "--config.file", "/nonexistent/kms.yml"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/nonexistent/kms.yml: cannot read config file"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_embedded_default_probes_the_resolv_conf_domains() {
    // Loopback only: the system resolver must not reach the machine's real DNS server.
    let exporter = Process::start(
        &[],
        "nameserver 127.0.0.1\ndomain corp.test\nsearch branch.test\n",
    );
    let started = std::time::Instant::now();
    let text = wait_for_cycle(exporter.address).await;
    assert!(started.elapsed() < Duration::from_secs(15));
    for domain in ["corp.test", "branch.test"] {
        let states: Vec<_> = samples(&text, "kms_dns_srv_status")
            .into_iter()
            .filter(|l| {
                l.contains(&format!(
                    "domain=\"{domain}\",nameserver=\"{}\"",
                    HickoryDns::SYSTEM_LABEL
                ))
            })
            .collect();
        assert_eq!(states.len(), 7, "{text}");
        assert_eq!(
            states.iter().filter(|l| l.ends_with(" 1")).count(),
            1,
            "{states:#?}"
        );
    }
    assert_series(&text, "kms_exporter_targets{kind=\"domain\"}", 2.0);
}

#[tokio::test]
async fn the_embedded_default_skips_kubernetes_cluster_suffixes_and_says_which() {
    // A pod's resolv.conf: the cluster's suffixes first, then the node's own domain.
    let exporter = Process::start(
        &[],
        "nameserver 127.0.0.1\n\
         search default.svc.cluster.local svc.cluster.local cluster.local corp.test\n",
    );
    let text = wait_for_cycle(exporter.address).await;
    let probed: std::collections::BTreeSet<&str> = samples(&text, "kms_dns_srv_status")
        .into_iter()
        .filter_map(|l| l.split("domain=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(probed, ["corp.test"].into(), "{text}");
    assert_series(&text, "kms_exporter_targets{kind=\"domain\"}", 1.0);
    let skipped: Vec<&String> = exporter
        .startup_log
        .iter()
        .filter(|l| l.contains("Kubernetes cluster-internal"))
        .collect();
    assert_eq!(skipped.len(), 1, "{:#?}", exporter.startup_log);
    assert!(
        skipped[0]
            .contains("skipped=\"default.svc.cluster.local svc.cluster.local cluster.local\""),
        "{}",
        skipped[0]
    );
}

#[tokio::test]
async fn without_domains_the_exporter_still_serves_and_says_so() {
    let exporter = Process::start(&[], "nameserver 127.0.0.1\n");
    let text = wait_for_cycle(exporter.address).await;
    assert_series(&text, "kms_exporter_targets{kind=\"domain\"}", 0.0);
    assert_series(&text, "kms_exporter_targets{kind=\"host\"}", 0.0);
    let (status, _) = get(exporter.address, "/-/healthy", &[]).await.unwrap();
    assert_eq!(status, 200);
}

async fn wait_for_cycle(address: std::net::SocketAddr) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok((200, text)) = get(address, "/metrics", &[]).await
            && value(&text, "kms_exporter_last_cycle_timestamp_seconds").is_some()
        {
            return text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no cycle within 30s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn sighup_with_a_broken_file_keeps_the_old_config_and_results() {
    let (open, _server) = net::listening().await;
    let exporter = Process::with_config(&format!(
        "interval: 1s\ntimeout: 1s\nclock: {{methods: []}}\nhosts: [{{address: \"{open}\"}}]\n"
    ));
    let config = exporter.config_path();
    let text = wait_for_cycle(exporter.address).await;
    let host = format!(
        "kms_host_tcp_connect_success{{host=\"{}\",port=\"{}\"}}",
        open.ip(),
        open.port()
    );
    assert_series(&text, &host, 1.0);
    assert_series(&text, "kms_exporter_config_last_reload_successful", 1.0);
    assert_series(&text, "kms_exporter_probe_interval_seconds", 1.0);

    std::fs::write(
        &config,
        "interval: 3s\ntimeout: 1s\nhosts: [{address: \"kms1.corp.test:99999\"}]\n",
    )
    .unwrap();
    exporter.signal("HUP");
    let line = exporter.wait_log("configuration reload failed", Duration::from_secs(10));
    assert!(
        line.contains("kms.yml:3:"),
        "the log names the position: {line}"
    );
    // Two more cycles on the old configuration.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let (_, text) = get(exporter.address, "/metrics", &[]).await.unwrap();
    assert_series(&text, "kms_exporter_config_last_reload_successful", 0.0);
    assert_series(&text, &host, 1.0);
    // The rejected file's interval is not the one running.
    assert_series(&text, "kms_exporter_probe_interval_seconds", 1.0);

    std::fs::write(&config, "interval: 2s\ntimeout: 1s\nclock: {methods: []}\n").unwrap();
    exporter.signal("HUP");
    exporter.wait_log("configuration reloaded", Duration::from_secs(10));
    // The new intervals come with the first cycle of the new configuration, which drops the host.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let text = loop {
        let (_, text) = get(exporter.address, "/metrics", &[]).await.unwrap();
        if value(&text, &host).is_none() {
            break text;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no cycle of the new configuration within 10s:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_series(&text, "kms_exporter_config_last_reload_successful", 1.0);
    assert_series(&text, "kms_exporter_probe_interval_seconds", 2.0);
    assert_series(&text, "kms_exporter_activation_interval_seconds", 900.0);
}

#[tokio::test]
async fn sigterm_shuts_down_cleanly() {
    let mut exporter = Process::start(&[], "");
    wait_for_cycle(exporter.address).await;
    exporter.signal("TERM");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = exporter.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running 10s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
}

/// promtool is what users check exporters with; our output must pass its lint.
#[tokio::test]
async fn the_output_passes_promtool_check_metrics() {
    let host = kms_exporter_testkit::kms_host::KmsHostDouble::start(Default::default()).await;
    let open = host.addr();
    let closed = net::refused().await;
    let dns = kms_exporter_testkit::dns::DnsDouble::start().await;
    dns.set(
        &srv_name("corp.test"),
        kms_exporter_testkit::dns::Answer::srv(&[(0, 0, open.port(), "kms1.corp.test.")]),
    );
    dns.set(
        "kms1.corp.test",
        kms_exporter_testkit::dns::Answer::addresses(&["127.0.0.1"]),
    );
    let exporter = TestExporter::start(&format!(
        "timeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{}\"]}}\n\
         domains: [{{name: corp.test, expected_hosts: [kms1.corp.test], products: [windows, office-ltsc-2024]}}]\n\
         hosts: [{{address: \"{closed}\"}}]\n",
        dns.address
    ))
    .await;
    let text = exporter.metrics().await;
    // Every family of the KMS probe is in the sample, so all of them are linted.
    for family in [
        "kms_host_info",
        "kms_activation_current_clients",
        "kms_activation_status",
        "process_cpu_seconds_total",
        "process_start_time_seconds",
    ] {
        assert!(
            !samples(&text, family).is_empty(),
            "{family} missing in\n{text}"
        );
    }
    let output = promtool(&["check", "metrics"], &text);
    assert!(
        output.status.success(),
        "promtool check metrics failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    exporter.stop().await;
}

/// The six `process_*` families of the client libraries describe the exporter's process, on
/// `/metrics` only (issue 17, acceptance 2; promtool lints them in the test above).
#[tokio::test]
async fn the_process_families_describe_the_exporter_on_metrics_only() {
    let unix_now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64()
    };
    let before = unix_now();
    let exporter = Process::with_config(
        "interval: 1s
timeout: 1s
domains: []
",
    );
    let text = wait_for_cycle(exporter.address).await;
    let after = unix_now();
    let sample =
        |name: &str| value(&text, name).unwrap_or_else(|| panic!("{name} missing in\n{text}"));
    // btime has a resolution of one second.
    let start = sample("process_start_time_seconds");
    assert!(
        (before - 1.5..=after + 1.0).contains(&start),
        "start {start}, spawned between {before} and {after}"
    );
    let cpu = sample("process_cpu_seconds_total");
    assert!((0.0..60.0).contains(&cpu), "{cpu}");
    let (open, max) = (sample("process_open_fds"), sample("process_max_fds"));
    assert!(open >= 3.0 && open < max, "open {open}, max {max}");
    let (rss, vsize) = (
        sample("process_resident_memory_bytes"),
        sample("process_virtual_memory_bytes"),
    );
    assert!(rss > 1e6 && rss < vsize, "rss {rss}, vsize {vsize}");
    assert!(
        text.contains("# TYPE process_cpu_seconds_total counter\n"),
        "{text}"
    );

    let (status, probe) = get(exporter.address, "/probe?target=127.0.0.1:9", &[])
        .await
        .unwrap();
    assert_eq!(status, 200, "{probe}");
    assert!(probe.contains("probe_success 0"), "{probe}");
    assert!(!probe.contains("process_"), "{probe}");
}

pub fn promtool(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = tool("promtool", "prometheus")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run promtool");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
