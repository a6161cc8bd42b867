//! The exposition text writer: families, samples, label escaping and number formatting,
//! written straight into one buffer.

use std::time::SystemTime;

use super::Format;

/// The text being written, and its format.
pub(super) struct Out {
    pub(super) buf: String,
    pub(super) format: Format,
}

/// A sample's value: gauges print integral values as integers ("1", not "1.0"): easier to read
/// and grep.
#[derive(Clone, Copy)]
pub(super) enum Value {
    Gauge(f64),
    Counter(u64),
    /// A counter of a measured quantity (`process_cpu_seconds_total`).
    FloatCounter(f64),
}

/// The extra labels of one sample, after its family's shared label prefix.
pub(super) type Extra<'l> = [(&'static str, &'l str)];

impl Out {
    /// Starts a family: `# HELP` (with the prefix of docs/architecture.md §4.4 unless the family is
    /// [`standard`](Family::standard)), and `# TYPE`.
    fn header(&mut self, name: &str, help: &str, counter: bool, standard: bool) {
        let total = if counter && self.format == Format::Prometheus {
            "_total"
        } else {
            ""
        };
        let kind = if counter { "counter" } else { "gauge" };
        let b = &mut self.buf;
        b.push_str("# HELP ");
        b.push_str(name);
        b.push_str(total);
        b.push(' ');
        if !standard {
            b.push_str("Microsoft KMS volume activation: ");
        }
        match self.format {
            // The classic format escapes backslashes and newlines in HELP; OpenMetrics text as
            // prometheus-client writes it does not. Every help text here has neither.
            Format::Prometheus => escape_into(b, help, false),
            Format::OpenMetrics => b.push_str(help),
        }
        b.push_str("\n# TYPE ");
        b.push_str(name);
        b.push_str(total);
        b.push(' ');
        b.push_str(kind);
        b.push('\n');
    }

    /// One sample line: `name{prefix,extra…} value`. `prefix` is already escaped.
    pub(super) fn sample(&mut self, name: &str, prefix: &str, extra: &Extra<'_>, value: Value) {
        let b = &mut self.buf;
        b.push_str(name);
        if matches!(value, Value::Counter(_) | Value::FloatCounter(_)) {
            b.push_str("_total");
        }
        if !prefix.is_empty() || !extra.is_empty() {
            b.push('{');
            b.push_str(prefix);
            for (i, (key, value)) in extra.iter().enumerate() {
                if i > 0 || !prefix.is_empty() {
                    b.push(',');
                }
                push_label(b, key, value);
            }
            b.push('}');
        }
        b.push(' ');
        match value {
            Value::Counter(n) => b.push_str(itoa::Buffer::new().format(n)),
            // `(v as i64) as f64 == v` is `v.fract() == 0.0` for these magnitudes (NaN and the
            // infinities fail both), without a libm call per sample.
            Value::Gauge(v) | Value::FloatCounter(v)
                if v.abs() < 9.0e15 && (v as i64) as f64 == v =>
            {
                b.push_str(itoa::Buffer::new().format(v as i64))
            }
            Value::Gauge(v) | Value::FloatCounter(v) => match self.format {
                Format::OpenMetrics => b.push_str(dtoa::Buffer::new().format(v)),
                Format::Prometheus if v.is_finite() => {
                    b.push_str(dtoa::Buffer::new().format_finite(v))
                }
                Format::Prometheus if v.is_nan() => b.push_str("NaN"),
                Format::Prometheus if v > 0.0 => b.push_str("+Inf"),
                Format::Prometheus => b.push_str("-Inf"),
            },
        }
        b.push('\n');
    }

    /// A family whose `# HELP` and `# TYPE` are written with its first sample: a family
    /// without samples is not emitted at all.
    pub(super) fn family<'o>(&'o mut self, name: &'static str, help: &'static str) -> Family<'o> {
        Family {
            out: self,
            name,
            help,
            counter: false,
            standard: false,
            started: false,
        }
    }
}

pub(super) struct Family<'o> {
    out: &'o mut Out,
    name: &'static str,
    help: &'static str,
    /// Counters get `_total` on their samples (and, in the classic format, on the family).
    pub(super) counter: bool,
    /// A family defined outside this project (the client libraries' `process_*`): its HELP is
    /// theirs, without the `Microsoft KMS volume activation:` prefix of docs/architecture.md §4.4.
    pub(super) standard: bool,
    started: bool,
}

