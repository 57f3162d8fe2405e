//! The `links` rule kind: internal-only sections, link targets that exist,
//! links with text and a target.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use super::{
    BuildError, Context, CorpusContext, CorpusFile, Facts, Kind, Nearby, Rule, did_you_mean,
    error_at, fold_title, folded_title_matches,
};
use crate::diagnostic::Finding;
use crate::document::shortcodes::Params;
use crate::document::{Document, Link, html};
use crate::pattern::Pattern;
use crate::site::dates::{DateOf, Said};
use crate::site::{self, IdStyle, Page, RelativeBase, Site};
use crate::span::{Location, Span};
use crate::yaml::{Node, de};

pub static KIND: Kind = Kind {
    name: "links",
    summary: "Links: internal only in named sections, internal targets and anchors that exist, no empty text or target",
    doc: DOC,
    build,
    schema: |g| g.subschema_for::<Options>(),
};

const DOC: &str = r#"Checks the links of an article: Markdown links, the `href` of raw HTML's
`<a>` tags and the `src` of its `<img>` tags (outside HTML comments; their
text is not checked), and, in the named sections, bare URLs, which Hugo
turns into links.

Options:
  sections: [TITLES]    Sections (by heading title, compared lowercased and
                        without accents, or the emoji and section number
                        around it, `6. Pour aller plus loin`; a parenthesis
                        after the title is allowed) where every link must
                        stay on the site: a link
                        with a scheme (`https://`, `mailto:`) or `//host` is an
                        error there, unless its host is in `site_hosts`.
                        A footnote's definition is in no section (Hugo
                        shows it at the end of the page). Default: none.
  site_hosts: [HOSTS]   Hosts of the site itself (`example.org`; `www.`, and a
                        scheme or path written with it, are ignored): absolute
                        URLs to them are internal, and their path is checked
                        like a site path. The host of the site's Hugo
                        `baseURL` (`hugo.toml`, `config/_default/`,
                        `config/production/`) is one without being listed;
                        a `baseURL` with a path (`https://x.org/blog/`)
                        holds the site under that path only.
  targets: true         Internal targets must exist (see below).
  anchors: true         `#anchor` must be the id of a heading of the target
                        (the article itself for `#anchor` alone), or an
                        `id` its raw HTML sets (`<a id="x"></a>`, and an
                        `<a name>`) when the site renders raw HTML
                        (goldmark's `unsafe = true`, or no Hugo
                        configuration read); `#top` is the top of any page.
  empty: true           A link with no text (`[](/x/)`) or no target
                        (`[texte]()`, `[texte](#)`) is an error; an
                        image's non-blank alt (`![alt](…)`, `<img alt>`)
                        is text.
  posts: /posts/        Where posts live: `/posts/<slug>/` is the post whose
                        slug is <slug> (the front matter's `slug`, else the file
                        name without its `YYYY-MM-DD-` date).
  ignore: [PREFIXES]    Site paths never checked (pages Hugo generates, such
                        as `/tags/`; `tags/` is read as `/tags/`). An empty
                        entry, or `/` alone, is refused: every path starts
                        with it (`targets: false` checks none).
  site_root: PATH       The folder holding the site's `content/` (relative to
                        the file that sets it: the pack, or repere.toml). By
                        default it is found by walking up from each article
                        to the first folder that holds `content/`. It names
                        the site of the whole run: not in `[[overrides]]`.

How targets are found: the command line reads the site once (every page of
`content/`, with its address and its headings' anchors, and every file of
`static/`). A site path (`/le-role-du-cto/`, `/posts/<slug>/`,
`/images/a.png`, with or without `#anchor` or `?query`) must lead to one of
them. Addresses follow Hugo: the home page `/` is always there (with or
without `content/_index.md`); a page's `index.html` (`/posts/x/index.html`)
is the page; `content/<dir>/_index.md` is `/<dir>/`;
`content/<dir>/<file>.md` and the bundle `content/<dir>/<file>/index.md`
are `/<dir>/<slug>/`, a bundle's files under it (names and slugs sanitized
as Hugo does: punctuation such as `'` or `→` dropped, spaces as one `-`);
`url` and `aliases` in the front matter count; every top-level folder of
`content/` is a section page; a section's feed (`/posts/index.xml`) and
list pages (`/posts/page/2/`), `/sitemap.xml` and `/robots.txt` are there.
Anchors follow Hugo's `github` ids: the heading text (its last line)
lowercased, accents kept, spaces and `-` as `-`, other punctuation dropped,
`{#id}` when given,
`-1`, `-2` added to repeated ids; `#top` is the top of any page. A link to a
page whose front matter says `draft: true` is an error too: Hugo does not
publish it; so is a link to a page dated after today (its `publishDate`,
else `date`), which Hugo builds only from that day, unless the linking
article is dated as late or the site's configuration sets `buildFuture`;
and a link to a page whose `expiryDate` is past, which Hugo no longer
builds, unless the linking article expires first or the configuration sets
`buildExpired`. The dates are read from the sources the site's
`[frontmatter]` configuration lists (`:filename` included); a date repere
cannot know (`:git`, a key of the site's own) leaves the page unreported.

Hugo's `{{< ref "…" >}}` and `{{< relref "…" >}}` (anywhere outside code) are
checked with the site: a path from the root of `content/` (`"/posts/x.md"`,
extension optional) must name a page that is not a draft, dated after
today or expired, and its `#anchor`
a heading of it; a relative path is checked only when it is found.

A relative link (`../autre/`, `image.png`, `autre.md`) is read as a browser
reads it, from the article's address (`/posts/x/`; the folder of one Hugo
writes as a file, `/posts/x.html`), and checked as a site path; so is an
image's. It is not checked where a render hook may write it otherwise: a
`_markup/render-link` template (`render-image` for an image) of the site
or of a theme, layouts repere cannot all see (no configuration file at the
root or in `config/_default/`, Hugo modules, a theme named but absent), or
Hugo's own hook (`[markup.goldmark.renderHooks.link]` or `.image`, or a
site of several languages, where Hugo 0.123 and later use it); nor where
the article's address is not known.

When no site is found (no folder holding `content/` above the article), only
the files being checked are known: `/posts/<slug>/` is looked up among their
slugs, anchors among their headings, and other site paths and relative
links are not checked.

Example:
  - id: internal-links
    kind: links
    severity: error
    sections: ["Pour aller plus loin", "Pour approfondir"]
    ignore: [/tags/, /categories/]
"#;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    site_hosts: Vec<String>,
    #[serde(default = "yes")]
    targets: bool,
    #[serde(default = "yes")]
    anchors: bool,
    #[serde(default = "yes")]
    empty: bool,
    #[serde(default = "default_posts")]
    posts: String,
    /// Each names a path: empty, or `/` alone, it would ignore every one.
    #[serde(default)]
    #[schemars(inner(regex(pattern = r"[^/\s]")))]
    ignore: Vec<String>,
    site_root: Option<PathBuf>,
}

fn yes() -> bool {
    true
}

fn default_posts() -> String {
    "/posts/".to_string()
}

struct LinksRule {
    sections: Vec<String>,
    /// `site_hosts`, each the site from its root.
    site_hosts: Vec<Base>,
    targets: bool,
    anchors: bool,
    empty: bool,
    posts: String,
    ignore: Vec<String>,
    site_root: Option<PathBuf>,
}

fn build(node: &Node) -> Result<Box<dyn Rule>, BuildError> {
    Ok(Box::new(links_rule(node)?))
}

fn links_rule(node: &Node) -> Result<LinksRule, BuildError> {
    let opts: Options = de::from_node(node)?;
    if !(opts.targets || opts.anchors || opts.empty) && opts.sections.is_empty() {
        return Err(error_at(
            node,
            "every check of the rule is off (`targets`, `anchors`, `empty`) and it names no `sections`, so it would report nothing; set the rule `off` instead",
        ));
    }
    // An item that can match nothing, pointed at.
    let items = |key: &str| {
        node.get(key)
            .and_then(Node::as_seq)
            .map(<[Node]>::iter)
            .into_iter()
            .flatten()
    };
    super::empty_section_title(node)?;
    if let Some(bad) = items("site_hosts").find(|n| {
        n.as_str().is_some_and(|h| {
            let host = host_of(h);
            host.is_empty() || host.contains(char::is_whitespace)
        })
    }) {
        return Err(error_at(
            bad,
            "this is not a host name: write one as `example.org` (a scheme, `www.` and a path are dropped)",
        ));
    }
    // `tags/` is read as `/tags/`, so an empty entry is `/`, the start of
    // every site path: no target would be checked.
    if let Some(bad) = items("ignore").find(|n| {
        n.as_str()
            .is_some_and(|p| p.trim().trim_start_matches('/').is_empty())
    }) {
        return Err(error_at(
            bad,
            "this entry of `ignore` is empty (or `/` alone): every site path starts with it, so no target would be checked; write the paths to ignore (`/tags/`), or set `targets: false`",
        ));
    }
    Ok(LinksRule {
        sections: opts.sections.iter().map(|s| fold_title(s)).collect(),
        site_hosts: opts.site_hosts.iter().map(|h| Base::root(h)).collect(),
        targets: opts.targets,
        anchors: opts.anchors,
        empty: opts.empty,
        posts: site::normalize(&opts.posts),
        // Site paths, compared with addresses that start with `/`.
        ignore: opts
            .ignore
            .iter()
            .map(|p| format!("/{}", p.trim().trim_start_matches('/').to_lowercase()))
            .collect(),
        site_root: opts.site_root,
    })
}

