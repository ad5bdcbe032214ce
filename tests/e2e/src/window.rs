//! The app's window on the X display: finding it among the driver's processes and asking it to
//! close the way a desktop does (`WM_DELETE_WINDOW`), for tests of what closing does.

/// The title of the app's main window (`tauri.conf.json`).
const APP_TITLE: &str = "Hiring Panel";

/// Every process below `pid` (the driver starts WebKitWebDriver, which starts the app).
pub(crate) fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // The command name is in parentheses and may hold spaces: read after the last ')'.
            let ppid = stat[stat.rfind(')')? + 2..]
                .split(' ')
                .nth(1)?
                .parse()
                .ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        i += 1;
    }
    found
}

/// The mapped app window (titled like the app) owned by one of `pids`.
pub(crate) fn app_window(pids: &[u32]) -> Option<u32> {
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt};
    let (conn, _) = x11rb::connect(None).expect("an X display");
    let net_wm_pid = conn
        .intern_atom(false, b"_NET_WM_PID")
        .unwrap()
        .reply()
        .unwrap()
        .atom;
    windows_titled(APP_TITLE).into_iter().find(|&window| {
        conn.get_property(false, window, net_wm_pid, AtomEnum::CARDINAL, 0, 1)
            .ok()
            .and_then(|c| c.reply().ok())
            .and_then(|r| r.value32().and_then(|mut v| v.next()))
            .is_some_and(|pid| pids.contains(&pid))
    })
}

/// The top-level X windows with this title that are mapped on `$DISPLAY`.
fn windows_titled(title: &str) -> Vec<u32> {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt, MapState};
    let (conn, screen) = x11rb::connect(None).expect("an X display (the tests run under Xvfb)");
    let root = conn.setup().roots[screen].root;
    let net_wm_name = conn
        .intern_atom(false, b"_NET_WM_NAME")
        .unwrap()
        .reply()
        .unwrap()
        .atom;
    let utf8 = conn
        .intern_atom(false, b"UTF8_STRING")
        .unwrap()
        .reply()
        .unwrap()
        .atom;
    let tree = conn.query_tree(root).unwrap().reply().unwrap();
    tree.children
        .into_iter()
        .filter(|&window| {
            let mapped = conn
                .get_window_attributes(window)
                .ok()
                .and_then(|c| c.reply().ok())
                .is_some_and(|a| a.map_state == MapState::VIEWABLE);
            let name = |property: u32, kind: u32| {
                conn.get_property(false, window, property, kind, 0, 1024)
                    .ok()
                    .and_then(|c| c.reply().ok())
                    .map(|r| String::from_utf8_lossy(&r.value).into_owned())
            };
            let named = name(net_wm_name, utf8)
                .filter(|n| !n.is_empty())
                .or_else(|| name(AtomEnum::WM_NAME.into(), AtomEnum::STRING.into()))
                .is_some_and(|n| n == title);
            mapped && named
        })
        .collect()
}

/// Sends the ICCCM close request a window manager sends when the user closes a window.
pub(crate) fn ask_window_to_close(window: u32) {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt, EventMask};
    let (conn, _) = x11rb::connect(None).expect("an X display");
    let atom = |name: &[u8]| conn.intern_atom(false, name).unwrap().reply().unwrap().atom;
    let protocols = atom(b"WM_PROTOCOLS");
    let delete = atom(b"WM_DELETE_WINDOW");
    let event = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
    conn.send_event(false, window, EventMask::NO_EVENT, event)
        .unwrap();
    conn.flush().unwrap();
}
