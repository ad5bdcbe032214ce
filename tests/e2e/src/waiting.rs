//! Waiting for what the screen shows: an element by test id, CSS or XPath, its text, its
//! absence, a condition in the page. A wait that times out fails with a screenshot and the
//! alerts on screen, so a failure in CI can be read without running it again.

use std::time::{Duration, Instant};

use fantoccini::Locator;

use crate::{Session, UI_TIMEOUT};

impl Session {
    /// Waits for the element with this `data-testid`.
    pub async fn wait_for(&self, test_id: &str) -> fantoccini::elements::Element {
        self.wait_or_explain(&format!("[data-testid=\"{test_id}\"]"), test_id)
            .await
    }

    /// Waits for the first element matching `css`; on a timeout, fails naming `what` with a
    /// screenshot and the alerts on screen.
    async fn wait_or_explain(&self, css: &str, what: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => panic!(
                "the app never showed {what}: {e}; {}",
                self.what_the_screen_shows(what).await
            ),
        }
    }

    /// For a failure message: saves a screenshot of the screen as it is (`missing-<what>.png`
    /// in this session's artifacts) and returns it with every alert on screen, so a failure in
    /// CI can be read without running it again.
    pub(crate) async fn what_the_screen_shows(&self, what: &str) -> String {
        let name: String = what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let shot = self.artifacts.join(format!("missing-{name}.png"));
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&shot, png);
        }
        let alerts = self
            .client
            .execute(
                "return [...document.querySelectorAll('[role=alert]')].map(e => e.textContent.trim())",
                vec![],
            )
            .await
            .unwrap_or_default();
        format!("alerts on screen: {alerts}; screenshot: {}", shot.display())
    }

    /// Waits for the first element matching an XPath (an element once it shows some text, say).
    pub async fn wait_for_xpath(&self, xpath: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::XPath(xpath))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => panic!(
                "the app never showed {xpath}: {e}; {}",
                self.what_the_screen_shows("xpath").await
            ),
        }
    }

    /// Waits for the first element matching a CSS selector (several test ids, say).
    pub async fn wait_for_css(&self, css: &str) -> fantoccini::elements::Element {
        self.wait_or_explain(css, css).await
    }

    /// Whether no element with this `data-testid` is on screen now (no waiting).
    pub async fn absent(&self, test_id: &str) -> bool {
        let selector = format!("[data-testid=\"{test_id}\"]");
        self.client.find(Locator::Css(&selector)).await.is_err()
    }

    /// Waits until no element with this `data-testid` is on screen (an answer the app sends to
    /// the core before the element goes).
    pub async fn wait_gone(&self, test_id: &str) {
        let started = Instant::now();
        while !self.absent(test_id).await {
            assert!(
                started.elapsed() < UI_TIMEOUT,
                "{test_id} is still on screen after {UI_TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the element with this `data-testid` from the page's script. Only for a zoomed page:
    /// WebKitWebDriver places its pointer in unzoomed pixels there, so `click` would miss.
    pub async fn click_in_zoomed_page(&self, test_id: &str) {
        self.wait_for(test_id).await;
        self.eval(&format!(
            "document.querySelector('[data-testid=\"{test_id}\"]').click()"
        ))
        .await;
    }

    /// Waits until `script` returns true; `what` says what was awaited if it never does.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let started = Instant::now();
        while self.eval(script).await != serde_json::Value::Bool(true) {
            assert!(
                started.elapsed() < UI_TIMEOUT,
                "waited {UI_TIMEOUT:?} for {what}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Text of the element with this `data-testid`, once it is shown.
    pub async fn text_of(&self, test_id: &str) -> String {
        self.wait_for(test_id).await.text().await.unwrap()
    }

    /// The text of the first element matching an XPath, once there is one (an element once it
    /// shows some text, say).
    pub async fn text_when(&self, xpath: &str) -> String {
        self.wait_for_xpath(xpath).await.text().await.unwrap()
    }
}
