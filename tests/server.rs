//! Drives the real `repere server` over stdio with JSON-RPC: initialize,
//! didOpen, didChange, codeAction, hover, shutdown.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::ARTICLE;
use serde_json::{Value, json};

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    seen: Vec<Value>,
    /// The server's capabilities, as `initialize` answered.
    capabilities: Value,
}

impl Client {
    fn start(root: &Path, capabilities: Value) -> Client {
        let uri = url::Url::from_directory_path(root).unwrap().to_string();
        Client::start_with(
            root,
            json!({"processId": null, "rootUri": uri, "capabilities": capabilities}),
        )
    }

    /// Started in `root`, initialized with `params`.
    fn start_with(root: &Path, params: Value) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("repere"))
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            rx,
            next_id: 1,
            seen: Vec::new(),
            capabilities: Value::Null,
        };
        let result = client.request("initialize", params);
        assert!(
            result["capabilities"]["codeActionProvider"]
                .as_bool()
                .unwrap()
        );
        client.capabilities = result["capabilities"].clone();
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, msg: Value) {
        self.raw(&serde_json::to_vec(&msg).unwrap());
    }

    /// A body, framed as it is.
    fn raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let msg = self.call(method, params);
        assert!(msg.get("error").is_none(), "{msg:#?}");
        msg["result"].clone()
    }

    /// The whole response to a request: its result or its error.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The error code of the response to a request.
    fn error_code(&mut self, method: &str, params: Value) -> i64 {
        let msg = self.call(method, params);
        msg["error"]["code"]
            .as_i64()
            .unwrap_or_else(|| panic!("{msg:#?}"))
    }

    /// The exit code, once the server is gone.
    fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the server did not exit");
    }

    /// The next message (also among those already received) that matches.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("timed out; seen: {:#?}", self.seen));
            if pred(&msg) {
                return msg;
            }
            self.seen.push(msg);
        }
    }

    /// The diagnostics next published for `uri` that satisfy `pred`.
    fn diagnostics(&mut self, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        loop {
            let msg = self.wait(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            });
            let d = msg["params"]["diagnostics"].as_array().unwrap().clone();
            if pred(&d) {
                return d;
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// The diagnostics next published for version `version` of `uri`.
    fn published(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn stop(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null());
        self.notify("exit", Value::Null);
        assert_eq!(self.exit_code(), Some(0));
    }
}

fn site() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    let path = posts.join(common::NAME);
    fs::write(&path, ARTICLE).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    (dir, path, uri)
}

fn utf16(s: &str) -> u64 {
    s.encode_utf16().count() as u64
}

#[test]
fn diagnostics_code_actions_and_hover_over_stdio() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    // Accented text and an emoji before the finding, on its line.
    let line_text = "« Élève 😀 », dit-elle : il faut choisir.";
    let text = ARTICLE.replace("Une introduction.", line_text);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    let tone = d
        .iter()
        .find(|d| d["code"] == "tone")
        .unwrap_or_else(|| panic!("{d:#?}"));
    let line = text.lines().position(|l| l == line_text).unwrap() as u64;
    let col = utf16(&line_text[..line_text.find("il faut").unwrap()]);
    assert_eq!(
        tone["range"]["start"],
        json!({"line": line, "character": col})
    );
    assert_eq!(tone["range"]["end"]["character"], col + utf16("il faut"));
    assert_eq!(tone["severity"], 2);
    // A link to the rule's documentation in the repository Cargo.toml
    // names, and none without one.
    match env!("CARGO_PKG_REPOSITORY") {
        "" => assert!(tone.get("codeDescription").is_none(), "{tone:#}"),
        _ => assert!(
            tone["codeDescription"]["href"]
                .as_str()
                .unwrap()
                .ends_with("/blob/HEAD/docs/phrase.md")
        ),
    }

    // A change: the misspelled section is reported after the pause.
    let changed = text.replace("## Dédramatisation", "## Dedramatisation");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let d = c.diagnostics(&uri, |d| d.iter().any(|x| x["code"] == "section-order"));
    let spelled = d.iter().find(|x| x["code"] == "section-order").unwrap();
    let hline = changed
        .lines()
        .position(|l| l == "## Dedramatisation")
        .unwrap() as u64;
    assert_eq!(
        spelled["range"]["start"],
        json!({"line": hline, "character": 3})
    );

    // Code actions on it: the fix (preferred) and the suppression comment.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": spelled["range"], "context": {"diagnostics": [spelled]}}),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edit = &fix["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "Dédramatisation");
    assert_eq!(
        edit["range"]["start"],
        json!({"line": hline, "character": 3})
    );
    assert_eq!(
        edit["range"]["end"],
        json!({"line": hline, "character": 3 + utf16("Dedramatisation")})
    );
    let disable = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("on the next line"))
        .unwrap();
    let edit = &disable["edit"]["changes"][uri.as_str()][0];
    assert_eq!(
        edit["newText"],
        "<!-- repere-disable-next-line section-order -->\n"
    );
    assert_eq!(
        edit["range"]["start"],
        json!({"line": hline, "character": 0})
    );

    // Hover on a front-matter key says what the rules expect.
    let pline = changed
        .lines()
        .position(|l| l.starts_with("pillar:"))
        .unwrap();
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": pline, "character": 2}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("le-role-du-cto") && value.contains("pillars"),
        "{value}"
    );
    c.stop();
}

#[test]
fn utf8_positions_when_the_client_asks() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    let line_text = "Élève : il faut choisir.";
    let text = ARTICLE.replace("Une introduction.", line_text);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    let tone = d.iter().find(|d| d["code"] == "tone").unwrap();
    assert_eq!(
        tone["range"]["start"]["character"],
        line_text.find("il faut").unwrap() as u64
    );
    c.stop();
}

/// README: "positions follow the encoding negotiated with the client
/// (`utf-8`, `utf-16` or `utf-32`; UTF-16 by default)": a client that
/// offers only `utf-32` gets it, and columns count code points, where an
/// emoji is two UTF-16 units and four bytes; in the findings and in the
/// edits of their fixes.
#[test]
fn utf32_positions_when_the_client_offers_only_utf32() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-32"]}}),
    );
    assert_eq!(c.capabilities["positionEncoding"], "utf-32");
    let line_text = "« Élève 😀 », dit-elle : il faut choisir.";
    let text = ARTICLE
        .replace("Une introduction.", line_text)
        .replace("## Dédramatisation", "## 😀 Dedramatisation");
    c.open(&uri, &text);
    let d = c.diagnostics(&uri, |d| {
        d.iter().any(|x| x["code"] == "tone") && d.iter().any(|x| x["code"] == "section-order")
    });
    let tone = d.iter().find(|x| x["code"] == "tone").unwrap();
    let line = text.lines().position(|l| l == line_text).unwrap() as u64;
    let before = &line_text[..line_text.find("il faut").unwrap()];
    let col = before.chars().count() as u64;
    assert_ne!(col, utf16(before));
    assert_eq!(
        tone["range"],
        json!({"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 7}})
    );
    // The misspelled heading: its text, emoji included, is code points 3
    // to 20 (21 in UTF-16 units, 23 in bytes); its fix rewrites the title,
    // from code point 5.
    let spelled = d.iter().find(|x| x["code"] == "section-order").unwrap();
    let hline = text
        .lines()
        .position(|l| l == "## 😀 Dedramatisation")
        .unwrap() as u64;
    let at = |start: u64, end: u64| json!({"start": {"line": hline, "character": start}, "end": {"line": hline, "character": end}});
    assert_eq!(spelled["range"], at(3, 20), "{spelled:#}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": spelled["range"], "context": {"diagnostics": [spelled]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edit = &fix["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "Dédramatisation");
    assert_eq!(edit["range"], at(5, 20));
    c.stop();
}

#[test]
fn a_config_error_is_a_diagnostic_on_the_config_file() {
    let (dir, _path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let config = dir.path().join("repere.toml");
    fs::write(&config, "[severity]\nno-such-rule = \"off\"\n").unwrap();
    let config_uri = url::Url::from_file_path(&config).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": ARTICLE}}));
    let d = c.diagnostics(&config_uri, |d| !d.is_empty());
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("no rule `no-such-rule`"),
        "{d:#?}"
    );
    assert_eq!(d[0]["range"]["start"], json!({"line": 1, "character": 0}));
    // Its code is the rule a report gives it, as for every diagnostic.
    assert_eq!(d[0]["code"], "config", "{d:#?}");
    // Fixed and saved: the error goes, and the config applies.
    fs::write(&config, "[severity]\nsection-order = \"off\"\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    c.diagnostics(&config_uri, |d| d.is_empty());
    c.stop();
}

#[test]
fn typing_fast_in_a_long_article_is_debounced() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    let mut text = ARTICLE.to_string();
    for i in 0..5000 {
        text.push_str(&format!(
            "\nLigne {i} d'un long article, avec des accents : é à ù.\n"
        ));
    }
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    c.diagnostics(&uri, |_| true);
    let start = Instant::now();
    for v in 2..52 {
        text.push('x');
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}),
        );
    }
    let last_edit = Instant::now();
    // The server answers at once while the edits are pending.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null());
    let last = c
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 51);
    assert!(last["params"]["diagnostics"].is_array());
    // README: checked again 150 ms after the last keystroke, not before.
    let pause = last_edit.elapsed();
    assert!(
        pause >= Duration::from_millis(150),
        "checked {pause:?} after the last edit"
    );
    let elapsed = start.elapsed();
    let publishes = c
        .seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(publishes <= 5, "{publishes} checks for 50 quick edits");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    c.stop();
}

