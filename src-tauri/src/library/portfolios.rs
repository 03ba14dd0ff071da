//! The Portfolio screen's side of the library: portfolios of the library's
//! agreements kept in the store (`pledge::store::StoredPortfolio`), read
//! through the core's portfolio reader (`Portfolio::from_library`, the
//! reader of `pledge simulate PORTFOLIO`) with each member's agreement as
//! the editor holds it and its saved scenario or the one it starts with.

use std::collections::BTreeMap;

use pledge::sim::portfolio::{LibraryAgreement, Portfolio};
use pledge::store::StoredPortfolio;
use serde_json::Value;

use super::{at, ms, parse_name, read_draft_value, Library};
use crate::dto::{PortfolioRow, PortfolioState};
use crate::error::{AppError, ErrorCode};

impl Library {
    /// The portfolios, by name.
    pub fn portfolios(&self) -> Result<Vec<PortfolioRow>, AppError> {
        Ok(self
            .store
            .portfolios()?
            .into_iter()
            .map(|p| PortfolioRow {
                name: p.name,
                agreements: p.agreements,
                saved_ms: ms(p.saved_at),
            })
            .collect())
    }

    /// A portfolio as the screen edits it, with its problems.
    pub fn portfolio(&mut self, name: &str, now_ms: u64) -> Result<PortfolioState, AppError> {
        let portfolio = self.store.portfolio(name)?.to_value();
        let problems = self.portfolio_problems(&portfolio, now_ms);
        Ok(PortfolioState {
            portfolio,
            problems,
        })
    }

    /// Makes and saves a portfolio of `agreements` named `name`
    /// (`pledge::sim::portfolio::initial_portfolio`: the first agreement's
    /// period and teams).
    pub fn new_portfolio(
        &mut self,
        name: &str,
        agreements: &[String],
        now_ms: u64,
    ) -> Result<PortfolioState, AppError> {
        let Some(first) = agreements.first() else {
            return Err(AppError::at(
                ErrorCode::InvalidScenario,
                "pick at least one agreement",
                "members",
            ));
        };
        let scenario = self.scenario(first, now_ms)?.scenario;
        let spec = serde_json::from_value(scenario)
            .ok()
            .or_else(|| {
                let agreement = self.open.get(first.as_str())?.agreement.clone();
                pledge::sim::spec::initial_scenario(&agreement, at(now_ms).date_naive())
            })
            .ok_or_else(|| {
                AppError::at(
                    ErrorCode::InvalidScenario,
                    format!("agreement `{first}` has no scenario to start from"),
                    "members[0]",
                )
            })?;
        let value = serde_json::to_value(pledge::sim::portfolio::initial_portfolio(
            name, agreements, &spec,
        ))
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        self.save_portfolio(None, &value, now_ms)?;
        self.portfolio(name.trim(), now_ms)
    }

    /// Saves an edited portfolio (renamed from `previous`) and returns its
    /// problems.
    pub fn save_portfolio(
        &mut self,
        previous: Option<&str>,
        portfolio: &Value,
        now_ms: u64,
    ) -> Result<Vec<AppError>, AppError> {
        let stored = StoredPortfolio::from_value(portfolio)?;
        self.store.save_portfolio(&stored, previous, at(now_ms))?;
        Ok(self.portfolio_problems(&stored.to_value(), now_ms))
    }

    /// Deletes a portfolio; its agreements stay.
    pub fn delete_portfolio(&mut self, name: &str) -> Result<(), AppError> {
        Ok(self.store.delete_portfolio(name)?)
    }

    /// The saved portfolio `name` read by the core's portfolio reader,
    /// ready to run; an error names the field at fault.
    pub fn prepare_portfolio(&mut self, name: &str, now_ms: u64) -> Result<Portfolio, AppError> {
        let stored = self.store.portfolio(name)?;
        let agreements = self.member_agreements(&stored.to_value())?;
        Portfolio::from_library(&stored.text(), &agreements, at(now_ms).date_naive())
            .map_err(crate::simulation::scenario_error)
    }

    /// Every problem of a portfolio: the reader's, each at its path, or
    /// the engine's and the workload's once it reads.
    fn portfolio_problems(&mut self, portfolio: &Value, now_ms: u64) -> Vec<AppError> {
        let agreements = match self.member_agreements(portfolio) {
            Ok(agreements) => agreements,
            Err(e) => return vec![e],
        };
        let text = serde_json::to_string_pretty(portfolio).unwrap_or_default();
        crate::simulation::portfolio_problems(&text, &agreements, at(now_ms).date_naive())
    }

