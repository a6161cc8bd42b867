//! The HTTP side (design §4.3): `/metrics`, the landing page, health, readiness and reload.
//!
//! Every handler reads the latest snapshot; none of them touches the network, so a slow or
//! broken KMS host can never slow a scrape down.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue, WWW_AUTHENTICATE};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use crate::config::{Config, ConfigError, ConfigSource};
use crate::metrics::{self, ExporterState, Format, Scope};
use crate::net::Network;
use crate::probe::{Plan, Prober};
use crate::snapshot::{ActivationOutcome, ConnectStatus, LookupStatus, Snapshot};
use crate::web::{WebConfigFile, WebSecurity};

/// Connections served at once; more wait in the listen backlog.
const MAX_CONNECTIONS: usize = 512;
/// `/probe` requests served at once; more wait for a slot within their scrape timeout.
const MAX_PROBES_IN_FLIGHT: usize = 64;
/// Subtracted from Prometheus' scrape timeout so the answer arrives before Prometheus gives up
/// (blackbox_exporter's default offset).
const SCRAPE_TIMEOUT_OFFSET: Duration = Duration::from_millis(500);
/// A client must send its request headers within this time.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// State shared by the HTTP handlers, the reload signal and the scheduler.
pub struct App<N: Network> {
    source: ConfigSource,
    config: watch::Sender<Arc<Config>>,
    snapshots: watch::Receiver<Arc<Snapshot>>,
    state: Mutex<ExporterState>,
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
        source: ConfigSource,
        config: watch::Sender<Arc<Config>>,
        snapshots: watch::Receiver<Arc<Snapshot>>,
        web: Option<WebConfigFile>,
    ) -> Self {
        Self {
            source,
            config,
            snapshots,
            state: Mutex::new(ExporterState {
                config_reload_successful: true,
                config_last_success: SystemTime::now(),
            }),
            web,
            prober: Prober::on_demand(net),
            probe_slots: Semaphore::new(MAX_PROBES_IN_FLIGHT),
            rendered: tokio::sync::Mutex::new(Vec::new()),
        }
    }

    /// `/metrics` in `format`, rendered at most once per snapshot, state and format.
    async fn metrics(&self, format: Format) -> Bytes {
        let mut rendered = self.rendered.lock().await;
        let snapshot = self.snapshot();
        let state = self.state();
        if let Some(cached) = rendered
            .iter()
            .find(|r| r.format == format && r.state == state && Arc::ptr_eq(&r.snapshot, &snapshot))
        {
            return cached.body.clone();
        }
        let body = Bytes::from(metrics::render(&snapshot, &state, format));
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

    /// Reads the configuration again. A bad file leaves the running configuration in place and
    /// sets `kms_exporter_config_last_reload_successful 0`.
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

    fn state(&self) -> ExporterState {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshots.borrow().clone()
    }
}

