//! `repere server`: the Language Server Protocol over stdio, with the same
//! rules, configuration and results as `repere check`.
//!
//! - On open and change (debounced), a Markdown file is checked alone and its
//!   diagnostics published, with the cross-file findings of the last
//!   workspace check for it (moved to the current text, or dropped, when it
//!   was edited since: see `corpus`).
//! - On start, on save and when workspace folders are added or removed, the
//!   whole workspace (every folder, each as `repere check` run there) is
//!   checked again on a background thread (the server keeps answering
//!   meanwhile), every file with findings is published, and every open file
//!   checked again.
//! - Config and packs: the `repere.toml` found from the file's folder, the
//!   packs it names, the embedded defaults otherwise; saving a config or a
//!   pack reloads them; an error in them is a diagnostic on that file, and a
//!   message (see `setup`).
//! - Code actions for every fix (safe ones preferred), and "disable this rule
//!   on the next line" (or "for this file", where a comment on the line
//!   before cannot work or would break the text: see `next_line_at`); hover on a front-matter key shows what the rules
//!   expect of it.
//! - Robust to a bad client: a malformed message or bad parameters get an
//!   error response (or are ignored, for a notification), and the server goes
//!   on; `shutdown` and `exit` follow the LSP spec (exit code 1 without
//!   `shutdown`).

mod corpus;
mod position;
mod setup;
mod transport;
mod watch;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use repere::diagnostic::{Applicability, Diagnostic, Severity};
use repere::engine::{FileResult, Linter};
use repere::span::Span;

use super::packs;
use super::{EXIT_ERROR, EXIT_OK};
use position::{Encoding, Lines};
use transport::Connection;

/// The exit code after an `exit` that no `shutdown` came before (LSP spec).
const EXIT_WITHOUT_SHUTDOWN: i32 = 1;

/// How long typing must pause before a file is checked again.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// The repository `Cargo.toml` names (`package.repository`), where the
/// documentation of the rules is; empty when it names none.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The rule kinds with a page of their own in `docs/`.
const KIND_PAGES: &[&str] = &[
    "duplicates",
    "links",
    "markup",
    "phrase",
    "salary",
    "sections",
];

/// The documentation of a rule of `kind` in `repository`: its kind's page
/// in `docs/`, or the README (which documents the `front-matter` kind and
/// the engine's rules), as the forges show a file (`/blob/HEAD/`; GitLab
/// redirects it). None without a repository: a link nobody published
/// would lead nowhere, or to another crate's pages.
fn docs_for(repository: &str, kind: Option<&str>) -> Option<String> {
    // A clone URL (`….git`) names the repository's page without it.
    let base = repository.trim_end_matches('/');
    let base = base.strip_suffix(".git").unwrap_or(base);
    if base.is_empty() {
        return None;
    }
    Some(match kind {
        Some(k) if KIND_PAGES.contains(&k) => format!("{base}/blob/HEAD/docs/{k}.md"),
        _ => format!("{base}/blob/HEAD/README.md"),
    })
}

struct Doc {
    text: String,
    version: i32,
    /// The findings last published for the text (for code actions).
    diagnostics: Vec<Diagnostic>,
    /// The text changed since `diagnostics` were found: their spans may
    /// point anywhere in it.
    stale: bool,
}

impl Doc {
    /// A document just opened: its findings to come.
    fn new(text: String, version: i32) -> Doc {
        Doc {
            text,
            version,
            diagnostics: Vec::new(),
            stale: true,
        }
    }
}

/// A linter for the files of one config and one site.
struct Setup {
    linter: Arc<Linter>,
    /// The config's `include` and `exclude`.
    scope: Option<super::check::Scope>,
    /// The config's baseline (its path) and what it records.
    baseline: Option<(PathBuf, repere::baseline::Baseline)>,
    /// The config's `max-file-size`, or the default.
    max_size: u64,
}

/// A setup is shared by the files of one config (its path) and one site (its root).
type SetupKey = (Option<PathBuf>, Option<PathBuf>);

/// What the workspace thread sends back: every file's findings, those of
/// them its baseline does not hide, and the text they were found in (empty
/// for a file without findings).
struct Scan {
    files: Vec<Checked>,
    /// The files checked in the editor's text (open when it started).
    open: HashSet<PathBuf>,
}

/// A file's findings, those its baseline does not hide, and their text.
type Checked = (PathBuf, Vec<Diagnostic>, Vec<Diagnostic>, String);

/// The cross-file findings of a file and the text the workspace check read:
/// their spans are offsets in it.
struct Corpus {
    text: String,
    diagnostics: Vec<Diagnostic>,
}

struct Server {
    conn: Connection,
    encoding: Encoding,
    roots: Vec<PathBuf>,
    docs: HashMap<lsp::Uri, Doc>,
    due: HashMap<lsp::Uri, Instant>,
    setups: HashMap<SetupKey, Result<Arc<Setup>, String>>,
    /// Cross-file findings of the last workspace check, by file.
    corpus: HashMap<PathBuf, Corpus>,
    /// Files with findings published, to clear them when they go.
    published: HashSet<lsp::Uri>,
    /// The errors in configs and packs, by the config whose loading found
    /// them (`None`: no config), and by the file they are in.
    config_errors: HashMap<Option<PathBuf>, HashMap<lsp::Uri, Vec<lsp::Diagnostic>>>,
    scan_tx: Sender<Scan>,
    scan_rx: Receiver<Scan>,
    scanning: bool,
    rescan: bool,
    /// `shutdown` was received: requests are refused until `exit`.
    shutdown: bool,
    /// The client registers file watchers on request.
    can_watch: bool,
    /// The client takes edits with the version of the text they are for
    /// (`documentChanges`), which it refuses for another version.
    versioned_edits: bool,
    /// The patterns of the watchers registered.
    watching: Option<Vec<String>>,
    /// The requests sent to the client, for their ids.
    requests: u64,
    /// Files changed outside the editor: when to load the setups again and
    /// check the workspace, and whether a config, pack or baseline changed
    /// (not only articles).
    reload: Option<(Instant, bool)>,
}

