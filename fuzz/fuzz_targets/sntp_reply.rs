#![no_main]
//! `cargo fuzz run sntp_reply`: see `kms_exporter_fuzz::sntp_reply` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::sntp_reply(data));
