//! The lint rules of mixtool and of Grafana's dashboard linter, as tests (their Go tools cannot be
//! installed here), plus the conventions of the mixin: every rule runs on every generated file in
//! every language (en, ko, ja) and fails on a deliberately broken copy.
//!
//! Sources of the rules (read for this file; each rule below names its own):
//! - <https://github.com/grafana/dashboard-linter/tree/main/lint> (`rule_*.go`, `template_utils.go`,
//!   `target_utils.go`), the rule set `lint/rules.go` runs;
//! - <https://github.com/monitoring-mixins/mixtool/blob/main/pkg/mixer/lint.go>
//!   (`lintPrometheusAlertsGuidelines`, after <https://monitoring.mixins.dev/#guidelines-for-alert-names-labels-and-annotations>).
//!
//! Like the linter's `.lint` file, [`EXCLUSIONS`] lets a panel off one rule with a reason; a test
//! fails when an exclusion is no longer needed.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::dashboards::{load, panels, targets, variable_promql, variable_query, variables};
use crate::support::promql::{Selector, selectors};
use crate::support::tools::tool;

/// The generated dashboards, by path under `grafana/`.
const DASHBOARD_FILES: [&str; 6] = [
    "kms-overview.json",
    "kms-host.json",
    "ko/kms-overview.json",
    "ko/kms-host.json",
    "ja/kms-overview.json",
    "ja/kms-host.json",
];

/// The generated rule files, by language.
const RULE_FILES: [(&str, &str); 3] = [
    ("en", "alerts/kms_exporter.rules.yml"),
    ("ko", "alerts/ko/kms_exporter.rules.yml"),
    ("ja", "alerts/ja/kms_exporter.rules.yml"),
];

/// Panels let off a rule, as the linter's `.lint` file does: rule, English dashboard file, panel
/// id (the same in every language), and why.
const EXCLUSIONS: [(&str, &str, u64, &str); 3] = [
    (
        "target-job-rule",
        "kms-overview.json",
        2,
        "ALERTS matches `job=~\"$job|\"`: an alert that aggregates the job away must still be listed",
    ),
    (
        "target-instance-rule",
        "kms-overview.json",
        2,
        "ALERTS matches `instance=~\"$instance|\"`: the site alerts (KmsHostDownFromAllSites) \
         have no instance",
    ),
    (
        "target-instance-rule",
        "kms-overview.json",
        43,
        "the recording rules kms:domain_activation_success:ratio_* average the exporters of a \
         site: they have no instance label",
    ),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn language_of(file: &str) -> &'static str {
    if file.starts_with("ko/") {
        "ko"
    } else if file.starts_with("ja/") {
        "ja"
    } else {
        "en"
    }
}

fn english_file(file: &str) -> &str {
    file.rsplit('/').next().unwrap_or(file)
}

/// One violation: the panel (None for the dashboard or a variable) and what is wrong.
type Finding = (Option<u64>, String);

/// A rule of the dashboard linter: what it finds in a dashboard of a language, and how to break
/// the English overview so that it must find something.
struct DashboardRule {
    name: &'static str,
    source: &'static str,
    check: fn(&Value, &str, &Config) -> Vec<Finding>,
    breaks: fn(&mut Value),
}

/// What the rules need from the mixin's `_config`.
struct Config {
    /// The matchers of `kmsExporterSelector`.
    exporter: Vec<(String, String, String)>,
    grafana_url: String,
}

fn mixin_config() -> Config {
    let output = tool("jsonnet", "jsonnet")
        .args(["-J", "mixin", "-e"])
        .arg(r#"local c = (import "mixin/mixin.libsonnet")._config; {selector: c.kmsExporterSelector, grafana: c.grafanaURL}"#)
        .current_dir(root())
        .output()
        .expect("run jsonnet");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let config: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let selector = config["selector"].as_str().unwrap_or_default();
    Config {
        exporter: selectors(&format!("{{{selector}}}"))
            .into_iter()
            .flat_map(|s| s.matchers)
            .collect(),
        grafana_url: config["grafana"].as_str().unwrap_or_default().to_owned(),
    }
}

fn id(panel: &Value) -> Option<u64> {
    panel["id"].as_u64()
}

fn of_types<'a>(dashboard: &'a Value, types: &[&str]) -> Vec<&'a Value> {
    panels(dashboard)
        .into_iter()
        .filter(|p| types.iter().any(|t| p["type"] == *t))
        .collect()
}

/// `panelHasQueries` of rule_target_promql.go.
const QUERY_PANELS: [&str; 6] = [
    "singlestat",
    "graph",
    "table",
    "stat",
    "state-timeline",
    "timeseries",
];

/// The panel types that rule_panel_title_description.go and rule_panel_no_targets.go check
/// (`panelTypeStat`, `panelTypeSingleStat`, `panelTypeGraph`, `panelTypeTimeTable`,
/// `panelTypeTimeSeries`, `panelTypeGauge`).
const CHECKED_PANELS: [&str; 6] = [
    "stat",
    "singlestat",
    "graph",
    "table-old",
    "timeseries",
    "gauge",
];

/// The selectors of every target of the panels with queries, with their panel's id.
fn target_selectors(dashboard: &Value) -> Vec<(Option<u64>, Selector)> {
    of_types(dashboard, &QUERY_PANELS)
        .into_iter()
        .flat_map(|p| {
            targets(p)
                .filter_map(|t| t["expr"].as_str())
                .flat_map(selectors)
                .map(move |s| (id(p), s))
        })
        .collect()
}

