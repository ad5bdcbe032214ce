//! `panelctl purge`, `panelctl retention` and `panelctl export candidate-data`: candidate data
//! as personal data, from a script.

use std::io::Write;
use std::path::Path;

use panel_core::{privacy, Db};

use crate::{print_json, Failure};

/// `purge PLAN [--json]`: the plan, its candidate, and every backup that holds them.
pub fn purge(db: &Db, db_path: &Path, plan: i64, json: bool) -> Result<(), Failure> {
    let report = privacy::purge(db.conn(), db_path, plan)?;
    if json {
        return print_json(&report);
    }
    eprintln!(
        "purged plan {plan} ({}); {} backup{} rewritten without it",
        report.candidate,
        report.backups_rewritten,
        if report.backups_rewritten == 1 {
            ""
        } else {
            "s"
        }
    );
    if report.team_files_removed > 0 {
        eprintln!(
            "removed {} of its files from the team folder; copies other computers already synced \
             are theirs to purge",
            report.team_files_removed
        );
    }
    for other in &report.also_purged {
        eprintln!("also purged {other}: it still carried the candidate's name or email");
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for file in &report.not_rewritten {
        eprintln!(
            "warning: {file} may still hold this candidate and could not be rewritten; delete it"
        );
    }
    Ok(())
}

/// `retention [--months N | --off] [--json]`: shows or sets the period, and lists what is due.
pub fn retention(db: &mut Db, months: Option<u32>, off: bool, json: bool) -> Result<(), Failure> {
    if off || months.is_some() {
        db.with_tx(|tx| privacy::set_retention_months(tx, months))?;
    }
    let period = privacy::retention_months(db.conn())?;
    let due = privacy::due_for_purge(db.conn(), chrono::Utc::now())?;
    if json {
        return print_json(&serde_json::json!({ "months": period, "due": due }));
    }
    let mut out = std::io::stdout().lock();
    match period {
        None => writeln!(out, "retention: off (plans are kept until purged)")?,
        Some(m) => writeln!(
            out,
            "retention: {m} months after a plan is decided or withdrawn"
        )?,
    }
    for d in &due {
        writeln!(
            out,
            "due: plan {} — {} ({}, closed {})",
            d.plan_id,
            d.candidate,
            d.status.slug(),
            d.closed_at
        )?;
    }
    if period.is_some() && due.is_empty() {
        writeln!(out, "nothing is due")?;
    }
    Ok(())
}

/// `export candidate-data PLAN -o FILE`: everything about the plan's candidate as JSON.
pub fn export_subject(
    db: &mut Db,
    plan: i64,
    output: &Path,
    disclosure: Option<&panel_core::scorecards::Disclosure>,
) -> Result<(), Failure> {
    let output = crate::output_path(output)?;
    let written = panel_core::export::candidate_data(db, plan, &output, disclosure)?;
    eprintln!("wrote {}", written.path);
    Ok(())
}
