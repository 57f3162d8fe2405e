//! `repere test-rules`: runs the `examples` of rule packs. A valid example must
//! give no finding of its rule, an invalid one at least one (one whose
//! message holds its `expect`, when it has one).

use std::sync::Arc;

use repere::diagnostic::Level;
use repere::engine::Linter;
use repere::pack::{PackError, RuleSet};
use repere::report::human::render_pack_error;

use super::args::{Color, PackArgs, TestRulesArgs};
use super::{EXIT_FINDINGS, EXIT_OK, packs};

/// One example of a rule, with where it is written.
struct Case {
    id: Arc<str>,
    origin: String,
    /// The pack's text.
    text: Arc<str>,
    example: repere::pack::Example,
    /// The rule only compares files.
    corpus_only: bool,
}

pub fn run(args: TestRulesArgs) -> Result<i32, String> {
    packs::set_color(args.color);
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => packs::color(),
    };
    let sources = if args.packs.is_empty() {
        let config = packs::config(&args.pack_args, None)?;
        packs::sources(&args.pack_args, config.as_ref())?
    } else {
        let only = PackArgs {
            rules: args.packs.clone(),
            no_default_rules: true,
            no_config: true,
            config: None,
        };
        packs::sources(&only, None)?
    };
    let mut set = RuleSet::load(&sources).map_err(|errors| {
        for e in &errors {
            eprint!("{}", render_pack_error(e, color));
        }
        format!("{} error(s) in the rule packs", errors.len())
    })?;
    // A rule shipped `off` (turned on by the config, or for some files) is
    // tested as it runs once on: its invalid examples could never be flagged.
    for r in &mut set.rules {
        if r.meta.level == Level::Off {
            r.meta.level = Level::Info;
        }
    }
    // What each rule's examples are, before the set moves into the linter.
    let cases: Vec<Case> = set
        .rules
        .iter()
        .flat_map(|r| {
            let corpus_only = r.rule.cross_file_only();
            r.meta.examples.iter().map(move |e| Case {
                id: r.meta.id.clone(),
                origin: r.meta.origin.clone(),
                text: r.meta.pack_text.clone(),
                example: e.clone(),
                corpus_only,
            })
        })
        .collect();
    let untested: Vec<String> = set
        .rules
        .iter()
        .filter(|r| r.meta.examples.is_empty() && !r.rule.cross_file_only())
        .map(|r| format!("`{}`", r.meta.id))
        .collect();
    let linter = Linter::new(set);
    let mut failures = 0;
    for Case {
        id,
        origin,
        text,
        example,
        corpus_only,
    } in &cases
    {
        let result = linter.check_bytes(
            example.name.clone().into(),
            example.text.clone().into_bytes(),
        );
        // An example the rule does not run on, or cannot judge alone,
        // tests nothing, whether it is valid or not.
        let ran = linter.ran_on(&result, id);
        let report = linter.finish(vec![result]);
        let found: Vec<&str> = report
            .diagnostics()
            .filter(|d| d.rule == *id)
            .map(|d| d.message.as_str())
            .collect();
        let failure = if *corpus_only {
            Some((
                format!("`{id}` only compares files: a one-file example cannot test it"),
                "remove its `examples`; test it on a folder of articles with `repere check`"
                    .to_string(),
            ))
        } else if !ran {
            Some((
                format!(
                    "`{id}` does not run on this example: its `files` or `when` leave `{}` out",
                    example.name
                ),
                "give the example a `name` that `files` matches, or front matter that `when` accepts"
                    .to_string(),
            ))
        } else if example.valid && !found.is_empty() {
            Some((
                format!("`{id}` flags this valid example: {}", found.join("; ")),
                format!("checked as `{}`", example.name),
            ))
        } else if !example.valid && found.is_empty() {
            Some((
                format!("`{id}` does not flag this invalid example"),
                format!("checked as `{}`", example.name),
            ))
        } else {
            // Flagged, but for another reason than the one it shows.
            example
                .expect
                .as_deref()
                .filter(|e| !found.iter().any(|m| m.contains(e)))
                .map(|expect| {
                    (
                        format!(
                            "`{id}` flags this invalid example, but no message holds \"{expect}\": {}",
                            found.join("; ")
                        ),
                        format!(
                            "checked as `{}`; fix the example so that it fails for the reason it shows, or its `expect`",
                            example.name
                        ),
                    )
                })
        };
        if let Some((message, help)) = failure {
            failures += 1;
            let e = PackError {
                origin: origin.clone(),
                text: text.clone(),
                span: example.span,
                message,
                help: Some(help),
                config: false,
            };
            eprint!("{}", render_pack_error(&e, color));
        }
    }
    let rules_with = {
        let mut ids: Vec<&Arc<str>> = cases.iter().map(|c| &c.id).collect();
        ids.dedup();
        ids.len()
    };
    println!(
        "{} passed, {} failed ({} example{} of {} rule{})",
        cases.len() - failures,
        failures,
        cases.len(),
        if cases.len() == 1 { "" } else { "s" },
        rules_with,
        if rules_with == 1 { "" } else { "s" }
    );
    if !untested.is_empty() {
        eprintln!(
            "warning: {} rule(s) have no `examples`, so nothing tests them: {} (rules that only compare files, such as `scope: corpus`, are left out: one-file examples cannot test them)",
            untested.len(),
            untested.join(", ")
        );
    }
    Ok(if failures > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
