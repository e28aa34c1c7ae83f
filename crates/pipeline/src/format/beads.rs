//! The alignment itself: `[src ids]:[tgt ids]:confidence` per bead, 0-based
//! sentence ids, beads with an empty side included, as gold alignments are
//! written (read back with [`tandem_align::gold::parse_gold`]).

use std::io::{self, Write};
use std::ops::Range;

use tandem_align::Bead;
use tandem_score::Score;

use super::{PairWriter, Unit};

/// `[0, 1]` for a range of sentence ids.
pub fn id_list(range: &Range<usize>) -> String {
    let ids: Vec<String> = range.clone().map(|i| i.to_string()).collect();
    format!("[{}]", ids.join(", "))
}

/// Every bead, a line each.
pub struct Writer<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> Writer<'w> {
    /// A writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> Writer<'w> {
        Writer { out }
    }

    fn bead(&mut self, bead: &Bead, score: &Score) -> io::Result<()> {
        writeln!(
            self.out,
            "{}:{}:{:.4}",
            id_list(&bead.src),
            id_list(&bead.tgt),
            score.confidence
        )
    }
}

impl PairWriter for Writer<'_> {
    fn write(&mut self, unit: &Unit<'_>) -> io::Result<()> {
        match &unit.aligned {
            Some(aligned) => self.bead(aligned.bead, aligned.score),
            None => Err(io::Error::other(
                "the beads format holds an alignment; a memory has none",
            )),
        }
    }

    fn write_unaligned(&mut self, bead: &Bead, score: &Score) -> io::Result<()> {
        self.bead(bead, score)
    }

    fn finish(mut self: Box<Self>) -> io::Result<usize> {
        self.out.flush()?;
        Ok(0)
    }
}
