//! The metric contract as a whole: a fixed world is staged, and `/metrics` (both formats) and a
//! `/probe` answer are compared line by line with files committed in `tests/golden/`.
//!
//! Only what is a measurement is masked: the values of durations, clock offsets, round trips and
//! timestamps, the `process_*` families (the exporter's own CPU, memory and descriptors; their
//! names, types and HELP lines are compared), the build revision, and the ports the doubles happened to bind (replaced by the
//! name of what listens there). Everything else — families, HELP and TYPE lines, label sets,
//! order, enum states, counts, HRESULTs — must match byte for byte.
//!
//! After an intended change of the contract, rewrite the files with
//! `GOLDEN_UPDATE=1 cargo test --test integration golden` and review the diff.
//!
//! | domain | what is staged |
//! |---|---|
//! | `good.test` | `kms-a` and `kms-b` grant every request; `kms-a` also answers SMB2; both expected |
//! | `corp.test` | `kms-refuse` refuses Office with 0xC004F042, `kms-low` has count 3, `kms-stall` accepts and never answers, `kms-hole` drops SYNs, `kms-skew` runs 5 h ahead, `kms-stale` has no address; the secondary server answers SERVFAIL; `kms-spare` is expected but not published |
//! | `missing.test` | NXDOMAIN |
//! | `empty.test` | the name exists without SRV records; the secondary refuses |
//! | `unavailable.test` | SRV target "." (service declared unavailable); the secondary is silent |
//! | static `kms-v5.static.test` | speaks V4 and V5 only, asked for Windows and Windows 7 |

use std::net::SocketAddr;
use std::path::PathBuf;

use kms_exporter::kms::products;
use kms_exporter::kms::srv_name;
use kms_exporter_testkit::dns::{Answer, DnsDouble};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble, Misbehaviour};
use kms_exporter_testkit::net::{BlackHole, black_hole_on};
use kms_exporter_testkit::smb2::{Smb2Behaviour, Smb2Double};
use kms_exporter_testkit::sntp::{SntpBehaviour, SntpDouble};

use crate::support::exporter::{TestExporter, get};
use crate::support::world::{SKEW_SECONDS, common_udp_port, ip};

