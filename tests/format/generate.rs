//! Proptest strategies for whole agreements. They generate what the format
//! must carry, not what validation accepts: any text, any durations and
//! percentages, every optional part present or absent.

use chrono::NaiveDate;
use pledge::model::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Any text: words, YAML indicators, quotes, line breaks, accents, and any
/// Unicode scalar value at all (controls, format characters, noncharacters,
/// private use, every plane).
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[ -~\\n\\t«»éàçœ’]{0,30}",
        Just("yes".to_string()),
        Just("12".to_string()),
        Just("1.5".to_string()),
        Just("~".to_string()),
        vec(any::<char>(), 0..24).prop_map(String::from_iter),
        vec(awkward_char(), 0..24).prop_map(String::from_iter),
    ]
    .boxed()
}

/// Any free text of the contract: one text in the agreement's language, or
/// a text per language (either possibly empty).
fn free_text() -> BoxedStrategy<Text> {
    prop_oneof![
        text().prop_map(Text::own),
        (text(), text()).prop_map(|(en, fr)| Text::per_language(en, fr)),
    ]
    .boxed()
}

/// A character drawn from the whole Unicode range, with a strong bias
/// towards those a YAML writer or reader handles specially: C0 and C1
/// controls, DEL, the byte order mark and other format characters, the
/// YAML 1.1 line breaks, noncharacters, Unicode spaces, and the ASCII
/// indicators.
fn awkward_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        1 => (0u32..=0x20).prop_map(|c| char::from_u32(c).unwrap()),
        1 => (0x7fu32..=0xa0).prop_map(|c| char::from_u32(c).unwrap()),
        2 => prop::sample::select(vec![
            '\u{feff}', '\u{fffe}', '\u{ffff}', '\u{1fffe}', '\u{10ffff}', '\u{fdd0}',
            '\u{2028}', '\u{2029}', '\u{85}', '\u{ad}', '\u{200b}', '\u{200d}', '\u{202e}',
            '\u{2066}', '\u{e0001}', '\u{a0}', '\u{3000}', '\u{2003}', '\u{fff9}', '\u{e000}',
        ]),
        2 => prop::sample::select(vec![
            ' ', '\t', '\n', '\r', '#', ':', '-', '?', ',', '[', ']', '{', '}', '&', '*', '!',
            '|', '>', '\'', '"', '%', '@', '`', '\\', '~',
        ]),
    ]
}

/// Identifiers are text to the format (validation judges them), so any
/// text stands in for one now and then, mostly in flow-style lists.
fn id() -> BoxedStrategy<String> {
    prop_oneof![4 => "[a-zA-Z][a-zA-Z0-9_-]{0,8}", 1 => text()].boxed()
}

fn duration() -> impl Strategy<Value = Duration> {
    (-1_000_000i64..100_000_000).prop_map(Duration::seconds)
}

fn target_time() -> impl Strategy<Value = TargetTime> {
    prop_oneof![
        duration().prop_map(TargetTime::Elapsed),
        (-5i64..60).prop_map(TargetTime::BusinessDays)
    ]
}

fn percent() -> impl Strategy<Value = Percent> {
    prop_oneof![
        (0u32..=100_000).prop_map(|v| Percent::new(v as f64 / 1000.0)),
        any::<f64>()
            .prop_filter("finite", |v| v.is_finite())
            .prop_map(Percent::new)
    ]
}