#[test]
fn closing_a_file_clears_its_diagnostics() {
    let (dir, path, uri) = site();
    // On disk too, so that no workspace check clears them in its place.
    let text = ARTICLE.replace("## Dédramatisation", "## Dedramatisation");
    fs::write(&path, &text).unwrap();
    let mut c = Client::start(dir.path(), json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    c.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == 1
    });
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.diagnostics(&uri, |d| d.is_empty());
    c.stop();
}

#[test]
fn a_code_action_right_after_a_change_uses_the_new_text() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    let text = ARTICLE.replace("## Dédramatisation", "## Dedramatisation");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    c.diagnostics(&uri, |d| d.iter().any(|x| x["code"] == "section-order"));
    // Lines and words added above the finding, and a code action asked for
    // at once, within the pause before the new text is checked.
    let changed = text.replace(
        "Une introduction.",
        "Une longue introduction, en plusieurs lignes.\n\nEt un second paragraphe.",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": changed}]}),
    );
    let hline = changed
        .lines()
        .position(|l| l == "## Dedramatisation")
        .unwrap() as u64;
    let range = json!({
        "start": {"line": hline, "character": 3},
        "end": {"line": hline, "character": 3 + utf16("Dedramatisation")},
    });
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edit = &fix["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "Dédramatisation");
    assert_eq!(edit["range"], range, "{actions:#?}");
    for a in actions {
        for e in a["edit"]["changes"][uri.as_str()].as_array().unwrap() {
            assert_eq!(e["range"]["start"]["line"], hline, "{a:#?}");
        }
    }
    c.stop();
}

/// The HTML pulldown-cmark renders for a Markdown text.
fn render(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(markdown));
    html
}

/// `html` with every space and line break taken out: a comment inside a
/// list item adds one before `</li>`.
fn squeezed(html: &str) -> String {
    html.split_whitespace().collect()
}

#[test]
fn disabling_on_a_list_item_s_first_line_keeps_the_list_one_list() {
    let (dir, path, _) = site();
    let mut c = Client::start(dir.path(), json!({}));
    // The list, and the indent of the comment before the line that says
    // "il faut": an item after the first goes on the item before (at
    // column 0, or indented as the marker, the comment would end the list
    // and the items after it would start another one).
    let cases = [
        (
            "- Premier point.\n- Il faut coder.\n- Troisième point.\n",
            "  ",
        ),
        (
            "- Premier point qui continue\n  sur deux lignes.\n- Il faut coder.\n",
            "  ",
        ),
        ("1. Premier point.\n2. Il faut coder.\n", "   "),
        ("10) Premier point.\n11) Il faut coder.\n", "    "),
        ("-   Premier point.\n-   Il faut coder.\n", "    "),
        ("- Premier point.\n\n- Il faut coder.\n", "  "),
        (
            "- Un point.\n  - Premier sous-point.\n  - Il faut coder.\n",
            "    ",
        ),
        ("- Un point.\n  - Un sous-point.\n- Il faut coder.\n", "  "),
        (
            "- Un point :\n  ```\n  code\n  ```\n- Il faut coder.\n",
            "  ",
        ),
        // A first item: the comment goes before the list, or inside the
        // item the nested list is in.
        ("- Il faut coder.\n- Second point.\n", ""),
        ("- Un point.\n  - Il faut coder.\n", "  "),
        ("Une liste :\n- Il faut coder.\n", ""),
    ];
    for (i, (list, indent)) in cases.into_iter().enumerate() {
        let uri = uri_in(&path, i);
        let text = format!("---\ntitle: \"Déjà\"\n---\n\n{list}");
        let (titles, applied) = disable_actions(&mut c, &uri, &text, "tone");
        assert_eq!(titles, ["Disable `tone` on the next line"], "{list}");
        let comment = format!("{indent}<!-- repere-disable-next-line tone -->\n");
        let line = list.lines().find(|l| l.contains("Il faut")).unwrap();
        assert!(
            applied.contains(&format!("\n{comment}{line}\n")),
            "{list:?}: {applied:?}"
        );
        // The same lists and items, the comment in one of them.
        let rendered = render(applied.split_once("---\n\n").unwrap().1);
        assert!(rendered.contains("<!-- repere-disable"), "{rendered}");
        assert_eq!(
            squeezed(&rendered.replace(comment.trim(), "")),
            squeezed(&render(list)),
            "{list:?}"
        );
        // And the finding is suppressed, by a comment that counts.
        c.change(&uri, 2, &applied);
        let d = c.published(&uri, 2);
        assert!(
            !d.iter()
                .any(|x| x["code"] == "tone" || x["code"] == "unused-suppression"),
            "{applied}: {d:#?}"
        );
    }
    c.stop();
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let (dir, _path, _uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), Some(1));
}

/// An editor that goes away (its end of the pipe closed) is as one that
/// sends `exit`: code 1 without `shutdown`, 0 after it.
#[test]
fn the_end_of_the_input_is_an_exit() {
    for shutdown in [false, true] {
        let (dir, _path, _uri) = site();
        let mut c = Client::start(dir.path(), json!({}));
        if shutdown {
            assert!(c.request("shutdown", Value::Null).is_null());
        }
        let Client {
            mut child, stdin, ..
        } = c;
        drop(stdin);
        let code = child.wait().unwrap().code();
        assert_eq!(
            code,
            Some(if shutdown { 0 } else { 1 }),
            "shutdown: {shutdown}"
        );
    }
}

/// Input that ends before `initialize` is an error (exit 2), named for
/// what broke: a message without its header, or no message at all.
#[test]
fn input_that_ends_before_initialize() {
    for (input, said) in [
        (
            &b"Foo: bar\r\n\r\n{}"[..],
            "a message without Content-Length",
        ),
        (&b""[..], "the input ended before `initialize`"),
    ] {
        let out = assert_cmd::Command::cargo_bin("repere")
            .unwrap()
            .arg("server")
            .write_stdin(input)
            .timeout(std::time::Duration::from_secs(10))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{err}");
    }
}

#[test]
fn after_shutdown_requests_are_refused_until_exit() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    assert!(c.request("shutdown", Value::Null).is_null());
    let hover = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}});
    assert_eq!(c.error_code("textDocument/hover", hover.clone()), -32600);
    // A notification is dropped: nothing is checked nor published.
    let text = ARTICLE.replace("## Dédramatisation", "## Dedramatisation");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    assert_eq!(c.error_code("textDocument/hover", hover), -32600);
    assert_eq!(c.error_code("shutdown", Value::Null), -32600);
    assert!(
        !c.seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri),
        "{:#?}",
        c.seen
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), Some(0));
}

