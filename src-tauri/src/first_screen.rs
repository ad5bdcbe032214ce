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
//! The same thread then renders that answer into the Plans list's markup (`first_paint.rs`),
//! which goes into the page's `#app` (marked `data-rendered-by-shell`, so the UI hydrates it), and
//! the window paints the list before the app's script has run (the page's small entry script only
//! waits for the list's font, `ui/src/main.ts`). A page asked for before the
//! render is done waits for it at most the same 60 ms, then goes with the data alone.
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

/// The element the UI mounts in, as the built `index.html` has it.
const APP_ELEMENT: &str = r#"<div id="app"></div>"#;

/// The attribute that tells the UI its element holds the first screen already rendered
/// (`RENDERED_BY_SHELL` in `ui/src/lib/renderedByShell.ts`).
const RENDERED_BY_SHELL: &str = "data-rendered-by-shell";

/// How long serving the page may wait for the answer. The read takes milliseconds and starts
/// half a second before the page is asked for; waiting longer than the round trip it saves
/// would make a slow start slower.
const WAIT_AT_MOST: Duration = Duration::from_millis(60);

/// What the page is served with: the start-up answer and, if it could be rendered, its markup.
#[derive(Debug, PartialEq)]
struct Answer {
    json: String,
    markup: Option<String>,
}

/// The first screen's answer, from the thread reading it to the page that carries it.
#[derive(Default)]
pub struct FirstScreen {
    slot: Mutex<Slot>,
    done: Condvar,
    /// Whether the window and its webview exist: rendering waits for it (`first_paint.rs`).
    webview: Mutex<bool>,
    webview_made: Condvar,
}

/// How long rendering waits for the window before giving up the head start (a window that takes
/// this long has bigger problems; the page then draws its first screen).
const WEBVIEW_WAITED_AT_MOST: Duration = Duration::from_secs(2);

#[derive(Default)]
enum Slot {
    /// The thread is reading.
    #[default]
    Reading,
    /// The answer, as the JSON `start_app` would send, and the first screen rendered from it;
    /// `rendering` while the markup is still being made (the page may be served without it).
    Ready { answer: Answer, rendering: bool },
    /// Given to the page, or nothing to give.
    Gone,
}

