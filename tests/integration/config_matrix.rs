//! Broken configuration files, each rejected by `--config.check` with its position and a
//! precise message (issue: reliability).

use crate::support::binary::run;

/// `(file, expected "line:column: message" start, and a fragment of the explanation)`.
const BROKEN: &[(&str, &str, &str)] = &[
    (
        "interval: 60s\ntimout: 5s\n",
        "2:1: unknown field `timout`",
        "expected one of",
    ),
    (
        "interval: soon\n",
        "1:11: interval: invalid value \"soon\"",
        "expected a duration such as 90s",
    ),
    (
        "interval: 500ms\n",
        "1:11: interval must be at least 1s",
        "",
    ),
    (
        "interval: 5s\ntimeout: 10s\n",
        "2:10: timeout (10s) must not exceed interval (5s)",
        "before the next cycle",
    ),
    ("timeout: 0s\n", "1:10: timeout must be greater than 0s", ""),
    // Every duration has an upper bound (README, "Limits"; docs/reliability.md, "Bounded
    // configuration"): a value no timer can hold was accepted and then killed the scheduler.
    (
        "interval: 400000000000y\n",
        "1:11: interval (400000000000years) must not exceed 24h",
        "",
    ),
    (
        "interval: 25h\n",
        "1:11: interval (1day 1h) must not exceed 24h",
        "",
    ),
    (
        "interval: 1h\ntimeout: 10m\n",
        "2:10: timeout (10m) must not exceed 5m",
        "",
    ),
    (
        "activation_interval: 30d\n",
        "1:22: activation_interval (30days) must not exceed 7d",
        "",
    ),
    (
        "dns:\n  keep_last_answer: 2d\n",
        "2:21: dns.keep_last_answer (2days) must not exceed 24h",
        "",
    ),
    (
        "activation_interval: 0s\n",
        "1:22: activation_interval must be greater than 0s",
        "",
    ),
    (
        "concurrency: 0\n",
        "1:14: concurrency must be between 1 and 10000",
        "",
    ),
    (
        "concurrency: many\n",
        "1:14: concurrency: expected a whole number",
        "",
    ),
    // A value of the wrong shape names the setting and shows how it is written.
    (
        "domains: [corp.example.com]\n",
        "1:11: domains: expected a mapping",
        "one `- name: corp.example.com` per domain",
    ),
    (
        "domains:\n- name: a.test\n  products: windows\n",
        "3:13: domains.products: expected a list",
        "a list of product names",
    ),
    (
        "hosts:\n  - kms1.test:1688\n",
        "2:5: hosts: expected a mapping",
        "`- address: kms1.corp.example.com:1688`",
    ),
    ("clock: off\n", "1:8: clock: expected a mapping", "methods"),
    (
        "client:\n  machine_id: not-a-uuid\n",
        "2:15: client.machine_id: \"not-a-uuid\" is neither `auto` nor a UUID",
        "",
    ),
    (
        "client:\n  workstation_name: a-very-long-workstation-name-that-does-not-fit-into-sixty-three-characters\n",
        "2:21: client.workstation_name is 74 characters",
        "at most 63",
    ),
    (
        "dns:\n  servers: [\"10.0.0\"]\n",
        "2:13: dns.servers: \"10.0.0\" is not an IP address",
        "",
    ),
    (
        "domains:\n  - name: \"bad domain\"\n",
        "2:11: domains: \"bad domain\" is not a valid DNS name",
        "",
    ),
    (
        "domains:\n  - name: a.test\n  - name: A.test.\n",
        "3:11: domains: \"a.test\" is listed twice",
        "",
    ),
    (
        "domains:\n  - name: a.test\n    products: [windows-99]\n",
        "3:16: unknown product \"windows-99\"",
        "windows-server-2025",
    ),
    (
        "domains:\n  - name: a.test\n    expected_hosts: [\"-bad-\"]\n",
        "3:22: expected_hosts:",
        "not a valid DNS name",
    ),
    (
        "domains:\n  - products: [windows]\n",
        "2:5: missing field `name`",
        "",
    ),
    (
        "hosts:\n  - address: \"kms1:0\"\n",
        "2:14: hosts.address:",
        "not a number from 1 to 65535",
    ),
    (
        "hosts:\n  - address: kms1.test\n  - address: kms1.test:1688\n",
        "3:14: hosts: kms1.test:1688 is listed twice",
        "",
    ),
    (
        "clock:\n  methods: [ntp, sundial]\n",
        "2:18: clock.methods: unknown method \"sundial\"",
        "ntp and/or smb",
    ),
    (
        "clock:\n  reference: [\"ntp..example\"]\n",
        "2:15: clock.reference:",
        "not a valid DNS name",
    ),
    (
        "clock:\n  ntp_port: 0\n",
        "2:13: clock ports must be from 1 to 65535",
        "",
    ),
    (
        "products:\n  - name: mine\n    application_id: 55c92734-d682-4d71-983e-d6ec3f16059f\n    kms_counted_id: 58e2134f-8e11-4d17-9cb2-91069c151148\n    sku_id: 73111121-5638-40f6-bc11-f1d7b0d64300\n    required_count: 50\n",
        "2:5: products: mine: required_count 50 is refused",
        "permanently break",
    ),
    (
        "products:\n  - name: windows\n    application_id: 55c92734-d682-4d71-983e-d6ec3f16059f\n    kms_counted_id: 58e2134f-8e11-4d17-9cb2-91069c151148\n    sku_id: 73111121-5638-40f6-bc11-f1d7b0d64300\n    required_count: 25\n",
        "2:5: products: product \"windows\" is already defined",
        "",
    ),
    ("domains: [a.test\n", "1:", "bracket"),
    ("- just\n- a list\n", "1:1:", "a mapping of settings"),
];

#[test]
fn every_broken_file_is_rejected_with_its_position_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (i, (yaml, position_and_message, detail)) in BROKEN.iter().enumerate() {
        let path = dir.path().join(format!("case{i}.yml"));
        std::fs::write(&path, yaml).unwrap();
        let out = run(&["--config.check", "--config.file", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let expected_start = format!("{}:{position_and_message}", path.display());
        let ok = out.status.code() == Some(1)
            && stderr.starts_with(&expected_start)
            && stderr.contains(detail);
        if !ok {
            failures.push(format!(
                "case {i} ({yaml:?}): exit {:?}\n  want: {expected_start} … {detail}\n  got:  {}",
                out.status.code(),
                stderr.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
