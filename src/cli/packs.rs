//! Loading the rule packs named on the command line.

use std::fs;
use std::io::IsTerminal;
use std::path::Path;

use repere::pack::{PackSource, RuleSet};
use repere::report::human::render_pack_error;

use super::args::PackArgs;

/// The packs in force: the embedded ones (unless dropped), then the user's.
pub fn sources(args: &PackArgs) -> Result<Vec<PackSource>, String> {
    let mut packs = if args.no_default_rules {
        Vec::new()
    } else {
        PackSource::defaults()
    };
    for path in &args.rules {
        let meta =
            fs::metadata(path).map_err(|e| format!("rule pack `{}`: {e}", path.display()))?;
        let mut files = Vec::new();
        if meta.is_dir() {
            let entries = fs::read_dir(path)
                .map_err(|e| format!("rule pack folder `{}`: {e}", path.display()))?;
            for entry in entries.flatten() {
                let p = entry.path();
                if p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                {
                    files.push(p);
                }
            }
            files.sort();
        } else {
            files.push(path.clone());
        }
        for file in files {
            let text = read_text(&file)?;
            packs.push(PackSource::new(file.display().to_string(), text));
        }
    }
    Ok(packs)
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("rule pack `{}`: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "rule pack `{}` is not UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Loads the packs; errors are printed to stderr and give `Err` with a summary.
pub fn load(args: &PackArgs) -> Result<RuleSet, String> {
    let sources = sources(args)?;
    RuleSet::load(&sources).map_err(|errors| {
        let color = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        for e in &errors {
            eprint!("{}", render_pack_error(e, color));
        }
        format!(
            "{} error(s) in the rule packs; nothing was checked",
            errors.len()
        )
    })
}
