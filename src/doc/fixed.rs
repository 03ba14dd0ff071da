//! The fixed words of a document: what every writer prints around the
//! contract's own text (the draft mark, the reference, version and
//! fingerprint lines, "Page 2 of 9", a clause named where a page number
//! cannot be printed), once per language.
//!
//! The PDF (through the layout, and so the SVG preview), HTML and Markdown
//! writers all take their words and lines from here, so the formats say
//! the same thing and a new writer adds no copy of them. The values a line
//! carries are passed in already escaped for the writer's format; the
//! words themselves need no escaping in any format.

use super::tree::Lang;

/// The fixed words in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedWords {
    /// The draft watermark or banner.
    pub draft: &'static str,
    /// Before the contract's reference.
    pub reference: &'static str,
    /// Before the agreement's version.
    pub version: &'static str,
    /// Before the document's fingerprint.
    pub fingerprint: &'static str,
    /// Between a page number and the page count.
    pub of: &'static str,
    /// A clause, named where its page cannot be (HTML, Markdown).
    pub clause: &'static str,
    /// Before a page number that a text refers to.
    pub page: &'static str,
    /// Before a signature line, where a text format writes one.
    pub signature: &'static str,
    /// After a name that a value follows (French sets a no-break space
    /// before the colon).
    pub colon: &'static str,
}

const EN: FixedWords = FixedWords {
    draft: "DRAFT",
    reference: "Ref.",
    version: "Version",
    fingerprint: "Fingerprint",
    of: "of",
    clause: "clause",
    page: "page",
    signature: "Signature:",
    colon: ":",
};

const FR: FixedWords = FixedWords {
    draft: "PROJET",
    reference: "Réf.",
    version: "Version",
    fingerprint: "Empreinte",
    of: "sur",
    clause: "article",
    page: "page",
    signature: "Signature\u{a0}:",
    colon: "\u{a0}:",
};

/// The fixed words of `lang`.
pub fn words(lang: Lang) -> &'static FixedWords {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

impl FixedWords {
    /// The reference line: `Ref. SLA-2026-014 — Version 3`.
    pub fn reference_line(&self, reference: &str, version: &str) -> String {
        format!(
            "{} {reference} — {} {version}",
            self.reference, self.version
        )
    }

    /// The fingerprint line: `Fingerprint SHA-256 9f2c…`.
    pub fn fingerprint_line(&self, fingerprint: &str) -> String {
        format!("{} SHA-256 {fingerprint}", self.fingerprint)
    }

    /// A page's number among all: `Page 2 of 9`.
    pub fn page_of(&self, page: usize, total: usize) -> String {
        format!("Page {page} {} {total}", self.of)
    }

    /// A name before its value, as on the title page: `Reference:`,
    /// `Référence :` (French sets a no-break space before the colon).
    pub fn label(&self, name: &str) -> String {
        format!("{name}{}", self.colon)
    }

    /// A page reference where pages exist: `page 7`, the number kept with
    /// its word by a no-break space.
    pub fn page_ref(&self, page: &str) -> String {
        format!("{}\u{a0}{page}", self.page)
    }

    /// A page reference where pages do not exist: `clause 7`.
    pub fn clause_ref(&self, number: &str) -> String {
        format!("{} {number}", self.clause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_in_both_languages() {
        let en = words(Lang::En);
        assert_eq!(en.reference_line("SLA-1", "3"), "Ref. SLA-1 — Version 3");
        assert_eq!(en.fingerprint_line("ab"), "Fingerprint SHA-256 ab");
        assert_eq!(en.page_of(2, 9), "Page 2 of 9");
        assert_eq!(en.clause_ref("7.2"), "clause 7.2");
        assert_eq!(en.label("Reference"), "Reference:");
        let fr = words(Lang::Fr);
        assert_eq!(fr.draft, "PROJET");
        assert_eq!(fr.reference_line("SLA-1", "3"), "Réf. SLA-1 — Version 3");
        assert_eq!(fr.fingerprint_line("ab"), "Empreinte SHA-256 ab");
        assert_eq!(fr.page_of(2, 9), "Page 2 sur 9");
        assert_eq!(fr.clause_ref("7.2"), "article 7.2");
        assert_eq!(fr.label("Référence"), "Référence\u{a0}:");
    }
}
