//! Hiring Panel's core: everything the desktop app and `panelctl` share.
//!
//! The desktop shell (`hiring-panel`) and the command-line tool (`panelctl`) are thin faces over
//! this crate. It owns the domain types, the SQLite store and the built-in question bank, and it
//! deliberately has no dependency on Tauri, so the whole domain builds and tests on a machine
//! without WebKitGTK.
#![deny(missing_docs)]

pub mod audit;
pub mod backup;
pub mod bank;
pub mod calibration;
pub mod capability;
pub mod data_dir;
pub mod db;
pub mod debrief;
pub mod dice;
pub mod draft_journal;
pub mod error;
pub mod exchange;
pub mod export;
pub mod files;
pub mod health;
pub mod identity;
pub mod ids;
mod json_file;
pub mod pdf;
pub mod people;
pub mod plans;
pub mod privacy;
pub mod recent;
pub mod scorecards;
mod slug;
pub mod split;
pub mod team;
pub mod time;
pub mod vocabulary;

pub use capability::{Capability, Level};
pub use db::Db;
pub use error::{Error, ErrorCode, ErrorPayload, Result};
