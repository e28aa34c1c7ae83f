//! What the unit tests of several modules share.

use std::io::{self, Write};

/// A stream that takes every byte and fails to flush, as a full disk may.
pub struct FailsToFlush;

impl Write for FailsToFlush {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::other("disk full"))
    }
}
