//! This install's signing identity: one Ed25519 key pair, made on first use.
//!
//! A panelist must be able to tell a kit their lead sent from one a co-panelist made: both hold
//! the plan's key, and a kit carries the secret that signs the return. So the lead's install
//! signs every kit with its own key, and a panelist's install remembers the key of each lead the
//! first time it sees it (see `exchange::lead_keys`). The key is the install's one identity
//! (the team folder reuses it), kept apart from the database in its own owner-only file in the
//! data folder, `identity.key`: a restored or purged database never takes it along by accident.
//! Backups carry a copy (in their `backup_identity` table, empty in the live database), so
//! restoring one on a new laptop keeps the identity panelists know; a new laptop without a
//! backup has a new key, which panelists see as a key change.
//!
//! What the key proves is that a kit comes from the install holding this file; anyone who can
//! read the file with the lead's OS account can sign as the lead.
//!
//! The same secret also gives the install an **encryption identity** (age X25519), derived from
//! the signing key's seed so that the one file, and every backup of it, keeps both: files sent
//! through a team folder are encrypted to it. People exchange the public half as one line
//! ([`PublicIdentity`]): the signing key, the age recipient, and the signing key's signature
//! binding the two, so that the fingerprint people compare covers the encryption key too.

use crate::db::CachedStatements;
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

mod public;

use public::binding_message;
pub use public::{PublicIdentity, PUBLIC_IDENTITY_PREFIX};

use crate::{files, Error, Result};

/// The identity file in the data folder.
pub const IDENTITY_FILE: &str = "identity.key";
/// The only signature algorithm kits use.
pub const ALGORITHM: &str = "Ed25519";
/// First line of the identity file.
const FILE_HEADER: &str = "hiring-panel identity 1";

/// This install's signing key as people see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ComputerKey {
    /// See [`fingerprint_of`].
    pub fingerprint: String,
}

impl ComputerKey {
    /// The key of `identity`.
    pub fn of(identity: &Identity) -> ComputerKey {
        ComputerKey {
            fingerprint: identity.fingerprint(),
        }
    }
}

/// This install's key pair.
pub struct Identity {
    key: SigningKey,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret half, not even in a log line.
        write!(f, "Identity({})", self.fingerprint())
    }
}

