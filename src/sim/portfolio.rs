//! A portfolio (issue 16, point 6): several agreements, each with its own
//! workload, served at once by shared teams.
//!
//! An IT provider's service desk answers every client's contract with the
//! same agents. A portfolio file names its members, each an ordinary
//! scenario file (whose agreement, workload, work, incidents, escalation
//! and patience are the member's), and gives what they share: the period,
//! the time zone, the teams and the dispatch rule across agreements.
//!
//! ```yaml
//! name: Desk — Q1 2027
//! members:
//!   - id: lumen
//!     scenario: fr-pme-infogerance.yaml
//!   - id: acme
//!     scenario: saas-multilevel.yaml
//!     volume: 150%             # scales the member's ticket volume
//! start: 2027-01-18T00:00
//! time_zone: Europe/Paris
//! warm_up: 14d
//! horizon: 89d
//! staffing:                    # replaces the members' own staffing
//!   teams:
//!     - name: Service desk
//!       acts_as: {lumen: centre-de-services, acme: support}
//!       members: [lumen, acme] # optional: every member when absent
//!       stages: [triage, resolution]
//!       shifts: [...]
//! dispatch: deadline           # over every member's waiting tickets
//! precedence: [acme, lumen]    # optional: a tier per member; pooled when absent
//! currency: EUR                # optional: of the teams' costs (the first member's)
//! ```
//!
//! The engine simulates a portfolio as one model
//! ([`super::model::compile_members`]): each member's kinds of tickets,
//! clocks (its agreement's calendars), objectives, OLAs and escalation
//! levels carry the member, and the teams are shared. Each member's
//! arrivals keep their own volume and shape; the members' kinds of ticket
//! wait in the same lines, ordered by the dispatch policy, after the
//! tiers of `precedence` when given. An ordinary scenario is the
//! one-member case of the same code.
//!
//! Results come per member (its objectives, OLAs, abandonment and
//! escalation rows, and its credits in its own currency) and for the
//! portfolio: the objectives each member holds, credits summed per
//! currency (never across currencies), and the staff cost.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{compile_members, CompiledModel, Members, MAX_MEMBERS};
use super::outcome::{scenario_credits, ScenarioCredits};
use super::report::SimReport;
use super::run::{CancelToken, Flow, Progress, RunConfig};
use super::scenario::{
    DispatchPolicy, Scenario, ScenarioError, ScenarioProblem, Shift, StaffCost, Staffing, Stage,
    Team,
};
use super::steady::Dispatch;
use super::SimError;
use crate::format::{self, Document};
use crate::model::{Duration, LocalDateTime, Money, Percent};

/// A portfolio, read and checked: its members and what they share.
#[derive(Debug, Clone)]
pub struct Portfolio {
    /// A name for reports.
    pub name: String,
    /// The agreements served, in the file's order.
    pub members: Vec<Member>,
    /// The shared start (warm-up included), in [`Portfolio::time_zone`].
    pub start: LocalDateTime,
    /// The shared zone.
    pub time_zone: Tz,
    /// The shared warm-up.
    pub warm_up: Duration,
    /// The shared measured horizon.
    pub horizon: Duration,
    /// The shared teams (their `agreement_team` is per member, in
    /// [`Portfolio::service`]).
    pub staffing: Staffing,
    /// Per team, whom it serves and as which agreement team.
    pub service: Vec<TeamService>,
    /// The policy over every member's waiting tickets.
    pub dispatch: Dispatch,
    /// Each member's tier under `precedence` (0 first); all 0 when pooled.
    pub tiers: Vec<u32>,
    /// The currency of the teams' costs.
    pub currency: String,
    /// The portfolio file, to place problems.
    file: String,
    document: Arc<Document>,
}

/// One agreement of a portfolio.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its identifier in reports, team limits and `precedence`.
    pub id: String,
    /// Its scenario as read (its own period and staffing are replaced by
    /// the portfolio's).
    pub scenario: Scenario,
    /// The scenario's file.
    pub file: PathBuf,
    /// The factor on its ticket volume (1 when not given).
    pub volume: f64,
}

/// Whom a shared team serves.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamService {
    /// Per member: whether the team works its tickets.
    pub serves: Vec<bool>,
    /// Per member: the member's agreement team it is (its OLAs).
    pub acts_as: Vec<Option<String>>,
}

