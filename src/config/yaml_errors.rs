//! Parser errors in words an operator can act on: the setting a misplaced value belongs to,
//! found by a position heuristic over the YAML text, and how that setting is written.

use std::path::Path;

use super::{ConfigError, ConfigProblem};

/// A parse error as a [`ConfigError`] at the parser's position, naming the setting where the
/// parser's own words do not.
pub(super) fn yaml_error(path: &Path, text: &str, error: &serde_saphyr::Error) -> ConfigError {
    let (line, column) = error
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((0, 0));
    let message = yaml_message(error);
    let message =
        explain_shape(&message, &keys_at(text, line as usize, column as usize)).unwrap_or(message);
    ConfigError::invalid(
        path,
        vec![ConfigProblem {
            line,
            column,
            message,
        }],
    )
}

/// serde-saphyr's Display appends a source snippet; keep the one-line message.
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let text = error.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default().trim();
    // The location is already in our prefix.
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_owned(),
        None => first.to_owned(),
    }
}

/// The parser's own words for a value of the wrong shape ("expected mapping start") name
/// neither the setting nor how it is written; say both. `keys` is where the value sits.
fn explain_shape(message: &str, keys: &[&str]) -> Option<String> {
    let wanted = match message {
        "expected mapping start" => "a mapping (`key: value` pairs)",
        "expected sequence start" => "a list",
        "expected string scalar" => "a single value, not a list or mapping",
        m if m.contains("expected a whole number") => "a whole number",
        // A list or mapping where a duration belongs (a scalar that is no duration is a problem
        // of validation, `raw::Parsed`).
        m if m.contains("expected a duration") => {
            return Some(match keys {
                [] => m.to_owned(),
                _ => format!("{}: {m}", keys.join(".")),
            });
        }
        _ => return None,
    };
    let shape = match keys {
        [] => "the file is a mapping of settings, e.g. `interval: 60s` on its own line",
        ["domains"] => {
            "`domains` is a list of mappings, one `- name: corp.example.com` per domain \
             (products and expected_hosts optional)"
        }
        ["hosts"] => {
            "`hosts` is a list of mappings, one `- address: kms1.corp.example.com:1688` per \
             host (products optional)"
        }
        ["products"] => {
            "`products` is a list of product definitions, each a mapping of name, \
             application_id, kms_counted_id, sku_id and required_count"
        }
        [_, "products"] => {
            "`products` is a list of product names, e.g. `[windows, office-ltsc-2024]`"
        }
        [_, "expected_hosts"] => {
            "`expected_hosts` is a list of host names, e.g. `[kms1.corp.example.com]`"
        }
        ["client"] => {
            "`client` is a mapping, e.g. `client: {machine_id: auto, workstation_name: auto}`"
        }
        ["dns"] => "`dns` is a mapping, e.g. `dns: {servers: [10.0.0.53]}`",
        ["dns", "servers"] => {
            "`servers` is a list, e.g. `servers: [10.0.0.53, \"[2001:db8::53]:53\"]`"
        }
        ["clock"] => "`clock` is a mapping, e.g. `clock: {methods: [ntp, smb]}`",
        ["clock", "methods"] => "`methods` is a list, e.g. `[ntp, smb]`, or `[]` for none",
        ["clock", "reference"] => "`reference` is a list of NTP servers, e.g. `[ntp1.example.com]`",
        [..] => return Some(format!("{}: expected {wanted}", keys.join("."))),
    };
    Some(format!(
        "{}expected {wanted}; {shape}",
        match keys {
            [] => String::new(),
            _ => format!("{}: ", keys.join(".")),
        }
    ))
}

/// The keys, outermost first, whose value holds line `line`, column `column` (1-based) of a
/// YAML text: the keys open at that column on the same line (block or flow style), then each
/// enclosing `key:` found by indentation. List items are stepped through, not named. A best
/// effort for error messages only; an empty list for the top level or anything unexpected.
fn keys_at(text: &str, line: usize, column: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(current) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return Vec::new();
    };
    let before = current
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(*current, |(i, _)| &current[..i]);
    let mut parents = Vec::new();
    // What encloses the line must be indented less than `indent`, or as much when the line
    // is a list item: a block list may sit at its key's own indentation.
    let (mut indent, mut in_item) = layout(current);
    for previous in lines[..line - 1].iter().rev() {
        if indent == 0 && !in_item {
            break;
        }
        let trimmed = previous.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (dash, key_column) = dash_and_key(previous);
        let block_key = trimmed
            .split(" #")
            .next()
            .unwrap_or_default()
            .trim_end()
            .trim_start_matches("- ")
            .strip_suffix(':')
            .filter(|k| is_key(k));
        match block_key {
            Some(key) if key_column < indent || (in_item && key_column == indent) => {
                parents.push(key);
                (indent, in_item) = layout(previous);
            }
            // Inside this list item: its own keys are siblings, its parent is further up.
            _ => match dash {
                Some(dash) if dash < indent => (indent, in_item) = (dash, true),
                _ => {}
            },
        }
    }
    parents.reverse();
    parents.extend(keys_in_line(before));
    parents
}

