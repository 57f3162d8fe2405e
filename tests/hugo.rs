//! The shortcode checks against Hugo itself: each page below is built by
//! every Hugo binary named in `REPERE_HUGO` (paths separated by `:`, e.g.
//! `REPERE_HUGO=/usr/bin/hugo:/opt/hugo-0.168/hugo`), and repere must
//! report the page exactly when Hugo stops the build on it. Without
//! `REPERE_HUGO` (CI has no Hugo) the test says so and passes: the same
//! cases, and more, are unit tests of `rules::markup` with the outcome
//! written down.

use std::fs;
use std::path::Path;
use std::process::Command;

/// A page body, and whether Hugo stops on it: `Some(stops)` for every
/// version, `None` when versions differ (repere then reports it, as the
/// newest stops).
const CASES: &[(&str, Option<bool>)] = &[
    // Calls and closing tags, by what their templates do with `.Inner`
    // (`note` reads it, `plain` does not).
    ("{{< plain a >}}", Some(false)),
    ("{{< note />}}", Some(false)),
    ("{{< note >}}x{{< /note >}}", Some(false)),
    ("{{< note >}} {{< plain a >}} {{< /plain >}}", Some(false)),
    (
        "{{< note >}} a {{< note >}}b{{< /note >}} c {{< /note >}}",
        Some(false),
    ),
    ("{{< highlight go >}}x{{< /highlight >}}", Some(false)),
    ("{{< note >}}", Some(true)),
    ("{{% note %}}x", Some(true)),
    ("{{< note >}}x{{< note >}}y{{< /note >}}", Some(true)),
    ("{{< highlight go >}}x", Some(true)),
    ("{{< plain a />}}", Some(true)),
    ("{{< youtube a / >}}", Some(true)),
    ("{{< plain a >}}{{< /plain >}}", Some(true)),
    ("{{< figure src=\"a\" >}}{{< /figure >}}", Some(true)),
    ("{{< note />}} {{< /note >}}", Some(true)),
    ("{{< note >}} x {{< /note >}} {{< /note >}}", Some(true)),
    // Parameters.
    (
        "{{< plain 12.5 >}} {{< plain a.b >}} {{< plain -a >}}",
        Some(false),
    ),
    ("{{< plain b=c/d e=f:g h=https://x.y/z >}}", Some(false)),
    ("{{< plain a\n  \"b\" `c\nd` >}}", Some(false)),
    ("{{< plain https://x.y/z >}}", Some(true)),
    ("{{< plain a,b >}}", Some(true)),
    ("{{< plain 'a b' >}}", Some(true)),
    ("{{< plain a b=c >}}", Some(true)),
    ("{{< plain b=\"c\" a >}}", Some(true)),
    ("{{< plain \"a\nb\" >}}", Some(true)),
    ("{{< plain b=c>}} texte {{< plain d >}}", Some(true)),
    ("{{< plain x=b/>}}", Some(true)),
    ("{{< plain a\u{a0}b >}}", Some(true)),
    ("{{< plain images/a.png >}}", Some(true)),
    ("{{< note a/b >}}x", None),
    // Spaces after `=`, quotes inside bare values, escaped quotes (a
    // second review's false alarms).
    ("{{< plain a=\n\"b\" >}}", Some(false)),
    ("{{< plain a=\u{a0}\"b\" c=\r\n`d` >}}", Some(false)),
    ("{{< plain x=5\" >}}", Some(false)),
    ("{{< plain a=it`s >}} and `code` here", Some(false)),
    (
        "{{< plain \\\"b\\\" >}} {{< plain a=\\\"b\\\" >}}",
        Some(false),
    ),
    ("{{< plain \"a\\\\\"b\" >}}", Some(false)),
    ("{{< plain x=a>}}{{< >}}", Some(false)),
    ("{{< note a/note >}}", Some(false)),
    ("{{< plain x=\u{e9}}}>}} text", Some(true)),
    ("{{< plain x=a}}b>}} text", Some(true)),
    ("{{< figure src=\"a.png >}}\n\nText.", Some(true)),
    (
        "{{< figure title=\"Un chat\", src=\"c.png\" >}}",
        Some(true),
    ),
    ("{{< plain a\u{200b}b >}}", Some(true)),
    ("{{< plain x=\"1\" :y >}}", Some(true)),
    // Letters and digits as Go's, not Rust's, count them: `²`, `Ⅻ`
    // are neither.
    ("{{< plain \u{e9}t\u{e9} >}} {{< plain _a1 >}}", Some(false)),
    ("{{< plain a\u{b2} >}}", Some(true)),
    ("{{< plain \u{216b} >}}", Some(true)),
    ("{{< plain\u{b2} >}}", Some(true)),
    // A space before `=`: named to the parser, not the lexer.
    ("{{< plain a = b >}}", Some(false)),
    ("{{< plain \"c\" a = b >}}", Some(true)),
    ("{{< plain a =b c >}}", Some(true)),
    // A `\` before a backquote.
    ("{{< plain \"a\\`b\" >}}", Some(true)),
    ("{{< plain \\`a` >}}", Some(true)),
    ("{{< plain `a\\`b` >}}", Some(true)),
    // A `/` after a space, closing the tag before a name.
    ("{{< plain a / b >}}", Some(true)),
    ("{{< plain \"a\" / b >}}", Some(true)),
    ("{{< plain x=a / b >}}", Some(true)),
    ("{{< plain a / \"b\" >}}", Some(true)),
    ("{{< plain a / -b >}}", Some(true)),
    ("{{< / \"x\" >}}", Some(true)),
    (
        "{{< note >}}{{< note a / note >}}x{{< /note >}}",
        Some(false),
    ),
    ("{{< note a / b >}}x", None),
    // Closing tags: with no name, with more after the name.
    ("{{< / >}}", Some(true)),
    ("{{< note >}}x{{< / >}}", Some(false)),
    ("{{< plain a >}} {{< / >}}", Some(true)),
    ("{{< note >}}x{{< /note y >}}", Some(true)),
    // A section's shortcode, called from another section.
    ("{{< dnote >}}x{{< /dnote >}}", Some(true)),
    // Inline shortcodes: their template holds no tag but their end.
    (
        "{{< x.inline >}}a{{< /x.inline >}} {{< x.inline />}}",
        Some(false),
    ),
    ("{{< x.inline >}}a b", Some(false)),
    (
        "{{< x.inline >}}a{{< plain b >}}{{< /x.inline >}}",
        Some(true),
    ),
    ("{{< x.inline >}}a{{</* c */>}}", Some(true)),
    ("{{< x.inline a=b c >}}{{< /x.inline >}}", Some(true)),
    (
        "{{< x.inline >}}a{{< /x.inline >}}{{< /x.inline >}}",
        Some(true),
    ),
    ("{{< x.inline>}}a{{< /x.inline >}}", Some(true)),
    ("{{< x.inline >}}a{{< /x.inline>}}", Some(true)),
    ("{{< note >}}x{{< /note\u{a0}>}}", Some(true)),
    ("{{< plain \"a\\\\`b\" >}}", Some(true)),
    // Openers of no tag.
    ("{{< -a >}}", Some(true)),
    ("{{< \"a\" >}}", Some(true)),
    ("{{< plain.x >}}", Some(true)),
    ("{{< x.inline>}}{{< /x.inline >}}", Some(true)),
    ("{{< >}}", Some(true)),
    ("{{%%}}", Some(true)),
    ("{{< « x » >}}", Some(true)),
    ("{{< plain a >}} {{< plain", Some(true)),
    ("{{</* plain a", Some(true)),
    ("{{</* plain a */>}}", Some(false)),
];

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Whether `repere check` (with `--fix`, when `fix`) reports `page`, in
/// the site at `site`.
fn reports(site: &Path, page: &Path, fix: bool) -> bool {
    let out = assert_cmd::Command::cargo_bin("repere")
        .unwrap()
        .current_dir(site)
        .args(["check", "--no-config", "--select", "markup", "-q"])
        .args(fix.then_some("--fix"))
        .arg(page)
        .output()
        .unwrap();
    match out.status.code() {
        Some(0) => false,
        Some(1) => true,
        _ => panic!("{page:?}: {out:?}"),
    }
}

