//! Which column holds what: the three helpdesks' exports, a mapping file
//! for any other CSV, and finding a format from its header.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

/// The export formats understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Zendesk Support's ticket CSV export (Admin Center, Reports, Export).
    Zendesk,
    /// Zendesk Support's JSON: the full JSON export (a ticket per line),
    /// or pages of the tickets API or incremental export, with each
    /// ticket's `metric_set` when sideloaded.
    ZendeskJson,
    /// Freshdesk's ticket export CSV (Tickets, Export).
    Freshdesk,
    /// Jira Service Management's issue CSV export (all fields).
    Jsm,
    /// Any other CSV: columns named as Pledge names them, or as a mapping
    /// file says.
    Csv,
}

impl Format {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [Format; 5] = [
        Format::Zendesk,
        Format::ZendeskJson,
        Format::Freshdesk,
        Format::Jsm,
        Format::Csv,
    ];

    /// The word `--format` takes.
    pub fn key(self) -> &'static str {
        match self {
            Format::Zendesk => "zendesk",
            Format::ZendeskJson => "zendesk-json",
            Format::Freshdesk => "freshdesk",
            Format::Jsm => "jsm",
            Format::Csv => "csv",
        }
    }

    /// The name printed in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::Zendesk => "Zendesk ticket export",
            Format::ZendeskJson => "Zendesk JSON export",
            Format::Freshdesk => "Freshdesk ticket export",
            Format::Jsm => "Jira Service Management issue export",
            Format::Csv => "CSV with a column mapping",
        }
    }

    /// The statuses during which the helpdesk waits on the customer, when
    /// no mapping file says otherwise: Zendesk's `pending` (on-hold waits
    /// on a third party, which the provider answers for), Freshdesk's
    /// `Pending` and its `Waiting on Customer`, Jira Service Management's
    /// `Waiting for customer`.
    pub fn pause_statuses(self) -> &'static [&'static str] {
        match self {
            Format::Zendesk | Format::ZendeskJson | Format::Csv => &["pending"],
            Format::Freshdesk => &["Pending", "Waiting on Customer"],
            Format::Jsm => &["Waiting for customer"],
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.key() == text)
            .ok_or_else(|| format!("`{text}` is not a format: use zendesk, freshdesk, jsm or csv"))
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Created,
    FirstResponse,
    FirstResponseMinutes,
    Resolved,
    Priority,
    Plan,
    Channel,
    Group,
    Status,
    Kind,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Id,
        Field::Created,
        Field::FirstResponse,
        Field::FirstResponseMinutes,
        Field::Resolved,
        Field::Priority,
        Field::Plan,
        Field::Channel,
        Field::Group,
        Field::Status,
        Field::Kind,
    ];

    fn meaning(self) -> &'static str {
        match self {
            Field::Id => "the ticket's id",
            Field::Created => "the ticket's creation time",
            _ => "",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The names each helpdesk gives the column, alternatives first found
    /// first.
    fn vendor_names(self, format: Format) -> &'static [&'static str] {
        use Field as F;
        match (format, self) {
            (Format::Zendesk, F::Id) => &["Id"],
            (Format::Zendesk, F::Created) => &["Created at"],
            (Format::Zendesk, F::FirstResponseMinutes) => &["First reply time in minutes"],
            (Format::Zendesk, F::Resolved) => &["Solved at"],
            (Format::Zendesk, F::Priority) => &["Priority"],
            (Format::Zendesk, F::Plan) => &["Organization"],
            (Format::Zendesk, F::Channel) => &["Via"],
            (Format::Zendesk, F::Group) => &["Group"],
            (Format::Zendesk, F::Status) => &["Status"],
            (Format::Zendesk, F::Kind) => &["Ticket type"],
            (Format::Freshdesk, F::Id) => &["Ticket ID", "Ticket Id"],
            (Format::Freshdesk, F::Created) => &["Created time"],
            (Format::Freshdesk, F::FirstResponse) => &[
                "Initial response time",
                "First responded time",
                "First responded at",
            ],
            (Format::Freshdesk, F::Resolved) => &["Resolved time"],
            (Format::Freshdesk, F::Priority) => &["Priority"],
            (Format::Freshdesk, F::Plan) => &["Company Name", "Company"],
            (Format::Freshdesk, F::Channel) => &["Source"],
            (Format::Freshdesk, F::Group) => &["Group"],
            (Format::Freshdesk, F::Status) => &["Status"],
            (Format::Freshdesk, F::Kind) => &["Type"],
            (Format::Jsm, F::Id) => &["Issue key"],
            (Format::Jsm, F::Created) => &["Created"],
            (Format::Jsm, F::FirstResponse) => &[
                "Custom field (Date of First Response)",
                "Date of First Response",
            ],
            (Format::Jsm, F::Resolved) => &["Resolved"],
            (Format::Jsm, F::Priority) => &["Priority"],
            (Format::Jsm, F::Plan) => &["Custom field (Organizations)", "Organizations"],
            (Format::Jsm, F::Channel) => &["Custom field (Request channel)", "Request channel"],
            (Format::Jsm, F::Group) => &["Custom field (Team)", "Team"],
            (Format::Jsm, F::Status) => &["Status"],
            (Format::Jsm, F::Kind) => &["Custom field (Request Type)", "Request Type"],
            (Format::Csv, field) => PLEDGE_NAMES[field.index()],
            _ => &[],
        }
    }
}

const PLEDGE_NAMES: [&[&str]; 11] = [
    &["id"],
    &["created"],
    &["first_response"],
    &["first_response_minutes"],
    &["resolved"],
    &["priority"],
    &["plan"],
    &["channel"],
    &["group"],
    &["status"],
    &["type"],
];

