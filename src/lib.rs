//! `kms_exporter`: a Prometheus exporter for Microsoft KMS volume-activation infrastructure.
//!
//! Layout, one concern per module:
//!
//! - [`codes`]: the error-code catalog behind `explain`, alert annotations and runbooks.
//! - [`config`]: YAML → validated [`config::Config`]; defaults; resolv.conf discovery.
//! - [`diagnosis`]: the one-shot `probe` command's report.
//! - [`dns`]: SRV and address lookups, outcome classification.
//! - [`kms`]: the KMS protocol client (DCE/RPC framing, V4/V5/V6 crypto, messages, ePID, products).
//! - [`clock`]: host clock measurement (SNTP, SMB2).
//! - [`probe`]: one domain's discovery and one host's probe sequence.
//! - [`scheduler`]: cycles, concurrency, timeouts, snapshot swap.
//! - [`snapshot`]: the immutable results of one cycle.
//! - [`metrics`]: snapshot → OpenMetrics / Prometheus text.
//! - [`http`]: the HTTP server and its endpoints.
//! - [`web`]: `--web.config.file` (TLS, basic auth) in exporter-toolkit's format.
//! - [`logging`]: logfmt and JSON log output.
#![forbid(unsafe_code)]

pub mod clock;
pub mod codes;
pub mod config;
pub mod diagnosis;
pub mod dns;
pub mod http;
pub mod kms;
pub mod logging;
pub mod metrics;
pub mod probe;
pub mod scheduler;
pub mod snapshot;
pub mod web;

use std::future::Future;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::{Config, ConfigSource};
use crate::probe::{Network, SystemNetwork};
use crate::scheduler::Scheduler;
use crate::snapshot::Snapshot;

/// Runs the exporter on already-bound listeners until `shutdown` completes: the probe
/// scheduler, the HTTP server, and configuration reloads on SIGHUP.
///
/// The caller binds (tests use port 0) and decides what shutdown means.
pub async fn run(
    listeners: Vec<TcpListener>,
    source: ConfigSource,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    run_with(SystemNetwork, listeners, source, config, None, shutdown).await;
}

/// [`run`] over any [`Network`], with an optional `--web.config.file`.
pub async fn run_with<N: Network>(
    net: N,
    listeners: Vec<TcpListener>,
    source: ConfigSource,
    config: Config,
    web: Option<web::WebConfigFile>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        stop_tx.send_replace(true);
    });

    let (config_tx, config_rx) = watch::channel(Arc::new(config));
    let (snapshot_tx, snapshot_rx) = watch::channel(Arc::new(Snapshot::default()));
    let app = Arc::new(http::App::new(source, config_tx, snapshot_rx, web));

    let scheduler =
        tokio::spawn(Scheduler::new(Arc::new(net)).run(config_rx, snapshot_tx, stop_rx.clone()));
    let reloader = tokio::spawn(reload_on_sighup(app.clone(), stop_rx.clone()));

    http::serve(listeners, app, stop_rx).await;
    reloader.abort();
    if let Err(e) = scheduler.await {
        tracing::error!(error = %e, "probe scheduler ended abnormally");
    }
}

#[cfg(unix)]
async fn reload_on_sighup(app: Arc<http::App>, mut stop: watch::Receiver<bool>) {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hangups = match signal(SignalKind::hangup()) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGHUP; use POST /-/reload");
            return;
        }
    };
    loop {
        tokio::select! {
            Some(()) = hangups.recv() => {
                // The outcome is logged and exported by `reload` itself.
                let _ = app.reload();
            }
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}

#[cfg(not(unix))]
async fn reload_on_sighup(_app: Arc<http::App>, _stop: watch::Receiver<bool>) {}
