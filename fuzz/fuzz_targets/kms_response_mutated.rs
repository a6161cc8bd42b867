#![no_main]
//! `cargo fuzz run kms_response_mutated`: see `kms_exporter_fuzz::kms_response_mutated` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::kms_response_mutated(data));
