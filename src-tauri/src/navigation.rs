//! Keeps every webview on the app's own pages.
//!
//! The CSP stops the UI loading remote content but not navigating away; a link or a script that
//! tried to open a remote page would otherwise replace the app with it. Only the bundled UI's
//! origin (and the Vite dev server in debug builds) may be shown.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Runtime, Url};

/// The plugin that refuses navigation to anything but the app's own origin.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let allowed = is_app_origin(url);
            if !allowed {
                tracing::warn!(%url, "blocked navigation away from the app");
            }
            allowed
        })
        .build()
}

fn is_app_origin(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        // Windows and Android serve the bundled UI from http(s)://tauri.localhost; on Linux and
        // macOS it is tauri://localhost, and that other origin is refused like any other site.
        ("http" | "https", Some("tauri.localhost")) => cfg!(any(windows, target_os = "android")),
        ("http", Some("localhost")) => cfg!(debug_assertions) && url.port() == Some(5173),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bundled_ui_origin_is_allowed() {
        assert!(
            is_app_origin(&Url::parse("tauri://localhost/").unwrap()),
            "the bundled UI is the app itself"
        );
        assert_eq!(
            is_app_origin(&Url::parse("http://tauri.localhost/index.html").unwrap()),
            cfg!(any(windows, target_os = "android")),
            "tauri.localhost is the app only where the platform serves it from there"
        );
        for bad in [
            "https://example.com/",
            "http://localhost:8080/",
            "file:///etc/passwd",
            "http://tauri.localhost.evil.com/",
        ] {
            assert!(
                !is_app_origin(&Url::parse(bad).unwrap()),
                "{bad} must be blocked"
            );
        }
    }
}
