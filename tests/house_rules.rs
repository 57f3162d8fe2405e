//! The house rules beyond structure (`tone`, `internal-links`, `markup`),
//! through the command line: one insertion into a clean article gives one
//! diagnostic of the right rule at the right place, link targets are found in
//! the site around the article, and the real copies in `../shared` (when
//! present) give what is expected of them.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const RULES: &str = "tone,internal-links,markup";

/// A clean article. `{insert}` marks where a test inserts its line.
const ARTICLE: &str = "---
title: Changer de poste sans se perdre
date: 2025-03-10
slug: changer-de-poste
description: Ce que j'ai observé chez les développeurs qui changent de poste.
---
Une introduction courte.

## Dédramatisation

Changer de poste fait peur, et c'est normal. {insert}

## Le réel (sans filtre)

Ce que j'ai observé : **la première année** compte plus que le titre.

## Pour aller plus loin

- [Un autre article](/posts/premier-poste/)
- [Le pilier](/trouver-sa-place/)
";

/// A site: `content/` with the article, another post and a section page.
fn site(article: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    fs::create_dir_all(dir.path().join("content/trouver-sa-place")).unwrap();
    fs::write(
        dir.path().join("content/trouver-sa-place/_index.md"),
        "---\ntitle: Trouver sa place\n---\n",
    )
    .unwrap();
    fs::write(
        posts.join("2025-01-06-premier-poste.md"),
        "---\ntitle: Premier poste\n---\n## Repères clairs\n\nUn texte.\n",
    )
    .unwrap();
    let path = posts.join("2025-03-10-changer-de-poste.md");
    fs::write(&path, article).unwrap();
    (dir, path)
}

/// Runs `repere check` and returns (rule, line, column, message) per diagnostic.
fn check(args: &[&str]) -> Vec<(String, usize, usize, String)> {
    check_with(Command::cargo_bin("repere").unwrap(), args)
}

/// [`check`], with `command` set up beforehand (its environment).
fn check_with(mut command: Command, args: &[&str]) -> Vec<(String, usize, usize, String)> {
    let out = command
        .arg("check")
        .args(args)
        .args(["--format", "concise", "-q", "--color", "never"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    stdout
        .lines()
        .map(|line| {
            let (place, rest) = line.split_once(": ").unwrap();
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().unwrap().parse().unwrap();
            let row = parts.next().unwrap().parse().unwrap();
            let rule = rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()].to_string();
            let message = rest[rest.find(']').unwrap() + 2..].to_string();
            (rule, row, column, message)
        })
        .collect()
}

fn check_file(path: &Path) -> Vec<(String, usize, usize, String)> {
    check(&[path.to_str().unwrap(), "--select", RULES])
}

/// The human report of [`check_file`]'s run, without colours (its helps
/// and "did you mean").
fn human_report(path: &Path) -> String {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .arg("check")
        .arg(path)
        .args(["--select", RULES, "--color", "never"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Checks the posts of `posts` with `internal-links`, after adding 70
/// more: over 64 files checked, the site is read whole at once.
fn check_whole_site(posts: &Path) -> Vec<(String, usize, usize, String)> {
    for i in 0..70 {
        fs::write(
            posts.join(format!("2024-01-01-autre-{i}.md")),
            "---\ntitle: Autre\n---\n",
        )
        .unwrap();
    }
    check(&[posts.to_str().unwrap(), "--select", "internal-links"])
}

/// Whether the human `report` holds `text`, whatever the line breaks and
/// spaces the report's wrapping put in it.
fn helps(report: &str, text: &str) -> bool {
    let squeezed = |s: &str| s.split_whitespace().collect::<String>();
    squeezed(report).contains(&squeezed(text))
}

fn with_insert(line: &str) -> String {
    ARTICLE.replace("{insert}", line)
}

#[test]
fn the_clean_article_passes() {
    let (_dir, path) = site(&with_insert(""));
    assert_eq!(check_file(&path), vec![]);
}

#[test]
fn il_faut_in_a_paragraph() {
    let (_dir, path) = site(&with_insert("Il faut choisir une équipe."));
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, line, column, message) = &found[0];
    assert_eq!((rule.as_str(), *line, *column), ("tone", 11, 46));
    assert!(message.contains("« Il faut »"), "{message}");
}

#[test]
fn external_link_in_pour_aller_plus_loin() {
    let article = with_insert("").replace(
        "- [Le pilier](/trouver-sa-place/)\n",
        "- [Le pilier](/trouver-sa-place/)\n- [Un guide](https://example.com)\n",
    );
    let (_dir, path) = site(&article);
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, line, column, message) = &found[0];
    assert_eq!((rule.as_str(), *line, *column), ("internal-links", 21, 14));
    assert!(message.contains("https://example.com"), "{message}");
}

#[test]
fn link_to_a_post_that_does_not_exist() {
    let (_dir, path) = site(&with_insert("Voir [cet article](/posts/does-not-exist/)."));
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, line, column, message) = &found[0];
    assert_eq!((rule.as_str(), *line, *column), ("internal-links", 11, 65));
    assert!(message.contains("`does-not-exist`"), "{message}");
}

/// A site whose Hugo configuration sets `[permalinks]` for its posts:
/// they are at the pattern's address (Hugo 0.111 and 0.168 write
/// `posts/2025-01-06-premier-poste.md` at `/2025/01/premier-poste/` with
/// this configuration), and a link written as the file name would give it
/// is said to lead nowhere, with the address meant; checked by file name
/// (a hook) as when the whole site is read.
#[test]
fn permalinks_decide_where_posts_are() {
    post_moved_by(
        "[frontmatter]\ndate = [':filename', ':default']\n[permalinks]\nposts = '/:year/:month/:slug/'\n",
        "`/posts/premier-poste/` leads nowhere: no page or file of the site is at `/posts/premier-poste/`",
        "did you mean `/2025/01/premier-poste/`?",
        "/2025/01/premier-poste/",
    );
}

/// With the Hugo configuration `config`, the article's link to
/// `/posts/premier-poste/` is said to lead nowhere (`message`, and `help`
/// in the report), and the link to `moved` does not, by file name (a
/// hook) as when the whole site is read.
fn post_moved_by(config: &str, message: &str, help: &str, moved: &str) {
    let (dir, path) = site(&with_insert(""));
    fs::write(dir.path().join("hugo.toml"), config).unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, message);
    assert!(human_report(&path).contains(help));
    let moved = with_insert("").replace("/posts/premier-poste/", moved);
    fs::write(&path, &moved).unwrap();
    assert_eq!(check_file(&path), vec![]);
    let posts = path.parent().unwrap();
    assert_eq!(check_whole_site(posts), vec![]);
}

/// A site with `uglyURLs = true`: Hugo 0.111 and 0.168 write a post at
/// `/posts/premier-poste.html`, and nothing at `/posts/premier-poste/`;
/// the message names the setting and the help the address, by file name
/// (a hook) as when the whole site is read.
#[test]
fn ugly_urls_move_pages_to_html_files() {
    post_moved_by(
        "uglyURLs = true\n[frontmatter]\ndate = [':filename', ':default']\n",
        "`/posts/premier-poste/` leads nowhere: the site sets `uglyURLs`, so Hugo writes this page at `/posts/premier-poste.html`",
        "link `/posts/premier-poste.html`",
        "/posts/premier-poste.html",
    );
}

/// A site of two languages (Hugo 0.111 and 0.168 write
/// `premier-poste.en.md` at `/en/posts/premier-poste/`, with a home at
/// `/en/`): links to the other language's pages lead there, by file name
/// (a hook) as when the whole site is read.
#[test]
fn pages_of_another_language_are_under_its_folder() {
    let (dir, path) = site(&with_insert(
        "Voir [en anglais](/en/posts/first-job/) et [l'accueil](/en/), pas [ceci](/en/posts/premier-poste/).",
    ));
    fs::write(
        dir.path().join("hugo.toml"),
        "defaultContentLanguage = 'fr'\n[languages.fr]\n[languages.en]\n\
         [frontmatter]\ndate = [':filename', ':default']\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("content/posts/2025-01-07-first-job.en.md"),
        "---\ntitle: First job\n---\n",
    )
    .unwrap();
    let found = check_file(&path);
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`/en/posts/premier-poste/` leads nowhere: no page or file of the site is at `/en/posts/premier-poste/`"
        ],
        "{found:?}"
    );
    let posts = path.parent().unwrap();
    assert_eq!(check_whole_site(posts).len(), 1);
}

/// Hugo 0.111 and 0.168 write a relative link as is, and the browser reads
/// it from the page's address (`/posts/changer-de-poste/`, by its `slug`):
/// `../premier-poste/` is the other post, `premier-poste.md` nothing, and
/// so is `photo.png`. A render hook of links, or of images, the site's or
/// a theme's, may write them otherwise: then those are not checked. By
/// file name (a hook) as when the whole site is read.
#[test]
fn relative_links_are_read_from_the_page_s_address() {
    let (dir, path) = site(&with_insert(
        "Voir [le premier](../premier-poste/), [son plan](../premier-poste/#repères-clairs), [ailleurs](../nulle-part/) et [le fichier](premier-poste.md). ![Une photo](photo.png) [Depuis la racine](posts/premier-poste/)",
    ));
    let dates = "[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(dir.path().join("hugo.toml"), dates).unwrap();
    let found = check_file(&path);
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`../nulle-part/` leads nowhere: a relative link is read from the page's address, `/posts/changer-de-poste/`, so it is `/posts/nulle-part/`, where no page or file of the site is",
            "`premier-poste.md` leads nowhere: a relative link is read from the page's address, `/posts/changer-de-poste/`, so it is `/posts/changer-de-poste/premier-poste.md`, where no page or file of the site is",
            "`photo.png` leads nowhere: a relative link is read from the page's address, `/posts/changer-de-poste/`, so it is `/posts/changer-de-poste/photo.png`, where no page or file of the site is",
            "`posts/premier-poste/` leads nowhere: a relative link is read from the page's address, `/posts/changer-de-poste/`, so it is `/posts/changer-de-poste/posts/premier-poste/`, where no page or file of the site is",
        ],
        "{found:?}"
    );
    let report = human_report(&path);
    assert!(
        helps(&report, "or write `{{< relref \"premier-poste.md\" >}}`"),
        "{report}"
    );
    assert!(
        helps(
            &report,
            "write `/posts/premier-poste/`, from the root of the site"
        ),
        "{report}"
    );
    let posts = path.parent().unwrap();
    assert_eq!(check_whole_site(posts), found);
    // Hooks of a theme the configuration names: images, then links.
    let hooks = dir.path().join("themes/simple/layouts/_default/_markup");
    fs::create_dir_all(&hooks).unwrap();
    fs::write(
        dir.path().join("hugo.toml"),
        format!("theme = 'simple'\n{dates}"),
    )
    .unwrap();
    fs::write(
        hooks.join("render-image.html"),
        "<img src=\"{{ .Destination }}\">",
    )
    .unwrap();
    let links = [&found[..2], &found[3..]].concat();
    assert_eq!(check_file(&path), links);
    assert_eq!(check_whole_site(posts), links);
    fs::write(
        hooks.join("render-link.html"),
        "<a href=\"{{ .Destination }}\"></a>",
    )
    .unwrap();
    assert_eq!(check_file(&path), vec![]);
    assert_eq!(check_whole_site(posts), vec![]);
}

