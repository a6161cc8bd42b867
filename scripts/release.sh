#!/usr/bin/env bash
# Builds the release of kms_exporter from a clean checkout, with the dependencies of Cargo.lock
# (--locked), and checks what it built:
#
#   dist/kms_exporter-VERSION.linux-ARCH.tar.gz  the binary, LICENSE, README.md, the example
#                                                configurations and systemd unit, the rule file
#                                                and the Grafana dashboards
#   dist/kms-exporter_VERSION-1_ARCH.deb         the Debian package (cargo-deb, installed from
#                                                crates.io when missing): /usr/bin/kms_exporter,
#                                                the hardened systemd unit, the conffile
#                                                /etc/kms_exporter/kms_exporter.yml, the system
#                                                user kms_exporter, rules and dashboards under
#                                                /usr/share/kms_exporter/
#   dist/sha256sums.txt                          SHA-256 of both, for `sha256sum -c`
#
# The checks, which fail the script: the unpacked binary runs `--version` and carries no debug
# info; `dpkg-deb -c` lists the package's paths and the configuration is a conffile; lintian
# reports no error (E:); `systemd-analyze security --offline=yes` rates the packaged unit's
# exposure at 2.0 or lower. They need lintian and systemd-analyze (Debian packages `lintian` and
# `systemd`); scripts/test.sh installs them and runs this script.
#
# Usage: scripts/release.sh [--allow-dirty]
#   --allow-dirty  build from a checkout with uncommitted changes (scripts/test.sh, while
#                  developing); a release is built from a clean one.
# CARGO_TARGET_DIR is honoured; SOURCE_DATE_EPOCH defaults to the last commit's time, so that
# the archive is the same bytes for the same commit.
set -euo pipefail
cd "$(dirname "$0")/.."

allow_dirty=no
for arg in "$@"; do
    case "$arg" in
        --allow-dirty) allow_dirty=yes ;;
        *) echo "usage: $0 [--allow-dirty]" >&2; exit 2 ;;
    esac
done

fail() {
    echo "release: $*" >&2
    exit 1
}

if [ "$allow_dirty" = no ] && [ -n "$(git status --porcelain --untracked-files=normal)" ]; then
    git status --short >&2
    fail "the checkout has uncommitted changes; commit them, or pass --allow-dirty"
fi
for tool in lintian systemd-analyze dpkg-deb readelf sha256sum; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (Debian: apt-get install lintian systemd dpkg binutils coreutils)"
done
# cargo-deb from crates.io, held to the 3.8 series: its options and output paths are what this
# script relies on.
if ! cargo deb --version >/dev/null 2>&1; then
    echo "release: installing cargo-deb from crates.io" >&2
    cargo install cargo-deb --version '~3.8' --locked
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || fail "no version in Cargo.toml"
case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
esac
target_dir=${CARGO_TARGET_DIR:-target}
name=kms_exporter-$version.linux-$arch
deb=kms-exporter_$version-1_$arch.deb

# The build: the command README's "Install" section and the Dockerfile run.
cargo build --release --locked
binary=$target_dir/release/kms_exporter
# After the build, which some build scripts would redo for a new value.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}

rm -rf dist
mkdir -p "dist/$name"
install -m 0755 "$binary" "dist/$name/kms_exporter"
install -m 0644 LICENSE README.md "dist/$name/"
install -m 0644 examples/kms_exporter.yml examples/web-config.yml \
    examples/systemd/kms_exporter.service "dist/$name/"
install -d "dist/$name/alerts" "dist/$name/grafana"
install -m 0644 alerts/kms_exporter.rules.yml "dist/$name/alerts/"
install -m 0644 grafana/kms-overview.json grafana/kms-host.json grafana/README.md "dist/$name/grafana/"
for language in ko ja; do
    install -d "dist/$name/alerts/$language" "dist/$name/grafana/$language"
    install -m 0644 "alerts/$language/kms_exporter.rules.yml" "dist/$name/alerts/$language/"
    install -m 0644 "grafana/$language/kms-overview.json" "grafana/$language/kms-host.json" \
        "dist/$name/grafana/$language/"
done
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C dist -cf - "$name" | gzip -9n >"dist/$name.tar.gz"
rm -rf "dist/$name"

cargo deb --no-build --locked --output "dist/$deb"
(cd dist && sha256sum "$name.tar.gz" "$deb" >sha256sums.txt)

# ----------------------------------------------------------------------------------- checks
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT

(cd dist && sha256sum --check --quiet sha256sums.txt) || fail "sha256sums.txt does not match"

tar -xzf "dist/$name.tar.gz" -C "$check"
for file in kms_exporter LICENSE README.md kms_exporter.yml web-config.yml kms_exporter.service \
    alerts/kms_exporter.rules.yml grafana/kms-overview.json grafana/kms-host.json \
    alerts/ko/kms_exporter.rules.yml grafana/ko/kms-overview.json grafana/ja/kms-host.json; do
    [ -f "$check/$name/$file" ] || fail "$name.tar.gz lacks $file"
done
reported=$("$check/$name/kms_exporter" --version)
[ "$reported" = "kms_exporter $version" ] || fail "the archive's binary reports \"$reported\""
if readelf --section-headers --wide "$check/$name/kms_exporter" | grep -q '\.debug_'; then
    fail "the archive's binary carries debug info"
fi

listing=$(dpkg-deb --contents "dist/$deb" | awk '{ print $NF }')
for path in ./usr/bin/kms_exporter ./usr/lib/systemd/system/kms_exporter.service \
    ./etc/kms_exporter/kms_exporter.yml ./usr/share/kms_exporter/alerts/kms_exporter.rules.yml \
    ./usr/share/kms_exporter/grafana/kms-overview.json ./usr/share/kms_exporter/grafana/kms-host.json \
    ./usr/share/kms_exporter/alerts/ja/kms_exporter.rules.yml \
    ./usr/share/kms_exporter/grafana/ko/kms-overview.json; do
    grep -qxF "$path" <<<"$listing" || fail "$deb lacks $path"
done
dpkg-deb --ctrl-tarfile "dist/$deb" | tar -xf - -C "$check" ./conffiles ./postinst
grep -qxF /etc/kms_exporter/kms_exporter.yml "$check/conffiles" \
    || fail "/etc/kms_exporter/kms_exporter.yml is not a conffile"
grep -q 'adduser --system .* kms_exporter' "$check/postinst" \
    || fail "the package does not create the system user kms_exporter"
dpkg-deb --extract "dist/$deb" "$check/root"
if readelf --section-headers --wide "$check/root/usr/bin/kms_exporter" | grep -q '\.debug_'; then
    fail "the package's binary carries debug info"
fi

# lintian warns about root; its tags go to standard output.
lintian_output=$(lintian "dist/$deb" 2>/dev/null) || true
echo "$lintian_output"
if grep -q '^E:' <<<"$lintian_output"; then
    fail "lintian reports errors"
fi

unit=$check/root/usr/lib/systemd/system/kms_exporter.service
exposure=$(systemd-analyze security --offline=yes --no-pager "$unit" 2>&1 \
    | sed -n 's/.*Overall exposure level for kms_exporter.service: \([0-9.]*\).*/\1/p')
[ -n "$exposure" ] || fail "systemd-analyze security rated no exposure for the packaged unit"
awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' \
    || fail "the packaged unit's exposure is $exposure, above 2.0"

echo "release: dist/$name.tar.gz, dist/$deb and dist/sha256sums.txt"
echo "release: binary: $reported, no debug info; lintian: no errors; unit exposure: $exposure"
