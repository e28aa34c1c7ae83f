//! tandem's TMX in the tools translators use: OmegaT (a real CAT tool, run
//! headless) translates the sample's Chinese from it, and translate-
//! toolkit's pofilter reads it without complaint.

use std::process::Command as Process;

use crate::util::{
    english_segments, omegat, python_with_translate, sample, sample_tmx, succeeded, tandem,
};

const PROJECT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>zh-CN</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#;

/// The folders of an OmegaT project.
fn project_folders(project: &std::path::Path) {
    for folder in [
        "source",
        "target",
        "tm/auto",
        "glossary",
        "dictionary",
        "omegat",
    ] {
        std::fs::create_dir_all(project.join(folder)).unwrap();
    }
}

/// Runs `omegat --mode=console-translate` on `project` (with its
/// preferences from `config`, when given) and returns its log, after
/// checking that it succeeded.
fn console_translate(
    omegat: &str,
    project: &std::path::Path,
    config: Option<&std::path::Path>,
) -> String {
    let mut command = Process::new(omegat);
    command.arg("--mode=console-translate");
    if let Some(config) = config {
        command.arg(format!("--config-dir={}", config.display()));
    }
    // OmegaT keeps its preferences in the home folder.
    let output = command.arg(project).env("HOME", project).output().unwrap();
    let log = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{log}");
    log
}

/// The (total, remaining) segment counts of OmegaT's project statistics.
fn segment_counts(stats: &str) -> (usize, usize) {
    let count = |label: &str| -> usize {
        let line = stats
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in\n{stats}"));
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    (count("Total:"), count("Remaining:"))
}

/// An OmegaT project whose `tm/auto/` holds tandem's TMX of the sample and
/// whose source document is the sample's Chinese: `omegat
/// --mode=console-translate` fills every segment it finds there (exact
/// matches from tm/auto are inserted as translations).
///
/// OmegaT segments with its own rules: its text filter joins lines into a
/// paragraph until an empty line, then splits sentences with its SRX rules.
/// The sample's title block (seven lines, no 。 until the seventh) thus
/// becomes one segment that no unit matches; every other segment is one of
/// tandem's units. Measured: 42 of 43 segments translated.
#[test]
fn omegat_translates_the_sample_from_tandems_tmx() {
    let Some(omegat) = omegat() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    project_folders(project);
    std::fs::write(project.join("omegat.project"), PROJECT).unwrap();
    std::fs::copy(
        sample("beijing-2024-work-report.zh.txt"),
        project.join("source/report.txt"),
    )
    .unwrap();
    let tmx = project.join("tm/auto/tandem.tmx");
    sample_tmx(&tmx);

    let log = console_translate(&omegat, project, None);
    assert!(log.contains("Reading TMX file"), "{log}");

    let stats = std::fs::read_to_string(project.join("omegat/project_stats.txt")).unwrap();
    let (total, remaining) = segment_counts(&stats);
    let translated = total - remaining;
    assert!(total >= 40, "{stats}");
    assert!(
        translated * 10 >= total * 9,
        "{translated} of {total} segments translated\n{stats}"
    );

    // The translated document holds the English of the units: a unit's
    // English is there when OmegaT used it.
    let translated_document = std::fs::read_to_string(project.join("target/report.txt")).unwrap();
    let memory = std::fs::read_to_string(&tmx).unwrap();
    let english = english_segments(&memory);
    let used = english
        .iter()
        .filter(|e| translated_document.contains(&e.replace("&amp;", "&")))
        .count();
    assert!(
        used * 10 >= english.len() * 8,
        "{used} of {} units used",
        english.len()
    );
    assert!(translated_document.contains("We will act quickly to complete the reconstruction"));
}

/// translate-toolkit's pofilter reads tandem's TMX and runs all its checks
/// without an error (it flags units by its own rules: docs/qa.md).
#[test]
fn pofilter_runs_on_tandems_tmx() {
    let Some(python) = python_with_translate() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("sample.tmx");
    sample_tmx(&tmx);
    let failed = dir.path().join("failed.tmx");
    let output = Process::new(&python)
        .args(["-m", "translate.filters.pofilter", "-i"])
        .arg(&tmx)
        .arg("-o")
        .arg(&failed)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("Traceback"), "{stderr}");
    // It read the units: its output holds the ones its checks flagged.
    let flagged = std::fs::read_to_string(&failed).unwrap();
    assert!(flagged.contains("<tu"), "{flagged}");
}

