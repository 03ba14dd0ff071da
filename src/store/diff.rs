//! The structured difference between two agreements, in the domain's words:
//! "P1 resolution (premium): 8h → 4h", "credit tier < 95% (uptime) added",
//! "calendar paris: holiday 2026-12-24 added".
//!
//! The walk goes over the model's serialised form (the same field names the
//! YAML file uses), matching list items by what identifies them in the
//! domain (a target by plan × priority × channel, a holiday by its date, a
//! credit tier by its threshold) rather than by position, so that inserting
//! a row does not read as every later row changing. A new field in the model
//! is compared without any change here; only its wording may need a rule.
//!
//! This is the change list. The clause-level text redline of the rendered
//! contract belongs with the document module, which renders clauses: it can
//! take two [`Version`](super::Version)s from the store, render both and
//! compare their clauses.

use std::fmt;

use serde_json::Value;

use crate::model::Agreement;

/// What happened to one part of the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// It is new in the later version.
    Added,
    /// It is gone from the later version.
    Removed,
    /// Its value changed.
    Changed,
}

/// One difference between two versions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// Where, as a field path with list items named by their key, e.g.
    /// `targets[premium/P1].resolution.within`.
    pub path: String,
    /// What, in the domain's words, e.g. `P1 resolution (premium)`.
    pub subject: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The earlier value, for a change or a removal of a simple value.
    pub before: Option<String>,
    /// The later value, for a change or an addition of a simple value.
    pub after: Option<String>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ChangeKind::Changed => write!(
                f,
                "{}: {} → {}",
                self.subject,
                self.before.as_deref().unwrap_or("none"),
                self.after.as_deref().unwrap_or("none")
            ),
            ChangeKind::Added => match &self.after {
                Some(v) => write!(f, "{} added: {v}", self.subject),
                None => write!(f, "{} added", self.subject),
            },
            ChangeKind::Removed => match &self.before {
                Some(v) => write!(f, "{} removed: {v}", self.subject),
                None => write!(f, "{} removed", self.subject),
            },
        }
    }
}

/// The changes from `before` to `after`, in the order of the agreement's
/// fields. Identical agreements give an empty list.
pub fn diff(before: &Agreement, after: &Agreement) -> Vec<Change> {
    // Serialising the model cannot fail: it is plain data with string keys.
    let old = serde_json::to_value(before).unwrap_or(Value::Null);
    let new = serde_json::to_value(after).unwrap_or(Value::Null);
    let mut out = Vec::new();
    walk(&Ctx::root(), &old, &new, &mut out);
    out
}

/// Where the walk is: the path for machines, the words for people.
#[derive(Clone)]
struct Ctx {
    /// The concrete path, items named by key.
    path: String,
    /// The path with item keys left out (`calendars[].holidays.dates[]`),
    /// which the wording rules match on.
    pattern: String,
    /// Words naming the part, e.g. ["calendar paris:", "holiday 2026-12-24"].
    head: Vec<String>,
    /// A qualifier printed after the words, e.g. "(premium)".
    tail: Option<String>,
}

impl Ctx {
    fn root() -> Ctx {
        Ctx {
            path: String::new(),
            pattern: String::new(),
            head: Vec::new(),
            tail: None,
        }
    }

    fn subject(&self) -> String {
        let mut words = self.head.join(" ");
        if words.ends_with(':') {
            words.pop();
        }
        match &self.tail {
            Some(t) if words.is_empty() => t.clone(),
            Some(t) => format!("{words} {t}"),
            None => words,
        }
    }

    fn field(&self, key: &str) -> Ctx {
        let dot = if self.path.is_empty() { "" } else { "." };
        let mut child = Ctx {
            path: format!("{}{dot}{key}", self.path),
            pattern: format!("{}{dot}{key}", self.pattern),
            head: self.head.clone(),
            tail: self.tail.clone(),
        };
        if let Some(word) = field_word(&self.pattern, key) {
            child.head.push(word);
        }
        child
    }

