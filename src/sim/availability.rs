//! Availability: monthly uptime of each service under random incidents,
//! measured as the agreement says, and the credits it earns.
//!
//! # Rules
//!
//! - Incidents of a service arrive as a Poisson process (a constant rate per
//!   month of 365.25 / 12 days) and last a duration drawn from their
//!   distribution. Overlapping incidents count once (the union of their
//!   intervals). Incidents start one month before the first measured month,
//!   so a month begins with the outages still running from the month before.
//! - Months are calendar months on the clock of the measured calendar's time
//!   zone (else that of the first maintenance window, else UTC).
//! - Only the measured calendar's opening hours count, both in the downtime
//!   and in the time measured; around the clock when the commitment names no
//!   calendar. Holidays and closures of that calendar are not measured.
//! - Downtime inside a weekly planned-maintenance window does not count (the
//!   windows are taken as announced), up to the commitment's
//!   `max_per_period` of excluded time per month, counted in measured time.
//!   The time measured is not reduced: planned maintenance is simply not
//!   downtime, which is what the model says.
//! - Replication `i` draws from the stream `(seed ⊕ a fixed salt, i)`, so
//!   the incidents do not reuse the ticket engine's numbers and a run is the
//!   same on any number of threads.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use rand::RngExt;

use super::dist::{DurationDistribution, Sampler};
use super::rng::SimRng;
use super::run::{run_replications, Flow, Progress, RunConfig};
use super::SimError;
use crate::clock::{elapsed, BusinessCalendar};
use crate::credits::{CreditRules, CreditSummary, Measured, MonthMeasures, UptimeMeasure};
use crate::model::{Agreement, CreditBasis, Percent};

/// Seconds in the average month of the Gregorian calendar.
const MONTH_SECONDS: f64 = 365.25 / 12.0 * 86_400.0;

/// Mixed into the run's seed so that incidents draw from streams of their own.
const STREAM_SALT: u64 = 0x0a7a_11ab_1e5e_ed00;

/// How a service fails: the scenario's incidents for one service.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentModel {
    /// The service.
    pub service: String,
    /// The mean number of incidents per month (of 365.25 / 12 days).
    pub per_month: f64,
    /// How long an incident lasts.
    pub duration: DurationDistribution,
}

/// The months to simulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Horizon {
    /// A day in the first measured month.
    pub first_month: NaiveDate,
    /// How many consecutive calendar months.
    pub months: u32,
}

/// A weekly maintenance window in local time.
#[derive(Debug, Clone)]
struct Window {
    weekday: chrono::Weekday,
    start_minutes: i64,
    seconds: i64,
    tz: Tz,
}

/// A service's commitment and incidents, validated and ready to simulate.
#[derive(Debug, Clone)]
pub struct ServiceModel {
    service: String,
    target: Percent,
    calendar: Option<BusinessCalendar>,
    tz: Tz,
    windows: Vec<Window>,
    max_excluded: Option<i64>,
    incidents: Vec<(f64, Sampler)>,
}

impl ServiceModel {
    /// The service's identifier.
    pub fn service(&self) -> &str {
        &self.service
    }
    /// The committed uptime.
    pub fn target(&self) -> Percent {
        self.target
    }
}

fn invalid(path: impl Into<String>, problem: impl Into<String>) -> SimError {
    SimError::InvalidParameter {
        path: path.into(),
        problem: problem.into(),
    }
}

