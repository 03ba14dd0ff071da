//! Each helpdesk's export and every malformed file, with the exact located
//! message each problem gets.

use pledge::history::{import, Encoding, Format, HistoryError, ImportOptions, Ticket, Value};

use super::{at, fixture, fresh, import_with, name, problems, tickets, utc};

fn v(text: &str) -> Option<Value> {
    Some(Value {
        mapped: text.into(),
        raw: text.into(),
    })
}

fn mapped(mapped: &str, raw: &str) -> Option<Value> {
    Some(Value {
        mapped: mapped.into(),
        raw: raw.into(),
    })
}

const NOT_A_DATE: &str = "is not a date: expected `2026-03-02 09:15[:00][ +01:00]`, `2026-03-02T09:15:00Z` or Jira's `02/Mar/26 9:15 AM` (give `date_format` in a mapping file for another form)";

#[test]
fn a_zendesk_export_with_a_quoted_line_break_bad_rows_and_a_status_log() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "zd", &fixture("zendesk.csv"), |o| {
        o.status_log = Some(fixture("zendesk-status-log.csv"));
    });
    assert_eq!(report.format, Format::Zendesk);
    assert_eq!(
        (report.encoding, report.delimiter),
        (Encoding::Utf8, Some(','))
    );
    let c = &report.tickets;
    assert_eq!((c.read, c.imported, c.rejected), (5, 3, 2));
    assert_eq!(
        problems(&report),
        [
            format!("line 5, column 10 (`Created at`): `06/03/2026 18:05` {NOT_A_DATE}"),
            "line 6, column 11 (`Solved at`): the resolution (2026-03-09 09:00:00 UTC) comes before the creation (2026-03-09 10:00:00 UTC)".to_string(),
        ]
    );
    assert_eq!(report.stopped, None);
    let got = tickets(&store, "zd");
    assert_eq!(
        got[0],
        Ticket {
            id: "101".into(),
            created: utc("2026-03-02T09:15:00Z"),
            // 35 minutes after creation, from "First reply time in minutes".
            first_response: Some(utc("2026-03-02T09:50:00Z")),
            resolved: Some(utc("2026-03-02T17:40:00Z")),
            priority: v("Urgent"),
            plan: v("Hooli, Inc."),
            channel: v("Mail"),
            group: v("Tier 1"),
            status: v("Solved"),
            kind: v("Incident"),
        }
    );
    assert_eq!(
        (
            got[1].id.as_str(),
            got[1].created,
            got[1].first_response,
            got[1].resolved
        ),
        ("102", utc("2026-03-06T18:05:00Z"), None, None)
    );
    // Written with an offset of +01:00.
    assert_eq!(
        (got[2].id.as_str(), got[2].created, got[2].resolved),
        (
            "105",
            utc("2026-03-09T09:00:00Z"),
            Some(utc("2026-03-09T11:30:00Z"))
        )
    );
    let log = report.status_log.unwrap();
    assert_eq!(
        (log.changes.read, log.changes.imported, log.changes.rejected),
        (6, 5, 1)
    );
    assert_eq!(
        log.changes.problems[0].to_string(),
        "line 7, column 1 (`ticket`): ticket `999` is not in history `zd`: import its ticket first"
    );
    let pauses = store.history_pauses(&name("zd")).unwrap();
    let spans: Vec<_> = pauses
        .iter()
        .map(|p| (p.ticket.as_str(), p.start, p.end, p.status.as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            (
                "101",
                utc("2026-03-02T11:00:00Z"),
                Some(utc("2026-03-02T13:30:00Z")),
                "Pending"
            ),
            // Still waiting on the customer at the export.
            ("102", utc("2026-03-06T18:30:00Z"), None, "Pending"),
        ]
    );
}

#[test]
fn a_freshdesk_export_in_the_accounts_time_zone() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "fd", &fixture("freshdesk.csv"), |o| {
        o.time_zone = Some("Europe/Paris".parse().unwrap());
    });
    assert_eq!(
        (report.format, report.time_zone.as_str()),
        (Format::Freshdesk, "Europe/Paris")
    );
    assert_eq!((report.tickets.imported, report.tickets.rejected), (2, 0));
    let got = tickets(&store, "fd");
    assert_eq!(
        got[0],
        Ticket {
            id: "2001".into(),
            // 08:00 in Paris in March is 07:00 UTC.
            created: utc("2026-03-02T07:00:00Z"),
            first_response: Some(utc("2026-03-02T07:10:00Z")),
            resolved: Some(utc("2026-03-02T08:30:00Z")),
            priority: v("Urgent"),
            plan: v("Initech"),
            channel: v("Phone"),
            group: v("Hardware"),
            status: v("Closed"),
            kind: v("Incident"),
        }
    );
    assert_eq!(
        (got[1].plan.clone(), got[1].status.clone()),
        (None, v("Waiting on Customer"))
    );
}

