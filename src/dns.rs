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

use crate::snapshot::{AddressLookup, LookupStatus, SrvLookup, SrvRecord};

/// SRV records followed per domain and server; the rest are counted but not probed, so a zone
/// publishing thousands of records cannot make the exporter's memory grow without bound.
pub const MAX_SRV_RECORDS: usize = 256;

/// The `kms_dns_srv_status` of a failed query.
fn status_of(error: &NetError) -> LookupStatus {
    match error {
        NetError::Timeout => LookupStatus::Timeout,
        NetError::Dns(DnsError::NoRecordsFound(no_records)) => {
            if no_records.response_code == ResponseCode::NXDomain {
                LookupStatus::NxDomain
            } else {
                LookupStatus::NoData
            }
        }
        NetError::Dns(DnsError::ResponseCode(ResponseCode::ServFail)) => LookupStatus::ServFail,
        NetError::Dns(DnsError::ResponseCode(ResponseCode::Refused)) => LookupStatus::Refused,
        _ => LookupStatus::Error,
    }
}

/// What the probe logic needs from DNS: [`HickoryDns`] in the exporter, scripted answers in the
/// paused-time tests (`testkit`'s fake network).
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
                status: status_of(&e),
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
                status: status_of(&e),
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
}
