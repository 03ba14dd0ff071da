//! French typography: the spaces French printing puts around punctuation.
//!
//! French sets a no-break space before the colon and inside « guillemets »,
//! and a narrow no-break space before ; ! and ?. Writers type ordinary
//! spaces (or none); [`typography`] puts the right ones in, so a line never
//! starts with a lone « ? » or ends with an opening « guillemet ».

/// No-break space (U+00A0), used before « : » and inside guillemets.
pub const NBSP: char = '\u{00A0}';
/// Narrow no-break space (U+202F), used before « ; ! ? ».
pub const NNBSP: char = '\u{202F}';

fn is_space(c: char) -> bool {
    c == ' ' || c == NBSP || c == NNBSP || c == '\t'
}

/// Applies French spacing rules to `text`.
///
/// - before `:` a no-break space, before `;`, `!`, `?` a narrow no-break
///   space, replacing any spaces typed there; punctuation glued to what follows
///   (`10:30`, `https://…`, `?!` after the first mark) is left alone;
/// - after `«` and before `»` a no-break space, replacing typed spaces.
///
/// The transform is idempotent.
pub fn typography(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ':' | ';' | '!' | '?' => {
                let next = chars.get(i + 1).copied();
                let ends_word = match next {
                    None => true,
                    Some(n) => {
                        is_space(n) || n == '»' || n == ')' || n == '\n' || "!?;:.,".contains(n)
                    }
                };
                let prev_is_mark = out.chars().last().is_some_and(|p| "!?;:".contains(p));
                let has_text_before = out
                    .trim_end_matches(is_space)
                    .chars()
                    .last()
                    .is_some_and(|p| p != '\n');
                if ends_word && !prev_is_mark && has_text_before {
                    while out.ends_with(is_space) {
                        out.pop();
                    }
                    out.push(if c == ':' { NBSP } else { NNBSP });
                }
                out.push(c);
                i += 1;
            }
            '«' => {
                out.push(c);
                out.push(NBSP);
                i += 1;
                while i < chars.len() && is_space(chars[i]) {
                    i += 1;
                }
            }
            '»' => {
                while out.ends_with(is_space) {
                    out.pop();
                }
                out.push(NBSP);
                out.push(c);
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// A run that follows a word in another run, with the space French sets
/// before a mark that opens it: [`typography`] sees one run at a time, so in
/// `**Courriel** : assistance@…` (a bold name, then the rest) the colon
/// would keep the ordinary space it was typed with, and Word may start a
/// line with it. `None` when the run needs nothing.
pub fn after_word(next: &str) -> Option<String> {
    let rest = next.trim_start_matches(is_space);
    let mut chars = rest.chars();
    let mark = chars.next().filter(|c| ":;!?".contains(*c))?;
    let ends_word = chars
        .next()
        .is_none_or(|n| is_space(n) || n == '»' || n == ')' || n == '\n' || "!?;:.,".contains(n));
    if !ends_word {
        return None;
    }
    let space = if mark == ':' { NBSP } else { NNBSP };
    let fixed = format!("{space}{rest}");
    (fixed != next).then_some(fixed)
}

/// Writes « de 1 heure » as French writes it, « d’une heure » (and
/// « d’un jour »): a duration of one unit after « de » (« dans un délai
/// de », « dans la limite de ») takes the article, not the figure.
pub fn one_unit_after_de(text: &str) -> String {
    const UNITS: [(&str, &str); 6] = [
        ("heure", "une"),
        ("minute", "une"),
        ("semaine", "une"),
        ("jour", "un"),
        ("mois", "un"),
        ("an", "un"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("de 1") {
        let before_ok = rest[..at]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = &rest[at + "de 1".len()..];
        let space = after.chars().next().filter(|c| is_space(*c));
        let found = space.and_then(|sp| {
            let word = &after[sp.len_utf8()..];
            UNITS.iter().find_map(|(unit, article)| {
                let tail = word.strip_prefix(unit)?;
                let ends = tail.chars().next().is_none_or(|c| !c.is_alphanumeric());
                ends.then_some((sp, *unit, *article, tail))
            })
        });
        match (before_ok, found) {
            (true, Some((sp, unit, article, tail))) => {
                out.push_str(&rest[..at]);
                out.push_str("d’");
                out.push_str(article);
                out.push(sp);
                out.push_str(unit);
                rest = tail;
            }
            _ => {
                out.push_str(&rest[..at + "de 1".len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_takes_the_article() {
        let check = |input: &str, expect: &str| assert_eq!(one_unit_after_de(input), expect);
        check(
            "dans un délai de 1\u{a0}heure après",
            "dans un délai d’une\u{a0}heure après",
        );
        check(
            "dans la limite de 1 jour ouvré.",
            "dans la limite d’un jour ouvré.",
        );
        check("de 1 mois, de 1 minute", "d’un mois, d’une minute");
        check(
            "de 10 heures, de 1 heures, de 1 annonce",
            "de 10 heures, de 1 heures, de 1 annonce",
        );
        check("code 1 heure, aide 1 jour", "code 1 heure, aide 1 jour");
    }

    fn check(input: &str, expect: &str) {
        let got = typography(input);
        let shown = got.replace(NBSP, "~").replace(NNBSP, "^");
        assert_eq!(shown, expect, "input: {input:?}");
        assert_eq!(typography(&got), got, "not idempotent for {input:?}");
    }

    #[test]
    fn spaces_before_high_punctuation() {
        check("Délai : 4 heures", "Délai~: 4 heures");
        check("Délai: 4 heures", "Délai~: 4 heures");
        check(
            "Pourquoi ? Parce que ; enfin !",
            "Pourquoi^? Parce que^; enfin^!",
        );
        check("Vraiment ?!", "Vraiment^?!");
    }

    #[test]
    fn guillemets_get_inner_spaces() {
        check("le « Client »", "le «~Client~»");
        check("le «Client»", "le «~Client~»");
        check(
            "« Heures ouvrées » : du lundi",
            "«~Heures ouvrées~»~: du lundi",
        );
    }

    #[test]
    fn a_run_opening_with_a_mark_gets_its_space() {
        let shown = |s: Option<String>| s.map(|s| s.replace(NBSP, "~").replace(NNBSP, "^"));
        assert_eq!(shown(after_word(" : support")), Some("~: support".into()));
        assert_eq!(shown(after_word(": support")), Some("~: support".into()));
        assert_eq!(shown(after_word(" ; puis")), Some("^; puis".into()));
        assert_eq!(shown(after_word("?")), Some("^?".into()));
        assert_eq!(after_word("\u{a0}: déjà"), None);
        assert_eq!(after_word("://exemple.fr"), None);
        assert_eq!(after_word(" et la suite"), None);
    }

    #[test]
    fn glued_punctuation_is_left_alone() {
        check("à 10:30 précises", "à 10:30 précises");
        check("voir https://exemple.fr", "voir https://exemple.fr");
        check(": en tête", ": en tête");
    }
}
