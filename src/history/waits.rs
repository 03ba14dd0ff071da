//! A stored history's end and its waits on the customer, read once for a
//! measure: what the report and the achievable targets measure tickets
//! with, so that both take the same export time and the same pauses.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::clock::Pause;
use crate::store::{HistoryName, Store, StoreError};

/// The end of a history and its tickets' pauses.
pub struct Waits {
    /// The last instant the history records (a creation, reply,
    /// resolution or status change): the earliest its export can have been
    /// taken, and so when a wait still open is taken to end.
    pub end: DateTime<Utc>,
    by_ticket: HashMap<String, Vec<Pause>>,
}

impl Waits {
    /// Reads history `name`; `None` when it has no ticket.
    pub fn read(store: &Store, name: &HistoryName) -> Result<Option<Waits>, StoreError> {
        let Some(end) = store.history_end(name)? else {
            return Ok(None);
        };
        let mut by_ticket: HashMap<String, Vec<Pause>> = HashMap::new();
        for p in store.history_pauses(name)? {
            by_ticket.entry(p.ticket).or_default().push(Pause {
                start: p.start,
                end: p.end.unwrap_or(end).max(p.start),
            });
        }
        Ok(Some(Waits { end, by_ticket }))
    }

    /// The pauses of ticket `id`, in order.
    pub fn of(&self, id: &str) -> &[Pause] {
        self.by_ticket.get(id).map_or(&[], Vec::as_slice)
    }
}