/// A host of `site_hosts` as links are compared with it: lowercased, without
/// `www.`, and without the scheme, user, path and default port (`:80`,
/// `:443`) it may be written with (`https://example.org/` is
/// `example.org`). Another port stays (`example.org:8080`): a server there
/// is not the site's.
fn host_of(written: &str) -> String {
    let h = written.trim().to_lowercase();
    let h = h.split_once("://").map_or(h.as_str(), |(_, rest)| rest);
    let h = h.trim_start_matches("//");
    let h = h.split(['/', '?', '#']).next().unwrap_or(h);
    let h = h.rsplit_once('@').map_or(h, |(_, host)| host);
    let h = match h.rsplit_once(':') {
        Some((name, "" | "80" | "443")) => name,
        _ => h,
    };
    h.trim_start_matches("www.").to_string()
}

/// Where the site is: a host of its own, and the path the site starts at
/// there (`/`, or `/blog/` for a site published at `https://x.org/blog/`),
/// lowercased.
#[derive(Debug, Clone, PartialEq)]
struct Base {
    host: String,
    path: String,
}

impl Base {
    /// A host of `site_hosts`: the site from its root, whatever path it is
    /// written with.
    fn root(written: &str) -> Base {
        Base {
            host: host_of(written),
            path: "/".to_string(),
        }
    }

    /// A `baseURL` of the site's Hugo configuration
    /// (`https://www.repere-carriere.fr/`, `https://x.org/blog/`), with its
    /// path; `None` for one without a host (`/`, a relative base).
    fn of_base_url(url: &str) -> Option<Base> {
        let url = url.trim().to_lowercase();
        let rest = match url.split_once("://") {
            Some((_, rest)) => rest,
            None => url.strip_prefix("//")?,
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let host = host_of(&rest[..end]);
        if host.is_empty() {
            return None;
        }
        let path = rest[end..].split(['?', '#']).next().unwrap_or("");
        let path = path.trim_matches('/');
        Some(Base {
            host,
            path: if path.is_empty() {
                "/".to_string()
            } else {
                format!("/{path}/")
            },
        })
    }

    /// The site path of `path` (what follows the host in a link to it:
    /// empty, or from its `/`, `?` or `#`), if it is under the base's path:
    /// `/blog/posts/a/` is `/posts/a/` for `/blog/`, `/blog` is `/`, and
    /// `/autre/` is not on the site.
    fn site_path(&self, path: &str) -> Option<String> {
        let prefix = self.path.trim_end_matches('/');
        let head = path.get(..prefix.len())?;
        if !head.eq_ignore_ascii_case(prefix) {
            return None;
        }
        let rest = &path[prefix.len()..];
        match rest.chars().next() {
            None => Some("/".to_string()),
            Some('/') => Some(rest.to_string()),
            Some('?' | '#') => Some(format!("/{rest}")),
            Some(_) => None,
        }
    }
}

/// What a link destination is.
#[derive(Debug, PartialEq)]
enum Dest {
    Empty,
    /// Leaves the site (a scheme, or `//host`).
    External,
    /// A path on the site, decoded, with its anchor.
    Site {
        path: String,
        anchor: Option<String>,
    },
    /// `#anchor` on the same page.
    Anchor(String),
    /// A path from the root of the host (`/posts/a/`) outside the path the
    /// site is published under (`/blog/`, by its `baseURL`), decoded.
    OffBase(String),
    /// A relative path (`../autre/`): checked from the article's address
    /// where it can be known (see [`Site::relative_bases`]).
    Relative,
}

fn scheme_len(dest: &str) -> Option<usize> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(colon)
}

impl LinksRule {
    /// Where `dest` leads, the site's own hosts being `site_hosts` only
    /// (with no site, there is no Hugo configuration to name others).
    fn classify(&self, dest: &str) -> Dest {
        self.classify_on(dest, &self.site_hosts)
    }

    /// The site's own hosts: its Hugo configuration's `baseURL`s, then
    /// `site_hosts`. The longest path first, so that a link under a base's
    /// path is read from there (`https://x.org/blog/a/` is `/a/` when the
    /// site is published at `https://x.org/blog/`, whatever `site_hosts`
    /// says of `x.org`).
    fn bases(&self, site: Option<&Site>) -> Vec<Base> {
        let configured: Vec<Base> = site
            .map(Site::base_urls)
            .unwrap_or_default()
            .iter()
            .filter_map(|u| Base::of_base_url(u))
            .collect();
        // A site published under a path (every `baseURL` with the same
        // one, `https://exemple.org/blog/`): a link from the root of the
        // host is on the site under that path only, as Hugo leaves
        // Markdown links as written; unless `canonifyURLs` or
        // `relativeURLs` rewrite them from the `baseURL` (`/posts/a/` then
        // works; `/blog/posts/a/` is then `/blog/blog/…` to Hugo 0.111).
        let under = configured
            .first()
            .map(|b| b.path.clone())
            .filter(|p| p != "/" && configured.iter().all(|b| &b.path == p))
            .filter(|_| !site.is_some_and(Site::rewrites_root_links))
            .map(|path| Base {
                host: String::new(),
                path,
            });
        let mut bases: Vec<Base> = configured
            .into_iter()
            .chain(self.site_hosts.iter().cloned())
            .chain(under)
            .collect();
        bases.sort_by_key(|b| std::cmp::Reverse(b.path.len()));
        bases
    }

    /// Where `dest` leads, the site's own hosts being `bases`: a link to
    /// one of them is a path of the site.
    fn classify_on(&self, dest: &str, bases: &[Base]) -> Dest {
        let dest = dest.trim();
        if dest.is_empty() || dest == "#" {
            return Dest::Empty;
        }
        let (rest, host) = if let Some(colon) = scheme_len(dest) {
            let scheme = dest[..colon].to_ascii_lowercase();
            match dest[colon + 1..].strip_prefix("//") {
                Some(after) if scheme == "http" || scheme == "https" => (after, true),
                _ => return Dest::External,
            }
        } else if let Some(after) = dest.strip_prefix("//") {
            (after, true)
        } else {
            (dest, false)
        };
        let on_site;
        let path = if host {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let name = host_of(&rest[..end]);
            // (A base without a host is the path of links from the root.)
            let under = bases
                .iter()
                .filter(|b| !b.host.is_empty() && b.host == name)
                .find_map(|b| b.site_path(&rest[end..]));
            let Some(under) = under else {
                return Dest::External;
            };
            on_site = under;
            on_site.as_str()
        } else {
            // From the root of the host, on a site published under a path.
            match bases.iter().find(|b| b.host.is_empty()) {
                Some(base) if rest.starts_with('/') && !rest.starts_with("//") => {
                    match base.site_path(rest) {
                        Some(under) => {
                            on_site = under;
                            on_site.as_str()
                        }
                        None => {
                            let bare = rest.split(['?', '#']).next().unwrap_or(rest);
                            return Dest::OffBase(percent_decode(bare));
                        }
                    }
                }
                _ => rest,
            }
        };
        if let Some(anchor) = path.strip_prefix('#') {
            return Dest::Anchor(percent_decode(anchor));
        }
        if !path.starts_with('/') && !path.starts_with('?') {
            return Dest::Relative;
        }
        let (before_hash, anchor) = match path.split_once('#') {
            Some((p, a)) => (p, (!a.is_empty()).then(|| percent_decode(a))),
            None => (path, None),
        };
        let bare = before_hash.split('?').next().unwrap_or("");
        let bare = if bare.is_empty() { "/" } else { bare };
        Dest::Site {
            path: site::paths::without_dot_segments(&percent_decode(bare)),
            anchor,
        }
    }