/// The file's fields, with members `M` as a file names them
/// ([`MemberFile`]) or as the app's library does ([`LibraryMember`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PortfolioFile<M> {
    #[serde(default)]
    name: String,
    members: Vec<M>,
    start: LocalDateTime,
    time_zone: String,
    warm_up: Duration,
    horizon: Duration,
    staffing: SharedStaffing,
    #[serde(default)]
    dispatch: DispatchPolicy,
    #[serde(default)]
    precedence: Option<Vec<String>>,
    #[serde(default)]
    currency: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberFile {
    id: String,
    scenario: String,
    #[serde(default)]
    volume: Option<Percent>,
}

/// What the reader needs of a member entry, whatever names its scenario.
trait MemberEntry {
    fn id(&self) -> &str;
    fn volume(&self) -> Option<Percent>;
}

impl MemberEntry for MemberFile {
    fn id(&self) -> &str {
        &self.id
    }
    fn volume(&self) -> Option<Percent> {
        self.volume
    }
}

impl MemberEntry for LibraryMember {
    fn id(&self) -> &str {
        &self.id
    }
    fn volume(&self) -> Option<Percent> {
        self.volume
    }
}

/// Which scenario of a library agreement a member simulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioChoice {
    /// The scenario saved for the agreement on the Simulation screen (the
    /// one that screen starts with when none is saved yet).
    #[default]
    Saved,
    /// The scenario the agreement starts with: its sample's, else one
    /// derived from its plans, priorities and calendar.
    Default,
}

impl ScenarioChoice {
    /// The word stored and written for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ScenarioChoice::Saved => "saved",
            ScenarioChoice::Default => "default",
        }
    }
}

/// A member of a portfolio in the app: an agreement of the library, which
/// of its scenarios, and its volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LibraryMember {
    /// Its identifier in reports, team limits, `acts_as` and `precedence`.
    pub id: String,
    /// The agreement's name in the library.
    pub agreement: String,
    /// Which of the agreement's scenarios.
    #[serde(default)]
    pub scenario: ScenarioChoice,
    /// The factor on its ticket volume (100% when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<Percent>,
}

/// The shared teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedStaffing {
    /// The teams every member's tickets may go to.
    pub teams: Vec<SharedTeam>,
}

/// A scenario team's fields, with `acts_as` and `members` for
/// `agreement_team`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedTeam {
    /// The team's name in reports.
    pub name: String,
    /// Per member identifier, the member's agreement team it is (its
    /// OLAs).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub acts_as: BTreeMap<String, String>,
    /// The members it serves; every member when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
    /// The zone of its shifts, when not the portfolio's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The stages it works.
    pub stages: Vec<Stage>,
    /// The priorities it takes; every one when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
    /// The plans it takes; every one when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<String>,
    /// The channels it takes; every one when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// The share of shift time not available for tickets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrinkage: Option<Percent>,
    /// Chats an agent holds at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_concurrency: Option<u32>,
    /// The cost of an agent-hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_hour: Option<Money>,
    /// Its shifts.
    pub shifts: Vec<Shift>,
}

/// A portfolio as the app edits and stores it: a name, members from the
/// library and what they share. Used for the UI's types; the value itself
/// travels as JSON and is read by [`Portfolio::from_library`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioSpec {
    /// The portfolio's name.
    #[serde(default)]
    pub name: String,
    /// The agreements served.
    pub members: Vec<LibraryMember>,
    /// The shared start, warm-up included.
    pub start: LocalDateTime,
    /// The shared zone.
    pub time_zone: String,
    /// The shared warm-up.
    pub warm_up: Duration,
    /// The shared measured horizon.
    pub horizon: Duration,
    /// The shared teams.
    pub staffing: SharedStaffing,
    /// The policy over every member's waiting tickets.
    #[serde(default)]
    pub dispatch: DispatchPolicy,
    /// A tier per member, in order; pooled when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<Vec<String>>,
    /// The currency of the teams' costs (the first member's when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// A library agreement as a member reads it: the agreement (as the editor
/// holds it) and the scenario saved for it, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryAgreement {
    /// The agreement as JSON.
    pub agreement: serde_json::Value,
    /// Its saved scenario (a scenario's fields without the agreement).
    pub scenario: Option<serde_json::Value>,
}

/// A member's scenario and the file (or library label) it came from.
type MemberFound = Result<(Scenario, PathBuf), MemberError>;

