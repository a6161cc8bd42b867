//! The landing page: version, configuration, and the latest findings per domain and host.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use crate::config::{Config, ConfigSource};
use crate::metrics;
use crate::snapshot::{ActivationOutcome, ConnectStatus, LookupStatus, Snapshot};

/// Escapes text for HTML; names come from DNS answers and must not inject markup.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn landing_page(source: &ConfigSource, config: &Config, snapshot: &Snapshot) -> String {
    let mut page = String::with_capacity(8192);
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>KMS Exporter</title>\
         <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}\
         td,th{{border:1px solid #ccc;padding:.2em .6em;text-align:left}}.bad{{color:#b00}}</style>\
         </head><body><h1>KMS Exporter</h1><p>Version {} (revision {}). \
         <a href=\"/metrics\">Metrics</a> · <a href=\"/-/healthy\">Health</a> · <a href=\"/-/ready\">Readiness</a></p>",
        esc(metrics::VERSION),
        esc(metrics::REVISION)
    );
    let _ = write!(
        page,
        "<h2>Configuration</h2><table><tr><th>source</th><td>{}</td></tr>\
         <tr><th>interval</th><td>{}</td></tr><tr><th>activation interval</th><td>{}</td></tr>\
         <tr><th>timeout</th><td>{}</td></tr><tr><th>concurrency</th><td>{}</td></tr>\
         <tr><th>DNS servers</th><td>{}</td></tr><tr><th>client machine ID</th><td>{}</td></tr>\
         <tr><th>workstation name</th><td>{}</td></tr></table>",
        esc(&source.to_string()),
        humantime::format_duration(config.interval),
        humantime::format_duration(config.activation_interval),
        humantime::format_duration(config.timeout),
        config.concurrency,
        if config.dns_servers.is_empty() {
            "system resolver".to_owned()
        } else {
            esc(&config
                .dns_servers
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", "))
        },
        config.client.machine_id,
        esc(&config.client.workstation_name),
    );
    match &snapshot.cycle {
        None => page.push_str("<p>The first probe cycle is still running.</p>"),
        Some(cycle) => {
            let age = SystemTime::now()
                .duration_since(cycle.finished_at)
                .unwrap_or_default();
            let _ = write!(
                page,
                "<p>Last cycle finished {} ago and took {:.3} s.</p>",
                humantime::format_duration(Duration::from_secs(age.as_secs())),
                cycle.duration.as_secs_f64()
            );
        }
    }
    page.push_str("<h2>Domains</h2>");
    if snapshot.domains.is_empty() {
        page.push_str(
            "<p class=\"bad\">No domains configured or found in resolv.conf: nothing is discovered through DNS.</p>",
        );
    } else {
        page.push_str(
            "<table><tr><th>domain</th><th>DNS server</th><th>SRV status</th><th>records</th><th>detail</th></tr>",
        );
        for domain in &snapshot.domains {
            for (server, lookup) in &domain.lookups {
                let records = lookup
                    .records
                    .iter()
                    .map(|r| {
                        format!(
                            "{}:{} (prio {} weight {})",
                            r.target, r.port, r.priority, r.weight
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("<br>");
                let _ = write!(
                    page,
                    "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&domain.name),
                    esc(server),
                    if lookup.status == LookupStatus::Ok {
                        ""
                    } else {
                        "bad"
                    },
                    lookup.status.as_label(),
                    esc(&records).replace("&lt;br&gt;", "<br>"),
                    esc(lookup.detail.as_deref().unwrap_or("")),
                );
            }
        }
        page.push_str("</table>");
    }
    page.push_str("<h2>Hosts</h2>");
    if snapshot.hosts.is_empty() {
        page.push_str("<p>No KMS hosts discovered or configured.</p>");
    } else {
        page.push_str(
            "<table><tr><th>host</th><th>port</th><th>domains</th><th>addresses</th><th>TCP</th>\
             <th>connect (ms)</th><th>RPC bind</th><th>KMS up</th><th>products</th><th>clock</th></tr>",
        );
        for host in &snapshot.hosts {
            let p = host;
            let class = |good: bool| if good { "" } else { "bad" };
            let products = p
                .kms
                .activations
                .iter()
                .map(|a| {
                    let outcome = match &a.outcome {
                        ActivationOutcome::Granted(r) => {
                            format!("ok {}/{}", r.current_count, a.required_count)
                        }
                        ActivationOutcome::Refused(h) => format!("refused {h}"),
                        ActivationOutcome::Failed { status, .. } => status.as_label().to_owned(),
                    };
                    format!("{}: {outcome}", a.product)
                })
                .collect::<Vec<_>>()
                .join("<br>");
            let clock = p
                .clock
                .iter()
                .map(|r| match &r.outcome {
                    Ok(m) => format!("{} {:+.1} s", r.method.as_label(), m.offset),
                    Err(f) => format!("{} {}", r.method.as_label(), f.label),
                })
                .collect::<Vec<_>>()
                .join("<br>");
            let _ = write!(
                page,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{:.1}</td>\
                 <td class=\"{}\">{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&p.host),
                p.port,
                esc(&host.domains.join(", ")),
                esc(&p
                    .address_lookup
                    .addresses
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")),
                class(p.connect == ConnectStatus::Ok),
                p.connect.as_label(),
                p.connect_duration.as_secs_f64() * 1000.0,
                class(matches!(p.kms.bind, Some(Ok(())))),
                match &p.kms.bind {
                    Some(Ok(())) => "ok".to_owned(),
                    Some(Err(e)) => esc(e),
                    None => "-".to_owned(),
                },
                class(host.is_up()),
                if host.is_up() { "yes" } else { "no" },
                esc(&products).replace("&lt;br&gt;", "<br>"),
                esc(&clock).replace("&lt;br&gt;", "<br>"),
            );
        }
        page.push_str("</table>");
    }
    page.push_str("</body></html>\n");
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