    fn item(&self, key: &str, words: ItemWords) -> Ctx {
        let mut child = Ctx {
            path: format!("{}[{key}]", self.path),
            pattern: format!("{}[]", self.pattern),
            head: self.head.clone(),
            tail: self.tail.clone(),
        };
        if words.restart {
            child.head.clear();
        }
        child.head.push(words.label);
        if words.tail.is_some() {
            child.tail = words.tail;
        }
        child
    }
}

/// The word a field adds to the subject, or none for fields whose items
/// name themselves (lists of services, calendars…) and wrappers.
fn field_word(pattern: &str, key: &str) -> Option<String> {
    let silent = match pattern {
        "" => matches!(
            key,
            "meta"
                | "parties"
                | "services"
                | "channels"
                | "calendars"
                | "plans"
                | "priorities"
                | "targets"
                | "teams"
                | "olas"
                | "exclusions"
                | "credits"
                | "penalties"
        ),
        "calendars[]" => key == "holidays" || key == "closures",
        "calendars[].holidays" => true,
        "targets[]" | "olas[]" => key == "within",
        "targets[].first_response"
        | "targets[].next_response"
        | "targets[].periodic_update"
        | "targets[].resolution" => key == "within",
        "escalation" => key == "levels",
        "credits[]" => key == "tiers",
        "credits[].tiers[]" => key == "credit",
        _ => false,
    };
    if silent {
        return None;
    }
    let word = match (pattern, key) {
        ("", "pledge") => "format version",
        ("targets[]", "hours") | (_, "hours")
            if pattern.starts_with("targets[]") || pattern.starts_with("olas[]") =>
        {
            "clock"
        }
        (p, "internal") if p.starts_with("targets[]") => "internal target",
        ("calendars[].hours", day) => day,
        _ => return Some(key.replace('_', " ")),
    };
    Some(word.to_owned())
}

/// How an item of a list is named.
struct ItemWords {
    /// The word for it, e.g. "calendar paris:" or "holiday 2026-12-24".
    label: String,
    /// Whether the words of the enclosing parts are dropped.
    restart: bool,
    /// A qualifier replacing the enclosing one.
    tail: Option<String>,
}

fn text(value: &Value, key: &str) -> String {
    value.get(key).map(render).unwrap_or_default()
}

/// The key identifying an item of the list at `pattern`, and its words.
/// `None` when the list has no identity rule (it is then compared as a set
/// of values, or by position for lists of records).
fn item_identity(pattern: &str, item: &Value, parent: &Ctx) -> Option<(String, ItemWords)> {
    let plain = |key: String, label: String| {
        Some((
            key,
            ItemWords {
                label,
                restart: false,
                tail: None,
            },
        ))
    };
    match pattern {
        "services" => plain(text(item, "id"), format!("service {}:", text(item, "id"))),
        "channels" => plain(text(item, "id"), format!("channel {}:", text(item, "id"))),
        "calendars" => plain(text(item, "id"), format!("calendar {}:", text(item, "id"))),
        "plans" => plain(text(item, "id"), format!("plan {}:", text(item, "id"))),
        "priorities" => plain(text(item, "id"), format!("priority {}:", text(item, "id"))),
        "teams" => plain(text(item, "id"), format!("team {}:", text(item, "id"))),
        "olas" => plain(text(item, "id"), format!("OLA {}", text(item, "id"))),
        "credits" => plain(
            text(item, "id"),
            format!("credit schedule {}:", text(item, "id")),
        ),
        "calendars[].holidays.dates" => plain(
            text(item, "date"),
            format!("holiday {}", text(item, "date")),
        ),
        "calendars[].holidays.rules" => plain(
            text(item, "country"),
            format!("holiday rule {}", text(item, "country")),
        ),
        "calendars[].closures" => plain(
            text(item, "from"),
            format!("closure from {}", text(item, "from")),
        ),
        "escalation.levels" => Some((
            text(item, "to"),
            ItemWords {
                label: format!("escalation to {}", text(item, "to")),
                restart: true,
                tail: None,
            },
        )),
        "exclusions" => plain(
            text(item, "kind"),
            format!("exclusion {}", text(item, "kind").replace('_', " ")),
        ),
        "penalties" => plain(
            text(item, "trigger"),
            format!("penalty «{}»", text(item, "trigger")),
        ),
        "targets" => {
            let (plan, priority) = (text(item, "plan"), text(item, "priority"));
            let channel = item.get("channel").map(render);
            let key = match &channel {
                Some(c) => format!("{plan}/{priority}/{c}"),
                None => format!("{plan}/{priority}"),
            };
            let tail = match &channel {
                Some(c) => format!("({plan}, {c})"),
                None => format!("({plan})"),
            };
            Some((
                key,
                ItemWords {
                    label: priority,
                    restart: true,
                    tail: Some(tail),
                },
            ))
        }
        "credits[].tiers" => {
            // The schedule's id is the enclosing item's key.
            // `credits[uptime].tiers` → `uptime`.
            let schedule = parent
                .path
                .rsplit_once('[')
                .and_then(|(_, rest)| rest.split_once(']'))
                .map_or("", |(k, _)| k);
            let below = text(item, "below");
            Some((
                below.clone(),
                ItemWords {
                    label: format!("credit tier < {below}"),
                    restart: true,
                    tail: Some(format!("({schedule})")),
                },
            ))
        }
        _ => None,
    }
}

