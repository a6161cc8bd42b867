//! The HTTP side (README, "HTTP endpoints"): `/metrics`, the landing page, health, readiness,
//! reload and `/probe`. `/-/reload` only answers: [`crate::reload::RunningConfig`] reloads, for
//! SIGHUP as well.
//!
//! - [`listen`]: `--web.listen-address` → bound listeners.
//! - [`server`]: listeners, connections, TLS, and the idle-connection watchdog.
//! - [`routes`]: authentication and the endpoints.
//! - [`probe`]: `/probe?target=…`, the one endpoint that touches the network.
//! - [`body`]: response bodies of one or more chunks.
//!
//! Every other handler reads the latest snapshot and never touches the network, so a slow or
//! broken KMS host can never slow a scrape down.

mod body;
mod listen;
mod probe;
mod routes;
mod server;

use std::sync::Arc;

use bytes::Bytes;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Response, StatusCode};
use tokio::sync::{Semaphore, watch};

use crate::net::Network;
use crate::probe::Prober;
use crate::process::ProcessStats;
use crate::reload::RunningConfig;
use crate::render::metrics::{self, Format};
use crate::snapshot::{ExporterState, Snapshot};
use crate::web::WebConfigFile;
pub use body::Body;
pub use listen::{DEFAULT_LISTEN_ADDRESS, ListenError, bind, local_address};
pub use server::serve;

/// `/probe` requests served at once; more wait for a slot within their scrape timeout.
const MAX_PROBES_IN_FLIGHT: usize = 64;

/// What the HTTP handlers read and share.
pub struct App<N: Network> {
    /// The configuration in force, and its reloads: `/-/reload` calls
    /// [`RunningConfig::reload`], as SIGHUP does.
    running: Arc<RunningConfig>,
    /// The latest completed cycle, from the scheduler.
    snapshots: watch::Receiver<Arc<Snapshot>>,
    /// `--web.config.file`: TLS and basic auth; `None` serves plain HTTP to anyone.
    web: Option<WebConfigFile>,
    /// Runs `/probe` requests, remembering per host what they learned, so that activation
    /// requests respect `activation_interval` however often Prometheus probes.
    prober: Prober<N>,
    /// `/probe` requests in flight at once, [`MAX_PROBES_IN_FLIGHT`].
    probe_slots: Semaphore,
    /// The last rendering per format: a snapshot changes once per cycle, so concurrent and
    /// repeated scrapes share one copy of the text instead of each holding its own. Held while
    /// rendering, so scrapes that arrive together wait for one rendering instead of each making
    /// their own.
    rendered: tokio::sync::Mutex<Vec<Rendering>>,
}

/// One rendered `/metrics` body and what it was rendered from.
struct Rendering {
    snapshot: Arc<Snapshot>,
    state: ExporterState,
    format: Format,
    body: Bytes,
}

impl<N: Network> App<N> {
    pub fn new(
        net: Arc<N>,
        running: Arc<RunningConfig>,
        snapshots: watch::Receiver<Arc<Snapshot>>,
        web: Option<WebConfigFile>,
    ) -> Self {
        Self {
            running,
            snapshots,
            web,
            prober: Prober::on_demand(net),
            probe_slots: Semaphore::new(MAX_PROBES_IN_FLIGHT),
            rendered: tokio::sync::Mutex::new(Vec::new()),
        }
    }

    /// `/metrics` in `format`: the cycle's text, rendered at most once per snapshot (findings
    /// and intervals), reload outcome and format and shared by every scrape, then the
    /// `process_*` families read now.
    async fn metrics(&self, format: Format) -> Body {
        let cycle = self.cycle_text(format).await;
        let process = metrics::render_process(&ProcessStats::read(), format);
        Body::from_chunks([cycle, Bytes::from(process)])
    }

    /// The cycle's part of `/metrics` ([`metrics::render_cycle`]), cached.
    async fn cycle_text(&self, format: Format) -> Bytes {
        let mut rendered = self.rendered.lock().await;
        let snapshot = self.snapshot();
        let state = self.state();
        if let Some(cached) = rendered
            .iter()
            .find(|r| r.format == format && r.state == state && Arc::ptr_eq(&r.snapshot, &snapshot))
        {
            return cached.body.clone();
        }
        let body = Bytes::from(metrics::render_cycle(&snapshot, &state, format));
        // Keep one rendering per format, of the newest snapshot.
        rendered.retain(|r| r.format != format && Arc::ptr_eq(&r.snapshot, &snapshot));
        rendered.push(Rendering {
            snapshot,
            state,
            format,
            body: body.clone(),
        });
        body
    }

    pub(super) fn state(&self) -> ExporterState {
        self.running.state()
    }

    pub(super) fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshots.borrow().clone()
    }
}

/// A plain-text response; the endpoints set another content type where they answer otherwise.
fn text(status: StatusCode, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Body::from(body.into()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
