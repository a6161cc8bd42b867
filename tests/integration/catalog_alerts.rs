//! Keeps the error-code catalog (`src/codes/`), the alert rules (`alerts/*.yml`), their promtool
//! unit tests (`alerts/tests/*.yml`) and the runbooks (`docs/runbooks/{en,ko,ja}.md`) consistent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kms_exporter::codes::{self, Detection, Lang};
use serde::Deserialize;

use crate::support::promql::{metric_names_in_expr, selectors};
use crate::support::tools::tool;

const SEVERITIES: [&str; 3] = ["critical", "warning", "info"];
/// The `error_codes` annotation of an alert whose condition shows no code on clients.
const NO_CODES: &str = "none";
/// The one expression allowed without a `kms_` metric: Prometheus' own `up` of the exporter jobs.
const EXPORTER_UP: &str = "up{job=~\"kms|kms_exporter|kms_probe|kms-exporter\"} == 0";
/// The same per site, outside business hours (KmsExporterDownOutsideBusinessHours).
const EXPORTER_UP_AT_NIGHT: &str = "(max without (instance, exporter) (up{job=~\"kms|kms_exporter|kms_probe|kms-exporter\"}) == 0)\nand on () (kms:business_hours:seconds_until > 0)";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    groups: Vec<RuleGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleGroup {
    name: String,
    #[serde(default, rename = "interval")]
    _interval: Option<String>,
    rules: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    #[serde(default)]
    alert: Option<String>,
    #[serde(default)]
    record: Option<String>,
    expr: String,
    #[serde(default, rename = "for")]
    for_: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
}

/// One alerting rule with the file it came from.
struct AlertRule {
    file: PathBuf,
    name: String,
    expr: String,
    for_: Option<String>,
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
}

impl AlertRule {
    fn error_codes(&self) -> Vec<&str> {
        let value = self
            .annotations
            .get("error_codes")
            .map_or("", String::as_str);
        if value.trim() == NO_CODES {
            return Vec::new();
        }
        value.split(',').map(str::trim).collect()
    }
}

#[derive(Debug, Deserialize)]
struct TestFile {
    tests: Vec<TestGroup>,
}

#[derive(Debug, Deserialize)]
struct TestGroup {
    #[serde(default)]
    name: String,
    #[serde(default)]
    input_series: Vec<InputSeries>,
    #[serde(default)]
    alert_rule_test: Vec<AlertRuleTest>,
}

#[derive(Debug, Deserialize)]
struct InputSeries {
    series: String,
}

#[derive(Debug, Deserialize)]
struct AlertRuleTest {
    alertname: String,
    #[serde(default)]
    exp_alerts: Vec<ExpectedAlert>,
}

#[derive(Debug, Deserialize)]
struct ExpectedAlert {
    #[serde(default)]
    exp_labels: BTreeMap<String, String>,
    #[serde(default)]
    exp_annotations: BTreeMap<String, String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            path.is_file()
                && matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yml" | "yaml")
                )
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no YAML files in {}", dir.display());
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn alert_rules() -> Vec<AlertRule> {
    let mut alerts = Vec::new();
    for file in yaml_files(&root().join("alerts")) {
        let parsed: RuleFile = serde_saphyr::from_str(&read(&file))
            .unwrap_or_else(|e| panic!("{} is not a rule file: {e}", file.display()));
        for group in parsed.groups {
            assert!(
                !group.name.is_empty(),
                "{}: a group without name",
                file.display()
            );
            for rule in group.rules {
                let Some(name) = rule.alert else {
                    assert!(
                        rule.record.is_some(),
                        "{}: rule without alert or record",
                        file.display()
                    );
                    continue;
                };
                alerts.push(AlertRule {
                    file: file.clone(),
                    name,
                    expr: rule.expr,
                    for_: rule.for_,
                    labels: rule.labels,
                    annotations: rule.annotations,
                });
            }
        }
    }
    assert!(!alerts.is_empty(), "no alerting rules found under alerts/");
    alerts
}

fn alert_names(alerts: &[AlertRule]) -> BTreeSet<String> {
    alerts.iter().map(|a| a.name.clone()).collect()
}

fn runbook(lang: Lang) -> String {
    read(
        &root()
            .join("docs/runbooks")
            .join(format!("{}.md", lang.as_str())),
    )
}