#[test]
fn bad_parameters_are_refused_and_the_server_goes_on() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    // Notifications: ignored.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1}}),
    );
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "not a uri", "languageId": "markdown", "version": 1, "text": "x"}}),
    );
    c.notify("textDocument/didChange", json!({"contentChanges": 3}));
    c.notify("textDocument/didClose", Value::Null);
    // Requests: an error.
    assert_eq!(
        c.error_code(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "context": {"diagnostics": []}}),
        ),
        -32602
    );
    assert_eq!(
        c.error_code(
            "textDocument/hover",
            json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
        ),
        -32602
    );
    assert_eq!(c.error_code("initialize", json!({})), -32600);
    // And the server still works.
    let text = ARTICLE.replace("## Dédramatisation", "## Dedramatisation");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    c.diagnostics(&uri, |d| d.iter().any(|x| x["code"] == "section-order"));
    c.stop();
}

#[test]
fn a_malformed_message_gets_an_error_and_the_server_goes_on() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    c.raw(b"{bad json");
    let e = c.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(e["id"], Value::Null);
    c.raw(b"{}");
    let e = c.wait(|m| m["error"]["code"] == -32600);
    assert_eq!(e["id"], Value::Null);
    c.raw(br#"{"jsonrpc": "2.0", "id": 99, "method": 5}"#);
    let e = c.wait(|m| m["error"]["code"] == -32600);
    assert_eq!(e["id"], 99);
    // Not UTF-8.
    c.raw(b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\"}");
    c.wait(|m| m["error"]["code"] == -32700);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null());
    c.stop();
}

/// A paragraph two articles share: a cross-article finding.
const SHARED: &str = "Un paragraphe partagé entre deux articles, assez long pour être compté \
                      comme un doublon entre les articles du site, mot pour mot.";

/// A site of two articles that share a paragraph, in a repository: the
/// second one's text and URI.
fn shared_site() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    let a = format!("---\ntitle: \"Un\"\n---\n\nIntro.\n\n{SHARED}\n\nFin.\n");
    let b = format!("---\ntitle: \"Autre\"\n---\n\nAutre intro.\n\n{SHARED}\n");
    fs::write(posts.join("a.md"), a).unwrap();
    fs::write(posts.join("b.md"), &b).unwrap();
    let uri = url::Url::from_file_path(posts.join("b.md"))
        .unwrap()
        .to_string();
    (dir, b, uri)
}

fn corpus_lines(d: &[Value]) -> Vec<u64> {
    d.iter()
        .filter(|x| x["code"] == "duplicate-paragraph-corpus")
        .map(|x| x["range"]["start"]["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn cross_article_findings_follow_the_edits_or_go() {
    let (dir, text, uri) = shared_site();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, &text);
    let line = |t: &str| t.lines().position(|l| l == SHARED).unwrap() as u64;
    c.diagnostics(&uri, |d| corpus_lines(d) == [line(&text)]);

    // Lines added above: the paragraph is found again, verbatim, lower.
    let moved = text.replace("Autre intro.\n", "Autre intro.\n\nUne.\n\nDeux.\n");
    c.change(&uri, 2, &moved);
    let d = c.published(&uri, 2);
    assert_eq!(corpus_lines(&d), [line(&moved)], "{d:#?}");
    let f = d
        .iter()
        .find(|x| x["code"] == "duplicate-paragraph-corpus")
        .unwrap();
    assert_eq!(f["range"]["start"]["character"], 0);
    assert_eq!(f["range"]["end"]["line"], line(&moved));
    // Its "disable on the next line" goes right above it.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": f["range"], "context": {"diagnostics": []}}),
    );
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable `duplicate-paragraph-corpus` on the next line")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edit = &disable["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["range"]["start"]["line"], line(&moved));

    // The comment applied: suppressed at once, not at the next save.
    let at = moved.find(SHARED).unwrap();
    let suppressed = format!(
        "{}{}{}",
        &moved[..at],
        edit["newText"].as_str().unwrap(),
        &moved[at..]
    );
    c.change(&uri, 3, &suppressed);
    let d = c.published(&uri, 3);
    assert!(corpus_lines(&d).is_empty(), "{d:#?}");

    // The paragraph edited: its place cannot be known, the finding goes
    // until the next workspace check (never at a wrong place).
    let edited = moved.replace("mot pour mot", "mot à mot");
    c.change(&uri, 4, &edited);
    let d = c.published(&uri, 4);
    assert!(corpus_lines(&d).is_empty(), "{d:#?}");
    c.stop();
}

#[test]
fn a_missing_rule_pack_is_an_error_on_the_config_and_a_message() {
    let (dir, _path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let config = dir.path().join("repere.toml");
    fs::write(&config, "rules = [\"mes-regles/\"]\n").unwrap();
    let config_uri = url::Url::from_file_path(&config).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, ARTICLE);
    let d = c.diagnostics(&config_uri, |d| !d.is_empty());
    assert!(
        d[0]["message"].as_str().unwrap().contains("mes-regles"),
        "{d:#?}"
    );
    // At the pack it names.
    assert_eq!(d[0]["range"]["start"], json!({"line": 0, "character": 9}));
    assert_eq!(d[0]["range"]["end"], json!({"line": 0, "character": 22}));
    // An error of the config's `rules` entry, as the CLI names it.
    assert_eq!(d[0]["code"], "config", "{d:#?}");
    let shown = c.wait(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("mes-regles"),
        "{shown:#?}"
    );
    assert_eq!(shown["params"]["type"], 1);
    c.stop();
}

#[test]
fn a_config_keeps_its_errors_when_another_one_loads() {
    let (dir, _path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let broken = dir.path().join("repere.toml");
    fs::write(&broken, "fail-on = 3\n").unwrap();
    let broken_uri = url::Url::from_file_path(&broken).unwrap().to_string();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("repere.toml"), "[severity]\ntone = \"off\"\n").unwrap();
    fs::write(sub.join("b.md"), ARTICLE).unwrap();
    let sub_uri = url::Url::from_file_path(sub.join("b.md"))
        .unwrap()
        .to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, ARTICLE);
    c.diagnostics(&broken_uri, |d| !d.is_empty());
    // Another folder, another config, which loads.
    c.open(&sub_uri, ARTICLE);
    c.published(&sub_uri, 1);
    let cleared = c.seen.iter().any(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == broken_uri
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(!cleared, "{:#?}", c.seen);
    c.stop();
}

#[test]
fn open_files_are_checked_again_when_a_save_changes_the_site() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    let text = "---\ntitle: \"Un\"\n---\n\nVoir [la suite](/posts/nouveau/).\n";
    fs::write(posts.join("2024-01-01-a.md"), text).unwrap();
    let uri = url::Url::from_file_path(posts.join("2024-01-01-a.md"))
        .unwrap()
        .to_string();
    let links = |d: &[Value]| d.iter().any(|x| x["code"] == "internal-links");
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, text);
    c.diagnostics(&uri, links);
    // The page it links to is written and saved: the link now leads there.
    let new = posts.join("2024-01-02-nouveau.md");
    fs::write(&new, "---\ntitle: \"Nouveau\"\n---\n\nTexte.\n").unwrap();
    let new_uri = url::Url::from_file_path(&new).unwrap().to_string();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": new_uri}}),
    );
    c.diagnostics(&uri, |d| !links(d));
    c.stop();
}

#[test]
fn only_file_uris_are_files() {
    let (dir, text, uri) = shared_site();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, &text);
    // A diff view's other side: the same path, another text.
    let path = url::Url::parse(&uri).unwrap().path().to_string();
    let git = format!("git:{path}?%7B%22ref%22%3A%22HEAD%22%7D");
    c.open(&git, "---\ntitle: \"Autre\"\n---\n\nIl faut coder.\n");
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": git}, "position": {"line": 1, "character": 1}}),
    );
    assert!(hover.is_null());
    // Nor taken for the file by the workspace check.
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let line = text.lines().position(|l| l == SHARED).unwrap() as u64;
    c.diagnostics(&uri, |d| corpus_lines(d) == [line]);
    assert!(
        !c.seen.iter().any(|m| m["params"]["uri"] == git.as_str()),
        "{:#?}",
        c.seen
    );
    c.stop();
}

