// GENERATED from the error-code catalog (src/codes/) by
// `GOLDEN_UPDATE=1 cargo test --test integration -- mixin_catalog`: edit the catalog, not
// this file. Alerts it does not list have no client error code (`none`).
{
  "runbookURLPattern": "https://github.com/kms-exporter/kms_exporter/blob/main/docs/runbooks/%(language)s.md#%(anchor)s",
  "clockToleranceSeconds": 14400,
  "errorCodes": {
    "KmsActivationCountBelowThreshold": "0xC004F038",
    "KmsActivationCountHeadingBelowThreshold": "0xC004F038",
    "KmsClientsCannotActivate": "0x8007232B, 0x8007251D, 0x80092328, 0x8007007B, 0x8007232A, 0x800706BA, 0x000006BA, 0xC004F039, 0xC004F074, 0xC004F041, 0xC004F042, 0xC004F06C, 0x8007000D, 0xC004D104",
    "KmsDnsServerFailing": "0x8007232A",
    "KmsHostClockSkew": "0xC004F06C",
    "KmsHostClockSkewHeadingPastLimit": "0xC004F06C",
    "KmsHostClockSkewPastLimitBeforeBusinessDay": "0xC004F06C",
    "KmsHostDownFromAllSites": "0x800706BA, 0x000006BA, 0xC004F039",
    "KmsHostDownFromSomeSites": "0x800706BA, 0x000006BA, 0xC004F039",
    "KmsHostInvalidResponse": "0xC004F074",
    "KmsHostNotActivated": "0xC004F041",
    "KmsHostOvercharged": "0xC004D104",
    "KmsHostPortUnreachable": "0x800706BA, 0x000006BA, 0xC004F039",
    "KmsHostProductNotSupported": "0xC004F042",
    "KmsHostProtocolVersionUnsupported": "0x8007000D",
    "KmsHostRpcBindFailing": "0x800706BA, 0x000006BA",
    "KmsHostTimestampRefused": "0xC004F06C",
    "KmsSomeClientsCannotActivate": "0xC004F041, 0xC004F042, 0xC004F06C, 0x8007000D, 0xC004D104",
    "KmsSrvRecordMissingOnNameserver": "0x8007232B, 0x8007251D, 0x80092328, 0x8007007B",
    "KmsSrvTargetUnresolvable": "0x800706BA, 0x000006BA"
  }
}