    /// The slug of `/posts/<slug>/` (normalized), if the path is a post's.
    fn post_slug<'a>(&self, normalized: &'a str) -> Option<&'a str> {
        let name = normalized
            .strip_prefix(self.posts.as_str())?
            .strip_suffix('/')?;
        (!name.is_empty() && !name.contains('/')).then_some(name)
    }

    /// Whether `ignore` lists the start of the address `normalized`, also
    /// after the folder of one of the site's languages (`/en/tags/`).
    fn ignored(&self, normalized: &str, site: Option<&Site>) -> bool {
        let in_language = site.and_then(|s| s.without_language(normalized));
        self.ignore.iter().any(|p| {
            normalized.starts_with(p.as_str())
                || in_language.is_some_and(|rest| rest.starts_with(p.as_str()))
        })
    }

    /// The named sections, outermost only (sections nest or are apart),
    /// in order: their contents and headings. The named section holding an
    /// offset is then found by bisection, not by a pass over all sections.
    fn named_sections<'d>(&self, doc: &'d Document) -> Vec<(Span, &'d crate::document::Heading)> {
        let mut out: Vec<(Span, &crate::document::Heading)> = Vec::new();
        if self.sections.is_empty() {
            return out;
        }
        for s in &doc.body.sections {
            let Some(h) = doc.body.headings.get(s.heading) else {
                continue;
            };
            let inside_last = out.last().is_some_and(|(c, _)| s.content.start < c.end);
            if inside_last {
                continue;
            }
            let title = fold_title(&h.text);
            if self
                .sections
                .iter()
                .any(|n| folded_title_matches(&title, n))
            {
                out.push((s.content, h));
            }
        }
        out
    }

    fn check_sections(
        &self,
        doc: &Document,
        named: &[(Span, &crate::document::Heading)],
        bases: &[Base],
        bare: &[BareUrl],
        broken: &[Span],
        cx: &mut Context,
    ) {
        let outside = |heading: &crate::document::Heading, span: Span, url: &str| {
            Finding::new(
                span,
                format!(
                    "`{url}` links outside the site in « {} », which links only to the site's own pages",
                    heading.text
                ),
            )
            .label(heading.text_span, "this section takes internal links only")
            .help(format!("link a page of the site instead (e.g. `{}<slug>/`), or move this link into the body of the article", self.posts))
        };
        if named.is_empty() {
            return;
        }
        let section_at = |offset: usize| section_at(named, offset);
        // A footnote's definition is shown in the footnotes block at the
        // end of the page, whatever section it is written in: its links
        // are in no section (a link reference's definition needs nothing
        // of the kind, as its link is where it is used).
        for link in doc
            .body
            .links
            .iter()
            .filter(|l| !l.image && !doc.body.in_footnote(l.span))
        {
            let Some(heading) = section_at(link.span.start) else {
                continue;
            };
            if self.classify_on(&link.dest, bases) == Dest::External
                && !in_tag(doc, broken, link.span)
            {
                cx.report(outside(heading, dest_span(doc, link), &link.dest));
            }
        }
        for bare in bare.iter().filter(|b| !b.in_footnote) {
            let Some(heading) = section_at(bare.block_start) else {
                continue;
            };
            if self.classify_on(&bare.dest(), bases) == Dest::External {
                cx.report(outside(heading, bare.span, &bare.url));
            }
        }
    }

    fn check_empty(&self, doc: &Document, cx: &mut Context) {
        // Raw HTML's `<a>` is left alone: its text is not known, and
        // `href="#"` is a common HTML idiom.
        for link in doc
            .body
            .links
            .iter()
            .filter(|l| !l.image && !l.autolink && !l.html)
        {
            let written = doc.text(link.span);
            if link.dest.trim().is_empty() || link.dest.trim() == "#" {
                cx.report(
                    Finding::new(
                        dest_span(doc, link),
                        format!("the link `{written}` has no target"),
                    )
                    .help(format!(
                        "put the address between the parentheses, e.g. `({}<slug>/)`",
                        self.posts
                    )),
                );
            }
            if link.text.trim().is_empty() && !has_html_alt(doc, link) {
                cx.report(
                    Finding::new(link.span, format!("the link `{written}` has no text"))
                        .help("write the words readers click between the brackets, e.g. the title of the target"),
                );
            }
        }
    }

    fn check_targets(&self, doc: &Document, site: Option<&Site>, bases: &[Base], cx: &mut Context) {
        // The ids raw HTML sets (`<a id="ancien-titre"></a>`) are anchors
        // of the page when the site renders raw HTML.
        let ids = site::page_anchors(
            doc,
            site.is_none_or(Site::renders_html),
            site.map_or(IdStyle::default(), Site::id_style),
        );
        let own: Vec<&str> = ids.0.iter().map(String::as_str).collect();
        let own_set: HashSet<&str> = own.iter().copied().collect();
        let mut pages = TargetAnchors::default();
        // Where the browser resolves relative links from, and the path the
        // site is published under, read once one is met (see
        // [`Site::relative_bases`]).
        let mut relative_bases: Option<Option<(Vec<RelativeBase>, String)>> = None;
        for link in &doc.body.links {
            let dest = self.classify_on(&link.dest, bases);
            match dest {
                Dest::Anchor(anchor)
                    if self.anchors && !own_set.contains(anchor.as_str()) && !is_top(&anchor) =>
                {
                    let suggestion = pages.suggest.among(&anchor, own.iter().copied());
                    let mut finding =
                        missing_anchor(dest_span(doc, link), &anchor, "this article", suggestion);
                    if site::html_ids(doc).0.contains(&anchor) {
                        finding = finding.help(format!(
                            "`{anchor}` is the id of raw HTML, which the site does not render: Hugo leaves raw HTML out of the page unless its configuration sets `unsafe = true` in `[markup.goldmark.renderer]`; link a heading, or set it"
                        ));
                    }
                    cx.report(finding);
                }
                Dest::OffBase(path) if self.targets => {
                    let Some(site) = site else { continue };
                    cx.report(off_base(doc, link, &path, bases, site));
                }
                Dest::Site { path, anchor } if self.targets => {
                    let Some(site) = site else { continue };
                    let target = Target {
                        path,
                        anchor,
                        written: &link.dest,
                    };
                    if let Err(key) = self.check_target(doc, link, site, &target, &mut pages, cx) {
                        cx.report(self.missing_in_site(doc, link, &key, site));
                    }
                }
                Dest::Relative if self.targets && !link.dest.contains("{{") => {
                    // Render hooks do not see raw HTML.
                    let Some(site) = site.filter(|s| link.html || !s.may_rewrite(link.image))
                    else {
                        continue;
                    };
                    let known = relative_bases.get_or_insert_with(|| {
                        let front = site::PageFront::from_root(doc.front());
                        let bases = site.relative_bases(&doc.path, &front)?;
                        Some((bases, published_path(site)))
                    });
                    let Some((bases, published)) = known.as_ref() else {
                        continue;
                    };
                    self.check_relative(doc, link, site, (bases, published), &mut pages, cx);
                }
                _ => {}
            }
        }
    }

    /// Hugo's `ref` and `relref` shortcodes (`{{< ref "/posts/x.md" >}}`),
    /// outside code: a path from the root of `content/` must name a page
    /// that is not a draft, and its `#anchor` a heading of it. Hugo stops
    /// the build on a `ref` it cannot resolve. A path without a leading `/`
    /// is looked for relative to the article, then from the root, and
    /// reported only as a draft or for its anchor: Hugo also finds a page by
    /// its name alone, anywhere, which repere does not follow.
    fn check_refs(&self, doc: &Document, site: &Site, cx: &mut Context) {
        // The article's folder under `content/`, found once a relative ref
        // asks for it. Both absolute: the article may be named relative to
        // the current folder and the site root not, or the other way round.
        let here = std::cell::OnceCell::new();
        let here = || here.get_or_init(|| site.content_folder(&doc.path));
        let code = || here().as_ref().map(|(_, code)| code.as_str());
        // The calls: `ref` or `relref`, the path as written, and where.
        let mut calls: Vec<(&str, &str, Span)> = Vec::new();
        for block in &doc.body.blocks {
            // Every match opens with `{{`.
            if !block.text.contains("{{") {
                continue;
            }
            for caps in ref_regex().captures_iter(&block.text) {
                let (Some(whole), Some(name), Some(arg)) =
                    (caps.get(0), caps.get(1), caps.get(2).or(caps.get(3)))
                else {
                    continue;
                };
                if !block.touches_code(whole.range()) {
                    let span = block.source_span(arg.range());
                    calls.push((name.as_str(), arg.as_str(), span));
                }
            }
        }
        // In raw HTML too (`<a href="{{< ref "p.md" >}}">`, an HTML
        // block, a comment), as written in the file, when the site
        // renders raw HTML: Hugo then calls the shortcode (otherwise it
        // omits the HTML, and the call with it).
        let html = doc.body.html.iter().filter(|_| site.renders_html());
        for html in html {
            let text = doc.text(html.span);
            if !text.contains("{{") {
                continue;
            }
            for caps in ref_regex().captures_iter(text) {
                if let (Some(name), Some(arg)) = (caps.get(1), caps.get(2).or(caps.get(3))) {
                    let span = Span::new(arg.start(), arg.end()).offset(html.span.start);
                    calls.push((name.as_str(), arg.as_str(), span));
                }
            }
        }
        for (shortcode, written, span) in calls {
            // As a browser reads the fragment Hugo writes: decoded.
            let (path, anchor) = match written.split_once('#') {
                Some((p, a)) => (p, (!a.is_empty()).then(|| percent_decode(a))),
                None => (written, None),
            };
            let anchor = anchor.as_deref();
            if path.is_empty() {
                // `ref "#anchor"`: Hugo writes `#anchor`, of the page itself.
                if let (Some(anchor), true) = (anchor, self.anchors) {
                    let ids = site::page_anchors(doc, site.renders_html(), site.id_style());
                    if !ids.0.iter().any(|id| id == anchor) && !is_top(anchor) {
                        let suggestion = did_you_mean(anchor, ids.0.iter().map(String::as_str));
                        cx.report(missing_anchor(span, anchor, "this article", suggestion));
                    }
                }
                continue;
            }
            let absolute = path.starts_with('/');
            let found = if absolute {
                site.content_page_in(path, code())
            } else {
                here()
                    .as_ref()
                    .map(|(h, _)| h.as_str())
                    .filter(|h| !h.is_empty())
                    .and_then(|h| site.content_page_in(&format!("{h}/{path}"), code()))
                    .or_else(|| site.content_page_in(path, code()))
            };
            let Some(page) = found else {
                let resource = if absolute {
                    site.content_resource(path)
                } else {
                    None
                };
                if let Some(bundle) = resource {
                    let bundle = Path::new("content").join(bundle);
                    cx.report(
                            Finding::new(
                                span,
                                format!(
                                    "`{shortcode} \"{written}\"` names a resource of the leaf bundle `{}/`, not a page: Hugo publishes no page for it, and stops the build on it",
                                    bundle.display()
                                ),
                            )
                            .help("name the bundle's page (its `index.md`), or move the file out of the bundle to make it a page of its own"),
                        );
                } else if absolute {
                    cx.report(
                            Finding::new(
                                span,
                                format!(
                                    "`{shortcode} \"{written}\"` names no page: no file under `content/` is at `{path}`, and Hugo stops the build on it"
                                ),
                            )
                            .help("write the page's path from `content/` (`/posts/2025-01-01-slug.md`, the extension may be left out), or a bundle's or section's folder"),
                        );
                }
                continue;
            };
            let what = format!("{shortcode} \"{written}\"");
            if let Some(gone) = unbuilt(doc, site, &page, &what) {
                cx.report(gone.at(span));
                continue;
            }
            let (Some(anchor), true) = (anchor, self.anchors) else {
                continue;
            };
            let Some(ids) = site.anchors(&page) else {
                continue;
            };
            if !ids.iter().any(|id| id == anchor) && !is_top(anchor) {
                let suggestion = did_you_mean(anchor, ids.iter().map(String::as_str));
                let target = format!("`{}`", Path::new("content").join(&page.file).display());
                cx.report(missing_anchor(span, anchor, &target, suggestion));
            }
        }
    }

    /// Checks the target of `link` on the site: `Err` with its page key
    /// when nothing is there (for the caller to report as it reads), else
    /// reports a page Hugo does not build or a missing anchor.
    fn check_target(
        &self,
        doc: &Document,
        link: &Link,
        site: &Site,
        target: &Target<'_>,
        pages: &mut TargetAnchors,
        cx: &mut Context,
    ) -> Result<(), String> {
        let key = site::page_key(&target.path);
        if self.ignored(&key, Some(site)) {
            return Ok(());
        }
        if !site.exists(&target.path) {
            return Err(key);
        }
        let page = site
            .page(&target.path)
            .filter(|p| !p.file.as_os_str().is_empty());
        if let Some(page) = page.as_ref()
            && let Some(gone) = unbuilt(doc, site, page, target.written)
        {
            cx.report(gone.at(dest_span(doc, link)));
            return Ok(());
        }
        let (Some(anchor), true) = (&target.anchor, self.anchors) else {
            return Ok(());
        };
        // A page whose text cannot be read has no known anchors.
        let Some(page_anchors) = page.and_then(|p| site.anchors(&p)) else {
            return Ok(());
        };
        let ids = pages
            .ids
            .entry(key.clone())
            .or_insert_with(|| page_anchors.iter().cloned().collect());
        if !ids.contains(anchor.as_str()) && !is_top(anchor) {
            let suggestion = pages
                .suggest
                .among(anchor, page_anchors.iter().map(String::as_str));
            cx.report(missing_anchor(
                dest_span(doc, link),
                anchor,
                &format!("`{key}`"),
                suggestion,
            ));
        }
        Ok(())
    }

    /// A relative link (`../autre/`, `image.png`), which Hugo writes as
    /// is: where a browser takes it from the page's address (one of
    /// `bases`, see [`Site::relative_bases`], under the path the site is
    /// `published` at), something must be, as for a link from the root.
    fn check_relative(
        &self,
        doc: &Document,
        link: &Link,
        site: &Site,
        (bases, published): (&[RelativeBase], &str),
        pages: &mut TargetAnchors,
        cx: &mut Context,
    ) {
        let written = link.dest.trim();
        let (path_part, suffix) =
            written.split_at(written.find(['?', '#']).unwrap_or(written.len()));
        let under: Vec<Base> = (!published.is_empty())
            .then(|| Base {
                host: String::new(),
                path: format!("{published}/"),
            })
            .into_iter()
            .collect();
        let mut first_missing = None;
        for base in bases {
            let resolved = site::paths::without_dot_segments(&format!(
                "{published}{}{path_part}",
                base.folder
            ));
            let (path, off) = match self.classify_on(&format!("{resolved}{suffix}"), &under) {
                Dest::Site { path, anchor } => {
                    let target = Target {
                        path: path.clone(),
                        anchor,
                        written,
                    };
                    match self.check_target(doc, link, site, &target, pages, cx) {
                        Ok(()) => return,
                        Err(_) => (path, false),
                    }
                }
                Dest::OffBase(path) => (path, true),
                _ => return,
            };
            first_missing.get_or_insert(RelativeMiss {
                written,
                path_part,
                published,
                base,
                path,
                off,
            });
        }
        if let Some(miss) = first_missing {
            // The folder of the article's file, as an address (`/posts/`),
            // for a page that is no bundle's: where a link written from the
            // file's folder would lead.
            let bundle = doc.path.file_stem().is_some_and(|s| s == "index")
                || site::is_index_page(&doc.path, site::language_like);
            let file_folder = site
                .content_folder(&doc.path)
                .filter(|_| !bundle)
                .map(|(folder, _)| site::normalize(&folder));
            cx.report(miss.finding(dest_span(doc, link), site, file_folder.as_deref()));
        }
    }

    fn missing_in_site(&self, doc: &Document, link: &Link, key: &str, site: &Site) -> Finding {
        self.missing_at(dest_span(doc, link), &link.dest, key, site)
    }

    /// A bare URL of the site's own host (`https://www.repere-carriere.fr/posts/x/`
    /// written in the text, which Hugo makes a link) must lead somewhere,
    /// as a link must.
    fn check_bare_targets(&self, site: &Site, bases: &[Base], bare: &[BareUrl], cx: &mut Context) {
        for url in bare {
            let Dest::Site { path, .. } = self.classify_on(&url.dest(), bases) else {
                continue;
            };
            let key = site::page_key(&path);
            if !self.ignored(&key, Some(site)) && !site.exists(&path) {
                cx.report(self.missing_at(url.span, &url.url, &key, site));
            }
        }
    }

    /// The finding of `dest`, written at `span`, whose site path `key` no
    /// page or file of the site has.
    fn missing_at(&self, span: Span, dest: &str, key: &str, site: &Site) -> Finding {
        if let Some(ugly) = site.ugly_address(key) {
            return Finding::new(
                span,
                format!(
                    "`{dest}` leads nowhere: the site sets `uglyURLs`, so Hugo writes this page at `{ugly}`"
                ),
            )
            .help(format!("link `{ugly}`"));
        }
        let (dir, name) = match key.trim_end_matches('/').rsplit_once('/') {
            Some((d, n)) => (format!("{d}/"), n),
            None => ("/".to_string(), key),
        };
        let suggestion = site.suggest_page(&dir, name);
        let content = site.root().join("content");
        // Where `[permalinks]` place posts elsewhere, a post's slug is not
        // what its address under `/posts/` says.
        let message = match self.post_slug(key).filter(|_| !site.has_permalinks()) {
            Some(slug) => format!(
                "`{}` leads nowhere: no post of the site has the slug `{slug}`",
                dest
            ),
            None => {
                // A file's address (`/img/tarte.png`) is shown as one, not
                // as the page address it was also looked up as.
                let shown = if name.contains('.') {
                    key.trim_end_matches('/')
                } else {
                    key
                };
                format!(
                    "`{}` leads nowhere: no page or file of the site is at `{shown}`",
                    dest
                )
            }
        };
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "check the address; the site's pages were read from `{}`",
                content.display()
            ),
        };
        Finding::new(span, message).help(help)
    }
}

