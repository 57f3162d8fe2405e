//! How much checking costs next to parsing.
//!
//! ```text
//! cargo run --release --example bench -- [--source DIR] [--n 2000,20000] [--reps 7] [--per-rule] [--keep] [--build-only]
//! ```
//!
//! Builds a corpus of N articles in a temporary folder by copying the
//! Markdown files of a source folder (default: the project's `fixtures/`;
//! `../shared/corpus/content/posts` is the realistic one) over and over. Each
//! copy but the first changes its prose with its own letter substitution
//! inside words, so copies do not repeat each other's paragraphs, while the
//! structure, and so the parsing cost, stays: front matter, headings, code,
//! numbers (words with a digit), link targets, HTML and entities are kept.
//! Copies after the first also get a `-cN` suffix on their file name and on
//! their front-matter `slug`, so that the two still agree.
//!
//! Then it times, interleaved and repeated (median of `--reps`, at least 5),
//! each over all the files in parallel (rayon, as the CLI):
//! - parse-only: read + front-matter split and YAML parse + pulldown-cmark
//!   events, no rules (the baseline);
//! - document: read + `Document::parse` (the model every rule reads);
//! - check: the library's `Linter` with the default rules, per file then the
//!   corpus pass, as `repere check` does (rule packs loaded once, outside);
//! - check without `duplicates`: the same without the rules of that kind;
//! - with `--per-rule`: each default rule alone.
//!
//! It prints the medians of wall time and of CPU time (all threads; Linux
//! only) and their ratios to parse-only. The CPU ratios are steadier when
//! other programs share the machine.
//!
//! Then, as whole processes (what a user waits for), interleaved the same
//! way:
//! - `repere check --no-config --format json` on the whole corpus, against
//!   a parse-only process (this program, `--parse-only`, on the same files),
//!   with the peak resident memory of the `repere` process;
//! - `repere check` on one article (what a pre-commit hook pays per call:
//!   start-up and embedded rule packs included), against a parse-only
//!   process on the same file; the article is the first that links to
//!   other posts, all of which exist;
//! - the same two inside a site: the corpus also in `site/content/posts/`
//!   (hard links to the same files, in one folder), with the source
//!   site's other pages when the source folder is in a `content/` folder,
//!   as in a blog's repository, where `repere check` also finds the pages
//!   the articles link to, for the link rules; and the same article with a
//!   link to a page that does not exist, whose "did you mean" reads every
//!   page of the site; and the article again with `--no-cache` (`repere`
//!   keeps the listing of a folder of 1,000 entries or more between runs,
//!   here in the corpus's folder, once the folder has settled); and again
//!   with a listing kept before the folder changed (what a pre-commit hook
//!   finds after an author saved an article by renaming a new file over
//!   it, or added one).
//!
//! The `repere` binary is the release build next to this example; it is
//! built first (`cargo build --release --bin repere`) when missing.

use std::collections::BTreeMap;
use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use repere::document::{Document, front_matter};
use repere::engine::{FileResult, Linter};
use repere::pack::{PackSource, RuleSet};
use repere::site::{PageFront, slug_from_file_name};

struct Args {
    source: PathBuf,
    sizes: Vec<usize>,
    reps: usize,
    per_rule: bool,
    keep: bool,
    /// Only build the corpus (kept), time nothing.
    build_only: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: bench [--source DIR] [--n 2000,20000] [--reps 7] [--per-rule] [--keep] [--build-only]\n\
         --source DIR   folder whose *.md files are copied (default: fixtures/)\n\
         --n LIST       corpus sizes, in articles (default: 2000,20000)\n\
         --reps N       timed repetitions of each variant, at least 5 (default: 7)\n\
         --per-rule     also time each default rule alone\n\
         --keep         keep the generated corpora (their folder is printed)\n\
         --build-only   only build the corpora (kept), to run other tools on them"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = Args {
        source: Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        sizes: vec![2000, 20000],
        reps: 7,
        per_rule: false,
        keep: false,
        build_only: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--source" => args.source = it.next().map(PathBuf::from).unwrap_or_else(|| usage()),
            "--n" => {
                let list = it.next().unwrap_or_else(|| usage());
                args.sizes = list
                    .split(',')
                    .map(|n| n.trim().parse().unwrap_or_else(|_| usage()))
                    .collect();
            }
            "--reps" => {
                args.reps = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--per-rule" => args.per_rule = true,
            "--keep" => args.keep = true,
            "--build-only" => args.build_only = true,
            _ => usage(),
        }
    }
    args.reps = args.reps.max(5);
    args
}

