//! The team folder over a real sync engine: two Syncthing instances (Debian's `syncthing`), one
//! for the lead's laptop and one for a panelist's, each with its own home and folder, sharing
//! one folder over the loopback interface only. Nothing is handed over by the test: the lead's
//! app (running, its own passes) publishes the kit, Syncthing carries it, the panelist's
//! `panelctl team sync` imports it, she scores and submits, her `team sync` publishes the
//! return, Syncthing carries it back, and the lead's open plan shows it arrive with no click,
//! after which the debrief opens.
//!
//! Syncthing never leaves 127.0.0.1: it listens on `tcp://127.0.0.1:PORT`, knows its peer by a
//! static address, and has global and local discovery, relays, NAT traversal, STUN, usage and
//! crash reporting and upgrades off, with no default folder and no browser. A REST `db/scan`
//! after each write spares the watcher's delay.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use e2e::{panelctl, panelctl_json as json, Session};

/// How long Syncthing may take to connect, or to carry one file.
const SYNC_TIMEOUT: Duration = Duration::from_secs(60);
/// The shared folder's id in both configurations.
const FOLDER: &str = "hp-team";

/// A port nothing listens on now (bound and released: good enough for a test).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One running Syncthing: its home, its REST port and key; stopped when dropped.
struct Syncthing {
    child: Child,
    gui_port: u16,
    api_key: String,
    name: &'static str,
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A home with keys made by `syncthing generate`; returns the device id.
fn generate(home: &Path) -> String {
    let out = Command::new("syncthing")
        .args(["generate", "--no-default-folder", "--skip-port-probing", "--home"])
        .arg(home)
        .output()
        .unwrap_or_else(|e| {
            panic!("syncthing is not installed ({e}): `make test` installs it (scripts/ensure-deps.sh)")
        });
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    text.lines()
        .find_map(|l| l.trim().strip_prefix("Device ID: "))
        .unwrap_or_else(|| panic!("syncthing generate printed no device id: {text}"))
        .trim()
        .to_string()
}

struct Side<'a> {
    name: &'static str,
    home: &'a Path,
    folder: &'a Path,
    id: &'a str,
    port: u16,
    gui_port: u16,
}

/// The whole configuration of one side: the shared folder, both devices (the peer at its static
/// loopback address), the REST interface, and everything that could reach beyond the machine off.
fn configure(me: &Side, peer: &Side, api_key: &str) {
    std::fs::create_dir_all(me.folder.join(".stfolder")).unwrap();
    let config = format!(
        r#"<configuration version="36">
    <folder id="{FOLDER}" label="Team folder" path="{folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="{me_id}"></device>
        <device id="{peer_id}"></device>
    </folder>
    <device id="{me_id}" name="{me_name}" compression="metadata">
        <address>dynamic</address>
    </device>
    <device id="{peer_id}" name="{peer_name}" compression="metadata">
        <address>tcp://127.0.0.1:{peer_port}</address>
    </device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:{gui_port}</address>
        <apikey>{api_key}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <crashReportingEnabled>false</crashReportingEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunKeepaliveMinS>0</stunKeepaliveMinS>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <announceLANAddresses>false</announceLANAddresses>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
"#,
        folder = me.folder.display(),
        me_id = me.id,
        me_name = me.name,
        peer_id = peer.id,
        peer_name = peer.name,
        peer_port = peer.port,
        gui_port = me.gui_port,
        port = me.port,
    );
    std::fs::write(me.home.join("config.xml"), config).unwrap();
}

fn start(side: &Side, api_key: &str, log: &Path) -> Syncthing {
    let log = std::fs::File::create(log).unwrap();
    let child = Command::new("syncthing")
        .args([
            "serve",
            "--no-browser",
            "--no-restart",
            "--no-upgrade",
            "--no-default-folder",
            "--skip-port-probing",
            "--home",
        ])
        .arg(side.home)
        .env("STNODEFAULTFOLDER", "1")
        .env("STNOUPGRADE", "1")
        .env("STNORESTART", "1")
        .env_remove("all_proxy")
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("syncthing starts");
    Syncthing {
        child,
        gui_port: side.gui_port,
        api_key: api_key.to_string(),
        name: side.name,
    }
}

