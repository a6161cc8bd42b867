//! Every metric an alert rule names exists in the exporter's output (issue: alerts and catalog,
//! acceptance 3). The output comes from a staged world where every family is present.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::exporter::TestExporter;
use crate::support::promql::metric_names_in_expr;
use crate::support::world::World;

/// Metric family names in classic exposition text (`# TYPE name kind`).
pub fn families(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// `kms_…` names used as metrics in free text (annotation `query` templates): followed by a
/// label matcher, a range, a closing parenthesis or the end of the quoted query — not by a space
/// or `/`, as in "kms_exporter explain" or a URL.
fn metrics_in_template(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(start) = text.get(i..).and_then(|t| t.find("kms_")).map(|p| p + i) {
        let end = start
            + text[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(text.len() - start);
        let preceded =
            start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if !preceded && matches!(bytes.get(end), Some(b'{' | b'[' | b')' | b'"')) {
            found.push(text[start..end].to_owned());
        }
        i = end;
    }
    found
}

/// `(file, rule, metric)` for every `kms_` metric a rule file names that is not in `families`
/// and not recorded by a recording rule of the files (`kms_exporter:clock_untrusted`).
pub fn missing_metrics(
    files: &[PathBuf],
    families: &BTreeSet<String>,
) -> Vec<(String, String, String)> {
    // Every rule of every file, parsed once, with the file it came from.
    let mut rules: Vec<(String, serde_json::Value)> = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let doc: serde_json::Value =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for group in doc["groups"].as_array().into_iter().flatten() {
            for rule in group["rules"].as_array().into_iter().flatten() {
                rules.push((file.display().to_string(), rule.clone()));
            }
        }
    }
    let mut known = families.clone();
    known.extend(
        rules
            .iter()
            .filter_map(|(_, rule)| rule["record"].as_str().map(str::to_owned)),
    );
    let mut missing = Vec::new();
    for (file, rule) in &rules {
        let name = rule["alert"]
            .as_str()
            .or_else(|| rule["record"].as_str())
            .unwrap_or("?")
            .to_owned();
        let mut names = metric_names_in_expr(rule["expr"].as_str().unwrap_or_default());
        if let Some(annotations) = rule["annotations"].as_object() {
            for value in annotations.values() {
                names.extend(metrics_in_template(value.as_str().unwrap_or_default()));
            }
        }
        for metric in names {
            if metric.starts_with("kms_") && !known.contains(&metric) {
                missing.push((file.clone(), name.clone(), metric));
            }
        }
    }
    missing.sort();
    missing.dedup();
    missing
}

fn rule_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("alerts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

#[tokio::test]
async fn every_metric_named_by_a_rule_exists_in_the_exporters_output() {
    let world = World::start().await;
    let exporter = TestExporter::start(&world.config("5s")).await;
    let text = exporter.metrics().await;
    let families = families(&text);
    let missing = missing_metrics(&rule_files(), &families);
    assert!(
        missing.is_empty(),
        "rules name metrics the exporter does not publish: {missing:#?}\nfamilies: {families:#?}"
    );
    exporter.stop().await;
}

#[test]
fn a_rule_naming_a_missing_metric_is_caught() {
    let families: BTreeSet<String> = ["kms_host_up".to_owned()].into();
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken.rules.yml");
    let missing = missing_metrics(&[broken], &families);
    let names: Vec<&str> = missing.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(names, ["kms_host_reboots_total", "kms_host_uptime_seconds"]);
    assert!(
        missing
            .iter()
            .all(|(_, rule, _)| rule == "KmsHostUptimeLow")
    );
}