#[test]
fn a_deleted_file_loses_its_findings() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let gone = path.with_file_name("gone.md");
    fs::write(&gone, "---\ntitle: \"Parti\"\n---\n\nIl faut coder.\n").unwrap();
    let gone_uri = url::Url::from_file_path(&gone).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.diagnostics(&gone_uri, |d| !d.is_empty());
    fs::remove_file(&gone).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    c.diagnostics(&gone_uri, |d| d.is_empty());
    c.stop();
}

#[test]
fn a_file_the_config_excludes_is_not_checked_when_open() {
    let (dir, _path, _uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(
        dir.path().join("repere.toml"),
        "exclude = [\"content/drafts/**\"]\n",
    )
    .unwrap();
    let drafts = dir.path().join("content/drafts");
    fs::create_dir_all(&drafts).unwrap();
    let text = "---\ntitle: \"Brouillon\"\n---\n\nIl faut coder.\n";
    fs::write(drafts.join("2024-01-01-x.md"), text).unwrap();
    let uri = url::Url::from_file_path(drafts.join("2024-01-01-x.md"))
        .unwrap()
        .to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, text);
    let d = c.published(&uri, 1);
    assert!(d.is_empty(), "{d:#?}");
    c.stop();
}

#[test]
fn the_workspace_check_uses_each_file_s_own_config() {
    let (dir, _path, _uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("repere.toml"), "fail-on = \"error\"\n").unwrap();
    let nested = dir.path().join("content/posts/invites");
    fs::create_dir_all(&nested).unwrap();
    fs::write(nested.join("repere.toml"), "[severity]\ntone = \"off\"\n").unwrap();
    let text = ARTICLE
        .replace("Une introduction.", "Il faut choisir.")
        .replace("## Dédramatisation", "## Dedramatisation");
    fs::write(nested.join(common::NAME), &text).unwrap();
    let uri = url::Url::from_file_path(nested.join(common::NAME))
        .unwrap()
        .to_string();
    let mut c = Client::start(dir.path(), json!({}));
    // Not open: the workspace check's findings, with its own config.
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert!(d.iter().any(|x| x["code"] == "section-order"), "{d:#?}");
    assert!(!d.iter().any(|x| x["code"] == "tone"), "{d:#?}");
    c.stop();
}

#[test]
fn the_config_s_baseline_hides_what_it_records() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let text = ARTICLE.replace("Une introduction.", "Il faut choisir.");
    fs::write(&path, &text).unwrap();
    fs::write(
        dir.path().join("repere.toml"),
        "baseline = \"repere-baseline.json\"\n",
    )
    .unwrap();
    let written = Command::new(assert_cmd::cargo::cargo_bin("repere"))
        .args([
            "check",
            "--write-baseline",
            "repere-baseline.json",
            "content",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(written.status.success(), "{written:?}");
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, &text);
    let d = c.published(&uri, 1);
    assert!(d.is_empty(), "{d:#?}");
    // A new finding shows.
    let changed = text.replace("## Dédramatisation", "## Dedramatisation");
    c.change(&uri, 2, &changed);
    let d = c.published(&uri, 2);
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("section-order")], "{d:#?}");
    c.stop();
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_an_article_does_not_block_the_workspace_check() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(
        &path,
        ARTICLE.replace("Une introduction.", "Il faut choisir."),
    )
    .unwrap();
    let fifo = path.with_file_name("2025-01-01-tube.md");
    common::mkfifo(&fifo);
    let fifo_uri = url::Url::from_file_path(&fifo).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    // Not open: found by the workspace check, which reads every file.
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert!(d.iter().any(|x| x["code"] == "tone"), "{d:#?}");
    // The FIFO is not read, as by `repere check`.
    let d = c.diagnostics(&fifo_uri, |d| !d.is_empty());
    assert_eq!(d[0]["code"], "read-error", "{d:#?}");
    c.stop();
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("repere.toml"), "max-file-size = 100\n").unwrap();
    let mut c = Client::start(dir.path(), json!({}));
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    assert!(fs::metadata(&path).unwrap().len() > 100);
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("read-error")], "{d:#?}");
    c.stop();
}

/// A client that takes versioned edits gets them with the version of the
/// text they were made for; two findings of one rule on a line share one
/// "disable" action; a client asking for other kinds of actions gets none.
#[test]
fn code_actions_are_versioned_merged_and_filtered_by_kind() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(
        dir.path(),
        json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
    );
    let text = ARTICLE.replace("Une introduction.", "Il faut lire, et il faut écrire.");
    c.open(&uri, &text);
    c.change(&uri, 3, &text);
    let d = c.published(&uri, 3);
    let tones: Vec<&Value> = d.iter().filter(|x| x["code"] == "tone").collect();
    assert_eq!(tones.len(), 2, "{d:#?}");
    let range = json!({"start": tones[0]["range"]["start"], "end": tones[1]["range"]["end"]});
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": tones}}),
    );
    let actions = actions.as_array().unwrap();
    let disable: Vec<&Value> = actions
        .iter()
        .filter(|a| a["title"] == "Disable `tone` on the next line")
        .collect();
    assert_eq!(disable.len(), 1, "{actions:#?}");
    assert_eq!(disable[0]["diagnostics"].as_array().unwrap().len(), 2);
    let change = &disable[0]["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({"uri": uri, "version": 3}));
    assert_eq!(
        change["edits"][0]["newText"],
        "<!-- repere-disable-next-line tone -->\n"
    );
    assert!(disable[0]["edit"].get("changes").is_none());
    for (only, expected) in [
        (json!(["refactor"]), 0),
        (json!(["source.fixAll"]), 0),
        (json!(["quickfix"]), actions.len()),
        (json!([""]), actions.len()),
    ] {
        let got = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": tones, "only": only}}),
        );
        assert_eq!(got.as_array().unwrap().len(), expected, "{only}");
    }
    c.stop();
}

/// A change to a document that was never opened (its `didOpen` lost or
/// refused) holds its whole text: it is checked, not ignored.
#[test]
fn a_change_to_a_document_not_open_opens_it() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    let text = ARTICLE.replace("Une introduction.", "Il faut lire.");
    c.change(&uri, 4, &text);
    let d = c.published(&uri, 4);
    assert!(d.iter().any(|x| x["code"] == "tone"), "{d:#?}");
    c.stop();
}

/// A binary file or one that is not UTF-8 is not checked, as by `repere
/// check`: its `encoding` finding is at the offending byte, on disk and
/// open alike; an open buffer over the size limit is not checked either.
#[test]
fn binary_and_non_utf8_files_get_their_encoding_finding_at_its_place() {
    let (dir, path, _uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let binary = path.with_file_name("2025-03-10-nul.md");
    fs::write(&binary, "---\ntitle: x\n---\n\n\0 Il faut.\n").unwrap();
    let latin = path.with_file_name("2025-03-10-latin.md");
    // The bad byte is on line 5 (4 from 0), after « Ligne é🚀 puis »: 14
    // characters, 15 UTF-16 units (🚀 is two).
    fs::write(
        &latin,
        b"---\ntitle: x\n---\n\nLigne \xc3\xa9\xf0\x9f\x9a\x80 puis \xff fin.\n",
    )
    .unwrap();
    let uri_of = |p: &Path| url::Url::from_file_path(p).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    let d = c.diagnostics(&uri_of(&binary), |d| !d.is_empty());
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("encoding")], "{d:#?}");
    assert_eq!(d[0]["range"]["start"], json!({"line": 4, "character": 0}));
    let d = c.diagnostics(&uri_of(&latin), |d| !d.is_empty());
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("encoding")], "{d:#?}");
    assert_eq!(
        d[0]["range"]["start"],
        json!({"line": 4, "character": 15}),
        "{d:#?}"
    );
    // Open, its text given by the editor: the same finding.
    let uri = uri_of(&binary);
    c.open(&uri, "---\ntitle: x\n---\n\n\0 Il faut.\n");
    let d = c.published(&uri, 1);
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("encoding")], "{d:#?}");
    c.stop();
}

/// An open buffer is checked within the size limit, as what
/// `--stdin-filename` reads.
#[test]
fn an_open_buffer_over_the_size_limit_is_not_checked() {
    let (dir, _path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("repere.toml"), "max-file-size = 100\n").unwrap();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(
        &uri,
        &ARTICLE.replace("Une introduction.", "Il faut choisir."),
    );
    let d = c.published(&uri, 1);
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("read-error")], "{d:#?}");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("over the 100-byte limit")
    );
    c.stop();
}

