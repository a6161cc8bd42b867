//! The file as written → [`Config`]: one check per section of the file (README, "Configuration"),
//! each failing at the position of the value it is about.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_saphyr::{Location, Spanned};
use uuid::Uuid;

use super::address::{normalize_dns_name, parse_host_port, parse_socket_address};
use super::identity::{local_hostname, machine_id_for_hostname, truncate_chars};
use super::raw::{
    FromScalar, HumanDuration, Parsed, RawClient, RawClock, RawConfig, RawDns, RawDomain, RawHost,
};
use super::{
    ClientIdentity, ClockConfig, Config, ConfigError, ConfigProblem, DEFAULT_PRODUCT,
    DEFAULT_RESOLV_CONF, DNS_PORT, Domain, KMS_PORT, MAX_ACTIVATION_INTERVAL, MAX_CONCURRENCY,
    MAX_INTERVAL, MAX_KEEP_LAST_ANSWER, MAX_TIMEOUT, MIN_INTERVAL, NameServer, ReferenceServer,
    StaticHost, limit_text, lookup_product,
};
use crate::clock::{ClockMethod, NTP_PORT};
use crate::kms::products::{ProductTable, RawProduct};

/// Longest workstation name the KMS request can carry (`docs/protocol.md` §2.1: 63 WCHARs + NUL).
const MAX_WORKSTATION_NAME: usize = 63;

/// Checks a parsed file into the configuration the scheduler runs on; `path` is only used in
/// error messages. Every problem is reported, ordered by position, except those of checks that
/// depend on a value already found wrong (a domain refused as a name is not also checked for
/// duplicates; products are not looked up in a table that `products:` failed to build).
pub(super) fn validate(raw: RawConfig, path: &Path) -> Result<Config, ConfigError> {
    let mut check = Checker::default();
    let timing = check.timing(&raw);
    let client = check.client_identity(raw.client);
    let products = check.product_table(raw.products);
    let dns_keep_last_answer = check.at_most(
        "dns.keep_last_answer",
        &raw.dns.keep_last_answer,
        MAX_KEEP_LAST_ANSWER,
    );
    let dns_servers = check.dns_servers(raw.dns);
    let discover_domains = raw.domains.is_none();
    let domains = check.domains(products.as_ref(), raw.domains.unwrap_or_default());
    let hosts = check.hosts(products.as_ref(), raw.hosts);
    let clock = check.clock(raw.clock);
    match (
        timing,
        client,
        products,
        dns_keep_last_answer,
        dns_servers,
        domains,
        hosts,
        clock,
    ) {
        (
            Some(Timing {
                interval,
                activation_interval,
                timeout,
                concurrency,
            }),
            Some(client),
            Some(products),
            Some(dns_keep_last_answer),
            Some(dns_servers),
            Some(domains),
            Some(hosts),
            Some(clock),
        ) if check.problems.is_empty() => Ok(Config {
            interval,
            activation_interval,
            timeout,
            concurrency,
            client,
            dns_servers,
            dns_keep_last_answer,
            domains,
            hosts,
            clock,
            products,
            // Not a setting of the file: `ConfigSource::read` puts `--dns.resolv-conf` here.
            resolv_conf: PathBuf::from(DEFAULT_RESOLV_CONF),
            discover_domains,
        }),
        _ => Err(ConfigError::invalid(path, check.problems)),
    }
}

/// The top-level settings that pace the probes, checked against each other.
struct Timing {
    interval: Duration,
    activation_interval: Duration,
    timeout: Duration,
    concurrency: usize,
}

/// Collects the problems of a file, each at the position of its value.
#[derive(Default)]
struct Checker {
    problems: Vec<ConfigProblem>,
}

impl Checker {
    /// Notes a problem at `at`; the checks go on.
    fn report(&mut self, at: Location, message: impl Into<String>) {
        self.problems.push(ConfigProblem {
            line: at.line(),
            column: at.column(),
            message: message.into(),
        });
    }