/// A link's target on the site: its path (decoded, dot segments resolved)
/// and anchor, and the destination as written.
struct Target<'a> {
    path: String,
    anchor: Option<String>,
    written: &'a str,
}

/// The anchors of the pages an article links to, read once per page, and
/// the suggestions made for missing anchors, its own included.
#[derive(Default)]
struct TargetAnchors {
    ids: HashMap<String, HashSet<String>>,
    suggest: Suggestions,
}

/// The path the site is published under on its host, without its final
/// `/` (`/blog`, where every `baseURL` has it), or empty at the root.
fn published_path(site: &Site) -> String {
    let bases: Vec<Base> = site
        .base_urls()
        .iter()
        .filter_map(|u| Base::of_base_url(u))
        .collect();
    match bases.first() {
        Some(b) if b.path != "/" && bases.iter().all(|o| o.path == b.path) => {
            b.path.trim_end_matches('/').to_string()
        }
        _ => String::new(),
    }
}

/// A relative link that leads nowhere from the page's address `base`: to
/// the site path `path`, or, `off`, to the path `path` of the host outside
/// the one the site is `published` under.
struct RelativeMiss<'a> {
    written: &'a str,
    /// `written` before its `?` or `#`.
    path_part: &'a str,
    published: &'a str,
    base: &'a RelativeBase,
    path: String,
    off: bool,
}

