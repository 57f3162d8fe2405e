//! repere: a linter for editorial articles written in Markdown with YAML front
//! matter. Rules are data (YAML rule packs); this library parses articles into
//! a [`document::Document`], runs the rules of a [`pack::RuleSet`] through the
//! [`engine::Linter`], and renders the [`engine::Report`] with a
//! [`report::Reporter`]. It never prints: the binary does.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod fix;
pub mod pack;
pub mod pattern;
pub mod report;
pub mod rules;
pub mod schema;
pub mod site;
pub mod span;
pub mod suppress;
pub mod toml_tree;
pub mod typo;
pub mod yaml;