pub fn run() -> Result<i32, String> {
    let (conn, io) = transport::stdio();
    let handshaken = match handshake(&conn) {
        Ok(h) => h,
        // The input ended: the reader says whether its framing broke (a
        // message without Content-Length), which is the error to give.
        Err(e) => {
            drop(conn);
            return Err(io.join().err().map_or(e, |read| read.to_string()));
        }
    };
    let Some((id, params)) = handshaken else {
        return Ok(EXIT_WITHOUT_SHUTDOWN);
    };
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    // Every workspace folder; without any, `rootUri`, or the older
    // `rootPath` when it is null.
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .unwrap_or_default()
        .iter()
        .filter_map(|f| path_of(&f.uri))
        .collect();
    #[allow(deprecated)]
    if roots.is_empty() {
        let root = match &params.root_uri {
            Some(uri) => path_of(uri),
            None => params
                .root_path
                .as_deref()
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .and_then(|p| std::path::absolute(p).ok()),
        };
        roots.extend(root);
    }
    let can_watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let versioned_edits = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|w| w.document_changes)
        .unwrap_or(false);
    let capabilities = lsp::ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        workspace: Some(lsp::WorkspaceServerCapabilities {
            workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    };
    let result = lsp::InitializeResult {
        capabilities,
        server_info: Some(lsp::ServerInfo {
            name: "repere".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    send(&conn, Response::new_ok(id, result).into())?;
    let (scan_tx, scan_rx) = crossbeam_channel::unbounded();
    let mut server = Server {
        conn,
        encoding,
        roots,
        docs: HashMap::new(),
        due: HashMap::new(),
        setups: HashMap::new(),
        corpus: HashMap::new(),
        published: HashSet::new(),
        config_errors: HashMap::new(),
        scan_tx,
        scan_rx,
        scanning: false,
        rescan: false,
        shutdown: false,
        can_watch,
        versioned_edits,
        watching: None,
        requests: 0,
        reload: None,
    };
    let code = server.scan().and_then(|()| server.main_loop());
    drop(server);
    match code {
        // The input is read to its end or to `exit`: what is queued can be
        // written, and the reader says whether the framing broke.
        Ok(code) => match io.join() {
            Ok(()) => Ok(code),
            Err(e) => {
                eprintln!("repere server: {e}");
                Ok(EXIT_ERROR)
            }
        },
        Err(e) => {
            eprintln!("repere server: {e}");
            Ok(EXIT_ERROR)
        }
    }
}

/// Waits for `initialize` (answering other requests with an error): its id
/// and parameters, or `None` after `exit`.
fn handshake(conn: &Connection) -> Result<Option<(RequestId, lsp::InitializeParams)>, String> {
    loop {
        let msg = conn
            .receiver
            .recv()
            .map_err(|_| "the input ended before `initialize`".to_string())?;
        match msg {
            Message::Request(req) if req.method == "initialize" => match parse(req.params) {
                Ok(params) => return Ok(Some((req.id, params))),
                Err(e) => send(conn, error(req.id, ErrorCode::InvalidParams, e))?,
            },
            Message::Request(req) => send(
                conn,
                error(
                    req.id,
                    ErrorCode::ServerNotInitialized,
                    format!("`{}` before `initialize`", req.method),
                ),
            )?,
            Message::Notification(n) if n.method == "exit" => return Ok(None),
            _ => {}
        }
    }
}

fn send(conn: &Connection, msg: Message) -> Result<(), String> {
    let frame = transport::encode(&msg).map_err(|e| e.to_string())?;
    conn.sender.send(frame).map_err(|e| e.to_string())
}

fn error(id: RequestId, code: ErrorCode, message: String) -> Message {
    Message::Response(Response::new_err(id, code as i32, message))
}

/// The path of a `file:` URI. Other schemes are not files, even with a
/// path in them (VS Code's `git:` URIs of a diff view name the file but hold
/// another text): they are neither checked nor taken for the file.
fn path_of(uri: &lsp::Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    url.to_file_path().ok()
}

/// The text of a config, pack or baseline: `None` when it is not a regular
/// file (a FIFO would wait for a writer, a device might never end) or not
/// UTF-8 text.
fn read_text(path: &Path) -> Option<String> {
    let bytes = super::check::read_article(path, u64::MAX).ok()?;
    String::from_utf8(bytes).ok()
}

/// The text of an article on disk, read as `repere check` reads it: a FIFO
/// (which would wait for a writer), a device, a file over the size limit,
/// a binary file or one that is not UTF-8 text is not checked, and that is
/// its finding, given with the text its positions are counted in (the
/// bytes read, invalid ones replaced: the same up to the offending byte).
fn read_checked(
    linter: &Linter,
    path: &Path,
    max_size: u64,
) -> Result<String, (Box<FileResult>, String)> {
    match super::check::read_article(path, max_size) {
        Ok(bytes) => {
            let bytes = if Linter::is_binary(&bytes) {
                bytes
            } else {
                match String::from_utf8(bytes) {
                    Ok(text) => return Ok(text),
                    Err(e) => e.into_bytes(),
                }
            };
            let shown = String::from_utf8_lossy(&bytes).into_owned();
            Err((
                Box::new(linter.check_bytes(path.to_path_buf(), bytes)),
                shown,
            ))
        }
        Err(unread) => Err((
            Box::new(unread.reported(linter, path.to_path_buf())),
            String::new(),
        )),
    }
}

/// Checks the text of an open document as `repere check --stdin-filename`
/// checks what it reads: over the size limit, or binary (a NUL byte), it
/// is not checked, and that is its finding.
fn check_buffer(linter: &Linter, path: &Path, text: String, max_size: u64) -> FileResult {
    if text.len() as u64 > max_size {
        let size = Some(text.len() as u64);
        return super::check::too_large(size, max_size).reported(linter, path.to_path_buf());
    }
    linter.check_bytes(path.to_path_buf(), text.into_bytes())
}

fn uri_of(path: &Path) -> Option<lsp::Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    lsp::Uri::from_str(url.as_str()).ok()
}

fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    )
}

fn is_config(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    repere::config::FILE_NAMES.contains(&name)
}

/// A file of a Hugo site's setup that what the rules know of the site
/// comes from: its configuration (`hugo.toml`, a file of `config/`), a
/// `go.mod`, or a template under `layouts/` (its shortcodes).
fn is_site_setup(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    repere::site::hugo::ROOT_FILES.contains(&name)
        || name == "go.mod"
        || path.iter().any(|c| c == "layouts" || c == "config")
}

