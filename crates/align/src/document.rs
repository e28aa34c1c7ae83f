//! One document pair: the alignment passes and the estimation of the
//! models between them.

use std::ops::Range;

use crate::bead::{Bead, Shape};
use crate::length::{LengthCost, LengthModel, Lengths, Tail, TailCost};
use crate::search::{Evidence, Sum, Window, posteriors_at, search, search_near};
use crate::structure::Boundaries;
use crate::{Models, Options, Section, Sentences};

/// How many beads' worth of weight the default priors keep against the
/// counts of the first pass.
const PRIOR_WEIGHT: f64 = 20.0;

/// Fewer 1-1 sentence beads than this, and the first pass's model is kept.
const MIN_BEADS_TO_ESTIMATE: usize = 5;

/// How a pass searches each section's sentences.
#[derive(Clone, Copy)]
pub(crate) enum Pass<'p> {
    /// The best path, around a guide of its own ([`search`]).
    Best,
    /// The best path near the beads of an earlier pass ([`search_near`]).
    Near(&'p [Bead]),
}

/// Everything an alignment pass reads.
pub(crate) struct Document<'d, 'a> {
    src: &'d Sentences<'a>,
    tgt: &'d Sentences<'a>,
    src_lens: Vec<usize>,
    tgt_lens: Vec<usize>,
    /// Whether each sentence begins a paragraph.
    src_starts: Vec<bool>,
    tgt_starts: Vec<bool>,
    sections: &'d [Section],
    options: &'d Options,
}

