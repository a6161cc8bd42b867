//! Replays the committed fuzz corpora and seeds (`fuzz/corpus/<target>/`, `fuzz/seeds/<target>/`)
//! through the fuzz harnesses, so that the stable `cargo test` run re-checks every input the
//! fuzzers kept, without libFuzzer or a nightly compiler (docs/reliability.md, "Fuzzing").
//!
//! The harnesses are the cargo-fuzz crate's library, included as a module: the very same
//! decoder calls and invariant assertions the fuzz targets run.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod harness;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// Files of `dir`, sorted; none if it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

#[test]
fn every_corpus_and_seed_file_replays_through_its_harness() {
    let started = Instant::now();
    let mut total = 0;
    for target in harness::TARGETS {
        let mut count = 0;
        for kind in ["corpus", "seeds"] {
            for path in files(&fuzz_dir().join(kind).join(target)) {
                let data = fs::read(&path).unwrap();
                // The harness's own panic message (printed above) names the broken invariant;
                // the file is the reproducer.
                match std::panic::catch_unwind(|| harness::run(target, &data)) {
                    Ok(known) => assert!(known, "unknown target {target}"),
                    Err(_) => panic!("{target} fails on {}", path.display()),
                }
                count += 1;
            }
        }
        assert!(count > 0, "no corpus or seed files for {target}");
        total += count;
    }
    eprintln!("replayed {total} inputs in {:?}", started.elapsed());
}

#[test]
fn every_cargo_fuzz_target_has_a_harness() {
    let manifest = fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for target in harness::TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "{target} missing from fuzz/Cargo.toml"
        );
        assert!(
            fuzz_dir()
                .join("fuzz_targets")
                .join(format!("{target}.rs"))
                .is_file()
        );
    }
    assert!(!harness::run("no_such_target", b""));
}

/// The committed `fuzz/seeds/` files are exactly what `harness::seeds()` builds; set
/// `KMS_FUZZ_WRITE_SEEDS=1` to rewrite them after changing the seeds or an input layout.
#[test]
fn committed_seeds_match_the_seed_builder() {
    let seeds = harness::seeds();
    if std::env::var_os("KMS_FUZZ_WRITE_SEEDS").is_some() {
        for target in harness::TARGETS {
            let dir = fuzz_dir().join("seeds").join(target);
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
        }
        for seed in &seeds {
            let path = fuzz_dir().join("seeds").join(seed.target).join(seed.name);
            fs::write(path, &seed.bytes).unwrap();
        }
    }
    let mut expected: Vec<PathBuf> = seeds
        .iter()
        .map(|s| fuzz_dir().join("seeds").join(s.target).join(s.name))
        .collect();
    expected.sort();
    let mut committed: Vec<PathBuf> = harness::TARGETS
        .iter()
        .flat_map(|t| files(&fuzz_dir().join("seeds").join(t)))
        .collect();
    committed.sort();
    assert_eq!(
        committed, expected,
        "fuzz/seeds/ is stale: rerun with KMS_FUZZ_WRITE_SEEDS=1"
    );
    for seed in &seeds {
        let path = fuzz_dir().join("seeds").join(seed.target).join(seed.name);
        assert_eq!(
            fs::read(&path).unwrap(),
            seed.bytes,
            "{} is stale",
            path.display()
        );
    }
}

