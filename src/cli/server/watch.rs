//! File watchers, registered with the client when it can register them
//! (`workspace/didChangeWatchedFiles` with dynamic registration): the
//! editor then tells of the changes made outside it, or in files it does
//! not send (a client attached to Markdown only never sends `repere.toml`),
//! and the configs, packs, baselines and site pages are read again.

use std::path::PathBuf;

use lsp_server::{Message, Request, RequestId};
use lsp_types as lsp;

use super::{Server, packs, read_text};

/// The id of the registration, to replace it.
const ID: &str = "repere-watched-files";

/// The glob patterns to watch: the configs, the rule packs (YAML), the
/// articles, the Hugo sites' configurations and templates (the shortcodes
/// they have), and the baselines the configs of `roots` name (by file
/// name: a config may name one outside the folder).
pub(super) fn patterns(roots: &[PathBuf]) -> Vec<String> {
    let mut patterns: Vec<String> = repere::config::FILE_NAMES
        .iter()
        .map(|n| format!("**/{n}"))
        .chain(
            [
                "**/*.yaml",
                "**/*.yml",
                "**/*.md",
                "**/*.markdown",
                "**/*.toml",
                "**/*.json",
                "**/go.mod",
                "**/layouts/**",
            ]
            .map(String::from),
        )
        .collect();
    for root in roots {
        let baseline = packs::discover(root).and_then(|p| {
            let config = repere::config::Config::parse(&p, &read_text(&p)?).ok()?;
            let name = config.dir().join(config.settings.baseline.as_ref()?);
            Some(name.file_name()?.to_str()?.to_string())
        });
        if let Some(name) = baseline {
            let pattern = format!("**/{name}");
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
    }
    patterns
}

impl Server {
    /// Registers the watchers with the client, when it can, or registers
    /// them again when they changed (a config names another baseline, a
    /// folder was added).
    pub(super) fn watch(&mut self) -> Result<(), String> {
        if !self.can_watch {
            return Ok(());
        }
        let patterns = patterns(&self.roots);
        if self.watching.as_ref() == Some(&patterns) {
            return Ok(());
        }
        if self.watching.is_some() {
            self.server_request::<lsp::request::UnregisterCapability>(lsp::UnregistrationParams {
                unregisterations: vec![lsp::Unregistration {
                    id: ID.into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                }],
            })?;
        }
        let watchers = patterns
            .iter()
            .map(|p| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(p.clone()),
                kind: None,
            })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        self.server_request::<lsp::request::RegisterCapability>(lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: ID.into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        })?;
        self.watching = Some(patterns);
        Ok(())
    }

    /// Sends a request to the client (its answer is not awaited: the
    /// server goes on either way).
    fn server_request<R: lsp::request::Request>(
        &mut self,
        params: R::Params,
    ) -> Result<(), String> {
        self.requests += 1;
        let id = RequestId::from(format!("repere-{}", self.requests));
        self.send(Message::Request(Request::new(
            id,
            R::METHOD.to_string(),
            params,
        )))
    }
}
