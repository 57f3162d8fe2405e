//! `--format sarif`: SARIF 2.1.0 (GitHub code scanning and other viewers),
//! with the rules that ran (id, short and full description, help), results
//! with their locations, and `relatedLocations` for labels. Built with the
//! `serde-sarif` types.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::{Component, Path, Prefix};

use percent_encoding::{AsciiSet, CONTROLS, percent_encode};

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use super::{Options, Reporter};
use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::span::{Location as Loc, Span};

pub struct SarifReporter;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result_level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

/// Text for a SARIF message string, whose `{` and `}` are written `{{` and
/// `}}` (SARIF 2.1.0 §3.11.5): `{0}` would be a placeholder for an
/// argument, and a message quotes what an article holds.
fn braces(text: &str) -> String {
    if !text.contains(['{', '}']) {
        return text.to_string();
    }
    text.replace('{', "{{").replace('}', "}}")
}

/// Text for a plain text SARIF message string: [`braces`], and `\`, `[`
/// and `]` written `\\`, `\[` and `\]`, so that a quoted Markdown link
/// (`[texte](/posts/x/)`) is not read as an embedded link (§3.11.6).
/// The specification gives no escape outside a link's text; CodeQL writes
/// its messages so, and the SARIF viewers of Microsoft and of CodeQL read
/// them back as the characters.
fn literal(text: &str) -> String {
    let text = braces(text);
    if !text.contains(['\\', '[', ']']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn location(path: &str, loc: Loc, span: Span, message: Option<&str>) -> Location {
    let region = Region::builder()
        .start_line(loc.line as i64)
        .start_column(loc.column as i64)
        .end_line(loc.end_line as i64)
        .end_column(loc.end_column as i64)
        .byte_offset(span.start as i64)
        .byte_length(span.len() as i64)
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(path.to_string()).build())
        .region(region)
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(literal(m)).build())
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}

/// What a path segment keeps as it is: RFC 3986 `pchar` (unreserved
/// characters, sub-delims, `:` and `@`). Everything else, including every
/// byte outside ASCII, is percent-encoded.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// One path segment, percent-encoded from its bytes: on Unix the raw bytes,
/// so that a name that is not UTF-8 round-trips.
fn segment(name: &OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name);
    #[cfg(not(unix))]
    let lossy = name.to_string_lossy();
    #[cfg(not(unix))]
    let bytes = lossy.as_bytes();
    percent_encode(bytes, SEGMENT).to_string()
}

/// A rule's `name`, which SARIF wants an identifier a user understands,
/// unlike the `id` (its tools flag a name equal to the id, ignoring case: a
/// one-word id has none), and in PascalCase: `front-matter-style` is
/// `FrontMatterStyle`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars))
        })
        .flatten()
        .collect()
}

/// A path as a SARIF URI reference (RFC 3986), named as [`super::repo_path`]
/// does: segments percent-encoded and joined by `/`; a relative path stays
/// relative (`./` first when its first
/// segment has a `:`, which would read as a scheme); an absolute one is a
/// `file:` URI.
fn uri(path: &Path) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut absolute = false;
    for c in super::repo_path(path).components() {
        match c {
            Component::Prefix(p) => {
                absolute = true;
                match p.kind() {
                    Prefix::Disk(d) | Prefix::VerbatimDisk(d) => {
                        segments.push(format!("{}:", char::from(d)));
                    }
                    _ => segments.push(segment(p.as_os_str())),
                }
            }
            Component::RootDir => absolute = true,
            Component::CurDir => {}
            Component::ParentDir => segments.push("..".to_string()),
            Component::Normal(name) => segments.push(segment(name)),
        }
    }
    let joined = segments.join("/");
    if absolute {
        format!("file:///{joined}")
    } else if segments.first().is_some_and(|s| s.contains(':')) {
        format!("./{joined}")
    } else {
        joined
    }
}

/// GitHub code scanning's limit on a rule's descriptions, in characters.
const DESCRIPTION_MAX: usize = 1024;

