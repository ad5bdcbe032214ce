//! The allocation itself: greedy placement, then overload repair, then capability spread.

use std::collections::BTreeSet;

use super::{report, Allocation, Reason, Split, SplitInput, Warning, BALANCE_TOLERANCE};
use crate::Capability;

/// Working state: indexes into `input.questions` / `input.panelists`.
struct Board<'a> {
    input: &'a SplitInput,
    /// `held[q]`: panelists asking question `q`, with the reason and whether the lead fixed it there.
    held: Vec<Vec<(usize, Reason, bool)>>,
    load: Vec<u32>,
}

impl<'a> Board<'a> {
    fn new(input: &'a SplitInput) -> Self {
        Board {
            input,
            held: vec![Vec::new(); input.questions.len()],
            load: vec![0; input.panelists.len()],
        }
    }

    fn minutes(&self, q: usize) -> u32 {
        self.input.questions[q].minutes
    }

    fn slot(&self, p: usize) -> u32 {
        self.input.panelists[p].slot_minutes.max(1)
    }

    fn holds(&self, q: usize, p: usize) -> bool {
        self.held[q].iter().any(|(h, _, _)| *h == p)
    }

    fn may_ask(&self, q: usize, p: usize) -> bool {
        !self.input.panelists[p]
            .excluded
            .contains(&self.input.questions[q].id)
            && !self.holds(q, p)
    }

    fn ratio_with(&self, p: usize, extra: i64) -> f64 {
        (self.load[p] as i64 + extra) as f64 / self.slot(p) as f64
    }

    fn fits(&self, p: usize, extra: i64) -> bool {
        self.load[p] as i64 + extra <= self.slot(p) as i64
    }

    fn over(&self, p: usize) -> bool {
        self.load[p] > self.slot(p)
    }

    fn place(&mut self, q: usize, p: usize, reason: Reason, fixed: bool) {
        self.held[q].push((p, reason, fixed));
        self.load[p] += self.minutes(q);
    }

    fn remove(&mut self, q: usize, p: usize) -> Option<(Reason, bool)> {
        let at = self.held[q].iter().position(|(h, _, _)| *h == p)?;
        let (_, reason, fixed) = self.held[q].remove(at);
        self.load[p] -= self.minutes(q);
        Some((reason, fixed))
    }

    fn is_fixed(&self, q: usize, p: usize) -> bool {
        self.held[q].iter().any(|(h, _, fixed)| *h == p && *fixed)
    }

    /// Questions panelist `p` asks, in question order.
    fn questions_of(&self, p: usize) -> Vec<usize> {
        (0..self.held.len()).filter(|&q| self.holds(q, p)).collect()
    }

    fn capabilities_of(&self, p: usize) -> BTreeSet<Capability> {
        self.questions_of(p)
            .into_iter()
            .flat_map(|q| self.input.questions[q].capabilities.iter().copied())
            .collect()
    }

    fn focus_match(&self, q: usize, p: usize) -> Option<Capability> {
        let focus = &self.input.panelists[p].focus;
        self.input.questions[q]
            .capabilities
            .iter()
            .copied()
            .find(|c| focus.contains(c))
    }

    fn new_capability(&self, q: usize, p: usize) -> Option<Capability> {
        let have = self.capabilities_of(p);
        self.input.questions[q]
            .capabilities
            .iter()
            .copied()
            .find(|c| !have.contains(c))
    }
}

/// Splits the plan's questions across the panel. Same input, same output.
pub fn split(input: &SplitInput) -> Split {
    let mut board = Board::new(input);
    let mut warnings = Vec::new();
    place_fixed(&mut board, &mut warnings);
    place_greedily(&mut board);
    repair_overloads(&mut board);
    spread_capabilities(&mut board);

    // Each panelist asks their questions in plan order (questions are listed in plan order).
    let mut next_position = vec![0u32; input.panelists.len()];
    let mut allocations = Vec::new();
    for (q, holders) in board.held.iter().enumerate() {
        let mut holders = holders.clone();
        holders.sort_by_key(|(p, _, _)| *p);
        for (p, reason, fixed) in holders {
            allocations.push(Allocation {
                question_id: input.questions[q].id,
                panelist_id: input.panelists[p].id,
                position: next_position[p],
                fixed,
                reason,
            });
            next_position[p] += 1;
        }
    }
    let mut result = report::evaluate(input, allocations);
    warnings.append(&mut result.warnings);
    result.warnings = warnings;
    result
}