/// A site published under a path (`baseURL` `/blog/`): the page is at
/// `/blog/posts/changer-de-poste/`, so `../../../blog/fichiers/doc.pdf` is
/// the static file, and `../../../fichiers/doc.pdf` leaves the site. With
/// a `[uglyURLs]` table naming `posts`, the page is
/// `/posts/changer-de-poste.html`, read from `/posts/`. A file beside the
/// article in `content/` is one `../` above its address. As Hugo 0.111
/// and 0.168 write them; each help says what to write.
#[test]
fn relative_links_from_a_base_path_ugly_urls_and_the_content_folder() {
    let relative = |config: &str, line: &str| -> (Vec<String>, String) {
        let (dir, path) = site(&with_insert(line));
        let dates = "[frontmatter]\ndate = [':filename', ':default']\n";
        fs::write(dir.path().join("hugo.toml"), format!("{config}{dates}")).unwrap();
        fs::create_dir_all(dir.path().join("static/fichiers")).unwrap();
        fs::write(dir.path().join("static/fichiers/doc.pdf"), "%PDF").unwrap();
        fs::write(dir.path().join("content/posts/donnees.json"), "{}").unwrap();
        let found = check_file(&path);
        let posts = path.parent().unwrap();
        assert_eq!(check_whole_site(posts), found);
        (
            found.into_iter().map(|f| f.3).collect(),
            human_report(&path),
        )
    };
    let (messages, report) = relative(
        "baseURL = 'https://exemple.org/blog/'\n",
        "[doc](../../../blog/fichiers/doc.pdf), [hors](../../../fichiers/doc.pdf), [premier](../premier-poste/).",
    );
    assert_eq!(
        messages,
        [
            "`../../../fichiers/doc.pdf` leads off the site: a relative link is read from the page's address, `/blog/posts/changer-de-poste/`, so it is `/fichiers/doc.pdf`, outside `/blog/`, where the site is published",
            // The article's own links, from the root of the host.
            "`/posts/premier-poste/` leads off the site: it is published under `/blog/` (its `baseURL`), and this link leaves that path",
            "`/trouver-sa-place/` leads off the site: it is published under `/blog/` (its `baseURL`), and this link leaves that path",
        ],
        "{report}"
    );
    assert!(
        helps(&report, "help: write `/blog/fichiers/doc.pdf`: it is there"),
        "{report}"
    );
    let (messages, report) = relative(
        "[uglyURLs]\nposts = true\n",
        "[premier](premier-poste.html), [dossier](premier-poste/).",
    );
    assert_eq!(
        messages,
        [
            "`premier-poste/` leads nowhere: a relative link is read from the page's address, `/posts/changer-de-poste.html`, so it is `/posts/premier-poste/`, where no page or file of the site is",
            "`/posts/premier-poste/` leads nowhere: the site sets `uglyURLs`, so Hugo writes this page at `/posts/premier-poste.html`",
        ],
        "{report}"
    );
    assert!(
        helps(
            &report,
            "help: the site sets `uglyURLs`, so Hugo writes this page at `/posts/premier-poste.html`; link it"
        ),
        "{report}"
    );
    let (messages, report) = relative("", "[données](donnees.json).");
    assert_eq!(
        messages,
        [
            "`donnees.json` leads nowhere: a relative link is read from the page's address, `/posts/changer-de-poste/`, so it is `/posts/changer-de-poste/donnees.json`, where no page or file of the site is",
        ],
        "{report}"
    );
    assert!(
        helps(
            &report,
            "not from its file's folder in `content/`: write `../donnees.json`"
        ),
        "{report}"
    );
    // Where `[permalinks]` make the address, the file's folder is not the
    // one above it: no such help.
    let (messages, report) = relative(
        "[permalinks]\nposts = '/:year/:slug/'\n",
        "[données](donnees.json).",
    );
    assert!(
        messages[0].starts_with("`donnees.json` leads nowhere: a relative link is read from the page's address, `/2025/changer-de-poste/`"),
        "{messages:?}"
    );
    assert!(!helps(&report, "file's folder"), "{report}");
}

/// Raw HTML's `<img src>` is an image whose target must exist, relative
/// or not; render hooks do not see raw HTML, so a relative one is checked
/// even beside a `render-image` hook.
#[test]
fn raw_html_images_are_checked() {
    let (dir, path) = site(&with_insert(
        "<img src=\"absente.png\" alt=\"Une photo\"> <img src=\"/images/vue.png\" alt=\"Vue\">",
    ));
    fs::write(
        dir.path().join("hugo.toml"),
        "[frontmatter]\ndate = [':filename', ':default']\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("static/images")).unwrap();
    fs::write(dir.path().join("static/images/vue.png"), "png").unwrap();
    let expected = [
        "`absente.png` leads nowhere: a relative link is read from the page's address, `/posts/changer-de-poste/`, so it is `/posts/changer-de-poste/absente.png`, where no page or file of the site is",
    ];
    let messages = |found: Vec<(String, usize, usize, String)>| -> Vec<String> {
        found.into_iter().map(|f| f.3).collect()
    };
    assert_eq!(messages(check_file(&path)), expected);
    let hooks = dir.path().join("layouts/_default/_markup");
    fs::create_dir_all(&hooks).unwrap();
    fs::write(
        hooks.join("render-image.html"),
        "<img src=\"{{ .Destination }}\">",
    )
    .unwrap();
    assert_eq!(messages(check_file(&path)), expected);
    assert_eq!(messages(check_whole_site(path.parent().unwrap())), expected);
}

/// A page whose address is the root of the site (`[permalinks]` putting
/// posts at `/`), written as a file or not: its relative links are read
/// from `/`, without a panic.
#[test]
fn relative_links_from_the_root_address() {
    for ugly in ["", "uglyURLs = true\n"] {
        let (dir, path) = site(&with_insert("Voir [ailleurs](nulle-part/)."));
        fs::write(
            dir.path().join("hugo.toml"),
            format!("{ugly}[permalinks]\nposts = '/'\n"),
        )
        .unwrap();
        let found = check(&[path.to_str().unwrap(), "--select", "internal-links"]);
        let relative: Vec<&str> = found
            .iter()
            .map(|f| f.3.as_str())
            .filter(|m| m.starts_with("`nulle-part/`"))
            .collect();
        assert_eq!(
            relative,
            [
                "`nulle-part/` leads nowhere: a relative link is read from the page's address, `/`, so it is `/nulle-part/`, where no page or file of the site is"
            ],
            "{ugly} {found:?}"
        );
    }
}

/// A headless bundle, or one whose `build` says `render: never`, is no
/// page Hugo writes (checked with Hugo 0.111 and 0.168): a link or `ref`
/// to it is said to lead to a page Hugo does not write.
#[test]
fn links_to_pages_hugo_does_not_write() {
    let (dir, path) = site(&with_insert(
        "Voir [la ressource](/posts/ressources/) et [encore]({{< ref \"/posts/ressources\" >}}).",
    ));
    let bundle = dir.path().join("content/posts/ressources");
    fs::create_dir_all(&bundle).unwrap();
    fs::write(
        bundle.join("index.md"),
        "---\ntitle: R\nheadless: true\n---\n",
    )
    .unwrap();
    let found = check_file(&path);
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`/posts/ressources/` leads to a page Hugo does not write: `content/posts/ressources/index.md` says `headless: true`",
            "`ref \"/posts/ressources\"` leads to a page Hugo does not write: `content/posts/ressources/index.md` says `headless: true`",
        ],
        "{found:?}"
    );
    fs::write(bundle.join("index.md"), "---\ntitle: R\n---\n").unwrap();
    assert_eq!(check_file(&path), vec![]);
}

/// A site published under a path (`baseURL` with `/blog/`): a link from
/// the root of the host leaves it, as Hugo 0.111 and 0.168 leave the link
/// as written; the help gives the address under the path. Not so when the
/// site rewrites such links (`canonifyURLs`, `relativeURLs`).
#[test]
fn a_base_path_holds_links_from_the_root() {
    let (dir, path) = site(&with_insert(""));
    let config =
        "baseURL = 'https://exemple.org/blog/'\n[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(dir.path().join("hugo.toml"), config).unwrap();
    let found = check_file(&path);
    let off: Vec<_> = found
        .iter()
        .filter(|f| f.3.contains("leads off the site"))
        .collect();
    assert!(!off.is_empty(), "{found:?}");
    assert!(
        off.iter().any(|f| f.3
            == "`/posts/premier-poste/` leads off the site: it is published under `/blog/` (its `baseURL`), and this link leaves that path"),
        "{found:?}"
    );
    assert!(human_report(&path).contains("write `/blog/posts/premier-poste/`: the page is there"));
    for rewrite in ["canonifyURLs = true\n", "relativeURLs = true\n"] {
        fs::write(dir.path().join("hugo.toml"), format!("{rewrite}{config}")).unwrap();
        assert_eq!(check_file(&path), vec![], "{rewrite}");
    }
}

/// A site whose Hugo configuration does not take dates from file names
/// keeps them in addresses, as Hugo does by default: the undated link is
/// then the broken one. With `:filename` in `[frontmatter]` (this blog's
/// setting, and what a site without a configuration is taken to have),
/// the undated link is the page.
#[test]
fn a_hugo_config_decides_whether_file_dates_are_in_addresses() {
    let (dir, path) = site(&with_insert(""));
    fs::write(dir.path().join("hugo.toml"), "title = 'Carrières'\n").unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].3,
        "`/posts/premier-poste/` leads nowhere: no post of the site has the slug `premier-poste`"
    );
    let dated =
        with_insert("").replace("/posts/premier-poste/", "/posts/2025-01-06-premier-poste/");
    fs::write(&path, &dated).unwrap();
    assert_eq!(check_file(&path), vec![]);

    fs::write(
        dir.path().join("hugo.toml"),
        "[frontmatter]\ndate = [':filename', ':default']\n",
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .3
            .starts_with("`/posts/2025-01-06-premier-poste/` leads nowhere"),
        "{found:?}"
    );
    fs::write(&path, with_insert("")).unwrap();
    assert_eq!(check_file(&path), vec![]);

    // A configuration reached through a link is read, as Hugo reads it.
    #[cfg(unix)]
    {
        let kept = dir.path().join("hugo-kept.toml");
        fs::rename(dir.path().join("hugo.toml"), &kept).unwrap();
        std::os::unix::fs::symlink(&kept, dir.path().join("hugo.toml")).unwrap();
        fs::write(dir.path().join("config.toml"), "title = 'Autre'\n").unwrap();
        assert_eq!(check_file(&path), vec![]);
    }
}

