//! A long demonstration contract built in code, in English and French.
//!
//! It exercises every kind of block (title page, contents, nested clauses,
//! cross-references, lists, a table long enough to span pages, signatures)
//! and is what the tests and the benchmark lay out. It is not a template:
//! real contracts come from the agreement model through templates.

use super::tree::*;

fn p(runs: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph::new(runs))
}

fn t(s: &str) -> Inline {
    Inline::text(s)
}

/// The demonstration contract in `lang`, with `fingerprint` in its footer.
/// `sections` scales its length: 14 gives a little over 20 pages.
pub fn sample_document(lang: Lang, sections: usize, fingerprint: &str) -> Document {
    let w = lang;
    let mut blocks = vec![
        Block::TitlePage(TitlePage {
            title: w
                .pick("Service Level Agreement", "Contrat de niveau de service")
                .into(),
            subtitle: w
                .pick(
                    "Customer support — Premium plan",
                    "Support client — offre Premium",
                )
                .into(),
            parties: vec![
                w.pick("between", "entre").into(),
                "Acme Support SAS".into(),
                w.pick("and", "et").into(),
                "Société Générale d’Équipement Œnologique".into(),
            ],
            facts: vec![
                (
                    w.pick("Reference", "Référence").into(),
                    "SLA-2026-014".into(),
                ),
                ("Version".into(), "3".into()),
                (
                    "Date".into(),
                    w.pick("23 November 2026", "23 novembre 2026").into(),
                ),
            ],
        }),
        Block::TableOfContents {
            title: w.pick("Contents", "Sommaire").into(),
            depth: 2,
        },
    ];

    blocks.push(Block::Clause(Clause::new(
        "definitions",
        w.pick("Definitions", "Définitions"),
        vec![
            p(vec![t(w.pick(
                "In this Agreement, the following capitalised terms have the meaning given to them below:",
                "Dans le présent Contrat, les termes suivants commençant par une majuscule ont la signification ci-dessous :",
            ))]),
            Block::List(List {
                kind: ListKind::Lettered,
                items: vec![
                    Paragraph::new(vec![
                        Inline::Term(w.pick("“Business Hours”", "« Heures ouvrées »").into()),
                        t(w.pick(
                            " means 8:00 to 18:00, Monday to Friday, in the Customer’s time zone, excluding public holidays;",
                            " désigne la plage de 8 h à 18 h, du lundi au vendredi, dans le fuseau horaire du Client, hors jours fériés ;",
                        )),
                    ]),
                    Paragraph::new(vec![
                        Inline::Term(w.pick("“Service Credit”", "« Crédit de service »").into()),
                        t(w.pick(
                            " means the amount credited to the Customer under clause ",
                            " désigne le montant crédité au Client en application de l’article ",
                        )),
                        Inline::ClauseRef("service-credits".into()),
                        t(";"),
                    ]),
                    Paragraph::new(vec![
                        Inline::Term(w.pick("“Incident”", "« Incident »").into()),
                        t(w.pick(
                            " means any unplanned interruption or degradation of the Service reported by the Customer.",
                            " désigne toute interruption ou dégradation non planifiée du Service signalée par le Client ; œuvre, cœur et sœur suivent la règle.",
                        )),
                    ]),
                ],
            }),
        ],
    )));

    let body_en = "The Provider shall perform the Services with the care and diligence of a professional \
        support organisation, in accordance with good industry practice, and shall allocate sufficient \
        qualified personnel to meet the Response Times and Resolution Times set out in this Agreement. \
        Notwithstanding the foregoing, the Provider remains responsible for its subcontractors, whose \
        acts and omissions are deemed to be its own for the purposes of this Agreement.";
    let body_fr = "Le Prestataire exécute les Services avec le soin et la diligence d’un professionnel du \
        support, conformément aux règles de l’art, et affecte un personnel qualifié en nombre suffisant \
        pour respecter les Délais de prise en charge et de résolution prévus au présent Contrat. \
        Nonobstant ce qui précède, le Prestataire demeure responsable de ses sous-traitants : leurs actes \
        et omissions sont réputés être les siens ; il en répond à l’égard du Client !";
    for s in 0..sections {
        let anchor = if s == 3 {
            "service-credits".to_string()
        } else {
            format!("section-{s}")
        };
        let title = match (s, lang) {
            (3, Lang::En) => "Service credits".to_string(),
            (3, Lang::Fr) => "Crédits de service".to_string(),
            (_, Lang::En) => format!("Obligations of the parties, part {}", s + 1),
            (_, Lang::Fr) => format!("Obligations des parties, partie {}", s + 1),
        };
        let mut body = Vec::new();
        for k in 0..3 {
            let mut sub = vec![
                p(vec![t(w.pick(body_en, body_fr))]),
                p(vec![
                    t(w.pick("As provided in clause ", "Ainsi que le prévoit l’article ")),
                    Inline::ClauseRef("definitions".into()),
                    t(w.pick(", the ", ", les ")),
                    Inline::italic(w.pick("Business Hours", "Heures ouvrées")),
                    t(w.pick(
                        " apply to every target; see clause ",
                        " s’appliquent à chaque objectif ; voir l’article ",
                    )),
                    Inline::ClauseRef("service-credits".into()),
                    t(w.pick(" for the remedies, see ", " pour les recours, voir ")),
                    Inline::PageRef("service-credits".into()),
                    t(". "),
                    t(w.pick(body_en, body_fr)),
                ]),
            ];
            if k == 1 {
                sub.push(Block::List(List {
                    kind: ListKind::Bulleted,
                    items: vec![
                        Paragraph::plain(w.pick(
                            "acknowledge each Incident within the applicable Response Time;",
                            "accuser réception de chaque Incident dans le délai de prise en charge applicable ;",
                        )),
                        Paragraph::plain(w.pick(
                            "keep the Customer informed at the intervals agreed for its Priority;",
                            "tenir le Client informé selon la fréquence convenue pour sa Priorité ;",
                        )),
                        Paragraph::plain(w.pick(
                            "escalate without delay any Incident that threatens a target.",
                            "remonter sans délai tout Incident qui menace un objectif.",
                        )),
                    ],
                }));
            }
            if k == 2 && s % 4 == 1 {
                let sub3 = vec![p(vec![t(w.pick(body_en, body_fr))])];
                sub.push(Block::Clause(Clause::new(
                    format!("detail-{s}"),
                    w.pick("Detailed arrangements", "Modalités détaillées"),
                    sub3,
                )));
            }
            body.push(Block::Clause(Clause::new(
                format!("s{s}-{k}"),
                match lang {
                    Lang::En => format!("Undertaking {}", k + 1),
                    Lang::Fr => format!("Engagement {}", k + 1),
                },
                sub,
            )));
        }
        if s == 2 {
            body.push(targets_table(w, 60));
        }
        blocks.push(Block::Clause(Clause::new(anchor, title, body)));
    }
    let signatory = |party: &str| Signatory {
        party: party.into(),
        lines: ["Name:", "Title:", "Date:"]
            .iter()
            .zip(["Nom :", "Qualité :", "Date :"])
            .map(|(en, fr)| w.pick(en, fr).into())
            .collect(),
    };
    blocks.push(Block::Clause(Clause::new(
        "signatures",
        w.pick("Signatures", "Signatures"),
        vec![
            p(vec![t(w.pick(
                "Signed in two originals, one for each party.",
                "Fait en deux exemplaires originaux, un pour chaque partie.",
            ))]),
            Block::Signatures(vec![
                signatory("Acme Support SAS"),
                signatory("Société Générale d’Équipement Œnologique"),
            ]),
        ],
    )));
    Document {
        meta: Metadata {
            title: w
                .pick("Service Level Agreement", "Contrat de niveau de service")
                .into(),
            author: "Acme Support SAS".into(),
            subject: w
                .pick(
                    "Customer support SLA, Premium plan",
                    "SLA de support client, offre Premium",
                )
                .into(),
            lang,
            reference: "SLA-2026-014".into(),
            version: "3".into(),
            fingerprint: fingerprint.into(),
            date: (2026, 11, 23),
            mark: None,
        },
        blocks,
    }
}

