//! The whole pipeline on arbitrary bytes, with its invariants asserted: the
//! body of the `cargo fuzz` target (`fuzz/fuzz_targets/lint.rs`) and of the
//! test that replays the inputs it found (`tests/robustness.rs`).
//!
//! The input is split at NUL bytes into up to three files, checked together
//! (so that the cross-file pass runs too) by every default rule, with a small
//! site index for the link rules. Each file goes through `check_bytes` (so
//! invalid UTF-8 is exercised), its text through `Document::parse` and the
//! site's anchor and slug code, and the report through the output formats.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use repere::document::Document;
use repere::engine::{Linter, Report};
use repere::pack::{PackSource, RuleSet};
use repere::report::{Format, Options};
use repere::site::Site;
use repere::site::shortcodes::Inner;
use repere::span::Span;

const NAMES: [&str; 3] = [
    "content/posts/2025-01-06-exemple.md",
    "content/posts/2025-02-07-changer-de-poste.md",
    "content/le-role-du-cto/_index.md",
];

const FORMATS: [Format; 8] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::JsonLines,
    Format::Github,
    Format::Sarif,
    Format::Junit,
    Format::Gitlab,
];

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let set = RuleSet::load(&PackSource::defaults())
            .unwrap_or_else(|e| panic!("the default packs load: {}", e[0].message));
        let mut site = Site::new("/site");
        site.add_content(
            Path::new("posts/2025-01-06-exemple.md"),
            "---\ntitle: Exemple\n---\n## Le réel (sans filtre)\n".into(),
        );
        site.add_content(Path::new("le-role-du-cto/_index.md"), String::new());
        site.add_static("/images/photo.png");
        // Shortcodes known, so that calls of others are reported, and
        // whether they read `.Inner`, so that their tags are checked.
        site.set_shortcodes(Some(repere::site::shortcodes::Shortcodes::new([
            ("service-cards", Inner::Ignores),
            ("cartes/service", Inner::Reads),
        ])));
        site.cover_all();
        Linter::new(set).with_site(site)
    })
}

/// Splits the fuzzer's bytes into the files of one run.
pub fn files(data: &[u8]) -> Vec<(PathBuf, Vec<u8>)> {
    data.split(|b| *b == 0)
        .zip(NAMES)
        .map(|(bytes, name)| (PathBuf::from(name), bytes.to_vec()))
        .collect()
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} out of a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} splits a character"
    );
}

/// A prose block's spans (its own, its runs', those its text maps to) lie
/// on character boundaries of the file, and its runs inside its text.
fn check_block(text: &str, b: &repere::document::Block) {
    check_span(text, b.span, "block");
    for r in &b.runs {
        check_span(text, r.src, "run");
        assert!(
            b.text.get(r.text.clone()).is_some(),
            "run text {:?}",
            r.text
        );
    }
    let words: Vec<usize> = b.text.char_indices().map(|(i, _)| i).collect();
    for pair in words.windows(2).step_by(7) {
        check_span(text, b.source_span(pair[0]..pair[1]), "block source span");
    }
    check_span(text, b.source_span(0..b.text.len()), "block source span");
}

/// The document model's spans all lie on character boundaries of the file.
pub fn check_document(text: &str) {
    let doc = Document::parse("content/posts/2025-01-06-exemple.md", text.to_string());
    check_span(text, Span::at(doc.body_start), "body start");
    check_site_reading(text, &doc);
    if let Some(fm) = &doc.front_matter {
        check_span(text, fm.span, "front matter");
        check_span(text, fm.inner, "front matter inside");
        check_span(text, fm.open, "front matter opening");
        if let Some(root) = fm.root() {
            check_node(text, root);
        }
    }
    for h in &doc.body.headings {
        check_span(text, h.span, "heading");
        check_span(text, h.text_span, "heading text");
        let content = repere::document::markdown::heading_content(text, h);
        check_span(text, content, "heading content");
        if let Some(b) = h.block(text) {
            check_block(text, &b);
        }
    }
    for s in &doc.body.sections {
        check_span(text, s.span, "section");
        check_span(text, s.content, "section content");
    }
    for b in &doc.body.blocks {
        check_block(text, b);
    }
    for l in &doc.body.links {
        check_span(text, l.span, "link");
    }
    for c in &doc.body.code_blocks {
        check_span(text, *c, "code block");
    }
    for h in &doc.body.html {
        check_span(text, h.span, "html");
    }
    for r in &doc.body.broken_refs {
        check_span(text, r.span, "broken reference");
    }
    let _ = doc.location(Span::new(text.len(), text.len()));
    let _ = repere::site::anchors(&doc);
    let _ = repere::site::slug_of(&doc);
}