/// The host of the site's `baseURL` is the site's own: a link to it in
/// « Pour aller plus loin » is internal, and its path is checked as the
/// site's. A `baseURL` with a path (`https://exemple.org/blog/`) holds the
/// site under it only; `config/production/` is read for it too.
#[test]
fn the_base_url_s_host_is_the_site_s_own() {
    let article = |links: &str| {
        with_insert("").replace(
            "- [Un autre article](/posts/premier-poste/)\n- [Le pilier](/trouver-sa-place/)\n",
            links,
        )
    };
    let (dir, path) = site(&article(
        "- [Un autre article](https://www.repere-carriere.fr/posts/premier-poste/#repères-clairs)\n\
         - [Le pilier](https://repere-carriere.fr/trouver-sa-place/)\n\
         - https://www.repere-carriere.fr/posts/premier-poste/\n",
    ));
    let dates = "[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(
        dir.path().join("hugo.toml"),
        format!("baseURL = 'https://www.repere-carriere.fr/'\n{dates}"),
    )
    .unwrap();
    assert_eq!(check_file(&path), vec![]);
    fs::write(
        &path,
        article("- [Absent](https://www.repere-carriere.fr/posts/absent/)\n"),
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].3,
        "`https://www.repere-carriere.fr/posts/absent/` leads nowhere: no post of the site has the slug `absent`"
    );
    // Written bare, anywhere in the text: Hugo makes it a link too.
    let bare = with_insert(
        "Voir https://www.repere-carriere.fr/posts/absent-nu/ ici, et www.repere-carriere.fr/posts/premier-poste/.",
    );
    fs::write(&path, &bare).unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].3,
        "`https://www.repere-carriere.fr/posts/absent-nu/` leads nowhere: no post of the site has the slug `absent-nu`"
    );

    // Published under a path, set for production.
    fs::write(dir.path().join("hugo.toml"), dates).unwrap();
    fs::create_dir_all(dir.path().join("config/production")).unwrap();
    fs::write(
        dir.path().join("config/production/hugo.toml"),
        "baseURL = 'https://exemple.org/blog/'\n",
    )
    .unwrap();
    fs::write(
        &path,
        article(
            "- [Un autre article](https://exemple.org/blog/posts/premier-poste/)\n\
             - [Ailleurs](https://exemple.org/autre/)\n",
        ),
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .3
            .starts_with("`https://exemple.org/autre/` links outside the site"),
        "{found:?}"
    );
}

/// A bare URL that is a shortcode's parameter is no link: Hugo takes the
/// tag out before the Markdown, and the template renders the value. The
/// same URL in the text of « Pour aller plus loin » is one.
#[test]
fn a_shortcode_s_bare_url_is_no_link() {
    let list = "- [Un autre article](/posts/premier-poste/)\n- [Le pilier](/trouver-sa-place/)\n";
    let (dir, path) = site(&with_insert("").replace(
        list,
        &format!("{list}\n{{{{< figure www.exemple.org >}}}}\n"),
    ));
    // A site reads shortcodes; its posts are named without their dates.
    let config = "[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(dir.path().join("hugo.toml"), config).unwrap();
    assert_eq!(check_file(&path), vec![]);
    // Unquoted with its `:`, Hugo cannot read the tag: the markup rule
    // says so, and the URL is no link either.
    fs::write(
        &path,
        with_insert("").replace(
            list,
            &format!(
                "{list}\n{{{{< youtube https://www.youtube.com/watch?v=x https://b.fr/ >}}}}\n"
            ),
        ),
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "markup", "{found:?}");
    fs::write(
        &path,
        with_insert("").replace(list, &format!("{list}\nVoir www.exemple.org\n")),
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .3
            .starts_with("`www.exemple.org` links outside the site"),
        "{found:?}"
    );
}

/// File names, folder names and slugs are addresses as Hugo sanitizes
/// them (`'` and `→` dropped, spaces as one `-`): a link to Hugo's address
/// passes, one that keeps the dropped characters is a 404, found with Hugo's
/// address as "did you mean".
#[test]
fn addresses_drop_what_hugo_drops() {
    let (dir, path) = site(&with_insert(
        "Voir [le chapitre](/guides-livres/cto/03.03-se-positionner-dans-lorganisation/), \
         [la transition](/guides-livres/cto/03.02-la-transition-technique-management/) et \
         [l'été](/posts/mon-slug-lété/).",
    ));
    let book = dir.path().join("content/guides-livres/cto");
    fs::create_dir_all(&book).unwrap();
    for name in [
        "03.03-Se positionner dans l'organisation.md",
        "03.02-La transition technique → management.md",
    ] {
        fs::write(book.join(name), "---\ntitle: Chapitre\n---\n").unwrap();
    }
    fs::write(
        dir.path().join("content/posts/2025-01-07-ete.md"),
        "---\ntitle: Été\nslug: \"Mon Slug l'été\"\n---\n",
    )
    .unwrap();
    assert_eq!(check_file(&path), vec![]);
    fs::write(
        &path,
        with_insert(
            "Voir [le chapitre](/guides-livres/cto/03.03-se-positionner-dans-l'organisation/) et \
             [l'été](/posts/mon-slug-l'été/).",
        ),
    )
    .unwrap();
    let text = human_report(&path);
    assert!(
        text.contains(
            "did you mean `/guides-livres/cto/03.03-se-positionner-dans-lorganisation/`?"
        ),
        "{text}"
    );
    assert!(
        text.contains("did you mean `/posts/mon-slug-lété/`?"),
        "{text}"
    );
    assert_eq!(check_file(&path).len(), 2, "{text}");
}

/// A leaf bundle is served at its `slug`, else at its folder's name
/// without its date (as a post file's), and its files under that address.
#[test]
fn leaf_bundles_are_served_at_their_slug_or_folder_name() {
    let (dir, path) = site(&with_insert(
        "Voir [le paquet](/posts/mon-bundle/), [son schéma](/posts/mon-bundle/schema.png) \
         et [l'autre](/posts/sans-slug/).",
    ));
    let posts = dir.path().join("content/posts");
    for (folder, front) in [
        ("2025-01-05-bundle-test", "slug: \"mon-bundle\"\n"),
        ("2025-01-07-sans-slug", ""),
    ] {
        fs::create_dir_all(posts.join(folder)).unwrap();
        fs::write(
            posts.join(folder).join("index.md"),
            format!("---\ntitle: Paquet\n{front}---\n"),
        )
        .unwrap();
    }
    fs::write(posts.join("2025-01-05-bundle-test/schema.png"), "png").unwrap();
    assert_eq!(check_file(&path), vec![]);
    fs::write(
        &path,
        with_insert(
            "Voir [le paquet](/posts/2025-01-05-bundle-test/) et [l'autre](/posts/bundle-test/).",
        ),
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|f| f.3.contains("leads nowhere")),
        "{found:?}"
    );
}

/// `#top` is the top of a page (the HTML standard), on the article or on
/// its target.
#[test]
fn top_is_the_top_of_any_page() {
    let (_dir, path) = site(&with_insert(
        "[Retour en haut](#top), [l'autre, en haut](/posts/premier-poste/#top).",
    ));
    assert_eq!(check_file(&path), vec![]);
}

/// Hugo does not publish drafts: a link to one is reported, found by its
/// file name (a few files checked) or in the whole site (many), and a
/// draft is never the "did you mean" of a missing page.
#[test]
fn a_link_to_a_draft_is_reported() {
    let (dir, path) = site(&with_insert(
        "Voir [le brouillon](/posts/en-cours/) et [l'autre](/posts/en-cour/).",
    ));
    fs::write(
        dir.path().join("content/posts/2025-01-07-en-cours.md"),
        "---\ntitle: En cours\ndraft: true\n---\n## Plan\n",
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0].3,
        "`/posts/en-cours/` leads to a draft: `content/posts/2025-01-07-en-cours.md` says `draft: true`, and Hugo does not publish drafts"
    );
    assert!(
        found[1]
            .3
            .contains("no post of the site has the slug `en-cour`"),
        "{found:?}"
    );
    let text = human_report(&path);
    assert!(text.contains("help: publish the target"), "{text}");
    assert!(!text.contains("did you mean"), "{text}");
    // The whole site read at once (more than 64 files checked).
    let posts = dir.path().join("content/posts");
    let all = check_whole_site(&posts);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].3.contains("leads to a draft"), "{all:?}");
    // A site built with its drafts publishes them (the file names' dates
    // out of the addresses, as without a configuration).
    fs::write(
        dir.path().join("hugo.toml"),
        "buildDrafts = true\n[frontmatter]\ndate = [':filename', ':default']\n",
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].3.contains("slug `en-cour`"), "{found:?}");
}