fn targets_table(w: Lang, rows: usize) -> Block {
    let head = |s: &str| Paragraph {
        runs: vec![t(s)],
        align: Align::Left,
    };
    let cell = |s: String| Paragraph {
        runs: vec![t(&s)],
        align: Align::Left,
    };
    let priorities = ["P1", "P2", "P3", "P4"];
    let plans = ["Essential", "Business", "Premium", "Enterprise"];
    let mut body = Vec::new();
    for i in 0..rows {
        let prio = priorities[i % 4];
        let plan = plans[(i / 4) % 4];
        let response = [15, 60, 240, 480][i % 4] + 5 * (i / 16);
        let resolution = [4, 8, 24, 72][i % 4] * (1 + i / 16);
        body.push(vec![
            cell(format!("{plan} / {prio}")),
            cell(format!("{response} min")),
            cell(match w {
                Lang::En => format!("{resolution} business hours"),
                Lang::Fr => format!("{resolution} heures ouvrées"),
            }),
            cell(format!("{},{} %", 95 + i % 5, i % 10)),
        ]);
    }
    Block::Table(Table {
        widths: vec![0.3, 0.2, 0.3, 0.2],
        header: vec![
            head(w.pick("Plan / priority", "Offre / priorité")),
            head(w.pick("Response time", "Délai de prise en charge")),
            head(w.pick("Resolution time", "Délai de résolution")),
            head(w.pick("Compliance target", "Taux de conformité")),
        ],
        rows: body,
    })
}
