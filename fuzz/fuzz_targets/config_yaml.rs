#![no_main]
//! `cargo fuzz run config_yaml`: see `kms_exporter_fuzz::config_yaml` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::config_yaml(data));