/// The text of the runbook section that starts at the anchor of `alert`, up to the next anchor.
fn runbook_section<'a>(text: &'a str, alert: &str) -> Option<&'a str> {
    let anchor = format!("<a id=\"{}\"></a>", alert.to_ascii_lowercase());
    let start = text.find(&anchor)?;
    let rest = &text[start + anchor.len()..];
    let end = rest.find("<a id=\"").unwrap_or(rest.len());
    Some(&rest[..end])
}

fn anchors(text: &str) -> BTreeSet<String> {
    text.match_indices("<a id=\"")
        .map(|(at, prefix)| {
            let rest = &text[at + prefix.len()..];
            rest[..rest.find('"').expect("closed anchor id")].to_owned()
        })
        .collect()
}

#[test]
fn every_alert_has_a_runbook_section_in_every_language() {
    let alerts = alert_rules();
    let names = alert_names(&alerts);
    for lang in Lang::ALL {
        let text = runbook(lang);
        for name in &names {
            assert!(
                runbook_section(&text, name).is_some(),
                "docs/runbooks/{lang}.md has no section <a id=\"{}\"></a> for {name}",
                name.to_ascii_lowercase()
            );
        }
        // No orphaned sections: every anchor belongs to an alert.
        let expected: BTreeSet<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        assert_eq!(
            anchors(&text),
            expected,
            "anchors of docs/runbooks/{lang}.md"
        );
    }
}

#[test]
fn runbook_sections_show_severity_for_and_error_codes_of_their_alert() {
    let alerts = alert_rules();
    for lang in Lang::ALL {
        let text = runbook(lang);
        for alert in &alerts {
            let section = runbook_section(&text, &alert.name).expect("section exists");
            // The table row "| severity | for | codes |" that the section explains.
            let row = format!(
                "| {} | {} |",
                alert.labels.get("severity").map_or("", String::as_str),
                alert.for_.as_deref().unwrap_or("")
            );
            assert!(
                section.contains(&row),
                "docs/runbooks/{lang}.md section {} lacks the row {row:?}",
                alert.name
            );
            for code in alert.error_codes() {
                assert!(
                    section.contains(code),
                    "docs/runbooks/{lang}.md section {} does not mention {code}",
                    alert.name
                );
            }
        }
    }
}

#[test]
fn every_alert_follows_the_annotation_conventions() {
    for alert in alert_rules() {
        let at = format!("{} in {}", alert.name, alert.file.display());
        assert!(
            alert.name.starts_with("Kms"),
            "{at}: name lacks the Kms prefix"
        );
        assert!(
            alert.name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{at}: name is not CamelCase"
        );
        let severity = alert.labels.get("severity").map(String::as_str);
        assert!(
            severity.is_some_and(|s| SEVERITIES.contains(&s)),
            "{at}: severity {severity:?} is not one of {SEVERITIES:?}"
        );
        for key in ["summary", "description", "error_codes", "runbook_url"] {
            assert!(
                alert
                    .annotations
                    .get(key)
                    .is_some_and(|v| !v.trim().is_empty()),
                "{at}: annotation {key} missing or empty"
            );
        }
        assert!(
            !alert.annotations["summary"].contains("{{"),
            "{at}: summary must be static"
        );
        assert!(
            alert.annotations["description"].contains("{{"),
            "{at}: description should name the target from labels"
        );
        assert_eq!(
            alert.annotations["runbook_url"],
            codes::runbook_url(&alert.name, Lang::En),
            "{at}: runbook_url"
        );
        // Exporter liveness follows the monitoring-mixins convention: `up` of the exporter jobs.
        assert!(
            !metric_names_in_expr(&alert.expr).is_empty()
                || alert.expr.trim() == EXPORTER_UP
                || alert.expr.trim() == EXPORTER_UP_AT_NIGHT,
            "{at}: expression uses no kms_ metric"
        );
        // One failed probe is never an alert: every rule waits (15m, 1h, 6h, ...).
        let wait = alert.for_.as_deref().unwrap_or("");
        assert!(
            wait.starts_with(|c: char| ('1'..='9').contains(&c)),
            "{at}: `for: {wait}` must be a non-zero duration"
        );
    }
}

