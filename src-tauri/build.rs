//! Generates Tauri's context and an app manifest: the app's own commands become permissions
//! (`allow-get-question-bank`, …), and the window's capability file is rewritten to grant exactly
//! those, so a new command is written down once, in `ipc_builder`'s list.

/// The commands registered in `ipc_builder` (src/lib.rs), read from its `collect_commands!`
/// list: the registry is written once, and a command registered there is a permission here.
fn registered_commands() -> Vec<String> {
    let lib = std::fs::read_to_string("src/lib.rs").expect("src/lib.rs is readable");
    let list = lib
        .split_once("collect_commands![")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("src/lib.rs registers its commands with collect_commands![...]");
    let names: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .rsplit("::")
                .next()
                .expect("a command path")
                .to_string()
        })
        .collect();
    assert!(!names.is_empty(), "no command found in src/lib.rs");
    names
}

/// The window's capability file grants every registered command and, by hand, the system
/// permissions (those with a `plugin:` prefix). The command part is rewritten from the list, and
/// the file is written only when it changes, so a build of an unchanged tree touches nothing.
fn grant_registered_commands(commands: &[&str]) {
    const CAPABILITY: &str = "capabilities/main-window.json";
    let text = std::fs::read_to_string(CAPABILITY).expect("the capability file is readable");
    let mut capability: serde_json::Value =
        serde_json::from_str(&text).expect("the capability file is JSON");
    let system: Vec<serde_json::Value> = capability["permissions"]
        .as_array()
        .expect("the capability file lists permissions")
        .iter()
        .filter(|p| p.as_str().is_none_or(|name| name.contains(':')))
        .cloned()
        .collect();
    let mut permissions: Vec<serde_json::Value> = commands
        .iter()
        .map(|c| serde_json::Value::from(format!("allow-{}", c.replace('_', "-"))))
        .collect();
    permissions.extend(system);
    capability["permissions"] = serde_json::Value::from(permissions);
    let written = serde_json::to_string_pretty(&capability).expect("JSON") + "\n";
    if written != text {
        std::fs::write(CAPABILITY, written).expect("the capability file is writable");
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    // The manifest wants a static list; a build script runs once, so leaking it is free.
    let commands: &'static [&'static str] = Box::leak(
        registered_commands()
            .into_iter()
            .map(|c| &*Box::leak(c.into_boxed_str()))
            .collect::<Vec<_>>()
            .into_boxed_slice(),
    );
    grant_registered_commands(commands);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script failed");
}
