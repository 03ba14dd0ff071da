//! Portfolios in the library (schema 6, issue 16 point 6): a round trip,
//! renaming, members whose agreement is not in use, purging a member's
//! agreement refused, and a damaged row reported by name.

use std::fs;

use pledge::error::ErrorCode;
use pledge::sim::portfolio::{LibraryMember, ScenarioChoice};
use pledge::store::{Store, StoreError, StoredPortfolio};
use rusqlite::Connection;
use serde_json::json;

use super::{at, fixtures, fresh, name, sample};

/// A portfolio of `acme` (its saved scenario, at 50%) and `globex` (the
/// scenario it starts with), with some shared fields half typed.
fn desk() -> serde_json::Value {
    json!({
        "name": "Desk — Q1 2027",
        "members": [
            {"id": "acme", "agreement": "acme", "volume": "50%"},
            {"id": "globex", "agreement": "globex", "scenario": "default"}
        ],
        "start": "2027-01-18T00:00",
        "time_zone": "Europe/Paris",
        "warm_up": "14d",
        "horizon": "not yet typed",
        "staffing": {"teams": [{"name": "Desk", "acts_as": {"acme": "l1"}, "stages": ["triage"], "shifts": []}]},
        "dispatch": "deadline",
        "precedence": ["globex", "acme"]
    })
}

fn library() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = fresh();
    store
        .save(&name("acme"), &sample(), "marie", "v1", at(0))
        .unwrap();
    store
        .save(&name("globex"), &sample(), "marie", "v1", at(0))
        .unwrap();
    (dir, store)
}

#[test]
fn a_portfolio_reads_back_as_it_was_saved_with_its_members_in_order() {
    let (_dir, mut store) = library();
    let portfolio = StoredPortfolio::from_value(&desk()).unwrap();
    store.save_portfolio(&portfolio, None, at(5)).unwrap();
    let back = store.portfolio("Desk — Q1 2027").unwrap();
    // The member's scenario is written out when it was left to its default.
    let mut expected = desk();
    expected["members"][0]["scenario"] = json!("saved");
    assert_eq!(back.to_value(), expected);
    assert_eq!(back.saved_at, Some(at(5)));
    assert_eq!(
        back.members[0],
        LibraryMember {
            id: "acme".into(),
            agreement: "acme".into(),
            scenario: ScenarioChoice::Saved,
            volume: Some("50%".parse().unwrap()),
        }
    );
    let list = store.portfolios().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].agreements, ["acme", "globex"]);
}

#[test]
fn saving_again_replaces_and_a_rename_keeps_one_portfolio() {
    let (_dir, mut store) = library();
    let mut p = StoredPortfolio::from_value(&desk()).unwrap();
    store.save_portfolio(&p, None, at(1)).unwrap();
    p.members.pop();
    p.name = "Desk — Q2".into();
    store
        .save_portfolio(&p, Some("Desk — Q1 2027"), at(2))
        .unwrap();
    let names: Vec<String> = store
        .portfolios()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Desk — Q2"]);
    assert_eq!(store.portfolio("Desk — Q2").unwrap().members.len(), 1);
    let gone = store.portfolio("Desk — Q1 2027").unwrap_err();
    assert_eq!(gone.code(), ErrorCode::UnknownPortfolio);
    // Another portfolio's name is refused, at `name`.
    let mut other = p.clone();
    other.name = "Other".into();
    store.save_portfolio(&other, None, at(3)).unwrap();
    let taken = store
        .save_portfolio(&other, Some("Desk — Q2"), at(4))
        .unwrap_err();
    assert!(
        matches!(&taken, StoreError::InvalidPortfolio { path, .. } if path == "name"),
        "{taken}"
    );
    store.delete_portfolio("Other").unwrap();
    assert_eq!(store.portfolios().unwrap().len(), 1);
}

#[test]
fn a_member_needs_an_agreement_in_use_and_a_members_agreement_cannot_be_purged() {
    let (_dir, mut store) = library();
    let mut value = desk();
    value["members"][1]["agreement"] = json!("initech");
    let p = StoredPortfolio::from_value(&value).unwrap();
    let e = store.save_portfolio(&p, None, at(1)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "members[1].agreement: the library has no agreement `initech` in use"
    );
    let p = StoredPortfolio::from_value(&desk()).unwrap();
    store.save_portfolio(&p, None, at(1)).unwrap();
    store.trash(&name("globex"), at(2)).unwrap();
    let e = store.purge(&name("globex")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InPortfolio);
    assert_eq!(
        e.to_string(),
        "agreement `globex` is a member of portfolio `Desk — Q1 2027`: remove it from the portfolio first"
    );
    store.delete_portfolio("Desk — Q1 2027").unwrap();
    store.purge(&name("globex")).unwrap();
}

#[test]
fn a_portfolio_without_a_name_or_with_malformed_members_is_not_stored() {
    let mut value = desk();
    value["name"] = json!("  ");
    let e = StoredPortfolio::from_value(&value).unwrap_err();
    assert_eq!(e.to_string(), "name: give the portfolio a name");
    let mut value = desk();
    value["members"][0]["scenario"] = json!("yesterday's");
    let e = StoredPortfolio::from_value(&value).unwrap_err();
    assert!(
        e.to_string().starts_with("members: each member names"),
        "{e}"
    );
}

#[test]
fn a_damaged_portfolio_row_is_an_error_naming_the_portfolio_and_what_is_wrong() {
    let (dir, mut store) = library();
    let p = StoredPortfolio::from_value(&desk()).unwrap();
    store.save_portfolio(&p, None, at(1)).unwrap();
    drop(store);
    let path = dir.path().join("pledge.db");
    // What another program might write: checks off, a scenario choice
    // the schema does not allow, then shared fields that are a list.
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "ignore_check_constraints", true)
        .unwrap();
    conn.execute(
        "UPDATE portfolio_members SET scenario = 'tomorrow' WHERE position = 1",
        [],
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let e = store.portfolio("Desk — Q1 2027").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Store);
    assert_eq!(
        e.to_string(),
        format!(
            "portfolio `Desk — Q1 2027` in {} is damaged: member 1 (`globex`) has scenario `tomorrow`, neither `saved` nor `default`. The file was left as it was; restore a backup, or delete the portfolio and make it again",
            path.display()
        )
    );
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.execute("UPDATE portfolio_members SET scenario = 'saved'", [])
        .unwrap();
    conn.execute("UPDATE portfolios SET shared = '[1, 2]'", [])
        .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let e = store.portfolio("Desk — Q1 2027").unwrap_err();
    assert!(
        e.to_string()
            .contains("is damaged: its shared fields are not a set of fields"),
        "{e}"
    );
}

#[test]
fn the_schema_6_fixture_keeps_its_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    fs::copy(fixtures().join("schema-v6.db"), &path).unwrap();
    let store = Store::open(&path).unwrap();
    let p = store.portfolio("Desk — Q1").unwrap();
    assert_eq!(p.members[0].agreement, "acme-premium");
    assert_eq!(
        p.members[0].volume.map(|v| v.to_string()).as_deref(),
        Some("50%")
    );
    assert_eq!(p.shared["time_zone"], "Europe/Paris");
}
