//! Command-line interface: arguments, dispatch and exit codes.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings; 2 usage, rule
//! pack or I/O error that stopped the check.

mod args;
mod check;
mod config;
mod init;
mod listing_cache;
mod packs;
mod rules;
mod salaries;
mod server;
mod shell;
mod site;
mod test_rules;
mod walk;
mod write;

use clap::Parser;

pub use args::{Cli, Command};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::explain(args),
        Command::Config(args) => config::show(args),
        Command::Init(args) => init::run(args),
        Command::TestRules(args) => test_rules::run(args),
        Command::Schema(args) => shell::schema(args),
        Command::Salaries(args) => salaries::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man => shell::man(),
        Command::Server => server::run(),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}