/// A file under a nested config is read within that config's size limit
/// by the workspace check, as when it is read again later.
#[test]
fn a_nested_config_s_size_limit_holds_in_the_workspace_check() {
    let (dir, path, _uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let sub = dir.path().join("content/posts/sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("repere.toml"), "max-file-size = 100\n").unwrap();
    let big = sub.join(path.file_name().unwrap());
    fs::write(&big, ARTICLE).unwrap();
    assert!(fs::metadata(&big).unwrap().len() > 100);
    let uri = url::Url::from_file_path(&big).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    let d = c.diagnostics(&uri, |d| !d.is_empty());
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("read-error")], "{d:#?}");
    c.stop();
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let mut character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut at = start;
    for c in text[start..].chars() {
        if character == 0 || c == '\n' {
            break;
        }
        character = character.saturating_sub(c.len_utf16());
        at += c.len_utf8();
    }
    at
}

/// The URI of another article in the folder of `path`.
fn uri_in(path: &Path, i: usize) -> String {
    let other = path.with_file_name(format!("2024-01-{:02}-x.md", i + 1));
    url::Url::from_file_path(other).unwrap().to_string()
}

/// The "disable" actions offered for the first finding of rule `code` in
/// `text`, opened as `uri`: their titles, and the text the first one makes.
fn disable_actions(c: &mut Client, uri: &str, text: &str, code: &str) -> (Vec<String>, String) {
    c.open(uri, text);
    let d = c.published(uri, 1);
    let found = d
        .iter()
        .find(|x| x["code"] == code)
        .unwrap_or_else(|| panic!("{d:#?}"));
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": found["range"], "context": {"diagnostics": [found]}}),
    );
    let disable: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            let t = a["title"].as_str().unwrap();
            t.starts_with("Disable") && t.contains(&format!("`{code}`"))
        })
        .collect();
    let titles = disable
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    let edit = &disable
        .first()
        .unwrap_or_else(|| panic!("{found:#?} {actions:#?}"))["edit"]["changes"][uri][0];
    let at = offset_of(text, &edit["range"]["start"]);
    assert_eq!(at, offset_of(text, &edit["range"]["end"]));
    let applied = format!(
        "{}{}{}",
        &text[..at],
        edit["newText"].as_str().unwrap(),
        &text[at..]
    );
    (titles, applied)
}

#[test]
fn disabling_for_the_file_after_a_front_matter_without_a_final_line_break() {
    let (dir, path, _) = site();
    let mut c = Client::start(dir.path(), json!({}));
    for (i, eol) in ["\n", "\r\n"].into_iter().enumerate() {
        let uri = uri_in(&path, i);
        let text = "---\ntitle: \"Déjà\"\ntags: [\"Été\"]\n---".replace('\n', eol);
        let (titles, applied) = disable_actions(&mut c, &uri, &text, "front-matter-style");
        assert_eq!(titles, ["Disable `front-matter-style` for this file"]);
        // On a line of its own: glued to `---`, it would break the front matter.
        assert_eq!(
            applied,
            format!("{text}{eol}<!-- repere-disable-file front-matter-style -->{eol}")
        );
        c.change(&uri, 2, &applied);
        let d = c.published(&uri, 2);
        assert!(
            !d.iter().any(|x| x["code"] == "front-matter-style"),
            "{d:#?}"
        );
    }
    c.stop();
}

#[test]
fn findings_about_the_whole_article_are_disabled_for_the_file() {
    let (dir, path, _) = site();
    let mut c = Client::start(dir.path(), json!({}));
    // Anchored at the start of the body: a comment there would take their
    // place, and "disable on the next line" could not reach them.
    let cases = [
        (
            "Déjà 😀 un texte sans front matter.\n\nIl faut lire.\n",
            "front-matter",
        ),
        (
            "---\ntitle: \"Déjà\"\n---\n\nDéjà 😀 un texte sans titres.\n",
            "section-order",
        ),
        (
            "---\ntitle: \"Déjà\"\n---\nDéjà 😀 un texte sans titres.\n",
            "section-order",
        ),
    ];
    for (i, (text, code)) in cases.into_iter().enumerate() {
        let uri = uri_in(&path, i);
        let (titles, applied) = disable_actions(&mut c, &uri, text, code);
        assert_eq!(
            titles,
            [format!("Disable `{code}` for this file")],
            "{text}"
        );
        c.change(&uri, 2, &applied);
        let d = c.published(&uri, 2);
        assert!(!d.iter().any(|x| x["code"] == code), "{applied}: {d:#?}");
        assert!(
            !d.iter().any(|x| x["code"] == "unused-suppression"),
            "{applied}: {d:#?}"
        );
    }
    c.stop();
}

#[test]
fn no_comment_is_offered_where_it_would_split_a_block() {
    let (dir, path, _) = site();
    let mut c = Client::start(dir.path(), json!({}));
    let cases = [
        "| Rôle | Conseil |\n|---|---|\n| CTO | ok |\n| Junior 😀 | Il faut coder |\n| Senior | ok |\n",
        "> Première ligne.\n> Il faut coder.\n> Fin.\n",
        // A definition list: the comment would part the term from it.
        "Terme\n: Il faut coder.\n",
        // The second line of a paragraph: the comment would split it.
        "Une première ligne,\nIl faut coder.\n",
        // A list item's continuation line: its text, a paragraph that a
        // comment would cut in two (in a tight list, pulldown-cmark reports
        // it without `Paragraph`).
        "- Premier point qui continue\n  sur une ligne, et il faut coder.\n- Second point.\n",
        "- Un point.\n  - Un sous-point qui continue\n    sur une ligne, et il faut coder.\n",
        "1. Premier point, qui continue *en\n   italique* : il faut coder.\n2. Second point.\n",
        // A "lazy" line, not indented under the item.
        "- Premier point qui continue\nsur une ligne, et il faut coder.\n- Second point.\n",
        // Cut from the line before, `2.` would start a list of its own.
        "- Il est possible de\n  2. Il faut coder.\n",
        // A loose list: the item's text is a paragraph as any.
        "- Premier point qui continue\n  sur une ligne, et il faut coder.\n\n- Second point.\n",
        // Indented into the item before, the comment would be a line of its
        // code (the fence is only closed by the item's end).
        "- Un point :\n  ```\n  code\n- Il faut coder.\n",
        // A tab after the marker of the item before: the column of its
        // content, where the comment would go, is not sure.
        "-\tPremier point.\n-\tIl faut coder.\n",
    ];
    for (i, body) in cases.into_iter().enumerate() {
        let uri = uri_in(&path, i);
        let text = format!("---\ntitle: \"Déjà\"\n---\n\n{body}");
        let (titles, applied) = disable_actions(&mut c, &uri, &text, "tone");
        assert_eq!(titles, ["Disable `tone` for this file"], "{body}");
        // The table, quote, paragraph or list is left whole.
        assert!(applied.ends_with(body), "{applied}");
        c.change(&uri, 2, &applied);
        let d = c.published(&uri, 2);
        assert!(!d.iter().any(|x| x["code"] == "tone"), "{d:#?}");
    }
    // On a table's first line, the comment goes above the table.
    let uri = uri_in(&path, 20);
    let text = "---\ntitle: \"Déjà\"\n---\n\n| Il faut | Conseil |\n|---|---|\n| CTO | ok |\n";
    let (titles, applied) = disable_actions(&mut c, &uri, text, "tone");
    assert_eq!(titles, ["Disable `tone` on the next line"]);
    assert!(
        applied.contains("\n<!-- repere-disable-next-line tone -->\n| Il faut"),
        "{applied}"
    );
    // The body starting on the front matter's closing line: a comment
    // above that line would be inside the block.
    let uri = uri_in(&path, 21);
    let text = "---\ntitle: \"Déjà\"\n--- Il faut coder.\n";
    let (titles, _) = disable_actions(&mut c, &uri, text, "tone");
    assert_eq!(titles, ["Disable `tone` for this file"]);
    c.stop();
}