/// Why a member's scenario could not be had: a problem of one field of
/// the member's entry, or the member scenario's own error.
enum MemberError {
    At {
        field: &'static str,
        problem: String,
    },
    Scenario(ScenarioError),
}

impl SharedTeam {
    fn team(&self) -> Team {
        Team {
            name: self.name.clone(),
            agreement_team: None,
            time_zone: self.time_zone.clone(),
            stages: self.stages.clone(),
            priorities: self.priorities.clone(),
            plans: self.plans.clone(),
            channels: self.channels.clone(),
            shrinkage: self.shrinkage,
            chat_concurrency: self.chat_concurrency.unwrap_or(1),
            cost_per_hour: self.cost_per_hour,
            shifts: self.shifts.clone(),
            excluded: false,
        }
    }
}

/// Whether a scenario text is a portfolio (it has `members`), so that
/// one command reads either.
pub fn is_portfolio(text: &str) -> bool {
    Document::parse(text).is_ok_and(|d| d.has_field("members"))
}

/// The problems found so far, each once, in the order found.
#[derive(Default)]
struct Found(Vec<(String, String)>);

impl Found {
    fn add(&mut self, path: impl Into<String>, problem: impl Into<String>) {
        let p = (path.into(), problem.into());
        if !self.0.contains(&p) {
            self.0.push(p);
        }
    }
}

