//! `panelctl plan …`: build plans and split the questions from scripts (the words a script
//! types become the core's values in `plan_values.rs`; `panelctl demo` is `demo.rs`).

use std::io::Write;

use clap::Subcommand;
use panel_core::plans::{self, NewPanelist, NewPlan};
use panel_core::Db;

use crate::plan_print::{print_detail, when};
use crate::plan_values::{parse_capability, parse_level, parse_start, parse_status};
use crate::selection::QuestionArgs;
use crate::{print_json, Failure};

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Create a plan; prints its id.
    Create {
        /// Candidate's name.
        #[arg(long)]
        candidate: String,
        /// director, senior-director, vp or principal.
        #[arg(long)]
        level: String,
        /// Role title.
        #[arg(long)]
        role: Option<String>,
        /// Candidate's email.
        #[arg(long)]
        email: Option<String>,
        /// Interview date, YYYY-MM-DD (local time).
        #[arg(long)]
        date: Option<String>,
        /// Start time, HH:MM (local time; 09:00 when only a date is given).
        #[arg(long, requires = "date")]
        time: Option<String>,
        /// Panel lead's name.
        #[arg(long)]
        lead: Option<String>,
        /// Recruiter's name.
        #[arg(long)]
        recruiter: Option<String>,
        /// Notes for the panel.
        #[arg(long)]
        notes: Option<String>,
        /// Which questions the plan asks.
        #[command(flatten)]
        questions: QuestionArgs,
        /// Print {"id": …} instead of the bare id.
        #[arg(long)]
        json: bool,
    },
    /// Change which questions a plan asks (refused once anyone has scored or kits are out).
    Questions {
        /// Plan id.
        plan: i64,
        /// Which questions the plan asks.
        #[command(flatten)]
        questions: QuestionArgs,
    },
    /// List plans: upcoming interviews soonest first, then plans without a date, then past ones
    /// most recent first. The number of matches goes to stderr.
    List {
        /// Only plans whose candidate or role contains this text (accents and case ignored).
        #[arg(long)]
        search: Option<String>,
        /// Only plans in this status (draft, scheduled, interviewing, debrief, decided,
        /// withdrawn).
        #[arg(long)]
        status: Option<String>,
        /// Only plans for this level (director, senior-director, vp, principal).
        #[arg(long)]
        level: Option<String>,
        /// Only upcoming, past or unscheduled interviews.
        #[arg(long, value_parser = ["any", "upcoming", "past", "unscheduled"])]
        when: Option<String>,
        /// At most this many plans (every match without it).
        #[arg(long)]
        limit: Option<u32>,
        /// Skip this many matches first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Show a plan: panel, loads, who asks what, warnings.
    Show {
        /// Plan id.
        id: i64,
        /// Print a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Add a panelist; prints their id.
    AddPanelist {
        /// Plan id.
        id: i64,
        /// Panelist's name.
        #[arg(long)]
        name: String,
        /// Panelist's email.
        #[arg(long)]
        email: Option<String>,
        /// Slot length in minutes.
        #[arg(long, default_value_t = 45, allow_negative_numbers = true)]
        minutes: i64,
        /// Capabilities they are best placed to probe (program, risk, investment, alignment,
        /// leaders).
        #[arg(long, num_args = 1..)]
        focus: Vec<String>,
        /// Question numbers they must not get.
        #[arg(long, num_args = 1..)]
        exclude: Vec<u32>,
        /// Their computer's public identity (the line `panelctl identity show` prints there):
        /// kits published to the team folder are encrypted to it.
        #[arg(long, value_name = "LINE")]
        identity: Option<String>,
        /// Print {"id": …} instead of the bare id.
        #[arg(long)]
        json: bool,
    },
    /// Record (or remove) a panelist's public identity; it belongs to the person, so it holds
    /// on every plan they sit on.
    EditPanelist {
        /// Plan id.
        id: i64,
        /// Panelist id.
        #[arg(long)]
        panelist: i64,
        /// Their computer's public identity (the line `panelctl identity show` prints there).
        #[arg(long, value_name = "LINE", required_unless_present = "no_identity")]
        identity: Option<String>,
        /// Remove the identity recorded for them.
        #[arg(long, conflicts_with = "identity")]
        no_identity: bool,
        /// Print the person as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove a panelist who has written nothing. While their kit is out and nothing came back,
    /// only with --reason and --by (recorded in the audit trail as an early unseal).
    RemovePanelist {
        /// Plan id.
        id: i64,
        /// Panelist id.
        #[arg(long)]
        panelist: i64,
        /// Needed while their kit is out and nothing came back.
        #[command(flatten)]
        disclosure: crate::DisclosureArgs,
    },
    /// Split the questions across the panel, keeping the questions pinned by hand. Warnings go to stderr.
    Split {
        /// Plan id.
        id: i64,
        /// Panelists per question: 1, or 2 for calibration overlap.
        #[arg(long)]
        coverage: Option<u8>,
        /// Print the resulting plan as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a plan's details; options not given keep their value.
    Edit {
        /// Plan id.
        id: i64,
        /// Candidate's name.
        #[arg(long)]
        candidate: Option<String>,
        /// director, senior-director, vp or principal.
        #[arg(long)]
        level: Option<String>,
        /// Role title.
        #[arg(long)]
        role: Option<String>,
        /// Interview date, YYYY-MM-DD (local time).
        #[arg(long)]
        date: Option<String>,
        /// Start time, HH:MM (local time).
        #[arg(long, requires = "date")]
        time: Option<String>,
    },
    /// Move a plan to another status (draft, scheduled, interviewing, debrief, decided,
    /// withdrawn), where that transition is allowed.
    Status {
        /// Plan id.
        id: i64,
        /// The new status.
        status: String,
    },
    /// Copy a plan's panel and split into a new draft; prints the new id.
    Duplicate {
        /// Plan id.
        id: i64,
    },
    /// Hide a plan from the list (`--undo` brings it back).
    Archive {
        /// Plan id.
        id: i64,
        /// Unarchive instead.
        #[arg(long)]
        undo: bool,
    },
    /// Export the panel schedule as an iCalendar file (one event per panelist slot).
    Ics {
        /// Plan id.
        id: i64,
        /// File to write (replaced atomically).
        #[arg(short, long, value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// Give a question to a panelist by hand.
    Assign {
        /// Plan id.
        id: i64,
        /// Question number as the plan shows it.
        #[arg(long)]
        question: u32,
        /// Panelist id.
        #[arg(long)]
        panelist: i64,
        /// Pin it there so re-splitting keeps it.
        #[arg(long = "pin")]
        fixed: bool,
    },
}

pub fn run(db: &mut Db, command: PlanCommand) -> Result<(), Failure> {
    match command {
        PlanCommand::Create {
            candidate,
            level,
            role,
            email,
            date,
            time,
            lead,
            recruiter,
            notes,
            questions,
            json,
        } => {
            let selection = questions.selection(db)?;
            let plan = NewPlan {
                candidate,
                email,
                level: parse_level(&level)?,
                role_title: role,
                starts_at: parse_start(date.as_deref(), time.as_deref())?.map(|t| t.to_rfc3339()),
                panel_lead: lead,
                recruiter,
                notes,
            };
            let id = db.with_tx(|tx| plans::create_with_questions(tx, &plan, &selection))?;
            print_id(id, json)
        }
        PlanCommand::Questions { plan, questions } => {
            if questions.is_empty() {
                return Err(Failure::Message(
                    "say which questions: --pack, --questions and/or --borrow".into(),
                ));
            }
            let selection = questions.selection(db)?;
            db.with_tx(|tx| plans::set_questions(tx, plan, &selection))?;
            let asked = plans::plan_questions(db.conn(), plan)?;
            eprintln!("plan {plan} now asks {} questions", asked.len());
            Ok(())
        }
        PlanCommand::List {
            search,
            status,
            level,
            when: time,
            limit,
            offset,
            json,
        } => {
            let query = plans::PlanQuery {
                search: search.unwrap_or_default(),
                status: status.as_deref().map(parse_status).transpose()?,
                level: level.as_deref().map(parse_level).transpose()?,
                when: time
                    .as_deref()
                    .and_then(plans::When::from_slug)
                    .unwrap_or_default(),
                offset,
                limit,
            };
            let page = plans::list_page(db.conn(), &query)?;
            eprintln!("{} of {} plans match", page.matching, page.total);
            if json {
                return print_json(&page.plans);
            }
            let mut out = std::io::stdout().lock();
            if page.total == 0 {
                writeln!(
                    out,
                    "No plans yet. Create one with `panelctl plan create` or `panelctl demo`."
                )?;
            }
            for p in page.plans {
                let when = when(p.starts_at.as_deref());
                writeln!(
                    out,
                    "{:>5}  {:<32}  {:<16}  {:<13}  {when}",
                    p.id,
                    p.candidate,
                    p.level.slug(),
                    p.status.slug()
                )?;
            }
            Ok(())
        }
        PlanCommand::Show { id, json } => {
            let detail = plans::show(db.conn(), id)?;
            if json {
                print_json(&detail)
            } else {
                print_detail(&detail)
            }
        }
        PlanCommand::AddPanelist {
            id,
            name,
            email,
            minutes,
            focus,
            exclude,
            identity,
            json,
        } => {
            let slot_minutes = u32::try_from(minutes).map_err(|_| {
                Failure::Message(format!("a slot must be 5–480 minutes, got {minutes}"))
            })?;
            let focus = focus
                .iter()
                .map(|f| parse_capability(f))
                .collect::<Result<_, _>>()?;
            let panelist = NewPanelist {
                name,
                email,
                slot_minutes,
                focus,
                excluded_questions: exclude,
            };
            // One transaction: an identity line that does not read adds nobody.
            let pid = db.with_tx(|tx| {
                let pid = plans::add_panelist(tx, id, &panelist)?;
                if let Some(line) = &identity {
                    panel_core::people::set_panelist_identity(tx, pid, Some(line))?;
                }
                Ok(pid)
            })?;
            print_id(pid, json)
        }
        PlanCommand::EditPanelist {
            id,
            panelist,
            identity,
            no_identity: _,
            json,
        } => {
            let person = db.with_tx(|tx| {
                panel_core::plans::ensure_mode(tx, id, panel_core::plans::PlanMode::Lead)?;
                if !plans::show(tx, id)?
                    .panelists
                    .iter()
                    .any(|p| p.id == panelist)
                {
                    return Err(panel_core::Error::NotFound {
                        what: "panelist",
                        id: panelist,
                    });
                }
                panel_core::people::set_panelist_identity(tx, panelist, identity.as_deref())
            })?;
            if json {
                return print_json(&person);
            }
            match &person.identity_fingerprint {
                Some(fp) => eprintln!("{}'s identity recorded: fingerprint {fp}", person.name),
                None => eprintln!("{} has no identity recorded", person.name),
            }
            Ok(())
        }
        PlanCommand::RemovePanelist {
            id,
            panelist,
            disclosure,
        } => {
            let disclosure = disclosure.disclosure();
            db.with_tx(|tx| plans::remove_panelist(tx, id, panelist, disclosure.as_ref()))?;
            Ok(())
        }
        PlanCommand::Split { id, coverage, json } => {
            db.with_tx(|tx| plans::split_plan(tx, id, coverage))?;
            let detail = plans::show(db.conn(), id)?;
            for warning in &detail.warnings {
                eprintln!("warning: {warning}");
            }
            if json {
                print_json(&detail)
            } else {
                print_detail(&detail)
            }
        }
        PlanCommand::Edit {
            id,
            candidate,
            level,
            role,
            date,
            time,
        } => {
            let current = plans::show(db.conn(), id)?;
            let starts_at = match date {
                Some(_) => parse_start(date.as_deref(), time.as_deref())?.map(|t| t.to_rfc3339()),
                None => current.header.starts_at.clone(),
            };
            let plan = NewPlan {
                candidate: candidate.unwrap_or(current.header.candidate),
                email: current.header.email,
                level: match level {
                    Some(l) => parse_level(&l)?,
                    None => current.header.level,
                },
                role_title: Some(role.unwrap_or(current.header.role_title)),
                starts_at,
                panel_lead: Some(current.header.panel_lead),
                recruiter: Some(current.recruiter),
                notes: Some(current.notes),
            };
            db.with_tx(|tx| plans::update(tx, id, &plan))?;
            Ok(())
        }
        PlanCommand::Status { id, status } => {
            let to = parse_status(&status)?;
            db.with_tx(|tx| plans::set_status(tx, id, to))?;
            Ok(())
        }
        PlanCommand::Duplicate { id } => {
            let copy = db.with_tx(|tx| plans::duplicate(tx, id))?;
            print_id(copy, false)
        }
        PlanCommand::Archive { id, undo } => {
            db.with_tx(|tx| plans::archive(tx, id, !undo))?;
            Ok(())
        }
        PlanCommand::Ics { id, output } => {
            let written =
                panel_core::export::calendar(db.conn(), id, &crate::output_path(&output)?)?;
            eprintln!("wrote {}", written.path);
            Ok(())
        }
        PlanCommand::Assign {
            id,
            question,
            panelist,
            fixed,
        } => {
            db.with_tx(|tx| plans::assign(tx, id, question, panelist, fixed))?;
            Ok(())
        }
    }
}

/// A new id alone on stdout, or `{"id": …}` with `--json` (CLI.md).
pub(crate) fn print_id(id: i64, json: bool) -> Result<(), Failure> {
    if json {
        print_json(&serde_json::json!({ "id": id }))
    } else {
        writeln!(std::io::stdout().lock(), "{id}")?;
        Ok(())
    }
}
