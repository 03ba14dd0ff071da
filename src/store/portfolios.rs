//! Portfolios in the library (schema 6, issue 16 point 6): a named set of
//! the library's agreements simulated together with one scenario.
//!
//! What the members share is kept as the text the app edits (the
//! portfolio's fields other than `name` and `members`, as JSON, which
//! need not be valid yet: the portfolio reader judges it when it runs);
//! each member is a row naming its agreement by the library's id, with
//! which of its scenarios and its volume. [`StoredPortfolio::text`] puts
//! them back together as the portfolio the reader
//! ([`crate::sim::portfolio::Portfolio::from_library`]) reads, the same
//! reader and checks as `pledge simulate PORTFOLIO`.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde_json::{Map, Value};

use super::{parse_time, time_text, AgreementName, Store, StoreError};
use crate::sim::portfolio::{LibraryMember, ScenarioChoice};

/// The longest portfolio name, in characters.
pub const MAX_PORTFOLIO_NAME: usize = 100;

/// A portfolio as the library keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPortfolio {
    /// Its name, unique in the library.
    pub name: String,
    /// Its members, in order.
    pub members: Vec<LibraryMember>,
    /// What the members share: the portfolio's other fields, as edited.
    pub shared: Map<String, Value>,
    /// When it was last saved (none before it is).
    pub saved_at: Option<DateTime<Utc>>,
}

impl StoredPortfolio {
    /// The portfolio from the app's value (a `PortfolioSpec` as JSON):
    /// its name and members must be well formed to be stored (the members
    /// are rows); the shared fields are kept as they are.
    pub fn from_value(value: &Value) -> Result<StoredPortfolio, StoreError> {
        let invalid = |path: &str, problem: String| StoreError::InvalidPortfolio {
            path: path.to_owned(),
            problem,
        };
        let Value::Object(fields) = value else {
            return Err(invalid("", "a portfolio is a set of fields".into()));
        };
        let name = match fields.get("name") {
            Some(Value::String(name)) => name.trim().to_owned(),
            _ => String::new(),
        };
        check_name(&name).map_err(|problem| invalid("name", problem))?;
        let members: Vec<LibraryMember> = match fields.get("members") {
            None => Vec::new(),
            Some(list) => serde_json::from_value(list.clone()).map_err(|e| {
                invalid(
                    "members",
                    format!("each member names an agreement, a scenario and a volume: {e}"),
                )
            })?,
        };
        // Filtered rather than removed: removing from an ordered map moves
        // its last field into the gap, and the fields keep the user's order.
        let shared: Map<String, Value> = fields
            .iter()
            .filter(|(k, _)| *k != "name" && *k != "members")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(StoredPortfolio {
            name,
            members,
            shared,
            saved_at: None,
        })
    }

    /// The portfolio as the app edits it and the reader reads it: `name`,
    /// `members`, then the shared fields.
    pub fn to_value(&self) -> Value {
        let mut whole = Map::new();
        whole.insert("name".into(), Value::String(self.name.clone()));
        whole.insert(
            "members".into(),
            serde_json::to_value(&self.members).unwrap_or(Value::Array(Vec::new())),
        );
        for (k, v) in &self.shared {
            if k != "name" && k != "members" {
                whole.insert(k.clone(), v.clone());
            }
        }
        Value::Object(whole)
    }

    /// [`StoredPortfolio::to_value`] as text (JSON is YAML), for the
    /// portfolio reader.
    pub fn text(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }
}

/// One line of the list of portfolios.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioSummary {
    /// Its name.
    pub name: String,
    /// Its members' agreements, in order.
    pub agreements: Vec<String>,
    /// When it was last saved.
    pub saved_at: DateTime<Utc>,
}

/// Whether a portfolio name is allowed: some text, at most
/// [`MAX_PORTFOLIO_NAME`] characters, no control character.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        Err("give the portfolio a name".into())
    } else if name.chars().count() > MAX_PORTFOLIO_NAME {
        Err(format!("at most {MAX_PORTFOLIO_NAME} characters"))
    } else if name.chars().any(char::is_control) {
        Err("a name has no control characters".into())
    } else {
        Ok(())
    }
}

