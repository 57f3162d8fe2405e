//! Finding the config file and loading the rule packs it and the command line name.

use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use repere::config::{Config, FILE_NAMES};
use repere::pack::{PackError, PackSource, RuleSet};
use repere::report::human::render_pack_error;
use repere::span::Span;

use super::args::{Color, PackArgs};

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

/// The `--color` of the command, for the reports of pack and config
/// errors on stderr (set once, before the packs are read).
static COLOR: std::sync::OnceLock<Color> = std::sync::OnceLock::new();

/// Sets what [`color`] follows: the command's `--color`.
pub(super) fn set_color(choice: Color) {
    let _ = COLOR.set(choice);
}

/// Whether the reports on stderr are in colour: as `--color` says, and with
/// `auto` (the default) on a terminal unless `NO_COLOR` is set.
pub(super) fn color() -> bool {
    match COLOR.get() {
        Some(Color::Always) => true,
        Some(Color::Never) => false,
        _ => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
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
                    let text = read_found(&p).map_err(|m| unreadable_config(&p, m, echo))?;
                    return parse_config(p, &text, echo);
                }
                None => return Ok(None),
            }
        }
    };
    let text = read_text(&path, "config file").map_err(|m| unreadable_config(&path, m, echo))?;
    parse_config(path, &text, echo)
}

/// A config file that cannot be read (absent, a folder, not UTF-8):
/// reported as the errors in one are, in the report's format too, so that
/// a report file is not left as the last run wrote it.
fn unreadable_config(path: &Path, message: String, echo: Echo) -> String {
    let error = PackError {
        origin: path.display().to_string(),
        text: Arc::from(""),
        span: Span::at(0),
        message,
        help: Some(
            "name a config file that exists and is UTF-8 text (--config), or run with --no-config"
                .to_string(),
        ),
        config: true,
    };
    report(&[error], "config file", echo)
}

fn parse_config(path: PathBuf, text: &str, echo: Echo) -> Result<Option<Config>, String> {
    let path = std::path::absolute(&path).unwrap_or(path);
    Config::parse(&path, text)
        .map(Some)
        .map_err(|e| report(&e, "config file", echo))
}

/// The packs in force: the embedded ones (unless dropped by the flag or the
/// config), then the config's `rules`, then `--rules`. A pack that cannot
/// be read stops the run: each is reported on stderr.
pub fn sources(args: &PackArgs, config: Option<&Config>) -> Result<Vec<PackSource>, String> {
    let (packs, errors) = located_sources(args, config);
    if errors.is_empty() {
        Ok(packs)
    } else {
        Err(report(&errors, what_failed(&errors), None))
    }
}

