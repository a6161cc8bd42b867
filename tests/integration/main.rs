//! Integration tests, one binary (docs/architecture.md §8): real loopback servers, the exporter
//! in-process or as its binary, and real tools (promtool) where users have them.
// Tests drive real processes and sockets in real time too; std's clock and sleep are theirs to use.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]
mod support;

mod activation;
mod catalog_alerts;
mod chrony;
mod cli;
mod client_result;
mod clock;
mod clock_client;
mod config_matrix;
mod continuity;
mod dashboards;
mod discovery;
mod dnsmasq;
mod end_to_end;
mod etiquette;
mod explain;
mod fuzz_corpus;
mod golden;
mod happy_eyeballs;
mod healthcheck;
mod hostile;
mod http_limits;
mod kms_client;
mod kms_codec;
mod mixin;
mod mixin_lint;
mod packaging;
mod probe_cli;
mod reachability;
mod readme_facts;
mod reload;
mod rule_metrics;
mod smb2_codec;
mod soak;
mod srv_choice;
mod structure;
mod supervision;
mod web;
