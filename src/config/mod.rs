//! Configuration: the YAML file of README, "Configuration", validated once into [`Config`].
//!
//! The file is parsed into `Raw*` structs (serde, unknown keys rejected) and then checked into
//! the internal types, which cannot hold an invalid value. Every error names the file, the line
//! and the column of the offending value, because operators edit these files by hand on
//! machines where the exporter's log is the only feedback they get.
//!
//! - `raw`: the file as written, with each value's position and the documented defaults.
//! - `validate`: raw → [`Config`], one check per section.
//! - `yaml_errors`: parser errors reworded to name the setting and how it is written.
//! - `address`: host, port and DNS-name syntax; resolv.conf suffixes.
//! - `identity`: this machine's hostname and the client machine ID derived from it.

mod address;
mod identity;
mod raw;
mod validate;
mod yaml_errors;

use std::collections::BTreeSet;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use uuid::Uuid;

use crate::clock::ClockMethod;
use crate::kms::products::{Product, ProductTable};

pub use address::{
    AddressError, cluster_internal_suffixes, normalize_dns_name, parse_host_port,
    parse_socket_address, resolv_conf_domains,
};
pub use identity::{local_hostname, machine_id_for_hostname};
use raw::RawConfig;
use validate::validate;
use yaml_errors::yaml_error;

/// TCP port of the KMS RPC endpoint, used when an address or SRV record gives none.
pub const KMS_PORT: u16 = 1688;
/// Port of the DNS servers of `dns.servers` given without a port, and of resolv.conf's.
pub const DNS_PORT: u16 = 53;

/// Where the system resolver configuration lives.
pub const DEFAULT_RESOLV_CONF: &str = "/etc/resolv.conf";

/// The product every domain and host is asked for when the file names none.
pub const DEFAULT_PRODUCT: &str = "windows";

// Every duration in the file has an upper bound (docs/architecture.md §10), so that no value can
// overflow a timer or a deadline, and so that a typo (`60d` for `60s`) is an error at
// `--config.check` instead of a scheduler that never runs again.

/// Shortest `interval`: a second.
/// `interval` when the configuration sets none: DNS, TCP, RPC bind and clock probes each minute.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(60);
/// `activation_interval` when the configuration sets none: each activation request is logged on
/// the host as event 12290, and the probe interval's cadence would flood that log.
pub const DEFAULT_ACTIVATION_INTERVAL: Duration = Duration::from_secs(15 * 60);
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);
/// Longest `interval`: a day. A longer gap leaves every result staler than any alert tolerates.
pub const MAX_INTERVAL: Duration = Duration::from_secs(24 * 3600);
/// Longest `activation_interval`: 7 days, the interval at which a KMS client renews its
/// activation; the host drops a client from its count 30 days after its last request, so a
/// longer interval could make the exporter vanish from the count it is meant to watch.
pub const MAX_ACTIVATION_INTERVAL: Duration = Duration::from_secs(7 * 24 * 3600);
/// Longest `timeout`: 5 minutes. One host's probe is a DNS lookup, a TCP connection and a few
/// round trips; a host that has not answered in minutes is down for its clients too.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// Longest `dns.keep_last_answer`: a day. Hosts are kept on a stale answer only to bridge a DNS
/// outage; a longer one is an outage the operator must see.
pub const MAX_KEEP_LAST_ANSWER: Duration = Duration::from_secs(24 * 3600);
/// Most host probes in flight at once (`concurrency`); at least one.
pub const MAX_CONCURRENCY: usize = 10_000;

/// A limit as the README's "Limits" table and the configuration errors write it: in the largest
/// unit that divides it, days only beyond one (`1s`, `5m`, `24h`, `7d`).
pub fn limit_text(limit: Duration) -> String {
    const DAY: u64 = 24 * 3600;
    match limit.as_secs() {
        s if s > DAY && s % DAY == 0 => format!("{}d", s / DAY),
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// Where the running configuration comes from; `/-/reload` and SIGHUP read it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigSource {
    /// `--config.file`; `None` selects the embedded default.
    pub file: Option<PathBuf>,
    /// `--dns.resolv-conf`: the system resolver's servers, and the `domain`/`search` suffixes
    /// probed when the configuration names no domain and no host.
    pub resolv_conf: PathBuf,
}

impl ConfigSource {
    /// Reads and validates the configuration from this source; when it names no domain and no
    /// host, adds the resolv.conf domains, as a Windows client would look for KMS there.
    pub fn load(&self) -> Result<Config, ConfigError> {
        let config = self.read()?;
        if config.discover_domains && config.domains.is_empty() && config.hosts.is_empty() {
            // Nothing named: discover like a Windows client, from the DNS suffixes.
            return Ok(config.with_resolv_conf_domains(&self.resolv_conf));
        }
        Ok(config)
    }

    /// Reads and validates the file, or takes the embedded default, without adding resolv.conf
    /// domains: what the `probe` command needs when no file names its target's products.
    ///
    /// The one place where `--dns.resolv-conf` reaches [`Config::resolv_conf`]; validation gives
    /// every configuration [`DEFAULT_RESOLV_CONF`] and this replaces it.
    pub fn read(&self) -> Result<Config, ConfigError> {
        let config = match &self.file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.clone(),
                    source,
                })?;
                Config::from_yaml(&text, path)?
            }
            None => Config::embedded_default(),
        };
        Ok(Config {
            resolv_conf: self.resolv_conf.clone(),
            ..config
        })
    }
}

