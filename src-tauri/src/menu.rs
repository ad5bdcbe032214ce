//! The native menu bar: File, Edit, View and Help, whose accelerators are the app's keyboard
//! shortcuts (Ctrl+N, Ctrl+O, Ctrl+1…4, zoom, Ctrl+W, Ctrl+Q).
//!
//! GTK gives a window's accelerators the key before the page, so each shortcut has one home:
//! the menu. What belongs to the page (go to a screen, import a file, export what the screen
//! shows, show the shortcuts) is sent to the window as a `menu` event carrying the item's id, and
//! `ui/src/shell/menu.ts` acts on it as the screen allows (interview mode and the debrief meeting
//! ignore navigation). Editing (cut, copy, paste, undo, redo, select all) is WebKit's own editing
//! command on the focused field, and zoom is the webview's: neither needs the page's help.
//!
//! The Export submenu follows the screen: the page tells the shell which exports it offers
//! (`set_menu_exports`), and the others are greyed out.

use std::sync::Mutex;

use panel_core::recent::{Action, RecentFile};
use tauri::menu::{
    AboutMetadataBuilder, Menu, MenuBuilder, MenuEvent, MenuItem, MenuItemBuilder,
    PredefinedMenuItem, Submenu, SubmenuBuilder,
};
use tauri::{AppHandle, Emitter, Manager, Wry};

/// Event the window hears when a menu item for the page is chosen; its payload is the item id.
pub const MENU_EVENT: &str = "menu";

/// The exports the Export submenu can offer: the id the page marks its button with
/// (`data-menu-export`) and the item's label.
pub const EXPORTS: [(&str, &str); 5] = [
    ("packet", "Debrief packet (PDF)…"),
    ("scorecard", "Scorecard file…"),
    ("calendar", "Calendar invitation (.ics)…"),
    ("candidate-data", "Candidate data…"),
    ("pack", "Question pack…"),
];

/// Zoom steps and limits, as the page's zoom keys had them (20 % a step).
const ZOOM_STEP: f64 = 0.2;
const ZOOM_MIN: f64 = 0.4;
const ZOOM_MAX: f64 = 3.0;

