//! Finding the config file and loading the rule packs it and the command line name.

use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use repere::config::{Config, FILE_NAMES};
use repere::pack::{PackError, PackSource, RuleSet};
use repere::report::human::render_pack_error;

use super::args::PackArgs;

/// What a run is configured with.
pub struct Setup {
    pub config: Option<Config>,
    pub sources: Vec<PackSource>,
    pub rules: RuleSet,
}

/// Looks for `repere.toml` / `.repere.toml` from `start` upwards, stopping at
/// the repository root (a folder with `.git`).
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            // One that is not a regular file is found too, and refused
            // when read: skipping it would check with other settings.
            let candidate = d.join(name);
            if candidate.exists() {
                return Some(candidate);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

pub(super) fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn report(errors: &[PackError], what: &str, echo: Echo) -> String {
    let color = color();
    for e in errors {
        eprint!("{}", render_pack_error(e, color));
    }
    if let Some(echo) = echo {
        echo(errors);
    }
    format!("{} error(s) in the {what}", errors.len())
}

/// What is also done with pack and config errors, besides their graphical
/// report on stderr: `repere check` writes them in its report's format, so
/// that CI annotates the pack or config file.
pub type Echo<'a> = Option<&'a dyn Fn(&[PackError])>;

/// The config file in force, if any.
pub fn config(args: &PackArgs, echo: Echo) -> Result<Option<Config>, String> {
    if args.no_config {
        return Ok(None);
    }
    let path = match &args.config {
        Some(p) => p.clone(),
        None => {
            let cwd = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
            match discover(&cwd) {
                Some(p) => {
                    let text = read_found(&p)?;
                    return parse_config(p, &text, echo);
                }
                None => return Ok(None),
            }
        }
    };
    let text = read_text(&path, "config file")?;
    parse_config(path, &text, echo)
}

fn parse_config(path: PathBuf, text: &str, echo: Echo) -> Result<Option<Config>, String> {
    let path = std::path::absolute(&path).unwrap_or(path);
    Config::parse(&path, text)
        .map(Some)
        .map_err(|e| report(&e, "config file", echo))
}

/// The packs in force: the embedded ones (unless dropped by the flag or the
/// config), then the config's `rules`, then `--rules`.
pub fn sources(args: &PackArgs, config: Option<&Config>) -> Result<Vec<PackSource>, String> {
    let use_defaults = !args.no_default_rules
        && config
            .and_then(|c| c.settings.use_default_rules)
            .unwrap_or(true);
    let mut packs = if use_defaults {
        PackSource::defaults()
    } else {
        Vec::new()
    };
    // Each path, with where it is named when that is the config.
    let mut paths: Vec<(PathBuf, String)> = Vec::new();
    if let Some(c) = config {
        let named = format!(" (named by `rules` in `{}`)", c.path.display());
        paths.extend(
            c.settings
                .rules
                .iter()
                .map(|r| (c.dir().join(r), named.clone())),
        );
    }
    paths.extend(args.rules.iter().map(|r| (r.clone(), String::new())));
    for (path, named) in &paths {
        let meta = fs::metadata(path)
            .map_err(|e| format!("rule pack `{}`{named}: {e}", path.display()))?;
        let mut files = Vec::new();
        let folder: Option<Arc<str>> = meta.is_dir().then(|| Arc::from(path.display().to_string()));
        if meta.is_dir() {
            let entries = fs::read_dir(path)
                .map_err(|e| format!("rule pack folder `{}`{named}: {e}", path.display()))?;
            for entry in entries.flatten() {
                let p = entry.path();
                if p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                {
                    files.push(p);
                }
            }
            files.sort();
            if files.is_empty() {
                return Err(format!(
                    "rule pack folder `{}`{named} holds no rule pack (`*.yaml` or `*.yml` file)",
                    path.display()
                ));
            }
        } else {
            files.push(path.clone());
        }
        for file in files {
            let text = read_text(&file, "rule pack")?;
            packs.push(PackSource {
                folder: folder.clone(),
                ..PackSource::new(file.display().to_string(), text)
            });
        }
    }
    if packs.is_empty() {
        eprintln!(
            "warning: no rule pack is in force: the default rules are off (`--no-default-rules` \
             or `use-default-rules = false`) and no pack is named (`--rules` or `rules = [...]`); \
             `repere check` reports only unreadable files and encodings"
        );
    }
    Ok(packs)
}

/// The text of a config file [`discover`] found: one that is not a
/// regular file is an error (a FIFO would block the run, a folder cannot
/// be read), where `--config` reads what it names (`<(…)` too).
fn read_found(path: &Path) -> Result<String, String> {
    let (mut file, _) = super::check::open_regular(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidInput => format!(
            "the config file `{}` is not a regular file (a folder, FIFO or device): remove or rename it, or name a config with --config",
            path.display()
        ),
        _ => format!("config file `{}`: {e}", path.display()),
    })?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes)
        .map_err(|e| format!("config file `{}`: {e}", path.display()))?;
    utf8_text(path, "config file", bytes)
}

fn read_text(path: &Path, what: &str) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("{what} `{}`: {e}", path.display()))?;
    utf8_text(path, what, bytes)
}

fn utf8_text(path: &Path, what: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{what} `{}` is not UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Why a setup could not be loaded: a message, or errors located in a pack
/// or config file.
pub enum LoadError {
    Message(String),
    Located(Vec<PackError>),
}

/// The setup for a file in folder `start`: the config found from there (up
/// to the repository root), the embedded packs and the config's.
pub fn setup_at(start: &Path) -> Result<Setup, LoadError> {
    let config = match discover(start) {
        Some(path) => {
            let text = read_found(&path).map_err(LoadError::Message)?;
            Some(Config::parse(&path, &text).map_err(LoadError::Located)?)
        }
        None => None,
    };
    let sources = sources(&PackArgs::default(), config.as_ref()).map_err(LoadError::Message)?;
    let mut rules = RuleSet::load(&sources).map_err(LoadError::Located)?;
    if let Some(c) = &config {
        rules.configure(c).map_err(LoadError::Located)?;
    }
    Ok(Setup {
        config,
        sources,
        rules,
    })
}

/// Loads the config and the packs, and applies the config to the rules.
/// Errors are printed to stderr and give `Err` with a summary.
pub fn load(args: &PackArgs, echo: Echo) -> Result<Setup, String> {
    let config = config(args, echo)?;
    let sources = sources(args, config.as_ref())?;
    let mut rules =
        RuleSet::load(&sources).map_err(|errors| report(&errors, "rule packs", echo))?;
    if let Some(c) = &config {
        rules
            .configure(c)
            .map_err(|errors| report(&errors, "configuration", echo))?;
    }
    if !sources.is_empty() && rules.rules.is_empty() {
        let named: Vec<String> = sources.iter().map(|s| format!("`{}`", s.origin)).collect();
        eprintln!(
            "warning: no rule is in force: the rule packs in force ({}) define none; `repere check` reports only unreadable files and encodings",
            named.join(", ")
        );
    }
    Ok(Setup {
        config,
        sources,
        rules,
    })
}