/// Seeds named `ok-…` are valid inputs, so the fuzzers start from the deepest paths.
#[test]
fn ok_seeds_decode_successfully() {
    use kms_exporter::kms::rpc;
    for seed in harness::seeds() {
        if !seed.name.starts_with("ok-") {
            continue;
        }
        let what = format!("{}/{}", seed.target, seed.name);
        match seed.target {
            "rpc_pdu" => {
                let bind = rpc::decode_bind_reply(
                    &seed.bytes,
                    harness::BIND_CALL_ID,
                    rpc::BindOffer::Ndr32Btfn,
                );
                let call = rpc::decode_call_reply(&seed.bytes, harness::REQUEST_CALL_ID, 0);
                assert!(bind.is_ok() || call.is_ok(), "{what}: {bind:?} {call:?}");
            }
            "kms_response" => {
                let outcome = harness::kms_response_outcome(&seed.bytes);
                assert!(matches!(outcome, Some(Ok(_))), "{what}: {outcome:?}");
            }
            // The harness itself asserts that the unedited vectors verify.
            "kms_response_mutated" => harness::kms_response_mutated(&seed.bytes),
            "epid" => {
                let text = std::str::from_utf8(&seed.bytes).unwrap();
                let epid = kms_exporter::kms::Epid::parse(text);
                assert!(epid.is_ok_and(|e| e.host_os().is_some()), "{what}");
            }
            "sntp_reply" => {
                let reply = kms_exporter::clock::sntp::decode_reply(&seed.bytes).unwrap();
                kms_exporter::clock::sntp::check_reply(&reply, reply.originate).unwrap();
            }
            "smb2_negotiate" => {
                kms_exporter::clock::smb2::decode_negotiate_response(&seed.bytes).unwrap();
            }
            "config_yaml" => {
                let text = std::str::from_utf8(&seed.bytes).unwrap();
                let config = kms_exporter::config::Config::from_yaml(text, Path::new("seed.yaml"));
                assert!(config.is_ok(), "{what}: {:?}", config.err());
            }
            "codes_parse" => {
                let text = std::str::from_utf8(&seed.bytes).unwrap();
                assert!(kms_exporter::codes::parse_code(text).is_ok(), "{what}");
            }
            other => panic!("seed for unknown target {other}"),
        }
    }
}

/// The committed `kms_response` inputs reach every verification outcome of
/// `decode_response`: success for each version (V6 with each HMAC slot) and each
/// `ResponseError`, so the corpus keeps
/// exercising the checks behind the cipher, the hash and the HMAC.
#[test]
fn kms_response_inputs_reach_every_verification_outcome() {
    use kms_exporter::kms::ResponseError;

    /// One name per check of docs/protocol.md §3 (the ePID's three checks are one).
    fn verification_failure(e: &ResponseError) -> &'static str {
        match e {
            ResponseError::Length(_) => "bad_length",
            ResponseError::Decryption(_) => "decryption_failed",
            ResponseError::Version { .. } => "version_mismatch",
            ResponseError::EpidLength(_)
            | ResponseError::EpidTermination
            | ResponseError::EpidEncoding => "bad_epid",
            ResponseError::Mac => "mac_mismatch",
            ResponseError::ClientMachineId { .. } => "cmid_mismatch",
            ResponseError::ClientTime { .. } => "time_mismatch",
            ResponseError::Hash => "hash_mismatch",
            ResponseError::IvMismatch => "iv_mismatch",
            ResponseError::XoredIvs => "xored_ivs_mismatch",
            ResponseError::Hmac => "hmac_mismatch",
            ResponseError::IvReused => "iv_reused",
        }
    }

    use std::collections::BTreeSet;
    let mut reached = BTreeSet::new();
    for kind in ["corpus", "seeds"] {
        for path in files(&fuzz_dir().join(kind).join("kms_response")) {
            let data = fs::read(&path).unwrap();
            let label = match harness::kms_response_outcome(&data) {
                Some(Ok(response)) => match response.hmac_slot {
                    Some(slot) => format!("ok-v{} slot {slot:+}", response.version.major()),
                    None => format!("ok-v{}", response.version.major()),
                },
                Some(Err(e)) => verification_failure(&e).to_owned(),
                None => continue,
            };
            reached.insert(label);
        }
    }
    eprintln!("{reached:?}");
    let expected = [
        "ok-v4",
        "ok-v5",
        // The HMAC of the echoed time's slot, and of each neighbour (docs/protocol.md §3.3 step 7).
        "ok-v6 slot +0",
        "ok-v6 slot -1",
        "ok-v6 slot +1",
        "bad_length",
        "decryption_failed",
        "version_mismatch",
        "bad_epid",
        "mac_mismatch",
        "cmid_mismatch",
        "time_mismatch",
        "hash_mismatch",
        "iv_mismatch",
        "xored_ivs_mismatch",
        "hmac_mismatch",
        "iv_reused",
    ];
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|label| !reached.contains(*label))
        .collect();
    assert!(
        missing.is_empty(),
        "no kms_response input reaches {missing:?}"
    );
}