/// Everything the golden world runs; dropping it stops every double.
struct GoldenWorld {
    primary: DnsDouble,
    secondary: DnsDouble,
    _kms: Vec<KmsHostDouble>,
    _hole: BlackHole,
    _clocks: Vec<SntpDouble>,
    _smb: Smb2Double,
    reference: SocketAddr,
    ntp_port: u16,
    smb_port: u16,
    /// `(port, placeholder)` for every port a double bound.
    ports: Vec<(u16, &'static str)>,
}

impl GoldenWorld {
    async fn start() -> Self {
        let office = products::lookup("office-ltsc-2024").unwrap();
        let kms = |last: u8, behaviour: Behaviour| async move {
            KmsHostDouble::start_on(SocketAddr::new(ip(last), 0), behaviour).await
        };
        let a = kms(21, Behaviour::default()).await;
        let b = kms(
            22,
            Behaviour {
                default_count: 31,
                epid: "06401-00206-271-392874-03-1042-20348.0000-0842024".to_owned(),
                hwid: [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88],
                ..Behaviour::default()
            },
        )
        .await;
        let refusing = kms(
            23,
            Behaviour {
                refusals: [(office.kms_counted_id, 0xC004_F042)].into(),
                ..Behaviour::default()
            },
        )
        .await;
        let low = kms(
            24,
            Behaviour {
                default_count: 3,
                ..Behaviour::default()
            },
        )
        .await;
        let stall = kms(
            25,
            Behaviour {
                misbehaviour: Some(Misbehaviour::Stall),
                ..Behaviour::default()
            },
        )
        .await;
        let hole = black_hole_on(SocketAddr::new(ip(26), 0)).await;
        let skewed = kms(
            27,
            Behaviour {
                clock_offset_seconds: SKEW_SECONDS as i64,
                enforce_clock_window: true,
                ..Behaviour::default()
            },
        )
        .await;
        let v5 = kms(
            28,
            Behaviour {
                versions: vec![4, 5],
                ..Behaviour::default()
            },
        )
        .await;

        let ntp_port = common_udp_port(&[ip(21), ip(22), ip(23), ip(24), ip(27), ip(28), ip(29)]);
        let mut clocks = Vec::new();
        for (last, offset) in [
            (21, 0.0),
            (22, 0.0),
            (23, 0.0),
            (24, 0.0),
            (27, SKEW_SECONDS),
            (28, 0.0),
            (29, 0.0),
        ] {
            clocks.push(
                SntpDouble::start_on(
                    SocketAddr::new(ip(last), ntp_port),
                    offset,
                    SntpBehaviour::Answer,
                )
                .await,
            );
        }
        let smb =
            Smb2Double::start_on(SocketAddr::new(ip(21), 0), 0.0, Smb2Behaviour::Answer).await;
        let smb_port = smb.addr().port();

        let primary = DnsDouble::start().await;
        let secondary = DnsDouble::start().await;
        let good_srv = Answer::srv(&[
            (0, 100, a.addr().port(), "kms-a.good.test."),
            (0, 50, b.addr().port(), "kms-b.good.test."),
        ]);
        let corp_srv = Answer::srv(&[
            (0, 100, refusing.addr().port(), "kms-refuse.corp.test."),
            (0, 100, low.addr().port(), "kms-low.corp.test."),
            (5, 0, stall.addr().port(), "kms-stall.corp.test."),
            (10, 0, hole.address.port(), "kms-hole.corp.test."),
            (10, 0, skewed.addr().port(), "kms-skew.corp.test."),
            (20, 0, 1688, "kms-stale.corp.test."),
        ]);
        let addresses = [
            ("kms-a.good.test", 21),
            ("kms-b.good.test", 22),
            ("kms-refuse.corp.test", 23),
            ("kms-low.corp.test", 24),
            ("kms-stall.corp.test", 25),
            ("kms-hole.corp.test", 26),
            ("kms-skew.corp.test", 27),
            ("kms-v5.static.test", 28),
        ];
        for server in [&primary, &secondary] {
            server.set(&srv_name("good.test"), good_srv.clone());
            for (name, last) in addresses {
                server.set(name, Answer::addresses(&[&format!("127.0.0.{last}")]));
            }
        }
        primary.set(&srv_name("corp.test"), corp_srv);
        secondary.set(&srv_name("corp.test"), Answer::ServFail);
        primary.set(&srv_name("empty.test"), Answer::no_data());
        secondary.set(&srv_name("empty.test"), Answer::Refused);
        primary.set(
            &srv_name("unavailable.test"),
            Answer::srv(&[(0, 0, 0, ".")]),
        );
        secondary.set(&srv_name("unavailable.test"), Answer::Silent);

        let ports = vec![
            (primary.address.port(), "<dns-primary>"),
            (secondary.address.port(), "<dns-secondary>"),
            (a.addr().port(), "<kms-a>"),
            (b.addr().port(), "<kms-b>"),
            (refusing.addr().port(), "<kms-refuse>"),
            (low.addr().port(), "<kms-low>"),
            (stall.addr().port(), "<kms-stall>"),
            (hole.address.port(), "<kms-hole>"),
            (skewed.addr().port(), "<kms-skew>"),
            (v5.addr().port(), "<kms-v5>"),
            (ntp_port, "<ntp>"),
            (smb_port, "<smb>"),
        ];
        Self {
            primary,
            secondary,
            _kms: vec![a, b, refusing, low, stall, skewed, v5],
            _hole: hole,
            _clocks: clocks,
            _smb: smb,
            reference: SocketAddr::new(ip(29), ntp_port),
            ntp_port,
            smb_port,
            ports,
        }
    }

