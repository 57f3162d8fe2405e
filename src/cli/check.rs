//! `repere check`: walk the paths, read and check files in parallel, report.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use repere::baseline::Baseline;
use repere::config::{FailOn as ConfigFailOn, relative, relative_up};
use repere::diagnostic::quoted_list;
use repere::engine::{FileResult, Linter, Report};
use repere::fix;
use repere::report::{self, Format};

use super::args::{CheckArgs, Color, FailOn, OutputFormat};
use super::listing_cache::ListingCache;
pub(crate) use super::walk::{Scope, walk};
use super::write::{write_atomic, write_if_unchanged};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, packs, site};

/// Files larger than this (bytes) are not checked unless the config raises it.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

fn read(linter: &Linter, path: &Path, max_size: u64) -> FileResult {
    match read_article(path, max_size) {
        Ok(bytes) => linter.check_bytes(path.to_path_buf(), bytes),
        Err(unread) => unread.reported(linter, path.to_path_buf()),
    }
}

/// The config's `max-file-size`, or the default.
pub(super) fn max_file_size(config: Option<&repere::config::Config>) -> u64 {
    config
        .and_then(|c| c.settings.max_file_size)
        .unwrap_or(MAX_FILE_SIZE)
}

/// The bytes of an article, or why they were not read: a folder, a FIFO, a
/// socket or a device is not read (it might never end), nor a file over
/// `max_size` bytes.
pub(super) fn read_article(path: &Path, max_size: u64) -> Result<Vec<u8>, Unread> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        // The walk saw it, but it is gone, or it is a link that leads nowhere
        // (or to itself).
        Err(e) => {
            let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            return Err(match e.kind() {
                _ if link => Unread::new(
                    format!("this symbolic link leads nowhere ({e}); it was not checked"),
                    "point the link at a file, or remove it",
                ),
                io::ErrorKind::NotFound => Unread::gone(),
                _ => Unread::cannot(e),
            });
        }
    };
    if meta.is_dir() {
        return Err(Unread::new(
            "this is a folder, not a file",
            "give the folder a name without `.md`, or exclude it",
        ));
    }
    if !meta.is_file() {
        // Reading a FIFO would wait for a writer; a device may never end.
        return Err(Unread::new(
            "this is not a regular file (a FIFO, socket or device); it was not read",
            "check regular files only, or exclude this one",
        ));
    }
    if meta.len() > max_size {
        return Err(too_large(Some(meta.len()), max_size));
    }
    match read_regular(path, max_size) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(too_large(None, max_size)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Unread::gone()),
        Err(e) => Err(Unread::cannot(e)),
    }
}

/// The help of a file that could not be read, for no reason more precise.
pub(super) const READ_HELP: &str = "check that the file exists and can be read";

/// Why a file was not read, and what to do about it.
#[derive(Debug, Clone)]
pub(super) struct Unread {
    pub message: String,
    pub help: &'static str,
    /// What could not be read is a folder, not a file checked.
    pub folder: bool,
}

impl Unread {
    pub(super) fn new(message: impl Into<String>, help: &'static str) -> Unread {
        Unread {
            message: message.into(),
            help,
            folder: false,
        }
    }

    /// A folder whose files could not be listed.
    pub(super) fn of_folder(message: impl Into<String>, help: &'static str) -> Unread {
        Unread {
            folder: true,
            ..Unread::new(message, help)
        }
    }

    fn gone() -> Unread {
        Unread::new("the file disappeared before it could be read", READ_HELP)
    }

    fn cannot(e: io::Error) -> Unread {
        Unread::new(format!("cannot read the file: {e}"), READ_HELP)
    }

    /// The `read-error` finding that says so.
    pub fn reported(self, linter: &Linter, path: PathBuf) -> FileResult {
        linter.read_error(path, self.message, self.help)
    }
}

impl From<Unread> for String {
    fn from(unread: Unread) -> String {
        unread.message
    }
}

/// A file over the size limit (`size` when known).
pub(super) fn too_large(size: Option<u64>, max_size: u64) -> Unread {
    let size = size.map_or_else(String::new, |n| format!("{n} bytes, "));
    Unread::new(
        format!("the file is {size}over the {max_size}-byte limit; it was not checked"),
        "raise `max-file-size` in repere.toml to check it, or exclude it",
    )
}

/// Reads a file that was a regular file when looked at, without ever
/// blocking (it may have been replaced by a FIFO since) and without reading
/// more than `max_size` bytes (it may have grown since). `None`: too large.
fn read_regular(path: &Path, max_size: u64) -> io::Result<Option<Vec<u8>>> {
    let (file, meta) = open_regular(path).map_err(|e| match e.kind() {
        io::ErrorKind::InvalidInput => io::Error::other("the file was replaced by something else"),
        _ => e,
    })?;
    read_at_most(file, meta.len(), max_size)
}

/// Opens a regular file for reading, without ever blocking: a FIFO (which
/// would wait for a writer) or a device is refused (`InvalidInput`) once
/// open, whatever it was when looked at before.
pub(super) fn open_regular(path: &Path) -> io::Result<(fs::File, fs::Metadata)> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok((file, meta))
}

