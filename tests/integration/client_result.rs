//! The client's-eye result (issue 15, acceptance 1): `kms_domain_activation_result_ratio` for
//! the outages on-call meets, over the scripted network with the KMS host double answering in
//! memory, one cycle each in paused time.

use std::path::Path;
use std::sync::Arc;
use std::sync::LazyLock;

use kms_exporter::config::Config;
use kms_exporter::kms::products;
use kms_exporter::kms::srv_name;
use kms_exporter::render::report::render;
use kms_exporter::scheduler::Scheduler;
use kms_exporter::snapshot::{LookupStatus, Snapshot};
use kms_exporter_testkit::fake::{DnsAnswer, FakeNetwork, FakePort};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};

use crate::support::exporter::{client_shares, scrape};
use crate::support::world::scripted_corp;

/// The SRV owner name of `corp.test`.
static SRV: LazyLock<String> = LazyLock::new(|| srv_name("corp.test"));

/// A host of `corp.test` on 127.0.0.<last>.
enum Host {
    Kms(Behaviour),
    BlackHole,
}

/// `corp.test` publishing one host per entry, asked for `products`, one cycle.
async fn cycle(products: &str, hosts: Vec<(u8, Host)>) -> Snapshot {
    let ports: Vec<(u8, FakePort)> = hosts
        .into_iter()
        .map(|(last, host)| {
            let port = match host {
                Host::Kms(behaviour) => {
                    FakePort::Kms(Arc::new(KmsHostDouble::in_memory(behaviour)))
                }
                Host::BlackHole => FakePort::BlackHole,
            };
            (last, port)
        })
        .collect();
    run(scripted_corp(&ports), products).await
}

async fn run(net: FakeNetwork, products: &str) -> Snapshot {
    Scheduler::new(Arc::new(net))
        .run_cycle(&config(products))
        .await
}

fn config(products: &str) -> Arc<Config> {
    let yaml = format!(
        "interval: 60s\ntimeout: 10s\nclock: {{methods: [ntp]}}\n\
         dns:\n  servers: [\"127.0.0.53:53\"]\n\
         domains:\n  - name: corp.test\n    products: {products}\n"
    );
    Arc::new(Config::from_yaml(&yaml, Path::new("clients.yml")).unwrap())
}

/// `hresult → share` of one product, as `/metrics` shows them.
fn shares(snapshot: &Snapshot, product: &str) -> Vec<(String, f64)> {
    client_shares(&scrape(snapshot.clone()), "corp.test", product)
}

fn expect(pairs: &[(&str, f64)]) -> Vec<(String, f64)> {
    pairs.iter().map(|(c, v)| ((*c).to_owned(), *v)).collect()
}

fn granting() -> Host {
    Host::Kms(Behaviour::default())
}

fn below_count() -> Host {
    Host::Kms(Behaviour {
        default_count: 3,
        ..Behaviour::default()
    })
}

#[tokio::test(start_paused = true)]
async fn a_granting_host_activates_everyone() {
    let snapshot = cycle("[windows]", vec![(2, granting())]).await;
    assert_eq!(shares(&snapshot, "windows"), expect(&[("0x00000000", 1.0)]));
}

#[tokio::test(start_paused = true)]
async fn a_host_below_its_count_leaves_everyone_waiting() {
    let snapshot = cycle("[windows]", vec![(2, below_count())]).await;
    assert_eq!(
        shares(&snapshot, "windows"),
        expect(&[("0x00000000", 0.0), ("0xC004F038", 1.0)])
    );
}

#[tokio::test(start_paused = true)]
async fn a_host_refusing_the_timestamp_gives_its_code() {
    let skewed = Host::Kms(Behaviour {
        clock_offset_seconds: 5 * 3600,
        ..Behaviour::default()
    });
    let snapshot = cycle("[windows]", vec![(2, skewed)]).await;
    assert_eq!(
        shares(&snapshot, "windows"),
        expect(&[("0x00000000", 0.0), ("0xC004F06C", 1.0)])
    );
}

