//! What a contract template sees: the agreement as plain values, with every
//! list present (possibly empty), every optional part `none` when absent,
//! identifiers resolved to the names the contract prints, and the few
//! figures a template cannot compute (allowed downtime, credit amounts)
//! worked out here. Durations, percentages and amounts stay raw (`"4h"`,
//! `99.5`, cents) and are written by the templates' filters, so a template
//! chooses its words and the filters their typography.

use serde_json::{json, Value};

use super::names::{channel_name, plan_name, priority_name, text};
use super::simulation::Simulation;
use super::words;
use super::Edition;
use crate::doc::tree::Lang;
use crate::model::{
    Agreement, Calendar, ClockBasis, CreditBasis, EscalationWhen, HolidayRegion, LiabilityCap,
    Metric, MetricTarget, Party, PenaltyCap, Target, Text,
};

fn s<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn basis(b: ClockBasis) -> &'static str {
    match b {
        ClockBasis::Business => "business",
        ClockBasis::Calendar => "calendar",
    }
}

fn party(a: &Agreement, p: &Party, lang: Lang) -> Value {
    json!({
        "legal_name": p.legal_name,
        "address": p.address,
        "registration_number": p.registration_number,
        "notice_contact": p.notice_contact.as_ref().map(|c| json!({
            "name": text(a, &c.name, lang), "email": c.email, "address": c.address,
        })),
        "signatories": p.signatories.iter().map(|s| json!({"name": s.name, "title": text(a, &s.title, lang)})).collect::<Vec<_>>(),
    })
}

pub(crate) fn region(r: HolidayRegion, lang: Lang) -> &'static str {
    match (r, lang) {
        (HolidayRegion::France, Lang::En) => "France",
        (HolidayRegion::France, Lang::Fr) => "la France",
        (HolidayRegion::England, Lang::En) => "England and Wales",
        (HolidayRegion::England, Lang::Fr) => "l’Angleterre et le pays de Galles",
        (HolidayRegion::UnitedStates, Lang::En) => "the United States (federal holidays)",
        (HolidayRegion::UnitedStates, Lang::Fr) => "les États-Unis (jours fériés fédéraux)",
    }
}

/// A region's name after "of" / « de », the article contracted as French
/// requires: « de la France », « de l’Angleterre et du pays de Galles »,
/// « des États-Unis ».
fn region_of(r: HolidayRegion, lang: Lang) -> &'static str {
    match (r, lang) {
        (HolidayRegion::France, Lang::En) => "of France",
        (HolidayRegion::France, Lang::Fr) => "de la France",
        (HolidayRegion::England, Lang::En) => "of England and Wales",
        (HolidayRegion::England, Lang::Fr) => "de l’Angleterre et du pays de Galles",
        (HolidayRegion::UnitedStates, Lang::En) => "of the United States (federal holidays)",
        (HolidayRegion::UnitedStates, Lang::Fr) => "des États-Unis (jours fériés fédéraux)",
    }
}

fn calendar(a: &Agreement, c: &Calendar, lang: Lang) -> Value {
    let mut regions: Vec<&'static str> = Vec::new();
    let mut regions_of: Vec<&'static str> = Vec::new();
    for r in &c.holidays.rules {
        let name = region(r.country, lang);
        if !regions.contains(&name) {
            regions.push(name);
            regions_of.push(region_of(r.country, lang));
        }
    }
    json!({
        "id": c.id,
        "name": text(a, &c.name, lang),
        "time_zone": c.time_zone,
        "always_open": matches!(c.hours, crate::model::Hours::Always),
        "hours_text": words::opening_hours(&c.hours, lang),
        "holiday_regions": regions,
        "holiday_regions_of": regions_of,
        "holidays": c.holidays.dates.iter().map(|h| json!({"date": h.date.to_string(), "name": text(a, &h.name, lang)})).collect::<Vec<_>>(),
        "closures": c.closures.iter().map(|k| json!({
            "from": k.from.to_string(), "to": k.to.to_string(), "reason": text(a, &k.reason, lang),
        })).collect::<Vec<_>>(),
        "business_day": s(&c.business_day),
    })
}