impl fmt::Display for ConfigSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(path) => write!(f, "{}", path.display()),
            None => write!(
                f,
                "embedded default (domains from {})",
                self.resolv_conf.display()
            ),
        }
    }
}

/// A configuration problem, with its position in the file where there is one.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read at all.
    #[error("{}: cannot read config file: {source}", path.display())]
    Read {
        /// The file as named by `--config.file`.
        path: PathBuf,
        /// Why the read failed: missing, unreadable, not UTF-8.
        #[source]
        source: std::io::Error,
    },
    /// The file was read but values in it are wrong: one `file:line:column: problem` line each.
    #[error("{}", problem_lines(path, problems))]
    Invalid {
        /// The file as named to [`Config::from_yaml`], usually `--config.file`.
        path: PathBuf,
        /// What is wrong, ordered by position; never empty.
        problems: Vec<ConfigProblem>,
    },
}

impl ConfigError {
    /// The problems of the file at `path`, ordered by position (those at the same position in
    /// the order found).
    fn invalid(path: &Path, mut problems: Vec<ConfigProblem>) -> Self {
        problems.sort_by_key(|problem| (problem.line, problem.column));
        Self::Invalid {
            path: path.to_owned(),
            problems,
        }
    }
}

/// One wrong value of a configuration file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// 1-based line of the offending value; 0 where the parser gives no position.
    pub line: u64,
    /// 1-based column of the offending value; 0 where the parser gives no position.
    pub column: u64,
    /// What is wrong, naming the setting.
    pub message: String,
}

/// `path:line:column: message` per problem, one a line.
fn problem_lines(path: &Path, problems: &[ConfigProblem]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{}:{}:{}: {}", path.display(), p.line, p.column, p.message))
        .collect();
    lines.join("\n")
}

/// A product name that is neither built in nor added by the file's `products:`, whether the
/// file, `/probe?product=` or `kms_exporter probe --product` asked for it. It lists the names
/// there are, so that whoever mistyped one sees which they meant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown product {name:?}; known products: {}", known.join(", "))]
pub struct UnknownProduct {
    /// The name as it was asked for.
    pub name: String,
    /// Every name the product table holds, built-in products first.
    pub known: Vec<String>,
}

/// The one lookup behind every "unknown product" message, so that they all read alike.
fn lookup_product<'a>(table: &'a ProductTable, name: &str) -> Result<&'a Product, UnknownProduct> {
    table.get(name).ok_or_else(|| UnknownProduct {
        name: name.to_owned(),
        known: table.names().map(str::to_owned).collect(),
    })
}

/// The validated configuration the scheduler runs on.
#[derive(Clone, Debug)]
pub struct Config {
    /// How often DNS, TCP, the RPC bind and the clocks are probed.
    pub interval: Duration,
    /// How often each host receives real activation requests; each one is logged on the host
    /// as event 12290, so this is kept well above `interval`.
    pub activation_interval: Duration,
    /// Budget for one host's whole probe, and for one SRV lookup.
    pub timeout: Duration,
    /// Host probes in flight at once.
    pub concurrency: usize,
    /// The identity this exporter presents to every KMS host (docs/architecture.md §5.1: one fixed
    /// CMID).
    pub client: ClientIdentity,
    /// DNS servers queried separately; empty means the system resolver.
    pub dns_servers: Vec<NameServer>,
    /// How long the hosts of a domain's last successful SRV answer are still probed and exported
    /// while every DNS server fails without an authoritative answer (timeout, SERVFAIL, REFUSED,
    /// malformed); NXDOMAIN/NODATA withdraw them at once.
    pub dns_keep_last_answer: Duration,
    /// Domains whose `_vlmcs._tcp` SRV records are followed.
    pub domains: Vec<Domain>,
    /// Hosts probed without DNS discovery (the `slmgr /skms` case).
    pub hosts: Vec<StaticHost>,
    /// Host clock measurement.
    pub clock: ClockConfig,
    /// Built-in products plus the file's `products:` additions.
    pub products: ProductTable,
    /// The resolv.conf the system resolver reads: [`DEFAULT_RESOLV_CONF`] from validation, which
    /// [`ConfigSource::read`] replaces with `--dns.resolv-conf`.
    pub resolv_conf: PathBuf,
    /// Whether the resolv.conf suffixes stand in when nothing is named: true unless the file
    /// says `domains: []`, as a `/probe`-only exporter does.
    pub discover_domains: bool,
}

