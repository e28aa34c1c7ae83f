//! Helpers shared by the end-to-end tests.

use std::process::Output;

/// `output`, after checking that its command succeeded (showing its
/// standard error if not).
pub fn succeeded(output: Output) -> Output {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
