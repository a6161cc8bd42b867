//! DNS: `_vlmcs._tcp` SRV lookups and A/AAAA resolution of their targets, classified the way
//! an operator reads them (design §4.4 `kms_dns_srv_status`).
//!
//! One resolver per configured DNS server, so a stale secondary is visible on its own; the
//! cache is off so every cycle asks the server again; names are absolute so no search-list
//! expansion can make a missing record look present (design §5).

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{
    ConnectionConfig, LookupIpStrategy, NameServerConfig, ResolveHosts, ResolverConfig,
    ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::RData;
use hickory_resolver::system_conf::parse_resolv_conf;
use tokio::time::Instant;

/// SRV records followed per domain and server; the rest are counted but not probed, so a zone
/// publishing thousands of records cannot make the exporter's memory grow without bound.
pub const MAX_SRV_RECORDS: usize = 256;

/// The outcome of one DNS query, as the `status` label of `kms_dns_srv_status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LookupStatus {
    /// Records returned.
    Ok,
    /// The name does not exist (clients: 0x8007232B).
    NxDomain,
    /// The name exists without records of this type (clients: 0x8007232B / 0x8007251D).
    NoData,
    /// The server failed (clients: 0x8007232A).
    ServFail,
    /// The server refused to answer (ACL, not authoritative and no recursion).
    Refused,
    /// No answer within the budget.
    Timeout,
    /// Anything else: malformed answer, socket error, unusable resolver configuration.
    Error,
}

impl LookupStatus {
    /// Every state, in the order the enum metric emits them.
    pub const ALL: [Self; 7] = [
        Self::Ok,
        Self::NxDomain,
        Self::NoData,
        Self::ServFail,
        Self::Refused,
        Self::Timeout,
        Self::Error,
    ];

    pub fn as_label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::NxDomain => "nxdomain",
            Self::NoData => "nodata",
            Self::ServFail => "servfail",
            Self::Refused => "refused",
            Self::Timeout => "timeout",
            Self::Error => "error",
        }
    }

    fn from_error(error: &NetError) -> Self {
        match error {
            NetError::Timeout => Self::Timeout,
            NetError::Dns(DnsError::NoRecordsFound(no_records)) => {
                if no_records.response_code == ResponseCode::NXDomain {
                    Self::NxDomain
                } else {
                    Self::NoData
                }
            }
            NetError::Dns(DnsError::ResponseCode(ResponseCode::ServFail)) => Self::ServFail,
            NetError::Dns(DnsError::ResponseCode(ResponseCode::Refused)) => Self::Refused,
            _ => Self::Error,
        }
    }
}

/// One SRV record, target normalised (lowercase, no trailing dot; the root stays `"."`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SrvRecord {
    pub priority: u16,
    pub weight: u16,
    pub target: String,
    pub port: u16,
}

impl SrvRecord {
    /// RFC 2782: a target of "." means the service is decidedly not available at this domain.
    pub fn is_service_unavailable(&self) -> bool {
        self.target == "."
    }
}

/// The answer to `_vlmcs._tcp.<domain>.` from one server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SrvLookup {
    pub status: LookupStatus,
    /// Records as returned (at most [`MAX_SRV_RECORDS`]), ordered by priority then weight.
    pub records: Vec<SrvRecord>,
    /// Records in the answer before the cap.
    pub total_records: usize,
    pub duration: Duration,
    /// What went wrong, for logs and the landing page.
    pub detail: Option<String>,
}

/// The addresses of one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressLookup {
    pub status: LookupStatus,
    pub addresses: Vec<IpAddr>,
    pub detail: Option<String>,
}

/// What the probe logic needs from DNS; real lookups go through [`HickoryDns`], unit tests use
/// in-memory fakes.
pub trait Dns: Send + Sync + 'static {
    /// The `nameserver` label: `system` or the server's address.
    fn label(&self) -> &str;
    /// SRV lookup of an absolute name, bounded by `budget`.
    fn lookup_srv(&self, name: &str, budget: Duration) -> impl Future<Output = SrvLookup> + Send;
    /// A and AAAA of a host name (or an IP literal), bounded by `budget`.
    fn lookup_addresses(
        &self,
        host: &str,
        budget: Duration,
    ) -> impl Future<Output = AddressLookup> + Send;
}

/// A hickory resolver bound to one DNS server (or to the system's resolv.conf servers).
pub struct HickoryDns {
    label: String,
    resolver: Result<TokioResolver, String>,
}

impl HickoryDns {
    /// The label of the system resolver in metrics.
    pub const SYSTEM_LABEL: &'static str = "system";

    /// The servers of a resolv.conf (normally `/etc/resolv.conf`), like any other program on
    /// the machine.
    pub fn system(resolv_conf: &Path, timeout: Duration) -> Self {
        let resolver = std::fs::read(resolv_conf)
            .map_err(|e| format!("cannot read {}: {e}", resolv_conf.display()))
            .and_then(|text| {
                parse_resolv_conf(text).map_err(|e| {
                    format!("system resolver unusable ({}): {e}", resolv_conf.display())
                })
            })
            .and_then(|(config, _)| {
                let mut builder =
                    TokioResolver::builder_with_config(config, TokioRuntimeProvider::default());
                apply_options(builder.options_mut(), timeout);
                builder.options_mut().use_hosts_file = ResolveHosts::Auto;
                builder.build().map_err(|e| e.to_string())
            });
        Self {
            label: Self::SYSTEM_LABEL.to_owned(),
            resolver,
        }
    }

