//! Typographer's quotes: the straight apostrophe and double quote a writer
//! types, turned into the curly ones a printed contract uses, so that
//! "Provider's" and “Agreement” do not sit side by side on a page.

/// Replaces straight quotes in `text`: an apostrophe after a letter or
/// digit (`Provider's`, `days'`) becomes ’, one opening a word ‘, any other
/// ’; a double quote opening a word (after a space, an opening bracket or a
/// dash, or at the start) becomes `open`, any other `close` (“ ” in
/// English, « » in French). The transform is idempotent.
pub fn curly_quotes(text: &str, open: char, close: char) -> String {
    if !text.contains(['\'', '"']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut before: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let after = chars.peek().copied();
        let opens = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
        let shown = match c {
            '\'' if before.is_some_and(char::is_alphanumeric) => '’',
            '\'' if opens && after.is_some_and(char::is_alphanumeric) => '‘',
            '\'' => '’',
            '"' if opens => open,
            '"' => close,
            other => other,
        };
        out.push(shown);
        before = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::curly_quotes;

    fn en(s: &str) -> String {
        curly_quotes(s, '“', '”')
    }

    #[test]
    fn apostrophes_and_quotes_curl() {
        assert_eq!(en("the Provider's staff"), "the Provider’s staff");
        assert_eq!(en("30 days' notice"), "30 days’ notice");
        assert_eq!(
            en("the \"Agreement\" and 'Services'"),
            "the “Agreement” and ‘Services’"
        );
        assert_eq!(en("(\"Plan\")"), "(“Plan”)");
        assert_eq!(curly_quotes("l'Ascension", '«', '»'), "l’Ascension");
        assert_eq!(curly_quotes("le \"IT Desk\"", '«', '»'), "le «IT Desk»");
        assert_eq!(en("no quotes"), "no quotes");
    }

    #[test]
    fn curling_twice_changes_nothing() {
        for s in ["a 'b' \"c\" d's", "'", "\"", "x'\"y"] {
            let once = en(s);
            assert_eq!(en(&once), once, "{s}");
            assert!(!once.contains(['\'', '"']), "{once}");
        }
    }
}
