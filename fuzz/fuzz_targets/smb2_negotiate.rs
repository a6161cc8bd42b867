#![no_main]
//! `cargo fuzz run smb2_negotiate`: see `kms_exporter_fuzz::smb2_negotiate` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::smb2_negotiate(data));
