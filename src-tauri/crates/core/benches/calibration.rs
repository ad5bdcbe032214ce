//! How long calibration takes at the scale of the 5,000-plan database: the leniency fit and the
//! question health over 5,000 candidates × 36 questions × coverage 2 (360,000 answers) from about
//! 200 interviewers, each candidate meeting a panel of six of them.
//!
//! Run with `cargo bench -p panel-core --bench calibration` (release build). Prints the median
//! and the slowest of repeated runs and the solver's iterations; results are recorded in
//! BENCHMARKS.md (target: the whole calibration under 300 ms in the core). Not a test: timings on
//! a shared machine are noisy, so nothing here asserts. The answers are generated in memory by
//! the model the fit assumes; reading them from SQLite is the loader's cost, timed with it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use panel_core::calibration::{
    fit_leniency, question_health, CandidateKey, FitSettings, InterviewerKey, QuestionKey,
    ScoredAnswer,
};
use panel_core::dice::Dice;

const CANDIDATES: usize = 5_000;
const QUESTIONS: usize = 36;
const COVERAGE: usize = 2;
const INTERVIEWERS: usize = 200;
const PANEL: usize = 6;

/// Scores from score = 2.5 + ability + difficulty + leniency + noise, rounded onto 1–4.
fn slate(rng: &mut Dice) -> Vec<ScoredAnswer> {
    let leniency: Vec<f64> = (0..INTERVIEWERS).map(|_| 0.3 * rng.normal()).collect();
    let difficulty: Vec<f64> = (0..QUESTIONS).map(|_| 0.3 * rng.normal()).collect();
    let mut answers = Vec::with_capacity(CANDIDATES * QUESTIONS * COVERAGE);
    for candidate in 0..CANDIDATES {
        let ability = 0.5 * rng.normal();
        let mut panel: Vec<usize> = Vec::with_capacity(PANEL);
        while panel.len() < PANEL {
            let pick = rng.below(INTERVIEWERS);
            if !panel.contains(&pick) {
                panel.push(pick);
            }
        }
        for (question, difficulty) in difficulty.iter().enumerate() {
            for k in 0..COVERAGE {
                let interviewer = panel[(question * COVERAGE + k) % PANEL];
                let value = 2.5 + ability + difficulty + leniency[interviewer] + 0.5 * rng.normal();
                answers.push(ScoredAnswer {
                    candidate: CandidateKey(candidate as i64 + 1),
                    question: QuestionKey(question as i64 + 1),
                    interviewer: InterviewerKey(interviewer as i64 + 1),
                    score: value.round().clamp(1.0, 4.0) as u8,
                });
            }
        }
    }
    answers
}

fn measure(label: &str, runs: usize, mut f: impl FnMut()) {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {label} | {runs} | {:.1} ms | {:.1} ms |",
        ms(times[runs / 2]),
        ms(times[runs - 1])
    );
}

fn main() {
    let answers = slate(&mut Dice::new(20_261_204));
    let settings = FitSettings::default();
    let fit = fit_leniency(&answers, &settings).expect("scores on the scale");
    println!(
        "{} answers, {} candidates, {} questions, {} interviewers; the fit converged: {} in {} \
         iterations",
        fit.answers,
        fit.candidates,
        fit.questions,
        fit.interviewers.len(),
        fit.converged,
        fit.iterations
    );
    println!();
    println!("| case | runs | median | slowest |");
    println!("|---|---|---|---|");
    measure("leniency fit (`fit_leniency`)", 21, || {
        black_box(fit_leniency(black_box(&answers), &settings).unwrap());
    });
    measure("question health (`question_health`)", 21, || {
        black_box(question_health(black_box(&answers)).unwrap());
    });
    measure("both", 21, || {
        black_box(fit_leniency(black_box(&answers), &settings).unwrap());
        black_box(question_health(black_box(&answers)).unwrap());
    });
}
