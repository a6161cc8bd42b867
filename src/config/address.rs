//! Host, port and DNS-name syntax shared by the config file, resolv.conf and the `probe`
//! target, so that every place that accepts an address accepts the same ones.

use std::net::{IpAddr, SocketAddr};

/// Why a host, port, DNS name or IP address was refused. `text` is the value as written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Nothing left once whitespace and the trailing dot are gone.
    #[error("{text:?} is not a DNS name")]
    EmptyName { text: String },
    /// Longer than RFC 1035 allows.
    #[error("{text:?} is longer than 253 characters")]
    NameTooLong { text: String },
    /// A label that is empty, too long, or holds a character a DNS name cannot.
    #[error("{text:?} is not a valid DNS name (label {label:?})")]
    InvalidLabel { text: String, label: String },
    /// Port 0 cannot be connected to; it is a typo, never a service.
    #[error("{text:?}: port 0 is not a port to connect to")]
    PortZero { text: String },
    /// The part after the last `:` is not a port.
    #[error("{text:?}: port {port:?} is not a number from 1 to 65535")]
    InvalidPort { text: String, port: String },
    /// Not an IP address, with or without a port.
    #[error("{text:?} is not an IP address (with optional :port)")]
    NotIpAddress { text: String },
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

/// Kubernetes' default cluster domain. `.local` is reserved for multicast DNS (RFC 6762), so no
/// unicast DNS server publishes `_vlmcs._tcp` under it for Windows clients.
const KUBERNETES_CLUSTER_DOMAIN: &str = "cluster.local";

/// The suffixes of a resolv.conf search list that name a Kubernetes cluster's own services, not a
/// network that Windows clients share: a pod's resolv.conf lists `NAMESPACE.svc.DOMAIN`,
/// `svc.DOMAIN` and `DOMAIN` (the cluster domain, `cluster.local` unless the cluster sets
/// another) before the node's own suffixes.
///
/// Skipped: `cluster.local` and every name under it; and, for a cluster domain of another name,
/// `DOMAIN`, `svc.DOMAIN` and every `*.svc.DOMAIN` when the list holds both `svc.DOMAIN` and a
/// name under it — the shape of a pod's search list, which a list of ordinary suffixes does not
/// have.
pub fn cluster_internal_suffixes(domains: &[String]) -> Vec<String> {
    let under = |name: &str, parent: &str| {
        name.strip_suffix(parent)
            .is_some_and(|head| head.ends_with('.') && head.len() > 1)
    };
    let cluster_domains: Vec<&str> = domains
        .iter()
        .filter_map(|name| name.strip_prefix("svc."))
        .filter(|domain| {
            let svc = format!("svc.{domain}");
            domains.iter().any(|other| under(other, &svc))
        })
        .chain([KUBERNETES_CLUSTER_DOMAIN])
        .collect();
    domains
        .iter()
        .filter(|name| {
            cluster_domains.iter().any(|domain| {
                if *domain == KUBERNETES_CLUSTER_DOMAIN {
                    name.as_str() == *domain || under(name, domain)
                } else {
                    let svc = format!("svc.{domain}");
                    name.as_str() == *domain || name.as_str() == svc || under(name, &svc)
                }
            })
        })
        .cloned()
        .collect()
}

/// Lowercases a DNS name, strips one trailing dot and checks its syntax (RFC 1035 lengths,
/// letters, digits, `-` and `_`).
pub fn normalize_dns_name(text: &str) -> Result<String, AddressError> {
    let name = text.trim().trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() {
        return Err(AddressError::EmptyName { text: text.into() });
    }
    if name.len() > 253 {
        return Err(AddressError::NameTooLong { text: text.into() });
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
            return Err(AddressError::InvalidLabel {
                text: text.into(),
                label: label.into(),
            });
        }
    }
    Ok(name)
}

/// Port 0 cannot be connected to; it is a typo, never a service.
fn nonzero_port(text: &str, address: SocketAddr) -> Result<SocketAddr, AddressError> {
    if address.port() == 0 {
        Err(AddressError::PortZero { text: text.into() })
    } else {
        Ok(address)
    }
}

/// The `port` of `text`, from 1 to 65535.
fn port_number(text: &str, port: &str) -> Result<u16, AddressError> {
    port.parse()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| AddressError::InvalidPort {
            text: text.into(),
            port: port.into(),
        })
}

/// Parses `host`, `host:port`, an IP literal or `[v6]:port`.
pub fn parse_host_port(text: &str, default_port: u16) -> Result<(String, u16), AddressError> {
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
        Some((host, port)) => (host, port_number(text, port)?),
        None => (text, default_port),
    };
    Ok((normalize_dns_name(host)?, port))
}

/// Parses an IP address with optional port (`10.0.0.53`, `10.0.0.53:5353`, `[2001:db8::53]:53`).
pub fn parse_socket_address(text: &str, default_port: u16) -> Result<SocketAddr, AddressError> {
    let text = text.trim();
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return nonzero_port(text, addr);
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, default_port))
        .map_err(|_| AddressError::NotIpAddress { text: text.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_conf_domains_follow_domain_and_search() {
        let text = "# comment\nnameserver 10.0.0.53\ndomain Corp.Example.com\nsearch corp.example.com branch.example.com. ; x\n";
        assert_eq!(
            resolv_conf_domains(text),
            vec!["corp.example.com", "branch.example.com"]
        );
        assert!(resolv_conf_domains("nameserver 1.1.1.1\n").is_empty());
    }

    fn skipped(search: &str) -> Vec<String> {
        cluster_internal_suffixes(&resolv_conf_domains(&format!("search {search}\n")))
    }

    #[test]
    fn a_pods_search_list_is_cluster_internal_but_the_nodes_suffixes_are_not() {
        assert_eq!(
            skipped("default.svc.cluster.local svc.cluster.local cluster.local corp.test"),
            [
                "default.svc.cluster.local",
                "svc.cluster.local",
                "cluster.local"
            ]
        );
        // Another namespace, and a cluster domain of another name.
        assert_eq!(
            skipped("monitoring.svc.k8s.corp.test svc.k8s.corp.test k8s.corp.test corp.test"),
            [
                "monitoring.svc.k8s.corp.test",
                "svc.k8s.corp.test",
                "k8s.corp.test"
            ]
        );
        // Names that only look alike stay.
        assert!(skipped("corp.test svc.corp.test branch.test").is_empty());
        assert!(skipped("mycluster.local notcluster.local svcs.corp.test").is_empty());
        assert!(skipped("corp.test").is_empty());
    }
}