/// Prepares every service that has both an availability commitment and at
/// least one incident model; `incidents[i]` is reported as `incidents[i]`.
pub fn prepare(
    agreement: &Agreement,
    incidents: &[IncidentModel],
) -> Result<Vec<ServiceModel>, SimError> {
    for (i, model) in incidents.iter().enumerate() {
        if !agreement.services.iter().any(|s| s.id == model.service) {
            return Err(invalid(
                format!("incidents[{i}].service"),
                format!("no service `{}` in the agreement", model.service),
            ));
        }
        if !(model.per_month.is_finite() && model.per_month >= 0.0) {
            return Err(invalid(
                format!("incidents[{i}].per_month"),
                "the rate must be zero or a positive number",
            ));
        }
    }
    let mut models = Vec::new();
    for (s, service) in agreement.services.iter().enumerate() {
        let Some(commitment) = &service.availability else {
            continue;
        };
        let mine: Vec<(usize, &IncidentModel)> = incidents
            .iter()
            .enumerate()
            .filter(|(_, m)| m.service == service.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let calendar = match &commitment.calendar {
            None => None,
            Some(id) => {
                let found = agreement.calendar(id).ok_or_else(|| {
                    invalid(
                        format!("services[{s}].availability.calendar"),
                        format!("no calendar `{id}` in the agreement"),
                    )
                })?;
                Some(
                    BusinessCalendar::compile(found)
                        .map_err(|e| invalid(format!("calendars[{id}]"), e.to_string()))?,
                )
            }
        };
        let mut windows = Vec::new();
        let mut max_excluded = None;
        if let Some(m) = &commitment.maintenance {
            for (w, window) in m.windows.iter().enumerate() {
                let tz: Tz = window.time_zone.parse().map_err(|_| {
                    invalid(
                        format!("services[{s}].availability.maintenance.windows[{w}].time_zone"),
                        format!("`{}` is not an IANA time zone", window.time_zone),
                    )
                })?;
                windows.push(Window {
                    weekday: window.day,
                    start_minutes: i64::from(window.start.minutes()),
                    seconds: window.duration.as_seconds().max(0),
                    tz,
                });
            }
            max_excluded = m.max_per_period.map(|d| d.as_seconds().max(0));
        }
        let tz = calendar
            .as_ref()
            .map(|c| c.time_zone())
            .or_else(|| windows.first().map(|w| w.tz))
            .unwrap_or(Tz::UTC);
        let mut draws = Vec::new();
        for (i, model) in mine {
            draws.push((
                model.per_month / MONTH_SECONDS,
                model
                    .duration
                    .sampler(&format!("incidents[{i}].duration"))?,
            ));
        }
        models.push(ServiceModel {
            service: service.id.clone(),
            target: commitment.target,
            calendar,
            tz,
            windows,
            max_excluded,
            incidents: draws,
        });
    }
    Ok(models)
}

/// The first instant of the calendar month `months` after the month of
/// `date`, on `tz`'s clock.
fn month_start(tz: &Tz, date: NaiveDate, months: u32) -> Result<i64, SimError> {
    let index = date.year() * 12 + date.month0() as i32 + months as i32;
    let first = NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .ok_or_else(|| invalid("horizon", "the months fall outside the supported dates"))?;
    Ok(local_to_utc(
        tz,
        first.and_hms_opt(0, 0, 0).unwrap_or_default(),
    ))
}

/// The UTC instant of a local time; a skipped local time maps to the
/// instant after the jump, a repeated one to its first occurrence.
fn local_to_utc(tz: &Tz, local: chrono::NaiveDateTime) -> i64 {
    for step in 0..4 {
        let probe = local + chrono::Duration::minutes(30 * step);
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return t.timestamp() - 1800 * step;
        }
    }
    local.and_utc().timestamp()
}

fn utc(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or_default()
}

impl ServiceModel {
    /// Measured seconds between two instants.
    fn measure(&self, from: i64, to: i64) -> Result<i64, SimError> {
        if to <= from {
            return Ok(0);
        }
        match &self.calendar {
            None => Ok(to - from),
            Some(calendar) => elapsed(calendar, utc(from), utc(to), &[])
                .map(|d| d.as_seconds())
                .map_err(|e| invalid("horizon", e.to_string())),
        }
    }

    /// The maintenance windows that overlap `[from, to)`.
    fn windows_in(&self, from: i64, to: i64) -> Vec<(i64, i64)> {
        let mut found = Vec::new();
        for w in &self.windows {
            let first = utc(from).with_timezone(&w.tz).date_naive() - chrono::Duration::days(7);
            let last = utc(to).with_timezone(&w.tz).date_naive();
            let mut day = first;
            while day <= last {
                if day.weekday() == w.weekday {
                    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default()
                        + chrono::Duration::minutes(w.start_minutes);
                    let start = local_to_utc(&w.tz, local);
                    let end = start + w.seconds;
                    if start < to && end > from {
                        found.push((start.max(from), end.min(to)));
                    }
                }
                day += chrono::Duration::days(1);
            }
        }
        found.sort_unstable();
        found
    }