impl Family<'_> {
    pub(super) fn sample(&mut self, prefix: &str, extra: &Extra<'_>, value: Value) {
        if !self.started {
            self.out
                .header(self.name, self.help, self.counter, self.standard);
            self.started = true;
        }
        self.out.sample(self.name, prefix, extra, value);
    }

    pub(super) fn gauge(&mut self, prefix: &str, extra: &Extra<'_>, value: f64) {
        self.sample(prefix, extra, Value::Gauge(value));
    }
}

/// `key="value"` with the value escaped.
pub(super) fn push_label(b: &mut String, key: &str, value: &str) {
    b.push_str(key);
    b.push_str("=\"");
    escape_into(b, value, true);
    b.push('"');
}

/// Escapes `\` and newline (and `"` in label values) as the exposition formats require.
pub(super) fn escape_into(b: &mut String, text: &str, quotes: bool) {
    // A branch-free scan the compiler vectorises; it may flag a harmless byte below `"` (a
    // space, say), which only sends the text through the exact loop below.
    let suspect = text
        .bytes()
        .fold(false, |found, c| found | (c <= b'"') | (c == b'\\'));
    if !suspect {
        b.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\\' => b.push_str("\\\\"),
            '\n' => b.push_str("\\n"),
            '"' if quotes => b.push_str("\\\""),
            c => b.push(c),
        }
    }
}

/// Upper-case hex of the hardware ID ([`HostIdentity::hwid_hex`](crate::snapshot::HostIdentity::hwid_hex)
/// without its allocations); empty when there is none.
pub(super) fn hex<'b>(buf: &'b mut [u8; 16], hwid: Option<&[u8; 8]>) -> &'b str {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let Some(hwid) = hwid else {
        return "";
    };
    for (pair, byte) in buf.chunks_exact_mut(2).zip(hwid) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    std::str::from_utf8(buf).unwrap_or_default()
}

/// A label prefix written once and shared by many samples, e.g. `host="…",port="1688"`.
pub(super) fn prefix(labels: &Extra<'_>) -> String {
    let mut b = String::with_capacity(64);
    for (i, (key, value)) in labels.iter().enumerate() {
        if i > 0 {
            b.push(',');
        }
        push_label(&mut b, key, value);
    }
    b
}

pub(super) fn b(v: bool) -> f64 {
    if v { 1.0 } else { 0.0 }
}

pub(super) fn unix_seconds(t: SystemTime) -> f64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// The label prefixes of one host, computed once per rendering.
pub(super) struct HostLabels {
    /// `host="…",port="…"`.
    pub(super) host_port: String,
    /// Length of the `host="…"` part.
    pub(super) host_len: usize,
}

impl HostLabels {
    pub(super) fn host(&self) -> &str {
        self.host_port.get(..self.host_len).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped_and_numbers_formatted_as_before() {
        let mut b = String::new();
        push_label(&mut b, "host", "a\\b\"c\nd e!");
        assert_eq!(b, r#"host="a\\b\"c\nd e!""#);
        for (format, nan, inf) in [
            (Format::Prometheus, "m NaN\n", "m +Inf\n"),
            (Format::OpenMetrics, "m NaN\n", "m inf\n"),
        ] {
            let line = |value| {
                let mut out = Out {
                    buf: String::new(),
                    format,
                };
                out.sample("m", "", &[], value);
                out.buf
            };
            assert_eq!(line(Value::Gauge(f64::NAN)), nan);
            assert_eq!(line(Value::Gauge(f64::INFINITY)), inf);
            assert_eq!(line(Value::Gauge(3.0)), "m 3\n");
            assert_eq!(line(Value::Gauge(-0.25)), "m -0.25\n");
            assert_eq!(line(Value::Counter(7)), "m_total 7\n");
        }
        let mut hwid = [0u8; 16];
        assert_eq!(
            hex(
                &mut hwid,
                Some(&[0x3a, 0x1c, 0x04, 0x96, 0x00, 0xb6, 0x00, 0x76])
            ),
            "3A1C049600B60076"
        );
    }
}
