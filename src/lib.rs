//! `kms_exporter`: a Prometheus exporter for Microsoft KMS volume-activation infrastructure.
//!
//! Data flows one way, through four tiers (docs/architecture.md §2 and §3.1):
//! [`config`] → [`probe`] → [`snapshot`] → [`render`] → [`http`] and the binary.
//!
//! Configuration and the network:
//! - [`config`]: YAML → validated [`config::Config`]; defaults; resolv.conf discovery.
//! - [`net`]: the network behind one trait (resolvers, TCP, clock readings).
//!
//! Probing (turns a configuration into findings):
//! - [`dns`]: SRV and address lookups, outcome classification.
//! - [`kms`]: the KMS protocol client (DCE/RPC framing, V4/V5/V6 crypto, messages, ePID, products).
//! - [`clock`]: host clock measurement (SNTP, SMB2).
//! - [`probe`]: the probe pipeline (domains, hosts, activation etiquette) and its memory.
//! - [`scheduler`]: cycles on the exporter's timer, snapshot swap, probe counts.
//!
//! The boundary:
//! - [`snapshot`]: the findings of one run and the settings of the configuration it ran with,
//!   and [`snapshot::ExporterState`] (the configuration's source and the last reload's outcome):
//!   every renderer takes a snapshot and at most one such summary.
//!
//! Rendering (turns a snapshot into words and numbers; no I/O):
//! - [`render`]: [`render::clients`] (the client's-eye result), [`render::findings`] (each
//!   finding as a sentence), [`render::metrics`] (OpenMetrics / Prometheus text),
//!   [`render::landing`] (the landing page) and [`render::report`] (the `probe` command's
//!   report).
//!
//! Serving and the process around it:
//! - [`reload`]: the running configuration; `/-/reload` and SIGHUP read it again through it.
//! - [`http`]: the HTTP server and its endpoints.
//! - [`web`]: `--web.config.file` (TLS, basic auth) in exporter-toolkit's format.
//! - [`healthcheck`]: `kms_exporter healthcheck`, a client of `/-/healthy` for health checks.
//! - [`process`]: the exporter's own CPU, memory and descriptors from `/proc` (`process_*`).
//! - [`logging`]: logfmt and JSON log output.
//!
//! Shared by the tiers:
//! - [`codes`]: the error-code catalog behind `explain`, alert annotations and runbooks.
//! - [`wire`]: bounded reads of fixed-size fields from received bytes, shared by the codecs.
//! - [`deadline`]: deadlines that cannot overflow, whatever the duration.
#![forbid(unsafe_code)]

pub mod clock;
pub mod codes;
pub mod config;
pub mod deadline;
pub mod dns;
pub mod healthcheck;
pub mod http;
pub mod kms;
pub mod logging;
pub mod net;
pub mod probe;
pub mod process;
pub mod reload;
pub mod render;
pub mod scheduler;
pub mod snapshot;
pub mod web;
pub mod wire;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::{Config, ConfigError, ConfigSource};
use crate::net::{Network, SystemNetwork};
use crate::reload::RunningConfig;
use crate::scheduler::Scheduler;

/// What `kms_exporter` without a subcommand takes from its command line.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// `--config.file` and `--dns.resolv-conf`.
    pub source: ConfigSource,
    /// `--web.listen-address`, each as written (`:9688`, `127.0.0.1:0`, `[::1]:9688`).
    pub listen_addresses: Vec<String>,
    /// `--web.config.file`.
    pub web_config_file: Option<PathBuf>,
}

