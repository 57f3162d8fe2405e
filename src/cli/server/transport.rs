//! JSON-RPC over stdio with `Content-Length` framing, read here rather than
//! by `lsp_server`'s reader, which ends the connection on the first message
//! it cannot parse. Here a correctly framed message that is not JSON gets a
//! `ParseError` response, and JSON that is not a message an `InvalidRequest`
//! one, and the server reads on; only broken framing (no `Content-Length`)
//! ends it, as the next message cannot be found then.

use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The two ends the server uses: framed messages out, parsed messages in.
pub struct Connection {
    pub sender: Sender<Vec<u8>>,
    pub receiver: Receiver<Message>,
}

pub struct Threads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Once the reader has stopped (after `exit` or at the end of the input)
    /// and the server dropped its sender: waits for the writer to send what
    /// is queued, and says whether the framing broke.
    pub fn join(self) -> io::Result<()> {
        let read = self
            .reader
            .join()
            .map_err(|_| io::Error::other("the reader panicked"))?;
        self.writer
            .join()
            .map_err(|_| io::Error::other("the writer panicked"))??;
        read
    }
}

pub fn stdio() -> (Connection, Threads) {
    let (out_tx, out_rx) = crossbeam_channel::unbounded::<Vec<u8>>();
    let (in_tx, in_rx) = crossbeam_channel::unbounded::<Message>();
    let writer = std::thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        for frame in out_rx {
            stdout.write_all(&frame)?;
            stdout.flush()?;
        }
        Ok(())
    });
    let errors = out_tx.clone();
    let reader = std::thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        read_loop(&mut stdin, &in_tx, &errors)
    });
    (
        Connection {
            sender: out_tx,
            receiver: in_rx,
        },
        Threads { reader, writer },
    )
}

/// Reads messages until `exit` or the end of the input; answers those that
/// cannot be read itself.
fn read_loop(
    input: &mut impl BufRead,
    messages: &Sender<Message>,
    errors: &Sender<Vec<u8>>,
) -> io::Result<()> {
    while let Some(body) = read_frame(input)? {
        match decode(&body) {
            Ok(msg) => {
                let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                if messages.send(msg).is_err() || exit {
                    break;
                }
            }
            Err(response) => {
                let _ = errors.send(frame(&response));
            }
        }
    }
    Ok(())
}

/// The body of the next message; `None` at the end of the input.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            if first {
                return Ok(None);
            }
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the input ended in a message's header",
            ));
        }
        first = false;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(invalid(format!("malformed header line: {line:?}")));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let n = value
                .trim()
                .parse::<u64>()
                .map_err(|e| invalid(format!("bad Content-Length {value:?}: {e}")))?;
            length = Some(n);
        }
    }
    let length = length.ok_or_else(|| invalid("a message without Content-Length".into()))?;
    let mut body = Vec::new();
    input.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the input ended in a message's body",
        ));
    }
    Ok(Some(body))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// A message, or the error response to send for a body that is not one.
pub fn decode(body: &[u8]) -> Result<Message, Value> {
    let value: Value = serde_json::from_slice(&mend_surrogates(body)).map_err(|e| {
        error(
            Value::Null,
            ErrorCode::ParseError,
            format!("invalid JSON: {e}"),
        )
    })?;
    // An id that is neither an integer nor a string: an invalid request
    // (JSON-RPC 2.0, section 5: answered with a null id), not a
    // notification, which would get no answer while the client waits.
    // (A response, without `method`, may carry a null id: JSON-RPC allows it
    // for an error.)
    if let Some(id) = value.get("id")
        && value.get("method").is_some()
        && !(id.is_string() || id.as_i64().is_some_and(|n| i32::try_from(n).is_ok()))
    {
        return Err(error(
            Value::Null,
            ErrorCode::InvalidRequest,
            format!("the id {id} is not an integer or a string"),
        ));
    }
    serde_json::from_value(value.clone()).map_err(|e| {
        // Answer to its id when it has a usable one.
        let id = value
            .get("id")
            .filter(|id| id.is_number() || id.is_string())
            .cloned()
            .unwrap_or(Value::Null);
        error(
            id,
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC request, response or notification: {e}"),
        )
    })
}