impl Identity {
    /// A new random identity (nothing written).
    pub fn generate() -> Identity {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).expect("the operating system gives random bytes");
        Identity {
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// The identity of the install whose data folder is `dir`: read from `identity.key`, else
    /// taken over from a database restored by hand (a backup copied into place still holds the
    /// identity it was taken with), else made now. The file is written owner-only and
    /// atomically, so a crash never leaves half a key.
    pub fn load_or_create(dir: &Path, db: Option<&Connection>) -> Result<Identity> {
        let path = dir.join(IDENTITY_FILE);
        if let Some(identity) = read(&path)? {
            if let Some(conn) = db {
                forget_backup_copy(conn)?;
            }
            return Ok(identity);
        }
        let identity = match db.map(from_backup_table).transpose()?.flatten() {
            Some(identity) => identity,
            None => Identity::generate(),
        };
        identity.write_to(dir)?;
        if let Some(conn) = db {
            forget_backup_copy(conn)?;
        }
        Ok(identity)
    }

    /// The identity of the install whose data folder is `dir`, if it has one (nothing is made).
    pub fn existing(dir: &Path) -> Result<Option<Identity>> {
        read(&dir.join(IDENTITY_FILE))
    }

    /// The identity of the install whose database `db` is (see [`Identity::load_or_create`]).
    /// A database in memory (tests) has no data folder, and so no identity.
    pub fn for_db(db: &crate::Db) -> Result<Identity> {
        let Some(dir) = db.path().and_then(Path::parent) else {
            return Err(Error::InvalidInput(
                "this database has no data folder to keep a signing key in".into(),
            ));
        };
        Identity::load_or_create(dir, Some(db.conn()))
    }

    /// Writes the identity file into `dir`, replacing one that is there.
    pub fn write_to(&self, dir: &Path) -> Result<()> {
        files::ensure_private_dir(dir)?;
        let path = dir.join(IDENTITY_FILE);
        files::write_atomically(&path, self.file_text().as_bytes())?;
        files::make_private(&path)
    }

    fn file_text(&self) -> String {
        format!(
            "{FILE_HEADER}\nsecret-key {}\n",
            hex::encode(self.key.to_bytes())
        )
    }

    fn from_secret_hex(text: &str) -> Option<Identity> {
        let bytes: [u8; 32] = hex::decode(text.trim()).ok()?.try_into().ok()?;
        Some(Identity {
            key: SigningKey::from_bytes(&bytes),
        })
    }

    /// The public key, 32 bytes as lowercase hex: what a kit carries.
    pub fn public_key(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }

    /// The fingerprint people compare: see [`fingerprint_of`].
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.public_key()).expect("our own key is well formed")
    }

    /// The Ed25519 signature of `message`, 64 bytes as lowercase hex.
    pub fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.key.sign(message).to_bytes())
    }

    /// The install's age X25519 identity: the SHA-256 of a fixed label and the signing key's
    /// seed, so it needs no file of its own and a restored backup brings it back.
    pub fn age_identity(&self) -> age::x25519::Identity {
        let mut seed: [u8; 32] = Sha256::new()
            .chain_update(AGE_DERIVATION)
            .chain_update(self.key.to_bytes())
            .finalize()
            .into();
        let mut encoded =
            bech32::encode::<bech32::Bech32>(bech32::Hrp::parse_unchecked(AGE_SECRET_HRP), &seed)
                .expect("32 bytes fit a Bech32 string")
                .to_uppercase();
        let identity = encoded
            .parse::<age::x25519::Identity>()
            .expect("a Bech32 age secret key we just encoded");
        seed.zeroize();
        encoded.zeroize();
        identity
    }

    /// What this install shares with others: see [`PublicIdentity`].
    pub fn public_identity(&self) -> PublicIdentity {
        let recipient = self.age_identity().to_public().to_string();
        let binding = self.sign(&binding_message(&recipient));
        PublicIdentity::new(self.public_key(), recipient, binding)
    }
}

/// The label of the age identity's derivation (see [`Identity::age_identity`]).
const AGE_DERIVATION: &[u8] = b"hiring-panel/age-x25519/1";
/// The Bech32 prefix of an age secret key.
const AGE_SECRET_HRP: &str = "age-secret-key-";
/// Reads an identity file; `None` when there is none. A file that is there but unreadable is
/// an error rather than a reason to make a new key: panelists would see a key change.
fn read(path: &Path) -> Result<Option<Identity>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::DataDir {
                path: path.to_path_buf(),
                detail: format!("this computer's signing key cannot be read: {e}"),
            })
        }
    };
    let mut lines = text.lines();
    let key = (lines.next() == Some(FILE_HEADER))
        .then(|| lines.next()?.strip_prefix("secret-key "))
        .flatten()
        .and_then(Identity::from_secret_hex);
    match key {
        Some(identity) => Ok(Some(identity)),
        None => Err(Error::DataDir {
            path: path.to_path_buf(),
            detail: "this computer's signing key file is damaged; restore it from a backup \
                     (Data → Restore), or move it away to make a new key (panelists will be \
                     told the key changed)"
                .into(),
        }),
    }
}