impl Server {
    /// Serves until `exit` (or the end of the input): the exit code.
    fn main_loop(&mut self) -> Result<i32, String> {
        loop {
            let timeout = self
                .due
                .values()
                .chain(self.reload.as_ref().map(|(at, _)| at))
                .min()
                .map_or(Duration::from_secs(3600), |t| {
                    t.saturating_duration_since(Instant::now())
                });
            select! {
                recv(self.conn.receiver) -> msg => {
                    // The input ended: as `exit`, an editor that went
                    // away without `shutdown` is said to have.
                    let Ok(msg) = msg else {
                        if self.shutdown {
                            return Ok(EXIT_OK);
                        }
                        eprintln!("repere server: the input ended without `shutdown` and `exit`");
                        return Ok(EXIT_WITHOUT_SHUTDOWN);
                    };
                    match msg {
                        Message::Request(req) => self.request(req)?,
                        Message::Notification(n) if n.method == "exit" => {
                            return Ok(if self.shutdown {
                                EXIT_OK
                            } else {
                                EXIT_WITHOUT_SHUTDOWN
                            });
                        }
                        // After `shutdown`, notifications are dropped.
                        Message::Notification(_) if self.shutdown => {}
                        Message::Notification(n) => self.notification(n)?,
                        Message::Response(_) => {}
                    }
                }
                recv(self.scan_rx) -> scan => {
                    if let Ok(scan) = scan
                        && !self.shutdown
                    {
                        self.scanned(scan)?;
                    }
                }
                default(timeout) => {}
            }
            let now = Instant::now();
            let ready: Vec<lsp::Uri> = self
                .due
                .iter()
                .filter(|(_, t)| **t <= now)
                .map(|(u, _)| u.clone())
                .collect();
            for uri in ready {
                self.due.remove(&uri);
                self.check(&uri)?;
            }
            if let Some((at, setup)) = self.reload
                && at <= now
            {
                self.reload = None;
                self.reload(setup)?;
            }
        }
    }

