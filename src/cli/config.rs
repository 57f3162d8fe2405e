//! `repere config`: the effective configuration and where each value came from.

use repere::yaml::{Node, Value};

use super::args::ConfigCmdArgs;
use super::{EXIT_OK, packs};

pub fn show(args: ConfigCmdArgs) -> Result<i32, String> {
    let setup = packs::load(&args.packs, None)?;
    let config = setup.config.as_ref();
    let from = |keys: &[&str]| -> String {
        match config.and_then(|c| c.node(keys).map(|n| (c, n))) {
            Some((c, n)) => format!("{}:{}", c.path.display(), c.line(n.span)),
            None => "default".to_string(),
        }
    };
    match config {
        Some(c) => println!("config file: {}", c.path.display()),
        None if args.packs.no_config => println!("config file: none (--no-config)"),
        None => println!(
            "config file: none found (looked for repere.toml and .repere.toml up to the repository root)"
        ),
    }
    println!();
    println!("rule packs:");
    for s in &setup.sources {
        let kind = if repere::pack::DEFAULT_PACKS
            .iter()
            .any(|(o, _)| *o == s.origin)
        {
            "embedded"
        } else {
            "file"
        };
        println!("  {} ({kind})", s.origin);
    }
    // The settings in force, each with where it came from (the config's
    // line, the command line, or the default).
    let settings = config.map(|c| &c.settings);
    let show = |name: &str, value: String| println!("{name}: {value}    [{}]", from(&[name]));
    println!();
    if args.packs.no_default_rules {
        println!("use-default-rules: false    [--no-default-rules]");
    } else {
        show(
            "use-default-rules",
            settings
                .and_then(|s| s.use_default_rules)
                .unwrap_or(true)
                .to_string(),
        );
    }
    let globs = |list: Option<&Vec<String>>| format!("{:?}", list.cloned().unwrap_or_default());
    show("include", globs(settings.map(|s| &s.include)));
    show("exclude", globs(settings.map(|s| &s.exclude)));
    show(
        "fail-on",
        settings
            .and_then(|s| s.fail_on)
            .map_or("error".into(), |f| format!("{f:?}").to_lowercase()),
    );
    show(
        "max-warnings",
        settings
            .and_then(|s| s.max_warnings)
            .map_or("none".into(), |n| n.to_string()),
    );
    show(
        "max-file-size",
        format!(
            "{} (bytes)",
            settings
                .and_then(|s| s.max_file_size)
                .unwrap_or(super::check::MAX_FILE_SIZE)
        ),
    );
    show(
        "baseline",
        settings
            .and_then(|s| s.baseline.clone())
            .unwrap_or_else(|| "none".into()),
    );
    println!();
    println!("rules:");
    for r in &setup.rules.rules {
        let m = &r.meta;
        let options = match config.and_then(|c| c.node(&["options", &m.id])) {
            Some(table) => format!(
                ", options [{}]: {}",
                from(&["options", &m.id]),
                inline_table(table)
            ),
            None => String::new(),
        };
        println!(
            "  {} ({}): {} [{}]{options}",
            m.id,
            m.kind,
            m.level.as_str(),
            m.level_origin
        );
        for v in &r.variants {
            let set = [
                v.level.map(|l| l.as_str().to_string()),
                v.rule.is_some().then(|| "options".to_string()),
            ];
            let set: Vec<String> = set.into_iter().flatten().collect();
            println!("    for the files of {}: {}", v.origin, set.join(", "));
        }
    }
    for b in repere::pack::BUILTIN_RULES {
        let set = &setup.rules;
        println!(
            "  {} (engine): {} [{}]",
            b.id,
            set.engine_level(b).as_str(),
            set.engine_origin(b)
        );
    }
    Ok(EXIT_OK)
}

/// A config table's keys and values on one line, as TOML writes them
/// inline: `html = false, allow = ["a", "b"]`.
fn inline_table(table: &Node) -> String {
    table
        .as_map()
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| format!("{} = {}", k.as_str().unwrap_or_default(), inline_value(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A config value as TOML writes it inline.
fn inline_value(value: &Node) -> String {
    match &value.value {
        Value::String(s, _) => toml_string(s),
        Value::Seq(items) => format!(
            "[{}]",
            items
                .iter()
                .map(inline_value)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Map(_) => format!("{{ {} }}", inline_table(value)),
        _ => value.scalar_text().unwrap_or_default(),
    }
}

/// `s` as a TOML basic string: `"` and `\` escaped, control characters
/// as `\uXXXX` (a no-break space is written as is).
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