/// The identity a backup carries, if any.
fn from_backup_table(conn: &Connection) -> Result<Option<Identity>> {
    let text: Option<String> = conn
        .query_row_cached(
            "SELECT secret_key FROM backup_identity WHERE only = 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.as_deref().and_then(Identity::from_secret_hex))
}

/// The live database never keeps the key: the file does.
fn forget_backup_copy(conn: &Connection) -> Result<()> {
    conn.execute_cached("DELETE FROM backup_identity", [])?;
    Ok(())
}

/// The identity file of the data folder that holds `db_path`.
pub fn path_beside(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(IDENTITY_FILE)
}

/// Copies the identity of the install whose database is `db_path` into a backup file just
/// written (before it is published), so a restore keeps it. Nothing to copy when the install
/// has no identity yet.
pub(crate) fn copy_into_backup(db_path: &Path, backup: &Path) -> Result<()> {
    let Some(identity) = read(&path_beside(db_path))? else {
        return Ok(());
    };
    let conn = Connection::open(backup)?;
    conn.execute_cached(
        "INSERT OR REPLACE INTO backup_identity (only, secret_key) VALUES (1, ?1)",
        [hex::encode(identity.key.to_bytes())],
    )?;
    Ok(())
}

/// After a restore: the identity the backup carried becomes this install's (the one it
/// replaces is kept in the backups folder, never deleted), and the database forgets its copy.
/// Returns the fingerprint now in force when it changed.
pub(crate) fn adopt_after_restore(db_path: &Path, conn: &Connection) -> Result<Option<String>> {
    let Some(restored) = from_backup_table(conn)? else {
        return Ok(None);
    };
    forget_backup_copy(conn)?;
    let dir = db_path.parent().unwrap_or_else(|| Path::new("."));
    let current = read(&dir.join(IDENTITY_FILE)).ok().flatten();
    if current
        .as_ref()
        .is_some_and(|c| c.public_key() == restored.public_key())
    {
        return Ok(None);
    }
    if let Some(current) = current {
        let backups = crate::backup::backup_dir(db_path);
        files::ensure_private_dir(&backups)?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let kept = backups.join(format!(
            "identity-{stamp}-{}-replaced.key",
            crate::ids::random_hex(3)
        ));
        files::write_atomically(&kept, current.file_text().as_bytes())?;
        files::make_private(&kept)?;
    }
    restored.write_to(dir)?;
    Ok(Some(restored.fingerprint()))
}

/// The fingerprint of a public key (hex) that people read aloud or compare: the first 16 bytes
/// of its SHA-256, as eight groups of four upper-case hex digits ("3F2A 9C01 …").
pub fn fingerprint_of(public_key_hex: &str) -> Result<String> {
    let key = decode_public(public_key_hex)?;
    let digest = Sha256::digest(key.to_bytes());
    let hex = hex::encode_upper(&digest[..16]);
    Ok(hex
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("hex is ASCII"))
        .collect::<Vec<_>>()
        .join(" "))
}

/// A fingerprint as typed by a person: spaces, dashes and case do not matter.
pub fn normalise_fingerprint(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn decode_public(public_key_hex: &str) -> Result<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(public_key_hex)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::Rejected("the file's public key is not 32 bytes of hex".into()))?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| Error::Rejected("the file's public key is not a valid Ed25519 key".into()))
}

/// Whether `signature_hex` is `public_key_hex`'s Ed25519 signature of `message` (strict
/// verification: no malleable or small-order forms).
pub fn verify(public_key_hex: &str, message: &[u8], signature_hex: &str) -> Result<bool> {
    let key = decode_public(public_key_hex)?;
    let Some(bytes) = hex::decode(signature_hex)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return Ok(false);
    };
    let signature = Signature::from_bytes(&bytes);
    Ok(key.verify_strict(message, &signature).is_ok() && key.verify(message, &signature).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() {
        let lead = Identity::generate();
        let other = Identity::generate();
        let sig = lead.sign(b"kit");
        assert!(verify(&lead.public_key(), b"kit", &sig).unwrap());
        assert!(!verify(&lead.public_key(), b"kit!", &sig).unwrap());
        assert!(!verify(&other.public_key(), b"kit", &sig).unwrap());
        assert!(!verify(&lead.public_key(), b"kit", "00").unwrap());
    }

    #[test]
    fn the_file_is_owner_only_read_back_and_never_silently_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = Identity::load_or_create(dir.path(), None).unwrap();
        let again = Identity::load_or_create(dir.path(), None).unwrap();
        assert_eq!(first.public_key(), again.public_key());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(IDENTITY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(dir.path().join(IDENTITY_FILE), "garbage").unwrap();
        let err = Identity::load_or_create(dir.path(), None).unwrap_err();
        assert!(err.to_string().contains("damaged"), "{err}");
        assert!(!format!("{first:?}").contains(&hex::encode(first.key.to_bytes())));
    }

    #[test]
    fn fingerprints_are_grouped_and_compare_loosely() {
        let fp = Identity::generate().fingerprint();
        assert_eq!(fp.len(), 8 * 4 + 7);
        assert_eq!(
            normalise_fingerprint(&fp.to_lowercase().replace(' ', "-")),
            normalise_fingerprint(&fp)
        );
    }
}