/// A value as people read it: units as the file writes them, lists joined.
fn render(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items.iter().map(render).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                Value::Object(_) => format!("{} {{{}}}", k.replace('_', " "), render(v)),
                _ => format!("{} {}", k.replace('_', " "), render(v)),
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The amounts of money, which the model serialises as plain numbers and
/// the contract prints with two decimals.
fn is_money(pattern: &str) -> bool {
    matches!(
        pattern,
        "meta.monthly_fee" | "penalties[].amount" | "penalties[].cap"
    )
}

/// A value at a place in the agreement, as people read it.
fn render_at(ctx: &Ctx, value: &Value) -> String {
    match value.as_f64() {
        Some(amount) if is_money(&ctx.pattern) => format!("{amount:.2}"),
        _ => render(value),
    }
}

/// A simple value is printed after "added"/"removed"; a record is named by
/// its subject alone.
fn simple(ctx: &Ctx, value: &Value) -> Option<String> {
    match value {
        Value::Object(_) => None,
        Value::Array(items) if items.iter().any(|v| v.is_object()) => None,
        other => Some(render_at(ctx, other)),
    }
}

fn added(ctx: &Ctx, value: &Value, out: &mut Vec<Change>) {
    out.push(Change {
        path: ctx.path.clone(),
        subject: ctx.subject(),
        kind: ChangeKind::Added,
        before: None,
        after: simple(ctx, value),
    });
}

fn removed(ctx: &Ctx, value: &Value, out: &mut Vec<Change>) {
    out.push(Change {
        path: ctx.path.clone(),
        subject: ctx.subject(),
        kind: ChangeKind::Removed,
        before: simple(ctx, value),
        after: None,
    });
}

/// The subject of a whole item added or removed: targets and OLAs read
/// better with their noun ("target P1 (premium) added").
fn whole_item(ctx: &Ctx, pattern: &str) -> Ctx {
    let mut c = ctx.clone();
    if pattern == "targets" {
        c.head.insert(0, "target".into());
    }
    c
}

/// Values that read as one phrase (a choice between kinds, such as "at 90%
/// of the time" or "2h after the breach"), compared whole.
fn atomic(pattern: &str) -> bool {
    matches!(pattern, "escalation.levels[].when" | "credits[].basis")
}

fn walk(ctx: &Ctx, old: &Value, new: &Value, out: &mut Vec<Change>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) if !atomic(&ctx.pattern) => {
            for (key, va) in a {
                let child = ctx.field(key);
                match (b.get(key), va) {
                    (Some(vb), _) => walk(&child, va, vb, out),
                    // An empty list is left out of the file: compare with
                    // an empty list so that each item is named.
                    (None, Value::Array(items)) => walk_list(&child, items, &[], out),
                    (None, _) => removed(&child, va, out),
                }
            }
            for (key, vb) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                match vb {
                    Value::Array(items) => walk_list(&ctx.field(key), &[], items, out),
                    _ => added(&ctx.field(key), vb, out),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => walk_list(ctx, a, b, out),
        _ if old == new => {}
        _ => out.push(Change {
            path: ctx.path.clone(),
            subject: ctx.subject(),
            kind: ChangeKind::Changed,
            before: Some(render_at(ctx, old)),
            after: Some(render_at(ctx, new)),
        }),
    }
}

fn walk_list(ctx: &Ctx, a: &[Value], b: &[Value], out: &mut Vec<Change>) {
    if a == b {
        return;
    }
    let keyed = |items: &[Value]| -> Option<Vec<(String, ItemWords)>> {
        let ids: Option<Vec<_>> = items
            .iter()
            .map(|v| item_identity(&ctx.pattern, v, ctx))
            .collect();
        let ids = ids?;
        let mut keys: Vec<&String> = ids.iter().map(|(k, _)| k).collect();
        keys.sort();
        keys.dedup();
        // Two items with the same key (an invalid agreement, or two
        // "other" exclusions) cannot be matched by key: fall back.
        (keys.len() == ids.len()).then_some(ids)
    };
    if let (Some(ka), Some(kb)) = (keyed(a), keyed(b)) {
        for ((key, words), va) in ka.into_iter().zip(a) {
            let child = ctx.item(&key, words);
            match kb.iter().position(|(k, _)| *k == key) {
                Some(j) => walk(&child, va, &b[j], out),
                None => removed(&whole_item(&child, &ctx.pattern), va, out),
            }
        }
        let old_keys: Vec<String> = a
            .iter()
            .filter_map(|v| item_identity(&ctx.pattern, v, ctx))
            .map(|(k, _)| k)
            .collect();
        for ((key, words), vb) in kb.into_iter().zip(b) {
            if !old_keys.contains(&key) {
                added(&whole_item(&ctx.item(&key, words), &ctx.pattern), vb, out);
            }
        }
        return;
    }
    let scalars = a.iter().chain(b).all(|v| !v.is_object() && !v.is_array());
    if scalars && !ctx.pattern.starts_with("calendars[].hours") {
        // Lists of sentences (responsibilities, examples, report content…)
        // read best as lines added and removed.
        for va in a.iter().filter(|v| !b.contains(v)) {
            removed(ctx, va, out);
        }
        for vb in b.iter().filter(|v| !a.contains(v)) {
            added(ctx, vb, out);
        }
        if a.iter().all(|v| b.contains(v)) && b.iter().all(|v| a.contains(v)) {
            // Same lines in another order: the order is part of the text.
            out.push(Change {
                path: ctx.path.clone(),
                subject: format!("{} order", ctx.subject()),
                kind: ChangeKind::Changed,
                before: Some(render(&Value::Array(a.to_vec()))),
                after: Some(render(&Value::Array(b.to_vec()))),
            });
        }
        return;
    }
    if scalars {
        // A day's opening intervals read as one value; no interval at all
        // means the support is closed that day.
        let day = |items: &[Value]| {
            if items.is_empty() {
                "closed".to_owned()
            } else {
                render(&Value::Array(items.to_vec()))
            }
        };
        out.push(Change {
            path: ctx.path.clone(),
            subject: ctx.subject(),
            kind: ChangeKind::Changed,
            before: Some(day(a)),
            after: Some(day(b)),
        });
        return;
    }
    // Records without an identity: compare by position.
    for (i, (va, vb)) in a.iter().zip(b).enumerate() {
        let child = ctx.item(
            &i.to_string(),
            ItemWords {
                label: format!("#{}", i + 1),
                restart: false,
                tail: None,
            },
        );
        walk(&child, va, vb, out);
    }
    for (i, va) in a.iter().enumerate().skip(b.len()) {
        let child = ctx.item(
            &i.to_string(),
            ItemWords {
                label: format!("#{}", i + 1),
                restart: false,
                tail: None,
            },
        );
        removed(&child, va, out);
    }
    for (i, vb) in b.iter().enumerate().skip(a.len()) {
        let child = ctx.item(
            &i.to_string(),
            ItemWords {
                label: format!("#{}", i + 1),
                restart: false,
                tail: None,
            },
        );
        added(&child, vb, out);
    }
}
