//! Dense numbering of the callers' keys, so the fit works on plain arrays.
//!
//! Levels are numbered in ascending key order, whatever order the answers come in, so the
//! numbering (and every sum taken over levels) is a function of the set of keys alone.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The distinct keys of one factor (candidates, questions or interviewers) and, for each
/// answer, the number of its level.
pub(super) struct Levels {
    /// Distinct keys, ascending; level `l` is `keys[l]`.
    pub keys: Vec<i64>,
    /// Each answer's level, in answer order.
    pub of_answer: Vec<u32>,
}

impl Levels {
    /// Numbers the keys of every answer.
    pub fn number(keys: impl ExactSizeIterator<Item = i64>) -> Levels {
        let mut first_seen: HashMap<i64, u32, BuildHasherDefault<KeyHasher>> = HashMap::default();
        let mut provisional = Vec::with_capacity(keys.len());
        for key in keys {
            let next = first_seen.len() as u32;
            provisional.push(*first_seen.entry(key).or_insert(next));
        }
        let mut distinct: Vec<(i64, u32)> = first_seen.into_iter().collect();
        distinct.sort_unstable();
        let mut rank = vec![0u32; distinct.len()];
        for (position, &(_, seen)) in distinct.iter().enumerate() {
            rank[seen as usize] = position as u32;
        }
        Levels {
            keys: distinct.into_iter().map(|(key, _)| key).collect(),
            of_answer: provisional.into_iter().map(|p| rank[p as usize]).collect(),
        }
    }

    /// How many distinct keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Answer indices grouped by level, stably (answers of level 0 first, each level's answers in
/// `within` order): a counting sort, linear in the number of answers.
pub(super) fn group_by_level(levels: usize, level_of: &[u32], within: &[u32]) -> Vec<u32> {
    let mut start = vec![0usize; levels + 1];
    for &answer in within {
        start[level_of[answer as usize] as usize + 1] += 1;
    }
    for l in 0..levels {
        start[l + 1] += start[l];
    }
    let mut grouped = vec![0u32; within.len()];
    for &answer in within {
        let slot = &mut start[level_of[answer as usize] as usize];
        grouped[*slot] = answer;
        *slot += 1;
    }
    grouped
}

/// A fast hasher for integer keys (a rotate and a multiply, as in rustc's FxHash). The map it
/// serves is only read back after sorting, so its order cannot leak into the figures.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}
