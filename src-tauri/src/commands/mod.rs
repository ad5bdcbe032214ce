//! Thin adapters between the UI and `panel-core`: unpack, call the core, map the error.
//! Every command is `verb_noun` and registered once, in `ipc_builder`.

pub mod app;
pub mod bank;
pub mod data;
pub mod debrief;
pub mod exchange;
pub mod interview;
pub mod plans;
