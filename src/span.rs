//! Byte spans into a file's text, and the line index that turns them into
//! 1-based lines and columns (columns count Unicode characters).

use std::sync::OnceLock;

use serde::Serialize;

/// A half-open byte range `[start, end)` into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub const fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span shifted by `base` bytes.
    pub fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }

    /// Clamps the span to `text` and to its character boundaries, so that it can
    /// always be sliced.
    pub fn clamp_to(self, text: &str) -> Span {
        let mut start = self.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = self.end.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    }
}

/// Where a span lies, as people count: 1-based lines and columns. The end is
/// exclusive (the column just after the last character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Line starts of a text. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Byte length of a leading byte-order mark, which takes no column.
    bom: usize,
    /// Characters before every [`Counts::STEP`]-th byte, so that the
    /// column of an offset deep in a long line (a minified paragraph of
    /// megabytes) costs at most `STEP` bytes of counting, not the whole line.
    /// Counted the first time such a column is asked.
    chars_before: Counts,
}

/// What a count of bytes (characters, code units) is before every
/// [`Counts::STEP`]-th byte of a text, made on first need, so that the count
/// up to an offset deep in a long line reads at most `STEP` bytes.
#[derive(Debug, Clone, Default)]
pub struct Counts(OnceLock<Vec<usize>>);

impl Counts {
    pub const STEP: usize = 4096;

    /// `count` of `bytes[..offset]`; `count` must add up over any split of
    /// the bytes (as counting the bytes that start a character does), and
    /// be the same function at every call on one text.
    pub fn up_to(&self, bytes: &[u8], offset: usize, count: impl Fn(&[u8]) -> usize) -> usize {
        let table = self.0.get_or_init(|| {
            let mut total = 0;
            let mut out = vec![0];
            for block in bytes.chunks(Self::STEP) {
                total += count(block);
                out.push(total);
            }
            out
        });
        let block = offset / Self::STEP;
        let (base, from) = match table.get(block) {
            Some(&n) => (n, block * Self::STEP),
            None => (0, 0),
        };
        base + count(bytes.get(from..offset).unwrap_or_default())
    }

    /// `count` of `bytes[start..offset]`, counted directly when short.
    pub fn between(
        &self,
        bytes: &[u8],
        start: usize,
        offset: usize,
        count: impl Fn(&[u8]) -> usize,
    ) -> usize {
        if offset.saturating_sub(start) <= Self::STEP {
            count(bytes.get(start..offset).unwrap_or_default())
        } else {
            self.up_to(bytes, offset, &count) - self.up_to(bytes, start, &count)
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A `\r` followed by `\n` ends its line at the `\n`.
            if bytes.get(i) == Some(&b'\n') || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        LineIndex {
            starts,
            bom,
            chars_before: Counts::default(),
        }
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let span = Span::at(offset).clamp_to(text);
        let offset = span.start;
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        // Invariant: `starts` begins with 0, so `line - 1` is an index of it.
        let mut line_start = self.starts.get(line - 1).copied().unwrap_or(0);
        if line == 1 {
            line_start = line_start.max(self.bom.min(offset));
        }
        let column = self
            .chars_before
            .between(text.as_bytes(), line_start, offset, count_chars)
            + 1;
        (line, column)
    }

    pub fn location(&self, text: &str, span: Span) -> Location {
        let (line, column) = self.line_col(text, span.start);
        let (end_line, end_column) = self.line_col(text, span.end.max(span.start));
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The characters of UTF-8 `bytes`: every byte but continuation bytes
/// starts one.
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "é\nabc\r\nxé€z\rq";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let z = text.find('z').unwrap();
        assert_eq!(idx.line_col(text, z), (3, 4));
        let q = text.find('q').unwrap();
        assert_eq!(idx.line_col(text, q), (4, 1));
    }

    #[test]
    fn columns_deep_in_a_long_line() {
        let line = "é€a".repeat(5000);
        let text = format!("x\n{line}z");
        let idx = LineIndex::new(&text);
        let z = text.find('z').unwrap();
        assert_eq!(idx.line_col(&text, z), (2, 15001));
        let a = 2 + "é€a".len() * 1500 + "é€".len();
        assert_eq!(idx.line_col(&text, a), (2, 4503));
    }

    #[test]
    fn bom_takes_no_column() {
        let text = "\u{feff}---\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), (1, 1));
    }

    #[test]
    fn clamp_never_splits_a_character() {
        let text = "aé";
        let s = Span::new(2, 2).clamp_to(text);
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert_eq!(Span::new(10, 20).clamp_to(text), Span::new(3, 3));
    }
}
