//! Sentence rules per language: tandem's built-in rules are an SRX file
//! (`rules/builtin.srx`, embedded) run by the SRX engine ([`crate::Srx`]),
//! so that users can export them (`tandem segment --dump-srx`), edit them
//! and load them back (`--srx`).
//!
//! A sentence ends after a run of terminators (`.` `!` `?` `。` `！` `？` `…`)
//! and the closing quotes and brackets that follow it. Whether a candidate is
//! a real end depends on the language:
//!
//! - Every language ends a sentence after a full-width terminator (`。`),
//!   except where Japanese quotes and goes on with a particle
//!   (`「…？」と聞いた`), where a comma follows the closer (`（…！），`), and
//!   for the full-width twins of ASCII rules: a point between digits or
//!   letters (`５．２％`) and a list marker opening its sentence (`１．`).
//! - Chinese and Japanese (written without spaces) end a sentence after `…`
//!   (not after an enumeration: `苹果、香蕉、葡萄……都是`); after ASCII `!` and
//!   `?` unless they sit inside a Latin word (`Yahoo!公司`); after ASCII `.`
//!   only between Han or kana text and white space, so `3.5%` and
//!   `www.gov.cn` survive. A comma never ends one. A quotation stays with a
//!   short reporting clause after it (`“……。”他说。`), and is not cut inside
//!   when such a clause or a quotative particle embeds it in a sentence
//!   (`「疲れた。寝るね。」と言って`); a quotation standing alone is cut at
//!   its sentences, as its English is; one right after a word, without a
//!   colon, is part of its sentence (`他那句“我不干了！”让…`). A title in `《》`
//!   and an aside in brackets after a word never end one; a Latin sentence
//!   quoted in CJK text ends at its closer; an ellipsis after a Japanese
//!   te-form goes on.
//! - Languages written with spaces end a sentence only where white space and
//!   a word that may begin a sentence follow (not a lower-case letter, nor a
//!   dash before one: `«Стой!» — крикнул он`), and not after an
//!   abbreviation (`Mr.`, `z.B.`, spaced `z. B.`, `U.S.`), an initial
//!   (`J.`, `J.-P.`, `J.-M. G. Le Clézio`), an abbreviation that precedes a number (`No. 5`,
//!   `Art. 3`, `Hauptstr. 5`), a list marker opening its sentence
//!   (`1. Kangchenjunga`), or, in German, an ordinal (`am 3. Mai`). Except
//!   titles (`Dr.`, `M.`), an abbreviation or a single capital does end one
//!   before a word that opens sentences (`size S. It fits`, `the U.S. Then`);
//!   a single capital after a lower-case word, before a capitalised word and
//!   a lower-case one, is a designation (`vitamin C. Peppers contain`); an
//!   abbreviation that closes a list (`etc.`, `и т. д.`) ends one before a
//!   capital.

#[cfg(test)]
mod tests {
    use crate::{Segmenter, Srx};

