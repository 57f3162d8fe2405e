//! `repere init`: a commented repere.toml for the site in the current folder.

use std::path::Path;

use super::args::InitArgs;
use super::write::write_atomic;
use super::{EXIT_ERROR, EXIT_OK};

/// The config for a site; `content` says whether a Hugo `content/` folder was found,
/// `sections` lists its folders other than `posts`, `rules` the ids of the
/// embedded rules (turned off for those folders).
pub fn template(content: bool, sections: &[String], rules: &[String]) -> String {
    let mut t = String::from(
        "# repere configuration (see `repere config` for what is in force, and the README).\n\
         # Paths and globs are relative to this file.\n\n\
         # Extra rule packs (files or folders of *.yaml), added to the embedded ones.\n\
         # rules = [\"rules/\"]\n\
         # use-default-rules = true\n\n",
    );
    // Hugo reads `.markdown` files as it reads `.md` ones, and the embedded
    // rules check both: leaving them out would pass them unchecked.
    let include = "include = [\"content/**/*.md\", \"content/**/*.markdown\"]\n";
    if content {
        t.push_str("# A Hugo site: check the content folder.\n");
        t.push_str(include);
    } else {
        t.push_str("# ");
        t.push_str(include);
    }
    t.push_str(
        "# exclude = [\"content/drafts/**\"]\n\n\
         # Exit code 1 from this severity on: error | warning | info | never.\n\
         fail-on = \"error\"\n\
         # max-warnings = 50\n\
         # baseline = \"repere-baseline.json\"   # written by `repere check --write-baseline`\n\n\
         # Severity of a rule: error | warning | info | off.\n\
         [severity]\n\
         # front-matter-style = \"warning\"\n\n\
         # Options of a rule, laid over the pack's.\n\
         # [options.front-matter-style.fields.description]\n\
         # min_length = 120\n",
    );
    let off: Vec<String> = rules.iter().map(|r| format!("{r} = \"off\"")).collect();
    for s in sections {
        // A folder's name as a glob (`[`, `*`… taken literally) in a TOML
        // string (quoted by the `toml` crate), and on one line in the comment.
        let glob = toml::Value::String(format!("content/{}/**", glob::Pattern::escape(s)));
        let shown = s.escape_debug();
        t.push_str(&format!(
            "\n# `content/{shown}/` holds no career articles: the embedded rules are off there.\n[[overrides]]\nfiles = [{glob}]\nseverity = {{ {} }}\n",
            off.join(", ")
        ));
    }
    t
}

pub fn run(args: InitArgs) -> Result<i32, String> {
    let path = Path::new("repere.toml");
    let existed = path.exists();
    if existed && !args.force {
        eprintln!("error: repere.toml already exists (use --force to overwrite it)");
        return Ok(EXIT_ERROR);
    }
    // A config in force here (`.repere.toml`, or one in a folder above) that
    // the new file would quietly take the place of.
    let cwd = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
    let in_force = (!existed).then(|| super::packs::discover(&cwd)).flatten();
    if let Some(other) = &in_force
        && !args.force
    {
        eprintln!(
            "error: {} is the config in force here; a repere.toml in this folder would take its place \
             (edit that one, or use --force to write a new one here)",
            other.display()
        );
        return Ok(EXIT_ERROR);
    }
    let content = Path::new("content");
    let has_content = content.is_dir();
    let mut sections = Vec::new();
    if has_content && let Ok(entries) = std::fs::read_dir(content) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if e.path().is_dir() && name != "posts" && !name.starts_with('.') {
                sections.push(name);
            }
        }
    }
    sections.sort();
    let rules: Vec<String> = repere::pack::RuleSet::load(&repere::pack::PackSource::defaults())
        .map(|set| set.rules.iter().map(|r| r.meta.id.to_string()).collect())
        .unwrap_or_default();
    write_atomic(path, template(has_content, &sections, &rules).as_bytes())
        .map_err(|e| format!("writing repere.toml: {e}"))?;
    println!(
        "{} repere.toml{}.",
        if existed { "Replaced" } else { "Wrote" },
        if has_content {
            " for the Hugo site in this folder"
        } else {
            ""
        }
    );
    // `--force` beside another config in force: this one takes its place.
    if let Some(other) = in_force {
        println!(
            "It takes the place of {}, the config in force here until now.",
            other.display()
        );
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folder names with quotes, backslashes, glob characters or a line
    /// break still give a config that parses, whose globs name the folder.
    #[test]
    fn odd_folder_names_give_a_valid_config() {
        let names = ["a\"b", "c\\d", "e[1]*?", "f\ng", "guides"];
        let sections: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let text = template(true, &sections, &["tone".to_string()]);
        let config = repere::config::Config::parse(Path::new("repere.toml"), &text)
            .unwrap_or_else(|e| panic!("{}\n{text}", e[0].message));
        let globs: Vec<String> = config
            .settings
            .overrides
            .iter()
            .map(|o| o.files[0].clone())
            .collect();
        assert_eq!(globs.len(), names.len());
        for (glob, name) in globs.iter().zip(names) {
            let pattern = glob::Pattern::new(glob).unwrap();
            assert!(pattern.matches(&format!("content/{name}/x.md")), "{glob}");
        }
        assert!(
            !globs[2].is_empty()
                && !glob::Pattern::new(&globs[2])
                    .unwrap()
                    .matches("content/e1x/x.md")
        );
    }
}