    fn send(&self, msg: Message) -> Result<(), String> {
        send(&self.conn, msg)
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) -> Result<(), String> {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )))
    }

    fn reply(&self, id: RequestId, result: impl serde::Serialize) -> Result<(), String> {
        self.send(Message::Response(Response::new_ok(id, result)))
    }

    fn notification(&mut self, n: Notification) -> Result<(), String> {
        use lsp::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders,
            DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
        };
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(p) = ignore_bad::<lsp::DidOpenTextDocumentParams>(&n.method, n.params)
                else {
                    return Ok(());
                };
                let uri = p.text_document.uri;
                if path_of(&uri).is_none() {
                    return Ok(());
                }
                self.docs.insert(
                    uri.clone(),
                    Doc::new(p.text_document.text, p.text_document.version),
                );
                self.check(&uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let Some(p) = ignore_bad::<lsp::DidChangeTextDocumentParams>(&n.method, n.params)
                else {
                    return Ok(());
                };
                let uri = p.text_document.uri;
                let Some(change) = p.content_changes.into_iter().last() else {
                    return Ok(());
                };
                match self.docs.get_mut(&uri) {
                    Some(doc) => {
                        doc.text = change.text;
                        doc.version = p.text_document.version;
                        doc.stale = true;
                    }
                    // Not open (its `didOpen` was refused, or never sent):
                    // the change holds the whole text (full sync), so the
                    // document is taken as opened with it, not left unchecked.
                    None if change.range.is_none() && path_of(&uri).is_some() => {
                        eprintln!(
                            "repere server: a change to `{}`, which was not open: taken as opened",
                            uri.as_str()
                        );
                        self.docs
                            .insert(uri.clone(), Doc::new(change.text, p.text_document.version));
                    }
                    None => return Ok(()),
                }
                self.due.insert(uri, Instant::now() + DEBOUNCE);
            }
            DidSaveTextDocument::METHOD => {
                let Some(p) = ignore_bad::<lsp::DidSaveTextDocumentParams>(&n.method, n.params)
                else {
                    return Ok(());
                };
                self.saved(&p.text_document.uri)?;
            }
            DidChangeWatchedFiles::METHOD => {
                let Some(p) = ignore_bad::<lsp::DidChangeWatchedFilesParams>(&n.method, n.params)
                else {
                    return Ok(());
                };
                // Once for each kind of file (a branch checked out may
                // change hundreds): a config, pack or baseline, an article.
                // The work is done once for a burst of notifications, after
                // a pause (see `reload`).
                for change in p.changes {
                    let Some(path) = path_of(&change.uri) else {
                        continue;
                    };
                    let setup = self.is_setup_file(&path) || is_site_setup(&path);
                    if setup || is_markdown(&path) {
                        let at = self.reload.map_or(Instant::now() + DEBOUNCE, |(at, _)| at);
                        let setup = setup || self.reload.is_some_and(|(_, s)| s);
                        self.reload = Some((at, setup));
                    }
                }
            }
            "initialized" => self.watch()?,
            DidChangeWorkspaceFolders::METHOD => {
                let Some(p) =
                    ignore_bad::<lsp::DidChangeWorkspaceFoldersParams>(&n.method, n.params)
                else {
                    return Ok(());
                };
                let removed: Vec<PathBuf> = p
                    .event
                    .removed
                    .iter()
                    .filter_map(|f| path_of(&f.uri))
                    .collect();
                self.roots.retain(|r| !removed.contains(r));
                for added in p.event.added.iter().filter_map(|f| path_of(&f.uri)) {
                    if !self.roots.contains(&added) {
                        self.roots.push(added);
                    }
                }
                // The files of a folder removed lose their findings (unless
                // open), those of a folder added get theirs.
                self.scan()?;
                self.watch()?;
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = ignore_bad::<lsp::DidCloseTextDocumentParams>(&n.method, n.params)
                else {
                    return Ok(());
                };
                let uri = p.text_document.uri;
                self.docs.remove(&uri);
                self.due.remove(&uri);
                // Its findings were those of the editor's text, which is gone:
                // clear them (the next workspace check reports the file's
                // findings on disk, as for any file not open). A config or
                // pack keeps its errors.
                self.published.remove(&uri);
                self.publish_config_diagnostics(uri)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn saved(&mut self, uri: &lsp::Uri) -> Result<(), String> {
        let Some(path) = path_of(uri) else {
            return Ok(());
        };
        if self.is_setup_file(&path) {
            self.reload(true)
        } else if is_markdown(&path) {
            self.reload(false)
        } else {
            Ok(())
        }
    }

    /// Loads the setups again and checks the workspace: after a change to
    /// a config, a pack or a baseline (`setup`: the open files are checked
    /// again at once, and the baseline a config now names is watched), or
    /// to an article (the site's pages may have changed: slugs, anchors).
    fn reload(&mut self, setup: bool) -> Result<(), String> {
        self.setups.clear();
        if setup {
            self.watch()?;
            let open: Vec<lsp::Uri> = self.docs.keys().cloned().collect();
            for u in open {
                self.check(&u)?;
            }
        }
        self.scan()
    }

    /// A config, or a rule pack or baseline that a config names (the configs
    /// of the workspace folders, of the setups loaded, and of those with
    /// errors): its change calls for loading the setups again. Another YAML
    /// or JSON file (a CI workflow) is nothing to the checks.
    fn is_setup_file(&self, path: &Path) -> bool {
        if is_config(path) {
            return true;
        }
        let path = repere::config::normalize(path);
        let configs: HashSet<PathBuf> = self
            .roots
            .iter()
            .filter_map(|r| packs::discover(r))
            .chain(self.setups.keys().filter_map(|k| k.0.clone()))
            .chain(self.config_errors.keys().flatten().cloned())
            .collect();
        configs.iter().any(|c| {
            let Some(config) = read_text(c).and_then(|t| repere::config::Config::parse(c, &t).ok())
            else {
                return false;
            };
            let dir = config.dir();
            let pack = config.settings.rules.iter().any(|r| {
                let named = repere::config::normalize(&dir.join(r));
                // A pack, or one in a folder of packs.
                named == path
                    || (path.parent() == Some(named.as_path())
                        && matches!(
                            path.extension().and_then(|e| e.to_str()),
                            Some("yaml" | "yml")
                        ))
            });
            pack || config
                .settings
                .baseline
                .as_ref()
                .is_some_and(|b| repere::config::normalize(&dir.join(b)) == path)
        })
    }

    /// Checks an open file alone and publishes its findings (with the
    /// cross-file ones of the last workspace check).
    fn check(&mut self, uri: &lsp::Uri) -> Result<(), String> {
        let Some(path) = path_of(uri) else {
            return Ok(());
        };
        if !is_markdown(&path) {
            return Ok(());
        }
        let Some(text) = self.docs.get(uri).map(|d| d.text.clone()) else {
            return Ok(());
        };
        let setup = match self.setup_for(&path) {
            Ok(s) => s,
            Err(_) => return self.publish(uri, &text, Vec::new()),
        };
        // A file the config excludes is not checked, as by `repere check
        // FILE` (which checks a file named explicitly unless it is excluded).
        if setup.scope.as_ref().is_some_and(|s| s.excluded(&path)) {
            return self.publish(uri, &text, Vec::new());
        }
        let checked = check_buffer(&setup.linter, &path, text.clone(), setup.max_size);
        let mut diagnostics = setup.findings(checked);
        if let Some(c) = self.corpus.get(&path) {
            diagnostics.extend(corpus::place(&c.diagnostics, &c.text, &path, &text));
        }
        let diagnostics = setup.baselined(&Arc::new(path), &text, diagnostics);
        self.publish(uri, &text, diagnostics)
    }

    /// The findings of a file not open, checked alone in its text on disk,
    /// with the cross-file ones `found` in `seen` placed in it (see
    /// `corpus`); and that text (empty, with the finding that says so, when
    /// it is not read). `None` when the config excludes it.
    fn on_disk(
        &mut self,
        path: &Path,
        found: &[Diagnostic],
        seen: &str,
    ) -> Option<(String, Vec<Diagnostic>)> {
        let setup = self.setup_for(path).ok()?;
        if setup.scope.as_ref().is_some_and(|s| s.excluded(path)) {
            return None;
        }
        let text = match read_checked(&setup.linter, path, setup.max_size) {
            Ok(text) => text,
            Err((finding, shown)) => {
                let diagnostics = setup.findings(*finding);
                let diagnostics = setup.baselined(&Arc::new(path.to_path_buf()), "", diagnostics);
                return Some((shown, diagnostics));
            }
        };
        let mut diagnostics = setup.own_findings(Arc::new(path.to_path_buf()), text.clone());
        diagnostics.extend(corpus::place(found, seen, path, &text));
        let diagnostics = setup.baselined(&Arc::new(path.to_path_buf()), &text, diagnostics);
        Some((text, diagnostics))
    }

    fn publish(
        &mut self,
        uri: &lsp::Uri,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> Result<(), String> {
        let lines = Lines::new(text, self.encoding);
        let lsp_diagnostics: Vec<lsp::Diagnostic> = diagnostics
            .iter()
            .map(|d| self.to_lsp(d, &lines, uri))
            .collect();
        if lsp_diagnostics.is_empty() {
            self.published.remove(uri);
        } else {
            self.published.insert(uri.clone());
        }
        let version = self.docs.get(uri).map(|d| d.version);
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.diagnostics = diagnostics;
            doc.stale = false;
        }
        self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: lsp_diagnostics,
            version,
        })
    }

    fn to_lsp(&self, d: &Diagnostic, lines: &Lines<'_>, uri: &lsp::Uri) -> lsp::Diagnostic {
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|l| {
                let (uri, range) = match &l.path {
                    None => (uri.clone(), lines.range(l.span)),
                    Some(p) => {
                        // Another file: its location (lines and characters)
                        // in the encoding's units, counted in its text.
                        let path = std::path::absolute(p.as_path()).ok()?;
                        let text = self.text_of(&path).unwrap_or_default();
                        let other = Lines::new(&text, self.encoding);
                        let loc = &l.location;
                        let range = lsp::Range::new(
                            other.at_location(loc.line, loc.column),
                            other.at_location(loc.end_line, loc.end_column),
                        );
                        (self.uri_for(&path)?, range)
                    }
                };
                Some(lsp::DiagnosticRelatedInformation {
                    location: lsp::Location { uri, range },
                    message: l.message.clone(),
                })
            })
            .collect();
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        lsp::Diagnostic {
            range: lines.range(d.span),
            severity: Some(match d.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            }),
            code: Some(lsp::NumberOrString::String(d.rule.to_string())),
            code_description: docs_for(REPOSITORY, self.kind_of(&d.rule))
                .and_then(|href| lsp::Uri::from_str(&href).ok())
                .map(|href| lsp::CodeDescription { href }),
            source: Some("repere".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Default::default()
        }
    }

    /// Starts a check of the whole workspace on another thread, or asks for
    /// another one when one is running.
    fn scan(&mut self) -> Result<(), String> {
        if self.scanning {
            self.rescan = true;
            return Ok(());
        }
        // A config fixed or deleted while no file under it is open.
        self.reload_config_errors()?;
        // Each workspace folder is checked as `repere check` run there; one
        // inside another is checked with it.
        let roots: Vec<PathBuf> = self
            .roots
            .iter()
            .filter(|r| !self.roots.iter().any(|o| o != *r && r.starts_with(o)))
            .cloned()
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        // A folder whose config does not load is not checked (the error
        // shows when a file under it is open).
        let setups: Vec<(PathBuf, Arc<Setup>)> = roots
            .into_iter()
            .filter_map(|r| {
                let setup = self.setup_for(&r.join("x.md")).ok()?;
                Some((r, setup))
            })
            .collect();
        self.scanning = true;
        let tx = self.scan_tx.clone();
        let open: HashMap<PathBuf, String> = self
            .docs
            .iter()
            .filter_map(|(u, d)| Some((path_of(u)?, d.text.clone())))
            .collect();
        std::thread::spawn(move || {
            let files = setups
                .iter()
                .flat_map(|(root, setup)| check_root(root, setup, &open))
                .collect();
            let open = open.into_keys().collect();
            let _ = tx.send(Scan { files, open });
        });
        Ok(())
    }

    /// The kind of a rule, from the setups loaded (`None` for the engine's
    /// own rules: `read-error`, `encoding`, `unused-suppression`).
    fn kind_of(&self, rule: &str) -> Option<&'static str> {
        self.setups.values().flatten().find_map(|s| {
            s.linter
                .rules()
                .iter()
                .find(|r| &*r.meta.id == rule)
                .map(|r| r.meta.kind)
        })
    }

    /// The open files by path, with the URI the client spells each with.
    fn open_paths(&self) -> HashMap<PathBuf, lsp::Uri> {
        self.docs
            .keys()
            .filter_map(|u| Some((path_of(u)?, u.clone())))
            .collect()
    }

    /// The URI to publish a file's findings under: the client's own when it
    /// is open (it may spell it otherwise than the url crate), the url
    /// crate's otherwise.
    pub(super) fn uri_for(&self, path: &Path) -> Option<lsp::Uri> {
        self.docs
            .keys()
            .find(|u| path_of(u).as_deref() == Some(path))
            .cloned()
            .or_else(|| uri_of(path))
    }

    /// The text of a file, to place a label in it: the one the workspace
    /// check read, the editor's, or the one on disk.
    fn text_of(&self, path: &Path) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        if let Some(c) = self.corpus.get(path) {
            return Some(Cow::Borrowed(&c.text));
        }
        if let Some(doc) = self
            .docs
            .iter()
            .find(|(u, _)| path_of(u).as_deref() == Some(path))
            .map(|(_, d)| d)
        {
            return Some(Cow::Borrowed(&doc.text));
        }
        let bytes = super::check::read_article(path, super::check::MAX_FILE_SIZE).ok()?;
        String::from_utf8(bytes).ok().map(Cow::Owned)
    }

    fn scanned(&mut self, scan: Scan) -> Result<(), String> {
        self.scanning = false;
        let mut corpus = HashMap::new();
        let mut scanned = HashSet::new();
        let open = self.open_paths();
        for (path, diagnostics, shown, text) in scan.files {
            let cross: Vec<Diagnostic> = diagnostics.iter().filter(|d| d.corpus).cloned().collect();
            if !cross.is_empty() {
                corpus.insert(
                    path.clone(),
                    Corpus {
                        text: text.clone(),
                        diagnostics: cross,
                    },
                );
            }
            scanned.insert(path.clone());
            // An open file is compared by its path, not by its URI: the
            // client may spell it otherwise (VS Code percent-encodes `+`,
            // `,`, `&`, which the url crate leaves).
            if open.contains_key(&path) {
                continue;
            }
            let Some(uri) = uri_of(&path) else { continue };
            // Closed since the check started: its findings are those of the
            // editor's text, maybe never saved. Those of the text on disk.
            let (text, shown) = if scan.open.contains(&path) {
                let cross: Vec<Diagnostic> =
                    diagnostics.iter().filter(|d| d.corpus).cloned().collect();
                self.on_disk(&path, &cross, &text).unwrap_or_default()
            } else {
                (text, shown)
            };
            if !shown.is_empty() || self.published.contains(&uri) {
                self.publish(&uri, &text, shown)?;
            }
        }
        self.corpus = corpus;
        // A file the check no longer covers (deleted, renamed, excluded) and
        // not open keeps no findings.
        let gone: Vec<lsp::Uri> = self
            .published
            .iter()
            .filter(|u| match path_of(u) {
                Some(p) => !open.contains_key(&p) && !scanned.contains(&p),
                None => !self.docs.contains_key(*u),
            })
            .cloned()
            .collect();
        for uri in gone {
            self.publish(&uri, "", Vec::new())?;
        }
        // Every open file is checked again: its cross-article findings may
        // have changed, and its other findings too, as the site (pages,
        // anchors) and the config may have changed since it was checked.
        let open: Vec<lsp::Uri> = self.docs.keys().cloned().collect();
        for uri in open {
            self.due.remove(&uri);
            self.check(&uri)?;
        }
        if std::mem::take(&mut self.rescan) {
            self.scan()?;
        }
        Ok(())
    }

    fn request(&mut self, req: Request) -> Result<(), String> {
        use lsp::request::{CodeActionRequest, HoverRequest, Request as _};
        if self.shutdown {
            return self.send(error(
                req.id,
                ErrorCode::InvalidRequest,
                format!("`{}` after `shutdown`", req.method),
            ));
        }
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                self.due.clear();
                self.reload = None;
                self.reply(req.id, ())
            }
            "initialize" => self.send(error(
                req.id,
                ErrorCode::InvalidRequest,
                "already initialized".into(),
            )),
            CodeActionRequest::METHOD => {
                let p: lsp::CodeActionParams = match parse(req.params) {
                    Ok(p) => p,
                    Err(e) => return self.send(error(req.id, ErrorCode::InvalidParams, e)),
                };
                // Within the pause after a change, the findings are those of
                // the previous text: check the current one now, or the edits
                // would land at the old offsets.
                if self.docs.get(&p.text_document.uri).is_some_and(|d| d.stale) {
                    self.due.remove(&p.text_document.uri);
                    self.check(&p.text_document.uri)?;
                }
                let actions = self.code_actions(&p);
                self.reply(req.id, actions)
            }
            HoverRequest::METHOD => {
                let p: lsp::HoverParams = match parse(req.params) {
                    Ok(p) => p,
                    Err(e) => return self.send(error(req.id, ErrorCode::InvalidParams, e)),
                };
                let hover = self.hover(&p);
                self.reply(req.id, hover)
            }
            _ => self.send(error(
                req.id,
                ErrorCode::MethodNotFound,
                format!("unknown method {}", req.method),
            )),
        }
    }

    fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.docs.get(uri).filter(|d| !d.stale) else {
            return Vec::new();
        };
        // Every action is a quick fix: none when the client asks for others.
        if let Some(only) = &p.context.only {
            let quickfix = lsp::CodeActionKind::QUICKFIX;
            let asked = |k: &lsp::CodeActionKind| {
                let k = k.as_str();
                k.is_empty()
                    || quickfix.as_str() == k
                    || quickfix.as_str().starts_with(&format!("{k}."))
            };
            if !only.iter().any(asked) {
                return Vec::new();
            }
        }
        let lines = Lines::new(&doc.text, self.encoding);
        let wanted = Span::new(lines.offset(p.range.start), lines.offset(p.range.end));
        let version = self.versioned_edits.then_some(doc.version);
        // Counted once, not for each finding: a request over a whole long
        // file asks for thousands of actions.
        let ending = repere::fix::line_ending(&doc.text);
        let crlf = doc.text.contains("\r\n");
        let mut actions = Actions::default();
        let front_end = repere::document::front_matter::split(&doc.text).1;
        let mut blocks = None;
        for d in &doc.diagnostics {
            if d.span.start > wanted.end || d.span.end < wanted.start {
                continue;
            }
            let diag = self.to_lsp(d, &lines, uri);
            if let Some(fix) = &d.fix {
                let edits = repere::fix::edits_in(&doc.text, ending, fix)
                    .into_iter()
                    .map(|e| lsp::TextEdit {
                        range: lines.range(e.span),
                        new_text: e.replacement,
                    })
                    .collect();
                actions.add(action(
                    format!("{} ({})", capitalise(&fix.description), d.rule),
                    (uri, version),
                    edits,
                    diag.clone(),
                    fix.applicability == Applicability::Safe,
                ));
            }
            let (title, at, comment) =
                match next_line_at(&doc.text, d, &lines, front_end, &mut blocks) {
                    Some((at, indent)) => (
                        format!("Disable `{}` on the next line", d.rule),
                        at,
                        format!("{indent}<!-- repere-disable-next-line {} -->\n", d.rule),
                    ),
                    None => {
                        // At the end of a file that ends with the front matter's
                        // closing line and no line break, the comment goes on a
                        // line of its own (glued to `---`, it would break it).
                        let before = doc.text[..front_end].trim_start_matches('\u{feff}');
                        let eol = if before.is_empty() || before.ends_with(['\n', '\r']) {
                            ""
                        } else {
                            "\n"
                        };
                        (
                            format!("Disable `{}` for this file", d.rule),
                            front_end,
                            format!("{eol}<!-- repere-disable-file {} -->\n", d.rule),
                        )
                    }
                };
            let comment = if crlf {
                comment.replace('\n', "\r\n")
            } else {
                comment
            };
            let pos = lines.position(at);
            actions.add(action(
                title,
                (uri, version),
                vec![lsp::TextEdit {
                    range: lsp::Range::new(pos, pos),
                    new_text: comment,
                }],
                diag,
                false,
            ));
        }
        actions
            .list
            .into_iter()
            .map(lsp::CodeActionOrCommand::CodeAction)
            .collect()
    }

    fn hover(&mut self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = &p.text_document_position_params.text_document.uri;
        let text = self.docs.get(uri)?.text.clone();
        let path = path_of(uri)?;
        let lines = Lines::new(&text, self.encoding);
        let offset = lines.offset(p.text_document_position_params.position);
        let doc = repere::document::Document::parse(path.clone(), text.clone());
        let (key, _) = doc
            .front()?
            .as_map()?
            .iter()
            .find(|(k, _)| k.span.start <= offset && offset <= k.span.end)?;
        let name = key.as_str()?.to_string();
        let setup = self.setup_for(&path).ok()?;
        let parts: Vec<String> = setup
            .linter
            .rules()
            .iter()
            .filter(|r| r.meta.files.is_empty() || r.meta.files.matches(&path))
            .filter_map(|r| {
                Some(format!(
                    "**{}**: {}",
                    r.meta.id,
                    r.rule.describe_key(&name)?
                ))
            })
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: Some(lines.range(key.span)),
        })
    }
}