    /// One DNS server, asked over UDP with TCP fallback for truncated answers.
    pub fn server(address: SocketAddr, timeout: Duration) -> Self {
        let mut udp = ConnectionConfig::udp();
        udp.port = address.port();
        let mut tcp = ConnectionConfig::tcp();
        tcp.port = address.port();
        let server = NameServerConfig::new(address.ip(), true, vec![udp, tcp]);
        let mut builder = TokioResolver::builder_with_config(
            ResolverConfig::from_name_servers(vec![server]),
            TokioRuntimeProvider::default(),
        );
        apply_options(builder.options_mut(), timeout);
        builder.options_mut().use_hosts_file = ResolveHosts::Never;
        Self {
            label: address.to_string(),
            resolver: builder.build().map_err(|e| e.to_string()),
        }
    }
}

fn apply_options(options: &mut ResolverOpts, timeout: Duration) {
    options.cache_size = 0;
    options.timeout = timeout;
    options.attempts = 1;
    options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
    options.edns0 = true;
    options.try_tcp_on_error = true;
    options.preserve_intermediates = false;
}

/// Makes a name absolute (one trailing dot).
fn absolute(name: &str) -> String {
    if name.ends_with('.') {
        name.to_owned()
    } else {
        format!("{name}.")
    }
}

/// Lowercase without the trailing dot; the root name stays ".".
pub fn normalize_target(name: &str) -> String {
    let trimmed = name.trim_end_matches('.');
    if trimmed.is_empty() {
        ".".to_owned()
    } else {
        trimmed.to_ascii_lowercase()
    }
}

impl Dns for HickoryDns {
    fn label(&self) -> &str {
        &self.label
    }

    async fn lookup_srv(&self, name: &str, budget: Duration) -> SrvLookup {
        let started = Instant::now();
        let resolver = match &self.resolver {
            Ok(r) => r,
            Err(e) => {
                return SrvLookup {
                    status: LookupStatus::Error,
                    records: Vec::new(),
                    total_records: 0,
                    duration: started.elapsed(),
                    detail: Some(e.clone()),
                };
            }
        };
        let answer = tokio::time::timeout(budget, resolver.srv_lookup(absolute(name))).await;
        let duration = started.elapsed();
        match answer {
            Err(_) => SrvLookup {
                status: LookupStatus::Timeout,
                records: Vec::new(),
                total_records: 0,
                duration,
                detail: Some(format!(
                    "no answer within {}",
                    humantime::format_duration(budget)
                )),
            },
            Ok(Err(e)) => SrvLookup {
                status: LookupStatus::from_error(&e),
                records: Vec::new(),
                total_records: 0,
                duration,
                detail: Some(e.to_string()),
            },
            Ok(Ok(lookup)) => {
                let mut records: Vec<SrvRecord> = lookup
                    .answers()
                    .iter()
                    .filter_map(|record| match &record.data {
                        RData::SRV(srv) => Some(SrvRecord {
                            priority: srv.priority,
                            weight: srv.weight,
                            target: normalize_target(&srv.target.to_ascii()),
                            port: srv.port,
                        }),
                        _ => None,
                    })
                    .collect();
                records.sort();
                records.dedup();
                let total_records = records.len();
                records.truncate(MAX_SRV_RECORDS);
                SrvLookup {
                    // An answer made only of CNAMEs or other types is still "no SRV data".
                    status: if total_records == 0 {
                        LookupStatus::NoData
                    } else {
                        LookupStatus::Ok
                    },
                    records,
                    total_records,
                    duration,
                    detail: None,
                }
            }
        }
    }

    async fn lookup_addresses(&self, host: &str, budget: Duration) -> AddressLookup {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return AddressLookup {
                status: LookupStatus::Ok,
                addresses: vec![ip],
                detail: None,
            };
        }
        let resolver = match &self.resolver {
            Ok(r) => r,
            Err(e) => {
                return AddressLookup {
                    status: LookupStatus::Error,
                    addresses: Vec::new(),
                    detail: Some(e.clone()),
                };
            }
        };
        match tokio::time::timeout(budget, resolver.lookup_ip(absolute(host))).await {
            Err(_) => AddressLookup {
                status: LookupStatus::Timeout,
                addresses: Vec::new(),
                detail: Some(format!(
                    "no answer within {}",
                    humantime::format_duration(budget)
                )),
            },
            Ok(Err(e)) => AddressLookup {
                status: LookupStatus::from_error(&e),
                addresses: Vec::new(),
                detail: Some(e.to_string()),
            },
            Ok(Ok(lookup)) => {
                let mut addresses: Vec<IpAddr> = lookup.iter().collect();
                addresses.sort();
                addresses.dedup();
                AddressLookup {
                    status: if addresses.is_empty() {
                        LookupStatus::NoData
                    } else {
                        LookupStatus::Ok
                    },
                    addresses,
                    detail: None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_normalised() {
        assert_eq!(
            normalize_target("KMS1.Corp.Example.com."),
            "kms1.corp.example.com"
        );
        assert_eq!(normalize_target("."), ".");
        assert_eq!(normalize_target(""), ".");
    }

    #[test]
    fn labels_match_the_metric_contract() {
        let labels: Vec<_> = LookupStatus::ALL.iter().map(|s| s.as_label()).collect();
        assert_eq!(
            labels,
            [
                "ok", "nxdomain", "nodata", "servfail", "refused", "timeout", "error"
            ]
        );
    }

    #[test]
    fn records_sort_by_priority_then_weight() {
        let mut r = [
            SrvRecord {
                priority: 10,
                weight: 0,
                target: "b".into(),
                port: 1688,
            },
            SrvRecord {
                priority: 0,
                weight: 5,
                target: "c".into(),
                port: 1688,
            },
            SrvRecord {
                priority: 0,
                weight: 1,
                target: "a".into(),
                port: 1688,
            },
        ];
        r.sort();
        let order: Vec<_> = r.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(order, ["a", "c", "b"]);
    }
}
