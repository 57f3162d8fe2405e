//! The `repere` binary: the only place that reads files, prints and chooses
//! exit codes.

mod cli;

fn main() {
    // Like other command-line tools, stop quietly when the reader of our
    // output goes away (`repere rules | head`), instead of failing to print.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at start-up, before
    // any thread exists, is what the C runtime does for every other program.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(cli::run());
}
