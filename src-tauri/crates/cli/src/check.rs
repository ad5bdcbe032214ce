//! `panelctl check`: integrity, schema version and counts, without writing to the database.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use panel_core::health;

use crate::{print_json, Failure};

pub fn run(db_path: &Path, json: bool) -> Result<ExitCode, Failure> {
    let report = health::check(db_path)?;
    if json {
        print_json(&report)?;
    } else {
        let mut out = std::io::stdout().lock();
        let integrity = if report.ok {
            "ok".to_string()
        } else {
            report.integrity.join("; ")
        };
        writeln!(out, "integrity: {integrity}")?;
        writeln!(out, "database: {}", db_path.display())?;
        writeln!(
            out,
            "schema version: {} (this build: {})",
            report.schema_version, report.expected_schema_version
        )?;
        for count in &report.counts {
            writeln!(out, "{}: {}", count.label, count.rows)?;
        }
    }
    if report.ok {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(Failure::Message(
            "the database is damaged; it was not modified".into(),
        ))
    }
}
