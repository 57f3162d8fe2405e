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
    /// Write a commented repere.toml for the site in the current folder
    Init(InitArgs),
    /// Run the `examples` of rule packs: valid ones must pass, invalid ones must be flagged
    TestRules(TestRulesArgs),
    /// Print the JSON Schema of the config file or of rule packs (for editors)
    Schema(SchemaArgs),
    /// Print the salary figures read in articles: what the `salary` rules compare
    Salaries(SalariesArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
    /// Run the language server (LSP over stdio) for editors
    Server,
}

#[derive(Args, Debug, Clone)]
pub struct InitArgs {
    /// Overwrite an existing repere.toml
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug, Clone)]
pub struct TestRulesArgs {
    /// Pack files or folders to test (default: the packs in force)
    pub packs: Vec<PathBuf>,
    /// Colors in the reports of failed examples (NO_COLOR is honoured with auto)
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(flatten)]
    pub pack_args: PackArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// repere.toml
    Config,
    /// rule packs (rules/*.yaml)
    Rules,
}

#[derive(Args, Debug, Clone)]
pub struct SchemaArgs {
    #[arg(value_enum)]
    pub which: SchemaKind,
}

#[derive(Args, Debug, Clone)]
pub struct SalariesArgs {
    /// Files or folders (folders are walked for *.md and *.markdown)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = FiguresFormat::Table)]
    pub format: FiguresFormat,
    /// Also list the amounts not read as salaries, and say why for each
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub packs: PackArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiguresFormat {
    /// One line per figure: path:line:column, role, level, experience, figure, currency, claim, context
    Table,
    /// The figures and everything read about them, as JSON
    Json,
}

#[derive(Args, Debug, Clone)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
    /// One JSON diagnostic per line
    JsonLines,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// SARIF 2.1.0 (code scanning)
    Sarif,
    /// JUnit XML: one test case per file
    Junit,
    /// GitLab Code Quality JSON
    Gitlab,
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
    /// Files or folders to check (default: the current folder, unless
    /// `--stdin-filename` is given); `-` reads an article from standard input
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Write the report to FILE; the terminal still gets the human report
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Read the article from standard input and report it under this name
    /// (its path decides which rules apply)
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Print the number of findings per rule instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Apply the safe fixes to the files (atomically), then report what is left
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply the unsafe fixes (which may change meaning)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the unified diff of what --fix would change, write nothing (exit 1 if there is something to fix)
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Only run these rules (ids; `front-matter` also selects `front-matter-*`)
    #[arg(long, value_delimiter = ',', value_name = "RULE,...", value_parser = trimmed)]
    pub select: Vec<String>,
    /// Do not run these rules (same matching as --select)
    #[arg(long, value_delimiter = ',', value_name = "RULE,...", value_parser = trimmed)]
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
    /// Do not keep or read folder listings between runs (kept for folders
    /// of 1,000 entries or more, in `REPERE_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/repere`, else `~/.cache/repere`)
    #[arg(long)]
    pub no_cache: bool,
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

/// A rule selector without the spaces around it (`--select "tone, markup"`).
fn trimmed(s: &str) -> Result<String, String> {
    Ok(s.trim().to_string())
}
