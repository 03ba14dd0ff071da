//! The defined-terms lint: a contract's capitalised terms checked against
//! its definitions, over the rendered [`Document`] (the tree every writer
//! prints from, so the lint reads exactly what prints).
//!
//! **A definition** is either a defined-term run ([`Inline::Term`], what the
//! templates write as `<term>“Plan”</term>` in the definitions clause or in
//! a sentence), or, in running text, a quoted capitalised phrase of at most
//! six words (“…” in English, « … » in French) introduced as one: right
//! after "(the ", "(each a ", "(together the ", "(le ", "(la ", "(les ",
//! "(l’", or right before " means" / " désigne". The quotes are not part
//! of the term.
//!
//! **A use** of a defined term is the term's words, in the same
//! capitalisation, whole words, separated by spaces; any word of it may be
//! in the plural or the singular ("Tickets" uses "Ticket", "Service" uses
//! "Services", « Crédits de service » uses « Crédit de service »). Of the
//! terms that fit at one place the longest counts, an exact one first.
//!
//! **Findings**, each with the term, the clause (number and heading) and
//! the language:
//! - [`Kind::Undefined`]: capitalised words that no definition covers. A
//!   capitalised word starts with an upper-case letter and has no other
//!   (so acronyms such as "API" or "SLA" never count) and no digit (so
//!   "P1" never does). Runs of such words, separated by spaces only, form
//!   one candidate term. Not counted: words in a heading (clause titles,
//!   the title page, the contents, signature blocks), words of the
//!   agreement's own names (parties, services, plans, channels, calendars,
//!   priorities, teams, escalation contacts, law and courts, the places
//!   of time zones and holiday regions: [`Names`]), month and day names,
//!   quoted words that are not a definition (a mention: marked
//!   “Urgent”), the name of another text after its article number
//!   ("article 1218 du Code civil"), and a single word at the start of a
//!   sentence (the start of a paragraph, item or cell, or after `.` `!`
//!   `?` `:` `;` `—` `–` `*`); a sentence's opening article or
//!   determiner ("The", "Each", « Les ») is not part of the term it
//!   opens.
//! - [`Kind::Unused`]: a defined term with no use outside its definitions.
//! - [`Kind::DefinedTwice`]: a term with more than one definition.
//! - [`Kind::OtherCase`]: a defined term's words in another capitalisation
//!   with at least one capital ("Service credit", "Business hours"), or
//!   the first two words or more of a longer term so written ("First
//!   response" for "First Response Time"). Headings are not checked;
//!   table headers are. An all lower-case phrase is ordinary language,
//!   not a finding, except in English for the terms the contract names
//!   itself and its parties by, after a word that points at them ("this
//!   agreement", "either party", "each party", "the other party",
//!   "neither party", "both parties").
//! - [`Kind::MissingClause`]: a cross-reference to an anchor no clause
//!   has, or the words "clause N" / « article N » naming a number no
//!   printed clause has.
//!
//! The rules favour silence over noise: they are meant to hold every
//! shipped sample clean, so that any finding on a user's agreement is
//! worth reading.

use std::collections::HashSet;

use super::numbering::Numbering;
use super::tree::{Block, Document, Inline, Lang, Paragraph};

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A capitalised term is used but never defined.
    Undefined,
    /// A term is defined but never used.
    Unused,
    /// A term is defined more than once; the finding is placed at the later
    /// definition, and `first` names the clause of the first.
    DefinedTwice {
        /// Where the term was first defined.
        first: Place,
    },
    /// A defined term is written with another capitalisation; the finding's
    /// `term` is the text as written.
    OtherCase {
        /// The term as defined.
        defined: String,
    },
    /// A cross-reference to a clause the document does not print; the
    /// finding's `term` is the reference as written ("clause 12") or the
    /// anchor.
    MissingClause,
}