    /// `value` when no problem was reported since the check began with `before` of them.
    fn unless_reported<T>(&self, before: usize, value: T) -> Option<T> {
        (self.problems.len() == before).then_some(value)
    }

    /// A setting's value, or `None` and a problem at its position when it does not parse.
    fn parsed<T: FromScalar + Copy>(
        &mut self,
        setting: &str,
        value: &Spanned<Parsed<T>>,
    ) -> Option<T> {
        match &value.value.0 {
            Ok(parsed) => Some(*parsed),
            Err(text) if T::FROM_TEXT => {
                self.report(
                    value.referenced,
                    format!(
                        "{setting}: invalid value {text:?}, expected {}",
                        T::EXPECTED
                    ),
                );
                None
            }
            Err(text) => {
                self.report(
                    value.referenced,
                    format!("{setting}: expected {}, not {text:?}", T::EXPECTED),
                );
                None
            }
        }
    }

    /// A duration setting, refused when it does not parse or is above `max` (written as the
    /// README gives it, [`limit_text`]).
    fn at_most(
        &mut self,
        setting: &str,
        value: &Spanned<HumanDuration>,
        max: Duration,
    ) -> Option<Duration> {
        let duration = self.parsed(setting, value)?;
        if duration > max {
            self.report(
                value.referenced,
                format!(
                    "{setting} ({}) must not exceed {}",
                    humantime::format_duration(duration),
                    limit_text(max)
                ),
            );
            return None;
        }
        Some(duration)
    }

    /// `interval`, `activation_interval`, `timeout` and `concurrency`.
    fn timing(&mut self, raw: &RawConfig) -> Option<Timing> {
        let before = self.problems.len();
        let interval = match self.at_most("interval", &raw.interval, MAX_INTERVAL) {
            Some(interval) if interval < MIN_INTERVAL => {
                self.report(
                    raw.interval.referenced,
                    format!("interval must be at least {}", limit_text(MIN_INTERVAL)),
                );
                None
            }
            interval => interval,
        };
        let timeout = match self.at_most("timeout", &raw.timeout, MAX_TIMEOUT) {
            Some(timeout) if timeout.is_zero() => {
                self.report(raw.timeout.referenced, "timeout must be greater than 0s");
                None
            }
            timeout => timeout,
        };
        if let (Some(interval), Some(timeout)) = (interval, timeout)
            && timeout > interval
        {
            let at = if raw.timeout.referenced == Location::UNKNOWN {
                raw.interval.referenced
            } else {
                raw.timeout.referenced
            };
            self.report(
                at,
                format!(
                    "timeout ({}) must not exceed interval ({}): a probe must end before the next cycle starts",
                    humantime::format_duration(timeout),
                    humantime::format_duration(interval)
                ),
            );
        }
        let activation_interval = match self.at_most(
            "activation_interval",
            &raw.activation_interval,
            MAX_ACTIVATION_INTERVAL,
        ) {
            Some(activation_interval) if activation_interval.is_zero() => {
                self.report(
                    raw.activation_interval.referenced,
                    "activation_interval must be greater than 0s",
                );
                None
            }
            activation_interval => activation_interval,
        };
        let concurrency = match self.parsed("concurrency", &raw.concurrency) {
            Some(concurrency) if concurrency == 0 || concurrency > MAX_CONCURRENCY => {
                self.report(
                    raw.concurrency.referenced,
                    format!("concurrency must be between 1 and {MAX_CONCURRENCY}"),
                );
                None
            }
            concurrency => concurrency,
        };
        let timing = Timing {
            interval: interval?,
            activation_interval: activation_interval?,
            timeout: timeout?,
            concurrency: concurrency?,
        };
        self.unless_reported(before, timing)
    }