/// Hugo builds no page dated after today: a link to one is reported until
/// that day, found by its file name or in the whole site, in a link or a
/// `ref`; not when the linking article is dated as late, nor when the
/// site's configuration sets `buildFuture`.
#[test]
fn a_link_to_a_page_dated_after_today_is_reported() {
    let (dir, path) = site(&with_insert(
        "Voir [la suite](/posts/programme/), [la date](/posts/publie-plus-tard/), \
         [le passé](/posts/premier-poste/) et [la réf]({{< ref \"/posts/2999-01-01-programme.md\" >}}).",
    ));
    let posts = dir.path().join("content/posts");
    fs::write(
        posts.join("2999-01-01-programme.md"),
        "---\ntitle: Programme\ndate: 2999-01-01\n---\n## Plan\n",
    )
    .unwrap();
    fs::write(
        posts.join("2025-01-08-publie-plus-tard.md"),
        "---\ntitle: Plus tard\ndate: 2025-01-08\npublishDate: '2999-02-01T08:00:00+01:00'\n---\n",
    )
    .unwrap();
    let expected = [
        "`/posts/programme/` leads to a page published on 2999-01-01: `content/posts/2999-01-01-programme.md` is dated after today, and Hugo does not build it before then",
        "`/posts/publie-plus-tard/` leads to a page published on 2999-02-01: `content/posts/2025-01-08-publie-plus-tard.md` is dated after today, and Hugo does not build it before then",
        "`ref \"/posts/2999-01-01-programme.md\"` leads to a page published on 2999-01-01: `content/posts/2999-01-01-programme.md` is dated after today, and Hugo does not build it before then",
    ];
    let messages = |found: Vec<(String, usize, usize, String)>| -> Vec<String> {
        found.into_iter().map(|f| f.3).collect()
    };
    assert_eq!(messages(check_file(&path)), expected);
    let text = human_report(&path);
    assert!(
        text.contains("help: link it once it is published"),
        "{text}"
    );
    // The whole site read at once (more than 64 files checked).
    let all = check_whole_site(&posts);
    let all: Vec<String> = all
        .into_iter()
        .filter(|f| f.0 == "internal-links" && f.3.contains("published on"))
        .map(|f| f.3)
        .collect();
    assert_eq!(all, expected);
    // The article published with them, or later: no finding.
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("date: 2025-03-10", "date: 2999-02-01"),
    )
    .unwrap();
    assert_eq!(messages(check_file(&path)), Vec::<String>::new());
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("date: 2999-02-01", "date: 2999-01-15"),
    )
    .unwrap();
    assert_eq!(messages(check_file(&path)), [expected[1]]);
    // A site built with its future pages.
    // (The file names' dates out of the addresses, as without a configuration.)
    let config = "[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(dir.path().join("hugo.toml"), config).unwrap();
    assert_eq!(messages(check_file(&path)), [expected[1]]);
    fs::write(
        dir.path().join("hugo.toml"),
        format!("buildFuture = true\n{config}"),
    )
    .unwrap();
    assert_eq!(messages(check_file(&path)), Vec::<String>::new());
}

/// Hugo builds no page whose expiry date is past: a link to one is
/// reported, with the key that says it; not when the linking article
/// expires first, nor when the site's configuration sets `buildExpired`.
/// A page dated by its file name only (`date = [':filename']`) is
/// published on that day.
#[test]
fn a_link_to_an_expired_page_is_reported() {
    let (dir, path) = site(&with_insert(
        "Voir [l'offre](/posts/offre-close/), [l'autre](/posts/offre-retiree/), \
         [la suite](/posts/programme/) et [le passé](/posts/premier-poste/).",
    ));
    let posts = dir.path().join("content/posts");
    fs::write(
        posts.join("2025-01-02-offre-close.md"),
        "---\ntitle: Offre\ndate: 2025-01-02\nexpiryDate: 2001-02-03\n---\n",
    )
    .unwrap();
    fs::write(
        posts.join("2025-01-03-offre-retiree.md"),
        "---\ntitle: Autre\ndate: 2025-01-03\nunpublishdate: '2001-02-04T08:00:00+01:00'\n---\n",
    )
    .unwrap();
    fs::write(
        posts.join("2999-01-01-programme.md"),
        "---\ntitle: Programme\n---\n",
    )
    .unwrap();
    let expected = [
        "`/posts/offre-close/` leads to a page that expired on 2001-02-03 (by `expirydate`): `content/posts/2025-01-02-offre-close.md` is no longer built, as Hugo builds no expired page",
        "`/posts/offre-retiree/` leads to a page that expired on 2001-02-04 (by `unpublishdate`): `content/posts/2025-01-03-offre-retiree.md` is no longer built, as Hugo builds no expired page",
    ];
    let messages = |found: Vec<(String, usize, usize, String)>| -> Vec<String> {
        found.into_iter().map(|f| f.3).collect()
    };
    assert_eq!(messages(check_file(&path)), expected);
    let text = human_report(&path);
    assert!(text.contains("help: link another page"), "{text}");
    let all: Vec<String> = check_whole_site(&posts)
        .into_iter()
        .filter(|f| f.0 == "internal-links" && f.3.contains("expired"))
        .map(|f| f.3)
        .collect();
    assert_eq!(all, expected);
    // The article expires first: no finding for the page expiring after.
    let with_expiry = |day: &str| {
        fs::read_to_string(&path).unwrap().replace(
            "date: 2025-03-10",
            &format!("date: 2025-03-10\nexpiryDate: {day}"),
        )
    };
    let original = fs::read_to_string(&path).unwrap();
    fs::write(&path, with_expiry("2001-02-04")).unwrap();
    assert_eq!(messages(check_file(&path)), [expected[0]]);
    fs::write(&path, &original).unwrap();
    // The file name dates the page without `date`: published in 2999.
    let config = "[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(dir.path().join("hugo.toml"), config).unwrap();
    let found = messages(check_file(&path));
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[2].starts_with("`/posts/programme/` leads to a page published on 2999-01-01"),
        "{found:?}"
    );
    // Listed after the front matter's keys, `:filename` still dates it.
    let later = "[frontmatter]\ndate = [':default', ':filename']\n";
    fs::write(dir.path().join("hugo.toml"), later).unwrap();
    assert_eq!(messages(check_file(&path)).len(), 3);
    // The expiry date read from `date`: the help names it.
    fs::write(
        dir.path().join("hugo.toml"),
        format!("{config}expiryDate = ['expirydate', 'date']\n"),
    )
    .unwrap();
    fs::write(
        posts.join("2025-01-04-ancienne.md"),
        "---\ntitle: Ancienne\ndate: 2002-05-06\n---\n",
    )
    .unwrap();
    fs::write(
        &path,
        original.replace(
            "[le passé](/posts/premier-poste/)",
            "[l'ancienne](/posts/ancienne/)",
        ),
    )
    .unwrap();
    // (`premier-poste` has no `date`: the one its file name gives it is
    // its expiry date too.)
    let found = messages(check_file(&path));
    let expired: Vec<&str> = found
        .iter()
        .filter_map(|m| m.split_once(": `content/").map(|(head, _)| head))
        .filter(|head| head.contains("expired"))
        .collect();
    assert_eq!(
        expired,
        [
            "`/posts/offre-close/` leads to a page that expired on 2001-02-03 (by `expirydate`)",
            "`/posts/offre-retiree/` leads to a page that expired on 2001-02-04 (by `unpublishdate`)",
            "`/posts/ancienne/` leads to a page that expired on 2002-05-06 (by `date`)",
            "`/posts/premier-poste/` leads to a page that expired on 2025-01-06 (by the date of its file name)",
        ],
        "{found:?}"
    );
    // The human report wraps its lines.
    let text = human_report(&path);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("change the target's `date`, which the site's `[frontmatter] expiryDate` reads as its expiry date"),
        "{text}"
    );
    // The article's own expiry date cannot be read: nothing is said of
    // the pages that expired.
    fs::write(
        &path,
        with_expiry("bientôt").replace(
            "[le passé](/posts/premier-poste/)",
            "[l'ancienne](/posts/ancienne/)",
        ),
    )
    .unwrap();
    let found = messages(check_file(&path));
    assert!(!found.iter().any(|m| m.contains("expired")), "{found:?}");
    assert_eq!(found.len(), 1, "{found:?}");
    fs::write(&path, &original).unwrap();
    fs::write(
        dir.path().join("hugo.toml"),
        format!("buildExpired = true\nbuildFuture = true\n{config}"),
    )
    .unwrap();
    assert_eq!(messages(check_file(&path)), Vec::<String>::new());
}

/// What Hugo generates besides pages is there: a section's feed, the
/// sitemap, robots.txt, the pages of a section's list; not for a section
/// that does not exist.
#[test]
fn generated_outputs_are_targets() {
    let (_dir, path) = site(&with_insert(
        "Voir [le flux](/posts/index.xml), [le plan](/sitemap.xml), [robots](/robots.txt), \
         [la suite](/posts/page/2/) et [le pilier, suite](/trouver-sa-place/page/3/).",
    ));
    assert_eq!(check_file(&path), vec![]);
    let (_dir, path) = site(&with_insert(
        "Voir [le flux](/absente/index.xml) et [la suite](/absente/page/2/).",
    ));
    let found = check_file(&path);
    assert_eq!(found.len(), 2, "{found:?}");
}

/// Hugo always makes the home page, so `/` leads somewhere on a site
/// without `content/_index.md`; and it writes each page to `index.html`
/// under its address, which a link may name.
#[test]
fn the_home_page_is_there_without_an_index_file() {
    let (dir, path) = site(&with_insert(
        "Voir [l'accueil](/), [l'accueil](/index.html) et \
         [l'autre](/posts/premier-poste/index.html#repères-clairs).",
    ));
    assert!(!dir.path().join("content/_index.md").exists());
    assert_eq!(check_file(&path), vec![]);
    fs::write(
        &path,
        with_insert("Voir [l'absent](/posts/absent/index.html)."),
    )
    .unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].3,
        "`/posts/absent/index.html` leads nowhere: no post of the site has the slug `absent`"
    );
}

/// Hugo's `ref` and `relref` shortcodes are checked when their path starts
/// from the root of `content/`: the page must be there (with or without its
/// extension), not a draft, and hold the anchor; a relative path is
/// checked only when found. In code, they are text.
#[test]
fn refs_from_the_root_are_checked() {
    let (dir, path) = site(&with_insert(
        "Voir [un]({{< ref \"/posts/2025-01-06-premier-poste.md\" >}}), \
         [deux]({{< relref \"/posts/2025-01-06-premier-poste#repères-clairs\" >}}), \
         [trois]({{% ref \"/trouver-sa-place\" %}}), [quatre]({{< ref \"ailleurs.md\" >}}) \
         et `{{< ref \"/posts/absent.md\" >}}`.",
    ));
    assert_eq!(check_file(&path), vec![]);
    fs::write(
        dir.path().join("content/posts/2025-01-07-brouillon.md"),
        "---\ntitle: B\ndraft: true\n---\n",
    )
    .unwrap();
    fs::write(
        &path,
        with_insert(
            "Voir [un]({{< ref \"/posts/premier-poste\" >}}), \
             [deux]({{< relref \"/posts/2025-01-06-premier-poste.md#reperes\" >}}) et \
             [trois]({{< ref \"2025-01-07-brouillon.md\" >}}).",
        ),
    )
    .unwrap();
    let found = check_file(&path);
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`ref \"/posts/premier-poste\"` names no page: no file under `content/` is at `/posts/premier-poste`, and Hugo stops the build on it",
            "`#reperes` matches no heading of `content/posts/2025-01-06-premier-poste.md`",
            "`ref \"2025-01-07-brouillon.md\"` leads to a draft: `content/posts/2025-01-07-brouillon.md` says `draft: true`, and Hugo does not publish drafts",
        ],
        "{found:?}"
    );
    // At the path, inside the quotes.
    assert_eq!((found[0].1, found[0].2), (11, 65), "{found:?}");
    // The same with the article named relative to the current folder: the
    // relative `ref` is still looked for beside it.
    let mut command = Command::cargo_bin("repere").unwrap();
    command.current_dir(dir.path());
    let relative = path.strip_prefix(dir.path()).unwrap();
    let again = check_with(command, &[relative.to_str().unwrap(), "--select", RULES]);
    let again: Vec<&str> = again.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(again, messages);
    // `ref "#anchor"` is the article's own anchor, which Hugo writes as
    // is; an anchor written percent-encoded is read decoded, as Hugo and
    // a browser read it.
    fs::write(
        &path,
        with_insert(
            "Voir [un]({{< ref \"#dédramatisation\" >}}), [deux]({{< ref \"#absente\" >}}) et \
             [trois]({{< relref \"/posts/2025-01-06-premier-poste.md#rep%C3%A8res-clairs\" >}}).",
        ),
    )
    .unwrap();
    let found = check_file(&path);
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        ["`#absente` matches no heading of this article"],
        "{found:?}"
    );
}