/// Serves HTTP on every listener until `shutdown` turns true, then lets open requests finish.
pub async fn serve<N: Network>(
    listeners: Vec<TcpListener>,
    app: Arc<App<N>>,
    mut shutdown: watch::Receiver<bool>,
) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut accepts = tokio::task::JoinSet::new();
    let (conn_tx, mut conn_rx) = tokio::sync::mpsc::channel(16);
    for listener in listeners {
        let conn_tx = conn_tx.clone();
        let slots = slots.clone();
        accepts.spawn(async move {
            loop {
                let Ok(permit) = slots.clone().acquire_owned().await else {
                    return;
                };
                match listener.accept().await {
                    Ok((stream, _)) => {
                        if conn_tx.send((stream, permit)).await.is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        // Out of file descriptors and similar: back off instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
        });
    }
    drop(conn_tx);

    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    loop {
        let (stream, permit) = tokio::select! {
            next = conn_rx.recv() => match next {
                Some(conn) => conn,
                None => break,
            },
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        let app = app.clone();
        let builder = builder.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let security = app
                .web
                .as_ref()
                .map(WebConfigFile::current)
                .unwrap_or_default();
            let tls = security.tls.clone();
            let activity = Arc::new(Activity::new());
            let service = {
                let app = app.clone();
                let activity = activity.clone();
                service_fn(move |request| {
                    let app = app.clone();
                    let security = security.clone();
                    let busy = activity.busy();
                    async move {
                        let response = respond(&app, &security, request).await;
                        drop(busy);
                        Ok::<_, Infallible>(response)
                    }
                })
            };
            let stream = Watched {
                inner: stream,
                activity: activity.clone(),
            };
            let connection = async {
                match tls {
                    None => {
                        let connection = builder.serve_connection(TokioIo::new(stream), service);
                        watcher.watch(connection.into_owned()).await
                    }
                    Some(tls) => {
                        let acceptor = tokio_rustls::TlsAcceptor::from(tls);
                        match tokio::time::timeout(HEADER_READ_TIMEOUT, acceptor.accept(stream))
                            .await
                        {
                            Ok(Ok(stream)) => {
                                let connection =
                                    builder.serve_connection(TokioIo::new(stream), service);
                                watcher.watch(connection.into_owned()).await
                            }
                            Ok(Err(e)) => {
                                tracing::debug!(error = %e, "TLS handshake failed");
                                Ok(())
                            }
                            Err(_) => {
                                tracing::debug!("TLS handshake timed out");
                                Ok(())
                            }
                        }
                    }
                }
            };
            let result = tokio::select! {
                result = connection => result,
                () = activity.idle_too_long() => {
                    tracing::debug!("closing an idle HTTP connection");
                    Ok(())
                }
            };
            if let Err(e) = result {
                tracing::debug!(error = %e, "HTTP connection ended with an error");
            }
            drop(permit);
        });
    }
    accepts.abort_all();
    if tokio::time::timeout(Duration::from_secs(5), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("open HTTP connections did not finish within 5s of shutdown");
    }
}

/// How long a new connection may stay silent: a client that connects and sends nothing must not
/// hold one of the [`MAX_CONNECTIONS`] slots (hyper's header-read timeout only runs once bytes
/// arrive).
const FIRST_REQUEST_TIMEOUT: Duration = HEADER_READ_TIMEOUT;
/// How long a kept-alive connection may idle between requests: longer than common scrape
/// intervals, so Prometheus reuses its connection, but bounded.
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(90);

/// Traffic and in-flight requests of one connection, for the idle watchdog.
struct Activity {
    started: tokio::time::Instant,
    /// Milliseconds since `started` of the last byte read or written.
    last: AtomicU64,
    /// Requests being answered; a slow `/probe` is not idleness.
    busy: AtomicUsize,
    /// Requests seen on the connection.
    requests: AtomicUsize,
}

/// Marks a request in flight until dropped.
struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.touch();
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Activity {
    fn new() -> Self {
        Self {
            started: tokio::time::Instant::now(),
            last: AtomicU64::new(0),
            busy: AtomicUsize::new(0),
            requests: AtomicUsize::new(0),
        }
    }

    fn touch(&self) {
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::Relaxed);
    }

    fn busy(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::Relaxed);
        self.requests.fetch_add(1, Ordering::Relaxed);
        Busy(self.clone())
    }

    /// Completes once the connection has been idle too long.
    async fn idle_too_long(&self) {
        loop {
            let last = self.started + Duration::from_millis(self.last.load(Ordering::Relaxed));
            let limit = if self.requests.load(Ordering::Relaxed) == 0 {
                FIRST_REQUEST_TIMEOUT
            } else {
                KEEP_ALIVE_TIMEOUT
            };
            let deadline = last + limit;
            if tokio::time::Instant::now() >= deadline && self.busy.load(Ordering::Relaxed) == 0 {
                return;
            }
            tokio::time::sleep_until(
                deadline.max(tokio::time::Instant::now() + Duration::from_secs(1)),
            )
            .await;
        }
    }
}

/// A stream that records its traffic in an [`Activity`].
struct Watched<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S> Watched<S> {
    /// Counts a write that moved bytes as activity.
    fn wrote(&self, poll: Poll<std::io::Result<usize>>) -> Poll<std::io::Result<usize>> {
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        poll
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        poll
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, data);
        self.wrote(poll)
    }

    /// Passed through so hyper can write a large body from its own buffer instead of copying
    /// it into a flat one per connection.
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.wrote(poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

fn text(status: StatusCode, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Authenticates, then answers; every response carries the web config's extra headers.
async fn respond<N: Network>(
    app: &App<N>,
    security: &Arc<WebSecurity>,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let authorized = match &app.web {
        None => true,
        Some(web) => web.authorized(
            security,
            request
                .headers()
                .get(AUTHORIZATION)
                .and_then(|v| v.to_str().ok()),
        ),
    };
    let mut response = if authorized {
        handle(app, request).await
    } else {
        let mut response = text(StatusCode::UNAUTHORIZED, "Unauthorized.\n");
        response.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"kms_exporter\""),
        );
        response
    };
    for (name, value) in &security.headers {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
}

async fn handle<N: Network>(app: &App<N>, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let path = request.uri().path();
    match (request.method(), path) {
        (&Method::GET | &Method::HEAD, "/metrics") => {
            let format =
                Format::negotiate(request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()));
            let mut response = text(StatusCode::OK, app.metrics(format).await);
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            );
            response
        }
        (&Method::GET | &Method::HEAD, "/probe") => probe(app, &request).await,
        (&Method::GET | &Method::HEAD, "/-/healthy") => text(StatusCode::OK, "Healthy.\n"),
        (&Method::GET | &Method::HEAD, "/-/ready") => {
            if app.snapshot().cycle.is_some() {
                text(StatusCode::OK, "Ready.\n")
            } else {
                text(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Not ready: the first probe cycle is still running.\n",
                )
            }
        }
        (&Method::POST | &Method::PUT, "/-/reload") => match app.reload() {
            Ok(()) => text(StatusCode::OK, "Configuration reloaded.\n"),
            Err(e) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Reload failed, the running configuration stays: {e}\n"),
            ),
        },
        (_, "/-/reload") => {
            let mut response = text(
                StatusCode::METHOD_NOT_ALLOWED,
                "Use POST to reload the configuration.\n",
            );
            response
                .headers_mut()
                .insert("allow", HeaderValue::from_static("POST, PUT"));
            response
        }
        (&Method::GET | &Method::HEAD, "/") => {
            let config = app.config.borrow().clone();
            let mut response = text(
                StatusCode::OK,
                landing_page(&app.source, &config, &app.snapshot()),
            );
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            response
        }
        _ => text(StatusCode::NOT_FOUND, "Not found.\n"),
    }
}

