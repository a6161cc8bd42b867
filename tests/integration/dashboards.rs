//! Keeps the Grafana dashboards (`grafana/*.json`) importable and honest (docs/architecture.md §6):
//! fixed uids, the `datasource`/`job`/`instance`/`domain`/`host` variables, a description, a unit
//! and the `${datasource}` data source on every panel, HRESULT value mappings that name exactly the
//! codes of the catalog, and queries that name only metrics the exporter publishes and that
//! promtool parses.
//!
//! `dashboard_queries()` is also the list an end-to-end test evaluates against a real Prometheus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use kms_exporter::codes;
use serde_json::{Value, json};

use crate::support::promql::{metric_names_in_expr, selectors};
use crate::support::tools::tool;

/// The dashboards: file under `grafana/` and its fixed uid.
pub const DASHBOARDS: [(&str, &str); 2] = [
    ("kms-overview.json", "kms-overview"),
    ("kms-host.json", "kms-host"),
];

/// The template variables every dashboard has, in this order: each query variable is filtered by
/// the ones before it.
const VARIABLES: [&str; 6] = ["datasource", "site", "job", "instance", "domain", "host"];

/// The clock measurement's metrics (README, "Metrics"), accepted whether or not the table lists
/// them.
const CLOCK_METRICS: [&str; 6] = [
    "kms_host_clock_offset_seconds",
    "kms_host_clock_rtt_seconds",
    "kms_host_clock_probe_success",
    "kms_host_clock_ntp_stratum",
    "kms_host_clock_ntp_leap",
    "kms_exporter_clock_offset_seconds",
];

/// Series that Prometheus itself produces and the dashboards may use.
const PROMETHEUS_SERIES: [&str; 1] = ["ALERTS"];

/// One PromQL expression of a dashboard, with its template variables replaced (see
/// [`substitute_variables`]) so that Prometheus can evaluate it as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardQuery {
    /// The dashboard's uid.
    pub dashboard: String,
    /// The panel title, or `variable NAME` for a template variable's query.
    pub panel: String,
    /// The expression, ready for `/api/v1/query`.
    pub expr: String,
}

