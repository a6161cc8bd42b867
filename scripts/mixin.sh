#!/usr/bin/env bash
# Regenerates every file generated from the monitoring mixin (mixin/generated.jsonnet lists them:
# the rule files, examples/kubernetes/prometheusrule.yaml and grafana/*.json). Needs jsonnet
# (Debian package `jsonnet`). tests/integration/mixin.rs fails while a committed file differs.
# The facts the mixin takes from the error-code catalog (each alert's error codes, the runbook
# URL pattern, the 4-hour clock limit) are in mixin/lib/catalog.libsonnet, written from src/codes/
# by `GOLDEN_UPDATE=1 cargo test --test integration -- mixin_catalog`; run that first when the
# catalog changed.
set -euo pipefail
cd "$(dirname "$0")/.."
jsonnet -J mixin -S -m . mixin/generated.jsonnet
