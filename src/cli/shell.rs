//! Shell completions and the man page, generated from the clap definition.

use std::io;

use clap::CommandFactory;

use super::EXIT_OK;
use super::args::{Cli, CompletionsArgs, SchemaArgs, SchemaKind};

pub fn completions(args: CompletionsArgs) -> Result<i32, String> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "repere", &mut io::stdout());
    Ok(EXIT_OK)
}

pub fn schema(args: SchemaArgs) -> Result<i32, String> {
    let schema = match args.which {
        SchemaKind::Config => repere::schema::config(),
        SchemaKind::Rules => repere::schema::rules(),
    };
    let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(EXIT_OK)
}

pub fn man() -> Result<i32, String> {
    clap_mangen::Man::new(Cli::command())
        .render(&mut io::stdout())
        .map_err(|e| format!("writing the man page: {e}"))?;
    Ok(EXIT_OK)
}
