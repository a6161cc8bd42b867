//! `/metrics` rendering at 100, 1,000 and 10,000 hosts × 3 products (docs/architecture.md §9: under
//! 5 ms at 1,000 hosts), in both exposition formats.
//!
//! The snapshot is synthetic but shaped like a real cycle: 10 SRV records per domain, every host
//! granted three products with two identities (Windows and Office ePIDs), one SNTP reading, and 1%
//! of hosts unreachable (TCP timeout, every product `unreachable`, no clock).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kms_exporter::clock::{ClockMeasurement, ClockMethod};
use kms_exporter::kms::{ActivationResponse, Epid, ProtocolVersion, products};
use kms_exporter::render::metrics::{Format, render};
use kms_exporter::snapshot::{
    ActivationOutcome, ActivationStatus, AddressLookup, ClockFailure, ClockReading, ConnectStatus,
    CycleSummary, DomainReport, ExporterState, HostIdentity, HostReport, KmsFindings, LookupStatus,
    ProductActivation, Settings, Snapshot, SrvLookup, SrvRecord,
};

const PRODUCTS: [&str; 3] = ["windows", "office-ltsc-2024", "windows-server-2025"];
const HOSTS_PER_DOMAIN: usize = 10;
const NAMESERVER: &str = "127.0.0.1:5353";
const WINDOWS_EPID: &str = "03612-00206-562-760142-03-1042-14393.0000-2812025";
const OFFICE_EPID: &str = "06401-00206-684-180000-03-1042-17763.0000-2812025";

fn host_name(i: usize) -> String {
    format!("kms{i:05}.d{:04}.bench.test", i / HOSTS_PER_DOMAIN)
}

fn domain_name(d: usize) -> String {
    format!("d{d:04}.bench.test")
}

fn identity(application: &'static str, epid: &str) -> HostIdentity {
    HostIdentity {
        application,
        epid: epid.to_owned(),
        decoded: Epid::parse(epid).ok(),
        hwid: Some([0x3a, 0x1c, 0x04, 0x96, 0x00, 0xb6, 0x00, 0x76]),
    }
}

fn host(i: usize, black_holed: bool) -> HostReport {
    let name = host_name(i);
    let domain = domain_name(i / HOSTS_PER_DOMAIN);
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_760_000_000);
    let activations = PRODUCTS
        .iter()
        .map(|p| {
            let product = products::lookup(p).expect("built-in product");
            let outcome = if black_holed {
                ActivationOutcome::Failed {
                    status: ActivationStatus::Unreachable,
                    fault: None,
                    detail: "TCP connection failed: timeout".to_owned(),
                }
            } else {
                ActivationOutcome::Granted(ActivationResponse {
                    version: ProtocolVersion::V6,
                    epid: WINDOWS_EPID.to_owned(),
                    client_machine_id: uuid::Uuid::from_u128(
                        0x1111_1111_2222_4333_8444_5555_5555_5555,
                    ),
                    client_time: 134_399_268_000_000_000,
                    current_count: 50,
                    activation_interval_minutes: 120,
                    renewal_interval_minutes: 10_080,
                    hwid: Some([0x3a, 0x1c, 0x04, 0x96, 0x00, 0xb6, 0x00, 0x76]),
                    hmac_slot: Some(0),
                })
            };
            ProductActivation {
                product: product.name.clone(),
                required_count: product.required_count.get(),
                version: Some(ProtocolVersion::V6),
                outcome,
                at,
            }
        })
        .collect();
    let kms = if black_holed {
        KmsFindings {
            bind: None,
            activations,
            ..KmsFindings::default()
        }
    } else {
        KmsFindings {
            bind: Some(Ok(())),
            activations,
            activations_sent: false,
            versions: BTreeMap::from([(ProtocolVersion::V6, true)]),
            identities: vec![
                identity("windows", WINDOWS_EPID),
                identity("office", OFFICE_EPID),
            ],
            intervals: Some((120, 10_080)),
        }
    };
    let clock = vec![ClockReading {
        method: ClockMethod::Ntp,
        outcome: if black_holed {
            Err(ClockFailure {
                label: "refused",
                detail: "connection refused".to_owned(),
            })
        } else {
            Ok(ClockMeasurement {
                offset: 0.500_123_456 + i as f64 * 1e-6,
                rtt: 0.000_087_5,
                stratum: Some(2),
                leap: Some(0),
            })
        },
    }];
    HostReport {
        host: name,
        port: 1688,
        products: PRODUCTS.iter().map(|p| (*p).to_owned()).collect(),
        domains: vec![domain],
        address_lookup: AddressLookup {
            status: LookupStatus::Ok,
            addresses: vec![
                if black_holed {
                    "127.0.0.2"
                } else {
                    "127.0.0.1"
                }
                .parse()
                .expect("address"),
            ],
            detail: None,
        },
        connect: if black_holed {
            ConnectStatus::Timeout
        } else {
            ConnectStatus::Ok
        },
        connect_duration: Duration::from_micros(if black_holed { 3_000_000 } else { 123 }),
        connected_address: None,
        address_connects: Vec::new(),
        kms,
        clock,
        duration: Duration::from_micros(if black_holed { 3_000_000 } else { 64_321 }),
    }
}