/// The setups of the files of a workspace folder that are under another
/// config than the folder's (by config and site), and of each folder, the
/// config and site it is in.
struct Nested {
    root_config: Option<PathBuf>,
    setups: HashMap<SetupKey, Option<Setup>>,
    keys: HashMap<PathBuf, SetupKey>,
}

impl Nested {
    /// `None` for a file under the folder's config; else its own setup, if
    /// it loads.
    fn setup(&mut self, path: &Path) -> Option<Option<&Setup>> {
        let dir = path.parent().unwrap_or(Path::new("/"));
        let key = self
            .keys
            .entry(dir.to_path_buf())
            .or_insert_with(|| setup::key_for(path).1);
        if key.0 == self.root_config {
            return None;
        }
        let own = self.setups.entry(key.clone()).or_insert_with(|| {
            let loaded = packs::setup_at(dir).ok()?;
            setup::build(loaded, key.1.as_deref()).ok()
        });
        Some(own.as_ref())
    }
}

/// The check of a workspace folder (the files `open` holds are checked in
/// the editor's text), as `repere check` run there: every file's findings,
/// those of them its baseline does not hide, and the text they were found
/// in (empty for a file without findings).
fn check_root(root: &Path, root_setup: &Setup, open: &HashMap<PathBuf, String>) -> Vec<Checked> {
    let config = packs::discover(root).and_then(|p| {
        let text = read_text(&p)?;
        repere::config::Config::parse(&p, &text).ok()
    });
    let scope = super::check::Scope::new(config.as_ref(), root)
        .ok()
        .flatten();
    let max_size = super::check::max_file_size(config.as_ref());
    let files: Vec<PathBuf> = super::check::walk(&[root.to_path_buf()], scope.as_ref())
        .map(|w| w.files.into_iter().collect())
        .unwrap_or_default();
    // The sites are those of the files (a repository whose site is in a
    // subfolder), as for `repere check`, not the folder's.
    let linter = &workspace_linter(root, &files).unwrap_or_else(|| root_setup.linter.clone());
    let mut nested = Nested {
        root_config: packs::discover(root),
        setups: HashMap::new(),
        keys: HashMap::new(),
    };
    // The texts checked, as the findings' offsets are in them (a file
    // may change on disk, or in the editor, meanwhile).
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    // Those of files not checked, their findings' positions counted in them.
    let mut unread: HashMap<PathBuf, String> = HashMap::new();
    let results = files
        .iter()
        .map(|p| {
            // Read within the size limit of the file's own config.
            let limit = match nested.setup(p) {
                Some(Some(own)) => own.max_size,
                _ => max_size,
            };
            let text = match open.get(p) {
                Some(t) => {
                    texts.insert(p.clone(), t.clone());
                    return check_buffer(linter, p, t.clone(), limit);
                }
                None => match read_checked(linter, p, limit) {
                    Ok(t) => t,
                    Err((finding, shown)) => {
                        unread.insert(p.clone(), shown);
                        return *finding;
                    }
                },
            };
            texts.insert(p.clone(), text.clone());
            linter.check_source(Arc::new(p.clone()), text)
        })
        .collect();
    let report = linter.finish(results);
    report
        .files
        .into_iter()
        .map(|mut f| {
            let path = f.path.as_ref().clone();
            // A file under another config is checked with it, as when
            // it is open; its cross-article findings are those of the
            // check of the whole workspace.
            let mut shown = None;
            if let Some(own) = nested.setup(&path) {
                f.diagnostics = match (own, texts.get(&path)) {
                    (Some(own), Some(text))
                        if !own.scope.as_ref().is_some_and(|s| s.excluded(&path)) =>
                    {
                        let checked = check_buffer(&own.linter, &path, text.clone(), own.max_size);
                        let mut d = own.findings(checked);
                        // Links are looked up in a site, when the file's
                        // config gives it one, by the file's own check: the
                        // workspace's lookup among the files checked (no
                        // site there) would say it again, otherwise.
                        let sited = own.linter.has_site_for(&path) && !linter.has_site_for(&path);
                        d.extend(f.diagnostics.into_iter().filter(|d| {
                            d.corpus && !(sited && checks_links(&own.linter, &d.rule))
                        }));
                        shown = Some(own.baselined(&f.path, text, d.clone()));
                        d
                    }
                    // Not read (a FIFO, a file too large, not
                    // UTF-8): that finding stays.
                    (Some(own), None) if !own.scope.as_ref().is_some_and(|s| s.excluded(&path)) => {
                        f.diagnostics
                    }
                    // Excluded, or its config does not load (the
                    // error shows when a file under it is open).
                    _ => Vec::new(),
                };
            }
            let text = if f.diagnostics.is_empty() {
                String::new()
            } else {
                texts
                    .remove(&path)
                    .or_else(|| unread.remove(&path))
                    .unwrap_or_default()
            };
            let shown = shown
                .unwrap_or_else(|| root_setup.baselined(&f.path, &text, f.diagnostics.clone()));
            (path, f.diagnostics, shown, text)
        })
        .collect()
}