#[tokio::test(start_paused = true)]
async fn a_black_holed_single_host_is_no_host_at_all() {
    let snapshot = cycle("[windows]", vec![(2, Host::BlackHole)]).await;
    assert_eq!(
        shares(&snapshot, "windows"),
        expect(&[("0x00000000", 0.0), ("0xC004F074", 1.0)])
    );
    let report = render(&snapshot);
    assert!(
        report.contains("Clients   windows: 0% activate; 100% 0xC004F074"),
        "{report}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_granting_and_a_low_host_split_the_clients() {
    let snapshot = cycle("[windows]", vec![(2, granting()), (3, below_count())]).await;
    assert_eq!(
        shares(&snapshot, "windows"),
        expect(&[("0x00000000", 0.5), ("0xC004F038", 0.5)])
    );
}

#[tokio::test(start_paused = true)]
async fn clients_fail_over_from_a_black_holed_host() {
    let snapshot = cycle("[windows]", vec![(2, granting()), (3, Host::BlackHole)]).await;
    assert_eq!(shares(&snapshot, "windows"), expect(&[("0x00000000", 1.0)]));
}

#[tokio::test(start_paused = true)]
async fn a_missing_record_is_the_dns_code() {
    let net = FakeNetwork::new();
    net.dns(&SRV, DnsAnswer::Status(LookupStatus::NxDomain));
    let snapshot = run(net, "[windows]").await;
    assert_eq!(
        shares(&snapshot, "windows"),
        expect(&[("0x00000000", 0.0), ("0x8007232B", 1.0)])
    );
    // A failing server is another code, and another page.
    let net = FakeNetwork::new();
    net.dns(&SRV, DnsAnswer::Status(LookupStatus::ServFail));
    let snapshot = run(net, "[windows]").await;
    assert_eq!(
        shares(&snapshot, "windows"),
        expect(&[("0x00000000", 0.0), ("0x8007232A", 1.0)])
    );
}

#[tokio::test(start_paused = true)]
async fn a_refused_product_beside_a_granted_one() {
    let office = products::lookup("office-ltsc-2024").unwrap();
    let mut behaviour = Behaviour::default();
    behaviour
        .refusals
        .insert(office.kms_counted_id, 0xC004_F042);
    let snapshot = cycle(
        "[windows, office-ltsc-2024]",
        vec![(2, Host::Kms(behaviour))],
    )
    .await;
    assert_eq!(shares(&snapshot, "windows"), expect(&[("0x00000000", 1.0)]));
    assert_eq!(
        shares(&snapshot, "office-ltsc-2024"),
        expect(&[("0x00000000", 0.0), ("0xC004F042", 1.0)])
    );
}

/// While the DNS servers fail, clients keep the hosts of the last answer, and its priorities:
/// the primary below its count still decides for everyone.
#[tokio::test(start_paused = true)]
async fn kept_hosts_keep_their_priorities() {
    let net = scripted_corp(&[
        (
            2,
            FakePort::Kms(Arc::new(KmsHostDouble::in_memory(Behaviour {
                default_count: 3,
                ..Behaviour::default()
            }))),
        ),
        (
            3,
            FakePort::Kms(Arc::new(KmsHostDouble::in_memory(Behaviour::default()))),
        ),
    ]);
    net.dns(
        &SRV,
        DnsAnswer::srv(&[
            (0, 100, 1688, "kms2.corp.test"),
            (10, 100, 1688, "kms3.corp.test"),
        ]),
    );
    let config = config("[windows]");
    let mut scheduler = Scheduler::new(Arc::new(net.clone()));
    let below = expect(&[("0x00000000", 0.0), ("0xC004F038", 1.0)]);
    let snapshot = scheduler.run_cycle(&config).await;
    assert_eq!(shares(&snapshot, "windows"), below);

    net.dns(&SRV, DnsAnswer::Status(LookupStatus::ServFail));
    let snapshot = scheduler.run_cycle(&config).await;
    assert!(snapshot.domains[0].kept_from.is_some());
    assert_eq!(shares(&snapshot, "windows"), below);
}
