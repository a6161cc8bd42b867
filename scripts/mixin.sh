#!/usr/bin/env bash
# Regenerates every file generated from the monitoring mixin (mixin/generated.jsonnet lists them:
# alerts/kms_exporter.rules.yml and examples/kubernetes/prometheusrule.yaml). Needs jsonnet
# (Debian package `jsonnet`). tests/integration/mixin.rs fails while a committed file differs.
set -euo pipefail
cd "$(dirname "$0")/.."
jsonnet -J mixin -S -m . mixin/generated.jsonnet
