//! The Markdown writer (issue 12): agreement text never turns into markup.
//! Any text in a party name, a title or a table cell leaves the document's
//! outline, as a CommonMark reader (pulldown-cmark) sees it, unchanged, and
//! reads back as the same text.

use pledge::doc::markdown;
use pledge::doc::tree::*;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// A document with `x` wherever agreement text goes: title, parties, a
/// fact, a clause title, a paragraph, a list item, table cells, a
/// signature's party and line; and `inner` where text stands inside a
/// paragraph, between other words.
fn document(x: &str, inner: &str) -> Document {
    let cell = |s: &str| Paragraph::plain(s);
    Document {
        meta: Metadata {
            title: "Service Level Agreement".into(),
            author: "Acme".into(),
            subject: "Support".into(),
            lang: Lang::En,
            reference: "SLA-1".into(),
            version: "1".into(),
            fingerprint: "0".repeat(64),
            date: (2026, 1, 1),
            mark: None,
        },
        blocks: vec![
            Block::TitlePage(TitlePage {
                title: x.into(),
                subtitle: "Customer support".into(),
                parties: vec!["between".into(), x.into(), "and".into(), "Globex".into()],
                facts: vec![("Reference".into(), x.into()), (x.into(), "1".into())],
            }),
            Block::Clause(Clause::new(
                "terms",
                x,
                vec![
                    Block::Paragraph(Paragraph::new(vec![
                        Inline::text("The "),
                        Inline::bold(inner),
                        Inline::text(" provides "),
                        Inline::text(inner),
                        Inline::text(" support."),
                    ])),
                    Block::Paragraph(Paragraph::plain(x)),
                    Block::List(List {
                        kind: ListKind::Bulleted,
                        items: vec![cell(x), cell("second")],
                    }),
                    Block::Table(Table {
                        widths: vec![1.0, 1.0],
                        header: vec![cell(x), cell("Target")],
                        rows: vec![vec![cell("P1"), cell(x)], vec![cell(x), cell("4h")]],
                    }),
                    Block::Signatures(vec![
                        Signatory {
                            party: x.into(),
                            lines: vec![x.into(), "Title:".into()],
                        },
                        Signatory {
                            party: "Globex".into(),
                            lines: vec!["Name:".into()],
                        },
                    ]),
                ],
            )),
        ],
    }
}

/// The outline of Markdown text (every element that starts or ends,
/// except the text itself) and the text of each paragraph, heading, list
/// item and table cell, with line breaks as `\n`.
fn outline(md: &str) -> (Vec<String>, Vec<String>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut tags = Vec::new();
    let mut texts = Vec::new();
    let mut open: Vec<String> = Vec::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(tag) => {
                if matches!(
                    tag,
                    Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell
                ) {
                    open.push(String::new());
                }
                tags.push(format!("start {tag:?}"));
            }
            Event::End(end) => {
                tags.push(format!("end {end:?}"));
                if matches!(
                    end,
                    pulldown_cmark::TagEnd::Paragraph
                        | pulldown_cmark::TagEnd::Heading(_)
                        | pulldown_cmark::TagEnd::Item
                        | pulldown_cmark::TagEnd::TableCell
                ) {
                    texts.push(open.pop().unwrap_or_default());
                }
            }
            Event::Text(t) => match open.last_mut() {
                Some(text) => text.push_str(&t),
                None => tags.push(format!("stray text {t:?}")),
            },
            Event::InlineHtml(h) if &*h == "<br>" => {
                if let Some(text) = open.last_mut() {
                    text.push('\n');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(text) = open.last_mut() {
                    text.push('\n');
                }
            }
            // The fingerprint: its digits differ from one agreement to the
            // next.
            Event::Code(_) => tags.push("code".into()),
            other => tags.push(format!("{other:?}")),
        }
    }
    (tags, texts)
}

/// What a text between other words becomes in Markdown: each line break
/// one `\n`.
fn breaks(x: &str) -> String {
    x.replace("\r\n", "\n").replace('\r', "\n")
}

/// What a text that fills a line becomes: the same, without the white
/// space around it.
fn as_read(x: &str) -> String {
    breaks(x.trim())
}

/// Stand for the text in the reference document.
const MARK: &str = "Placeholder";
const INNER: &str = "Inner";