/// [`sources`], with the packs that could not be read (a missing file or
/// folder, a folder without packs, a file that cannot be read or is not
/// UTF-8) as errors, all of them: at the pack's name in the config when
/// the config names it, else in the pack (the path given to `--rules`).
fn located_sources(args: &PackArgs, config: Option<&Config>) -> (Vec<PackSource>, Vec<PackError>) {
    let use_defaults = !args.no_default_rules
        && config
            .and_then(|c| c.settings.use_default_rules)
            .unwrap_or(true);
    let mut packs = if use_defaults {
        PackSource::defaults()
    } else {
        Vec::new()
    };
    let mut errors = Vec::new();
    // Each path, with the config that names it (and where), if any.
    let mut paths: Vec<(PathBuf, Option<(&Config, Span)>)> = Vec::new();
    if let Some(c) = config {
        let items = c.node(&["rules"]).and_then(|n| n.as_seq());
        let whole = c.key(&["rules"]).map_or(c.root.span, |k| k.span);
        paths.extend(c.settings.rules.iter().enumerate().map(|(i, r)| {
            let at = items.and_then(|s| s.get(i)).map_or(whole, |n| n.span);
            (c.dir().join(r), Some((c, at)))
        }));
    }
    paths.extend(args.rules.iter().map(|r| (r.clone(), None)));
    for (path, named) in &paths {
        let fail = |message: String, help: &str| match named {
            Some((c, at)) => c.error(*at, message, Some(help.to_string())),
            None => PackError {
                origin: path.display().to_string(),
                text: Arc::from(""),
                span: Span::at(0),
                message,
                help: Some(help.to_string()),
                config: false,
            },
        };
        // Said in the message too: a report's line may be read alone.
        let by = named.map_or(String::new(), |(c, _)| {
            format!(" (named by `rules` in `{}`)", c.path.display())
        });
        let help = if named.is_some() {
            "name a pack file or folder that exists, relative to the config's folder"
        } else {
            "name a pack file or folder that exists"
        };
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => {
                // A glob is a path to repere, which names no file.
                let glob = path.to_string_lossy().contains(['*', '?', '[']);
                let help = if glob {
                    "pack paths are not globs: name the folder, whose `*.yaml` and `*.yml` files are all read, or each file"
                } else {
                    help
                };
                errors.push(fail(
                    format!("rule pack `{}`{by}: {e}", path.display()),
                    help,
                ));
                continue;
            }
        };
        let mut files = Vec::new();
        let folder: Option<Arc<str>> = meta.is_dir().then(|| Arc::from(path.display().to_string()));
        if meta.is_dir() {
            let entries = match fs::read_dir(path) {
                Ok(entries) => entries,
                Err(e) => {
                    errors.push(fail(
                        format!("rule pack folder `{}`{by}: {e}", path.display()),
                        help,
                    ));
                    continue;
                }
            };
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
                errors.push(fail(
                    format!(
                        "rule pack folder `{}`{by} holds no rule pack (`*.yaml` or `*.yml` file)",
                        path.display()
                    ),
                    "put the packs in the folder, or name another",
                ));
            }
        } else {
            files.push(path.clone());
        }
        for file in files {
            match read_text(&file, "rule pack") {
                Ok(text) => packs.push(PackSource {
                    folder: folder.clone(),
                    ..PackSource::new(file.display().to_string(), text)
                }),
                Err(message) => errors.push(fail(
                    message,
                    "save the pack as UTF-8 text that can be read",
                )),
            }
        }
    }
    if packs.is_empty() && errors.is_empty() {
        eprintln!(
            "warning: no rule pack is in force: the default rules are off (`--no-default-rules` \
             or `use-default-rules = false`) and no pack is named (`--rules` or `rules = [...]`); \
             `repere check` reports only unreadable files and encodings"
        );
    }
    (packs, errors)
}

/// Reports errors found after the setup loaded (a site root without
/// `content/`) as those found loading it are: on stderr, and to `echo`.
/// Returns the line that sums them up.
pub fn stop(errors: &[PackError], echo: Echo) -> String {
    report(errors, what_failed(errors), echo)
}

/// What a list of errors is in, for the line that sums them up.
fn what_failed(errors: &[PackError]) -> &'static str {
    let config = errors.iter().filter(|e| e.rule().id == "config").count();
    match config {
        0 => "rule packs",
        n if n == errors.len() => "configuration",
        _ => "configuration and rule packs",
    }
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
    let (sources, mut errors) = located_sources(&PackArgs::default(), config.as_ref());
    let loaded = RuleSet::load(&sources);
    if let Err(more) = &loaded {
        errors.extend(more.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(LoadError::Located(errors));
    }
    let mut rules = loaded.map_err(LoadError::Located)?;
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
    // Every pack that cannot be read, and the errors in those that can, at
    // once.
    let (sources, mut errors) = located_sources(args, config.as_ref());
    let loaded = RuleSet::load(&sources);
    if let Err(more) = &loaded {
        errors.extend(more.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(report(&errors, what_failed(&errors), echo));
    }
    let mut rules = loaded.map_err(|errors| report(&errors, "rule packs", echo))?;
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
