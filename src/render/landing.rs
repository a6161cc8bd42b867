//! The landing page: version, the configuration's source and the settings the cycle ran with,
//! and the cycle's findings per domain and host.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use crate::render::findings::{self, Statement};
use crate::render::metrics;
use crate::snapshot::{ExporterState, Settings, Snapshot};

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

/// The landing page of the exporter in `state` for the cycle in `snapshot`: version, the
/// settings the cycle ran with, and its findings per domain and host.
pub fn landing_page(snapshot: &Snapshot, state: &ExporterState) -> String {
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
        "<h2>Configuration</h2><table><tr><th>source</th><td>{}</td></tr>",
        esc(&state.config_source)
    );
    if let Some(settings) = &snapshot.settings {
        configuration(&mut page, settings);
    }
    page.push_str("</table>");
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
    domains(&mut page, snapshot);
    hosts(&mut page, snapshot);
    page.push_str("</body></html>\n");
    page
}

/// The rows of the configuration table after the source: the settings the cycle ran with.
fn configuration(page: &mut String, settings: &Settings) {
    let _ = write!(
        page,
        "<tr><th>interval</th><td>{}</td></tr><tr><th>activation interval</th><td>{}</td></tr>\
         <tr><th>timeout</th><td>{}</td></tr><tr><th>concurrency</th><td>{}</td></tr>\
         <tr><th>DNS servers</th><td>{}</td></tr><tr><th>client machine ID</th><td>{}</td></tr>\
         <tr><th>workstation name</th><td>{}</td></tr><tr><th>products</th><td>{}</td></tr>",
        humantime::format_duration(settings.cadence.interval),
        humantime::format_duration(settings.cadence.activation_interval),
        humantime::format_duration(settings.timeout),
        settings.concurrency,
        if settings.dns_servers.is_empty() {
            "system resolver".to_owned()
        } else {
            esc(&settings.dns_servers.join(", "))
        },
        esc(&settings.machine_id),
        esc(&settings.workstation_name),
        settings
            .products
            .iter()
            .map(|p| esc(&format!(
                "{} ({}, N {})",
                p.name, p.description, p.required_count
            )))
            .collect::<Vec<_>>()
            .join("<br>"),
    );
}

/// A table cell holding a finding, marked when it is a problem.
fn cell(page: &mut String, statement: &Statement) {
    let _ = write!(
        page,
        "<td class=\"{}\">{}</td>",
        if statement.problem { "bad" } else { "" },
        esc(&statement.text)
    );
}

/// A cell of several findings, one per line.
fn cells(page: &mut String, statements: &[Statement]) {
    let problem = statements.iter().any(|s| s.problem);
    let _ = write!(page, "<td class=\"{}\">", if problem { "bad" } else { "" });
    for (i, statement) in statements.iter().enumerate() {
        if i > 0 {
            page.push_str("<br>");
        }
        page.push_str(&esc(&statement.text));
    }
    page.push_str("</td>");
}

/// Each domain's SRV lookups per server, and domains that publish no host.
fn domains(page: &mut String, snapshot: &Snapshot) {
    page.push_str("<h2>Domains</h2>");
    if snapshot.domains.is_empty() {
        page.push_str(
            "<p class=\"bad\">No domains configured or found in resolv.conf: nothing is discovered through DNS.</p>",
        );
        return;
    }
    page.push_str(
        "<table><tr><th>domain</th><th>DNS server</th><th>SRV lookup</th><th>records</th></tr>",
    );
    for domain in &snapshot.domains {
        for (server, lookup) in &domain.lookups {
            let _ = write!(
                page,
                "<tr><td>{}</td><td>{}</td>",
                esc(&domain.name),
                esc(server)
            );
            cell(page, &findings::srv_lookup(lookup));
            let records: Vec<Statement> = lookup
                .records
                .iter()
                .map(|r| Statement {
                    text: findings::srv_record(r),
                    problem: false,
                })
                .collect();
            cells(page, &records);
            page.push_str("</tr>");
        }
    }
    page.push_str("</table>");
    for domain in &snapshot.domains {
        let statements = [
            findings::nothing_published(domain),
            findings::kept_hosts(domain),
        ];
        for statement in statements.into_iter().flatten() {
            let _ = write!(page, "<p class=\"bad\">{}</p>", esc(&statement.text));
        }
    }
    clients(page, snapshot);
}

/// What each domain's clients would get per product, as `kms_domain_activation_result_ratio`.
fn clients(page: &mut String, snapshot: &Snapshot) {
    page.push_str(
        "<h2>Clients</h2><table><tr><th>domain</th><th>if clients activated now</th></tr>",
    );
    for domain in &snapshot.domains {
        for result in crate::render::clients::for_domain(snapshot, domain) {
            let _ = write!(page, "<tr><td>{}</td>", esc(&domain.name));
            cell(page, &findings::clients(&result));
            page.push_str("</tr>");
        }
    }
    page.push_str("</table>");
}

/// Each host's findings, one row per `host:port`.
fn hosts(page: &mut String, snapshot: &Snapshot) {
    page.push_str("<h2>Hosts</h2>");
    if snapshot.hosts.is_empty() {
        page.push_str("<p>No KMS hosts discovered or configured.</p>");
        return;
    }
    page.push_str(
        "<table><tr><th>host</th><th>port</th><th>domains</th><th>addresses</th><th>TCP</th>\
         <th>RPC bind</th><th>KMS up</th><th>products</th><th>clock</th></tr>",
    );
    let none = Statement {
        text: "-".to_owned(),
        problem: false,
    };
    for host in &snapshot.hosts {
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td>",
            esc(&host.host),
            host.port,
            esc(&host.domains.join(", ")),
        );
        cell(page, &findings::addresses(host));
        let mut tcp = vec![findings::tcp(host).unwrap_or_else(|| none.clone())];
        tcp.extend(findings::failed_addresses(host));
        cells(page, &tcp);
        cell(
            page,
            &findings::rpc_bind(host).unwrap_or_else(|| none.clone()),
        );
        cell(page, &findings::kms_up(host));
        let products: Vec<Statement> = host
            .kms
            .activations
            .iter()
            .map(|a| {
                let line = findings::activation(a);
                Statement {
                    text: line.inline(),
                    problem: line.problem,
                }
            })
            .collect();
        cells(page, &products);
        let clocks: Vec<Statement> = host.clock.iter().map(findings::clock).collect();
        cells(page, &clocks);
        page.push_str("</tr>");
    }
    page.push_str("</table>");
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