/// A `file:` URI spelled as VS Code spells it: every byte of the path but
/// `/` and the unreserved ones percent-encoded (`+`, `&`, `,` too, which
/// the url crate leaves).
fn vscode_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[test]
fn an_open_file_is_known_whatever_the_client_s_uri_spelling() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(
        &path,
        ARTICLE.replace("Une introduction.", "Il faut choisir."),
    )
    .unwrap();
    let mut c = Client::start(dir.path(), json!({}));
    // The first workspace check is over.
    c.diagnostics(&uri, |d| !d.is_empty());
    let file = path.with_file_name("2024-01-01-c++ & co.md");
    let text = "---\ntitle: \"Déjà\"\n---\n\nDéjà 😀 Il faut coder.\n";
    fs::write(&file, text).unwrap();
    let ours = url::Url::from_file_path(&file).unwrap().to_string();
    let theirs = vscode_uri(&file);
    assert_ne!(ours, theirs);
    c.open(&theirs, text);
    c.published(&theirs, 1);
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": theirs}}),
    );
    // The workspace check is over (it published the other file), and the
    // open file checked again, under the client's spelling.
    c.diagnostics(&uri, |d| !d.is_empty());
    c.published(&theirs, 1);
    // The file was never taken for a closed one (its text on disk published
    // under another spelling).
    assert!(
        !c.seen.iter().any(|m| m["params"]["uri"] == ours.as_str()),
        "{:#?}",
        c.seen
    );
    c.stop();
}

#[test]
fn related_places_in_another_file_count_in_the_negotiated_units() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    // Accents and an emoji: characters, UTF-16 units and bytes all differ.
    let shared = format!("Déjà 😀 {SHARED}");
    let a = format!("---\ntitle: \"Un\"\n---\n\nIntro.\n\n{shared}\n");
    let b = format!("---\ntitle: \"Autre\"\n---\n\n{shared}\n");
    fs::write(posts.join("a.md"), &a).unwrap();
    fs::write(posts.join("b.md"), &b).unwrap();
    let a_uri = url::Url::from_file_path(posts.join("a.md"))
        .unwrap()
        .to_string();
    let b_uri = url::Url::from_file_path(posts.join("b.md"))
        .unwrap()
        .to_string();
    let line = a.lines().position(|l| l == shared).unwrap() as u64;
    for (encoding, len) in [
        ("utf-16", utf16(&shared)),
        ("utf-8", shared.len() as u64),
        ("utf-32", shared.chars().count() as u64),
    ] {
        let mut c = Client::start(
            dir.path(),
            json!({"general": {"positionEncodings": [encoding]}}),
        );
        c.open(&b_uri, &b);
        let d = c.diagnostics(&b_uri, |d| !corpus_lines(d).is_empty());
        let f = d
            .iter()
            .find(|x| x["code"] == "duplicate-paragraph-corpus")
            .unwrap();
        let related = &f["relatedInformation"][0]["location"];
        assert_eq!(related["uri"], a_uri.as_str(), "{f:#?}");
        assert_eq!(
            related["range"],
            json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": len}}),
            "{encoding}"
        );
        c.stop();
    }
}

#[test]
fn a_byte_order_mark_takes_no_column() {
    let (dir, path, _) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let file = path.with_file_name("2024-01-01-x.md");
    fs::write(&file, "\u{feff}Il faut 😀 lire.\n").unwrap();
    let uri = url::Url::from_file_path(&file).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    // Not open: the workspace check read the BOM, which editors drop.
    let d = c.diagnostics(&uri, |d| d.iter().any(|x| x["code"] == "tone"));
    let tone = d.iter().find(|x| x["code"] == "tone").unwrap();
    assert_eq!(
        tone["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 7}})
    );
    c.stop();
}

/// Two sites, each a repository with an article with a finding: their
/// folders and the articles' URIs.
fn two_sites() -> (tempfile::TempDir, [std::path::PathBuf; 2], [String; 2]) {
    let dir = tempfile::tempdir().unwrap();
    let mut roots = Vec::new();
    let mut uris = Vec::new();
    for name in ["un", "deux"] {
        let root = dir.path().join(name);
        fs::create_dir_all(root.join(".git")).unwrap();
        let posts = root.join("content/posts");
        fs::create_dir_all(&posts).unwrap();
        let text = ARTICLE.replace("Une introduction.", "Il faut choisir.");
        fs::write(posts.join(common::NAME), text).unwrap();
        uris.push(
            url::Url::from_file_path(posts.join(common::NAME))
                .unwrap()
                .to_string(),
        );
        roots.push(root);
    }
    (dir, roots.try_into().unwrap(), uris.try_into().unwrap())
}

fn tone(d: &[Value]) -> bool {
    d.iter().any(|x| x["code"] == "tone")
}

#[test]
fn every_workspace_folder_is_checked() {
    let (dir, roots, uris) = two_sites();
    let folders: Vec<Value> = roots
        .iter()
        .map(|r| json!({"uri": url::Url::from_directory_path(r).unwrap().to_string(), "name": "x"}))
        .collect();
    let first = url::Url::from_directory_path(&roots[0])
        .unwrap()
        .to_string();
    let mut c = Client::start_with(
        dir.path(),
        json!({"processId": null, "rootUri": first, "workspaceFolders": folders, "capabilities": {}}),
    );
    c.diagnostics(&uris[0], tone);
    c.diagnostics(&uris[1], tone);
    c.stop();
}

#[test]
fn the_root_path_serves_when_there_is_no_root_uri() {
    let (dir, roots, uris) = two_sites();
    let mut c = Client::start_with(
        dir.path(),
        json!({"processId": null, "rootUri": null, "rootPath": roots[1].to_str().unwrap(), "capabilities": {}}),
    );
    c.diagnostics(&uris[1], tone);
    c.stop();
}

#[test]
fn workspace_folders_added_and_removed_are_checked_or_cleared() {
    let (dir, roots, uris) = two_sites();
    let folder = |r: &Path| json!({"uri": url::Url::from_directory_path(r).unwrap().to_string(), "name": "x"});
    let mut c = Client::start_with(
        dir.path(),
        json!({"processId": null, "rootUri": null, "workspaceFolders": [folder(&roots[0])], "capabilities": {}}),
    );
    c.diagnostics(&uris[0], tone);
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [folder(&roots[1])], "removed": [folder(&roots[0])]}}),
    );
    c.diagnostics(&uris[1], tone);
    c.diagnostics(&uris[0], |d| d.is_empty());
    c.stop();
}

#[test]
fn file_watchers_are_registered_when_the_client_can() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let config = dir.path().join("repere.toml");
    fs::write(&config, "baseline = \"ma-base.json\"\n").unwrap();
    let text = ARTICLE.replace("Une introduction.", "Il faut choisir.");
    fs::write(&path, &text).unwrap();
    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let mut c = Client::start(dir.path(), capabilities);
    let m = c.wait(|m| m["method"] == "client/registerCapability");
    let registration = &m["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let patterns: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    for p in ["**/repere.toml", "**/*.yaml", "**/*.md", "**/ma-base.json"] {
        assert!(patterns.contains(&p), "{p}: {patterns:?}");
    }
    let id = m["id"].clone();
    c.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));

    // The config changes on disk (the client sends no `repere.toml`): the
    // watcher tells, and the open file is checked with the new one.
    c.open(&uri, &text);
    c.diagnostics(&uri, tone);
    fs::write(&config, "[severity]\ntone = \"off\"\n").unwrap();
    let config_uri = url::Url::from_file_path(&config).unwrap().to_string();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    c.diagnostics(&uri, |d| !tone(d));
    c.stop();
}

