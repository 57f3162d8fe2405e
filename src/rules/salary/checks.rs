//! The checks of one article's figures.

use std::collections::HashMap;

use super::amount::{self, Amount, Currency, trim_number};
use super::extract::{Claim, Figure, cents, place_key, plus_gap, role_key};
use super::{Check, Settings};
use crate::diagnostic::Finding;
use crate::document::{Block, Document};
use crate::rules::Context;
use crate::span::Span;

/// Runs the checks `settings` enables on the figures of `doc`.
pub fn run(doc: &Document, figures: &[Figure], settings: &Settings, cx: &mut Context) {
    let on = |c: Check| settings.checks.contains(&c);
    if on(Check::Ranges) {
        ranges(figures, cx);
    }
    // Implausible figures (typos) are left out of the ladder: one wrong
    // digit is one finding.
    let mut doubtful = vec![false; figures.len()];
    if on(Check::Implausible) || on(Check::Ladder) {
        let mut found = Context::default();
        doubtful = implausible(figures, settings, &mut found);
        if on(Check::Implausible) {
            for f in found.findings {
                cx.report(f);
            }
        }
    }
    if on(Check::Mismatch) {
        mismatch(doc, figures, cx);
    }
    if on(Check::Experience) {
        experience(doc, figures, cx);
    }
    if on(Check::Ladder) {
        ladder(figures, &doubtful, cx);
    }
    if on(Check::Claims) {
        claims(figures, settings, cx);
    }
    if on(Check::Totals) {
        totals(doc, cx);
    }
}

fn line(doc: &Document, span: Span) -> usize {
    doc.location(span).line
}

/// The most places of the other figure a finding names and labels: an
/// article that writes one figure a thousand times gets findings of a
/// size that does not grow with it.
const MAX_PLACES: usize = 5;

/// `line 43`, `lines 43 and 55`, `lines 12, 43 and 55`; past
/// [`MAX_PLACES`], `lines 1, 3, 5, 7, 9 and 120 more`.
fn lines(mut ls: Vec<usize>) -> String {
    ls.sort_unstable();
    ls.dedup();
    let more = ls.len().saturating_sub(MAX_PLACES);
    ls.truncate(MAX_PLACES);
    let joined = |ls: &[usize]| {
        ls.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match ls.as_slice() {
        [] => String::new(),
        [one] => format!("line {one}"),
        _ if more > 0 => format!("lines {} and {more} more", joined(&ls)),
        [init @ .., last] => format!("lines {} and {last}", joined(init)),
    }
}

fn pct(v: f64) -> String {
    let r = v.round();
    if r == 0.0 {
        "0%".into()
    } else {
        format!("{r:+}%")
    }
}

/// A range whose low end is above its high end.
fn ranges(figures: &[Figure], cx: &mut Context) {
    // A change that goes down (`baisse de 50k€ à 40k€`) is no range.
    for f in figures
        .iter()
        .filter(|f| f.is_range && f.low > f.high && !f.is_change())
    {
        let low = amount::format_money(f.low, f.low, f.currency, f.thousands);
        let high = amount::format_money(f.high, f.high, f.currency, f.thousands);
        let fixed = amount::format_money(f.high, f.low, f.currency, f.thousands);
        cx.report(
            Finding::new(
                f.span,
                format!(
                    "the range `{}` goes down: its low end {low} is above its high end {high}",
                    f.text
                ),
            )
            .help(format!(
                "write the low end first (`{fixed}`), or correct the figure that is wrong"
            )),
        );
    }
}

/// A salary figure out of the bounds of a yearly (or monthly) salary, or
/// far from the other salary figures of the article.
/// Returns which figures were found implausible.
fn implausible(figures: &[Figure], settings: &Settings, cx: &mut Context) -> Vec<bool> {
    let p = &settings.plausible;
    let mut flagged = vec![false; figures.len()];
    // Salary figures by currency and period, sorted by their middle: the
    // median of the others is read from it for each figure.
    let mut pools: HashMap<(Currency, bool), Vec<usize>> = HashMap::new();
    // The bounds of a salary, yearly or monthly.
    let bounds = |f: &Figure| {
        if f.yearly() {
            (p.min, p.max)
        } else {
            (p.min / 12.0, p.max / 12.0)
        }
    };
    // A quoted figure (someone's own case) is compared with no other, nor
    // is one out of the bounds, whose own finding says it is wrong: it
    // would move the median the others are weighed against.
    let within = |f: &Figure| {
        let (min, max) = bounds(f);
        f.low >= min && f.high <= max
    };
    // Nor is an apprentice's or an intern's pay, on another scale.
    for (i, f) in figures
        .iter()
        .enumerate()
        .filter(|(_, f)| f.compared() && within(f) && !f.is_trainee())
    {
        pools.entry((f.currency, f.yearly())).or_default().push(i);
    }
    let mut rank = vec![0usize; figures.len()];
    let mut sorted: HashMap<(Currency, bool), Vec<usize>> = HashMap::new();
    let mut by_block: HashMap<((Currency, bool), usize), Vec<usize>> = HashMap::new();
    for (key, members) in &pools {
        let mut order = members.clone();
        order.sort_by(|&a, &b| figures[a].mid().total_cmp(&figures[b].mid()));
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        sorted.insert(*key, order.clone());
        for &i in members {
            by_block
                .entry((*key, figures[i].block))
                .or_default()
                .push(i);
        }
    }
    for (i, f) in figures.iter().enumerate().filter(|(_, f)| f.salary) {
        let yearly = f.yearly();
        let (min, max) = bounds(f);
        let per = if yearly { "yearly" } else { "monthly" };
        // `k` forgotten: only when the figure with it is plausible
        // (`32-38€`, not `2 920 €`, a monthly salary).
        let hint = if f.thousands || f.low * 1_000.0 < min || f.high * 1_000.0 > max {
            String::new()
        } else {
            let k = amount::format_money(f.low * 1_000.0, f.high * 1_000.0, f.currency, true);
            format!("did you mean {k}? ")
        };
        // A net or gross figure with no period, too low for a year, is a
        // month's as French writes it (`2 920 € net`, `un SMIC à 1 802 €
        // brut`). A range from 0 (`0-45k€`, no fixed pay at first) is
        // written on purpose.
        let monthly = f.period.is_none()
            && f.basis.is_some()
            && f.low >= p.min / 12.0
            && f.high <= p.max / 12.0;
        let from_zero = f.is_range && f.low == 0.0 && f.high >= min;
        if f.low < min && !monthly && !from_zero {
            let bound = amount::format_money(min, min, f.currency, min >= 1_000.0);
            flagged[i] = true;
            cx.report(
                Finding::new(
                    f.span,
                    format!(
                        "`{}` is implausible for a {per} salary: below {bound}",
                        f.text
                    ),
                )
                .help(format!(
                    "{hint}if it is not a {per} salary, say so next to it (`/mois`, `/jour`, `TJM`, `budget`)"
                )),
            );
            continue;
        }
        if f.high > max {
            let bound = amount::format_money(max, max, f.currency, true);
            flagged[i] = true;
            cx.report(
                Finding::new(
                    f.span,
                    format!("`{}` is implausible for a {per} salary: above {bound}", f.text),
                )
                .help("check the figure for an extra digit; if it is not a salary, say what it is next to it (`budget`, `coût`, `CA`)"),
            );
            continue;
        }
        // Far from the other salary figures in the same currency and period
        // (not a quoted one, which is in no pool).
        if f.quoted || monthly || from_zero || f.is_trainee() {
            continue;
        }
        let key = (f.currency, yearly);
        let Some(order) = sorted.get(&key) else {
            continue;
        };
        // `f` is in its own pool, so `order` is not empty.
        let others = order.len() - 1;
        if others < 2 {
            continue;
        }
        // The figure at the median of the others, named in a label; of
        // an even count, the one of the two in the middle nearer to the
        // figure (`40k€` against `60k€` and `190k€` is compared with
        // `60k€`): a figure is far only when it is far from both.
        let at = |k: usize| if k < rank[i] { order[k] } else { order[k + 1] };
        let middles = if others % 2 == 1 {
            vec![at(others / 2)]
        } else {
            vec![at(others / 2 - 1), at(others / 2)]
        };
        let distance = |j: usize| {
            let m = figures[j].mid();
            if m > 0.0 && f.mid() > 0.0 {
                (f.mid() / m).ln().abs()
            } else {
                f64::INFINITY
            }
        };
        let Some(at_median) = middles
            .into_iter()
            .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
        else {
            continue;
        };
        let median = figures[at_median].mid();
        if median <= 0.0 {
            continue;
        }
        let ratio = f.mid() / median;
        if ratio < p.factor && ratio > 1.0 / p.factor {
            continue;
        }
        let median_text = amount::format_money(median, median, f.currency, f.thousands);
        let how = if ratio >= 1.0 {
            format!("{} times", trim_number((ratio * 10.0).round() / 10.0))
        } else {
            // A share reads plainer than a fraction (`1/4.3`).
            format!("{}% of", (ratio * 100.0).round().max(1.0))
        };
        let mut finding = Finding::new(
            f.span,
            format!(
                "`{}` is {how} the median of the article's other salary figures ({median_text})",
                f.text
            ),
        )
        .help("check the figure for an extra or a missing digit; if it is right (a role paid on another scale), keep it and say why in a suppression comment: `<!-- repere-disable-next-line salary-plausibility -- another scale -->`");
        // Labels: the other figures of its paragraph or list item, else one other.
        let mut near: Vec<usize> = by_block
            .get(&(key, f.block))
            .map(|v| v.iter().copied().filter(|&j| j != i).take(3).collect())
            .unwrap_or_default();
        if near.is_empty() {
            near.extend(
                pools
                    .get(&key)
                    .and_then(|v| v.iter().copied().find(|&j| j != i)),
            );
        }
        for j in near.into_iter().filter(|&j| j != at_median) {
            let g = &figures[j];
            let who = g.who();
            let text = if who.is_empty() {
                format!("another salary figure: {}", g.value())
            } else {
                format!("{who} is {}", g.value())
            };
            finding = finding.label(g.span, text);
        }
        let g = &figures[at_median];
        let who = g.who();
        let text = if who.is_empty() {
            format!("the median: {}", g.value())
        } else {
            format!("the median: {who} is {}", g.value())
        };
        finding = finding.label(g.span, text);
        flagged[i] = true;
        cx.report(finding);
    }
    flagged
}

/// What makes two salary figures the same figure: role, level, place, year,
/// qualifier, currency, period and basis.
type FigureKey = (
    String,
    String,
    Option<String>,
    Option<u16>,
    Option<String>,
    Currency,
    bool,
    Option<amount::Basis>,
);

pub fn figure_key(f: &Figure) -> Option<FigureKey> {
    let role = f.role.as_ref()?;
    let level = match (&f.level, &f.experience) {
        (Some(l), _) => l.name.clone(),
        // Without a level, an experience band is one (`0-2 ans`, `5+ ans`).
        (None, Some(e)) => format!("\u{0}{}-{}", cents(e.low), e.high.map_or(-1, cents)),
        // Without either, only a name written right before the figure.
        (None, None) if role.source == super::extract::Source::Figure => String::new(),
        (None, None) => return None,
    };
    Some((
        role.key.clone(),
        level,
        home_or(f.place.as_deref()),
        f.year,
        f.qualifier.as_ref().map(|q| q.to_lowercase()),
        f.currency,
        f.yearly(),
        gross_or(f),
    ))
}

/// A place as a key: a figure without one is taken for France, where the
/// blog's readers are, so that `en France` and no place compare.
pub fn home_or(place: Option<&str>) -> Option<String> {
    place.map(place_key).filter(|p| p != "france")
}

/// A basis as a key: a yearly French salary given without one is gross
/// (`brut`); a monthly one is as often net, and stays unknown.
pub fn gross_or(f: &Figure) -> Option<amount::Basis> {
    match f.basis {
        None if f.yearly() => Some(amount::Basis::Gross),
        basis => basis,
    }
}

/// Groups items by key, keeping the order in which keys are first seen.
fn group_by<K: std::hash::Hash + Eq, T: Copy>(
    items: impl IntoIterator<Item = (K, T)>,
) -> Vec<Vec<T>> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<Vec<T>> = Vec::new();
    for (k, t) in items {
        let i = *index.entry(k).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[i].push(t);
    }
    out
}