impl RelativeMiss<'_> {
    /// The finding at `span`; `file_folder` is the folder of the article's
    /// file as an address (`/posts/`), when it is no bundle's page.
    fn finding(&self, span: Span, site: &Site, file_folder: Option<&str>) -> Finding {
        let RelativeMiss {
            written,
            path_part,
            published,
            base,
            path,
            off,
        } = self;
        let read = format!(
            "a relative link is read from the page's address, `{published}{}`",
            base.address
        );
        if *off {
            return Finding::new(
                span,
                format!(
                    "`{written}` leads off the site: {read}, so it is `{path}`, outside `{published}/`, where the site is published"
                ),
            )
            .help(if site.exists(path) {
                format!("write `{published}{path}`: it is there")
            } else {
                format!("check the `../`: they lead above `{published}/`, the site's root")
            });
        }
        let message = format!(
            "`{written}` leads nowhere: {read}, so it is `{published}{path}`, where no page or file of the site is"
        );
        let name = path_part
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(path_part);
        // The same link read from the folder of the page's file in
        // `content/`, where it is the folder above the page's address (the
        // address made from the file's name), and from the root.
        let above = site::paths::folder_above(&base.folder);
        let from_file =
            (base.folder == base.address && base.folder != "/" && file_folder == Some(above))
                .then(|| site::paths::without_dot_segments(&format!("{above}{path_part}")))
                .filter(|p| !path_part.is_empty() && site.exists(p));
        let rooted = format!("/{}", path_part.trim_start_matches("./"));
        let help = if path_part.starts_with("www.") {
            format!("a link without a scheme is relative: write `https://{written}`")
        } else if let Some(ugly) = site.ugly_address(path) {
            format!(
                "the site sets `uglyURLs`, so Hugo writes this page at `{published}{ugly}`; link it"
            )
        } else if from_file.is_some() {
            format!(
                "a relative link is read from the page's address, not from its file's folder in `content/`: write `../{written}`"
            )
        } else if !path_part.starts_with("../") && site.exists(&rooted) {
            format!(
                "write `{published}{rooted}{}`, from the root of the site, where there is a page or file",
                &written[path_part.len()..]
            )
        } else if site::without_content_extension(name).len() < name.len()
            && !name.to_ascii_lowercase().ends_with(".html")
            && !name.to_ascii_lowercase().ends_with(".htm")
        {
            format!(
                "Hugo writes a link to a content file as is; link the page's address, or write `{{{{< relref \"{path_part}\" >}}}}`, which Hugo resolves from the article's folder"
            )
        } else {
            let key = site::page_key(path);
            let (dir, last) = match key.trim_end_matches('/').rsplit_once('/') {
                Some((d, n)) => (format!("{d}/"), n),
                None => ("/".to_string(), key.as_str()),
            };
            match site.suggest_page(&dir, last) {
                Some(s) => format!("did you mean `{published}{s}`?"),
                None => format!(
                    "check the link, or write it from the root of the site (`{published}/posts/…/`); the site's pages were read from `{}`",
                    site.root().join("content").display()
                ),
            }
        };
        Finding::new(span, message).help(help)
    }
}

/// The named section (see [`LinksRule::named_sections`]) whose content
/// holds `offset`, by its heading.
fn section_at<'d>(
    named: &[(Span, &'d crate::document::Heading)],
    offset: usize,
) -> Option<&'d crate::document::Heading> {
    let after = named.partition_point(|(c, _)| c.start <= offset);
    let (content, heading) = named.get(after.checked_sub(1)?)?;
    (offset < content.end).then_some(*heading)
}

/// A URL written bare in the text (`https://…`, `www.…`), which Hugo turns
/// into a link (see [`bare_urls`]).
struct BareUrl {
    /// Where it is written.
    span: Span,
    url: String,
    /// Where its block starts (its section).
    block_start: usize,
    /// In a footnote's definition (shown in the footnotes block).
    in_footnote: bool,
}

impl BareUrl {
    /// As a link's destination: `www.` without a scheme is a web address
    /// too (GFM and Hugo's goldmark link it), not a relative path.
    fn dest(&self) -> String {
        if self.url.starts_with("www.") {
            format!("https://{}", self.url)
        } else {
            self.url.clone()
        }
    }
}

/// The shortcode tags Hugo cannot read (`{{< youtube https://… >}}`,
/// unquoted), from the tag to its end or its line's, where Hugo read no
/// further: the markup rule reports the tag, on which the build stops, at
/// the URL's `:`, so that none of its URLs is a link. Read in a Hugo site
/// only (`in_site`), as the markup rule reads tags: elsewhere such a URL
/// is still told, as nothing else would tell of it.
fn broken_tags(doc: &Document, in_site: bool) -> Vec<Span> {
    if !in_site {
        return Vec::new();
    }
    let body = doc.source.get(doc.body_start..).unwrap_or_default();
    doc.body
        .shortcodes
        .tags
        .iter()
        .filter(|t| matches!(t.params, Params::Error(_)))
        .map(|t| {
            let rest = body.get(t.tag.start..).unwrap_or_default();
            let line = rest.find('\n').unwrap_or(rest.len());
            let end = rest[..line].find("}}").map_or(line, |i| i + 2);
            Span::new(t.tag.start, t.tag.start + end).offset(doc.body_start)
        })
        .collect()
}

/// Whether `span` is inside a shortcode's tag, which Hugo takes out before
/// the Markdown (the template renders its parameters), or inside a tag it
/// cannot read (`broken`, see [`broken_tags`]).
fn in_tag(doc: &Document, broken: &[Span], span: Span) -> bool {
    doc.replaced()
        .chain(broken.iter().copied())
        .any(|r| r.start <= span.start && span.end <= r.end)
}

/// The URLs written bare in the text, which Hugo turns into links: as
/// GFM's extended autolinks (see [`linkified_at`]); not in code, not the
/// text of a link (or of raw HTML's `<a>` with that `href`), not in a
/// shortcode's tag (Hugo takes the tag out before the Markdown, and the
/// template renders the value) nor in one it cannot read (`broken`, see
/// [`broken_tags`]). None without `://` or `www.`: most articles compile
/// no regex for them.
fn bare_urls(doc: &Document, broken: &[Span], wanted: impl Fn(usize) -> bool) -> Vec<BareUrl> {
    let mut found = Vec::new();
    let mut candidates = doc
        .body
        .blocks
        .iter()
        .filter(|b| wanted(b.span.start) && may_hold_url(&b.text))
        .peekable();
    if candidates.peek().is_none() {
        return found;
    }
    // The outermost links (links nest or are apart), to tell by
    // bisection whether a bare URL is inside one.
    let mut outer: Vec<Span> = doc.body.links.iter().map(|l| l.span).collect();
    outer.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    outer.dedup_by(|inner, outer| inner.start < outer.end);
    let in_link = |span: Span| {
        let after = outer.partition_point(|l| l.start <= span.start);
        after
            .checked_sub(1)
            .and_then(|i| outer.get(i))
            .is_some_and(|l| span.end <= l.end)
    };
    for block in candidates {
        for r in bare_url_regex().find_iter(&block.text) {
            if block.touches_code(r.clone()) || !linkified_at(&block.text, r.start) {
                continue;
            }
            let url = &block.text[r.clone()];
            let span = block.source_span(r);
            // Link text that happens to be a URL is its link's (for raw
            // HTML's `<a>`, whose text is not known: the same URL as an
            // `href` of the block).
            let as_href = doc.body.links.iter().any(|l| {
                l.html
                    && l.dest == url
                    && block.span.start <= l.span.start
                    && l.span.end <= block.span.end
            });
            if in_link(span) || as_href || in_tag(doc, broken, span) {
                continue;
            }
            found.push(BareUrl {
                span,
                url: url.to_string(),
                block_start: block.span.start,
                in_footnote: doc.body.in_footnote(block.span),
            });
        }
    }
    found
}

/// The finding of a link from the root of the host (`/posts/a/`) on a site
/// published under a path (`/blog/`): the browser leaves the site.
fn off_base(doc: &Document, link: &Link, path: &str, bases: &[Base], site: &Site) -> Finding {
    let base = bases
        .iter()
        .find(|b| b.host.is_empty())
        .map_or("/", |b| b.path.as_str());
    let meant = format!("{}{}", base.trim_end_matches('/'), path);
    let help = if site.exists(path) {
        format!("write `{meant}`: the page is there")
    } else {
        format!("write the address under `{base}`, as `{meant}`")
    };
    Finding::new(
        dest_span(doc, link),
        format!(
            "`{}` leads off the site: it is published under `{base}` (its `baseURL`), and this link leaves that path",
            link.dest
        ),
    )
    .help(help)
}

/// Whether the text of the Markdown link `link` holds raw HTML's `<img>`
/// with an `alt` that is not blank (`[<img src="/a.png" alt="Schéma"
/// width="300">](/posts/x/)`, an image written in HTML to set its width):
/// the `alt` names the link, as a Markdown image's does.
fn has_html_alt(doc: &Document, link: &Link) -> bool {
    doc.body
        .html
        .iter()
        .filter(|h| h.inline && h.span.start >= link.span.start && h.span.end <= link.span.end)
        .any(|h| {
            html::tags(&h.text, |_| false).any(|tag| {
                tag.name("name")
                    .is_some_and(|n| n.eq_ignore_ascii_case("img"))
                    && tag
                        .whole()
                        .and_then(|w| h.text.get(w))
                        .and_then(|t| html::attribute(t, "alt"))
                        .is_some_and(|alt| !alt.trim().is_empty())
            })
        })
}

/// The finding of a link to a page Hugo does not build: a draft, a page it
/// writes no page for (`headless`, `render: never`), or one not built by
/// its dates: not published yet, or expired (see [`site::dates`]), each
/// told against the checked article's own day. `written` is the link's
/// target as written.
fn unbuilt(doc: &Document, site: &Site, target: &Page, written: &str) -> Option<Unbuilt> {
    if site.unpublished_draft(target) {
        return Some(to_draft(written, &target.file));
    }
    if let Some(why) = target.unrendered {
        return Some(to_unrendered(written, &target.file, why));
    }
    // The article's own dates are read only for a target that is not
    // built today (most links lead to pages that are).
    let future = site.unpublished_until(target, DateOf::None).is_some();
    if !future && site.expired_on(target, DateOf::None).is_none() {
        return None;
    }
    let days = site::PageFront::from_root(doc.front()).days;
    let file = Path::new("content").join(&target.file);
    if future && let Some(day) = site.unpublished_until(target, site.publish_day(&days, &doc.path))
    {
        return Some(to_future(written, &file, day));
    }
    let (day, said) = site.expired_on(target, site.expiry_day(&days, &doc.path))?;
    Some(to_expired(written, &file, day, said))
}

