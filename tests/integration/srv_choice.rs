//! How clients choose among the published hosts (issue 22, acceptance 1 and 4): SRV priority
//! and weight served by a real DNS server (dnsmasq), KMS host doubles on loopback, and the
//! client's-eye result read where users read it: `/metrics`, the landing page and the `probe`
//! report, which must give the same shares.

use kms_exporter::kms::{SRV_SERVICE, srv_name};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};
use kms_exporter_testkit::net::{BlackHole, black_hole};

use crate::probe_cli::probe_with_config;
use crate::support::dnsmasq::Dnsmasq;
use crate::support::exporter::{TestExporter, client_shares, get, samples};

/// The hosts every domain of the test draws from, by name.
struct Hosts {
    granting: KmsHostDouble,
    low: KmsHostDouble,
    hole: BlackHole,
}

impl Hosts {
    async fn start() -> Self {
        Self {
            granting: KmsHostDouble::start(Behaviour::default()).await,
            low: KmsHostDouble::start(Behaviour {
                default_count: 3,
                ..Behaviour::default()
            })
            .await,
            hole: black_hole().await,
        }
    }

    fn port(&self, name: &str) -> u16 {
        match name {
            "granting" => self.granting.addr().port(),
            "low" => self.low.addr().port(),
            "hole" => self.hole.address.port(),
            other => panic!("no host {other}"),
        }
    }
}