/// Why the exporter could not start or did not run until its shutdown.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The configuration is invalid or unreadable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The `--web.config.file` is invalid or unreadable.
    #[error(transparent)]
    WebConfig(#[from] web::WebConfigError),
    /// A `--web.listen-address` is malformed or cannot be bound.
    #[error(transparent)]
    Listen(#[from] http::ListenError),
    /// The probe scheduler ended while the exporter was running.
    #[error(transparent)]
    Scheduler(#[from] SchedulerEnded),
}

/// The probe scheduler ended while the exporter was not shutting down. The exporter then stops
/// (docs/architecture.md §10): a process that answers health checks without probing would hide that
/// nothing is watched any more, while an exit lets a supervisor (systemd, the container runtime)
/// restart it and shows in `up`.
#[derive(Debug, thiserror::Error)]
pub enum SchedulerEnded {
    /// It panicked; the panic message.
    #[error("probe scheduler panicked: {0}")]
    Panicked(String),
    /// It returned, or was cancelled, without being asked to stop.
    #[error("probe scheduler stopped without being asked to")]
    Stopped,
}

impl SchedulerEnded {
    /// How the scheduler task ended, when it was not asked to stop.
    fn from_task(ended: Result<(), tokio::task::JoinError>) -> Self {
        match ended.map_err(tokio::task::JoinError::try_into_panic) {
            Err(Ok(payload)) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(no message)".to_owned());
                Self::Panicked(message)
            }
            Ok(()) | Err(Err(_)) => Self::Stopped,
        }
    }
}

/// Serves as the `kms_exporter` binary does, over `net`: loads the configuration and the web
/// configuration, binds the listen addresses, then [`run_with`] until `shutdown` completes.
pub async fn serve<N: Network>(
    net: N,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let ServeOptions {
        source,
        listen_addresses,
        web_config_file,
    } = options;
    let config = source.load()?;
    let web = match &web_config_file {
        Some(path) => Some(web::WebConfigFile::open(path)?),
        None => None,
    };
    let mut listeners = Vec::new();
    for address in &listen_addresses {
        let listener = http::bind(address).await?;
        match listener.local_addr() {
            Ok(address) => tracing::info!(address = %address, "listening"),
            Err(e) => tracing::info!(address = %address, error = %e, "listening"),
        }
        listeners.push(listener);
    }
    tracing::info!(
        source = %source,
        domains = config.domains.len(),
        hosts = config.hosts.len(),
        machine_id = %config.client.machine_id,
        "starting kms_exporter {}",
        env!("CARGO_PKG_VERSION")
    );
    if config.domains.is_empty() && config.hosts.is_empty() {
        tracing::warn!(
            "no domains or hosts to probe: none configured and no domain/search entry in /etc/resolv.conf"
        );
    }
    run_with(net, listeners, source, config, web, shutdown).await?;
    Ok(())
}

/// Runs the exporter on already-bound listeners until `shutdown` completes: the probe
/// scheduler, the HTTP server, and configuration reloads on SIGHUP.
///
/// The caller binds (tests use port 0) and decides what shutdown means. Should the scheduler
/// end before that (a panic), the HTTP server stops too and the error is returned: the
/// caller's process must exit non-zero rather than answer health checks without probing.
pub async fn run(
    listeners: Vec<TcpListener>,
    source: ConfigSource,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), SchedulerEnded> {
    run_with(SystemNetwork, listeners, source, config, None, shutdown).await
}

/// [`run`] over any [`Network`], with an optional `--web.config.file`.
pub async fn run_with<N: Network>(
    net: N,
    listeners: Vec<TcpListener>,
    source: ConfigSource,
    config: Config,
    web: Option<web::WebConfigFile>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), SchedulerEnded> {
    let (stop_tx, stop_rx) = watch::channel(false);
    let net = Arc::new(net);
    let (snapshot_tx, snapshot_rx) =
        watch::channel(Arc::new(scheduler::before_first_cycle(&config)));
    let running = Arc::new(RunningConfig::new(source, config));
    let app = Arc::new(http::App::new(
        net.clone(),
        running.clone(),
        snapshot_rx,
        web,
    ));

    let mut scheduler =
        tokio::spawn(Scheduler::new(net).run(running.subscribe(), snapshot_tx, stop_rx.clone()));
    let reloader = tokio::spawn(reload::on_sighup(running, stop_rx.clone()));

    // Whichever comes first, the shutdown or the end of the scheduler, stops everything; only
    // the shutdown is a clean end.
    let supervise = async {
        let ended_first = tokio::select! {
            () = shutdown => None,
            ended = &mut scheduler => Some(ended),
        };
        stop_tx.send_replace(true);
        let outcome = match ended_first {
            None => scheduler
                .await
                .map_err(|e| SchedulerEnded::from_task(Err(e))),
            Some(ended) => Err(SchedulerEnded::from_task(ended)),
        };
        if let Err(e) = &outcome {
            tracing::error!(
                error = %e,
                "probe scheduler ended abnormally; exiting so a supervisor restarts the exporter"
            );
        }
        outcome
    };
    let (outcome, ()) = tokio::join!(supervise, http::serve(listeners, app, stop_rx));
    reloader.abort();
    outcome
}