    fn config(&self) -> String {
        let v5_port = self
            .ports
            .iter()
            .find(|(_, name)| *name == "<kms-v5>")
            .map(|(port, _)| *port)
            .unwrap();
        format!(
            "interval: 1h\n\
             activation_interval: 1m\n\
             timeout: 3s\n\
             client:\n  machine_id: 11111111-2222-4333-8444-555555555555\n  workstation_name: golden.test\n\
             dns:\n  servers: [\"{}\", \"{}\"]\n\
             domains:\n\
             \x20 - name: good.test\n\
             \x20   expected_hosts: [kms-a.good.test, kms-b.good.test]\n\
             \x20 - name: corp.test\n\
             \x20   products: [windows, office-ltsc-2024]\n\
             \x20   expected_hosts: [kms-refuse.corp.test, kms-low.corp.test, kms-stall.corp.test, kms-hole.corp.test, kms-skew.corp.test, kms-spare.corp.test]\n\
             \x20 - name: missing.test\n\
             \x20 - name: empty.test\n\
             \x20 - name: unavailable.test\n\
             hosts:\n\
             \x20 - address: kms-v5.static.test:{v5_port}\n\
             \x20   products: [windows, windows-7]\n\
             clock:\n\
             \x20 methods: [ntp, smb]\n\
             \x20 reference: [\"{}\"]\n\
             \x20 ntp_port: {}\n\
             \x20 smb_port: {}\n",
            self.primary.address,
            self.secondary.address,
            self.reference,
            self.ntp_port,
            self.smb_port,
        )
    }

