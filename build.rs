//! Parses the embedded rule packs (`rules/*.yaml`) when the binary is built,
//! with the crate's own YAML module, and writes each parsed tree in the
//! binary form of `src/yaml/snapshot.rs` to `$OUT_DIR/<name>.tree`, which
//! `src/pack/mod.rs` embeds next to the pack's text. A pack that does not
//! parse gets an empty tree: at run time it is then parsed from its text,
//! which reports the error as for any pack.

// Only the parser and the encoder of these modules are used here.
#![allow(dead_code)]

#[path = "src/span.rs"]
mod span;
#[path = "src/typo.rs"]
mod typo;
#[path = "src/yaml/mod.rs"]
mod yaml;

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/yaml");
    println!("cargo::rerun-if-changed=src/span.rs");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let packs = fs::read_dir("rules").expect("the rules/ folder");
    for entry in packs {
        let path = entry.expect("an entry of rules/").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a readable pack");
        let tree = match yaml::parse(&text, 0) {
            Ok(parsed) => yaml::snapshot::encode(&parsed),
            Err(_) => Vec::new(),
        };
        let stem = path.file_stem().expect("a file name");
        let target = out.join(stem).with_extension("tree");
        fs::write(&target, tree).expect("write to OUT_DIR");
    }
}
