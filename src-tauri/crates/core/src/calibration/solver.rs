//! The least-squares fit of the additive model, without ever forming its normal equations.
//!
//! The model is `value = mean + candidate + question + interviewer + error`. The fit minimises
//!
//! ```text
//! Σ (value − mean − a[candidate] − b[question] − r[interviewer])²
//!     + λa Σ a² + λb Σ b² + k Σ r²
//! ```
//!
//! with `k` the interviewers' prior strength and `λa`, `λb` a small ridge that only makes the
//! answer unique. Its normal equations have one unknown per candidate, question and interviewer
//! (thousands), but each answer touches only four of them, so they are solved by preconditioned
//! conjugate gradient: every iteration is one pass over the answers (the matrix is applied, never
//! stored) and the preconditioner is the diagonal (each level's answer count plus its ridge).
//!
//! Because the mean is not shrunk, the exact minimum has every group of effects summing to zero
//! (the derivative for the mean says the residuals sum to zero; summing the derivatives of one
//! group's effects then gives `λ Σ effects = 0`). Directions that move a constant between the mean
//! and a group change the fit by nothing and are held only by the small ridges, which would make
//! conjugate gradient crawl along them. The objective therefore adds `ρ (Σ effects)²` per group: a
//! term that is zero at the minimum, so the answer is unchanged, and that makes those directions
//! as stiff as any other.
//!
//! Every loop runs in a fixed order (answers as given, levels in ascending key order), so the
//! same input gives bit-for-bit the same output.

/// Which level of each factor every answer belongs to.
pub(super) struct Design {
    /// Per answer: its candidate, question and interviewer level.
    pub levels_of_answer: Vec<[u32; 3]>,
    /// Number of candidate, question and interviewer levels.
    pub level_counts: [usize; 3],
}

/// How hard each group of effects is pulled toward zero, in answers' worth.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ridges {
    /// On each candidate's effect.
    pub candidate: f64,
    /// On each question's effect.
    pub question: f64,
    /// On each interviewer's effect (the prior strength).
    pub interviewer: f64,
}

/// When to stop iterating.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stopping {
    /// Stop once no effect would move by more than this (in score points) in a Jacobi step.
    pub tolerance: f64,
    /// And in any case after this many iterations.
    pub max_iterations: u32,
}

/// The fitted effects.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Effects {
    /// The panel mean.
    pub mean: f64,
    /// One per candidate level.
    pub candidate: Vec<f64>,
    /// One per question level.
    pub question: Vec<f64>,
    /// One per interviewer level.
    pub interviewer: Vec<f64>,
    /// Iterations run.
    pub iterations: u32,
    /// Whether the tolerance was reached.
    pub converged: bool,
    /// Sum of squared residuals at the fitted effects.
    pub residual_sum_of_squares: f64,
}

/// The unknowns in one vector: `[mean, candidates…, questions…, interviewers…]`.
struct Layout {
    /// First index of each group (candidates, questions, interviewers), then the total length.
    starts: [usize; 4],
}

impl Layout {
    fn new(level_counts: [usize; 3]) -> Layout {
        let candidates = 1;
        let questions = candidates + level_counts[0];
        let interviewers = questions + level_counts[1];
        Layout {
            starts: [
                candidates,
                questions,
                interviewers,
                interviewers + level_counts[2],
            ],
        }
    }

    fn len(&self) -> usize {
        self.starts[3]
    }

    fn group(&self, g: usize) -> std::ops::Range<usize> {
        self.starts[g]..self.starts[g + 1]
    }
}

/// The normal-equations operator `H = XᵀX + Λ + Σ ρ 1 1ᵀ`, applied without storing it.
struct Operator<'a> {
    design: &'a Design,
    layout: Layout,
    /// Ridge per group.
    ridge: [f64; 3],
    /// Weight of the zero-sum term per group.
    zero_sum: [f64; 3],
}

impl Operator<'_> {
    /// `out = H x`: one pass over the answers, then the ridges and zero-sum terms.
    fn apply(&self, x: &[f64], out: &mut [f64]) {
        out.fill(0.0);
        let [candidates_at, questions_at, interviewers_at, _] = self.layout.starts;
        {
            let (mean_out, rest) = out.split_at_mut(candidates_at);
            let (cand_out, rest) = rest.split_at_mut(questions_at - candidates_at);
            let (ques_out, inter_out) = rest.split_at_mut(interviewers_at - questions_at);
            let (cand, ques, inter) = (
                &x[candidates_at..questions_at],
                &x[questions_at..interviewers_at],
                &x[interviewers_at..],
            );
            let mean = x[0];
            let mut mean_sum = 0.0;
            for &[c, q, i] in &self.design.levels_of_answer {
                let (c, q, i) = (c as usize, q as usize, i as usize);
                let fitted = mean + cand[c] + ques[q] + inter[i];
                mean_sum += fitted;
                cand_out[c] += fitted;
                ques_out[q] += fitted;
                inter_out[i] += fitted;
            }
            mean_out[0] = mean_sum;
        }
        for g in 0..3 {
            let range = self.layout.group(g);
            let sum: f64 = x[range.clone()].iter().sum();
            for l in range {
                out[l] += self.ridge[g] * x[l] + self.zero_sum[g] * sum;
            }
        }
    }
}

