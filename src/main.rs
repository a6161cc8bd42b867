//! The `kms_exporter` binary: command line, logging and signals around
//! [`kms_exporter::serve`].

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use kms_exporter::ServeOptions;
use kms_exporter::config::ConfigSource;
use kms_exporter::logging::{self, LogFormat, LogLevel};
use kms_exporter::net::SystemNetwork;
use kms_exporter::probe::{Plan, Prober};

/// Prometheus exporter for Microsoft KMS volume activation: probes the `_vlmcs._tcp` SRV
/// records of each domain, TCP 1688 of every KMS host they name, activation counts and
/// refusals, and host clocks, and serves the findings on /metrics.
#[derive(Parser, Debug)]
#[command(name = "kms_exporter", version, about, long_about = None)]
struct Cli {
    /// YAML configuration file; without it the embedded default probes the domains of
    /// /etc/resolv.conf for the Windows client product.
    #[arg(long = "config.file", value_name = "PATH", global = true)]
    config_file: Option<PathBuf>,

    /// resolv.conf of the system resolver, and source of the domains probed when the
    /// configuration names none.
    #[arg(
        long = "dns.resolv-conf",
        value_name = "PATH",
        default_value = kms_exporter::config::DEFAULT_RESOLV_CONF,
        global = true
    )]
    resolv_conf: PathBuf,

    /// Validate the configuration and exit 0 (valid) or 1 (invalid).
    #[arg(long = "config.check")]
    config_check: bool,

    /// Address to listen on for HTTP; repeat for several. ":PORT" means every interface.
    #[arg(
        long = "web.listen-address",
        value_name = "ADDR",
        default_value = kms_exporter::http::DEFAULT_LISTEN_ADDRESS,
        env = "KMS_EXPORTER_WEB_LISTEN_ADDRESS",
        global = true
    )]
    listen_addresses: Vec<String>,

    /// TLS and basic-auth settings in Prometheus exporter-toolkit's format; re-read when it
    /// changes.
    #[arg(
        long = "web.config.file",
        value_name = "PATH",
        env = "KMS_EXPORTER_WEB_CONFIG_FILE",
        global = true
    )]
    web_config_file: Option<PathBuf>,

    /// Only log messages with this severity or above.
    #[arg(long = "log.level", value_enum, default_value = "info", global = true)]
    log_level: LogLevel,

    /// Output format of log messages.
    #[arg(
        long = "log.format",
        value_enum,
        default_value = "logfmt",
        global = true
    )]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Diagnose a domain (its _vlmcs._tcp SRV records) or a KMS host[:port] once, print the
    /// findings, and exit 0 when every host activates every product, 1 otherwise. Sends real
    /// activation requests, which the host logs like a client's.
    Probe {
        /// A DNS domain, or host[:port] (port 1688 by default).
        target: String,
        /// Product to ask for (repeatable); default: the config's products for the target, or
        /// `windows`.
        #[arg(long = "product", value_name = "NAME")]
        products: Vec<String>,
    },
    /// Explain an activation error code: its cause, the fix, and the alert that detects it.
    Explain {
        /// The code as Windows shows it: hex (0xC004F074, C004F074) or decimal (3221549172,
        /// -1073418124).
        code: String,
        /// Language of the explanation: en, ko or ja. Without it, the locale decides
        /// (LC_ALL, then LC_MESSAGES, then LANG; English for any other language).
        #[arg(long = "lang", value_name = "LANG")]
        lang: Option<String>,
    },
    /// Check that the exporter on this machine answers: GET /-/healthy on the (first)
    /// --web.listen-address, with the TLS of --web.config.file; exit 0 healthy, 1 not. Needs
    /// no password: with basic auth on, the exporter's own 401 counts as an answer.
    Healthcheck,
}

