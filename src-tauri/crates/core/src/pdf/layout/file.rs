//! The PDF file a finished document becomes. printpdf builds the document (fonts subset); lopdf
//! writes it, with its streams compressed here at a level chosen for speed: printpdf's own
//! `optimize` compresses them at zlib's slowest.

use printpdf::{PdfDocument, PdfSaveOptions};

/// zlib's level for the document's streams. printpdf's `optimize` compresses them at level 9,
/// which was half of a packet's rendering time (`perf`). Measured on the benchmark database's
/// packet (36 questions × 2 panelists, with notes), rendering and file: level 9 29 ms and
/// 96 KB, 6 22 ms and 97 KB, **3 15 ms and 105 KB**, 1 14 ms and 148 KB. A few more kilobytes
/// for half the wait.
const STREAM_COMPRESSION: u32 = 3;

/// The PDF file of `doc`: fonts subset, every stream that may be compressed compressed at
/// [`STREAM_COMPRESSION`] (as printpdf's `optimize` does, at its level 9).
pub(super) fn serialise(doc: &PdfDocument) -> Vec<u8> {
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(
        &PdfSaveOptions {
            optimize: false,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        },
        &mut warnings,
    );
    for w in &warnings {
        tracing::debug!(warning = ?w, "pdf serialisation");
    }
    for object in pdf.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if stream.allows_compression && stream.dict.get(b"Filter").is_err() {
                compress(stream);
            }
        }
    }
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .expect("writing a PDF into memory cannot fail");
    bytes
}

/// Deflates `stream` when that makes it smaller (lopdf's own rule: by more than the filter's
/// entry costs).
fn compress(stream: &mut lopdf::Stream) {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 2),
        flate2::Compression::new(STREAM_COMPRESSION),
    );
    let Ok(compressed) = encoder
        .write_all(&stream.content)
        .and_then(|()| encoder.finish())
    else {
        return;
    };
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
}