/// `body` with each lone UTF-16 surrogate escape (`\ud83d` not followed by
/// its low half, as JavaScript's `JSON.stringify` writes a string cut in
/// the middle of an emoji) written as U+FFFD, which is one UTF-16 unit too,
/// so that positions in the text stay where the client counts them. Such
/// JSON is valid (RFC 8259, section 8.2); `serde_json` refuses it.
fn mend_surrogates(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let surrogate = |at: usize| -> Option<u16> {
        let hex = body.get(at..at + 6)?.strip_prefix(b"\\u")?;
        let n = u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        (0xD800..=0xDFFF).contains(&n).then_some(n)
    };
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    let mut copied = 0;
    while let Some(at) = memchr::memchr(b'\\', &body[i..]).map(|k| i + k) {
        match surrogate(at) {
            Some(0xD800..=0xDBFF) if surrogate(at + 6).is_some_and(|low| low >= 0xDC00) => {
                i = at + 12;
            }
            Some(_) => {
                let out = out.get_or_insert_with(|| Vec::with_capacity(body.len()));
                out.extend_from_slice(&body[copied..at]);
                out.extend_from_slice(b"\\ufffd");
                i = at + 6;
                copied = i;
            }
            // Another escape, `\\` included: its next byte is not an escape.
            None => i = at + 2,
        }
        if i >= body.len() {
            break;
        }
    }
    match out {
        Some(mut out) => {
            out.extend_from_slice(body.get(copied..).unwrap_or(&[]));
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(body),
    }
}

fn error(id: Value, code: ErrorCode, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// A JSON value framed for the output.
fn frame(value: &Value) -> Vec<u8> {
    let body = value.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// A message framed for the output.
pub fn encode(msg: &Message) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    msg.write(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<io::Result<Option<Vec<u8>>>> {
        let mut r = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            let f = read_frame(&mut r);
            let done = !matches!(f, Ok(Some(_)));
            out.push(f);
            if done {
                return out;
            }
        }
    }

    #[test]
    fn reads_framed_bodies() {
        let f = frames("Content-Length: 2\r\n\r\n{}content-length:3\nContent-Type: x\n\n[1]");
        assert_eq!(f[0].as_ref().unwrap().as_deref(), Some(&b"{}"[..]));
        assert_eq!(f[1].as_ref().unwrap().as_deref(), Some(&b"[1]"[..]));
        assert!(matches!(f[2], Ok(None)));
    }

    #[test]
    fn broken_framing_is_an_error() {
        for input in [
            "Content-Lenght: 2\r\n\r\n{}",
            "Content-Length: x\r\n\r\n{}",
            "Content-Length: 5\r\n\r\n{}",
            "Content-Length: 5\r\n",
            "garbage\r\n\r\n",
        ] {
            assert!(frames(input)[0].is_err(), "{input:?}");
        }
    }

    #[test]
    fn bodies_that_are_not_messages_get_an_error_response() {
        let e = decode(b"{bad json").unwrap_err();
        assert_eq!(e["error"]["code"], -32700);
        assert_eq!(e["id"], Value::Null);
        for body in [&b"{}"[..], b"[]", b"3", b"{\"method\": 5}"] {
            let e = decode(body).unwrap_err();
            assert_eq!(e["error"]["code"], -32600);
            assert_eq!(e["id"], Value::Null);
        }
        let e = decode(br#"{"id": 7, "method": null}"#).unwrap_err();
        assert_eq!(e["id"], 7);
        assert!(matches!(
            decode(br#"{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}"#),
            Ok(Message::Request(_))
        ));
        assert!(matches!(
            decode(br#"{"jsonrpc": "2.0", "method": "exit"}"#),
            Ok(Message::Notification(_))
        ));
        // An id of another type: an error with a null id, not a
        // notification left unanswered.
        for id in [
            r#"{"a": 1}"#,
            "[1]",
            "1.5",
            "true",
            "null",
            "99999999999999999999",
        ] {
            let body = format!(r#"{{"jsonrpc": "2.0", "id": {id}, "method": "shutdown"}}"#);
            let e = decode(body.as_bytes()).unwrap_err();
            assert_eq!(e["error"]["code"], -32600, "{id}");
            assert_eq!(e["id"], Value::Null, "{id}");
        }
    }

    /// A lone surrogate is read as U+FFFD; a pair, and an escaped
    /// backslash before `u`, are left alone.
    #[test]
    fn lone_surrogates_are_read_as_replacement_characters() {
        let text = |body: &str| -> String {
            let Ok(Message::Notification(n)) = decode(body.as_bytes()) else {
                panic!("{body}")
            };
            n.params["text"].as_str().unwrap().to_string()
        };
        let note = |s: &str| {
            format!(r#"{{"jsonrpc": "2.0", "method": "x", "params": {{"text": "{s}"}}}}"#)
        };
        assert_eq!(text(&note(r"a\ud83d b")), "a\u{fffd} b");
        assert_eq!(text(&note(r"\ude80")), "\u{fffd}");
        assert_eq!(text(&note(r"\ud83d\ud83d\ude80")), "\u{fffd}🚀");
        assert_eq!(text(&note(r"\ud83d\ude80")), "🚀");
        assert_eq!(text(&note(r"\\ud83d")), r"\ud83d");
        assert_eq!(text(&note(r"x\ud83d")), "x\u{fffd}");
        assert!(matches!(
            &mend_surrogates(b"{}"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
