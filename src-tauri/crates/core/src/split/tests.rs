//! The split engine's promises: table tests for awkward panels, properties over random ones.

use proptest::prelude::*;

use super::*;
use crate::bank;

fn pack_questions() -> Vec<SplitQuestion> {
    bank::builtin()
        .questions
        .iter()
        .map(|q| SplitQuestion {
            id: 1000 + i64::from(q.number),
            number: q.number,
            minutes: q.minutes,
            capabilities: q.capabilities.clone(),
        })
        .collect()
}

fn panelist(id: i64, slot_minutes: u32, focus: &[Capability]) -> SplitPanelist {
    SplitPanelist {
        id,
        name: format!("Panelist {id}"),
        slot_minutes,
        focus: focus.to_vec(),
        excluded: Vec::new(),
    }
}

fn input(panelists: Vec<SplitPanelist>, coverage: u8) -> SplitInput {
    SplitInput {
        questions: pack_questions(),
        panelists,
        fixed: Vec::new(),
        coverage,
    }
}

fn times_asked(split: &Split, question_id: i64) -> usize {
    split
        .allocations
        .iter()
        .filter(|a| a.question_id == question_id)
        .count()
}

fn overloaded(split: &Split) -> Vec<&Load> {
    split
        .loads
        .iter()
        .filter(|l| l.minutes > l.slot_minutes)
        .collect()
}

#[test]
fn three_panelists_share_the_pack_once_without_overload() {
    let split = split(&input(
        vec![
            panelist(1, 45, &[]),
            panelist(2, 60, &[]),
            panelist(3, 60, &[]),
        ],
        1,
    ));
    for q in pack_questions() {
        assert_eq!(
            times_asked(&split, q.id),
            1,
            "question {} asked exactly once",
            q.number
        );
    }
    assert!(
        overloaded(&split).is_empty(),
        "152 minutes fit in 165: {:?}",
        split.loads
    );
    assert!(split.warnings.is_empty(), "{:?}", split.warnings);
    for load in &split.loads {
        assert!(
            load.minutes * 100 / load.slot_minutes >= 75,
            "loads are balanced: {load:?}"
        );
    }
}

#[test]
fn calibration_overlap_asks_every_question_twice_by_different_panelists() {
    let panel = vec![
        panelist(1, 45, &[]),
        panelist(2, 60, &[]),
        panelist(3, 60, &[]),
    ];
    let split = split(&input(panel, 2));
    for q in pack_questions() {
        let askers: Vec<i64> = split
            .allocations
            .iter()
            .filter(|a| a.question_id == q.id)
            .map(|a| a.panelist_id)
            .collect();
        assert_eq!(askers.len(), 2, "question {} asked twice", q.number);
        assert_ne!(askers[0], askers[1], "never twice by the same panelist");
    }
    assert!(
        split
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::OverCapacity { .. })),
        "304 minutes cannot fit 165: the lead is told"
    );
}

#[test]
fn one_panelist_gets_everything_and_a_warning() {
    let split = split(&input(vec![panelist(1, 60, &[])], 1));
    assert_eq!(split.allocations.len(), 18);
    assert!(split
        .allocations
        .iter()
        .all(|a| a.reason == Reason::OnlyEligible));
    assert_eq!(
        split.warnings,
        vec![Warning::OverCapacity {
            name: "Panelist 1".into(),
            minutes: 152,
            slot_minutes: 60
        }]
    );
}

#[test]
fn eighteen_panelists_get_one_question_each() {
    let panel = (1..=18).map(|i| panelist(i, 30, &[])).collect();
    let split = split(&input(panel, 1));
    assert!(
        split.loads.iter().all(|l| l.question_ids.len() == 1),
        "{:?}",
        split.loads
    );
    assert!(split.warnings.is_empty(), "{:?}", split.warnings);
}

#[test]
fn everyone_focused_on_the_same_capability_still_covers_the_pack_evenly() {
    let panel = (1..=4)
        .map(|i| panelist(i, 45, &[Capability::Investment]))
        .collect();
    let split = split(&input(panel, 1));
    assert_eq!(split.allocations.len(), 18);
    assert!(overloaded(&split).is_empty(), "{:?}", split.loads);
    let spread = split.loads.iter().map(|l| l.minutes).max().unwrap()
        - split.loads.iter().map(|l| l.minutes).min().unwrap();
    assert!(
        spread <= 12,
        "loads stay within about one question: {:?}",
        split.loads
    );
}

#[test]
fn focus_is_honoured_when_loads_allow() {
    let panel = vec![
        panelist(1, 60, &[Capability::Leaders]),
        panelist(2, 60, &[]),
        panelist(3, 60, &[]),
    ];
    let split = split(&input(panel, 1));
    let q15 = split
        .allocations
        .iter()
        .find(|a| a.question_id == 1015)
        .unwrap();
    assert_eq!(
        q15.panelist_id, 1,
        "the leaders question goes to the leaders focus"
    );
    assert_eq!(q15.reason, Reason::Focus(Capability::Leaders));
    assert_eq!(q15.reason.explain(), "focus: Builds leaders");
}

#[test]
fn panel_shorter_than_the_pack_covers_everything_and_says_who_is_over() {
    let split = split(&input(vec![panelist(1, 30, &[]), panelist(2, 30, &[])], 1));
    assert_eq!(split.allocations.len(), 18, "coverage comes before slots");
    let over: Vec<_> = overloaded(&split);
    assert_eq!(over.len(), 2, "both are over and both are named");
    let diff = over[0].minutes.abs_diff(over[1].minutes);
    assert!(diff <= 10, "the overload is shared: {:?}", split.loads);
}

