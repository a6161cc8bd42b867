//! `kms_exporter explain` (issue: alerts and catalog, acceptance 2).

use crate::support::binary::binary;

/// The locale variables `explain` reads.
const LOCALE: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// `kms_exporter explain ARGS` in no locale at all.
fn explain(args: &[&str]) -> (Option<i32>, String, String) {
    explain_in(&[], args)
}

/// `kms_exporter explain ARGS` with exactly the locale variables `locale`.
fn explain_in(locale: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String, String) {
    let mut command = binary();
    command.arg("explain").args(args);
    for name in LOCALE {
        command.env_remove(name);
    }
    command.envs(locale.iter().copied());
    let out = command.output().expect("run kms_exporter");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hex_and_decimal_give_the_same_explanation() {
    let (code, hex, _) = explain(&["0xC004F074"]);
    assert_eq!(code, Some(0));
    let (code, decimal, _) = explain(&["3221549172"]);
    assert_eq!(code, Some(0));
    assert_eq!(hex, decimal);
    for part in [
        "0xC004F074 (3221549172, -1073418124) SL_E_VL_BINDING_SERVICE_UNAVAILABLE",
        "Cause:",
        "Fix:",
        "Alert: KmsClientsCannotActivate",
        "docs/runbooks/en.md#kmsclientscannotactivate",
    ] {
        assert!(hex.contains(part), "{part:?} missing in\n{hex}");
    }
}

#[test]
fn korean_and_japanese_explanations() {
    let (code, ko, _) = explain(&["0xc004f074", "--lang", "ko"]);
    assert_eq!(code, Some(0));
    assert!(ko.contains("원인:") && ko.contains("해결 방법:"), "{ko}");
    assert!(
        ko.contains("KmsClientsCannotActivate")
            && ko.contains("runbooks/ko.md#kmsclientscannotactivate")
    );
    let (code, ja, _) = explain(&["0xC004F038", "--lang=ja"]);
    assert_eq!(code, Some(0));
    assert!(ja.contains("KmsActivationCountBelowThreshold"), "{ja}");
    assert!(ja.contains("runbooks/ja.md#"), "{ja}");
}

#[test]
fn a_code_outside_the_network_view_says_why() {
    let (code, out, _) = explain(&["0xC004C003"]);
    assert_eq!(code, Some(0));
    assert!(!out.contains("Alert:"), "{out}");
}

#[test]
fn unknown_and_malformed_codes_exit_1() {
    let (code, out, err) = explain(&["0x12345678"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(
        err.contains("0x12345678 (305419896) is not in the catalog"),
        "{err}"
    );
    let (code, _, err) = explain(&["not-a-code"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("is not an error code"), "{err}");
    let (code, _, err) = explain(&["0xC004F074", "--lang", "fr"]);
    assert_eq!(code, Some(1));
    assert!(!err.is_empty());
}

#[test]
fn the_locale_picks_the_language_and_lang_wins() {
    let (_, english, _) = explain(&["0xC004F074"]);
    let (_, korean, _) = explain(&["0xC004F074", "--lang", "ko"]);
    let (_, japanese, _) = explain(&["0xC004F074", "--lang", "ja"]);
    assert_ne!(english, korean);
    let (code, out, _) = explain_in(&[("LANG", "ko_KR.UTF-8")], &["0xC004F074"]);
    assert_eq!((code, &out), (Some(0), &korean));
    let (_, out, _) = explain_in(
        &[("LANG", "ko_KR.UTF-8"), ("LC_MESSAGES", "ja_JP.UTF-8")],
        &["0xC004F074"],
    );
    assert_eq!(out, japanese, "LC_MESSAGES before LANG");
    let (_, out, _) = explain_in(
        &[("LC_ALL", "C.UTF-8"), ("LANG", "ja_JP.UTF-8")],
        &["0xC004F074"],
    );
    assert_eq!(out, english, "LC_ALL first; C is English");
    let (_, out, _) = explain_in(&[("LANG", "ja_JP.UTF-8")], &["0xC004F074", "--lang", "en"]);
    assert_eq!(out, english, "--lang wins over the locale");
}