/// Where a line's list dash (if any) and its first key or value start, as 0-based columns.
fn dash_and_key(line: &str) -> (Option<usize>, usize) {
    let start = line.len() - line.trim_start().len();
    match line[start..].strip_prefix('-') {
        Some(rest) if rest.starts_with(' ') => {
            let after = rest.len() - rest.trim_start().len();
            (Some(start), start + 1 + after)
        }
        _ => (None, start),
    }
}

/// The indentation that encloses a line's content, and whether the line is a list item.
fn layout(line: &str) -> (usize, bool) {
    match dash_and_key(line) {
        (Some(dash), _) => (dash, true),
        (None, key) => (key, false),
    }
}

/// The keys still open at the end of a line's text, outermost first: `  products: `,
/// `- name: `, or flow style as in `domains: [{name: a.test, products: `.
fn keys_in_line(before: &str) -> Vec<&str> {
    let mut open: Vec<(usize, &str)> = Vec::new();
    let mut depth = 0_usize;
    let mut word: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '#' => break,
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                open.retain(|&(d, _)| d <= depth);
            }
            ',' => open.retain(|&(d, _)| d < depth),
            ':' if chars.peek().is_none_or(|(_, next)| next.is_whitespace()) => {
                if let Some(key) = word.map(|start| &before[start..i]).filter(|k| is_key(k)) {
                    open.retain(|&(d, _)| d < depth);
                    open.push((depth, key));
                }
            }
            _ => {}
        }
        word = match c {
            c if c.is_ascii_alphanumeric() || c == '_' => word.or(Some(i)),
            _ => None,
        };
    }
    open.into_iter().map(|(_, key)| key).collect()
}

/// Settings are spelled in `snake_case`; anything else before a `:` is part of a value.
fn is_key(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::config::tests::err;

    #[test]
    fn keys_at_finds_the_setting_around_a_position() {
        let cases: &[(&str, usize, usize, &[&str])] = &[
            ("- just\n", 1, 1, &[]),
            ("client: auto\n", 1, 9, &["client"]),
            ("domains: [corp.test]\n", 1, 11, &["domains"]),
            ("domains:\n  - corp.test\n", 2, 5, &["domains"]),
            ("domains:\n- corp.test\n", 2, 3, &["domains"]),
            (
                "# c\ninterval: 60s\ndomains:\n\n  # x\n  - name: a\n    products: w\n",
                7,
                15,
                &["domains", "products"],
            ),
            (
                "domains:\n- name: a\n- name: b\n  expected_hosts: x\n",
                4,
                19,
                &["domains", "expected_hosts"],
            ),
            (
                "domains: [{name: \"a:b\", products: [w]}, {name: b, expected_hosts: k}]\n",
                1,
                67,
                &["domains", "expected_hosts"],
            ),
            ("dns:\n  servers: 10.0.0.53\n", 2, 12, &["dns", "servers"]),
            (
                "dns:  # ours\n  servers: 10.0.0.53\n",
                2,
                12,
                &["dns", "servers"],
            ),
            ("clock:\n  ntp_port: x\n", 2, 13, &["clock", "ntp_port"]),
            ("interval: 60s\n", 9, 1, &[]),
        ];
        for &(text, line, column, want) in cases {
            assert_eq!(
                keys_at(text, line, column),
                want,
                "{text:?} at {line}:{column}"
            );
        }
    }

    #[test]
    fn shape_errors_name_the_setting_and_how_it_is_written() {
        let message = |text: &str| match Config::from_yaml(text, Path::new("f.yml")) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{text:?} was accepted"),
        };
        assert_eq!(
            message("hosts: kms1.test\n"),
            "f.yml:1:8: hosts: expected a list; `hosts` is a list of mappings, one \
             `- address: kms1.corp.example.com:1688` per host (products optional)"
        );
        assert_eq!(
            message("client:\n  machine_id: [a]\n"),
            "f.yml:2:15: client.machine_id: expected a single value, not a list or mapping"
        );
        // The parser places a list where a duration belongs at its key.
        assert_eq!(
            message("interval: [soon]\n"),
            "f.yml:1:1: invalid type: sequence, expected a duration such as 90s, 15m or 1h 30m"
        );
        assert_eq!(
            message("clock:\n  ntp_port: {a: 1}\n"),
            "f.yml:2:13: clock.ntp_port: expected a whole number"
        );
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let e = err("interval: 60s\ntimout: 5s\n");
        assert!(e.starts_with("test.yml:2:1: "), "{e}");
        assert!(e.contains("timout"), "{e}");
    }

    #[test]
    fn bad_duration_names_line_and_column() {
        let e = err("interval: 60s\ntimeout: 5 parsecs\n");
        assert!(e.starts_with("test.yml:2:"), "{e}");
    }
}