/// A shortcode inside a raw HTML tag (`<a href="{{< ref "…" >}}">`) is
/// replaced before the Markdown, as Hugo does: the tag is HTML, whose
/// element is closed by its `</a>`. Its `ref` is checked when the site
/// renders raw HTML (goldmark's `unsafe`): otherwise Hugo omits the HTML
/// and never calls it (checked with Hugo 0.111 and 0.168).
#[test]
fn refs_in_raw_html_are_checked_when_the_site_renders_it() {
    let (dir, path) = site(&with_insert(
        "Voir <a href=\"{{< ref \"/posts/absent.md\" >}}\">l'absent</a> et \
         <a href=\"{{< ref \"/posts/2025-01-06-premier-poste.md\" >}}\" target=\"_blank\">le premier</a>.\n\n\
         <div>\n<a href=\"{{< ref \"/posts/autre.md\" >}}\">l'autre</a>\n</div>",
    ));
    // As the blog's: addresses without the file name's date.
    let dates = "[frontmatter]\ndate = [':filename', ':default']\n";
    let config = dir.path().join("hugo.toml");
    fs::write(&config, dates).unwrap();
    assert_eq!(check_file(&path), vec![]);
    let unsafe_html = "[markup.goldmark.renderer]\nunsafe = true\n";
    fs::write(&config, format!("{dates}{unsafe_html}")).unwrap();
    let found = check_file(&path);
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`ref \"/posts/absent.md\"` names no page: no file under `content/` is at `/posts/absent.md`, and Hugo stops the build on it",
            "`ref \"/posts/autre.md\"` names no page: no file under `content/` is at `/posts/autre.md`, and Hugo stops the build on it",
        ],
        "{found:?}"
    );
    // At the path, inside the quotes.
    assert_eq!((found[0].1, found[0].2), (11, 69), "{found:?}");
}

/// A `ref` written without spaces (`{{<ref "…">}}`, `{{%relref "…"%}}`) is
/// read as the spaced form: checked the same, and no HTML tag.
#[test]
fn refs_without_spaces_are_read_as_the_spaced_form() {
    let (_dir, path) = site(&with_insert(
        "Voir {{<ref \"/posts/2025-01-06-premier-poste.md\">}}, \
         {{%relref \"/posts/2025-01-06-premier-poste#repères-clairs\"%}} et \
         {{<youtube abc>}}.",
    ));
    assert_eq!(check_file(&path), vec![]);
    let spaced = check_file(&site(&with_insert("Voir {{< ref \"/posts/absent.md\" >}}.")).1);
    let (_dir, path) = site(&with_insert("Voir {{<ref \"/posts/absent.md\">}}."));
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, spaced[0].3);
    assert_eq!(
        found[0].3,
        "`ref \"/posts/absent.md\"` names no page: no file under `content/` is at `/posts/absent.md`, and Hugo stops the build on it"
    );
}

/// A missing file is named as a file, a missing page as a page.
#[test]
fn a_missing_file_is_named_without_a_trailing_slash() {
    let (_dir, path) = site(&with_insert(
        "Voir ![une photo](/img/tarte.png) et [une page](/guides/absente/).",
    ));
    let found = check_file(&path);
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`/img/tarte.png` leads nowhere: no page or file of the site is at `/img/tarte.png`",
            "`/guides/absente/` leads nowhere: no page or file of the site is at `/guides/absente/`",
        ],
        "{found:?}"
    );
}

#[test]
fn doubled_emphasis_markers() {
    let (_dir, path) = site(&with_insert("****Impact :** ** on respire."));
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    let (rule, line, column, message) = &found[0];
    assert_eq!((rule.as_str(), *line, *column), ("markup", 11, 46));
    assert!(message.contains("`****Impact :** **`"), "{message}");
}

#[test]
fn anchors_of_posts_found_in_the_site() {
    let (_dir, path) = site(&with_insert(
        "Voir [les repères](/posts/premier-poste/#repères-clairs) et [ceux-ci](/posts/premier-poste/#reperes).",
    ));
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "internal-links");
    assert!(found[0].3.contains("`#reperes`"), "{:?}", found[0]);
}

/// The ids raw HTML sets are anchors, of the article and of other pages,
/// when the site renders raw HTML: its Hugo configuration sets goldmark's
/// `unsafe = true`, or no configuration is found. A configuration that
/// does not set it renders none, and the links to them are reported.
#[test]
fn raw_html_ids_are_anchors_when_the_site_renders_raw_html() {
    let (dir, path) = site(&with_insert(
        "<div id=\"encart\">Un encart.</div>\n\nVoir [l'encart](#encart) et [l'ancien titre](/posts/premier-poste/#ancien-titre).",
    ));
    fs::write(
        dir.path().join("content/posts/2025-01-06-premier-poste.md"),
        "---\ntitle: Premier poste\n---\n## Repères clairs\n\n<a id=\"ancien-titre\"></a>\n\nUn texte.\n",
    )
    .unwrap();
    assert_eq!(check_file(&path), vec![]);
    let dates = "[frontmatter]\ndate = [':filename', ':default']\n";
    let config = dir.path().join("hugo.toml");
    fs::write(
        &config,
        format!("{dates}[markup.goldmark.renderer]\nunsafe = true\n"),
    )
    .unwrap();
    assert_eq!(check_file(&path), vec![]);
    fs::write(&config, dates).unwrap();
    let found: Vec<String> = check_file(&path).into_iter().map(|f| f.3).collect();
    assert_eq!(
        found,
        [
            "`#encart` matches no heading of this article",
            "`#ancien-titre` matches no heading of `/posts/premier-poste/`",
        ]
    );
    assert!(
        human_report(&path).contains("which the site does not render"),
        "{}",
        human_report(&path)
    );
}

/// The site index reads a page up to the end of its front matter: a long
/// front matter is read whole (its `slug`, at the end, gives the address),
/// a page whose body is not UTF-8 past that point still has its address,
/// and a page's headings are read when a link asks for an anchor.
#[test]
fn site_pages_are_read_up_to_their_front_matter() {
    let (dir, path) = site(&with_insert(
        "Voir [le long](/posts/slug-tardif/#suite), [le binaire](/posts/corps-binaire/) et [l'absent](/posts/slug-tardif/#absente).",
    ));
    let posts = dir.path().join("content/posts");
    let long = format!(
        "---\ntitle: Long\ndescription: \"{}\"\nslug: slug-tardif\n---\n## Suite\n",
        "x".repeat(5000)
    );
    fs::write(posts.join("2025-01-07-long.md"), long).unwrap();
    let mut bytes = b"---\ntitle: B\nslug: corps-binaire\n---\n".to_vec();
    bytes.extend(b"a".repeat(5000));
    bytes.extend([0xff, 0xfe, b'\n']);
    fs::write(posts.join("2025-01-08-binaire.md"), bytes).unwrap();
    let found = check_file(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "internal-links");
    assert!(found[0].3.contains("`#absente`"), "{:?}", found[0]);
}