    /// `client:`, with `auto` resolved from this machine's hostname.
    fn client_identity(&mut self, client: RawClient) -> Option<ClientIdentity> {
        let hostname = local_hostname();
        let machine_id = match client.machine_id.value.trim() {
            "auto" => Some(machine_id_for_hostname(&hostname)),
            text => match Uuid::parse_str(text) {
                Ok(id) => Some(id),
                Err(e) => {
                    self.report(
                        client.machine_id.referenced,
                        format!("client.machine_id: {text:?} is neither `auto` nor a UUID: {e}"),
                    );
                    None
                }
            },
        };
        let workstation_name = match client.workstation_name.value.trim() {
            "auto" => Some(truncate_chars(
                &format!("kms-exporter.{hostname}"),
                MAX_WORKSTATION_NAME,
            )),
            "" => {
                self.report(
                    client.workstation_name.referenced,
                    "client.workstation_name must not be empty",
                );
                None
            }
            name if name.chars().count() > MAX_WORKSTATION_NAME => {
                self.report(
                    client.workstation_name.referenced,
                    format!(
                        "client.workstation_name is {} characters; the KMS request carries at most {MAX_WORKSTATION_NAME}",
                        name.chars().count()
                    ),
                );
                None
            }
            name => Some(name.to_owned()),
        };
        Some(ClientIdentity {
            machine_id: machine_id?,
            workstation_name: workstation_name?,
        })
    }

    /// The built-in products plus `products:`.
    fn product_table(&mut self, raw: Vec<Spanned<RawProduct>>) -> Option<ProductTable> {
        let before = self.problems.len();
        let mut products = ProductTable::builtin();
        for raw_product in raw {
            let at = raw_product.referenced;
            if let Err(e) = products.add(raw_product.value) {
                self.report(at, format!("products: {e}"));
            }
        }
        self.unless_reported(before, products)
    }

