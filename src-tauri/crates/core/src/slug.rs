//! Words stored in the database and sent over the IPC for a closed set of values ("slugs").
//!
//! A status, an audit kind or a pack's origin is a fixed word in a `TEXT` column, in JSON and in
//! TypeScript. `slug_enum!` declares such an enum once: the variants with their words, serde
//! and specta naming them the same way, `slug`/`from_slug`, and `ToSql`/`FromSql`, so no code
//! compares a column against a string literal and a typo cannot compile.

/// Declares an enum of slugs: `Variant = "word"` for each value. See the module docs.
#[macro_export]
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $slug:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            serde::Serialize, serde::Deserialize, specta::Type,
        )]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $slug)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word stored and sent for this value.
            pub fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug,)+
                }
            }

            /// The value a stored or sent word names, if any.
            pub fn from_slug(slug: &str) -> Option<$name> {
                match slug {
                    $($slug => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.slug()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_slug(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("unknown {} {text:?}", stringify!($name)).into(),
                    )
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::slug_enum! {
        /// A test enum.
        pub enum Colour {
            /// Red.
            Red = "red",
            /// Deep blue, with a space.
            DeepBlue = "deep blue",
        }
    }

    #[test]
    fn slugs_round_trip_through_serde_sql_and_from_slug() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        for &colour in Colour::ALL {
            assert_eq!(Colour::from_slug(colour.slug()), Some(colour));
            let json = serde_json::to_string(&colour).unwrap();
            assert_eq!(
                json,
                format!("\"{}\"", colour.slug()),
                "serde names it by its slug"
            );
            let back: Colour = db.query_row("SELECT ?1", [colour], |r| r.get(0)).unwrap();
            assert_eq!(back, colour, "SQLite stores and returns the slug");
        }
        let unknown: rusqlite::Result<Colour> = db.query_row("SELECT 'green'", [], |r| r.get(0));
        assert!(
            unknown.is_err(),
            "a word outside the set is an error, not a default"
        );
    }
}
