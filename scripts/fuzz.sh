#!/usr/bin/env bash
# Runs every cargo-fuzz target of kms_exporter for SECONDS each (default 60), one after the other
# on one core, and exits non-zero if any target crashed, failed an invariant, timed out or ran out
# of memory (docs/reliability.md, "Fuzzing").
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]       # default: every target in fuzz/Cargo.toml
#   FUZZ_CMIN=1 scripts/fuzz.sh 300             # also minimise each corpus afterwards
#   FUZZ_ARGS="-max_len=8192" scripts/fuzz.sh   # extra libFuzzer flags
#
# Needs the stable Rust toolchain, a C++ compiler (libFuzzer is built from source) and cargo-fuzz
# (`cargo install cargo-fuzz`, installed here if missing). cargo-fuzz passes nightly-only flags
# (-Zsanitizer=address and friends) to rustc; RUSTC_BOOTSTRAP=1 lets the stable compiler accept
# them, so no nightly toolchain is needed.
#
# New inputs go to fuzz/corpus/TARGET; fuzz/seeds/TARGET (the §7 vectors and other valid inputs,
# written by tests/integration/fuzz_corpus.rs) is read but never written. Crashes are saved as
# fuzz/artifacts/TARGET/crash-*; replay one with `RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET FILE`.
# Full libFuzzer output is kept in fuzz/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: $0 [SECONDS] [TARGET...]" >&2
    exit 2
fi
shift || true
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    targets=()
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi
if [ "${#targets[@]}" -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list --fuzz-dir .)
fi

# Files and bytes of a corpus directory.
corpus_size() {
    find "$1" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { printf "%5d files %9d bytes", n, b }'
}

export RUSTC_BOOTSTRAP=1
# One build of every target up front, so that the time budgets below are spent fuzzing.
cargo fuzz build --fuzz-dir .

mkdir -p logs
failed=()
summary=()
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "seeds/$target"
    log="logs/$target.log"
    echo "=== $target: ${seconds}s" >&2
    status=0
    # -jobs=1 -workers=1: one fuzzing process on one core. -timeout=10: an input that takes
    # longer than 10 s is reported as a hang.
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
    cargo fuzz run --fuzz-dir . "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -jobs=1 -workers=1 -timeout=10 -print_final_stats=1 \
        ${FUZZ_ARGS:-} >"$log" 2>&1 || status=$?
    rm -f fuzz-[0-9]*.log # libFuzzer's per-job log; its content is already in $log
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        grep -E '^(SUMMARY|==[0-9]+==ERROR|thread .* panicked)|Test unit written|^Base64' "$log" >&2 || true
        summary+=("$(printf '%-22s FAILED (exit %s), see fuzz/%s' "$target" "$status" "$log")")
    else
        summary+=("$(printf '%-22s %12s execs %8s exec/s   corpus %s' \
            "$target" "${runs:-?}" "${rate:-?}" "$(corpus_size "corpus/$target")")")
    fi
    if [ "${FUZZ_CMIN:-0}" = 1 ] && [ "$status" -eq 0 ]; then
        cargo fuzz cmin --fuzz-dir . "$target" "corpus/$target" >>"$log" 2>&1
        summary+=("$(printf '%-22s after cmin:                          corpus %s' "$target" \
            "$(corpus_size "corpus/$target")")")
    fi
done

printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzzing found failures in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