    /// The agreements a portfolio's members name, as the editor holds
    /// them, each with its saved scenario; a name the library does not
    /// have in use is left out (the reader places that problem).
    fn member_agreements(
        &mut self,
        portfolio: &Value,
    ) -> Result<BTreeMap<String, LibraryAgreement>, AppError> {
        let names: Vec<String> = portfolio
            .get("members")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|m| m.get("agreement").and_then(Value::as_str))
            .map(str::to_owned)
            .collect();
        let mut found = BTreeMap::new();
        for name in names {
            if found.contains_key(&name) || self.load(&name).is_err() {
                continue;
            }
            let Some(entry) = self.open.get(&name) else {
                continue;
            };
            let agreement = entry.agreement.clone();
            let scenario = match self.store.scenario(&parse_name(&name)?)? {
                Some(text) => Some(read_draft_value(&text)?),
                None => None,
            };
            found.insert(
                name,
                LibraryAgreement {
                    agreement,
                    scenario,
                },
            );
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::Config;
    use super::*;
    use crate::simulation::RunSettings;
    use pledge::sim::run::CancelToken;

    const DAY_MS: u64 = 86_400_000;

    fn open(dir: &Path) -> Library {
        let config = Config {
            data_dir: dir.join("data"),
            legacy_drafts: None,
            author: "ana".into(),
        };
        Library::open(&config, 20_000 * DAY_MS).expect("a new library opens")
    }

    /// A portfolio of two sample agreements made, saved in the SQLite file,
    /// read back after a restart and run: each member's objectives come
    /// back in its own currency, and the shared teams' occupancy once.
    #[test]
    fn a_portfolio_of_two_samples_is_kept_and_runs_with_results_per_member() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let members = [
            "saas-multilevel".to_owned(),
            "fr-pme-infogerance".to_owned(),
        ];
        let state = lib
            .new_portfolio("Service desk — two clients", &members, 20_000 * DAY_MS)
            .unwrap();
        assert_eq!(
            state.portfolio["members"][1]["agreement"],
            "fr-pme-infogerance"
        );
        let mut edited = state.portfolio.clone();
        edited["warm_up"] = "2d".into();
        edited["horizon"] = "14d".into();
        edited["members"][1]["volume"] = "50%".into();
        let problems = lib
            .save_portfolio(Some("Service desk — two clients"), &edited, 20_001 * DAY_MS)
            .unwrap();
        assert_eq!(problems, Vec::new());
        drop(lib);
        let mut lib = open(dir.path());
        assert_eq!(lib.portfolios().unwrap()[0].agreements, members);
        let portfolio = lib
            .prepare_portfolio("Service desk — two clients", 20_002 * DAY_MS)
            .unwrap();
        let settings = RunSettings {
            replications: 2,
            seed: 7,
            confidence: None,
        };
        let results =
            crate::simulation::run_portfolio(&portfolio, &settings, &CancelToken::new(), &|_| {})
                .unwrap();
        assert_eq!(results.members.len(), 2);
        assert_eq!(results.members[0].id, "saas-multilevel");
        assert!(!results.members[0].results.objectives.is_empty());
        assert!(!results.members[1].results.objectives.is_empty());
        assert_eq!(results.members[1].results.currency, "EUR");
        assert_eq!(results.held.len(), 2);
        assert!(!results.teams.is_empty());
    }

    /// What the portfolio reader refuses, the screen is told at the same
    /// path: a precedence naming no member.
    #[test]
    fn a_problem_of_a_portfolio_comes_back_at_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let members = ["saas-multilevel".to_owned()];
        let state = lib
            .new_portfolio("Desk", &members, 20_000 * DAY_MS)
            .unwrap();
        let mut edited = state.portfolio.clone();
        edited["precedence"] = serde_json::json!(["nobody"]);
        let problems = lib.save_portfolio(None, &edited, 20_001 * DAY_MS).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "precedence[0]");
        assert_eq!(problems[0].message, "the portfolio has no member `nobody`");
        let e = lib.prepare_portfolio("Desk", 20_001 * DAY_MS).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidScenario);
    }
}