    /// A domain's or host's `products:`, each known to `products` (not looked up when the table
    /// could not be built); none means the default.
    fn product_names(
        &mut self,
        products: Option<&ProductTable>,
        list: Vec<Spanned<String>>,
    ) -> Option<Vec<String>> {
        if list.is_empty() {
            return Some(vec![DEFAULT_PRODUCT.to_owned()]);
        }
        let before = self.problems.len();
        let mut names: Vec<String> = Vec::with_capacity(list.len());
        for item in list {
            let name = item.value.trim().to_owned();
            if let Some(products) = products
                && let Err(unknown) = lookup_product(products, &name)
            {
                self.report(item.referenced, unknown.to_string());
                continue;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
        self.unless_reported(before, names)
    }

    /// `dns.servers`, duplicates dropped.
    fn dns_servers(&mut self, dns: RawDns) -> Option<Vec<NameServer>> {
        let before = self.problems.len();
        let mut dns_servers = Vec::new();
        for server in dns.servers {
            let address = match parse_socket_address(&server.value, DNS_PORT) {
                Ok(address) => address,
                Err(e) => {
                    self.report(server.referenced, format!("dns.servers: {e}"));
                    continue;
                }
            };
            if !dns_servers
                .iter()
                .any(|s: &NameServer| s.address == address)
            {
                dns_servers.push(NameServer { address });
            }
        }
        self.unless_reported(before, dns_servers)
    }

    /// `domains:`, each listed once.
    fn domains(
        &mut self,
        products: Option<&ProductTable>,
        raw: Vec<RawDomain>,
    ) -> Option<Vec<Domain>> {
        let before = self.problems.len();
        let mut domains: Vec<Domain> = Vec::new();
        for domain in raw {
            let name = match normalize_dns_name(&domain.name.value) {
                Ok(name) if domains.iter().any(|d| d.name == name) => {
                    self.report(
                        domain.name.referenced,
                        format!("domains: {name:?} is listed twice"),
                    );
                    None
                }
                Ok(name) => Some(name),
                Err(e) => {
                    self.report(domain.name.referenced, format!("domains: {e}"));
                    None
                }
            };
            let expected_hosts = match domain.expected_hosts {
                None => Some(None),
                Some(list) => {
                    let mut set = BTreeSet::new();
                    for host in list {
                        match normalize_dns_name(&host.value) {
                            Ok(host) => {
                                set.insert(host);
                            }
                            Err(e) => self.report(host.referenced, format!("expected_hosts: {e}")),
                        }
                    }
                    Some(Some(set))
                }
            };
            let products = self.product_names(products, domain.products);
            if let (Some(name), Some(expected_hosts), Some(products)) =
                (name, expected_hosts, products)
            {
                domains.push(Domain {
                    name,
                    products,
                    expected_hosts,
                });
            }
        }
        self.unless_reported(before, domains)
    }

    /// `hosts:`, each host and port listed once.
    fn hosts(
        &mut self,
        products: Option<&ProductTable>,
        raw: Vec<RawHost>,
    ) -> Option<Vec<StaticHost>> {
        let before = self.problems.len();
        let mut hosts: Vec<StaticHost> = Vec::new();
        for host in raw {
            let address = match parse_host_port(&host.address.value, KMS_PORT) {
                Ok((name, port)) if hosts.iter().any(|h| h.host == name && h.port == port) => {
                    self.report(
                        host.address.referenced,
                        format!("hosts: {name}:{port} is listed twice"),
                    );
                    None
                }
                Ok(address) => Some(address),
                Err(e) => {
                    self.report(host.address.referenced, format!("hosts.address: {e}"));
                    None
                }
            };
            let products = self.product_names(products, host.products);
            if let (Some((name, port)), Some(products)) = (address, products) {
                hosts.push(StaticHost {
                    host: name,
                    port,
                    products,
                });
            }
        }
        self.unless_reported(before, hosts)
    }

    /// `clock:`.
    fn clock(&mut self, clock: RawClock) -> Option<ClockConfig> {
        let before = self.problems.len();
        let mut methods = Vec::new();
        for method in clock.methods {
            let Some(parsed) = ClockMethod::from_label(method.value.trim()) else {
                let known: Vec<&str> = ClockMethod::ALL.map(ClockMethod::as_label).into();
                self.report(
                    method.referenced,
                    format!(
                        "clock.methods: unknown method {:?}; use {}",
                        method.value.trim(),
                        known.join(" and/or ")
                    ),
                );
                continue;
            };
            if !methods.contains(&parsed) {
                methods.push(parsed);
            }
        }
        let mut ports = [0; 2];
        for (port, (setting, value)) in ports.iter_mut().zip([
            ("clock.ntp_port", &clock.ntp_port),
            ("clock.smb_port", &clock.smb_port),
        ]) {
            match self.parsed(setting, value) {
                Some(0) => self.report(value.referenced, "clock ports must be from 1 to 65535"),
                Some(parsed) => *port = parsed,
                None => {}
            }
        }
        let [ntp_port, smb_port] = ports;
        let mut reference = Vec::new();
        for server in clock.reference {
            match parse_host_port(&server.value, NTP_PORT) {
                Ok((host, port)) => reference.push(ReferenceServer {
                    name: server.value.trim().to_owned(),
                    host,
                    port,
                }),
                Err(e) => self.report(server.referenced, format!("clock.reference: {e}")),
            }
        }
        self.unless_reported(
            before,
            ClockConfig {
                methods,
                reference,
                ntp_port,
                smb_port,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::config::tests::{err, load};

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
        assert_eq!(c.clock.reference[0].port, crate::clock::NTP_PORT);
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
    fn every_problem_is_listed_by_position_but_not_those_of_values_already_wrong() {
        let e = err("interval: 0s\n\
             clock:\n  methods: [sundial]\n  reference: [\"a..b\"]\n\
             hosts:\n  - address: \"kms:0\"\n    products: [x]\n  - address: kms1\n  - address: kms1\n\
             domains: [{name: \"-x\"}, {name: \"-x\"}]\n\
             products:\n  - {name: windows, application_id: 55c92734-d682-4d71-983e-d6ec3f16059f, \
             kms_counted_id: 55c92734-d682-4d71-983e-d6ec3f16059f, \
             sku_id: 55c92734-d682-4d71-983e-d6ec3f16059f, required_count: 5}\n");
        // `products: [x]` (line 7) is not looked up: the product table failed to build.
        let lines: Vec<&str> = e.lines().collect();
        assert_eq!(
            lines,
            [
                "test.yml:1:11: interval must be at least 1s",
                "test.yml:3:13: clock.methods: unknown method \"sundial\"; use ntp and/or smb",
                "test.yml:4:15: clock.reference: \"a..b\" is not a valid DNS name (label \"\")",
                "test.yml:6:14: hosts.address: \"kms:0\": port \"0\" is not a number from 1 to 65535",
                "test.yml:9:14: hosts: kms1:1688 is listed twice",
                "test.yml:10:18: domains: \"-x\" is not a valid DNS name (label \"-x\")",
                "test.yml:10:32: domains: \"-x\" is not a valid DNS name (label \"-x\")",
                "test.yml:12:5: products: product \"windows\" is already defined",
            ],
            "{e}"
        );
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
    fn every_duration_is_refused_above_its_bound_at_its_position() {
        for (yaml, expected) in [
            (
                "interval: 400000000000y\n",
                "test.yml:1:11: interval (400000000000years) must not exceed 24h",
            ),
            (
                "interval: 24h 1s\n",
                "test.yml:1:11: interval (1day 1s) must not exceed 24h",
            ),
            (
                "interval: 1h\ntimeout: 5m 1s\n",
                "test.yml:2:10: timeout (5m 1s) must not exceed 5m",
            ),
            (
                "timeout: 400000000000y\n",
                "test.yml:1:10: timeout (400000000000years) must not exceed 5m",
            ),
            (
                "activation_interval: 8d\n",
                "test.yml:1:22: activation_interval (8days) must not exceed 7d",
            ),
            (
                "activation_interval: 400000000000y\n",
                "test.yml:1:22: activation_interval (400000000000years) must not exceed 7d",
            ),
            (
                "dns:\n  keep_last_answer: 24h 1s\n",
                "test.yml:2:21: dns.keep_last_answer (1day 1s) must not exceed 24h",
            ),
            (
                "dns: {keep_last_answer: 400000000000y}\n",
                "test.yml:1:25: dns.keep_last_answer (400000000000years) must not exceed 24h",
            ),
        ] {
            assert_eq!(err(yaml), expected, "{yaml:?}");
        }
    }

    #[test]
    fn every_duration_is_accepted_at_its_bound() {
        let c = load(
            "interval: 24h\ntimeout: 5m\nactivation_interval: 7d\ndns:\n  keep_last_answer: 24h\n",
        )
        .unwrap();
        assert_eq!(c.interval, crate::config::MAX_INTERVAL);
        assert_eq!(c.timeout, crate::config::MAX_TIMEOUT);
        assert_eq!(
            c.activation_interval,
            crate::config::MAX_ACTIVATION_INTERVAL
        );
        assert_eq!(c.dns_keep_last_answer, crate::config::MAX_KEEP_LAST_ANSWER);
    }

    #[test]
    fn keep_last_answer_zero_means_never_keep() {
        let c = load("dns:\n  keep_last_answer: 0s\n").unwrap();
        assert_eq!(c.dns_keep_last_answer, Duration::ZERO);
        let c = load("dns:\n  keep_last_answer: 90m\n").unwrap();
        assert_eq!(c.dns_keep_last_answer, Duration::from_secs(90 * 60));
    }

    #[test]
    fn timeout_longer_than_interval_is_rejected() {
        let e = err("interval: 5s\ntimeout: 10s\n");
        assert!(e.contains("must not exceed interval"), "{e}");
    }
}