/// A Markdown file of the source folder.
struct SourceFile {
    /// Path relative to the source folder.
    rel: PathBuf,
    bytes: Vec<u8>,
}

fn source_files(dir: &Path) -> Vec<SourceFile> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(root, &p, out);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "markdown")
            ) && let Ok(bytes) = fs::read(&p)
            {
                let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
                out.push(SourceFile { rel, bytes });
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// A letter permutation for copy `copy` (the identity for copy 0).
fn permutation(copy: usize) -> [u8; 26] {
    let mut p: [u8; 26] = std::array::from_fn(|i| i as u8);
    if copy == 0 {
        return p;
    }
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ (copy as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..26).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        p.swap(i, j);
    }
    p
}

/// The text of a copy: prose letters substituted, structure kept, `slug`
/// suffixed.
fn disguise(text: &str, perm: &[u8; 26], suffix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut front: Option<&str> = None;
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let t = line.trim();
        if i == 0 {
            let t = t.trim_start_matches('\u{feff}');
            if t == "---" || t == "+++" {
                front = Some(if t == "---" { "---" } else { "+++" });
                out.push_str(line);
                continue;
            }
        }
        if let Some(close) = front {
            if t == close || (close == "---" && t == "...") {
                front = None;
            } else if !suffix.is_empty() && (t.starts_with("slug:") || t.starts_with("slug =")) {
                out.push_str(&suffix_slug(line, suffix));
                continue;
            }
            out.push_str(line);
            continue;
        }
        let lead = line.trim_start();
        let marker = lead.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(c) = marker {
            let n = lead.chars().take_while(|x| *x == c).count();
            if n >= 3 {
                match fence {
                    None => fence = Some((c, n)),
                    Some((fc, fln)) if fc == c && n >= fln && lead.trim_end().len() == n => {
                        fence = None
                    }
                    _ => {}
                }
                out.push_str(line);
                continue;
            }
        }
        if fence.is_some() || lead.starts_with('#') {
            out.push_str(line);
            continue;
        }
        // A link reference definition: the label changes like its uses, the
        // destination stays.
        if lead.starts_with('[')
            && let Some(end) = lead.find("]:")
        {
            let cut = line.len() - lead.len() + end + 2;
            prose(&line[..cut], perm, &mut out);
            out.push_str(&line[cut..]);
            continue;
        }
        prose(line, perm, &mut out);
    }
    out
}

fn suffix_slug(line: &str, suffix: &str) -> String {
    let body = line.trim_end_matches(['\n', '\r']);
    let ending = &line[body.len()..];
    let value = body.trim_end();
    let rest = &body[value.len()..];
    match value.chars().last() {
        Some(q @ ('"' | '\'')) => format!("{}{suffix}{q}{rest}{ending}", &value[..value.len() - 1]),
        _ => format!("{value}{suffix}{rest}{ending}"),
    }
}