/// Splits `members` into classes of equal keys; returns the classes, the
/// most common first (the first seen on a tie).
fn classes<T: Copy, K: std::hash::Hash + Eq>(members: &[T], key: impl Fn(T) -> K) -> Vec<Vec<T>> {
    let mut out = group_by(members.iter().map(|&m| (key(m), m)));
    // Stable: on a tie the class seen first stays first.
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out
}

/// How far an approximate figure (`~66k€`, `environ 35k€`) may be from
/// another one and agree with it: 5% (as a total written `~`).
const APPROX_TOLERANCE: f64 = 0.05;

/// A figure as `mismatch` says it: `70-90k€`, `70k€+`, `up to 90k€`.
pub fn said(f: &Figure) -> String {
    if f.at_most {
        format!("up to {}", f.value())
    } else {
        f.value()
    }
}

/// Whether a figure is a bound: at least (`open`) or at most.
fn bound(f: &Figure) -> bool {
    f.open || f.at_most
}

/// What a figure says, as [`agree`] compares it: its value, whether it is
/// a bound either way, and whether it is approximate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Said {
    pub low: f64,
    pub high: f64,
    pub open: bool,
    pub at_most: bool,
    pub approx: bool,
}

impl From<&Figure> for Said {
    fn from(f: &Figure) -> Self {
        Said {
            low: f.low,
            high: f.high,
            open: f.open,
            at_most: f.at_most,
            approx: f.approx,
        }
    }
}

impl Said {
    fn value_key(&self) -> (i64, i64) {
        (cents(self.low), cents(self.high))
    }

    /// What makes two figures of one class in `mismatch` and across
    /// articles: the same value, said the same way.
    pub fn class_key(&self) -> ((i64, i64), bool, bool) {
        (self.value_key(), self.open, self.at_most)
    }
}

/// Whether two figures of the same role and level say the same: equal, a
/// single figure (not a bound) or a range inside the other's range (`50k€`
/// or `50-55k€` and `45-55k€`), or, when either is approximate, within [`APPROX_TOLERANCE`]
/// of each other: a single figure of the range widened by it (`environ
/// 35k€` and `36-42k€`), two ranges end to end (`~45-55k€` and `46-56k€`).
/// A bound agrees with a figure some of which is on its side (`au moins
/// 70k€` with `70-90k€`, `100k€` and `60-80k€`, not `55-65k€`; `jusqu'à
/// 90k€` with `70-90k€`) and with a bound the other
/// way that leaves room (`au moins 70k€`, `jusqu'à 90k€`); two bounds the
/// same way agree when they are equal.
pub fn agree(x: Said, y: Said) -> bool {
    let approx = x.approx || y.approx;
    let tol = |u: f64, v: f64| {
        if approx {
            APPROX_TOLERANCE * u.abs().max(v.abs())
        } else {
            0.0
        }
    };
    let close = |u: f64, v: f64| (u - v).abs() <= tol(u, v) + 1e-9;
    let at_or_above = |u: f64, floor: f64| u + tol(u, floor) + 1e-9 >= floor;
    match ((x.open, x.at_most), (y.open, y.at_most)) {
        // Two bounds the same way.
        ((true, _), (true, _)) => return close(x.low, y.low),
        ((_, true), (_, true)) => return close(x.high, y.high),
        // At least one, at most the other.
        ((true, _), (_, true)) => return at_or_above(y.high, x.low),
        ((_, true), (true, _)) => return at_or_above(x.high, y.low),
        // A bound and a figure: some of the figure on its side (`plus de
        // 60k€` and `55-70k€` do not contradict each other).
        ((true, _), _) => return at_or_above(y.high, x.low),
        (_, (true, _)) => return at_or_above(x.high, y.low),
        ((_, true), _) => return at_or_above(x.high, y.low),
        (_, (_, true)) => return at_or_above(y.high, x.low),
        _ => {}
    }
    if x.value_key() == y.value_key() {
        return true;
    }
    let point = |f: &Said| f.low == f.high;
    let inside = |p: &Said, r: &Said| {
        point(p)
            && r.low < r.high
            && r.low - tol(p.low, r.low) <= p.low + 1e-9
            && p.low <= r.high + tol(p.low, r.high) + 1e-9
    };
    if inside(&x, &y) || inside(&y, &x) {
        return true;
    }
    // A range strictly inside the other (`60-65k€` and `58-70k€`): the
    // narrower says where most of the wider one's salaries are. One that
    // shares an end (`70-82k€` and `68-82k€`) is a copy edited at the other.
    let within =
        |p: &Said, r: &Said| !point(p) && p.low < p.high && r.low < p.low && p.high < r.high;
    if within(&x, &y) || within(&y, &x) {
        return true;
    }
    // Two single figures, or two ranges that go up, end to end.
    approx
        && (point(&x) == point(&y))
        && (point(&x) || (x.low < x.high && y.low < y.high))
        && close(x.low, y.low)
        && close(x.high, y.high)
}