impl Portfolio {
    /// Reads and checks a portfolio file; member scenario paths are read
    /// from the portfolio's folder, each through the same reader and
    /// checks as `pledge simulate` (its agreement validated).
    pub fn load(path: &Path) -> Result<Portfolio, ScenarioError> {
        let text = format::read_text(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        Portfolio::read(&text, base, &path.display().to_string())
    }

    /// Reads and checks a portfolio from its text; member scenario paths
    /// are read from `base_dir`.
    pub fn from_text(text: &str, base_dir: &Path) -> Result<Portfolio, ScenarioError> {
        Portfolio::read(text, base_dir, "<text>")
    }

    fn read(text: &str, base_dir: &Path, file: &str) -> Result<Portfolio, ScenarioError> {
        Portfolio::read_with(text, file, &|m: &MemberFile| {
            let scenario_file = base_dir.join(&m.scenario);
            match Scenario::load(&scenario_file) {
                Ok(scenario) => Ok((scenario, scenario_file)),
                Err(ScenarioError::File(e)) => Err(MemberError::At {
                    field: "scenario",
                    problem: e.to_string(),
                }),
                Err(other) => Err(MemberError::Scenario(other)),
            }
        })
    }

    /// Reads and checks a portfolio of the app's library (a
    /// [`PortfolioSpec`] as JSON or YAML text) with the same reader and
    /// checks as a portfolio file: each member's agreement is taken from
    /// `agreements` by its library name, with its saved scenario or the
    /// one it starts with (`today` its start), embedded and read through
    /// the scenario reader's gate (its agreement validated). A problem of
    /// a member's scenario is placed under `members[N]`; one of what the
    /// members share at its path, with the words `pledge simulate` uses.
    pub fn from_library(
        text: &str,
        agreements: &BTreeMap<String, LibraryAgreement>,
        today: chrono::NaiveDate,
    ) -> Result<Portfolio, ScenarioError> {
        Portfolio::read_with(text, "<portfolio>", &|m: &LibraryMember| {
            let Some(found) = agreements.get(&m.agreement) else {
                return Err(MemberError::At {
                    field: "agreement",
                    problem: format!("the library has no agreement `{}`", m.agreement),
                });
            };
            let scenario = match (m.scenario, &found.scenario) {
                (ScenarioChoice::Saved, Some(saved)) => saved.clone(),
                _ => super::spec::initial_scenario(&found.agreement, today)
                    .and_then(|spec| serde_json::to_value(spec).ok())
                    .unwrap_or_default(),
            };
            let label = format!("{} ({} scenario)", m.agreement, m.scenario.as_str());
            match super::spec::build(&scenario, &found.agreement) {
                Ok(scenario) => Ok((scenario, PathBuf::from(label))),
                Err(e) => Err(MemberError::Scenario(e)),
            }
        })
    }

    /// The one reader of a portfolio's text: `member` finds each member's
    /// scenario from its entry.
    fn read_with<M: MemberEntry + serde::de::DeserializeOwned>(
        text: &str,
        file: &str,
        member: &dyn Fn(&M) -> MemberFound,
    ) -> Result<Portfolio, ScenarioError> {
        let format_error = |source| ScenarioError::Format {
            file: file.to_owned(),
            source,
        };
        let document = Document::parse(text).map_err(format_error)?;
        let raw: PortfolioFile<M> = document.deserialize().map_err(format_error)?;
        let mut found = Found::default();
        if raw.members.is_empty() {
            found.add("members", "name at least one member scenario");
        } else if raw.members.len() > MAX_MEMBERS {
            found.add(
                "members",
                format!("at most {MAX_MEMBERS} members in one portfolio"),
            );
        }
        let mut members = Vec::new();
        for (i, m) in raw.members.iter().enumerate() {
            let path = format!("members[{i}]");
            if m.id().trim().is_empty() {
                found.add(format!("{path}.id"), "give the member an identifier");
            } else if raw.members[..i].iter().any(|o| o.id() == m.id()) {
                found.add(
                    format!("{path}.id"),
                    format!(
                        "`{}` names another member already; each member needs its own identifier",
                        m.id()
                    ),
                );
            }
            let volume = m.volume().map_or(1.0, |v| v.fraction());
            if !(volume.is_finite() && volume > 0.0 && volume <= 100.0) {
                found.add(
                    format!("{path}.volume"),
                    "must lie above 0% and at most 10000%",
                );
            }
            match member(m) {
                Ok((scenario, scenario_file)) => members.push(Member {
                    id: m.id().to_owned(),
                    scenario,
                    file: scenario_file,
                    volume,
                }),
                Err(MemberError::At { field, problem }) => {
                    found.add(format!("{path}.{field}"), problem)
                }
                Err(MemberError::Scenario(other)) => {
                    return Err(ScenarioError::Member {
                        file: file.to_owned(),
                        location: Some(document.locate(&path)),
                        path,
                        source: Box::new(other),
                    })
                }
            }
        }
        let time_zone: Tz = raw.time_zone.parse().unwrap_or_else(|_| {
            found.add(
                "time_zone",
                format!(
                    "`{}` is not an IANA time zone; write e.g. `Europe/Paris`",
                    raw.time_zone
                ),
            );
            Tz::UTC
        });
        // The member checks below need every member's scenario.
        if members.len() == raw.members.len() && !members.is_empty() {
            let ids: Vec<&str> = raw.members.iter().map(|m| m.id()).collect();
            let service = team_service(&raw.staffing, &members, &ids, &mut found);
            let tiers = tiers(raw.precedence.as_deref(), &ids, &mut found);
            let currency = raw
                .currency
                .clone()
                .unwrap_or_else(|| members[0].scenario.agreement.meta.currency.clone());
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
                found.add("currency", "an ISO 4217 code in capitals, e.g. `EUR`");
            }
            let portfolio = Portfolio {
                name: raw.name.clone(),
                members,
                start: raw.start,
                time_zone,
                warm_up: raw.warm_up,
                horizon: raw.horizon,
                staffing: Staffing {
                    teams: raw.staffing.teams.iter().map(SharedTeam::team).collect(),
                },
                service,
                dispatch: match raw.dispatch {
                    DispatchPolicy::Fifo => Dispatch::FirstComeFirstServed,
                    DispatchPolicy::Priority => Dispatch::StrictPriority,
                    DispatchPolicy::Deadline => Dispatch::EarliestDeadlineFirst,
                },
                tiers,
                currency,
                file: file.to_owned(),
                document: Arc::new(document.clone()),
            };
            if found.0.is_empty() {
                portfolio.member_problems(&mut found);
            }
            if found.0.is_empty() {
                return Ok(portfolio);
            }
        }
        let located = found
            .0
            .into_iter()
            .map(|(path, problem)| ScenarioProblem {
                location: Some(document.locate(&path)),
                path,
                problem,
            })
            .collect();
        Err(
            ScenarioError::of_problems(file, located).unwrap_or_else(|| ScenarioError::Invalid {
                file: file.to_owned(),
                path: "members".into(),
                problem: "no member could be read".into(),
                location: Some(document.locate("members")),
            }),
        )
    }