/// The clause a finding stands in: its number and heading; none for text
/// outside every clause (the title page).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Place {
    /// The clause number, e.g. "7.2".
    pub number: Option<String>,
    /// The clause heading, without its number.
    pub heading: Option<String>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.number, &self.heading) {
            (Some(n), Some(h)) => write!(f, "clause {n} “{h}”"),
            _ => f.write_str("the title page"),
        }
    }
}

/// One finding of the lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// What is wrong.
    pub kind: Kind,
    /// The term concerned, as the document prints it (without quotes).
    pub term: String,
    /// Where.
    pub place: Place,
    /// The document's language.
    pub lang: Lang,
}

/// Words that are names in the agreement's own data (parties, products,
/// places): capitalised, but not terms a contract defines.
#[derive(Debug, Clone, Default)]
pub struct Names {
    words: HashSet<String>,
}

impl Names {
    /// No names.
    pub fn new() -> Names {
        Names::default()
    }

    /// Adds every word of `text` (a name, an address, a job title).
    pub fn add(&mut self, text: &str) {
        for w in words(text) {
            self.words.insert(w.text);
        }
    }

    /// Names made of the words of each text.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Names {
        let mut n = Names::new();
        texts.into_iter().for_each(|t| n.add(t));
        n
    }

    fn has(&self, word: &str) -> bool {
        self.words.contains(word)
            || word
                .strip_suffix('s')
                .is_some_and(|w| self.words.contains(w))
    }
}

/// Month, day and language names, in English (French writes them in lower
/// case).
const CALENDAR_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "English",
    "French",
];

/// Words that open a sentence before a term ("The Help Desk"): dropped
/// from a candidate term that starts a sentence.
const OPENERS: &[&str] = &[
    "The", "A", "An", "Each", "Every", "Any", "No", "This", "That", "These", "Those", "If", "When",
    "Where", "Le", "La", "Les", "Un", "Une", "Chaque", "Tout", "Toute", "Si", "Lorsque",
];

/// The most words a quoted phrase in running text may have to be taken for
/// a definition.
const MAX_QUOTED_TERM_WORDS: usize = 6;

