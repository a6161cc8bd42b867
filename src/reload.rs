//! The running configuration and its reloads (README, "HTTP endpoints";
//! docs/architecture.md §10).
//!
//! [`RunningConfig`] is the one owner of reloads: `POST /-/reload` and SIGHUP ([`on_sighup`])
//! both call [`RunningConfig::reload`], which reads the [`ConfigSource`] again, records the
//! outcome for `kms_exporter_config_last_reload_*` and hands a good configuration to the
//! scheduler. The HTTP layer only answers the endpoint.

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use tokio::sync::watch;

use crate::config::{Config, ConfigError, ConfigSource};
use crate::snapshot::ExporterState;

/// The configuration in force, where it comes from, and how the last reload went.
pub struct RunningConfig {
    /// Where the configuration is read from again on reload.
    source: ConfigSource,
    /// The configuration in force: the scheduler runs its next cycle with it, `/probe` and the
    /// landing page read it, a good reload replaces it.
    config: watch::Sender<Arc<Config>>,
    /// The source as shown and the last reload's outcome, for `kms_exporter_config_last_reload_*`:
    /// what `/metrics` and the landing page show beside a snapshot. The configuration's settings
    /// (intervals, timeout, products…) are not here: they come with each cycle's snapshot
    /// ([`crate::snapshot::Settings`]), so that they change on `/metrics` and the landing page
    /// with the targets, when a cycle of the new configuration ends.
    state: Mutex<ExporterState>,
}

impl RunningConfig {
    /// Starts with `config`, just loaded from `source`.
    pub fn new(source: ConfigSource, config: Config) -> Self {
        let state = ExporterState {
            config_source: source.to_string(),
            config_reload_successful: true,
            config_last_success: SystemTime::now(),
        };
        Self {
            source,
            config: watch::Sender::new(Arc::new(config)),
            state: Mutex::new(state),
        }
    }

    /// The configuration in force now.
    pub fn current(&self) -> Arc<Config> {
        self.config.borrow().clone()
    }

    /// The configuration in force, now and after every good reload: the scheduler's input.
    pub fn subscribe(&self) -> watch::Receiver<Arc<Config>> {
        self.config.subscribe()
    }

    /// Reads the configuration again. A bad file leaves the running configuration in place and
    /// sets `kms_exporter_config_last_reload_successful 0`; the error is logged here, so callers
    /// only answer with it.
    pub fn reload(&self) -> Result<(), ConfigError> {
        let result = self.source.load();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(config) => {
                state.config_reload_successful = true;
                state.config_last_success = SystemTime::now();
                self.config.send_replace(Arc::new(config));
                tracing::info!(source = %self.source, "configuration reloaded");
                Ok(())
            }
            Err(e) => {
                state.config_reload_successful = false;
                tracing::error!(error = %e, "configuration reload failed; keeping the running configuration");
                Err(e)
            }
        }
    }

    /// The exporter's state for `/metrics` and the landing page.
    pub fn state(&self) -> ExporterState {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Reloads `running` on each SIGHUP until `stop` turns true.
#[cfg(unix)]
pub async fn on_sighup(running: Arc<RunningConfig>, mut stop: watch::Receiver<bool>) {
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
                let _ = running.reload();
            }
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}

/// Without SIGHUP, `POST /-/reload` is the only way to reload.
#[cfg(not(unix))]
pub async fn on_sighup(_running: Arc<RunningConfig>, _stop: watch::Receiver<bool>) {}