    /// The problems of each member's scenario as the portfolio serves it:
    /// the shared period and teams (found once, at the portfolio's own
    /// paths), and what depends on them in the member (a kind of ticket no
    /// shared team works, an escalation moving tickets to a team the
    /// portfolio does not have), under the member's path.
    fn member_problems(&self, found: &mut Found) {
        for k in 0..self.members.len() {
            for (path, problem) in self.view(k).problems() {
                let shared = ["warm_up", "horizon", "staffing"].iter().any(|f| {
                    path == *f
                        || path.starts_with(&format!("{f}."))
                        || path.starts_with(&format!("{f}["))
                });
                // A team's agreement team and its limits are checked per
                // member above, at `acts_as` and the team's lists.
                let per_member = path.ends_with(".agreement_team")
                    || path.contains(".plans[")
                    || path.contains(".priorities[")
                    || path.contains(".channels[");
                if shared && !per_member {
                    found.add(path, problem);
                } else if !shared {
                    found.add(
                        format!("members[{k}]"),
                        format!("in {}, {path}: {problem}", self.members[k].file.display()),
                    );
                }
            }
        }
    }

    /// Member `k`'s scenario as the portfolio simulates it: its agreement,
    /// workload (at its volume), work, incidents, escalation and patience,
    /// with the shared period, dispatch policy and teams, each team acting
    /// as the member's agreement team it names, and excluded when it does
    /// not serve the member (or is limited to plans, priorities or
    /// channels the member's agreement does not have).
    pub fn view(&self, k: usize) -> Scenario {
        let member = &self.members[k];
        let mut v = member.scenario.clone();
        v.start = self.start;
        v.time_zone = self.time_zone;
        v.warm_up = self.warm_up;
        v.horizon = self.horizon;
        v.dispatch = self.dispatch;
        if let Some(w) = &mut v.workload.tickets_per_week {
            *w *= member.volume;
        }
        if let Some(m) = &mut v.workload.tickets_per_month {
            *m *= member.volume;
        }
        let agreement = &member.scenario.agreement;
        v.staffing = Staffing {
            teams: self
                .staffing
                .teams
                .iter()
                .zip(&self.service)
                .map(|(t, s)| {
                    let mut t = t.clone();
                    t.agreement_team = s.acts_as[k].clone();
                    // A limit keeps the names this agreement has; a limit
                    // left with none of them serves none of its tickets.
                    let mut keeps = true;
                    let mut keep = |names: &mut Vec<String>, known: &dyn Fn(&str) -> bool| {
                        if !names.is_empty() {
                            names.retain(|n| known(n));
                            keeps &= !names.is_empty();
                        }
                    };
                    keep(&mut t.plans, &|n| agreement.plan(n).is_some());
                    keep(&mut t.priorities, &|n| agreement.priority(n).is_some());
                    keep(&mut t.channels, &|n| {
                        agreement.channels.iter().any(|c| c.id == n)
                    });
                    t.excluded = !s.serves[k] || !keeps;
                    t
                })
                .collect(),
        };
        v
    }

    /// The shared settings as a scenario: the portfolio's name, period,
    /// teams (no agreement team) and dispatch, over the first member's
    /// agreement. Sizing changes its headcounts.
    pub fn shared(&self) -> Scenario {
        let mut s = self.view(0);
        s.name = self.name.clone();
        s.staffing = self.staffing.clone();
        s
    }

    /// Compiles the portfolio for the engine, with the teams' headcounts
    /// of `staffing` (the portfolio's own, or a sizing's candidate).
    pub fn compile_with(&self, staffing: &Staffing) -> Result<CompiledModel, SimError> {
        let mut with = self.clone();
        with.staffing = staffing.clone();
        let mut shared = with.shared();
        shared.staffing = staffing.clone();
        let views: Vec<Scenario> = (0..with.members.len()).map(|k| with.view(k)).collect();
        let ids: Vec<String> = with.members.iter().map(|m| m.id.clone()).collect();
        compile_members(&Members {
            shared: &shared,
            views: &views,
            ids: Some(&ids),
            tiers: &with.tiers,
        })
    }

    /// Compiles the portfolio for the engine.
    pub fn compile(&self) -> Result<CompiledModel, SimError> {
        self.compile_with(&self.staffing)
    }

    /// A problem with the value at `path` of the portfolio file, placed at
    /// its line and column.
    pub fn problem(&self, path: &str, problem: impl Into<String>) -> ScenarioError {
        ScenarioError::Invalid {
            file: self.file.clone(),
            path: path.to_owned(),
            problem: problem.into(),
            location: Some(self.document.locate(path)),
        }
    }