/// What the shell remembers about the menu: the export items (to grey out), the zoom, and the
/// Recent files submenu with the files it lists (by position).
pub struct MenuState {
    exports: Vec<(&'static str, MenuItem<Wry>)>,
    zoom: Mutex<f64>,
    recent: Submenu<Wry>,
    recent_files: Mutex<RecentShown>,
}

/// What File → Recent files shows: the files, by position (chosen items are looked up by it),
/// the number of the read they came from, and whether the submenu was built whole from them.
#[derive(Default)]
struct RecentShown {
    files: Vec<RecentFile>,
    read: u64,
    whole: bool,
}

impl MenuState {
    /// Greys out every export but `offered`.
    pub fn offer_exports(&self, offered: &[String]) {
        for (id, item) in &self.exports {
            let on = offered.iter().any(|o| o == id);
            if let Err(e) = item.set_enabled(on) {
                tracing::warn!("could not update the Export menu: {e}");
            }
        }
    }
}

/// Builds the menu bar (given to `tauri::Builder::menu`) and keeps its state in `app`.
pub fn build(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let page = |id: &str, text: &str, accelerator: Option<&str>| {
        let item = MenuItemBuilder::with_id(id, text);
        match accelerator {
            Some(keys) => item.accelerator(keys),
            None => item,
        }
        .build(app)
    };

    let mut exports = Vec::new();
    let mut export = SubmenuBuilder::new(app, "Export");
    for (id, label) in EXPORTS {
        let item = MenuItemBuilder::with_id(format!("export:{id}"), label)
            .enabled(false)
            .build(app)?;
        export = export.item(&item);
        exports.push((id, item));
    }
    // Filled once the database is open (`AppState::show_recent_files`).
    let recent = SubmenuBuilder::new(app, "Recent files")
        .item(
            &MenuItemBuilder::new("No recent files")
                .enabled(false)
                .build(app)?,
        )
        .build()?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&page("new-plan", "New plan", Some("Ctrl+N"))?)
        .item(&page("open-file", "Open file…", Some("Ctrl+O"))?)
        .item(&recent)
        .separator()
        .item(&export.build()?)
        .separator()
        .item(&page("close-window", "Close window", Some("Ctrl+W"))?)
        .item(&page("quit", "Quit", Some("Ctrl+Q"))?)
        .build()?;

    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&page("edit:Undo", "Undo", Some("Ctrl+Z"))?)
        .item(&page("edit:Redo", "Redo", Some("Ctrl+Shift+Z"))?)
        .separator()
        .item(&page("edit:Cut", "Cut", Some("Ctrl+X"))?)
        .item(&page("edit:Copy", "Copy", Some("Ctrl+C"))?)
        .item(&page("edit:Paste", "Paste", Some("Ctrl+V"))?)
        .item(&page("edit:SelectAll", "Select all", Some("Ctrl+A"))?)
        .build()?;

    let theme = SubmenuBuilder::new(app, "Theme")
        .item(&page("theme:system", "As the system", None)?)
        .item(&page("theme:light", "Light", None)?)
        .item(&page("theme:dark", "Dark", None)?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&page("go:plans", "Plans", Some("Ctrl+1"))?)
        .item(&page("go:bank", "Question bank", Some("Ctrl+2"))?)
        .item(&page("go:data", "Data & backups", Some("Ctrl+3"))?)
        .item(&page("go:calibration", "Calibration", Some("Ctrl+4"))?)
        .separator()
        .item(&theme)
        .separator()
        .item(&page("zoom:in", "Zoom in", Some("Ctrl+="))?)
        .item(&page("zoom:out", "Zoom out", Some("Ctrl+-"))?)
        .item(&page("zoom:reset", "Actual size", Some("Ctrl+0"))?)
        .build()?;

    let about = AboutMetadataBuilder::new()
        .name(Some("Hiring Panel"))
        .version(Some(env!("CARGO_PKG_VERSION")))
        .comments(Some(
            "Structured interview panels, on your own machine.\n\
             Fonts: Inter (window) and Noto Sans (PDFs), SIL Open Font License 1.1.\n\
             Built on Tauri, WebKitGTK, SQLite and other open-source libraries under the MIT, \
             Apache-2.0, BSD, ISC, Zlib, Unicode, MPL-2.0 and public-domain licences \
             (the full list: deny.toml and Cargo.lock in the source).",
        ))
        .copyright(Some("Copyright the Hiring Panel authors"))
        .build();
    let help = SubmenuBuilder::new(app, "Help")
        .item(&page("shortcuts", "Keyboard shortcuts", Some("F1"))?)
        .item(&page("data-folder", "Open the data folder", None)?)
        .separator()
        .item(&PredefinedMenuItem::about(
            app,
            Some("About Hiring Panel"),
            Some(about),
        )?)
        .build()?;

    app.manage(MenuState {
        exports,
        zoom: Mutex::new(1.0),
        recent,
        recent_files: Mutex::default(),
    });
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()
}

/// Acts on a chosen menu item: in the shell when it can, else tells the page.
pub fn on_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref();
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let done = match id {
        "close-window" => window.close(),
        // Through the window's close request, so the page saves what is typed first.
        "quit" => window.close(),
        _ if id.starts_with("edit:") => {
            let command = id.trim_start_matches("edit:").to_string();
            window.with_webview(move |webview| edit(&webview, &command))
        }
        _ if id.starts_with("zoom:") => zoom(app, &window, id),
        "data-folder" => {
            open_data_folder(app);
            Ok(())
        }
        _ if id.starts_with("recent:") => {
            open_recent(app, id.trim_start_matches("recent:"));
            Ok(())
        }
        _ => window.emit(MENU_EVENT, id),
    };
    if let Err(e) = done {
        tracing::warn!("the menu item {id} did nothing: {e}");
    }
}

