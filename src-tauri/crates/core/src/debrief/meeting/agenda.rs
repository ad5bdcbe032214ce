//! The agenda and the speaking order, built mechanically from the debrief: pure, so the screen,
//! `panelctl debrief agenda` and the tests agree on every order and every second.

use super::{AddedItem, AgendaItem, AgendaKind, Seniority};
use crate::debrief::Debrief;
use crate::Capability;

/// The least time an item gets, in seconds, however small its weight.
pub const MIN_ITEM_SECONDS: u32 = 120;

/// The weight of an item that is not a disagreement (thin evidence, added): as much as a
/// one-point spread.
const OTHER_WEIGHT: f64 = 1.0;

/// The agenda proposed for `d`: disagreements (largest spread first; then more scores first;
/// then pack order), capabilities with thin evidence (fewest raters first; then most "not
/// asked"; then the pack's capability order), then `added` in the lead's order. Numbers from 1,
/// seconds split from `length_minutes` by [`allocate`].
pub fn propose_agenda(d: &Debrief, added: &[AddedItem], length_minutes: u32) -> Vec<AgendaItem> {
    let mut items: Vec<AgendaItem> = Vec::new();

    let mut disagreements: Vec<_> = d.questions.iter().filter(|q| q.disagreement).collect();
    let scored = |q: &crate::debrief::QuestionDebrief| {
        q.cells
            .iter()
            .filter(|c| c.submitted && c.score.is_some())
            .count()
    };
    disagreements.sort_by(|a, b| {
        b.spread
            .cmp(&a.spread)
            .then(scored(b).cmp(&scored(a)))
            .then(a.number.cmp(&b.number))
    });
    for q in disagreements {
        let spread = q.spread.unwrap_or(0);
        items.push(AgendaItem {
            kind: AgendaKind::Disagreement,
            question_number: Some(q.number),
            capability: None,
            title: q.text.clone(),
            why: format!(
                "Scores {} to {}: {} point{} apart across {} panelists",
                q.min.unwrap_or(0),
                q.max.unwrap_or(0),
                spread,
                if spread == 1 { "" } else { "s" },
                scored(q)
            ),
            spread: Some(spread),
            weight: f64::from(spread.max(1)),
            ..blank()
        });
    }

    let mut thin: Vec<(Capability, usize, usize, usize)> = Capability::ALL
        .into_iter()
        .filter_map(|capability| {
            let probing: Vec<_> = d
                .questions
                .iter()
                .filter(|q| q.capabilities.contains(&capability))
                .collect();
            if probing.is_empty() {
                return None;
            }
            let submitted = probing
                .iter()
                .flat_map(|q| q.cells.iter())
                .filter(|c| c.submitted);
            let mut raters: Vec<i64> = submitted
                .clone()
                .filter(|c| c.score.is_some())
                .map(|c| c.panelist_id)
                .collect();
            raters.sort_unstable();
            raters.dedup();
            let scores = submitted.clone().filter(|c| c.score.is_some()).count();
            let not_asked = submitted.filter(|c| c.not_asked_reason.is_some()).count();
            (raters.len() < 2 || (not_asked > 0 && not_asked >= scores)).then_some((
                capability,
                raters.len(),
                not_asked,
                scores,
            ))
        })
        .collect();
    thin.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
    for (capability, raters, not_asked, scores) in thin {
        let who = match raters {
            0 => "Nobody scored it".to_string(),
            1 => "Scored by one panelist only".to_string(),
            n => format!("Scored by {n} panelists"),
        };
        let asked = match not_asked {
            0 => String::new(),
            1 => "; one answer marked not asked".to_string(),
            n => format!("; {n} answers marked not asked"),
        };
        items.push(AgendaItem {
            kind: AgendaKind::ThinEvidence,
            question_number: None,
            capability: Some(capability),
            title: format!("{}: thin evidence", crate::capability::label(capability)),
            why: format!(
                "{who} ({scores} score{}){asked}",
                if scores == 1 { "" } else { "s" }
            ),
            weight: OTHER_WEIGHT,
            ..blank()
        });
    }

    for add in added {
        let question = add
            .question_number
            .and_then(|n| d.questions.iter().find(|q| q.number == n));
        let title = match (add.title.trim(), question) {
            ("", Some(q)) => q.text.clone(),
            (title, _) => title.to_string(),
        };
        items.push(AgendaItem {
            kind: AgendaKind::Added,
            question_number: question.map(|q| q.number),
            capability: None,
            title,
            why: "Added by the panel lead".into(),
            spread: question.and_then(|q| q.spread),
            weight: OTHER_WEIGHT,
            ..blank()
        });
    }

    let weights: Vec<f64> = items.iter().map(|i| i.weight).collect();
    let seconds = allocate(&weights, length_minutes * 60, MIN_ITEM_SECONDS);
    for (i, (item, planned)) in items.iter_mut().zip(seconds).enumerate() {
        item.number = i as u32 + 1;
        item.planned_seconds = planned;
    }
    items
}