/// `/probe?target=…&product=…`: one target probed now, blackbox style.
async fn probe<N: Network>(app: &App<N>, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    let started = tokio::time::Instant::now();
    let mut target = None;
    let mut names = Vec::new();
    for (key, value) in form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "target" => target = Some(value.into_owned()),
            "product" => names.push(value.into_owned()),
            _ => {}
        }
    }
    let Some(target) = target.filter(|t| !t.trim().is_empty()) else {
        return text(
            StatusCode::BAD_REQUEST,
            "Target parameter is missing: /probe?target=DOMAIN-or-HOST[:PORT][&product=NAME]...\n",
        );
    };
    let mut config = (*app.config.borrow().clone()).clone();
    // The whole answer must arrive within Prometheus' scrape timeout: the SRV lookup and the
    // host probes each get half of what is left after the offset.
    let budget = request
        .headers()
        .get("x-prometheus-scrape-timeout-seconds")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(|v| {
            Duration::from_secs_f64(v.min(3600.0))
                .saturating_sub(SCRAPE_TIMEOUT_OFFSET)
                .max(Duration::from_millis(200))
        })
        .unwrap_or(config.timeout * 2)
        .min(config.timeout * 2);
    config.timeout = budget / 2;
    if names.is_empty() {
        names = config.products_for_target(&target);
    }
    if let Err(unknown) = config.products_named(&names) {
        // Like every other answer of the endpoint, the body starts with a capital.
        let message = unknown.to_string();
        let (first, rest) = message.split_at(1);
        return text(
            StatusCode::BAD_REQUEST,
            format!("{}{rest}\n", first.to_uppercase()),
        );
    }
    let plan = match Plan::target(&target, names) {
        Ok(plan) => plan,
        Err(e) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("Invalid target {target:?}: {e}\n"),
            );
        }
    };
    let deadline = started + budget;
    let Ok(_slot) = tokio::time::timeout_at(deadline, app.probe_slots.acquire()).await else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many probes in flight; try again.\n",
        );
    };
    let config = Arc::new(config);
    let run = app.prober.run(&config, &plan);
    // Every step keeps its own deadline; this backstop answers in time whatever happens.
    let (snapshot, success) =
        match tokio::time::timeout_at(deadline + Duration::from_millis(100), run).await {
            Ok(snapshot) => {
                let success = crate::report::healthy(&snapshot);
                (snapshot, success)
            }
            Err(_) => (Snapshot::default(), false),
        };
    let format = Format::negotiate(request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()));
    let body = metrics::render_scope(
        &Arc::new(snapshot),
        Scope::Probe {
            success,
            duration: started.elapsed(),
        },
        format,
    );
    let mut response = text(StatusCode::OK, body);
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    response
}

