//! Snapshot → exposition text (design §4.4), OpenMetrics or the classic Prometheus format.
//!
//! Nothing here does I/O: a scrape renders the last completed cycle, so the probe rate never
//! depends on how many Prometheus servers scrape (design §2).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet};
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

use crate::dns::LookupStatus;
use crate::probe::activation::{ActivationOutcome, ActivationStatus, ProductActivation};
use crate::probe::{ClockReading, ConnectStatus};
use crate::snapshot::Snapshot;

/// Exposition format chosen by the scrape's `Accept` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    OpenMetrics,
    Prometheus,
}

impl Format {
    /// Picks OpenMetrics when the client lists it (as Prometheus does), else the classic text.
    pub fn negotiate(accept: Option<&str>) -> Self {
        match accept {
            Some(accept) if accept.contains("application/openmetrics-text") => Self::OpenMetrics,
            _ => Self::Prometheus,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
            Self::Prometheus => prometheus_client::encoding::prometheus_text::CONTENT_TYPE,
        }
    }
}

/// The exporter's own state that is not part of a probe cycle.
#[derive(Clone, Debug)]
pub struct ExporterState {
    pub config_reload_successful: bool,
    pub config_last_success: SystemTime,
}

/// Build facts for `kms_exporter_build_info`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const REVISION: &str = env!("KMS_EXPORTER_REVISION");
pub const RUSTC_VERSION: &str = env!("KMS_EXPORTER_RUSTC_VERSION");

/// What a rendering is for.
#[derive(Clone, Debug)]
pub enum Scope {
    /// `/metrics`: the cycle's findings and the exporter's own families.
    Exporter(ExporterState),
    /// `/probe`: one target's findings with blackbox-style `probe_success` and
    /// `probe_duration_seconds`.
    Probe { success: bool, duration: Duration },
}

/// Renders a snapshot and the exporter state.
pub fn render(snapshot: &Arc<Snapshot>, state: &ExporterState, format: Format) -> String {
    render_scope(snapshot, Scope::Exporter(state.clone()), format)
}

/// Renders a snapshot for a scope.
pub fn render_scope(snapshot: &Arc<Snapshot>, scope: Scope, format: Format) -> String {
    let mut registry = Registry::default();
    registry.register_collector(Box::new(SnapshotCollector {
        snapshot: Arc::clone(snapshot),
        scope,
    }));
    let mut out = String::with_capacity(4096 + snapshot.hosts.len() * 2048);
    let result = match format {
        Format::OpenMetrics => prometheus_client::encoding::text::encode(&mut out, &registry),
        Format::Prometheus => {
            prometheus_client::encoding::prometheus_text::encode(&mut out, &registry)
        }
    };
    if let Err(e) = result {
        // Writing to a String cannot fail; keep whatever was rendered rather than nothing.
        tracing::error!(error = %e, "metrics encoding failed");
    }
    out
}

#[derive(Debug)]
struct SnapshotCollector {
    snapshot: Arc<Snapshot>,
    scope: Scope,
}

/// Emits a family only when it has samples, with the HELP prefix of design §4.4.
struct Families<'a> {
    encoder: DescriptorEncoder<'a>,
}

type Labels<'a> = Vec<(&'static str, std::borrow::Cow<'a, str>)>;

impl Families<'_> {
    fn family<L: EncodeLabelSet>(
        &mut self,
        name: &str,
        help: &str,
        metric_type: MetricType,
        rows: impl IntoIterator<Item = (L, f64)>,
    ) -> Result<(), std::fmt::Error> {
        let mut rows = rows.into_iter().peekable();
        if rows.peek().is_none() {
            return Ok(());
        }
        let help = format!("Microsoft KMS volume activation: {help}");
        let mut metric = self
            .encoder
            .encode_descriptor(name, &help, None, metric_type)?;
        for (labels, value) in rows {
            let mut sample = metric.encode_family(&labels)?;
            match metric_type {
                MetricType::Counter => sample
                    .encode_counter::<prometheus_client::encoding::NoLabelSet, u64, f64>(
                        &(value as u64),
                        None,
                    )?,
                // Integral values print as integers ("1", not "1.0"): easier to read and grep.
                _ if value.fract() == 0.0 && value.abs() < 9.0e15 => {
                    sample.encode_gauge(&(value as i64))?
                }
                _ => sample.encode_gauge(&value)?,
            }
        }
        Ok(())
    }

    fn gauge<'l>(
        &mut self,
        name: &str,
        help: &str,
        rows: impl IntoIterator<Item = (Labels<'l>, f64)>,
    ) -> Result<(), std::fmt::Error> {
        self.family(name, help, MetricType::Gauge, rows)
    }
}