impl Store {
    /// The portfolios, by name.
    pub fn portfolios(&self) -> Result<Vec<PortfolioSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.name, p.saved_at,
                        (SELECT json_group_array(a.name) FROM
                            (SELECT a.name FROM portfolio_members m JOIN agreements a ON a.id = m.agreement_id
                             WHERE m.portfolio_id = p.id ORDER BY m.position) a)
                 FROM portfolios p ORDER BY p.name",
            )
            .map_err(|e| self.err(e))?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|r| r.collect())
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(name, saved_at, agreements)| {
                let damaged = |detail: String| self.damaged(&name, detail);
                Ok(PortfolioSummary {
                    saved_at: parse_time(&saved_at)
                        .map_err(|_| damaged(format!("its time `{saved_at}` does not read")))?,
                    agreements: serde_json::from_str(&agreements)
                        .map_err(|e| damaged(format!("its members do not read: {e}")))?,
                    name,
                })
            })
            .collect()
    }

    /// The portfolio named `name`. A row that no longer reads (the shared
    /// fields not a set of fields, an unknown scenario choice, a member
    /// whose agreement is gone) is reported as damaged, naming the
    /// portfolio and what is wrong, never returned in part.
    pub fn portfolio(&self, name: &str) -> Result<StoredPortfolio, StoreError> {
        let row: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT id, shared, saved_at FROM portfolios WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, shared, saved_at)) = row else {
            return Err(StoreError::PortfolioNotFound {
                name: name.to_owned(),
            });
        };
        let damaged = |detail: String| self.damaged(name, detail);
        let shared = match serde_json::from_str(&shared) {
            Ok(Value::Object(fields)) => fields,
            Ok(_) => return Err(damaged("its shared fields are not a set of fields".into())),
            Err(e) => return Err(damaged(format!("its shared fields do not read: {e}"))),
        };
        let saved_at = parse_time(&saved_at)
            .map_err(|_| damaged(format!("its time `{saved_at}` does not read")))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT m.position, m.member, a.name, m.scenario, m.volume
                 FROM portfolio_members m LEFT JOIN agreements a ON a.id = m.agreement_id
                 WHERE m.portfolio_id = ?1 ORDER BY m.position",
            )
            .map_err(|e| self.err(e))?;
        type Row = (i64, String, Option<String>, String, Option<String>);
        let rows: Vec<Row> = stmt
            .query_map([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .and_then(|r| r.collect())
            .map_err(|e| self.err(e))?;
        let mut members = Vec::new();
        for (position, member, agreement, scenario, volume) in rows {
            let at = format!("member {position} (`{member}`)");
            let agreement = agreement.ok_or_else(|| {
                damaged(format!("{at} names an agreement the library no longer has"))
            })?;
            let scenario = match scenario.as_str() {
                "saved" => ScenarioChoice::Saved,
                "default" => ScenarioChoice::Default,
                other => {
                    return Err(damaged(format!(
                        "{at} has scenario `{other}`, neither `saved` nor `default`"
                    )))
                }
            };
            let volume = match volume {
                None => None,
                Some(text) => Some(text.parse().map_err(|e| {
                    damaged(format!(
                        "{at} has volume `{text}`, which does not read: {e}"
                    ))
                })?),
            };
            members.push(LibraryMember {
                id: member,
                agreement,
                scenario,
                volume,
            });
        }
        Ok(StoredPortfolio {
            name: name.to_owned(),
            members,
            shared,
            saved_at: Some(saved_at),
        })
    }

    /// Saves a portfolio under its name, replacing the one saved under
    /// `previous` (its former name, when renamed) or under its name. Each
    /// member's agreement must be in the library (in use); another
    /// portfolio's name is refused.
    pub fn save_portfolio(
        &mut self,
        portfolio: &StoredPortfolio,
        previous: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        check_name(&portfolio.name).map_err(|problem| StoreError::InvalidPortfolio {
            path: "name".into(),
            problem,
        })?;
        let mut agreement_ids = Vec::new();
        for (i, m) in portfolio.members.iter().enumerate() {
            let unknown = || StoreError::InvalidPortfolio {
                path: format!("members[{i}].agreement"),
                problem: format!("the library has no agreement `{}` in use", m.agreement),
            };
            let name: AgreementName = m.agreement.parse().map_err(|_| unknown())?;
            match self.find(&name)? {
                Some((id, false)) => agreement_ids.push(id),
                _ => return Err(unknown()),
            }
        }
        let shared = serde_json::to_string(&portfolio.shared).unwrap_or_else(|_| "{}".into());
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let find = |name: &str| {
            tx.query_row("SELECT id FROM portfolios WHERE name = ?1", [name], |r| {
                r.get::<_, i64>(0)
            })
            .optional()
        };
        let existing = find(previous.unwrap_or(&portfolio.name)).map_err(err)?;
        if let Some(other) = find(&portfolio.name).map_err(err)? {
            if Some(other) != existing {
                return Err(StoreError::InvalidPortfolio {
                    path: "name".into(),
                    problem: format!("another portfolio is named `{}`", portfolio.name),
                });
            }
        }
        let id = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE portfolios SET name = ?2, shared = ?3, saved_at = ?4 WHERE id = ?1",
                    params![id, portfolio.name, shared, time_text(at)],
                )
                .map_err(err)?;
                tx.execute(
                    "DELETE FROM portfolio_members WHERE portfolio_id = ?1",
                    [id],
                )
                .map_err(err)?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO portfolios (name, shared, saved_at) VALUES (?1, ?2, ?3)",
                    params![portfolio.name, shared, time_text(at)],
                )
                .map_err(err)?;
                tx.last_insert_rowid()
            }
        };
        for (i, (m, agreement_id)) in portfolio.members.iter().zip(&agreement_ids).enumerate() {
            tx.execute(
                "INSERT INTO portfolio_members (portfolio_id, position, member, agreement_id, scenario, volume)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    i as i64,
                    m.id,
                    agreement_id,
                    m.scenario.as_str(),
                    m.volume.map(|v| v.to_string())
                ],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    /// Deletes a portfolio (its agreements stay in the library).
    pub fn delete_portfolio(&mut self, name: &str) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let id: Option<i64> = tx
            .query_row("SELECT id FROM portfolios WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()
            .map_err(err)?;
        let Some(id) = id else {
            return Err(StoreError::PortfolioNotFound {
                name: name.to_owned(),
            });
        };
        tx.execute(
            "DELETE FROM portfolio_members WHERE portfolio_id = ?1",
            [id],
        )
        .map_err(err)?;
        tx.execute("DELETE FROM portfolios WHERE id = ?1", [id])
            .map_err(err)?;
        tx.commit().map_err(err)
    }

    fn damaged(&self, name: &str, detail: String) -> StoreError {
        StoreError::DamagedPortfolio {
            path: self.path.clone(),
            name: name.to_owned(),
            detail,
        }
    }
}

/// The first portfolio (by name) that has agreement `agreement_id` among
/// its members.
pub(super) fn portfolio_with(
    conn: &rusqlite::Connection,
    agreement_id: i64,
) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT p.name FROM portfolios p JOIN portfolio_members m ON m.portfolio_id = p.id
         WHERE m.agreement_id = ?1 ORDER BY p.name LIMIT 1",
        [agreement_id],
        |r| r.get(0),
    )
    .optional()
}
