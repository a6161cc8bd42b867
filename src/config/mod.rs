//! Configuration: the YAML file of design §4.2, validated once into [`Config`].
//!
//! The file is parsed into `Raw*` structs (serde, unknown keys rejected) and then checked into
//! the internal types, which cannot hold an invalid value. Every error names the file, the line
//! and the column of the offending value, because operators edit these files by hand on
//! machines where the exporter's log is the only feedback they get.

use std::collections::BTreeSet;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::clock::ClockMethod;
use crate::kms::products::{Product, ProductTable, RawProduct};

/// TCP port of the KMS RPC endpoint, used when an address or SRV record gives none.
pub const KMS_PORT: u16 = 1688;
/// Port of SNTP servers given in `clock.reference` without a port, and of the hosts' SNTP.
pub const NTP_PORT: u16 = 123;
/// Port of the hosts' SMB service, read for its clock.
pub const SMB_PORT: u16 = 445;
/// Longest workstation name the KMS request can carry (`kms-protocol.md` §2.1: 63 WCHARs + NUL).
const MAX_WORKSTATION_NAME: usize = 63;

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
    /// Reads and validates the configuration from this source.
    pub fn load(&self) -> Result<Config, ConfigError> {
        let mut config = match &self.file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.clone(),
                    source,
                })?;
                Config::from_yaml(&text, path)?
            }
            None => Config::embedded_default(),
        };
        config.resolv_conf = self.resolv_conf.clone();
        if config.discover_domains && config.domains.is_empty() && config.hosts.is_empty() {
            // Nothing named: discover like a Windows client, from the DNS suffixes.
            config = config.with_resolv_conf_domains(&self.resolv_conf);
        }
        Ok(config)
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
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file was read but a value in it is wrong.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
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
    /// The identity this exporter presents to every KMS host (design §5: one fixed CMID).
    pub client: ClientIdentity,
    /// DNS servers queried separately; empty means the system resolver.
    pub dns_servers: Vec<NameServer>,
    /// Domains whose `_vlmcs._tcp` SRV records are followed.
    pub domains: Vec<Domain>,
    /// Hosts probed without DNS discovery (the `slmgr /skms` case).
    pub hosts: Vec<StaticHost>,
    /// Host clock measurement.
    pub clock: ClockConfig,
    /// Built-in products plus the file's `products:` additions.
    pub products: ProductTable,
    /// The resolv.conf the system resolver reads (`--dns.resolv-conf`).
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
    /// The SRV owner name, absolute so that no search-list expansion happens (design §5).
    pub fn srv_name(&self) -> String {
        format!("_vlmcs._tcp.{}.", self.name)
    }
}

/// A KMS host given directly in the config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaticHost {
    /// Host name or IP literal, lowercase, without trailing dot.
    pub host: String,
    pub port: u16,
    pub products: Vec<String>,
}

/// `clock:` settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockConfig {
    /// Methods tried against every host; empty turns host clock probing off.
    pub methods: Vec<ClockMethod>,
    /// NTP servers that check the exporter's own clock.
    pub reference: Vec<ReferenceServer>,
    /// Port of the hosts' SNTP service (123 unless something forwards it elsewhere).
    pub ntp_port: u16,
    /// Port of the hosts' SMB service (445 unless something forwards it elsewhere).
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
    pub host: String,
    pub port: u16,
}

/// A humantime duration (`90s`, `15m`, `1h 30m`) that can sit inside [`Spanned`].
#[derive(Clone, Copy, Debug)]
struct HumanDuration(Duration);

impl<'de> Deserialize<'de> for HumanDuration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        humantime_serde::deserialize(deserializer).map(Self)
    }
}

/// A default value, which has no position in the file.
fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned {
        value,
        referenced: Location::UNKNOWN,
        defined: Location::UNKNOWN,
    }
}

