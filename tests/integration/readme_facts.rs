//! The README states the facts the code defines once (issue 24, "one home per fact"): default
//! listen address, ports, label values and the configuration's limits are written in the README
//! as the constants say, so changing a constant without the README fails here.

use kms_exporter::clock::{ClockMethod, NTP_PORT, SMB_PORT};
use kms_exporter::config::{
    MAX_ACTIVATION_INTERVAL, MAX_CONCURRENCY, MAX_INTERVAL, MAX_KEEP_LAST_ANSWER, MAX_TIMEOUT,
    MIN_INTERVAL, limit_text,
};
use kms_exporter::dns::HickoryDns;
use kms_exporter::http::DEFAULT_LISTEN_ADDRESS;
use kms_exporter::kms::SRV_SERVICE;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README line that starts with `start` (after leading spaces).
fn line<'a>(readme: &'a str, start: &str) -> &'a str {
    readme
        .lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("README has no line starting with {start:?}"))
}

#[test]
fn the_readme_states_the_defaults_the_code_defines() {
    let readme = readme();
    for stated in [
        format!("serves `/metrics` on `{DEFAULT_LISTEN_ADDRESS}`"),
        format!("| `--web.listen-address` | `{DEFAULT_LISTEN_ADDRESS}` |"),
        format!("ntp_port: {NTP_PORT} "),
        format!("smb_port: {SMB_PORT}"),
        format!("**SNTP** on UDP {NTP_PORT}:"),
        format!("**SMB2 NEGOTIATE** on TCP {SMB_PORT},"),
        format!(
            "methods: [{}]",
            ClockMethod::ALL.map(ClockMethod::as_label).join(", ")
        ),
        format!(
            "Label `nameserver` is `{}` for the system resolver",
            HickoryDns::SYSTEM_LABEL
        ),
        format!("`{SRV_SERVICE}` SRV record"),
    ] {
        assert!(readme.contains(&stated), "README does not say {stated:?}");
    }
}

#[test]
fn the_readme_limits_table_states_the_limits_the_code_enforces() {
    let readme = readme();
    let cases = [
        (
            "| `interval` |",
            format!(
                "{} to {}",
                limit_text(MIN_INTERVAL),
                limit_text(MAX_INTERVAL)
            ),
        ),
        (
            "| `activation_interval` |",
            format!("up to {}", limit_text(MAX_ACTIVATION_INTERVAL)),
        ),
        (
            "| `timeout` |",
            format!("up to {} and up to `interval`", limit_text(MAX_TIMEOUT)),
        ),
        (
            "| `dns.keep_last_answer` |",
            format!("to {}", limit_text(MAX_KEEP_LAST_ANSWER)),
        ),
        ("| `concurrency` |", format!("| 1 to {MAX_CONCURRENCY} |")),
    ];
    for (row, allowed) in cases {
        let line = line(&readme, row);
        assert!(line.contains(&allowed), "{line:?} does not say {allowed:?}");
    }
    // The example error above the table is the one the code writes.
    let example = format!("must not exceed {}`", limit_text(MAX_INTERVAL));
    assert!(readme.contains(&example), "README does not say {example:?}");
}

#[test]
fn limits_are_written_in_the_largest_unit() {
    assert_eq!(limit_text(MIN_INTERVAL), "1s");
    assert_eq!(limit_text(MAX_INTERVAL), "24h");
    assert_eq!(limit_text(MAX_ACTIVATION_INTERVAL), "7d");
    assert_eq!(limit_text(MAX_TIMEOUT), "5m");
    assert_eq!(limit_text(std::time::Duration::from_secs(90)), "90s");
}
