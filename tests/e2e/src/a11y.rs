//! Accessibility audits of the real app, in the sessions that already open each screen.
//!
//! axe-core (the npm package the UI installs, `ui/node_modules/axe-core`) is injected through
//! WebDriver into the page a test has open and run against the WCAG 2.0–2.2 A/AA rules and
//! axe's best practices, once in the light theme and once in the dark one (the theme is what
//! the app's own switch sets: `data-theme` on the root element). The bar is zero violations.
//! Each audit writes its findings next to the session's screenshots (`axe-<screen>.json`).
//!
//! `AXE_REPORT_ONLY=1` records the findings without failing, to survey a change's screens.

use std::sync::LazyLock;

use crate::{workspace_root, Session};

/// The rule sets the audit runs: WCAG 2.0, 2.1 and 2.2 at A and AA, and best practices.
const TAGS: &str = "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']";

static AXE_SOURCE: LazyLock<String> = LazyLock::new(|| {
    let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is not installed at {} ({e}); make test installs the UI's packages",
            path.display()
        )
    })
});

impl Session {
    /// Audits the screen on display in both themes; fails naming every violation found (rule,
    /// impact, the elements and why) unless `AXE_REPORT_ONLY` is set.
    ///
    /// Beyond axe, two things a user would notice: the window itself never scrolls (only the
    /// content area does, so a refusal at its top stays in sight), and the screen is kept as a
    /// screenshot in the other theme too (`<screen>-dark` or `<screen>-light`).
    pub async fn audit_accessibility(&mut self, screen: &str) {
        let window = self
            .eval(
                "const d = document.scrollingElement; \
                 return [d.scrollHeight - window.innerHeight, d.scrollWidth - window.innerWidth];",
            )
            .await;
        assert!(
            window[0].as_i64().unwrap_or(0) <= 1 && window[1].as_i64().unwrap_or(0) <= 1,
            "{screen}: the window itself scrolls (overflow {window}); only the content area may"
        );
        self.screenshot_in_other_theme(screen).await;
        let mut found = Vec::new();
        for theme in ["light", "dark"] {
            let violations = self.axe_violations(theme).await;
            let report = self.artifacts.join(format!("axe-{screen}-{theme}.json"));
            std::fs::write(
                &report,
                serde_json::to_string_pretty(&violations).expect("JSON"),
            )
            .expect("the axe report is written");
            for v in violations.as_array().into_iter().flatten() {
                let nodes: Vec<String> = v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|n| format!("    {} — {}", n["target"], n["summary"]))
                    .collect();
                found.push(format!(
                    "{screen} ({theme}): {} [{}] {}\n{}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or(""),
                    nodes.join("\n")
                ));
            }
        }
        if found.is_empty() {
            return;
        }
        let text = found.join("\n");
        if std::env::var_os("AXE_REPORT_ONLY").is_some() {
            eprintln!("axe: {} violation(s)\n{text}", found.len());
        } else {
            panic!("axe found {} violation(s):\n{text}", found.len());
        }
    }

    /// Checks the screen on display fits the window's width: nothing inside the content area
    /// reaches past the right edge unless it sits in a box made to scroll sideways
    /// (`data-scrolls-sideways`: the debrief matrix, the split board's columns). Used at
    /// 640×400, the layout a 1280×800 laptop shows at 200 % zoom.
    pub async fn assert_fits_width(&mut self, screen: &str) {
        let cut = self
            .eval(
                "const w = window.innerWidth; const cut = []; \
                 for (const el of document.querySelectorAll('main *')) { \
                   const r = el.getBoundingClientRect(); \
                   if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden')) continue; \
                   if (el.closest('[data-scrolls-sideways]')) continue; \
                   if (r.right > w + 1) \
                     cut.push((el.dataset.testid || el.className || el.tagName) + ' ' + Math.round(r.right)); } \
                 return cut.slice(0, 12);",
            )
            .await;
        self.screenshot(&format!("{screen}-narrow")).await;
        assert_eq!(
            cut,
            serde_json::json!([]),
            "{screen}: these reach past the window's right edge at this width"
        );
    }

    /// A screenshot of the screen in the theme it is not shown in, then the app's theme back.
    async fn screenshot_in_other_theme(&mut self, screen: &str) {
        let other = self
            .eval(
                "const root = document.documentElement; \
                 const other = root.dataset.theme === 'dark' ? 'light' : 'dark'; \
                 root.dataset.was = root.dataset.theme; root.dataset.theme = other; return other;",
            )
            .await;
        let other = other.as_str().unwrap_or("dark").to_string();
        self.screenshot(&format!("{screen}-{other}")).await;
        self.eval(
            "const root = document.documentElement; \
             root.dataset.theme = root.dataset.was; delete root.dataset.was;",
        )
        .await;
    }

    /// Runs axe on the page with `theme` applied, then puts the app's own theme back.
    async fn axe_violations(&self, theme: &str) -> serde_json::Value {
        let loaded = self.eval("return typeof window.axe === 'object'").await;
        if loaded != serde_json::Value::Bool(true) {
            self.client
                .execute(&format!("{}\nreturn true;", *AXE_SOURCE), vec![])
                .await
                .expect("axe-core loads in the app's page");
        }
        let script = format!(
            r#"const done = arguments[arguments.length - 1];
            const root = document.documentElement;
            const was = root.dataset.theme;
            root.dataset.theme = {theme:?};
            axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
              .then((r) => done(r.violations.map((v) => ({{
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({{ target: n.target.join(' '), summary: n.failureSummary }})),
              }}))))
              .catch((e) => done({{ error: String(e) }}))
              .finally(() => {{ root.dataset.theme = was; }});"#
        );
        let result = self
            .client
            .execute_async(&script, vec![])
            .await
            .expect("axe runs");
        assert!(
            result.get("error").is_none(),
            "axe could not run in the app: {result}"
        );
        result
    }
}