    /// The offered work against the shared teams' hours, as `pledge
    /// simulate` judges it: above [`super::model::MAX_OVERLOAD`] times the
    /// capacity the portfolio is refused at `members`; otherwise the
    /// balance (above 1× the backlog grows).
    pub fn check_workload(
        &self,
        compiled: &CompiledModel,
    ) -> Result<super::model::WorkloadBalance, ScenarioError> {
        let balance = compiled.workload_balance();
        if balance.factor() > super::model::MAX_OVERLOAD {
            return Err(self.problem(
                "members",
                format!(
                    "{balance}; Pledge simulates up to {}× the capacity: check the volumes and their units, or the headcounts",
                    super::model::MAX_OVERLOAD
                ),
            ));
        }
        Ok(balance)
    }

    /// The member identifiers, in order.
    pub fn ids(&self) -> Vec<String> {
        self.members.iter().map(|m| m.id.clone()).collect()
    }
}

/// Whom each shared team serves and as which agreement team, with the
/// problems of `acts_as`, `members` and the team's limits.
fn team_service(
    staffing: &SharedStaffing,
    members: &[Member],
    ids: &[&str],
    found: &mut Found,
) -> Vec<TeamService> {
    let mut service = Vec::new();
    for (i, t) in staffing.teams.iter().enumerate() {
        let path = format!("staffing.teams[{i}]");
        let mut serves = vec![t.members.is_none(); members.len()];
        for (j, id) in t.members.iter().flatten().enumerate() {
            match ids.iter().position(|x| x == id) {
                Some(k) if serves[k] => found.add(
                    format!("{path}.members[{j}]"),
                    format!("`{id}` is named twice"),
                ),
                Some(k) => serves[k] = true,
                None => found.add(
                    format!("{path}.members[{j}]"),
                    format!("the portfolio has no member `{id}`"),
                ),
            }
        }
        let mut acts_as = vec![None; members.len()];
        for (id, team) in &t.acts_as {
            let at = format!("{path}.acts_as.{id}");
            let Some(k) = ids.iter().position(|x| x == id) else {
                found.add(at, format!("the portfolio has no member `{id}`"));
                continue;
            };
            let agreement = &members[k].scenario.agreement;
            if !agreement.teams.iter().any(|x| &x.id == team) {
                found.add(
                    at,
                    format!(
                        "no team `{team}` in agreement `{}` of member `{id}`",
                        agreement.meta.reference
                    ),
                );
            } else if !serves[k] {
                found.add(at, format!("the team does not serve member `{id}`"));
            }
            acts_as[k] = Some(team.clone());
        }
        // A limit names something of at least one member it serves.
        let served: Vec<&Member> = members
            .iter()
            .zip(&serves)
            .filter(|(_, s)| **s)
            .map(|(m, _)| m)
            .collect();
        for (j, p) in t.plans.iter().enumerate() {
            if !served
                .iter()
                .any(|m| m.scenario.agreement.plan(p).is_some())
            {
                found.add(
                    format!("{path}.plans[{j}]"),
                    format!("no agreement the team serves has plan `{p}`"),
                );
            }
        }
        for (j, p) in t.priorities.iter().enumerate() {
            if !served
                .iter()
                .any(|m| m.scenario.agreement.priority(p).is_some())
            {
                found.add(
                    format!("{path}.priorities[{j}]"),
                    format!("no agreement the team serves has priority `{p}`"),
                );
            }
        }
        for (j, c) in t.channels.iter().enumerate() {
            if !served
                .iter()
                .any(|m| m.scenario.agreement.channels.iter().any(|x| &x.id == c))
            {
                found.add(
                    format!("{path}.channels[{j}]"),
                    format!("no agreement the team serves has channel `{c}`"),
                );
            }
        }
        service.push(TeamService { serves, acts_as });
    }
    service
}

/// Each member's tier under `precedence`: the members named in order, then
/// the others together; all 0 when absent.
fn tiers(precedence: Option<&[String]>, ids: &[&str], found: &mut Found) -> Vec<u32> {
    let Some(order) = precedence else {
        return vec![0; ids.len()];
    };
    let mut tiers = vec![order.len() as u32; ids.len()];
    for (j, id) in order.iter().enumerate() {
        match ids.iter().position(|x| x == id) {
            Some(_) if order[..j].contains(id) => {
                found.add(format!("precedence[{j}]"), format!("`{id}` is named twice"));
            }
            Some(k) => tiers[k] = j as u32,
            None => found.add(
                format!("precedence[{j}]"),
                format!("the portfolio has no member `{id}`"),
            ),
        }
    }
    tiers
}