/// A snapshot of `n` hosts behind `n / 10` domains, 1% of them unreachable.
pub fn snapshot(n: usize) -> Snapshot {
    let hosts: Vec<HostReport> = (0..n).map(|i| host(i, i % 100 == 99)).collect();
    let domains = (0..n.div_ceil(HOSTS_PER_DOMAIN))
        .map(|d| {
            let members: Vec<usize> =
                (d * HOSTS_PER_DOMAIN..((d + 1) * HOSTS_PER_DOMAIN).min(n)).collect();
            let records: Vec<SrvRecord> = members
                .iter()
                .map(|&i| SrvRecord {
                    priority: 0,
                    weight: 100,
                    target: host_name(i),
                    port: 1688,
                })
                .collect();
            DomainReport {
                name: domain_name(d),
                lookups: vec![(
                    NAMESERVER.to_owned(),
                    SrvLookup {
                        status: LookupStatus::Ok,
                        total_records: records.len(),
                        records,
                        truncated: false,
                        duration: Duration::from_micros(412),
                        detail: None,
                        last_success: None,
                    },
                )],
                expected_hosts: None,
                products: vec!["windows".into()],
                hosts: members.iter().map(|&i| (host_name(i), 1688)).collect(),
                kept_from: None,
                kept_records: Vec::new(),
            }
        })
        .collect();
    let mut probe_counts = BTreeMap::new();
    probe_counts.insert(("dns_srv", "ok"), 1000);
    probe_counts.insert(("tcp", "ok"), 99_000);
    probe_counts.insert(("tcp", "timeout"), 1_000);
    probe_counts.insert(("rpc_bind", "ok"), 99_000);
    probe_counts.insert(("activation", "ok"), 3_000);
    probe_counts.insert(("clock_ntp", "ok"), 99_000);
    Snapshot {
        cycle: Some(CycleSummary {
            finished_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_760_000_000),
            duration: Duration::from_millis(3_210),
        }),
        domains,
        hosts,
        probe_counts,
        reference_clocks: Vec::new(),
        configured_domains: n.div_ceil(HOSTS_PER_DOMAIN),
        configured_hosts: 0,
        settings: Some(Settings::default()),
    }
}

fn bench_render(c: &mut Criterion) {
    let state = ExporterState {
        config_source: "kms_exporter.yml".into(),
        config_reload_successful: true,
        config_last_success: SystemTime::UNIX_EPOCH + Duration::from_secs(1_759_999_000),
    };
    let mut group = c.benchmark_group("render");
    for n in [100, 1_000, 10_000] {
        let snapshot = Arc::new(snapshot(n));
        for (label, format) in [
            ("prometheus", Format::Prometheus),
            ("openmetrics", Format::OpenMetrics),
        ] {
            let size = render(&snapshot, &state, format).len();
            println!("render/{label}/{n}: {size} bytes");
            group.throughput(Throughput::Elements(n as u64));
            if n >= 10_000 {
                group.sample_size(10);
            } else {
                group.sample_size(30);
            }
            group.bench_with_input(BenchmarkId::new(label, n), &snapshot, |b, s| {
                b.iter(|| black_box(render(black_box(s), &state, format)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