fn money() -> impl Strategy<Value = Money> {
    (-1_000_000_000_000i64..1_000_000_000_000).prop_map(Money::from_cents)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn time_of_day() -> impl Strategy<Value = TimeOfDay> {
    (0u16..=24, 0u16..60).prop_map(|(h, m)| TimeOfDay::new(h, if h == 24 { 0 } else { m }).unwrap())
}

fn interval() -> impl Strategy<Value = Interval> {
    (time_of_day(), time_of_day(), any::<bool>()).prop_map(|(start, end, overnight)| Interval {
        start,
        end,
        overnight,
    })
}

fn weekday() -> impl Strategy<Value = chrono::Weekday> {
    (0u8..7).prop_map(|d| chrono::Weekday::try_from(d).unwrap())
}

fn local_date_time() -> impl Strategy<Value = LocalDateTime> {
    (
        date(),
        0u32..24,
        0u32..60,
        prop_oneof![Just(0u32), 0u32..60],
    )
        .prop_map(|(d, h, m, s)| LocalDateTime(d.and_hms_opt(h, m, s).unwrap()))
}

fn party() -> impl Strategy<Value = Party> {
    (
        text(),
        text(),
        text(),
        option::of(
            (free_text(), text(), text()).prop_map(|(name, email, address)| Contact {
                name,
                email,
                address,
            }),
        ),
        vec(
            (text(), free_text()).prop_map(|(name, title)| Signatory { name, title }),
            0..3,
        ),
    )
        .prop_map(
            |(legal_name, address, registration_number, notice_contact, signatories)| Party {
                legal_name,
                address,
                registration_number,
                notice_contact,
                signatories,
            },
        )
}

fn service() -> impl Strategy<Value = Service> {
    let window = (weekday(), time_of_day(), duration(), text()).prop_map(
        |(day, start, duration, time_zone)| MaintenanceWindow {
            day,
            start,
            duration,
            time_zone,
        },
    );
    let emergency =
        (option::of(target_time()), option::of(duration())).prop_map(|(notice, max_per_period)| {
            EmergencyMaintenance {
                notice,
                max_per_period,
            }
        });
    let maintenance = (
        vec(window, 0..3),
        target_time(),
        option::of(duration()),
        option::of(emergency),
    )
        .prop_map(|(windows, notice, max_per_period, emergency)| Maintenance {
            windows,
            notice,
            max_per_period,
            emergency,
        });
    let availability = (
        percent(),
        prop_oneof![
            Just(MeasurementPeriod::CalendarMonth),
            Just(MeasurementPeriod::Quarter)
        ],
        option::of(id()),
        free_text(),
        vec(free_text(), 0..3),
        option::of(maintenance),
    )
        .prop_map(
            |(target, period, calendar, downtime_definition, excluded, maintenance)| Availability {
                target,
                period,
                calendar,
                downtime_definition,
                excluded,
                maintenance,
            },
        );
    (id(), free_text(), free_text(), option::of(availability)).prop_map(
        |(id, name, description, availability)| Service {
            id,
            name,
            description,
            availability,
        },
    )
}

fn calendar() -> impl Strategy<Value = Calendar> {
    let hours = prop_oneof![
        Just(Hours::Always),
        prop::array::uniform7(vec(interval(), 0..3))
            .prop_map(|days| Hours::Weekly(WeeklyHours { days })),
    ];
    let region = prop_oneof![
        Just(HolidayRegion::France),
        Just(HolidayRegion::England),
        Just(HolidayRegion::UnitedStates)
    ];
    let holidays =
        (
            vec(
                (region, 1900i32..2300, 1900i32..2300)
                    .prop_map(|(country, from, to)| HolidayRule { country, from, to }),
                0..3,
            ),
            vec(
                (date(), free_text()).prop_map(|(date, name)| Holiday { date, name }),
                0..3,
            ),
        )
            .prop_map(|(rules, dates)| Holidays { rules, dates });
    let closure = (local_date_time(), local_date_time(), free_text())
        .prop_map(|(from, to, reason)| Closure { from, to, reason });
    let rule = prop_oneof![
        Just(BusinessDayRule::SameClockTime),
        Just(BusinessDayRule::OpeningHours)
    ];
    (
        id(),
        free_text(),
        text(),
        hours,
        holidays,
        vec(closure, 0..2),
        rule,
    )
        .prop_map(
            |(id, name, time_zone, hours, holidays, closures, business_day)| Calendar {
                id,
                name,
                time_zone,
                hours,
                holidays,
                closures,
                business_day,
            },
        )
}

fn clock_basis() -> impl Strategy<Value = ClockBasis> {
    prop_oneof![Just(ClockBasis::Business), Just(ClockBasis::Calendar)]
}

fn metric() -> impl Strategy<Value = Metric> {
    prop_oneof![
        Just(Metric::FirstResponse),
        Just(Metric::NextResponse),
        Just(Metric::PeriodicUpdate),
        Just(Metric::Resolution)
    ]
}

fn metric_target() -> impl Strategy<Value = MetricTarget> {
    (
        target_time(),
        option::of(target_time()),
        option::of(percent()),
        option::of(clock_basis()),
    )
        .prop_map(|(within, internal, objective, hours)| MetricTarget {
            within,
            internal,
            objective,
            hours,
        })
}

fn target() -> impl Strategy<Value = Target> {
    (
        (
            id(),
            id(),
            option::of(id()),
            clock_basis(),
            option::of(id()),
            percent(),
            any::<bool>(),
        ),
        (
            option::of(metric_target()),
            option::of(metric_target()),
            option::of(metric_target()),
            option::of(metric_target()),
        ),
    )
        .prop_map(
            |(
                (plan, priority, channel, hours, calendar, objective, pause_when_pending),
                (fr, nr, pu, res),
            )| Target {
                plan,
                priority,
                channel,
                hours,
                calendar,
                objective,
                pause_when_pending,
                first_response: fr,
                next_response: nr,
                periodic_update: pu,
                resolution: res,
            },
        )
}

fn ola() -> impl Strategy<Value = Ola> {
    (
        (
            id(),
            id(),
            free_text(),
            target_time(),
            clock_basis(),
            option::of(id()),
        ),
        prop_oneof![Just(OlaStart::Creation), Just(OlaStart::Assignment)],
        (id(), option::of(id()), metric()).prop_map(|(priority, plan, metric)| OlaServes {
            priority,
            plan,
            metric,
        }),
    )
        .prop_map(
            |((id, team, stage, within, hours, calendar), starts_on, serves)| Ola {
                id,
                team,
                stage,
                within,
                hours,
                calendar,
                starts_on,
                serves,
            },
        )
}

fn credit_schedule() -> impl Strategy<Value = CreditSchedule> {
    let basis = prop_oneof![
        id().prop_map(|service| CreditBasis::Availability { service }),
        (metric(), vec(id(), 0..3), vec(id(), 0..2)).prop_map(|(metric, priorities, plans)| {
            CreditBasis::Compliance {
                metric,
                priorities,
                plans,
            }
        }),
    ];
    let tier = (percent(), percent()).prop_map(|(below, credit)| CreditTier { below, credit });
    let chronic = (0u32..5, 0u32..5).prop_map(|(missed, window)| ChronicFailure { missed, window });
    (
        id(),
        basis,
        vec(tier, 0..4),
        option::of(percent()),
        option::of(duration()),
        option::of(chronic),
        any::<bool>(),
    )
        .prop_map(
            |(id, basis, tiers, cap, claim_window, chronic_failure, exclusive_remedy)| {
                CreditSchedule {
                    id,
                    basis,
                    tiers,
                    cap,
                    claim_window,
                    chronic_failure,
                    exclusive_remedy,
                }
            },
        )
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Weekly),
        Just(Frequency::Monthly),
        Just(Frequency::Quarterly),
        Just(Frequency::HalfYearly),
        Just(Frequency::Yearly)
    ]
}

