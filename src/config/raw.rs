//! The config file as written (README, "Configuration"): serde types that reject unknown keys and
//! keep each value's position, so that validation can point at the line and column of a wrong
//! value.

use std::time::Duration;

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::clock::{ClockMethod, NTP_PORT, SMB_PORT};
use crate::kms::products::RawProduct;

/// A value read from a YAML scalar: what it means when it parses, else the scalar as written.
///
/// Parsing happens here, not in serde, so that a value that does not parse is one problem of
/// validation, reported at its position with every other problem of the file
/// (`--config.check` lists them all), instead of a parse error that ends reading at the first.
#[derive(Clone, Debug)]
pub(super) struct Parsed<T>(pub(super) Result<T, String>);

/// A type a setting's scalar is parsed into.
pub(super) trait FromScalar: Sized {
    /// What the setting takes, for the message about a value that does not parse.
    const EXPECTED: &'static str;
    /// Whether a quoted string may hold it (durations); else only a YAML number does.
    const FROM_TEXT: bool;
    fn parse(text: &str) -> Option<Self>;
}

impl FromScalar for Duration {
    const EXPECTED: &'static str = "a duration such as 90s, 15m or 1h 30m";
    const FROM_TEXT: bool = true;
    fn parse(text: &str) -> Option<Self> {
        humantime::parse_duration(text).ok()
    }
}

impl FromScalar for usize {
    const EXPECTED: &'static str = "a whole number";
    const FROM_TEXT: bool = false;
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl FromScalar for u16 {
    const EXPECTED: &'static str = "a whole number from 0 to 65535";
    const FROM_TEXT: bool = false;
    fn parse(text: &str) -> Option<Self> {
        text.parse().ok()
    }
}

impl<'de, T: FromScalar> Deserialize<'de> for Parsed<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarText<T>(std::marker::PhantomData<T>);
        impl<T: FromScalar> ScalarText<T> {
            fn parsed(text: String, number: bool) -> Parsed<T> {
                let value = (number || T::FROM_TEXT)
                    .then(|| T::parse(text.trim()))
                    .flatten();
                Parsed(value.ok_or(text))
            }
        }
        impl<T: FromScalar> serde::de::Visitor<'_> for ScalarText<T> {
            type Value = Parsed<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(T::EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Self::parsed(v.to_owned(), false))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Self::parsed(v.to_string(), true))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Self::parsed(v.to_string(), true))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Self::parsed(v.to_string(), true))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Self::parsed(v.to_string(), false))
            }
        }
        deserializer.deserialize_any(ScalarText(std::marker::PhantomData))
    }
}

/// A humantime duration (`90s`, `15m`, `1h 30m`) as written.
pub(super) type HumanDuration = Parsed<Duration>;

/// A default value, which has no position in the file.
fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned {
        value,
        referenced: Location::UNKNOWN,
        defined: Location::UNKNOWN,
    }
}

/// [`super::DEFAULT_INTERVAL`].
fn default_interval() -> Spanned<HumanDuration> {
    unplaced(Parsed(Ok(super::DEFAULT_INTERVAL)))
}
/// [`super::DEFAULT_ACTIVATION_INTERVAL`].
fn default_activation_interval() -> Spanned<HumanDuration> {
    unplaced(Parsed(Ok(super::DEFAULT_ACTIVATION_INTERVAL)))
}
/// 10s for one host's whole probe; it must end well before the next round starts.
fn default_timeout() -> Spanned<HumanDuration> {
    unplaced(Parsed(Ok(Duration::from_secs(10))))
}
/// 1h: long enough to bridge a DNS outage of a maintenance window, short enough that hosts
/// withdrawn meanwhile are not probed for long.
fn default_keep_last_answer() -> Spanned<HumanDuration> {
    unplaced(Parsed(Ok(Duration::from_secs(3600))))
}
/// 32 host probes in flight at once.
fn default_concurrency() -> Spanned<Parsed<usize>> {
    unplaced(Parsed(Ok(32)))
}
/// Empty; validation reads an empty list as `[windows]`, so `products: []` means the same.
fn default_products() -> Vec<Spanned<String>> {
    Vec::new()
}
/// `[ntp, smb]`: both ways a host's clock can be read.
fn default_clock_methods() -> Vec<Spanned<String>> {
    ClockMethod::ALL
        .into_iter()
        .map(|m| unplaced(m.as_label().to_owned()))
        .collect()
}
/// `auto`: the machine ID and workstation name are derived from the exporter's hostname.
fn default_auto() -> Spanned<String> {
    unplaced("auto".to_owned())
}
/// [`NTP_PORT`].
fn default_ntp_port() -> Spanned<Parsed<u16>> {
    unplaced(Parsed(Ok(NTP_PORT)))
}
/// [`SMB_PORT`].
fn default_smb_port() -> Spanned<Parsed<u16>> {
    unplaced(Parsed(Ok(SMB_PORT)))
}