impl<'d, 'a> Document<'d, 'a> {
    pub(crate) fn new(
        src: &'d Sentences<'a>,
        tgt: &'d Sentences<'a>,
        sections: &'d [Section],
        options: &'d Options,
    ) -> Self {
        let lengths = |text: &Sentences<'_>| {
            text.sentences
                .iter()
                .map(|s| tandem_text::length(s))
                .collect()
        };
        let starts = |text: &Sentences<'_>| {
            let mut starts = vec![false; text.sentences.len()];
            for p in text.paragraphs.iter().filter(|p| !p.is_empty()) {
                starts[p.start] = true;
            }
            starts
        };
        Document {
            src,
            tgt,
            src_lens: lengths(src),
            tgt_lens: lengths(tgt),
            src_starts: starts(src),
            tgt_starts: starts(tgt),
            sections,
            options,
        }
    }

    /// Target characters per source character over the sections that have
    /// both sides (1 when there are none).
    pub(crate) fn overall_ratio(&self) -> f64 {
        let (mut src_total, mut tgt_total) = (0, 0);
        for section in self
            .sections
            .iter()
            .filter(|s| !s.src.is_empty() && !s.tgt.is_empty())
        {
            src_total += self.src_lens[sentences_of(&self.src.paragraphs, section.src.clone())]
                .iter()
                .sum::<usize>();
            tgt_total += self.tgt_lens[sentences_of(&self.tgt.paragraphs, section.tgt.clone())]
                .iter()
                .sum::<usize>();
        }
        if src_total > 0 && tgt_total > 0 {
            tgt_total as f64 / src_total as f64
        } else {
            1.0
        }
    }

    /// One pass: sentence beads and paragraph beads, in document order.
    /// `pass` says how each section's sentences are searched.
    pub(crate) fn run(
        &self,
        models: &Models,
        lexical: Option<&dyn Evidence>,
        pass: Pass<'_>,
    ) -> (Vec<Bead>, Vec<Bead>) {
        let table = TailCost::new(models.tail);
        let mut sentence_beads = Vec::new();
        let mut paragraph_beads = Vec::new();
        for section in self.sections {
            let src = sentences_of(&self.src.paragraphs, section.src.clone());
            let tgt = sentences_of(&self.tgt.paragraphs, section.tgt.clone());
            let beads = self.align_sentences(src, tgt, models, &table, lexical, pass);
            paragraph_beads.extend(self.paragraph_beads(section, &beads));
            sentence_beads.extend(beads);
        }
        (sentence_beads, paragraph_beads)
    }

    /// The models for a second pass, from the beads of a first pass made
    /// with `first`.
    pub(crate) fn estimate(&self, first: &Models, beads: &[Bead]) -> Models {
        let (sentences, tail) = self
            .estimate_sentences(&first.sentences, beads)
            .unwrap_or((first.sentences, first.tail));
        Models {
            priors: first.priors.reestimate(beads, PRIOR_WEIGHT),
            boundaries: first
                .boundaries
                .estimate(beads, &self.src_starts, &self.tgt_starts),
            sentences,
            tail,
        }
    }

    /// The sentence length model of the 1-1 beads of a first pass made with
    /// `first`. The ratio comes from the beads within three standard
    /// deviations of the first model; the deviations of all 1-1 beads are
    /// fitted with a core Gaussian and a wide tail ([`Tail::fit`]), or, with
    /// too few beads for that, the mean squared deviation of those within
    /// three standard deviations (a trimmed maximum-likelihood estimate).
    /// `None` with too few 1-1 beads to estimate from.
    fn estimate_sentences(
        &self,
        first: &LengthModel,
        beads: &[Bead],
    ) -> Option<(LengthModel, Tail)> {
        let all: Vec<(f64, f64)> = beads
            .iter()
            .filter(|b| b.shape() == Shape::new(1, 1))
            .map(|b| {
                (
                    self.src_lens[b.src.start] as f64,
                    self.tgt_lens[b.tgt.start] as f64,
                )
            })
            .filter(|&(l1, l2)| l1 > 0.0 && l2 > 0.0)
            .collect();
        let close: Vec<(f64, f64)> = all
            .iter()
            .copied()
            .filter(|&(l1, l2)| first.delta(l1 as usize, l2 as usize).abs() <= 3.0)
            .collect();
        if close.len() < MIN_BEADS_TO_ESTIMATE {
            return None;
        }
        let (sum1, sum2) = close
            .iter()
            .fold((0.0, 0.0), |(a, b), &(l1, l2)| (a + l1, b + l2));
        let ratio = sum2 / sum1;
        let deviation =
            |&(l1, l2): &(f64, f64)| (l2 - ratio * l1) / ((l1 + l2 / ratio) / 2.0).sqrt();
        let (variance, tail) = match Tail::fit(&all.iter().map(deviation).collect::<Vec<f64>>()) {
            Some((core, tail)) => (core, tail),
            None => (
                close.iter().map(|p| deviation(p).powi(2)).sum::<f64>() / close.len() as f64,
                Tail::NONE,
            ),
        };
        let variance = variance.clamp(0.1 * ratio * ratio, 100.0 * ratio * ratio);
        Some((LengthModel { ratio, variance }, tail))
    }

    /// The posterior probability of each sentence bead of a pass made with
    /// these `models` and `lexical` evidence ([`posteriors`]), each
    /// section's sentences on their own.
    pub(crate) fn posteriors(
        &self,
        models: &Models,
        lexical: Option<&dyn Evidence>,
        beads: &[Bead],
        temperature: f64,
    ) -> Vec<f64> {
        let table = TailCost::new(models.tail);
        let mut found = Vec::with_capacity(beads.len());
        let windows = self.sections.iter().map(|s| {
            (
                sentences_of(&self.src.paragraphs, s.src.clone()),
                sentences_of(&self.tgt.paragraphs, s.tgt.clone()),
            )
        });
        for (src, tgt) in windows {
            let Some(local) = beads_within(beads, src.clone(), tgt.clone()) else {
                continue;
            };
            found.extend(self.window_posteriors(
                src,
                tgt,
                models,
                &table,
                lexical,
                &local,
                temperature,
            ));
        }
        // Every bead lies in one section; should one not, say nothing
        // rather than misplace the values.
        if found.len() != beads.len() {
            return vec![f64::NAN; beads.len()];
        }
        found
    }

    /// The beads of sentences `src` × `tgt` (a stretch of one section,
    /// global indices) under the models, `evidence` over the whole
    /// document, and the paragraph breaks: near `guide`'s beads where they
    /// cover the stretch, and where that finds a bead `evidence` rules out
    /// (+∞: a reviewer's constraint outside the band), the whole stretch.
    pub(crate) fn search_stretch(
        &self,
        src: Range<usize>,
        tgt: Range<usize>,
        models: &Models,
        evidence: &dyn Evidence,
        guide: &[Bead],
    ) -> Vec<Bead> {
        let table = TailCost::new(models.tail);
        let near = self.align_sentences(
            src.clone(),
            tgt.clone(),
            models,
            &table,
            Some(evidence),
            Pass::Near(guide),
        );
        let ruled_out = |b: &Bead| {
            let cost = match b.is_null() {
                true => evidence.null_cost(b.src.clone(), b.tgt.clone()),
                false => evidence.cost(b.src.clone(), b.tgt.clone()),
            };
            cost == f64::INFINITY
        };
        if !near.iter().any(ruled_out) {
            return near;
        }
        self.align_sentences(src, tgt, models, &table, Some(evidence), Pass::Best)
    }

    /// The posterior of each of `beads` (global indices, covering the
    /// stretch `src` × `tgt` exactly) within the stretch, as
    /// [`Document::posteriors`] computes them within a section.
    pub(crate) fn stretch_posteriors(
        &self,
        src: Range<usize>,
        tgt: Range<usize>,
        models: &Models,
        evidence: &dyn Evidence,
        beads: &[Bead],
        temperature: f64,
    ) -> Vec<f64> {
        let table = TailCost::new(models.tail);
        let local: Vec<Bead> = beads
            .iter()
            .map(|b| b.moved((src.start, tgt.start), (0, 0)))
            .collect();
        self.window_posteriors(
            src,
            tgt,
            models,
            &table,
            Some(evidence),
            &local,
            temperature,
        )
    }

    /// The paragraph beads that sentence `beads` (every section's, in
    /// order) make.
    pub(crate) fn paragraph_beads_of(&self, beads: &[Bead]) -> Vec<Bead> {
        let mut found = Vec::new();
        let mut rest = beads;
        for section in self.sections {
            let src = sentences_of(&self.src.paragraphs, section.src.clone());
            let tgt = sentences_of(&self.tgt.paragraphs, section.tgt.clone());
            let count = rest
                .iter()
                .take_while(|b| b.src.end <= src.end && b.tgt.end <= tgt.end)
                .count();
            found.extend(self.paragraph_beads(section, &rest[..count]));
            rest = &rest[count..];
        }
        found
    }

    /// The posteriors of `local` (beads counted from the window's start)
    /// in the window `src` × `tgt` of one section.
    #[allow(clippy::too_many_arguments)]
    fn window_posteriors(
        &self,
        src: Range<usize>,
        tgt: Range<usize>,
        models: &Models,
        table: &TailCost,
        lexical: Option<&dyn Evidence>,
        local: &[Bead],
        temperature: f64,
    ) -> Vec<f64> {
        let lengths = Lengths::with_table(
            &models.sentences,
            &self.src_lens[src.clone()],
            &self.tgt_lens[tgt.clone()],
            table,
        );
        let window = lexical.map(|inner| Window {
            inner,
            src: src.start,
            tgt: tgt.start,
        });
        let boundaries = self.boundaries(models, src.clone(), tgt.clone());
        let mut terms: Vec<&dyn Evidence> = vec![&lengths];
        terms.extend(window.as_ref().map(|w| w as &dyn Evidence));
        terms.extend(boundaries.as_ref().map(|b| b as &dyn Evidence));
        posteriors_at(
            src.len(),
            tgt.len(),
            &models.priors,
            &Sum(terms),
            local,
            temperature,
        )
    }

    /// The sentence beads of a section's sentences `src` × `tgt` (global
    /// sentence indices).
    fn align_sentences(
        &self,
        src: Range<usize>,
        tgt: Range<usize>,
        models: &Models,
        table: &TailCost,
        lexical: Option<&dyn Evidence>,
        pass: Pass<'_>,
    ) -> Vec<Bead> {
        let lengths = Lengths::with_table(
            &models.sentences,
            &self.src_lens[src.clone()],
            &self.tgt_lens[tgt.clone()],
            table,
        );
        let mut terms: Vec<&dyn Evidence> = vec![&lengths];
        let window = lexical.map(|inner| Window {
            inner,
            src: src.start,
            tgt: tgt.start,
        });
        if let Some(window) = &window {
            terms.push(window);
        }
        let boundaries = self.boundaries(models, src.clone(), tgt.clone());
        terms.extend(boundaries.as_ref().map(|b| b as &dyn Evidence));
        let evidence = Sum(terms);
        let (n, m, priors) = (src.len(), tgt.len(), &models.priors);
        let beads = match pass {
            Pass::Near(path) => match beads_within(path, src.clone(), tgt.clone()) {
                Some(earlier) => search_near(n, m, priors, &evidence, &earlier),
                None => search(n, m, priors, &evidence),
            },
            Pass::Best => search(n, m, priors, &evidence),
        };
        beads
            .into_iter()
            .map(|b| b.moved((0, 0), (src.start, tgt.start)))
            .collect()
    }

    /// The paragraph-break evidence for sentences `src` × `tgt`, when the
    /// options count paragraphs.
    fn boundaries(
        &self,
        models: &Models,
        src: Range<usize>,
        tgt: Range<usize>,
    ) -> Option<Boundaries> {
        if !self.options.paragraph_breaks {
            return None;
        }
        Boundaries::new(
            &models.boundaries,
            self.src_starts[src].to_vec(),
            self.tgt_starts[tgt].to_vec(),
        )
    }

    /// The paragraph beads a section's sentence beads make: the beads
    /// grouped, in order, into the smallest runs that end where both sides
    /// end a paragraph (global paragraph indices).
    fn paragraph_beads(&self, section: &Section, beads: &[Bead]) -> Vec<Bead> {
        // The paragraph of the section that begins at sentence i, if one
        // does (paragraphs are in order: a binary search).
        let index = |paragraphs: &[Range<usize>], range: &Range<usize>, i: usize| {
            let within = &paragraphs[range.clone()];
            let first = within.partition_point(|p| p.start < i);
            within[first..]
                .iter()
                .take_while(|p| p.start == i)
                .position(|p| !p.is_empty())
                .map(|k| range.start + first + k)
        };
        let src_end = sentences_of(&self.src.paragraphs, section.src.clone()).end;
        let tgt_end = sentences_of(&self.tgt.paragraphs, section.tgt.clone()).end;
        let mut grouped = Vec::new();
        let (mut p, mut q, mut cost) = (section.src.start, section.tgt.start, 0.0);
        for bead in beads {
            cost += bead.cost;
            let next_p = if bead.src.end == src_end {
                Some(section.src.end)
            } else {
                index(&self.src.paragraphs, &section.src, bead.src.end)
            };
            let next_q = if bead.tgt.end == tgt_end {
                Some(section.tgt.end)
            } else {
                index(&self.tgt.paragraphs, &section.tgt, bead.tgt.end)
            };
            if let (Some(np), Some(nq)) = (next_p, next_q) {
                grouped.push(Bead {
                    src: p..np,
                    tgt: q..nq,
                    cost,
                });
                (p, q, cost) = (np, nq, 0.0);
            }
        }
        if p < section.src.end || q < section.tgt.end || grouped.is_empty() {
            grouped.push(Bead {
                src: p..section.src.end,
                tgt: q..section.tgt.end,
                cost,
            });
        }
        grouped
    }
}

