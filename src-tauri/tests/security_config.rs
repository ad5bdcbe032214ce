//! The shell's security settings, checked as configuration: a regression here would not show
//! in any screen, so it is pinned by test.

use serde_json::Value;

fn config() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json"))
        .expect("tauri.conf.json is readable");
    serde_json::from_str(&text).expect("tauri.conf.json is valid JSON")
}

#[test]
fn csp_allows_only_the_app_itself() {
    let config = config();
    let csp = config["app"]["security"]["csp"]
        .as_object()
        .expect("the CSP is set");
    for (directive, sources) in csp {
        let sources = sources.as_str().unwrap();
        for source in sources.split_whitespace() {
            let allowed = source.starts_with('\'')
                || source == "data:"
                || source == "ipc:"
                || source == "http://ipc.localhost";
            assert!(
                allowed,
                "{directive} must not allow the remote source {source}"
            );
        }
    }
    let scripts = csp["script-src"].as_str().unwrap();
    assert_eq!(scripts, "'self'", "scripts come only from the bundle");
    let all: String = csp
        .values()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert!(!all.contains("unsafe-eval") && !all.contains("unsafe-inline"));
    for closed in ["object-src", "base-uri", "form-action", "frame-src"] {
        assert_eq!(csp[closed], "'none'", "{closed} is closed");
    }
}

#[test]
fn the_ui_gets_no_global_tauri_and_a_frozen_prototype() {
    let config = config();
    assert_eq!(config["app"]["withGlobalTauri"], false);
    assert_eq!(config["app"]["security"]["freezePrototype"], true);
    let capabilities = config["app"]["security"]["capabilities"]
        .as_array()
        .unwrap();
    assert_eq!(capabilities.len(), 1, "one explicit capability");
}

#[test]
fn the_capability_grants_only_app_commands() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/capabilities/main-window.json"
    ))
    .unwrap();
    let capability: Value = serde_json::from_str(&text).unwrap();
    assert!(
        capability.get("remote").is_none(),
        "no remote URL may call commands"
    );
    for permission in capability["permissions"].as_array().unwrap() {
        let permission = permission.as_str().unwrap();
        // The app's own commands, the save dialog exports need, what the UI needs to flush
        // autosave when the window closes (hear `close-requested`, then close), and the page
        // zoom Tauri's Ctrl+= / Ctrl+- / Ctrl+0 handler sets.
        let allowed = (permission.starts_with("allow-") && !permission.contains(':'))
            || [
                "dialog:allow-save",
                "dialog:allow-open",
                "core:event:allow-listen",
                "core:event:allow-unlisten",
                "core:window:allow-destroy",
                "core:webview:allow-set-webview-zoom",
            ]
            .contains(&permission);
        assert!(
            allowed,
            "only the app's own commands, the save dialog, the close handshake and zoom, not \
             {permission}"
        );
    }
}

/// "reviewCount" for "review_count".
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_command_the_capability_allows_is_one_the_ui_calls() {
    let root = env!("CARGO_MANIFEST_DIR");
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/capabilities/main-window.json")).unwrap(),
    )
    .unwrap();
    // The UI's one door to the shell (ui/src/ipc, its tests and generated bindings aside):
    // every command it uses is called there.
    let door: String = std::fs::read_dir(format!("{root}/../ui/src/ipc"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.ends_with(".ts") && !name.ends_with(".test.ts")
        })
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    assert!(door.contains("export const api"), "the door is read");
    for permission in capability["permissions"].as_array().unwrap() {
        let permission = permission.as_str().unwrap();
        let Some(command) = permission.strip_prefix("allow-") else {
            continue;
        };
        let call = format!("commands.{}(", camel(&command.replace('-', "_")));
        assert!(
            door.contains(&call),
            "{permission} is granted but the UI never calls {call}: remove it from the capability"
        );
    }
}
