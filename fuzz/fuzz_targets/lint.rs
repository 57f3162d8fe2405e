//! Fuzz target over the whole pipeline: bytes split into up to three files,
//! front matter + body parsed, every default rule run (per file and across
//! files), every output format rendered, every span checked. See
//! docs/robustness.md for how to run it.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    pipeline::run(data);
});