fn b(v: bool) -> f64 {
    if v { 1.0 } else { 0.0 }
}

fn unix_seconds(t: SystemTime) -> f64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

impl Collector for SnapshotCollector {
    fn encode<'a>(&'a self, encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let s = &self.snapshot;
        let mut f = Families { encoder };
        let host_labels = |i: usize| -> Labels<'a> {
            let h = &s.hosts[i].probe;
            vec![
                ("host", h.host.as_str().into()),
                ("port", h.port.to_string().into()),
            ]
        };

        // DNS, per domain and server.
        let lookups = || {
            s.domains.iter().flat_map(|d| {
                d.probe
                    .lookups
                    .iter()
                    .map(move |(ns, lookup)| (d.probe.name.as_str(), ns.as_str(), lookup))
            })
        };
        f.gauge(
            "kms_dns_srv_status",
            "outcome of the _vlmcs._tcp SRV lookup, one series per state with exactly one set to 1.",
            lookups().flat_map(|(domain, ns, lookup)| {
                LookupStatus::ALL.into_iter().map(move |status| {
                    (
                        vec![
                            ("domain", domain.into()),
                            ("nameserver", ns.into()),
                            ("status", status.as_label().into()),
                        ],
                        b(lookup.status == status),
                    )
                })
            }),
        )?;
        f.gauge(
            "kms_dns_srv_lookup_duration_seconds",
            "time taken by the SRV lookup.",
            lookups().map(|(domain, ns, lookup)| {
                (
                    vec![("domain", domain.into()), ("nameserver", ns.into())],
                    lookup.duration.as_secs_f64(),
                )
            }),
        )?;
        f.gauge(
            "kms_dns_srv_records",
            "SRV records returned for the domain by this DNS server.",
            lookups().map(|(domain, ns, lookup)| {
                (
                    vec![("domain", domain.into()), ("nameserver", ns.into())],
                    lookup.total_records as f64,
                )
            }),
        )?;
        f.gauge(
            "kms_dns_srv_record_info",
            "one series per SRV record; host \".\" means the service is declared unavailable.",
            lookups().flat_map(|(domain, ns, lookup)| {
                lookup.records.iter().map(move |r| {
                    (
                        vec![
                            ("domain", domain.into()),
                            ("nameserver", ns.into()),
                            ("host", r.target.as_str().into()),
                            ("port", r.port.to_string().into()),
                            ("priority", r.priority.to_string().into()),
                            ("weight", r.weight.to_string().into()),
                        ],
                        1.0,
                    )
                })
            }),
        )?;
        f.gauge(
            "kms_dns_srv_record_expected",
            "1 if the published host is in expected_hosts, 0 if not (an unknown KMS publisher).",
            s.domains.iter().flat_map(|d| {
                d.expected_hosts.iter().flat_map(move |expected| {
                    d.hosts.iter().map(move |(host, port)| {
                        (
                            vec![
                                ("domain", d.probe.name.as_str().into()),
                                ("host", host.as_str().into()),
                                ("port", port.to_string().into()),
                            ],
                            b(expected.contains(host)),
                        )
                    })
                })
            }),
        )?;
        f.gauge(
            "kms_dns_expected_host_published",
            "1 if the expected host is published in the domain's SRV records by any DNS server.",
            s.domains.iter().flat_map(|d| {
                d.expected_hosts.iter().flat_map(move |expected| {
                    expected.iter().map(move |host| {
                        (
                            vec![
                                ("domain", d.probe.name.as_str().into()),
                                ("host", host.as_str().into()),
                            ],
                            b(d.hosts.iter().any(|(h, _)| h == host)),
                        )
                    })
                })
            }),
        )?;
        f.gauge(
            "kms_domain_hosts",
            "distinct KMS hosts published for the domain.",
            s.domains.iter().map(|d| {
                (
                    vec![("domain", d.probe.name.as_str().into())],
                    d.hosts.len() as f64,
                )
            }),
        )?;
        f.gauge(
            "kms_domain_hosts_up",
            "published hosts of the domain that gave a verified KMS answer.",
            s.domains.iter().map(|d| {
                let up = d
                    .hosts
                    .iter()
                    .filter(|(h, p)| s.host(h, *p).is_some_and(|r| r.is_up()))
                    .count();
                (vec![("domain", d.probe.name.as_str().into())], up as f64)
            }),
        )?;
        f.gauge(
            "kms_domain_host_info",
            "membership of a host in a domain's SRV records, for joins.",
            s.domains.iter().flat_map(|d| {
                d.hosts.iter().map(move |(host, port)| {
                    (
                        vec![
                            ("domain", d.probe.name.as_str().into()),
                            ("host", host.as_str().into()),
                            ("port", port.to_string().into()),
                        ],
                        1.0,
                    )
                })
            }),
        )?;

        // Hosts.
        let hosts = || 0..s.hosts.len();
        f.gauge(
            "kms_host_resolved_addresses",
            "A and AAAA addresses of the host; 0 means a stale SRV target.",
            hosts().map(|i| {
                (
                    host_labels(i),
                    s.hosts[i].probe.address_lookup.addresses.len() as f64,
                )
            }),
        )?;
        f.gauge(
            "kms_host_tcp_connect_success",
            "1 if a TCP connection to the KMS port succeeded on any address.",
            hosts().map(|i| {
                (
                    host_labels(i),
                    b(s.hosts[i].probe.connect == ConnectStatus::Ok),
                )
            }),
        )?;
        f.gauge(
            "kms_host_tcp_connect_status",
            "outcome of the TCP connection, one series per state with exactly one set to 1.",
            hosts().flat_map(|i| {
                ConnectStatus::ALL.into_iter().map(move |status| {
                    let mut labels = host_labels(i);
                    labels.push(("status", status.as_label().into()));
                    (labels, b(s.hosts[i].probe.connect == status))
                })
            }),
        )?;
        f.gauge(
            "kms_host_tcp_connect_duration_seconds",
            "time to the TCP connection, or spent until it failed.",
            hosts().map(|i| {
                (
                    host_labels(i),
                    s.hosts[i].probe.connect_duration.as_secs_f64(),
                )
            }),
        )?;
        f.gauge(
            "kms_host_probe_duration_seconds",
            "time taken by the host's whole probe.",
            hosts().map(|i| (host_labels(i), s.hosts[i].probe.duration.as_secs_f64())),
        )?;
        f.gauge(
            "kms_host_rpc_bind_success",
            "1 if the host accepted the KMS RPC interface bind this cycle; 0 with the port open means the port is not a KMS host.",
            hosts().map(|i| {
                (
                    host_labels(i),
                    b(matches!(s.hosts[i].probe.kms.bind, Some(Ok(())))),
                )
            }),
        )?;
        f.gauge(
            "kms_host_up",
            "1 if the host gave a verified KMS answer (a success or a KMS refusal).",
            hosts().map(|i| (host_labels(i), b(s.hosts[i].is_up()))),
        )?;
        f.gauge(
            "kms_host_protocol_version_supported",
            "1 if the host understands this KMS protocol version, 0 if it refused it with 0x8007000D.",
            hosts().flat_map(|i| {
                s.hosts[i]
                    .probe
                    .kms
                    .versions
                    .iter()
                    .map(move |(version, supported)| {
                        let mut labels = host_labels(i);
                        labels.push(("version", version.major().to_string().into()));
                        (labels, b(*supported))
                    })
            }),
        )?;
        f.gauge(
            "kms_host_activation_interval_seconds",
            "how often the host tells unactivated clients to retry.",
            hosts().filter_map(|i| {
                let (activation, _) = s.hosts[i].probe.kms.intervals?;
                Some((host_labels(i), f64::from(activation) * 60.0))
            }),
        )?;
        f.gauge(
            "kms_host_renewal_interval_seconds",
            "how often the host tells activated clients to renew.",
            hosts().filter_map(|i| {
                let (_, renewal) = s.hosts[i].probe.kms.intervals?;
                Some((host_labels(i), f64::from(renewal) * 60.0))
            }),
        )?;
        f.gauge(
            "kms_host_info",
            "the host's identity per application, decoded from its ePID; value 1.",
            hosts().flat_map(|i| {
                s.hosts[i].probe.kms.identities.iter().map(move |id| {
                    let decoded = id.decoded.as_ref();
                    let mut labels = host_labels(i);
                    labels.extend([
                        ("application", id.application.into()),
                        ("epid", id.epid.as_str().into()),
                        (
                            "os_build",
                            decoded
                                .map(|e| e.build.to_string())
                                .unwrap_or_default()
                                .into(),
                        ),
                        (
                            "host_os",
                            decoded
                                .and_then(|e| e.host_os())
                                .unwrap_or("unknown")
                                .into(),
                        ),
                        (
                            "csvlk",
                            decoded.and_then(|e| e.csvlk()).unwrap_or("unknown").into(),
                        ),
                        (
                            "lcid",
                            decoded
                                .map(|e| e.lcid.to_string())
                                .unwrap_or_default()
                                .into(),
                        ),
                        ("hwid", id.hwid_hex().into()),
                    ]);
                    (labels, 1.0)
                })
            }),
        )?;

        // Clocks, per host name (a host listed with two ports has one clock).
        let clock_hosts: Vec<usize> = {
            let mut seen = std::collections::HashSet::new();
            hosts()
                .filter(|&i| seen.insert(s.hosts[i].probe.host.as_str()))
                .collect()
        };
        let readings = || {
            clock_hosts.iter().flat_map(|&i| {
                let host = s.hosts[i].probe.host.as_str();
                s.hosts[i].probe.clock.iter().map(move |r| (host, r))
            })
        };
        let clock_labels = |host: &'a str, r: &ClockReading| -> Labels<'a> {
            vec![
                ("host", host.into()),
                ("method", r.method.as_label().into()),
            ]
        };
        f.gauge(
            "kms_host_clock_offset_seconds",
            "host clock minus exporter clock; hosts refuse clients more than 4 hours (14400 s) off with 0xC004F06C. Absent when not measured.",
            readings().filter_map(|(host, r)| {
                let m = r.outcome.as_ref().ok()?;
                Some((clock_labels(host, r), m.offset))
            }),
        )?;
        f.gauge(
            "kms_host_clock_rtt_seconds",
            "round trip of the clock measurement; the offset is uncertain by half of it.",
            readings().filter_map(|(host, r)| {
                let m = r.outcome.as_ref().ok()?;
                Some((clock_labels(host, r), m.rtt))
            }),
        )?;
        f.gauge(
            "kms_host_clock_probe_success",
            "1 if the host's clock could be read with this method (ntp: SNTP on UDP 123, smb: SMB2 on TCP 445).",
            readings().map(|(host, r)| (clock_labels(host, r), b(r.outcome.is_ok()))),
        )?;
        f.gauge(
            "kms_host_clock_ntp_stratum",
            "NTP stratum the host's time server reports.",
            readings().filter_map(|(host, r)| {
                let stratum = r.outcome.as_ref().ok()?.stratum?;
                Some((vec![("host", host.into())], f64::from(stratum)))
            }),
        )?;
        f.gauge(
            "kms_host_clock_ntp_leap",
            "NTP leap indicator the host's time server reports (3 = unsynchronised, never counted as an offset).",
            readings().filter_map(|(host, r)| {
                let leap = r.outcome.as_ref().ok()?.leap?;
                Some((vec![("host", host.into())], f64::from(leap)))
            }),
        )?;

        // Activation, per host and product.
        let activations =
            || hosts().flat_map(|i| s.hosts[i].probe.kms.activations.iter().map(move |a| (i, a)));
        let product_labels = |i: usize, a: &'a ProductActivation| -> Labels<'a> {
            let mut labels = host_labels(i);
            labels.push(("product", a.product.as_str().into()));
            labels
        };
        f.gauge(
            "kms_activation_status",
            "outcome of the latest activation request for the product, one series per state with exactly one set to 1.",
            activations().flat_map(|(i, a)| {
                ActivationStatus::ALL.into_iter().map(move |status| {
                    let mut labels = product_labels(i, a);
                    labels.push(("status", status.as_label().into()));
                    (labels, b(a.outcome.status() == status))
                })
            }),
        )?;
        f.gauge(
            "kms_activation_hresult",
            "HRESULT of the latest activation request: 0 on success, the host's refusal code (e.g. 3221549122 = 0xC004F042), or an RPC fault status.",
            activations().filter_map(|(i, a)| {
                Some((product_labels(i, a), f64::from(a.outcome.hresult()?)))
            }),
        )?;
        f.gauge(
            "kms_activation_current_clients",
            "the host's current activation count for the product's group (distinct clients in 30 days).",
            activations().filter_map(|(i, a)| match &a.outcome {
                ActivationOutcome::Granted(r) => {
                    Some((product_labels(i, a), f64::from(r.current_count)))
                }
                _ => None,
            }),
        )?;
        f.gauge(
            "kms_activation_required_clients",
            "the product's N policy: clients activate only once the count reaches it (25 Windows client, 5 Windows Server and Office).",
            activations().map(|(i, a)| (product_labels(i, a), f64::from(a.required_count))),
        )?;

        match &self.scope {
            Scope::Exporter(state) => encode_exporter(&mut f, s, state)?,
            Scope::Probe { success, duration } => {
                f.gauge(
                    "probe_success",
                    "1 if every host of the target grants every product at its threshold (blackbox_exporter compatible).",
                    [(Labels::new(), b(*success))],
                )?;
                f.gauge(
                    "probe_duration_seconds",
                    "time taken by the probe (blackbox_exporter compatible).",
                    [(Labels::new(), duration.as_secs_f64())],
                )?;
            }
        }
        Ok(())
    }
}