fn place_fixed(board: &mut Board, warnings: &mut Vec<Warning>) {
    let input = board.input;
    let mut fixed = input.fixed.clone();
    fixed.sort_by_key(|f| (f.question_id, f.panelist_id));
    fixed.dedup();
    for f in fixed {
        let q = input.questions.iter().position(|q| q.id == f.question_id);
        let p = input.panelists.iter().position(|p| p.id == f.panelist_id);
        match (q, p) {
            (Some(q), Some(p)) => board.place(q, p, Reason::Fixed, true),
            _ => warnings.push(Warning::FixedQuestionIgnored {
                question_id: f.question_id,
                panelist_id: f.panelist_id,
            }),
        }
    }
}

fn place_greedily(board: &mut Board) {
    let input = board.input;
    if input.panelists.is_empty() {
        return;
    }
    let coverage = usize::from(input.coverage.max(1));
    let eligible = |board: &Board, q: usize| {
        (0..input.panelists.len())
            .filter(|&p| board.may_ask(q, p))
            .count()
    };
    // Hardest first: fewest who may ask it; then questions someone is focused on, so focused
    // panelists get theirs before their slot fills with others; then the longest.
    let wanted_by_focus =
        |q: usize| (0..input.panelists.len()).any(|p| board.focus_match(q, p).is_some());
    let mut order: Vec<usize> = (0..input.questions.len()).collect();
    order.sort_by_key(|&q| {
        (
            eligible(board, q),
            !wanted_by_focus(q),
            std::cmp::Reverse(board.minutes(q)),
            input.questions[q].number,
        )
    });

    for q in order {
        while board.held[q].len() < coverage {
            let candidates: Vec<usize> = (0..input.panelists.len())
                .filter(|&p| board.may_ask(q, p))
                .collect();
            let Some(choice) = choose(board, q, &candidates) else {
                break;
            };
            board.place(q, choice.0, choice.1, false);
        }
    }
}

/// Picks the panelist for question `q` among `candidates`, with the reason.
fn choose(board: &Board, q: usize, candidates: &[usize]) -> Option<(usize, Reason)> {
    let minutes = i64::from(board.minutes(q));
    if candidates.len() == 1 {
        return Some((candidates[0], Reason::OnlyEligible));
    }
    let fitting: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&p| board.fits(p, minutes))
        .collect();
    if fitting.is_empty() {
        // Nobody has room: overload whoever ends up least over, proportionally.
        let p = *candidates.iter().min_by(|&&a, &&b| {
            board
                .ratio_with(a, minutes)
                .total_cmp(&board.ratio_with(b, minutes))
        })?;
        return Some((p, Reason::Overflow));
    }
    let best = fitting
        .iter()
        .map(|&p| board.ratio_with(p, minutes))
        .fold(f64::MAX, f64::min);
    let balanced: Vec<usize> = fitting
        .into_iter()
        .filter(|&p| board.ratio_with(p, minutes) <= best + BALANCE_TOLERANCE)
        .collect();
    let lowest = |set: &[usize]| {
        set.iter().copied().min_by(|&a, &b| {
            board
                .ratio_with(a, minutes)
                .total_cmp(&board.ratio_with(b, minutes))
        })
    };
    let focused: Vec<usize> = balanced
        .iter()
        .copied()
        .filter(|&p| board.focus_match(q, p).is_some())
        .collect();
    if let Some(p) = lowest(&focused) {
        return Some((p, Reason::Focus(board.focus_match(q, p)?)));
    }
    // Keep focused panelists' room for their own questions when someone else can take this one.
    let unfocused: Vec<usize> = balanced
        .iter()
        .copied()
        .filter(|&p| board.input.panelists[p].focus.is_empty())
        .collect();
    let balanced = if unfocused.is_empty() {
        balanced
    } else {
        unfocused
    };
    // A panelist with nothing yet gains a capability with anything; prefer the least loaded.
    // (Who would broaden is only worked out when it can matter: it rebuilds every candidate's
    // capabilities.)
    let p = lowest(&balanced)?;
    if board.load[p] > 0 {
        return Some((p, Reason::Balance));
    }
    let broadening: Vec<usize> = balanced
        .iter()
        .copied()
        .filter(|&p| !board.questions_of(p).is_empty() && board.new_capability(q, p).is_some())
        .collect();
    if broadening.is_empty() {
        return Some((p, Reason::Balance));
    }
    let p = lowest(&broadening)?;
    Some((p, Reason::Spread(board.new_capability(q, p)?)))
}

