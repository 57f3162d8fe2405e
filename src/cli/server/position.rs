//! Byte offsets ↔ LSP positions, in the encoding negotiated with the client
//! (UTF-16 unless it offers another): accented text must not shift columns.

use lsp_types::{Position, PositionEncodingKind, Range};
use repere::span::{Counts, LineIndex, Span, count_chars};

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

    /// The code units of the characters that start in `bytes` (UTF-8),
    /// counted by bytes: each character starts at a byte that is no
    /// continuation byte, and one of four bytes (from `0xF0`) is two UTF-16
    /// units.
    fn units_in(self, bytes: &[u8]) -> usize {
        match self {
            Encoding::Utf8 => bytes.len(),
            Encoding::Utf16 => count_chars(bytes) + bytes.iter().filter(|&&b| b >= 0xF0).count(),
            Encoding::Utf32 => count_chars(bytes),
        }
    }
}

/// A text and its line starts, to convert positions both ways.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
    /// Code units before every 4,096th byte, so that the position of an
    /// offset deep in a long line costs at most that many bytes of counting
    /// (many findings on one line of megabytes would otherwise count the
    /// line again for each). Counted on first need.
    units_before: Counts,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Lines<'a> {
        Lines {
            text,
            index: LineIndex::new(text),
            encoding,
            units_before: Counts::default(),
        }
    }

    /// Where a line starts: the first after a byte-order mark, which is no
    /// character of it (editors drop it from the text, and `repere check`
    /// counts no column for it).
    fn line_start(&self, line: usize) -> Option<usize> {
        let start = self.index.line_start(line)?;
        Some(if line == 1 {
            start.max(self.bom())
        } else {
            start
        })
    }

    fn bom(&self) -> usize {
        if self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = Span::at(offset).clamp_to(self.text).start;
        let (line, _) = self.index.line_col(self.text, offset);
        let start = self.line_start(line).unwrap_or(0).min(offset);
        let units = |bytes: &[u8]| self.encoding.units_in(bytes);
        let character = self
            .units_before
            .between(self.text.as_bytes(), start, offset, units) as u32;
        Position::new((line - 1) as u32, character)
    }

    /// The position of a 1-based line and a 1-based column in characters
    /// (a `Location`'s), in the negotiated encoding; past the end of the
    /// text, the line and column as they are.
    pub fn at_location(&self, line: usize, column: usize) -> Position {
        let lsp_line = line.saturating_sub(1) as u32;
        let Some(start) = self.line_start(line) else {
            return Position::new(lsp_line, column.saturating_sub(1) as u32);
        };
        let character = self.text[start..]
            .chars()
            .take_while(|c| *c != '\n' && *c != '\r')
            .take(column.saturating_sub(1))
            .map(|c| self.encoding.units(c))
            .sum();
        Position::new(lsp_line, character)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position (clamped to its line and to the text).
    pub fn offset(&self, position: Position) -> usize {
        let Some(start) = self.line_start(position.line as usize + 1) else {
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

    /// Deep in a long line the position is counted from a table of every
    /// 4,096 bytes; it is the one counted character by character.
    #[test]
    fn positions_deep_in_a_long_line() {
        let text = format!("\u{feff}titre\n{}\nfin", "é😀a\u{2014} ".repeat(3000));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let lines = Lines::new(&text, encoding);
            let line_start = text.find('\n').unwrap() + 1;
            for (offset, _) in text.char_indices().step_by(997) {
                let expected = if offset < line_start {
                    let from = '\u{feff}'.len_utf8().min(offset);
                    Position::new(
                        0,
                        text[from..offset].chars().map(|c| encoding.units(c)).sum(),
                    )
                } else if offset <= text.rfind('\n').unwrap() {
                    let units = text[line_start..offset]
                        .chars()
                        .map(|c| encoding.units(c))
                        .sum();
                    Position::new(1, units)
                } else {
                    continue;
                };
                assert_eq!(lines.position(offset), expected, "{encoding:?} at {offset}");
            }
        }
    }

    #[test]
    fn a_bom_takes_no_column() {
        let text = "\u{feff}Il faut\nx";
        let lines = Lines::new(text, Encoding::Utf16);
        let il = text.find("Il").unwrap();
        assert_eq!(lines.position(il), Position::new(0, 0));
        assert_eq!(lines.position(0), Position::new(0, 0));
        assert_eq!(lines.offset(Position::new(0, 0)), il);
        assert_eq!(lines.offset(Position::new(0, 3)), il + 3);
        assert_eq!(lines.at_location(1, 4), Position::new(0, 3));
    }

    #[test]
    fn locations_in_characters_become_positions_in_units() {
        let text = "a\n> 😀 Été : x\n";
        let col = "> 😀 Été : ".chars().count() + 1;
        let utf16 = Lines::new(text, Encoding::Utf16);
        assert_eq!(utf16.at_location(2, col), Position::new(1, 11));
        let utf8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(utf8.at_location(2, col), Position::new(1, 15));
        assert_eq!(utf8.at_location(9, 3), Position::new(8, 2));
    }
}
