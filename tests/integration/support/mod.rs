//! Helpers shared by the integration tests. The test doubles they stage are in the dev-only
//! `kms_exporter_testkit` crate (`testkit/`): the product never contains a server side of any
//! protocol it probes.
pub mod binary;
pub mod chrony;
pub mod dnsmasq;
pub mod exporter;
pub mod prometheus;
pub mod promql;
pub mod tools;
pub mod world;
