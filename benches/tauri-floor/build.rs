//! Generates Tauri's context for the floor window.
fn main() {
    tauri_build::build()
}
