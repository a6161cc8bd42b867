# kms_exporter container image.
#
#   docker build --build-arg KMS_EXPORTER_REVISION=$(git rev-parse --short=12 HEAD) -t kms_exporter .
#   docker run -d --name kms_exporter --hostname kms-exporter-seoul -p 9688:9688 \
#     -v /srv/kms_exporter:/etc/kms_exporter:ro kms_exporter
#
# docs/deployment.md ("The container") explains the mount, the health check, TLS and why
# `client.machine_id` must be set in the mounted configuration.

# ---------------------------------------------------------------------------------------------
# Build: the same command as README's "Install" section.
FROM rust:1.95-bookworm AS builder
WORKDIR /build

# kms_exporter_build_info{revision}: .git is not part of the build context (see .dockerignore).
ARG KMS_EXPORTER_REVISION=unknown
ENV KMS_EXPORTER_REVISION=${KMS_EXPORTER_REVISION}

# Dependencies first, in their own layer: it is reused until Cargo.lock changes. The workspace
# also lists the dev-only test kit, so cargo needs testkit/Cargo.toml to resolve it; the kit's
# sources are never built for the image and stay out of the build context.
COPY Cargo.toml Cargo.lock ./
COPY testkit/Cargo.toml ./testkit/
RUN cargo fetch --locked

# rust-toolchain.toml is left out on purpose: it names the "stable" channel, which rustup would
# download next to the image's own 1.95 toolchain.
COPY build.rs ./
COPY src ./src
RUN cargo build --release --locked

# ---------------------------------------------------------------------------------------------
# Runtime: Debian 12 slim, the binary and a default configuration; the binary is its own health
# check (no curl, no password).
FROM debian:bookworm-slim

LABEL org.opencontainers.image.title="kms_exporter" \
      org.opencontainers.image.description="Prometheus exporter for Microsoft KMS volume activation" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/kms-exporter/kms_exporter"

# A fixed UID/GID, so that volume permissions and Kubernetes `runAsNonRoot` checks work
# without looking the name up. The exporter needs no privileges: SNTP and SMB probes use
# unprivileged source ports, and it listens on 9688.
RUN groupadd --system --gid 10001 kms_exporter \
    && useradd --system --uid 10001 --gid kms_exporter --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin kms_exporter

COPY --from=builder /build/target/release/kms_exporter /usr/local/bin/kms_exporter

# The configuration directory: mount your own at /etc/kms_exporter (read-only is enough), holding
# kms_exporter.yml and, for TLS or basic auth, web-config.yml and its certificate files. Mount
# the directory rather than the single file, so that an edited file (a new inode) is seen by
# the reload (`docker kill --signal=HUP kms_exporter`). No VOLUME here: an anonymous volume
# would hide edits to this directory and outlive the container.
COPY examples/container/kms_exporter.yml /etc/kms_exporter/kms_exporter.yml

USER 10001:10001
EXPOSE 9688

# `kms_exporter healthcheck` GETs /-/healthy on 127.0.0.1:9688. With TLS or basic auth, give the
# web config through the environment rather than the flag, so that the exporter and its health
# check read the same file: -e KMS_EXPORTER_WEB_CONFIG_FILE=/etc/kms_exporter/web-config.yml. The
# check expects the certificate of that file's cert_file and needs no password: with basic auth
# on, the exporter's own 401 counts as an answer (docs/deployment.md, "The container").
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["/usr/local/bin/kms_exporter", "healthcheck"]

ENTRYPOINT ["/usr/local/bin/kms_exporter"]
CMD ["--config.file=/etc/kms_exporter/kms_exporter.yml"]