/// A member's part of a portfolio run.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRun {
    /// The member's identifier.
    pub id: String,
    /// Its objectives, OLAs, abandonment and escalation rows (the shared
    /// figures, teams and backlog, are the portfolio's).
    pub report: SimReport,
    /// Its credits, in its agreement's currency (no staff cost: the teams
    /// are shared).
    pub credits: ScenarioCredits,
}

/// What a member holds of its objectives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberHeld {
    /// The member.
    pub member: String,
    /// Its objectives with a contractual share.
    pub objectives: usize,
    /// Of those, the ones whose mean compliance reaches the share.
    pub held: usize,
    /// The lowest share of months meeting an objective.
    pub lowest_p_meets: Option<f64>,
}

/// The credits of the members owing in one currency, summed month by
/// month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrencyCredits {
    /// ISO 4217.
    pub currency: String,
    /// The members whose agreements are in it.
    pub members: Vec<String>,
    /// The mean monthly total over the replication-months.
    pub expected: Money,
    /// The 95th percentile of a month's total (of the sums, not the sum
    /// of the members' percentiles).
    pub p95: Money,
}

/// The portfolio's figures across its members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioSummary {
    /// Per member, the objectives it holds.
    pub held: Vec<MemberHeld>,
    /// Credits per currency.
    pub credits: Vec<CurrencyCredits>,
    /// The teams' cost, in [`PortfolioSummary::staff_currency`], when
    /// some team or shift gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<StaffCost>,
    /// The currency of the staff cost.
    pub staff_currency: String,
}

/// A simulated portfolio.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRun {
    /// The whole run: every member's rows (each naming its member), the
    /// shared teams' occupancy, backlog and heat-map.
    pub report: SimReport,
    /// Per member, its rows and credits.
    pub members: Vec<MemberRun>,
    /// Across members.
    pub summary: PortfolioSummary,
}