#[test]
fn every_error_code_of_every_rule_is_in_the_catalog() {
    for alert in alert_rules() {
        for code in alert.error_codes() {
            let at = format!("{} in {}", alert.name, alert.file.display());
            let parsed = codes::parse_code(code)
                .unwrap_or_else(|e| panic!("{at}: error_codes entry {code:?}: {e}"));
            let entry = codes::lookup(parsed)
                .unwrap_or_else(|| panic!("{at}: {code} is not in the catalog (src/codes/)"));
            assert_eq!(
                code,
                entry.hex(),
                "{at}: write codes as 0x + 8 upper-case hex digits"
            );
            match entry.detection {
                Detection::Network { alerts, .. } => assert!(
                    alerts.contains(&alert.name.as_str()),
                    "{at}: lists {code}, but the catalog entry of {code} does not name {}",
                    alert.name
                ),
                Detection::NotFromNetwork { .. } => {
                    panic!("{at}: lists {code}, which the catalog marks as not detectable")
                }
            }
        }
    }
}

#[test]
fn every_detectable_code_is_named_by_the_alerts_the_catalog_gives() {
    let alerts = alert_rules();
    let names = alert_names(&alerts);
    for entry in codes::all() {
        let Detection::Network {
            alerts: detecting,
            metrics,
        } = entry.detection
        else {
            continue;
        };
        let code = entry.hex();
        for name in detecting {
            assert!(
                names.contains(*name),
                "catalog entry {code} names alert {name}, which no rule file defines"
            );
            assert!(
                alerts
                    .iter()
                    .filter(|a| a.name == *name)
                    .any(|a| a.error_codes().contains(&code.as_str())),
                "alert {name} does not list {code} in its error_codes annotation"
            );
        }
        // The metrics the catalog shows users are the ones those alerts evaluate.
        let used: BTreeSet<String> = alerts
            .iter()
            .filter(|a| detecting.contains(&a.name.as_str()))
            .flat_map(|a| metric_names_in_expr(&a.expr))
            .collect();
        for selector in metrics {
            for metric in metric_names_in_expr(selector) {
                assert!(
                    used.contains(&metric),
                    "catalog entry {code} cites {metric}, which none of {detecting:?} uses"
                );
            }
        }
    }
}

#[test]
fn every_alert_has_promtool_cases_that_fire_it_and_keep_it_quiet() {
    let names = alert_names(&alert_rules());
    let mut fired: BTreeSet<String> = BTreeSet::new();
    let mut quiet: BTreeSet<String> = BTreeSet::new();
    for file in yaml_files(&root().join("alerts/tests")) {
        let parsed: TestFile = serde_saphyr::from_str(&read(&file))
            .unwrap_or_else(|e| panic!("{} is not a promtool test file: {e}", file.display()));
        for case in parsed.tests.iter().flat_map(|t| &t.alert_rule_test) {
            if case.exp_alerts.is_empty() {
                quiet.insert(case.alertname.clone());
            } else {
                for alert in &case.exp_alerts {
                    assert!(
                        alert.exp_labels.contains_key("severity")
                            && alert.exp_annotations.contains_key("description")
                            && alert.exp_annotations.contains_key("error_codes"),
                        "{}: a case of {} checks neither labels nor annotations",
                        file.display(),
                        case.alertname
                    );
                }
                fired.insert(case.alertname.clone());
            }
        }
    }
    for name in &names {
        assert!(fired.contains(name), "no promtool case fires {name}");
        assert!(quiet.contains(name), "no promtool case keeps {name} quiet");
    }
    for name in fired.union(&quiet) {
        assert!(
            names.contains(name),
            "promtool tests refer to unknown alert {name}"
        );
    }
}

/// The ways a promtool case lays out its input series, after examples/prometheus/: the exporter's
/// own cycle (single.yml, multi-site.yml: job `kms`, `instance` the exporter), the `/probe` layout
/// (multi-target.yml: an `exporter` label on the series), and whether any series carries a `site`
/// label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layout {
    Cycle,
    Probe,
    Site,
    NoSite,
}

fn layouts(case: &TestGroup) -> Vec<Layout> {
    let mut cycle = false;
    let mut probe = false;
    let mut site = false;
    for input in &case.input_series {
        for selector in selectors(&input.series) {
            let label = |name: &str| selector.matchers.iter().any(|(l, _, _)| l == name);
            cycle |= selector.has("job", "=", "kms") && label("instance");
            probe |= label("exporter");
            site |= label("site");
        }
    }
    let mut found = vec![if site { Layout::Site } else { Layout::NoSite }];
    if cycle {
        found.push(Layout::Cycle);
    }
    if probe {
        found.push(Layout::Probe);
    }
    found
}

