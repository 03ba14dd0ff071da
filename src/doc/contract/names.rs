//! How the contract names the agreement's parts and prints its texts in
//! its language: a [`Text`] in the export language (else the other one's),
//! a plan, priority or channel by its name rather than its identifier.
//! Shared by the template context and the simulation annex.

use crate::doc::tree::Lang;
use crate::model::{Agreement, ChannelKind, Language, Text};

/// The text a contract in `lang` prints for a free-text field of `a`: its
/// text in `lang`, else its text in the agreement's own language.
pub(crate) fn text<'a>(a: &Agreement, t: &'a Text, lang: Lang) -> &'a str {
    let lang = match lang {
        Lang::En => Language::En,
        Lang::Fr => Language::Fr,
    };
    t.get(lang, a.meta.language)
}

/// The name a contract in `lang` prints for the channel `id`: its name in
/// `lang` (or the other language's), else its kind's word in `lang`.
pub(crate) fn channel_name(a: &Agreement, id: &str, lang: Lang) -> String {
    a.channels
        .iter()
        .find(|c| c.id == id)
        .map(|c| {
            if c.name.is_blank() {
                kind_name(c.kind, lang).to_string()
            } else {
                text(a, &c.name, lang).to_string()
            }
        })
        .unwrap_or_else(|| id.to_string())
}

/// What a contract in `lang` calls a channel of `kind` that has no name.
fn kind_name(kind: ChannelKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ChannelKind::Email, Lang::En) => "E-mail",
        (ChannelKind::Email, Lang::Fr) => "Courriel",
        (ChannelKind::Phone, Lang::En) => "Telephone",
        (ChannelKind::Phone, Lang::Fr) => "Téléphone",
        (ChannelKind::Chat, Lang::En) => "Chat",
        (ChannelKind::Chat, Lang::Fr) => "Messagerie instantanée",
        (ChannelKind::Portal, Lang::En) => "Portal",
        (ChannelKind::Portal, Lang::Fr) => "Portail",
    }
}

/// The name a contract in `lang` prints for the plan `id`; the identifier
/// when there is no such plan.
pub(crate) fn plan_name(a: &Agreement, id: &str, lang: Lang) -> String {
    a.plan(id)
        .map_or_else(|| id.to_string(), |p| text(a, &p.name, lang).to_string())
}

/// The name a contract in `lang` prints for the priority `id`; the
/// identifier when there is no such priority.
pub(crate) fn priority_name(a: &Agreement, id: &str, lang: Lang) -> String {
    a.priority(id)
        .map_or_else(|| id.to_string(), |p| text(a, &p.name, lang).to_string())
}