fn check_node(text: &str, node: &repere::yaml::Node) {
    use repere::yaml::Value;
    check_span(text, node.span, "front-matter value");
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| check_node(text, n)),
        Value::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            check_node(text, k);
            check_node(text, v);
        }),
        _ => {}
    }
}

/// What the site index reads of a page: its addresses from the lines of
/// `slug`, `url` and `aliases` are those of its whole front matter when that
/// parses, and a head of the page said to hold the block holds the same one.
fn check_site_reading(text: &str, doc: &Document) {
    use repere::document::front_matter::{Content, head_holds_block, split};
    use repere::site::PageFront;
    let parsed = !matches!(
        doc.front_matter.as_ref().map(|f| &f.content),
        Some(Content::Invalid { .. })
    );
    if parsed {
        assert_eq!(
            PageFront::of(text),
            PageFront::from_root(doc.front()),
            "page front"
        );
    }
    for cut in [text.len() / 4, text.len() / 2, text.len() * 3 / 4] {
        let mut at = cut;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let head = &text[..at];
        if head_holds_block(head) {
            assert_eq!(split(head).0, doc.front_matter, "head of {at} bytes");
        }
    }
    // The shortest head the site index reads holds the same block.
    if let Ok(Some(head)) = repere::document::front_matter::held_prefix(text.as_bytes()) {
        assert_eq!(split(head).0, doc.front_matter, "held prefix {head:?}");
    }
}

/// Looked for by file name, an address gets the answer the whole index
/// gives, on a site whose file names come from the input: each line of the
/// first file names a file of the site (under `content/`, or `static/`
/// when it starts so), each holding the second file's text (a page's
/// `slug`, `url` and `aliases`). The addresses asked are the lines of the
/// third file and the link destinations of all three. Folders are listed
/// three ways: as they are, in lookup order, and out of date.
fn check_lookup_by_name(files: &[(PathBuf, Vec<u8>)]) {
    use repere::site::MemoryFiles;
    use std::sync::Arc;
    let text = |i: usize| {
        files
            .get(i)
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default()
    };
    let (names, page) = (text(0), text(1));
    let mut paths: Vec<PathBuf> = names
        .lines()
        .map(|l| l.trim().trim_start_matches('/'))
        .filter(|l| !l.is_empty())
        .take(16)
        .map(|l| match l.strip_prefix("static/") {
            Some(_) => PathBuf::from(l),
            None => Path::new("content").join(l),
        })
        .collect();
    // A path cannot be both a file and a folder.
    let folders: Vec<PathBuf> = paths
        .iter()
        .flat_map(|p| p.ancestors().skip(1).map(Path::to_path_buf))
        .collect();
    paths.retain(|p| !folders.contains(p));
    let site_files = || {
        MemoryFiles::new(
            paths
                .iter()
                .map(|p| (p.clone(), Some(page.clone())))
                .collect::<Vec<_>>(),
        )
    };
    let whole = Site::read_whole("/site", &site_files());
    // Folders listed as the file system lists them, as a kept listing holds
    // them, and as one kept before the site changed: without every other
    // file, with one that is gone since.
    let before = paths
        .iter()
        .step_by(2)
        .cloned()
        .chain([PathBuf::from("content/posts/2024-01-01-parti.md")]);
    let lazy = [
        Site::from_files("/site", Arc::new(site_files())),
        Site::from_files("/site", Arc::new(site_files().listed_in_lookup_order())),
        Site::from_files(
            "/site",
            Arc::new(site_files().listed_in_lookup_order().listed_before(before)),
        ),
    ];
    // Where each page's relative links are read from: the same by file
    // name as from the whole index.
    let front = repere::site::PageFront::of(&page);
    for path in paths.iter().filter(|p| p.starts_with("content")) {
        let file = Path::new("/site").join(path);
        let bases = whole.relative_bases(&file, &front);
        for lazy in &lazy {
            assert_eq!(
                lazy.relative_bases(&file, &front),
                bases,
                "relative bases of {path:?} among {paths:?}"
            );
        }
    }
    let mut asked: Vec<String> = text(2).lines().take(16).map(str::to_string).collect();
    for (path, bytes) in files {
        if let Ok(text) = std::str::from_utf8(bytes) {
            let doc = Document::parse(path.clone(), text.to_string());
            asked.extend(doc.body.links.iter().take(16).map(|l| l.dest.clone()));
        }
    }
    for (address, lazy) in asked.iter().flat_map(|a| lazy.iter().map(move |l| (a, l))) {
        assert_eq!(
            lazy.exists(address),
            whole.exists(address),
            "exists {address:?} among {paths:?}"
        );
        let (by_name, indexed) = (
            lazy.page(address).map(|p| p.file),
            whole.page(address).map(|p| p.file),
        );
        if by_name != indexed {
            // Two pages with one address (a site error: Hugo publishes one
            // of them): either may be the one, each from a page giving it.
            let giving = pages_giving(&paths, &page, address);
            assert!(
                giving.len() > 1
                    && [&by_name, &indexed]
                        .iter()
                        .all(|p| p.as_ref().is_some_and(|p| giving.contains(p))),
                "page {address:?} among {paths:?}: {by_name:?} by name, {indexed:?} indexed"
            );
        }
    }
}