/// Whether one range lies inside the other, ends included (`44-48k€` in
/// `42-48k€`): sources that agree across articles.
pub fn nested(x: Said, y: Said) -> bool {
    let range = |s: &Said| s.low < s.high && !s.open && !s.at_most;
    let within = |p: &Said, r: &Said| r.low <= p.low && p.high <= r.high;
    range(&x) && range(&y) && (within(&x, &y) || within(&y, &x))
}

/// The same role and level with different figures.
fn mismatch(doc: &Document, figures: &[Figure], cx: &mut Context) {
    // A range written upside down is `ranges`' finding: what it means is
    // not known, so it is not compared as well.
    let keyed = figures
        .iter()
        .filter(|f| f.compared() && f.low <= f.high)
        .filter_map(|f| figure_key(f).map(|k| (k, f)));
    for group in group_by(keyed) {
        let cls = classes(&group, |f: &Figure| Said::from(f).class_key());
        let Some((reference, rest)) = cls.split_first() else {
            continue;
        };
        let first = reference[0];
        let where_ = lines(reference.iter().map(|g| line(doc, g.span)).collect());
        for class in rest {
            for &f in class {
                // One figure inside the other's range says the same
                // (`50k€` and `45-55k€`), as an approximate one near it and
                // a bound with a figure on its side.
                if agree(f.into(), first.into()) {
                    continue;
                }
                // A claim against a figure of its comparison says the two
                // differ on purpose (`à l'embauche 36k€, après un an 39k€
                // (+8 %)`): `claims` checks it instead.
                let claimed = |x: &Figure, y: &Figure| {
                    x.group == y.group && x.claim.as_ref().is_some_and(|c| c.versus.is_none())
                };
                if reference.iter().any(|g| claimed(f, g) || claimed(g, f)) {
                    continue;
                }
                // Two columns of one table are two measures (`| Salaire à
                // l'embauche | Salaire après 3 ans |`, `| Min | Max |`).
                let other_column = |g: &Figure| {
                    g.group == f.group
                        && g.column.is_some()
                        && f.column.is_some()
                        && g.column != f.column
                };
                if reference.iter().any(|g| other_column(g)) {
                    continue;
                }
                let who = f.who();
                let mut why = String::new();
                if f.approx || first.approx {
                    why.push_str("; an approximate figure agrees within 5%");
                }
                if bound(f) && bound(first) && f.open == first.open {
                    why.push_str("; two bounds the same way (at least, up to) agree when equal");
                } else if bound(f) || bound(first) {
                    why.push_str("; a bound (at least, up to) agrees with a figure some of which is on its side");
                }
                let mut finding = Finding::new(
                    f.span,
                    format!(
                        "{who} is {} here but {} at {where_}",
                        said(f),
                        said(first)
                    ),
                )
                .help(format!(
                    "give one figure for {who}, or say next to each what differs (place, year, company size){why}"
                ));
                for g in reference.iter().take(MAX_PLACES) {
                    finding = finding.label(g.span, format!("{who} is {} here", said(g)));
                }
                cx.report(finding);
            }
        }
    }
}

/// The same role and level with different experience bands.
fn experience(doc: &Document, figures: &[Figure], cx: &mut Context) {
    let keyed = figures.iter().filter(|f| f.compared()).filter_map(|f| {
        let role = f.role.as_ref()?;
        let level = f.level.as_ref()?;
        f.experience.as_ref()?;
        Some(((role.key.clone(), level.name.clone()), f))
    });
    for group in group_by(keyed) {
        // One entry per place the band is written.
        let mut seen: std::collections::HashSet<Span> = std::collections::HashSet::new();
        let group: Vec<&Figure> = group
            .into_iter()
            .filter(|f| seen.insert(f.experience.as_ref().map_or(f.span, |e| e.span)))
            .collect();
        let cls = classes(&group, |f: &Figure| {
            f.experience
                .as_ref()
                .map(|e| (cents(e.low), e.high.map(cents)))
        });
        let Some((reference, rest)) = cls.split_first() else {
            continue;
        };
        let Some(ref_band) = reference[0].experience.as_ref() else {
            continue;
        };
        let where_ = lines(
            reference
                .iter()
                .filter_map(|g| g.experience.as_ref())
                .map(|e| line(doc, e.span))
                .collect(),
        );
        for class in rest {
            for f in class {
                let Some(band) = f.experience.as_ref() else {
                    continue;
                };
                // A band inside the other (`5 à 8 ans` in `5+ ans`, `2-4
                // ans` in `0-10 ans`) says more, not something else; an open
                // band says its minimum, which the closed one must share
                // (`5-8 ans` is not `3+ ans`: 3 years are enough there).
                let inside = |a: &amount::Experience, b: &amount::Experience| {
                    a.high.is_some_and(|h| match b.high {
                        None => a.low == b.low,
                        Some(bh) => b.low <= a.low && h <= bh,
                    })
                };
                if inside(band, ref_band) || inside(ref_band, band) {
                    continue;
                }
                let who = f.who();
                let mut finding = Finding::new(
                    band.span,
                    format!(
                        "{who} is `{}` here but `{}` at {where_}",
                        band.text, ref_band.text
                    ),
                )
                .help(format!(
                    "give {who} one experience band throughout the article (e.g. `{}`), or say what differs",
                    ref_band.text
                ));
                if !band.span.cover(f.span).is_empty() && band.span != f.span {
                    finding = finding.label(f.span, format!("the {who} figure it applies to"));
                }
                for g in reference.iter().take(MAX_PLACES) {
                    if let Some(e) = &g.experience {
                        finding = finding.label(e.span, format!("{who} is `{}` here", e.text));
                    }
                }
                cx.report(finding);
            }
        }
    }
}

