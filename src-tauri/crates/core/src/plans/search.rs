//! The Plans list's search text: each plan's candidate name and role, folded the way the search
//! box folds what is typed (Unicode NFD, combining marks dropped, lower case), so "zoe" finds
//! "Zoë"; a letter such as "Ł" has no mark to drop and stays itself.
//!
//! Stored in `plans.search_text` so a search over tens of thousands of plans is one scan of
//! short strings, not a fold per row per keystroke. The core writes it wherever a plan is made
//! or its candidate or role changes ([`refresh`]); no trigger does (`trusted_schema` is off).

use crate::db::CachedStatements;
use rusqlite::{params, Connection};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::Result;

/// Text as the search compares it: decomposed, marks dropped, lower case.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Writes one plan's search text from its candidate and role as they are now.
pub(crate) fn refresh(conn: &Connection, plan_id: i64) -> Result<()> {
    let (name, role): (String, String) = conn.query_row_cached(
        "SELECT c.name, p.role_title FROM plans p JOIN candidates c ON c.id = p.candidate_id
         WHERE p.id = ?1",
        [plan_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    conn.execute_cached(
        "UPDATE plans SET search_text = ?1 WHERE id = ?2",
        params![fold(&format!("{name} {role}")), plan_id],
    )?;
    Ok(())
}

/// Fills every plan's search text (the migration that adds the column).
pub(crate) fn fill_all(conn: &Connection) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM plans")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        refresh(conn, id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_drops_accents_and_case_but_keeps_letters() {
        assert_eq!(fold("Zoë Łukasiewicz"), "zoe łukasiewicz");
        assert_eq!(fold("SOFÍA MARÍN"), "sofia marin");
        assert_eq!(fold("Ζωή"), "ζωη");
        assert_eq!(fold("نادية"), "نادية");
        assert_eq!(fold(""), "");
    }
}
