//! The bundle declares the file types the app opens, so a file manager opens `.hpkit`,
//! `.hpscore` and `.hppack` files with it, and the MIME definitions shipped in the .deb match those declarations.

use std::collections::BTreeSet;

fn config() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json"))
        .expect("tauri.conf.json");
    serde_json::from_str(&text).expect("tauri.conf.json is JSON")
}

#[test]
fn kits_scorecards_and_packs_open_with_the_app() {
    let config = config();
    let associations = config["bundle"]["fileAssociations"]
        .as_array()
        .expect("bundle.fileAssociations");
    let declared: BTreeSet<(String, String)> = associations
        .iter()
        .flat_map(|a| {
            let mime = a["mimeType"]
                .as_str()
                .expect("a MIME type for Linux")
                .to_string();
            a["ext"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |e| (e.as_str().unwrap().to_string(), mime.clone()))
        })
        .collect();
    assert_eq!(
        declared,
        BTreeSet::from([
            (
                "hpkit".to_string(),
                "application/x-hiring-panel-kit".to_string()
            ),
            (
                "hpscore".to_string(),
                "application/x-hiring-panel-scorecard".to_string()
            ),
            (
                "hppack".to_string(),
                "application/x-hiring-panel-pack".to_string()
            ),
        ])
    );

    // The .deb installs a shared-mime-info definition mapping each extension to its type.
    let files = &config["bundle"]["linux"]["deb"]["files"];
    let source = files["/usr/share/mime/packages/hiring-panel.xml"]
        .as_str()
        .expect("the MIME definition is shipped");
    let xml =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(source))
            .expect("the MIME definition exists");
    for (ext, mime) in &declared {
        let block = xml
            .split("<mime-type ")
            .find(|b| b.starts_with(&format!("type=\"{mime}\"")))
            .unwrap_or_else(|| panic!("{mime} is defined"));
        assert!(
            block.contains(&format!("<glob pattern=\"*.{ext}\"/>")),
            "{mime} globs *.{ext}"
        );
    }
}
