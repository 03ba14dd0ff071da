//! Sample agreements shipped with Pledge, embedded in the program so that
//! `pledge new --sample NAME` and the app work from anywhere.

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
