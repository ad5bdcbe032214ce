//! Optional passphrase protection of exchange files, with `age` (scrypt recipient).
//!
//! Signed JSON stays the default: the signature already makes tampering evident, and a plain
//! file can be inspected by anyone who receives it. A passphrase adds confidentiality for kits
//! and scorecards that travel through e-mail or shared drives. The encrypted file keeps its
//! extension; readers recognise it by the age header and ask for the passphrase.

use age::secrecy::SecretString;

use crate::{Error, Result};

/// The first line of every binary age file.
const AGE_HEADER: &[u8] = b"age-encryption.org/v1\n";
/// Shortest passphrase accepted for protecting a file.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// scrypt work factor (N = 2^18: 256 MiB, about half a second): fixed rather than timed, so a
/// file made on a fast machine opens on a slow one, and a hostile file cannot ask for more.
const WORK_FACTOR: u8 = 18;

/// Whether the bytes are an age-encrypted file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_HEADER)
}

/// Refuses a passphrase too short to protect anything.
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::InvalidInput(format!(
            "a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    Ok(())
}

/// Encrypts `plain` so that only `passphrase` opens it.
pub fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    check_passphrase(passphrase)?;
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(WORK_FACTOR);
    age::encrypt(&recipient, plain)
        .map_err(|e| Error::InvalidInput(format!("the file could not be encrypted: {e}")))
}

/// Decrypts a file made by [`encrypt`]; a wrong passphrase is [`Error::Locked`], anything else
/// wrong with the file is [`Error::Rejected`].
pub fn decrypt(cipher: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(WORK_FACTOR);
    age::decrypt(&identity, cipher).map_err(|e| match e {
        age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed
        | age::DecryptError::NoMatchingKeys => Error::Locked(
            "that passphrase does not open this file; check it with the sender".into(),
        ),
        age::DecryptError::ExcessiveWork { .. } => Error::Rejected(
            "the encrypted file asks for far more work to open than Hiring Panel ever uses; \
             it was not made by Hiring Panel"
                .into(),
        ),
        other => Error::Rejected(format!("the encrypted file is damaged: {other}")),
    })
}
