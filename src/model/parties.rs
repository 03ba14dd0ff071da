//! The parties to the agreement and who signs for them.
//!
//! A party's legal name, address and registration number, a signatory's
//! name and a contact's e-mail and address are identities: plain strings,
//! the same in every language. A signatory's title and a contact's name
//! (often a function such as "Head of Legal") are words the contract
//! prints in its language: [`Text`]s.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::Text;

/// The provider and the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    /// Who gives the support.
    pub provider: Party,
    /// Who receives it. For an internal SLA, the internal customer (a
    /// department).
    pub customer: Party,
}

/// One party to the agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The registered legal name, e.g. "Acme SAS".
    pub legal_name: String,
    /// The registered address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// The company registration number (SIREN, Companies House number, EIN…).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub registration_number: String,
    /// Where formal notices go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_contact: Option<Contact>,
    /// Who signs for the party.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
}

/// A person or mailbox to write to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name or function, e.g. "Head of Legal" (a text per language).
    pub name: Text,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Postal address, when it differs from the party's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
}

/// A person who signs the agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Full name.
    pub name: String,
    /// Title, e.g. "Chief Executive Officer" (a text per language).
    pub title: Text,
}
