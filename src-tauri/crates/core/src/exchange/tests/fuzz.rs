//! Property tests of both parsers (bounded, part of `make test`): no input makes them panic,
//! and no one-byte change passes the signature with different content.

use proptest::prelude::*;

use super::*;

/// A valid kit and a scorecard signed with it, made once, to mutate.
fn samples() -> &'static (Vec<u8>, Vec<u8>, Vec<u8>) {
    use std::sync::OnceLock;
    static FILES: OnceLock<(Vec<u8>, Vec<u8>, Vec<u8>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let (mut lead_db, plan, _) = lead();
        let kits = issue_kits(&mut lead_db, plan);
        let ExchangeFile::Kit(kit) = parse(&kits[0].bytes).unwrap() else {
            panic!()
        };
        let secret = hex::decode(&kit.kit.secret).unwrap();
        let (mut pdb, pplan, ppanelist) = panelist_scores(&kits[0], 3);
        (
            kits[0].bytes.clone(),
            export(&mut pdb, pplan, ppanelist).bytes,
            secret,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The parser never panics, whatever the bytes.
    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes);
    }

    /// Any one-byte change to a signed scorecard either fails to parse, fails the signature, or
    /// leaves the signed content exactly as it was (whitespace between tokens).
    #[test]
    fn a_one_byte_change_never_passes_with_different_content(at in 0usize..100_000, byte in any::<u8>()) {
        let (_, original, secret) = samples();
        let ExchangeFile::Scorecard(good) = parse(original).unwrap() else { panic!() };
        let mut bytes = original.clone();
        let at = at % bytes.len();
        bytes[at] = byte;
        if let Ok(ExchangeFile::Scorecard(card)) = parse(&bytes) {
            if verify(&card, secret) {
                prop_assert_eq!(canonical(&card.body), canonical(&good.body), "byte {}", at);
            }
        }
    }

    /// A kit with any one byte changed either imports or is refused with a coded error.
    #[test]
    fn mutated_kits_import_or_are_refused(at in 0usize..100_000, byte in any::<u8>()) {
        let (kit, _, _) = samples();
        let mut bytes = kit.clone();
        let at = at % bytes.len();
        bytes[at] = byte;
        let mut pdb = Db::open_in_memory().unwrap();
        if let Err(e) = import(&mut pdb, &bytes, ImportOptions::default()) {
            prop_assert!(matches!(e.code(), ErrorCode::Rejected | ErrorCode::InvalidInput), "{}", e);
        }
    }
}