/// Whether `rule` is a rule of the `links` kind in `linter`.
fn checks_links(linter: &Linter, rule: &str) -> bool {
    linter
        .rules()
        .iter()
        .any(|r| &*r.meta.id == rule && r.meta.kind == "links")
}

/// The linter of a workspace folder's check, as `repere check` run there
/// builds it: the config found from the folder, and the sites of `files`
/// (the site a pack names, or the one each file is in). `None` when the
/// config does not load now, or a pack names a site without `content/`.
fn workspace_linter(root: &Path, files: &[PathBuf]) -> Option<Arc<Linter>> {
    let loaded = packs::setup_at(root).ok()?;
    let pack_roots = super::site::roots_from_packs(&loaded.rules);
    let config_dir = loaded.config.as_ref().map(|c| c.dir());
    let mut linter = Linter::new(loaded.rules).with_bundles(super::site::leaf_bundles());
    if let Some(d) = config_dir {
        linter.set_root(d.clone(), d, None);
    }
    for site in super::site::find(files, &pack_roots, None).ok()? {
        linter = linter.with_site(site);
    }
    Some(Arc::new(linter))
}

/// The code actions of a request, each once.
#[derive(Default)]
struct Actions {
    list: Vec<lsp::CodeAction>,
    /// Each action's title and edit, to its place in `list`.
    seen: HashMap<String, usize>,
}