/// A higher level paid less than the level below it.
fn ladder(figures: &[Figure], doubtful: &[bool], cx: &mut Context) {
    let keyed = figures
        .iter()
        .zip(doubtful)
        // A range written upside down is `ranges`' finding, and no step of
        // the ladder: the levels around it are compared with each other.
        .filter(|(f, d)| f.compared() && f.level.is_some() && !**d && f.low <= f.high)
        .map(|(f, _)| {
            let series = match &f.role {
                Some(r) => r.key.clone(),
                None => format!("\u{0}{}", f.group),
            };
            (
                (
                    series,
                    home_or(f.place.as_deref()),
                    f.year,
                    f.qualifier.clone(),
                    f.currency,
                    f.yearly(),
                    gross_or(f),
                ),
                f,
            )
        });
    for group in group_by(keyed) {
        // The first figure of each rank, ranks in order.
        let mut by_rank: Vec<&Figure> = Vec::new();
        for f in group {
            let rank = f.level.as_ref().map_or(0, |l| l.rank);
            if !by_rank
                .iter()
                .any(|g| g.level.as_ref().map_or(0, |l| l.rank) == rank)
            {
                by_rank.push(f);
            }
        }
        by_rank.sort_by_key(|f| f.level.as_ref().map_or(0, |l| l.rank));
        for pair in by_rank.windows(2) {
            let (lower, higher) = (pair[0], pair[1]);
            if higher.low < lower.low && higher.high < lower.high {
                let (Some(lo), Some(hi)) = (&lower.level, &higher.level) else {
                    continue;
                };
                let role = higher
                    .role
                    .as_ref()
                    .map_or(String::new(), |r| format!("{} ", r.name));
                cx.report(
                    Finding::new(
                        higher.span,
                        format!(
                            "the ladder goes down: {role}{} is {}, below {} at {}",
                            hi.name,
                            higher.value(),
                            lo.name,
                            lower.value()
                        ),
                    )
                    .label(
                        lower.span,
                        format!("{role}{} is {}", lo.name, lower.value()),
                    )
                    .help(format!(
                        "check both figures: {} usually pays more than {}; if it does not here, keep them and say why in a suppression comment (`<!-- repere-disable-next-line salary-plausibility -- why -->`)",
                        hi.name, lo.name
                    )),
                );
            }
        }
    }
}

/// A percentage claim the figures contradict.
fn claims(figures: &[Figure], settings: &Settings, cx: &mut Context) {
    // A claim outside a quotation compares with no quoted figure; one in a
    // quotation (« passé de 45k€ à 60k€ (+33%) ») may.
    let bases = Baselines::new(figures, false);
    let quoted_bases = Baselines::new(figures, true);
    for (i, f) in figures.iter().enumerate() {
        // A change and its claim (`passe de 40k€ à 60k€ (+50 %)`): the
        // claim is the change's own, from its first figure to its second.
        if let Some(claim) = f.claim.as_ref().filter(|_| f.is_change() && f.low > 0.0) {
            change_claim(f, claim, settings.tolerance, cx);
            continue;
        }
        let Some(claim) = f.claim.as_ref().filter(|_| f.salary) else {
            continue;
        };
        let in_quote = figures.get(i).is_some_and(|f| f.quoted);
        // The percentages the figures give against a baseline (lowest and
        // highest of low to low, high to high and mid to mid).
        let computed = |base: &Figure| -> Option<(f64, f64)> {
            let (rf, rb) = (settings.rate(f.currency)?, settings.rate(base.currency)?);
            if f.yearly() != base.yearly() || base.low <= 0.0 || base.high <= 0.0 {
                return None;
            }
            let (fl, fh) = (f.low * rf, f.high * rf);
            let (bl, bh) = (base.low * rb, base.high * rb);
            let computed = [
                (fl / bl - 1.0) * 100.0,
                (fh / bh - 1.0) * 100.0,
                ((fl + fh) / (bl + bh) - 1.0) * 100.0,
            ];
            Some((
                computed.iter().copied().fold(f64::INFINITY, f64::min),
                computed.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            ))
        };
        let claim_high = if claim.at_least {
            f64::INFINITY
        } else {
            claim.high
        };
        let tol = settings.tolerance;
        let fits = |(cmin, cmax): (f64, f64)| claim_high + tol >= cmin && claim.low - tol <= cmax;
        // Every baseline the claim may mean: it is wrong only when it fits
        // none of them, and is said against the first.
        let candidates = (if in_quote { &quoted_bases } else { &bases }).of(figures, i);
        let mut compared = candidates
            .into_iter()
            .filter_map(|base| Some((base, computed(base)?)));
        let Some((base, (cmin, cmax))) = compared.next() else {
            continue;
        };
        if fits((cmin, cmax)) || compared.any(|(_, c)| fits(c)) {
            continue;
        }
        let is = if pct(cmin) == pct(cmax) {
            pct(cmin)
        } else {
            format!("{} to {}", pct(cmin), pct(cmax))
        };
        let write = if pct(cmin) == pct(cmax) {
            format!("write {}", pct(cmin))
        } else {
            format!("write a percentage from {} to {}", pct(cmin), pct(cmax))
        };
        let who = |g: &Figure, other: &Figure| {
            let name = g.who_against(other);
            if name.is_empty() {
                g.value()
            } else {
                format!("{name} {}", g.value())
            }
        };
        let rates = if f.currency != base.currency {
            " (at the rates of the rule's options)"
        } else {
            ""
        };
        cx.report(
            Finding::new(
                claim.span,
                format!(
                    "`{}` does not match the figures: {} against {} is {is}{rates}",
                    claim.text,
                    who(f, base),
                    who(base, f)
                ),
            )
            .label(f.span, "the figure the claim is about")
            .label(base.span, "the baseline it is compared with")
            .help(format!(
                "{write}, or correct the figures (low is compared to low, high to high and mid to mid, within {} points)",
                trim_number(tol)
            )),
        );
    }
}

/// A change's claim the change contradicts by more than `tol` points.
fn change_claim(f: &Figure, claim: &Claim, tol: f64, cx: &mut Context) {
    let change = (f.high / f.low - 1.0) * 100.0;
    let claim_high = if claim.at_least {
        f64::INFINITY
    } else {
        claim.high
    };
    if claim_high + tol >= change && claim.low - tol <= change {
        return;
    }
    cx.report(
        Finding::new(
            claim.span,
            format!(
                "`{}` does not match the change it follows: `{}` is {}",
                claim.text,
                f.text,
                pct(change)
            ),
        )
        .label(f.span, "the change")
        .help(format!(
            "write {}, or correct the figures (within {} points)",
            pct(change),
            trim_number(tol)
        )),
    );
}

/// The first figures of each kind a claim may compare with.
#[derive(Default)]
struct Firsts {
    first: Option<usize>,
    in_block: HashMap<usize, usize>,
}

impl Firsts {
    fn add(&mut self, i: usize, block: usize) {
        self.first.get_or_insert(i);
        self.in_block.entry(block).or_insert(i);
    }
}

/// What claims compare with, indexed once per article.
struct Baselines {
    /// Salary figures by role key and level (None: no level written).
    by_role_level: HashMap<(String, Option<String>), Firsts>,
    by_role: HashMap<String, Firsts>,
    /// The first salary figure without a claim of each comparison group.
    first_plain: HashMap<usize, usize>,
    /// The same, per column of a table (group, column).
    first_plain_in_column: HashMap<(usize, usize), usize>,
    /// Salary figures by place, folded, in order (for `vs Paris`).
    by_place: HashMap<String, Vec<usize>>,
    /// Whether quoted figures are baselines too.
    quoted: bool,
}

/// Whether a figure may be a baseline: one compared, or, with `quoted`,
/// any salary figure.
fn is_base(g: &Figure, quoted: bool) -> bool {
    if quoted { g.salary } else { g.compared() }
}

