//! The text of `kms_exporter explain CODE`, in each language of the catalog.

use super::{Detection, ErrorCode, Lang, runbook_url};

/// Headings of the `explain` output.
struct Headings {
    activation: &'static str,
    cause: &'static str,
    fix: &'static str,
    detected: &'static str,
    alert: &'static str,
    metrics: &'static str,
    not_detected: &'static str,
}

const fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::En => Headings {
            activation: "Activation type",
            cause: "Cause",
            fix: "Fix",
            detected: "Detected by kms_exporter",
            alert: "Alert",
            metrics: "Metrics",
            not_detected: "Not visible to kms_exporter",
        },
        Lang::Ko => Headings {
            activation: "정품 인증 유형",
            cause: "원인",
            fix: "해결 방법",
            detected: "kms_exporter 탐지",
            alert: "알림",
            metrics: "메트릭",
            not_detected: "kms_exporter로 탐지할 수 없는 이유",
        },
        Lang::Ja => Headings {
            activation: "ライセンス認証の種類",
            cause: "原因",
            fix: "対処方法",
            detected: "kms_exporter による検出",
            alert: "アラート",
            metrics: "メトリック",
            not_detected: "kms_exporter で検出できない理由",
        },
    }
}

/// The text `kms_exporter explain CODE --lang LANG` prints: the code in hex and decimal (and
/// the signed decimal PowerShell shows, for failure codes), the symbolic name, the activation
/// type, cause, fix, and the alerts and metrics that detect it or why nothing can.
pub fn explain(code: &ErrorCode, lang: Lang) -> String {
    let h = headings(lang);
    let mut out = String::new();

    out.push_str(&code.hex());
    out.push_str(&format!(" ({}", code.code));
    let signed = code.code.cast_signed();
    if signed < 0 {
        out.push_str(&format!(", {signed}"));
    }
    out.push(')');
    if let Some(name) = code.name {
        out.push(' ');
        out.push_str(name);
    }
    out.push('\n');
    out.push_str(code.title.get(lang));
    out.push('\n');

    let kinds: Vec<&str> = code.activation.iter().map(|a| a.label(lang)).collect();
    out.push_str(&format!("{}: {}\n", h.activation, kinds.join(", ")));

    out.push_str(&format!("\n{}:\n  {}\n", h.cause, code.cause.get(lang)));
    out.push_str(&format!("\n{}:\n  {}\n", h.fix, code.fix.get(lang)));

    match code.detection {
        Detection::Network { alerts, metrics } => {
            out.push_str(&format!("\n{}:\n", h.detected));
            for alert in alerts {
                out.push_str(&format!(
                    "  {}: {alert}  {}\n",
                    h.alert,
                    runbook_url(alert, lang)
                ));
            }
            out.push_str(&format!("  {}: {}\n", h.metrics, metrics.join(", ")));
        }
        Detection::NotFromNetwork { reason } => {
            out.push_str(&format!("\n{}:\n  {}\n", h.not_detected, reason.get(lang)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::explain;
    use crate::codes::{Lang, RUNBOOK_BASE_URL, lookup};

    #[test]
    fn explain_0xc004f074_names_its_alert_in_every_language() {
        let entry = lookup(0xC004_F074).expect("0xC004F074 is in the catalog");
        for lang in Lang::ALL {
            let text = explain(entry, lang);
            assert!(
                text.starts_with(
                    "0xC004F074 (3221549172, -1073418124) SL_E_VL_BINDING_SERVICE_UNAVAILABLE\n"
                ),
                "{lang}: {text}"
            );
            assert!(text.contains("KmsClientsCannotActivate"), "{lang}: {text}");
            assert!(
                text.contains("kms_domain_activation_result_ratio{hresult=\"0xC004F074\"}"),
                "{lang}: {text}"
            );
            assert!(
                text.contains(&format!(
                    "{RUNBOOK_BASE_URL}{lang}.md#kmsclientscannotactivate"
                )),
                "{lang}: {text}"
            );
            assert!(text.contains(entry.cause.get(lang)), "{lang}");
            assert!(text.contains(entry.fix.get(lang)), "{lang}");
        }
        let ko = explain(entry, Lang::Ko);
        assert!(ko.contains("정품 인증 유형: KMS 클라이언트\n"), "{ko}");
        let ja = explain(entry, Lang::Ja);
        assert!(
            ja.contains("ライセンス認証の種類: KMS クライアント\n"),
            "{ja}"
        );
    }

    #[test]
    fn explain_gives_the_reason_when_the_network_cannot_see_a_code() {
        let entry = lookup(0xC004_C020).expect("0xC004C020 is in the catalog");
        let text = explain(entry, Lang::En);
        assert!(
            text.starts_with(
                "0xC004C020 (3221536800, -1073430496) SL_E_CHPA_DMAK_LIMIT_EXCEEDED\n"
            )
        );
        assert!(text.contains("Activation type: MAK\n"));
        assert!(text.contains("Not visible to kms_exporter:\n  MAK activation happens"));
        assert!(!text.contains("Alert:"));
    }

    #[test]
    fn explain_of_a_win32_code_has_no_signed_form() {
        let entry = lookup(0x6BA).expect("0x000006BA is in the catalog");
        assert!(
            explain(entry, Lang::En).starts_with("0x000006BA (1722) RPC_S_SERVER_UNAVAILABLE\n")
        );
    }
}