fn config_source(cli: &Cli) -> ConfigSource {
    ConfigSource {
        file: cli.config_file.clone(),
        resolv_conf: cli.resolv_conf.clone(),
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    tracing::info!("shutting down");
}

fn serve_options(cli: &Cli) -> ServeOptions {
    ServeOptions {
        source: config_source(cli),
        listen_addresses: cli.listen_addresses.clone(),
        web_config_file: cli.web_config_file.clone(),
    }
}

/// `kms_exporter probe`: returns whether everything is healthy.
async fn probe(cli: &Cli, target: &str, products: &[String]) -> anyhow::Result<bool> {
    let source = config_source(cli);
    // Without a file, no resolv.conf domains: the target is named on the command line.
    let config = match &source.file {
        Some(_) => source.load()?,
        None => source.read()?,
    };
    let names: Vec<String> = if products.is_empty() {
        config.products_for_target(target)
    } else {
        products.to_vec()
    };
    config.products_named(&names)?;
    let plan = Plan::target(target, names).map_err(|e| anyhow::anyhow!("{target}: {e}"))?;
    let prober = Prober::on_demand(Arc::new(SystemNetwork));
    let snapshot = prober.run(&Arc::new(config), &plan).await;
    print!("{}", kms_exporter::render::report::render(&snapshot));
    Ok(kms_exporter::render::findings::healthy(&snapshot))
}

/// `kms_exporter explain`: 0 for a known code, 1 for an unknown or malformed one.
fn explain(code: &str, lang: Option<&str>) -> ExitCode {
    use kms_exporter::codes;
    let lang: codes::Lang = match lang {
        None => codes::Lang::from_locale(|name| std::env::var(name).ok()),
        Some(lang) => match lang.parse() {
            Ok(lang) => lang,
            Err(e) => {
                eprintln!("kms_exporter explain: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let value = match codes::parse_code(code) {
        Ok(value) => value,
        Err(e) => {
            eprintln!("kms_exporter explain: {code:?}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match codes::lookup(value) {
        Some(entry) => {
            print!("{}", codes::explain(entry, lang));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "kms_exporter explain: 0x{value:08X} ({value}) is not in the catalog of KMS and \
                 volume-activation error codes; it may come from another Windows component \
                 (try `certutil -error 0x{value:08X}` or `slmgr /dlv` on the client)"
            );
            ExitCode::FAILURE
        }
    }
}

/// `kms_exporter healthcheck`: 0 when the exporter answers, 1 otherwise, with one line saying
/// why (container runtimes keep it with the health status).
fn healthcheck(runtime: &tokio::runtime::Runtime, cli: &Cli) -> ExitCode {
    let address = cli
        .listen_addresses
        .first()
        .map_or(kms_exporter::http::DEFAULT_LISTEN_ADDRESS, String::as_str);
    let checked = runtime.block_on(kms_exporter::healthcheck::check(
        address,
        cli.web_config_file.as_deref(),
        kms_exporter::healthcheck::TIMEOUT,
    ));
    match checked {
        Ok(healthy) => {
            println!("healthy: {address}: {healthy}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("unhealthy: {address}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init(cli.log_level, cli.log_format);

    if cli.config_check {
        let source = config_source(&cli);
        if let Some(web) = &cli.web_config_file {
            match kms_exporter::web::WebSecurity::load(web) {
                Ok(_) => println!("{}: valid web config", web.display()),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        return match source.load() {
            Ok(config) => {
                println!(
                    "{source}: valid ({} domains, {} hosts, products: {})",
                    config.domains.len(),
                    config.hosts.len(),
                    config.products.names().collect::<Vec<_>>().join(", ")
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }

    if let Some(Command::Explain { code, lang }) = &cli.command {
        return explain(code, lang.as_deref());
    }

    // One thread for all async work (docs/performance.md, "What was optimised"): probes are
    // network-bound, and a worker per core cost more CPU per probe (hand-overs between workers)
    // and more memory (each thread's glibc arena keeps what the others free).
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        None => runtime
            .block_on(kms_exporter::serve(
                SystemNetwork,
                serve_options(&cli),
                shutdown_signal(),
            ))
            .map_err(anyhow::Error::from),
        Some(Command::Probe {
            ref target,
            ref products,
        }) => match runtime.block_on(probe(&cli, target, products)) {
            Ok(healthy) => {
                return if healthy {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                };
            }
            Err(e) => Err(e),
        },
        Some(Command::Healthcheck) => return healthcheck(&runtime, &cli),
        Some(Command::Explain { .. }) => unreachable!("handled before the runtime starts"),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "exiting");
            eprintln!("kms_exporter: {e:#}");
            ExitCode::FAILURE
        }
    }
}
