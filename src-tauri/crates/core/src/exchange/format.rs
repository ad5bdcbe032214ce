//! The two exchange file formats, their parser, and the scorecard signature.
//!
//! Both files are UTF-8 JSON objects that name their `format` and `formatVersion` first, so a
//! reader can tell a kit from a scorecard from anything else and refuse a newer version by name
//! before looking at the rest. Every object denies unknown fields: a field this version does not
//! know would be a field the signature could not be trusted to cover.
//!
//! The signature is HMAC-SHA256 over the *canonical encoding* of the scorecard body: the body as
//! this module's types serialise it with `serde_json` (fields in declaration order, no
//! whitespace, strings escaped the one way `serde_json` escapes them). The file itself is
//! pretty-printed for people; verification parses it and re-encodes the body canonically, so
//! whitespace does not matter and every value does.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::bank::Question;
use crate::json_file::{self, Envelope};
use crate::scorecards::{AnswerInput, AnswerSnapshot, Recommendation, ScorecardStatus};
use crate::{Capability, Error, Level, Result};

/// `format` of a kit file.
pub const KIT_FORMAT: &str = "hiring-panel/kit";
/// `format` of a scorecard file.
pub const SCORECARD_FORMAT: &str = "hiring-panel/scorecard";
/// The scorecard format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The kit format version this build writes, and the only one it reads. Version 2 added the
/// level guidance and questions borrowed from other packs; version 3 adds the lead's Ed25519
/// signature; version 4 the lead install's public identity (so a return through the team folder
/// can be encrypted to the lead). Unsigned kits (versions 1 and 2, from older builds) are refused
/// with a message saying what to do: anyone holding the plan's key could have made one.
pub const KIT_FORMAT_VERSION: u32 = 4;
/// Largest exchange file accepted: 18 answers of the longest notes the app accepts fit easily.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// The only signature algorithm of format version 1.
pub const SIGNATURE_ALGORITHM: &str = "HMAC-SHA256";
/// Length of a kit's secret in bytes.
pub const SECRET_BYTES: usize = 32;

/// A kit file: what one panelist needs to interview offline, and the secret to sign the return,
/// signed by the lead's install.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KitFile {
    /// Always [`KIT_FORMAT`].
    pub format: String,
    /// [`KIT_FORMAT_VERSION`] when written by this build.
    pub format_version: u32,
    /// The kit itself.
    pub kit: Kit,
    /// The lead's signature over [`kit_message`]; absent only in kits of older builds, which
    /// are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<KitSignature>,
}

/// The lead install's signature of a kit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KitSignature {
    /// Always [`crate::identity::ALGORITHM`].
    pub algorithm: String,
    /// The lead install's Ed25519 public key, 32 bytes as lowercase hex.
    pub public_key: String,
    /// The signature, 64 bytes as lowercase hex.
    pub value: String,
}

/// What a kit's signature covers: the canonical encoding of the file without its signature
/// (`{"format":…,"formatVersion":…,"kit":{…}}`), so neither the kit nor its envelope can change.
pub fn kit_message(format_version: u32, kit: &Kit) -> Vec<u8> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Signed<'a> {
        format: &'a str,
        format_version: u32,
        kit: &'a Kit,
    }
    canonical(&Signed {
        format: KIT_FORMAT,
        format_version,
        kit,
    })
}

impl KitFile {
    /// A kit file signed by this install.
    pub fn signed(kit: Kit, identity: &crate::identity::Identity) -> KitFile {
        let signature = KitSignature {
            algorithm: crate::identity::ALGORITHM.into(),
            public_key: identity.public_key(),
            value: identity.sign(&kit_message(KIT_FORMAT_VERSION, &kit)),
        };
        KitFile {
            format: KIT_FORMAT.into(),
            format_version: KIT_FORMAT_VERSION,
            kit,
            signature: Some(signature),
        }
    }

