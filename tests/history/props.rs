//! Properties of the history readers over the whole input space: any bytes
//! given as any format, and tickets whose every text is arbitrary Unicode.

use std::collections::BTreeMap;

use proptest::prelude::*;

use pledge::history::{import, Format, HistoryError, ImportOptions};

use super::{at, fresh, name, tickets};

fn formats() -> impl Strategy<Value = Option<Format>> {
    prop_oneof![
        Just(None),
        Just(Some(Format::Zendesk)),
        Just(Some(Format::ZendeskJson)),
        Just(Some(Format::Freshdesk)),
        Just(Some(Format::Jsm)),
        Just(Some(Format::Csv)),
    ]
}

/// Bytes that look like an export often enough to get past the header:
/// fragments of JSON and CSV mixed with anything.
fn export_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        any::<u8>().prop_map(|b| vec![b]),
        Just(b"{\"tickets\": [".to_vec()),
        Just(b"{\"id\": 1, \"created_at\": \"2026-03-02T09:00:00Z\"}".to_vec()),
        Just(b"\"metric_set\": {\"reply_time_in_minutes\": {\"calendar\": 5}}".to_vec()),
        Just(b"id,created,first_response,resolved,priority\n".to_vec()),
        Just(b"T-1,2026-03-02 09:00,2026-03-02 09:30,,P1\n".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"]}\n".to_vec()),
        Just(b",".to_vec()),
        Just("é€\u{1F600}\u{0}".as_bytes().to_vec()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the bytes, an import answers (never a panic); a refused
    /// file leaves no history, a stopped one stores nothing, and every
    /// rejected row is placed on a line of the file.
    #[test]
    fn any_bytes_are_answered_and_nothing_half_stored(bytes in export_bytes(), format in formats()) {
        let (dir, mut store) = fresh();
        let file = dir.path().join("export.any");
        std::fs::write(&file, &bytes).unwrap();
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let mut options = ImportOptions::new(name("h"), at());
        options.format = format;
        match import(&mut store, &file, &options) {
            Ok(report) => {
                for p in &report.tickets.problems {
                    prop_assert!(p.line >= 1 && p.line <= lines, "{p} of {lines} lines");
                }
                let stored = store.histories().unwrap();
                if report.stopped.is_some() {
                    prop_assert!(stored.is_empty() || stored[0].tickets == 0);
                } else {
                    let imported = report.tickets.imported + report.tickets.updated + report.tickets.unchanged;
                    let held = stored.first().map_or(0, |h| h.tickets);
                    prop_assert!(held <= imported);
                }
            }
            Err(e) => {
                prop_assert!(store.histories().unwrap().is_empty());
                let message = e.to_string();
                let located = message.contains(&file.display().to_string())
                    || matches!(e, HistoryError::TimeZone { .. });
                prop_assert!(located, "{message}");
            }
        }
    }

    /// Any Unicode in a ticket's words (delimiters, quotes, line breaks,
    /// controls, astral characters) comes back as written from Pledge's
    /// CSV and from Zendesk's JSON.
    #[test]
    fn any_words_come_back_as_written(
        words in prop::collection::vec("\\PC{1,12}|[,;\"\\n\\r\\t ]{1,3}|\\p{Any}{1,6}", 4),
        minutes in 0u32..100_000,
    ) {
        // Values are trimmed by the readers and empty ones are absent:
        // compare with what a reader may keep.
        let words: Vec<String> = words.into_iter().map(|w| w.trim().to_owned()).collect();
        prop_assume!(words.iter().all(|w| !w.is_empty()));
        let (dir, mut store) = fresh();
        let csv_field = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
        let csv = format!(
            "id,created,priority,plan,channel,group\n{},2026-03-02T09:00:00Z,{},{},{},{}\n",
            csv_field(&words[0]),
            csv_field(&words[0]),
            csv_field(&words[1]),
            csv_field(&words[2]),
            csv_field(&words[3]),
        );
        let json = serde_json::json!({
            "id": words[0],
            "created_at": "2026-03-02T09:00:00Z",
            "priority": words[0],
            "organization_id": words[1],
            "via": {"channel": words[2]},
            "group_id": words[3],
            "metric_set": {"reply_time_in_minutes": {"calendar": minutes}},
        });
        let mut texts: BTreeMap<&str, String> = BTreeMap::new();
        texts.insert("csv", csv);
        texts.insert("json", format!("{json}\n"));
        for (kind, text) in texts {
            let file = dir.path().join(format!("t.{kind}"));
            std::fs::write(&file, text).unwrap();
            let h = format!("h-{kind}");
            let report = import(&mut store, &file, &ImportOptions::new(name(&h), at())).unwrap();
            prop_assert_eq!(report.tickets.rejected, 0, "{:?}", report.tickets.problems);
            let got = tickets(&store, &h);
            prop_assert_eq!(got.len(), 1);
            let t = &got[0];
            prop_assert_eq!(&t.id, &words[0]);
            let raw = |v: &Option<pledge::history::Value>| v.as_ref().map(|v| v.raw.clone());
            prop_assert_eq!(raw(&t.priority), Some(words[0].clone()));
            prop_assert_eq!(raw(&t.plan), Some(words[1].clone()));
            prop_assert_eq!(raw(&t.channel), Some(words[2].clone()));
            prop_assert_eq!(raw(&t.group), Some(words[3].clone()));
            if kind == "json" {
                let created = t.created;
                prop_assert_eq!(t.first_response, Some(created + chrono::Duration::minutes(i64::from(minutes))));
            }
        }
    }
}
