//! Test doubles and helpers shared by the integration tests. They live here only: the product
//! never contains a server side of any protocol it probes.
pub mod binary;
pub mod chrony;
pub mod dns;
pub mod exporter;
pub mod kms_host;
pub mod net;
pub mod prometheus;
pub mod promql;
pub mod smb2;
pub mod sntp;
pub mod tools;
pub mod world;