fn exclusion_kind() -> impl Strategy<Value = ExclusionKind> {
    prop_oneof![
        Just(ExclusionKind::ForceMajeure),
        Just(ExclusionKind::CustomerNonCompliance),
        Just(ExclusionKind::PlannedMaintenance),
        Just(ExclusionKind::ThirdParty),
        Just(ExclusionKind::PreviewFeatures),
        Just(ExclusionKind::CustomerMisuse),
        Just(ExclusionKind::Other)
    ]
}

fn meta() -> impl Strategy<Value = Meta> {
    (
        (
            free_text(),
            text(),
            text(),
            prop_oneof![Just(Language::En), Just(Language::Fr)],
            text(),
            option::of(money()),
            prop_oneof![Just(TaxBasis::ExcludingTax), Just(TaxBasis::IncludingTax)],
        ),
        (
            date(),
            (
                0u32..120,
                prop_oneof![Just(Renewal::None), Just(Renewal::Automatic)],
                option::of(0u32..60),
            )
                .prop_map(|(initial_months, renewal, renewal_months)| Term {
                    initial_months,
                    renewal,
                    renewal_months,
                }),
            free_text(),
            free_text(),
            prop_oneof![
                Just(Shape::CustomerBased),
                Just(Shape::ServiceBased),
                Just(Shape::MultiLevel)
            ],
        ),
    )
        .prop_map(
            |(
                (title, reference, version_label, language, currency, monthly_fee, amounts),
                (effective_date, term, governing_law, jurisdiction, shape),
            )| {
                Meta {
                    title,
                    reference,
                    version_label,
                    language,
                    currency,
                    monthly_fee,
                    amounts,
                    effective_date,
                    term,
                    governing_law,
                    jurisdiction,
                    shape,
                }
            },
        )
}

