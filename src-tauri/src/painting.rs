//! How the webview paints: with the graphics card where there is one, with the processor where
//! there is none.
//!
//! WebKitGTK 2.46 and later paint pages with Skia on the GPU. On a machine without a GPU device
//! (a virtual machine, a remote desktop, a thin client, the test and benchmark runs under Xvfb)
//! Mesa then emulates the GPU in software (llvmpipe), and repainting a full window of this app
//! took 65–111 ms a frame on the benchmark machine against 24–36 ms with Skia's own CPU
//! painting: every screen change paid it. So when the machine has no GPU render node, the app
//! asks WebKit to paint with the CPU. Where there is a GPU nothing changes, and a user's own
//! setting of the variable always wins.
//!
//! WebKit reads the variable once, when its first web process starts, so this runs first thing
//! in `run`, before any other thread exists.

use std::path::Path;

/// WebKit's switch between Skia's CPU painting ("1") and its GPU painting.
pub const CPU_PAINTING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Where Linux lists the devices a program can render with on a GPU (`renderD128`, …).
const RENDER_NODES: &str = "/dev/dri";

/// Chooses CPU painting for this process's webview when the machine has no GPU render node and
/// the user has not chosen; says which in the log. Linux only: elsewhere the webview is not
/// WebKitGTK and there is no `/dev/dri` to look at.
pub fn choose() {
    if !cfg!(target_os = "linux") || std::env::var_os(CPU_PAINTING_VAR).is_some() {
        return;
    }
    if !has_render_node(Path::new(RENDER_NODES)) {
        std::env::set_var(CPU_PAINTING_VAR, "1");
        tracing::info!(
            "no GPU render node under {RENDER_NODES}: the window paints with the CPU \
             ({CPU_PAINTING_VAR}=1; set it to 0 to paint through the GPU emulation)"
        );
    }
}

/// Whether `dir` holds a render node (`renderD*`): a GPU that programs may draw with.
fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_render_node_counts_as_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("absent")), "no folder");
        assert!(!has_render_node(dir.path()), "an empty folder");
        // A display controller without a render node (card0 alone) draws nothing for programs.
        std::fs::write(dir.path().join("card0"), b"").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
