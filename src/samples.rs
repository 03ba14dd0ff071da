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
pub const SAMPLES: &[Sample] = &[];

/// The sample with this name.
pub fn find(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.name == name)
}