/// The pages (relative to `content/`) among `paths`, each holding `text`,
/// that give `address` on their own.
fn pages_giving(paths: &[PathBuf], text: &str, address: &str) -> Vec<PathBuf> {
    use repere::site::MemoryFiles;
    paths
        .iter()
        .filter_map(|path| {
            let alone = MemoryFiles::new([(path.clone(), Some(text.to_string()))]);
            let file = Site::read_whole("/site", &alone).page(address)?.file;
            (!file.as_os_str().is_empty()).then_some(file)
        })
        .collect()
}

/// Lints `data` as described above, asserting every invariant; renders the
/// report in one format (the fuzz target).
pub fn run(data: &[u8]) -> Report {
    // One format per input (they all get their turn), as rendering every
    // one of them would take most of the fuzzer's time.
    lint(data, &[FORMATS[data.len() % FORMATS.len()]])
}

/// The same, rendering the report in every format (tests).
pub fn run_all_formats(data: &[u8]) -> Report {
    lint(data, &FORMATS)
}

fn lint(data: &[u8], formats: &[Format]) -> Report {
    let linter = linter();
    let files = files(data);
    check_lookup_by_name(&files);
    for (_, bytes) in &files {
        if let Ok(text) = std::str::from_utf8(bytes) {
            check_document(text);
        }
    }
    let results = files
        .iter()
        .map(|(path, bytes)| linter.check_bytes(path.clone(), bytes.clone()))
        .collect();
    let report = linter.finish(results);
    let text_of = |path: &Path| -> Option<String> {
        let (_, bytes) = files.iter().find(|(p, _)| p == path)?;
        String::from_utf8(bytes.clone()).ok()
    };
    for file in &report.files {
        let text = text_of(&file.path);
        for d in &file.diagnostics {
            assert!(d.location.line >= 1 && d.location.column >= 1, "{d:?}");
            assert!(d.location.end_line >= d.location.line, "{d:?}");
            let Some(text) = &text else { continue };
            check_span(text, d.span, &d.rule);
            for l in d.labels.iter().filter(|l| l.path.is_none()) {
                check_span(text, l.span, &d.rule);
            }
            if let Some(fix) = &d.fix {
                for e in &fix.edits {
                    check_span(text, e.span, "fix");
                }
            }
        }
        // Every fix of the file applied at once: the edits that do not clash.
        if let Some(text) = &text {
            let fixes: Vec<_> = file
                .diagnostics
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .collect();
            let (fixed, applied) = repere::fix::apply(text, &fixes);
            assert!(applied <= fixes.len());
            if applied == 0 {
                assert_eq!(fixed, *text, "no fix applied, yet the text changed");
            }
        }
    }
    let source = |path: &Path| text_of(path);
    let options = Options {
        color: false,
        quiet: false,
        source: &source,
    };
    for format in formats {
        let mut out = Vec::new();
        if let Err(e) = format.reporter().write(&report, &options, &mut out) {
            panic!("{format:?} failed: {e}");
        }
    }
    report
}