fn metric_target(m: Option<&MetricTarget>, row: &Target) -> Value {
    match m {
        None => Value::Null,
        Some(m) => json!({
            "within": m.within.to_string(),
            "internal": m.internal.map(|t| t.to_string()),
            "objective": m.objective.map(|p| p.value()),
            "hours": basis(m.hours.unwrap_or(row.hours)),
        }),
    }
}

const METRICS: [Metric; 4] = [
    Metric::FirstResponse,
    Metric::NextResponse,
    Metric::PeriodicUpdate,
    Metric::Resolution,
];

/// The priorities a clause applies to, by identifier ("P1"), in the
/// agreement's order of priorities.
fn priority_names(a: &Agreement, ids: &[String]) -> Vec<String> {
    let mut v: Vec<String> = ids.to_vec();
    v.sort_by_key(|id| {
        a.priorities
            .iter()
            .position(|p| p.id == *id)
            .unwrap_or(usize::MAX)
    });
    v
}

/// The texts a contract in `lang` prints for a list of free texts of `a`.
/// Whether an agreement's definition of downtime makes the word a defined
/// term ("“Downtime” means …", « « Indisponibilité » désigne … »): the
/// clause's own sentences then write it with its capital, as a defined
/// term is written everywhere.
fn defines_downtime(definition: &str, lang: Lang) -> bool {
    let (open, close, word) = match lang {
        Lang::En => ('“', '”', "Downtime"),
        Lang::Fr => ('«', '»', "Indisponibilité"),
    };
    let curly = crate::doc::quotes::curly_quotes(definition, open, close);
    crate::doc::terms::introduced_definitions(&curly)
        .into_iter()
        .any(|r| {
            curly[r].trim_matches(|c: char| c == open || c == close || c.is_whitespace()) == word
        })
}

fn texts<'a>(a: &Agreement, list: &'a [Text], lang: Lang) -> Vec<&'a str> {
    list.iter().map(|t| text(a, t, lang)).collect()
}

fn target_row(a: &Agreement, t: &Target, plan_calendar: &str, lang: Lang) -> Value {
    let cal = a.target_calendar(t);
    let mut metrics = serde_json::Map::new();
    for m in METRICS {
        metrics.insert(m.key().into(), metric_target(t.metric(m), t));
    }
    json!({
        "priority": t.priority,
        "priority_name": priority_name(a, &t.priority, lang),
        "channel": t.channel.as_ref().map(|c| channel_name(a, c, lang)),
        "hours": basis(t.hours),
        "own_calendar": cal.filter(|c| c.id != plan_calendar).map(|c| json!({
            "name": if c.name.is_blank() { c.id.as_str() } else { text(a, &c.name, lang) },
            "always_open": matches!(c.hours, crate::model::Hours::Always),
            "hours_text": words::opening_hours(&c.hours, lang),
            "time_zone": c.time_zone,
        })),
        "objective": t.objective.value(),
        "pause_when_pending": t.pause_when_pending,
        "metrics": metrics,
    })
}

