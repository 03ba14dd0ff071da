//! The business-hours clock (issue 3).

mod cases;
mod cli;
mod props;

use chrono::{DateTime, Utc};
use pledge::clock::{BusinessCalendar, Pause};
use pledge::model::{Calendar, Duration};

/// Compiles a calendar written in the agreement format.
pub fn calendar(yaml: &str) -> BusinessCalendar {
    let model: Calendar = pledge::format::Document::parse(yaml)
        .and_then(|d| d.deserialize())
        .expect("test calendar parses");
    BusinessCalendar::compile(&model).expect("test calendar compiles")
}

/// An instant written in RFC 3339.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("test instant parses")
        .with_timezone(&Utc)
}

/// A duration written in the agreement format (`4h`, `1h30m`).
pub fn dur(text: &str) -> Duration {
    text.parse().expect("test duration parses")
}

/// A pause between two RFC 3339 instants.
pub fn pause(start: &str, end: &str) -> Pause {
    Pause {
        start: at(start),
        end: at(end),
    }
}

/// The Paris office calendar the clock tests share, in the agreement
/// format: 09:00–18:00 on weekdays, French public holidays from year
/// `holidays.0` to `holidays.1` (none when `None`), every line indented by
/// `indent` spaces so that it can stand inside an agreement.
pub fn paris_calendar(id: &str, holidays: Option<(u16, u16)>, indent: usize) -> String {
    let mut lines = vec![
        format!("id: {id}"),
        "time_zone: Europe/Paris".to_owned(),
        "hours:".to_owned(),
    ];
    for day in ["mon", "tue", "wed", "thu", "fri"] {
        lines.push(format!("  {day}: [09:00-18:00]"));
    }
    if let Some((from, to)) = holidays {
        lines.push("holidays:".to_owned());
        lines.push(format!(
            "  rules: [{{country: FR, from: {from}, to: {to}}}]"
        ));
    }
    lines
        .iter()
        .map(|l| format!("{:indent$}{l}\n", ""))
        .collect()
}