    /// The signature, checked: present, of the one algorithm, and made by the key it names
    /// over exactly this kit. Returns the signing public key (hex).
    pub fn verified_key(&self) -> Result<&str> {
        let Some(signature) = self.signature.as_ref().filter(|_| self.format_version >= 3) else {
            return Err(Error::Rejected(
                "this kit was made by an older version of Hiring Panel and is not signed by \
                 its panel lead, so this version cannot tell who made it; ask the panel lead \
                 to update Hiring Panel and send kits again"
                    .into(),
            ));
        };
        if signature.algorithm != crate::identity::ALGORITHM {
            return Err(Error::Rejected(format!(
                "the kit is signed with {:?}; this version checks only {}",
                signature.algorithm,
                crate::identity::ALGORITHM
            )));
        }
        let message = kit_message(self.format_version, &self.kit);
        if !crate::identity::verify(&signature.public_key, &message, &signature.value)? {
            return Err(Error::Rejected(
                "the kit's signature does not match its contents: it was changed after the \
                 panel lead sent it, or made by someone else; ask the lead for a new kit"
                    .into(),
            ));
        }
        Ok(&signature.public_key)
    }
}

/// The contents of a kit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Kit {
    /// Random id naming this kit; a scorecard names the kit it was signed with.
    pub kit_id: String,
    /// The signing secret, 32 bytes as lowercase hex. Whoever holds the kit can sign returns.
    pub secret: String,
    /// When the lead issued the kit (RFC 3339, UTC).
    pub issued_at: String,
    /// The panel lead's name as the plan records it (may be empty).
    pub issued_by: String,
    /// The plan, as much as the panelist needs.
    pub plan: KitPlan,
    /// The panelist the kit is for.
    pub panelist: KitPanelist,
    /// The question pack version the plan is built on.
    pub pack: KitPack,
    /// The panelist's questions, in asking order, with their rubric, each numbered as the plan
    /// numbers it.
    pub questions: Vec<Question>,
    /// Format version 2: what a strong answer looks like at the plan's level.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub level_guidance: String,
    /// Format version 2: the questions (by plan number) that come from another pack than
    /// `pack`, and where from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub borrowed: Vec<KitSource>,
    /// Format version 4: the lead install's public identity line (`identity::PublicIdentity`),
    /// whose signing key must be the one that signed the kit; a return published to the team
    /// folder is encrypted to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_identity: Option<String>,
}

/// Where a borrowed question of a kit comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KitSource {
    /// The question's number in the plan (and in `questions`).
    pub number: u32,
    /// The pack version it comes from.
    pub pack: KitPack,
    /// Its number in that pack.
    pub pack_number: u32,
}

/// The plan part of a kit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KitPlan {
    /// The plan's identity across machines (random, 32 hex digits).
    pub key: String,
    /// Candidate's name.
    pub candidate: String,
    /// Target level.
    pub level: Level,
    /// Role title.
    pub role_title: String,
    /// Interview start (RFC 3339, UTC), if set.
    pub starts_at: Option<String>,
    /// Panel lead.
    pub panel_lead: String,
    /// Recruiter.
    pub recruiter: String,
    /// Notes for the panel.
    pub notes: String,
}

/// The panelist part of a kit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KitPanelist {
    /// The panelist's id in the lead's database.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Slot length in minutes.
    pub slot_minutes: u32,
    /// Capabilities they are best placed to probe.
    pub focus: Vec<Capability>,
}

/// The pack a kit's questions come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KitPack {
    /// Stable pack id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Title.
    pub title: String,
}

/// A scorecard file: a panelist's scorecard, signed with their kit's secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScorecardFile {
    /// Always [`SCORECARD_FORMAT`].
    pub format: String,
    /// Always [`FORMAT_VERSION`] when written by this build.
    pub format_version: u32,
    /// What is signed.
    pub body: ScorecardBody,
    /// The signature over the canonical encoding of `body`.
    pub signature: Signature,
}

/// The signed part of a scorecard file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScorecardBody {
    /// The plan's identity across machines, from the kit.
    pub plan_key: String,
    /// The kit whose secret signs this file.
    pub kit_id: String,
    /// The panelist's id in the lead's database, from the kit.
    pub panelist_id: i64,
    /// The panelist's name (for messages; the kit id is what counts).
    pub panelist_name: String,
    /// The candidate's name (for messages).
    pub candidate: String,
    /// Starts at 1 and grows by one each time the exported content changes.
    pub revision: u32,
    /// When this file was written (RFC 3339, UTC).
    pub exported_at: String,
    /// The scorecard.
    pub scorecard: ScorecardContent,
}

/// The scorecard itself, as the panelist recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScorecardContent {
    /// Draft or submitted (this build only exports submitted scorecards).
    pub status: ScorecardStatus,
    /// Overall recommendation.
    pub recommendation: Option<Recommendation>,
    /// Summary.
    pub summary: String,
    /// When submitted (RFC 3339, UTC).
    pub submitted_at: Option<String>,
    /// One answer per question of the kit, in asking order.
    pub answers: Vec<AnswerInput>,
    /// Amendments made after submission, oldest first.
    pub amendments: Vec<ExchangedAmendment>,
}

