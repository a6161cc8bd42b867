//! A reader of PromQL just large enough to list the `kms_` metrics an expression uses.
//!
//! The tests that keep the alert rules, the catalog's metric selectors and the dashboards
//! consistent with what the exporter publishes need it; the exporter itself never reads PromQL,
//! so it lives here rather than in the product.

/// The metric names (identifiers starting with `kms_`) a PromQL expression uses, each once, in
/// order of first appearance. Label names inside `{...}`, string literals and `#` comments
/// are skipped; a `__name__="kms_..."` matcher counts as a use of that metric, and
/// `__name__=~"kms_a|kms_b"` as a use of each.
pub fn metric_names_in_expr(expr: &str) -> Vec<String> {
    let bytes = expr.as_bytes();
    let mut names: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if name.starts_with("kms_") && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    };
    let is_start = |b: u8| b.is_ascii_alphabetic() || b == b'_' || b == b':';
    let is_part = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b':';

    let mut in_braces = false;
    // Inside braces: the label name just read, while waiting for its matcher and value.
    let mut label: Option<&str> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' | b'`' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    // Backticks are raw strings in PromQL; the others have escapes.
                    if bytes[i] == b'\\' && b != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
                let end = i.min(bytes.len());
                let value = &expr[start..end];
                // `__name__="kms_x"` names a metric, `__name__=~"kms_x|kms_y"` each of the names
                // it lists; `__name__=~"kms_.*"` is a pattern, not a name.
                if in_braces
                    && label == Some("__name__")
                    && value
                        .split('|')
                        .all(|name| !name.is_empty() && name.bytes().all(is_part))
                {
                    value.split('|').for_each(&mut push);
                }
                label = None;
                i += 1;
            }
            b'{' => {
                in_braces = true;
                label = None;
                i += 1;
            }
            b'}' => {
                in_braces = false;
                label = None;
                i += 1;
            }
            b if b.is_ascii_digit() => {
                // A number or a duration (0xC004F042, 1.5e3, 5m): never a name.
                while i < bytes.len() && (is_part(bytes[i]) || bytes[i] == b'.') {
                    i += 1;
                }
            }
            b if is_start(b) => {
                let start = i;
                while i < bytes.len() && is_part(bytes[i]) {
                    i += 1;
                }
                let word = &expr[start..i];
                if in_braces {
                    label = Some(word);
                } else {
                    push(word);
                }
            }
            _ => i += 1,
        }
    }
    names
}

#[test]
fn metric_names_are_extracted_once_in_order() {
    let expr = r#"
        (kms_activation_hresult == 0xC004F041)
        and ignoring (status)
        (kms_activation_status{status="refused"} == 1)
        or kms_activation_hresult > 0
    "#;
    assert_eq!(
        metric_names_in_expr(expr),
        vec!["kms_activation_hresult", "kms_activation_status"]
    );
}

#[test]
fn metric_names_skip_strings_labels_functions_numbers_and_comments() {
    let expr = r#"
        # kms_in_comment is not used
        min without (nameserver) (
          max without (status) (kms_dns_srv_status{status=~"kms_not_a_metric|nodata", kms_label="x"})
        ) == 1
        unless on (job, instance) time() - kms_exporter_last_cycle_timestamp_seconds > 5m
    "#;
    assert_eq!(
        metric_names_in_expr(expr),
        vec![
            "kms_dns_srv_status",
            "kms_exporter_last_cycle_timestamp_seconds"
        ]
    );
}

#[test]
fn metric_names_read_name_matchers_and_range_selectors() {
    assert_eq!(
        metric_names_in_expr(r#"max_over_time({__name__="kms_exporter_build_info"}[1d])"#),
        vec!["kms_exporter_build_info"]
    );
    assert!(metric_names_in_expr(r#"{__name__=~"kms_.+"}"#).is_empty());
    assert_eq!(
        metric_names_in_expr(r#"{__name__=~"kms_host_up|kms_dns_srv_status", site=~"$site"}"#),
        vec!["kms_host_up", "kms_dns_srv_status"]
    );
    assert!(metric_names_in_expr(r#"{__name__=~"kms_host_up|kms_.*"}"#).is_empty());
    assert_eq!(
        metric_names_in_expr("rate(kms_exporter_probes_total{kind='tcp'}[5m]) and up"),
        vec!["kms_exporter_probes_total"]
    );
    assert!(metric_names_in_expr("up == 0").is_empty());
    assert!(metric_names_in_expr("").is_empty());
}

/// One vector selector of a PromQL expression: `name{label op "value", ...}` with its range
/// (`[5m]`, `[$__rate_interval]`) and the function it is the direct argument of, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// The metric name before the braces (`None` for `{__name__=~"..."}`).
    pub name: Option<String>,
    /// The matchers between the braces: label, operator (`=`, `!=`, `=~`, `!~`), value.
    pub matchers: Vec<(String, String, String)>,
    /// The text between `[` and `]` after the selector: a range or a subquery.
    pub range: Option<String>,
    /// The function whose parentheses directly enclose the selector (`rate` in `sum(rate(x[5m]))`).
    pub call: Option<String>,
}

impl Selector {
    /// Whether the selector has the matcher `label op "value"`.
    pub fn has(&self, label: &str, op: &str, value: &str) -> bool {
        self.matchers
            .iter()
            .any(|(l, o, v)| l == label && o == op && v == value)
    }
}

/// The vector selectors of a PromQL expression (also the `SELECTOR` of Grafana's
/// `label_values(SELECTOR, label)`), in order. Functions, aggregations, keywords, the label lists
/// of `by`/`without`/`on`/`ignoring`/`group_left`/`group_right`, strings, numbers, durations and
/// `#` comments are skipped; Grafana's `$variables` may stand in strings and ranges.
pub fn selectors(expr: &str) -> Vec<Selector> {
    // Besides LABEL_LISTS.
    const KEYWORDS: [&str; 22] = [
        "and",
        "or",
        "unless",
        "bool",
        "offset",
        "atan2",
        "inf",
        "nan",
        "sum",
        "min",
        "max",
        "avg",
        "group",
        "stddev",
        "stdvar",
        "count",
        "count_values",
        "bottomk",
        "topk",
        "quantile",
        "start",
        "end",
    ];
    const LABEL_LISTS: [&str; 6] = [
        "by",
        "without",
        "on",
        "ignoring",
        "group_left",
        "group_right",
    ];
    let b = expr.as_bytes();
    let is_part = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b':';
    let string_end = |mut i: usize| {
        let quote = b[i];
        i += 1;
        while i < b.len() && b[i] != quote {
            if b[i] == b'\\' && quote != b'`' {
                i += 1;
            }
            i += 1;
        }
        i + 1
    };
    let skip_to = |mut i: usize, close: u8| {
        while i < b.len() && b[i] != close {
            i = if matches!(b[i], b'"' | b'\'' | b'`') {
                string_end(i)
            } else {
                i + 1
            };
        }
        i
    };
    // The matchers between `{` at `open` and its `}`; returns them and the index after `}`.
    let matchers = |open: usize| {
        let close = skip_to(open + 1, b'}').min(b.len());
        let inner = &expr[open + 1..close];
        let mut found = Vec::new();
        let ib = inner.as_bytes();
        let mut i = 0;
        while i < ib.len() {
            while i < ib.len() && (ib[i] == b',' || ib[i].is_ascii_whitespace()) {
                i += 1;
            }
            let start = i;
            while i < ib.len() && is_part(ib[i]) {
                i += 1;
            }
            let label = inner[start..i].to_owned();
            while i < ib.len() && ib[i].is_ascii_whitespace() {
                i += 1;
            }
            let op_start = i;
            while i < ib.len() && matches!(ib[i], b'=' | b'!' | b'~') {
                i += 1;
            }
            let op = inner[op_start..i].to_owned();
            while i < ib.len() && ib[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= ib.len() || label.is_empty() {
                break;
            }
            let value_start = i + 1;
            let mut j = value_start;
            while j < ib.len() && ib[j] != ib[i] {
                if ib[j] == b'\\' && ib[i] != b'`' {
                    j += 1;
                }
                j += 1;
            }
            found.push((label, op, inner[value_start..j.min(ib.len())].to_owned()));
            i = j + 1;
        }
        (found, close + 1)
    };
    let mut out = Vec::new();
    // The function name (or "" for a plain parenthesis) of every open parenthesis.
    let mut calls: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    let mut i = 0;
    let finish = |out: &mut Vec<Selector>, name: Option<String>, mut i: usize, calls: &[String]| {
        let mut matchers_found = Vec::new();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'{' {
            let (found, after) = matchers(j);
            matchers_found = found;
            i = after;
        }
        let mut k = i;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        let mut range = None;
        if k < b.len() && b[k] == b'[' {
            let close = skip_to(k + 1, b']').min(b.len());
            range = Some(expr[k + 1..close].trim().to_owned());
            i = close + 1;
        }
        out.push(Selector {
            name,
            matchers: matchers_found,
            range,
            call: calls.last().filter(|c| !c.is_empty()).cloned(),
        });
        i
    };
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            i = string_end(i);
        } else if c == b'#' {
            i = skip_to(i + 1, b'\n') + 1;
        } else if c == b'(' {
            calls.push(pending.take().unwrap_or_default());
            i += 1;
        } else if c == b')' {
            calls.pop();
            i += 1;
        } else if c == b'{' {
            i = finish(&mut out, None, i, &calls);
        } else if c == b'[' {
            // A subquery's or a parenthesised expression's range.
            i = skip_to(i + 1, b']') + 1;
        } else if c.is_ascii_digit() || c == b'.' {
            while i < b.len() && (is_part(b[i]) || b[i] == b'.') {
                i += 1;
            }
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b':' {
            let start = i;
            while i < b.len() && is_part(b[i]) {
                i += 1;
            }
            let ident = &expr[start..i];
            let next = expr[i..].trim_start().bytes().next();
            if LABEL_LISTS.contains(&ident) && next == Some(b'(') {
                let open = i + expr[i..].find('(').expect("checked above");
                i = skip_to(open + 1, b')') + 1;
            } else if next == Some(b'(') {
                pending = Some(ident.to_owned());
            } else if !KEYWORDS.contains(&ident) && !LABEL_LISTS.contains(&ident) {
                i = finish(&mut out, Some(ident.to_owned()), i, &calls);
            }
        } else {
            i += 1;
        }
    }
    out
}