#[test]
fn pins_and_exclusions_are_respected() {
    let mut panel = vec![
        panelist(1, 60, &[]),
        panelist(2, 60, &[]),
        panelist(3, 60, &[]),
    ];
    panel[0].excluded = vec![1001, 1002];
    let mut inp = input(panel, 1);
    inp.fixed = vec![FixedQuestion {
        question_id: 1018,
        panelist_id: 3,
    }];
    let split = split(&inp);
    let q18 = split
        .allocations
        .iter()
        .find(|a| a.question_id == 1018)
        .unwrap();
    assert_eq!(
        (q18.panelist_id, q18.fixed, q18.reason),
        (3, true, Reason::Fixed)
    );
    for excluded in [1001, 1002] {
        let a = split
            .allocations
            .iter()
            .find(|a| a.question_id == excluded)
            .unwrap();
        assert_ne!(a.panelist_id, 1, "a must-not-get question is never given");
    }
}

#[test]
fn a_question_nobody_may_ask_is_reported() {
    let mut panel = vec![panelist(1, 90, &[]), panelist(2, 90, &[])];
    for p in &mut panel {
        p.excluded = vec![1007];
    }
    let split = split(&input(panel, 1));
    assert!(split.warnings.contains(&Warning::Unassignable {
        number: 7,
        missing: 1
    }));
    assert_eq!(
        Warning::Unassignable {
            number: 7,
            missing: 1
        }
        .to_string(),
        "question 7 needs one more panelist who may ask it"
    );
}

#[test]
fn no_panel_means_every_capability_is_unprobed() {
    let split = split(&input(Vec::new(), 1));
    assert!(split.allocations.is_empty());
    assert_eq!(
        split.warnings.len(),
        5,
        "one warning per capability: {:?}",
        split.warnings
    );
}

#[test]
fn panelists_without_focus_probe_more_than_one_capability() {
    let panel = (1..=6).map(|i| panelist(i, 30, &[])).collect();
    let split = split(&input(panel, 1));
    let questions = pack_questions();
    for load in &split.loads {
        let caps: std::collections::BTreeSet<_> = load
            .question_ids
            .iter()
            .flat_map(|id| {
                questions
                    .iter()
                    .find(|q| q.id == *id)
                    .unwrap()
                    .capabilities
                    .clone()
            })
            .collect();
        assert!(
            caps.len() >= 2,
            "panelist {} probes only {caps:?}",
            load.panelist_id
        );
    }
}

fn capability_strategy() -> impl Strategy<Value = Vec<Capability>> {
    proptest::sample::subsequence(Capability::ALL.to_vec(), 0..=2)
}

fn panel_strategy() -> impl Strategy<Value = Vec<SplitPanelist>> {
    proptest::collection::vec((20u32..=120, capability_strategy()), 1..=12).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (slot, focus))| panelist(i as i64 + 1, slot, &focus))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn coverage_is_exact_and_pins_are_kept(
        panel in panel_strategy(),
        coverage in 1u8..=2,
        pin_picks in proptest::collection::vec((0usize..18, 0usize..12), 0..4),
    ) {
        let mut inp = input(panel, coverage);
        let mut fixed: Vec<FixedQuestion> = Vec::new();
        for (q, p) in pin_picks {
            let wanted = FixedQuestion {
                question_id: inp.questions[q].id,
                panelist_id: inp.panelists[p % inp.panelists.len()].id,
            };
            let on_question = fixed.iter().filter(|x| x.question_id == wanted.question_id).count();
            if !fixed.contains(&wanted) && on_question < usize::from(coverage) {
                fixed.push(wanted);
            }
        }
        inp.fixed = fixed.clone();
        let result = split(&inp);
        let expected = usize::from(coverage).min(inp.panelists.len());
        for q in &inp.questions {
            prop_assert_eq!(times_asked(&result, q.id), expected, "question {}", q.number);
            let mut askers: Vec<i64> = result.allocations.iter()
                .filter(|a| a.question_id == q.id).map(|a| a.panelist_id).collect();
            askers.dedup();
            prop_assert_eq!(askers.len(), expected, "no panelist asks a question twice");
        }
        for f in &fixed {
            prop_assert!(result.allocations.iter().any(|a| a.question_id == f.question_id
                && a.panelist_id == f.panelist_id && a.fixed), "fixed question {:?} kept", f);
        }
        prop_assert_eq!(split(&inp), result, "same input, same output");
    }

    #[test]
    fn nobody_is_overloaded_when_the_panel_has_clear_room(
        panel in panel_strategy(),
        coverage in 1u8..=2,
    ) {
        let mut inp = input(panel, coverage);
        let total: u32 = inp.questions.iter().map(|q| q.minutes).sum::<u32>() * u32::from(coverage);
        let max = inp.questions.iter().map(|q| q.minutes).max().unwrap();
        let sharing = (inp.panelists.len() as u32 + 1).saturating_sub(u32::from(coverage)).max(1);
        // Room enough that any panelist still below their share can take any question.
        for p in &mut inp.panelists {
            p.slot_minutes = p.slot_minutes.max(total.div_ceil(sharing) + max);
        }
        prop_assume!(inp.panelists.len() >= usize::from(coverage));
        let result = split(&inp);
        prop_assert!(overloaded(&result).is_empty(), "avoidable overload: {:?}", result.loads);
    }
}
