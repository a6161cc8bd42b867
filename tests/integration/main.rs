//! Integration tests, one binary (design §8): real loopback servers, the exporter in-process or
//! as its binary, and real tools (promtool) where users have them.
mod support;

mod activation;
mod catalog_alerts;
mod cli;
mod discovery;
mod explain;
mod kms_client;
mod probe_cli;
mod reachability;
