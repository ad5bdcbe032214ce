//! The installable package: the `.deb` the Tauri CLI builds holds the app, a desktop entry that
//! opens kits and scorecards from the file manager, the icons and the MIME types, declares what
//! it needs from Debian, and the binary it installs starts.
//!
//! The package is read from `HIRING_PANEL_DEB_DIR` (`make bundle` points it at the release
//! package), else `target/debug/bundle/deb` (`make test` builds a debug package of the same
//! configuration first). Installed with `dpkg -x` into a scratch root; started under Xvfb.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use e2e::bench::start_until_first_screen;
use e2e::target_dir;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn package() -> PathBuf {
    let dir = std::env::var_os("HIRING_PANEL_DEB_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/bundle/deb"));
    let name = format!("Hiring Panel_{VERSION}_amd64.deb");
    let deb = dir.join(&name);
    assert!(
        deb.is_file(),
        "no {name} in {}: build it with `make bundle` (release) or `make deb-debug`",
        dir.display()
    );
    deb
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path))
        .unwrap_or_else(|e| panic!("the package installs {path}: {e}"))
}

#[test]
fn the_package_installs_the_app_with_its_entry_icons_and_file_types_and_the_app_starts() {
    let deb = package();
    let deb_str = deb.to_str().unwrap();

    let control = e2e::run_tool("dpkg-deb", &["-f", deb_str]);
    assert!(control.contains("Package: hiring-panel\n"), "{control}");
    assert!(
        control.contains(&format!("Version: {VERSION}\n")),
        "{control}"
    );
    assert!(control.contains("Architecture: amd64\n"), "{control}");
    let depends = control
        .lines()
        .find_map(|l| l.strip_prefix("Depends: "))
        .unwrap_or_else(|| panic!("the package declares its dependencies: {control}"));
    for needed in [
        "libwebkit2gtk-4.1-0",
        "libgtk-3-0",
        "xdg-utils",
        "libfontconfig1",
    ] {
        assert!(
            depends.contains(needed),
            "Depends lacks {needed}: {depends}"
        );
    }
    // The PDFs draw Chinese, Japanese, Korean and emoji with the machine's fonts.
    let recommends = control
        .lines()
        .find_map(|l| l.strip_prefix("Recommends: "))
        .unwrap_or_else(|| panic!("the package recommends the fallback fonts: {control}"));
    for font in ["fonts-noto-cjk", "fonts-symbola"] {
        assert!(
            recommends.contains(font),
            "Recommends lacks {font}: {recommends}"
        );
    }
    assert!(
        control.contains("Maintainer: Hiring Panel"),
        "a maintainer a user can recognise: {control}"
    );

    let root = tempfile::tempdir().unwrap();
    e2e::run_tool("dpkg", &["-x", deb_str, root.path().to_str().unwrap()]);

    let binary = root.path().join("usr/bin/hiring-panel");
    let mode = std::fs::metadata(&binary)
        .expect("the package installs /usr/bin/hiring-panel")
        .permissions()
        .mode();
    assert!(mode & 0o111 != 0, "the binary is executable: {mode:o}");

    let entry = read(root.path(), "usr/share/applications/Hiring Panel.desktop");
    for line in [
        "Name=Hiring Panel",
        // %F: the file manager passes the kit, scorecard or pack the user opened.
        "Exec=hiring-panel %F",
        "Icon=hiring-panel",
        "MimeType=application/x-hiring-panel-kit;application/x-hiring-panel-scorecard;application/x-hiring-panel-pack;",
        "Categories=Office;",
    ] {
        assert!(
            entry.lines().any(|l| l == line),
            "the desktop entry has {line:?}:\n{entry}"
        );
    }
    // The freedesktop validator (desktop-file-utils, installed by `make test`) finds no error.
    let validated = e2e::run_tool(
        "desktop-file-validate",
        &[root
            .path()
            .join("usr/share/applications/Hiring Panel.desktop")
            .to_str()
            .unwrap()],
    );
    assert!(!validated.contains("error"), "{validated}");

    for size in ["32x32", "128x128", "256x256@2", "512x512"] {
        let icon = root.path().join(format!(
            "usr/share/icons/hicolor/{size}/apps/hiring-panel.png"
        ));
        let bytes = std::fs::read(&icon).unwrap_or_else(|e| panic!("{size} icon: {e}"));
        assert!(bytes.starts_with(b"\x89PNG"), "{size} icon is a PNG");
    }

    let mime = read(root.path(), "usr/share/mime/packages/hiring-panel.xml");
    for expected in [
        r#"<mime-type type="application/x-hiring-panel-kit">"#,
        r#"<glob pattern="*.hpkit"/>"#,
        r#"<mime-type type="application/x-hiring-panel-scorecard">"#,
        r#"<glob pattern="*.hpscore"/>"#,
        r#"<mime-type type="application/x-hiring-panel-pack">"#,
        r#"<glob pattern="*.hppack"/>"#,
    ] {
        assert!(mime.contains(expected), "MIME types hold {expected}");
    }

    // The installed binary starts on an empty data folder and shows its first screen.
    let data = tempfile::tempdir().unwrap();
    let started = start_until_first_screen(&binary, data.path());
    assert!(
        data.path().join("panel.db").is_file(),
        "the app made its database on first start"
    );
    eprintln!(
        "installed package started to its first screen in {:.0?}",
        started.first_screen
    );
}