#[test]
fn a_jira_service_management_export_with_jiras_dates() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "jsm", &fixture("jsm.csv"), |_| {});
    assert_eq!(report.format, Format::Jsm);
    let got = tickets(&store, "jsm");
    assert_eq!(
        got[0],
        Ticket {
            id: "SUP-7".into(),
            created: utc("2026-12-05T09:30:00Z"),
            first_response: Some(utc("2026-12-05T09:42:00Z")),
            resolved: Some(utc("2026-12-05T15:45:00Z")),
            priority: v("Highest"),
            plan: v("Acme Corp"),
            channel: None,
            group: None,
            status: v("Resolved"),
            kind: v("Report an incident"),
        }
    );
    // 11:59 PM.
    assert_eq!(got[1].created, utc("2026-12-06T23:59:00Z"));
}

#[test]
fn a_french_excel_file_through_a_mapping() {
    let (_dir, mut store) = fresh();
    let mapping = pledge::history::read_mapping(&fixture("french-excel.mapping.yaml")).unwrap();
    let report = import_with(&mut store, "fr", &fixture("french-excel.csv"), |o| {
        o.mapping = Some(mapping);
    });
    assert_eq!(
        (
            report.format,
            report.encoding,
            report.delimiter,
            report.time_zone.as_str()
        ),
        (
            Format::Csv,
            Encoding::Windows1252,
            Some(';'),
            "Europe/Paris"
        )
    );
    assert_eq!((report.tickets.imported, report.tickets.rejected), (2, 0));
    let got = tickets(&store, "fr");
    assert_eq!(
        got[0],
        Ticket {
            id: "T1".into(),
            created: utc("2026-03-02T08:15:00Z"),
            first_response: Some(utc("2026-03-02T08:40:00Z")),
            resolved: Some(utc("2026-03-02T16:00:00Z")),
            priority: mapped("P1", "Urgent"),
            plan: mapped("premium", "Société Générale"),
            channel: mapped("email", "E-mail"),
            group: v("Niveau 1"),
            status: v("Résolu"),
            kind: None,
        }
    );
    assert_eq!(
        (
            got[1].priority.clone(),
            got[1].plan.clone(),
            got[1].channel.clone()
        ),
        (
            mapped("P3", "Normale"),
            v("Crème & Co"),
            mapped("phone", "Téléphone")
        )
    );
}

#[test]
fn zendesk_json_pages_one_ticket_at_a_time_with_located_problems() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "zj", &fixture("zendesk-page.json"), |_| {});
    // Found from the file opening a JSON object; two pages in one file.
    // A problem is placed on the line where its ticket object opens.
    assert_eq!(report.format, Format::ZendeskJson);
    assert_eq!((report.encoding, report.delimiter), (Encoding::Utf8, None));
    let c = &report.tickets;
    assert_eq!((c.read, c.imported, c.rejected), (5, 3, 2));
    assert_eq!(
        problems(&report),
        [
            format!("line 30: `created_at`: `soon` {NOT_A_DATE}"),
            "line 35: the resolution (2026-03-03 08:00:00 UTC) comes before the creation (2026-03-04 08:00:00 UTC)".to_string(),
        ]
    );
    let got = tickets(&store, "zj");
    assert_eq!(
        got[0],
        Ticket {
            id: "35436".into(),
            created: utc("2026-03-02T09:15:00Z"),
            // 35 calendar minutes of `metric_set.reply_time_in_minutes`.
            first_response: Some(utc("2026-03-02T09:50:00Z")),
            resolved: Some(utc("2026-03-02T17:40:00Z")),
            priority: v("high"),
            plan: v("509974"),
            channel: v("web"),
            group: v("98738"),
            status: v("solved"),
            kind: v("incident"),
        }
    );
    // An id written as text, a null priority and metrics.
    assert_eq!(
        (got[1].id.as_str(), &got[1].priority, got[1].first_response),
        ("35437", &None, None)
    );
    // The second page's ticket, its offset read.
    assert_eq!(
        (got[2].id.as_str(), got[2].created, &got[2].channel),
        ("35440", utc("2026-03-05T10:00:00Z"), &v("voice"))
    );
}

#[test]
fn a_truncated_zendesk_json_array_keeps_nothing_and_says_where() {
    let path = fixture("zendesk-truncated.json");
    assert_eq!(
        refused("zendesk-truncated.json", None),
        format!(
            "{}:3: the file ends inside a JSON value: it looks truncated",
            path.display()
        )
    );
}

fn refused(file: &str, format: Option<Format>) -> String {
    let (_dir, mut store) = fresh();
    let mut options = ImportOptions::new(name("h"), at());
    options.format = format;
    let err = import(&mut store, &fixture(file), &options).unwrap_err();
    // A refused file leaves no history behind.
    assert!(store.histories().unwrap().is_empty());
    err.to_string()
}