fn check(x: &str) -> Result<(), TestCaseError> {
    let md = markdown::write(&document(x, x), false).unwrap();
    // The reference has a harmless word where the text is, or, when the
    // text is blank, nothing where it fills a line (a blank party is left
    // out, not written bold) and the same white space between words.
    let reference = if x.trim().is_empty() {
        document("", x)
    } else {
        document(MARK, INNER)
    };
    let (tags, texts) = outline(&md);
    let (expected_tags, expected_texts) = outline(&markdown::write(&reference, false).unwrap());
    prop_assert_eq!(tags, expected_tags, "for {:?} in\n{}", x, md);
    let expected_texts: Vec<String> = expected_texts
        .iter()
        .map(|t| t.replace(MARK, &as_read(x)).replace(INNER, &breaks(x)))
        .collect();
    prop_assert_eq!(texts, expected_texts, "for {:?} in\n{}", x, md);
    Ok(())
}

/// Characters that mean something to Markdown somewhere, and line breaks.
fn markdown_char() -> impl Strategy<Value = char> {
    prop_oneof![
        2 => any::<char>(),
        3 => prop::sample::select(vec![
            '\n', '\r', ' ', '\t', '-', '+', '=', '#', '>', '*', '_', '`', '~', '[', ']', '(',
            ')', '<', '|', '\\', '&', '!', ':', '.', '1', '9', '0', 'a', '/', '"', '\'', '$',
            '^', '{', '}', '\u{a0}', '\u{3000}', '\u{85}', '\u{2028}', '\u{0}', '\u{b}', '\u{c}',
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_keeps_the_outline_and_reads_back(
        x in prop_oneof![
            prop::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter),
            prop::collection::vec(markdown_char(), 0..40).prop_map(String::from_iter),
        ]
    ) {
        // issue 12: a line break in a party name added a list, a rule or a
        // heading to the signature block.
        check(&x)?;
    }
}

#[test]
fn line_breaks_and_markup_in_a_party_name_stay_text() {
    // issue 12: the examples of the issue, one by one and together.
    for x in [
        "Acme\n- item",
        "Acme\n---",
        "Acme\n# Heading",
        "Acme\n1. one",
        "Acme\n> quote",
        "Acme\n    code",
        "Acme\n\nsecond paragraph",
        "Acme\n===",
        "~~struck~~",
        "*x* _y_ `z`",
        "[link](http://example.com)",
        "<b>html</b> &amp;",
        "a | b",
        "\\",
        "-",
        "+",
        "1)",
        "2026. A year",
        "\n",
        "  ",
        "\u{a0}",
        "Acme\r\n- item\rmore",
        "Acme\n- item\n---\n# Heading\n1. one ~~strike~~ *x* _y_",
    ] {
        check(x).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The contract of a sample whose provider's name holds line breaks and
/// markup has, in Markdown, the outline of the same contract with a plain
/// name: the signature block gains no list, rule or heading.
#[test]
fn a_party_name_with_line_breaks_leaves_the_exported_contract_alone() {
    // issue 12: reproduced with `pledge export --format md` on a sample.
    use pledge::doc::contract::{self, ContractOptions, Format};
    let sample = pledge::samples::find("saas-multilevel").expect("sample");
    let mut agreement = pledge::format::read(sample.text).expect("sample reads");
    let export = |agreement: &pledge::model::Agreement| {
        let options = ContractOptions {
            format: Format::Markdown,
            ..ContractOptions::default()
        };
        String::from_utf8(contract::export(agreement, &options).expect("export")).unwrap()
    };
    agreement.parties.provider.legal_name = "Placeholder".into();
    let (expected, _) = outline(&export(&agreement));
    agreement.parties.provider.legal_name =
        "Acme\n- item\n---\n# Heading\n1. one ~~strike~~ *x* _y_".into();
    let md = export(&agreement);
    let (tags, texts) = outline(&md);
    assert_eq!(tags, expected, "in\n{md}");
    assert!(
        texts
            .iter()
            .any(|t| t == "Acme\n- item\n---\n# Heading\n1. one ~~strike~~ *x* _y_"),
        "the name reads back whole above its signature:\n{md}"
    );
}
