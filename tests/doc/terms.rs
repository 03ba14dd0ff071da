//! The defined-terms lint (`doc::terms`, issue 14 point 1): one small
//! hand-made document per kind of finding, each with exactly that defect;
//! the words the rules must not flag; every shipped sample clean in every
//! language and edition; and no panic on any text.

use pledge::doc::contract::{render, ContractOptions, Edition};
use pledge::doc::terms::{lint, Finding, Kind, Names, Place};
use pledge::doc::tree::*;
use proptest::prelude::*;

fn meta(lang: Lang) -> Metadata {
    Metadata {
        title: "Service Level Agreement".into(),
        author: "Acme Support".into(),
        subject: "Support".into(),
        lang,
        reference: "SLA-1".into(),
        version: "1".into(),
        fingerprint: "0".repeat(64),
        date: (2026, 1, 1),
        mark: None,
    }
}

fn text(s: &str) -> Inline {
    Inline::text(s)
}

fn term(s: &str) -> Inline {
    Inline::Term(s.into())
}

fn para(runs: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph::new(runs))
}

/// A document whose clause 1 defines "Ticket" and "Customer" and uses
/// both, followed by `more` as clause 2 "Service".
fn with_definitions(more: Vec<Block>) -> Document {
    Document {
        meta: meta(Lang::En),
        blocks: vec![
            Block::Clause(Clause::new(
                "definitions",
                "Definitions",
                vec![Block::List(List {
                    kind: ListKind::Lettered,
                    items: vec![
                        Paragraph::new(vec![
                            term("“Customer”"),
                            text(" means the company that buys the service."),
                        ]),
                        Paragraph::new(vec![
                            term("“Ticket”"),
                            text(" means a request the Customer makes."),
                        ]),
                    ],
                })],
            )),
            Block::Clause(Clause::new("service", "Service", more)),
        ],
    }
}

fn place(number: &str, heading: &str) -> Place {
    Place {
        number: Some(number.into()),
        heading: Some(heading.into()),
    }
}

fn found(doc: &Document) -> Vec<Finding> {
    lint(doc, &Names::of(["Acme Support SAS", "Globex Corporation"]))
}

#[test]
fn a_clean_document_has_no_finding() {
    let doc = with_definitions(vec![para(vec![text(
        "Each Ticket is answered. The Customer may open Tickets on Monday through the API of Acme.",
    )])]);
    assert_eq!(found(&doc), vec![]);
}

#[test]
fn a_capitalised_term_used_but_never_defined_is_found() {
    let doc = with_definitions(vec![para(vec![text(
        "Each Ticket is logged by the Service Desk of the Customer.",
    )])]);
    assert_eq!(
        found(&doc),
        vec![Finding {
            kind: Kind::Undefined,
            term: "Service Desk".into(),
            place: place("2", "Service"),
            lang: Lang::En,
        }]
    );
}

#[test]
fn a_term_defined_but_never_used_is_found() {
    let mut doc = with_definitions(vec![para(vec![text("The Customer opens a Ticket.")])]);
    let Block::Clause(c) = &mut doc.blocks[0] else {
        unreachable!()
    };
    let Block::List(l) = &mut c.body[0] else {
        unreachable!()
    };
    l.items.push(Paragraph::new(vec![
        term("“Plan”"),
        text(" means a level of support."),
    ]));
    assert_eq!(
        found(&doc),
        vec![Finding {
            kind: Kind::Unused,
            term: "Plan".into(),
            place: place("1", "Definitions"),
            lang: Lang::En,
        }]
    );
}

#[test]
fn a_term_defined_twice_is_found_at_its_second_definition() {
    let doc = with_definitions(vec![para(vec![
        text("The Customer opens requests (each a "),
        term("“Ticket”"),
        text(") by e-mail. Each Ticket is answered."),
    ])]);
    assert_eq!(
        found(&doc),
        vec![Finding {
            kind: Kind::DefinedTwice {
                first: place("1", "Definitions"),
            },
            term: "Ticket".into(),
            place: place("2", "Service"),
            lang: Lang::En,
        }]
    );
}

#[test]
fn a_defined_term_in_another_capitalisation_is_found_in_a_table_header() {
    let mut doc = with_definitions(vec![Block::Table(Table {
        widths: vec![1.0, 1.0],
        header: vec![
            Paragraph::plain("Priority"),
            Paragraph::plain("First response"),
        ],
        rows: vec![vec![
            Paragraph::plain("Urgent"),
            Paragraph::plain("Within the First Response Time for each Ticket of the Customer"),
        ]],
    })]);
    let Block::Clause(c) = &mut doc.blocks[0] else {
        unreachable!()
    };
    let Block::List(l) = &mut c.body[0] else {
        unreachable!()
    };
    l.items.push(Paragraph::new(vec![
        term("“First Response Time”"),
        text(" means the time to the first reply on a Ticket."),
    ]));
    assert_eq!(
        found(&doc),
        vec![Finding {
            kind: Kind::OtherCase {
                defined: "First Response Time".into(),
            },
            term: "First response".into(),
            place: place("2", "Service"),
            lang: Lang::En,
        }]
    );
}

