#!/usr/bin/env bash
# Runs every check and test of kms_exporter: formatting, clippy, unit, integration and end-to-end
# tests. On a fresh Debian 12 machine with the Rust toolchain it first installs the Debian
# packages the tests drive as real components: promtool and Prometheus (prometheus), Alertmanager
# (prometheus-alertmanager), chronyd (chrony), blackbox_exporter (prometheus-blackbox-exporter)
# and dnsmasq (dnsmasq-base: the DNS server alone, without the system service that would take
# port 53), and the tools that check the deployment examples and the release: openssl (openssl),
# htpasswd (apache2-utils), systemd-analyze (systemd) and lintian (lintian), and jsonnet (jsonnet),
# which renders the monitoring mixin. It also builds the
# release once with scripts/release.sh, which checks the archive and the Debian package (and
# installs cargo-deb from crates.io when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
[ -x /usr/sbin/chronyd ] || missing+=(chrony)
[ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
command -v prometheus-blackbox-exporter >/dev/null 2>&1 || missing+=(prometheus-blackbox-exporter)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v lintian >/dev/null 2>&1 || missing+=(lintian)
command -v jsonnet >/dev/null 2>&1 || missing+=(jsonnet)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing Debian packages: ${missing[*]}" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi

cargo fmt --all --check
cargo clippy --locked --workspace --all-targets -- -D warnings
# The release archive and the Debian package, built and checked once (about 2 minutes for the
# release build, plus cargo-deb's installation the first time); --allow-dirty so that it also runs
# on a checkout with uncommitted changes. Before the tests, so that their summary ends the output.
scripts/release.sh --allow-dirty
cargo test --locked
