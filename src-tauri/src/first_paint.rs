//! The first screen, rendered by the shell, so the window paints it before the page's script runs.
//!
//! At start-up the window shows nothing until the page's script has arrived, been parsed and run,
//! and has drawn the Plans list: about 75 ms of a start on the benchmark machine, most of the
//! app's difference from a bare Tauri window (BENCHMARKS.md, start-up). The shell already reads the
//! first screen's data on its own thread while the window starts (`first_screen.rs`). Here that
//! thread also renders it: the UI's own components, built for Svelte's server renderer
//! (`ui/src/firstScreen.server.ts`, one script in `ui/dist/shell/`), run in a JavaScriptCore
//! context (the library WebKitGTK is built on, already in the process), and the markup goes into
//! the page's `#app`. The webview paints it with the page's HTML, CSS and font, once the page's
//! small entry script (`ui/src/main.ts`) has seen that font loaded; the app's script
//! (`ui/src/boot.ts`), loaded after that paint, then hydrates it. The same components draw both,
//! so the screen has one home.
//!
//! Anything that goes wrong here (no script, an exception, no markup) only costs the head start:
//! the page is served without markup and the script draws the screen, as before.
//!
//! **When, and when not.** The thread renders once the shell says the window and its webview
//! exist (`FirstScreen::webview_created`, from the setup hook), so WebKit has set itself up in
//! the process before a JavaScriptCore context of ours does: that is about 120 ms before the page
//! is asked for, against some 20 ms of render. And it does not render at all when WebKit's remote
//! inspector is to connect out (`WEBKIT_INSPECTOR_SERVER`, set for WebDriver sessions): a context
//! of ours sets up the process's one remote inspector too, and with it made on our thread, or
//! before the webview's, the WebDriver session waited forever (most starts, not all). The
//! WebDriver tests then see the page draw its first screen, as before; the shell's render and
//! its hydration in the real app are checked by a start without WebDriver
//! (`tests/e2e/tests/desktop.rs`), and the markup by this module's tests.

use std::time::Instant;

/// Where the UI's build puts the server-rendering script among the app's assets.
pub const SCRIPT_ASSET: &str = "shell/first-screen.js";

/// The global function the script defines: start-up answer (JSON) in, `#app`'s markup out.
const RENDER_FUNCTION: &str = "renderFirstScreen";

/// Set when WebKit's remote inspector is to connect out (WebDriver sessions, remote inspection).
const REMOTE_INSPECTOR_VAR: &str = "WEBKIT_INSPECTOR_SERVER";

/// The server-rendering script of the app's assets, if the build has one and the first screen
/// may be rendered in this process.
pub fn script<R: tauri::Runtime>(context: &tauri::Context<R>) -> Option<String> {
    if std::env::var_os(REMOTE_INSPECTOR_VAR).is_some() {
        tracing::info!(
            "{REMOTE_INSPECTOR_VAR} is set: the page draws its first screen (a JavaScriptCore \
             context of the shell's own would keep WebKit's remote inspector from connecting)"
        );
        return None;
    }
    let script = context.assets().get(&SCRIPT_ASSET.into());
    if script.is_none() {
        tracing::warn!("the UI build has no {SCRIPT_ASSET}: the page will draw its first screen");
    }
    script.map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// The markup of the first screen for `start_json` (what `start_app` answers), rendered by
/// `script`; `None`, with the reason logged, if it cannot be.
pub fn render(script: &str, start_json: &str) -> Option<String> {
    let started = Instant::now();
    let markup = javascript::render(script, start_json);
    match &markup {
        Ok(markup) => tracing::debug!(
            "first screen rendered in {} ms ({} bytes)",
            started.elapsed().as_millis(),
            markup.len()
        ),
        Err(e) => tracing::warn!(
            "the first screen could not be rendered ahead ({e}); the page will draw it"
        ),
    }
    markup.ok()
}

#[cfg(target_os = "linux")]
mod javascript {
    use javascriptcore::{Context, ContextExt, ExceptionExt, Value, ValueExt};

    /// Evaluates `script` in a fresh context and calls its render function with `start_json`.
    pub fn render(script: &str, start_json: &str) -> Result<String, String> {
        let context = Context::new();
        context.evaluate_with_source_uri(script, super::SCRIPT_ASSET, 1);
        thrown(&context)?;
        let render = context
            .value(super::RENDER_FUNCTION)
            .filter(|f| f.is_function())
            .ok_or_else(|| format!("the script defines no {}()", super::RENDER_FUNCTION))?;
        let markup = render.function_callv(&[Value::new_string(&context, Some(start_json))]);
        thrown(&context)?;
        match markup {
            Some(markup) if markup.is_string() => Ok(markup.to_str().to_string()),
            _ => Err("the render returned no markup".into()),
        }
    }

    /// The exception the last call left in `context`, as an error.
    fn thrown(context: &Context) -> Result<(), String> {
        match context.exception() {
            Some(e) => Err(e
                .report()
                .map_or_else(|| "an exception".to_string(), |r| r.to_string())),
            None => Ok(()),
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod javascript {
    /// Only WebKitGTK's JavaScriptCore is linked; elsewhere the page draws its first screen.
    pub fn render(_script: &str, _start_json: &str) -> Result<String, String> {
        Err("no JavaScriptCore on this platform".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The script as `npm run build` leaves it (the shell crate embeds that build).
    fn built_script() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../ui/dist/shell/first-screen.js"
        );
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e} (run `make ui`)"))
    }

    fn start(candidate: &str) -> String {
        serde_json::json!({
            "status": { "version": "9.9.9", "dataDir": "/data", "schemaVersion": 1,
                        "databaseError": null, "checkingDatabase": false,
                        "testExportDir": null, "testOpenFile": null },
            "plans": { "matching": 1, "total": 1, "plans": [{
                "id": 7, "candidate": candidate, "level": "vp", "roleTitle": "Head of Security",
                "status": "draft", "startsAt": null, "panelistCount": 3, "mode": "lead",
                "submittedCount": 0, "decided": false }] },
            "recovered": []
        })
        .to_string()
    }

    #[test]
    fn the_plans_list_is_rendered_with_its_rows() {
        let markup = render(&built_script(), &start("Amara Okafor")).expect("markup");
        for part in [
            r#"data-testid="plans-table""#,
            r#"data-testid="open-plan-7""#,
            "Amara Okafor",
            "Head of Security",
            "Version 9.9.9",
        ] {
            assert!(markup.contains(part), "{part} missing from {markup}");
        }
    }

    #[test]
    fn typed_text_is_markup_only_as_text() {
        let markup =
            render(&built_script(), &start(r#"</td><script>alert(1)</script>"#)).expect("markup");
        assert!(!markup.contains("<script"), "{markup}");
        assert!(
            markup.contains("&lt;/td>&lt;script>alert(1)&lt;/script>"),
            "{markup}"
        );
    }

    #[test]
    fn a_broken_script_or_answer_renders_nothing() {
        assert_eq!(render("this is not javascript", &start("A")), None);
        assert_eq!(
            render("globalThis.renderFirstScreen = 1", &start("A")),
            None
        );
        assert_eq!(render(&built_script(), "{not json"), None);
    }
}