/// `(host, priority, weight)`: one SRV record.
type Record = (&'static str, u16, u16);

/// `(domain, records)`: the designs the issue measured against Windows.
const DOMAINS: &[(&str, &[Record])] = &[
    // A primary below its count answers: clients never reach the secondary.
    (
        "primary-low.test",
        &[("low", 0, 100), ("granting", 10, 100)],
    ),
    // A primary that drops SYNs: clients give up on it and move to the secondary.
    (
        "primary-down.test",
        &[("hole", 0, 100), ("granting", 10, 100)],
    ),
    // One priority, weights 90 and 10.
    ("weighted.test", &[("granting", 0, 90), ("low", 0, 10)]),
    // One priority, weights 0 and 0: equal shares.
    ("unweighted.test", &[("granting", 0, 0), ("low", 0, 0)]),
];

/// `(domain, [(hresult, share)])` the model gives, activated first.
const EXPECTED: &[(&str, &[(&str, f64)])] = &[
    (
        "primary-low.test",
        &[("0x00000000", 0.0), ("0xC004F038", 1.0)],
    ),
    ("primary-down.test", &[("0x00000000", 1.0)]),
    ("weighted.test", &[("0x00000000", 0.9), ("0xC004F038", 0.1)]),
    (
        "unweighted.test",
        &[("0x00000000", 0.5), ("0xC004F038", 0.5)],
    ),
];

/// The dnsmasq zone: each domain's records, each host name on 127.0.0.1.
fn zone(hosts: &Hosts) -> String {
    let mut zone = String::new();
    for name in ["granting", "low", "hole"] {
        zone.push_str(&format!("host-record={name}.hosts.test,127.0.0.1\n"));
    }
    for (domain, records) in DOMAINS {
        for (host, priority, weight) in *records {
            zone.push_str(&format!(
                "srv-host={SRV_SERVICE}.{domain},{host}.hosts.test,{},{priority},{weight}\n",
                hosts.port(host)
            ));
        }
    }
    zone
}

/// The exporter's configuration: `domains` for Windows clients, through the DNS server `dns`.
fn config(dns: std::net::SocketAddr, domains: &[&str]) -> String {
    format!(
        "interval: 30s\ntimeout: 2s\nclock: {{methods: []}}\ndns: {{servers: [\"{dns}\"]}}\n\
         domains: [{}]\n",
        domains
            .iter()
            .map(|d| format!("{{name: {d}, products: [windows]}}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// `windows: 90% activate; 10% 0xC004F038 …`: the sentence both the page and the report show.
fn clients_line(page: &str, domain: &str) -> String {
    let row = format!("<tr><td>{domain}</td><td class=\"");
    let start = page
        .find(&row)
        .unwrap_or_else(|| panic!("no Clients row for {domain}: {page}"));
    let cell = &page[start + row.len()..];
    let text = &cell[cell.find('>').unwrap() + 1..];
    text[..text.find("</td>").unwrap()].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_follow_priority_then_weight_as_windows_does() {
    let hosts = Hosts::start().await;
    let dns = Dnsmasq::start("127.0.22.53".parse().unwrap(), &zone(&hosts));
    let domains: Vec<&str> = DOMAINS.iter().map(|(d, _)| *d).collect();
    let exporter = TestExporter::start(&config(dns.address, &domains)).await;
    let metrics = exporter.metrics().await;
    let (status, page) = get(exporter.address, "/", &[]).await.unwrap();
    assert_eq!(status, 200);

    for (domain, expected) in EXPECTED {
        let shares = client_shares(&metrics, domain, "windows");
        let want: Vec<(String, f64)> = expected.iter().map(|(c, v)| ((*c).into(), *v)).collect();
        assert_eq!(shares.len(), want.len(), "{domain}: {shares:?}");
        for ((code, share), (want_code, want_share)) in shares.iter().zip(&want) {
            assert_eq!(code, want_code, "{domain}: {shares:?}");
            assert!((share - want_share).abs() < 1e-9, "{domain}: {shares:?}");
        }

        // The page and the report say the same, in the same words.
        let on_page = clients_line(&page, domain);
        let activated = (want[0].1 * 100.0).round();
        assert!(
            on_page.starts_with(&format!("windows: {activated:.0}% activate")),
            "{domain}: {on_page}"
        );
        let output = probe_with_config(domain.to_string(), &config(dns.address, &[])).await;
        let report = String::from_utf8_lossy(&output.stdout);
        assert!(
            report.contains(&format!("  Clients   {on_page}\n")),
            "{domain}: the page says {on_page:?}, the report:\n{report}"
        );
    }
    // The heavy host decides for nine clients in ten.
    assert!(
        clients_line(&page, "weighted.test").starts_with("windows: 90% activate; 10% 0xC004F038"),
        "{page}"
    );
}

/// Every `0x…` code in `text`, once each, sorted.
fn codes(text: &str) -> std::collections::BTreeSet<String> {
    text.match_indices("0x")
        .filter_map(|(at, _)| text.get(at..at + 10))
        .filter(|code| code[2..].chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_owned)
        .collect()
}

/// Issue 22, acceptance 4: one world rendered through `/metrics`, the landing page and the
/// `probe` report names one client code per domain and product — DNS REFUSED included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_surface_gives_a_domain_the_same_client_code() {
    use kms_exporter_testkit::dns::{Answer, DnsDouble};
    let hosts = Hosts::start().await;
    let dns = DnsDouble::start().await;
    let cases = [
        ("refused.test", Answer::Refused, "0x8007232A"),
        ("servfail.test", Answer::ServFail, "0x8007232A"),
        ("missing.test", Answer::NxDomain, "0x8007232B"),
        (
            "low.test",
            Answer::srv(&[(0, 0, hosts.port("low"), "low.hosts.test.")]),
            "0xC004F038",
        ),
        (
            "down.test",
            Answer::srv(&[(0, 0, hosts.port("hole"), "hole.hosts.test.")]),
            "0xC004F074",
        ),
    ];
    for name in ["low", "hole"] {
        dns.set(
            &format!("{name}.hosts.test"),
            Answer::addresses(&["127.0.0.1"]),
        );
    }
    for (domain, answer, _) in &cases {
        dns.set(&srv_name(domain), answer.clone());
        dns.set(domain, Answer::NxDomain);
    }
    let yaml = |domains: &[&str]| config(dns.address, domains);
    let domains: Vec<&str> = cases.iter().map(|(d, _, _)| *d).collect();
    let exporter = TestExporter::start(&yaml(&domains)).await;
    let metrics = exporter.metrics().await;
    let (_, page) = get(exporter.address, "/", &[]).await.unwrap();

    for (domain, _, code) in &cases {
        let want: std::collections::BTreeSet<String> = [code.to_string()].into();
        let in_metrics: std::collections::BTreeSet<String> =
            samples(&metrics, "kms_domain_activation_result_ratio")
                .into_iter()
                .filter(|l| l.contains(&format!("domain=\"{domain}\"")) && !l.ends_with(" 0"))
                .flat_map(codes)
                .collect();
        assert_eq!(in_metrics, want, "{domain} in /metrics");

        // The page: the domain's rows (SRV answers and clients) and the lines below them.
        let on_page: String = page
            .split("<tr>")
            .filter(|row| row.starts_with(&format!("<td>{domain}</td>")))
            .map(|row| row.split("</tr>").next().unwrap())
            .chain(
                page.split("<p class=\"bad\">")
                    .skip(1)
                    .map(|p| p.split("</p>").next().unwrap())
                    .filter(|p| p.contains(&format!(" {domain} "))),
            )
            .collect();
        assert_eq!(codes(&on_page), want, "{domain} on the page: {on_page}");

        // The report: the domain's block, before the hosts.
        let output = probe_with_config(domain.to_string(), &yaml(&[])).await;
        let report = String::from_utf8_lossy(&output.stdout);
        let block = report.split("\nHost ").next().unwrap();
        assert_eq!(codes(block), want, "{domain} in the report:\n{report}");
    }
}