/// Runs the lint over `doc`, `names` being the agreement's own names.
/// Findings come sorted and without repeats.
pub fn lint(doc: &Document, names: &Names) -> Vec<Finding> {
    let lang = doc.meta.lang;
    let (pieces, missing) = collect(doc);
    let mut findings: Vec<Finding> = missing
        .into_iter()
        .map(|(term, place)| Finding {
            kind: Kind::MissingClause,
            term,
            place,
            lang,
        })
        .collect();

    let defined = definitions(&pieces);
    let mut terms: Vec<(String, Vec<String>, Place)> = Vec::new();
    for (name, ws, place) in defined {
        if let Some((_, _, first)) = terms.iter().find(|(n, _, _)| *n == name) {
            findings.push(Finding {
                kind: Kind::DefinedTwice {
                    first: first.clone(),
                },
                term: name,
                place,
                lang,
            });
        } else {
            terms.push((name, ws, place));
        }
    }
    // Longest first, so that a longer term wins over one it contains.
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(terms[i].1.len()));
    let lower: Vec<Vec<String>> = terms
        .iter()
        .map(|(_, ws, _)| ws.iter().map(|w| w.to_lowercase()).collect())
        .collect();

    let mut used = vec![false; terms.len()];
    for p in &pieces {
        let ws = p.words();
        let mut i = 0;
        while i < ws.len() {
            if ws[i].in_def {
                i += 1;
                continue;
            }
            let fits = |k: usize, exact: bool, lowered: bool| -> Option<usize> {
                let term: &[String] = if lowered { &lower[k] } else { &terms[k].1 };
                (term.len() <= ws.len() - i
                    && term.iter().enumerate().all(|(j, t)| {
                        let w = &ws[i + j];
                        (j == 0 || w.joined)
                            && !w.in_def
                            && if lowered {
                                same_word(&w.text.to_lowercase(), t)
                            } else if exact {
                                w.text == *t
                            } else {
                                same_word(&w.text, t)
                            }
                    }))
                .then_some(term.len())
            };
            let exact = order
                .iter()
                .find_map(|&k| fits(k, true, false).map(|n| (k, n)))
                .or_else(|| {
                    order
                        .iter()
                        .find_map(|&k| fits(k, false, false).map(|n| (k, n)))
                });
            // A longer term in another capitalisation wins over a shorter
            // one written exactly: "Service credits" is "Service Credit"
            // miswritten, not "Service" (of "Services") and a word.
            let taken = exact.map_or(0, |(_, n)| n);
            if !p.heading {
                let other = order
                    .iter()
                    .find_map(|&k| fits(k, false, true).map(|n| (k, n)))
                    .or_else(|| prefix_in_other_case(&ws[i..], &terms, &order))
                    .filter(|&(_, n)| n > taken);
                if let Some((k, n)) = other {
                    let written: Vec<&str> = ws[i..i + n].iter().map(|w| w.text.as_str()).collect();
                    let written = written.join(" ");
                    let capital = written.chars().any(char::is_uppercase);
                    let shouting = !written.chars().any(char::is_lowercase);
                    // In English, a determiner that points at the contract
                    // itself ("this agreement", "either party") makes the
                    // lower-case words the defined term miswritten.
                    let pointed = lang == Lang::En
                        && SELF_TERMS.contains(&terms[k].0.as_str())
                        && !capital
                        && i > 0
                        && ws[i].joined
                        && SELF_POINTING.contains(&ws[i - 1].text.to_lowercase().as_str());
                    if (capital && !shouting) || pointed {
                        findings.push(Finding {
                            kind: Kind::OtherCase {
                                defined: terms[k].0.clone(),
                            },
                            term: written,
                            place: p.place.clone(),
                            lang,
                        });
                    }
                    i += n;
                    continue;
                }
            }
            if let Some((k, n)) = exact {
                used[k] = true;
                i += n;
                continue;
            }
            // Capitalised words no term covers: a run of them, joined by
            // spaces, is one candidate term.
            if !p.heading && capitalised(&ws[i].text) {
                let mut run = vec![i];
                let mut j = i + 1;
                let mut tail = 0;
                while j < ws.len() && ws[j].joined && !ws[j].in_def && capitalised(&ws[j].text) {
                    tail = starts_term(&ws[j..], &terms);
                    if tail > 0 {
                        break;
                    }
                    run.push(j);
                    j += 1;
                }
                let mut group: Vec<usize> = Vec::new();
                // A defined term right after the words ends the candidate
                // ("Master Subscription Agreement"): it is named whole.
                let flush = |group: &mut Vec<usize>, findings: &mut Vec<Finding>, tail: usize| {
                    if group.len() > 1
                        && ws[group[0]].sentence_start
                        && OPENERS.contains(&ws[group[0]].text.as_str())
                    {
                        group.remove(0);
                    }
                    let alone_at_start = group.len() == 1 && ws[group[0]].sentence_start;
                    if !group.is_empty() && !alone_at_start {
                        let last = group[group.len() - 1];
                        group.extend(last + 1..last + 1 + tail);
                        let text: Vec<&str> = group.iter().map(|&g| ws[g].text.as_str()).collect();
                        findings.push(Finding {
                            kind: Kind::Undefined,
                            term: text.join(" "),
                            place: p.place.clone(),
                            lang,
                        });
                    }
                    group.clear();
                };
                for &g in &run {
                    let w = ws[g].text.as_str();
                    let plain = w.strip_suffix('s').unwrap_or(w);
                    if names.has(w)
                        || CALENDAR_WORDS.contains(&w)
                        || CALENDAR_WORDS.contains(&plain)
                    {
                        flush(&mut group, &mut findings, 0);
                    } else {
                        group.push(g);
                    }
                }
                let ends_run = group.last() == run.last();
                flush(&mut group, &mut findings, if ends_run { tail } else { 0 });
                i = j;
                continue;
            }
            i += 1;
        }
    }
    for (k, (name, _, place)) in terms.iter().enumerate() {
        if !used[k] {
            findings.push(Finding {
                kind: Kind::Unused,
                term: name.clone(),
                place: place.clone(),
                lang,
            });
        }
    }
    findings.sort();
    findings.dedup();
    findings
}

