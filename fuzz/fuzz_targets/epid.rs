#![no_main]
//! `cargo fuzz run epid`: see `kms_exporter_fuzz::epid` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::epid(data));
