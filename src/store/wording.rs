//! A change between two versions said in a contract's language: the words
//! the contract uses for what changed (« délai de résolution », « offre
//! Contrat Sérénité »), the names of plans and calendars rather than their
//! ids, and values as the contract prints them (« 3 h 30 », « 95 % »).
//!
//! [`describe`] reads a [`Change`]'s structured path (`targets[serenite/P1]
//! .resolution.within`), so every change of the model is said, in the words
//! of the field when no rule names it better. English keeps the change
//! list's own wording, which is already the domain's.

use super::diff::{Change, ChangeKind};
use crate::doc::tree::Lang;
use crate::model::{Agreement, Language, Metric, Text};

/// One step of a change's path: a field, and the key of the list item it
/// names, if any (`targets[serenite/P1]` → `("targets", Some("serenite/P1"))`).
fn steps(path: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        // A key may hold dots (a date, an amount): split on the first `.`
        // outside brackets.
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                '.' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let step = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        match step.split_once('[') {
            Some((field, key)) => {
                out.push((field.to_owned(), Some(key.trim_end_matches(']').to_owned())))
            }
            None => out.push((step.to_owned(), None)),
        }
    }
    out
}

/// French words for the model's field names; the field's own name with
/// spaces otherwise.
fn field_fr(key: &str) -> String {
    let word = match key {
        "title" => "titre",
        "reference" => "référence",
        "version_label" => "version",
        "language" => "langue",
        "currency" => "devise",
        "monthly_fee" => "redevance mensuelle",
        "effective_date" => "date d’effet",
        "term" => "durée",
        "initial_months" => "durée initiale (mois)",
        "renewal_months" => "reconduction (mois)",
        "notice_days" => "préavis (jours)",
        "governing_law" => "droit applicable",
        "jurisdiction" => "juridiction",
        // The two texts of a free text written per language.
        "en" => "texte anglais",
        "fr" => "texte français",
        "shape" => "forme",
        "provider" => "prestataire",
        "customer" => "client",
        "legal_name" => "dénomination",
        "address" => "adresse",
        "registration" => "immatriculation",
        "signatory" => "signataire",
        "name" => "nom",
        "role" => "fonction",
        "description" => "description",
        "definition" => "définition",
        "calendar" => "calendrier",
        "channels" => "canaux",
        "contact" => "coordonnées",
        "time_zone" => "fuseau horaire",
        "hours" => "horaires",
        "holidays" => "jours fériés",
        "closures" => "fermetures",
        "objective" => "objectif",
        "internal" => "délai interne",
        "pause_when_pending" => "suspension pendant l’attente du client",
        "first_response" => "délai de première réponse",
        "next_response" => "délai de réponse suivante",
        "periodic_update" => "intervalle des points d’avancement",
        "resolution" => "délai de résolution",
        "tiers" => "paliers",
        "below" => "seuil",
        "credit" => "crédit",
        "cap" => "plafond",
        "claim_window" => "délai de réclamation",
        "chronic_failure" => "défaillance répétée",
        "exclusive_remedy" => "réparation exclusive",
        "escalation" => "escalade",
        "levels" => "niveaux",
        "warn_at" => "seuil d’alerte",
        "exclusions" => "exclusions",
        "penalties" => "pénalités",
        "amount" => "montant",
        "trigger" => "fait générateur",
        "reporting" => "rapports",
        "frequency" => "fréquence",
        "revision" => "révision",
        "termination" => "résiliation",
        "services" => "services",
        "availability" => "disponibilité",
        "teams" => "équipes",
        "olas" => "accords internes (OLA)",
        "within" => "délai",
        _ => return key.replace('_', " "),
    };
    word.to_owned()
}

fn metric_of(key: &str) -> Option<Metric> {
    match key {
        "first_response" => Some(Metric::FirstResponse),
        "next_response" => Some(Metric::NextResponse),
        "periodic_update" => Some(Metric::PeriodicUpdate),
        "resolution" => Some(Metric::Resolution),
        _ => None,
    }
}