impl Actions {
    /// Adds `new`, or, when an action with the same title and edit is there
    /// (two findings on one line, disabled by one comment), its diagnostic
    /// to that action's.
    fn add(&mut self, new: lsp::CodeAction) {
        let key = format!("{}\u{0}{:?}", new.title, new.edit);
        match self.seen.get(&key).and_then(|&i| self.list.get_mut(i)) {
            Some(same) => same
                .diagnostics
                .get_or_insert_with(Vec::new)
                .extend(new.diagnostics.into_iter().flatten()),
            None => {
                self.seen.insert(key, self.list.len());
                self.list.push(new);
            }
        }
    }
}

// `Uri` caches its parsed parts inside, which clippy takes for a mutable key;
// its hash and equality are those of the text, which never changes.
#[allow(clippy::mutable_key_type)]
/// A quick fix editing the document at `uri`: with its `version` when the
/// client takes versioned edits (so that it refuses them for another
/// text), else as plain `changes`.
fn action(
    title: String,
    (uri, version): (&lsp::Uri, Option<i32>),
    edits: Vec<lsp::TextEdit>,
    diagnostic: lsp::Diagnostic,
    preferred: bool,
) -> lsp::CodeAction {
    let edit = match version {
        Some(version) => lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }])),
            ..Default::default()
        },
        None => {
            let mut changes = HashMap::new();
            changes.insert(uri.clone(), edits);
            lsp::WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }
        }
    };
    lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    }
}