fn default_interval() -> Spanned<HumanDuration> {
    unplaced(HumanDuration(Duration::from_secs(60)))
}
fn default_activation_interval() -> Spanned<HumanDuration> {
    unplaced(HumanDuration(Duration::from_secs(15 * 60)))
}
fn default_timeout() -> Spanned<HumanDuration> {
    unplaced(HumanDuration(Duration::from_secs(10)))
}
fn default_concurrency() -> Spanned<usize> {
    unplaced(32)
}
fn default_products() -> Vec<Spanned<String>> {
    Vec::new()
}
fn default_clock_methods() -> Vec<Spanned<String>> {
    ["ntp", "smb"]
        .into_iter()
        .map(|m| unplaced(m.to_owned()))
        .collect()
}
fn default_auto() -> Spanned<String> {
    unplaced("auto".to_owned())
}

/// Where the system resolver configuration lives.
pub const DEFAULT_RESOLV_CONF: &str = "/etc/resolv.conf";

/// The product every domain and host is asked for when the file names none.
pub const DEFAULT_PRODUCT: &str = "windows";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Default 60s.
    #[serde(default = "default_interval")]
    interval: Spanned<HumanDuration>,
    /// Default 15m.
    #[serde(default = "default_activation_interval")]
    activation_interval: Spanned<HumanDuration>,
    /// Default 10s.
    #[serde(default = "default_timeout")]
    timeout: Spanned<HumanDuration>,
    /// Default 32.
    #[serde(default = "default_concurrency")]
    concurrency: Spanned<usize>,
    #[serde(default)]
    client: RawClient,
    #[serde(default)]
    dns: RawDns,
    /// Absent: the resolv.conf suffixes when no host is named either; `[]`: no domain at all.
    #[serde(default)]
    domains: Option<Vec<RawDomain>>,
    #[serde(default)]
    hosts: Vec<RawHost>,
    #[serde(default)]
    clock: RawClock,
    #[serde(default)]
    products: Vec<Spanned<RawProduct>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClient {
    /// Default `auto`: derived from the hostname.
    #[serde(default = "default_auto")]
    machine_id: Spanned<String>,
    /// Default `auto`: `kms-exporter.<hostname>`.
    #[serde(default = "default_auto")]
    workstation_name: Spanned<String>,
}