/// Appends `line` with the letters of its words substituted; inline code,
/// link destinations, HTML tags, autolinks, entities and words with a digit
/// are kept.
fn prose(line: &str, perm: &[u8; 26], out: &mut String) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let keep_to = match c {
            b'`' => {
                let n = b[i..].iter().take_while(|x| **x == b'`').count();
                let ticks = &line[i..i + n];
                line[i + n..].find(ticks).map_or(i + n, |j| i + n + j + n)
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                let mut depth = 0usize;
                let mut j = i + 1;
                while j < b.len() {
                    match b[j] {
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                (j + 1).min(b.len())
            }
            b'<' if b
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!') =>
            {
                line[i..].find('>').map_or(i + 1, |j| i + j + 1)
            }
            b'&' => {
                let name = b[i + 1..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == b'#')
                    .count();
                if name > 0 && b.get(i + 1 + name) == Some(&b';') {
                    i + name + 2
                } else {
                    i + 1
                }
            }
            _ => i,
        };
        if keep_to > i {
            out.push_str(&line[i..keep_to]);
            i = keep_to;
            continue;
        }
        let ch = line[i..].chars().next().unwrap_or(' ');
        if ch.is_alphanumeric() {
            let len: usize = line[i..]
                .chars()
                .take_while(|x| x.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            let word = &line[i..i + len];
            if word.bytes().any(|x| x.is_ascii_digit()) {
                out.push_str(word);
            } else {
                out.extend(word.chars().map(|x| match x {
                    'a'..='z' => (b'a' + perm[(x as u8 - b'a') as usize]) as char,
                    'A'..='Z' => (b'A' + perm[(x as u8 - b'A') as usize]) as char,
                    _ => x,
                }));
            }
            i += len;
        } else {
            out.push(ch);
            i += ch.len_utf8();
        }
    }
}

/// Writes `n` articles under `dir/posts/`; returns their paths and total size.
fn build_corpus(dir: &Path, sources: &[SourceFile], n: usize) -> (Vec<PathBuf>, usize) {
    let mut paths = Vec::with_capacity(n);
    let mut bytes = 0;
    let mut copy = 0;
    while paths.len() < n {
        let perm = permutation(copy);
        let suffix = if copy == 0 {
            String::new()
        } else {
            format!("-c{copy}")
        };
        for src in sources {
            if paths.len() == n {
                break;
            }
            let mut rel = src.rel.clone();
            if let (Some(stem), Some(ext)) = (
                rel.file_stem().and_then(|s| s.to_str()),
                rel.extension().and_then(|s| s.to_str()),
            ) && !stem.starts_with('_')
            {
                rel.set_file_name(format!("{stem}{suffix}.{ext}"));
            }
            let path = dir.join("posts").join(format!("c{copy:05}")).join(rel);
            let data = match std::str::from_utf8(&src.bytes) {
                Ok(text) => disguise(text, &perm, &suffix).into_bytes(),
                Err(_) => src.bytes.clone(),
            };
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).expect("create the corpus folder");
            }
            fs::write(&path, &data).expect("write the corpus");
            bytes += data.len();
            paths.push(path);
        }
        copy += 1;
    }
    (paths, bytes)
}

const MARKDOWN: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Read, split and parse the front matter, run pulldown-cmark: no rules.
fn parse_only(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|p| {
            let Ok(bytes) = fs::read(p) else { return 0 };
            let Ok(text) = String::from_utf8(bytes) else {
                return 0;
            };
            let (fm, start) = front_matter::split(&text);
            black_box(&fm);
            Parser::new_ext(&text[start..], MARKDOWN)
                .into_offset_iter()
                .count()
        })
        .sum()
}

fn document_only(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|p| {
            let Ok(bytes) = fs::read(p) else { return 0 };
            let Ok(text) = String::from_utf8(bytes) else {
                return 0;
            };
            Document::parse(p.clone(), text).body.blocks.len()
        })
        .sum()
}

/// What `repere check` does, without printing: returns the diagnostics by rule.
fn check(linter: &Linter, files: &[PathBuf]) -> BTreeMap<String, usize> {
    let results: Vec<FileResult> = files
        .par_iter()
        .map(|p| match fs::read(p) {
            Ok(bytes) => linter.check_bytes(p.clone(), bytes),
            Err(e) => {
                linter.read_error(p.clone(), e.to_string(), "check that the file can be read")
            }
        })
        .collect();
    let report = linter.finish(results);
    let mut by_rule = BTreeMap::new();
    for d in report.diagnostics() {
        *by_rule.entry(d.rule.to_string()).or_insert(0) += 1;
    }
    by_rule
}

fn defaults() -> RuleSet {
    RuleSet::load(&PackSource::defaults()).unwrap_or_else(|e| panic!("{}", e[0].message))
}

enum Variant {
    Parse,
    Document,
    Check(Box<Linter>),
}

struct Timed {
    name: String,
    variant: Variant,
    times: Vec<Duration>,
    /// CPU time of all the threads, when the system tells it.
    cpu: Vec<Duration>,
    found: BTreeMap<String, usize>,
}

impl Timed {
    fn new(name: impl Into<String>, variant: Variant) -> Self {
        Timed {
            name: name.into(),
            variant,
            times: Vec::new(),
            cpu: Vec::new(),
            found: BTreeMap::new(),
        }
    }

