//! Host, port and DNS-name syntax shared by the config file, resolv.conf and the `probe`
//! target, so that every place that accepts an address accepts the same ones.

use std::net::{IpAddr, SocketAddr};

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
}
