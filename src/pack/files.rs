//! The `files` of a rule-pack entry: glob patterns (the `glob` crate's syntax)
//! a path must match; a pattern starting with `!` excludes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use glob::{MatchOptions, Pattern};

use crate::rules::{BuildError, error_at};
use crate::yaml::Node;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFilter {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
}

const OPTIONS: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

impl FileFilter {
    /// Reads a string or a list of strings.
    pub fn from_node(node: &Node) -> Result<FileFilter, BuildError> {
        let items: Vec<&Node> = match node.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![node],
        };
        let mut filter = FileFilter::default();
        for item in items {
            let text = item.as_str().ok_or_else(|| {
                error_at(
                    item,
                    format!("`files` takes glob patterns; this is {}", item.type_name()),
                )
            })?;
            let (negated, mut glob) = match text.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, text),
            };
            // Paths are matched without a leading `./`: so is the glob.
            while let Some(rest) = glob.strip_prefix("./") {
                glob = rest;
            }
            // An empty pattern matches no file: a rule limited to it would
            // never run, and an exclusion of it would leave every file in.
            if glob.trim().is_empty() {
                let message = if text.trim().is_empty() {
                    "an empty glob matches no file; write the files meant (`**` matches every file), or remove it".to_string()
                } else {
                    format!(
                        "`{text}` has no pattern after its `!` or `./`, so it matches no file; write the files meant (`!content/drafts/**`), or remove it"
                    )
                };
                return Err(error_at(item, message));
            }
            // `{a,b}` is taken as written by the glob crate, where a shell
            // or `.gitignore`-style globs expand it: it would match nothing.
            let alternatives = glob.split('{').skip(1).any(|after| {
                after
                    .split_once('}')
                    .is_some_and(|(inside, _)| inside.contains(','))
            });
            if alternatives {
                return Err(error_at(
                    item,
                    format!(
                        "`{text}`: braces (`{{a,b}}`) are not alternatives in these globs, they match themselves; write one pattern per alternative (`[\"content/a/*.md\", \"content/b/*.md\"]`)"
                    ),
                ));
            }
            // Paths matched are files: a pattern ending with `/`, as in
            // `.gitignore`, would match nothing.
            if glob.ends_with('/') {
                let bang = if negated { "!" } else { "" };
                return Err(error_at(
                    item,
                    format!(
                        "`{text}` ends with `/`, but the paths matched are files, so it matches none; write `{bang}{glob}**` for the files under that folder"
                    ),
                ));
            }
            let pattern = compile(glob)
                .map_err(|e| error_at(item, format!("invalid glob `{text}`: {}", e.msg)))?;
            if negated {
                filter.exclude.push(pattern);
            } else {
                filter.include.push(pattern);
            }
        }
        Ok(filter)
    }

    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether the rule applies to `path` (as reached from the command line).
    pub fn matches(&self, path: &Path) -> bool {
        let text = path.to_string_lossy().replace('\\', "/");
        let mut text = text.as_str();
        while let Some(rest) = text.strip_prefix("./") {
            text = rest;
        }
        let hit = |p: &Pattern| p.matches_with(text, OPTIONS);
        (self.include.is_empty() || self.include.iter().any(hit)) && !self.exclude.iter().any(hit)
    }
}

/// `glob` compiled, or the same compiled before on this thread: the rules
/// of a pack mostly share their `files`, and a run loads a pack's every
/// rule (a pre-commit hook, at each call).
fn compile(glob: &str) -> Result<Pattern, glob::PatternError> {
    thread_local! {
        static COMPILED: RefCell<HashMap<String, Pattern>> = RefCell::new(HashMap::new());
    }
    if let Some(p) = COMPILED.with_borrow(|c| c.get(glob).cloned()) {
        return Ok(p);
    }
    let pattern = Pattern::new(glob)?;
    COMPILED.with_borrow_mut(|c| {
        // The globs of a run's packs and config: a few dozen at most.
        if c.len() < COMPILED_KEPT {
            c.insert(glob.to_string(), pattern.clone());
        }
    });
    Ok(pattern)
}

/// How many compiled globs a thread keeps.
const COMPILED_KEPT: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(yaml: &str) -> FileFilter {
        let node = crate::yaml::parse(yaml, 0).unwrap().root.unwrap();
        FileFilter::from_node(&node).unwrap()
    }

    /// `{a,b}` would match only a folder named so: refused, pointing at it.
    #[test]
    fn brace_alternatives_are_refused() {
        let text = "['content/{recettes,desserts}/*.md']";
        let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
        let e = FileFilter::from_node(&node).unwrap_err();
        assert!(
            e.message.contains("braces (`{a,b}`) are not alternatives"),
            "{}",
            e.message
        );
        assert_eq!(
            e.span.map(|s| &text[s.start..s.end]),
            Some("'content/{recettes,desserts}/*.md'")
        );
        // Any pair of braces, not only the first.
        let text = "['content/{x}/{a,b}/*.md']";
        let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
        assert!(FileFilter::from_node(&node).is_err());
        // A brace without alternatives is a character of a name.
        filter("['content/{draft}/*.md']");
    }

    /// A folder written as in `.gitignore` (`drafts/`) would match no file.
    #[test]
    fn a_folder_pattern_is_refused_with_the_glob_meant() {
        for (text, meant) in [
            ("['content/drafts/']", "`content/drafts/**`"),
            ("['!content/drafts/']", "`!content/drafts/**`"),
        ] {
            let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
            let e = FileFilter::from_node(&node).unwrap_err();
            assert!(e.message.contains(meant), "{}", e.message);
        }
    }

    /// `./content/**` is `content/**`, as the paths matched are.
    #[test]
    fn a_leading_dot_slash_is_ignored() {
        let f = filter("['./content/recettes/*.md', '!./content/recettes/x.md']");
        for path in ["content/recettes/a.md", "./content/recettes/a.md"] {
            assert!(f.matches(Path::new(path)), "{path}");
        }
        assert!(!f.matches(Path::new("content/recettes/x.md")));
        assert!(!f.matches(Path::new("content/posts/a.md")));
    }

    #[test]
    fn include_and_exclude() {
        let f = filter("['**/posts/**/*.md', '!**/_index.md']");
        assert!(f.matches(Path::new("content/posts/a.md")));
        assert!(f.matches(Path::new("./posts/2025/a.md")));
        assert!(!f.matches(Path::new("content/posts/_index.md")));
        assert!(!f.matches(Path::new("content/about.md")));
    }

    /// An empty pattern matches no file: refused, pointing at it.
    #[test]
    fn an_empty_glob_is_refused() {
        for (text, at, says) in [
            ("['**/*.md', '']", "''", "an empty glob matches no file"),
            ("' '", "' '", "an empty glob matches no file"),
            ("['!']", "'!'", "`!` has no pattern after its `!` or `./`"),
            (
                "['./']",
                "'./'",
                "`./` has no pattern after its `!` or `./`",
            ),
        ] {
            let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
            let e = FileFilter::from_node(&node).unwrap_err();
            assert!(e.message.contains(says), "{text}: {}", e.message);
            assert_eq!(e.span.map(|s| &text[s.start..s.end]), Some(at), "{text}");
        }
    }

    #[test]
    fn bad_glob_is_an_error() {
        let node = crate::yaml::parse("'a/***/b'", 0).unwrap().root.unwrap();
        assert!(FileFilter::from_node(&node).is_err());
    }
}