/// The first two or more words of a longer term, written with another
/// capitalisation, the first word as defined ("First response" for "First
/// Response Time"): the term's index and the words taken.
fn prefix_in_other_case(
    ws: &[Word],
    terms: &[(String, Vec<String>, Place)],
    order: &[usize],
) -> Option<(usize, usize)> {
    order.iter().find_map(|&k| {
        let term = &terms[k].1;
        if term.len() < 3 || ws.is_empty() || ws[0].text != term[0] {
            return None;
        }
        let mut n = 1;
        while n < term.len() - 1
            && n < ws.len()
            && ws[n].joined
            && !ws[n].in_def
            && same_word(&ws[n].text.to_lowercase(), &term[n].to_lowercase())
        {
            n += 1;
        }
        let differs = (1..n).any(|j| !same_word(&ws[j].text, &term[j]));
        (n >= 2 && differs).then_some((k, n))
    })
}

/// The number of words of the longest defined term that starts at the
/// first of `ws`, 0 when none does.
fn starts_term(ws: &[Word], terms: &[(String, Vec<String>, Place)]) -> usize {
    terms
        .iter()
        .filter(|(_, t, _)| {
            t.len() <= ws.len()
                && t.iter()
                    .enumerate()
                    .all(|(j, t)| (j == 0 || ws[j].joined) && same_word(&ws[j].text, t))
        })
        .map(|(_, t, _)| t.len())
        .max()
        .unwrap_or(0)
}

/// `w` is the word `t`, or its plural or singular.
fn same_word(w: &str, t: &str) -> bool {
    if w == t {
        return true;
    }
    let plural_of = |many: &str, one: &str| {
        many.strip_prefix(one)
            .is_some_and(|rest| matches!(rest, "s" | "x" | "es"))
            || one
                .strip_suffix('y')
                .is_some_and(|stem| many.strip_prefix(stem) == Some("ies"))
            || one
                .strip_suffix("al")
                .is_some_and(|stem| many.strip_prefix(stem) == Some("aux"))
    };
    plural_of(w, t) || plural_of(t, w)
}

/// A word that may name a term: an upper-case letter first, no other, no
/// digit, and more than one letter.
fn capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().filter(|c| c.is_uppercase()).count() == 1
        && !w.chars().any(|c| c.is_numeric())
        && w.chars().count() > 1
}

/// A term without its quotes and surrounding spaces.
fn unquote(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '“' | '”' | '«' | '»' | '"' | '‘' | '’' | '\'')
    })
}

/// A piece of text the lint reads: a paragraph, list item, cell or heading,
/// with the byte ranges that are definitions.
struct Piece {
    text: String,
    defs: Vec<std::ops::Range<usize>>,
    /// Quoted words that are not definitions (a mention, not a use) and
    /// names of other texts ("du Code civil" after "article 1218"): read
    /// neither as uses nor as terms.
    others: Vec<std::ops::Range<usize>>,
    heading: bool,
    place: Place,
}

impl Piece {
    fn words(&self) -> Vec<Word> {
        let mut ws = words(&self.text);
        for w in &mut ws {
            w.in_def = self
                .defs
                .iter()
                .chain(&self.others)
                .any(|r| r.start <= w.start && w.start < r.end);
        }
        ws
    }
}

