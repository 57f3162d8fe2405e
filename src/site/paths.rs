//! How Hugo turns a file or folder name, or a front matter's `slug`, into
//! a segment of an address: its `paths.Sanitize`, then lowercased.
//!
//! `Sanitize` keeps letters, digits, marks, `.` `/` `\` `_` `#` `+` `~` `-`
//! `@` and `%XX` escapes; it drops every other character; a run of
//! whitespace becomes one `-`, except at the start and the end, and right
//! after a hyphen or before one. `03.03-Se positionner dans
//! l'organisation.md` is so served at `…/03.03-se-positionner-dans-lorganisation/`,
//! and `La transition technique → management` at
//! `…/la-transition-technique-management/`.
//!
//! Hugo sanitizes the whole path; repere sanitizes each name apart, which
//! differs only for a name that starts or ends with whitespace (dropped
//! here, a `-` next to the `/` in Hugo).

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory as G, get_general_category};

use crate::document::shortcodes::go_letter_or_digit;

/// Whether Hugo keeps the character `c` found at byte `at` of `s`.
fn allowed(s: &str, at: usize, c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '.' | '/' | '\\' | '_' | '#' | '+' | '~' | '-' | '@' => true,
        '%' => {
            let b = s.as_bytes();
            b.get(at + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(at + 2).is_some_and(u8::is_ascii_hexdigit)
        }
        c if c.is_ascii() => false,
        // Go's `unicode.IsLetter`, `IsDigit` and `IsMark`.
        c => {
            go_letter_or_digit(c)
                || matches!(
                    get_general_category(c),
                    G::NonspacingMark | G::SpacingMark | G::EnclosingMark
                )
        }
    }
}

/// Hugo's `paths.Sanitize` (see the module), without lowercasing.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if s.char_indices().all(|(i, c)| allowed(s, i, c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut hyphen_before = false;
    let mut was_hyphen = false;
    for (i, c) in s.char_indices() {
        if allowed(s, i, c) {
            was_hyphen = c == '-';
            if hyphen_before && !was_hyphen {
                out.push('-');
            }
            hyphen_before = false;
            out.push(c);
        } else if !out.is_empty() && !was_hyphen && c.is_whitespace() {
            hyphen_before = true;
        }
    }
    Cow::Owned(out)
}

/// A name (a file's, a folder's, a `slug`) as it reads in an address:
/// sanitized as Hugo does, lowercased.
pub fn segment(name: &str) -> Cow<'_, str> {
    match sanitize(name) {
        Cow::Borrowed(kept) if !kept.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) => {
            Cow::Borrowed(kept)
        }
        kept => Cow::Owned(kept.to_lowercase()),
    }
}

/// The folder holding the last name of an address, with its final `/`
/// (`/posts/` for `/posts/x/` and `/posts/x`); `/` for `/` itself.
pub fn folder_above(address: &str) -> &str {
    let trimmed = address.trim_end_matches('/');
    trimmed.rfind('/').map_or("/", |at| &trimmed[..=at])
}

/// A site path (`/posts/../posts/./x/`) as a browser and a server read it:
/// `.` and `..` segments resolved (never above the root), empty ones
/// (`//`) dropped, a final `/` kept where the path names a folder
/// (`/x/.` is `/x/`).
pub fn without_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let tidy = segments
        .iter()
        .enumerate()
        .all(|(i, s)| !matches!(*s, "." | "..") && (!s.is_empty() || i + 1 == segments.len()));
    if tidy {
        return path.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    for segment in &segments {
        match *segment {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let folder = matches!(segments.last(), Some(&("" | "." | "..")));
    let mut resolved = format!("/{}", out.join("/"));
    if folder && !out.is_empty() {
        resolved.push('/');
    }
    resolved
}

/// `path` with the accents taken off its letters (`/posts/été/` is
/// `/posts/ete/`), as Hugo's `removePathAccents` does: decomposed, marks
/// dropped.
pub fn without_accents(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    if path.is_ascii() {
        return path.to_string();
    }
    path.nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_above_an_address() {
        for (address, folder) in [
            ("/posts/x/", "/posts/"),
            ("/posts/x", "/posts/"),
            ("/x/", "/"),
            ("/", "/"),
            ("", "/"),
            ("/é/ü/", "/é/"),
        ] {
            assert_eq!(folder_above(address), folder, "{address}");
        }
    }

    #[test]
    fn dot_and_empty_segments_are_resolved() {
        for (path, resolved) in [
            ("/posts/./cible/", "/posts/cible/"),
            ("/posts/../posts/cible/", "/posts/cible/"),
            ("/posts//cible/", "/posts/cible/"),
            ("/posts/cible/.", "/posts/cible/"),
            ("/posts/cible/..", "/posts/"),
            ("/../../x", "/x"),
            ("/posts/cible/", "/posts/cible/"),
            ("/posts/cible", "/posts/cible"),
            ("/a.b/..c/", "/a.b/..c/"),
            ("/", "/"),
            ("/..", "/"),
        ] {
            assert_eq!(without_dot_segments(path), resolved, "{path}");
        }
    }

    #[test]
    fn names_are_sanitized_as_hugo_does() {
        for (name, address) in [
            (
                "03.03-Se positionner dans l'organisation",
                "03.03-se-positionner-dans-lorganisation",
            ),
            (
                "03.02-La transition technique → management",
                "03.02-la-transition-technique-management",
            ),
            ("Mon Slug l'été", "mon-slug-lété"),
            ("déjà-vu", "déjà-vu"),
            ("  a  b  ", "a-b"),
            ("a - b", "a-b"),
            ("a -b", "a-b"),
            ("a- b", "a-b"),
            ("a\u{a0}b\tc", "a-b-c"),
            ("C++ & C#", "c++-c#"),
            ("100%20 sûr%", "100%20-sûr"),
            ("a.b_c~d@e\\f", "a.b_c~d@e\\f"),
            ("«Citation» !", "citation"),
            ("e\u{301}te\u{301}", "e\u{301}te\u{301}"),
            ("x²½", "x"),
            ("", ""),
        ] {
            assert_eq!(segment(name), address, "{name:?}");
        }
        assert!(matches!(segment("deja-vu.md"), Cow::Borrowed(_)));
    }
}