#[test]
fn a_longer_term_miswritten_is_found_rather_than_a_shorter_one_used() {
    // "Service credits": "Service Credit" in lower case, not "Services" in
    // the singular followed by a word.
    let doc = Document {
        meta: meta(Lang::En),
        blocks: vec![Block::Clause(Clause::new(
            "definitions",
            "Definitions",
            vec![
                para(vec![term("“Services”"), text(" means the support.")]),
                para(vec![
                    term("“Service Credit”"),
                    text(" means an amount credited for the Services."),
                ]),
                para(vec![text(
                    "A Service Credit is due. Service credits are paid.",
                )]),
            ],
        ))],
    };
    let f = found(&doc);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].term, "Service credits");
    assert_eq!(
        f[0].kind,
        Kind::OtherCase {
            defined: "Service Credit".into()
        }
    );
}

#[test]
fn a_reference_to_a_clause_not_printed_is_found() {
    let doc = with_definitions(vec![
        para(vec![
            text("The Customer may open a Ticket as clause "),
            Inline::ClauseRef("definitions".into()),
            text(" says, or under clause 9."),
        ]),
        para(vec![
            text("See clause "),
            Inline::ClauseRef("withdrawn".into()),
            text("."),
        ]),
        // Another text's article is not this contract's clause.
        para(vec![text(
            "Force majeure within the meaning of article 1218 du Code civil, or clause 4 of the master agreement.",
        )]),
    ]);
    let f = found(&doc);
    assert_eq!(
        f,
        vec![
            Finding {
                kind: Kind::MissingClause,
                term: "clause 9".into(),
                place: place("2", "Service"),
                lang: Lang::En,
            },
            Finding {
                kind: Kind::MissingClause,
                term: "withdrawn".into(),
                place: place("2", "Service"),
                lang: Lang::En,
            },
        ]
    );
}

#[test]
fn sentence_starts_headings_names_acronyms_months_and_plurals_are_not_findings() {
    let doc = with_definitions(vec![
        para(vec![text(
            "Support is given in English. However, Tickets sent in March by Globex reach the SLA desk (P1 only); Acme Support answers. Note: The Customer’s Tickets count.",
        )]),
        Block::Clause(Clause::new(
            "heading",
            "Heading With Capitals",
            vec![para(vec![text("The Customer’s Ticket.")])],
        )),
    ]);
    assert_eq!(found(&doc), vec![]);
}

#[test]
fn french_terms_elisions_and_plurals_are_read() {
    let doc = Document {
        meta: meta(Lang::Fr),
        blocks: vec![Block::Clause(Clause::new(
            "definitions",
            "Définitions",
            vec![
                para(vec![
                    term("«\u{a0}Canal\u{a0}»"),
                    text(" désigne un moyen de contact."),
                ]),
                para(vec![
                    term("«\u{a0}Crédit de service\u{a0}»"),
                    text(" désigne un montant."),
                ]),
                para(vec![text(
                    "Les Canaux de l’Offre sont ouverts ; les Crédits de service sont versés.",
                )]),
            ],
        ))],
    };
    let f = found(&doc);
    assert_eq!(
        f,
        vec![Finding {
            kind: Kind::Undefined,
            term: "Offre".into(),
            place: place("1", "Définitions"),
            lang: Lang::Fr,
        }]
    );
}

#[test]
fn a_quoted_definition_in_running_text_counts() {
    let doc = with_definitions(vec![para(vec![text(
        "The Customer follows the published guide (the “Documentation”). Each Ticket cites the Documentation.",
    )])]);
    assert_eq!(found(&doc), vec![]);
    // Quoted words not introduced as a definition define nothing.
    let doc = with_definitions(vec![para(vec![text(
        "The Customer writes “Urgent” on a Ticket and follows the Documentation.",
    )])]);
    let f = found(&doc);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].term, "Documentation");
}

#[test]
fn every_sample_is_clean_in_every_language_and_edition() {
    for sample in pledge::samples::SAMPLES {
        let agreement = pledge::format::read(sample.text).expect("sample reads");
        // The lint is not skipped: every contract renders.
        for lang in [Lang::En, Lang::Fr] {
            for edition in [Edition::Client, Edition::Internal] {
                let opts = ContractOptions {
                    lang: Some(lang),
                    edition,
                    ..Default::default()
                };
                render(&agreement, &opts).expect("the sample's contract renders");
            }
        }
        let findings = pledge::check::terms::findings(&agreement);
        assert!(findings.is_empty(), "{}: {findings:#?}", sample.name);
    }
}