/// `checkTemplate` of template_utils.go: the variable exists, reads `$datasource`, is a query,
/// is labelled in title case (English; a translation's label is checked by the dashboards'
/// translation test), is multi-select, and has `allValue` `.+`.
fn check_template(dashboard: &Value, name: &str, language: &str) -> Vec<Finding> {
    let Some(t) = variables(dashboard).iter().find(|v| v["name"] == name) else {
        return vec![(None, format!("is missing the {name} template"))];
    };
    let mut found = Vec::new();
    let uid = t["datasource"]["uid"].as_str().unwrap_or_default();
    if !["$datasource", "${datasource}"].contains(&uid) {
        found.push((
            None,
            format!("{name} template should use datasource '$datasource', is '{uid}'"),
        ));
    }
    if t["type"] != "query" {
        found.push((
            None,
            format!("{name} template should be a Prometheus query"),
        ));
    }
    let title = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
    if language == "en" && t["label"] != title.as_str() {
        found.push((
            None,
            format!(
                "{name} template should be labeled '{title}', is {}",
                t["label"]
            ),
        ));
    }
    if t["multi"] != true {
        found.push((None, format!("{name} template should be a multi select")));
    }
    if t["allValue"] != ".+" {
        found.push((
            None,
            format!(
                "{name} template allValue should be '.+', is {}",
                t["allValue"]
            ),
        ));
    }
    found
}

/// `checkForMatcher` of target_utils.go: every selector of every target has `label=~"$label"`.
fn required_matcher(dashboard: &Value, label: &str) -> Vec<Finding> {
    let value = format!("${label}");
    target_selectors(dashboard)
        .into_iter()
        .filter(|(_, s)| !s.has(label, "=~", &value))
        .map(|(panel, s)| {
            (
                panel,
                format!("{label} selector {value} not found in {s:?}"),
            )
        })
        .collect()
}

/// The Grafana unit ids the panels may use: the Misc, Data, Time, Throughput, Boolean and
/// percent units of Grafana's list that rule_panel_units.go enumerates.
const UNITS: [&str; 31] = [
    "none",
    "string",
    "short",
    "percent",
    "percentunit",
    "hex0x",
    "hex",
    "sci",
    "locale",
    "bytes",
    "decbytes",
    "bits",
    "ns",
    "µs",
    "ms",
    "s",
    "m",
    "h",
    "d",
    "dtdurationms",
    "dtdurations",
    "dthms",
    "dtdhms",
    "clockms",
    "clocks",
    "cps",
    "ops",
    "reqps",
    "bool",
    "bool_yes_no",
    "bool_on_off",
];

fn first_panel<'a>(dashboard: &'a mut Value, kind: &str) -> &'a mut Value {
    dashboard["panels"]
        .as_array_mut()
        .expect("panels")
        .iter_mut()
        .find(|p| p["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} panel"))
}

fn variable_mut<'a>(dashboard: &'a mut Value, name: &str) -> &'a mut Value {
    dashboard["templating"]["list"]
        .as_array_mut()
        .expect("variables")
        .iter_mut()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no variable {name}"))
}

/// Rewrites every target expression of the dashboard, in collapsed rows too.
fn rewrite_exprs(dashboard: &mut Value, f: impl Fn(&str) -> String) {
    fn rewrite(panel: &mut Value, f: &dyn Fn(&str) -> String) {
        for target in panel["targets"].as_array_mut().into_iter().flatten() {
            if let Some(expr) = target["expr"].as_str() {
                target["expr"] = Value::String(f(expr));
            }
        }
        for nested in panel["panels"].as_array_mut().into_iter().flatten() {
            rewrite(nested, f);
        }
    }
    for panel in dashboard["panels"].as_array_mut().expect("panels") {
        rewrite(panel, &f);
    }
}

