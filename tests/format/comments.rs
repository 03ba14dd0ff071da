//! Comments as YAML sees them (issue 12): `fmt` refuses to drop them, so
//! finding every one matters more than finding only real ones, and a `#`
//! or a quote inside a value must not hide the comment that follows.

use pledge::format;

/// The (line, column) of every comment the reader finds in `text`.
fn found(text: &str) -> Vec<(usize, usize)> {
    format::comments(text)
        .into_iter()
        .map(|l| (l.line, l.column))
        .collect()
}

#[test]
fn comments_after_every_kind_of_value_are_found() {
    // issue 12: the apostrophe in a plain scalar was taken for an opening
    // quote, and the comment after it was dropped without a word.
    for (text, expected) in [
        ("legal_name: Northwind's Freight  # note\n", vec![(1, 34)]),
        ("legal_name: Say \"hi  # note\n", vec![(1, 22)]),
        ("a: it's # one\nb: 'x' # two\n", vec![(1, 9), (2, 8)]),
        ("a: 'single # not'  # yes\n", vec![(1, 20)]),
        ("a: 'it''s # not' # yes\n", vec![(1, 18)]),
        ("a: \"double \\\" # not\" # yes\n", vec![(1, 22)]),
        ("a: \"multi\n  line # not\" # yes\n", vec![(2, 15)]),
        (
            "a: | # header\n  # not\n  text\n# after\n",
            vec![(1, 6), (4, 1)],
        ),
        ("a: >-\n  folded # not\n\n  # not\n  # yes?\n", vec![]),
        (
            "a:\n  - x # one\n  - 'y' # two\n  # three\n",
            vec![(2, 7), (3, 9), (4, 3)],
        ),
        ("a: [x, 'y' # one\n  , z] # two\n", vec![(1, 12), (2, 8)]),
        (
            "a: {k: v # one\n  , 'w': \"#\"} # two\n",
            vec![(1, 10), (2, 15)],
        ),
        ("# first line\na: b\n", vec![(1, 1)]),
        ("\u{feff}# after a byte order mark\na: b\n", vec![(1, 2)]),
        ("a: b\r\n# crlf\r\nc: d # e\r\n", vec![(2, 1), (3, 6)]),
        ("a: b\r# cr alone\r", vec![(2, 1)]),
        (
            "a: &anchor x # one\nb: *anchor # two\n",
            vec![(1, 14), (2, 12)],
        ),
        ("a: b\t# after a tab\n", vec![(1, 6)]),
        ("a: é'ç # note\n", vec![(1, 8)]),
        // A `#` after white space ends a plain scalar, even on what would
        // have been its next line.
        ("a: plain\n  # comment, not text\n", vec![(2, 3)]),
    ] {
        assert_eq!(found(text), expected, "in {text:?}");
    }
}

#[test]
fn a_hash_inside_a_value_is_not_a_comment() {
    for text in [
        "a: b#c\n",
        "a: issue#12\n",
        "a: 'x # y'\n",
        "a: \"x # y\"\n",
        "a: \"x\\\" # y\"\n",
        "a: 'x'' # y'\n",
        "a: |\n  # a line of text\n  more # text\n",
        "a: >\n  # folded text\n",
        "a: [b#c, 'd # e', \"f # g\"]\n",
        "a: \"line one\n  # still the text\"\n",
        "a: 'line one\n\n  # still the text'\n",
        "a:\n  - |\n    # text\n  - b\n",
        "\"k # ey\": v\n",
        "a: plain\n  continued#not\n",
    ] {
        assert_eq!(found(text), vec![], "in {text:?}");
    }
}

#[test]
fn the_samples_comments_are_found_where_they_stand() {
    for sample in pledge::samples::SAMPLES {
        let expected: Vec<usize> = sample
            .text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with('#'))
            .map(|(i, _)| i + 1)
            .collect();
        let lines: Vec<usize> = format::comments(sample.text)
            .into_iter()
            .map(|l| l.line)
            .filter(|l| expected.contains(l))
            .collect();
        assert_eq!(lines, expected, "{}", sample.name);
    }
}