impl FirstScreen {
    /// Starts reading the first screen on its own thread, and rendering it with `renderer` (the
    /// UI's server-rendering script, `first_paint.rs`) when there is one.
    pub fn read_ahead(state: &AppState, renderer: Option<String>) -> Arc<FirstScreen> {
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
                // The data first: a page asked for before the render is done still carries it.
                let Some(json) = json else {
                    reading.settle(None, false);
                    return;
                };
                reading.settle(Some(json.clone()), renderer.is_some());
                if let Some(script) = renderer.filter(|_| reading.await_webview()) {
                    reading.rendered(crate::first_paint::render(&script, &json));
                } else {
                    reading.rendered(None);
                }
            });
        if let Err(e) = spawned {
            tracing::warn!("the first screen will be asked for by the page: {e}");
            first.settle(None, false);
        }
        first
    }

    /// The window and its webview have been created: the first screen may be rendered now.
    pub fn webview_created(&self) {
        *self.webview.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.webview_made.notify_all();
    }

    /// Waits (at most [`WEBVIEW_WAITED_AT_MOST`]) for `webview_created`; whether it came.
    fn await_webview(&self) -> bool {
        let made = self.webview.lock().unwrap_or_else(|p| p.into_inner());
        let (made, _) = self
            .webview_made
            .wait_timeout_while(made, WEBVIEW_WAITED_AT_MOST, |made| !*made)
            .unwrap_or_else(|p| p.into_inner());
        if !*made {
            tracing::warn!("the window was not made in time: the page will draw its first screen");
        }
        *made
    }

    /// Keeps the answer's data for the page, unless the page was already served without it;
    /// `rendering` if its markup is being made.
    fn settle(&self, json: Option<String>, rendering: bool) {
        let mut slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        if matches!(*slot, Slot::Reading) {
            *slot = json.map_or(Slot::Gone, |json| Slot::Ready {
                answer: Answer { json, markup: None },
                rendering,
            });
        }
        self.done.notify_all();
    }

    /// Adds the rendered markup (none if it could not be made) to the answer the page has not
    /// taken yet.
    fn rendered(&self, markup: Option<String>) {
        let mut slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        if let Slot::Ready { answer, rendering } = &mut *slot {
            answer.markup = markup;
            *rendering = false;
        }
        self.done.notify_all();
    }

    /// The answer, once, waiting at most [`WAIT_AT_MOST`] for it and its markup; after that, the
    /// data without the markup (the page draws the screen itself), or nothing.
    fn take(&self) -> Option<Answer> {
        let slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        let (mut slot, _) = self
            .done
            .wait_timeout_while(slot, WAIT_AT_MOST, |slot| {
                matches!(
                    slot,
                    Slot::Reading
                        | Slot::Ready {
                            rendering: true,
                            ..
                        }
                )
            })
            .unwrap_or_else(|p| p.into_inner());
        match std::mem::replace(&mut *slot, Slot::Gone) {
            Slot::Ready { answer, rendering } => {
                if rendering {
                    tracing::info!("the first screen was not rendered in time; the page draws it");
                }
                Some(answer)
            }
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
            Some(answer) => Some(Cow::Owned(with_answer(&page, &answer))),
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

/// `page` with the answer: the JSON block before `</head>` (at the end if there is no head), and
/// the rendered first screen, if any, inside the app's element. Every `<` in the JSON is written
/// `\u003c`, the same string to a JSON parser, so no text a user typed (a candidate named
/// `</script>`) can end the block early; the markup escapes typed text itself (Svelte's server
/// renderer writes text and attributes escaped).
fn with_answer(page: &[u8], answer: &Answer) -> Vec<u8> {
    let mut page = String::from_utf8_lossy(page).into_owned();
    if let Some(markup) = &answer.markup {
        if let Some(at) = page.find(APP_ELEMENT) {
            let rendered = format!(r#"<div id="app" {RENDERED_BY_SHELL}>{markup}</div>"#);
            page.replace_range(at..at + APP_ELEMENT.len(), &rendered);
        } else {
            tracing::warn!("index.html has no {APP_ELEMENT}: the page will draw its first screen");
        }
    }
    let block = format!(
        r#"<script type="application/json" id="{BLOCK_ID}">{}</script>"#,
        answer.json.replace('<', "\\u003c")
    );
    match page.find("</head>") {
        Some(at) => page.insert_str(at, &block),
        None => page.push_str(&block),
    }
    page.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: &str, markup: Option<&str>) -> Answer {
        Answer {
            json: json.into(),
            markup: markup.map(Into::into),
        }
    }

    const PAGE: &[u8] =
        br#"<html><head><title>x</title></head><body><div id="app"></div></body></html>"#;

    #[test]
    fn the_block_goes_in_the_head_and_no_typed_text_can_close_it() {
        let json = r#"{"name":"</script><script>alert(1)</script>"}"#;
        let out = String::from_utf8(with_answer(PAGE, &answer(json, None))).unwrap();
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
        assert!(
            out.contains(r#"<div id="app"></div>"#),
            "no markup, no rendered mark: {out}"
        );
    }

    #[test]
    fn the_rendered_screen_goes_in_the_app_element_marked_for_hydration() {
        let out =
            String::from_utf8(with_answer(PAGE, &answer("{}", Some("<h1>Plans</h1>")))).unwrap();
        assert!(
            out.contains(
                r#"<body><div id="app" data-rendered-by-shell><h1>Plans</h1></div></body>"#
            ),
            "{out}"
        );
        assert!(out.contains(r#"<script type="application/json" id="hp-start">{}</script></head>"#));
    }

    #[test]
    fn the_answer_is_given_once() {
        let first = FirstScreen::default();
        first.settle(Some("{}".into()), true);
        first.rendered(Some("<p></p>".into()));
        assert_eq!(first.take(), Some(answer("{}", Some("<p></p>"))));
        assert_eq!(first.take(), None);
    }

    #[test]
    fn an_answer_that_is_late_is_not_waited_for() {
        let first = FirstScreen::default();
        assert_eq!(first.take(), None);
        // Arriving after the page was served, it is not given to a reload either.
        first.settle(Some("{}".into()), false);
        assert_eq!(first.take(), None);
    }

    #[test]
    fn a_render_that_is_late_leaves_the_page_its_data() {
        let first = FirstScreen::default();
        first.settle(Some("{}".into()), true);
        assert_eq!(first.take(), Some(answer("{}", None)));
        // The markup arriving after the page was served is not given to a reload.
        first.rendered(Some("<p></p>".into()));
        assert_eq!(first.take(), None);
    }
}