impl Baselines {
    /// Over the figures compared, and the quoted ones too with `quoted`.
    fn new(figures: &[Figure], quoted: bool) -> Self {
        let mut b = Baselines {
            by_role_level: HashMap::new(),
            by_role: HashMap::new(),
            first_plain: HashMap::new(),
            first_plain_in_column: HashMap::new(),
            by_place: HashMap::new(),
            quoted,
        };
        for (i, g) in figures
            .iter()
            .enumerate()
            .filter(|(_, g)| is_base(g, quoted))
        {
            if let Some(r) = &g.role {
                let level = g.level.as_ref().map(|l| l.name.clone());
                b.by_role_level
                    .entry((r.key.clone(), level))
                    .or_default()
                    .add(i, g.block);
                b.by_role.entry(r.key.clone()).or_default().add(i, g.block);
            }
            // `vs France` is also against a figure with no place (see
            // [`home_or`]), when nothing before it may say one it does not
            // name (`À l'étranger, … 80k€`).
            let place = match g.place.as_deref() {
                Some(place) => Some(place_key(place)),
                None => g.place_unsaid.then(|| "france".to_string()),
            };
            if let Some(place) = place {
                b.by_place.entry(place).or_default().push(i);
            }
            if g.claim.is_none() {
                b.first_plain.entry(g.group).or_insert(i);
                if let Some(column) = g.column {
                    b.first_plain_in_column
                        .entry((g.group, column))
                        .or_insert(i);
                }
            }
        }
        b
    }

    /// What the claim of figure `i` may compare with, the likeliest first:
    /// the figure it names (`vs développeur Full-Stack`: same level, or no
    /// level written; in the same paragraph first), else the first figure
    /// of its comparison (its paragraph, list or table) that has no claim;
    /// in a table, the first of its own column (`| Rôle | Junior | Senior
    /// |`: a Senior's claim against the first Senior) before it; and last
    /// the figure right before it there (a step of a ladder).
    fn of<'f>(&self, figures: &'f [Figure], i: usize) -> Vec<&'f Figure> {
        let Some(f) = figures.get(i) else {
            return Vec::new();
        };
        let Some(claim) = f.claim.as_ref() else {
            return Vec::new();
        };
        let in_column = f
            .column
            .and_then(|c| self.first_plain_in_column.get(&(f.group, c)).copied())
            .filter(|&j| j < i);
        let found = match &claim.versus {
            Some(versus) => {
                let key = role_key(versus);
                let sets: Vec<&Firsts> = match &f.level {
                    Some(l) => [Some(l.name.clone()), None]
                        .into_iter()
                        .filter_map(|level| self.by_role_level.get(&(key.clone(), level)))
                        .collect(),
                    None => self.by_role.get(&key).into_iter().collect(),
                };
                let in_block = sets
                    .iter()
                    .filter_map(|s| s.in_block.get(&f.block).copied())
                    .min();
                // `vs Junior`: the same role at that level (as the ladder
                // names it).
                let level = || {
                    let role = f.role.as_ref()?;
                    let firsts = self.by_role_level.get(&(
                        role.key.clone(),
                        Some(
                            figures
                                .iter()
                                .filter_map(|g| g.level.as_ref())
                                .find(|l| l.name.eq_ignore_ascii_case(versus.trim()))?
                                .name
                                .clone(),
                        ),
                    ))?;
                    firsts.in_block.get(&f.block).copied().or(firsts.first)
                };
                // `vs Développeur Mobile Junior`: a role and its level.
                let role_and_level = || {
                    let ws: Vec<&str> = versus.split_whitespace().collect();
                    let (last, name) = ws.split_last()?;
                    let named = figures
                        .iter()
                        .filter_map(|g| g.level.as_ref())
                        .find(|l| l.name.eq_ignore_ascii_case(last))?;
                    let firsts = self
                        .by_role_level
                        .get(&(role_key(&name.join(" ")), Some(named.name.clone())))?;
                    firsts.in_block.get(&f.block).copied().or(firsts.first)
                };
                // `vs Paris`: the figure of that place said of the same
                // role and level (and column, employer, year, gross or net,
                // period), in its comparison first. A figure with no role
                // written (`À Lyon, il gagne 59k€ (-11 % vs Paris)`) is the
                // sentence's subject's: only its own paragraph, list item or
                // row is searched, whatever the role there, then its list or
                // table.
                let place = || {
                    let level = |g: &Figure| {
                        g.level.as_ref().map(|l| &l.name) == f.level.as_ref().map(|l| &l.name)
                    };
                    let fits = |g: &Figure| {
                        g.qualifier == f.qualifier
                            && g.year == f.year
                            && gross_or(g) == gross_or(f)
                            && g.period == f.period
                            && (g.column == f.column || g.block == f.block)
                            && match &f.role {
                                Some(r) => {
                                    g.role.as_ref().is_some_and(|x| x.key == r.key) && level(g)
                                }
                                None => g.level.is_none() || f.level.is_none() || level(g),
                            }
                    };
                    let candidates = self.by_place.get(&place_key(versus.trim()))?;
                    let found = |scope: &dyn Fn(&Figure) -> bool| {
                        candidates.iter().copied().find(|&j| {
                            j != i && figures.get(j).is_some_and(|g| scope(g) && fits(g))
                        })
                    };
                    match f.role {
                        None => found(&|g| g.block == f.block)
                            .or_else(|| found(&|g| g.group == f.group)),
                        Some(_) => found(&|g| g.group == f.group).or_else(|| found(&|_| true)),
                    }
                };
                in_block
                    .or_else(|| sets.iter().filter_map(|s| s.first).min())
                    .or_else(level)
                    .or_else(role_and_level)
                    .or_else(place)
            }
            None => self.first_plain.get(&f.group).copied().filter(|&j| j < i),
        };
        // The figure right before it in its comparison (and column): a
        // ladder's step (`| Senior | 58-70k€ (+22 %) |` against the row
        // above).
        // Figures are in the text's order, so a comparison's are together:
        // the search stops where its group does.
        let previous = || {
            (0..i)
                .rev()
                .take_while(|&j| figures[j].group == f.group)
                .find(|&j| {
                    let g = &figures[j];
                    g.column == f.column && is_base(g, self.quoted)
                })
        };
        // When no figure of its column is plain (every one has a claim),
        // the claims compare along the rows: the figure of the cell before
        // it in its row (`| Data Engineer | 58k€ | 61k€ (+5 %) | 63k€
        // (+3 %) |`, a year or a level on).
        let same_row = || {
            f.column?;
            (0..i)
                .rev()
                .take_while(|&j| figures[j].block == f.block)
                .find(|&j| {
                    let g = &figures[j];
                    g.column.is_some() && is_base(g, self.quoted)
                })
        };
        // The first figure without a claim after it in its block: the
        // reference said last (`46k€ à Lyon (-12 %) et 44k€ à Marseille
        // (-15 %), contre 52k€ à Paris`, `56k€ à Toulouse (-15 %) par
        // rapport aux 65k€ parisiens`).
        let after = || {
            (i + 1..figures.len())
                .take_while(|&j| figures[j].block == f.block)
                .find(|&j| {
                    let g = &figures[j];
                    g.claim.is_none() && g.column == f.column && is_base(g, self.quoted)
                })
        };
        // Over a span of time (`62k€ à Paris (+3 %) et 52k€ à Lyon (+4 %)
        // sur un an`), a figure of the same level and year with a claim of
        // its own before it is another change over that time, not this
        // one's baseline. A ladder's step (another level) and the year
        // before (`60k€ en 2024 (+9 %), puis 63k€ en 2025 (+5 %) sur un
        // an`) still are.
        let other_level = |g: &Figure| g.level.is_some() && f.level.is_some() && g.level != f.level;
        let parallel = |g: &Figure| g.claim.is_some() && !other_level(g) && g.year == f.year;
        let previous = || {
            previous().filter(|&j| !claim.over_time || figures.get(j).is_none_or(|g| !parallel(g)))
        };
        // The nearest figure before it of its level with no claim, in its
        // comparison (a grid by level and city: `- **Senior**`, then Paris
        // 65k€, Lyon 55k€ (-15 %), Toulouse 52k€ (-20 %), after the Junior
        // ones); a hundred figures back at most. Named first when the first
        // figure of the comparison is of another level.
        let same_level = || {
            f.level.as_ref()?;
            (0..i)
                .rev()
                .take(100)
                .take_while(|&j| figures[j].group == f.group)
                .find(|&j| {
                    let g = &figures[j];
                    g.claim.is_none()
                        && g.level == f.level
                        && g.column == f.column
                        && is_base(g, self.quoted)
                })
        };
        // Over a span of time, the same figure said of an earlier year
        // before it (`En 2024, … 50k€ à Lyon. En 2025, … 52k€ à Lyon (+4 %)
        // sur un an`): the change's own baseline; a hundred figures back at
        // most.
        let earlier = || {
            let key = |g: &'f Figure| g.role.as_ref().map(|r| r.key.as_str());
            if !claim.over_time || (f.role.is_none() && f.place.is_none()) {
                return None;
            }
            (0..i).rev().take(100).find(|&j| {
                let g = &figures[j];
                // A year before: one written, against the article's
                // (none written), or an earlier one.
                let before = match (g.year, f.year) {
                    (Some(gy), Some(fy)) => gy < fy,
                    (Some(_), None) => true,
                    (None, _) => false,
                };
                before
                    && key(g) == key(f)
                    && g.level == f.level
                    && g.place == f.place
                    && g.qualifier == f.qualifier
                    && gross_or(g) == gross_or(f)
                    && g.period == f.period
                    && is_base(g, self.quoted)
            })
        };
        let mut out: Vec<&Figure> = Vec::new();
        let firsts = match claim.versus {
            Some(_) => vec![found],
            None => {
                // The nearest of its level is named first when the first
                // figure is of another level (the same twice is kept once).
                // The same figure of an earlier year, when the sentence
                // names a span of time, is the change's own baseline: named
                // first.
                let same = same_level();
                let level_first = found.is_some_and(|j| other_level(&figures[j]));
                vec![
                    earlier(),
                    in_column.or_else(same_row),
                    same.filter(|_| level_first),
                    found,
                    previous(),
                    after(),
                    same,
                ]
            }
        };
        for j in firsts.into_iter().flatten().filter(|&j| j != i) {
            if let Some(g) = figures.get(j)
                && !out.iter().any(|o| std::ptr::eq(*o, g))
            {
                out.push(g);
            }
        }
        out
    }
}

