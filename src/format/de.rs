//! A serde `Deserializer` over the located YAML tree.
//!
//! Every error it returns carries the field path it arose at and the line
//! and column of the node concerned, so that "invalid type" becomes
//! `targets[2].resolution.within` at line 41, column 15.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::tree::{Node, NodeKind};
use super::Location;
use crate::error::ErrorCode;

/// A deserialisation error with its path (built innermost first while the
/// error travels up) and location.
#[derive(Debug)]
pub(crate) struct DeError {
    pub code: ErrorCode,
    pub message: String,
    /// Path segments, innermost first.
    pub segments: Vec<String>,
    pub location: Option<Location>,
}

impl DeError {
    fn new(code: ErrorCode, message: String) -> Self {
        DeError {
            code,
            message,
            segments: Vec::new(),
            location: None,
        }
    }

    /// Adds the enclosing segment and, if none is known yet, the location.
    fn within(mut self, segment: String, location: Location) -> Self {
        self.segments.push(segment);
        self.location.get_or_insert(location);
        self
    }

    fn located(mut self, location: Location) -> Self {
        self.location.get_or_insert(location);
        self
    }

    /// The field path, outermost first: `targets[2].resolution`.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.segments.iter().rev() {
            if !segment.starts_with('[') && !path.is_empty() {
                path.push('.');
            }
            path.push_str(segment);
        }
        path
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(ErrorCode::InvalidValue, msg.to_string())
    }
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            ErrorCode::Type,
            format!("expected {exp}, found {}", describe(unexp)),
        )
    }
    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            ErrorCode::InvalidValue,
            format!("expected {exp}, found {}", describe(unexp)),
        )
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(
            ErrorCode::UnknownField,
            format!(
                "unknown field `{field}`; the fields here are {}",
                one_of(expected)
            ),
        )
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(
            ErrorCode::InvalidValue,
            format!(
                "`{variant}` is not allowed here; write {}",
                one_of(expected)
            ),
        )
    }
    fn missing_field(field: &'static str) -> Self {
        DeError::new(
            ErrorCode::MissingField,
            format!("the required field `{field}` is missing"),
        )
    }
    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(ErrorCode::DuplicateKey, format!("`{field}` is given twice"))
    }
}

fn describe(unexp: de::Unexpected) -> String {
    match unexp {
        de::Unexpected::Map => "a mapping".into(),
        de::Unexpected::Seq => "a list".into(),
        de::Unexpected::Unit => "nothing (an empty value)".into(),
        other => other.to_string(),
    }
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => "none".into(),
        [one] => format!("`{one}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!(
                "{} or {}",
                quoted[..quoted.len() - 1].join(", "),
                quoted[quoted.len() - 1]
            )
        }
    }
}

/// How a plain scalar reads under the YAML 1.2 core schema.
pub(super) enum Plain<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(&'a str),
}

pub(super) fn resolve_plain(value: &str) -> Plain<'_> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | "+.inf" | ".Inf" | "+.Inf" | ".INF" | "+.INF" => {
            return Plain::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(v) = value.parse::<i64>() {
            return Plain::Int(v);
        }
        if let Ok(v) = value.trim_start_matches('+').parse::<u64>() {
            return Plain::UInt(v);
        }
    }
    if let Some(hex) = value.strip_prefix("0x") {
        if let Ok(v) = i64::from_str_radix(hex, 16) {
            return Plain::Int(v);
        }
    }
    let looks_numeric = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    if looks_numeric {
        if let Ok(v) = value.parse::<f64>() {
            return Plain::Float(v);
        }
    }
    Plain::Str(value)
}

/// Deserialises from one node of the tree.
pub(crate) struct NodeDeserializer<'a>(pub &'a Node);

impl<'a> NodeDeserializer<'a> {
    fn unexpected(&self) -> de::Unexpected<'a> {
        match &self.0.kind {
            NodeKind::Scalar { value, plain: true } => match resolve_plain(value) {
                Plain::Null => de::Unexpected::Unit,
                Plain::Bool(b) => de::Unexpected::Bool(b),
                Plain::Int(i) => de::Unexpected::Signed(i),
                Plain::UInt(u) => de::Unexpected::Unsigned(u),
                Plain::Float(f) => de::Unexpected::Float(f),
                Plain::Str(s) => de::Unexpected::Str(s),
            },
            NodeKind::Scalar {
                value,
                plain: false,
            } => de::Unexpected::Str(value),
            NodeKind::Sequence(_) => de::Unexpected::Seq,
            NodeKind::Mapping(_) => de::Unexpected::Map,
        }
    }

    fn fail<T>(&self, expected: &dyn de::Expected) -> Result<T, DeError> {
        Err(
            <DeError as de::Error>::invalid_type(self.unexpected(), expected)
                .located(self.0.location),
        )
    }
}

