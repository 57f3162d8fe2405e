//! Written by `pattern::known::tests`: the patterns of the embedded
//! packs and their facts (see `pattern/known.rs`). Do not edit.

use super::Known;

pub(super) const KNOWN: &[Known] = &[
    Known {
        source: "(?-i)(?:\\b(?:ai|as|a|avons|avez|ont|avais|avait|avions|aviez|avaient|eus|eut|eûmes|eurent|étais|était|étions|étiez|étaient|fut|furent|(?:[smt]['’]|(?:se|me|te|nous|vous)\\s+)(?:suis|es|est|sommes|êtes|sont))(?:\\s+(?-i:[^\\s.,;:!?()«»\"])+){0,2}?\\s+(?-i:[^\\s.,;:!?()«»\"])*(?:é|ée|és|ées|faite?s?|mise?s?|prise?s?|finie?s?|répartie?s?|construite?s?)\\b[^.!?;:\\n]*?\\ben\\s+(?:\\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)\\s+(?:(?-i:[^\\s.,;:!?()«»\"])+\\s+)?étapes\\b|\\b[Ee]n\\s+(?:\\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)\\s+(?:(?-i:[^\\s.,;:!?()«»\"])+\\s+)?étapes\\b[^.!?;:\\n]*?\\b(?:ai|as|a|avons|avez|ont|avais|avait|avions|aviez|avaient|eus|eut|eûmes|eurent|étais|était|étions|étiez|étaient|fut|furent|(?:[smt]['’]|(?:se|me|te|nous|vous)\\s+)(?:suis|es|est|sommes|êtes|sont))(?:\\s+(?-i:[^\\s.,;:!?()«»\"])+){0,2}?\\s+(?-i:[^\\s.,;:!?()«»\"])*(?:é|ée|és|ées|faite?s?|mise?s?|prise?s?|finie?s?|répartie?s?|construite?s?)\\b)",
        case_insensitive: true,
        bound: 1047744,
        empty: false,
        required: Some(&[b"\xc3\xa9tapes", b"\xc3\xa9tapes"]),
    },
    Known {
        source: "(?:\\bbest\\s+practice\\b|\\bbest\\s+practices\\b|\\bbest\\-practice\\b|\\bbest\\-practices\\b)",
        case_insensitive: true,
        bound: 52224,
        empty: false,
        required: Some(&[b"practice", b"practice", b"-practice", b"-practice"]),
    },
    Known {
        source: "(?:\\bil\\s+faut\\b)",
        case_insensitive: true,
        bound: 20672,
        empty: false,
        required: Some(&[b"faut"]),
    },
    Known {
        source: "(?:\\bil\\s+ne\\s+faut\\b|\\bil\\s+faudra\\b|\\bil\\s+ne\\s+faudra\\b)",
        case_insensitive: true,
        bound: 100608,
        empty: false,
        required: Some(&[b"faut", b"faudra", b"faudra"]),
    },
    Known {
        source: "(?:\\btu\\s+dois\\b)",
        case_insensitive: true,
        bound: 21248,
        empty: false,
        required: Some(&[b"doi"]),
    },
    Known {
        source: "(?:\\btu\\s+ne\\s+dois\\b|\\btu\\s+devras\\b|\\btu\\s+ne\\s+devras\\b)",
        case_insensitive: true,
        bound: 102336,
        empty: false,
        required: Some(&[b"doi", b"devra", b"devra"]),
    },
    Known {
        source: "\\ben\\s+(?:\\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)\\s+(?:(?-i:\\p{L})+\\s+)?étapes\\b",
        case_insensitive: true,
        bound: 2564160,
        empty: false,
        required: Some(&[b"tape"]),
    },
    Known {
        source: "\\bla\\s+bonne\\s+solution\\s*(?:est\\b|,\\s*c['’]est\\b)",
        case_insensitive: true,
        bound: 66624,
        empty: false,
        required: Some(&[b"bonne"]),
    },
    Known {
        source: "^[\\p{Ll}\\p{N}]+(-[\\p{Ll}\\p{N}]+)*$",
        case_insensitive: false,
        bound: 3778432,
        empty: false,
        required: None,
    },
    Known {
        source: "^[a-z0-9]+(-[a-z0-9]+)*$",
        case_insensitive: false,
        bound: 2432,
        empty: false,
        required: None,
    },
];
