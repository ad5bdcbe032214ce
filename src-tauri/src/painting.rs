//! How the webview paints: with the graphics card where there is one, with the processor where
//! there is none.
//!
//! WebKitGTK 2.46 and later paint pages with Skia on the GPU, and composite the page's layers
//! into the window with OpenGL. On a machine without a GPU device (a virtual machine, a remote
//! desktop, a thin client, the test and benchmark runs under Xvfb) Mesa emulates the GPU in
//! software (llvmpipe), and both cost the processor far more than drawing with it directly:
//! - repainting a full window of this app took 65–111 ms a frame on the benchmark machine
//!   against 24–36 ms with Skia's own CPU painting: every screen change paid it;
//! - compositing on llvmpipe first compiles its shaders with LLVM, about 90 ms of a core in every
//!   new webview, which the first screen waited for when it fell before that screen was painted;
//!   and a fading overlay scrollbar kept both cores of that machine busy for three seconds
//!   composing full-window frames (the web process took 4 s of CPU in its first 6 s on the
//!   500-plan list, against under 1 s without compositing).
//!
//! So when the machine has no GPU render node, the app asks WebKit to paint with the CPU and not
//! to composite (the page is painted straight into the window's buffer, as WebKit does for
//! pages that need no layers). Where there is a GPU nothing changes, and a user's own setting of
//! either variable always wins.
//!
//! WebKit reads the variables once, when its first web process starts, so this runs first thing
//! in `run`, before any other thread exists.

use std::path::Path;

/// WebKit's switch between Skia's CPU painting ("1") and its GPU painting.
pub const CPU_PAINTING_VAR: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// WebKit's switch that turns off compositing the page's layers with OpenGL ("1").
pub const NO_COMPOSITING_VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where Linux lists the devices a program can render with on a GPU (`renderD128`, …).
const RENDER_NODES: &str = "/dev/dri";

/// Chooses CPU painting without compositing for this process's webview when the machine has no
/// GPU render node, for each variable the user has not set; says which in the log. Linux only:
/// elsewhere the webview is not WebKitGTK and there is no `/dev/dri` to look at.
pub fn choose() {
    if !cfg!(target_os = "linux") || has_render_node(Path::new(RENDER_NODES)) {
        return;
    }
    for var in [CPU_PAINTING_VAR, NO_COMPOSITING_VAR] {
        if std::env::var_os(var).is_none() {
            std::env::set_var(var, "1");
            tracing::info!(
                "no GPU render node under {RENDER_NODES}: {var}=1, the window is drawn with the \
                 CPU, not through the GPU emulation (set it to 0 to keep WebKit's default)"
            );
        }
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
