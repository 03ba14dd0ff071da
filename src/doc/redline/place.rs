//! Where a changed block stands inside its clause, as data: a path of
//! steps (`list 1`, then `item 3`) that each front end names in its own
//! language. The English form (`list 1, item 3`) is what the terminal and
//! `--format json` print.

use std::fmt;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

/// One step of a [`Place`]; numbers count from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlaceStep {
    /// The title page, before the clauses.
    TitlePage,
    /// One line of the title page: `title`, `subtitle`, `parties`, or a
    /// fact named by the template in the document's language.
    Line {
        /// Its name.
        name: String,
    },
    /// The clause's heading.
    Heading,
    /// The n-th paragraph of the clause.
    Paragraph {
        /// Its rank among the clause's paragraphs.
        n: u32,
    },
    /// The n-th list of the clause.
    List {
        /// Its rank among the clause's lists.
        n: u32,
    },
    /// The n-th item of a list.
    Item {
        /// Its rank in the list.
        n: u32,
    },
    /// The n-th table of the clause.
    Table {
        /// Its rank among the clause's tables.
        n: u32,
    },
    /// A table's header row.
    Header,
    /// The n-th row of a table, after its header.
    Row {
        /// Its rank.
        n: u32,
    },
    /// The n-th column of a row.
    Column {
        /// Its rank.
        n: u32,
    },
    /// The n-th block of signatures of the clause.
    Signatures {
        /// Its rank among the clause's signature blocks.
        n: u32,
    },
    /// The names of the parties who sign.
    Parties,
    /// The n-th block of another kind.
    Block {
        /// Its rank among the clause's blocks of other kinds.
        n: u32,
    },
}

impl fmt::Display for PlaceStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlaceStep::TitlePage => f.write_str("title page"),
            PlaceStep::Line { name } => f.write_str(name),
            PlaceStep::Heading => f.write_str("heading"),
            PlaceStep::Paragraph { n } => write!(f, "paragraph {n}"),
            PlaceStep::List { n } => write!(f, "list {n}"),
            PlaceStep::Item { n } => write!(f, "item {n}"),
            PlaceStep::Table { n } => write!(f, "table {n}"),
            PlaceStep::Header => f.write_str("header"),
            PlaceStep::Row { n } => write!(f, "row {n}"),
            PlaceStep::Column { n } => write!(f, "column {n}"),
            PlaceStep::Signatures { n } => write!(f, "signatures {n}"),
            PlaceStep::Parties => f.write_str("parties"),
            PlaceStep::Block { n } => write!(f, "block {n}"),
        }
    }
}

/// Where a changed block is: the steps from its clause (or the title page)
/// down to it. Serialised as its English form, e.g. `table 1, row 4, column 2`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place(Vec<PlaceStep>);

impl Place {
    /// A place of one step.
    pub fn at(step: PlaceStep) -> Self {
        Place(vec![step])
    }

    /// This place, one step further down.
    pub fn then(&self, step: PlaceStep) -> Self {
        let mut steps = self.0.clone();
        steps.push(step);
        Place(steps)
    }

    /// Its steps, outermost first.
    pub fn steps(&self) -> &[PlaceStep] {
        &self.0
    }

    /// The title page's line this place names, if it is on the title page.
    pub fn title_page_line(&self) -> Option<&str> {
        match self.0.as_slice() {
            [PlaceStep::TitlePage, PlaceStep::Line { name }] => Some(name),
            _ => None,
        }
    }

    /// Whether the place is on the title page.
    pub fn on_title_page(&self) -> bool {
        self.0.first() == Some(&PlaceStep::TitlePage)
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{step}")?;
        }
        Ok(())
    }
}

impl Serialize for Place {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Counts `n` as a place's rank (from 1); ranks beyond `u32` saturate.
pub(super) fn rank(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_form_joins_the_steps() {
        let place = Place::at(PlaceStep::Table { n: 1 })
            .then(PlaceStep::Row { n: 4 })
            .then(PlaceStep::Column { n: 2 });
        assert_eq!(place.to_string(), "table 1, row 4, column 2");
        assert_eq!(
            serde_json::to_string(&place).unwrap(),
            "\"table 1, row 4, column 2\""
        );
        let line = Place::at(PlaceStep::TitlePage).then(PlaceStep::Line {
            name: "Version".into(),
        });
        assert_eq!(line.to_string(), "title page, Version");
        assert_eq!(line.title_page_line(), Some("Version"));
        assert!(line.on_title_page() && !place.on_title_page());
    }

    #[test]
    fn a_step_crosses_as_its_kind_and_number() {
        let step = serde_json::to_value(PlaceStep::Item { n: 3 }).unwrap();
        assert_eq!(step, serde_json::json!({"kind": "item", "n": 3}));
        let line = serde_json::to_value(PlaceStep::Line {
            name: "title".into(),
        })
        .unwrap();
        assert_eq!(line, serde_json::json!({"kind": "line", "name": "title"}));
    }
}