    fn run(&mut self, files: &[PathBuf]) {
        let cpu = cpu_time();
        let start = Instant::now();
        match &self.variant {
            Variant::Parse => {
                black_box(parse_only(files));
            }
            Variant::Document => {
                black_box(document_only(files));
            }
            Variant::Check(linter) => self.found = check(linter, files),
        }
        self.times.push(start.elapsed());
        if let (Some(before), Some(after)) = (cpu, cpu_time()) {
            self.cpu.push(after.saturating_sub(before));
        }
    }
}

fn median(times: &[Duration]) -> Duration {
    let mut t = times.to_vec();
    t.sort();
    t.get(t.len() / 2).copied().unwrap_or_default()
}

/// CPU time used so far by the threads of this process (Linux: the sum of
/// `/proc/self/task/*/schedstat`, in nanoseconds). Less disturbed than wall
/// time when other programs share the machine.
fn cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    for task in fs::read_dir("/proc/self/task").ok()?.flatten() {
        let stat = fs::read_to_string(task.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

fn peak_rss_mib() -> Option<f64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    if let Some(code) = peak_rss_mode() {
        std::process::exit(code);
    }
    if let Some(files) = parse_only_mode() {
        black_box(parse_only(&files));
        return;
    }
    let args = parse_args();
    let sources = source_files(&args.source);
    if sources.is_empty() {
        eprintln!("no *.md file under {}", args.source.display());
        std::process::exit(2);
    }
    println!(
        "source: {} ({} files); {} threads; median of {} interleaved runs",
        args.source.display(),
        sources.len(),
        rayon::current_num_threads(),
        args.reps
    );
    for &n in &args.sizes {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let (files, bytes) = build_corpus(tmp.path(), &sources, n);
        println!(
            "\nN = {n}: {} files, {:.1} MB, in {}",
            files.len(),
            bytes as f64 / 1e6,
            tmp.path().display()
        );
        if args.build_only {
            let _ = tmp.keep();
            continue;
        }
        let mut variants = vec![
            Timed::new("parse-only", Variant::Parse),
            Timed::new("document model", Variant::Document),
            Timed::new(
                "check (default rules)",
                Variant::Check(Box::new(Linter::new(defaults()))),
            ),
        ];
        let mut without = defaults();
        without.rules.retain(|r| r.meta.kind != "duplicates");
        variants.push(Timed::new(
            "check without duplicates",
            Variant::Check(Box::new(Linter::new(without))),
        ));
        if args.per_rule {
            for rule in &defaults().rules {
                let id = rule.meta.id.to_string();
                let mut set = defaults();
                set.rules.retain(|r| *r.meta.id == *id);
                variants.push(Timed::new(
                    format!("only {id}"),
                    Variant::Check(Box::new(Linter::new(set))),
                ));
            }
        }
        // A warm-up run of each, then the timed ones, rotating the order.
        for v in &mut variants {
            v.run(&files);
            v.times.clear();
        }
        for rep in 0..args.reps {
            let k = variants.len();
            for i in 0..k {
                variants[(i + rep) % k].run(&files);
            }
        }
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let base = median(&variants[0].times).as_secs_f64();
        let base_cpu = median(&variants[0].cpu).as_secs_f64();
        println!(
            "{:<34} {:>10} {:>7} {:>10} {:>7}",
            "variant", "wall", "ratio", "cpu", "ratio"
        );
        for v in &variants {
            let m = median(&v.times).as_secs_f64();
            let c = median(&v.cpu).as_secs_f64();
            println!(
                "{:<34} {:>8.1}ms {:>7.2} {:>8.1}ms {:>7.2}",
                v.name,
                m * 1e3,
                ratio(m, base),
                c * 1e3,
                ratio(c, base_cpu)
            );
        }
        if let Some(v) = variants.iter().find(|v| v.name == "check (default rules)") {
            let found: Vec<String> = v.found.iter().map(|(r, n)| format!("{r}: {n}")).collect();
            println!("diagnostics: {}", found.join(", "));
        }
        processes(&files, &args.source, args.reps);
        if args.keep {
            let kept = tmp.keep();
            println!("kept {}", kept.display());
        }
    }
    if let Some(mb) = peak_rss_mib() {
        println!("\npeak resident memory of this benchmark: {mb:.0} MiB");
    }
}

/// `bench --parse-only PATH...`: the parse-only baseline as a process, on
/// files and the Markdown files of folders.
fn parse_only_mode() -> Option<Vec<PathBuf>> {
    fn walk(path: PathBuf, out: &mut Vec<PathBuf>) {
        match fs::read_dir(&path) {
            Ok(entries) => {
                for e in entries.flatten() {
                    walk(e.path(), out);
                }
            }
            Err(_) if path.extension().is_some_and(|e| e == "md") => out.push(path),
            Err(_) => {}
        }
    }
    let mut args = std::env::args().skip(1);
    if args.next()? != "--parse-only" {
        return None;
    }
    let mut files = Vec::new();
    for a in args {
        walk(PathBuf::from(a), &mut files);
    }
    Some(files)
}

/// The release `repere` binary, built when missing.
fn repere_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the benchmark's own path");
    // target/release/examples/bench -> target/release/repere
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join(format!("repere{}", std::env::consts::EXE_SUFFIX)))
        .expect("the target folder");
    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "repere"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status();
    if !status.is_ok_and(|s| s.success()) || !bin.exists() {
        eprintln!("could not build {}", bin.display());
        std::process::exit(2);
    }
    bin
}