/// Fits the model to `values` (one per answer of `design`).
pub(super) fn fit(design: &Design, values: &[f64], ridges: Ridges, stopping: Stopping) -> Effects {
    let answers = values.len();
    let layout = Layout::new(design.level_counts);
    let n = layout.len();
    let ridge = [ridges.candidate, ridges.question, ridges.interviewer];
    // ρ = N / L² makes a constant moved between the mean and a group about as stiff, after the
    // diagonal preconditioner, as a typical direction (see the module docs).
    let zero_sum = design
        .level_counts
        .map(|levels| answers as f64 / (levels.max(1) as f64).powi(2));
    let operator = Operator {
        design,
        layout,
        ridge,
        zero_sum,
    };

    // Right-hand side Xᵀy and the diagonal of H.
    let mut rhs = vec![0.0; n];
    let mut diagonal = vec![0.0; n];
    let [candidates_at, questions_at, interviewers_at, _] = operator.layout.starts;
    for (&[c, q, i], &value) in design.levels_of_answer.iter().zip(values) {
        let (c, q, i) = (
            candidates_at + c as usize,
            questions_at + q as usize,
            interviewers_at + i as usize,
        );
        rhs[0] += value;
        rhs[c] += value;
        rhs[q] += value;
        rhs[i] += value;
        diagonal[c] += 1.0;
        diagonal[q] += 1.0;
        diagonal[i] += 1.0;
    }
    diagonal[0] = answers as f64;
    for g in 0..3 {
        for l in operator.layout.group(g) {
            diagonal[l] += ridge[g] + zero_sum[g];
        }
    }

    let mut x = vec![0.0; n];
    let mut iterations = 0;
    let mut converged = answers == 0;
    if answers > 0 {
        // Start from the plain mean with every effect at zero.
        x[0] = rhs[0] / answers as f64;
        let mut applied = vec![0.0; n];
        operator.apply(&x, &mut applied);
        let mut residual: Vec<f64> = rhs.iter().zip(&applied).map(|(b, hx)| b - hx).collect();
        let mut step: Vec<f64> = residual.iter().zip(&diagonal).map(|(r, d)| r / d).collect();
        converged = largest(&step) < stopping.tolerance;
        let mut direction = step.clone();
        let mut r_dot_step = dot(&residual, &step);
        while !converged && iterations < stopping.max_iterations {
            iterations += 1;
            operator.apply(&direction, &mut applied);
            let curvature = dot(&direction, &applied);
            if curvature <= 0.0 {
                // Only rounding can get here (H is positive definite): nothing left to gain.
                break;
            }
            let alpha = r_dot_step / curvature;
            for l in 0..n {
                x[l] += alpha * direction[l];
                residual[l] -= alpha * applied[l];
                step[l] = residual[l] / diagonal[l];
            }
            converged = largest(&step) < stopping.tolerance;
            let next_r_dot_step = dot(&residual, &step);
            let beta = next_r_dot_step / r_dot_step;
            r_dot_step = next_r_dot_step;
            for l in 0..n {
                direction[l] = step[l] + beta * direction[l];
            }
        }
    }

    let mean = x[0];
    let (cand, ques, inter) = (
        &x[candidates_at..questions_at],
        &x[questions_at..interviewers_at],
        &x[interviewers_at..],
    );
    let residual_sum_of_squares = design
        .levels_of_answer
        .iter()
        .zip(values)
        .map(|(&[c, q, i], &value)| {
            let e = value - mean - cand[c as usize] - ques[q as usize] - inter[i as usize];
            e * e
        })
        .sum();
    Effects {
        mean,
        candidate: cand.to_vec(),
        question: ques.to_vec(),
        interviewer: inter.to_vec(),
        iterations,
        converged,
        residual_sum_of_squares,
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn largest(values: &[f64]) -> f64 {
    values.iter().fold(0.0, |m, v| m.max(v.abs()))
}