    fn split(language: &str, text: &str) -> Vec<String> {
        Segmenter::builtin(language)
            .split(text)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn chinese_full_width_terminators() {
        assert_eq!(
            split(
                "zh",
                "全面推进灾后恢复重建。抓紧完成剩余受损住房重建！真的吗？是的……好"
            ),
            [
                "全面推进灾后恢复重建。",
                "抓紧完成剩余受损住房重建！",
                "真的吗？",
                "是的……",
                "好"
            ]
        );
    }

    #[test]
    fn chinese_commas_never_break_and_ascii_bang_does() {
        // The sample writes ASCII ',' '!' and '(' in Chinese text.
        assert_eq!(
            split(
                "zh",
                "各位代表!新形势、新任务对政府自身建设提出了更高要求,我们要牢记嘱托。"
            ),
            [
                "各位代表!",
                "新形势、新任务对政府自身建设提出了更高要求,我们要牢记嘱托。"
            ]
        );
        assert_eq!(
            split("zh", "雅虎Yahoo!公司成立。"),
            ["雅虎Yahoo!公司成立。"]
        );
    }

    #[test]
    fn chinese_closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("zh", "他说：“我们走吧。”她点头。《报告》写道：“完成了！”"),
            ["他说：“我们走吧。”", "她点头。", "《报告》写道：“完成了！”"]
        );
        assert_eq!(
            split("zh", "（见附件。）下一句。"),
            ["（见附件。）", "下一句。"]
        );
    }

    #[test]
    fn chinese_ascii_dot_only_between_han_and_space() {
        assert_eq!(
            split("zh", "增长3.5%,网址www.gov.cn可查. 下一句"),
            ["增长3.5%,网址www.gov.cn可查.", "下一句"]
        );
        assert_eq!(split("zh", "版本v1.2.3发布"), ["版本v1.2.3发布"]);
    }

    #[test]
    fn chinese_placeholders_are_not_sentence_ends() {
        // Formulas dropped from a text leave dots behind.
        assert_eq!(
            split("zh", "其微分通量为. . .。能量小于"),
            ["其微分通量为. . .。", "能量小于"]
        );
    }

    #[test]
    fn list_markers_open_their_sentence() {
        assert_eq!(
            split(
                "fr",
                "Voici la liste des expéditions . 1. Kangchenjunga . 2. Makalu ."
            ),
            [
                "Voici la liste des expéditions .",
                "1. Kangchenjunga .",
                "2. Makalu ."
            ]
        );
        assert_eq!(
            split("en", "1. Open the door. 2. Go in."),
            ["1. Open the door.", "2. Go in."]
        );
        // A number that ends a sentence is not a marker.
        assert_eq!(
            split("en", "We counted 3. Then we left."),
            ["We counted 3.", "Then we left."]
        );
    }

    #[test]
    fn times_of_day_can_end_a_sentence() {
        assert_eq!(
            split("en", "It began at 7:30 a.m. and ended at 10 p.m. He left."),
            ["It began at 7:30 a.m. and ended at 10 p.m.", "He left."]
        );
    }

    #[test]
    fn japanese() {
        assert_eq!(
            split("ja", "東京は晴れです。「明日も晴れ？」と聞いた。"),
            ["東京は晴れです。", "「明日も晴れ？」と聞いた。"]
        );
    }

    #[test]
    fn english_abbreviations_initials_and_numbers() {
        assert_eq!(
            split(
                "en",
                "Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Capitol. See No. 5 and e.g. the annex. J. R. R. Tolkien wrote it."
            ),
            [
                "Mr. Smith met Dr. Jones at 3.5 p.m. in the U.S. Capitol.",
                "See No. 5 and e.g. the annex.",
                "J. R. R. Tolkien wrote it."
            ]
        );
        // "no." before a word is the word no.
        assert_eq!(
            split("en", "I said no. Then I left."),
            ["I said no.", "Then I left."]
        );
    }

    #[test]
    fn english_quotes_that_continue_the_sentence() {
        assert_eq!(
            split(
                "en",
                "\"Stop!\" he said. \"Why?\" She asked. (It was late.) We left."
            ),
            [
                "\"Stop!\" he said.",
                "\"Why?\"",
                "She asked.",
                "(It was late.)",
                "We left."
            ]
        );
        assert_eq!(
            split("en", "Wait... What? Fine... and then?"),
            ["Wait...", "What?", "Fine... and then?"]
        );
    }

    #[test]
    fn english_sample_sentences() {
        let text = "Advance all-round post-disaster recovery and reconstruction. We will act quickly to complete the reconstruction of damaged homes. We will make better use of the Qi'an'an information system.";
        assert_eq!(split("en", text).len(), 3);
        assert_eq!(
            split(
                "en",
                "We will rehabilitate 1,100 kilometers of pipelines. A special plan will be developed."
            ),
            [
                "We will rehabilitate 1,100 kilometers of pipelines.",
                "A special plan will be developed."
            ]
        );
    }

    #[test]
    fn german_ordinals_and_abbreviations() {
        assert_eq!(
            split(
                "de",
                "Am 3. Mai kam er, z.B. mit Dr. Meier. Im 19. Jahrhundert war das anders. Siehe Nr. 4. Das war 1990. Danach nicht."
            ),
            [
                "Am 3. Mai kam er, z.B. mit Dr. Meier.",
                "Im 19. Jahrhundert war das anders.",
                "Siehe Nr. 4.",
                "Das war 1990.",
                "Danach nicht."
            ]
        );
    }

    #[test]
    fn french_guillemets_and_titles() {
        assert_eq!(
            split(
                "fr",
                "M. Dupont est arrivé. « Bonjour. » Il est parti ! Mme Curie aussi ? Oui."
            ),
            [
                "M. Dupont est arrivé.",
                "« Bonjour. »",
                "Il est parti !",
                "Mme Curie aussi ?",
                "Oui."
            ]
        );
    }

    #[test]
    fn russian() {
        assert_eq!(
            split(
                "ru",
                "Это т.е. пример. Проф. Иванов пришёл. А. С. Пушкин родился в Москве. Конец."
            ),
            [
                "Это т.е. пример.",
                "Проф. Иванов пришёл.",
                "А. С. Пушкин родился в Москве.",
                "Конец."
            ]
        );
    }

    #[test]
    fn spanish_inverted_marks() {
        assert_eq!(
            split("es", "¿Vienes? ¡Claro! El Sr. García también."),
            ["¿Vienes?", "¡Claro!", "El Sr. García también."]
        );
    }

    #[test]
    fn joining_loses_nothing_but_white_space() {
        let text = "  One. Two!  Three?\tFour… 五。六！";
        for language in ["en", "zh"] {
            let sentences = split(language, text);
            let joined: String = sentences.concat();
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(
                joined
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>(),
                squeezed
            );
        }
    }

    #[test]
    fn the_built_in_rules_parse_and_cover_every_language() {
        // Every rule compiles (the built-in rules are compiled when first
        // used; this compiles them all now).
        if let Err(error) = Srx::parse(crate::BUILTIN_SRX) {
            panic!("{error}");
        }
        let rules = Srx::builtin();
        assert_eq!(rules.language_rules.len(), 10);
        for language in [
            "zh-Hant-TW",
            "ja",
            "en-GB",
            "de",
            "fr",
            "es",
            "it",
            "pt",
            "nl",
            "uk",
            "xx",
        ] {
            assert!(!rules.segmenter(language).split("A. B").is_empty());
        }
        // Candidates are only tried after a terminator: the same as trying
        // every position.
        let text = "Mr. A. Smith (b. 1950) left. 他走了。“好！”She said: « Oui. » 1. Go";
        for language in ["en", "zh", "fr", "de"] {
            let segmenter = rules.segmenter(language);
            assert_eq!(
                segmenter.split(text),
                segmenter.split_everywhere(text),
                "{language}"
            );
        }
    }

    #[test]
    fn empty_and_blank_give_nothing() {
        assert!(split("en", "").is_empty());
        assert!(split("zh", "   ").is_empty());
        assert_eq!(split("en", "..."), ["..."]);
    }
}
