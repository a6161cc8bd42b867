#![no_main]
//! `cargo fuzz run kms_response`: see `kms_exporter_fuzz::kms_response` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::kms_response(data));