impl<'de, 'a> de::Deserializer<'de> for NodeDeserializer<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let location = self.0.location;
        let result = match &self.0.kind {
            NodeKind::Scalar {
                value,
                plain: false,
            } => visitor.visit_str(value),
            NodeKind::Scalar { value, plain: true } => match resolve_plain(value) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Int(i) => visitor.visit_i64(i),
                Plain::UInt(u) => visitor.visit_u64(u),
                Plain::Float(f) => visitor.visit_f64(f),
                Plain::Str(s) => visitor.visit_str(s),
            },
            NodeKind::Sequence(items) => visitor.visit_seq(SeqAccess {
                items: items.iter(),
                index: 0,
            }),
            NodeKind::Mapping(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                value: None,
            }),
        };
        result.map_err(|e| e.located(location))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            // Any scalar can be read as text: `version_label: 1.0` means "1.0".
            NodeKind::Scalar { value, .. } => visitor
                .visit_str(value)
                .map_err(|e: DeError| e.located(self.0.location)),
            _ => self.fail(&visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Scalar { value, plain: true }
                if matches!(resolve_plain(value), Plain::Null) =>
            {
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Sequence(_) => self.deserialize_any(visitor),
            _ => self.fail(&visitor),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Mapping(_) => self.deserialize_any(visitor),
            _ => self.fail(&visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let location = self.0.location;
        match &self.0.kind {
            NodeKind::Scalar { value, .. } => visitor
                .visit_enum(value.as_str().into_deserializer())
                .map_err(|e: DeError| e.located(location)),
            NodeKind::Mapping(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                visitor
                    .visit_enum(EnumAccess { key, value })
                    .map_err(|e| e.located(location))
            }
            _ => self.fail(&"a single name, or a mapping with one key naming the choice"),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // A free-text field (`model::Text`) reads any scalar as the text
        // it is written as, like a plain string field, and a mapping as a
        // text per language.
        match &self.0.kind {
            NodeKind::Scalar { value, .. } if name == crate::model::TEXT_TOKEN => visitor
                .visit_str(value)
                .map_err(|e: DeError| e.located(self.0.location)),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct tuple tuple_struct identifier ignored_any
    }
}

struct SeqAccess<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
}

impl<'de, 'a> de::SeqAccess<'de> for SeqAccess<'a> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(NodeDeserializer(node))
            .map(Some)
            .map_err(|e| e.within(format!("[{index}]"), node.location))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<(&'a Node, &'a Node)>,
}

impl<'de, 'a> de::MapAccess<'de> for MapAccess<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let name = key.as_scalar().unwrap_or_default().to_string();
        seed.deserialize(NodeDeserializer(key))
            .map(Some)
            .map_err(|e| e.within(name, key.location))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        let name = key.as_scalar().unwrap_or_default().to_string();
        seed.deserialize(NodeDeserializer(value))
            .map_err(|e| e.within(name, value.location))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumAccess<'a> {
    key: &'a Node,
    value: &'a Node,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumAccess<'a> {
    type Error = DeError;
    type Variant = VariantAccess<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantAccess<'a>), DeError> {
        let name = self.key.as_scalar().unwrap_or_default().to_string();
        let variant = seed
            .deserialize(NodeDeserializer(self.key))
            .map_err(|e| e.within(name.clone(), self.key.location))?;
        Ok((
            variant,
            VariantAccess {
                name,
                value: self.value,
            },
        ))
    }
}

struct VariantAccess<'a> {
    name: String,
    value: &'a Node,
}

impl<'de, 'a> de::VariantAccess<'de> for VariantAccess<'a> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match &self.value.kind {
            NodeKind::Scalar { value, plain: true }
                if matches!(resolve_plain(value), Plain::Null) =>
            {
                Ok(())
            }
            _ => Err(de::Error::custom(format!("`{}` takes no value", self.name))),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        let location = self.value.location;
        seed.deserialize(NodeDeserializer(self.value))
            .map_err(|e| e.within(self.name, location))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        let location = self.value.location;
        de::Deserializer::deserialize_seq(NodeDeserializer(self.value), visitor)
            .map_err(|e| e.within(self.name, location))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let location = self.value.location;
        de::Deserializer::deserialize_map(NodeDeserializer(self.value), visitor)
            .map_err(|e| e.within(self.name, location))
    }
}