/// The client machine ID and workstation name sent in every activation request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientIdentity {
    /// CMID: fixed per exporter so that it counts as exactly one client on each host.
    pub machine_id: Uuid,
    /// Shown in the host's event log next to every request from this exporter.
    pub workstation_name: String,
}

/// One DNS server of `dns.servers`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameServer {
    /// [`DNS_PORT`] unless the entry gives one.
    pub address: SocketAddr,
}

impl NameServer {
    /// The `nameserver` label value.
    pub fn label(&self) -> String {
        self.address.to_string()
    }
}

/// A domain whose KMS hosts are discovered through DNS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain {
    /// Lowercase, without trailing dot.
    pub name: String,
    /// Product names (keys of [`Config::products`]) every host of the domain is asked for.
    pub products: Vec<String>,
    /// With `expected_hosts`, the hosts allowed to publish `_vlmcs` (lowercase, no trailing dot).
    pub expected_hosts: Option<BTreeSet<String>>,
}

impl Domain {
    /// The SRV owner name, absolute so that no search-list expansion happens
    /// (docs/architecture.md §5.4).
    pub fn srv_name(&self) -> String {
        crate::kms::srv_name(&self.name)
    }
}

/// A KMS host given directly in the config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaticHost {
    /// Host name or IP literal, lowercase, without trailing dot.
    pub host: String,
    /// 1688 unless the address gives one.
    pub port: u16,
    /// Product names (keys of [`Config::products`]) the host is asked for.
    pub products: Vec<String>,
}

/// `clock:` settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockConfig {
    /// Methods tried against every host; empty turns host clock probing off.
    pub methods: Vec<ClockMethod>,
    /// NTP servers that check the exporter's own clock.
    pub reference: Vec<ReferenceServer>,
    /// Port of the hosts' SNTP service ([`crate::clock::NTP_PORT`] unless something forwards it
    /// elsewhere).
    pub ntp_port: u16,
    /// Port of the hosts' SMB service ([`crate::clock::SMB_PORT`] unless something forwards it
    /// elsewhere).
    pub smb_port: u16,
}

impl ClockConfig {
    /// The port a method talks to on every host.
    pub fn port(&self, method: ClockMethod) -> u16 {
        match method {
            ClockMethod::Ntp => self.ntp_port,
            ClockMethod::Smb => self.smb_port,
        }
    }
}

/// An NTP server of `clock.reference`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceServer {
    /// As written in the file (the `server` label).
    pub name: String,
    /// Host name (lowercase, without trailing dot) or IP literal.
    pub host: String,
    /// [`crate::clock::NTP_PORT`] unless the entry gives one.
    pub port: u16,
}

impl Config {
    /// Parses and validates a YAML document; `path` is only used in error messages.
    pub fn from_yaml(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let raw: RawConfig = if text.trim().is_empty() {
            // An empty file is a valid "all defaults" config.
            serde_saphyr::from_str("{}").map_err(|e| yaml_error(path, "", &e))?
        } else {
            serde_saphyr::from_str(text).map_err(|e| yaml_error(path, text, &e))?
        };
        validate(raw, path)
    }

    /// The configuration used when no file is given, before resolv.conf discovery.
    pub fn embedded_default() -> Self {
        let raw: RawConfig = serde_saphyr::from_str("{}").unwrap_or_else(|e| {
            unreachable!("the empty document is a valid config: {e}");
        });
        validate(raw, Path::new("<embedded>"))
            .unwrap_or_else(|e| unreachable!("the embedded default is valid: {e}"))
    }

    /// Adds the `domain` and `search` entries of a resolv.conf as domains probed for the
    /// default product — the suffixes a Windows KMS client would try. A missing file adds none.
    ///
    /// Kubernetes cluster-internal suffixes ([`cluster_internal_suffixes`]) are left out, with
    /// one log line naming them: a pod's resolv.conf lists them first, no Windows client
    /// looks for KMS there, and probing them only raises alerts about SRV records that were
    /// never meant to exist. Only discovered names are filtered: a domain the file names is
    /// probed whatever it is called.
    pub fn with_resolv_conf_domains(mut self, resolv_conf: &Path) -> Self {
        let text = std::fs::read_to_string(resolv_conf).unwrap_or_default();
        let found = resolv_conf_domains(&text);
        let skipped = cluster_internal_suffixes(&found);
        if !skipped.is_empty() {
            tracing::info!(
                resolv_conf = %resolv_conf.display(),
                skipped = %skipped.join(" "),
                "not probing Kubernetes cluster-internal search suffixes; name a domain in the configuration to probe it"
            );
        }
        for name in found.into_iter().filter(|n| !skipped.contains(n)) {
            if !self.domains.iter().any(|d| d.name == name) {
                self.domains.push(Domain {
                    name,
                    products: vec![DEFAULT_PRODUCT.to_owned()],
                    expected_hosts: None,
                });
            }
        }
        self
    }