impl Default for RawClient {
    fn default() -> Self {
        Self {
            machine_id: default_auto(),
            workstation_name: default_auto(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDns {
    /// Default empty: the system resolver.
    #[serde(default)]
    servers: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    name: Spanned<String>,
    /// Default `[windows]`.
    #[serde(default = "default_products")]
    products: Vec<Spanned<String>>,
    #[serde(default)]
    expected_hosts: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHost {
    address: Spanned<String>,
    /// Default `[windows]`.
    #[serde(default = "default_products")]
    products: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClock {
    /// Default `[ntp, smb]`.
    #[serde(default = "default_clock_methods")]
    methods: Vec<Spanned<String>>,
    /// Default empty.
    #[serde(default)]
    reference: Vec<Spanned<String>>,
    /// Default 123.
    #[serde(default = "default_ntp_port")]
    ntp_port: Spanned<u16>,
    /// Default 445.
    #[serde(default = "default_smb_port")]
    smb_port: Spanned<u16>,
}

fn default_ntp_port() -> Spanned<u16> {
    unplaced(NTP_PORT)
}
fn default_smb_port() -> Spanned<u16> {
    unplaced(SMB_PORT)
}

impl Default for RawClock {
    fn default() -> Self {
        Self {
            methods: default_clock_methods(),
            reference: Vec::new(),
            ntp_port: default_ntp_port(),
            smb_port: default_smb_port(),
        }
    }
}

/// Collects the position of a value for error messages.
struct Checker<'a> {
    path: &'a Path,
}

impl Checker<'_> {
    fn error(&self, at: Location, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_owned(),
            line: at.line(),
            column: at.column(),
            message: message.into(),
        }
    }
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
        Self::validate(raw, path)
    }

    /// The configuration used when no file is given, before resolv.conf discovery.
    pub fn embedded_default() -> Self {
        let raw: RawConfig = serde_saphyr::from_str("{}").unwrap_or_else(|e| {
            unreachable!("the empty document is a valid config: {e}");
        });
        Self::validate(raw, Path::new("<embedded>"))
            .unwrap_or_else(|e| unreachable!("the embedded default is valid: {e}"))
    }

    /// Adds the `domain` and `search` entries of a resolv.conf as domains probed for the
    /// default product — the suffixes a Windows KMS client would try. A missing file adds none.
    pub fn with_resolv_conf_domains(mut self, resolv_conf: &Path) -> Self {
        let text = std::fs::read_to_string(resolv_conf).unwrap_or_default();
        for name in resolv_conf_domains(&text) {
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

    fn validate(raw: RawConfig, path: &Path) -> Result<Self, ConfigError> {
        let check = Checker { path };
        let (interval, timeout) = (raw.interval.value.0, raw.timeout.value.0);
        let activation_interval = raw.activation_interval.value.0;
        if interval < Duration::from_secs(1) {
            return Err(check.error(raw.interval.referenced, "interval must be at least 1s"));
        }
        if timeout.is_zero() {
            return Err(check.error(raw.timeout.referenced, "timeout must be greater than 0s"));
        }
        if timeout > interval {
            let at = if raw.timeout.referenced == Location::UNKNOWN {
                raw.interval.referenced
            } else {
                raw.timeout.referenced
            };
            return Err(check.error(
                at,
                format!(
                    "timeout ({}) must not exceed interval ({}): a probe must end before the next cycle starts",
                    humantime::format_duration(timeout),
                    humantime::format_duration(interval)
                ),
            ));
        }
        if activation_interval.is_zero() {
            return Err(check.error(
                raw.activation_interval.referenced,
                "activation_interval must be greater than 0s",
            ));
        }
        let concurrency = raw.concurrency.value;
        if concurrency == 0 || concurrency > 10_000 {
            return Err(check.error(
                raw.concurrency.referenced,
                "concurrency must be between 1 and 10000",
            ));
        }

        let hostname = local_hostname();
        let machine_id = match raw.client.machine_id.value.trim() {
            "auto" => machine_id_for_hostname(&hostname),
            text => Uuid::parse_str(text).map_err(|e| {
                check.error(
                    raw.client.machine_id.referenced,
                    format!("client.machine_id: {text:?} is neither `auto` nor a UUID: {e}"),
                )
            })?,
        };
        let workstation_name = match raw.client.workstation_name.value.trim() {
            "auto" => truncate_chars(&format!("kms-exporter.{hostname}"), MAX_WORKSTATION_NAME),
            "" => {
                return Err(check.error(
                    raw.client.workstation_name.referenced,
                    "client.workstation_name must not be empty",
                ));
            }
            name if name.chars().count() > MAX_WORKSTATION_NAME => {
                return Err(check.error(
                    raw.client.workstation_name.referenced,
                    format!(
                        "client.workstation_name is {} characters; the KMS request carries at most {MAX_WORKSTATION_NAME}",
                        name.chars().count()
                    ),
                ));
            }
            name => name.to_owned(),
        };

        let mut products = ProductTable::builtin();
        for raw_product in raw.products {
            let at = raw_product.referenced;
            products
                .add(raw_product.value)
                .map_err(|e| check.error(at, format!("products: {e}")))?;
        }
        let product_names = |list: Vec<Spanned<String>>| -> Result<Vec<String>, ConfigError> {
            if list.is_empty() {
                return Ok(vec![DEFAULT_PRODUCT.to_owned()]);
            }
            let mut names: Vec<String> = Vec::with_capacity(list.len());
            for item in list {
                let name = item.value.trim().to_owned();
                if products.get(&name).is_none() {
                    return Err(check.error(
                        item.referenced,
                        format!(
                            "unknown product {name:?}; known products: {}",
                            products.names().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            Ok(names)
        };

        let mut dns_servers = Vec::new();
        for server in raw.dns.servers {
            let address = parse_socket_address(&server.value, 53)
                .map_err(|e| check.error(server.referenced, format!("dns.servers: {e}")))?;
            if !dns_servers
                .iter()
                .any(|s: &NameServer| s.address == address)
            {
                dns_servers.push(NameServer { address });
            }
        }

        let mut domains: Vec<Domain> = Vec::new();
        let discover_domains = raw.domains.is_none();
        for domain in raw.domains.unwrap_or_default() {
            let name = normalize_dns_name(&domain.name.value)
                .map_err(|e| check.error(domain.name.referenced, format!("domains: {e}")))?;
            if domains.iter().any(|d| d.name == name) {
                return Err(check.error(
                    domain.name.referenced,
                    format!("domains: {name:?} is listed twice"),
                ));
            }
            let expected_hosts = match domain.expected_hosts {
                None => None,
                Some(list) => {
                    let mut set = BTreeSet::new();
                    for host in list {
                        set.insert(normalize_dns_name(&host.value).map_err(|e| {
                            check.error(host.referenced, format!("expected_hosts: {e}"))
                        })?);
                    }
                    Some(set)
                }
            };
            domains.push(Domain {
                name,
                products: product_names(domain.products)?,
                expected_hosts,
            });
        }

        let mut hosts: Vec<StaticHost> = Vec::new();
        for host in raw.hosts {
            let (name, port) = parse_host_port(&host.address.value, KMS_PORT)
                .map_err(|e| check.error(host.address.referenced, format!("hosts.address: {e}")))?;
            if hosts.iter().any(|h| h.host == name && h.port == port) {
                return Err(check.error(
                    host.address.referenced,
                    format!("hosts: {name}:{port} is listed twice"),
                ));
            }
            hosts.push(StaticHost {
                host: name,
                port,
                products: product_names(host.products)?,
            });
        }

        let mut methods = Vec::new();
        for method in raw.clock.methods {
            let parsed = match method.value.trim() {
                "ntp" => ClockMethod::Ntp,
                "smb" => ClockMethod::Smb,
                other => {
                    return Err(check.error(
                        method.referenced,
                        format!("clock.methods: unknown method {other:?}; use ntp and/or smb"),
                    ));
                }
            };
            if !methods.contains(&parsed) {
                methods.push(parsed);
            }
        }
        for port in [&raw.clock.ntp_port, &raw.clock.smb_port] {
            if port.value == 0 {
                return Err(check.error(port.referenced, "clock ports must be from 1 to 65535"));
            }
        }
        let mut reference = Vec::new();
        for server in raw.clock.reference {
            let (host, port) = parse_host_port(&server.value, NTP_PORT)
                .map_err(|e| check.error(server.referenced, format!("clock.reference: {e}")))?;
            reference.push(ReferenceServer {
                name: server.value.trim().to_owned(),
                host,
                port,
            });
        }

        Ok(Self {
            interval,
            activation_interval,
            timeout,
            concurrency,
            client: ClientIdentity {
                machine_id,
                workstation_name,
            },
            dns_servers,
            domains,
            hosts,
            clock: ClockConfig {
                methods,
                reference,
                ntp_port: raw.clock.ntp_port.value,
                smb_port: raw.clock.smb_port.value,
            },
            products,
            resolv_conf: PathBuf::from(DEFAULT_RESOLV_CONF),
            discover_domains,
        })
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
}

fn yaml_error(path: &Path, text: &str, error: &serde_saphyr::Error) -> ConfigError {
    let (line, column) = error
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((0, 0));
    let message = yaml_message(error);
    let message =
        explain_shape(&message, &keys_at(text, line as usize, column as usize)).unwrap_or(message);
    ConfigError::Invalid {
        path: path.to_owned(),
        line,
        column,
        message,
    }
}

/// serde-saphyr's Display appends a source snippet; keep the one-line message.
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let text = error.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default().trim();
    // The location is already in our prefix.
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_owned(),
        None => first.to_owned(),
    }
}

/// The parser's own words for a value of the wrong shape ("expected mapping start") name
/// neither the setting nor how it is written; say both. `keys` is where the value sits.
fn explain_shape(message: &str, keys: &[&str]) -> Option<String> {
    let wanted = match message {
        "expected mapping start" => "a mapping (`key: value` pairs)",
        "expected sequence start" => "a list",
        "expected string scalar" => "a single value, not a list or mapping",
        m if m.starts_with("invalid u") || m.starts_with("invalid i") => "a whole number",
        m if m.ends_with("expected a duration") => {
            return Some(format!("{m} such as 90s, 15m or 1h 30m"));
        }
        _ => return None,
    };
    let shape = match keys {
        [] => "the file is a mapping of settings, e.g. `interval: 60s` on its own line",
        ["domains"] => {
            "`domains` is a list of mappings, one `- name: corp.example.com` per domain \
             (products and expected_hosts optional)"
        }
        ["hosts"] => {
            "`hosts` is a list of mappings, one `- address: kms1.corp.example.com:1688` per \
             host (products optional)"
        }
        ["products"] => {
            "`products` is a list of product definitions, each a mapping of name, \
             application_id, kms_counted_id, sku_id and required_count"
        }
        [_, "products"] => {
            "`products` is a list of product names, e.g. `[windows, office-ltsc-2024]`"
        }
        [_, "expected_hosts"] => {
            "`expected_hosts` is a list of host names, e.g. `[kms1.corp.example.com]`"
        }
        ["client"] => {
            "`client` is a mapping, e.g. `client: {machine_id: auto, workstation_name: auto}`"
        }
        ["dns"] => "`dns` is a mapping, e.g. `dns: {servers: [10.0.0.53]}`",
        ["dns", "servers"] => {
            "`servers` is a list, e.g. `servers: [10.0.0.53, \"[2001:db8::53]:53\"]`"
        }
        ["clock"] => "`clock` is a mapping, e.g. `clock: {methods: [ntp, smb]}`",
        ["clock", "methods"] => "`methods` is a list, e.g. `[ntp, smb]`, or `[]` for none",
        ["clock", "reference"] => "`reference` is a list of NTP servers, e.g. `[ntp1.example.com]`",
        [..] => return Some(format!("{}: expected {wanted}", keys.join("."))),
    };
    Some(format!(
        "{}expected {wanted}; {shape}",
        match keys {
            [] => String::new(),
            _ => format!("{}: ", keys.join(".")),
        }
    ))
}

/// The keys, outermost first, whose value holds line `line`, column `column` (1-based) of a
/// YAML text: the keys open at that column on the same line (block or flow style), then each
/// enclosing `key:` found by indentation. List items are stepped through, not named. A best
/// effort for error messages only; an empty list for the top level or anything unexpected.
fn keys_at(text: &str, line: usize, column: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(current) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return Vec::new();
    };
    let before = current
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(*current, |(i, _)| &current[..i]);
    let mut parents = Vec::new();
    // What encloses the line must be indented less than `indent`, or as much when the line
    // is a list item: a block list may sit at its key's own indentation.
    let (mut indent, mut in_item) = layout(current);
    for previous in lines[..line - 1].iter().rev() {
        if indent == 0 && !in_item {
            break;
        }
        let trimmed = previous.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (dash, key_column) = dash_and_key(previous);
        let block_key = trimmed
            .split(" #")
            .next()
            .unwrap_or_default()
            .trim_end()
            .trim_start_matches("- ")
            .strip_suffix(':')
            .filter(|k| is_key(k));
        match block_key {
            Some(key) if key_column < indent || (in_item && key_column == indent) => {
                parents.push(key);
                (indent, in_item) = layout(previous);
            }
            // Inside this list item: its own keys are siblings, its parent is further up.
            _ => match dash {
                Some(dash) if dash < indent => (indent, in_item) = (dash, true),
                _ => {}
            },
        }
    }
    parents.reverse();
    parents.extend(keys_in_line(before));
    parents
}

/// Where a line's list dash (if any) and its first key or value start, as 0-based columns.
fn dash_and_key(line: &str) -> (Option<usize>, usize) {
    let start = line.len() - line.trim_start().len();
    match line[start..].strip_prefix('-') {
        Some(rest) if rest.starts_with(' ') => {
            let after = rest.len() - rest.trim_start().len();
            (Some(start), start + 1 + after)
        }
        _ => (None, start),
    }
}

/// The indentation that encloses a line's content, and whether the line is a list item.
fn layout(line: &str) -> (usize, bool) {
    match dash_and_key(line) {
        (Some(dash), _) => (dash, true),
        (None, key) => (key, false),
    }
}

/// The keys still open at the end of a line's text, outermost first: `  products: `,
/// `- name: `, or flow style as in `domains: [{name: a.test, products: `.
fn keys_in_line(before: &str) -> Vec<&str> {
    let mut open: Vec<(usize, &str)> = Vec::new();
    let mut depth = 0_usize;
    let mut word: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '#' => break,
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                open.retain(|&(d, _)| d <= depth);
            }
            ',' => open.retain(|&(d, _)| d < depth),
            ':' if chars.peek().is_none_or(|(_, next)| next.is_whitespace()) => {
                if let Some(key) = word.map(|start| &before[start..i]).filter(|k| is_key(k)) {
                    open.retain(|&(d, _)| d < depth);
                    open.push((depth, key));
                }
            }
            _ => {}
        }
        word = match c {
            c if c.is_ascii_alphanumeric() || c == '_' => word.or(Some(i)),
            _ => None,
        };
    }
    open.into_iter().map(|(_, key)| key).collect()
}

fn is_key(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The `domain` and `search` suffixes of a resolv.conf, in order, deduplicated.
pub fn resolv_conf_domains(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.split(['#', ';']).next().unwrap_or_default();
        let mut words = line.split_whitespace();
        match words.next() {
            Some("domain") | Some("search") => {
                for word in words {
                    if let Ok(name) = normalize_dns_name(word)
                        && !out.contains(&name)
                    {
                        out.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Lowercases a DNS name, strips one trailing dot and checks its syntax (RFC 1035 lengths,
/// letters, digits, `-` and `_`).
pub fn normalize_dns_name(text: &str) -> Result<String, String> {
    let name = text.trim().trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() {
        return Err(format!("{text:?} is not a DNS name"));
    }
    if name.len() > 253 {
        return Err(format!("{text:?} is longer than 253 characters"));
    }
    for label in name.split('.') {
        let valid = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !valid {
            return Err(format!(
                "{text:?} is not a valid DNS name (label {label:?})"
            ));
        }
    }
    Ok(name)
}

/// Port 0 cannot be connected to; it is a typo, never a service.
fn nonzero_port(text: &str, address: SocketAddr) -> Result<SocketAddr, String> {
    if address.port() == 0 {
        Err(format!("{text:?}: port 0 is not a port to connect to"))
    } else {
        Ok(address)
    }
}

/// Parses `host`, `host:port`, an IP literal or `[v6]:port`.
pub fn parse_host_port(text: &str, default_port: u16) -> Result<(String, u16), String> {
    let text = text.trim();
    if let Ok(addr) = text.parse::<SocketAddr>() {
        let addr = nonzero_port(text, addr)?;
        return Ok((addr.ip().to_string(), addr.port()));
    }
    if let Ok(ip) = text
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    {
        return Ok((ip.to_string(), default_port));
    }
    let (host, port) = match text.rsplit_once(':') {
        Some((host, port)) => {
            let port: u16 = port.parse().ok().filter(|p| *p != 0).ok_or_else(|| {
                format!("{text:?}: port {port:?} is not a number from 1 to 65535")
            })?;
            (host, port)
        }
        None => (text, default_port),
    };
    Ok((normalize_dns_name(host)?, port))
}

/// Parses an IP address with optional port (`10.0.0.53`, `10.0.0.53:5353`, `[2001:db8::53]:53`).
pub fn parse_socket_address(text: &str, default_port: u16) -> Result<SocketAddr, String> {
    let text = text.trim();
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return nonzero_port(text, addr);
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, default_port))
        .map_err(|_| format!("{text:?} is not an IP address (with optional :port)"))
}

/// The machine's hostname, as the kernel reports it.
pub fn local_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// A stable client machine ID for a hostname: the same exporter host always presents the same
/// CMID, so it counts as one client on each KMS host across restarts (design §5). Shaped as a
/// random (version 4) UUID like the CMIDs Windows generates.
pub fn machine_id_for_hostname(hostname: &str) -> Uuid {
    let digest = Sha256::digest(format!("kms_exporter client machine id\0{hostname}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn truncate_chars(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_at_finds_the_setting_around_a_position() {
        let cases: &[(&str, usize, usize, &[&str])] = &[
            ("- just\n", 1, 1, &[]),
            ("client: auto\n", 1, 9, &["client"]),
            ("domains: [corp.test]\n", 1, 11, &["domains"]),
            ("domains:\n  - corp.test\n", 2, 5, &["domains"]),
            ("domains:\n- corp.test\n", 2, 3, &["domains"]),
            (
                "# c\ninterval: 60s\ndomains:\n\n  # x\n  - name: a\n    products: w\n",
                7,
                15,
                &["domains", "products"],
            ),
            (
                "domains:\n- name: a\n- name: b\n  expected_hosts: x\n",
                4,
                19,
                &["domains", "expected_hosts"],
            ),
            (
                "domains: [{name: \"a:b\", products: [w]}, {name: b, expected_hosts: k}]\n",
                1,
                67,
                &["domains", "expected_hosts"],
            ),
            ("dns:\n  servers: 10.0.0.53\n", 2, 12, &["dns", "servers"]),
            (
                "dns:  # ours\n  servers: 10.0.0.53\n",
                2,
                12,
                &["dns", "servers"],
            ),
            ("clock:\n  ntp_port: x\n", 2, 13, &["clock", "ntp_port"]),
            ("interval: 60s\n", 9, 1, &[]),
        ];
        for &(text, line, column, want) in cases {
            assert_eq!(
                keys_at(text, line, column),
                want,
                "{text:?} at {line}:{column}"
            );
        }
    }

    #[test]
    fn shape_errors_name_the_setting_and_how_it_is_written() {
        let message = |text: &str| match Config::from_yaml(text, Path::new("f.yml")) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{text:?} was accepted"),
        };
        assert_eq!(
            message("hosts: kms1.test\n"),
            "f.yml:1:8: hosts: expected a list; `hosts` is a list of mappings, one \
             `- address: kms1.corp.example.com:1688` per host (products optional)"
        );
        assert_eq!(
            message("client:\n  machine_id: [a]\n"),
            "f.yml:2:15: client.machine_id: expected a single value, not a list or mapping"
        );
        assert_eq!(
            message("interval: soon\n"),
            "f.yml:1:1: invalid value: string \"soon\", expected a duration such as 90s, 15m or \
             1h 30m"
        );
    }

    fn load(text: &str) -> Result<Config, ConfigError> {
        Config::from_yaml(text, Path::new("test.yml"))
    }

    fn err(text: &str) -> String {
        load(text)
            .expect_err("config should be rejected")
            .to_string()
    }

    #[test]
    fn empty_file_takes_documented_defaults() {
        let c = load("").unwrap();
        assert_eq!(c.interval, Duration::from_secs(60));
        assert_eq!(c.activation_interval, Duration::from_secs(900));
        assert_eq!(c.timeout, Duration::from_secs(10));
        assert_eq!(c.concurrency, 32);
        assert_eq!(c.clock.methods, vec![ClockMethod::Ntp, ClockMethod::Smb]);
        assert!(c.dns_servers.is_empty());
        assert!(c.client.workstation_name.starts_with("kms-exporter."));
    }

    #[test]
    fn full_example_parses() {
        let c = load(
            "interval: 30s\nactivation_interval: 1h\ntimeout: 5s\nconcurrency: 8\n\
             client:\n  machine_id: 11111111-2222-4333-8444-555555555555\n  workstation_name: probe.example.test\n\
             dns:\n  servers: [\"10.0.0.53\", \"[2001:db8::53]:5353\"]\n\
             domains:\n  - name: Corp.Example.COM.\n    products: [windows, office-ltsc-2024]\n    expected_hosts: [kms1.corp.example.com]\n\
             hosts:\n  - address: kms3.corp.example.com:1689\n  - address: \"[::1]\"\n\
             clock:\n  methods: [smb]\n  reference: [ntp.example.com]\n",
        )
        .unwrap();
        assert_eq!(c.interval, Duration::from_secs(30));
        assert_eq!(
            c.client.machine_id.to_string(),
            "11111111-2222-4333-8444-555555555555"
        );
        assert_eq!(c.dns_servers[0].label(), "10.0.0.53:53");
        assert_eq!(c.dns_servers[1].label(), "[2001:db8::53]:5353");
        assert_eq!(c.domains[0].name, "corp.example.com");
        assert_eq!(c.domains[0].srv_name(), "_vlmcs._tcp.corp.example.com.");
        assert_eq!(c.domains[0].products, vec!["windows", "office-ltsc-2024"]);
        assert_eq!(c.hosts[0].host, "kms3.corp.example.com");
        assert_eq!(c.hosts[0].port, 1689);
        assert_eq!(c.hosts[0].products, vec!["windows"]);
        assert_eq!(c.hosts[1].host, "::1");
        assert_eq!(c.hosts[1].port, 1688);
        assert_eq!(c.clock.reference[0].port, 123);
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let e = err("interval: 60s\ntimout: 5s\n");
        assert!(e.starts_with("test.yml:2:1: "), "{e}");
        assert!(e.contains("timout"), "{e}");
    }

    #[test]
    fn bad_duration_names_line_and_column() {
        let e = err("interval: 60s\ntimeout: 5 parsecs\n");
        assert!(e.starts_with("test.yml:2:"), "{e}");
    }

    #[test]
    fn malformed_address_names_line_and_column() {
        let e = err("hosts:\n  - address: kms1.example.com:99999\n");
        assert!(e.starts_with("test.yml:2:14: "), "{e}");
        assert!(e.contains("port"), "{e}");
        let e = err("dns:\n  servers: [\"10.0.0\"]\n");
        assert!(e.starts_with("test.yml:2:"), "{e}");
        assert!(e.contains("not an IP address"), "{e}");
    }

    #[test]
    fn unknown_product_is_rejected_with_the_known_ones() {
        let e = err("domains:\n  - name: example.com\n    products: [windows-99]\n");
        assert!(e.starts_with("test.yml:3:"), "{e}");
        assert!(
            e.contains("windows-99") && e.contains("windows-server-2025"),
            "{e}"
        );
    }

    #[test]
    fn timeout_longer_than_interval_is_rejected() {
        let e = err("interval: 5s\ntimeout: 10s\n");
        assert!(e.contains("must not exceed interval"), "{e}");
    }

    #[test]
    fn machine_id_is_stable_per_hostname() {
        let a = machine_id_for_hostname("probe01");
        assert_eq!(a, machine_id_for_hostname("probe01"));
        assert_ne!(a, machine_id_for_hostname("probe02"));
        assert_eq!(a.get_version_num(), 4);
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
    fn resolv_conf_domains_follow_domain_and_search() {
        let text = "# comment\nnameserver 10.0.0.53\ndomain Corp.Example.com\nsearch corp.example.com branch.example.com. ; x\n";
        assert_eq!(
            resolv_conf_domains(text),
            vec!["corp.example.com", "branch.example.com"]
        );
        assert!(resolv_conf_domains("nameserver 1.1.1.1\n").is_empty());
    }
}
