//! The split: which panelist asks which question.
//!
//! A panel lead needs every question asked (once, or twice for calibration), nobody pushed past
//! their slot, loads even, and each panelist probing what they are best placed to probe. The
//! engine is a pure, deterministic function of its input so the lead can re-run it, compare, and
//! trust that the same panel always gets the same split. Every allocation carries the reason it
//! was made, for the UI to show.
//!
//! The method is greedy with repair: questions that are hardest to place (fewest eligible
//! panelists, then longest) are placed first, each on the panelist who still has room, keeping
//! loads within a tolerance of the most balanced choice and, inside that tolerance, preferring
//! focus and then a capability the panelist does not probe yet. Overloads the greedy pass could
//! not avoid are then repaired by moves and swaps, and panelists left probing a single
//! capability get one swapped in where loads allow.

mod engine;
mod report;

use serde::{Deserialize, Serialize};

use crate::Capability;

pub use engine::split;
pub use report::evaluate;

/// How much more loaded (as a fraction of the slot) a panelist may end up than the most
/// balanced choice, so that focus and capability spread can win. 0.15 is about one 8-minute
/// question in a 60-minute slot.
pub const BALANCE_TOLERANCE: f64 = 0.15;

/// A question as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitQuestion {
    /// Question id (stable across runs).
    pub id: i64,
    /// Number as the plan shows it; also the order questions are asked in.
    pub number: u32,
    /// Time budget in minutes.
    pub minutes: u32,
    /// Capabilities probed, primary first.
    pub capabilities: Vec<Capability>,
}

/// A panelist as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPanelist {
    /// Panelist id.
    pub id: i64,
    /// Name, for warnings.
    pub name: String,
    /// Interview slot in minutes.
    pub slot_minutes: u32,
    /// Capabilities they are best placed to probe (may be empty).
    pub focus: Vec<Capability>,
    /// Question ids they must not get.
    pub excluded: Vec<i64>,
}

/// A question the lead fixed on a panelist: kept by every split. (Users and the JSON call this
/// "pinned"; inside the code "pin" means only a scorecard's PIN code.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedQuestion {
    /// Question id.
    pub question_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
}

/// Everything the split depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitInput {
    /// The plan's questions.
    pub questions: Vec<SplitQuestion>,
    /// The panel, in the lead's order.
    pub panelists: Vec<SplitPanelist>,
    /// Questions the lead fixed on panelists.
    pub fixed: Vec<FixedQuestion>,
    /// How many panelists ask each question: 1, or 2 for calibration overlap.
    pub coverage: u8,
}

/// Why a question went to a panelist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "capability", rename_all = "kebab-case")]
pub enum Reason {
    /// The lead fixed it there ("pinned" on screen and in JSON).
    #[serde(rename = "pinned")]
    Fixed,
    /// The panelist's focus includes a capability the question probes.
    Focus(Capability),
    /// It kept loads even.
    Balance,
    /// It broadens the capabilities this panelist probes.
    Spread(Capability),
    /// Nobody else may ask it.
    OnlyEligible,
    /// Placed by hand.
    Manual,
    /// Nobody had room: this panelist had the most.
    Overflow,
}

impl Reason {
    /// The explanation users read.
    pub fn explain(self) -> String {
        match self {
            Reason::Fixed => "pinned".into(),
            Reason::Focus(c) => format!("focus: {}", crate::capability::label(c)),
            Reason::Balance => "balance".into(),
            Reason::Spread(c) => format!("spread: adds {}", crate::capability::label(c)),
            Reason::OnlyEligible => "only panelist who may ask it".into(),
            Reason::Manual => "moved by hand".into(),
            Reason::Overflow => "no one had room; most room left here".into(),
        }
    }
}

/// One question given to one panelist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Question id.
    pub question_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// Order within the panelist's list, from 0.
    pub position: u32,
    /// Fixed by the lead.
    pub fixed: bool,
    /// Why.
    pub reason: Reason,
}

/// A panelist's share of the interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Load {
    /// Panelist id.
    pub panelist_id: i64,
    /// Minutes of questions given.
    pub minutes: u32,
    /// Their slot.
    pub slot_minutes: u32,
    /// Question ids in asking order.
    pub question_ids: Vec<i64>,
}

/// Something the lead should know about a split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A question is asked fewer times than the coverage asks for.
    Unassignable {
        /// Question number.
        number: u32,
        /// How many more panelists it needed.
        missing: u8,
    },
    /// A panelist has more questions than fit their slot.
    OverCapacity {
        /// Panelist name.
        name: String,
        /// Minutes given.
        minutes: u32,
        /// Slot.
        slot_minutes: u32,
    },
    /// A capability the questions probe is probed by nobody.
    CapabilityUncovered(Capability),
    /// A panelist has nothing to ask.
    NoQuestions {
        /// Panelist name.
        name: String,
    },
    /// A fixed question that names a question or panelist that is not in the plan.
    FixedQuestionIgnored {
        /// Question id.
        question_id: i64,
        /// Panelist id.
        panelist_id: i64,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::Unassignable { number, missing: 1 } => {
                write!(
                    f,
                    "question {number} needs one more panelist who may ask it"
                )
            }
            Warning::Unassignable { number, missing } => {
                write!(
                    f,
                    "question {number} needs {missing} more panelists who may ask it"
                )
            }
            Warning::OverCapacity {
                name,
                minutes,
                slot_minutes,
            } => write!(
                f,
                "{name} has {minutes} minutes of questions for a {slot_minutes}-minute slot"
            ),
            Warning::CapabilityUncovered(c) => {
                write!(f, "nobody probes {}", crate::capability::label(*c))
            }
            Warning::NoQuestions { name } => write!(f, "{name} has no questions"),
            Warning::FixedQuestionIgnored {
                question_id,
                panelist_id,
            } => write!(
                f,
                "a pin of question {question_id} on panelist {panelist_id} no longer applies"
            ),
        }
    }
}

/// The engine's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Allocations, by question order then panel order.
    pub allocations: Vec<Allocation>,
    /// One load per panelist, in panel order.
    pub loads: Vec<Load>,
    /// What could not be satisfied.
    pub warnings: Vec<Warning>,
}

#[cfg(test)]
mod tests;