/// Any agreement the model can hold.
pub fn agreement() -> impl Strategy<Value = Agreement> {
    let channel_kind = prop_oneof![
        Just(ChannelKind::Email),
        Just(ChannelKind::Phone),
        Just(ChannelKind::Chat),
        Just(ChannelKind::Portal)
    ];
    let abandoned = prop_oneof![
        Just(None),
        Just(Some(AbandonedContacts::Excluded)),
        Just(Some(AbandonedContacts::Breach))
    ];
    let channel = (id(), channel_kind, free_text(), text(), abandoned).prop_map(
        |(id, kind, name, contact, abandoned)| Channel {
            id,
            kind,
            name,
            contact,
            abandoned,
        },
    );
    let plan = (id(), free_text(), free_text(), id(), vec(id(), 0..3)).prop_map(
        |(id, name, description, calendar, channels)| Plan {
            id,
            name,
            description,
            calendar,
            channels,
        },
    );
    let priority = (id(), free_text(), free_text(), vec(free_text(), 0..2)).prop_map(
        |(id, name, definition, examples)| Priority {
            id,
            name,
            definition,
            examples,
        },
    );
    let team = (id(), free_text(), free_text()).prop_map(|(id, name, description)| Team {
        id,
        name,
        description,
    });
    let when = prop_oneof![
        percent().prop_map(EscalationWhen::Elapsed),
        duration().prop_map(EscalationWhen::AfterBreach)
    ];
    let level =
        (free_text(), when, vec(id(), 0..2)).prop_map(|(to, when, priorities)| EscalationLevel {
            to,
            when,
            priorities,
        });
    let escalation = (option::of(percent()), vec(level, 0..3))
        .prop_map(|(warn_at, levels)| Escalation { warn_at, levels });
    let responsibilities = (vec(free_text(), 0..3), vec(free_text(), 0..3))
        .prop_map(|(provider, customer)| Responsibilities { provider, customer });
    let exclusion = (exclusion_kind(), free_text())
        .prop_map(|(kind, description)| Exclusion { kind, description });
    let penalty = (
        free_text(),
        option::of(money()),
        option::of(percent()),
        free_text(),
        option::of(money()),
    )
        .prop_map(|(trigger, amount, share_of_fee, per, cap)| Penalty {
            trigger,
            amount,
            share_of_fee,
            per,
            cap,
        });
    let committee = (frequency(), vec(free_text(), 0..3))
        .prop_map(|(frequency, members)| SteeringCommittee { frequency, members });
    let reporting = (
        frequency(),
        option::of(target_time()),
        vec(free_text(), 0..3),
        any::<bool>(),
        option::of(committee),
    )
        .prop_map(
            |(frequency, delivered_within, content, breach_reports, steering_committee)| {
                Reporting {
                    frequency,
                    delivered_within,
                    content,
                    breach_reports,
                    steering_committee,
                }
            },
        );
    let revision =
        (frequency(), target_time(), free_text()).prop_map(|(review, notice, procedure)| {
            Revision {
                review,
                notice,
                procedure,
            }
        });
    let termination = (
        duration(),
        any::<bool>(),
        vec(free_text(), 0..3),
        any::<u32>(),
        vec(free_text(), 0..3),
    )
        .prop_map(
            |(notice, for_convenience, for_cause, cure_days, effects)| Termination {
                notice,
                for_convenience,
                for_cause,
                cure_days,
                effects,
            },
        );
    let penalty_cap = prop_oneof![
        percent().prop_map(PenaltyCap::ShareOfFee),
        money().prop_map(PenaltyCap::Amount),
    ];
    let penalty_terms =
        (option::of(penalty_cap), any::<bool>()).prop_map(|(cap, exclusive_remedy)| PenaltyTerms {
            cap,
            exclusive_remedy,
        });
    let breach_notification = (
        free_text(),
        free_text(),
        free_text(),
        target_time(),
        any::<bool>(),
    )
        .prop_map(
            |(from, to, means, within, anticipated)| BreachNotification {
                from,
                to,
                means,
                within,
                anticipated,
            },
        );
    let liability_cap = prop_oneof![
        any::<u32>().prop_map(LiabilityCap::MonthsOfFees),
        money().prop_map(LiabilityCap::Amount),
    ];
    let liability = (
        option::of(liability_cap),
        any::<bool>(),
        vec(free_text(), 0..3),
    )
        .prop_map(|(cap, indirect_excluded, uncapped)| Liability {
            cap,
            indirect_excluded,
            uncapped,
        });
    let backup = (duration(), duration(), free_text(), option::of(frequency())).prop_map(
        |(every, retention, location, restore_test)| Backup {
            every,
            retention,
            location,
            restore_test,
        },
    );
    let security = (vec(free_text(), 0..3), option::of(backup))
        .prop_map(|(measures, backup)| Security { measures, backup });
    let continuity = (
        free_text(),
        option::of(duration()),
        option::of(duration()),
        option::of(frequency()),
    )
        .prop_map(
            |(failover, recovery_time, recovery_point, test)| Continuity {
                failover,
                recovery_time,
                recovery_point,
                test,
            },
        );
    let subcontracting = (
        prop::sample::select(vec![
            SubcontractingRule::Free,
            SubcontractingRule::Notice,
            SubcontractingRule::Consent,
            SubcontractingRule::Forbidden,
        ]),
        option::of(duration()),
        vec(free_text(), 0..3),
    )
        .prop_map(|(rule, notice, approved)| Subcontracting {
            rule,
            notice,
            approved,
        });
    let precedence = (
        free_text(),
        free_text(),
        prop_oneof![
            Just(Prevailing::ThisAgreement),
            Just(Prevailing::MainAgreement)
        ],
        vec(free_text(), 0..3),
    )
        .prop_map(|(main_agreement, term, prevails, matters)| Precedence {
            main_agreement,
            term,
            prevails,
            matters,
        });
    (
        (
            meta(),
            (party(), party()).prop_map(|(provider, customer)| Parties { provider, customer }),
            vec(service(), 0..3),
            vec(channel, 0..3),
            vec(calendar(), 0..3),
        ),
        (
            vec(plan, 0..3),
            vec(priority, 0..4),
            vec(target(), 0..4),
            vec(team, 0..2),
            vec(ola(), 0..3),
        ),
        (
            option::of(escalation),
            responsibilities,
            vec(exclusion, 0..3),
            vec(credit_schedule(), 0..2),
            vec(penalty, 0..2),
        ),
        (
            option::of(reporting),
            option::of(revision),
            option::of(termination),
            option::of(penalty_terms),
        ),
        (
            option::of(breach_notification),
            option::of(liability),
            option::of(security),
            option::of(continuity),
            option::of(subcontracting),
            option::of(precedence),
        ),
    )
        .prop_map(
            |(
                (meta, parties, services, channels, calendars),
                (plans, priorities, targets, teams, olas),
                (escalation, responsibilities, exclusions, credits, penalties),
                (reporting, revision, termination, penalty_terms),
                (breach_notification, liability, security, continuity, subcontracting, precedence),
            )| Agreement {
                pledge: SCHEMA_VERSION,
                meta,
                parties,
                services,
                channels,
                calendars,
                plans,
                priorities,
                targets,
                teams,
                olas,
                escalation,
                responsibilities,
                exclusions,
                credits,
                penalties,
                penalty_terms,
                reporting,
                revision,
                termination,
                breach_notification,
                liability,
                security,
                continuity,
                subcontracting,
                precedence,
            },
        )
}