fn blank() -> AgendaItem {
    AgendaItem {
        number: 0,
        kind: AgendaKind::Added,
        question_number: None,
        capability: None,
        title: String::new(),
        why: String::new(),
        spread: None,
        weight: OTHER_WEIGHT,
        planned_seconds: 0,
        spent_seconds: 0,
        minutes: String::new(),
        minutes_at: None,
    }
}

/// Splits `total` seconds across items in proportion to `weights`, `minimum` at least each:
/// items whose share would fall below the minimum get the minimum and the rest is shared again
/// among the others. Whole seconds, summing to `total` exactly (largest remainders take the
/// odd seconds, earlier items first on ties) — unless the minimums alone exceed `total`, when
/// every item gets the minimum and the meeting runs over.
pub fn allocate(weights: &[f64], total: u32, minimum: u32) -> Vec<u32> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    if u64::from(minimum) * n as u64 >= u64::from(total) {
        return vec![minimum; n];
    }
    let weights: Vec<f64> = weights
        .iter()
        .map(|w| if w.is_finite() && *w > 0.0 { *w } else { 1.0 })
        .collect();
    let mut at_minimum = vec![false; n];
    let shares = loop {
        let fixed = at_minimum.iter().filter(|m| **m).count() as f64;
        let free = f64::from(total) - fixed * f64::from(minimum);
        let free_weight: f64 = (0..n).filter(|&i| !at_minimum[i]).map(|i| weights[i]).sum();
        let shares: Vec<f64> = (0..n)
            .map(|i| {
                if at_minimum[i] {
                    f64::from(minimum)
                } else {
                    free * weights[i] / free_weight
                }
            })
            .collect();
        let mut changed = false;
        for i in 0..n {
            if !at_minimum[i] && shares[i] < f64::from(minimum) {
                at_minimum[i] = true;
                changed = true;
            }
        }
        if !changed {
            break shares;
        }
    };
    let mut seconds: Vec<u32> = shares.iter().map(|s| s.floor() as u32).collect();
    let left = total - seconds.iter().sum::<u32>();
    let mut by_remainder: Vec<usize> = (0..n).collect();
    by_remainder.sort_by(|&a, &b| {
        let ra = shares[a] - shares[a].floor();
        let rb = shares[b] - shares[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in by_remainder.iter().take(left as usize) {
        seconds[i] += 1;
    }
    seconds
}

/// The opening round's order, as panelist ids: the lead's order when set (panelists it does not
/// name follow in panel order); else least senior first when any seniority is known (those
/// without one count as mid-level; panel order among equals); else the panel's order. `panel` is in panel
/// order.
pub fn speaking_order(panel: &[(i64, Option<Seniority>)], set_by_lead: &[i64]) -> Vec<i64> {
    if !set_by_lead.is_empty() {
        let mut order: Vec<i64> = set_by_lead
            .iter()
            .copied()
            .filter(|id| panel.iter().any(|(p, _)| p == id))
            .collect();
        order.dedup();
        for (id, _) in panel {
            if !order.contains(id) {
                order.push(*id);
            }
        }
        return order;
    }
    let mut order: Vec<(usize, i64, Option<Seniority>)> = panel
        .iter()
        .enumerate()
        .map(|(i, (id, s))| (i, *id, *s))
        .collect();
    if order.iter().any(|(_, _, s)| s.is_some()) {
        // A panelist whose seniority was not given counts as mid-level: marking only the
        // director is enough to have them speak last.
        order.sort_by_key(|(i, _, s)| (s.unwrap_or(Seniority::Mid).rank(), *i));
    }
    order.into_iter().map(|(_, id, _)| id).collect()
}