/// The exporter's own families, for `/metrics` only.
fn encode_exporter(
    f: &mut Families<'_>,
    s: &Snapshot,
    state: &ExporterState,
) -> Result<(), std::fmt::Error> {
    f.gauge(
        "kms_exporter_build_info",
        "version of the exporter.",
        [(
            vec![
                ("version", VERSION.into()),
                ("revision", REVISION.into()),
                ("rustc_version", RUSTC_VERSION.into()),
            ],
            1.0,
        )],
    )?;
    f.gauge(
        "kms_exporter_targets",
        "domains and static hosts in the configuration; 0 domains and 0 hosts means nothing is probed.",
        [
            (
                vec![("kind", "domain".into())],
                s.configured_domains as f64,
            ),
            (vec![("kind", "host".into())], s.configured_hosts as f64),
        ],
    )?;
    f.gauge(
        "kms_exporter_clock_offset_seconds",
        "exporter clock against a reference NTP server (server clock minus exporter clock); every host offset is relative to the exporter's clock.",
        s.reference_clocks.iter().filter_map(|(server, outcome)| {
            let m = outcome.as_ref().ok()?;
            Some((vec![("server", server.as_str().into())], m.offset))
        }),
    )?;
    f.gauge(
        "kms_exporter_clock_probe_success",
        "1 if the reference NTP server answered.",
        s.reference_clocks.iter().map(|(server, outcome)| {
            (vec![("server", server.as_str().into())], b(outcome.is_ok()))
        }),
    )?;
    f.gauge(
        "kms_exporter_config_last_reload_successful",
        "1 if the last configuration reload succeeded.",
        [(Labels::new(), b(state.config_reload_successful))],
    )?;
    f.gauge(
        "kms_exporter_config_last_reload_success_timestamp_seconds",
        "time of the last successful configuration load.",
        [(Labels::new(), unix_seconds(state.config_last_success))],
    )?;
    if let Some(cycle) = &s.cycle {
        f.gauge(
            "kms_exporter_last_cycle_timestamp_seconds",
            "end of the last completed probe cycle; the age of every kms_ series.",
            [(Labels::new(), unix_seconds(cycle.finished_at))],
        )?;
        f.gauge(
            "kms_exporter_cycle_duration_seconds",
            "time taken by the last completed probe cycle.",
            [(Labels::new(), cycle.duration.as_secs_f64())],
        )?;
    }
    f.family(
        "kms_exporter_probes",
        "probes run since start, by kind and result.",
        MetricType::Counter,
        s.probe_counts.iter().map(|((kind, result), n)| {
            let labels: Labels<'_> = vec![("kind", (*kind).into()), ("result", (*result).into())];
            (labels, *n as f64)
        }),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::{AddressLookup, SrvLookup, SrvRecord};
    use crate::probe::{DomainProbe, HostProbe, HostTarget};
    use crate::snapshot::{CycleSummary, DomainReport, HostReport};
    use std::time::Duration;

    fn snapshot() -> Snapshot {
        let lookup = SrvLookup {
            status: LookupStatus::Ok,
            records: vec![SrvRecord {
                priority: 0,
                weight: 100,
                target: "kms1.corp.test".into(),
                port: 1688,
            }],
            total_records: 1,
            duration: Duration::from_millis(3),
            detail: None,
        };
        Snapshot {
            cycle: Some(CycleSummary {
                finished_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
                duration: Duration::from_millis(120),
            }),
            domains: vec![DomainReport {
                probe: DomainProbe {
                    name: "corp.test".into(),
                    lookups: vec![("system".into(), lookup)],
                },
                expected_hosts: Some(["kms2.corp.test".to_owned()].into()),
                hosts: vec![("kms1.corp.test".into(), 1688)],
            }],
            hosts: vec![HostReport {
                target: HostTarget {
                    host: "kms1.corp.test".into(),
                    port: 1688,
                    products: vec!["windows".into()],
                    domains: vec!["corp.test".into()],
                },
                probe: HostProbe {
                    host: "kms1.corp.test".into(),
                    port: 1688,
                    address_lookup: AddressLookup {
                        status: LookupStatus::Ok,
                        addresses: vec!["127.0.0.1".parse().unwrap()],
                        detail: None,
                    },
                    connect: ConnectStatus::Refused,
                    connect_duration: Duration::from_millis(1),
                    connected_address: None,
                    kms: Default::default(),
                    clock: Vec::new(),
                    duration: Duration::from_millis(2),
                },
            }],
            probe_counts: [(("tcp", "refused"), 3)].into(),
            reference_clocks: Vec::new(),
            configured_domains: 1,
            configured_hosts: 0,
        }
    }

    fn state() -> ExporterState {
        ExporterState {
            config_reload_successful: true,
            config_last_success: SystemTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn classic_text_has_the_contract_lines() {
        let text = render(&Arc::new(snapshot()), &state(), Format::Prometheus);
        for line in [
            "kms_dns_srv_status{domain=\"corp.test\",nameserver=\"system\",status=\"ok\"} 1",
            "kms_dns_srv_status{domain=\"corp.test\",nameserver=\"system\",status=\"nxdomain\"} 0",
            "kms_dns_srv_record_info{domain=\"corp.test\",nameserver=\"system\",host=\"kms1.corp.test\",port=\"1688\",priority=\"0\",weight=\"100\"} 1",
            "kms_dns_srv_record_expected{domain=\"corp.test\",host=\"kms1.corp.test\",port=\"1688\"} 0",
            "kms_dns_expected_host_published{domain=\"corp.test\",host=\"kms2.corp.test\"} 0",
            "kms_domain_hosts{domain=\"corp.test\"} 1",
            "kms_host_tcp_connect_success{host=\"kms1.corp.test\",port=\"1688\"} 0",
            "kms_host_tcp_connect_status{host=\"kms1.corp.test\",port=\"1688\",status=\"refused\"} 1",
            "kms_host_resolved_addresses{host=\"kms1.corp.test\",port=\"1688\"} 1",
            "kms_exporter_probes_total{kind=\"tcp\",result=\"refused\"} 3",
            "kms_exporter_last_cycle_timestamp_seconds 1700000000",
            "# TYPE kms_exporter_probes_total counter",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
        assert!(!text.contains("# EOF"));
    }

    #[test]
    fn openmetrics_ends_with_eof_and_negotiates() {
        let text = render(&Arc::new(snapshot()), &state(), Format::OpenMetrics);
        assert!(text.ends_with("# EOF\n"), "{text}");
        assert!(text.contains("# TYPE kms_exporter_probes counter"));
        assert_eq!(
            Format::negotiate(Some(
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"
            )),
            Format::OpenMetrics
        );
        assert_eq!(Format::negotiate(Some("text/plain")), Format::Prometheus);
        assert_eq!(Format::negotiate(None), Format::Prometheus);
    }

    #[test]
    fn empty_snapshot_still_reports_the_exporter() {
        let text = render(&Arc::new(Snapshot::default()), &state(), Format::Prometheus);
        assert!(
            text.contains("kms_exporter_targets{kind=\"domain\"} 0"),
            "{text}"
        );
        assert!(!text.contains("kms_exporter_last_cycle_timestamp_seconds"));
    }
}