/// `text` as a plain text message string ([`literal`]) of at most `max`
/// characters once written so: the text is cut ([`at_most`]) before it is
/// escaped, so that no `{{` or `\[` is split, with room for what escaping
/// adds.
fn literal_at_most(text: &str, max: usize) -> String {
    let mut room = max;
    loop {
        let out = literal(&at_most(text, room));
        let over = out.chars().count().saturating_sub(max);
        if over == 0 || room <= 1 {
            return out;
        }
        room = room.saturating_sub(over).max(1);
    }
}

/// `text` cut to at most `max` characters: after its last sentence or line
/// that fits, or else at a character boundary, with `…`.
fn at_most(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let end = text
        .char_indices()
        .nth(max - 1)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    // Not in the first half: better a cut sentence than most of it lost.
    let sentence = head
        .match_indices(['.', '\n'])
        .map(|(i, m)| i + m.len())
        .rfind(|&i| {
            i > head.len() / 2
                && (text[..i].ends_with('\n') || text[i..].starts_with(char::is_whitespace))
        });
    match sentence {
        Some(i) => text[..i].trim_end().to_string(),
        None => format!("{}…", head.trim_end()),
    }
}

impl Reporter for SarifReporter {
    fn write(
        &self,
        report: &Report,
        _options: &Options<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let rules: Vec<ReportingDescriptor> = report
            .rules
            .iter()
            .map(|r| {
                let text = |t: String| {
                    MultiformatMessageString::builder()
                        .text(literal(&t))
                        .build()
                };
                let described = |t: &str| {
                    MultiformatMessageString::builder()
                        .text(literal_at_most(t, DESCRIPTION_MAX))
                        .build()
                };
                let doc = r.doc.trim();
                // The full description is the summary and the documentation's
                // first paragraph, within GitHub's limit; the whole
                // documentation is the help.
                let full = match doc.split("\n\n").next().filter(|p| !p.is_empty()) {
                    Some(first) => format!("{}\n\n{first}", r.summary),
                    None => r.summary.clone(),
                };
                let explain = format!(
                    "Run `repere explain {}` for the documentation of this rule.",
                    r.id
                );
                let help = if doc.is_empty() {
                    text(explain)
                } else {
                    MultiformatMessageString::builder()
                        .text(literal(&format!("{}\n\n{doc}\n\n{explain}", r.summary)))
                        .markdown(braces(&format!(
                            "{}\n\n````text\n{doc}\n````\n\n{explain}",
                            r.summary
                        )))
                        .build()
                };
                let name = pascal_case(&r.id);
                let mut rule = ReportingDescriptor::builder()
                    .id(r.id.to_string())
                    .short_description(described(&r.summary))
                    .full_description(described(&full))
                    .help(help)
                    .default_configuration(
                        ReportingConfiguration::builder()
                            .level(serde_json::json!(level(r.severity)))
                            .build(),
                    )
                    .build();
                // A name that is the id but for its case (`Tone`) is left
                // out, as SARIF's validator asks.
                if !name.eq_ignore_ascii_case(&r.id) {
                    rule.name = Some(name);
                }
                rule
            })
            .collect();
        let results: Vec<SarifResult> = report
            .diagnostics()
            .map(|d| {
                let path = uri(&d.path);
                let mut text = d.message.clone();
                if let Some(h) = &d.help {
                    text.push_str("\nhelp: ");
                    text.push_str(h);
                }
                let related: Vec<Location> = d
                    .labels
                    .iter()
                    .map(|l| {
                        let p = l.path.as_deref().map_or_else(|| path.clone(), |p| uri(p));
                        location(&p, l.location, l.span, Some(&l.message))
                    })
                    .collect();
                let rule_index = report
                    .rules
                    .iter()
                    .position(|r| r.id == d.rule)
                    .map_or(-1, |i| i as i64);
                let base = SarifResult::builder()
                    .rule_id(d.rule.to_string())
                    .rule_index(rule_index)
                    .level(result_level(d.severity))
                    .message(Message::builder().text(literal(&text)).build())
                    .locations(vec![location(&path, d.location, d.span, None)]);
                if related.is_empty() {
                    base.build()
                } else {
                    base.related_locations(related).build()
                }
            })
            .collect();
        let driver = ToolComponent::builder()
            .name("repere")
            .version(env!("CARGO_PKG_VERSION").to_string())
            .information_uri("https://crates.io/crates/repere".to_string())
            .rules(rules)
            .build();
        // Columns count Unicode characters, as everywhere in repere.
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .column_kind(serde_json::json!("unicodeCodePoints"))
            .results(results)
            .build();
        let sarif = Sarif::builder()
            .schema(SCHEMA.to_string())
            .version(serde_json::json!("2.1.0"))
            .runs(vec![run])
            .build();
        serde_json::to_writer_pretty(&mut *out, &sarif)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use percent_encoding::percent_decode_str;

    use super::*;

    /// The path a URI reference names, read back: segments decoded.
    fn decoded(uri: &str) -> Vec<Vec<u8>> {
        let uri = uri.strip_prefix("./").unwrap_or(uri);
        uri.split('/')
            .map(|s| percent_decode_str(s).collect())
            .collect()
    }

    fn raw(name: &OsStr) -> Vec<u8> {
        #[cfg(unix)]
        return std::os::unix::ffi::OsStrExt::as_bytes(name).to_vec();
        #[cfg(not(unix))]
        return name.to_string_lossy().as_bytes().to_vec();
    }

    #[test]
    fn a_uri_decodes_back_to_the_path() {
        let mut names: Vec<PathBuf> = [
            "été.md",
            "a<&\"b>.md",
            "x#y.md",
            "what?.md",
            "a:b.md",
            "50%.md",
            "with space.md",
            "x\\y.md",
            "[a]{b}|^`.md",
            "content/posts/2025-03-10-cle.md",
            "dir:x/a:b.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        #[cfg(unix)]
        names.push(PathBuf::from(
            <OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"caf\xe9/\xff.md"),
        ));
        for path in names {
            let u = uri(&path);
            assert!(
                u.bytes().all(|b| b.is_ascii_graphic()) && !u.contains(['#', '?', '\\']),
                "{u}"
            );
            assert!(!u.split('/').next().unwrap().contains(':'), "{u}");
            let expected: Vec<Vec<u8>> = path.iter().map(raw).collect();
            assert_eq!(decoded(&u), expected, "{} as {u}", path.display());
        }
    }

    #[test]
    fn descriptions_are_cut_within_the_limit() {
        assert_eq!(at_most("Short.", 10), "Short.");
        let sentences = "One sentence. Two sentences. Three sentences.";
        assert_eq!(at_most(sentences, 30), "One sentence. Two sentences.");
        let word = "é".repeat(50);
        let cut = at_most(&word, 20);
        assert_eq!(cut.chars().count(), 20);
        assert!(cut.ends_with("é…"));
        for max in 2..60 {
            assert!(at_most(sentences, max).chars().count() <= max, "{max}");
        }
        // Within the limit once escaped, no escape split.
        let marked = "Mot [interdit] {x} ".repeat(80);
        for max in [20, 101, 1024] {
            let out = literal_at_most(&marked, max);
            assert!(out.chars().count() <= max, "{max}: {out}");
            assert!(out.starts_with("Mot \\[interdit\\] {{"), "{out}");
            let unescaped = out
                .replace("\\[", "")
                .replace("\\]", "")
                .replace("{{", "")
                .replace("}}", "");
            assert!(!unescaped.contains(['[', ']', '{', '}', '\\']), "{out}");
        }
    }

    #[test]
    fn rule_names_are_the_ids_in_pascal_case() {
        assert_eq!(pascal_case("front-matter-style"), "FrontMatterStyle");
        assert_eq!(pascal_case("read-error"), "ReadError");
        assert_eq!(pascal_case("x"), "X");
    }

    #[test]
    fn dot_segments_and_absolute_paths() {
        assert_eq!(uri(Path::new("./content/a.md")), "content/a.md");
        // Outside the current directory: a `file:` URI, without `..`.
        #[cfg(unix)]
        {
            let parent = std::env::current_dir().unwrap().canonicalize().unwrap();
            let parent = parent.parent().unwrap().to_str().unwrap();
            if !parent.contains(|c: char| !c.is_ascii_alphanumeric() && !"/-_.".contains(c)) {
                assert_eq!(
                    uri(Path::new("../a b.md")),
                    format!("file://{}/a%20b.md", parent.trim_end_matches('/'))
                );
            }
        }
        #[cfg(unix)]
        assert_eq!(
            uri(Path::new("/srv/site/é.md")),
            "file:///srv/site/%C3%A9.md"
        );
    }
}