/// A shortcode's template added on disk (the editor sends no template):
/// the watcher tells, and the open article is checked with the site's
/// shortcodes as they now are.
#[test]
fn a_template_added_is_a_shortcode_the_site_has() {
    let (dir, path, uri) = site();
    fs::write(dir.path().join("hugo.toml"), "title = 'Blog'\n").unwrap();
    let text = ARTICLE.replace("Une introduction.", "Une introduction. {{< carte >}}");
    fs::write(&path, &text).unwrap();
    let capabilities =
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let mut c = Client::start(dir.path(), capabilities);
    let m = c.wait(|m| m["method"] == "client/registerCapability");
    let patterns = m["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(patterns.contains("**/layouts/**"), "{patterns}");
    let id = m["id"].clone();
    c.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
    let shortcode = |d: &[Value]| {
        d.iter().any(|x| {
            x["message"]
                .as_str()
                .unwrap_or("")
                .contains("`carte` is no shortcode")
        })
    };
    c.open(&uri, &text);
    c.diagnostics(&uri, shortcode);
    let template = dir.path().join("layouts/shortcodes/carte.html");
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    fs::write(&template, "<div></div>\n").unwrap();
    let template_uri = url::Url::from_file_path(&template).unwrap().to_string();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": template_uri, "type": 1}]}),
    );
    c.diagnostics(&uri, |d| !shortcode(d));
    c.stop();
}

#[test]
fn no_watcher_is_registered_when_the_client_cannot() {
    let (dir, _path, uri) = site();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, ARTICLE);
    c.published(&uri, 1);
    // Answered in order: a registration would have come before.
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert!(
        !c.seen
            .iter()
            .any(|m| m["method"] == "client/registerCapability"),
        "{:#?}",
        c.seen
    );
    c.stop();
}

#[test]
fn each_rule_links_to_a_page_that_documents_it() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let text = ARTICLE
        .replace("Une introduction.", "Il faut choisir.")
        .replace("## Dédramatisation", "## Dedramatisation")
        .replace("ShowToc: true\n", "")
        + "<!-- repere-disable-next-line markup -->\n";
    fs::write(&path, &text).unwrap();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, &text);
    let d = c.published(&uri, 1);
    let href = |code: &str| -> Option<String> {
        let f = d
            .iter()
            .find(|x| x["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {d:#?}"));
        f["codeDescription"]["href"].as_str().map(str::to_string)
    };
    // The repository Cargo.toml names, if any: without one, no link.
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    for (code, page) in [
        ("tone", "docs/phrase.md"),
        ("section-order", "docs/sections.md"),
        // Documented in the README, as are the engine's own rules.
        ("front-matter", "README.md"),
        ("unused-suppression", "README.md"),
    ] {
        // A file of the repository, with no fragment (a forge's file view
        // may have no anchors for headings).
        let expected = (!repository.is_empty()).then(|| format!("{repository}/blob/HEAD/{page}"));
        assert_eq!(href(code), expected, "{code}");
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(page);
        assert!(file.is_file(), "{}", file.display());
    }
    c.stop();
}

/// The messages of the link findings.
fn link_messages(d: &[Value]) -> Vec<String> {
    d.iter()
        .filter(|x| x["code"] == "internal-links")
        .map(|x| x["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_site_in_a_subfolder_of_the_workspace_folder_is_the_files_site() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let posts = dir.path().join("site/content/posts");
    fs::create_dir_all(&posts).unwrap();
    let a = "---\ntitle: \"Un\"\n---\n\nVoir [b](/posts/b/) et [rien](/posts/nulle-part/).\n";
    fs::write(posts.join("a.md"), a).unwrap();
    fs::write(
        posts.join("b.md"),
        "---\ntitle: \"B\"\nslug: \"b\"\n---\n\nTexte.\n",
    )
    .unwrap();
    let uri = url::Url::from_file_path(posts.join("a.md"))
        .unwrap()
        .to_string();
    let mut c = Client::start(dir.path(), json!({}));
    // Not open: as `repere check` run at the folder, the link is looked
    // for in the site of the file.
    let d = c.diagnostics(&uri, |d| !link_messages(d).is_empty());
    let links = link_messages(&d);
    assert_eq!(links.len(), 1, "{d:#?}");
    assert!(links[0].contains("no post of the site"), "{d:#?}");
    // Open: the same finding, once.
    c.open(&uri, a);
    let d = c.published(&uri, 1);
    assert_eq!(link_messages(&d), links, "{d:#?}");
    c.stop();
}

/// The lines of the findings of `code`.
fn lines_of(d: &[Value], code: &str) -> Vec<u64> {
    d.iter()
        .filter(|x| x["code"] == code)
        .map(|x| x["range"]["start"]["line"].as_u64().unwrap())
        .collect()
}

/// Beside `path`: another file with findings, which every workspace check
/// publishes (its URI is returned), and 40 more files, so that a check
/// takes a while.
fn busy_beside(path: &Path) -> String {
    let other = path.with_file_name("2024-01-01-autre.md");
    fs::write(&other, "---\ntitle: \"Autre\"\n---\n\nIl faut coder.\n").unwrap();
    for i in 0..40 {
        fs::write(
            path.with_file_name(format!("2024-02-{i:02}-x.md")),
            format!("---\ntitle: \"X{i}\"\n---\n\nTexte {i}.\n"),
        )
        .unwrap();
    }
    url::Url::from_file_path(&other).unwrap().to_string()
}

/// Closes `uri` while a workspace check (`other` saved) runs.
fn close_during_a_workspace_check(c: &mut Client, uri: &str, other: &str) {
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": other}}),
    );
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
}

#[test]
fn a_file_closed_unsaved_during_a_workspace_check_shows_its_findings_on_disk() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let disk = ARTICLE.replace("Une introduction.", "Il faut choisir.");
    fs::write(&path, &disk).unwrap();
    let other_uri = busy_beside(&path);
    let mut c = Client::start(dir.path(), json!({}));
    c.diagnostics(&other_uri, |d| !d.is_empty());
    c.open(&uri, &disk);
    let on_disk = lines_of(&c.published(&uri, 1), "tone");
    assert!(!on_disk.is_empty());
    // Edited (lines added above), then closed without saving while a
    // workspace check (another file saved) runs.
    let edited = disk.replace("Il faut choisir.", "Un.\n\nDeux.\n\nIl faut choisir.");
    c.change(&uri, 2, &edited);
    assert_ne!(lines_of(&c.published(&uri, 2), "tone"), on_disk);
    close_during_a_workspace_check(&mut c, &uri, &other_uri);
    c.diagnostics(&other_uri, |d| !d.is_empty());
    // Whatever that check published is out by the answer to a request.
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": other_uri}, "position": {"line": 0, "character": 0}}),
    );
    let last = c
        .seen
        .iter()
        .rev()
        .find(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        })
        .unwrap();
    let d = last["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(lines_of(d, "tone"), on_disk, "{d:#?}");
    c.stop();
}

#[test]
fn a_nested_config_fixed_while_no_file_under_it_is_open_loses_its_error() {
    let (dir, _path, _uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let sub = dir.path().join("content/posts/sub");
    fs::create_dir_all(&sub).unwrap();
    let config = sub.join("repere.toml");
    fs::write(&config, "fail-on = 3\n").unwrap();
    let text = "---\ntitle: \"B\"\n---\n\nIl faut coder.\n";
    fs::write(sub.join("b.md"), text).unwrap();
    let config_uri = url::Url::from_file_path(&config).unwrap().to_string();
    let uri = url::Url::from_file_path(sub.join("b.md"))
        .unwrap()
        .to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, text);
    c.diagnostics(&config_uri, |d| !d.is_empty());
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    fs::write(&config, "[severity]\ntone = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    c.diagnostics(&config_uri, |d| d.is_empty());
    c.stop();
}

#[test]
fn a_broken_config_deleted_loses_its_error() {
    let (dir, _path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let config = dir.path().join("repere.toml");
    fs::write(&config, "fail-on = 3\n").unwrap();
    let config_uri = url::Url::from_file_path(&config).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, ARTICLE);
    c.diagnostics(&config_uri, |d| !d.is_empty());
    fs::remove_file(&config).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 3}]}),
    );
    c.diagnostics(&config_uri, |d| d.is_empty());
    c.stop();
}

#[test]
fn a_cross_article_finding_is_not_moved_into_a_code_block() {
    let (dir, text, uri) = shared_site();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, &text);
    c.diagnostics(&uri, |d| !corpus_lines(d).is_empty());
    // The paragraph fenced: the same words, but code, not prose.
    let fenced = text.replace(SHARED, &format!("```text\n{SHARED}\n```"));
    c.change(&uri, 2, &fenced);
    let d = c.published(&uri, 2);
    assert!(corpus_lines(&d).is_empty(), "{d:#?}");
    c.stop();
}

#[test]
fn a_baseline_named_without_json_is_read_again_when_it_changes() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let text = ARTICLE.replace("Une introduction.", "Il faut choisir.");
    fs::write(&path, &text).unwrap();
    fs::write(dir.path().join("repere.toml"), "baseline = \"base\"\n").unwrap();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, &text);
    c.diagnostics(&uri, |d| !d.is_empty());
    let written = Command::new(assert_cmd::cargo::cargo_bin("repere"))
        .args(["check", "--write-baseline", "base"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(written.status.success(), "{written:?}");
    let base_uri = url::Url::from_file_path(dir.path().join("base"))
        .unwrap()
        .to_string();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": base_uri, "type": 1}]}),
    );
    c.diagnostics(&uri, |d| d.is_empty());
    c.stop();
}

#[test]
fn only_the_packs_a_config_names_are_reloaded_and_once_for_a_burst() {
    let (dir, _path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::create_dir_all(dir.path().join(".github/workflows")).unwrap();
    let workflow = dir.path().join(".github/workflows/ci.yml");
    fs::write(&workflow, "on: push\n").unwrap();
    // A file not open, with findings: published by every workspace check.
    let other = dir.path().join("content/posts/2024-01-01-autre.md");
    fs::write(&other, "---\ntitle: \"Autre\"\n---\n\nIl faut coder.\n").unwrap();
    let other_uri = url::Url::from_file_path(&other).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.diagnostics(&other_uri, |d| !d.is_empty());
    c.open(&uri, ARTICLE);
    c.published(&uri, 1);
    let count = |c: &mut Client| {
        // What the notifications caused is out by the answer to a request.
        std::thread::sleep(Duration::from_millis(600));
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": other_uri}, "position": {"line": 0, "character": 0}}),
        );
        let n = c
            .seen
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == other_uri.as_str()
            })
            .count();
        c.seen.clear();
        n
    };
    count(&mut c);
    // A CI workflow is no rule pack: nothing is loaded or checked again.
    let workflow_uri = url::Url::from_file_path(&workflow).unwrap().to_string();
    for _ in 0..5 {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": workflow_uri, "type": 2}]}),
        );
    }
    assert_eq!(count(&mut c), 0);
    // A burst of changes to a pack the config names: one workspace check.
    let pack = dir.path().join("pack.yaml");
    fs::write(&pack, "rules: []\n").unwrap();
    fs::write(dir.path().join("repere.toml"), "rules = [\"pack.yaml\"]\n").unwrap();
    let pack_uri = url::Url::from_file_path(&pack).unwrap().to_string();
    for _ in 0..20 {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": pack_uri, "type": 2}]}),
        );
    }
    assert_eq!(count(&mut c), 1);
    c.stop();
}

/// A workspace whose config (in the folder `under`, the workspace's own
/// when empty) sets the site root (`blog/` beside it), with an article
/// outside that site linking to a post of it and to a missing one.
fn site_set_in_config(under: &str) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let base = dir.path().join(under);
    let posts = base.join("blog/content/posts");
    fs::create_dir_all(&posts).unwrap();
    fs::write(
        posts.join("b.md"),
        "---\ntitle: \"B\"\nslug: \"b\"\n---\n\nTexte.\n",
    )
    .unwrap();
    fs::write(
        base.join("repere.toml"),
        "[options.internal-links]\nsite_root = \"blog\"\n",
    )
    .unwrap();
    let drafts = base.join("drafts");
    fs::create_dir(&drafts).unwrap();
    let a = "---\ntitle: \"Un\"\n---\n\nVoir [b](/posts/b/) et [rien](/posts/nulle-part/).\n";
    fs::write(drafts.join("2024-01-01-a.md"), a).unwrap();
    let uri = url::Url::from_file_path(drafts.join("2024-01-01-a.md"))
        .unwrap()
        .to_string();
    (dir, uri, a.to_string())
}

/// The site root a config sets, in the workspace folder or in a nested
/// folder: the links of a file outside that site are looked up in it, by
/// the workspace check as by `repere check`, and once the file is open
/// (not in the site found walking up from the file: none). Under a nested
/// config, the workspace's own lookup among the files checked (its config
/// gives no site) is not added.
#[test]
fn an_open_file_s_site_is_the_one_the_config_sets() {
    for under in ["", "sub"] {
        let (dir, uri, a) = site_set_in_config(under);
        let mut c = Client::start(dir.path(), json!({}));
        let d = c.diagnostics(&uri, |d| !link_messages(d).is_empty());
        let links = link_messages(&d);
        assert_eq!(links.len(), 1, "{under:?}: {d:#?}");
        assert!(links[0].contains("no post of the site"), "{d:#?}");
        c.open(&uri, &a);
        let d = c.published(&uri, 1);
        assert_eq!(link_messages(&d), links, "{under:?}: {d:#?}");
        c.stop();
    }
}

#[test]
fn a_site_root_without_content_is_an_error_on_the_config() {
    let (dir, uri, a) = site_set_in_config("");
    let config = dir.path().join("repere.toml");
    fs::write(
        &config,
        "[options.internal-links]\nsite_root = \"nowhere\"\n",
    )
    .unwrap();
    let config_uri = url::Url::from_file_path(&config).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri, &a);
    let d = c.diagnostics(&config_uri, |d| !d.is_empty());
    let message = d[0]["message"].as_str().unwrap();
    assert!(message.contains("has no `content/` folder"), "{d:#?}");
    // The error stays as it was through the next workspace checks: it is
    // neither cleared and published again nor shown again.
    for _ in 0..2 {
        c.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri}}),
        );
        c.published(&uri, 1);
    }
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    let shown = c
        .seen
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .count();
    let cleared = c
        .seen
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == config_uri.as_str()
        })
        .count();
    assert_eq!((shown, cleared), (1, 0), "{:#?}", c.seen);
    c.stop();
}

#[test]
fn a_file_closed_during_a_workspace_check_is_read_within_the_size_limit() {
    let (dir, path, uri) = site();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("repere.toml"), "max-file-size = 100\n").unwrap();
    assert!(fs::metadata(&path).unwrap().len() > 100);
    let other_uri = busy_beside(&path);
    let mut c = Client::start(dir.path(), json!({}));
    c.diagnostics(&uri, |d| !d.is_empty());
    c.open(&uri, ARTICLE);
    c.published(&uri, 1);
    // Closed while a workspace check (another file saved) runs: the text on
    // disk is over the limit, so it is not read, as `repere check` does not.
    close_during_a_workspace_check(&mut c, &uri, &other_uri);
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": other_uri}, "position": {"line": 0, "character": 0}}),
    );
    let d = c.diagnostics(&uri, |d| d.iter().any(|x| x["code"] == "read-error"));
    let codes: Vec<&Value> = d.iter().map(|x| &x["code"]).collect();
    assert_eq!(codes, [&json!("read-error")], "{d:#?}");
    c.stop();
}

/// A Markdown file beside a leaf bundle's `index.md` is a resource of that
/// page, not a page: no rule runs on it when it is open, as in
/// `repere check`; the same text as a post is checked.
#[test]
fn a_leaf_bundle_s_resource_is_not_checked_when_open() {
    let (dir, _path, _uri) = site();
    let bundle = dir.path().join("content/posts/2025-02-06-carte");
    fs::create_dir_all(&bundle).unwrap();
    fs::write(bundle.join("index.md"), ARTICLE).unwrap();
    let text = "Des notes sans front matter.\n\nIl faut relire.\n";
    fs::write(bundle.join("notes.md"), text).unwrap();
    let post = dir.path().join("content/posts/2025-02-05-notes.md");
    fs::write(&post, text).unwrap();
    let uri = |p: &Path| url::Url::from_file_path(p).unwrap().to_string();
    let mut c = Client::start(dir.path(), json!({}));
    c.open(&uri(&bundle.join("notes.md")), text);
    let d = c.published(&uri(&bundle.join("notes.md")), 1);
    assert!(d.is_empty(), "{d:#?}");
    c.open(&uri(&post), text);
    let d = c.published(&uri(&post), 1);
    assert!(!d.is_empty(), "the same text as a post is checked");
    c.stop();
}
