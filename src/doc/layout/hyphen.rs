//! Hyphenation with Knuth–Liang patterns for English and French.
//!
//! The compiled pattern tries come from the `hyphenation` crate and are
//! embedded from `templates/hyphenation/` (see the README there for their
//! licences), so hyphenation works offline and identically everywhere.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use crate::doc::tree::Lang;

const EN_US: &[u8] = include_bytes!("../../../templates/hyphenation/en-us.standard.bincode");
const FR: &[u8] = include_bytes!("../../../templates/hyphenation/fr.standard.bincode");

fn dictionary(lang: Lang) -> Option<&'static Standard> {
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    static FRENCH: OnceLock<Option<Standard>> = OnceLock::new();
    // A dictionary that fails to load only costs hyphenation, never the
    // document, so the failure is remembered as "no hyphenation".
    match lang {
        Lang::En => EN
            .get_or_init(|| Standard::from_reader(Language::EnglishUS, &mut &EN_US[..]).ok())
            .as_ref(),
        Lang::Fr => FRENCH
            .get_or_init(|| Standard::from_reader(Language::French, &mut &FR[..]).ok())
            .as_ref(),
    }
}

/// Byte offsets inside `word` where it may be hyphenated, in increasing order.
///
/// Only words made of letters (and inner apostrophes or hyphens, at which no
/// new break is added) are hyphenated; numbers, codes, all-capital
/// abbreviations and capitalised words are left whole, as a careful
/// typesetter would (TeX's `\uchyph=0`): in a contract a capitalised word is
/// a proper name or a defined term ("Customer", "England", "Monday"), which
/// a reader must find whole.
pub(crate) fn opportunities(word: &str, lang: Lang) -> Vec<usize> {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 6
        || word
            .chars()
            .any(|c| !(c.is_alphabetic() || c == '\'' || c == '’'))
    {
        return Vec::new();
    }
    // "l’Ascension" is capitalised too: each part after an elision counts.
    if word
        .split(['\'', '’'])
        .any(|part| part.chars().next().is_some_and(char::is_uppercase))
    {
        return Vec::new();
    }
    match dictionary(lang) {
        Some(dict) => dict.hyphenate(word).breaks,
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str, lang: Lang) -> String {
        let mut out = String::new();
        let mut last = 0;
        for b in opportunities(word, lang) {
            out.push_str(&word[last..b]);
            out.push('-');
            last = b;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn english_and_french_patterns_load_and_break() {
        assert_eq!(split("hyphenation", Lang::En), "hy-phen-a-tion");
        let fr = split("disponibilité", Lang::Fr);
        assert!(
            fr.contains('-') && fr.replace('-', "") == "disponibilité",
            "{fr}"
        );
        // Short words, numbers and abbreviations stay whole.
        assert_eq!(split("service", Lang::En).replace('-', ""), "service");
        assert_eq!(split("SLA-2026", Lang::En), "SLA-2026");
        assert_eq!(split("RESPONSIBILITIES", Lang::En), "RESPONSIBILITIES");
    }

    #[test]
    fn capitalised_words_stay_whole() {
        // Proper names and defined terms (issue 14 point 5).
        for word in [
            "Customer",
            "England",
            "Monday",
            "Prestataire",
            "l’Ascension",
        ] {
            assert!(opportunities(word, Lang::En).is_empty(), "{word}");
            assert!(opportunities(word, Lang::Fr).is_empty(), "{word}");
        }
        assert!(!opportunities("customer", Lang::En).is_empty());
        assert!(!opportunities("prestataire", Lang::Fr).is_empty());
    }
}
