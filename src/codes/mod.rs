//! The error-code catalog (docs/architecture.md §7).
//!
//! One static table holds every activation error code that the Microsoft troubleshooting tables
//! list (MAK, KMS client and KMS host) plus the codes the KMS protocol itself produces
//! (`docs/protocol.md` §4.2): its symbolic name, the kind of activation it belongs to, cause and
//! fix in English, Korean and Japanese, and either the alerts and metrics of this exporter that see
//! the condition from the network, or the reason it cannot be seen from there.
//!
//! The table is the reference for `kms_exporter explain CODE`. The `error_codes` annotations of
//! the alert rules are written in the mixin (`mixin/rules.libsonnet`) and the runbooks' code
//! lists in `docs/runbooks/`; `tests/integration/catalog_alerts.rs` checks both against it.
//!
//! Layout: this file holds the types and the look-ups over them; `catalog.rs` the table itself,
//! long and mostly prose in three languages; `explain.rs` the text the `explain` command prints;
//! `condition.rs` the network conditions the findings name, with the code clients show for each.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

mod catalog;
mod condition;
mod explain;

use catalog::CATALOG;
pub use condition::Condition;
pub use explain::explain;

/// Where the runbooks live; `runbook_url` appends `<lang>.md#<alert name in lowercase>`.
/// The alert rules' `runbook_url` annotations use the English file with the same anchors.
pub const RUNBOOK_BASE_URL: &str =
    "https://github.com/kms-exporter/kms_exporter/blob/main/docs/runbooks/";

/// A language the catalog, the runbooks and `explain` are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ko,
    Ja,
}

impl Lang {
    /// Every language, in the order the runbooks are listed.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ko, Lang::Ja];

    /// The ISO 639-1 code, also the runbook file name (`docs/runbooks/<code>.md`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
            Lang::Ja => "ja",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `--lang` value that names no language of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {input:?}: expected en, ko or ja")]
pub struct ParseLangError {
    /// The rejected input, as given.
    pub input: String,
}

impl FromStr for Lang {
    type Err = ParseLangError;

    /// Accepts `en`, `ko`, `ja` in any case, with an optional region or encoding suffix
    /// (`ja-JP`, `ko_KR.UTF-8`) so that a locale string such as `$LANG` works too.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let primary = input
            .trim()
            .split(['-', '_', '.'])
            .next()
            .unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "ko" => Ok(Lang::Ko),
            "ja" => Ok(Lang::Ja),
            _ => Err(ParseLangError {
                input: input.to_owned(),
            }),
        }
    }
}

impl Lang {
    /// The language of the user's locale, as `gettext` picks the messages' one: the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides; a locale of another
    /// language (`C`, `POSIX`, `fr_FR.UTF-8`) or none gives English.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|value| !value.trim().is_empty())
            .and_then(|value| value.parse().ok())
            .unwrap_or(Lang::En)
    }
}

/// One piece of text in every language of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: &'static str,
    pub ko: &'static str,
    pub ja: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
            Lang::Ja => self.ja,
        }
    }
}

/// The kind of activation a code occurs in, as Microsoft's tables classify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivationType {
    /// Multiple Activation Key: the machine activates directly with Microsoft.
    Mak,
    /// A machine with a KMS client setup key (GVLK) that activates against a KMS host.
    KmsClient,
    /// The KMS host itself, including the activation of its own host key (CSVLK).
    KmsHost,
}

impl ActivationType {
    /// The name used in `explain` output.
    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ActivationType::Mak, _) => "MAK",
            (ActivationType::KmsClient, Lang::En) => "KMS client",
            (ActivationType::KmsClient, Lang::Ko) => "KMS 클라이언트",
            (ActivationType::KmsClient, Lang::Ja) => "KMS クライアント",
            (ActivationType::KmsHost, Lang::En) => "KMS host",
            (ActivationType::KmsHost, Lang::Ko) => "KMS 호스트",
            (ActivationType::KmsHost, Lang::Ja) => "KMS ホスト",
        }
    }
}

/// Whether, and how, the exporter sees the condition behind a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Detection {
    /// Visible from the network: the alerts (names in `alerts/*.yml`) whose `error_codes`
    /// annotation lists this code, and the metrics (PromQL selectors) their rules use.
    Network {
        alerts: &'static [&'static str],
        metrics: &'static [&'static str],
    },
    /// Decided inside one machine or between a machine and Microsoft; the exporter cannot see it.
    NotFromNetwork { reason: Text },
}

