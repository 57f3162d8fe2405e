//! The `repere` binary: the only place that reads files, prints and chooses
//! exit codes.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