/// Escapes text for HTML; names come from DNS answers and must not inject markup.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn landing_page(source: &ConfigSource, config: &Config, snapshot: &Snapshot) -> String {
    let mut page = String::with_capacity(8192);
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>KMS Exporter</title>\
         <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}\
         td,th{{border:1px solid #ccc;padding:.2em .6em;text-align:left}}.bad{{color:#b00}}</style>\
         </head><body><h1>KMS Exporter</h1><p>Version {} (revision {}). \
         <a href=\"/metrics\">Metrics</a> · <a href=\"/-/healthy\">Health</a> · <a href=\"/-/ready\">Readiness</a></p>",
        esc(metrics::VERSION),
        esc(metrics::REVISION)
    );
    let _ = write!(
        page,
        "<h2>Configuration</h2><table><tr><th>source</th><td>{}</td></tr>\
         <tr><th>interval</th><td>{}</td></tr><tr><th>activation interval</th><td>{}</td></tr>\
         <tr><th>timeout</th><td>{}</td></tr><tr><th>concurrency</th><td>{}</td></tr>\
         <tr><th>DNS servers</th><td>{}</td></tr><tr><th>client machine ID</th><td>{}</td></tr>\
         <tr><th>workstation name</th><td>{}</td></tr></table>",
        esc(&source.to_string()),
        humantime::format_duration(config.interval),
        humantime::format_duration(config.activation_interval),
        humantime::format_duration(config.timeout),
        config.concurrency,
        if config.dns_servers.is_empty() {
            "system resolver".to_owned()
        } else {
            esc(&config
                .dns_servers
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", "))
        },
        config.client.machine_id,
        esc(&config.client.workstation_name),
    );
    match &snapshot.cycle {
        None => page.push_str("<p>The first probe cycle is still running.</p>"),
        Some(cycle) => {
            let age = SystemTime::now()
                .duration_since(cycle.finished_at)
                .unwrap_or_default();
            let _ = write!(
                page,
                "<p>Last cycle finished {} ago and took {:.3} s.</p>",
                humantime::format_duration(Duration::from_secs(age.as_secs())),
                cycle.duration.as_secs_f64()
            );
        }
    }
    page.push_str("<h2>Domains</h2>");
    if snapshot.domains.is_empty() {
        page.push_str(
            "<p class=\"bad\">No domains configured or found in resolv.conf: nothing is discovered through DNS.</p>",
        );
    } else {
        page.push_str(
            "<table><tr><th>domain</th><th>DNS server</th><th>SRV status</th><th>records</th><th>detail</th></tr>",
        );
        for domain in &snapshot.domains {
            for (server, lookup) in &domain.lookups {
                let records = lookup
                    .records
                    .iter()
                    .map(|r| {
                        format!(
                            "{}:{} (prio {} weight {})",
                            r.target, r.port, r.priority, r.weight
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("<br>");
                let _ = write!(
                    page,
                    "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&domain.name),
                    esc(server),
                    if lookup.status == LookupStatus::Ok {
                        ""
                    } else {
                        "bad"
                    },
                    lookup.status.as_label(),
                    esc(&records).replace("&lt;br&gt;", "<br>"),
                    esc(lookup.detail.as_deref().unwrap_or("")),
                );
            }
        }
        page.push_str("</table>");
    }
    page.push_str("<h2>Hosts</h2>");
    if snapshot.hosts.is_empty() {
        page.push_str("<p>No KMS hosts discovered or configured.</p>");
    } else {
        page.push_str(
            "<table><tr><th>host</th><th>port</th><th>domains</th><th>addresses</th><th>TCP</th>\
             <th>connect (ms)</th><th>RPC bind</th><th>KMS up</th><th>products</th><th>clock</th></tr>",
        );
        for host in &snapshot.hosts {
            let p = host;
            let class = |good: bool| if good { "" } else { "bad" };
            let products = p
                .kms
                .activations
                .iter()
                .map(|a| {
                    let outcome = match &a.outcome {
                        ActivationOutcome::Granted(r) => {
                            format!("ok {}/{}", r.current_count, a.required_count)
                        }
                        ActivationOutcome::Refused(h) => format!("refused {h}"),
                        ActivationOutcome::Failed { status, .. } => status.as_label().to_owned(),
                    };
                    format!("{}: {outcome}", a.product)
                })
                .collect::<Vec<_>>()
                .join("<br>");
            let clock = p
                .clock
                .iter()
                .map(|r| match &r.outcome {
                    Ok(m) => format!("{} {:+.1} s", r.method.as_label(), m.offset),
                    Err(f) => format!("{} {}", r.method.as_label(), f.label),
                })
                .collect::<Vec<_>>()
                .join("<br>");
            let _ = write!(
                page,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{:.1}</td>\
                 <td class=\"{}\">{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&p.host),
                p.port,
                esc(&host.domains.join(", ")),
                esc(&p
                    .address_lookup
                    .addresses
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")),
                class(p.connect == ConnectStatus::Ok),
                p.connect.as_label(),
                p.connect_duration.as_secs_f64() * 1000.0,
                class(matches!(p.kms.bind, Some(Ok(())))),
                match &p.kms.bind {
                    Some(Ok(())) => "ok".to_owned(),
                    Some(Err(e)) => esc(e),
                    None => "-".to_owned(),
                },
                class(host.is_up()),
                if host.is_up() { "yes" } else { "no" },
                esc(&products).replace("&lt;br&gt;", "<br>"),
                esc(&clock).replace("&lt;br&gt;", "<br>"),
            );
        }
        page.push_str("</table>");
    }
    page.push_str("</body></html>\n");
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