const DASHBOARD_RULES: [DashboardRule; 15] = [
    DashboardRule {
        name: "template-datasource-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_template_datasource.go",
        check: |d, language, _| {
            let templated: Vec<&Value> = variables(d)
                .iter()
                .filter(|v| v["type"] == "datasource")
                .collect();
            if templated.is_empty() {
                return vec![(None, "does not have a templated data source".into())];
            }
            let mut found = Vec::new();
            for t in &templated {
                let query = t["query"].as_str().unwrap_or_default();
                let single = templated.len() == 1;
                let name = t["name"].as_str().unwrap_or_default();
                if name != format!("{}_datasource", query.to_lowercase())
                    && !(single && name == "datasource")
                {
                    found.push((
                        None,
                        format!("templated data source variable named '{name}'"),
                    ));
                }
                let label = t["label"].as_str().unwrap_or_default();
                let titled = format!("{}{} data source", query[..1].to_uppercase(), &query[1..]);
                if language == "en" && label != titled && !(single && label == "Data source") {
                    found.push((
                        None,
                        format!("templated data source variable labeled '{label}'"),
                    ));
                }
            }
            found
        },
        breaks: |d| variable_mut(d, "datasource")["name"] = "ds".into(),
    },
    DashboardRule {
        name: "template-job-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_template_job.go",
        check: |d, language, _| check_template(d, "job", language),
        breaks: |d| variable_mut(d, "job")["allValue"] = ".*".into(),
    },
    DashboardRule {
        name: "template-instance-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_template_instance.go",
        check: |d, language, _| check_template(d, "instance", language),
        breaks: |d| variable_mut(d, "instance")["multi"] = false.into(),
    },
    DashboardRule {
        name: "template-label-promql-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_template_label_promql.go",
        // The function and its argument; `promtool_parses_every_query_in_every_language` parses
        // the PromQL.
        check: |d, _, _| {
            variables(d)
                .iter()
                .filter(|v| v["type"] == "query")
                .filter_map(|v| {
                    let query = variable_query(v).unwrap_or_default();
                    let function = query.split('(').next().unwrap_or_default().trim();
                    let valid = ["label_names", "label_values", "metrics", "query_result"]
                        .contains(&function)
                        && query.trim_end().ends_with(')');
                    (!valid).then(|| {
                        (
                            None,
                            format!("template {} invalid templated label '{query}'", v["name"]),
                        )
                    })
                })
                .collect()
        },
        breaks: |d| {
            variable_mut(d, "host")["query"]["query"] = "label_value(kms_host_up, host)".into()
        },
    },
    DashboardRule {
        name: "template-on-time-change-reload-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_template_on_time_change_reload.go",
        check: |d, _, _| {
            variables(d)
                .iter()
                .filter(|v| v["type"] == "query" && v["refresh"] != 2)
                .map(|v| {
                    (
                        None,
                        format!(
                            "variable {} should refresh on time range change (2)",
                            v["name"]
                        ),
                    )
                })
                .collect()
        },
        breaks: |d| variable_mut(d, "job")["refresh"] = 1.into(),
    },
    DashboardRule {
        name: "panel-datasource-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_panel_datasource.go",
        check: |d, _, _| {
            of_types(d, &["singlestat", "graph", "table-old", "timeseries"])
                .into_iter()
                .filter(|p| {
                    !["$datasource", "${datasource}"]
                        .contains(&p["datasource"]["uid"].as_str().unwrap_or_default())
                })
                .map(|p| {
                    (
                        id(p),
                        format!("does not use a templated datasource: {}", p["datasource"]),
                    )
                })
                .collect()
        },
        breaks: |d| first_panel(d, "timeseries")["datasource"]["uid"] = "prometheus".into(),
    },
    DashboardRule {
        name: "panel-title-description-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_panel_title_description.go",
        check: |d, _, _| {
            of_types(d, &CHECKED_PANELS)
                .into_iter()
                .filter(|p| {
                    p["title"].as_str().unwrap_or_default().is_empty()
                        || p["description"].as_str().unwrap_or_default().is_empty()
                })
                .map(|p| (id(p), "has missing title or description".into()))
                .collect()
        },
        breaks: |d| first_panel(d, "stat")["description"] = "".into(),
    },
    DashboardRule {
        name: "panel-units-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_panel_units.go",
        check: |d, _, _| {
            of_types(
                d,
                &[
                    "stat",
                    "singlestat",
                    "graph",
                    "table",
                    "timeseries",
                    "gauge",
                ],
            )
            .into_iter()
            .filter(|p| {
                !UNITS.contains(
                    &p["fieldConfig"]["defaults"]["unit"]
                        .as_str()
                        .unwrap_or_default(),
                )
            })
            .map(|p| {
                (
                    id(p),
                    format!(
                        "has no or invalid units: {}",
                        p["fieldConfig"]["defaults"]["unit"]
                    ),
                )
            })
            .collect()
        },
        breaks: |d| first_panel(d, "stat")["fieldConfig"]["defaults"]["unit"] = "seconds".into(),
    },
    DashboardRule {
        name: "panel-no-targets-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_panel_no_targets.go",
        check: |d, _, _| {
            of_types(d, &CHECKED_PANELS)
                .into_iter()
                .filter(|p| p["targets"].is_null())
                .map(|p| (id(p), "has no targets".into()))
                .collect()
        },
        breaks: |d| {
            first_panel(d, "timeseries")
                .as_object_mut()
                .expect("panel")
                .remove("targets");
        },
    },
    DashboardRule {
        name: "target-rate-interval-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_target_rate_interval.go",
        check: |d, _, _| {
            target_selectors(d)
                .into_iter()
                .filter(|(_, s)| {
                    s.range.as_deref().is_some_and(|r| r != "$__rate_interval")
                        && matches!(s.call.as_deref(), Some("rate" | "irate"))
                })
                .map(|(panel, s)| (panel, format!("should use $__rate_interval: {s:?}")))
                .collect()
        },
        breaks: |d| rewrite_exprs(d, |e| e.replace("[$__rate_interval]", "[5m]")),
    },
    DashboardRule {
        name: "target-job-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_target_job_instance.go",
        check: |d, _, _| required_matcher(d, "job"),
        breaks: |d| rewrite_exprs(d, |e| e.replace(r#"job=~"$job""#, r#"job=~".+""#)),
    },
    DashboardRule {
        name: "target-instance-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_target_job_instance.go",
        check: |d, _, _| required_matcher(d, "instance"),
        breaks: |d| rewrite_exprs(d, |e| e.replace(r#", instance=~"$instance""#, "")),
    },
    DashboardRule {
        name: "target-counter-agg-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_target_counter_agg.go",
        check: |d, _, _| {
            target_selectors(d)
                .into_iter()
                .filter(|(_, s)| {
                    s.name.as_deref().is_some_and(|n| n.ends_with("_total"))
                        && !(s.range.is_some()
                            && matches!(s.call.as_deref(), Some("rate" | "irate" | "increase")))
                })
                .map(|(panel, s)| {
                    (
                        panel,
                        format!("counter not aggregated with rate, irate or increase: {s:?}"),
                    )
                })
                .collect()
        },
        breaks: |d| {
            rewrite_exprs(d, |e| {
                e.replace(
                    "rate(kms_exporter_probes_total",
                    "(kms_exporter_probes_total",
                )
            })
        },
    },
    DashboardRule {
        name: "uneditable-dashboard-rule",
        source: "https://github.com/grafana/dashboard-linter/blob/main/lint/rule_uneditable.go",
        check: |d, _, _| {
            if d["editable"] == false {
                Vec::new()
            } else {
                vec![(
                    None,
                    "is editable, it should be set to 'editable: false'".into(),
                )]
            }
        },
        breaks: |d| d["editable"] = true.into(),
    },
    DashboardRule {
        // The mixin's own convention (issue 23, as node-mixin's selectors): every selector of
        // every query and variable carries _config.kmsExporterSelector, so that another job's
        // series of the same name never reach a panel.
        name: "exporter-selector-rule",
        source: "mixin/config.libsonnet (kmsExporterSelector)",
        check: |d, _, config| {
            let mut all = target_selectors(d);
            for v in variables(d).iter().filter(|v| v["type"] == "query") {
                let query = variable_query(v).unwrap_or_default();
                let promql = variable_promql(&query).unwrap_or_default().to_owned();
                all.extend(selectors(&promql).into_iter().map(|s| (None, s)));
            }
            all.into_iter()
                .filter(|(_, s)| s.name.as_deref() != Some("ALERTS"))
                .filter(|(_, s)| !config.exporter.iter().all(|(l, o, v)| s.has(l, o, v)))
                .map(|(panel, s)| {
                    (
                        panel,
                        format!("selector without {:?}: {s:?}", config.exporter),
                    )
                })
                .collect()
        },
        breaks: |d| {
            rewrite_exprs(d, |e| {
                e.replacen(r#"job=~"kms.*", "#, "", 1).replacen(
                    r#"job=~"kms|kms_exporter|kms_probe|kms-exporter", "#,
                    "",
                    1,
                )
            })
        },
    },
];

/// What a rule finds in a dashboard, without the exclusions of [`EXCLUSIONS`].
fn findings(rule: &DashboardRule, file: &str, dashboard: &Value, config: &Config) -> Vec<Finding> {
    (rule.check)(dashboard, language_of(file), config)
        .into_iter()
        .filter(|(panel, _)| {
            !EXCLUSIONS.iter().any(|(name, f, id, _)| {
                *name == rule.name && *f == english_file(file) && Some(*id) == *panel
            })
        })
        .collect()
}

#[test]
fn every_dashboard_passes_every_linter_rule() {
    let config = mixin_config();
    let mut failures = Vec::new();
    for file in DASHBOARD_FILES {
        let dashboard = load(file);
        for rule in &DASHBOARD_RULES {
            for (panel, message) in findings(rule, file, &dashboard, &config) {
                failures.push(format!(
                    "[{}] {file} panel {panel:?}: {message}\n  ({})",
                    rule.name, rule.source
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_linter_rule_fails_on_a_broken_copy() {
    let config = mixin_config();
    for rule in &DASHBOARD_RULES {
        let mut broken = load("kms-overview.json");
        (rule.breaks)(&mut broken);
        assert!(
            !findings(rule, "kms-overview.json", &broken, &config).is_empty(),
            "[{}] finds nothing in a broken copy of kms-overview.json",
            rule.name
        );
    }
}

#[test]
fn every_exclusion_is_still_needed_in_every_language() {
    let config = mixin_config();
    for (name, file, panel, reason) in EXCLUSIONS {
        let rule = DASHBOARD_RULES
            .iter()
            .find(|r| r.name == name)
            .expect("a rule of that name");
        for prefix in ["", "ko/", "ja/"] {
            let dashboard = load(&format!("{prefix}{file}"));
            assert!(
                (rule.check)(&dashboard, language_of(prefix), &config)
                    .iter()
                    .any(|(p, _)| *p == Some(panel)),
                "[{name}] {prefix}{file} panel {panel} passes: drop the exclusion ({reason})"
            );
        }
    }
}

/// promtool parses every target and variable query of every language (after Grafana's
/// variables are substituted), as the linter's target-promql-rule and template-label-promql-rule
/// do with Prometheus's parser; a broken expression fails.
#[test]
fn promtool_parses_every_query_in_every_language_and_rejects_a_broken_one() {
    let mut exprs = Vec::new();
    for file in DASHBOARD_FILES {
        let dashboard = load(file);
        for panel in panels(&dashboard) {
            exprs.extend(
                targets(panel)
                    .filter_map(|t| t["expr"].as_str())
                    .map(str::to_owned),
            );
        }
        for v in variables(&dashboard)
            .iter()
            .filter(|v| v["type"] == "query")
        {
            let query = variable_query(v).unwrap_or_default();
            exprs.push(
                variable_promql(&query)
                    .unwrap_or_else(|| panic!("{file}: {query}"))
                    .to_owned(),
            );
        }
    }
    let parses = |exprs: &[String]| {
        let rules: Vec<Value> = exprs
            .iter()
            .enumerate()
            .map(|(i, e)| serde_json::json!({"record": format!("q{i}"), "expr": crate::dashboards::substitute_variables(e)}))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("queries.yml");
        std::fs::write(
            &path,
            serde_json::json!({"groups": [{"name": "q", "rules": rules}]}).to_string(),
        )
        .unwrap();
        let output = tool("promtool", "prometheus")
            .args(["check", "rules"])
            .arg(&path)
            .output()
            .expect("run promtool");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (ok, stderr) = parses(&exprs);
    assert!(ok, "promtool rejects a dashboard query: {stderr}");
    exprs.push("sum by (job (kms_host_up)".into());
    assert!(!parses(&exprs).0, "promtool accepted a broken query");
}

fn rule_file(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

fn alerts_of(file: &Value) -> Vec<&Value> {
    file["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["rules"].as_array().expect("rules"))
        .filter(|r| r.get("alert").is_some())
        .collect()
}

/// The uids of the dashboards of a language, from the generated files.
fn uids(language: &str) -> Vec<String> {
    DASHBOARD_FILES
        .iter()
        .filter(|f| language_of(f) == language)
        .map(|f| load(f)["uid"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A mixtool guideline (or a convention of the mixin) for one alert in a language.
struct AlertRule {
    name: &'static str,
    source: &'static str,
    check: fn(&Value, &str, &Config) -> Option<String>,
    breaks: fn(&mut Value),
}

fn annotation<'a>(alert: &'a Value, key: &str) -> Option<&'a str> {
    alert["annotations"][key].as_str()
}

fn has_template(text: &str) -> bool {
    text.find("{{")
        .is_some_and(|i| text[i + 2..].contains("}}"))
}

/// mixtool's `^[A-Z].+\.$`. Hangul, kana and kanji have no case: a Korean or Japanese summary
/// starts with a letter that is not lower case and ends with the language's full stop.
fn sentence_style(summary: &str, language: &str) -> bool {
    let first = summary.chars().next().unwrap_or(' ');
    let stop = if language == "ja" { "。" } else { "." };
    let starts = if language == "en" {
        first.is_ascii_uppercase()
    } else {
        first.is_alphabetic() && !first.is_lowercase()
    };
    starts && summary.chars().count() > 1 && summary.ends_with(stop)
}

const MIXTOOL: &str = "https://github.com/monitoring-mixins/mixtool/blob/main/pkg/mixer/lint.go";

const ALERT_RULES: [AlertRule; 10] = [
    AlertRule {
        name: "alert-name-camelcase",
        source: MIXTOOL,
        check: |a, _, _| {
            let name = a["alert"].as_str().unwrap_or_default();
            // ^([A-Z]+[a-z0-9]+)+$
            let mut rest = name;
            let mut ok = !rest.is_empty();
            while ok && !rest.is_empty() {
                let upper = rest.len()
                    - rest
                        .trim_start_matches(|c: char| c.is_ascii_uppercase())
                        .len();
                let after = &rest[upper..];
                let lower = after.len()
                    - after
                        .trim_start_matches(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                        .len();
                ok = upper > 0 && lower > 0;
                rest = &after[lower..];
            }
            (!ok).then(|| format!("name {name} is not in camel case"))
        },
        breaks: |a| a["alert"] = "kms_host_down".into(),
    },
    AlertRule {
        name: "alert-severity-rule",
        source: MIXTOOL,
        check: |a, _, _| {
            let severity = a["labels"]["severity"].as_str().unwrap_or_default();
            (!["warning", "critical", "info"].contains(&severity))
                .then(|| format!("severity {severity:?}"))
        },
        breaks: |a| a["labels"]["severity"] = "page".into(),
    },
    AlertRule {
        name: "alert-description-missing-rule",
        source: MIXTOOL,
        check: |a, _, _| {
            annotation(a, "description")
                .is_none()
                .then(|| "no description".into())
        },
        breaks: |a| {
            a["annotations"]
                .as_object_mut()
                .expect("annotations")
                .remove("description");
        },
    },
    AlertRule {
        name: "alert-description-templating",
        source: MIXTOOL,
        check: |a, _, _| {
            annotation(a, "description")
                .filter(|d| !has_template(d))
                .map(|d| format!("description without templates: {d}"))
        },
        breaks: |a| a["annotations"]["description"] = "The host is down.".into(),
    },
    AlertRule {
        name: "alert-summary-missing-rule",
        source: MIXTOOL,
        check: |a, _, _| {
            annotation(a, "summary")
                .is_none()
                .then(|| "no summary".into())
        },
        breaks: |a| {
            a["annotations"]
                .as_object_mut()
                .expect("annotations")
                .remove("summary");
        },
    },
    AlertRule {
        name: "alert-summary-templating",
        source: MIXTOOL,
        check: |a, _, _| {
            annotation(a, "summary")
                .filter(|s| has_template(s))
                .map(|s| format!("summary uses templates: {s}"))
        },
        breaks: |a| a["annotations"]["summary"] = "Host {{ $labels.host }} is down.".into(),
    },
    AlertRule {
        name: "alert-summary-style",
        source: MIXTOOL,
        check: |a, language, _| {
            annotation(a, "summary")
                .filter(|s| !sentence_style(s, language))
                .map(|s| {
                    format!(
                        "summary must start with a capital letter and end with a full stop: {s}"
                    )
                })
        },
        breaks: |a| a["annotations"]["summary"] = "kms_exporter has nothing to probe".into(),
    },
    AlertRule {
        name: "alert-runbook-url",
        source: "https://monitoring.mixins.dev/#guidelines-for-alert-names-labels-and-annotations",
        check: |a, language, _| {
            let anchor = a["alert"].as_str().unwrap_or_default().to_ascii_lowercase();
            let want = format!("/docs/runbooks/{language}.md#{anchor}");
            (!annotation(a, "runbook_url")
                .is_some_and(|u| u.starts_with("https://") && u.ends_with(&want)))
            .then(|| format!("runbook_url does not end in {want}"))
        },
        breaks: |a| {
            a["annotations"]
                .as_object_mut()
                .expect("annotations")
                .remove("runbook_url");
        },
    },
    AlertRule {
        // node-mixin's convention: a link to the dashboard of the alert, in its language.
        name: "alert-dashboard-url",
        source: "https://github.com/prometheus/node_exporter/tree/master/docs/node-mixin",
        check: |a, language, config| {
            let url = annotation(a, "dashboard_url").unwrap_or_default();
            let others: Vec<String> = ["en", "ko", "ja"]
                .iter()
                .filter(|l| **l != language)
                .flat_map(|l| uids(l))
                .collect();
            let ok = url.starts_with(&format!("{}/d/", config.grafana_url))
                && uids(language)
                    .iter()
                    .all(|uid| url.contains(&format!("{uid}/")))
                && others.iter().all(|uid| !url.contains(&format!("{uid}/")))
                && ["job", "instance", "domain", "host", "site"]
                    .iter()
                    .all(|v| url.contains(&format!("&var-{v}=")));
            (!ok).then(|| format!("dashboard_url does not link the {language} dashboards with their variables: {url:?}"))
        },
        breaks: |a| {
            a["annotations"]["dashboard_url"] =
                "https://grafana.example.com/d/kms-host-ko/kms-host".into()
        },
    },
    AlertRule {
        name: "alert-error-codes",
        source: "mixin/lib/rule.libsonnet (error_codes)",
        // `0x8007232A` alone reads as a YAML number here; Prometheus reads it as the string.
        check: |a, _, _| {
            a["annotations"]["error_codes"]
                .is_null()
                .then(|| "no error_codes".into())
        },
        breaks: |a| {
            a["annotations"]
                .as_object_mut()
                .expect("annotations")
                .remove("error_codes");
        },
    },
];

#[test]
fn every_alert_of_every_language_passes_every_mixtool_rule() {
    let config = mixin_config();
    let mut failures = Vec::new();
    for (language, path) in RULE_FILES {
        let file = rule_file(path);
        let alerts = alerts_of(&file);
        assert!(alerts.len() >= 25, "{path}: only {} alerts", alerts.len());
        for alert in alerts {
            for rule in &ALERT_RULES {
                if let Some(message) = (rule.check)(alert, language, &config) {
                    failures.push(format!(
                        "[{}] {path} {}: {message}\n  ({})",
                        rule.name, alert["alert"], rule.source
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_mixtool_rule_fails_on_a_broken_alert() {
    let config = mixin_config();
    let file = rule_file(RULE_FILES[0].1);
    let alert = alerts_of(&file)[0];
    for rule in &ALERT_RULES {
        let mut broken = alert.clone();
        (rule.breaks)(&mut broken);
        assert!(
            (rule.check)(&broken, "en", &config).is_some(),
            "[{}] passes a broken alert",
            rule.name
        );
    }
    assert!(sentence_style("익스포터에 프로브할 대상이 없습니다.", "ko"));
    assert!(!sentence_style(
        "kms_exporter가 프로브할 대상이 없습니다.",
        "ko"
    ));
    assert!(!sentence_style(
        "エクスポーターにプローブする対象がありません.",
        "ja"
    ));
}

/// The configuration keys of the dashboards and alerts are honoured: a render with other tags,
/// refresh, time zone, Grafana URL, exporter selector and site label carries them everywhere.
#[test]
fn the_dashboards_and_alerts_follow_their_config() {
    let render = tool("jsonnet", "jsonnet")
        .args(["-J", "mixin", "-e"])
        .arg(
            r#"local m = (import "mixin/mixin.libsonnet") + {_config+:: {dashboardTags: ["t1"], dashboardRefresh: "5m", dashboardTimezone: "utc", grafanaURL: "https://grafana.test", kmsExporterSelector: 'job="kx"', siteLabel: "dc"}};
               {dashboards: m.grafanaDashboards, alerts: m.prometheusAlerts}"#,
        )
        .current_dir(root())
        .output()
        .expect("run jsonnet");
    assert!(
        render.status.success(),
        "{}",
        String::from_utf8_lossy(&render.stderr)
    );
    let out: Value = serde_json::from_slice(&render.stdout).expect("JSON");
    let config = Config {
        exporter: vec![("job".into(), "=".into(), "kx".into())],
        grafana_url: "https://grafana.test".into(),
    };
    let selector_rule = DASHBOARD_RULES
        .iter()
        .find(|r| r.name == "exporter-selector-rule")
        .expect("rule");
    for (file, d) in out["dashboards"].as_object().expect("dashboards") {
        assert_eq!(d["tags"], serde_json::json!(["t1"]), "{file}: tags");
        assert_eq!(d["refresh"], "5m", "{file}: refresh");
        assert_eq!(d["timezone"], "utc", "{file}: timezone");
        let found = findings(selector_rule, file, d, &config);
        assert!(found.is_empty(), "{file}: {found:?}");
        let text = d.to_string();
        for site in ["{{site}}", r#""site":0"#, r#""site":9"#] {
            assert!(!text.contains(site), "{file}: still {site}");
        }
    }
    for alert in out["alerts"]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["rules"].as_array().expect("rules"))
    {
        let url = alert["annotations"]["dashboard_url"]
            .as_str()
            .unwrap_or_default();
        assert!(
            url.starts_with("https://grafana.test/d/"),
            "{}: {url}",
            alert["alert"]
        );
        assert!(
            url.contains("{{ with $labels.dc }}&var-site="),
            "{}: {url}",
            alert["alert"]
        );
    }
}

/// English words for states and outcomes that a Korean or Japanese sentence must translate, or
/// quote as a label value in a code span.
const STATE_WORDS: [&str; 18] = [
    "refused",
    "timeout",
    "unreachable",
    "down",
    "failing",
    "failed",
    "fail",
    "ok",
    "error",
    "stale",
    "blind",
    "pages",
    "paging",
    "broken",
    "healthy",
    "unhealthy",
    "success",
    "up",
];

/// The prose of a text: code spans (`…`), fenced code blocks, brace groups of PromQL
/// (`{status="ok"}`), Go template actions ({{ … }}) and identifiers with `_`, `.`, `:` or `/` removed.
/// Returns the prose and the template actions that print a status label outside a code span.
fn prose(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut printed = Vec::new();
    let mut in_code = false;
    let mut in_fence = false;
    for line in text.split('\n') {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            out.push('\n');
            continue;
        }
        if in_fence {
            continue;
        }
        let mut rest = line;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("{{") {
                // An action: up to its "}}", skipping raw and quoted strings.
                let b = after.as_bytes();
                let mut i = 0;
                while i + 1 < b.len() && !(b[i] == b'}' && b[i + 1] == b'}') {
                    if b[i] == b'`' || b[i] == b'"' {
                        let q = b[i];
                        i += 1;
                        while i < b.len() && b[i] != q {
                            i += 1;
                        }
                    }
                    i += 1;
                }
                let action = after[..i.min(after.len())]
                    .trim_matches(|c: char| c == '-' || c.is_whitespace());
                let keyword = [
                    "if", "else", "end", "range", "with", "define", "template", "block",
                ]
                .iter()
                .any(|k| action.split_whitespace().next() == Some(k));
                if !in_code && !keyword && !action.starts_with('$') && action.contains("status") {
                    printed.push(action.to_owned());
                }
                out.push_str(if in_code { "" } else { " X " });
                rest = after.get(i + 2..).unwrap_or("");
            } else if let Some(after) = rest.strip_prefix('`') {
                in_code = !in_code;
                rest = after;
            } else {
                let c = rest.chars().next().expect("not empty");
                if !in_code {
                    out.push(c);
                }
                rest = &rest[c.len_utf8()..];
            }
        }
        // A code span may continue on the next line (Markdown and folded templates alike).
        out.push('\n');
    }
    // Drop PromQL brace groups and identifiers.
    let mut cleaned = String::new();
    let mut depth = 0;
    for c in out.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = cleaned
        .split(|c: char| c.is_whitespace())
        .filter(|w| {
            !w.contains(['_', '.', ':', '/', '=', '@'])
                || w.ends_with('.') && !w[..w.len() - 1].contains(['_', '.', ':', '/', '='])
        })
        .collect();
    (words.join(" "), printed)
}

/// The English state words of a text's prose, and its status-printing actions outside code spans.
fn english_states(text: &str) -> Vec<String> {
    let (prose, printed) = prose(text);
    let mut found: Vec<String> = prose
        .split(|c: char| !c.is_ascii_alphabetic())
        // DNS response codes (SERVFAIL, REFUSED, NXDOMAIN) are protocol names, written in capitals.
        .filter(|w| w.len() < 4 || w.bytes().any(|b| b.is_ascii_lowercase()))
        .filter(|w| STATE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        .map(str::to_owned)
        .collect();
    found.extend(
        printed
            .into_iter()
            .map(|a| format!("{{{{ {a} }}}} outside a code span")),
    );
    found
}

/// Every text a Korean or Japanese on-call engineer reads: alert summaries and descriptions,
/// dashboard titles, descriptions, labels, legends and link texts, and the runbook.
fn translated_texts(language: &str) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let path = RULE_FILES
        .iter()
        .find(|(l, _)| *l == language)
        .expect("language")
        .1;
    for alert in alerts_of(&rule_file(path)) {
        for key in ["summary", "description"] {
            texts.push((
                format!("{path} {} {key}", alert["alert"]),
                annotation(alert, key).unwrap_or_default().to_owned(),
            ));
        }
    }
    for file in DASHBOARD_FILES
        .iter()
        .filter(|f| language_of(f) == language)
    {
        fn walk(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
            match v {
                Value::Object(o) => {
                    for (k, value) in o {
                        let shown = ["title", "description", "label", "tooltip", "legendFormat"]
                            .contains(&k.as_str())
                            || (k == "value" && o.get("id") == Some(&Value::from("displayName")));
                        match value.as_str() {
                            Some(s) if shown => out.push((format!("{path}/{k}"), s.to_owned())),
                            _ => walk(value, &format!("{path}/{k}"), out),
                        }
                    }
                }
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, v)| walk(v, &format!("{path}/{i}"), out)),
                _ => {}
            }
        }
        walk(&load(file), file, &mut texts);
    }
    let runbook = format!("docs/runbooks/{language}.md");
    let text = std::fs::read_to_string(root().join(&runbook)).expect("runbook");
    texts.push((runbook, text));
    texts
}

#[test]
fn korean_and_japanese_texts_use_no_english_state_words() {
    let mut failures = Vec::new();
    for language in ["ko", "ja"] {
        for (what, text) in translated_texts(language) {
            let found = english_states(&text);
            if !found.is_empty() {
                failures.push(format!("{what}: {found:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "English state words in ko/ja texts:\n{}",
        failures.join("\n")
    );
    // Planted ones are found; quoted ones are not.
    assert_eq!(
        english_states("정품 인증 refused로 실패합니다."),
        ["refused"]
    );
    assert_eq!(
        english_states("TCP 接続 {{ (index . 0).Labels.status }}。"),
        ["{{ (index . 0).Labels.status }} outside a code span"]
    );
    assert!(
        english_states("TCP 接続の状態 `{{ (index . 0).Labels.status }}`、状態 `refused`。")
            .is_empty()
    );
    assert!(
        english_states(
            "`kms_host_tcp_connect_status{status!=\"ok\"}` と kms_host_up{status=\"ok\"}"
        )
        .is_empty()
    );
}

/// The Japanese alert texts as Alertmanager shows them (descriptions are folded: line breaks
/// become spaces) and the Japanese dashboard texts have no stray space: none beside 、 or 。, none
/// between two Japanese characters of which one is hiragana or kanji. (Microsoft's style keeps a
/// space between katakana words, as in `KMS ホスト キー`.)
#[test]
fn japanese_texts_have_no_stray_spaces() {
    let stray = |text: &str| -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let japanese = |c: char| {
            ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        };
        let soft = |c: char| {
            ('\u{3040}'..='\u{309F}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        };
        (1..chars.len().saturating_sub(1))
            .filter(|&i| chars[i] == ' ')
            .filter(|&i| {
                let (a, b) = (chars[i - 1], chars[i + 1]);
                matches!(a, '、' | '。')
                    || matches!(b, '、' | '。')
                    || (japanese(a) && japanese(b) && (soft(a) || soft(b)))
            })
            .map(|i| {
                chars[i.saturating_sub(8)..(i + 8).min(chars.len())]
                    .iter()
                    .collect()
            })
            .collect()
    };
    let mut failures = Vec::new();
    for (what, text) in translated_texts("ja") {
        let shown = if what.ends_with(".md") {
            rendered_prose(&text)
        } else {
            text
        };
        for found in stray(&shown) {
            failures.push(format!("{what}: {found:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "stray spaces in Japanese:\n{}",
        failures.join("\n")
    );
    assert_eq!(stray("拒否します。 KMS ホスト キー").len(), 1);
    assert!(stray("拒否します。KMS ホスト キー").is_empty());
    // A Markdown paragraph folded between two Japanese characters shows a space there.
    assert_eq!(
        stray(&rendered_prose("ホストの時計を\n確認します。\n")).len(),
        1
    );
    assert!(
        stray(&rendered_prose(
            "| 表の 列 |\n\n```\nコード の 行\n```\n`a` と `b`。\n"
        ))
        .is_empty()
    );
}

/// The prose of a Markdown file as a browser shows it: the lines of a paragraph or list item
/// joined by the space a soft line break renders as; fenced code blocks and table rows left
/// out, code spans replaced by `X` (their content is not prose, their surrounding spaces are).
fn rendered_prose(markdown: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            fenced = !fenced;
        }
        if fenced || trimmed.starts_with("```") || trimmed.starts_with('|') || trimmed.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
            continue;
        }
        let starts_block = trimmed.starts_with(['-', '*', '#', '<'])
            || trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        if starts_block && !current.is_empty() {
            paragraphs.push(current.join(" "));
            current.clear();
        }
        let mut prose = String::new();
        for (i, part) in trimmed.split('`').enumerate() {
            prose.push_str(if i % 2 == 1 { "X" } else { part });
        }
        current.push(prose);
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n")
}

/// The examples name each alert's severity as the rule file has it ("KmsHostDownFromAllSites
/// (warning)").
#[test]
fn the_examples_name_the_severities_the_rules_have() {
    let file = rule_file(RULE_FILES[0].1);
    let severities: Vec<(String, String)> = alerts_of(&file)
        .into_iter()
        .map(|a| {
            (
                a["alert"].as_str().unwrap_or_default().to_owned(),
                a["labels"]["severity"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    let check = |text: &str| -> Vec<String> {
        let mut wrong = Vec::new();
        for (alert, severity) in &severities {
            for (i, _) in text.match_indices(&format!("{alert} (")) {
                let said = text[i + alert.len() + 2..]
                    .split(')')
                    .next()
                    .unwrap_or_default();
                if ["critical", "warning", "info"].contains(&said) && said != severity {
                    wrong.push(format!("{alert} is {severity}, said {said}"));
                }
            }
        }
        wrong
    };
    let mut failures = Vec::new();
    for dir in ["examples/prometheus", "examples"] {
        for entry in std::fs::read_dir(root().join(dir)).expect("examples") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yml") {
                let text = std::fs::read_to_string(&path).expect("read");
                failures.extend(
                    check(&text)
                        .into_iter()
                        .map(|w| format!("{}: {w}", path.display())),
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let planted: BTreeSet<String> = check("KmsHostDownFromAllSites (critical) fires")
        .into_iter()
        .collect();
    assert_eq!(
        planted.len(),
        usize::from(
            severities
                .iter()
                .any(|(a, s)| a == "KmsHostDownFromAllSites" && s != "critical")
        )
    );
}