/// `bench --peak-rss PROGRAM ARGS...`: runs the program and prints its peak
/// resident memory in KiB. A child's peak counts what its parent held when
/// it was started, so the measure is taken from this small process, not
/// from the benchmark that holds the corpus.
fn peak_rss_mode() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != "--peak-rss" {
        return None;
    }
    let program = args.next()?;
    let child = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let (ok, kb) = wait(child);
    println!("{kb}");
    Some(if ok { 0 } else { 1 })
}

/// A process to time: its command line, its wall times, its peak memory.
struct Process {
    name: &'static str,
    program: PathBuf,
    args: Vec<std::ffi::OsString>,
    /// The folder it runs in.
    dir: PathBuf,
    /// Where `repere` keeps folder listings between runs.
    cache: PathBuf,
    times: Vec<Duration>,
    peak_kb: i64,
}

impl Process {
    fn new(name: &'static str, program: &Path, args: Vec<std::ffi::OsString>, dir: &Path) -> Self {
        Process {
            name,
            program: program.to_path_buf(),
            args,
            dir: dir.to_path_buf(),
            cache: PathBuf::new(),
            times: Vec::new(),
            peak_kb: 0,
        }
    }

    fn run(&mut self) {
        let start = Instant::now();
        let child = std::process::Command::new(&self.program)
            .args(&self.args)
            .current_dir(&self.dir)
            .env("REPERE_CACHE_DIR", &self.cache)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start the process");
        let (ok, _) = wait(child);
        self.times.push(start.elapsed());
        assert!(ok, "{} failed to run", self.name);
    }

    /// Runs it once more through `--peak-rss` for its peak memory.
    fn measure_memory(&mut self) {
        let me = std::env::current_exe().expect("the benchmark's own path");
        let out = std::process::Command::new(me)
            .arg("--peak-rss")
            .arg(&self.program)
            .args(&self.args)
            .current_dir(&self.dir)
            .env("REPERE_CACHE_DIR", &self.cache)
            .output()
            .expect("start the process");
        self.peak_kb = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
    }
}

/// Waits for a child; whether it ran (exit 0 or 1: findings are expected)
/// and its peak resident memory in KiB (0 where the system does not say).
#[cfg(unix)]
fn wait(child: std::process::Child) -> (bool, i64) {
    let mut status = 0;
    // SAFETY: rusage is plain data, and the pid is our own child, waited
    // for once (std's Child is not waited for afterwards).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let ok = pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1;
    (ok, usage.ru_maxrss)
}

#[cfg(not(unix))]
fn wait(mut child: std::process::Child) -> (bool, i64) {
    let ok = child.wait().is_ok_and(|s| matches!(s.code(), Some(0 | 1)));
    (ok, 0)
}