/// A stated total the parts do not add up to: `a + b + c = total`.
fn totals(doc: &Document, cx: &mut Context) {
    for block in &doc.body.blocks {
        let sum = block.text.contains('=');
        let restated = block.text.contains("soit") || block.text.contains("Soit");
        if !(sum || restated) || !super::extract::might_have_money(&block.text) {
            continue;
        }
        if sum {
            for sum in sums(block) {
                sum.check(block, cx);
            }
        }
        if restated {
            conversions(block, cx);
        }
    }
}

/// A figure per month restated per year after `soit` (`3 500 € brut par
/// mois, soit 42k€ par an`), or per year restated per month: a year is 12
/// months, or 13 with a thirteenth month, or the `sur N mois` the sentence
/// says. Both in one currency, neither net where the other is gross, both
/// one figure or both a range (each end compared).
fn conversions(block: &Block, cx: &mut Context) {
    let text = block.text.as_str();
    let found: Vec<Amount> = amount::amounts(text)
        .into_iter()
        .filter(|a| !block.touches_code(a.range.clone()) && !a.signed)
        .collect();
    // Where the sentences end, found once: each pair then looks up its own.
    let mut ends: Option<Vec<usize>> = None;
    for pair in found.windows(2) {
        let [first, then] = pair else { continue };
        let gap = text
            .get(first.range.end..then.range.start)
            .unwrap_or_default()
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ';'));
        if !gap.eq_ignore_ascii_case("soit") {
            continue;
        }
        // `soit 4 000 € par mois, soit 60k€ par an`: either, not the same.
        if either_or(&text[..first.range.start]) {
            continue;
        }
        let (monthly, yearly) = match (first.period, then.period) {
            (Some(amount::Period::Month), Some(amount::Period::Year)) => (first, then),
            (Some(amount::Period::Year), Some(amount::Period::Month)) => (then, first),
            _ => continue,
        };
        // Net against gross, or net against a figure that does not say
        // (which may be either), is another measure.
        let net = |a: &Amount| a.basis == Some(amount::Basis::Net);
        let bases_differ = first.basis != then.basis && (net(first) || net(then));
        if first.currency != then.currency
            || bases_differ
            || first.is_range != then.is_range
            || first.open
            || first.at_most
            || then.open
            || then.at_most
            || monthly.low <= 0.0
        {
            continue;
        }
        // The months the sentence counts, said near the pair, else 12 or
        // 13.
        let ends = ends.get_or_insert_with(|| {
            text.match_indices(['.', '!', '?', '\n'])
                .map(|(i, _)| i)
                .collect()
        });
        let k = ends.partition_point(|&e| e < first.range.start);
        let sentence_start = k.checked_sub(1).map_or(0, |j| ends[j] + 1);
        let sentence_end = ends
            .get(ends.partition_point(|&e| e < then.range.end))
            .copied()
            .unwrap_or(text.len());
        let from = floor_boundary(
            text,
            sentence_start.max(first.range.start.saturating_sub(NEAR)),
        );
        let to = floor_boundary(text, sentence_end.min(then.range.end + NEAR));
        let months = said_months(text.get(from..to).unwrap_or_default());
        let (fewest, most) = months.map_or((12.0, 13.0), |n| (n, n));
        let tol = if first.approx || then.approx {
            0.08
        } else {
            0.04
        };
        let fits = |m: f64, y: f64| y >= m * fewest * (1.0 - tol) && y <= m * most * (1.0 + tol);
        let (low_fits, high_fits) = (
            fits(monthly.low, yearly.low),
            fits(monthly.high, yearly.high),
        );
        if low_fits && high_fits {
            continue;
        }
        // The ratio of the end that does not fit.
        let ratio = if high_fits {
            yearly.low / monthly.low
        } else {
            yearly.high / monthly.high
        };
        let thousands = yearly.thousands;
        let expected = |n: f64| {
            amount::format_money(
                monthly.low * n,
                monthly.high * n,
                yearly.currency,
                thousands,
            )
        };
        let (months_said, expected_text) = match months {
            Some(n) => (
                format!("{n} months, as the sentence counts them"),
                expected(n),
            ),
            None => (
                "12 months, or 13 with a thirteenth month".to_string(),
                format!("{} to {}", expected(12.0), expected(13.0)),
            ),
        };
        let shown = |a: &Amount| text.get(a.range.clone()).unwrap_or_default().to_string();
        let ends_said = if monthly.is_range {
            if high_fits {
                "at its low end, "
            } else {
                "at its high end, "
            }
        } else {
            ""
        };
        let finding = Finding::new(
            block.source_span(then.range.clone()),
            format!(
                "`{}` is {ends_said}{} times `{}`; a year is {months_said}",
                shown(yearly),
                trim_number((ratio * 10.0).round() / 10.0),
                shown(monthly),
            ),
        )
        .label(block.source_span(first.range.clone()), "the figure restated")
        .help(format!(
            "correct one of the two: {} a month is {expected_text} a year; if one is net and the other gross, say so (`brut`, `net`)",
            amount::format_money(monthly.low, monthly.high, monthly.currency, monthly.thousands),
        ));
        cx.report(finding);
    }
}

/// How far from a restated pair the months it is counted on are looked
/// for (`sur 13 mois`), in bytes.
const NEAR: usize = 160;

/// `at`, or the character boundary of `text` just before it.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether the text before a figure ends with `soit` (its clause's first
/// word): `soit 4 000 € par mois, soit 60k€ par an` offers two figures.
fn either_or(before: &str) -> bool {
    let head = before.trim_end();
    let word_start = head.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    head[word_start..].eq_ignore_ascii_case("soit")
}

