//! Property tests: parsing and linting never panic, and every span lies on
//! character boundaries inside the file.

use proptest::prelude::*;
use repere::document::Document;
use repere::engine::Linter;
use repere::pack::{PackSource, RuleSet};
use repere::span::Span;

#[path = "common/pipeline.rs"]
mod pipeline;

/// Text made of pieces that matter to the parsers.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("{".to_string()),
        Just("}\n".to_string()),
        Just("\"title\": \"x\\\"}\", ".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("## Dédramatisation\n".to_string()),
        Just("title: 'x'\n".to_string()),
        Just("tags: [a, b\n".to_string()),
        Just("- item\n".to_string()),
        Just("  - nested : 42k€\n".to_string()),
        Just("    1. Junior (L1) : 40k€ (-5 % vs Paris)\n".to_string()),
        Just("> - **Data Engineer** à Lyon\n".to_string()),
        Just("&a [*a, *a]\n".to_string()),
        Just("**gras** `code` [lien](/posts/x/)\n".to_string()),
        Just("```\n## code\n".to_string()),
        Just("<!-- c -->".to_string()),
        Just("é’\u{a0}\u{202f}€".to_string()),
        "[ -~]{0,20}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Bytes for the whole pipeline: articles, hostile pieces (deep nesting,
/// aliases, stray tags and brackets, suppressions, lone CRs, invalid UTF-8)
/// and NUL bytes, which split the input into files checked together.
fn hostile() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        article().prop_map(String::into_bytes),
        Just(b"\r".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\xc3".to_vec()),
        Just(b"[[[[[[[[".to_vec()),
        Just(b"- - - - - - - -".to_vec()),
        Just(b"a: &a [x, *a]\nb: *a\n".to_vec()),
        Just(b"<div><span>".to_vec()),
        Just(b"</span></div>".to_vec()),
        Just(b"[a] (b".to_vec()),
        Just(b"[x](#a) [y](/posts/z/#b) ".to_vec()),
        Just(b"{{< servce-cards a=\"b\" >}}{{< /servce-cards >}}".to_vec()),
        Just(b"{{% cartes/service %}}{{</* x */>}}{{< y/>}}".to_vec()),
        Just(b"{{< cartes/service >}}{{< service-cards />}}{{< /cartes/service >}}".to_vec()),
        Just(b"{{< service-cards a/b x=c>}} \"d\ne\" {{< >}} {{</* f".to_vec()),
        Just(b"<a href=\"{{< ref \"/posts/a.md\" >}}\" title='{{% b %}}'>x</a><img src=\"{{< c\n\n\"d\" >}}\">".to_vec()),
        Just("{{< cartes/service >}}{{< / >}}{{< service-cards a / b \"c\\`\" >}}{{< x.y >}}{{< /z w >}} a =b c \u{b2}".as_bytes().to_vec()),
        Just(b"<!-- repere-disable tone -->".to_vec()),
        Just(b"<!-- repere-enable -->".to_vec()),
        Just(b"<!-- repere-disable-next-line markup -->\n".to_vec()),
        Just(
            "Il faut « tu dois » https://x.fr/il-faut "
                .as_bytes()
                .to_vec()
        ),
        Just("\u{a0}\n".as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..16),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

fn check_span(text: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} out of {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_never_panics_and_spans_are_in_bounds(text in article()) {
        let doc = Document::parse("2025-01-01-x.md", text.clone());
        if let Some(fm) = &doc.front_matter {
            check_span(&text, fm.span);
            check_span(&text, fm.inner);
            if let Some(root) = fm.root() {
                for (k, v) in root.as_map().unwrap_or_default() {
                    check_span(&text, k.span);
                    check_span(&text, v.span);
                }
            }
        }
        for h in &doc.body.headings {
            check_span(&text, h.span);
            check_span(&text, h.text_span);
        }
        for (i, b) in doc.body.blocks.iter().enumerate() {
            // A block's parent is a list item before it that holds it.
            if let Some(p) = b.parent {
                prop_assert!(p < i);
                let item = &doc.body.blocks[p];
                prop_assert_eq!(item.kind, repere::document::BlockKind::ListItem);
                prop_assert!(item.span.start <= b.span.start && b.span.end <= item.span.end);
            }
            check_span(&text, b.span);
            for r in &b.runs {
                check_span(&text, r.src);
            }
            check_span(&text, b.source_span(0..b.text.len()));
        }
        for l in &doc.body.links {
            check_span(&text, l.span);
        }
    }

    #[test]
    fn lint_never_panics(text in article()) {
        // Loading the rules (compiling their regexes) once, not per case.
        static LINTER: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
        let linter = LINTER.get_or_init(|| Linter::new(RuleSet::load(&PackSource::defaults()).unwrap()));
        let r = linter.check_bytes("content/posts/2025-01-01-x.md".into(), text.clone().into_bytes());
        let report = linter.finish(vec![r]);
        for d in report.diagnostics() {
            check_span(&text, d.span);
            assert!(d.location.line >= 1 && d.location.column >= 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The fuzz target's pipeline and invariants (every span of the model,
    /// of diagnostics, labels and fixes on character boundaries; every
    /// output format renders) on hostile bytes.
    #[test]
    fn the_whole_pipeline_holds_on_hostile_bytes(data in hostile()) {
        pipeline::run(&data);
    }
}

/// Front-matter lines for a site page: mostly plain entries, with the
/// layouts that need the whole parse (multi-line strings and brackets,
/// anchors, indentation, quoted keys, a sequence root, CRLF, tabs).
fn page_front_matter() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => prop_oneof![
            Just("slug: mon-slug\n"),
            // Written the simplest way (read without a YAML parse), or
            // nearly so.
            Just("slug: \"mon-slug\"\n"),
            Just("slug: 'mon-slug' # note\n"),
            Just("slug: \"a\"#b\n"),
            Just("slug: \"\"\n"),
            Just("slug: 'a''b'\n"),
            Just("slug: true\n"),
            Just("slug: Null\n"),
            Just("slug: ~\n"),
            Just("slug: e5\n"),
            Just("slug: 0x1F\n"),
            Just("slug: deux mots\n"),
            Just("slug: \"tab\tici\"\n"),
            Just("slug: suite\n  de ligne\n"),
            Just("slug: a # c\n# ligne de commentaire\n"),
            Just("url: /a/b.html\n"),
            Just("date: 2025-03-10\n"),
            Just("date: 2025-03-10T08:00:00+01:00\n"),
            Just("publishDate: '2999-01-01'\n"),
            Just("expiryDate: 2001-02-03\n"),
            Just("UnpublishDate: \"2001-02-03T08:00:00Z\"\n"),
            Just("lastmod: 2025-03-11\n"),
            Just("date: 2025-3-10\n"),
            Just("date: 20250310\n"),
            Just("draft: true\n"),
            Just("draft: False\n"),
            Just("draft: \"true\"\n"),
            Just("draft: 1\n"),
            Just("draft: oui\n"),
            Just("url: \"/x/\" reste\n"),
            Just("url: 'x\u{2028}y'\n"),
            Just("slug: \"é\\\"t\"\n"),
            Just("slug: 'l''été' # note\n"),
            Just("slug:\n"),
            Just("slug: [liste]\n"),
            Just("url: /a/b/\n"),
            Just("url: {x: y}\n"),
            Just("aliases: [/x/, \"/y/\"]\n"),
            Just("aliases:\n- /z/\n- /w/\n"),
            Just("aliases:\n  - /v/\n"),
            Just("aliases: \"/seul/\"\n"),
            Just("title: 'x: y'\n"),
            Just("title: 'sur\n  deux'' lignes'\n"),
            Just("title: \"a \\\"\n  slug: b\"\n"),
            Just("tags: [a,\n  \"b]\",\n  c]\n"),
            Just("description: >\n  slug: plié\n  texte\n"),
            Just("tags:\n- a\n- b\n"),
            Just("cle-avec_tiret: v\r\n"),
            Just("# slug: commentaire\n"),
            Just("\n"),
        ],
        1 => prop_oneof![
            Just("title: \"Un titre\nslug: sur deux lignes\"\n"),
            Just("tags: [a,\n  b]\n"),
            Just("tags: [a,\nurl: b]\n"),
            Just("  slug: indenté\n"),
            Just("slug: &s ancre\n"),
            Just("url: *s\n"),
            Just("base:\n  - &b /x/\naliases:\n- *b\n"),
            Just("aliases:\n  - &c /x/\n  - *c\n"),
            Just("<<: {slug: x}\n"),
            Just("\"slug\": cité\n"),
            Just("- racine\n"),
            Just("x: \"non fermé\n"),
            Just("\tslug: tab\n"),
            Just("? slug\n: x\n"),
        ],
        1 => "[ -~]{0,12}\n".prop_map(|s| Box::leak(s.into_boxed_str()) as &str),
    ];
    prop::collection::vec(line, 0..10)
        .prop_map(|lines| format!("---\n{}---\n## Corps\n", lines.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// A site page's addresses read from the lines of its `slug`, `url` and
    /// `aliases` entries are those of its whole front matter, whenever that
    /// parses (the site index reads only those lines when it can).
    #[test]
    fn page_addresses_from_their_lines_match_the_whole_front_matter(text in page_front_matter()) {
        use repere::document::front_matter::{Content, split, top_level_entries};
        use repere::site::PageFront;
        let (whole, _) = split(&text);
        let whole = whole.expect("a closed block");
        let lines = top_level_entries(&text, repere::site::FRONT_KEYS);
        if let (Some(fast), Content::Parsed { .. }) = (&lines, &whole.content) {
            prop_assert_eq!(PageFront::from_root(fast.as_ref()), PageFront::from_root(whole.root()));
        }
        // Read without a YAML parse where the values are written simply:
        // what the entries' lines give where they apply (even where the
        // whole does not parse), else what the whole gives.
        let reference = match &lines {
            Some(root) => PageFront::from_root(root.as_ref()),
            None => PageFront::from_root(whole.root()),
        };
        prop_assert_eq!(PageFront::of(&text), reference);
        // And the index uses them: the same front as the whole block's.
        if matches!(whole.content, Content::Parsed { .. }) {
            prop_assert_eq!(PageFront::of(&text), PageFront::from_root(whole.root()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// The site index reads a page only up to the end of its front matter:
    /// whenever those first bytes are said to hold the block, the block
    /// found in them is the one found in the whole page.
    #[test]
    fn a_page_head_that_holds_the_block_gives_the_same_block(
        text in prop_oneof![
            page_front_matter(),
            article(),
            // Lines that a cut can make look like the closing one.
            prop::sample::select(vec!["---", "---x", "--- ", "...", "...!", "+++"])
                .prop_map(|close| format!("---\ntitle: x\n{close}\nslug: y\n---\n## Corps\n")),
            // Blank lines before the block, which Hugo skips.
            prop::sample::select(vec!["\n", "\r\n", " \n\n", "\u{feff}\n", "\t\r"])
                .prop_map(|blank| format!("{blank}---\ntitle: x\n---\n## Corps\n")),
            // A JSON object, whose end is its closing brace.
            prop::sample::select(vec!["\n", "\r\n", "\r", "", " x"])
                .prop_map(|after| format!("{{\n  \"title\": \"a {{ b\\\" }}\",\n  \"slug\": \"y\"\n}}{after}\n## Corps\n")),
        ],
        cut in any::<prop::sample::Index>(),
    ) {
        use repere::document::front_matter::{head_holds_block, split};
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let head = &text[..at];
        if head_holds_block(head) {
            prop_assert_eq!(split(head).0, split(&text).0);
        }
        // The shortest such head, as the site index takes it, is a prefix
        // that holds the block too; when the bytes after it are not UTF-8,
        // the same.
        use repere::document::front_matter::held_prefix;
        let mut bytes = head.as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\n---\n");
        if let Ok(Some(prefix)) = held_prefix(head.as_bytes()) {
            prop_assert!(head_holds_block(prefix));
            prop_assert!(text.starts_with(prefix));
            prop_assert_eq!(split(prefix).0, split(&text).0);
            prop_assert_eq!(held_prefix(&bytes), Ok(Some(prefix)));
        }
    }
}