impl PortfolioRun {
    /// The run as `pledge simulate --format json` prints it: the whole
    /// report, `members` (each with its report's rows and its credits) and
    /// `portfolio`.
    pub fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        let mut value = serde_json::to_value(&self.report)?;
        let members = self
            .members
            .iter()
            .map(|m| {
                Ok(serde_json::json!({
                    "id": m.id,
                    "objectives": serde_json::to_value(&m.report.objectives)?,
                    "olas": serde_json::to_value(&m.report.olas)?,
                    "abandonment": serde_json::to_value(&m.report.abandonment)?,
                    "escalation": serde_json::to_value(&m.report.escalation)?,
                    "credits": serde_json::to_value(&m.credits)?,
                }))
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        value["members"] = serde_json::Value::Array(members);
        value["portfolio"] = serde_json::to_value(&self.summary)?;
        Ok(value)
    }
}

/// A member's rows of a portfolio report, without the member's name.
pub fn member_report(report: &SimReport, id: &str) -> SimReport {
    let mine = |m: &Option<String>| m.as_deref() == Some(id);
    let mut r = report.clone();
    r.objectives.retain(|o| mine(&o.member));
    r.olas.retain(|o| mine(&o.member));
    r.abandonment.retain(|o| mine(&o.member));
    if let Some(levels) = &mut r.escalation {
        levels.retain(|l| mine(&l.member));
    }
    r.objectives.iter_mut().for_each(|o| o.member = None);
    r.olas.iter_mut().for_each(|o| o.member = None);
    r.abandonment.iter_mut().for_each(|o| o.member = None);
    if let Some(levels) = &mut r.escalation {
        levels.iter_mut().for_each(|l| l.member = None);
    }
    r
}

/// The credits and portfolio figures of a portfolio's report: each
/// member's credits on its rows (its incidents simulated on a stream of
/// its own), summed per currency month by month.
pub fn portfolio_outcome(
    portfolio: &Portfolio,
    report: SimReport,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<PortfolioRun, SimError> {
    let mut members = Vec::new();
    for (k, m) in portfolio.members.iter().enumerate() {
        let mine = member_report(&report, &m.id);
        // The teams are shared: their cost is the portfolio's, not a
        // member's.
        let mut view = portfolio.view(k);
        view.staffing.teams.clear();
        let own = RunConfig {
            seed: config
                .seed
                .wrapping_add((k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            ..*config
        };
        let credits = scenario_credits(&view, &mine, &own, observer)?;
        members.push(MemberRun {
            id: m.id.clone(),
            report: mine,
            credits,
        });
    }
    let summary = summarise(portfolio, &members);
    Ok(PortfolioRun {
        report,
        members,
        summary,
    })
}

fn summarise(portfolio: &Portfolio, members: &[MemberRun]) -> PortfolioSummary {
    let held = members
        .iter()
        .map(|m| {
            let with_share: Vec<_> = m
                .report
                .objectives
                .iter()
                .filter_map(|o| o.objective.map(|goal| (o, goal)))
                .collect();
            MemberHeld {
                member: m.id.clone(),
                objectives: with_share.len(),
                held: with_share
                    .iter()
                    .filter(|(o, goal)| o.compliance.mean >= goal.fraction() - 1e-12)
                    .count(),
                lowest_p_meets: m
                    .report
                    .objectives
                    .iter()
                    .filter_map(|o| o.p_meets)
                    .reduce(f64::min),
            }
        })
        .collect();
    let mut currencies: Vec<String> = Vec::new();
    for m in members {
        if !currencies.contains(&m.credits.currency) {
            currencies.push(m.credits.currency.clone());
        }
    }
    let credits = currencies
        .into_iter()
        .map(|currency| {
            let of: Vec<&MemberRun> = members
                .iter()
                .filter(|m| m.credits.currency == currency)
                .collect();
            let mut sums: Vec<i64> = Vec::new();
            for m in &of {
                for (i, cents) in m.credits.per_month.iter().flatten().enumerate() {
                    if i == sums.len() {
                        sums.push(0);
                    }
                    sums[i] = sums[i].saturating_add(cents.cents());
                }
            }
            CurrencyCredits {
                members: of.iter().map(|m| m.id.clone()).collect(),
                expected: crate::credits::mean_cents(&sums),
                p95: crate::credits::quantile_cents(sums, 0.95),
                currency,
            }
        })
        .collect();
    PortfolioSummary {
        held,
        credits,
        staff: portfolio.staffing.cost(),
        staff_currency: portfolio.currency.clone(),
    }
}

/// Runs a portfolio and works out its credits: the one way the command
/// line (and, later, the app's portfolio screen) simulates a portfolio.
/// `observer` hears of every replication; `cancel` stops the run inside
/// its replications and the credits between theirs.
pub fn simulate_portfolio_with_credits(
    portfolio: &Portfolio,
    compiled: &CompiledModel,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
    cancel: &CancelToken,
) -> Result<PortfolioRun, SimError> {
    let report = super::model::simulate_until(compiled, config, observer, cancel)?;
    let quiet = |_: Progress| cancel.flow();
    portfolio_outcome(portfolio, report, config, &quiet)
}

/// The portfolio a director starts from when picking agreements of the
/// library: each agreement a member (its identifier the agreement's name)
/// with its saved scenario at its own volume; the period, zone, dispatch
/// and teams of the first agreement's scenario `first`, each team acting
/// for the first member as its agreement team and serving every member.
pub fn initial_portfolio(
    name: &str,
    agreements: &[String],
    first: &super::spec::ScenarioSpec,
) -> PortfolioSpec {
    let members: Vec<LibraryMember> = agreements
        .iter()
        .map(|a| LibraryMember {
            id: a.clone(),
            agreement: a.clone(),
            scenario: ScenarioChoice::Saved,
            volume: None,
        })
        .collect();
    let teams = first
        .staffing
        .teams
        .iter()
        .map(|t| SharedTeam {
            name: t.name.clone(),
            acts_as: match (&t.agreement_team, members.first()) {
                (Some(team), Some(m)) => [(m.id.clone(), team.clone())].into_iter().collect(),
                _ => BTreeMap::new(),
            },
            members: None,
            time_zone: t.time_zone.clone(),
            stages: t.stages.clone(),
            priorities: t.priorities.clone(),
            plans: t.plans.clone(),
            channels: t.channels.clone(),
            shrinkage: t.shrinkage,
            chat_concurrency: (t.chat_concurrency != 1).then_some(t.chat_concurrency),
            cost_per_hour: t.cost_per_hour,
            shifts: t.shifts.clone(),
        })
        .collect();
    PortfolioSpec {
        name: name.to_owned(),
        members,
        start: first.start,
        time_zone: first.time_zone.clone(),
        warm_up: first.warm_up,
        horizon: first.horizon,
        staffing: SharedStaffing { teams },
        dispatch: first.dispatch,
        precedence: None,
        currency: None,
    }
}