/// Times `repere check` as a process on the corpus and on one article,
/// each against a parse-only process on the same files; then the same inside
/// a site (the corpus under `site/content/posts/`, hard links to the same
/// files), where `repere check` also indexes the site's pages for the link
/// rules.
fn processes(files: &[PathBuf], source: &Path, reps: usize) {
    let Some(dir) = files
        .first()
        .and_then(|f| f.ancestors().find(|a| a.ends_with("posts")))
        .and_then(Path::parent)
    else {
        return;
    };
    let repere = repere_binary();
    let me = std::env::current_exe().expect("the benchmark's own path");
    let site = dir.join("site");
    link_site(dir, files, source, &site);
    // One article that links to other posts, as most do, all of which
    // exist (the first such).
    let texts: Vec<(&PathBuf, String)> = files
        .iter()
        .filter_map(|f| Some((f, fs::read_to_string(f).ok()?)))
        .collect();
    let slugs: std::collections::HashSet<String> =
        texts.iter().map(|(f, t)| slug_of(f, t)).collect();
    let chosen = texts.iter().find(|(_, t)| {
        let linked = post_links(t);
        !linked.is_empty() && linked.iter().all(|l| slugs.contains(l))
    });
    let first = chosen.map(|(f, _)| *f).or(files.first());
    let one = first
        .map(|f| f.strip_prefix(dir).unwrap_or(f).to_path_buf())
        .unwrap_or_default();
    println!("one article: {}", one.display());
    // The same with a link to a page that does not exist, in the site (out
    // of `content/posts/`): its "did you mean" needs every page's name.
    let missing = Path::new("content")
        .join("bench")
        .join("2025-01-01-lien-manquant.md");
    let text = match chosen {
        Some((_, text)) => Some(text.clone()),
        None => first.and_then(|f| fs::read_to_string(f).ok()),
    };
    if let Some(text) = text {
        place_text(
            &format!("{text}\nVoir [cette page](/posts/nexiste-pas/).\n"),
            &site.join(&missing),
        );
    }
    let check = |target: &Path| -> Vec<std::ffi::OsString> {
        let mut args: Vec<std::ffi::OsString> = ["check", "--no-config", "--format", "json"]
            .iter()
            .map(Into::into)
            .collect();
        args.push(target.into());
        args
    };
    let parse =
        |target: &Path| -> Vec<std::ffi::OsString> { vec!["--parse-only".into(), target.into()] };
    let in_site = Path::new("content")
        .join("posts")
        .join(one.components().skip(2).collect::<PathBuf>());
    // (process, the index of its parse-only baseline)
    let mut runs = [
        (
            Process::new(
                "parse-only process, all files",
                &me,
                parse(Path::new("posts")),
                dir,
            ),
            0,
        ),
        (
            Process::new(
                "repere check, all files",
                &repere,
                check(Path::new("posts")),
                dir,
            ),
            0,
        ),
        (
            Process::new("parse-only process, one article", &me, parse(&one), dir),
            2,
        ),
        (
            Process::new("repere check, one article", &repere, check(&one), dir),
            2,
        ),
        (
            Process::new(
                "repere check, all files in site",
                &repere,
                check(&Path::new("content").join("posts")),
                &site,
            ),
            0,
        ),
        (
            Process::new(
                "repere check, one article in site",
                &repere,
                check(&in_site),
                &site,
            ),
            2,
        ),
        (
            Process::new(
                "  the same, with a missing link",
                &repere,
                check(&missing),
                &site,
            ),
            2,
        ),
        (
            Process::new(
                "  the same, --no-cache",
                &repere,
                [check(&in_site), vec!["--no-cache".into()]].concat(),
                &site,
            ),
            2,
        ),
        (
            Process::new(
                "  the same, folder changed since",
                &repere,
                check(&in_site),
                &site,
            ),
            2,
        ),
    ];
    // Folder listings are kept in the corpus's folder, not the user's
    // cache; a folder changed in the last 2 s is not kept, so the site's
    // folders are left to settle first, as a pre-commit hook finds them.
    for (r, _) in &mut runs {
        r.cache = dir.join("cache");
    }
    std::thread::sleep(Duration::from_secs(3));
    // The last run's listing is kept before the folder changes (an article
    // saved by renaming a new file over it, or added), as a pre-commit hook
    // finds it after an author saved their article; then the folder settles
    // again for the others.
    let changed = runs.len() - 1;
    let before_change = dir.join("cache-before-change");
    runs[changed].0.cache = before_change.clone();
    runs[changed].0.run();
    let kept_before = kept_listings(&before_change);
    let marker = site.join("content").join("posts").join(".bench-change");
    fs::write(&marker, "").expect("change the site's folder");
    fs::remove_file(&marker).expect("change the site's folder");
    std::thread::sleep(Duration::from_secs(3));
    // One article is quick: more runs give a steadier median.
    let many = |r: &Process| r.name.contains("one article") || r.name.starts_with("  the same");
    for (r, _) in &mut runs {
        r.run();
        r.times.clear();
    }
    for rep in 0..reps * 6 {
        for i in 0..runs.len() {
            let k = (i + rep) % runs.len();
            let (r, _) = &mut runs[k];
            if rep < reps || many(r) {
                r.run();
            }
        }
    }
    for (r, _) in &mut runs {
        r.measure_memory();
    }
    println!(
        "{:<34} {:>10} {:>7} {:>10}",
        "process", "wall", "ratio", "peak RSS"
    );
    for (r, base) in &runs {
        let b = median(&runs[*base].0.times).as_secs_f64();
        let m = median(&r.times).as_secs_f64();
        println!(
            "{:<34} {:>8.1}ms {:>7.2} {:>6.0} MiB",
            r.name,
            m * 1e3,
            if b > 0.0 { m / b } else { 0.0 },
            r.peak_kb as f64 / 1024.0
        );
    }
    // What the last row measured: a listing kept before the folder changed,
    // read as it was (a folder under 1,000 entries is not kept: listed).
    let note = match (
        kept_before.is_empty(),
        kept_listings(&before_change) == kept_before,
    ) {
        (true, _) => "no listing kept (small folder): the folder was listed",
        (false, true) => "the listing kept before the change was read, not rewritten",
        (false, false) => "the listing kept before the change was rewritten",
    };
    println!("(folder changed since: {note})");
}

