//! The first screen's data travels with the page.
//!
//! At start-up the window and its webview take half a second before the page is even asked for,
//! while the database is open on another thread within milliseconds. So the shell reads what the
//! Plans list first shows (`start_app` for the unfiltered first page) on its own thread as soon
//! as the process starts, and puts the answer into `index.html` as it is served: a
//! `<script type="application/json" id="hp-start">` block, which the UI reads instead of making
//! its first round trip (the webview's first IPC is its slowest). A JSON block is data, never
//! run, so the page's content security policy (`script-src 'self'`) is untouched.
//!
//! The answer is given once: a reload asks `start_app` like before. If it is not ready when the
//! page is asked for (a slow disk), or there is no early read-only connection (a database the
//! full open must migrate or check first), the page is served as built and the UI asks.

use std::borrow::Cow;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use panel_core::plans::PlanQuery;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{Assets, Context, Runtime};

use crate::AppState;

/// The id of the JSON block the UI looks for (`ui/src/ipc/firstScreen.ts`).
const BLOCK_ID: &str = "hp-start";

/// How long serving the page may wait for the answer. The read takes milliseconds and starts
/// half a second before the page is asked for; waiting longer than the round trip it saves
/// would make a slow start slower.
const WAIT_AT_MOST: Duration = Duration::from_millis(60);

/// The first screen's answer, from the thread reading it to the page that carries it.
#[derive(Default)]
pub struct FirstScreen {
    slot: Mutex<Slot>,
    done: Condvar,
}

#[derive(Default)]
enum Slot {
    /// The thread is reading.
    #[default]
    Reading,
    /// The answer, as the JSON `start_app` would send.
    Ready(String),
    /// Given to the page, or nothing to give.
    Gone,
}

impl FirstScreen {
    /// Starts reading the first screen on its own thread.
    pub fn read_ahead(state: &AppState) -> Arc<FirstScreen> {
        let first = Arc::new(FirstScreen::default());
        let (state, reading) = (state.clone(), first.clone());
        let spawned = std::thread::Builder::new()
            .name("first-screen".into())
            .spawn(move || {
                let started = std::time::Instant::now();
                let json = crate::commands::app::start_read_early(&state, &PlanQuery::first_page())
                    .and_then(|start| serde_json::to_string(&start).ok());
                tracing::debug!(
                    "first screen read ahead in {} ms ({})",
                    started.elapsed().as_millis(),
                    if json.is_some() {
                        "ready for the page"
                    } else {
                        "the page will ask"
                    }
                );
                reading.settle(json);
            });
        if let Err(e) = spawned {
            tracing::warn!("the first screen will be asked for by the page: {e}");
            first.settle(None);
        }
        first
    }

    /// Keeps the answer for the page, unless the page was already served without it.
    fn settle(&self, json: Option<String>) {
        let mut slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        if matches!(*slot, Slot::Reading) {
            *slot = json.map_or(Slot::Gone, Slot::Ready);
        }
        self.done.notify_all();
    }

    /// The answer, once, waiting for it at most [`WAIT_AT_MOST`].
    fn take(&self) -> Option<String> {
        let slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        let (mut slot, _) = self
            .done
            .wait_timeout_while(slot, WAIT_AT_MOST, |slot| matches!(slot, Slot::Reading))
            .unwrap_or_else(|p| p.into_inner());
        match std::mem::replace(&mut *slot, Slot::Gone) {
            Slot::Ready(json) => Some(json),
            Slot::Reading => {
                tracing::info!("the first screen was not read in time; the page will ask for it");
                None
            }
            Slot::Gone => None,
        }
    }
}

impl FirstScreen {
    /// `context` serving the answer in its `index.html`.
    pub fn carried_by<R: Runtime>(self: Arc<Self>, mut context: Context<R>) -> Context<R> {
        let built = context.set_assets(Box::new(NoAssets));
        context.set_assets(Box::new(WithFirstScreen { built, first: self }));
        context
    }
}

/// The app's built assets, with the first screen's answer put into `index.html` the first time
/// it is served.
struct WithFirstScreen<R: Runtime> {
    built: Box<dyn Assets<R>>,
    first: Arc<FirstScreen>,
}

/// Held by the context for the instant the built assets are taken out to be wrapped.
struct NoAssets;

impl<R: Runtime> Assets<R> for NoAssets {
    fn get(&self, _: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

impl<R: Runtime> Assets<R> for WithFirstScreen<R> {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let page = self.built.get(key)?;
        if key.as_ref().trim_start_matches('/') != "index.html" {
            return Some(page);
        }
        match self.first.take() {
            Some(json) => Some(Cow::Owned(with_block(&page, &json))),
            None => Some(page),
        }
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.built.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.built.csp_hashes(html_path)
    }
}

/// `page` with the JSON block before `</head>` (at the end if there is no head). Every `<` in the
/// JSON is written `\u003c`, the same string to a JSON parser, so no text a user typed (a
/// candidate named `</script>`) can end the block early.
fn with_block(page: &[u8], json: &str) -> Vec<u8> {
    let page = String::from_utf8_lossy(page);
    let block = format!(
        r#"<script type="application/json" id="{BLOCK_ID}">{}</script>"#,
        json.replace('<', "\\u003c")
    );
    match page.find("</head>") {
        Some(at) => format!("{}{block}{}", &page[..at], &page[at..]),
        None => format!("{page}{block}"),
    }
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_goes_in_the_head_and_no_typed_text_can_close_it() {
        let page = b"<html><head><title>x</title></head><body></body></html>";
        let json = r#"{"name":"</script><script>alert(1)</script>"}"#;
        let out = String::from_utf8(with_block(page, json)).unwrap();
        assert_eq!(out.matches("</script>").count(), 1, "{out}");
        assert!(out
            .contains(r#"<script type="application/json" id="hp-start">{"name":"\u003c/script>"#));
        assert!(out.find("hp-start").unwrap() < out.find("</head>").unwrap());
        let inner = out
            .split_once("id=\"hp-start\">")
            .unwrap()
            .1
            .split_once("</script>")
            .unwrap()
            .0;
        let back: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn the_answer_is_given_once() {
        let first = FirstScreen::default();
        first.settle(Some("{}".into()));
        assert_eq!(first.take().as_deref(), Some("{}"));
        assert_eq!(first.take(), None);
    }

    #[test]
    fn an_answer_that_is_late_is_not_waited_for() {
        let first = FirstScreen::default();
        assert_eq!(first.take(), None);
        // Arriving after the page was served, it is not given to a reload either.
        first.settle(Some("{}".into()));
        assert_eq!(first.take(), None);
    }
}
