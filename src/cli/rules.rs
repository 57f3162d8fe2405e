//! `repere rules` and `repere explain`.

use repere::pack::{BUILTIN_RULES, SETUP_RULES};
use repere::report::{one_line, printable};
use repere::rules::{self, KINDS};

use super::args::{ExplainArgs, RulesArgs};
use super::{EXIT_ERROR, EXIT_OK, packs};

pub fn list(args: RulesArgs) -> Result<i32, String> {
    let set = packs::load(&args.packs, None)?.rules;
    let width = set
        .rules
        .iter()
        .map(|r| r.meta.id.len())
        .chain(BUILTIN_RULES.iter().map(|b| b.id.len()))
        .max()
        .unwrap_or(10);
    for r in &set.rules {
        let summary = r
            .meta
            .description
            .clone()
            .or_else(|| rules::kind(r.meta.kind).map(|k| k.summary.to_string()))
            .unwrap_or_default();
        // A pack's own words: one line, no control character.
        println!(
            "{:width$}  {:14}  {:7}  {}",
            r.meta.id,
            r.meta.kind,
            r.meta.level.as_str(),
            one_line(&summary)
        );
    }
    for b in BUILTIN_RULES {
        let (id, summary, severity) = (b.id, b.summary, set.engine_level(b).as_str());
        println!(
            "{:width$}  {:14}  {:7}  {}",
            id, "(engine)", severity, summary
        );
    }
    Ok(EXIT_OK)
}

pub fn explain(args: ExplainArgs) -> Result<i32, String> {
    let set = packs::load(&args.packs, None)?.rules;
    if let Some(r) = set.get(&args.rule) {
        let m = &r.meta;
        println!(
            "{} ({} rule, severity {}, from {})",
            m.id,
            m.kind,
            m.level.as_str(),
            m.origin
        );
        if let Some(d) = &m.description {
            println!("\n{}", printable(d));
        }
        if let Some(kind) = rules::kind(m.kind) {
            println!(
                "\nKind `{}`: {}\n\n{}",
                kind.name,
                kind.summary,
                kind.doc.trim_end()
            );
        }
        return Ok(EXIT_OK);
    }
    if let Some(kind) = rules::kind(&args.rule) {
        println!(
            "Kind `{}`: {}\n\n{}",
            kind.name,
            kind.summary,
            kind.doc.trim_end()
        );
        return Ok(EXIT_OK);
    }
    if let Some(b) = BUILTIN_RULES.iter().find(|b| b.id == args.rule) {
        let (id, summary, severity) = (b.id, b.summary, set.engine_level(b).as_str());
        println!("{id} (reported by the engine, severity {severity})\n\n{summary}.");
        return Ok(EXIT_OK);
    }
    if let Some(b) = SETUP_RULES.iter().find(|b| b.id == args.rule) {
        println!(
            "{} (reported by `repere check` in its report, severity error; the run exits 2)\n\n{}. The error points at its place in that file; fix it and run again.",
            b.id, b.summary
        );
        return Ok(EXIT_OK);
    }
    // `repere rules` shows the engine's diagnostics with the kind `(engine)`.
    if matches!(args.rule.as_str(), "engine" | "(engine)") {
        println!(
            "The engine's own diagnostics, which no rule pack defines; their severity is set in `[severity]` of repere.toml:\n"
        );
        for b in BUILTIN_RULES {
            println!(
                "  {} (severity {}): {}.",
                b.id,
                set.engine_level(b).as_str(),
                b.summary
            );
        }
        return Ok(EXIT_OK);
    }
    let known: Vec<&str> = set
        .rules
        .iter()
        .map(|r| &*r.meta.id)
        .chain(KINDS.iter().map(|k| k.name))
        .chain(BUILTIN_RULES.iter().chain(&SETUP_RULES).map(|b| b.id))
        .collect();
    let hint = repere::typo::hint(rules::did_you_mean(&args.rule, known.iter().copied()));
    eprintln!(
        "error: no rule or rule kind named `{}`{hint} (see `repere rules`)",
        args.rule
    );
    Ok(EXIT_ERROR)
}
