//! Writes the fixture database of every schema version that has none yet
//! (`tests/fixtures/schema-vN.db`), from that version's migrations alone. Run it once when a
//! migration is added, and commit the new file: `cargo run -p panel-core --example
//! schema_fixtures`. Existing fixtures are never rewritten.

#[path = "../tests/fixture_data/mod.rs"]
mod fixture_data;

use fixture_data::{fill, fixture};
use panel_core::db::migrations::{MIGRATIONS, SCHEMA_VERSION};
use rusqlite::Connection;

fn main() {
    for version in 1..=SCHEMA_VERSION as usize {
        let path = fixture(version);
        if path.exists() {
            continue;
        }
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        fill(&conn, version);
        conn.pragma_update(None, "user_version", version as i64)
            .unwrap();
        println!("wrote {}", path.display());
    }
}
