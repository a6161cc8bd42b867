//! The command-line tools the tests run, as Debian packages them.

use std::process::Command;

/// A command-line tool from a Debian package. `PROMTOOL`-style environment variables (the
/// program name upper-cased, `-` as `_`) point at another binary.
pub fn tool(program: &str, debian_package: &str) -> Command {
    let variable = program.to_ascii_uppercase().replace('-', "_");
    if let Ok(path) = std::env::var(&variable) {
        return Command::new(path);
    }
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "`{program}` is not installed: install the Debian package `{debian_package}` \
         (`apt-get install {debian_package}`; scripts/test.sh installs it), or set {variable} \
         to its path"
    );
    Command::new(program)
}