/// Every target expression of every panel (rows' nested panels included, hidden targets too) and
/// the PromQL inside every query variable (`label_values(SELECTOR, label)` gives `SELECTOR`,
/// `query_result(EXPR)` gives `EXPR`), of both dashboards, with variables substituted by
/// [`substitute_variables`].
pub fn dashboard_queries() -> Vec<DashboardQuery> {
    let mut queries = Vec::new();
    for (file, uid) in DASHBOARDS {
        let dashboard = load(file);
        for panel in panels(&dashboard) {
            let title = panel["title"].as_str().unwrap_or("(untitled)");
            for target in targets(panel) {
                let expr = target["expr"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{file}: panel {title:?}: a target without `expr`"));
                queries.push(DashboardQuery {
                    dashboard: uid.to_owned(),
                    panel: title.to_owned(),
                    expr: substitute_variables(expr),
                });
            }
        }
        for variable in variables(&dashboard) {
            if variable["type"] != "query" {
                continue;
            }
            let name = variable["name"].as_str().unwrap_or_default();
            let query = variable_query(variable)
                .unwrap_or_else(|| panic!("{file}: variable {name} has no query"));
            let expr = variable_promql(&query).unwrap_or_else(|| {
                panic!(
                    "{file}: variable {name}: {query:?} is neither label_values(SELECTOR, label) \
                     nor query_result(EXPR)"
                )
            });
            queries.push(DashboardQuery {
                dashboard: uid.to_owned(),
                panel: format!("variable {name}"),
                expr: substitute_variables(expr),
            });
        }
    }
    queries
}

/// The target expressions of the panel titled `title` on the dashboard in `file`, as written
/// (variables not substituted).
pub fn panel_exprs(file: &str, title: &str) -> Vec<String> {
    let dashboard = load(file);
    let found: Vec<String> = panels(&dashboard)
        .into_iter()
        .filter(|panel| panel["title"] == title)
        .flat_map(targets)
        .filter_map(|target| target["expr"].as_str().map(str::to_owned))
        .collect();
    assert!(!found.is_empty(), "{file}: no panel {title:?} with queries");
    found
}

/// Replaces the dashboards' variables by values Prometheus can evaluate:
///
/// - Grafana's interval variables: `$__rate_interval` → `5m`, `$__interval` → `1m`,
///   `$__range` → `1h` (also in the `${...}` form);
/// - the template variables `$site`, `$job`, `$instance`, `$domain`, `$host` (also `${name}` and
///   `${name:format}`) → `.*`. The dashboards use them only as the value of `=~` matchers
///   (`host=~"$host"`), so `.*` means "every series", which is also what "All" selects.
///
/// `$datasource` never occurs in a query (only in `datasource.uid`). A `$` left over after this is
/// a variable the rule does not know, and fails the lint test.
pub fn substitute_variables(expr: &str) -> String {
    let mut out = expr.to_owned();
    for (name, value) in [
        ("__rate_interval", "5m"),
        ("__interval", "1m"),
        ("__range", "1h"),
    ] {
        out = out.replace(&format!("${{{name}}}"), value);
        out = out.replace(&format!("${name}"), value);
    }
    for name in ["site", "job", "instance", "domain", "host"] {
        // `${name:format}` first, then `${name}`, then `$name` not followed by a name character.
        while let Some(start) = out.find(&format!("${{{name}:")) {
            let end = out[start..]
                .find('}')
                .map(|i| start + i + 1)
                .unwrap_or_else(|| panic!("unterminated ${{{name}:...}} in {expr:?}"));
            out.replace_range(start..end, ".*");
        }
        out = out.replace(&format!("${{{name}}}"), ".*");
        let token = format!("${name}");
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(&token) {
            let after = &rest[i + token.len()..];
            let continues = after
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
            result.push_str(&rest[..i]);
            result.push_str(if continues { &token } else { ".*" });
            rest = after;
        }
        result.push_str(rest);
        out = result;
    }
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn load(file: &str) -> Value {
    let path = root().join("grafana").join(file);
    serde_json::from_str(&read(&path))
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

/// Every panel of a dashboard: top-level ones and those nested in (collapsed) rows.
pub fn panels(dashboard: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for panel in dashboard["panels"].as_array().into_iter().flatten() {
        out.push(panel);
        for nested in panel["panels"].as_array().into_iter().flatten() {
            out.push(nested);
        }
    }
    out
}

pub fn targets(panel: &Value) -> impl Iterator<Item = &Value> {
    panel["targets"].as_array().into_iter().flatten()
}

pub fn variables(dashboard: &Value) -> &[Value] {
    dashboard["templating"]["list"]
        .as_array()
        .map_or(&[], Vec::as_slice)
}

/// A query variable's query text: a string, or `{"query": "..."}` as Grafana 10 saves it.
pub fn variable_query(variable: &Value) -> Option<String> {
    match &variable["query"] {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("query").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// The PromQL inside a Prometheus variable query.
pub fn variable_promql(query: &str) -> Option<&str> {
    let query = query.trim();
    if let Some(inner) = query
        .strip_prefix("query_result(")
        .and_then(|q| q.strip_suffix(')'))
    {
        return Some(inner.trim());
    }
    let inner = query
        .strip_prefix("label_values(")
        .and_then(|q| q.strip_suffix(')'))?;
    // The label is the last comma-separated argument; the selector is everything before it.
    let (selector, label) = inner.rsplit_once(',')?;
    let label = label.trim();
    (!label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    .then(|| selector.trim())
}

fn expected_datasource() -> Value {
    json!({"type": "prometheus", "uid": "${datasource}"})
}

/// True when `description` has a sentence starting with "Unitless:" that gives a reason: at the
/// start of the description, or after the end of a previous sentence or line.
fn has_unitless_reason(description: &str) -> bool {
    description.match_indices("Unitless:").any(|(i, marker)| {
        let before = description[..i].trim_end_matches(' ');
        let starts_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '\n']);
        let reason = description[i + marker.len()..].trim();
        starts_sentence && !reason.is_empty()
    })
}

/// The metric names of the README table (rows starting with "| `kms_"), the clock metrics, and
/// the series Prometheus produces.
fn known_metrics() -> BTreeSet<String> {
    let readme = read(&root().join("README.md"));
    let mut names: BTreeSet<String> = readme
        .lines()
        .filter(|line| line.starts_with("| `kms_"))
        .filter_map(|line| line.split('`').nth(1).map(str::to_owned))
        .collect();
    assert!(
        names.len() >= 25,
        "the README metric table looks truncated: only {names:?}"
    );
    names.extend(CLOCK_METRICS.iter().map(|s| (*s).to_owned()));
    names.extend(PROMETHEUS_SERIES.iter().map(|s| (*s).to_owned()));
    names
}

/// The series the recording rules of the pack write (the 30-day availability panel reads them):
/// the dashboards may use them, and need not show every one.
fn recorded_series() -> BTreeSet<String> {
    read(&root().join("alerts/kms_exporter.rules.yml"))
        .lines()
        .filter_map(|line| line.trim().strip_prefix("- record: "))
        .map(str::to_owned)
        .collect()
}

/// Identifiers of an expression that PromQL reads as metric names, whatever their prefix
/// ([`metric_names_in_expr`] reports only `kms_` ones): the names of its vector selectors.
fn bare_metric_names(expr: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in selectors(expr).into_iter().filter_map(|s| s.name) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[test]
fn dashboards_are_json_with_fixed_uids_and_the_six_variables() {
    for (file, uid) in DASHBOARDS {
        let text = read(&root().join("grafana").join(file));
        assert!(
            !text.contains("__inputs") && !text.contains("${DS_"),
            "{file}: import placeholders (__inputs, ${{DS_...}}) break file provisioning; \
             use the `datasource` variable"
        );
        let dashboard = load(file);
        assert_eq!(dashboard["uid"], *uid, "{file}: uid");
        assert!(
            dashboard["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{file}: title"
        );
        let schema = dashboard["schemaVersion"].as_u64().unwrap_or_default();
        assert!(
            (36..=41).contains(&schema),
            "{file}: schemaVersion {schema}"
        );
        assert!(
            dashboard["id"].is_null(),
            "{file}: `id` must be null so that import and provisioning assign one"
        );

        let vars = variables(&dashboard);
        let names: Vec<&str> = vars.iter().filter_map(|v| v["name"].as_str()).collect();
        for name in VARIABLES {
            assert!(
                names.contains(&name),
                "{file}: variable {name} missing (has {names:?})"
            );
        }
        let by_name: BTreeMap<&str, &Value> = vars
            .iter()
            .filter_map(|v| v["name"].as_str().map(|n| (n, v)))
            .collect();
        let ds = by_name["datasource"];
        assert_eq!(ds["type"], "datasource", "{file}: datasource variable type");
        assert_eq!(
            ds["query"], "prometheus",
            "{file}: datasource variable query"
        );
        for (i, name) in VARIABLES.iter().enumerate().skip(1) {
            let var = by_name[name];
            assert_eq!(var["type"], "query", "{file}: variable {name} type");
            assert_eq!(
                var["datasource"],
                expected_datasource(),
                "{file}: variable {name} datasource"
            );
            let query = variable_query(var).unwrap_or_default();
            assert!(
                variable_promql(&query).is_some(),
                "{file}: variable {name}: unsupported query {query:?}"
            );
            for previous in &VARIABLES[1..i] {
                assert!(
                    query.contains(&format!("${previous}")),
                    "{file}: variable {name} is not filtered by ${previous}: {query:?}"
                );
            }
        }
        // Positions of variables in the list follow the filter chain.
        let positions: Vec<usize> = VARIABLES
            .iter()
            .map(|n| names.iter().position(|m| m == n).expect("checked above"))
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{file}: variables out of order: {names:?}"
        );
    }
}

#[test]
fn every_panel_has_a_description_a_unit_and_the_datasource_variable() {
    for (file, _) in DASHBOARDS {
        let dashboard = load(file);
        let mut ids = BTreeSet::new();
        let all = panels(&dashboard);
        assert!(all.len() > 5, "{file}: only {} panels", all.len());
        for panel in all {
            let title = panel["title"].as_str().unwrap_or_default();
            assert!(!title.is_empty(), "{file}: a panel without title");
            let id = panel["id"]
                .as_u64()
                .unwrap_or_else(|| panic!("{file}: {title:?}: no id"));
            assert!(ids.insert(id), "{file}: panel id {id} used twice");
            assert!(
                panel["gridPos"]["w"].as_u64().is_some(),
                "{file}: {title:?}: no gridPos"
            );
            if panel["type"] == "row" {
                // A row is a heading: no data, no unit, no description in Grafana's editor.
                continue;
            }
            let description = panel["description"].as_str().unwrap_or_default();
            assert!(
                !description.trim().is_empty(),
                "{file}: {title:?}: no description"
            );
            let unit = panel["fieldConfig"]["defaults"]["unit"]
                .as_str()
                .unwrap_or_default();
            assert!(
                !unit.is_empty(),
                "{file}: {title:?}: no fieldConfig.defaults.unit"
            );
            if unit == "none" {
                assert!(
                    has_unitless_reason(description),
                    "{file}: {title:?}: unit `none` needs a sentence starting \"Unitless:\" in the \
                     description saying why"
                );
            }
            assert_eq!(
                panel["datasource"],
                expected_datasource(),
                "{file}: {title:?}: panel datasource"
            );
            let mut ref_ids = BTreeSet::new();
            let mut count = 0;
            for target in targets(panel) {
                count += 1;
                assert_eq!(
                    target["datasource"],
                    expected_datasource(),
                    "{file}: {title:?}: target datasource"
                );
                let ref_id = target["refId"].as_str().unwrap_or_default();
                assert!(
                    ref_ids.insert(ref_id.to_owned()),
                    "{file}: {title:?}: refId {ref_id:?} empty or repeated"
                );
                assert!(
                    target["expr"]
                        .as_str()
                        .is_some_and(|e| !e.trim().is_empty()),
                    "{file}: {title:?}: target {ref_id} has no expr"
                );
            }
            assert!(count > 0, "{file}: {title:?}: no targets");
        }
    }
}

/// Every JSON object in `v`, each before the objects inside it.
fn objects(v: &Value) -> Vec<&serde_json::Map<String, Value>> {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
        match v {
            Value::Object(o) => {
                out.push(o);
                o.values().for_each(|v| walk(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut out);
    out
}

/// Every string value of a key `url` in a dashboard (dashboard links and data links).
fn urls(v: &Value) -> Vec<&str> {
    objects(v)
        .into_iter()
        .filter_map(|o| o.get("url").and_then(Value::as_str))
        .collect()
}

#[test]
fn data_links_point_at_the_dashboards() {
    let uids: Vec<&str> = DASHBOARDS.iter().map(|(_, uid)| *uid).collect();
    let mut drill_downs = 0;
    let mut runbook_links = 0;
    for (file, _) in DASHBOARDS {
        let dashboard = load(file);
        for url in urls(&dashboard) {
            // The alerts table links each alert to its section of the runbook.
            if let Some(anchor) = url.strip_prefix(RUNBOOKS) {
                let language = if file.contains("/") { &file[..2] } else { "en" };
                assert_eq!(
                    anchor,
                    format!("{language}.md#${{__value.raw}}"),
                    "{file}: runbook link"
                );
                runbook_links += 1;
                continue;
            }
            let uid = url
                .strip_prefix("/d/")
                .and_then(|rest| rest.split('/').next())
                .unwrap_or_else(|| panic!("{file}: link {url:?} is not a /d/UID/ dashboard link"));
            assert!(uids.contains(&uid), "{file}: link to unknown uid {uid:?}");
            if url.contains("var-host=") {
                drill_downs += 1;
                assert!(
                    [
                        "${datasource:queryparam}",
                        "${site:queryparam}",
                        "${__url_time_range}"
                    ]
                    .iter()
                    .all(|keep| url.contains(keep)),
                    "{file}: drill-down link without data source, site or time range: {url}"
                );
            }
        }
    }
    assert!(
        drill_downs >= 5,
        "only {drill_downs} links to the host drill-down"
    );
    assert_eq!(runbook_links, 1, "the alerts table links to the runbook");
}

/// Where the runbooks are published (mixin/lib/catalog.libsonnet's runbookURLPattern).
const RUNBOOKS: &str = "https://github.com/kms-exporter/kms_exporter/blob/main/docs/runbooks/";

/// Every value mapping, anywhere in a dashboard (panel defaults or overrides), whose texts are
/// HRESULT names ("0x...").
fn hresult_mappings(dashboard: &Value) -> Vec<&serde_json::Map<String, Value>> {
    objects(dashboard)
        .into_iter()
        .filter(|o| o.get("type").and_then(Value::as_str) == Some("value"))
        .filter_map(|o| o.get("options").and_then(Value::as_object))
        .filter(|options| {
            options
                .values()
                .any(|r| r["text"].as_str().is_some_and(|t| t.starts_with("0x")))
        })
        .collect()
}

#[test]
fn hresult_mappings_name_exactly_the_catalog_codes() {
    let catalog = codes::all();
    for (file, _) in DASHBOARDS {
        let dashboard = load(file);
        let mappings = hresult_mappings(&dashboard);
        assert!(!mappings.is_empty(), "{file}: no HRESULT value mapping");
        for options in mappings {
            // Keys are the number (`kms_activation_hresult`) or the hex label
            // (`kms_domain_activation_result_ratio{hresult}`), never both in one mapping.
            let hex = options.keys().any(|k| k.starts_with("0x"));
            for (key, result) in options {
                let code: u32 = match key.strip_prefix("0x") {
                    Some(digits) if hex => u32::from_str_radix(digits, 16)
                        .ok()
                        .filter(|code| *key == format!("0x{code:08X}"))
                        .unwrap_or_else(|| {
                            panic!("{file}: HRESULT mapping key {key:?} is not 0x + 8 upper-case hex digits")
                        }),
                    _ => key.parse().unwrap_or_else(|_| {
                        panic!("{file}: HRESULT mapping key {key:?} not decimal")
                    }),
                };
                let text = result["text"].as_str().unwrap_or_default();
                if code == 0 {
                    assert_eq!(text, "OK", "{file}: mapping of 0");
                    continue;
                }
                let entry = codes::lookup(code).unwrap_or_else(|| {
                    panic!("{file}: mapping for {code} (0x{code:08X}) not in codes::all()")
                });
                assert!(
                    text.starts_with(&format!("{} ", entry.hex())),
                    "{file}: mapping of {} reads {text:?}",
                    entry.hex()
                );
                if let Some(name) = entry.name {
                    assert!(
                        text.ends_with(name),
                        "{file}: mapping of {} should name {name}: {text:?}",
                        entry.hex()
                    );
                }
            }
            let key = |code: u32| {
                if hex {
                    format!("0x{code:08X}")
                } else {
                    code.to_string()
                }
            };
            assert!(
                options.contains_key(&key(0)),
                "{file}: no mapping of 0 (OK)"
            );
            for entry in catalog {
                assert!(
                    options.contains_key(&key(entry.code)),
                    "{file}: an HRESULT mapping lacks {} ({})",
                    entry.hex(),
                    entry.code
                );
            }
        }
    }
}

#[test]
fn dashboard_queries_name_only_published_metrics() {
    let known = known_metrics();
    let recorded = recorded_series();
    let queries = dashboard_queries();
    assert!(queries.len() > 30, "only {} queries found", queries.len());
    let mut used = BTreeSet::new();
    for q in &queries {
        assert!(
            !q.expr.contains('$'),
            "{} / {}: variable left after substitution: {}",
            q.dashboard,
            q.panel,
            q.expr
        );
        let mut names = metric_names_in_expr(&q.expr);
        names.extend(
            bare_metric_names(&q.expr)
                .into_iter()
                .filter(|n| !n.starts_with("kms_")),
        );
        assert!(
            !names.is_empty(),
            "{} / {}: no metric in {}",
            q.dashboard,
            q.panel,
            q.expr
        );
        for name in names {
            assert!(
                (known.contains(&name) || recorded.contains(&name)),
                "{} / {}: unknown metric {name} in {}",
                q.dashboard,
                q.panel,
                q.expr
            );
            used.insert(name);
        }
    }
    // The dashboards show the whole contract except the bookkeeping timestamp of reloads.
    let unshown: Vec<&String> = known
        .iter()
        .filter(|name| {
            !used.contains(*name)
                && name.as_str() != "kms_exporter_config_last_reload_success_timestamp_seconds"
        })
        .collect();
    assert!(unshown.is_empty(), "no dashboard panel shows {unshown:?}");
}

#[test]
fn variable_substitution_and_metric_scanner() {
    assert_eq!(
        substitute_variables(
            r#"sum by (kind) (rate(x{job=~"$job", instance=~"${instance}", host=~"${host:regex}", hostname="$hostname"}[$__rate_interval]))"#
        ),
        r#"sum by (kind) (rate(x{job=~".*", instance=~".*", host=~".*", hostname="$hostname"}[5m]))"#
    );
    assert_eq!(
        bare_metric_names(
            r#"sum by (kind, result) (rate(up{a="kms_b"}[5m])) / on (job) group_left (x) ALERTS or time() - 1e3 > bool 0x10 offset 5m"#
        ),
        vec!["up", "ALERTS"]
    );
    assert_eq!(
        variable_promql(r#"label_values(kms_exporter_build_info{job=~"$job"}, instance)"#),
        Some(r#"kms_exporter_build_info{job=~"$job"}"#)
    );
    assert_eq!(variable_promql("query_result(up == 1)"), Some("up == 1"));
    assert!(has_unitless_reason("Shows states. Unitless: a state."));
    assert!(!has_unitless_reason("Shows states without a reason."));
}

/// promtool checks the syntax of every dashboard expression, as recording rules, without a
/// running Prometheus.
#[test]
fn promtool_parses_every_dashboard_query() {
    let queries = dashboard_queries();
    let rules: Vec<Value> = queries
        .iter()
        .enumerate()
        .map(|(i, q)| json!({"record": format!("dashboard_query_{i}"), "expr": q.expr}))
        .collect();
    // YAML 1.2 reads JSON, so the rule file is written with serde_json.
    let file = json!({"groups": [{"name": "dashboards", "rules": rules}]});
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("dashboards.rules.yml");
    std::fs::write(&path, serde_json::to_string_pretty(&file).expect("JSON"))
        .expect("write rule file");

    let output = tool("promtool", "prometheus")
        .args(["check", "rules"])
        .arg(&path)
        .output()
        .expect("run promtool");
    if !output.status.success() {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let listing: String = queries
            .iter()
            .enumerate()
            .map(|(i, q)| format!("dashboard_query_{i}: {} / {}\n", q.dashboard, q.panel))
            .collect();
        panic!("promtool check rules rejects a dashboard query:\n{stdout}{stderr}\n{listing}");
    }
}

#[test]
fn provisioning_examples_parse() {
    let dir = root().join("examples/grafana/provisioning");
    let datasources: Value = serde_saphyr::from_str(&read(&dir.join("datasources/prometheus.yml")))
        .expect("datasources/prometheus.yml is YAML");
    assert_eq!(datasources["apiVersion"], 1);
    assert_eq!(datasources["datasources"][0]["type"], "prometheus");
    let providers: Value = serde_saphyr::from_str(&read(&dir.join("dashboards/kms.yml")))
        .expect("dashboards/kms.yml is YAML");
    assert_eq!(providers["apiVersion"], 1);
    let provider = &providers["providers"][0];
    assert_eq!(provider["type"], "file");
    assert!(
        provider["options"]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with('/')),
        "the dashboard provider needs an absolute options.path"
    );
}

/// The translations of the dashboards: the directory under `grafana/` (also the suffix of their
/// uids), whether a character belongs to the language's script, and how the language starts the
/// sentence that says why a panel has no unit (English "Unitless:").
const TRANSLATIONS: [(&str, InScript, &str); 2] = [
    ("ko", is_hangul, "단위 없음:"),
    ("ja", is_japanese, "単位なし:"),
];

/// Whether a character is written in a language's script.
type InScript = fn(char) -> bool;

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn is_japanese(c: char) -> bool {
    ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Walks an English dashboard and its translation side by side and fails where they differ in
/// anything but texts: the keys that Grafana shows as text (titles, descriptions, variable labels,
/// link tooltips, value-mapping texts, column display names, legends), the dashboard uids (the English
/// uid and `-LANG`) and the links to them. Returns every translated text with its path.
fn translated_texts(
    english: &Value,
    translated: &Value,
    lang: &str,
    path: &str,
    out: &mut Vec<(String, String, String)>,
) {
    match (english, translated) {
        (Value::Object(e), Value::Object(t)) => {
            let keys: Vec<&String> = e.keys().collect();
            assert_eq!(keys, t.keys().collect::<Vec<_>>(), "{path}: keys differ");
            for (key, value) in e {
                let here = format!("{path}/{key}");
                if let (Some(a), Some(b)) = (value.as_str(), t[key].as_str())
                    && a != b
                {
                    let text_key = [
                        "title",
                        "description",
                        "label",
                        "tooltip",
                        "text",
                        "legendFormat",
                    ]
                    .contains(&key.as_str())
                        || (key == "value" && e.get("id") == Some(&json!("displayName")));
                    let localized = DASHBOARDS
                        .iter()
                        .fold(a.to_owned(), |text, (_, uid)| {
                            text.replace(&format!("/d/{uid}/"), &format!("/d/{uid}-{lang}/"))
                        })
                        .replace(&format!("{RUNBOOKS}en.md"), &format!("{RUNBOOKS}{lang}.md"));
                    if key == "uid" {
                        assert_eq!(b, format!("{a}-{lang}"), "{here}: uid");
                    } else if key == "url" {
                        assert_eq!(b, localized, "{here}: link");
                    } else {
                        assert!(
                            text_key,
                            "{here}: {a:?} became {b:?}; only texts may differ"
                        );
                        out.push((here, a.to_owned(), b.to_owned()));
                    }
                    continue;
                }
                translated_texts(value, &t[key], lang, &here, out);
            }
        }
        (Value::Array(e), Value::Array(t)) => {
            assert_eq!(e.len(), t.len(), "{path}: lengths differ");
            for (i, (a, b)) in e.iter().zip(t).enumerate() {
                translated_texts(a, b, lang, &format!("{path}/{i}"), out);
            }
        }
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn the_korean_and_japanese_dashboards_are_the_english_ones_in_their_language() {
    for (lang, in_script, unitless) in TRANSLATIONS {
        for (file, _) in DASHBOARDS {
            let english = load(file);
            let translated = load(&format!("{lang}/{file}"));
            let mut texts = Vec::new();
            translated_texts(
                &english,
                &translated,
                lang,
                &format!("{lang}/{file}"),
                &mut texts,
            );
            assert!(
                texts.len() > 40,
                "{lang}/{file}: only {} texts translated",
                texts.len()
            );

            let mut shown: Vec<(String, &str)> = vec![
                (
                    "title".into(),
                    translated["title"].as_str().unwrap_or_default(),
                ),
                (
                    "description".into(),
                    translated["description"].as_str().unwrap_or_default(),
                ),
            ];
            for variable in variables(&translated) {
                let name = variable["name"].as_str().unwrap_or_default();
                for key in ["label", "description"] {
                    shown.push((
                        format!("variable {name} {key}"),
                        variable[key].as_str().unwrap_or_default(),
                    ));
                }
            }
            for (english_panel, panel) in panels(&english).into_iter().zip(panels(&translated)) {
                let title = english_panel["title"].as_str().unwrap_or_default();
                shown.push((
                    format!("panel {title:?} title"),
                    panel["title"].as_str().unwrap_or_default(),
                ));
                if panel["type"] == "row" {
                    continue;
                }
                let description = panel["description"].as_str().unwrap_or_default();
                shown.push((format!("panel {title:?} description"), description));
                if has_unitless_reason(english_panel["description"].as_str().unwrap_or_default()) {
                    assert!(
                        description.contains(unitless),
                        "{lang}/{file}: panel {title:?}: the reason for unit `none` must start \
                         with {unitless:?}: {description}"
                    );
                }
            }
            for (what, text) in shown {
                assert!(
                    text.chars().any(in_script),
                    "{lang}/{file}: {what} is not in {lang}: {text:?}"
                );
            }
        }
    }
}