#[test]
fn an_empty_file_is_refused() {
    let path = fixture("empty.csv");
    assert_eq!(
        refused("empty.csv", None),
        format!(
            "{}: the file is empty: an export starts with a header line naming its columns",
            path.display()
        )
    );
}

#[test]
fn a_renamed_required_column_is_named_with_the_columns_found() {
    let path = fixture("renamed-column.csv").display().to_string();
    assert_eq!(
        refused("renamed-column.csv", Some(Format::Zendesk)),
        format!("{path}:1: the Zendesk ticket export has no column `Created at` (the ticket's creation time); the header has: `Id`, `Organization`, `Creation date`, `Solved at`")
    );
    assert_eq!(
        refused("renamed-column.csv", None),
        format!("{path}:1: the header is not a Zendesk, Freshdesk or Jira Service Management export's, nor Pledge's own (`id`, `created`…): give --format and a --mapping file naming the columns; the header has: `Id`, `Organization`, `Creation date`, `Solved at`")
    );
}

#[test]
fn a_bad_mapping_file_is_located() {
    let path = fixture("bad-mapping.yaml");
    let err = pledge::history::read_mapping(&path).unwrap_err();
    assert!(matches!(err, HistoryError::Mapping { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("{}:3:3: ", path.display())) && text.contains("created_at"),
        "{text}"
    );
}

#[test]
fn a_semicolon_delimiter_is_detected_and_said() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "h", &fixture("semicolon.csv"), |_| {});
    assert_eq!((report.delimiter, report.tickets.imported), (Some(';'), 2));
    assert_eq!(tickets(&store, "h")[1].plan, v("Hooli; Inc."));
}

#[test]
fn a_truncated_last_line_is_rejected_and_the_rest_imported() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "h", &fixture("truncated.csv"), |_| {});
    assert_eq!((report.tickets.read, report.tickets.imported), (3, 2));
    assert_eq!(
        problems(&report),
        ["line 4: the row has 3 values where the header has 5, and the file ends here without a line break: it looks truncated"]
    );
}

#[test]
fn a_quote_never_closed_is_reported_at_its_row() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "h", &fixture("unclosed-quote.csv"), |_| {});
    assert_eq!(report.tickets.imported, 2);
    assert_eq!(
        problems(&report),
        ["line 4: a quoted value opened on this row is never closed: the file ends inside it, so it looks truncated"]
    );
}

#[test]
fn bad_dates_and_numbers_are_located_by_line_and_column() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "h", &fixture("bad-dates.csv"), |_| {});
    assert_eq!((report.tickets.read, report.tickets.imported), (7, 4));
    assert_eq!(
        problems(&report),
        [
            format!("line 3, column 3 (`Created at`): `2026-13-01 10:00` {NOT_A_DATE}"),
            format!("line 4, column 4 (`Solved at`): `yesterday` {NOT_A_DATE}"),
            "line 5, column 5 (`First reply time in minutes`): `-5` is not a number of minutes (0 or more)".to_string(),
        ]
    );
}

#[test]
fn a_row_with_an_unquoted_delimiter_is_rejected() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "h", &fixture("extra-values.csv"), |_| {});
    assert_eq!(
        problems(&report),
        ["line 3: the row has 6 values where the header has 5: a value holding the delimiter is probably not quoted"]
    );
}

#[test]
fn encodings_are_detected_and_said() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "bom", &fixture("bom.csv"), |_| {});
    assert_eq!(report.encoding, Encoding::Utf8Bom);
    let got = tickets(&store, "bom");
    assert_eq!(
        (got[0].id.as_str(), got[0].plan.clone()),
        ("1", v("Crème SARL"))
    );

    let report = import_with(&mut store, "cp", &fixture("windows-1252.csv"), |_| {});
    assert_eq!(report.encoding, Encoding::Windows1252);
    let plans: Vec<_> = tickets(&store, "cp").into_iter().map(|t| t.plan).collect();
    assert_eq!(plans, [v("Crème SARL"), v("Œuvre & Fils")]);
}

#[test]
fn a_file_mixing_encodings_rejects_the_rows_that_are_not_utf8() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "h", &fixture("mixed-encodings.csv"), |_| {});
    assert_eq!(report.encoding, Encoding::Utf8);
    assert_eq!((report.tickets.imported, report.tickets.rejected), (2, 1));
    assert_eq!(
        problems(&report),
        ["line 3, column 2 (`Organization`): byte 0xE8 cannot be read as UTF-8 (the rest of the file is UTF-8: it mixes encodings; save it again as UTF-8)"]
    );
}

#[test]
fn a_file_with_more_bad_rows_than_good_stops_and_stores_nothing() {
    let (_dir, mut store) = fresh();
    let report = import_with(&mut store, "h", &fixture("half-bad.csv"), |_| {});
    assert_eq!(
        report.stopped.as_deref(),
        Some("2 of 3 rows could not be read: more than half, so the file is not what its format or mapping says")
    );
    assert!(store.histories().unwrap().is_empty());
}
