//! Random identifiers: kit ids and secrets, plan keys, pack ids, the names of backup and
//! set-aside files. One source, the operating system's generator, for all of them.

/// Random bytes from the operating system, as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).expect("the operating system provides random bytes");
    hex::encode(buf)
}