/// The listing of a folder of 1,000 entries or more is kept between runs
/// (in `REPERE_CACHE_DIR`), unless `--no-cache`, and read while the folder
/// is unchanged, but what it names is confirmed on disk: a file forged into
/// it is still missing. `--no-cache` leaves it alone. Once the folder has
/// changed, the listing is still read, and the folder listed again (and the
/// new listing kept) when a lookup finds nothing in it.
#[test]
fn large_folders_are_listed_once_between_runs() {
    let (dir, path) = site(&with_insert(
        "Voir [la suite](/posts/suite-999/), [le fichier](/posts/fantome.png), \
         [le lien](/posts/lien/x.png) et [le cache](/posts/.cache/x.png).",
    ));
    let posts = dir.path().join("content/posts");
    for i in 0..1000 {
        fs::write(
            posts.join(format!("2024-01-01-suite-{i}.md")),
            "---\ntitle: Suite\n---\n",
        )
        .unwrap();
    }
    // A hidden folder and a link to a folder, which the site leaves out.
    fs::create_dir(posts.join(".cache")).unwrap();
    fs::write(posts.join(".cache/x.png"), "").unwrap();
    let elsewhere = dir.path().join("ailleurs");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("x.png"), "").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&elsewhere, posts.join("lien")).unwrap();
    // As if the folder had not changed for an hour (a folder changed in the
    // last seconds is not kept).
    // Later changes are set minutes after that, each its own time.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let changed_at = |minutes: u64| {
        fs::File::open(&posts)
            .unwrap()
            .set_modified(an_hour_ago + std::time::Duration::from_secs(60 * minutes))
            .unwrap();
    };
    changed_at(0);
    let cache = tempfile::tempdir().unwrap();
    let run_on = |file: &Path, extra: &[&str]| {
        let mut command = Command::cargo_bin("repere").unwrap();
        command.env("REPERE_CACHE_DIR", cache.path());
        let args = [
            &[file.to_str().unwrap(), "--select", "internal-links"],
            extra,
        ]
        .concat();
        check_with(command, &args)
    };
    let run = |extra: &[&str]| run_on(&path, extra);
    let listings = || -> Vec<PathBuf> {
        fs::read_dir(cache.path())
            .map(|d| {
                d.map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|e| e == "listing"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let first = run(&["--no-cache"]);
    assert_eq!(first.len(), 3, "{first:?}");
    for (found, missing) in first
        .iter()
        .zip(["fantome.png", "lien/x.png", ".cache/x.png"])
    {
        assert!(found.3.contains(missing), "{first:?}");
    }
    assert_eq!(listings(), Vec::<PathBuf>::new());
    assert_eq!(run(&[]), first);
    let listings = listings();
    assert_eq!(listings.len(), 1, "{listings:?}");
    let text = fs::read_to_string(&listings[0]).unwrap();
    // In lookup order: a page by its slug, its name around it.
    assert!(text.contains("\npsuite-999\t2024-01-01-\t.md\n"), "{text}");
    // Forged in, with the size that fits: a missing file, a page under the
    // key of a file, the hidden folder and the link.
    let mut lines: Vec<&str> = text.lines().collect();
    lines.pop();
    let mut body: Vec<String> = lines
        .split_off(3)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(body.len(), 1002);
    body.extend(
        [
            "ffantome.png\t\t\n",
            "ffantome.png\t2024-01-01-suite-1.md\n",
            "d.cache\t\t\n",
            "dlien\t\t\n",
        ]
        .map(String::from),
    );
    body.sort();
    let body = body.concat();
    let forged = format!("{}\n{body}end {}\n", lines.join("\n"), body.len());
    fs::write(&listings[0], &forged).unwrap();
    // Read (not listed again, so not written again), and not believed.
    assert_eq!(run(&[]), first);
    assert_eq!(fs::read_to_string(&listings[0]).unwrap(), forged);
    assert_eq!(run(&["--no-cache"]), first);
    assert_eq!(fs::read_to_string(&listings[0]).unwrap(), forged);
    fs::write(
        posts.join("2025-04-01-autre.md"),
        "---\ntitle: Autre\n---\n",
    )
    .unwrap();
    changed_at(1);
    assert_eq!(run(&[]), first);
    let again = fs::read_to_string(&listings[0]).unwrap();
    assert!(!again.contains("fantome"), "{again}");
    assert!(again.contains("\npautre\t2025-04-01-\t.md\n"), "{again}");
    // Changed again (an article saved, another added): the listing kept is
    // out of date, but it has the page linked, which is all a lookup needs.
    let reader = posts.join("2025-05-02-lecteur.md");
    let linking = |to: &str| {
        fs::write(
            &reader,
            format!("---\ntitle: Lecteur\n---\nVoir [la page]({to}).\n"),
        )
        .unwrap();
    };
    fs::write(
        posts.join("2025-05-01-nouveau.md"),
        "---\ntitle: Nouveau\n---\n",
    )
    .unwrap();
    linking("/posts/suite-3/");
    changed_at(2);
    assert_eq!(run_on(&reader, &[]), vec![]);
    assert_eq!(fs::read_to_string(&listings[0]).unwrap(), again);
    // A page it lacks: the folder is listed again, the page found, and the
    // new listing kept.
    linking("/posts/nouveau/");
    assert_eq!(run_on(&reader, &[]), vec![]);
    let now = fs::read_to_string(&listings[0]).unwrap();
    assert!(now.contains("\npnouveau\t2025-05-01-\t.md\n"), "{now}");
    // Removed since: the listing just kept is out of date again and names
    // it, but it is confirmed missing, as without a kept listing, and the
    // folder listed again.
    fs::remove_file(posts.join("2024-01-01-suite-3.md")).unwrap();
    linking("/posts/suite-3/");
    changed_at(3);
    let gone = run_on(&reader, &[]);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone, run_on(&reader, &["--no-cache"]));
    let after = fs::read_to_string(&listings[0]).unwrap();
    assert!(!after.contains("\npsuite-3\t"), "{after}");
}

#[test]
fn without_a_site_only_checked_files_are_known() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025-03-10-changer-de-poste.md");
    fs::write(&path, with_insert("")).unwrap();
    let found = check_file(&path);
    // `/posts/premier-poste/` is not among the checked files; the section page
    // cannot be checked without a site.
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("internal-links", 19));
    let other = dir.path().join("2025-01-06-premier-poste.md");
    fs::write(&other, "---\ntitle: Premier poste\n---\nTexte.\n").unwrap();
    assert_eq!(
        check(&[dir.path().to_str().unwrap(), "--select", RULES]),
        vec![]
    );
    // A slug reads as an address does, as inside a site (`Premier Poste !`
    // is `premier-poste`).
    fs::write(
        &other,
        "---\ntitle: Premier poste\nslug: \"Premier Poste !\"\n---\nTexte.\n",
    )
    .unwrap();
    assert_eq!(
        check(&[dir.path().to_str().unwrap(), "--select", RULES]),
        vec![]
    );
    // A leaf bundle (the rules' post, under `posts/`) is the post its
    // folder names, as inside a site.
    fs::remove_file(&other).unwrap();
    let bundle = dir.path().join("posts/2025-01-06-premier-poste");
    fs::create_dir_all(&bundle).unwrap();
    fs::write(
        bundle.join("index.md"),
        "---\ntitle: Premier poste\n---\nTexte.\n",
    )
    .unwrap();
    assert_eq!(
        check(&[dir.path().to_str().unwrap(), "--select", RULES]),
        vec![]
    );
}

#[test]
fn the_pack_can_set_the_site_root() {
    let (site_dir, _) = site(&with_insert(""));
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("2025-03-10-changer-de-poste.md");
    fs::write(&path, with_insert("")).unwrap();
    let pack = elsewhere.path().join("site.yaml");
    fs::write(
        &pack,
        format!(
            "- id: internal-links\n  kind: links\n  severity: error\n  sections: [Pour aller plus loin]\n  site_root: {}\n",
            site_dir.path().display()
        ),
    )
    .unwrap();
    let found = check(&[
        path.to_str().unwrap(),
        "--select",
        RULES,
        "--rules",
        pack.to_str().unwrap(),
    ]);
    assert_eq!(found, vec![]);
}

/// `site_root` in `repere.toml` is relative to the config file, whatever
/// the current folder; a wrong one is pointed at in the config.
#[test]
fn the_config_can_set_the_site_root() {
    let (site_dir, _) = site(&with_insert(""));
    let elsewhere = tempfile::tempdir().unwrap();
    fs::create_dir(elsewhere.path().join(".git")).unwrap();
    let posts = elsewhere.path().join("posts");
    fs::create_dir(&posts).unwrap();
    fs::write(
        posts.join("2025-03-10-changer-de-poste.md"),
        with_insert("Voir [cette page](/posts/page-absente/)."),
    )
    .unwrap();
    assert_eq!(site_dir.path().parent(), elsewhere.path().parent());
    let up = format!(
        "../{}",
        site_dir.path().file_name().unwrap().to_str().unwrap()
    );
    let config = |root: &str| {
        fs::write(
            elsewhere.path().join("repere.toml"),
            format!("[options.internal-links]\nsite_root = \"{root}\"\n"),
        )
        .unwrap()
    };
    let run = |folder: &Path| {
        Command::cargo_bin("repere")
            .unwrap()
            .current_dir(folder)
            .args([
                "check",
                ".",
                "--select",
                "internal-links",
                "--format",
                "concise",
            ])
            .output()
            .unwrap()
    };
    config(&up);
    for folder in [elsewhere.path(), posts.as_path()] {
        let out = run(folder);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(
            stdout.contains("no post of the site has the slug `page-absente`"),
            "{stdout}"
        );
    }
    config("nowhere");
    let out = run(&posts);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("repere.toml:2") && stderr.contains("no `content/` folder"),
        "{stderr}"
    );
    // It names the site of the whole run: not for some files.
    fs::write(
        elsewhere.path().join("repere.toml"),
        format!(
            "[[overrides]]\nfiles = [\"posts/**\"]\noptions.internal-links.site_root = \"{up}\"\n"
        ),
    )
    .unwrap();
    let out = run(elsewhere.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not of some files"), "{stderr}");
}

#[test]
fn phrases_limited_to_named_sections() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("ton.yaml");
    fs::write(
        &pack,
        "- id: ton-reel\n  kind: phrase\n  severity: warning\n  sections: [\"Le reel\"]\n  headings: false\n  phrases:\n    - words: [\"première année\"]\n",
    )
    .unwrap();
    let path = dir.path().join("2025-03-10-a.md");
    fs::write(
        &path,
        "La première année, avant.\n\n## Le réel (sans filtre)\n\nLa première année compte.\n\n## Repères\n\nLa première année, après.\n",
    )
    .unwrap();
    let found = check(&[
        path.to_str().unwrap(),
        "--no-default-rules",
        "--rules",
        pack.to_str().unwrap(),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].1, found[0].2), (5, 4));
}

/// Runs `repere check` on `text` under the single pack `pack` only.
fn check_with_pack(pack: &str, text: &str) -> Vec<(String, usize, usize, String)> {
    let (_dir, pack_path, path) = pack_and_article(pack, text);
    check(&[
        path.to_str().unwrap(),
        "--no-config",
        "--no-default-rules",
        "--rules",
        pack_path.to_str().unwrap(),
    ])
}

/// A folder holding the rule pack `pack.yaml` and the article
/// `2025-03-10-a.md`: (folder, pack, article).
fn pack_and_article(pack: &str, text: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pack_path = dir.path().join("pack.yaml");
    fs::write(&pack_path, pack).unwrap();
    let path = dir.path().join("2025-03-10-a.md");
    fs::write(&path, text).unwrap();
    (dir, pack_path, path)
}

/// `repere check` of the article with the pack alone (no config, no
/// embedded rules), and `args`.
fn run_with_pack(pack: &str, text: &str, args: &[&str]) -> std::process::Output {
    let (_dir, pack_path, path) = pack_and_article(pack, text);
    Command::cargo_bin("repere")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--no-default-rules",
            "--color",
            "never",
        ])
        .args(args)
        .arg("--rules")
        .arg(&pack_path)
        .arg(&path)
        .output()
        .unwrap()
}