/// A finding waiting for its span: (message, help).
struct Unbuilt(String, String);

impl Unbuilt {
    fn at(self, span: Span) -> Finding {
        Finding::new(span, self.0).help(self.1)
    }
}

/// A day as written in front matter: `2025-03-10`.
fn shown_day(day: u32) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day / 10_000,
        day / 100 % 100,
        day % 100
    )
}

/// A link to a page Hugo does not publish yet: its publish date, `day`,
/// is after today and after the linking article's own. `file` is the
/// page's file.
fn to_future(written: &str, file: &Path, day: u32) -> Unbuilt {
    let day = shown_day(day);
    Unbuilt(
        format!(
            "`{written}` leads to a page published on {day}: `{}` is dated after today, and Hugo does not build it before then",
            file.display()
        ),
        format!(
            "link it once it is published, or date this article {day} or later, so that both appear together (or set `buildFuture = true` in the site's Hugo configuration, if the site is built with future pages)"
        ),
    )
}

/// A link to a page Hugo no longer builds: its expiry date, `day`, said
/// by `said`, is past, and before the linking article's own.
fn to_expired(written: &str, file: &Path, day: u32, said: Said) -> Unbuilt {
    let day = shown_day(day);
    Unbuilt(
        format!(
            "`{written}` leads to a page that expired on {day} (by {}): `{}` is no longer built, as Hugo builds no expired page",
            said.shown(),
            file.display()
        ),
        format!(
            "link another page, or {change} (or set `buildExpired = true` in the site's Hugo configuration, if the site is built with expired pages)",
            change = match said {
                Said::Key(key @ ("expirydate" | "unpublishdate")) => {
                    format!("move or remove the target's `{key}`")
                }
                // A date the site's configuration reads as the expiry date.
                Said::Key(key) => format!(
                    "change the target's `{key}`, which the site's `[frontmatter] expiryDate` reads as its expiry date"
                ),
                Said::FileName => "rename the target: the site's `[frontmatter] expiryDate` reads the date that starts its file name as its expiry date".to_string(),
            }
        ),
    )
}

/// A link to a page Hugo does not publish (`draft: true`): `written` is
/// the link's target as written, `file` the page's under `content/`.
fn to_draft(written: &str, file: &Path) -> Unbuilt {
    let file = Path::new("content").join(file);
    Unbuilt(
        format!(
            "`{written}` leads to a draft: `{}` says `draft: true`, and Hugo does not publish drafts",
            file.display()
        ),
        "publish the target (remove `draft: true` from its front matter), or link another page"
            .to_string(),
    )
}

/// A link to a page Hugo writes no page for: a headless bundle, or one
/// whose `build` says `render: never` (`why`, checked with Hugo 0.111 and
/// 0.168).
fn to_unrendered(written: &str, file: &Path, why: &str) -> Unbuilt {
    let file = Path::new("content").join(file);
    Unbuilt(
        format!(
            "`{written}` leads to a page Hugo does not write: `{}` says `{why}`",
            file.display()
        ),
        "link a page Hugo writes, or have it written (remove that setting)".to_string(),
    )
}

fn missing_anchor(span: Span, anchor: &str, target: &str, suggestion: Option<&str>) -> Finding {
    let help = match suggestion {
        Some(s) => format!("did you mean `#{s}`?"),
        None => "link a heading of the target: its id is its text lowercased, spaces as `-`, punctuation dropped".to_string(),
    };
    Finding::new(span, format!("`#{anchor}` matches no heading of {target}")).help(help)
}

/// Whether an anchor is `top`, in any case: the HTML standard scrolls to
/// the top of the page for it when no element has that id.
fn is_top(anchor: &str) -> bool {
    anchor.eq_ignore_ascii_case("top")
}

/// Where a link's destination is written, or the whole link.
fn dest_span(doc: &Document, link: &Link) -> Span {
    let written = doc.text(link.span);
    let dest = link.dest.trim();
    if dest.is_empty() {
        if let Some(i) = written.rfind("()") {
            return Span::new(link.span.start + i, link.span.start + i + 2);
        }
        return link.span;
    }
    match written.rfind(dest) {
        Some(i) => Span::new(link.span.start + i, link.span.start + i + dest.len()),
        None => link.span,
    }
}

/// Hugo's `ref` and `relref` shortcodes, with their path (quoted with `"`
/// or a backtick), in either delimiter (`{{< >}}`, `{{% %}}`).
fn ref_regex() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r#"\{\{[<%]-?\s*(relref|ref)\s+(?:"([^"\n]*)"|`([^`\n]*)`)\s*-?[>%]\}\}"#)
            .expect("valid regex")
    })
}

/// Whether a bare URL at `at` is turned into a link: as GFM's extended
/// autolinks (which Hugo's goldmark follows), only at the start of a text
/// or after a space, `*`, `_`, `~` or `(`; not after `="` in a shortcode's
/// parameter, a `"` or a `«`.
fn linkified_at(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~' | '('))
}

/// Whether `text` has what every match of [`bare_url_regex`] has: `://`,
/// or `www.` in any case.
fn may_hold_url(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b':', b'.', b).any(|i| match b.get(i) {
        Some(b':') => b.get(i + 1..i + 3) == Some(b"//"),
        _ => i
            .checked_sub(3)
            .and_then(|start| b.get(start..i))
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www")),
    })
}

fn bare_url_regex() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            r"\b(?:https?://|www\.)[^\s<>«»]*[^\s<>«».,;:!?)\]'’]",
            true,
            1 << 22,
        )
        .expect("valid regex")
    })
}

/// Decodes `%XX` escapes (invalid UTF-8 is replaced).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|c| hex(*c)),
                b.get(i + 2).and_then(|c| hex(*c)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A link to a post, kept for the corpus pass.
struct PostLink {
    slug: String,
    dest: String,
    anchor: Option<String>,
    span: Span,
    location: Location,
}

/// "Did you mean" for anchors, within a budget: each suggestion compares the
/// anchor with every id of the target, so a file of thousands of broken links
/// to a page of thousands of headings would otherwise take quadratic time.
/// Past the budget (far beyond any real article), no suggestion is made.
struct Suggestions {
    budget: usize,
}

impl Default for Suggestions {
    fn default() -> Self {
        Suggestions { budget: 1_000_000 }
    }
}

impl Suggestions {
    fn among<'a>(
        &mut self,
        word: &str,
        ids: impl ExactSizeIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        if !self.spend(ids.len()) {
            return None;
        }
        did_you_mean(word, ids)
    }

    /// Takes `n` comparisons from the budget; false when it is spent.
    fn spend(&mut self, n: usize) -> bool {
        match self.budget.checked_sub(n) {
            Some(left) => {
                self.budget = left;
                true
            }
            None => false,
        }
    }
}

/// What a checked file tells the others, when no site is known.
struct LinkFacts {
    slug: String,
    /// The ids of the headings, each followed by a newline: one string per
    /// file, not one per heading, kept for every file until the corpus pass.
    anchors: String,
    links: Vec<PostLink>,
}

impl LinkFacts {
    fn anchor_ids(&self) -> impl Iterator<Item = &str> {
        self.anchors.lines()
    }
}