/// A value as a French contract prints it: `3h30m` → `3 h 30`, `3bd` → `3
/// jours ouvrés`, `95%` → `95 %`, `yes` → `oui`, a number bound to its unit
/// by a no-break space; anything else as it is.
fn value_fr(value: &str) -> String {
    let v = value.trim();
    match v {
        "yes" => return "oui".into(),
        "no" => return "non".into(),
        "none" => return "aucun".into(),
        _ => {}
    }
    if let Some(n) = v.strip_suffix('%') {
        if n.parse::<f64>().is_ok() {
            return format!("{}\u{a0}%", n.replace('.', ","));
        }
    }
    if let Some(n) = v.strip_suffix("bd") {
        if let Ok(n) = n.parse::<u32>() {
            return format!(
                "{n}\u{a0}{}",
                if n > 1 {
                    "jours ouvrés"
                } else {
                    "jour ouvré"
                }
            );
        }
    }
    // Durations as the files write them: d, h, m, s parts in that order.
    let mut parts = Vec::new();
    let mut number = String::new();
    for c in v.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else if matches!(c, 'd' | 'h' | 'm' | 's') && !number.is_empty() {
            parts.push((std::mem::take(&mut number), c));
        } else {
            return v.to_owned();
        }
    }
    if !number.is_empty() || parts.is_empty() {
        return v.to_owned();
    }
    match parts.as_slice() {
        [(h, 'h'), (m, 'm')] => format!("{h}\u{a0}h\u{a0}{m:0>2}"),
        _ => parts
            .iter()
            .map(|(n, unit)| {
                let unit = match unit {
                    'd' => {
                        if n == "1" {
                            "jour"
                        } else {
                            "jours"
                        }
                    }
                    'h' => "h",
                    'm' => "min",
                    _ => "s",
                };
                format!("{n}\u{a0}{unit}")
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Names of the agreement's parts in French, from the later version and
/// then the earlier (a removed part keeps its name); a name without French
/// text is said in the other language, as the French contract prints it.
struct Names<'a> {
    agreements: [&'a Agreement; 2],
}

impl Names<'_> {
    /// The French name `name` gives in `a`, the identifier when it is blank.
    fn french(a: &Agreement, name: &Text, id: &str) -> String {
        let said = name.get(Language::Fr, a.meta.language);
        if said.trim().is_empty() {
            id.to_owned()
        } else {
            said.to_owned()
        }
    }

    fn plan(&self, id: &str) -> String {
        self.agreements
            .iter()
            .find_map(|a| a.plan(id).map(|p| Self::french(a, &p.name, id)))
            .unwrap_or_else(|| id.to_owned())
    }

    fn calendar(&self, id: &str) -> String {
        self.agreements
            .iter()
            .find_map(|a| a.calendar(id).map(|c| Self::french(a, &c.name, id)))
            .unwrap_or_else(|| id.to_owned())
    }

    fn service(&self, id: &str) -> String {
        self.agreements
            .iter()
            .find_map(|a| {
                a.services
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| Self::french(a, &s.name, id))
            })
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The subject of a change, in French.
fn subject_fr(path: &str, names: &Names<'_>) -> String {
    let steps = steps(path);
    let Some((first, key)) = steps.first() else {
        return String::new();
    };
    let rest = &steps[1..];
    let tail_words = |from: &[(String, Option<String>)]| -> Vec<String> {
        from.iter()
            .filter(|(f, _)| f != "within")
            .map(|(f, k)| match k {
                Some(k) => format!("{} {k}", field_fr(f)),
                None => field_fr(f),
            })
            .collect()
    };
    match (first.as_str(), key.as_deref()) {
        ("targets", Some(key)) => {
            let mut parts = key.split('/');
            let plan = names.plan(parts.next().unwrap_or(""));
            let priority = parts.next().unwrap_or("");
            let channel = parts.next();
            let place = match channel {
                Some(c) => format!("{priority}, {plan}, canal {c}"),
                None => format!("{priority}, {plan}"),
            };
            let metric = rest.first().and_then(|(f, _)| metric_of(f));
            match (metric, rest.get(1).map(|(f, _)| f.as_str())) {
                (Some(_), None | Some("within")) => {
                    format!("{} ({place})", field_fr(&rest[0].0))
                }
                (Some(_), Some(_)) => format!(
                    "{} — {} ({place})",
                    field_fr(&rest[0].0),
                    tail_words(&rest[1..]).join(", ")
                ),
                (None, _) if rest.is_empty() => format!("objectifs ({place})"),
                (None, _) => format!("{} ({place})", tail_words(rest).join(", ")),
            }
        }
        ("credits", Some(id)) => {
            let schedule = format!("barème de crédits « {id} »");
            match rest {
                [(tiers, Some(below)), more @ ..] if tiers == "tiers" => {
                    let what = tail_words(more);
                    if what.is_empty() {
                        format!("palier < {} ({schedule})", value_fr(below))
                    } else {
                        format!(
                            "{} du palier < {} ({schedule})",
                            what.join(", "),
                            value_fr(below)
                        )
                    }
                }
                [] => schedule,
                _ => format!("{} ({schedule})", tail_words(rest).join(", ")),
            }
        }
        ("calendars", Some(id)) => {
            let calendar = format!("calendrier « {} »", names.calendar(id));
            match rest {
                [(h, _), (dates, Some(date))] if h == "holidays" && dates == "dates" => {
                    format!("jour férié du {date} ({calendar})")
                }
                [(h, _), (rules, Some(country))] if h == "holidays" && rules == "rules" => {
                    format!("jours fériés légaux {country} ({calendar})")
                }
                [(hours, _), (day, _)] if hours == "hours" => {
                    format!("horaires du {} ({calendar})", day_fr(day))
                }
                [] => calendar,
                _ => format!("{} ({calendar})", tail_words(rest).join(", ")),
            }
        }
        ("plans", Some(id)) => with(format!("offre « {} »", names.plan(id)), rest, tail_words),
        ("services", Some(id)) => with(
            format!("service « {} »", names.service(id)),
            rest,
            tail_words,
        ),
        ("priorities", Some(id)) => with(format!("priorité {id}"), rest, tail_words),
        ("channels", Some(id)) => with(format!("canal {id}"), rest, tail_words),
        ("teams", Some(id)) => with(format!("équipe {id}"), rest, tail_words),
        ("olas", Some(id)) => with(format!("accord interne {id}"), rest, tail_words),
        ("exclusions", Some(kind)) => with(
            format!("exclusion « {} »", kind.replace('_', " ")),
            rest,
            tail_words,
        ),
        ("penalties", Some(trigger)) => with(format!("pénalité « {trigger} »"), rest, tail_words),
        ("escalation", _) => match rest {
            [(levels, Some(to)), more @ ..] if levels == "levels" => {
                with(format!("escalade vers {to}"), more, tail_words)
            }
            _ => with("escalade".into(), rest, tail_words),
        },
        (field, None) => {
            let mut words = vec![field_fr(field)];
            words.extend(tail_words(rest));
            if field == "meta" || field == "parties" {
                words.remove(0);
            }
            words.join(", ")
        }
        (field, Some(key)) => with(format!("{} {key}", field_fr(field)), rest, tail_words),
    }
}

fn with(
    head: String,
    rest: &[(String, Option<String>)],
    tail_words: impl Fn(&[(String, Option<String>)]) -> Vec<String>,
) -> String {
    let words = tail_words(rest);
    if words.is_empty() {
        head
    } else {
        format!("{} ({head})", words.join(", "))
    }
}

fn day_fr(day: &str) -> &str {
    match day {
        "mon" => "lundi",
        "tue" => "mardi",
        "wed" => "mercredi",
        "thu" => "jeudi",
        "fri" => "vendredi",
        "sat" => "samedi",
        "sun" => "dimanche",
        other => other,
    }
}

/// Whether a rendered value is one figure or word (not a whole record).
fn simple(value: &str) -> bool {
    !value.contains("; ") && !value.contains('{')
}

/// One change in `lang`, with the names of `before` and `after`.
pub fn describe(change: &Change, lang: Lang, before: &Agreement, after: &Agreement) -> String {
    if lang == Lang::En {
        return change.to_string();
    }
    let names = Names {
        agreements: [after, before],
    };
    let subject = subject_fr(&change.path, &names);
    let value = |v: &Option<String>| v.as_deref().map(value_fr);
    let line = match change.kind {
        ChangeKind::Changed => format!(
            "{subject} : {} → {}",
            value(&change.before).unwrap_or_else(|| "aucun".into()),
            value(&change.after).unwrap_or_else(|| "aucun".into())
        ),
        ChangeKind::Added => match change.after.as_deref().filter(|v| simple(v)) {
            Some(v) => format!("ajout : {subject} ({})", value_fr(v)),
            None => format!("ajout : {subject}"),
        },
        ChangeKind::Removed => match change.before.as_deref().filter(|v| simple(v)) {
            Some(v) => format!("suppression : {subject} ({})", value_fr(v)),
            None => format!("suppression : {subject}"),
        },
    };
    // A line of a list starts with a capital, as the contract's lists do.
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_fields_and_keys() {
        assert_eq!(
            steps("credits[uptime].tiers[99.5%].credit"),
            vec![
                ("credits".to_owned(), Some("uptime".to_owned())),
                ("tiers".to_owned(), Some("99.5%".to_owned())),
                ("credit".to_owned(), None),
            ]
        );
    }

    #[test]
    fn values_read_as_a_french_contract_prints_them() {
        assert_eq!(value_fr("3h30m"), "3\u{a0}h\u{a0}30");
        assert_eq!(value_fr("4h"), "4\u{a0}h");
        assert_eq!(value_fr("45m"), "45\u{a0}min");
        assert_eq!(value_fr("3bd"), "3\u{a0}jours ouvrés");
        assert_eq!(value_fr("1bd"), "1\u{a0}jour ouvré");
        assert_eq!(value_fr("99.5%"), "99,5\u{a0}%");
        assert_eq!(value_fr("yes"), "oui");
        assert_eq!(value_fr("Droit français"), "Droit français");
    }
}
