//! Baselines: the findings a project already has, recorded so that a run
//! reports only new ones. Entries are matched by path, rule and a fingerprint
//! of the offending text and the message (not the line number), so editing
//! elsewhere in the file does not bring them back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::engine::Report;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The file, relative to the baseline file's folder, with `/`.
    pub path: String,
    pub rule: String,
    /// FNV-1a hash of the offending text (whitespace folded), or of the
    /// message when the finding has no text.
    pub fingerprint: String,
    /// How many findings share this path, rule and fingerprint.
    pub count: usize,
    /// The first finding's message, for people reading the file.
    #[serde(default)]
    pub message: String,
    /// The other files a cross-file finding involves (the files its labels
    /// name: the other copy of a paragraph), keyed as `path` is. Its
    /// absence from a run that did not check them all says nothing: such an
    /// entry is fixed only when every one of them was checked. Empty for a
    /// finding about its own file alone, and in entries written before
    /// repere recorded them (which count as those do).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub involves: Vec<String>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings hidden because the baseline has them.
    pub hidden: usize,
    /// Baseline entries (counted per finding) no longer found, among the
    /// files checked and the rules run (for a cross-file finding, when every
    /// file it involves was checked).
    pub fixed: usize,
}

/// The 64-bit FNV-1a hash of a text, as 16 hex digits (stable across versions).
pub fn fnv1a(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The version of the baselines written. Version 1 fingerprinted the
/// offending text alone (findings at one place with different messages,
/// such as missing keys at the opening `---`, shared it); version 2 adds the
/// message; version 3 cuts the other files a message names to their file
/// names, and keys files outside the baseline's folder with `../` (the
/// command line's caller chooses the keys by version). All are read.
pub const VERSION: u32 = 3;

/// A message with each run of digits as `#`: a message that quotes a line
/// number or a count ("repeats line 12") keeps its fingerprint when lines are
/// added above or the count changes.
pub fn without_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_number = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            out.push(c);
            in_number = false;
        }
    }
    out
}

/// What tells a finding from the others at its place: the [`fingerprint`]
/// of its text and its message without numbers (five missing keys, all
/// at the opening `---`, are five findings). Baselines of version 2 and
/// GitLab's fingerprints are made of it.
pub fn finding_fingerprint(d: &Diagnostic, source: Option<&str>) -> String {
    with_message(d, source, &without_other_paths(d))
}

/// The [`fingerprint`] of a finding's text and `message` without numbers.
fn with_message(d: &Diagnostic, source: Option<&str>, message: &str) -> String {
    fnv1a(&format!(
        "{}\u{0}{}",
        fingerprint(d, source),
        without_numbers(message)
    ))
}

/// The message with each other file it names (a label's path, written as
/// the command line reached it: `./content/posts/a.md`, `content/posts/a.md`
/// or absolute) cut to its file name, so that a fingerprint does not depend
/// on how the files were named on the command line.
fn without_other_paths(d: &Diagnostic) -> String {
    let mut message = d.message.clone();
    for path in d.labels.iter().filter_map(|l| l.path.as_deref()) {
        let written = path.display().to_string();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if written != name && message.contains(&written) {
            message = message.replace(&written, &name);
        }
    }
    message
}

/// The fingerprint of a diagnostic in a baseline of `version`.
fn entry_fingerprint(d: &Diagnostic, source: Option<&str>, version: u32) -> String {
    match version {
        ..=1 => fingerprint(d, source),
        // The message as written, other files' paths as the run named them.
        2 => with_message(d, source, &d.message),
        _ => finding_fingerprint(d, source),
    }
}

/// The files a run checked and the rules it ran: what its findings say
/// anything about.
struct LookedFor<'a> {
    checked: BTreeSet<String>,
    ran: BTreeSet<&'a str>,
}