/// A mapping file: which column holds what, how times are written, and
/// how values translate to the agreement's words.
///
/// ```yaml
/// columns: {id: Ticket, created: Opened, first_response: First reply,
///           resolved: Closed, priority: Severity, plan: Customer}
/// date_format: "%d/%m/%Y %H:%M"
/// time_zone: Europe/Paris
/// values:
///   priority: {Urgent: P1, High: P2}
/// pause_statuses: [Waiting on customer]
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Column names, by what they hold.
    #[serde(default)]
    pub columns: Columns,
    /// A chrono format for every time in the file (e.g. `%d/%m/%Y %H:%M`).
    pub date_format: Option<String>,
    /// The IANA zone of times written without an offset.
    pub time_zone: Option<String>,
    /// Value maps (the file's value → the agreement's id), by field.
    #[serde(default)]
    pub values: Values,
    /// The statuses during which the clock pauses (waiting on the customer).
    pub pause_statuses: Option<Vec<String>>,
}

/// The column of each field in a mapping file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// The ticket's id.
    pub id: Option<String>,
    /// When the ticket was created.
    pub created: Option<String>,
    /// The first reply's time.
    pub first_response: Option<String>,
    /// The first reply, as minutes after creation.
    pub first_response_minutes: Option<String>,
    /// When the ticket was resolved.
    pub resolved: Option<String>,
    /// The priority.
    pub priority: Option<String>,
    /// The plan, or the organisation to map to one.
    pub plan: Option<String>,
    /// The channel.
    pub channel: Option<String>,
    /// The group or team.
    pub group: Option<String>,
    /// The status.
    pub status: Option<String>,
    /// The type of ticket.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

impl Columns {
    fn get(&self, field: Field) -> Option<&str> {
        match field {
            Field::Id => self.id.as_deref(),
            Field::Created => self.created.as_deref(),
            Field::FirstResponse => self.first_response.as_deref(),
            Field::FirstResponseMinutes => self.first_response_minutes.as_deref(),
            Field::Resolved => self.resolved.as_deref(),
            Field::Priority => self.priority.as_deref(),
            Field::Plan => self.plan.as_deref(),
            Field::Channel => self.channel.as_deref(),
            Field::Group => self.group.as_deref(),
            Field::Status => self.status.as_deref(),
            Field::Kind => self.kind.as_deref(),
        }
    }
}

/// Value maps by field.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Values {
    /// The priority.
    #[serde(default)]
    pub priority: BTreeMap<String, String>,
    /// The plan, or the organisation to map to one.
    #[serde(default)]
    pub plan: BTreeMap<String, String>,
    /// The channel.
    #[serde(default)]
    pub channel: BTreeMap<String, String>,
    /// The group or team.
    #[serde(default)]
    pub group: BTreeMap<String, String>,
    /// The status.
    #[serde(default)]
    pub status: BTreeMap<String, String>,
    /// The type of ticket.
    #[serde(default, rename = "type")]
    pub kind: BTreeMap<String, String>,
}

/// A value map looked up exactly, then without regard to case.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueMap {
    exact: HashMap<String, String>,
    folded: HashMap<String, String>,
}

impl ValueMap {
    pub fn new(map: &BTreeMap<String, String>) -> Self {
        ValueMap {
            exact: map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            folded: map
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.clone()))
                .collect(),
        }
    }

    pub fn map<'a>(&'a self, raw: &'a str) -> &'a str {
        if self.exact.is_empty() {
            return raw;
        }
        self.exact
            .get(raw)
            .or_else(|| self.folded.get(&raw.to_lowercase()))
            .map_or(raw, String::as_str)
    }
}

/// Where each field stands in a file's header.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub index: [Option<usize>; 11],
    pub names: Vec<String>,
}

/// A required column is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MissingColumn {
    pub expected: String,
    pub meaning: &'static str,
}

fn find(header: &[String], name: &str) -> Option<usize> {
    let wanted = name.trim();
    header.iter().position(|h| h.trim() == wanted).or_else(|| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(wanted))
    })
}

/// Places every field of `format` (with the mapping's columns first) in
/// the header; the id and creation time are required.
pub(crate) fn layout(
    format: Format,
    mapping: Option<&Mapping>,
    header: &[String],
) -> Result<Layout, MissingColumn> {
    let mut index = [None; 11];
    for field in Field::ALL {
        let given = mapping.and_then(|m| m.columns.get(field));
        let found = match given {
            Some(name) => find(header, name),
            None => field
                .vendor_names(format)
                .iter()
                .find_map(|name| find(header, name)),
        };
        if found.is_none() && matches!(field, Field::Id | Field::Created) {
            let expected = match given {
                Some(name) => format!("`{name}`"),
                None => field
                    .vendor_names(format)
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            return Err(MissingColumn {
                expected,
                meaning: field.meaning(),
            });
        }
        if given.is_some() && found.is_none() {
            return Err(MissingColumn {
                expected: format!("`{}`", given.unwrap_or_default()),
                meaning: "named in the mapping file",
            });
        }
        index[field.index()] = found;
    }
    Ok(Layout {
        index,
        names: header.to_vec(),
    })
}

/// The helpdesk whose export this header is, if any.
pub(crate) fn detect(header: &[String]) -> Option<Format> {
    let has = |name: &str| find(header, name).is_some();
    if has("Issue key") && has("Created") {
        Some(Format::Jsm)
    } else if (has("Ticket ID") || has("Ticket Id")) && has("Created time") {
        Some(Format::Freshdesk)
    } else if has("Id") && has("Created at") {
        Some(Format::Zendesk)
    } else if has("id") && has("created") {
        Some(Format::Csv)
    } else {
        None
    }
}