/// The months a year of pay is counted on, as `text` says it: `sur 13
/// mois`, `sur 14 mois` (12 to 16).
fn said_months(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let at = lower.find("sur ")?;
    let rest = lower[at + 4..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n: f64 = digits.parse().ok()?;
    let after = rest[digits.len()..].trim_start();
    ((12.0..=16.0).contains(&n) && after.starts_with("mois")).then_some(n)
}

struct Sum {
    parts: Vec<Amount>,
    total: Amount,
}

/// The sums written in a block: two or more amounts joined by `+`, then `=`
/// and an amount; nothing else in between (no `×`, `-`, `/`, number).
fn sums(block: &Block) -> Vec<Sum> {
    let text = block.text.as_str();
    let found: Vec<Amount> = amount::amounts(text)
        .into_iter()
        .filter(|a| !block.touches_code(a.range.clone()))
        .collect();
    let mut out = Vec::new();
    for t in 1..found.len() {
        let total = &found[t];
        let head = text[..total.range.start].trim_end();
        let Some(eq) = head.strip_suffix('=') else {
            continue;
        };
        let eq = eq.len();
        let last = &found[t - 1];
        if last.range.end > eq {
            continue;
        }
        let gap = &text[last.range.end..eq];
        if !gap
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, ')' | '\'' | '’'))
        {
            continue;
        }
        let mut first = t - 1;
        while first > 0
            && plus_gap(
                text.get(found[first - 1].range.end..found[first].range.start)
                    .unwrap_or(""),
            )
        {
            first -= 1;
        }
        if t - first < 2 {
            continue;
        }
        // Nothing that makes it another operation before or after.
        let before = text[..found[first].range.start].trim_end();
        let after = text[total.range.end..].trim_start();
        if before.ends_with(|c: char| "×*/÷-−+x".contains(c) || c.is_ascii_digit())
            || after.starts_with(|c: char| "×*/÷-−+".contains(c))
        {
            continue;
        }
        let parts = &found[first..t];
        if parts.iter().any(|p| {
            p.currency != total.currency || (p.period.is_some() && p.period != total.period)
        }) {
            continue;
        }
        out.push(Sum {
            parts: parts.to_vec(),
            total: total.clone(),
        });
    }
    out
}