/// A word of a piece, as the lint compares it: a French elision ("l’",
/// "d’") and an English possessive ("’s") taken off.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    /// Byte offset of the word as written (elision included).
    start: usize,
    /// Whether only spaces separate it from the word before.
    joined: bool,
    /// Whether it starts a sentence.
    sentence_start: bool,
    /// Whether it lies inside a definition or another text's name.
    in_def: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}'
}

fn is_apostrophe(c: char) -> bool {
    c == '’' || c == '\''
}

/// The elided words of French that stick to the next one with an apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The words of `text`: letters and digits, with hyphens and apostrophes
/// inside a word kept in it.
fn words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut prev_end: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let inner = (c == '-' || is_apostrophe(c))
                && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                j += 1;
            } else {
                break;
            }
        }
        let start_byte = chars[start].0;
        let end_byte = chars.get(j).map_or(text.len(), |c| c.0);
        let raw = &text[start_byte..end_byte];
        let mut word = raw;
        if let Some(k) = word.find(is_apostrophe) {
            if ELISIONS.contains(&word[..k].to_lowercase().as_str()) {
                let after = word[k..].chars().next().map_or(0, char::len_utf8);
                word = &word[k + after..];
            }
        }
        for suffix in ["’s", "'s"] {
            if let Some(w) = word.strip_suffix(suffix) {
                word = w;
            }
        }
        let before = &text[prev_end.unwrap_or(0)..start_byte];
        let joined = prev_end.is_some() && !before.is_empty() && before.chars().all(is_space);
        let sentence_start = {
            let lead = text[..start_byte].trim_end_matches(|c: char| {
                is_space(c) || matches!(c, '(' | '[' | '“' | '«' | '‘' | '"' | '\'')
            });
            lead.chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '—' | '–' | '*' | '•'))
        };
        out.push(Word {
            text: word.to_owned(),
            start: start_byte,
            joined,
            sentence_start,
            in_def: false,
        });
        prev_end = Some(end_byte);
        i = j;
    }
    out
}

/// Gathers the pieces of text of a document, and the cross-references to
/// clauses it does not print.
struct Collect<'a> {
    numbers: &'a std::collections::HashMap<String, String>,
    printed: HashSet<String>,
    pieces: &'a mut Vec<Piece>,
    missing: &'a mut Vec<(String, Place)>,
}

impl Collect<'_> {
    fn blocks(&mut self, blocks: &[Block], place: &Place) {
        for b in blocks {
            match b {
                Block::Clause(c) => {
                    let inner = Place {
                        number: self.numbers.get(&c.anchor).cloned(),
                        heading: Some(c.title.clone()),
                    };
                    self.heading(&c.title, &inner);
                    self.blocks(&c.body, &inner);
                }
                Block::Paragraph(p) => self.paragraph(p, place, false),
                Block::List(l) => l.items.iter().for_each(|p| self.paragraph(p, place, false)),
                Block::Table(t) => {
                    t.header
                        .iter()
                        .chain(t.rows.iter().flatten())
                        .for_each(|p| self.paragraph(p, place, false));
                }
                Block::TitlePage(tp) => {
                    for s in [&tp.title, &tp.subtitle].into_iter().chain(&tp.parties) {
                        self.heading(s, place);
                    }
                    for (k, v) in &tp.facts {
                        self.heading(k, place);
                        self.heading(v, place);
                    }
                }
                Block::Signatures(list) => {
                    for s in list {
                        self.heading(&s.party, place);
                        s.lines.iter().for_each(|l| self.heading(l, place));
                    }
                }
                Block::TableOfContents { title, .. } => self.heading(title, place),
                Block::PageBreak => {}
            }
        }
    }

    fn heading(&mut self, text: &str, place: &Place) {
        self.pieces.push(Piece {
            text: text.to_owned(),
            defs: Vec::new(),
            others: Vec::new(),
            heading: true,
            place: place.clone(),
        });
    }

    fn paragraph(&mut self, p: &Paragraph, place: &Place, heading: bool) {
        let mut text = String::new();
        let mut defs = Vec::new();
        for r in &p.runs {
            match r {
                Inline::Text { text: t, .. } | Inline::Revised { text: t, .. } => text.push_str(t),
                Inline::Term(t) => {
                    let start = text.len();
                    text.push_str(t);
                    defs.push(start..text.len());
                }
                Inline::ClauseRef(anchor) => match self.numbers.get(anchor) {
                    Some(n) => text.push_str(n),
                    None => {
                        self.missing.push((anchor.clone(), place.clone()));
                        text.push('?');
                    }
                },
                Inline::PageRef(_) => text.push('0'),
            }
        }
        let (quoted, mut others) = quoted_phrases(&text, &defs);
        defs.extend(quoted);
        for reference in clause_numbers_named(&text) {
            match reference.other {
                Some(name) => others.push(name),
                None if !self.printed.contains(&reference.number) => {
                    self.missing.push((reference.written, place.clone()));
                }
                None => {}
            }
        }
        self.pieces.push(Piece {
            text,
            defs,
            others,
            heading,
            place: place.clone(),
        });
    }
}

