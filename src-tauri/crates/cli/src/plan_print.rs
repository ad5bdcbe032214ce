//! How `panelctl plan list` and `plan show` print a plan for people: local times, the panel
//! with its questions, the plan's questions and where borrowed ones come from.

use std::io::Write;

use chrono::Local;
use panel_core::plans::PlanDetail;

use crate::Failure;

/// The interview time in local time, or "unscheduled".
pub fn when(starts_at: Option<&str>) -> String {
    starts_at
        .map(local_time)
        .unwrap_or_else(|| "unscheduled".into())
}

fn local_time(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| {
            t.with_timezone(&Local)
                .format("%a %Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| utc.to_string())
}

pub fn print_detail(plan: &PlanDetail) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let when = when(plan.header.starts_at.as_deref());
    writeln!(
        out,
        "Plan {}: {} — {} ({})",
        plan.header.id,
        plan.header.candidate,
        plan.header.role_title,
        plan.header.level.slug()
    )?;
    writeln!(
        out,
        "Status: {} · Interview: {when} · Pack: {} v{}{} · Coverage: {}",
        plan.header.status.slug(),
        plan.header.pack_id,
        plan.header.pack_version,
        plan.newer_pack_version
            .map(|v| format!(" (version {v} exists)"))
            .unwrap_or_default(),
        plan.coverage
    )?;
    let numbers: Vec<String> = plan
        .questions
        .iter()
        .map(|q| q.question.number.to_string())
        .collect();
    writeln!(out, "Questions: {}", numbers.join(", "))?;
    for q in &plan.questions {
        if (q.pack_id.as_str(), q.pack_version)
            != (plan.header.pack_id.as_str(), plan.header.pack_version)
        {
            writeln!(
                out,
                "  question {} is question {} of pack {} v{}",
                q.question.number, q.pack_number, q.pack_id, q.pack_version
            )?;
        }
    }
    for p in &plan.panelists {
        let mine = plan.questions_of(p.id);
        let numbers: Vec<String> = mine
            .iter()
            .map(|a| format!("{}{}", a.question_number, if a.fixed { "*" } else { "" }))
            .collect();
        let focus: Vec<&str> = p.focus.iter().map(|c| c.slug()).collect();
        writeln!(
            out,
            "\n  [{}] {} · {}/{} min{}",
            p.id,
            p.name,
            p.load_minutes,
            p.minutes,
            if focus.is_empty() {
                String::new()
            } else {
                format!(" · focus {}", focus.join(","))
            }
        )?;
        writeln!(
            out,
            "      questions: {}",
            if numbers.is_empty() {
                "none".into()
            } else {
                numbers.join(" ")
            }
        )?;
    }
    if plan.panelists.is_empty() {
        writeln!(
            out,
            "\nNo panelists yet: add them with `panelctl plan add-panelist {}`.",
            plan.header.id
        )?;
    }
    Ok(())
}