/// WebKit's editing command (`Cut`, `Copy`, `Paste`, `SelectAll`, `Undo`, `Redo`) on the focused
/// field, as the field's own keys would have done.
#[cfg(target_os = "linux")]
fn edit(webview: &tauri::webview::PlatformWebview, command: &str) {
    use webkit2gtk::WebViewExt;
    webview.inner().execute_editing_command(command);
}

#[cfg(not(target_os = "linux"))]
fn edit(_: &tauri::webview::PlatformWebview, command: &str) {
    tracing::warn!("{command} from the menu is only wired on Linux");
}

/// Zooms the page in, out or back to 100 %, and remembers the level for the next start.
fn zoom(app: &AppHandle, window: &tauri::WebviewWindow, id: &str) -> tauri::Result<()> {
    let state = app.state::<MenuState>();
    let mut level = state.zoom.lock().unwrap_or_else(|p| p.into_inner());
    *level = match id {
        "zoom:in" => (*level + ZOOM_STEP).min(ZOOM_MAX),
        "zoom:out" => (*level - ZOOM_STEP).max(ZOOM_MIN),
        _ => 1.0,
    };
    // Steps of 0.2 add up to 1.9999…: keep the level on its step.
    *level = (*level * 10.0).round() / 10.0;
    window.set_zoom(*level)?;
    if let Some(file) = zoom_file(app) {
        let written = match file.parent().map_or(Ok(()), std::fs::create_dir_all) {
            Ok(()) => panel_core::files::write_atomically(&file, level.to_string().as_bytes())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = written {
            tracing::warn!("the zoom level will not be remembered: {e}");
        }
    }
    Ok(())
}

/// Where the zoom level is kept between starts: beside the window's size and position (the
/// window-state plugin's file), in the app's configuration folder.
fn zoom_file(app: &AppHandle) -> Option<std::path::PathBuf> {
    use tauri::Manager as _;
    app.path().app_config_dir().ok().map(|dir| dir.join("zoom"))
}

/// Puts the page back at the zoom level it had when the app last closed.
pub fn restore_zoom(app: &AppHandle) {
    let Some(level) = zoom_file(app)
        .and_then(|file| std::fs::read_to_string(file).ok())
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|level| (ZOOM_MIN..=ZOOM_MAX).contains(level))
    else {
        return;
    };
    *app.state::<MenuState>()
        .zoom
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = level;
    if let Some(window) = app.get_webview_window("main") {
        if let Err(e) = window.set_zoom(level) {
            tracing::warn!("could not restore the zoom level: {e}");
        }
    }
}

/// Opens the data folder in the file manager (a D-Bus call that may wait for it to start: on its
/// own thread, not where the window's events are handled).
fn open_data_folder(app: &AppHandle) {
    use tauri_plugin_opener::OpenerExt;
    let Some(dir) = app
        .state::<crate::AppState>()
        .data_dir()
        .map(|d| d.display().to_string())
    else {
        tracing::warn!("there is no data folder to open");
        return;
    };
    let app = app.clone();
    std::thread::spawn(move || {
        if let Err(e) = app.opener().open_path(&dir, None::<&str>) {
            tracing::warn!("could not open the data folder {dir}: {e}");
        }
    });
}