/// One entry of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ErrorCode {
    /// The code as Windows reports it (an HRESULT, or a plain Win32 error for 0x000006BA).
    pub code: u32,
    /// The symbolic name from the Windows SDK (`slerror.h`, `winerror.h`), where one is known.
    pub name: Option<&'static str>,
    /// Where the code occurs: MAK, KMS client, KMS host.
    pub activation: &'static [ActivationType],
    /// A short title, one line.
    pub title: Text,
    /// Why the code appears.
    pub cause: Text,
    /// What to do about it.
    pub fix: Text,
    /// How the exporter detects it, or why it cannot.
    pub detection: Detection,
}

impl ErrorCode {
    /// The code as `0xXXXXXXXX`, eight upper-case hex digits, the way Windows prints it.
    pub fn hex(&self) -> String {
        format!("0x{:08X}", self.code)
    }

    /// True when some alert of this exporter fires for the condition behind the code.
    pub const fn is_detectable(&self) -> bool {
        matches!(self.detection, Detection::Network { .. })
    }
}

/// Every entry of the catalog.
pub fn all() -> &'static [ErrorCode] {
    CATALOG
}

/// The entry for `code`, if the catalog has one.
pub fn lookup(code: u32) -> Option<&'static ErrorCode> {
    CATALOG.iter().find(|entry| entry.code == code)
}

/// The symbolic name of `code` (`SL_E_VL_INVALID_TIMESTAMP`), if its catalog entry has one.
///
/// The catalog is the one home of HRESULT names; other modules carry the number and ask here, so
/// each name is spelled once and `explain`, the probe report and logs agree on it.
pub fn name(code: u32) -> Option<&'static str> {
    lookup(code).and_then(|entry| entry.name)
}

/// `code` the way reports and logs show it:
/// `0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH`, or just `0x12345678` when the catalog
/// has no name for it.
pub fn describe(code: u32) -> String {
    match name(code) {
        Some(name) => format!("0x{code:08X} {name}"),
        None => format!("0x{code:08X}"),
    }
}

/// What the monitoring mixin takes from the catalog, as the text of `mixin/lib/catalog.libsonnet`
/// (JSON behind a header): each alert's `error_codes` annotation, the runbook URL pattern and the
/// hosts' clock tolerance. The mixin imports the file, so the rules and dashboards state these
/// facts nowhere else; `tests/integration/mixin.rs` keeps the file equal to this text.
pub fn mixin_catalog() -> String {
    let mut codes: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for entry in CATALOG {
        if let Detection::Network { alerts, .. } = entry.detection {
            for alert in alerts {
                codes.entry(alert).or_default().push(entry.hex());
            }
        }
    }
    let mut out = String::from(
        "// GENERATED from the error-code catalog (src/codes/) by\n\
         // `GOLDEN_UPDATE=1 cargo test --test integration -- mixin_catalog`: edit the catalog, not\n\
         // this file. Alerts it does not list have no client error code (`none`).\n{\n",
    );
    out.push_str(&format!(
        "  \"runbookURLPattern\": \"{RUNBOOK_BASE_URL}%(language)s.md#%(anchor)s\",\n"
    ));
    out.push_str(&format!(
        "  \"clockToleranceSeconds\": {},\n",
        crate::kms::CLOCK_TOLERANCE_SECONDS
    ));
    out.push_str("  \"errorCodes\": {\n");
    let rows: Vec<String> = codes
        .iter()
        .map(|(alert, codes)| format!("    \"{alert}\": \"{}\"", codes.join(", ")))
        .collect();
    out.push_str(&rows.join(",\n"));
    out.push_str("\n  }\n}\n");
    out
}

/// The runbook section of an alert in one language.
pub fn runbook_url(alert: &str, lang: Lang) -> String {
    format!(
        "{RUNBOOK_BASE_URL}{}.md#{}",
        lang.as_str(),
        alert.to_ascii_lowercase()
    )
}

/// An input that `parse_code` does not read as an error code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseCodeError {
    #[error("no error code given: write it like 0xC004F074 or 3221549172")]
    Empty,
    #[error(
        "{input:?} is not a hexadecimal error code: expected 1 to 8 hex digits after 0x, like 0xC004F074"
    )]
    InvalidHex { input: String },
    #[error("{input:?} does not fit in 32 bits, so it is no Windows error code")]
    OutOfRange { input: String },
    #[error(
        "{input:?} is not an error code: write it in hex (0xC004F074 or C004F074) or in decimal (3221549172 or -1073418124)"
    )]
    Unrecognized { input: String },
}

