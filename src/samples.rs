//! Sample agreements shipped with Pledge, embedded in the program so that
//! `pledge new --sample NAME` and the app work from anywhere; the blank
//! starter the app also offers; and the sample scenarios, each written for
//! a sample agreement.

/// A sample agreement.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// The name used to ask for it, e.g. `saas-multilevel`.
    pub name: &'static str,
    /// What it is, in a line.
    pub summary: &'static str,
    /// The agreement file's text.
    pub text: &'static str,
}

/// Every sample, in the order they are offered.
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "fr-pme-infogerance",
        summary: "French IT provider and a PME: infogérance, Paris business hours, 4 priorities, penalties (in French)",
        text: include_str!("../templates/samples/fr-pme-infogerance.yaml"),
    },
    Sample {
        name: "saas-multilevel",
        summary: "Multi-level SaaS SLA: Standard, Premium, Enterprise (24/7 for P1), 99.9% uptime with credits",
        text: include_str!("../templates/samples/saas-multilevel.yaml"),
    },
    Sample {
        name: "internal-it-ola",
        summary: "Internal service-based IT SLA with OLAs: triage 4h + resolution 8h under a 24h target",
        text: include_str!("../templates/samples/internal-it-ola.yaml"),
    },
];

/// The sample with this name.
pub fn find(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.name == name)
}

/// The starter offered besides the samples: the smallest complete
/// agreement, to fill in from scratch.
pub static BLANK: Sample = Sample {
    name: "blank",
    summary: "A minimal agreement to fill in",
    text: include_str!("../templates/starters/blank.yaml"),
};

/// Every sample, then the blank starter: what a new agreement can be made
/// from.
pub fn starters() -> impl Iterator<Item = &'static Sample> {
    SAMPLES.iter().chain(std::iter::once(&BLANK))
}

/// The sample or starter with this name.
pub fn starter(name: &str) -> Option<&'static Sample> {
    starters().find(|s| s.name == name)
}

/// A sample scenario.
#[derive(Debug, Clone, Copy)]
pub struct SampleScenario {
    /// The name of the sample agreement it is written for (its file's
    /// `agreement:` names that sample's file).
    pub sample: &'static str,
    /// The scenario file's text.
    pub text: &'static str,
}

/// Every sample scenario.
pub const SCENARIOS: &[SampleScenario] = &[
    SampleScenario {
        sample: "fr-pme-infogerance",
        text: include_str!("../templates/samples/scenarios/fr-pme-infogerance.yaml"),
    },
    SampleScenario {
        sample: "saas-multilevel",
        text: include_str!("../templates/samples/scenarios/saas-multilevel.yaml"),
    },
    SampleScenario {
        sample: "internal-it-ola",
        text: include_str!("../templates/samples/scenarios/internal-it-ola.yaml"),
    },
];