/// Reads at most `max_size` bytes; `None` when there are more.
fn read_at_most(reader: impl io::Read, hint: u64, max_size: u64) -> io::Result<Option<Vec<u8>>> {
    let capacity = usize::try_from(hint.min(max_size)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    let mut limited = io::Read::take(reader, max_size.saturating_add(1));
    io::Read::read_to_end(&mut limited, &mut bytes)?;
    Ok((bytes.len() as u64 <= max_size).then_some(bytes))
}

fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The folder a baseline's paths are relative to: the file's own.
fn baseline_dir(baseline: &Path) -> PathBuf {
    std::path::absolute(baseline)
        .unwrap_or_else(|_| baseline.to_path_buf())
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// A path as a key of a baseline of `version`, with `/`: relative to the
/// baseline file's folder, both with their links resolved (the same key
/// whatever the current folder or a link on the way), going up with `..`
/// for files outside it. Before version 3, a file outside that folder was
/// keyed by its path as given.
pub(crate) fn baseline_key(
    cwd: &Path,
    baseline: &Path,
    version: u32,
) -> Box<dyn Fn(&Path) -> String> {
    let dir = baseline_dir(baseline);
    let cwd = cwd.to_path_buf();
    let slashed = |p: PathBuf| p.to_string_lossy().replace('\\', "/");
    if version < 3 {
        return Box::new(move |p: &Path| slashed(relative(p, &cwd, &dir)));
    }
    let dir = fs::canonicalize(&dir).unwrap_or(dir);
    Box::new(move |p: &Path| {
        let absolute = cwd.join(p);
        // The file's folder resolved, not the file: a link keeps its name.
        let real = absolute
            .parent()
            .and_then(|d| fs::canonicalize(d).ok())
            .zip(absolute.file_name())
            .map_or_else(|| absolute.clone(), |(d, name)| d.join(name));
        slashed(relative_up(&real, &cwd, &dir))
    })
}

pub fn run(args: CheckArgs) -> Result<i32, String> {
    packs::set_color(args.color);
    let cwd = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
    if args.statistics
        && !matches!(
            args.format,
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
        )
    {
        return Err(
            "--statistics prints a table (--format human or concise) or JSON (--format json)"
                .into(),
        );
    }
    if args
        .select
        .iter()
        .chain(&args.ignore)
        .any(|s| s.trim().is_empty())
    {
        return Err(
            "an empty rule name in --select or --ignore (a comma too many?); rules are \
             separated by commas: `--select tone,markup`"
                .into(),
        );
    }
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
        OutputFormat::JsonLines => Format::JsonLines,
        OutputFormat::Github => Format::Github,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Junit => Format::Junit,
        OutputFormat::Gitlab => Format::Gitlab,
    };
    // An error in a pack or the config stops the run; a machine-readable
    // report says so too, rather than being left empty (or, with
    // --output-file, as the last run wrote it).
    let unwritten = std::cell::Cell::new(None);
    let setup_report = |errors: &[repere::pack::PackError]| {
        let cwd = std::env::current_dir().unwrap_or_default();
        let report = Report::of_setup_errors(errors, &cwd);
        unwritten.set(stopped_report(&report, format, &args).err());
    };
    let stopped = |e: String| match unwritten.take() {
        None => format!("{e}; nothing was checked"),
        Some(w) => format!("{e}; nothing was checked; {w}"),
    };
    let mut setup = packs::load(&args.packs, Some(&setup_report)).map_err(stopped)?;
    let unknown = setup.rules.select(&args.select, &args.ignore);
    // A site root without `content/` stops the run as an error in the file
    // that sets it does, when a rule that runs sets it.
    if unknown.is_empty()
        && let Some(e) = site::root_error(&setup.rules, setup.config.as_ref())
    {
        return Err(stopped(packs::stop(&[e], Some(&setup_report))));
    }
    if !unknown.is_empty() {
        // A slip for a rule id gets a "did you mean".
        let meant: Vec<String> = unknown
            .iter()
            .filter_map(|(_, meant)| Some(format!("`{}`", meant.as_ref()?)))
            .collect();
        let hint = if meant.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", meant.join(", "))
        };
        let names: Vec<String> = unknown.into_iter().map(|(s, _)| s).collect();
        return Err(format!(
            "no rule matches {}{hint} (see `repere rules`)",
            quoted_list(&names)
        ));
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        eprintln!(
            "warning: --unsafe-fixes applies no fix by itself: add --fix to apply them, or --diff to see them"
        );
    }
    // `--select` runs rules, it does not set their severity: say so when
    // what it names is off, rather than find nothing without a word.
    for (selector, id, origin) in setup.rules.idle(&args.select) {
        eprintln!(
            "warning: --select {selector}: `{id}` is off ({origin}), so nothing runs for it; \
             set its severity (e.g. `[severity] {id} = \"warning\"` in repere.toml) to run it"
        );
    }
    let config = setup.config.take();
    let scope = Scope::new(config.as_ref(), &cwd)?;
    let pack_roots = site::roots_from_packs(&setup.rules);
    let mut linter = Linter::new(setup.rules).with_bundles(site::leaf_bundles());
    linter.select_builtins(&args.select, &args.ignore);
    if let Some(c) = &config {
        linter.set_root(cwd.clone(), c.dir(), fs::canonicalize(c.dir()).ok());
    }
    let max_size = max_file_size(config.as_ref());
    // The text of a checked file whose text the report did not keep (the
    // reports and baselines quote it), read as the check read it: a FIFO or
    // a file over the limit, which the check did not read, is not read now.
    let reread =
        |p: &Path| -> Option<String> { String::from_utf8(read_article(p, max_size).ok()?).ok() };

    // `-` (or --stdin-filename) reads one article from standard input.
    let dash = args.paths.iter().any(|p| p.as_os_str() == "-");
    let stdin_name = args
        .stdin_filename
        .clone()
        .or_else(|| dash.then(|| PathBuf::from("stdin.md")));
    let mut paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    // No paths: the current folder, but with `--stdin-filename NAME` alone
    // only standard input (`.` given is walked).
    if args.paths.is_empty() && stdin_name.is_none() {
        paths.push(PathBuf::from("."));
    }
    if stdin_name.is_some() && args.fix {
        return Err("--fix cannot write to standard input; use --diff".into());
    }
    // A report reads the files again to show them, rather than holding every
    // text; fixes need the very text that was checked, and standard input
    // cannot be read twice.
    linter.keep_text(args.fix || args.diff || stdin_name.is_some());
    let stdin = match &stdin_name {
        Some(name) => {
            // Read whole even when not checked: the writer is not cut off.
            let bytes = read_at_most(io::stdin().lock(), 0, max_size)
                .map_err(|e| format!("reading standard input: {e}"))?;
            Some((name.clone(), bytes))
        }
        None => None,
    };
    // As a file named on the command line, the name the config's
    // `exclude` matches is not checked.
    let stdin = stdin.filter(|(name, _)| !scope.as_ref().is_some_and(|s| s.excluded(name)));
    // A path that does not exist stops the run (exit 2), written in the
    // report as the errors above are: all such paths at once.
    let unreachable = super::walk::unreachable(&paths);
    if !unreachable.is_empty() {
        let report = Report::of_unreachable_paths(&unreachable);
        unwritten.set(stopped_report(&report, format, &args).err());
        let said: Vec<&str> = unreachable.iter().map(|(_, why)| why.as_str()).collect();
        return Err(stopped(said.join("; ")));
    }
    // The baseline is read before any file is checked: one that cannot be
    // used stops the run, written in the report as a config error is
    // (rather than leaving an --output-file as the last run wrote it).
    // `--diff` and `--write-baseline` apply none.
    let applies = !args.diff && args.write_baseline.is_none();
    let configured = config
        .as_ref()
        .and_then(|c| Some(c.dir().join(c.settings.baseline.as_ref()?)))
        .filter(|_| applies && args.baseline.is_none());
    // A baseline the config names but nobody wrote yet hides nothing.
    let unwritten_baseline = configured.clone().filter(|p| !p.exists());
    let baseline_path = match &args.baseline {
        Some(path) => Some(path.clone()).filter(|_| applies),
        None => configured.filter(|p| p.exists()),
    };
    let baseline = match baseline_path {
        None => None,
        Some(path) => match load_baseline(&path) {
            Ok(loaded) => Some((path, loaded)),
            Err(e) => {
                // Written again only where `--write-baseline` may write.
                let help = if replaceable(&path, config.as_ref()).is_ok() {
                    "write it again with `--write-baseline`, or name another file"
                } else {
                    "name the baseline file: this one holds none this repere reads (a newer repere's, or another kind of file)"
                };
                let report = Report::of_unusable_baseline(&path, &e, help, false);
                unwritten.set(stopped_report(&report, format, &args).err());
                return Err(stopped(e));
            }
        },
    };
    // `--write-baseline` replaces a baseline and nothing else: a config, a
    // pack or an article named by a slip would be lost.
    if let Some(out) = &args.write_baseline
        && let Err(e) = replaceable(out, config.as_ref())
    {
        let help = "name a new file (or a baseline) for `--write-baseline`, or delete this one first if it is to go";
        let report = Report::of_unusable_baseline(out, &e, help, true);
        unwritten.set(stopped_report(&report, format, &args).err());
        return Err(stopped(e));
    }
    let mut walked = walk(&paths, scope.as_ref())?;
    // The text on standard input stands for the file of its name (an
    // editor's unsaved buffer): that file, walked in a folder given too
    // or named, is not checked as well, which would count it twice and
    // report it as a copy of itself.
    if let Some(name) = &stdin_name {
        let standing = SameFile::new(name, &cwd);
        walked.files.retain(|f| !standing.is(f));
        walked.errors.retain(|(f, _)| !standing.is(f));
    }
    // A CI job whose paths or `include` miss every article would pass
    // forever: say so (the run still succeeds, as there is nothing wrong
    // to report).
    if walked.files.is_empty() && walked.errors.is_empty() && stdin.is_none() {
        let named: Vec<String> = paths
            .iter()
            .chain(stdin_name.as_ref())
            .map(|p| format!("`{}`", p.display()))
            .collect();
        let filter = if scope.is_some() {
            ", through the config's `include` and `exclude`"
        } else {
            ""
        };
        let hold = if named.len() == 1 { "holds" } else { "hold" };
        // Files named, not folders: what left them out is said of them.
        let all_files = paths.iter().all(|p| p.is_file())
            && stdin_name
                .as_ref()
                .is_none_or(|n| paths.is_empty() || n.is_file());
        if all_files && scope.is_some() {
            let is = if named.len() == 1 { "is" } else { "are" };
            eprintln!(
                "warning: no file to check: {} {is} left out by the config's `include` and `exclude`",
                named.join(", ")
            );
        } else {
            eprintln!(
                "warning: no file to check: {} {hold} no Markdown file (`*.md`, `*.markdown`, not hidden or ignored){filter}",
                named.join(", ")
            );
        }
    }
    let files: Vec<PathBuf> = walked.files.into_iter().collect();
    // The files named on the command line (and standard input's name): a
    // note says when no rule applies to one of them.
    let named: std::collections::HashSet<PathBuf> = paths
        .iter()
        .filter(|p| !p.is_dir())
        .chain(stdin_name.as_ref())
        .cloned()
        .collect();
    let why = match (config.is_some(), args.select.is_empty()) {
        (true, true) => ", or the config,",
        (true, false) => ", the config or --select",
        (false, false) => " or --select",
        (false, true) => "",
    };
    let cache = if args.no_cache {
        None
    } else {
        ListingCache::from_env()
    };
    // An article read from standard input belongs to the site its name
    // places it in, as a file checked by its path does.
    let in_sites: Vec<PathBuf> = files
        .iter()
        .cloned()
        .chain(stdin.as_ref().map(|(name, _)| name.clone()))
        .collect();
    // The sites the files are in, read again after `--fix`.
    let with_sites = |mut linter: Linter| -> Result<Linter, String> {
        for s in site::find(&in_sites, &pack_roots, cache.as_ref())? {
            linter = linter.with_site(s);
        }
        Ok(linter)
    };
    linter = with_sites(linter)?;
    let check = |linter: &Linter| -> Result<Report, String> {
        let progress = Progress::new(files.len());
        let one = |p: &PathBuf| {
            let r = read(linter, p, max_size);
            progress.tick();
            r
        };
        // One file (a pre-commit hook's call) does not start the threads.
        let mut results: Vec<FileResult> = if files.len() > 1 {
            files.par_iter().map(one).collect()
        } else {
            files.iter().map(one).collect()
        };
        progress.done();
        for (path, unread) in &walked.errors {
            results.push(unread.clone().reported(linter, path.clone()));
        }
        if let Some((name, bytes)) = &stdin {
            results.push(match bytes {
                Some(bytes) => linter.check_bytes(name.clone(), bytes.clone()),
                None => too_large(None, max_size).reported(linter, name.clone()),
            });
        }
        let notes = unchecked_notes(&results, &named, why);
        let mut report = linter.finish(results);
        report.notes.extend(notes);
        report.folders = walked
            .errors
            .iter()
            .filter(|(_, u)| u.folder)
            .map(|(p, _)| p.clone())
            .collect();
        Ok(report)
    };
    let mut report = check(&linter)?;
    // What --fix could not write: said on stderr when the report does not,
    // and the run exits 2.
    let mut unwritten = Vec::new();
    let mut write_failed = false;
    if args.diff {
        return diff(&linter, &report, args.unsafe_fixes);
    }
    if args.fix {
        let (files, fixes, notes, failed) = fix_files(&linter, &report, args.unsafe_fixes);
        write_failed = failed > 0;
        // The sites' pages are read again: what is left is reported
        // against the fixed headings, not those of before.
        if fixes > 0 && linter.has_sites() {
            linter = with_sites(linter.without_sites())?;
        }
        report = check(&linter)?;
        unwritten.clone_from(&notes);
        report.notes.extend(notes);
        report
            .notes
            .push(format!("Fixed {fixes} finding(s) in {files} file(s)."));
    }

    if let Some(out) = &args.write_baseline {
        let key = baseline_key(&cwd, out, repere::baseline::VERSION);
        let mut baseline = Baseline::record(&report, &key, &reread);
        let n: usize = baseline.entries.iter().map(|e| e.count).sum();
        // What this run did not look for (other files, other rules) stays
        // as the baseline had it.
        let previous = read_baseline(out)
            .ok()
            .and_then(|t| Baseline::from_json(&t).ok());
        let mut kept = String::new();
        if let Some(old) = previous {
            let dir = baseline_dir(out);
            let dir = fs::canonicalize(&dir).unwrap_or(dir);
            let exists = |rel: &str| dir.join(rel).exists();
            if old.version == baseline.version {
                let k = baseline.keep_unchecked(&old, &report, &key, &exists);
                if k > 0 {
                    kept = format!(" and kept {k} of the files or rules this run did not check");
                }
            } else if !old.entries.is_empty() {
                kept = format!(
                    " (it replaces a baseline of version {} whole, whose entries cannot be mixed with these)",
                    old.version
                );
            }
        }
        let mut json = serde_json::to_vec_pretty(&baseline).map_err(|e| e.to_string())?;
        // A text file ends with a line break (git shows none as a change).
        json.push(b'\n');
        write_atomic(out, &json).map_err(|e| format!("writing `{}`: {e}", out.display()))?;
        // A status line, not a report: on stderr, so that stdout stays
        // empty (and a `--format json` reader is not fed plain text).
        if !args.quiet {
            eprintln!(
                "Wrote {n} finding(s) to the baseline `{}`{kept}.",
                out.display()
            );
        }
        // What --fix could not write is said, and fails the run, here too.
        for note in &unwritten {
            eprintln!("{note}");
        }
        return Ok(if write_failed { EXIT_ERROR } else { EXIT_OK });
    }
    if let Some(path) = &unwritten_baseline {
        report.notes.push(format!(
            "The baseline `{}` named in the config does not exist yet: nothing was hidden (write it with --write-baseline).",
            path.display()
        ));
    }
    if let Some((path, baseline)) = &baseline {
        apply_baseline(&mut report, path, baseline, &cwd, &reread);
    }

    let options = report::Options {
        color: use_color(args.color),
        quiet: args.quiet,
        source: &reread,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if args.statistics {
        let json = matches!(format, Format::Json);
        if let Some(file) = &args.output_file {
            report_file(file, |buf| statistics(&report, json, args.quiet, buf))?;
            statistics(&report, false, args.quiet, &mut out)
        } else {
            statistics(&report, json, args.quiet, &mut out)
        }
    } else if let Some(file) = &args.output_file {
        // `--color` is for the terminal: a report file has no colour codes.
        let plain = report::Options {
            color: false,
            ..options
        };
        report_file(file, |buf| format.reporter().write(&report, &plain, buf))?;
        Format::Human.reporter().write(&report, &options, &mut out)
    } else {
        format.reporter().write(&report, &options, &mut out)
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("writing the report: {e}"))?;
    // The notes (what a baseline hid, files --fix could not write) are in
    // the human and concise reports (unless -q) and in JSON; with the other
    // formats they go to stderr, those of --fix even with -q.
    let notes_shown = if args.output_file.is_some() {
        !args.quiet
    } else {
        match format {
            Format::Json => !args.statistics,
            Format::Human | Format::Concise => !args.quiet,
            _ => false,
        }
    };
    if !notes_shown {
        let notes = if args.quiet {
            &unwritten
        } else {
            &report.notes
        };
        for note in notes {
            eprintln!("{note}");
        }
    }

    let fail_on = match args.fail_on {
        Some(FailOn::Error) => ConfigFailOn::Error,
        Some(FailOn::Warning) => ConfigFailOn::Warning,
        Some(FailOn::Info) => ConfigFailOn::Info,
        Some(FailOn::Never) => ConfigFailOn::Never,
        None => config
            .as_ref()
            .and_then(|c| c.settings.fail_on)
            .unwrap_or(ConfigFailOn::Error),
    };
    let failed =
        matches!((fail_on.threshold(), report.max_severity()), (Some(t), Some(m)) if m >= t);
    // `--fail-on never` on the command line wins over the file's limit too
    // (a flag wins over the file); `--max-warnings` given with it still counts.
    let from_file = !matches!(args.fail_on, Some(FailOn::Never));
    let max_warnings = args.max_warnings.or(config
        .as_ref()
        .filter(|_| from_file)
        .and_then(|c| c.settings.max_warnings));
    let too_many = max_warnings.is_some_and(|max| report.counts().warnings > max);
    // Said even with -q: it is why the run fails.
    if too_many {
        // Where the limit was set: the flag, or the config's line.
        let origin = match (&args.max_warnings, &config) {
            (None, Some(c)) => {
                let line = c
                    .node(&["max-warnings"])
                    .map_or(String::new(), |n| format!(":{}", c.line(n.span)));
                format!("`max-warnings` in {}{line}", c.path.display())
            }
            _ => "--max-warnings".to_string(),
        };
        let warnings = report.counts().warnings;
        eprintln!(
            "{warnings} warning{}, more than the {} allowed ({origin})",
            if warnings == 1 { "" } else { "s" },
            max_warnings.unwrap_or(0)
        );
    }
    // The process exits next: freeing the compiled rules and the report
    // one allocation at a time would cost more than checking one article.
    std::mem::forget(linter);
    std::mem::forget(report);
    Ok(if write_failed {
        EXIT_ERROR
    } else if failed || too_many {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// The notes that make a silent pass visible: the files named on the
/// command line that no rule ran on, or every file when no rule ran on any
/// (a run from a folder no rule's `files` matches); a resource of a leaf
/// bundle is told apart, as no rule applies to it by design. A walk of a
/// site, whose section pages and other pages no rule applies to, says
/// nothing of them.
///
/// `why` names what may leave files out besides the rules' `files` and
/// `when` (the config's overrides, --select), as a list to append.
fn unchecked_notes(
    results: &[FileResult],
    named: &std::collections::HashSet<PathBuf>,
    why: &str,
) -> Vec<String> {
    let idle: Vec<&FileResult> = results.iter().filter(|r| r.no_rule_ran()).collect();
    let every = !idle.is_empty() && idle.len() == results.len();
    let said: Vec<&FileResult> = idle
        .into_iter()
        .filter(|r| every || named.contains(r.path.as_ref()))
        .collect();
    let (resources, others): (Vec<&FileResult>, Vec<&FileResult>) =
        said.into_iter().partition(|r| r.resource_of().is_some());
    let mut notes = Vec::new();
    if !others.is_empty() {
        let them = if others.len() == 1 { "it" } else { "them" };
        let names = listed(&others);
        let which = if every && others.len() == results.len() && others.len() > 1 {
            format!("any of the {} files checked ({names})", others.len())
        } else {
            names
        };
        notes.push(format!(
            "No rule applies to {which}: the rules' `files` and `when`{why} leave {them} \
             out, so nothing in {them} was checked."
        ));
    }
    if let [one] = resources.as_slice() {
        let bundle = one
            .resource_of()
            .and_then(Path::file_name)
            .map_or(String::new(), |n| format!(" `{}`", n.to_string_lossy()));
        notes.push(format!(
            "{} is a resource of the leaf bundle{bundle} (a folder with an `index.md`), not a \
             page: no rule applies to it.",
            listed(&resources)
        ));
    } else if !resources.is_empty() {
        notes.push(format!(
            "{} are resources of leaf bundles (folders with an `index.md`), not pages: no rule \
             applies to them.",
            listed(&resources)
        ));
    }
    notes
}

/// The paths of `files`, quoted, the first ten only.
fn listed(files: &[&FileResult]) -> String {
    const SHOWN: usize = 10;
    let names = quoted_list(files.iter().take(SHOWN).map(|r| r.path.display()));
    match files.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{names} and {more} more"),
        _ => names,
    }
}

/// A file, to tell which paths name it: the same path once absolute and
/// normalised (`content/a.md`, `./content/a.md`, `$PWD/content/a.md`), or,
/// on Unix, the same file on disk (a link to it, a folder reached through
/// a link).
struct SameFile {
    cwd: PathBuf,
    absolute: PathBuf,
    #[cfg(unix)]
    id: Option<(u64, u64)>,
}

impl SameFile {
    fn new(path: &Path, cwd: &Path) -> SameFile {
        SameFile {
            cwd: cwd.to_path_buf(),
            absolute: repere::config::normalize(&cwd.join(path)),
            #[cfg(unix)]
            id: super::walk::file_id(path),
        }
    }

    fn is(&self, other: &Path) -> bool {
        if repere::config::normalize(&self.cwd.join(other)) == self.absolute {
            return true;
        }
        #[cfg(unix)]
        if self.id.is_some() {
            return super::walk::file_id(other) == self.id;
        }
        false
    }
}

/// `--statistics`: findings per rule, most frequent first; as a table, or
/// as JSON (`{"statistics": [{"rule", "severity", "count"}], "summary"}`).
/// The table ends with the summary and the notes, as the human report
/// does, unless `quiet`.
fn statistics(report: &Report, json: bool, quiet: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> =
        std::collections::BTreeMap::new();
    for d in report.diagnostics() {
        *counts.entry((&d.rule, d.severity.as_str())).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if json {
        let value = serde_json::json!({
            "statistics": rows
                .iter()
                .map(|((rule, severity), n)| {
                    serde_json::json!({"rule": rule, "severity": severity, "count": n})
                })
                .collect::<Vec<_>>(),
            "summary": report::json::summary(report),
        });
        return writeln!(out, "{value:#}");
    }
    for ((rule, severity), n) in rows {
        writeln!(out, "{n:6}  {severity:7}  {rule}")?;
    }
    if !quiet {
        writeln!(out, "{}", report::summary(report))?;
        for note in &report.notes {
            writeln!(out, "{note}")?;
        }
    }
    Ok(())
}

/// A file counter on stderr, for long runs in a terminal (never in CI or when
/// stderr is not a terminal).
struct Progress {
    total: usize,
    done: std::sync::atomic::AtomicUsize,
    shown: bool,
}

impl Progress {
    const MIN_FILES: usize = 300;

    fn new(total: usize) -> Progress {
        let shown = total >= Self::MIN_FILES
            && io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        Progress {
            total,
            done: std::sync::atomic::AtomicUsize::new(0),
            shown,
        }
    }

    fn tick(&self) {
        if !self.shown {
            return;
        }
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if n.is_multiple_of(100) {
            eprint!("\rChecking files: {n}/{}", self.total);
        }
    }

    fn done(&self) {
        if self.shown {
            eprint!("\r{:40}\r", "");
        }
    }
}

/// A file as `--fix` would write it: (path, original text, fixed text,
/// fixes applied).
type FixedFile = (PathBuf, String, String, usize);

/// The fixes `--fix` would make to each file of the report that has some,
/// and a note for each file some of whose fixes did not settle (left out).
fn fixed_files(
    linter: &Linter,
    report: &Report,
    unsafe_fixes: bool,
    diff: bool,
) -> (Vec<FixedFile>, Vec<String>) {
    // `--diff` writes nothing: its note says what `--fix` would do.
    let (were, would) = if diff {
        ("would not be applied", "would be")
    } else {
        ("were not applied", "were")
    };
    let candidates: Vec<(&Path, &str)> = report
        .files
        .iter()
        .filter(|f| {
            f.diagnostics.iter().any(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|x| fix::applicable(x, unsafe_fixes))
            })
        })
        .filter_map(|f| Some((f.path.as_path(), f.source.as_deref()?)))
        .collect();
    let outcomes: Vec<(Option<FixedFile>, Option<String>)> = candidates
        .par_iter()
        .map(|(path, original)| {
            let fixed = fix::fix_source(linter, path, original.to_string(), unsafe_fixes);
            let note = (!fixed.left_out.is_empty()).then(|| {
                format!(
                    "`{}`: the fixes of {} {were}: they still changed it after {} \
                     passes (a fix that makes again what it fixes); the other fixes {would}. \
                     Fix these findings by hand.",
                    path.display(),
                    quoted_list(&fixed.left_out),
                    fix::MAX_PASSES
                )
            });
            let change = (fixed.text != *original).then(|| {
                (
                    path.to_path_buf(),
                    original.to_string(),
                    fixed.text,
                    fixed.applied,
                )
            });
            (change, note)
        })
        .collect();
    let (changes, notes): (Vec<_>, Vec<_>) = outcomes.into_iter().unzip();
    (
        changes.into_iter().flatten().collect(),
        notes.into_iter().flatten().collect(),
    )
}

/// How `--diff` names `path` after `a/` or `b/` (`prefix`), as `git diff`
/// does: relative to the current directory (as the CI formats name it), in
/// C-style quotes when it holds a quote, a backslash, a control character or
/// bytes that are not UTF-8 (written in octal), followed by a tab when it
/// holds a space (which GNU `patch` would otherwise take for the end of the
/// name). A file outside the current directory is named by its absolute
/// path, without the prefix (`patch -p0` applies it).
fn diff_name(path: &Path) -> impl Fn(&str) -> String {
    let repo = repere::report::repo_path(path);
    let outside = repo.is_absolute();
    let bytes: Vec<u8> = {
        #[cfg(unix)]
        {
            std::os::unix::ffi::OsStrExt::as_bytes(repo.as_os_str()).to_vec()
        }
        #[cfg(not(unix))]
        {
            repere::report::slash_path(&repo).into_bytes()
        }
    };
    move |prefix: &str| {
        let mut full = if outside {
            Vec::new()
        } else {
            prefix.as_bytes().to_vec()
        };
        full.extend_from_slice(&bytes);
        let plain = std::str::from_utf8(&full)
            .ok()
            .filter(|s| !s.contains(|c: char| c == '"' || c == '\\' || c.is_control()));
        match plain {
            Some(name) if name.contains(' ') => format!("{name}\t"),
            Some(name) => name.to_string(),
            None => {
                let valid = std::str::from_utf8(&full).is_ok();
                let mut quoted = String::from("\"");
                for chunk in full.utf8_chunks() {
                    for c in chunk.valid().chars() {
                        match c {
                            '"' => quoted.push_str("\\\""),
                            '\\' => quoted.push_str("\\\\"),
                            '\n' => quoted.push_str("\\n"),
                            '\t' => quoted.push_str("\\t"),
                            // As git writes them where a name is not UTF-8.
                            c if c.is_control() || !valid && !c.is_ascii() => {
                                let mut buf = [0u8; 4];
                                for b in c.encode_utf8(&mut buf).bytes() {
                                    quoted.push_str(&format!("\\{b:03o}"));
                                }
                            }
                            c => quoted.push(c),
                        }
                    }
                    for b in chunk.invalid() {
                        quoted.push_str(&format!("\\{b:03o}"));
                    }
                }
                quoted.push('"');
                quoted
            }
        }
    }
}

/// Writes a report to `file` (`--output-file`), atomically, once `write`
/// has made all of it.
fn report_file(
    file: &Path,
    write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
) -> Result<(), String> {
    let mut buf = Vec::new();
    write(&mut buf).map_err(|e| format!("writing the report: {e}"))?;
    write_atomic(file, &buf).map_err(|e| format!("writing `{}`: {e}", file.display()))
}

/// Writes the errors that stopped the run before any file was checked (in
/// a pack or the config, a path that does not exist) as a report in
/// `format`: to the `--output-file`, or to stdout for a machine-readable
/// format (the human and concise formats have the errors on stderr
/// already). `--statistics` writes nothing.
fn stopped_report(report: &Report, format: Format, args: &CheckArgs) -> Result<(), String> {
    if args.statistics {
        return Ok(());
    }
    // The human and concise reports' summary would count the pack as a
    // file checked: -q leaves it out.
    let options = report::Options {
        color: false,
        quiet: args.quiet || matches!(format, Format::Human | Format::Concise),
        source: &|_| None,
    };
    match &args.output_file {
        Some(file) => report_file(file, |buf| format.reporter().write(report, &options, buf)),
        None if matches!(format, Format::Human | Format::Concise) => Ok(()),
        None => {
            let mut out = io::stdout().lock();
            format
                .reporter()
                .write(report, &options, &mut out)
                .and_then(|()| out.flush())
                .map_err(|e| format!("writing the report: {e}"))
        }
    }
}

/// `--diff`: the unified diff of what `--fix` would change.
fn diff(linter: &Linter, report: &Report, unsafe_fixes: bool) -> Result<i32, String> {
    let (changes, notes) = fixed_files(linter, report, unsafe_fixes, true);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut fixes = 0;
    let mut lone_cr = false;
    for (path, original, fixed, n) in &changes {
        fixes += n;
        let name = diff_name(path);
        // A lone `\r` ends a line for repere but not for `git apply` and
        // `patch`, which read lines to `\n` only: the diff is of such lines
        // as they read them, so that it applies (said below). The diff
        // crate would end lines at a lone `\r` too: it reads them as a
        // character neither text holds, put back after.
        let has_lone_cr = |t: &str| repere::document::markdown::lone_cr_as_lf(t).is_some();
        let masked = (has_lone_cr(original) || has_lone_cr(fixed))
            .then(|| {
                ('\u{E000}'..='\u{F8FF}').find(|c| !original.contains(*c) && !fixed.contains(*c))
            })
            .flatten();
        lone_cr |= masked.is_some();
        let mask = |text: &str, with: char| {
            let bytes = text.as_bytes();
            text.char_indices()
                .map(|(i, c)| match c {
                    '\r' if bytes.get(i + 1) != Some(&b'\n') => with,
                    c => c,
                })
                .collect::<String>()
        };
        let (old, new) = match masked {
            Some(with) => (mask(original, with), mask(fixed, with)),
            None => (original.clone(), fixed.clone()),
        };
        let mut text = similar::TextDiff::from_lines(&old, &new)
            .unified_diff()
            .context_radius(3)
            .header(&name("a/"), &name("b/"))
            .to_string();
        if let Some(with) = masked {
            text = text.replace(with, "\r");
        }
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    for note in notes {
        eprintln!("{note}");
    }
    // Files that could not be read have nothing to fix, but they were not
    // checked either: name them, and fail as `repere check` would (their
    // diagnostic is an error), so that a gate on `--diff` does not pass a
    // file it never read.
    let mut unchecked = false;
    for d in report
        .diagnostics()
        .filter(|d| Linter::says_unchecked(&d.rule))
    {
        unchecked = true;
        eprintln!(
            "`{}` was not checked ({}): {}",
            d.path.display(),
            d.rule,
            d.message
        );
    }
    if lone_cr {
        eprintln!(
            "A file whose lines end with a lone CR (no LF) is one line to `git apply` and `patch`: its diff shows that line whole, so that it applies."
        );
    }
    eprintln!(
        "{fixes} fix(es) in {} file(s) would be applied by --fix{}.",
        changes.len(),
        if unsafe_fixes { " --unsafe-fixes" } else { "" }
    );
    Ok(if changes.is_empty() && !unchecked {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

/// `--fix`: writes the fixed files. Returns (files written, fixes applied,
/// notes, files that could not be written).
fn fix_files(
    linter: &Linter,
    report: &Report,
    unsafe_fixes: bool,
) -> (usize, usize, Vec<String>, usize) {
    let (changes, mut notes) = fixed_files(linter, report, unsafe_fixes, false);
    let (mut files, mut fixes, mut failed) = (0, 0, 0);
    // Two names of one file (hard links) were both checked: it is written
    // once, which fixes it under both (the second write would take the
    // first for someone else's change).
    #[cfg(unix)]
    let mut written: std::collections::HashMap<(u64, u64), PathBuf> =
        std::collections::HashMap::new();
    for (path, original, fixed, n) in changes {
        #[cfg(unix)]
        let id = {
            let id = super::walk::file_id(&path);
            if let Some(first) = id.and_then(|id| written.get(&id)) {
                notes.push(format!(
                    "`{}` is another name of `{}` (a hard link): fixed with it.",
                    path.display(),
                    first.display()
                ));
                continue;
            }
            id
        };
        match write_if_unchanged(&path, original.as_bytes(), fixed.as_bytes()) {
            Ok(true) => {
                files += 1;
                fixes += n;
                #[cfg(unix)]
                if let Some(id) = id {
                    written.insert(id, path.clone());
                }
            }
            Ok(false) => {
                failed += 1;
                notes.push(format!(
                    "`{}` changed on disk while repere was fixing it: it was not written.",
                    path.display()
                ));
            }
            Err(e) => {
                failed += 1;
                notes.push(format!("`{}` could not be written: {e}", path.display()));
            }
        }
    }
    (files, fixes, notes, failed)
}

/// A baseline's text, read as an article is (a FIFO is not read: it might
/// never end), whatever its size.
fn read_baseline(path: &Path) -> Result<String, String> {
    if let Err(e) = fs::symlink_metadata(path)
        && e.kind() == io::ErrorKind::NotFound
    {
        return Err("no such file (write one with `--write-baseline`)".into());
    }
    // `--baseline <(…)` is a pipe in /dev/fd: its paths, relative to its
    // folder, would name no checked file.
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Err("not a regular file (a pipe, socket or device): a baseline's paths are relative to its folder, so it must be a file saved beside the files it names".into());
    }
    String::from_utf8(read_article(path, u64::MAX).map_err(String::from)?)
        .map_err(|_| "not UTF-8".to_string())
}

/// Whether `--write-baseline` may write `path`: it does not exist, is
/// empty, holds a baseline this repere reads (which the new one replaces),
/// or is the config's `baseline` (one a merge left broken is written
/// again), unless it is the config itself. Anything else is left as it is.
fn replaceable(path: &Path, config: Option<&repere::config::Config>) -> Result<(), String> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(()); // nothing there (or what is there cannot be written anyway)
    }
    if let Some(config) = config
        && let Some(named) = &config.settings.baseline
    {
        let same = |a: &Path, b: &Path| matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b);
        if same(path, &config.dir().join(named)) && !same(path, &config.path) {
            return Ok(());
        }
    }
    let text = read_baseline(path).map_err(|e| format!("baseline `{}`: {e}", path.display()))?;
    if text.trim().is_empty() {
        return Ok(());
    }
    Baseline::from_json(&text).map(drop).map_err(|e| {
        format!(
            "`{}` {e}: `--write-baseline` replaces only a baseline this repere reads, so it was left as it is",
            path.display()
        )
    })
}

/// The baseline at `path`, read and parsed, or what makes it unusable.
fn load_baseline(path: &Path) -> Result<Baseline, String> {
    let text = read_baseline(path).map_err(|e| format!("baseline `{}`: {e}", path.display()))?;
    Baseline::from_json(&text).map_err(|e| format!("baseline `{}` {e}", path.display()))
}

fn apply_baseline(
    report: &mut Report,
    path: &Path,
    baseline: &Baseline,
    cwd: &Path,
    reread: &dyn Fn(&Path) -> Option<String>,
) {
    let outcome = baseline.apply(report, &baseline_key(cwd, path, baseline.version), reread);
    report.notes.push(format!(
        "{} finding(s) hidden by the baseline `{}`; {} baseline entr{} fixed.",
        outcome.hidden,
        path.display(),
        outcome.fixed,
        if outcome.fixed == 1 { "y" } else { "ies" }
    ));
}
