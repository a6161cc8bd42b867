//! Listeners and connections: accepting within a connection limit, TLS, HTTP/1 and HTTP/2, and
//! a watchdog that closes connections that stay silent.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, watch};

use super::App;
use super::routes::respond;
use crate::net::Network;
use crate::web::WebConfigFile;

/// Connections served at once; more wait in the listen backlog.
const MAX_CONNECTIONS: usize = 512;
/// A client must send its request headers within this time.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves HTTP on every listener until `shutdown` turns true, then lets open requests finish.
pub async fn serve<N: Network>(
    listeners: Vec<TcpListener>,
    app: Arc<App<N>>,
    mut shutdown: watch::Receiver<bool>,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut accepts = tokio::task::JoinSet::new();
    let (conn_tx, mut conn_rx) = mpsc::channel(16);
    for listener in listeners {
        accepts.spawn(accept_loop(listener, slots.clone(), conn_tx.clone()));
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
        tokio::spawn(serve_connection(
            app.clone(),
            builder.clone(),
            graceful.watcher(),
            stream,
            permit,
        ));
    }
    // Waits for the accept loops to end, so that the listeners are closed once this returns.
    accepts.shutdown().await;
    if tokio::time::timeout(Duration::from_secs(5), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("open HTTP connections did not finish within 5s of shutdown");
    }
}

/// Accepts connections on one listener while a connection slot is free.
async fn accept_loop(
    listener: TcpListener,
    slots: Arc<Semaphore>,
    connections: mpsc::Sender<(TcpStream, OwnedSemaphorePermit)>,
) {
    loop {
        let Ok(permit) = slots.clone().acquire_owned().await else {
            return;
        };
        match listener.accept().await {
            Ok((stream, _)) => {
                if connections.send((stream, permit)).await.is_err() {
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
}

/// Serves one connection (TLS first when configured) until it ends, idles too long, or the
/// server shuts down; `permit` holds its connection slot until then.
async fn serve_connection<N: Network>(
    app: Arc<App<N>>,
    builder: auto::Builder<TokioExecutor>,
    watcher: Watcher,
    stream: TcpStream,
    permit: OwnedSemaphorePermit,
) {
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
                match tokio::time::timeout(HEADER_READ_TIMEOUT, acceptor.accept(stream)).await {
                    Ok(Ok(stream)) => {
                        let connection = builder.serve_connection(TokioIo::new(stream), service);
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