impl<'a> LookedFor<'a> {
    fn new(report: &'a Report, path_key: &dyn Fn(&Path) -> String) -> LookedFor<'a> {
        LookedFor {
            checked: report.files.iter().map(|f| path_key(&f.path)).collect(),
            ran: report.rules.iter().map(|r| &*r.id).collect(),
        }
    }

    fn covers(&self, path: &str, rule: &str) -> bool {
        self.checked.contains(path) && self.ran.contains(rule)
    }

    /// Whether the run would have found again the findings of an entry of
    /// `path` and `rule` involving the files `involves`: it checked them
    /// all (a cross-file finding is not made without its other file).
    fn covers_all(&self, path: &str, rule: &str, involves: &[String]) -> bool {
        self.covers(path, rule) && involves.iter().all(|f| self.checked.contains(f))
    }
}

/// The fingerprint of a diagnostic, from the file's text when there is one.
pub fn fingerprint(d: &Diagnostic, source: Option<&str>) -> String {
    let text = source
        .and_then(|s| s.get(d.span.clamp_to(s).start..d.span.clamp_to(s).end))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    fnv1a(&text.unwrap_or_else(|| d.message.clone()))
}

type Key = (String, String, String);

/// The other files a cross-file finding involves: those its labels name,
/// keyed by `path_key` (none for a finding of one file).
fn involved(d: &Diagnostic, path_key: &dyn Fn(&Path) -> String) -> BTreeSet<String> {
    if !d.corpus {
        return BTreeSet::new();
    }
    d.labels
        .iter()
        .filter_map(|l| l.path.as_deref())
        .filter(|p| **p != **d.path)
        .map(|p| path_key(p))
        .collect()
}

/// Each finding's key and message, and the files it involves.
fn keys(
    report: &Report,
    path_key: &dyn Fn(&Path) -> String,
    source: &dyn Fn(&Path) -> Option<String>,
    version: u32,
) -> Vec<(Key, String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for file in &report.files {
        if file.diagnostics.is_empty() {
            continue;
        }
        let kept = file.text(source);
        let text = kept.as_deref();
        let path = path_key(&file.path);
        for d in &file.diagnostics {
            out.push((
                (
                    path.clone(),
                    d.rule.to_string(),
                    entry_fingerprint(d, text, version),
                ),
                d.message.clone(),
                involved(d, path_key),
            ));
        }
    }
    out
}

impl Baseline {
    /// A baseline file's text: a JSON object (serde would also take an
    /// array) of a version this repere reads.
    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("is not a repere baseline: {e}"))?;
        if !value.is_object() {
            return Err(
                "is not a repere baseline: expected a JSON object with `version` and `entries`"
                    .to_string(),
            );
        }
        let baseline: Baseline =
            serde_json::from_value(value).map_err(|e| format!("is not a repere baseline: {e}"))?;
        if !(1..=VERSION).contains(&baseline.version) {
            return Err(format!(
                "has version {}; this repere reads versions 1 to {VERSION}",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Records the findings of a report.
    pub fn record(
        report: &Report,
        path_key: &dyn Fn(&Path) -> String,
        source: &dyn Fn(&Path) -> Option<String>,
    ) -> Baseline {
        let mut counts: BTreeMap<Key, (usize, String, BTreeSet<String>)> = BTreeMap::new();
        for (key, message, involves) in keys(report, path_key, source, VERSION) {
            let entry = counts
                .entry(key)
                .or_insert_with(|| (0, message, BTreeSet::new()));
            entry.0 += 1;
            entry.2.extend(involves);
        }
        Baseline {
            version: VERSION,
            entries: counts
                .into_iter()
                .map(
                    |((path, rule, fingerprint), (count, message, involves))| Entry {
                        path,
                        rule,
                        fingerprint,
                        count,
                        message,
                        involves: involves.into_iter().collect(),
                    },
                )
                .collect(),
        }
    }

    /// Adds the entries of `old` (a baseline of the same version) that the
    /// run of `report` did not look for: those of files it did not check or
    /// of rules it did not run, and those of cross-file findings some other
    /// file of which it did not check, when `exists` says their files are
    /// still there. A baseline written for a few files, or under
    /// `--select`, keeps the rest. Returns how many findings the kept
    /// entries add.
    pub fn keep_unchecked(
        &mut self,
        old: &Baseline,
        report: &Report,
        path_key: &dyn Fn(&Path) -> String,
        exists: &dyn Fn(&str) -> bool,
    ) -> usize {
        let looked = LookedFor::new(report, path_key);
        let kept = old
            .entries
            .iter()
            .filter(|e| !looked.covers_all(&e.path, &e.rule, &e.involves))
            .filter(|e| exists(&e.path) && e.involves.iter().all(|f| exists(f)));
        let key = |e: &Entry| (e.path.clone(), e.rule.clone(), e.fingerprint.clone());
        let mut at: std::collections::HashMap<(String, String, String), usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (key(e), i))
            .collect();
        let mut n = 0usize;
        for e in kept {
            // A cross-file entry of a file checked, with another file that
            // was not: what the run found again of it is recorded already,
            // and the entry's count is what it may still hide.
            match at.get(&key(e)).and_then(|&i| self.entries.get_mut(i)) {
                Some(x) => {
                    n = n.saturating_add(e.count.saturating_sub(x.count));
                    x.count = x.count.max(e.count);
                    for f in &e.involves {
                        if !x.involves.contains(f) {
                            x.involves.push(f.clone());
                        }
                    }
                    x.involves.sort();
                }
                None => {
                    n = n.saturating_add(e.count);
                    at.insert(key(e), self.entries.len());
                    self.entries.push(e.clone());
                }
            }
        }
        self.entries.sort_by(|a, b| {
            (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
        });
        n
    }

    /// Removes from `report` the findings the baseline has. Entries left
    /// over count as fixed only for the files checked and the rules run (a
    /// pre-commit hook checks a few files; `--select` runs a few rules),
    /// and, for a cross-file finding, when every file it involves was
    /// checked too.
    pub fn apply(
        &self,
        report: &mut Report,
        path_key: &dyn Fn(&Path) -> String,
        source: &dyn Fn(&Path) -> Option<String>,
    ) -> Outcome {
        // Counts are read from the file: saturating, so that a hand-edited
        // one (`count: 18446744073709551615`, twice) cannot overflow.
        let mut remaining: BTreeMap<Key, (usize, Vec<String>)> = BTreeMap::new();
        for e in &self.entries {
            let (n, involves) = remaining
                .entry((e.path.clone(), e.rule.clone(), e.fingerprint.clone()))
                .or_default();
            *n = n.saturating_add(e.count);
            involves.extend(e.involves.iter().cloned());
        }
        let mut hidden = 0;
        let mut verdicts = keys(report, path_key, source, self.version)
            .into_iter()
            .map(|(key, _, _)| match remaining.get_mut(&key) {
                Some((n, _)) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            });
        for file in &mut report.files {
            file.diagnostics.retain(|_| {
                let hide = verdicts.next().unwrap_or(false);
                hidden += usize::from(hide);
                !hide
            });
        }
        let looked = LookedFor::new(report, path_key);
        Outcome {
            hidden,
            fixed: remaining
                .iter()
                .filter(|((path, rule, _), (_, involves))| looked.covers_all(path, rule, involves))
                .fold(0, |a, (_, (n, _))| a.saturating_add(*n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_file_is_a_json_object_of_a_known_version() {
        assert!(Baseline::from_json(r#"{"version": 2, "entries": []}"#).is_ok());
        for text in ["[1, []]", "[]", "2", "\"x\""] {
            let e = Baseline::from_json(text).unwrap_err();
            assert!(e.contains("expected a JSON object"), "{text}: {e}");
        }
        assert!(Baseline::from_json("{").is_err());
        let e = Baseline::from_json(r#"{"version": 4, "entries": []}"#).unwrap_err();
        assert!(e.starts_with("has version 4;"), "{e}");
    }

    #[test]
    fn numbers_are_left_out_of_the_message() {
        assert_eq!(
            without_numbers("repeats line 12, 3 times"),
            "repeats line #, # times"
        );
        assert_eq!(without_numbers("`title` is missing"), "`title` is missing");
    }

    #[test]
    fn fingerprint_is_stable_and_ignores_whitespace() {
        assert_eq!(fnv1a(""), "cbf29ce484222325");
        assert_eq!(fnv1a("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn huge_counts_in_a_baseline_file_do_not_overflow() {
        let entry = |fingerprint: &str| Entry {
            path: "a.md".into(),
            rule: "tone".into(),
            fingerprint: fingerprint.into(),
            count: usize::MAX,
            message: String::new(),
            involves: Vec::new(),
        };
        let baseline = Baseline {
            version: 1,
            entries: vec![entry("1"), entry("1"), entry("2")],
        };
        let mut report = Report {
            files: vec![crate::engine::FileReport {
                path: std::sync::Arc::new("a.md".into()),
                source: None,
                diagnostics: Vec::new(),
            }],
            notes: Vec::new(),
            rules: vec![crate::engine::RuleInfo {
                id: "tone".into(),
                kind: "phrase",
                severity: crate::diagnostic::Severity::Warning,
                summary: String::new(),
                doc: "",
            }],
            ..Report::default()
        };
        let outcome = baseline.apply(&mut report, &|p| p.display().to_string(), &|_| None);
        assert_eq!(outcome.hidden, 0);
        assert_eq!(outcome.fixed, usize::MAX);
    }
}