/// Reads an error code the way users copy it from Windows.
///
/// Accepted forms:
/// * `0x` or `0X` followed by 1 to 8 hex digits: `0xC004F074`, `0xc004f074`, `0x6BA`;
/// * exactly 8 hex digits without prefix, as event logs and `slui` print codes: `C004F074`,
///   `8007232B`. Eight decimal digits such as `80070005` are therefore read as hex too; no
///   Windows error code is an eight-digit decimal number;
/// * hex digits without prefix that contain a letter and so cannot be decimal: `6BA`;
/// * an unsigned decimal: `3221549172`, `1722`;
/// * a negative decimal, the signed 32-bit form that PowerShell and .NET print for HRESULTs:
///   `-1073418124` is `0xC004F074`.
///
/// Surrounding white space is ignored.
pub fn parse_code(input: &str) -> Result<u32, ParseCodeError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ParseCodeError::Empty);
    }
    let owned = || input.to_owned();

    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ParseCodeError::InvalidHex { input: owned() });
        }
        return u32::from_str_radix(hex, 16)
            .map_err(|_| ParseCodeError::OutOfRange { input: owned() });
    }

    if let Some(magnitude) = text.strip_prefix('-') {
        if magnitude.is_empty() || !magnitude.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseCodeError::Unrecognized { input: owned() });
        }
        let value: i64 = magnitude
            .parse::<i64>()
            .map(|m| -m)
            .map_err(|_| ParseCodeError::OutOfRange { input: owned() })?;
        let signed =
            i32::try_from(value).map_err(|_| ParseCodeError::OutOfRange { input: owned() })?;
        // Two's complement: the signed print of an HRESULT and the HRESULT share their bits.
        return Ok(signed.cast_unsigned());
    }

    let all_hex = text.bytes().all(|b| b.is_ascii_hexdigit());
    let all_decimal = text.bytes().all(|b| b.is_ascii_digit());
    if all_hex && (text.len() == 8 || !all_decimal) {
        if text.len() > 8 {
            return Err(ParseCodeError::OutOfRange { input: owned() });
        }
        return u32::from_str_radix(text, 16)
            .map_err(|_| ParseCodeError::InvalidHex { input: owned() });
    }
    if all_decimal {
        return text
            .parse::<u32>()
            .map_err(|_| ParseCodeError::OutOfRange { input: owned() });
    }
    Err(ParseCodeError::Unrecognized { input: owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_picks_the_language_like_gettext() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "ko_KR.UTF-8")])), Lang::Ko);
        assert_eq!(
            Lang::from_locale(env(&[
                ("LANG", "ko_KR.UTF-8"),
                ("LC_MESSAGES", "ja_JP.UTF-8")
            ])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "ja_JP.UTF-8")])),
            Lang::En
        );
        // Empty is unset; C, POSIX and other languages fall back to English.
        assert_eq!(
            Lang::from_locale(env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(Lang::from_locale(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }

    #[test]
    fn parses_prefixed_hex_in_any_case() {
        assert_eq!(parse_code("0xC004F074"), Ok(0xC004_F074));
        assert_eq!(parse_code("0xc004f074"), Ok(0xC004_F074));
        assert_eq!(parse_code("0XC004F074"), Ok(0xC004_F074));
        assert_eq!(parse_code("0x6BA"), Ok(0x6BA));
        assert_eq!(parse_code("  0x8007232B\n"), Ok(0x8007_232B));
    }

    #[test]
    fn parses_bare_hex_as_windows_prints_it() {
        assert_eq!(parse_code("C004F074"), Ok(0xC004_F074));
        assert_eq!(parse_code("c004f074"), Ok(0xC004_F074));
        // Eight digits are hex even when none is a letter.
        assert_eq!(parse_code("80070005"), Ok(0x8007_0005));
        assert_eq!(parse_code("6BA"), Ok(0x6BA));
    }

    #[test]
    fn parses_unsigned_and_signed_decimal() {
        assert_eq!(parse_code("3221549172"), Ok(0xC004_F074));
        assert_eq!(parse_code("-1073418124"), Ok(0xC004_F074));
        assert_eq!(parse_code("-2147024883"), Ok(0x8007_000D));
        assert_eq!(parse_code("1722"), Ok(0x6BA));
        assert_eq!(parse_code("0"), Ok(0));
        assert_eq!(parse_code("4294967295"), Ok(u32::MAX));
        assert_eq!(parse_code("-2147483648"), Ok(0x8000_0000));
    }

    #[test]
    fn rejects_what_is_no_code() {
        assert_eq!(parse_code(""), Err(ParseCodeError::Empty));
        assert_eq!(parse_code("   "), Err(ParseCodeError::Empty));
        assert!(matches!(
            parse_code("0x"),
            Err(ParseCodeError::InvalidHex { .. })
        ));
        assert!(matches!(
            parse_code("0xC004G074"),
            Err(ParseCodeError::InvalidHex { .. })
        ));
        assert!(matches!(
            parse_code("0x1C004F074"),
            Err(ParseCodeError::OutOfRange { .. })
        ));
        assert!(matches!(
            parse_code("4294967296"),
            Err(ParseCodeError::OutOfRange { .. })
        ));
        assert!(matches!(
            parse_code("-2147483649"),
            Err(ParseCodeError::OutOfRange { .. })
        ));
        assert!(matches!(
            parse_code("1C004F074"),
            Err(ParseCodeError::OutOfRange { .. })
        ));
        assert!(matches!(
            parse_code("error"),
            Err(ParseCodeError::Unrecognized { .. })
        ));
        assert!(matches!(
            parse_code("-0x5"),
            Err(ParseCodeError::Unrecognized { .. })
        ));
        assert!(matches!(
            parse_code("+5"),
            Err(ParseCodeError::Unrecognized { .. })
        ));
    }

    #[test]
    fn parse_errors_tell_the_user_what_to_type() {
        let message = parse_code("nonsense").unwrap_err().to_string();
        assert_eq!(
            message,
            "\"nonsense\" is not an error code: write it in hex (0xC004F074 or C004F074) or in decimal (3221549172 or -1073418124)"
        );
    }

    #[test]
    fn lang_parses_codes_and_locales() {
        assert_eq!("en".parse(), Ok(Lang::En));
        assert_eq!("ko".parse(), Ok(Lang::Ko));
        assert_eq!("ja".parse(), Ok(Lang::Ja));
        assert_eq!("JA".parse(), Ok(Lang::Ja));
        assert_eq!("ja-JP".parse(), Ok(Lang::Ja));
        assert_eq!("ko_KR.UTF-8".parse(), Ok(Lang::Ko));
        let err = "de".parse::<Lang>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown language \"de\": expected en, ko or ja"
        );
        assert!("".parse::<Lang>().is_err());
        for lang in Lang::ALL {
            assert_eq!(lang.as_str().parse(), Ok(lang));
        }
    }

    #[test]
    fn lookup_finds_known_codes_and_only_those() {
        assert_eq!(lookup(0xC004_F074).map(|c| c.code), Some(0xC004_F074));
        assert_eq!(
            lookup(0xC004_F074).and_then(|c| c.name),
            Some("SL_E_VL_BINDING_SERVICE_UNAVAILABLE")
        );
        assert!(lookup(0xC004_F056).is_none());
        assert!(lookup(0).is_none());
        assert!(lookup(0xDEAD_BEEF).is_none());
    }

    #[test]
    fn name_is_the_catalog_entrys_symbolic_name() {
        assert_eq!(
            name(0xC004_F042),
            Some("SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH")
        );
        assert_eq!(name(0x0000_06BA), Some("RPC_S_SERVER_UNAVAILABLE"));
        // In the catalog, but without a name in the Windows SDK.
        assert_eq!(name(0x8009_2328), None);
        assert_eq!(name(0xDEAD_BEEF), None);
    }

    #[test]
    fn describe_prints_hex_and_the_name_if_there_is_one() {
        assert_eq!(
            describe(0xC004_F042),
            "0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH"
        );
        // Codes the probe report describes: host refusals and the ones it computes itself.
        assert_eq!(describe(0x8007_000D), "0x8007000D ERROR_INVALID_DATA");
        assert_eq!(describe(0xC004_F038), "0xC004F038 SL_E_VL_NOT_ENOUGH_COUNT");
        assert_eq!(
            describe(0xC004_F06C),
            "0xC004F06C SL_E_VL_INVALID_TIMESTAMP"
        );
        assert_eq!(describe(0x6BA), "0x000006BA RPC_S_SERVER_UNAVAILABLE");
        assert_eq!(describe(0x8009_2328), "0x80092328");
        assert_eq!(describe(0x1234_5678), "0x12345678");
    }

    #[test]
    fn runbook_urls_use_lowercase_anchors() {
        assert_eq!(
            runbook_url("KmsClientsCannotActivate", Lang::Ja),
            "https://github.com/kms-exporter/kms_exporter/blob/main/docs/runbooks/ja.md#kmsclientscannotactivate"
        );
    }
}