    /// The uptime of `[from, to)` given the merged outages (sorted, disjoint).
    pub(crate) fn month_uptime(
        &self,
        outages: &[(i64, i64)],
        from: i64,
        to: i64,
    ) -> Result<Measured, SimError> {
        let measured = self.measure(from, to)?;
        let windows = self.windows_in(from, to);
        let mut down = 0;
        let mut excluded = 0;
        let first = outages.partition_point(|&(_, e)| e <= from);
        for &(s, e) in &outages[first..] {
            if s >= to {
                break;
            }
            let (s, e) = (s.max(from), e.min(to));
            down += self.measure(s, e)?;
            for &(ws, we) in &windows {
                excluded += self.measure(s.max(ws), e.min(we))?;
            }
        }
        if let Some(cap) = self.max_excluded {
            excluded = excluded.min(cap);
        }
        let counted = (down - excluded).clamp(0, measured);
        Ok(Measured::new((measured - counted) as u64, measured as u64))
    }

    /// The merged outages of one replication over `[from, to)`.
    fn outages(&self, rng: &mut SimRng, from: i64, to: i64) -> Vec<(i64, i64)> {
        let mut list = Vec::new();
        for (rate, sampler) in &self.incidents {
            if *rate <= 0.0 {
                continue;
            }
            let mut t = from as f64;
            loop {
                let u: f64 = rng.random();
                t += -(1.0 - u).ln() / rate;
                if t >= to as f64 {
                    break;
                }
                let d = sampler.sample(rng).max(0.0);
                list.push((t.round() as i64, (t + d).round() as i64));
            }
        }
        list.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(list.len());
        for (s, e) in list {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }
}

/// The uptime of one service over a run.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ServiceAvailability {
    /// The service.
    pub service: String,
    /// The committed uptime.
    pub target: Percent,
    /// The mean monthly uptime, in percent.
    pub mean_uptime: f64,
    /// The 5th, 50th and 95th percentiles of monthly uptime, in percent.
    pub quantiles: [f64; 3],
    /// The mean counted downtime per month, in minutes.
    pub mean_downtime_minutes: f64,
    /// The share of months whose uptime meets the commitment.
    pub p_meets: f64,
    /// The credits of the schedules that measure this service.
    pub credits: CreditSummary,
}

/// Every service's uptime, month by month, for each replication.
#[derive(Debug, Clone, PartialEq)]
pub struct AvailabilityRun {
    /// `months[r][m]`: uptime of every simulated service in month `m` of
    /// replication `r`.
    pub months: Vec<Vec<Vec<UptimeMeasure>>>,
    /// Per service, in the agreement's order.
    pub services: Vec<ServiceAvailability>,
}