/// `case_sensitive: true`: a phrase (plain or regex) matches only as
/// written; without it, in any case.
#[test]
fn case_sensitive_phrases_match_only_as_written() {
    let pack = |case: &str| {
        format!(
            "- id: marques\n  kind: phrase\n  severity: warning\n{case}  phrases:\n    \
             - words: [\"Github\"]\n      message: \"« {{match}} » is written GitHub\"\n    \
             - regex: \"\\\\bJS\\\\b\"\n      message: \"« {{match}} »: write JavaScript\"\n"
        )
    };
    let text =
        "Le code est sur GitHub, pas sur github.\n\nUn dépôt Github.\n\nDu JS, du Js et du js.\n";
    let found = |rule: &str, line: usize, column: usize, message: &str| {
        (rule.to_string(), line, column, message.to_string())
    };
    assert_eq!(
        check_with_pack(&pack("  case_sensitive: true\n"), text),
        [
            found("marques", 3, 10, "« Github » is written GitHub"),
            found("marques", 5, 4, "« JS »: write JavaScript"),
        ]
    );
    // Nothing written in the case of the phrases: nothing found.
    assert_eq!(
        check_with_pack(
            &pack("  case_sensitive: true\n"),
            "Sur GitHub, github ou GITHUB; du Js ou du js.\n"
        ),
        []
    );
    assert_eq!(
        check_with_pack(&pack(""), text),
        [
            found("marques", 1, 17, "« GitHub » is written GitHub"),
            found("marques", 1, 33, "« github » is written GitHub"),
            found("marques", 3, 10, "« Github » is written GitHub"),
            found("marques", 5, 4, "« JS »: write JavaScript"),
            found("marques", 5, 11, "« Js »: write JavaScript"),
            found("marques", 5, 20, "« js »: write JavaScript"),
        ]
    );
}

/// `shortcut_references`: off, a bracketed label with no definition (`[x]`,
/// `[sic]`, `[le guide]`) is prose; on, each one is reported. A defined
/// shortcut is fine either way, and a full reference to nothing and a
/// bracket broken from its parenthesis are reported either way.
#[test]
fn shortcut_references_are_reported_only_when_asked() {
    let pack = |on: bool| {
        format!("- id: balisage\n  kind: markup\n  severity: error\n  shortcut_references: {on}\n")
    };
    let text = "Une case [x] cochée, et [sic] ici.\n\n\
                Voir [le guide] pour la suite.\n\n\
                Un [lien défini] qui marche.\n\n\
                Voir [le pilier] (/trouver-sa-place/).\n\n\
                Et [un texte][absent].\n\n\
                [lien défini]: /posts/premier-poste/\n";
    let found = |line: usize, column: usize, message: &str| {
        ("balisage".to_string(), line, column, message.to_string())
    };
    let either = [
        found(
            7,
            6,
            "`[le pilier]` and `(/trouver-sa-place/)` are not a link: the space between `]` and `(` breaks it",
        ),
        found(
            9,
            4,
            "`[un texte][absent]` refers to the link reference `[absent]`, which is defined nowhere: the brackets are shown as is",
        ),
    ];
    assert_eq!(check_with_pack(&pack(false), text), either);
    let shortcut = |line: usize, column: usize, label: &str| {
        found(
            line,
            column,
            &format!(
                "`[{label}]` matches no link reference definition: the brackets are shown as is"
            ),
        )
    };
    let mut expected = vec![
        shortcut(1, 10, "x"),
        shortcut(1, 25, "sic"),
        shortcut(3, 6, "le guide"),
    ];
    expected.extend(either);
    assert_eq!(check_with_pack(&pack(true), text), expected);
    // Nothing undefined: nothing found, even with the option on.
    assert_eq!(
        check_with_pack(
            &pack(true),
            "Un [lien défini] qui marche.\n\n[lien défini]: /posts/premier-poste/\n"
        ),
        []
    );
}