/// English determiners that make the words after them the contract's own
/// ("this agreement", "either party", "the other party").
const SELF_POINTING: &[&str] = &["this", "either", "each", "neither", "other", "both"];
/// The terms by which the contract names itself and its parties: after
/// such a word, their lower-case form is a slip ("this service level
/// agreement" is a phrase, "this agreement" the term miswritten).
const SELF_TERMS: &[&str] = &["Agreement", "Party", "Parties"];

/// The words that introduce a quoted definition before it, and after it.
const BEFORE_DEFINITION: &[&str] = &[
    "(the ",
    "(each a ",
    "(together the ",
    "(le ",
    "(la ",
    "(les ",
    "(l’",
    "(l'",
];
const AFTER_DEFINITION: &[&str] = &[" means", " mean ", " désigne", " désignent"];

/// The byte ranges of the quoted phrases of `text` introduced as
/// definitions ("(the “Documentation”)", "“Downtime” means"), quotes
/// included: the contract sets them in bold like the definitions the
/// templates mark.
pub(crate) fn introduced_definitions(text: &str) -> Vec<std::ops::Range<usize>> {
    quoted_phrases(text, &[]).0
}

/// The byte ranges of the quoted phrases of `text` outside the ranges
/// already known: those introduced as definitions, and the others, which
/// mention words rather than use them ("marked “Urgent”").
fn quoted_phrases(
    text: &str,
    known: &[std::ops::Range<usize>],
) -> (Vec<std::ops::Range<usize>>, Vec<std::ops::Range<usize>>) {
    let (mut defs, mut mentions) = (Vec::new(), Vec::new());
    let mut from = 0;
    while let Some(open) = text[from..].find(['“', '«']).map(|k| k + from) {
        let close_char = if text[open..].starts_with('“') {
            '”'
        } else {
            '»'
        };
        let inner_start = open + text[open..].chars().next().map_or(1, char::len_utf8);
        let Some(close) = text[inner_start..]
            .find(close_char)
            .map(|k| k + inner_start)
        else {
            break;
        };
        let end = close + close_char.len_utf8();
        from = end;
        if known.iter().any(|r| r.start <= open && open < r.end) {
            continue;
        }
        let inner = unquote(&text[open..end]);
        let count = words(inner).len();
        // Only the few characters around the quotes are read, so a text
        // full of quotes is read in linear time.
        let near = |s: &mut dyn Iterator<Item = char>| -> String {
            s.take(16)
                .map(|c| if is_space(c) { ' ' } else { c })
                .collect::<String>()
                .to_lowercase()
        };
        let before: String = near(&mut text[..open].chars().rev())
            .chars()
            .rev()
            .collect();
        let after = near(&mut text[end..].chars());
        let introduced = BEFORE_DEFINITION.iter().any(|b| before.ends_with(b))
            || AFTER_DEFINITION.iter().any(|a| after.starts_with(a));
        if introduced
            && inner.chars().next().is_some_and(char::is_uppercase)
            && (1..=MAX_QUOTED_TERM_WORDS).contains(&count)
        {
            defs.push(open..end);
        } else {
            mentions.push(open..end);
        }
    }
    (defs, mentions)
}

