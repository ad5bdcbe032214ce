//! Loads and warnings for any allocation: the engine's own, or one the lead edited by hand.

use std::collections::BTreeSet;

use super::{Allocation, Load, Split, SplitInput, Warning};
use crate::Capability;

/// Computes each panelist's load and what the lead should be warned about.
///
/// Allocations naming a question or panelist that is not in `input` are dropped. The result's
/// allocations are ordered by question order, then panel order.
pub fn evaluate(input: &SplitInput, allocations: Vec<Allocation>) -> Split {
    let q_index = |id: i64| input.questions.iter().position(|q| q.id == id);
    let p_index = |id: i64| input.panelists.iter().position(|p| p.id == id);
    let mut allocations: Vec<Allocation> = allocations
        .into_iter()
        .filter(|a| q_index(a.question_id).is_some() && p_index(a.panelist_id).is_some())
        .collect();
    allocations.sort_by_key(|a| (q_index(a.question_id), p_index(a.panelist_id)));

    let loads: Vec<Load> = input
        .panelists
        .iter()
        .map(|p| {
            let mut mine: Vec<&Allocation> = allocations
                .iter()
                .filter(|a| a.panelist_id == p.id)
                .collect();
            mine.sort_by_key(|a| (a.position, q_index(a.question_id)));
            let minutes = mine
                .iter()
                .filter_map(|a| q_index(a.question_id))
                .map(|q| input.questions[q].minutes)
                .sum();
            Load {
                panelist_id: p.id,
                minutes,
                slot_minutes: p.slot_minutes,
                question_ids: mine.iter().map(|a| a.question_id).collect(),
            }
        })
        .collect();

    let mut warnings = Vec::new();
    let coverage = input.coverage.max(1);
    if !input.panelists.is_empty() {
        for q in &input.questions {
            let asked = allocations.iter().filter(|a| a.question_id == q.id).count();
            let asked = u8::try_from(asked).unwrap_or(u8::MAX);
            if asked < coverage {
                warnings.push(Warning::Unassignable {
                    number: q.number,
                    missing: coverage - asked,
                });
            }
        }
    }
    for (p, load) in input.panelists.iter().zip(&loads) {
        if load.minutes > p.slot_minutes {
            warnings.push(Warning::OverCapacity {
                name: p.name.clone(),
                minutes: load.minutes,
                slot_minutes: p.slot_minutes,
            });
        }
    }
    let wanted: BTreeSet<Capability> = input
        .questions
        .iter()
        .flat_map(|q| q.capabilities.iter().copied())
        .collect();
    let probed: BTreeSet<Capability> = allocations
        .iter()
        .filter_map(|a| q_index(a.question_id))
        .flat_map(|q| input.questions[q].capabilities.iter().copied())
        .collect();
    for capability in wanted.difference(&probed) {
        warnings.push(Warning::CapabilityUncovered(*capability));
    }
    for (p, load) in input.panelists.iter().zip(&loads) {
        if load.question_ids.is_empty() {
            warnings.push(Warning::NoQuestions {
                name: p.name.clone(),
            });
        }
    }
    Split {
        allocations,
        loads,
        warnings,
    }
}