/// What `hugo` says building the site at `site`.
fn build(hugo: &str, site: &Path) -> std::process::Output {
    let _ = fs::remove_dir_all(site.join("public"));
    Command::new(hugo)
        .current_dir(site)
        .output()
        .unwrap_or_else(|e| panic!("{hugo}: {e}"))
}

#[test]
fn repere_reports_what_hugo_stops_on() {
    let Ok(hugos) = std::env::var("REPERE_HUGO") else {
        eprintln!("REPERE_HUGO is not set: no Hugo to build the pages with");
        return;
    };
    let hugos: Vec<&str> = hugos.split(':').filter(|h| !h.is_empty()).collect();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    write(
        &site.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\n",
    );
    for layout in ["single", "list"] {
        write(
            &site.join(format!("layouts/_default/{layout}.html")),
            "{{ .Content }}",
        );
    }
    write(
        &site.join("layouts/shortcodes/note.html"),
        "<aside>{{ .Inner }}</aside>",
    );
    write(&site.join("layouts/shortcodes/plain.html"), "{{ .Get 0 }}");
    // A section's, which the page (under `content/posts/`) cannot call.
    write(
        &site.join("layouts/docs/_shortcodes/dnote.html"),
        "<aside>{{ .Inner }}</aside>",
    );
    let page = site.join("content/posts/p.md");
    let mut disagree = Vec::new();
    for (body, stops) in CASES {
        write(&page, &format!("---\ntitle: t\n---\n\nTexte.\n\n{body}\n"));
        let reported = reports(site, &page, false);
        // Each Hugo stops as written down; versions that differ are not.
        for hugo in &hugos {
            let built = build(hugo, site);
            if let Some(stops) = stops {
                assert_eq!(
                    !built.status.success(),
                    *stops,
                    "{hugo} on {body:?}: {built:?}"
                );
            }
        }
        match stops {
            Some(stops) if reported != *stops => {
                disagree.push(format!(
                    "Hugo stops: {stops}, repere reports: {reported}: {body:?}"
                ));
            }
            None => assert!(reported, "{body:?}: versions differ, and the newest stops"),
            _ => {}
        }
        // What `--fix` writes builds, unless repere still reports it.
        if reported && !reports(site, &page, true) {
            let fixed = fs::read_to_string(&page).unwrap();
            for hugo in &hugos {
                let built = build(hugo, site);
                assert!(
                    built.status.success(),
                    "{hugo} on {body:?} fixed into {fixed:?}: {built:?}"
                );
            }
        }
    }
    assert!(disagree.is_empty(), "{disagree:#?}");
}
