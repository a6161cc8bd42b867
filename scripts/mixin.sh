#!/usr/bin/env bash
# Regenerates every file generated from the monitoring mixin (mixin/generated.jsonnet lists them:
# the rule files, examples/kubernetes/prometheusrule.yaml and grafana/*.json). Needs jsonnet
# (Debian package `jsonnet`). tests/integration/mixin.rs fails while a committed file differs.
set -euo pipefail
cd "$(dirname "$0")/.."
jsonnet -J mixin -S -m . mixin/generated.jsonnet