    /// The products the config names for a domain or `host[:port]` target, else the default.
    pub fn products_for_target(&self, target: &str) -> Vec<String> {
        let name = target.trim_end_matches('.').to_ascii_lowercase();
        self.domains
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.products.clone())
            .or_else(|| {
                let (host, port) = parse_host_port(target, KMS_PORT).ok()?;
                self.hosts
                    .iter()
                    .find(|h| h.host == host && h.port == port)
                    .map(|h| h.products.clone())
            })
            .unwrap_or_else(|| vec![DEFAULT_PRODUCT.to_owned()])
    }

    /// Looks up a product the config refers to; validation guarantees it exists.
    pub fn product(&self, name: &str) -> Option<&Product> {
        self.products.get(name)
    }

    /// The products `names` asks for, in that order, for a probe of chosen products
    /// (`/probe?product=`, `kms_exporter probe --product`); the first name the table lacks is
    /// the error.
    pub fn products_named(&self, names: &[String]) -> Result<Vec<Product>, UnknownProduct> {
        names
            .iter()
            .map(|name| lookup_product(&self.products, name).cloned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shared with the submodules' tests, which check the same `test.yml` messages.
    pub(super) fn load(text: &str) -> Result<Config, ConfigError> {
        Config::from_yaml(text, Path::new("test.yml"))
    }

    pub(super) fn err(text: &str) -> String {
        load(text)
            .expect_err("config should be rejected")
            .to_string()
    }

    #[test]
    fn products_named_keeps_the_order_asked_for() {
        let config = Config::embedded_default();
        let names = ["office-2016".to_owned(), "windows".to_owned()];
        let products = config.products_named(&names).unwrap();
        let got: Vec<&str> = products.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(got, ["office-2016", "windows"]);
    }

    #[test]
    fn products_named_refuses_an_unknown_name_with_the_known_ones() {
        let config = Config::embedded_default();
        let names = ["windows".to_owned(), "windows-99".to_owned()];
        let e = config.products_named(&names).unwrap_err();
        assert_eq!(e.name, "windows-99");
        assert_eq!(
            e.to_string(),
            "unknown product \"windows-99\"; known products: windows, windows-ltsc-2019, \
             windows-ltsc-2021, windows-ltsc-2024, windows-server-2019, windows-server-2022, \
             windows-server-2025, office-2016, office-2019, office-ltsc-2021, office-ltsc-2024, \
             windows-7"
        );
    }

    #[test]
    fn an_explicit_empty_domain_list_turns_discovery_off() {
        let dir = tempfile::tempdir().unwrap();
        let resolv_conf = dir.path().join("resolv.conf");
        std::fs::write(&resolv_conf, "search corp.test\n").unwrap();
        let load = |yaml: &str| {
            let file = dir.path().join("k.yml");
            std::fs::write(&file, yaml).unwrap();
            ConfigSource {
                file: Some(file),
                resolv_conf: resolv_conf.clone(),
            }
            .load()
            .unwrap()
        };
        assert_eq!(load("interval: 60s\n").domains[0].name, "corp.test");
        assert!(load("domains: []\n").domains.is_empty());
    }

    #[test]
    fn discovery_skips_cluster_suffixes_but_a_named_domain_is_probed_as_named() {
        let dir = tempfile::tempdir().unwrap();
        let resolv_conf = dir.path().join("resolv.conf");
        std::fs::write(
            &resolv_conf,
            "search default.svc.cluster.local svc.cluster.local cluster.local corp.test\n",
        )
        .unwrap();
        let names = |file: Option<&str>| -> Vec<String> {
            let file = file.map(|yaml| {
                let path = dir.path().join("k.yml");
                std::fs::write(&path, yaml).unwrap();
                path
            });
            ConfigSource {
                file,
                resolv_conf: resolv_conf.clone(),
            }
            .load()
            .unwrap()
            .domains
            .into_iter()
            .map(|d| d.name)
            .collect()
        };
        assert_eq!(names(None), ["corp.test"]);
        // A file that names no domain leaves the choice to discovery, filtered alike.
        assert_eq!(names(Some("interval: 60s\n")), ["corp.test"]);
        assert_eq!(
            names(Some("domains:\n  - name: cluster.local\n")),
            ["cluster.local"]
        );
    }
}
