#![no_main]
//! `cargo fuzz run rpc_pdu`: see `kms_exporter_fuzz::rpc_pdu` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kms_exporter_fuzz::rpc_pdu(data));
