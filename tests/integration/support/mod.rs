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

/// The port of the default `--web.listen-address` (`:9688` → `9688`), as Dockerfiles, scrape
/// configurations and manifests write it.
pub fn default_port() -> &'static str {
    kms_exporter::http::DEFAULT_LISTEN_ADDRESS.trim_start_matches(':')
}
