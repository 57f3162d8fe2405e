//! The clap definition of the command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "repere",
    version,
    about = "A fast, trustworthy linter for Markdown articles with YAML front matter"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check articles (files or folders; folders are walked for *.md and *.markdown, respecting .gitignore)
    Check(CheckArgs),
    /// List the rules in force: id, kind, severity, summary
    Rules(RulesArgs),
    /// Print the documentation of a rule (by id) or of a rule kind
    Explain(ExplainArgs),
    /// Print the effective configuration and where each value came from
    Config(ConfigCmdArgs),
}

#[derive(Args, Debug, Clone, Default)]
pub struct PackArgs {
    /// Use this config file instead of looking for repere.toml / .repere.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore config files
    #[arg(long)]
    pub no_config: bool,
    /// Add the rule packs of a folder (*.yaml, *.yml) or a pack file; repeatable.
    /// A rule with the id of an earlier one replaces it
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Do not use the rule packs embedded in repere
    #[arg(long)]
    pub no_default_rules: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Graphical report with source snippets, labels and help
    Human,
    /// One line per diagnostic: path:line:column: severity[rule] message
    Concise,
    /// The JSON contract (see README)
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// Files or folders to check
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Only run these rules (ids; `front-matter` also selects `front-matter-*`)
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub select: Vec<String>,
    /// Do not run these rules (same matching as --select)
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub ignore: Vec<String>,
    /// Lowest severity that makes the exit code 1 [default: error, or the config's `fail-on`]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Also fail (exit 1) when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Report only findings that are not in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (and exit 0)
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Colors in the human report (NO_COLOR is honoured with auto)
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print diagnostics only, without the summary line
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(Args, Debug, Clone)]
pub struct RulesArgs {
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(Args, Debug, Clone)]
pub struct ConfigCmdArgs {
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(Args, Debug, Clone)]
pub struct ExplainArgs {
    /// A rule id (e.g. front-matter) or a rule kind
    pub rule: String,
    #[command(flatten)]
    pub packs: PackArgs,
}