/// Builds the template context of `a` for `lang` and `edition`.
pub fn build(
    a: &Agreement,
    lang: Lang,
    edition: Edition,
    draft: bool,
    sim: Option<&Simulation>,
) -> Value {
    let m = &a.meta;
    let plans: Vec<Value> = a
        .plans
        .iter()
        .map(|p| {
            let mut rows: Vec<&Target> = a.targets.iter().filter(|t| t.plan == p.id).collect();
            let rank = |t: &Target| a.priorities.iter().position(|q| q.id == t.priority).unwrap_or(usize::MAX);
            rows.sort_by_key(|t| (rank(t), t.channel.is_some()));
            let used: Vec<&str> = METRICS
                .iter()
                .filter(|mm| rows.iter().any(|t| t.metric(**mm).is_some()))
                .map(|mm| mm.key())
                .collect();
            let internal: Vec<&str> = METRICS
                .iter()
                .filter(|mm| rows.iter().any(|t| t.metric(**mm).is_some_and(|x| x.internal.is_some())))
                .map(|mm| mm.key())
                .collect();
            json!({
                "id": p.id,
                "name": text(a, &p.name, lang),
                "description": text(a, &p.description, lang),
                "calendar": a.calendar(&p.calendar).map(|c| calendar(a, c, lang)),
                "channels": p.channels.iter().map(|c| {
                    let ch = a.channels.iter().find(|x| x.id == *c);
                    json!({
                        "name": channel_name(a, c, lang),
                        "kind": ch.map(|x| s(&x.kind)),
                        "contact": ch.map_or(String::new(), |x| x.contact.clone()),
                    })
                }).collect::<Vec<_>>(),
                "metrics": used,
                "has_internal": !internal.is_empty(),
                "internal_metrics": internal,
                "targets": rows.iter().map(|t| target_row(a, t, &p.calendar, lang)).collect::<Vec<_>>(),
            })
        })
        .collect();

    let services: Vec<Value> = a
        .services
        .iter()
        .map(|sv| {
            json!({
                "id": sv.id,
                "name": text(a, &sv.name, lang),
                "description": text(a, &sv.description, lang),
                "availability": sv.availability.as_ref().map(|av| {
                    // Allowed downtime over a 30-day month (or a 91-day quarter),
                    // rounded down to the minute: what the percentage means.
                    let days = match av.period { crate::model::MeasurementPeriod::Quarter => 91.0, _ => 30.0 };
                    let minutes = ((1.0 - av.target.fraction()) * days * 24.0 * 60.0).floor().max(0.0) as i64;
                    json!({
                        "target": av.target.value(),
                        "period": s(&av.period),
                        "allowed_downtime": crate::model::Duration::minutes(minutes).to_string(),
                        "calendar": av.calendar.as_ref().and_then(|c| a.calendar(c)).map(|c| calendar(a, c, lang)),
                        "downtime_definition": text(a, &av.downtime_definition, lang),
                        "downtime_is_term": defines_downtime(text(a, &av.downtime_definition, lang), lang),
                        "excluded": texts(a, &av.excluded, lang),
                        "maintenance": av.maintenance.as_ref().map(|mt| json!({
                            "windows": mt.windows.iter().map(|w| json!({
                                "day": crate::model::DAY_KEYS[w.day.num_days_from_monday() as usize],
                                "start": w.start.to_string(),
                                "duration": w.duration.to_string(),
                                "time_zone": w.time_zone,
                            })).collect::<Vec<_>>(),
                            "notice": mt.notice.to_string(),
                            "max_per_period": mt.max_per_period.map(|d| d.to_string()),
                            "emergency": mt.emergency.as_ref().map(|e| json!({
                                "notice": e.notice.map(|t| t.to_string()),
                                "max_per_period": e.max_per_period.map(|d| d.to_string()),
                            })),
                        })),
                    })
                }),
            })
        })
        .collect();

    let fee = m.monthly_fee.map(|f| f.cents());
    let credits: Vec<Value> = a
        .credits
        .iter()
        .map(|c| {
            let mut tiers: Vec<_> = c.tiers.iter().collect();
            tiers.sort_by(|x, y| y.below.value().total_cmp(&x.below.value()));
            let tiers: Vec<Value> = tiers
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    json!({
                        "below": t.below.value(),
                        "from": tiers.get(i + 1).map(|n| n.below.value()),
                        "credit": t.credit.value(),
                        "amount": fee.map(|f| (f as f64 * t.credit.fraction()).round() as i64),
                    })
                })
                .collect();
            let basis = match &c.basis {
                CreditBasis::Availability { service } => json!({
                    "kind": "availability",
                    "service": a.services.iter().find(|x| x.id == *service).map_or(service.as_str(), |x| text(a, &x.name, lang)),
                }),
                CreditBasis::Compliance { metric, priorities, plans } => json!({
                    "kind": "compliance",
                    "metric": metric.key(),
                    "priorities": priority_names(a, priorities),
                    "plans": plans.iter().map(|p| plan_name(a, p, lang)).collect::<Vec<_>>(),
                }),
            };
            json!({
                "id": c.id,
                "basis": basis,
                "tiers": tiers,
                "cap": c.cap.map(|p| p.value()),
                "cap_amount": c.cap.and_then(|p| fee.map(|f| (f as f64 * p.fraction()).round() as i64)),
                "claim_window": c.claim_window.map(|d| d.to_string()),
                "chronic_failure": c.chronic_failure.as_ref().map(|f| json!({"missed": f.missed, "window": f.window})),
                "exclusive_remedy": c.exclusive_remedy,
            })
        })
        .collect();

    let escalation = a.escalation.as_ref().map(|e| {
        json!({
            "warn_at": e.warn_at.map(|p| p.value()),
            "levels": e.levels.iter().map(|l| json!({
                "to": text(a, &l.to, lang),
                "elapsed": match l.when { EscalationWhen::Elapsed(p) => Some(p.value()), _ => None },
                "after_breach": match l.when { EscalationWhen::AfterBreach(d) => Some(d.to_string()), _ => None },
                "at_breach": matches!(l.when, EscalationWhen::AfterBreach(d) if d.as_seconds() == 0),
                "priorities": priority_names(a, &l.priorities),
            })).collect::<Vec<_>>(),
        })
    });

    let teams = |id: &str| {
        a.teams
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| text(a, &t.name, lang).to_string())
    };
    let olas: Vec<Value> = a
        .olas
        .iter()
        .map(|o| {
            json!({
                "id": o.id,
                "team": teams(&o.team),
                "stage": text(a, &o.stage, lang),
                "within": o.within.to_string(),
                "hours": basis(o.hours),
                "starts_on": s(&o.starts_on),
                "priority": o.serves.priority,
                "priority_name": priority_name(a, &o.serves.priority, lang),
                "plan": o.serves.plan.as_ref().map(|p| plan_name(a, p, lang)),
                "metric": o.serves.metric.key(),
            })
        })
        .collect();

    json!({
        "lang": lang.tag(),
        "edition": match edition { Edition::Client => "client", Edition::Internal => "internal" },
        "draft": draft,
        "meta": {
            "title": text(a, &m.title, lang),
            "reference": m.reference,
            "version": m.version_label,
            "currency": m.currency,
            "monthly_fee": fee,
            "amounts": s(&m.amounts),
            "effective_date": m.effective_date.to_string(),
            "term": {
                "initial_months": m.term.initial_months,
                "renewal": s(&m.term.renewal),
                "renewal_months": m.term.renewal_months.unwrap_or(m.term.initial_months),
            },
            "governing_law": text(a, &m.governing_law, lang),
            "jurisdiction": text(a, &m.jurisdiction, lang),
            "shape": s(&m.shape),
        },
        "provider": party(a, &a.parties.provider, lang),
        "customer": party(a, &a.parties.customer, lang),
        "services": services,
        "availability_services": a.services.iter().filter(|x| x.availability.is_some()).count(),
        "channels": a.channels.iter().map(|c| json!({
            "name": channel_name(a, &c.id, lang), "kind": s(&c.kind), "contact": c.contact,
            // The rule for abandoned contacts, printed only when the
            // agreement sets it on a live channel.
            "abandoned": c.abandoned.filter(|_| c.is_live()).map(|r| s(&r)),
        })).collect::<Vec<_>>(),
        "calendars": a.calendars.iter().map(|c| calendar(a, c, lang)).collect::<Vec<_>>(),
        "plans": plans,
        "priorities": a.priorities.iter().map(|p| json!({
            "id": p.id, "name": text(a, &p.name, lang), "definition": text(a, &p.definition, lang), "examples": texts(a, &p.examples, lang),
        })).collect::<Vec<_>>(),
        "teams": a.teams.iter().map(|t| json!({"name": text(a, &t.name, lang), "description": text(a, &t.description, lang)})).collect::<Vec<_>>(),
        "olas": olas,
        "escalation": escalation,
        "responsibilities": {
            "provider": texts(a, &a.responsibilities.provider, lang),
            "customer": texts(a, &a.responsibilities.customer, lang),
        },
        "exclusions": a.exclusions.iter().map(|e| json!({"kind": s(&e.kind), "description": text(a, &e.description, lang)})).collect::<Vec<_>>(),
        "credits": credits,
        "penalties": a.penalties.iter().map(|p| json!({
            "trigger": text(a, &p.trigger, lang),
            "amount": p.amount.map(|x| x.cents()),
            "share_of_fee": p.share_of_fee.map(|x| x.value()),
            "per": text(a, &p.per, lang),
            "cap": p.cap.map(|x| x.cents()),
        })).collect::<Vec<_>>(),
        "reporting": a.reporting.as_ref().map(|r| json!({
            "frequency": s(&r.frequency),
            "delivered_within": r.delivered_within.map(|t| t.to_string()),
            "content": texts(a, &r.content, lang),
            "breach_reports": r.breach_reports,
            "steering_committee": r.steering_committee.as_ref().map(|c| json!({
                "frequency": s(&c.frequency), "members": texts(a, &c.members, lang),
            })),
        })),
        "revision": a.revision.as_ref().map(|r| json!({
            "review": s(&r.review), "notice": r.notice.to_string(), "procedure": text(a, &r.procedure, lang),
        })),
        "termination": a.termination.as_ref().map(|t| json!({
            "notice": t.notice.to_string(),
            "for_convenience": t.for_convenience,
            "for_cause": texts(a, &t.for_cause, lang),
            "cure_period": crate::model::Duration::days(i64::from(t.cure_days)).to_string(),
            "effects": texts(a, &t.effects, lang),
        })),
        "penalty_terms": a.penalty_terms.as_ref().filter(|_| !a.penalties.is_empty()).map(|t| json!({
            "cap": t.cap.map(|c| match c {
                PenaltyCap::ShareOfFee(p) => json!({
                    "share_of_fee": p.value(),
                    "amount": fee.map(|f| (f as f64 * p.fraction()).round() as i64),
                }),
                PenaltyCap::Amount(m) => json!({"share_of_fee": null, "amount": m.cents()}),
            }),
            "exclusive_remedy": t.exclusive_remedy,
        })),
        "breach_notification": a.breach_notification.as_ref().map(|n| json!({
            "from": text(a, &n.from, lang), "to": text(a, &n.to, lang), "means": text(a, &n.means, lang),
            "within": n.within.to_string(), "anticipated": n.anticipated,
        })),
        "liability": a.liability.as_ref().filter(|l| !l.is_empty()).map(|l| json!({
            "months_of_fees": match l.cap { Some(LiabilityCap::MonthsOfFees(n)) => Some(n), _ => None },
            "amount": match l.cap { Some(LiabilityCap::Amount(m)) => Some(m.cents()), _ => None },
            "indirect_excluded": l.indirect_excluded,
            "uncapped": texts(a, &l.uncapped, lang),
        })),
        "security": a.security.as_ref().filter(|x| !x.is_empty()).map(|x| json!({
            "measures": texts(a, &x.measures, lang),
            "backup": x.backup.as_ref().map(|b| json!({
                "every": b.every.to_string(),
                "retention": b.retention.to_string(),
                "location": text(a, &b.location, lang),
                "restore_test": b.restore_test.map(|f| s(&f)),
            })),
        })),
        "continuity": a.continuity.as_ref().filter(|c| !c.is_empty()).map(|c| json!({
            "failover": text(a, &c.failover, lang),
            "recovery_time": c.recovery_time.map(|d| d.to_string()),
            "recovery_point": c.recovery_point.map(|d| d.to_string()),
            "test": c.test.map(|f| s(&f)),
        })),
        "subcontracting": a.subcontracting.as_ref().map(|x| json!({
            "rule": s(&x.rule),
            "notice": x.notice.map(|d| d.to_string()),
            "approved": texts(a, &x.approved, lang),
        })),
        "precedence": a.precedence.as_ref().map(|p| json!({
            "main_agreement": text(a, &p.main_agreement, lang),
            "term": if p.term.is_blank() {
                match lang { Lang::En => "Main Agreement", Lang::Fr => "Contrat principal" }
            } else {
                text(a, &p.term, lang)
            },
            "prevails": s(&p.prevails),
            "matters": texts(a, &p.matters, lang),
        })),
        "simulation": sim.map(|x| x.to_context(a, lang)),
    })
}