impl Rule for LinksRule {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let site = cx.site.clone();
        let bases = self.bases(site.as_deref());
        let broken = broken_tags(doc, site.is_some());
        let named = self.named_sections(doc);
        // Bare URLs: those of the named sections, and in a site all of them
        // (their targets are checked); most files scan no text for them.
        let every = site.is_some() && self.targets;
        let bare = if every || !named.is_empty() {
            bare_urls(doc, &broken, |start| {
                every || section_at(&named, start).is_some()
            })
        } else {
            Vec::new()
        };
        self.check_sections(doc, &named, &bases, &bare, &broken, cx);
        if self.empty {
            self.check_empty(doc, cx);
        }
        self.check_targets(doc, site.as_deref(), &bases, cx);
        if let (Some(site), true) = (site.as_deref(), self.targets) {
            self.check_bare_targets(site, &bases, &bare, cx);
            self.check_refs(doc, site, cx);
        }
    }

    fn collect(&self, doc: &Document, cx: &Context) -> Option<Facts> {
        let mut links = Vec::new();
        // A file of a site had its links checked against the site; the
        // corpus pass only reads its slug and anchors (for other files'
        // links), so its links are not kept.
        let own_links = if cx.site().is_some() {
            &[][..]
        } else {
            &doc.body.links[..]
        };
        for link in own_links {
            if let Dest::Site { path, anchor } = self.classify(&link.dest) {
                let key = site::page_key(&path);
                if let Some(slug) = self.post_slug(&key) {
                    let span = dest_span(doc, link);
                    links.push(PostLink {
                        slug: slug.to_string(),
                        dest: link.dest.clone(),
                        anchor,
                        span,
                        location: doc.location(span),
                    });
                }
            }
        }
        Some(Box::new(LinkFacts {
            // As an address names it (`L'été arrive` is `lété-arrive`).
            slug: site::paths::segment(&site::slug_of(doc)).into_owned(),
            anchors: if self.anchors {
                let renders_html = cx.site().is_none_or(|s| s.renders_html());
                let style = cx.site().map_or(IdStyle::default(), Site::id_style);
                site::page_anchors(doc, renders_html, style)
                    .0
                    .iter()
                    .flat_map(|id| [id.as_str(), "\n"])
                    .collect()
            } else {
                String::new()
            },
            links,
        }))
    }

    fn check_corpus(&self, files: &[CorpusFile<'_>], cx: &mut CorpusContext) {
        if !self.targets {
            return;
        }
        let facts: Vec<Option<&LinkFacts>> = files
            .iter()
            .map(|f| f.facts.downcast_ref::<LinkFacts>())
            .collect();
        let mut by_slug: HashMap<&str, usize> = HashMap::new();
        for (i, f) in facts.iter().enumerate() {
            if let Some(f) = f {
                by_slug.entry(f.slug.as_str()).or_insert(i);
            }
        }
        let checked = facts.iter().flatten().count();
        let mut targets: HashMap<usize, HashSet<&str>> = HashMap::new();
        let mut suggest = Suggestions::default();
        let slugs = Nearby::new(by_slug.keys().map(|s| (s.to_string(), ())));
        // A missing post is often linked from many articles: one suggestion each.
        let mut suggested: HashMap<&str, Option<&str>> = HashMap::new();
        for (i, (file, f)) in files.iter().zip(&facts).enumerate() {
            let Some(f) = f else { continue };
            if file.site.is_some() {
                continue; // checked against the site in the first pass
            }
            for link in &f.links {
                match by_slug.get(link.slug.as_str()) {
                    Some(&target) => {
                        let (Some(anchor), true) = (&link.anchor, self.anchors) else {
                            continue;
                        };
                        let Some(Some(t)) = facts.get(target) else {
                            continue;
                        };
                        let ids = targets
                            .entry(target)
                            .or_insert_with(|| t.anchor_ids().collect());
                        if !ids.contains(anchor.as_str()) && !is_top(anchor) {
                            let suggestion = suggest
                                .among(anchor, t.anchor_ids().collect::<Vec<_>>().into_iter());
                            let help = match suggestion {
                                Some(s) => format!("did you mean `#{s}`?"),
                                None => "link a heading of the target: its id is its text lowercased, spaces as `-`, punctuation dropped".to_string(),
                            };
                            let finding = Finding::new(
                                link.span,
                                format!(
                                    "`#{anchor}` matches no heading of the post `{}`",
                                    link.slug
                                ),
                            )
                            .label_in(
                                files[target].path.clone(),
                                Span::at(0),
                                Location {
                                    line: 1,
                                    column: 1,
                                    end_line: 1,
                                    end_column: 1,
                                },
                                "the post linked",
                            )
                            .help(help);
                            cx.report(i, link.location, finding);
                        }
                    }
                    None => {
                        let suggestion = *suggested
                            .entry(link.slug.as_str())
                            .or_insert_with(|| slugs.suggest(&link.slug).map(|(s, _)| s.as_str()));
                        let help = match suggestion {
                            Some(s) => format!("did you mean `{}{s}/`?", self.posts),
                            None => format!(
                                "no site (a folder holding `content/`) was found above the article, so only the {checked} checked file(s) were searched; check the slug, or check the article inside its site"
                            ),
                        };
                        let finding = Finding::new(
                            link.span,
                            format!(
                                "`{}` leads nowhere: no checked post has the slug `{}`",
                                link.dest, link.slug
                            ),
                        )
                        .help(help);
                        cx.report(i, link.location, finding);
                    }
                }
            }
        }
    }

    fn site_root(&self) -> Option<&Path> {
        self.site_root.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `may_hold_url` stands before the bare-URL regex: every text the
    /// regex matches in, in any case, must pass it, or bare URLs would go
    /// unreported.
    #[test]
    fn may_hold_url_passes_every_bare_url() {
        for text in [
            "Voir https://example.org/a.",
            "HTTP://EXEMPLE.FR et www.exemple.fr",
            "Le site WWW.Exemple.fr, ou Www.exemple.fr/page",
            "(http://a.b/c)",
        ] {
            let found: Vec<_> = bare_url_regex().find_iter(text).collect();
            assert!(!found.is_empty(), "{text}");
            for r in found {
                assert!(may_hold_url(&text[r.clone()]), "{}", &text[r]);
            }
        }
        for text in [
            "Un texte sans adresse. Fin.",
            "Un lien: /posts/x/",
            "wwwx.fr",
        ] {
            assert!(!may_hold_url(text), "{text}");
        }
    }

    fn rule() -> LinksRule {
        LinksRule {
            sections: vec![],
            site_hosts: vec![Base::root("exemple.fr")],
            targets: true,
            anchors: true,
            empty: true,
            posts: "/posts/".into(),
            ignore: vec![],
            site_root: None,
        }
    }

    #[test]
    fn destinations() {
        let r = rule();
        assert_eq!(r.classify(""), Dest::Empty);
        assert_eq!(r.classify("#"), Dest::Empty);
        assert_eq!(r.classify("https://example.com/x"), Dest::External);
        assert_eq!(r.classify("//example.com/x"), Dest::External);
        assert_eq!(r.classify("mailto:a@b.c"), Dest::External);
        assert_eq!(r.classify("autre/"), Dest::Relative);
        assert_eq!(r.classify("#le-réel"), Dest::Anchor("le-réel".into()));
        assert_eq!(
            r.classify("https://www.exemple.fr/posts/a/#b"),
            Dest::Site {
                path: "/posts/a/".into(),
                anchor: Some("b".into())
            }
        );
        assert_eq!(
            r.classify("/posts/?pillar=x"),
            Dest::Site {
                path: "/posts/".into(),
                anchor: None
            }
        );
        assert_eq!(
            r.classify("/posts/caf%C3%A9/#r%C3%A9el"),
            Dest::Site {
                path: "/posts/café/".into(),
                anchor: Some("réel".into())
            }
        );
        assert_eq!(r.post_slug("/posts/a/"), Some("a"));
        assert_eq!(r.post_slug("/posts/"), None);
        assert_eq!(r.post_slug("/posts/a/b/"), None);
    }

    #[test]
    fn hosts_and_ignored_paths_are_read_as_links_are_compared() {
        for written in [
            "exemple.fr",
            "www.exemple.fr",
            "https://exemple.fr/",
            "HTTPS://www.Exemple.fr:443/blog/",
            "//exemple.fr",
        ] {
            assert_eq!(host_of(written), "exemple.fr", "{written}");
        }
        assert_eq!(host_of("https://Exemple.fr:8080/"), "exemple.fr:8080");
        let node = crate::yaml::parse(
            "site_hosts: ['https://www.exemple.fr/']\nignore: [tags/, /categories/]\n",
            0,
        )
        .unwrap()
        .root
        .unwrap();
        let rule = links_rule(&node).unwrap();
        assert_eq!(
            rule.classify("https://exemple.fr/posts/a/"),
            Dest::Site {
                path: "/posts/a/".into(),
                anchor: None
            }
        );
        // A link's host is read by the same rule (user and default port
        // dropped); on another port, it is another server.
        assert_eq!(
            rule.classify("https://lectrice@WWW.exemple.fr:443/posts/a/"),
            Dest::Site {
                path: "/posts/a/".into(),
                anchor: None
            }
        );
        assert_eq!(
            rule.classify("https://exemple.fr:8443/posts/a/"),
            Dest::External
        );
        assert_eq!(rule.classify("https://autre.fr/posts/a/"), Dest::External);
        assert!(rule.ignored("/tags/rust/", None));
        assert!(rule.ignored("/categories/x/", None));
        assert!(!rule.ignored("/posts/tags/", None));
        // After a language's folder, on a site of several.
        let files = crate::site::MemoryFiles::new([(
            std::path::PathBuf::from("hugo.toml"),
            Some("[languages.fr]\n[languages.en]\n".to_string()),
        )]);
        let site = Site::read_whole("/site", &files);
        assert!(rule.ignored("/en/tags/rust/", Some(&site)));
        assert!(!rule.ignored("/de/tags/rust/", Some(&site)));
        assert!(!rule.ignored("/en/tags/rust/", None));
    }

    /// A `baseURL` is the site's host and the path it starts at; a link
    /// to that host is a path of the site when it is under that path.
    #[test]
    fn base_urls_are_the_site_s_own() {
        let base = |url: &str| Base::of_base_url(url).map(|b| (b.host, b.path));
        let at = |host: &str, path: &str| Some((host.to_string(), path.to_string()));
        assert_eq!(
            base("https://www.Repere-Carriere.fr/"),
            at("repere-carriere.fr", "/")
        );
        assert_eq!(base("https://x.org"), at("x.org", "/"));
        assert_eq!(
            base("http://x.org:1313/Blog?a#b"),
            at("x.org:1313", "/blog/")
        );
        assert_eq!(base("https://x.org:443/"), at("x.org", "/"));
        assert_eq!(base("//x.org/blog/fr/"), at("x.org", "/blog/fr/"));
        for none in ["/", "", "blog/", "https:///blog/"] {
            assert_eq!(base(none), None, "{none}");
        }
        let r = rule();
        let bases = [
            Base::of_base_url("https://x.org/blog/").unwrap(),
            Base::of_base_url("https://www.site.fr/").unwrap(),
        ];
        let site = |path: &str, anchor: Option<&str>| Dest::Site {
            path: path.into(),
            anchor: anchor.map(str::to_string),
        };
        for (dest, expected) in [
            ("https://site.fr/posts/a/", site("/posts/a/", None)),
            ("https://WWW.site.fr", site("/", None)),
            ("https://site.fr#plan", site("/", Some("plan"))),
            (
                "https://x.org/blog/posts/a/#b",
                site("/posts/a/", Some("b")),
            ),
            ("https://x.org/BLOG", site("/", None)),
            ("https://x.org/blog?page=2", site("/", None)),
            ("https://x.org/autre/", Dest::External),
            ("https://x.org/blogue/", Dest::External),
            ("https://x.org", Dest::External),
            ("https://autre.fr/posts/a/", Dest::External),
            // `site_hosts` still counts beside them.
            ("https://exemple.fr/posts/a/", site("/posts/a/", None)),
        ] {
            let mut all = bases.to_vec();
            all.extend(r.site_hosts.iter().cloned());
            assert_eq!(r.classify_on(dest, &all), expected, "{dest}");
        }
        // The site's configuration gives them, the longest path first.
        let mut s = Site::new("/site");
        s.set_base_urls(vec![
            "https://x.org/".into(),
            "https://x.org/blog/".into(),
            "/".into(),
        ]);
        let paths: Vec<String> = r.bases(Some(&s)).into_iter().map(|b| b.path).collect();
        assert_eq!(paths, ["/blog/", "/", "/"]);
        assert_eq!(
            r.classify_on("https://x.org/blog/a/", &r.bases(Some(&s))),
            site("/a/", None)
        );
        assert_eq!(r.bases(None), r.site_hosts);
    }

    /// A site published under a path (every `baseURL` with it): a link from
    /// the root of the host is on the site under that path only, as Hugo
    /// 0.111 and 0.168 leave Markdown links as written; not when the site
    /// rewrites such links, nor when its `baseURL`s disagree.
    #[test]
    fn a_base_path_holds_links_from_the_root() {
        let r = rule();
        let site = |path: &str, anchor: Option<&str>| Dest::Site {
            path: path.into(),
            anchor: anchor.map(str::to_string),
        };
        let mut s = Site::new("/site");
        s.set_base_urls(vec!["https://exemple.org/blog/".into()]);
        let bases = r.bases(Some(&s));
        for (dest, expected) in [
            ("/blog/posts/a/#b", site("/posts/a/", Some("b"))),
            ("/blog", site("/", None)),
            ("/BLOG/img/x.png", site("/img/x.png", None)),
            ("/posts/a/#b", Dest::OffBase("/posts/a/".into())),
            ("/", Dest::OffBase("/".into())),
            ("/blogue/a/", Dest::OffBase("/blogue/a/".into())),
            ("#b", Dest::Anchor("b".into())),
            ("autre/", Dest::Relative),
            ("https://exemple.org/blog/posts/a/", site("/posts/a/", None)),
        ] {
            assert_eq!(r.classify_on(dest, &bases), expected, "{dest}");
        }
        s.set_base_urls(vec![
            "https://exemple.org/blog/".into(),
            "http://localhost:1313/".into(),
        ]);
        assert_eq!(
            r.classify_on("/posts/a/", &r.bases(Some(&s))),
            site("/posts/a/", None)
        );
    }

    #[test]
    fn options_that_check_nothing_are_refused() {
        for (options, says, at) in [
            (
                "targets: false\nanchors: false\nempty: false\n",
                "would report nothing",
                "targets: false\nanchors: false\nempty: false",
            ),
            ("sections: [Plus, ' ']\n", "is empty", "' '"),
            (
                "site_hosts: ['not a host/']\n",
                "not a host name",
                "'not a host/'",
            ),
            (
                "site_hosts: ['https://']\n",
                "not a host name",
                "'https://'",
            ),
            (
                "ignore: [/tags/, '']\n",
                "this entry of `ignore` is empty",
                "''",
            ),
            ("ignore: [' / ']\n", "no target would be checked", "' / '"),
        ] {
            let node = crate::yaml::parse(options, 0).unwrap().root.unwrap();
            let Err(e) = links_rule(&node) else {
                panic!("accepted: {options}");
            };
            assert!(e.message.contains(says), "{}", e.message);
            assert_eq!(e.span.map(|s| &options[s.start..s.end]), Some(at));
        }
        let node = crate::yaml::parse(
            "targets: false\nanchors: false\nempty: false\nsections: [Plus]\n",
            0,
        )
        .unwrap()
        .root
        .unwrap();
        assert!(links_rule(&node).is_ok());
    }

    /// `#top` goes to the top of the page (the HTML standard), whatever its
    /// headings; another missing anchor is still reported.
    #[test]
    fn top_is_the_top_of_the_page() {
        let doc = Document::parse(
            "a.md",
            "## Titre\n\n[Haut](#top), [HAUT](#Top), [ailleurs](#autre).\n".to_string(),
        );
        let mut cx = Context::default();
        rule().check(&doc, &mut cx);
        let messages: Vec<String> = cx.findings.iter().map(|f| f.message.clone()).collect();
        assert_eq!(messages, ["`#autre` matches no heading of this article"]);
        assert!(is_top("top") && is_top("TOP") && !is_top("top-1"));
    }

    /// The ids raw HTML sets (`<a id>`, `<div id>`, `<a name>`) are
    /// anchors of the page, its own and another's, when the site renders
    /// raw HTML; not when its configuration leaves it out, and then the
    /// help says why. A tag in a comment sets none.
    #[test]
    fn raw_html_ids_are_anchors_when_the_site_renders_raw_html() {
        let text = "## Titre\n\n<a id=\"ancien-titre\"></a>\n\n<div id=\"encart\">\nUn encart.\n</div>\n\n\
             Un <a name=\"note\"></a>point.\n\n<!-- <a id=\"cache\"></a> -->\n\n\
             [a](#ancien-titre) [b](#encart) [c](#note) [d](#cache) [e](/posts/autre/#repere) [f](/posts/autre/#titre)\n";
        let page = "---\ntitle: Autre\n---\n## Titre\n\nUn <span id=\"repere\">repère</span>.\n";
        for renders in [true, false] {
            let mut s = Site::new("/site");
            s.set_renders_html(renders);
            s.add_content(Path::new("posts/2025-01-01-autre.md"), page.into());
            let doc = Document::parse("posts/2025-01-02-a.md", text.to_string());
            let mut cx = Context {
                site: Some(std::sync::Arc::new(s)),
                ..Context::default()
            };
            rule().check(&doc, &mut cx);
            let found: Vec<(String, bool)> = cx
                .findings
                .iter()
                .map(|f| {
                    let unsafe_help = f
                        .help
                        .as_deref()
                        .is_some_and(|h| h.contains("unsafe = true"));
                    (f.message.clone(), unsafe_help)
                })
                .collect();
            let missing = |anchor: &str, of: &str, help: bool| {
                (format!("`#{anchor}` matches no heading of {of}"), help)
            };
            if renders {
                assert_eq!(found, [missing("cache", "this article", false)]);
            } else {
                assert_eq!(
                    found,
                    [
                        missing("ancien-titre", "this article", true),
                        missing("encart", "this article", true),
                        missing("note", "this article", true),
                        missing("cache", "this article", false),
                        missing("repere", "`/posts/autre/`", false),
                    ]
                );
            }
        }
    }

    /// A footnote's definition is shown in the footnotes block, not in the
    /// section it is written in: its links are not the section's, but are
    /// still checked as links. What follows it in the section still is.
    #[test]
    fn footnote_definitions_are_in_no_section() {
        let doc = Document::parse(
            "a.md",
            "## Titre\n\nUn fait[^a].\n\n## Pour aller plus loin\n\n\
             [^a]: [Source](https://exemple.org/a), https://exemple.org/b, [ici](#absent).\n\n\
             - [Ailleurs](https://exemple.org/c)\n"
                .to_string(),
        );
        let rule = LinksRule {
            sections: vec![fold_title("Pour aller plus loin")],
            ..rule()
        };
        let mut cx = Context::default();
        rule.check(&doc, &mut cx);
        let messages: Vec<String> = cx.findings.iter().map(|f| f.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "`https://exemple.org/c` links outside the site in « Pour aller plus loin », which links only to the site's own pages",
                "`#absent` matches no heading of this article",
            ]
        );
    }

    /// A numbered or decorated heading is the section its title names
    /// (`## 6. Pour aller plus loin`), as the sections rule reads it.
    #[test]
    fn a_numbered_section_heading_is_its_title() {
        let rule = LinksRule {
            sections: vec![fold_title("Pour aller plus loin")],
            ..rule()
        };
        for heading in ["6. Pour aller plus loin", "06 - 📚 Pour aller plus loin"] {
            let doc = Document::parse(
                "a.md",
                format!("## {heading}\n\n- [Ailleurs](https://exemple.org/c)\n"),
            );
            let mut cx = Context::default();
            rule.check(&doc, &mut cx);
            assert_eq!(cx.findings.len(), 1, "{heading}");
            assert!(
                cx.findings[0].message.contains("links outside the site"),
                "{heading}: {}",
                cx.findings[0].message
            );
        }
    }

    #[test]
    fn percent_decoding_never_panics() {
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%e9"), "\u{fffd}");
        assert_eq!(percent_decode("a%2Fb"), "a/b");
    }
}
