//! Thin adapters between the UI and `panel-core`: unpack, call the core, map the error.
//! Every command is `verb_noun` and registered once, in `ipc_builder`.

pub mod app;
pub mod bank;
pub mod data;
pub mod debrief;
pub mod exchange;
pub mod files;
pub mod interview;
pub mod plans;

use std::path::PathBuf;

use panel_core::{Error, ErrorPayload};

/// A path the UI sent (from a dialog): absolute, and with `extension` when one is required, so
/// a command never writes or reads somewhere the user did not choose. `what` names the file in
/// the refusal ("a pack file").
pub(crate) fn user_path(
    path: &str,
    what: &str,
    extension: Option<&str>,
) -> Result<PathBuf, ErrorPayload> {
    let path = PathBuf::from(path);
    let kind_ok = extension.is_none_or(|wanted| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
    });
    if path.is_absolute() && kind_ok {
        return Ok(path);
    }
    let kind = extension.map_or(String::new(), |e| format!(" to a .{e} file"));
    Err(Error::InvalidInput(format!(
        "{what} needs a full path{kind}, not {}",
        path.display()
    ))
    .into())
}