#[test]
fn a_site_root_without_content_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("site.yaml");
    fs::write(
        &pack,
        "- id: internal-links\n  kind: links\n  severity: error\n  site_root: nowhere\n",
    )
    .unwrap();
    let path = dir.path().join("2025-03-10-a.md");
    fs::write(&path, "Texte.\n").unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .args([
            "check",
            path.to_str().unwrap(),
            "--rules",
            pack.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("has no `content/` folder"), "{stderr}");
    // The config setting other options of the rule does not take the blame.
    fs::write(
        dir.path().join("repere.toml"),
        "[options.internal-links]\nignore = [\"/tags/\"]\n",
    )
    .unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--rules", pack.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("site.yaml") && !stderr.contains("repere.toml"),
        "{stderr}"
    );
    // A run that leaves the rule out is not stopped by its root.
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--rules", pack.to_str().unwrap()])
        .args(["--select", "markup"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
    /// Whatever the text, the house rules do not panic, and every span can be
    /// sliced out of the text.
    #[test]
    fn house_rules_never_panic(text in "(?s)(\\*{1,4}|#{1,3} ?|\\[|\\]|\\(|\\)|<|>|/|!|-- ?|`|\"|«|»|’|'|il faut|Tu dois|\n|\n\n|\u{a0}|é|x|https://a.b|/posts/|#|:|\\{|\\}| ){0,60}") {
        use repere::engine::Linter;
        use repere::pack::{PackSource, RuleSet};
        let mut set = RuleSet::load(&PackSource::defaults()).unwrap();
        set.rules.retain(|r| ["phrase", "links", "markup"].contains(&r.meta.kind));
        let linter = Linter::new(set);
        let source = format!("---\ntitle: \"{}\"\n---\n{text}", text.replace(['"', '\\', '\n'], ""));
        let result = linter.check_bytes(PathBuf::from("posts/2025-01-01-x.md"), source.clone().into_bytes());
        let report = linter.finish(vec![result]);
        for d in report.diagnostics() {
            proptest::prop_assert!(d.span.start <= d.span.end && d.span.end <= source.len());
            proptest::prop_assert!(source.is_char_boundary(d.span.start) && source.is_char_boundary(d.span.end));
        }
    }
}

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

#[test]
fn the_seed_gives_no_house_rule_diagnostic() {
    let Some(shared) = shared() else { return };
    let Ok(text) = fs::read_to_string(shared.join("seed/000_330bbee32e580590.txt")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("2025-02-07-nouveaux-metiers-tech-2025-prompt-engineer-mlops.md");
    fs::write(&path, text).unwrap();
    assert_eq!(check_file(&path), vec![]);
}

#[test]
fn the_corpus_copy_misses_exactly_twelve_linked_posts() {
    let Some(shared) = shared() else { return };
    let content = shared.join("corpus/content");
    if !content.is_dir() {
        return;
    }
    let found = check(&[content.to_str().unwrap(), "--select", "internal-links"]);
    let missing: Vec<&str> = [
        "cto-vs-lead-dev-vp-engineering-differences-role",
        "dette-technique-cto-gestion-compromis-strategies",
        "ia-generative-et-productivite-developpeur",
        "junior-ce-quon-attend-vraiment",
        "premiers-jours-cto-reussir-prise-de-poste",
    ]
    .to_vec();
    assert_eq!(found.len(), 12, "{found:#?}");
    for (rule, _, _, message) in &found {
        assert_eq!(rule, "internal-links");
        assert!(
            missing
                .iter()
                .any(|m| message.contains(&format!("/posts/{m}/"))),
            "{message}"
        );
    }
}

/// A file-name template whose values the front matter gives: the file that
/// follows them is fine, even when a `{date}` not declared a date holds the
/// dashes the template separates its parts with; one that does not is
/// still reported.
#[test]
fn a_file_name_the_front_matter_gives_whole_is_accepted() {
    let pack = "- id: nom\n  kind: front-matter\n  severity: error\n  filename: \"{date}-{slug}.md\"\n  fields:\n    slug: {required: true}\n";
    let front =
        |date: &str, slug: &str| format!("---\ndate: {date}\nslug: {slug}\n---\n\nTexte.\n");
    for date in ["2025-03-10", "\"2025-03-10\"", "2025-03-10T09:00:00+01:00"] {
        let found = check_with_pack(pack, &front(date, "a"));
        assert_eq!(found, [], "{date}");
    }
    // The part that differs is named, the others read as their values.
    let found = check_with_pack(pack, &front("2025-03-11", "a"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "nom", "{found:?}");
    assert_eq!(
        found[0].3,
        "`date` is `2025-03-11` but the file name `2025-03-10-a.md` says `2025-03-10`"
    );
    let found = check_with_pack(pack, &front("2025-03-10", "b"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].3,
        "`slug` is `b` but the file name `2025-03-10-a.md` says `a`"
    );
}

/// The same with a key the front matter lacks (the slug, from the file
/// name): the name holds the values given, so it is fine; a date that
/// differs is read in its shape, not cut at the template's first dash.
#[test]
fn a_file_name_the_front_matter_gives_in_part_is_read_by_its_values() {
    let pack =
        "- id: nom\n  kind: front-matter\n  severity: error\n  filename: \"{date}-{slug}.md\"\n";
    let front = |date: &str| format!("---\ndate: {date}\n---\n\nTexte.\n");
    assert_eq!(check_with_pack(pack, &front("2025-03-10")), []);
    let found = check_with_pack(pack, &front("2025-03-11"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].3,
        "`date` is `2025-03-11` but the file name `2025-03-10-a.md` says `2025-03-10`"
    );
}

/// The links rule's helps give addresses under the pack's `posts`, not the
/// default `/posts/`.
#[test]
fn link_helps_use_the_pack_s_posts_folder() {
    let out = run_with_pack(
        "- id: liens\n  kind: links\n  severity: error\n  sections: [Plus]\n  posts: /recettes/\n",
        "## Plus\n\nVoir [ailleurs](https://example.com/) et [rien]().\n",
        &["--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let helps: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["help"].as_str().unwrap())
        .collect();
    assert_eq!(helps.len(), 2, "{v:#}");
    assert!(
        helps
            .iter()
            .all(|h| h.contains("/recettes/<slug>/") && !h.contains("/posts/")),
        "{helps:?}"
    );
}

/// A value listed in another case: said once. Where the list's field has a
/// `one_of`, that field reports the item (with its case fix); where it has
/// none, `contained_in` names the slip, and appends nothing.
#[test]
fn a_value_listed_in_another_case_is_said_once() {
    let text = "---\npillar: a-b\npillars: [A-B]\n---\n";
    for (pillars, says) in [
        (
            "{one_of: [a-b], normalize: lowercase}",
            "`pillars` lists `A-B`; allowed: `a-b` [fix]",
        ),
        (
            "{type: string-list}",
            "`pillar` is `a-b` but `pillars` lists it as `A-B`",
        ),
    ] {
        let pack = format!(
            "- id: fm\n  kind: front-matter\n  severity: error\n  fields:\n    pillar: {{contained_in: pillars}}\n    pillars: {pillars}\n"
        );
        let found = check_with_pack(&pack, text);
        let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
        assert_eq!(messages, [says], "{pillars}");
    }
}

/// A pack's `help` that leaves nothing (`""`, or `{help}` for a finding
/// without one) is no help: `null` in JSON, no empty `help:` line.
#[test]
fn a_help_filled_to_nothing_is_no_help() {
    for help in ["''", "' {help} '"] {
        let pack = format!(
            "- id: mots\n  kind: phrase\n  severity: warning\n  help: {help}\n  phrases: [{{words: [vraiment]}}]\n"
        );
        let out = run_with_pack(&pack, "Vraiment.\n", &["--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let d = &v["diagnostics"][0];
        assert_eq!(d["rule"], "mots", "{v:#}");
        assert!(d["help"].is_null(), "{help}: {v:#}");
    }
}

/// A pack's `files` written from the config's folder hold wherever
/// `repere check` runs: at the root, in `content/`, on absolute paths.
#[test]
fn pack_globs_hold_from_any_folder_with_a_config() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let recipes = dir.path().join("content/recipes");
    fs::create_dir_all(&recipes).unwrap();
    fs::write(
        dir.path().join("pack.yaml"),
        "- id: recette\n  kind: front-matter\n  severity: error\n  files: [\"content/recipes/**/*.md\"]\n  fields:\n    difficulty: {one_of: [facile, difficile]}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("repere.toml"),
        "use-default-rules = false\nrules = [\"pack.yaml\"]\n",
    )
    .unwrap();
    fs::write(
        recipes.join("pain.md"),
        "---\ndifficulty: moyen\n---\n\nPétrir.\n",
    )
    .unwrap();
    let absolute = recipes.to_str().unwrap().to_string();
    for (cwd, path) in [
        (dir.path().to_path_buf(), "content/recipes"),
        (dir.path().join("content"), "recipes"),
        (dir.path().join("content/recipes"), "."),
        (dir.path().join("content"), absolute.as_str()),
    ] {
        let mut command = Command::cargo_bin("repere").unwrap();
        command.current_dir(&cwd);
        let found = check_with(command, &[path]);
        assert_eq!(found.len(), 1, "{cwd:?} {path}: {found:?}");
        assert_eq!(found[0].0, "recette", "{found:?}");
    }
}

/// A rule whose options leave it nothing to check or report is refused when
/// its pack loads, rather than passing every file.
#[test]
fn a_rule_set_to_check_nothing_is_refused() {
    for (pack, says) in [
        (
            "- id: plan\n  kind: sections\n  severity: error\n  templates: [{name: T, sections: [A]}]\n  checks: []\n",
            "`checks` is empty, so the rule would report nothing",
        ),
        (
            "- id: balises\n  kind: markup\n  severity: error\n  emphasis: false\n  empty_headings: false\n  references: false\n  html: false\n  shortcodes: false\n",
            "every check of the rule is off",
        ),
        (
            "- id: mots\n  kind: phrase\n  severity: error\n  body: false\n  headings: false\n  phrases: [{words: [jamais]}]\n",
            "the rule would read nothing",
        ),
        (
            "- id: liens\n  kind: links\n  severity: error\n  targets: false\n  anchors: false\n  empty: false\n",
            "every check of the rule is off (`targets`, `anchors`, `empty`)",
        ),
        (
            "- id: balises\n  kind: markup\n  severity: error\n  references: false\n  shortcut_references: true\n",
            "which `references: false` turns off",
        ),
    ] {
        let out = run_with_pack(pack, "Texte.\n", &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{pack}{err}");
        assert!(err.contains(says), "{err}");
    }
}

/// A call of a shortcode the site has not (Hugo stops the build on it) is
/// reported at its name, with the closest the site has; only when the
/// site's configuration, layouts and themes let its shortcodes be known.
#[test]
fn a_shortcode_the_site_does_not_have_is_reported() {
    let (dir, path) = site(&with_insert(
        "{{< servce-cards >}} {{< collapse >}}x{{< /collapse >}} \
         {{< youtube abc >}} {{</* exemple */>}}",
    ));
    let root = dir.path();
    // As the blog's: addresses without the file name's date.
    let config = "theme = 'PaperMod'\n[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(root.join("hugo.toml"), config).unwrap();
    fs::create_dir_all(root.join("layouts/shortcodes")).unwrap();
    fs::write(root.join("layouts/shortcodes/service-cards.html"), "").unwrap();
    let theme = root.join("themes/PaperMod/layouts/shortcodes");
    fs::create_dir_all(&theme).unwrap();
    fs::write(theme.join("collapse.html"), "").unwrap();
    let expected = (
        "markup".to_string(),
        11,
        50,
        "`servce-cards` is no shortcode of the site: Hugo stops the build on it \
         (template for shortcode \"servce-cards\" not found)"
            .to_string(),
    );
    assert_eq!(check_file(&path), std::slice::from_ref(&expected));
    let text = human_report(&path);
    assert!(text.contains("did you mean `service-cards`?"), "{text}");
    // The same when the whole site is read at once: `check_whole_site`
    // adds the posts that make it so (its own findings are the links').
    let posts = root.join("content/posts");
    check_whole_site(&posts);
    let markup = check(&[posts.to_str().unwrap(), "--select", "markup"]);
    assert_eq!(markup, [expected]);
    // A tag over several lines, a name with accents, a closing tag that
    // closes nothing; none in a draft, which Hugo does not render.
    let original = fs::read_to_string(&path).unwrap();
    fs::write(root.join("layouts/shortcodes/économie.html"), "").unwrap();
    let more = original.replace(
        "{{< servce-cards >}}",
        "{{< économie >}} {{< colapse\n  titre=\"x\" >}} {{< /collapse >}}",
    );
    fs::write(&path, &more).unwrap();
    let found: Vec<String> = check_file(&path).into_iter().map(|f| f.3).collect();
    assert_eq!(
        found,
        [
            "`colapse` is no shortcode of the site: Hugo stops the build on it \
             (template for shortcode \"colapse\" not found)",
            "`/collapse` closes no `collapse` shortcode opened before it: Hugo stops \
             the build on it (closing tag for shortcode 'collapse' does not match start tag)",
        ]
    );
    fs::write(&path, more.replace("title:", "draft: true\ntitle:")).unwrap();
    assert_eq!(check_file(&path), []);
    fs::write(&path, &original).unwrap();
    // A theme named but absent (a module, a submodule not checked out), or
    // no configuration: the site's shortcodes are not known.
    fs::remove_dir_all(root.join("themes")).unwrap();
    assert_eq!(check_file(&path), []);
    fs::remove_file(root.join("hugo.toml")).unwrap();
    assert_eq!(check_file(&path), []);
}

/// A section's templates (`layouts/docs/_shortcodes/`) serve the pages
/// under its folder of `content/` only, as Hugo 0.146 and later find them:
/// a post calling one of `docs` is reported; one of `posts` is known to
/// the posts, with what its template does with `.Inner`.
#[test]
fn a_section_s_shortcodes_serve_its_pages_only() {
    let (dir, path) = site(&with_insert("{{< pnote >}}\n\nTexte."));
    let root = dir.path();
    let config = "[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(root.join("hugo.toml"), config).unwrap();
    for (section, name) in [("docs", "dnote"), ("posts", "pnote")] {
        let folder = root.join(format!("layouts/{section}/_shortcodes"));
        fs::create_dir_all(&folder).unwrap();
        fs::write(
            folder.join(format!("{name}.html")),
            "<aside>{{ .Inner }}</aside>\n",
        )
        .unwrap();
    }
    let found: Vec<String> = check_file(&path).into_iter().map(|f| f.3).collect();
    assert_eq!(
        found,
        [
            "`pnote` is never closed, and its template reads `.Inner`: Hugo stops the build on \
          it (shortcode \"pnote\" must be closed or self-closed)"
        ]
    );
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("{{< pnote >}}", "{{< dnote >}}x{{< /dnote >}}"),
    )
    .unwrap();
    let found: Vec<String> = check_file(&path).into_iter().map(|f| f.3).collect();
    assert_eq!(
        found,
        [
            "`dnote` has templates only in `layouts/docs/_shortcodes/`, which serve the pages \
          under `content/docs/`: Hugo stops the build on this page (no template found for \
          shortcode \"dnote\")"
        ]
    );
}

/// Whether a call must be closed comes from the site's templates, read
/// from disk (the site's and its theme's): a call of one that reads
/// `.Inner` left open, and a call of one that does not that closes
/// itself, are reported; `--fix` removes the `/` of the second.
#[test]
fn shortcodes_are_closed_as_the_site_s_templates_say() {
    let (dir, path) = site(&with_insert(
        "{{< encadre >}}\n\nTexte encadré.\n\n{{< carte id=\"a\" />}}",
    ));
    let root = dir.path();
    let config = "theme = 'maison'\n[frontmatter]\ndate = [':filename', ':default']\n";
    fs::write(root.join("hugo.toml"), config).unwrap();
    fs::create_dir_all(root.join("layouts/shortcodes")).unwrap();
    fs::write(
        root.join("layouts/shortcodes/encadre.html"),
        "<aside>{{ .Inner | markdownify }}</aside>\n",
    )
    .unwrap();
    let theme = root.join("themes/maison/layouts/_shortcodes");
    fs::create_dir_all(&theme).unwrap();
    fs::write(theme.join("carte.html"), "<div>{{ .Get \"id\" }}</div>\n").unwrap();
    let found: Vec<String> = check_file(&path).into_iter().map(|f| f.3).collect();
    assert_eq!(
        found,
        [
            "`encadre` is never closed, and its template reads `.Inner`: Hugo stops the \
             build on it (shortcode \"encadre\" must be closed or self-closed)",
            "`carte` closes itself, but its template reads no `.Inner`: Hugo stops the \
             build on it (shortcode \"carte\" does not evaluate .Inner or .InnerDeindent, \
             yet a closing tag was provided) [fix]",
        ]
    );
    let out = Command::cargo_bin("repere")
        .unwrap()
        .args(["check", "--fix", "-q", "--select", "markup"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("{{< carte id=\"a\" >}}"), "{text}");
    // Closed, it passes; a template that stops reading `.Inner` makes the
    // closed call wrong in turn.
    let closed = text.replace("Texte encadré.", "Texte encadré.\n\n{{< /encadre >}}");
    fs::write(&path, &closed).unwrap();
    assert_eq!(check_file(&path), []);
    fs::write(
        root.join("layouts/shortcodes/encadre.html"),
        "<aside></aside>\n",
    )
    .unwrap();
    let found: Vec<String> = check_file(&path).into_iter().map(|f| f.3).collect();
    assert_eq!(
        found,
        [
            "`/encadre` closes `encadre`, whose template reads no `.Inner`: Hugo stops the \
          build on it (shortcode \"encadre\" does not evaluate .Inner or .InnerDeindent, \
          yet a closing tag was provided)"
        ]
    );
}
