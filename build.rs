//! Records the git revision and rustc version for `kms_exporter_build_info`.
use std::process::Command;

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn main() {
    let revision = std::env::var("KMS_EXPORTER_REVISION")
        .ok()
        .or_else(|| output("git", &["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let rustc_version = output(&rustc, &["--version"])
        .and_then(|v| v.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=KMS_EXPORTER_REVISION={revision}");
    println!("cargo:rustc-env=KMS_EXPORTER_RUSTC_VERSION={rustc_version}");
    println!("cargo:rerun-if-env-changed=KMS_EXPORTER_REVISION");
    // Ask git where HEAD and the branch refs live: in a worktree `.git` is a file, and a
    // rerun-if-changed path that does not exist would rebuild the crate on every build.
    for path in ["HEAD", "refs/heads"] {
        if let Some(real) = output("git", &["rev-parse", "--git-path", path])
            && std::path::Path::new(&real).exists()
        {
            println!("cargo:rerun-if-changed={real}");
        }
    }
}