/// Issue 23: every alert fires in both layouts and with or without a `site` label. The alerts
/// that compare sites (their expression aggregates `site` away) must instead stay quiet, in both
/// layouts, when no series carries `site` (mixin/README.md, "Without a site label").
#[test]
fn every_alert_fires_in_both_layouts_with_and_without_a_site_label() {
    let alerts = alert_rules();
    // (alert, layout) -> the cases that fire it there / keep it quiet there.
    let mut fired: BTreeMap<(String, Layout), Vec<String>> = BTreeMap::new();
    let mut quiet: BTreeMap<(String, Layout), Vec<String>> = BTreeMap::new();
    for file in yaml_files(&root().join("alerts/tests")) {
        let parsed: TestFile = serde_saphyr::from_str(&read(&file))
            .unwrap_or_else(|e| panic!("{} is not a promtool test file: {e}", file.display()));
        let file_name = file.file_name().unwrap_or_default().to_string_lossy();
        for case in &parsed.tests {
            let at = format!("{file_name}: {}", case.name);
            for layout in layouts(case) {
                for test in &case.alert_rule_test {
                    let into = if test.exp_alerts.is_empty() {
                        &mut quiet
                    } else {
                        &mut fired
                    };
                    into.entry((test.alertname.clone(), layout))
                        .or_default()
                        .push(at.clone());
                }
            }
        }
    }
    let mut missing = Vec::new();
    for alert in &alerts {
        let compares_sites = alert.expr.contains("(site)");
        for layout in [Layout::Cycle, Layout::Probe, Layout::Site, Layout::NoSite] {
            let key = (alert.name.clone(), layout);
            if compares_sites && layout == Layout::NoSite {
                for both in [Layout::Cycle, Layout::Probe] {
                    let silent_in = |case: &String| {
                        quiet
                            .get(&(alert.name.clone(), both))
                            .is_some_and(|cases| cases.contains(case))
                    };
                    if !quiet
                        .get(&key)
                        .is_some_and(|cases| cases.iter().any(silent_in))
                    {
                        missing.push(format!(
                            "{}: no case without `site` labels in the {both:?} layout keeps it quiet",
                            alert.name
                        ));
                    }
                }
            } else if !fired.contains_key(&key) {
                missing.push(format!("{}: no case fires it ({layout:?})", alert.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "alerts without promtool cases in a layout:\n{}",
        missing.join("\n")
    );
}

fn promtool(args: &[&str]) -> std::process::Output {
    tool("promtool", "prometheus")
        .args(args)
        .current_dir(root())
        .output()
        .expect("run promtool")
}

fn relative(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
        .collect()
}

#[test]
fn promtool_accepts_the_rules_and_their_unit_tests_pass() {
    let rule_files = relative(&yaml_files(&root().join("alerts")));
    let test_files = relative(&yaml_files(&root().join("alerts/tests")));

    let mut args = vec!["check", "rules"];
    args.extend(rule_files.iter().map(String::as_str));
    let check = promtool(&args);
    assert!(
        check.status.success(),
        "promtool check rules failed:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );

    let mut args = vec!["test", "rules"];
    args.extend(test_files.iter().map(String::as_str));
    let test = promtool(&args);
    assert!(
        test.status.success(),
        "promtool test rules failed:\n{}{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
}

/// Every catalog text in `lang` (`kms_exporter explain` prints these), each with the code it
/// belongs to.
fn catalog_texts(lang: Lang) -> Vec<(String, &'static str)> {
    let mut texts = Vec::new();
    for entry in codes::all() {
        let at = format!("catalog entry {} ({})", entry.hex(), lang.as_str());
        texts.push((format!("{at}, title"), entry.title.get(lang)));
        texts.push((format!("{at}, cause"), entry.cause.get(lang)));
        texts.push((format!("{at}, fix"), entry.fix.get(lang)));
        if let Detection::NotFromNetwork { reason } = entry.detection {
            texts.push((format!("{at}, reason"), reason.get(lang)));
        }
    }
    texts
}

/// The PowerShell pipeline that finds the KMS inbound rule by its port. Windows translates the
/// rule's display name ("Key Management Service (TCP-In)" on English Windows) into the display
/// language, so a command naming it finds nothing on Korean or Japanese Windows.
const RULE_BY_PORT: &str = "Get-NetFirewallPortFilter -Protocol TCP | Where-Object LocalPort -eq 1688 | Get-NetFirewallRule";

/// Why `line` would select the KMS firewall rule by a translated display name, if it does.
fn selects_rule_by_display_name(line: &str) -> Option<&'static str> {
    let lower = line.to_lowercase();
    if lower.contains("key management service (tcp-in)") || lower.contains("(tcp-in)") {
        return Some("names the rule's English display name");
    }
    if lower.contains("netsh advfirewall firewall") && lower.contains(" rule name=") {
        return Some("netsh selects rules by display name");
    }
    if lower.contains("-displaygroup") {
        return Some("-DisplayGroup is translated too");
    }
    // Creating a rule needs a display name; selecting one by it does not work everywhere.
    if lower.contains("-displayname") && !lower.contains("new-netfirewallrule") {
        return Some("-DisplayName is translated");
    }
    None
}

#[test]
fn firewall_commands_select_the_kms_rule_by_port_not_by_display_name() {
    let mut found = Vec::new();
    for lang in Lang::ALL {
        let text = runbook(lang);
        for (number, line) in text.lines().enumerate() {
            if let Some(why) = selects_rule_by_display_name(line) {
                found.push(format!(
                    "docs/runbooks/{}.md:{}: {why}: {line}",
                    lang.as_str(),
                    number + 1
                ));
            }
        }
        if text.matches(RULE_BY_PORT).count() < 3 {
            found.push(format!(
                "docs/runbooks/{}.md: the host checks and fixes should find the KMS rule with `{RULE_BY_PORT}`",
                lang.as_str()
            ));
        }
        for (at, text) in catalog_texts(lang) {
            if let Some(why) = selects_rule_by_display_name(text) {
                found.push(format!("{at}: {why}: {text}"));
            }
        }
        let rpc_unavailable = codes::lookup(0x8007_06BA).expect("0x800706BA in the catalog");
        if !rpc_unavailable.fix.get(lang).contains(RULE_BY_PORT) {
            found.push(format!(
                "catalog entry 0x800706BA ({}): the fix should enable the rule with `{RULE_BY_PORT}`",
                lang.as_str()
            ));
        }
    }
    assert!(
        found.is_empty(),
        "firewall commands that do not work on every display language:\n{}",
        found.join("\n")
    );
}

/// `text` with line breaks inside paragraphs undone: Korean wraps between words (a space), Japanese
/// between characters (nothing).
fn unwrapped(text: &str, lang: Lang) -> String {
    let joiner = if lang == Lang::Ja { "" } else { " " };
    text.lines().map(str::trim).collect::<Vec<_>>().join(joiner)
}

/// Occurrences of `word` in `text` not preceded by `prefix`, with some context.
fn without_prefix(text: &str, word: &str, prefix: &str) -> Vec<String> {
    text.match_indices(word)
        .filter(|(at, _)| !text[..*at].ends_with(prefix))
        .map(|(at, _)| {
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(12)
                .map_or(0, |(i, _)| i);
            let end = text[at..]
                .char_indices()
                .nth(word.chars().count() + 8)
                .map_or(text.len(), |(i, _)| at + i);
            text[start..end].to_owned()
        })
        .collect()
}

/// `text` without the messages quoted in the client-messages table (the rows of
/// [`CLIENT_MESSAGES`]): they are Windows' words as Microsoft's guides give them, not ours.
fn without_client_messages(text: &str) -> String {
    text.lines()
        .map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            let quoted = cells.get(1).is_some_and(|cell| {
                CLIENT_MESSAGES
                    .iter()
                    .any(|(_, _, (open, _))| cell.starts_with(*open))
            });
            if line.starts_with("| 0x") && cells.len() == 3 && quoted {
                format!("{} | | {}", cells[0], cells[2])
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The agreed Korean and Japanese terms, the words that must always carry them, and the variants
/// they replaced. Microsoft's own Korean and Japanese documentation uses 정품 인증 and
/// ライセンス認証 for "activation", KMS 호스트 / KMS ホスト, and 개수 / カウント for the count.
struct Terms {
    lang: Lang,
    /// (word, prefix it must follow): every 인증 is 정품 인증, every 認証 is ライセンス認証.
    activation: (&'static str, &'static str),
    /// Variants that must not appear.
    banned: &'static [&'static str],
}

const TERMS: [Terms; 2] = [
    Terms {
        lang: Lang::Ko,
        activation: ("인증", "정품 "),
        banned: &[
            "활성화",
            "정품인증",
            "라이선스 인증",
            "카운트",
            "KMS 서버",
            "KMS호스트",
        ],
    },
    Terms {
        lang: Lang::Ja,
        activation: ("認証", "ライセンス"),
        banned: &[
            "アクティベーション",
            "アクティブ化",
            "ライセンス 認証",
            "KMS サーバー",
            "KMSホスト",
        ],
    },
];

#[test]
fn korean_and_japanese_texts_use_the_agreed_terms() {
    let mut found = Vec::new();
    for terms in TERMS {
        let lang = terms.lang;
        let mut texts = vec![(
            format!("docs/runbooks/{}.md", lang.as_str()),
            unwrapped(&without_client_messages(&runbook(lang)), lang),
        )];
        texts.extend(
            catalog_texts(lang)
                .into_iter()
                .map(|(at, text)| (at, text.to_owned())),
        );
        let (word, prefix) = terms.activation;
        let mut uses = 0;
        for (at, text) in &texts {
            uses += text.matches(word).count();
            for context in without_prefix(text, word, prefix) {
                found.push(format!("{at}: {word} without {prefix:?}: …{context}…"));
            }
            for banned in terms.banned {
                if text.contains(banned) {
                    found.push(format!("{at}: uses {banned:?}"));
                }
            }
        }
        assert!(
            uses > 20,
            "{}: only {uses} uses of {word}; is the activation term still {prefix}{word}?",
            lang.as_str()
        );
    }
    assert!(
        found.is_empty(),
        "stray term variants:\n{}",
        found.join("\n")
    );
}

/// The heading of the section of the Korean and Japanese runbooks that quotes the messages clients
/// show with each code, and the language's quotation marks.
const CLIENT_MESSAGES: [(Lang, &str, (char, char)); 2] = [
    (Lang::Ko, "## Windows가 표시하는 메시지", ('"', '"')),
    (Lang::Ja, "## Windows が表示するメッセージ", ('「', '」')),
];

#[test]
fn korean_and_japanese_runbooks_quote_the_messages_clients_show_with_the_alert_codes() {
    let alerts = alert_rules();
    let all_codes: BTreeSet<&str> = alerts.iter().flat_map(|a| a.error_codes()).collect();
    for (lang, heading, (open, close)) in CLIENT_MESSAGES {
        let text = runbook(lang);
        let start = text
            .find(heading)
            .unwrap_or_else(|| panic!("docs/runbooks/{lang}.md has no {heading:?}"));
        let rest = &text[start + heading.len()..];
        let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
        let mut quoted = BTreeSet::new();
        for row in section.lines().filter(|l| l.starts_with("| 0x")) {
            let cells: Vec<&str> = row.split(" | ").collect();
            let code = cells[0].trim_start_matches("| ");
            let entry = codes::parse_code(code)
                .ok()
                .and_then(codes::lookup)
                .unwrap_or_else(|| panic!("{lang}.md: {code} is not in the catalog"));
            assert_eq!(
                code,
                entry.hex(),
                "{lang}.md: write {code} as the catalog does"
            );
            let message = cells.get(1).copied().unwrap_or_default();
            assert!(
                message.starts_with(open) && message.ends_with(close) && !message.is_ascii(),
                "{lang}.md: {code}: the message must be quoted in {lang}: {message:?}"
            );
            // Each linked alert names the code among its error_codes.
            let linked = cells.get(2).copied().unwrap_or_default();
            let names: Vec<&str> = linked
                .split("](#")
                .skip(1)
                .map(|s| &s[..s.find(')').unwrap_or(s.len())])
                .collect();
            assert!(!names.is_empty(), "{lang}.md: {code}: no alert linked");
            for anchor in names {
                let alert = alerts
                    .iter()
                    .find(|a| a.name.to_ascii_lowercase() == anchor)
                    .unwrap_or_else(|| panic!("{lang}.md: {code}: link to unknown alert {anchor}"));
                assert!(
                    alert.error_codes().contains(&code),
                    "{lang}.md: {code} links {}, whose error_codes do not list it",
                    alert.name
                );
            }
            quoted.insert(code);
        }
        assert!(
            quoted.len() >= 10,
            "{lang}.md: only {} messages",
            quoted.len()
        );
        // A code of the alerts without a quoted message is named in the section as one the
        // source does not give.
        for code in all_codes.difference(&quoted) {
            assert!(
                section.contains(code),
                "{lang}.md: {code} (an alert's error code) is neither quoted nor said to be missing"
            );
        }
    }
}