#[test]
fn the_lint_is_wired_into_validate_with_its_code_and_field() {
    let sample = pledge::samples::find("saas-multilevel").expect("sample");
    let text = sample.text.replace(
        "Availability of the Platform and the list",
        "Monthly Uptime Percentage of the Platform and the list",
    );
    let report = pledge::check::check_text(&text);
    let d: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "undefined-term" && d.message.contains("English contract"))
        .collect();
    assert!(!d.is_empty(), "{:#?}", report.diagnostics);
    for d in d {
        assert_eq!(d.severity, pledge::check::Severity::Warning);
        // The report's items are written per language: the finding is
        // placed at the English text of the item.
        assert_eq!(d.path, "reporting.content[0].en");
        assert!(
            d.message.contains("“Monthly Uptime Percentage”"),
            "{}",
            d.message
        );
        assert!(d.message.contains("clause 10 “"), "{}", d.message);
        assert!(d.location.is_some_and(|l| l.line > 1), "{d:?}");
    }
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just("Ticket".to_string()),
                Just("“".to_string()),
                Just("»".to_string()),
                Just(" (the ".to_string()),
                Just("clause 1.".to_string()),
                Just("l’".to_string()),
                Just("\u{a0}".to_string()),
                Just(" ".to_string()),
                any::<char>().prop_map(String::from),
            ],
            0..200,
        )
        .prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_lint_never_panics(body in any_text(), defined in any_text(), title in any_text()) {
        let doc = with_definitions(vec![
            para(vec![term(&defined), text(&body)]),
            Block::Clause(Clause::new("x", title, vec![para(vec![text(&body), term(&body)])])),
        ]);
        let _ = lint(&doc, &Names::of([defined.as_str()]));
    }
}

#[test]
fn the_lint_reads_a_long_text_whole() {
    let long = "The Customer opens a Ticket. ".repeat(20_000) + "The Help Desk answers.";
    let doc = with_definitions(vec![para(vec![text(&long)])]);
    let f = found(&doc);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].term, "Help Desk");
}

/// Every term of a block's runs, in order.
fn terms_of(blocks: &[Block], out: &mut Vec<String>) {
    let runs = |runs: &[Inline], out: &mut Vec<String>| {
        out.extend(runs.iter().filter_map(|r| match r {
            Inline::Term(t) => Some(t.clone()),
            _ => None,
        }))
    };
    for b in blocks {
        match b {
            Block::Clause(c) => terms_of(&c.body, out),
            Block::Paragraph(p) => runs(&p.runs, out),
            Block::List(l) => l.items.iter().for_each(|i| runs(&i.runs, out)),
            Block::Table(t) => t.rows.iter().flatten().for_each(|c| runs(&c.runs, out)),
            _ => {}
        }
    }
}

// A term an agreement's own sentence defines ("(the “Documentation”)",
// "“Downtime” means") is set in bold like the definitions clause's, quotes
// included; a quoted mention ("marked “Urgent”") stays plain.
#[test]
fn a_definition_in_the_agreements_own_words_is_set_as_a_term() {
    let sample = pledge::samples::find("saas-multilevel").expect("a sample");
    let a: pledge::model::Agreement = pledge::format::read(sample.text).expect("reads");
    let doc = render(&a, &ContractOptions::default()).expect("renders");
    let mut terms = Vec::new();
    terms_of(&doc.blocks, &mut terms);
    for t in ["“Downtime”", "“Documentation”", "“Acceptable Use Policy”"] {
        assert!(terms.iter().any(|x| x == t), "{t} is not set as a term");
    }
    let mut a = a;
    a.parties.provider.address = "Suite “Urgent” 4, the “Tower”".into();
    let doc = render(&a, &ContractOptions::default()).expect("renders");
    let mut terms = Vec::new();
    terms_of(&doc.blocks, &mut terms);
    assert!(!terms
        .iter()
        .any(|x| x.contains("Urgent") || x.contains("Tower")));
}

// "this agreement", "either party": the contract's own names in lower case
// after a word that points at them are the defined terms miswritten; "this
// service level agreement" and "a party to another contract" are phrases.
#[test]
fn the_contract_naming_itself_in_lower_case_is_found() {
    let doc = Document {
        meta: meta(Lang::En),
        blocks: vec![Block::Clause(Clause::new(
            "parties",
            "Parties",
            vec![
                para(vec![
                    text("This service level agreement (the "),
                    term("“Agreement”"),
                    text(") binds each "),
                    term("“Party”"),
                    text(" and the "),
                    term("“Parties”"),
                    text(" together, as this Agreement says."),
                ]),
                para(vec![text(
                    "Either party may end this agreement; a party to another contract is not bound, \
                     and each Party keeps its rights under this Agreement.",
                )]),
            ],
        ))],
    };
    let f = found(&doc);
    let terms: Vec<(&str, &Kind)> = f.iter().map(|x| (x.term.as_str(), &x.kind)).collect();
    assert_eq!(
        terms,
        vec![
            (
                "agreement",
                &Kind::OtherCase {
                    defined: "Agreement".into()
                }
            ),
            (
                "party",
                &Kind::OtherCase {
                    defined: "Party".into()
                }
            ),
        ],
        "{f:#?}"
    );
    // French contracts write « la présente convention » in lower case.
    let mut fr = doc.clone();
    fr.meta.lang = Lang::Fr;
    assert!(found(&fr).iter().all(|x| x.term != "party"));
}
