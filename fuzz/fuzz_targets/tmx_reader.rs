//! The lenient TMX reader: any bytes, read to the end or to the first error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tandem_tmx::TmxReader;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = TmxReader::new(std::io::Cursor::new(data.to_vec())) else {
        return;
    };
    for unit in reader {
        if unit.is_err() {
            break;
        }
    }
});