/// A clause or article number named in words.
struct NamedNumber {
    /// The reference as written: "clause 12", « article 7 ».
    written: String,
    /// The number: "12", "7.2".
    number: String,
    /// When the number is another text's ("article 1218 du Code civil",
    /// "clause 4 of the master agreement"), the byte range of that text's
    /// name, up to the next punctuation.
    other: Option<std::ops::Range<usize>>,
}

/// The words after a number that make it another text's article.
const OF_ANOTHER_TEXT: &[&str] = &[" du ", " de ", " des ", " of "];

/// The clause numbers `text` names in words: "clause 7", "clauses 7.2",
/// « article 7 », « l’article 3.1 ». A number followed by a hyphen or a
/// slash ("article 1231-5") or by "of" / « du » belongs to another text.
fn clause_numbers_named(text: &str) -> Vec<NamedNumber> {
    let ws = words(text);
    let mut out = Vec::new();
    for pair in ws.windows(2) {
        let word = pair[0].text.to_lowercase();
        if !matches!(word.as_str(), "clause" | "clauses" | "article" | "articles")
            || !pair[1].joined
        {
            continue;
        }
        let rest = &text[pair[1].start..];
        let number: String = rest
            .char_indices()
            .take_while(|(k, c)| {
                c.is_ascii_digit()
                    || (*c == '.'
                        && rest[k + 1..]
                            .chars()
                            .next()
                            .is_some_and(|n| n.is_ascii_digit()))
            })
            .map(|(_, c)| c)
            .collect();
        if number.is_empty() {
            continue;
        }
        let after = &rest[number.len()..];
        let glued = after
            .chars()
            .next()
            .is_some_and(|c| c == '-' || c == '/' || c.is_alphanumeric());
        let spaced: String = after
            .chars()
            .take(8)
            .map(|c| if is_space(c) { ' ' } else { c })
            .collect();
        let other = (glued || OF_ANOTHER_TEXT.iter().any(|o| spaced.starts_with(o))).then(|| {
            let from = pair[1].start + number.len();
            let to = text[from..]
                .find([',', ';', '.', ':', '(', ')'])
                .map_or(text.len(), |k| k + from);
            from..to
        });
        let written = format!("{} {number}", pair[0].text);
        out.push(NamedNumber {
            written,
            number,
            other,
        });
    }
    out
}

/// Every definition of `pieces` in reading order: the term, its words and
/// its clause.
fn definitions(pieces: &[Piece]) -> Vec<(String, Vec<String>, Place)> {
    let mut defined = Vec::new();
    for p in pieces {
        for r in &p.defs {
            let term = unquote(&p.text[r.clone()]);
            let ws: Vec<String> = words(term).into_iter().map(|w| w.text).collect();
            if !ws.is_empty() {
                defined.push((ws.join(" "), ws, p.place.clone()));
            }
        }
    }
    defined
}

/// The pieces of text of `doc` and its references to clauses it does not
/// print.
fn collect(doc: &Document) -> (Vec<Piece>, Vec<(String, Place)>) {
    let numbering = Numbering::of(doc);
    let mut pieces = Vec::new();
    let mut missing = Vec::new();
    Collect {
        numbers: &numbering.numbers,
        printed: numbering.clauses.iter().map(|c| c.number.clone()).collect(),
        pieces: &mut pieces,
        missing: &mut missing,
    }
    .blocks(&doc.blocks, &Place::default());
    (pieces, missing)
}

/// The terms `doc` defines, each once, in reading order.
pub fn defined_terms(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (term, _, _) in definitions(&collect(doc).0) {
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out
}