/// Moves or swaps unpinned questions off overloaded panelists while anyone has room.
fn repair_overloads(board: &mut Board) {
    let n = board.input.panelists.len();
    // Each successful step strictly lowers total overload, so this terminates; the cap is a guard.
    for _ in 0..(board.input.questions.len() * n * 2 + 1) {
        let Some(from) = (0..n).find(|&p| board.over(p)) else {
            return;
        };
        if !(move_one(board, from) || swap_one(board, from)) {
            // This panelist cannot be relieved; try the next overloaded one.
            let others: Vec<usize> = (from + 1..n).filter(|&p| board.over(p)).collect();
            if !others
                .into_iter()
                .any(|p| move_one(board, p) || swap_one(board, p))
            {
                return;
            }
        }
    }
}

fn move_one(board: &mut Board, from: usize) -> bool {
    let n = board.input.panelists.len();
    let mut mine = board.questions_of(from);
    mine.sort_by_key(|&q| std::cmp::Reverse(board.minutes(q)));
    for q in mine {
        if board.is_fixed(q, from) {
            continue;
        }
        let m = i64::from(board.minutes(q));
        let target = (0..n)
            .filter(|&p| p != from && board.may_ask(q, p) && board.fits(p, m))
            .min_by(|&a, &b| board.ratio_with(a, m).total_cmp(&board.ratio_with(b, m)));
        if let Some(to) = target {
            board.remove(q, from);
            board.place(q, to, Reason::Balance, false);
            return true;
        }
    }
    false
}

fn swap_one(board: &mut Board, from: usize) -> bool {
    let n = board.input.panelists.len();
    for q in board.questions_of(from) {
        if board.is_fixed(q, from) {
            continue;
        }
        let targets: Vec<usize> = (0..n)
            .filter(|&p| p != from && board.may_ask(q, p))
            .collect();
        for to in targets {
            for q2 in board.questions_of(to) {
                let (m, m2) = (i64::from(board.minutes(q)), i64::from(board.minutes(q2)));
                if m2 >= m || board.is_fixed(q2, to) || !board.may_ask(q2, from) {
                    continue;
                }
                if board.fits(to, m - m2) {
                    board.remove(q, from);
                    board.remove(q2, to);
                    board.place(q, to, Reason::Balance, false);
                    board.place(q2, from, Reason::Balance, false);
                    return true;
                }
            }
        }
    }
    false
}

/// Gives a second capability to panelists without a focus who probe only one, by swapping
/// questions of similar length with someone who can spare it. Never creates an overload.
fn spread_capabilities(board: &mut Board) {
    let n = board.input.panelists.len();
    for p in 0..n {
        if !board.input.panelists[p].focus.is_empty() || board.questions_of(p).len() < 2 {
            continue;
        }
        if board.capabilities_of(p).len() >= 2 {
            continue;
        }
        let _ = try_spread(board, p);
    }
}

fn try_spread(board: &mut Board, p: usize) -> Option<()> {
    let n = board.input.panelists.len();
    let mine = board.capabilities_of(p);
    for q in board.questions_of(p) {
        if board.is_fixed(q, p) {
            continue;
        }
        let others: Vec<usize> = (0..n).filter(|&o| o != p && board.may_ask(q, o)).collect();
        for other in others {
            for q2 in board.questions_of(other) {
                let caps2 = &board.input.questions[q2].capabilities;
                let Some(gain) = caps2.iter().copied().find(|c| !mine.contains(c)) else {
                    continue;
                };
                if board.is_fixed(q2, other) || !board.may_ask(q2, p) {
                    continue;
                }
                let delta = i64::from(board.minutes(q2)) - i64::from(board.minutes(q));
                // Similar length only, and both stay within their slots.
                if delta.abs() > 2 || !board.fits(p, delta) || !board.fits(other, -delta) {
                    continue;
                }
                // The other panelist must not fall to a single capability themselves.
                let (r1, _) = board.remove(q2, other)?;
                board.place(q, other, Reason::Balance, false);
                let other_ok = board.capabilities_of(other).len() >= 2
                    || !board.input.panelists[other].focus.is_empty();
                if other_ok {
                    board.remove(q, p)?;
                    board.place(q2, p, Reason::Spread(gain), false);
                    return Some(());
                }
                board.remove(q, other)?;
                board.place(q2, other, r1, false);
            }
        }
    }
    None
}
