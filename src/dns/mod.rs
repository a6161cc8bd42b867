//! DNS: `_vlmcs._tcp` SRV lookups and A/AAAA resolution of their targets, classified the way
//! an operator reads them (`kms_dns_srv_status` in README, "Metrics").
//!
//! One [`HickoryDns`] per configured DNS server, so a stale secondary is visible on its own;
//! nothing is cached, so every cycle asks the server again; names are absolute so no
//! search-list expansion can make a missing record look present (docs/architecture.md §5.4).
//!
//! - [`srv`]: the SRV query, on sockets of its own per lookup, so one domain's answer cannot
//!   hold up another's.
//! - A and AAAA go through hickory's resolver (cache off): their answers are small.

mod srv;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::{Duration, SystemTime};

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{
    ConnectionConfig, LookupIpStrategy, NameServerConfig, ProtocolConfig, ResolveHosts,
    ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::system_conf::parse_resolv_conf;
use tokio::time::Instant;

use crate::config::DNS_PORT;
use crate::snapshot::{AddressLookup, LookupStatus, SrvLookup};

pub use crate::snapshot::MAX_SRV_RECORDS;

/// How a failed A/AAAA query ended: the status of the host's [`AddressLookup`], which the landing
/// page and the `probe` report show beside a host without an address.
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

/// One DNS server (or the system's resolv.conf servers).
pub struct HickoryDns {
    label: String,
    /// Where SRV queries go, in order.
    servers: Result<Vec<SocketAddr>, String>,
    /// A and AAAA.
    resolver: Result<TokioResolver, String>,
}

impl HickoryDns {
    /// The label of the system resolver in metrics.
    pub const SYSTEM_LABEL: &'static str = "system";

    /// The servers of a resolv.conf (normally `/etc/resolv.conf`), like any other program on
    /// the machine.
    pub fn system(resolv_conf: &Path, timeout: Duration) -> Self {
        let config = std::fs::read(resolv_conf)
            .map_err(|e| format!("cannot read {}: {e}", resolv_conf.display()))
            .and_then(|text| {
                parse_resolv_conf(text)
                    .map(|(config, _)| config)
                    .map_err(|e| {
                        format!("system resolver unusable ({}): {e}", resolv_conf.display())
                    })
            });
        let servers = config.as_ref().map_err(Clone::clone).map(|config| {
            let mut servers: Vec<SocketAddr> = Vec::new();
            for server in config.name_servers() {
                let port = server
                    .connections
                    .iter()
                    .find(|c| matches!(c.protocol, ProtocolConfig::Udp))
                    .map_or(DNS_PORT, |c| c.port);
                let address = SocketAddr::new(server.ip, port);
                if !servers.contains(&address) {
                    servers.push(address);
                }
            }
            servers
        });
        let resolver = config.and_then(|config| {
            let mut builder =
                TokioResolver::builder_with_config(config, TokioRuntimeProvider::default());
            apply_options(builder.options_mut(), timeout);
            builder.options_mut().use_hosts_file = ResolveHosts::Auto;
            builder.build().map_err(|e| e.to_string())
        });
        Self {
            label: Self::SYSTEM_LABEL.to_owned(),
            servers,
            resolver,
        }
    }

    /// One DNS server.
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
            servers: Ok(vec![address]),
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
        let deadline = started + budget;
        let servers = match &self.servers {
            Ok(servers) => servers,
            Err(e) => return SrvLookup::failed(LookupStatus::Error, e.clone(), started.elapsed()),
        };
        let name = absolute(name);
        // Like a stub resolver: the servers in order, each with an equal share of what is
        // left; the first that answers with authority (records, NXDOMAIN, NODATA) decides.
        let mut answer = srv::SrvAnswer::failed(LookupStatus::Error, "no nameserver to ask".into());
        for (index, server) in servers.iter().enumerate() {
            let left = servers.len() - index;
            let remaining = deadline.saturating_duration_since(Instant::now());
            let share = remaining / u32::try_from(left).unwrap_or(u32::MAX);
            answer = srv::query(*server, &name, Instant::now() + share).await;
            if !answer.status.is_non_authoritative_failure() {
                break;
            }
        }
        let duration = started.elapsed();
        let total_records = answer.records.len();
        let mut records = answer.records;
        records.truncate(MAX_SRV_RECORDS);
        SrvLookup {
            status: answer.status,
            records,
            total_records,
            truncated: answer.truncated,
            duration,
            detail: answer.detail,
            last_success: (answer.status == LookupStatus::Ok).then(SystemTime::now),
        }
    }

    async fn lookup_addresses(&self, host: &str, budget: Duration) -> AddressLookup {
        if let Some(literal) = AddressLookup::literal(host) {
            return literal;
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
