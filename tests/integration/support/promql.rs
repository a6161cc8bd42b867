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