/// The beads of `path` inside a window, in the window's coordinates, when
/// they cover it exactly.
pub(crate) fn beads_within(
    path: &[Bead],
    src: Range<usize>,
    tgt: Range<usize>,
) -> Option<Vec<Bead>> {
    let within = covering(path, src.clone(), tgt.clone())?;
    Some(
        path[within]
            .iter()
            .map(|b| b.moved((src.start, tgt.start), (0, 0)))
            .collect(),
    )
}

/// Which beads of `path` (by index) cover the window `src` × `tgt`
/// exactly, if any do.
pub(crate) fn covering(
    path: &[Bead],
    src: Range<usize>,
    tgt: Range<usize>,
) -> Option<Range<usize>> {
    // Along a path, src.end + tgt.end grows with every bead.
    let first = path.partition_point(|b| b.src.end + b.tgt.end <= src.start + tgt.start);
    let (mut end, mut src_covered, mut tgt_covered) = (first, 0, 0);
    for bead in &path[first..] {
        if bead.src.end + bead.tgt.end > src.end + tgt.end {
            break;
        }
        if bead.src.start < src.start
            || bead.src.end > src.end
            || bead.tgt.start < tgt.start
            || bead.tgt.end > tgt.end
        {
            return None;
        }
        (end, src_covered, tgt_covered) = (
            end + 1,
            src_covered + bead.src.len(),
            tgt_covered + bead.tgt.len(),
        );
    }
    (src_covered == src.len() && tgt_covered == tgt.len()).then_some(first..end)
}

/// The sentences of a range of paragraphs.
fn sentences_of(paragraphs: &[Range<usize>], range: Range<usize>) -> Range<usize> {
    if range.is_empty() {
        // An empty range of paragraphs sits before paragraph `range.start`.
        let at = paragraphs
            .get(range.start)
            .map_or_else(|| paragraphs.last().map_or(0, |p| p.end), |p| p.start);
        return at..at;
    }
    paragraphs[range.start].start..paragraphs[range.end - 1].end
}