impl AvailabilityRun {
    /// The measures of month `m` of replication `r`, ready to join the
    /// ticket engine's compliance for the credits.
    pub fn month_measures(&self, r: usize, m: usize) -> MonthMeasures {
        MonthMeasures {
            compliance: Vec::new(),
            uptime: self
                .months
                .get(r)
                .and_then(|run| run.get(m))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// Simulates `config.replications` runs of `horizon.months` months for each
/// service, and summarises them against the agreement's credit schedules.
pub fn simulate(
    agreement: &Agreement,
    models: &[ServiceModel],
    horizon: Horizon,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<AvailabilityRun, SimError> {
    if horizon.months == 0 {
        return Err(invalid("horizon.months", "at least one month is needed"));
    }
    let salted = RunConfig {
        seed: config.seed ^ STREAM_SALT,
        ..*config
    };
    let months = run_replications(
        &salted,
        |_, mut rng, _| {
            let mut per_month: Vec<Vec<UptimeMeasure>> = vec![Vec::new(); horizon.months as usize];
            for model in models {
                let from = month_start(&model.tz, horizon.first_month, 0)?;
                let to = month_start(&model.tz, horizon.first_month, horizon.months)?;
                let warm = from - MONTH_SECONDS as i64;
                let outages = model.outages(&mut rng, warm, to);
                for (m, slot) in per_month.iter_mut().enumerate() {
                    let start = month_start(&model.tz, horizon.first_month, m as u32)?;
                    let end = month_start(&model.tz, horizon.first_month, m as u32 + 1)?;
                    slot.push(UptimeMeasure {
                        service: model.service.clone(),
                        level: model.month_uptime(&outages, start, end)?,
                    });
                }
            }
            Ok(per_month)
        },
        observer,
    )?;
    let services = models
        .iter()
        .map(|model| summarise(agreement, model, &months))
        .collect();
    Ok(AvailabilityRun { months, services })
}

fn summarise(
    agreement: &Agreement,
    model: &ServiceModel,
    months: &[Vec<Vec<UptimeMeasure>>],
) -> ServiceAvailability {
    let schedules: Vec<_> = agreement
        .credits
        .iter()
        .filter(|c| matches!(&c.basis, CreditBasis::Availability { service } if *service == model.service))
        .cloned()
        .collect();
    let rules = CreditRules::from_schedules(&schedules, agreement.meta.monthly_fee);
    let mut uptimes = Vec::new();
    let mut downtime = 0.0;
    let mut meets = 0usize;
    let target = Measured::from_fraction(model.target.fraction());
    let mut credit_runs = Vec::new();
    for run in months {
        let mut credits = Vec::new();
        for month in run {
            let mine: Vec<UptimeMeasure> = month
                .iter()
                .filter(|u| u.service == model.service)
                .cloned()
                .collect();
            for u in &mine {
                uptimes.push(u.level.percent().unwrap_or(100.0));
                downtime += (u.level.out_of - u.level.achieved) as f64 / 60.0;
                // Meets when uptime ≥ target, compared exactly as cross products.
                if u128::from(u.level.achieved) * u128::from(target.out_of)
                    >= u128::from(target.achieved) * u128::from(u.level.out_of)
                {
                    meets += 1;
                }
            }
            credits.push(rules.month(&MonthMeasures {
                compliance: Vec::new(),
                uptime: mine,
            }));
        }
        credit_runs.push(credits);
    }
    let n = uptimes.len().max(1) as f64;
    let mean_uptime = uptimes.iter().sum::<f64>() / n;
    uptimes.sort_by(f64::total_cmp);
    let q = |p: f64| {
        if uptimes.is_empty() {
            return 100.0;
        }
        let rank = ((p * uptimes.len() as f64).ceil() as usize).clamp(1, uptimes.len());
        uptimes[rank - 1]
    };
    ServiceAvailability {
        service: model.service.clone(),
        target: model.target,
        mean_uptime,
        quantiles: [q(0.05), q(0.5), q(0.95)],
        mean_downtime_minutes: downtime / n,
        p_meets: meets as f64 / n,
        credits: rules.summarise(&credit_runs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::stats::Estimate;
    use crate::sim::time::SimDuration;

    fn sample(name: &str) -> Agreement {
        let text = crate::samples::SAMPLES
            .iter()
            .find(|s| s.name == name)
            .expect("sample exists")
            .text;
        crate::format::read(text).expect("the sample reads")
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .timestamp()
    }

    fn hours(h: f64) -> DurationDistribution {
        DurationDistribution::Exponential {
            mean: SimDuration::from_hours(h),
        }
    }

    #[test]
    fn maintenance_windows_and_business_hours_are_not_downtime() {
        // The French sample: servers measured 24/7, maintenance Wednesdays
        // 19:00–22:00 Paris time, at most 6 h a month.
        let agreement = sample("fr-pme-infogerance");
        let model = IncidentModel {
            service: "serveurs".into(),
            per_month: 1.0,
            duration: hours(1.0),
        };
        let models = prepare(&agreement, &[model]).unwrap();
        let servers = &models[0];
        let (from, to) = (at(2026, 11, 30, 23, 0), at(2026, 12, 31, 23, 0)); // December in Paris
        assert_eq!(to - from, 31 * 86_400);
        // One hour on Wednesday 2 December 19:00–20:00 Paris (18:00 UTC): maintenance.
        let up = servers
            .month_uptime(
                &[(at(2026, 12, 2, 18, 0), at(2026, 12, 2, 19, 0))],
                from,
                to,
            )
            .unwrap();
        assert_eq!(up, Measured::new(31 * 86_400, 31 * 86_400));
        // The same hour on Thursday counts: 3 600 s down.
        let up = servers
            .month_uptime(
                &[(at(2026, 12, 3, 18, 0), at(2026, 12, 3, 19, 0))],
                from,
                to,
            )
            .unwrap();
        assert_eq!(up, Measured::new(31 * 86_400 - 3_600, 31 * 86_400));
        // Four windows of 3 h fully down: 12 h inside windows, only 6 h excused.
        let wednesdays = [2, 9, 16, 23].map(|d| (at(2026, 12, d, 18, 0), at(2026, 12, d, 21, 0)));
        let up = servers.month_uptime(&wednesdays, from, to).unwrap();
        assert_eq!(up.out_of - up.achieved, 6 * 3_600);
        // An outage running over the month's end counts only its part inside.
        let up = servers
            .month_uptime(
                &[(at(2026, 11, 30, 22, 0), at(2026, 11, 30, 23, 30))],
                from,
                to,
            )
            .unwrap();
        assert_eq!(up.out_of - up.achieved, 1_800);
    }

    #[test]
    fn a_business_hours_commitment_measures_opening_hours_only() {
        let mut agreement = sample("fr-pme-infogerance");
        let calendar = agreement.plans[0].calendar.clone();
        let service = agreement
            .services
            .iter_mut()
            .find(|s| s.id == "serveurs")
            .unwrap();
        let commitment = service.availability.as_mut().unwrap();
        commitment.calendar = Some(calendar);
        commitment.maintenance = None;
        let models = prepare(
            &agreement,
            &[IncidentModel {
                service: "serveurs".into(),
                per_month: 1.0,
                duration: hours(1.0),
            }],
        )
        .unwrap();
        let servers = &models[0];
        let (from, to) = (at(2026, 11, 30, 23, 0), at(2026, 12, 31, 23, 0));
        let measured = servers.measure(from, to).unwrap();
        assert!(
            measured < 31 * 86_400 / 2,
            "only opening hours are measured: {measured}"
        );
        // Saturday 5 December, all day: closed, so no downtime.
        let up = servers
            .month_uptime(&[(at(2026, 12, 5, 0, 0), at(2026, 12, 6, 0, 0))], from, to)
            .unwrap();
        assert_eq!(up, Measured::new(measured as u64, measured as u64));
    }

    #[test]
    fn mean_downtime_matches_rate_times_mean_duration() {
        // 2 incidents a month of exponential length with mean 1 h, 24/7, no
        // maintenance: the expected downtime of a month of L seconds is
        // λ·L·E[D] (overlaps, which count once, remove about λ·E[D] ≈ 0.3 %
        // of it, far inside the bound). Each replication's mean over twelve
        // months is one observation; the 99.9 % t-interval over 200
        // replications must cover the expectation.
        let mut agreement = sample("fr-pme-infogerance");
        let service = agreement
            .services
            .iter_mut()
            .find(|s| s.id == "serveurs")
            .unwrap();
        service.availability.as_mut().unwrap().maintenance = None;
        let models = prepare(
            &agreement,
            &[IncidentModel {
                service: "serveurs".into(),
                per_month: 2.0,
                duration: hours(1.0),
            }],
        )
        .unwrap();
        let horizon = Horizon {
            first_month: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            months: 12,
        };
        let config = RunConfig {
            replications: 200,
            seed: 11,
            threads: Some(1),
        };
        let run = simulate(&agreement, &models, horizon, &config, &|_| Flow::Continue).unwrap();
        let per_replication: Vec<f64> = run
            .months
            .iter()
            .map(|months| {
                months
                    .iter()
                    .map(|m| (m[0].level.out_of - m[0].level.achieved) as f64 / 60.0)
                    .sum::<f64>()
                    / 12.0
            })
            .collect();
        let estimate = Estimate::from_replications(&per_replication, 0.999);
        // 2027 has 365 days: mean month 365/12 days; rate 2 per 365.25/12 days.
        let expected = 2.0 * (365.0 / 365.25) * 60.0;
        assert!(
            estimate.covers(expected),
            "{expected} min not in [{}, {}]",
            estimate.low(),
            estimate.high()
        );
        assert!(
            estimate.half_width < 10.0,
            "the interval is informative: ±{}",
            estimate.half_width
        );
        let summary = &run.services[0];
        assert!((summary.mean_downtime_minutes - estimate.mean).abs() < 1e-6);
        // 99.5 % of a month is ≈ 3.6 h: with 2 h expected a month, most months meet it.
        assert!(
            summary.p_meets > 0.8 && summary.p_meets < 1.0,
            "{}",
            summary.p_meets
        );
        assert!(summary.credits.p_credit > 0.0 && summary.credits.expected.unwrap().cents() > 0);
        // A seed gives the same months on any number of threads.
        let again = simulate(
            &agreement,
            &models,
            horizon,
            &RunConfig {
                threads: Some(2),
                ..config
            },
            &|_| Flow::Continue,
        )
        .unwrap();
        assert_eq!(again.months, run.months);
    }
}
