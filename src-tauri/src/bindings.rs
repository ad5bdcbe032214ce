//! The TypeScript bindings the UI compiles against, generated from the Rust commands.
//!
//! One file per Rust module, mirroring the core (`bindings/panel_core/debrief.ts` holds the types
//! of `panel_core::debrief`), with the commands in `bindings/index.ts`: a reader finds a type
//! where its Rust definition lives. tauri-specta's `Files` layout writes exactly that, except
//! that a module with both types and submodules (`scorecards.ts` beside `scorecards/`) gets
//! imports of `"."` that no resolver follows; [`export_bindings`] moves such a file to
//! `scorecards/index.ts` and rewrites its relative imports, so every import resolves.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Where the generated bindings live, relative to this crate's manifest.
pub const BINDINGS_DIR: &str = "../ui/src/ipc/bindings";

const HEADER: &str =
    "// Generated from the Rust commands by `make bindings`. Do not edit by hand.\n";

/// Writes the bindings into `dir`, replacing whatever was there.
pub fn export_bindings(dir: &Path) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| {
        format!(
            "cannot export TypeScript bindings to {}: {e}",
            dir.display()
        )
    };
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| fail(&e))?;
    }
    crate::ipc_builder()
        .export(
            specta_typescript::Typescript::default()
                .header(HEADER)
                .layout(specta_typescript::Layout::Files),
            dir,
        )
        .map_err(|e| fail(&e))?;
    for (relative, _) in read_bindings(dir).map_err(|e| fail(&e))? {
        let file = dir.join(&relative);
        let beside = file.with_extension("");
        if beside.is_dir() {
            let text = std::fs::read_to_string(&file).map_err(|e| fail(&e))?;
            let old_dir = relative.parent().unwrap_or(Path::new("")).to_path_buf();
            let new_dir = relative.with_extension("");
            let moved = rewrite_imports(&text, &old_dir, &new_dir);
            std::fs::write(beside.join("index.ts"), moved).map_err(|e| fail(&e))?;
            std::fs::remove_file(&file).map_err(|e| fail(&e))?;
        }
    }
    // The words for scores, recommendations, decisions and capabilities: one list in the core,
    // shown by the UI as the PDFs print it.
    std::fs::write(
        dir.join("vocabulary.ts"),
        panel_core::vocabulary::typescript(),
    )
    .map_err(|e| fail(&e))?;
    Ok(())
}

/// Every `.ts` file under `dir`, by path relative to it, with its text.
pub fn read_bindings(dir: &Path) -> std::io::Result<BTreeMap<PathBuf, String>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|e| e == "ts") {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                out.insert(relative, std::fs::read_to_string(&path)?);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out)?;
    Ok(out)
}

/// Rewrites `from "…"` paths of a file moved from `old_dir` to `new_dir` (both relative to the
/// bindings root) so they point at the same targets.
fn rewrite_imports(text: &str, old_dir: &Path, new_dir: &Path) -> String {
    text.lines()
        .map(|line| match line.split_once(" from \"") {
            Some((start, rest)) if line.starts_with("import ") && rest.ends_with("\";") => {
                let target = normalize(&old_dir.join(&rest[..rest.len() - 2]));
                format!("{start} from \"{}\";", relative(new_dir, &target))
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `a/b/../c/.` → `a/c`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The `./`- or `../`-relative import path from directory `from` to `to`.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    match parts.first().map(String::as_str) {
        None => ".".into(),
        Some("..") => parts.join("/"),
        Some(_) => format!("./{}", parts.join("/")),
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    #[test]
    fn a_moved_file_keeps_pointing_at_the_same_modules() {
        let text = "import type * as a from \"./capability\";\nimport type * as b from \".\";\nexport type X = a.Y;\n";
        let moved = rewrite_imports(
            text,
            Path::new("panel_core"),
            Path::new("panel_core/scorecards"),
        );
        assert_eq!(
            moved,
            "import type * as a from \"../capability\";\nimport type * as b from \"..\";\nexport type X = a.Y;\n"
        );
        assert_eq!(relative(Path::new("a/b"), Path::new("a/b/c")), "./c");
        assert_eq!(relative(Path::new("a"), Path::new("a")), ".");
    }

    /// The UI compiles against the committed bindings; they must match the Rust commands.
    /// Run `make bindings` to regenerate after changing a command or a type it uses.
    #[test]
    fn committed_bindings_match_the_rust_commands() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_DIR);
        let fresh_dir = tempfile::tempdir().unwrap();
        let fresh_path = fresh_dir.path().join("bindings");
        export_bindings(&fresh_path).unwrap();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            export_bindings(&committed).unwrap();
        }
        let fresh = read_bindings(&fresh_path).unwrap();
        let current = read_bindings(&committed).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/ipc/bindings/ is out of date with the Rust commands; run `make bindings`"
        );
    }
}