/// The listings kept in a cache folder, with their contents.
fn kept_listings(cache: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fs::read_dir(cache)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "listing"))
                .filter_map(|p| Some((p.clone(), fs::read(&p).ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// Makes `site/content/posts/`: hard links to the corpus's files (copies
/// where links cannot be made), so that the same articles form a site. When
/// the source folder is in a `content/` folder (a site's posts), the site
/// also gets the source site's other pages (its section pages, guides…),
/// which the articles link to.
fn link_site(dir: &Path, files: &[PathBuf], source: &Path, site: &Path) {
    let content = site.join("content");
    for f in files {
        // posts/c00042/<file>: one folder, as a site has its posts (the
        // copies' file names and slugs differ, so their addresses do too).
        let rel = f.strip_prefix(dir).unwrap_or(f);
        let inside: PathBuf = rel.components().skip(2).collect();
        place(f, &content.join("posts").join(inside));
    }
    let source = fs::canonicalize(source).unwrap_or_else(|_| source.to_path_buf());
    let Some(origin) = source.parent().filter(|p| p.ends_with("content")) else {
        return;
    };
    fn others(dir: &Path, skip: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p == skip {
                continue;
            }
            if p.is_dir() {
                others(&p, skip, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut pages = Vec::new();
    others(origin, &source, &mut pages);
    for p in pages {
        let rel = p.strip_prefix(origin).unwrap_or(&p);
        place(&p, &content.join(rel));
    }
}

/// The slug of an article, as the site index reads it: its front matter's
/// `slug`, else its file name without a leading date.
fn slug_of(path: &Path, text: &str) -> String {
    PageFront::of(text).slug.unwrap_or_else(|| {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        slug_from_file_name(stem).to_string()
    })
}

/// The slugs of the posts an article links to (`](/posts/<slug>/…)`).
fn post_links(text: &str) -> Vec<String> {
    text.match_indices("](/posts/")
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let end = rest.find([')', '/', '#', ' '])?;
            Some(rest[..end].to_string())
        })
        .collect()
}

/// Writes `text` at `to`, making its folder.
fn place_text(text: &str, to: &Path) {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).expect("create the site folder");
    }
    fs::write(to, text).expect("write into the site");
}

/// Links `to` to `from`, or copies it.
fn place(from: &Path, to: &Path) {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).expect("create the site folder");
    }
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).expect("copy a file into the site");
    }
}
