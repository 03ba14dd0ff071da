//! Free text the contract prints, in the agreement's language or in each
//! language.
//!
//! A file writes such a field either as a plain string, in the agreement's
//! own language (`meta.language`), or as a mapping with a text per
//! language: `{en: "…", fr: "…"}`. The contract in a language prints that
//! language's text and falls back to the other one's when it has none;
//! the validator warns about such a fallback (`missing-translation`).

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Language;

/// The name under which [`Text`] asks a deserializer for its value, so that
/// the file reader can give every scalar as the text it is written as
/// (`1.0` stays `1.0`), as it does for a plain string field.
pub(crate) const TEXT_TOKEN: &str = "$pledge::Text";

/// Free text of the contract: one text in the agreement's own language, or
/// a text per language (an empty one is missing).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text(Repr);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// Written as a plain string: in the agreement's own language.
    Own(String),
    /// Written as a mapping; at least one of the two is not empty.
    PerLanguage { en: String, fr: String },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Own(String::new())
    }
}

impl Text {
    /// A text in the agreement's own language (a plain string in the file).
    pub fn own(text: impl Into<String>) -> Self {
        Text(Repr::Own(text.into()))
    }

    /// A text per language, an empty one being missing. Without any text
    /// it is the empty text, which a file writes as `""`.
    pub fn per_language(en: impl Into<String>, fr: impl Into<String>) -> Self {
        let (en, fr) = (en.into(), fr.into());
        if en.is_empty() && fr.is_empty() {
            Text::default()
        } else {
            Text(Repr::PerLanguage { en, fr })
        }
    }

    /// Whether the field is written as a mapping with a text per language.
    pub fn is_per_language(&self) -> bool {
        matches!(self.0, Repr::PerLanguage { .. })
    }

    /// The text written for `lang` itself, without falling back: a plain
    /// string is `own`'s, and no other language's. Empty when missing.
    pub fn written(&self, lang: Language, own: Language) -> &str {
        match (&self.0, lang) {
            (Repr::Own(s), _) if lang == own => s,
            (Repr::Own(_), _) => "",
            (Repr::PerLanguage { en, .. }, Language::En) => en,
            (Repr::PerLanguage { fr, .. }, Language::Fr) => fr,
        }
    }

    /// The text the contract in `lang` prints, for an agreement written in
    /// `own`: `lang`'s text, or the other language's when it has none.
    pub fn get(&self, lang: Language, own: Language) -> &str {
        let written = self.written(lang, own);
        if !written.trim().is_empty() {
            return written;
        }
        let other = self.written(lang.other(), own);
        if other.trim().is_empty() {
            written
        } else {
            other
        }
    }

    /// Whether the field has text, but none for `lang`: the contract in
    /// `lang` prints another language's text.
    pub fn lacks(&self, lang: Language, own: Language) -> bool {
        self.written(lang, own).trim().is_empty()
            && !self.written(lang.other(), own).trim().is_empty()
    }

    /// Whether the field has no text in any language (only white space).
    pub fn is_blank(&self) -> bool {
        self.texts().all(|t| t.trim().is_empty())
    }

    /// Whether the field is the empty text, which files leave out where
    /// the field is optional.
    pub fn is_empty(&self) -> bool {
        matches!(&self.0, Repr::Own(s) if s.is_empty())
    }

    /// Every text the field holds, English first.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let (a, b) = match &self.0 {
            Repr::Own(s) => (s.as_str(), ""),
            Repr::PerLanguage { en, fr } => (en.as_str(), fr.as_str()),
        };
        [a, b].into_iter().filter(|t| !t.is_empty())
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::own(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::own(text)
    }
}

impl Language {
    /// The other language of the two.
    pub fn other(self) -> Language {
        match self {
            Language::En => Language::Fr,
            Language::Fr => Language::En,
        }
    }

    /// The language's name in English: `English`, `French`.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Fr => "French",
        }
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Own(text) => s.serialize_str(text),
            Repr::PerLanguage { en, fr } => {
                let given = [("en", en), ("fr", fr)];
                let given: Vec<_> = given.iter().filter(|(_, t)| !t.is_empty()).collect();
                let mut map = s.serialize_map(Some(given.len()))?;
                for (key, text) in given {
                    map.serialize_entry(key, text)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(TEXT_TOKEN, TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text, or a mapping with a text per language (`en`, `fr`)")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        d.deserialize_any(TextVisitor)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::own(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text::own(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Ok(Text::own(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text::own(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text::own(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text::own(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let (mut en, mut fr) = (None::<String>, None::<String>);
        while let Some(key) = map.next_key::<LanguageKey>()? {
            let slot = match key.0 {
                Language::En => &mut en,
                Language::Fr => &mut fr,
            };
            if slot.is_some() {
                return Err(de::Error::custom(format!(
                    "the {} text is given twice",
                    key.0.name()
                )));
            }
            *slot = Some(map.next_value()?);
        }
        Ok(Text::per_language(
            en.unwrap_or_default(),
            fr.unwrap_or_default(),
        ))
    }
}

/// A key of a per-language text: `en` or `fr`, refused otherwise with the
/// keys allowed.
struct LanguageKey(Language);

impl<'de> Deserialize<'de> for LanguageKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        match key.as_str() {
            "en" => Ok(LanguageKey(Language::En)),
            "fr" => Ok(LanguageKey(Language::Fr)),
            other => Err(de::Error::custom(format!(
                "`{other}` is not a language of the contract: a text per language has the keys `en` and `fr`"
            ))),
        }
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Text")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Free text: a string in the agreement's language, or a text per language ({en: \"…\", fr: \"…\"}); the contract in a language without its own text prints the other one.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "en": { "type": "string" },
                        "fr": { "type": "string" },
                    },
                    "additionalProperties": false,
                },
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Language::{En, Fr};

    #[test]
    fn a_plain_text_is_the_own_languages_and_the_fallback_of_the_other() {
        let t = Text::own("French law");
        assert_eq!(t.get(En, En), "French law");
        assert_eq!(t.get(Fr, En), "French law");
        assert!(!t.lacks(En, En));
        assert!(t.lacks(Fr, En));
    }

    #[test]
    fn a_text_per_language_prints_each_and_falls_back_when_one_is_missing() {
        let t = Text::per_language("French law", "Droit français");
        assert_eq!(t.get(En, Fr), "French law");
        assert_eq!(t.get(Fr, Fr), "Droit français");
        assert!(!t.lacks(En, Fr) && !t.lacks(Fr, Fr));
        let t = Text::per_language("", "Droit français");
        assert_eq!(t.get(En, Fr), "Droit français");
        assert!(t.lacks(En, Fr));
    }

    #[test]
    fn an_empty_text_lacks_nothing() {
        for t in [Text::default(), Text::per_language("", ""), Text::own("  ")] {
            assert!(!t.lacks(En, Fr) && !t.lacks(Fr, Fr));
            assert!(t.is_blank());
        }
        assert_eq!(Text::per_language("", ""), Text::default());
    }
}
