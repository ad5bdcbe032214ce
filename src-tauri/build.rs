//! Generates Tauri's context and an app manifest: the app's own commands become permissions
//! (`allow-get-question-bank`, …) so the capability file grants exactly the ones the UI uses.

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
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script failed");
}