impl Syncthing {
    /// One REST call; the response body, or `None` while the interface is not up yet.
    fn rest(&self, method: &str, path: &str) -> Option<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.gui_port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .ok()?;
        write!(
            stream,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nX-API-Key: {}\r\nContent-Length: 0\r\n\r\n",
            self.api_key
        )
        .ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        let (head, body) = response.split_once("\r\n\r\n")?;
        head.starts_with("HTTP/1.0 200")
            .then(|| body.to_string())
            .or_else(|| head.starts_with("HTTP/1.1 200").then(|| body.to_string()))
    }

    /// Waits until this side is connected to `peer`.
    fn wait_connected(&self, peer: &str) {
        let started = Instant::now();
        loop {
            if let Some(body) = self.rest("GET", "/rest/system/connections") {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                if v["connections"][peer]["connected"] == true {
                    return;
                }
            }
            assert!(
                started.elapsed() < SYNC_TIMEOUT,
                "{}'s Syncthing never connected to its peer (see its log in the artifacts)",
                self.name
            );
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// Asks for a scan of the shared folder now (instead of waiting for the watcher).
    fn scan(&self) {
        let _ = self.rest("POST", &format!("/rest/db/scan?folder={FOLDER}"));
    }
}

/// Waits until `folder` holds a complete file with this extension that it did not hold before.
fn wait_for_file(folder: &Path, extension: &str, before: usize, scan: &Syncthing) -> PathBuf {
    let started = Instant::now();
    loop {
        let found: Vec<PathBuf> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == extension)
                    && !p.file_name().unwrap().to_string_lossy().starts_with('.')
            })
            .collect();
        if found.len() > before {
            return found.into_iter().last().unwrap();
        }
        assert!(
            started.elapsed() < SYNC_TIMEOUT,
            "no .{extension} arrived in {} through Syncthing",
            folder.display()
        );
        scan.scan();
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panel_runs_through_a_folder_two_syncthing_instances_keep_in_step() {
    let root = tempfile::tempdir().unwrap();
    let dir = |name: &str| {
        let path = root.path().join(name);
        std::fs::create_dir_all(&path).unwrap();
        path
    };
    let (lead_home, ana_home) = (dir("lead-syncthing"), dir("ana-syncthing"));
    let (lead_folder, ana_folder) = (dir("lead-team"), dir("ana-team"));
    let (ana, outbox) = (dir("ana-data"), dir("outbox"));
    let lead_data = tempfile::tempdir().unwrap();
    let lead = lead_data.path().to_path_buf();
    let logs = e2e::workspace_root().join("tests/artifacts/e2e/team-folder-syncthing-logs");
    std::fs::create_dir_all(&logs).unwrap();

    let (lead_id, ana_id) = (generate(&lead_home), generate(&ana_home));
    let lead_side = Side {
        name: "lead",
        home: &lead_home,
        folder: &lead_folder,
        id: &lead_id,
        port: free_port(),
        gui_port: free_port(),
    };
    let ana_side = Side {
        name: "ana",
        home: &ana_home,
        folder: &ana_folder,
        id: &ana_id,
        port: free_port(),
        gui_port: free_port(),
    };
    configure(&lead_side, &ana_side, "lead-test-key");
    configure(&ana_side, &lead_side, "ana-test-key");
    let lead_sync = start(
        &lead_side,
        "lead-test-key",
        &logs.join("lead-syncthing.log"),
    );
    let ana_sync = start(&ana_side, "ana-test-key", &logs.join("ana-syncthing.log"));
    lead_sync.wait_connected(&ana_id);
    ana_sync.wait_connected(&lead_id);

    // The lead's plan; Ana's identity recorded; kits issued once; Ben scores on the lead's laptop.
    let line = panelctl(&ana, &["identity", "show"]);
    let plan = e2e::two_panelist_plan(&lead);
    let shown = json(&lead, &["plan", "show", &plan, "--json"]);
    let ana_seat = shown["panelists"][0]["id"].to_string();
    let ben_seat = shown["panelists"][1]["id"].to_string();
    panelctl(
        &lead,
        &[
            "plan",
            "edit-panelist",
            &plan,
            "--panelist",
            &ana_seat,
            "--identity",
            &line,
        ],
    );
    e2e::export_kits(&lead, &plan, &outbox, &[]);
    e2e::score_and_submit(&lead, &plan, &ben_seat, "2", "Ben: hedged on budget");
    for (data, folder) in [(&lead, &lead_folder), (&ana, &ana_folder)] {
        panelctl(data, &["team", "folder", folder.to_str().unwrap()]);
    }

    // Out: the lead's app, once open, publishes Ana's kit by itself; Syncthing carries it.
    let mut s = Session::start_with_env(
        "team-folder-syncthing",
        lead_data,
        &[("HIRING_PANEL_TEAM_RESCAN_SECONDS", "2")],
    )
    .await;
    s.click(&format!("open-plan-{plan}")).await;
    wait_for_file(&lead_folder, "hpkit", 0, &lead_sync);
    wait_for_file(&ana_folder, "hpkit", 0, &ana_sync);
    let arrived = json(&ana, &["team", "sync", "--json"]);
    assert_eq!(
        arrived["imported"].as_array().unwrap().len(),
        1,
        "{arrived}"
    );
    let copy = arrived["imported"][0]["planId"].to_string();
    let me = json(&ana, &["plan", "show", &copy, "--json"])["panelists"][0]["id"].to_string();
    e2e::score_and_submit(&ana, &copy, &me, "3", "Ana: staged the rollout");

    // Back: her return is published and carried, and the lead's open plan shows it arrive.
    let returned = json(&ana, &["team", "sync", "--json"]);
    assert_eq!(returned["published"][0]["kind"], "scorecard", "{returned}");
    ana_sync.scan();
    wait_for_file(&lead_folder, "hpscore", 0, &lead_sync);
    let row = s
        .text_when(&format!(
            "//*[@data-testid='exchange-{ana_seat}'][contains(., 'Revision 1')]"
        ))
        .await;
    assert!(row.contains("Revision 1"), "{row}");
    // The panel's scorecards say so too, before anything is clicked.
    let cards = s
        .text_when("//*[@data-testid='scorecards-panel'][not(contains(., 'Not started'))]")
        .await;
    assert!(cards.matches("Submitted").count() >= 2, "{cards}");
    s.screenshot("return-arrived").await;

    // Every scorecard is in: the debrief opens with both panelists' notes.
    s.click("next-open-debrief").await;
    s.wait_for("debrief-matrix").await;
    s.screenshot("debrief-open").await;
    let debrief = json(&lead, &["debrief", "show", &plan, "--json"]).to_string();
    assert!(
        debrief.contains("Ana: staged the rollout"),
        "Ana's notes came back"
    );
    assert!(debrief.contains("Ben: hedged on budget"));
    // Syncthing carried only files that name nobody.
    for folder in [&lead_folder, &ana_folder] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            assert!(!name.contains("Ana") && !name.contains("Zo"), "{name}");
        }
    }
    s.finish().await;
}