/// Where a "disable on the next line" comment goes for a finding (the start
/// of its line, and the comment's indent), or `None` when no such comment
/// can suppress it, or not without breaking the text, and it can only be
/// disabled for the file:
///
/// - in the front matter (a comment there is YAML);
/// - anchored at the start of the body, as the findings about the whole
///   article are ("no front matter", "follows none of the templates"): the
///   comment would take their place, and they would be on its line;
/// - inside a table (the comment would end it, and the rows after it would
///   be a paragraph of pipes) or a blockquote (it would split it in two);
/// - on the definition of a definition list (`: …` under its term, which
///   Hugo's goldmark reads): the comment would part it from its term;
/// - on a line that goes on a paragraph (its second line or later), a tight
///   list item's text included (a paragraph that pulldown-cmark reports
///   without `Paragraph` events): an HTML comment ends a paragraph, which
///   would be split in two (and a continuation line such as `2. suite`
///   would start a list of its own);
/// - on the marker line of a list item whose previous item ends with a
///   fenced code block left open (closed by the item's end): the comment,
///   indented into that item, would be a line of the code; or whose
///   previous item has tabs before or right after its marker, which leave
///   the column of its content uncertain.
///
/// The comment is indented as the finding's line, so that it stays inside
/// the list item the line is in (at column 0 it would end the list); on
/// the marker line of a list item that is not the first of its list, as
/// the content of the item before (CommonMark ends a list at a line less
/// indented than its items' content, and the items after the comment would
/// start another list).
///
/// `blocks`: the body's blocks, found on first need.
fn next_line_at(
    text: &str,
    d: &Diagnostic,
    lines: &Lines<'_>,
    body_start: usize,
    blocks: &mut Option<Blocks>,
) -> Option<(usize, String)> {
    if d.span.start < body_start {
        return None;
    }
    let first_line_end = text[body_start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| body_start + i);
    if d.span.start == body_start && (d.span.is_empty() || d.span.end == first_line_end) {
        return None;
    }
    let line = lines.position(d.span.start).line;
    let at = lines.offset(lsp::Position::new(line, 0));
    // The body starts inside the line (`--- # fin`: the rest of the front
    // matter's closing line): a comment above it would be in the block.
    if at < body_start {
        return None;
    }
    let blocks = blocks.get_or_insert_with(|| Blocks::of(text, body_start));
    if blocks.spans.iter().any(|q| q.start < at && at < q.end) {
        return None;
    }
    let definition = text[at..]
        .trim_start_matches([' ', '\t'])
        .strip_prefix(':')
        .is_some_and(|rest| rest.starts_with([' ', '\t']));
    let under_text = text[..at]
        .trim_end_matches(['\n', '\r'])
        .rsplit(['\n', '\r'])
        .next()
        .is_some_and(|previous| !previous.trim().is_empty());
    if definition && under_text {
        return None;
    }
    let line_end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let i = blocks.followers.partition_point(|f| f.start < at);
    if let Some(item) = blocks.followers.get(i).filter(|f| f.start < line_end) {
        if item.open_fence {
            return None;
        }
        return Some((at, content_indent(text, item.previous)?));
    }
    let indent = text[at..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Some((at, indent))
}

/// What of the body (parsed as the linter parses it) decides where a
/// "disable on the next line" comment can go.
#[derive(Debug, Default)]
struct Blocks {
    /// The tables, blockquotes and paragraphs, a tight list item's text
    /// included: a comment on a line inside one would split it.
    spans: Vec<Span>,
    /// The list items that are not the first of their list, in order.
    followers: Vec<Follower>,
}

/// A list item that follows another in its list.
#[derive(Debug)]
struct Follower {
    /// Where it starts (its marker).
    start: usize,
    /// Where the item before it starts (its marker).
    previous: usize,
    /// Whether the item before it ends with a fenced code block that only
    /// its end closes.
    open_fence: bool,
}

/// A block open while the body is read.
enum Open {
    /// A list, with its last item so far (its start, and whether it ends
    /// with an open fence).
    List(Option<(usize, bool)>),
    /// A list item: where it starts, the text directly in it (a tight
    /// item's paragraph) being read, whether its last block so far is an
    /// open fence.
    Item {
        start: usize,
        text: Option<Span>,
        open_fence: bool,
    },
    /// A fenced code block.
    Fence,
    Other,
}

impl Blocks {
    fn of(text: &str, body_start: usize) -> Blocks {
        use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let mut blocks = Blocks::default();
        let mut open: Vec<Open> = Vec::new();
        for (event, range) in Parser::new_ext(&text[body_start..], options).into_offset_iter() {
            let span = Span::new(body_start + range.start, body_start + range.end);
            let inline = match &event {
                Event::Start(tag) => matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Superscript
                        | Tag::Subscript
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                ),
                Event::End(tag) => matches!(
                    tag,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Superscript
                        | TagEnd::Subscript
                        | TagEnd::Link
                        | TagEnd::Image
                ),
                Event::Rule => false,
                _ => true,
            };
            // What comes directly in a list item (not the end of a block,
            // the item's own included): text goes on its text, a block
            // ends it (and is the item's last block so far).
            let child = inline || !matches!(event, Event::End(_));
            if let Some(Open::Item {
                text, open_fence, ..
            }) = open.last_mut().filter(|_| child)
            {
                *open_fence = false;
                if inline {
                    *text = Some(text.map_or(span, |t| Span::new(t.start, span.end)));
                } else if let Some(t) = text.take() {
                    blocks.spans.push(t);
                }
            }
            if inline {
                continue;
            }
            match event {
                Event::Start(tag) => {
                    if matches!(tag, Tag::Table(_) | Tag::BlockQuote(_) | Tag::Paragraph) {
                        blocks.spans.push(span);
                    }
                    open.push(match tag {
                        Tag::List(_) => Open::List(None),
                        Tag::Item => {
                            if let Some(Open::List(Some((previous, open_fence)))) = open.last() {
                                blocks.followers.push(Follower {
                                    start: span.start,
                                    previous: *previous,
                                    open_fence: *open_fence,
                                });
                            }
                            Open::Item {
                                start: span.start,
                                text: None,
                                open_fence: false,
                            }
                        }
                        Tag::CodeBlock(CodeBlockKind::Fenced(_)) => Open::Fence,
                        _ => Open::Other,
                    });
                }
                Event::End(_) => match open.pop() {
                    Some(Open::Item {
                        start,
                        text,
                        open_fence,
                    }) => {
                        blocks.spans.extend(text);
                        if let Some(Open::List(last)) = open.last_mut() {
                            *last = Some((start, open_fence));
                        }
                    }
                    Some(Open::Fence) => {
                        if let Some(Open::Item { open_fence, .. }) = open.last_mut() {
                            *open_fence = !closed_fence(&text[span.start..span.end]);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        blocks
    }
}

/// Whether a fenced code block's text ends with its closing fence (at
/// least as long as the opening one, of the same character).
fn closed_fence(code: &str) -> bool {
    let mut lines = code.lines();
    let opening = lines.next().unwrap_or("").trim_start();
    let Some(c) = opening.chars().next() else {
        return false;
    };
    let length = opening.chars().take_while(|x| *x == c).count();
    lines.next_back().is_some_and(|last| {
        let last = last.trim();
        last.chars().all(|x| x == c) && last.chars().count() >= length
    })
}

/// The indent of a line inside the list item whose marker starts at
/// `marker`, as its content (CommonMark: the marker, then one to four
/// spaces; one when more, or none, follow it); `None` where tabs make the
/// columns uncertain.
fn content_indent(text: &str, marker: usize) -> Option<String> {
    let line_start = text[..marker].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..marker];
    let rest = text[marker..].split(['\n', '\r']).next().unwrap_or("");
    let marker_len = repere::document::markdown::list_marker(rest)?;
    let after = rest.get(marker_len..)?;
    if before.contains('\t') || after.trim_start_matches(' ').starts_with('\t') {
        return None;
    }
    let spaces = after.len() - after.trim_start_matches(' ').len();
    let gap = if spaces == after.len() || spaces > 4 {
        1
    } else {
        spaces
    };
    Some(" ".repeat(before.chars().count() + marker_len + gap))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn parse<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| e.to_string())
}

/// A notification's parameters; `None` (and a line on stderr, as there is
/// no one to answer) when they are not what its method takes.
fn ignore_bad<T: serde::de::DeserializeOwned>(method: &str, v: serde_json::Value) -> Option<T> {
    parse(v)
        .map_err(|e| eprintln!("repere server: `{method}` ignored, bad parameters: {e}"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule's documentation is linked in the repository `Cargo.toml`
    /// names, and not at all without one.
    #[test]
    fn documentation_links_are_in_the_named_repository() {
        let repo = "https://github.com/org/repere/";
        assert_eq!(
            docs_for(repo, Some("phrase")).as_deref(),
            Some("https://github.com/org/repere/blob/HEAD/docs/phrase.md")
        );
        assert_eq!(
            docs_for(repo, Some("front-matter")).as_deref(),
            Some("https://github.com/org/repere/blob/HEAD/README.md")
        );
        assert_eq!(
            docs_for(repo, None).as_deref(),
            Some("https://github.com/org/repere/blob/HEAD/README.md")
        );
        assert_eq!(docs_for("", Some("phrase")), None);
        assert_eq!(
            docs_for("https://gitlab.com/org/repere.git", Some("links")).as_deref(),
            Some("https://gitlab.com/org/repere/blob/HEAD/docs/links.md")
        );
    }
}