/// Shows `files` (newest first) under File → Recent files: each by its name and what was done
/// with it; a file that is no longer there is listed as missing and cannot be chosen.
///
/// Returns at once: the submenu is rebuilt in one task on the main thread. Called from a worker,
/// each menu call would otherwise be a round trip to the main thread (about forty for a full
/// list), and the export or import that changed the list would answer only after them all.
/// `read` numbers the database read `files` came from: a task that arrives after a newer read's
/// is dropped (a purge's list is never replaced by an older one listing the purged files). A
/// list that shows the same as the one built whole (the same file exported again) is left alone.
pub fn show_recent(app: &AppHandle, read: u64, files: Vec<RecentFile>) {
    let handle = app.clone();
    let shown = app.run_on_main_thread(move || {
        let state = handle.state::<MenuState>();
        let mut shown = state.recent_files.lock().unwrap_or_else(|p| p.into_inner());
        if read < shown.read {
            return;
        }
        let same = |a: &RecentFile, b: &RecentFile| {
            (&a.path, a.action, a.exists) == (&b.path, b.action, b.exists)
        };
        let unchanged = shown.whole
            && shown.files.len() == files.len()
            && shown.files.iter().zip(&files).all(|(a, b)| same(a, b));
        if !unchanged {
            shown.whole = match fill_recent(&handle, &state.recent, &files) {
                Ok(()) => true,
                Err(e) => {
                    tracing::warn!("File → Recent files could not be updated: {e}");
                    false
                }
            };
        }
        *shown = RecentShown {
            files,
            read,
            whole: shown.whole,
        };
    });
    if let Err(e) = shown {
        tracing::warn!("File → Recent files could not be updated: {e}");
    }
}

/// Replaces the Recent files submenu's items with `files` (on the main thread).
fn fill_recent(app: &AppHandle, recent: &Submenu<Wry>, files: &[RecentFile]) -> tauri::Result<()> {
    for item in recent.items()? {
        recent.remove(&item)?;
    }
    if files.is_empty() {
        let none = MenuItemBuilder::new("No recent files")
            .enabled(false)
            .build(app)?;
        return recent.append(&none);
    }
    for (i, file) in files.iter().enumerate() {
        let name = std::path::Path::new(&file.path)
            .file_name()
            .map_or(file.path.clone(), |n| n.to_string_lossy().into_owned());
        let done = match file.action {
            Action::Imported => "imported",
            Action::Exported => "exported",
        };
        let label = if file.exists {
            format!("{name} ({done})")
        } else {
            format!("{name} ({done}, missing)")
        };
        let item = MenuItemBuilder::with_id(format!("recent:{i}"), label)
            .enabled(file.exists)
            .build(app)?;
        recent.append(&item)?;
    }
    recent.append(&PredefinedMenuItem::separator(app)?)?;
    recent.append(&MenuItemBuilder::with_id("recent:clear", "Clear the list").build(app)?)
}

/// A Recent files item: an exported file opens in the system's viewer, an imported one is
/// imported again (the importer says if it already was), "Clear the list" empties it. Off the
/// main thread: the database and the desktop may both make it wait.
fn open_recent(app: &AppHandle, which: &str) {
    let app = app.clone();
    let which = which.to_string();
    std::thread::spawn(move || {
        let state = app.state::<crate::AppState>();
        if which == "clear" {
            if let Err(e) = state.with_db(|db| panel_core::recent::clear(db.conn())) {
                tracing::warn!("Recent files were not cleared: {}", e.message);
            }
            state.show_recent_files();
            return;
        }
        let file = which.parse::<usize>().ok().and_then(|i| {
            let files = app.state::<MenuState>();
            let shown = files.recent_files.lock().unwrap_or_else(|p| p.into_inner());
            shown.files.get(i).cloned()
        });
        let Some(file) = file else { return };
        match file.action {
            Action::Exported => {
                use tauri_plugin_opener::OpenerExt;
                if let Err(e) = app.opener().open_path(&file.path, None::<&str>) {
                    tracing::warn!("could not open {}: {e}", file.path);
                }
            }
            // As if the file manager handed it over: the page's importer takes it from here.
            Action::Imported => {
                state.queue_opened_files([file.path.clone()], std::path::Path::new("/"));
                if let Err(e) = app.emit(crate::OPENED_FILES_EVENT, ()) {
                    tracing::warn!("could not hand {} to the window: {e}", file.path);
                }
            }
        }
    });
}
