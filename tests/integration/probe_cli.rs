//! `kms_exporter probe` against the host double (issue: KMS protocol probe, acceptance 4).

use std::process::Output;

use kms_exporter::clock::ClockMethod;
use kms_exporter::kms::products;
use kms_exporter::kms::srv_name;
use kms_exporter_testkit::dns::{Answer, DnsDouble};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};

use crate::support::binary::binary;

pub(crate) async fn probe(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        let resolv_conf = dir.path().join("resolv.conf");
        std::fs::write(&resolv_conf, "").unwrap();
        binary()
            .arg("probe")
            .args(&args)
            .arg(format!("--dns.resolv-conf={}", resolv_conf.display()))
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

/// `kms_exporter probe TARGET --config.file=F`, with `config` (YAML) written to F.
pub(crate) async fn probe_with_config(target: String, config: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kms.yml");
    std::fs::write(&path, config).unwrap();
    probe(vec![target, format!("--config.file={}", path.display())]).await
}

#[tokio::test]
async fn a_healthy_host_exits_0_with_its_decoded_epid() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let out = probe(vec![host.addr().to_string()]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in [
        "  TCP       ok",
        "  RPC       bind ok",
        "  ePID      03612-00206-562-760142-03-1102-14393.0000-2812025 (windows)",
        "host OS Windows Server 2016 (build 14393), host key Windows Server 2019 CSVLK",
        "  HwId      3A1C049600B60076",
        "  Intervals activation 2h, renewal 7days",
        "Result: OK",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }
    assert!(
        stdout.contains("windows              ok        count 50/25 threshold met [V6]"),
        "{stdout}"
    );
}

#[tokio::test]
async fn a_refusing_host_exits_1_naming_the_hresult() {
    let office = products::lookup("office-ltsc-2024").unwrap();
    let host = KmsHostDouble::start(Behaviour {
        refusals: [(office.kms_counted_id, 0xC004_F042)].into(),
        ..Behaviour::default()
    })
    .await;
    let out = probe(vec![
        host.addr().to_string(),
        "--product=windows".into(),
        "--product=office-ltsc-2024".into(),
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "office-ltsc-2024     refused   0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Result: PROBLEM — 1 of 1 host(s)"),
        "{stdout}"
    );
}

#[tokio::test]
async fn a_host_below_threshold_exits_1() {
    let host = KmsHostDouble::start(Behaviour {
        default_count: 3,
        ..Behaviour::default()
    })
    .await;
    let out = probe(vec![host.addr().to_string()]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("count 3/25 BELOW THRESHOLD: clients report 0xC004F038"),
        "{stdout}"
    );
}

#[tokio::test]
async fn a_domain_is_followed_through_its_srv_records() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let dns = DnsDouble::start().await;
    dns.set(
        &srv_name("corp.test"),
        Answer::srv(&[(0, 0, host.addr().port(), "kms1.corp.test.")]),
    );
    dns.set("kms1.corp.test", Answer::addresses(&["127.0.0.1"]));
    let out = probe_with_config(
        "corp.test".to_owned(),
        &format!("dns: {{servers: [\"{}\"]}}\n", dns.address),
    )
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "SRV {} via {}: ok (1 records",
            srv_name("corp.test"),
            dns.address
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("Host kms1.corp.test:{}", host.addr().port())),
        "{stdout}"
    );
}

#[tokio::test]
async fn an_unknown_product_is_a_clear_error() {
    let out = probe(vec!["127.0.0.1:1".into(), "--product=windows-99".into()]).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("unknown product \"windows-99\""),
        "{stderr}"
    );
}

#[tokio::test]
async fn clock_findings_are_shown_against_the_four_hour_limit() {
    use kms_exporter_testkit::smb2::{Smb2Behaviour, Smb2Double};
    use kms_exporter_testkit::sntp::{SntpBehaviour, SntpDouble};
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let sntp = SntpDouble::start(5.0 * 3600.0, SntpBehaviour::Answer).await;
    let smb = Smb2Double::start(-1800.0, Smb2Behaviour::Answer).await;
    let out = probe_with_config(
        host.addr().to_string(),
        &format!(
            "clock:\n  methods: [ntp, smb]\n  ntp_port: {}\n  smb_port: {}\n",
            sntp.addr().port(),
            smb.addr().port()
        ),
    )
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // The doubles' clocks are read over loopback, so the offsets are exact only to the round
    // trip: compare the numbers within a second, not their printed digits.
    let offset = |method: &str| -> f64 {
        let prefix = format!("  Clock     {method} ");
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(prefix.as_str()))
            .and_then(|rest| rest.split(" s").next())
            .and_then(|number| number.parse().ok())
            .unwrap_or_else(|| panic!("no {method} offset in\n{stdout}"))
    };
    assert!(
        (offset(ClockMethod::Ntp.as_label()) - 18000.0).abs() < 1.0,
        "{stdout}"
    );
    assert!(
        stdout.contains("OUTSIDE the 4-hour limit by 1h: clients are refused with 0xC004F06C"),
        "{stdout}"
    );
    assert!(
        (offset(ClockMethod::Smb.as_label()) + 1800.0).abs() < 1.0,
        "{stdout}"
    );
    assert!(
        stdout.contains("3h 30m inside the 4-hour limit"),
        "{stdout}"
    );
}

/// The README's sample output is what `probe` prints for a genuine host, not an emulator's
/// defaults (vlmcsd's HwId 3A1C049600B60076 and count 50 are fingerprints, docs/runbooks): a
/// Windows Server 2022 host with its own CSVLK, a count that is not a round default, and a
/// hardware ID of its own. Every line of the README block but the host's name, address, connect
/// time and clock reading comes from this run.
#[tokio::test]
async fn the_readme_sample_is_what_probe_prints_for_a_genuine_host() {
    let host = KmsHostDouble::start(Behaviour {
        default_count: 37,
        epid: "03612-04573-000-012871-03-1042-20348.0000-0672024".to_owned(),
        hwid: [0x6f, 0x1d, 0x2e, 0x83, 0xa9, 0x04, 0x7c, 0x15],
        ..Behaviour::default()
    })
    .await;
    // The host's SMB service tells its clock; its NTP service is off, as on most member servers.
    let smb = kms_exporter_testkit::smb2::Smb2Double::start(
        0.2,
        kms_exporter_testkit::smb2::Smb2Behaviour::Answer,
    )
    .await;
    let closed_udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let ntp_port = closed_udp.local_addr().unwrap().port();
    drop(closed_udp);
    let out = probe_with_config(
        host.addr().to_string(),
        &format!(
            "clock: {{ntp_port: {ntp_port}, smb_port: {}}}\n",
            smb.addr().port()
        ),
    )
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let sample = readme
        .split("$ kms_exporter probe kms1.corp.example.com\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README shows `kms_exporter probe kms1.corp.example.com`");
    let mut compared = 0;
    for line in sample.lines().filter(|l| !l.is_empty()) {
        let measured_or_named = ["Host ", "  DNS ", "  TCP ", "  Clock     smb "]
            .iter()
            .any(|prefix| line.starts_with(prefix));
        if !measured_or_named {
            assert!(
                stdout.lines().any(|l| l == line),
                "README line {line:?} is not in this run's output:\n{stdout}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 7, "{sample}");
    assert!(!sample.contains("3A1C049600B60076") && !sample.contains("count 50/"));
}