    /// The exposition with measurements and bound ports masked.
    fn mask(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            let mut line = mask_measurement(line);
            for (port, name) in &self.ports {
                line = line
                    .replace(&format!(":{port}\""), &format!(":{name}\""))
                    .replace(&format!("\"{port}\""), &format!("\"{name}\""));
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// Families whose values are measurements (of time, or the process's own resource use), not
/// findings.
fn is_measurement(family: &str) -> bool {
    family.starts_with("process_")
        || family.ends_with("_duration_seconds")
        || family.ends_with("_timestamp_seconds")
        || family.ends_with("_rtt_seconds")
        || family.ends_with("clock_offset_seconds")
}

/// A sample line with its value replaced by `<measured>` when it is a measurement, and the
/// build revision replaced by `<revision>`.
fn mask_measurement(line: &str) -> String {
    if line.starts_with('#') {
        return line.to_owned();
    }
    let name_end = line.find(['{', ' ']).unwrap_or(line.len());
    let family = &line[..name_end];
    if family == "kms_exporter_build_info" {
        if let Some(start) = line.find("revision=\"") {
            let value_start = start + "revision=\"".len();
            if let Some(len) = line[value_start..].find('"') {
                return format!(
                    "{}<revision>{}",
                    &line[..value_start],
                    &line[value_start + len..]
                );
            }
        }
        return line.to_owned();
    }
    if is_measurement(family)
        && let Some(space) = line.rfind(' ')
    {
        return format!("{} <measured>", &line[..space]);
    }
    line.to_owned()
}

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `actual` with the committed file, or rewrites it with `GOLDEN_UPDATE=1`.
#[track_caller]
fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("GOLDEN_UPDATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with GOLDEN_UPDATE=1", path.display()));
    if expected == actual {
        return;
    }
    let (want, got): (Vec<&str>, Vec<&str>) =
        (expected.lines().collect(), actual.lines().collect());
    let mut report = String::new();
    for line in &want {
        if !got.contains(line) {
            report.push_str(&format!("- {line}\n"));
        }
    }
    for line in &got {
        if !want.contains(line) {
            report.push_str(&format!("+ {line}\n"));
        }
    }
    if report.is_empty() {
        report.push_str("(the same lines in another order)\n");
    }
    panic!(
        "{} differs from this run (- committed, + now):\n{report}",
        path.display()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_of_a_staged_world_match_the_committed_files() {
    let world = GoldenWorld::start().await;
    let exporter = TestExporter::start(&world.config()).await;

    let (status, classic) = get(exporter.address, "/metrics", &[]).await.unwrap();
    assert_eq!(status, 200);
    let (status, openmetrics) = get(
        exporter.address,
        "/metrics",
        &[("Accept", "application/openmetrics-text;version=1.0.0")],
    )
    .await
    .unwrap();
    assert_eq!(status, 200);
    assert_golden("metrics.prom", &world.mask(&classic));
    assert_golden("metrics.openmetrics", &world.mask(&openmetrics));

    let (status, probe) = get(exporter.address, "/probe?target=corp.test", &[])
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert_golden("probe_corp.prom", &world.mask(&probe));

    exporter.stop().await;
    // The doubles stay up until the exporter has stopped.
    drop(world);
}

/// Reverses the landing page's HTML escaping of text.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The texts of the page's cells marked as problems, one per line of a cell.
fn problem_cells(page: &str) -> Vec<String> {
    page.split("<td class=\"bad\">")
        .skip(1)
        .filter_map(|rest| rest.split("</td>").next())
        .flat_map(|cell| cell.split("<br>").map(unescape).collect::<Vec<_>>())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_landing_page_and_the_probe_report_state_findings_alike() {
    let world = GoldenWorld::start().await;
    let exporter = TestExporter::start(&world.config()).await;
    let (status, page) = get(exporter.address, "/", &[]).await.unwrap();
    assert_eq!(status, 200);
    let report = {
        let config = exporter.config_path.clone();
        tokio::task::spawn_blocking(move || {
            let dir = tempfile::tempdir().unwrap();
            let resolv_conf = dir.path().join("resolv.conf");
            std::fs::write(&resolv_conf, "").unwrap();
            crate::support::binary::binary()
                .args(["probe", "corp.test"])
                .arg(format!("--config.file={}", config.display()))
                .arg(format!("--dns.resolv-conf={}", resolv_conf.display()))
                .output()
                .unwrap()
        })
        .await
        .unwrap()
    };
    let report = String::from_utf8_lossy(&report.stdout).into_owned();
    exporter.stop().await;

    // Debug formatting of resolver errors or durations never reaches a reader.
    for debug in ["Query {", "Name(\"", "query_type", "Duration"] {
        assert!(!page.contains(debug), "{debug:?} on the page:\n{page}");
        assert!(
            !report.contains(debug),
            "{debug:?} in the report:\n{report}"
        );
    }

    let problems = problem_cells(&page);
    // The same sentence, marked as a problem on the page and printed in the report.
    for sentence in [
        "OUTSIDE the 4-hour limit by 1h: clients are refused with 0xC004F06C SL_E_VL_INVALID_TIMESTAMP",
        "packets dropped (firewall?); clients report 0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE",
        "no address (nxdomain) — a stale SRV target; clients report 0x800706BA RPC_S_SERVER_UNAVAILABLE",
        "bind failed: no complete answer within the I/O timeout — the port does not answer as a KMS host; clients report 0x800706BA RPC_S_SERVER_UNAVAILABLE",
        "BELOW THRESHOLD: clients report 0xC004F038 SL_E_VL_NOT_ENOUGH_COUNT",
        "refused 0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH",
        "servfail (0 records",
        "DNS server failure; clients report 0x8007232A DNS_ERROR_RCODE_SERVER_FAILURE",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(sentence)),
            "{sentence:?} not marked as a problem on the page; marked: {problems:#?}"
        );
        let in_report = report.contains(sentence)
            // The report lays products out in columns: `refused   0xC004F042 …`.
            || report.contains(&sentence.replacen("refused ", "refused   ", 1));
        assert!(in_report, "{sentence:?} missing in the report:\n{report}");
    }
    // Findings of the other domains, on the page only (the report was for corp.test).
    for sentence in [
        "nxdomain (0 records",
        "no _vlmcs SRV record; clients report 0x8007232B DNS_ERROR_RCODE_NAME_ERROR",
        "no KMS host published for unavailable.test",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(sentence)) || page.contains(sentence),
            "{sentence:?} missing on the page:\n{page}"
        );
    }
    // A healthy host is not marked.
    assert!(
        !problems.iter().any(|p| p.contains("kms-a.good.test")),
        "{problems:#?}"
    );
    drop(world);
}