/// One amendment, with the values before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExchangedAmendment {
    /// When it was made on the panelist's machine.
    pub at: String,
    /// Question number.
    pub question_number: u32,
    /// Why.
    pub reason: String,
    /// Before.
    pub old: AnswerSnapshot,
    /// After.
    pub new: AnswerSnapshot,
}

/// A signature: which algorithm and kit, and the MAC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Signature {
    /// Always [`SIGNATURE_ALGORITHM`].
    pub algorithm: String,
    /// The MAC, 32 bytes as lowercase hex.
    pub value: String,
}

/// An exchange file, parsed and checked for shape (not yet for signature or meaning).
// One value per file being imported, matched at once: the size difference between a kit and a
// scorecard costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeFile {
    /// A `.hpkit`.
    Kit(KitFile),
    /// A `.hpscore`.
    Scorecard(ScorecardFile),
}

/// The envelope of both exchange formats.
const ENVELOPE: Envelope = Envelope {
    kind: "kit or scorecard",
    formats: &[
        (KIT_FORMAT, "kit", KIT_FORMAT_VERSION),
        (SCORECARD_FORMAT, "scorecard", FORMAT_VERSION),
    ],
    max_bytes: MAX_FILE_BYTES,
};

/// Parses an exchange file, with a specific refusal for each way it can be wrong: too large,
/// not JSON, truncated, not ours, a newer format version (see [`crate::json_file`]), or
/// malformed.
pub fn parse(bytes: &[u8]) -> Result<ExchangeFile> {
    let opened = json_file::read(bytes, &ENVELOPE)?;
    let file = if opened.format == 0 {
        let kit: KitFile = opened.decode()?;
        kit.verified_key()?;
        check_kit(&kit.kit)?;
        ExchangeFile::Kit(kit)
    } else {
        let card: ScorecardFile = opened.decode()?;
        if card.signature.algorithm != SIGNATURE_ALGORITHM {
            return Err(Error::Rejected(format!(
                "the scorecard file is signed with {:?}; this version checks only \
                 {SIGNATURE_ALGORITHM}",
                card.signature.algorithm
            )));
        }
        ExchangeFile::Scorecard(card)
    };
    Ok(file)
}

/// Shape checks a kit needs before anything is built from it.
fn check_kit(kit: &Kit) -> Result<()> {
    secret_bytes(&kit.secret)?;
    if kit.questions.is_empty() {
        return Err(Error::Rejected("the kit holds no questions".into()));
    }
    if kit.kit_id.trim().is_empty() || kit.plan.key.trim().is_empty() {
        return Err(Error::Rejected(
            "the kit file is malformed: it has no kit id or plan key".into(),
        ));
    }
    Ok(())
}

/// Decodes a kit secret.
pub fn secret_bytes(hex_text: &str) -> Result<Vec<u8>> {
    match hex::decode(hex_text) {
        Ok(bytes) if bytes.len() == SECRET_BYTES => Ok(bytes),
        _ => Err(Error::Rejected(
            "the kit file is malformed: its secret is not 32 bytes of hex".into(),
        )),
    }
}

/// The canonical encoding of a value: compact `serde_json` of this module's types.
pub fn canonical<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("exchange types always serialise")
}

/// SHA-256 of a value's canonical encoding, as hex.
pub fn digest<T: Serialize>(value: &T) -> String {
    hex::encode(Sha256::digest(canonical(value)))
}

/// HMAC-SHA256 of the body's canonical encoding under `secret`, as hex.
pub fn sign(body: &ScorecardBody, secret: &[u8]) -> Signature {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(&canonical(body));
    Signature {
        algorithm: SIGNATURE_ALGORITHM.into(),
        value: hex::encode(mac.finalize().into_bytes()),
    }
}

/// Whether the file's signature is the body's MAC under `secret` (compared in constant time).
pub fn verify(file: &ScorecardFile, secret: &[u8]) -> bool {
    let Ok(expected) = hex::decode(&file.signature.value) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(&canonical(&file.body));
    mac.verify_slice(&expected).is_ok()
}

/// Pretty JSON for a file people may open in an editor.
pub fn to_file_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("exchange types always serialise");
    bytes.push(b'\n');
    bytes
}