/// The whole file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    /// Default 60s.
    #[serde(default = "default_interval")]
    pub(super) interval: Spanned<HumanDuration>,
    /// Default 15m.
    #[serde(default = "default_activation_interval")]
    pub(super) activation_interval: Spanned<HumanDuration>,
    /// Default 10s.
    #[serde(default = "default_timeout")]
    pub(super) timeout: Spanned<HumanDuration>,
    /// Default 32.
    #[serde(default = "default_concurrency")]
    pub(super) concurrency: Spanned<Parsed<usize>>,
    #[serde(default)]
    pub(super) client: RawClient,
    #[serde(default)]
    pub(super) dns: RawDns,
    /// Absent: the resolv.conf suffixes when no host is named either; `[]`: no domain at all.
    #[serde(default)]
    pub(super) domains: Option<Vec<RawDomain>>,
    #[serde(default)]
    pub(super) hosts: Vec<RawHost>,
    #[serde(default)]
    pub(super) clock: RawClock,
    #[serde(default)]
    pub(super) products: Vec<Spanned<RawProduct>>,
}

/// `client:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClient {
    /// Default `auto`: derived from the hostname.
    #[serde(default = "default_auto")]
    pub(super) machine_id: Spanned<String>,
    /// Default `auto`: `kms-exporter.<hostname>`.
    #[serde(default = "default_auto")]
    pub(super) workstation_name: Spanned<String>,
}

impl Default for RawClient {
    fn default() -> Self {
        Self {
            machine_id: default_auto(),
            workstation_name: default_auto(),
        }
    }
}

/// `dns:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDns {
    /// Default empty: the system resolver.
    #[serde(default)]
    pub(super) servers: Vec<Spanned<String>>,
    /// Default 1h; `0s` never keeps a failed domain's last answer.
    #[serde(default = "default_keep_last_answer")]
    pub(super) keep_last_answer: Spanned<HumanDuration>,
}

impl Default for RawDns {
    fn default() -> Self {
        Self {
            servers: Vec::new(),
            keep_last_answer: default_keep_last_answer(),
        }
    }
}

/// One entry of `domains:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDomain {
    pub(super) name: Spanned<String>,
    /// Default `[windows]`.
    #[serde(default = "default_products")]
    pub(super) products: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) expected_hosts: Option<Vec<Spanned<String>>>,
}

/// One entry of `hosts:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHost {
    pub(super) address: Spanned<String>,
    /// Default `[windows]`.
    #[serde(default = "default_products")]
    pub(super) products: Vec<Spanned<String>>,
}

/// `clock:`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClock {
    /// Default `[ntp, smb]`.
    #[serde(default = "default_clock_methods")]
    pub(super) methods: Vec<Spanned<String>>,
    /// Default empty.
    #[serde(default)]
    pub(super) reference: Vec<Spanned<String>>,
    /// Default [`NTP_PORT`].
    #[serde(default = "default_ntp_port")]
    pub(super) ntp_port: Spanned<Parsed<u16>>,
    /// Default [`SMB_PORT`].
    #[serde(default = "default_smb_port")]
    pub(super) smb_port: Spanned<Parsed<u16>>,
}

impl Default for RawClock {
    fn default() -> Self {
        Self {
            methods: default_clock_methods(),
            reference: Vec::new(),
            ntp_port: default_ntp_port(),
            smb_port: default_smb_port(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::clock::ClockMethod;
    use crate::config::tests::load;

    #[test]
    fn empty_file_takes_documented_defaults() {
        let c = load("").unwrap();
        assert_eq!(c.interval, Duration::from_secs(60));
        assert_eq!(c.activation_interval, Duration::from_secs(900));
        assert_eq!(c.timeout, Duration::from_secs(10));
        assert_eq!(c.concurrency, 32);
        assert_eq!(c.clock.methods, vec![ClockMethod::Ntp, ClockMethod::Smb]);
        assert!(c.dns_servers.is_empty());
        assert_eq!(c.dns_keep_last_answer, Duration::from_secs(3600));
        assert!(c.client.workstation_name.starts_with("kms-exporter."));
    }
}
