//! The document model: one article, read and parsed once, that every rule
//! reads. Everything carries a byte span into [`Document::source`].

pub mod front_matter;
pub mod heading_text;
pub mod html;
pub mod markdown;
pub mod shortcodes;

use std::any::{Any, TypeId};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub use front_matter::{Content, Format, FrontMatter};
pub use markdown::{Block, BlockKind, Body, BrokenRef, Heading, Html, Link, Run, Section};

use crate::span::{LineIndex, Location, Span};

#[derive(Debug)]
pub struct Document {
    /// The path as reached from the command line.
    pub path: PathBuf,
    /// The file's whole text, byte-order mark and line endings untouched.
    pub source: String,
    /// The front-matter block, if the file opens with one.
    pub front_matter: Option<FrontMatter>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    pub body: Body,
    /// See [`Document::bundle_folder`].
    bundle: Option<std::ffi::OsString>,
    line_index: OnceLock<LineIndex>,
    derived: Mutex<Vec<Derived>>,
}

/// The folder of the leaf bundle whose page `path` is (see
/// [`Document::bundle_folder`]): its parent's name, or, for a path that
/// names none (`index.md`, `./index.md`, `x/../index.md`), the name of
/// the folder it leads to from the current one.
fn bundle_of(path: &Path) -> Option<std::ffi::OsString> {
    // `index.md`, or the bundle's page in a language (`index.en.md`).
    if path.file_stem()? != "index" && !crate::site::is_index_page(path, crate::site::language_like)
    {
        return None;
    }
    if let Some(name) = path.parent()?.file_name() {
        return Some(name.to_os_string());
    }
    let absolute = crate::config::normalize(&std::path::absolute(path).ok()?);
    Some(absolute.parent()?.file_name()?.to_os_string())
}

/// A value derived from the document by [`Document::derived`].
type Derived = (TypeId, u64, Arc<dyn Any + Send + Sync>);

impl Document {
    pub fn parse(path: impl Into<PathBuf>, source: String) -> Document {
        let (front_matter, body_start) = front_matter::split(&source);
        let body = markdown::parse(&source, body_start);
        let path = path.into();
        Document {
            bundle: bundle_of(&path),
            path,
            source,
            front_matter,
            body_start,
            body,
            line_index: OnceLock::new(),
            derived: Mutex::new(Vec::new()),
        }
    }

    /// A value derived from the document, computed on first use and shared
    /// afterwards: rules that need the same analysis (e.g. two rules of one
    /// kind with the same options) compute it once per file. `key` tells
    /// apart values of the same type made with different settings.
    pub fn derived<T: Any + Send + Sync>(&self, key: u64, make: impl FnOnce(&Self) -> T) -> Arc<T> {
        let id = TypeId::of::<T>();
        let find = |list: &[Derived]| {
            list.iter()
                .find(|(t, k, _)| *t == id && *k == key)
                .and_then(|(_, _, v)| v.clone().downcast::<T>().ok())
        };
        if let Some(v) = find(&self.derived.lock().unwrap_or_else(|e| e.into_inner())) {
            return v;
        }
        // Made without the lock held, so that `make` may derive other values.
        let value = Arc::new(make(self));
        let mut list = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = find(&list) {
            return v;
        }
        list.push((id, key, value.clone()));
        value
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.source))
    }

    pub fn location(&self, span: Span) -> Location {
        self.line_index().location(&self.source, span)
    }

    /// The source text of a span (empty if the span is out of bounds).
    pub fn text(&self, span: Span) -> &str {
        let s = span.clamp_to(&self.source);
        &self.source[s.start..s.end]
    }

    /// The file name, e.g. `2025-02-07-slug.md`.
    pub fn file_name(&self) -> &str {
        self.path.file_name().and_then(|n| n.to_str()).unwrap_or("")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder of the leaf bundle this file is the page of (`index.md`,
    /// or `index` with another extension, in a folder of its own): Hugo
    /// names the page after its folder, so `posts/2025-01-06-carte/index.md`
    /// is the page `2025-01-06-carte`. `None` for another file. The folder
    /// is found whatever the current folder: `index.md`, checked from the
    /// bundle's own folder, is named by it too.
    pub fn bundle_folder(&self) -> Option<&std::ffi::OsStr> {
        self.bundle.as_deref()
    }

    /// The front-matter root mapping, when there is one that could be read.
    pub fn front(&self) -> Option<&crate::yaml::Node> {
        self.front_matter.as_ref()?.root()
    }

    /// What Hugo takes out of the body before it renders the Markdown
    /// (shortcode tags read whole, see `Scan::replaced`), as spans of the
    /// file, in order.
    pub fn replaced(&self) -> impl Iterator<Item = Span> + '_ {
        self.body
            .shortcodes
            .replaced
            .iter()
            .map(|r| Span::new(r.start, r.end).offset(self.body_start))
    }

    /// The front-matter value of `key`, found whatever its case as Hugo
    /// finds it (`Draft` is `draft`).
    pub fn front_value(&self, key: &str) -> Option<&crate::yaml::Node> {
        self.front_matter.as_ref()?.get(key)
    }

    /// The heading of the section at `level` that contains the byte `offset`.
    pub fn enclosing_heading(&self, offset: usize, level: u8) -> Option<&Heading> {
        self.body
            .headings
            .iter()
            .take_while(|h| h.span.start <= offset)
            .filter(|h| h.level <= level)
            .last()
            .filter(|h| h.level == level)
    }
}