/// `--tmx-lang-style` writes the header's srclang and every tuv's
/// xml:lang in the form asked for, and the TMX stays valid.
#[test]
fn language_tags_in_each_style() {
    let dir = tempfile::tempdir().unwrap();
    for (style, chinese) in [
        ("as-given", "zh-CN"),
        ("region", "zh-CN"),
        ("script", "zh-Hans"),
        ("bare", "zh"),
    ] {
        let tmx = dir.path().join(format!("{style}.tmx"));
        succeeded(
            tandem()
                .args(["align", "-q", "--interleaved", "--tmx-lang-style", style])
                .arg(sample("library-hours.zh-en.txt"))
                .arg("-o")
                .arg(&tmx)
                .args(["--creation-date", "2024-01-21"])
                .output()
                .unwrap(),
        );
        let text = std::fs::read_to_string(&tmx).unwrap();
        assert!(text.contains(&format!(r#"srclang="{chinese}""#)), "{style}");
        let chinese_variants = text.matches(&format!(r#"xml:lang="{chinese}""#)).count();
        let english_variants = text.matches(r#"xml:lang="en""#).count();
        assert!(
            chinese_variants > 0 && chinese_variants == english_variants,
            "{style}"
        );
        if crate::util::xmllint() {
            crate::util::validate(&tmx);
        }
    }
    // Given as zh-Hant-TW, written by region.
    let output = succeeded(
        tandem()
            .args(["align", "-q", "--interleaved", "--tmx-lang-style", "region"])
            .args(["--src-lang", "zh-Hant-TW", "--tgt-lang", "en-GB"])
            .arg(sample("library-hours.zh-en.txt"))
            .output()
            .unwrap(),
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains(r#"xml:lang="zh-TW""#) && text.contains(r#"xml:lang="en-GB""#));
}

/// The sample as each pair format: XLIFF 1.2 (read back by translate-
/// toolkit's xlifffile), Moses's two line-aligned files, TSV; all hold the
/// same pairs as the TMX (read back by tmxfile).
#[test]
fn every_pair_format_holds_the_same_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let align = |format: &str, output: &str| {
        succeeded(
            tandem()
                .current_dir(dir.path())
                .args(["align", "-q", "--interleaved", "--format", format])
                .arg(sample("beijing-2024-work-report.zh-en.txt"))
                .args(["-o", output, "--creation-date", "2024-01-21"])
                .output()
                .unwrap(),
        );
    };
    align("tmx", "pairs.tmx");
    align("xliff", "pairs.xlf");
    align("moses", "pairs");
    align("tsv", "pairs.tsv");

    let moses: Vec<(String, String)> = {
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        let (zh, en) = (read("pairs.zh-CN"), read("pairs.en"));
        zh.lines()
            .map(str::to_string)
            .zip(en.lines().map(str::to_string))
            .collect()
    };
    let tsv: Vec<(String, String)> = std::fs::read_to_string(dir.path().join("pairs.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let mut fields = l.split('\t');
            (
                fields.next().unwrap().to_string(),
                fields.next().unwrap().to_string(),
            )
        })
        .collect();
    // The sample's pairs, alike in every format.
    assert!(moses.len() > 40, "{}", moses.len());
    assert_eq!(tsv, moses);

    let Some(python) = python_with_translate() else {
        return;
    };
    let script = r#"
import json, sys
from translate.storage import tmx, xliff
with open(sys.argv[1], 'rb') as f:
    memory = tmx.tmxfile(f, sourcelanguage='zh-CN', targetlanguage='en')
with open(sys.argv[2], 'rb') as f:
    bilingual = xliff.xlifffile(f)
print(json.dumps({
    'tmx': [[u.source, u.target] for u in memory.units],
    'xliff': [[u.source, u.target] for u in bilingual.units],
    'languages': [bilingual.getsourcelanguage(), bilingual.gettargetlanguage()],
}))
"#;
    let output = succeeded(
        Process::new(&python)
            .args(["-c", script])
            .arg(dir.path().join("pairs.tmx"))
            .arg(dir.path().join("pairs.xlf"))
            .output()
            .unwrap(),
    );
    let read: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pairs = |key: &str| -> Vec<(String, String)> {
        read[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
            .collect()
    };
    assert_eq!(pairs("tmx"), moses);
    assert_eq!(pairs("xliff"), moses);
    assert_eq!(read["languages"], serde_json::json!(["zh-CN", "en"]));
}

/// `--segtype paragraph`: a paragraph-level memory, valid TMX, whose units
/// are the sentence memory's units joined paragraph by paragraph.
#[test]
fn a_paragraph_memory() {
    let dir = tempfile::tempdir().unwrap();
    let run = |segtype: &str| -> String {
        let output = succeeded(
            tandem()
                .args([
                    "align",
                    "-q",
                    "--interleaved",
                    "--format",
                    "tsv",
                    "--segtype",
                    segtype,
                ])
                .arg(sample("library-hours.zh-en.txt"))
                .output()
                .unwrap(),
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let (sentences, paragraphs) = (run("sentence"), run("paragraph"));
    let rows = |tsv: &str| tsv.lines().skip(1).count();
    assert!(rows(&paragraphs) < rows(&sentences), "{paragraphs}");
    let english = |tsv: &str| -> String {
        tsv.lines()
            .skip(1)
            .map(|l| l.split('\t').nth(1).unwrap().replace(' ', ""))
            .collect()
    };
    assert_eq!(english(&paragraphs), english(&sentences));

    let tmx = dir.path().join("paragraphs.tmx");
    succeeded(
        tandem()
            .args(["align", "-q", "--interleaved", "--segtype", "paragraph"])
            .arg(sample("library-hours.zh-en.txt"))
            .arg("-o")
            .arg(&tmx)
            .output()
            .unwrap(),
    );
    assert!(
        std::fs::read_to_string(&tmx)
            .unwrap()
            .contains(r#"segtype="paragraph""#)
    );
    if crate::util::xmllint() {
        crate::util::validate(&tmx);
    }
}

/// `tandem segment`: the sentences align reads, one per line with a blank
/// line between paragraphs (which --presegmented reads back the same), or
/// as JSON with their lines.
#[test]
fn segment_shows_the_sentences() {
    let output = succeeded(
        tandem()
            .args(["segment", "--lang", "de"])
            .arg(sample("alpine-hut.de-fr.txt"))
            .output()
            .unwrap(),
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let lines = std::fs::read_to_string(sample("alpine-hut.de-fr.txt")).unwrap();
    assert_eq!(
        paragraphs.len(),
        lines.lines().filter(|l| !l.trim().is_empty()).count()
    );
    // Sentences are cut, and nothing but white space is lost.
    assert!(text.lines().count() > paragraphs.len());
    let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(visible(&text), visible(&lines));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("sentences in 8 paragraphs (de)"),
        "{stderr}"
    );

    let json = succeeded(
        tandem()
            .args(["segment", "--json"])
            .arg(sample("library-hours.zh-en.txt"))
            .output()
            .unwrap(),
    );
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(json.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["paragraph"], 1);
    assert_eq!(first["first_line"], 1);
    assert_eq!(first["text"], "市图书馆开放时间调整通知");
}

const SRX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<srx version="2.0" xmlns="http://www.lisa.org/srx20">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="English">
        <rule break="no"><beforebreak>\b(Mr?s|[DMJS]r)\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>[。！？]</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="EN.*" languagerulename="English"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>
"#;

/// `--srx FILE` replaces the built-in rules in segment, align and batch:
/// an agency's rule (break at a semicolon) takes effect, exceptions with
/// capturing groups hold, and cascading brings the default rules in.
#[test]
fn srx_rules_replace_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules.srx"), SRX).unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "Mr. Smith opened the hall; Dr. Jones spoke. Everyone listened.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("zh.txt"),
        "史密斯先生开放了大厅。琼斯博士讲话了。大家都在听。\n",
    )
    .unwrap();
    let segment = |extra: &[&str]| -> Vec<String> {
        let output = succeeded(
            tandem()
                .current_dir(dir.path())
                .args(["segment", "en.txt", "--lang", "en"])
                .args(extra)
                .output()
                .unwrap(),
        );
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        segment(&["--srx", "rules.srx"]),
        [
            "Mr. Smith opened the hall;",
            "Dr. Jones spoke.",
            "Everyone listened."
        ]
    );
    assert_eq!(
        segment(&[]),
        [
            "Mr. Smith opened the hall; Dr. Jones spoke.",
            "Everyone listened."
        ]
    );
    let output = succeeded(
        tandem()
            .current_dir(dir.path())
            .args([
                "align",
                "en.txt",
                "zh.txt",
                "--srx",
                "rules.srx",
                "--format",
                "tsv",
            ])
            .args(["--src-lang", "en", "--tgt-lang", "zh"])
            .output()
            .unwrap(),
    );
    let tsv = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = tsv.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{tsv}");
    assert!(
        rows[0].starts_with("Mr. Smith opened the hall;\t史密斯先生开放了大厅。"),
        "{tsv}"
    );

    // A rule the engine cannot run is an error naming the file and rule.
    std::fs::write(
        dir.path().join("bad.srx"),
        SRX.replace(r"\b(Mr?s|[DMJS]r)\.", r"(?&lt;=Mr)\."),
    )
    .unwrap();
    let output = tandem()
        .current_dir(dir.path())
        .args(["segment", "en.txt", "--srx", "bad.srx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("tandem: error: bad.srx: rule 1 of 'English': beforebreak"),
        "{stderr}"
    );
}

/// The built-in rules are an SRX file: `--dump-srx` writes it, and loading
/// it back with `--srx` splits every sample exactly as the built-in rules
/// do, and aligns them into the same bytes.
#[test]
fn the_built_in_rules_round_trip_through_dump_srx() {
    let dir = tempfile::tempdir().unwrap();
    let dumped = succeeded(tandem().args(["segment", "--dump-srx"]).output().unwrap());
    let rules = dir.path().join("builtin.srx");
    std::fs::write(&rules, &dumped.stdout).unwrap();
    assert!(
        String::from_utf8_lossy(&dumped.stdout)
            .contains("<languagerule languagerulename=\"Unspaced\">")
    );
    let run = |args: &[&str], srx: bool| -> Vec<u8> {
        let mut command = tandem();
        command.args(args);
        if srx {
            command.arg("--srx").arg(&rules);
        }
        succeeded(command.output().unwrap()).stdout
    };
    for (name, languages) in [
        ("beijing-2024-work-report.zh-en.txt", ["zh", "en"]),
        ("library-hours.zh-en.txt", ["zh", "en"]),
        ("alpine-hut.de-fr.txt", ["de", "fr"]),
    ] {
        let file = sample(name);
        let file = file.to_str().unwrap();
        for language in languages {
            let args = ["segment", file, "--lang", language];
            let (built_in, loaded) = (run(&args[..], false), run(&args[..], true));
            assert!(!built_in.is_empty());
            assert_eq!(built_in, loaded, "{name} {language}");
        }
        let args = ["align", "-q", "--interleaved", file];
        assert_eq!(run(&args[..], false), run(&args[..], true), "{name}");
    }
}

/// The press release fixtures (tests/data/documents, made by make.py).
fn press(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/documents")
        .join(name)
}

/// How an OmegaT project is set up beyond its defaults.
#[derive(Default)]
struct OmegatSetup {
    /// Read external TMX at level 2: inline codes become OmegaT's tags
    /// (the preference "TMX: show level 2 tags", with "use XML-style
    /// tags"); by default OmegaT drops them.
    level2: bool,
    /// The project's own file filters (`omegat/filters.xml`).
    filters: Option<&'static str>,
}

/// OmegaT's HTML filter without the attributes that are not text (link
/// targets, language codes), which it offers as segments by default.
const HTML_FILTERS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
    <filter className="org.omegat.filters2.html2.HTMLFilter2" enabled="true">
        <files sourceFilenameMask="*.html" targetFilenamePattern="${filename}"/>
        <option name="translateHref" value="false"/>
        <option name="translateLang" value="false"/>
    </filter>
</filters>
"#;

/// Translates the English `document` into German with OmegaT in console
/// mode, `tmx` in `tm/auto/`: returns the (total, remaining) segments and
/// the translated document's path.
fn omegat_translate(
    omegat: &str,
    project: &std::path::Path,
    document: &std::path::Path,
    tmx: &std::path::Path,
    setup: &OmegatSetup,
) -> ((usize, usize), std::path::PathBuf) {
    project_folders(project);
    std::fs::create_dir_all(project.join("config")).unwrap();
    let languages = PROJECT
        .replace("<source_lang>zh-CN", "<source_lang>en-US")
        .replace("<target_lang>en", "<target_lang>de-DE")
        .replace("LuceneSmartChineseTokenizer", "LuceneEnglishTokenizer")
        .replace(
            "<target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer",
            "<target_tok>org.omegat.tokenizer.LuceneGermanTokenizer",
        );
    std::fs::write(project.join("omegat.project"), languages).unwrap();
    let name = document.file_name().unwrap();
    std::fs::copy(document, project.join("source").join(name)).unwrap();
    std::fs::copy(tmx, project.join("tm/auto/tandem.tmx")).unwrap();
    if let Some(filters) = setup.filters {
        std::fs::write(project.join("omegat/filters.xml"), filters).unwrap();
    }
    if setup.level2 {
        std::fs::write(
            project.join("config/omegat.prefs"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<omegat>\n<preference version=\"1.0\">\n\
             <ext_tmx_show_level2>true</ext_tmx_show_level2>\n\
             <ext_tmx_use_slash>true</ext_tmx_use_slash>\n</preference>\n</omegat>\n",
        )
        .unwrap();
    }
    console_translate(omegat, project, Some(&project.join("config")));
    let stats = std::fs::read_to_string(project.join("omegat/project_stats.txt")).unwrap();
    (segment_counts(&stats), project.join("target").join(name))
}

/// tandem's memory of the press release pair in `format`, written with
/// `--tags` as given; checked against the DTD.
fn press_memory(dir: &std::path::Path, format: &str, tags: &str) -> std::path::PathBuf {
    let tmx = dir.join(format!("press.{format}.{tags}.tmx"));
    succeeded(
        tandem()
            .arg("align")
            .arg(press(&format!("press.en.{format}")))
            .arg(press(&format!("press.de.{format}")))
            .arg("-o")
            .arg(&tmx)
            .args(["--tags", tags])
            .output()
            .unwrap(),
    );
    if crate::util::xmllint() {
        crate::util::validate(&tmx);
    }
    tmx
}

/// A Word document, end to end: tandem aligns the press release's .docx
/// pair with its formatting as codes (valid against the DTD, read back by
/// translate-toolkit), and OmegaT translates the English .docx from that
/// memory into a German .docx that opens (a zip of well-formed XML).
///
/// Measured (docs/cat-tools.md): OmegaT fills 17 of its 20 segments, with
/// codes or without. The three it leaves are the sentences with bold, a
/// link and italics: OmegaT's Word filter (3.6, Debian's) writes each
/// change of formatting as its own pair of standalone tags (`<t0/>120
/// engineers<t1/>`), which no TMX code reproduces, and reads an external
/// memory's codes as nothing (level 1) unless told otherwise; its segments
/// with tags then have no exact match in any memory but its own.
#[test]
fn omegat_translates_a_word_document_from_tandems_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = press_memory(dir.path(), "docx", "codes");
    let memory = std::fs::read_to_string(&tmx).unwrap();
    let units = memory.matches("<tu ").count();
    assert!(
        memory
            .contains(r#"<bpt i="1" x="1" type="bold">&lt;w:b/&gt;</bpt>120 engineers<ept i="1">"#),
        "{memory}"
    );
    assert!(memory.contains(r#"<ph x="1" type="fnote">"#), "{memory}");
    // translate-toolkit reads every unit, codes as their native code.
    if let Some(python) = python_with_translate() {
        let script = "import sys\nfrom translate.storage import tmx\n\
                      m = tmx.tmxfile.parsefile(sys.argv[1])\n\
                      print(len(m.units))\n\
                      print([u.source for u in m.units if 'engineers' in u.source][0])";
        let output = succeeded(
            Process::new(&python)
                .args(["-c", script])
                .arg(&tmx)
                .output()
                .unwrap(),
        );
        let read = String::from_utf8(output.stdout).unwrap();
        assert_eq!(
            read.lines().next(),
            Some(units.to_string().as_str()),
            "{read}"
        );
        assert!(
            read.contains("The centre will employ <w:b/>120 engineers<w:b w:val=\"0\"/> by 2026."),
            "{read}"
        );
    }

    let Some(omegat) = omegat() else {
        return;
    };
    let project = dir.path().join("project");
    let ((total, remaining), target) = omegat_translate(
        &omegat,
        &project,
        &press("press.en.docx"),
        &tmx,
        &OmegatSetup::default(),
    );
    let translated = total - remaining;
    let formatted = memory
        .split("<tuv xml:lang=\"en\">")
        .skip(1)
        .filter(|tuv| tuv.split("</seg>").next().unwrap().contains("<bpt"))
        .count();
    assert_eq!(total, 20);
    assert_eq!(formatted, 3);
    // Every segment OmegaT writes without tags is filled.
    assert!(translated >= total - formatted, "{translated} of {total}");

    // The translation is a Word document: a zip whose XML parts are well
    // formed, holding the German.
    let bytes = std::fs::read(&target).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let parts = dir.path().join("parts");
    archive.extract(&parts).unwrap();
    for part in [
        "word/document.xml",
        "word/footnotes.xml",
        "[Content_Types].xml",
    ] {
        let path = parts.join(part);
        if crate::util::xmllint() {
            succeeded(
                Process::new("xmllint")
                    .arg("--noout")
                    .arg(&path)
                    .output()
                    .unwrap(),
            );
        }
    }
    let document = std::fs::read_to_string(parts.join("word/document.xml")).unwrap();
    assert!(document.contains("Sichere Navigation in geteilten Räumen"));
    let notes = std::fs::read_to_string(parts.join("word/footnotes.xml")).unwrap();
    assert!(notes.contains("Der Architekt hat auch die neue Stadtbibliothek entworfen."));
}

/// A web page, end to end, with and without codes: OmegaT reading
/// tandem's memory at level 2 fills the sentences with bold and a link
/// too, because tandem's codes become the very tags OmegaT's HTML filter
/// makes (`<b0>120 engineers</b0>`).
///
/// Measured (docs/cat-tools.md): 20 of 21 segments with codes, 18 of 21
/// without (`--tags none`). The one left is the second sentence of a
/// paragraph with two links' worth of tags: OmegaT numbers tags through
/// the paragraph (`<e1>`), a TMX through its segment (`<e0>`).
#[test]
fn omegat_translates_a_web_page_from_tandems_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let Some(omegat) = omegat() else {
        return;
    };
    let setup = OmegatSetup {
        level2: true,
        filters: Some(HTML_FILTERS),
    };
    let mut filled = Vec::new();
    for tags in ["codes", "none"] {
        let tmx = press_memory(dir.path(), "html", tags);
        let project = dir.path().join(tags);
        let ((total, remaining), target) =
            omegat_translate(&omegat, &project, &press("press.en.html"), &tmx, &setup);
        assert_eq!(total, 21);
        filled.push(total - remaining);
        if tags == "codes" {
            let page = std::fs::read_to_string(target).unwrap();
            assert!(page.contains("<b>120 Ingenieure</b>"), "{page}");
            assert!(page.contains(">Pressemappe</a> online."), "{page}");
        }
    }
    let (with_codes, without) = (filled[0], filled[1]);
    assert!(with_codes * 10 >= 21 * 9, "{with_codes} of 21 filled");
    assert!(
        without < with_codes,
        "{without} without codes, {with_codes} with"
    );
}
