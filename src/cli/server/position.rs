//! Byte offsets ↔ LSP positions, in the encoding negotiated with the client
//! (UTF-16 unless it offers another): accented text must not shift columns.

use lsp_types::{Position, PositionEncodingKind, Range};
use repere::span::{LineIndex, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The first encoding the client offers that we speak; UTF-16 otherwise.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        for kind in offered.unwrap_or_default() {
            match kind.as_str() {
                "utf-8" => return Encoding::Utf8,
                "utf-16" => return Encoding::Utf16,
                "utf-32" => return Encoding::Utf32,
                _ => {}
            }
        }
        Encoding::Utf16
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// A text and its line starts, to convert positions both ways.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Lines<'a> {
        Lines {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = Span::at(offset).clamp_to(self.text).start;
        let (line, _) = self.index.line_col(self.text, offset);
        let start = self.index.line_start(line).unwrap_or(0).min(offset);
        let character = self.text[start..offset]
            .chars()
            .map(|c| self.encoding.units(c))
            .sum();
        Position::new((line - 1) as u32, character)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position (clamped to its line and to the text).
    pub fn offset(&self, position: Position) -> usize {
        let Some(start) = self.index.line_start(position.line as usize + 1) else {
            return self.text.len();
        };
        let end = self
            .index
            .line_start(position.line as usize + 2)
            .unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= position.character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += self.encoding.units(c);
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_code_units() {
        let text = "éà 😀 x\nsuite";
        let lines = Lines::new(text, Encoding::Utf16);
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(x), Position::new(0, 6));
        assert_eq!(lines.offset(Position::new(0, 6)), x);
        let lines8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(lines8.position(x), Position::new(0, x as u32));
        let s = text.find("suite").unwrap();
        assert_eq!(lines.position(s), Position::new(1, 0));
        assert_eq!(lines.offset(Position::new(1, 99)), text.len());
        assert_eq!(lines.offset(Position::new(7, 0)), text.len());
    }
}