impl Sum {
    fn check(&self, block: &Block, cx: &mut Context) {
        let t = &self.total;
        let low: f64 = self.parts.iter().map(|p| p.low).sum();
        let high: f64 = self.parts.iter().map(|p| p.high).sum();
        // Rounding: half the last digit written, at least 1%; 5% for `~`
        // (APPROX_TOLERANCE).
        let written = if t.thousands {
            t.high / 1_000.0
        } else {
            t.high
        };
        let decimals = trim_number(written).split('.').nth(1).map_or(0, str::len);
        let unit = 10f64.powi(-(decimals as i32)) * if t.thousands { 1_000.0 } else { 1.0 };
        let mut tol = (unit / 2.0).max(0.01 * t.high.abs());
        if t.approx {
            tol = tol.max(APPROX_TOLERANCE * t.high.abs());
        }
        if (low - t.low).abs() <= tol + 1e-9 && (high - t.high).abs() <= tol + 1e-9 {
            return;
        }
        let thousands = t.thousands || self.parts.iter().any(|p| p.thousands);
        let made = amount::format_money(low, high, t.currency, thousands);
        let stated = amount::format_money(t.low, t.high, t.currency, t.thousands);
        let gap = amount::format_money(
            (high - t.high).abs().max((low - t.low).abs()),
            (high - t.high).abs().max((low - t.low).abs()),
            t.currency,
            thousands,
        );
        let tol_text = amount::format_money(tol, tol, t.currency, thousands && tol >= 100.0);
        let span = block.source_span(t.range.clone());
        let mut finding = Finding::new(
            span,
            format!(
                "the parts add up to {made}, not {stated} (a gap of {gap})"
            ),
        )
        .help(format!(
            "correct the total or a part; a stated total may differ from its parts by rounding only (here ±{tol_text})"
        ));
        for p in &self.parts {
            let s = block.source_span(p.range.clone());
            finding = finding.label(s, "a part");
        }
        cx.report(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::salary::extract::extract;

    /// The findings of the `totals` check on an article's body.
    fn totals_of(body: &str) -> Vec<String> {
        let src = format!("---\ntitle: T\n---\n## Salaires\n\n{body}\n");
        let doc = Document::parse("2025-02-07-x.md", src);
        let mut cx = Context::default();
        totals(&doc, &mut cx);
        cx.findings.into_iter().map(|f| f.message).collect()
    }

    /// A figure per month restated per year after `soit` (or the reverse)
    /// is 12 to 13 times it, or the months the sentence says.
    #[test]
    fn a_month_restated_as_a_year_is_twelve_or_thirteen_of_it() {
        for fine in [
            "Il touche 3 500 € brut par mois, soit 42k€ brut par an.",
            "Il touche 3 500 € brut par mois, soit 45 500 € par an.",
            "Il touche 3 500 € par mois, soit 49k€ par an sur 14 mois.",
            "Il touche 60k€ par an (soit 5 000 € par mois).",
            "Il touche 4 000-4 500 € par mois, soit 48-54k€ par an.",
            "Il touche ~3 000 € par mois, soit ~40k€ par an.",
            // Net against gross, another currency, an open figure, a
            // range against one figure, no `soit`: not compared.
            "Il touche 2 700 € net par mois, soit 45k€ brut par an.",
            "Il touche 3 000 € par mois, soit 45k$ par an.",
            "Il touche 3 000 € par mois, soit 45k€+ par an.",
            "Il touche 3 000-3 500 € par mois, soit 45k€ par an.",
            "Il touche 3 000 € par mois, et 45k€ par an.",
            // A change is no restatement.
            "Il touche 3 000 € par mois, soit +45k€ par an.",
            // Either one or the other, not the same.
            "Deux offres : soit 4 000 € brut par mois, soit 60k€ brut par an.",
            // The months said before the figures.
            "Sur 14 mois, il touche 3 500 € brut par mois, soit 49k€ brut par an.",
            // Net against a figure that does not say which.
            "Il touche 2 500 € net par mois, soit 40k€ par an.",
        ] {
            assert_eq!(totals_of(fine), Vec::<String>::new(), "{fine}");
        }
        assert_eq!(
            totals_of("Il touche 3 000 € brut par mois, soit 45k€ par an."),
            [
                "`45k€ par an` is 15 times `3 000 € brut par mois`; a year is 12 months, or 13 with a thirteenth month"
            ]
        );
        assert_eq!(
            totals_of("Il touche 60k€ par an (soit 4 000 € par mois)."),
            [
                "`60k€ par an` is 15 times `4 000 € par mois`; a year is 12 months, or 13 with a thirteenth month"
            ]
        );
        assert_eq!(
            totals_of("Il touche 3 500 € par mois, soit 45 500 € par an sur 12 mois."),
            [
                "`45 500 € par an` is 13 times `3 500 € par mois`; a year is 12 months, as the sentence counts them"
            ]
        );
        // A range: the end that does not fit is the one said.
        assert_eq!(
            totals_of("Il touche 3 000-4 000 € brut par mois, soit 30-48k€ brut par an."),
            [
                "`30-48k€ brut par an` is at its low end, 10 times `3 000-4 000 € brut par mois`; a year is 12 months, or 13 with a thirteenth month"
            ]
        );
        assert_eq!(said_months("soit 45k€ sur 13 mois"), Some(13.0));
        assert_eq!(said_months("soit 45k€ sur 3 mois"), None);
        assert_eq!(said_months("soit 45k€ sur 13 jours"), None);
    }

    /// The mismatch findings of an article's body.
    fn mismatches(body: &str) -> Vec<String> {
        let src = format!("---\ntitle: T\ndate: 2025-02-07\n---\n### Ingénieur QA\n\n{body}\n");
        let doc = Document::parse("2025-02-07-x.md", src);
        let figures = extract(&doc);
        let mut cx = Context::default();
        mismatch(&doc, &figures, &mut cx);
        cx.findings.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_range_upside_down_is_not_compared_too() {
        assert_eq!(
            mismatches("Salaire Junior : 40-46k€.\n\nSalaire Junior : 55-45k€."),
            Vec::<String>::new()
        );
        assert_eq!(
            mismatches("Salaire Junior : 40-46k€.\n\nSalaire Junior : 50-55k€.").len(),
            1
        );
    }

    #[test]
    fn a_figure_with_a_claim_against_its_comparison_differs_on_purpose() {
        assert_eq!(
            mismatches(
                "**Ingénieur QA Junior** : salaire à l'embauche 36k€, salaire après un an 39k€ (+8 %)."
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            mismatches("- Salaire Junior d'arrivée : 44k€\n- Salaire Junior actuel : 51k€ (+16 %)"),
            Vec::<String>::new()
        );
        // Without a claim, or in another paragraph, they are compared
        // (unless what they measure differs: at hiring, after a year).
        assert_eq!(
            mismatches("**Ingénieur QA Junior** : salaire 36k€, salaire 39k€.").len(),
            1
        );
        assert_eq!(
            mismatches(
                "**Ingénieur QA Junior** : salaire à l'embauche 36k€, salaire après un an 39k€."
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            mismatches("Salaire Junior : 36k€.\n\nSalaire Junior : 39k€ (+8 %).").len(),
            1
        );
    }

    /// A claim `vs` a level is against the same role at that level.
    #[test]
    fn a_claim_against_a_level() {
        let claimed = |body: &str| {
            let src = format!("---\ntitle: T\ndate: 2025-02-07\n---\n{body}\n");
            let doc = Document::parse("2025-02-07-x.md", src);
            let figures = extract(&doc);
            let mut cx = Context::default();
            let settings = Settings {
                checks: Vec::new(),
                tolerance: 5.0,
                rates: HashMap::new(),
                plausible: super::super::Plausible::default(),
            };
            claims(&figures, &settings, &mut cx);
            cx.findings
                .into_iter()
                .map(|f| f.message)
                .collect::<Vec<_>>()
        };
        let wrong = claimed(
            "**Développeur Backend** : Salaires (Junior 40-46k€, Senior 58-70k€ (+20 % vs Junior)).",
        );
        assert_eq!(wrong.len(), 1, "{wrong:?}");
        assert!(wrong[0].contains("+45% to +52%"), "{wrong:?}");
        assert_eq!(
            claimed(
                "**Développeur Backend** : Salaires (Junior 40-46k€, Senior 58-70k€ (+50 % vs Junior))."
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn two_columns_of_a_table_are_two_measures() {
        assert_eq!(
            mismatches(
                "| Niveau | Salaire à l'embauche | Salaire après 3 ans |\n| --- | --- | --- |\n\
                 | Junior | 38-42k€ | 44-48k€ |\n| Senior | 58-70k€ | 65-75k€ |"
            ),
            Vec::<String>::new()
        );
        // One column against a paragraph is still compared.
        assert_eq!(
            mismatches(
                "| Niveau | Salaire |\n| --- | --- |\n| Junior | 38-42k€ |\n\n\
                 Un Ingénieur QA Junior touche 50k€."
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_range_inside_the_other_agrees() {
        for body in [
            "Salaire Senior : 58-70k€.\n\nUn Senior touche 60-65k€.",
            "Salaire Senior : 60-65k€.\n\nUn Senior touche 58-70k€.",
        ] {
            assert_eq!(mismatches(body), Vec::<String>::new(), "{body}");
        }
        // Overlapping is not inside, and a range that shares an end with
        // the other is a copy edited at its other end.
        for body in [
            "Salaire Senior : 58-70k€.\n\nUn Senior touche 65-75k€.",
            "Salaire Senior : 68-82k€.\n\nUn Senior touche 70-82k€.",
        ] {
            assert_eq!(mismatches(body).len(), 1, "{body}");
        }
    }

    #[test]
    fn an_approximate_figure_agrees_within_five_percent() {
        for body in [
            "Salaire Junior : 36-42k€.\n\nUn Junior touche environ 35k€.",
            "Salaire Junior : 36-42k€.\n\nUn Junior touche ~43k€.",
            "Salaire Senior : 55-65k€.\n\nUn Senior touche ~66k€.",
            "Salaire Senior : 60k€.\n\nUn Senior touche ≈ 62k€.",
            "Salaire Senior : ~45-55k€.\n\nSalaire Senior : 46-57k€.",
            "Salaire Senior : 55-65k€.\n\nUn Senior touche environ 66 000 €.",
        ] {
            assert_eq!(mismatches(body), Vec::<String>::new(), "{body}");
        }
        for body in [
            // Beyond 5%.
            "Salaire Junior : 36-42k€.\n\nUn Junior touche environ 33k€.",
            "Salaire Senior : 60k€.\n\nUn Senior touche ~64k€.",
            "Salaire Senior : ~45-55k€.\n\nSalaire Senior : 50-60k€.",
            // Nothing approximate: exact figures must agree exactly.
            "Salaire Junior : 36-42k€.\n\nUn Junior touche 35k€.",
            "Salaire Senior : 60k€.\n\nUn Senior touche 62k€.",
        ] {
            assert_eq!(mismatches(body).len(), 1, "{body}: {:?}", mismatches(body));
        }
    }

    #[test]
    fn a_bound_agrees_with_the_figures_on_its_side() {
        for body in [
            "Salaire Senior : 70-90k€.\n\nUn Ingénieur QA Senior gagne au moins 70k€.\n\n\
             Un Ingénieur QA Senior gagne 70k€ minimum.\n\n\
             Un Ingénieur QA Senior peut gagner jusqu'à 90k€.",
            "Salaire Senior : 70-90k€.\n\nUn Senior gagne plus de 70k€, parfois 75k€ ou 100k€.",
            "Salaire Senior : 75k€.\n\nUn Senior gagne à partir de 70k€.",
            "Salaire Senior : 70-90k€.\n\nUn Senior ne gagne jamais moins de 70k€.",
            "Salaire Senior : 70-90k€.\n\nUn Senior gagne moins de 90k€, 90k€ maximum.",
            "Salaire Senior : 70k€+.\n\nUn Senior gagne 80k€.",
            // Bounds the other way that leave room.
            "Un Senior gagne au moins 70k€.\n\nUn Senior gagne jusqu'à 90k€.",
            // An approximate figure on the side of a bound, within 5%.
            "Un Senior gagne au moins 70k€.\n\nUn Senior gagne environ 68k€.",
            // A range some of which is on the bound's side.
            "Salaire Senior : 60-80k€.\n\nUn Senior gagne au moins 70k€.",
            "Salaire Senior : 55-70k€.\n\nLes Seniors gagnent souvent plus de 60k€.",
            "Salaire Junior : 38-48k€.\n\nUn Junior peut toucher jusqu'à 45k€.",
        ] {
            assert_eq!(mismatches(body), Vec::<String>::new(), "{body}");
        }
        for (body, message) in [
            (
                "Salaire Senior : 55-65k€.\n\nUn Senior gagne au moins 70k€.",
                "Ingénieur QA Senior is 70k€+ here but 55-65k€ at line 7",
            ),
            (
                "Salaire Junior : 46-50k€.\n\nUn Junior touche jusqu'à 45k€.",
                "Ingénieur QA Junior is up to 45k€ here but 46-50k€ at line 7",
            ),
            (
                "Salaire Senior : 95k€.\n\nUn Senior gagne jusqu'à 90k€.",
                "Ingénieur QA Senior is up to 90k€ here but 95k€ at line 7",
            ),
            (
                "Un Senior gagne plus de 70k€.\n\nUn Senior gagne moins de 60k€.",
                "Ingénieur QA Senior is up to 60k€ here but 70k€+ at line 7",
            ),
            (
                "Salaire Senior : 58k€+.\n\nSalaire Senior : 60k€+.",
                "Ingénieur QA Senior is 60k€+ here but 58k€+ at line 7",
            ),
        ] {
            assert_eq!(mismatches(body), [message], "{body}");
        }
    }
}
