#![no_main]
//! `cargo fuzz run codes_parse`: see `kms_exporter_fuzz::codes_parse` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::codes_parse(data));
