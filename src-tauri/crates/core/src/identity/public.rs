//! The public half of an install's identity as people exchange it: one line carrying the
//! signing key, the age recipient, and the signing key's signature binding the two (see the
//! parent module), read back with every way it can be wrong named.

use super::{decode_public, fingerprint_of, verify};
use crate::{Error, Result};

/// How a public identity line starts (the number is the line's format).
pub const PUBLIC_IDENTITY_PREFIX: &str = "hiring-panel-identity-1";

/// What the signing key signs to bind an age recipient to itself.
pub(super) fn binding_message(recipient: &str) -> Vec<u8> {
    format!("hiring-panel identity binding 1\n{recipient}").into_bytes()
}

/// An install's public identity, as one line people copy or send as a small file:
/// `hiring-panel-identity-1:<Ed25519 key, hex>:<age recipient>:<signature, hex>`. The
/// signature is the Ed25519 key's over the recipient, so a line whose encryption key was swapped
/// fails to read, and checking the fingerprint (of the Ed25519 key, as for signed kits) checks
/// both keys.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PublicIdentity {
    /// The Ed25519 public key, lowercase hex.
    pub signing_key: String,
    /// The age X25519 recipient (`age1…`).
    pub recipient: String,
    /// The fingerprint people compare (see [`fingerprint_of`]).
    pub fingerprint: String,
    /// The whole line.
    pub line: String,
}

impl PublicIdentity {
    pub(super) fn new(signing_key: String, recipient: String, binding: String) -> PublicIdentity {
        let fingerprint = fingerprint_of(&signing_key).expect("a checked or own key");
        let line = format!("{PUBLIC_IDENTITY_PREFIX}:{signing_key}:{recipient}:{binding}");
        PublicIdentity {
            signing_key,
            recipient,
            fingerprint,
            line,
        }
    }

    /// Reads a line someone pasted or a file's text (surrounding blank space ignored); a line
    /// that is not one, is damaged, or whose keys do not belong together is
    /// [`Error::InvalidInput`] saying which.
    pub fn parse(text: &str) -> Result<PublicIdentity> {
        let text = text.trim();
        let parts: Vec<&str> = text.split(':').collect();
        let [prefix, signing_key, recipient, binding] = parts[..] else {
            return Err(not_a_line(text));
        };
        if prefix != PUBLIC_IDENTITY_PREFIX {
            return Err(not_a_line(text));
        }
        let damaged = |what: &str| {
            Error::InvalidInput(format!(
                "the identity line is damaged ({what}); ask for it to be copied again, whole"
            ))
        };
        if decode_public(signing_key).is_err() {
            return Err(damaged("its signing key is not a valid Ed25519 key"));
        }
        if recipient.parse::<age::x25519::Recipient>().is_err() {
            return Err(damaged("its encryption key is not an age X25519 key"));
        }
        if !verify(signing_key, &binding_message(recipient), binding)? {
            return Err(damaged("its signature does not match its keys"));
        }
        Ok(PublicIdentity::new(
            signing_key.to_string(),
            recipient.to_string(),
            binding.to_string(),
        ))
    }

    /// The age recipient, parsed (checked by [`PublicIdentity::parse`]).
    pub fn age_recipient(&self) -> age::x25519::Recipient {
        self.recipient
            .parse()
            .expect("a recipient checked when the line was read")
    }
}

fn not_a_line(text: &str) -> Error {
    let shown: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    Error::InvalidInput(format!(
        "\"{shown}{more}\" is not a Hiring Panel identity: one starts with \
         \"{PUBLIC_IDENTITY_PREFIX}:\" (`panelctl identity show` prints this computer's)"
    ))
}

#[cfg(test)]
mod tests {
    use super::super::Identity;
    use super::*;

    #[test]
    fn a_public_identity_line_reads_back_and_refuses_swapped_or_damaged_keys() {
        let install = Identity::generate();
        let public = install.public_identity();
        assert!(public.line.starts_with("hiring-panel-identity-1:"));
        assert!(!public.line.contains(char::is_whitespace));
        assert_eq!(public.fingerprint, install.fingerprint());
        let read = PublicIdentity::parse(&format!("  {}\n", public.line)).unwrap();
        assert_eq!(read, public);
        // The same seed gives the same encryption key every time (nothing else is stored).
        assert_eq!(
            install.age_identity().to_public().to_string(),
            public.recipient
        );

        // Another install's encryption key spliced into this line: the signature says no.
        let other = Identity::generate().public_identity();
        let swapped = public.line.replace(&public.recipient, &other.recipient);
        let err = PublicIdentity::parse(&swapped).unwrap_err().to_string();
        assert!(err.contains("signature does not match"), "{err}");
        let cut = &public.line[..public.line.len() - 2];
        assert!(PublicIdentity::parse(cut).is_err());
        for wrong in ["", "age1abc", "hiring-panel-identity-2:aa:bb:cc"] {
            let err = PublicIdentity::parse(wrong).unwrap_err().to_string();
            assert!(
                err.contains("is not a Hiring Panel identity"),
                "{wrong}: {err}"
            );
        }
    }

    #[test]
    fn a_file_encrypted_to_a_public_identity_opens_only_with_its_install() {
        let panelist = Identity::generate();
        let line = PublicIdentity::parse(&panelist.public_identity().line).unwrap();
        let cipher = age::encrypt(&line.age_recipient(), b"kit").unwrap();
        assert_eq!(
            age::decrypt(&panelist.age_identity(), &cipher).unwrap(),
            b"kit"
        );
        assert!(age::decrypt(&Identity::generate().age_identity(), &cipher).is_err());
    }
}
