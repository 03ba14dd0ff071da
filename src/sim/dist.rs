//! Distributions of durations: handle times and customer patience.

use rand::distr::Distribution;
use rand::{Rng, RngExt};
use rand_distr::{Exp1, Gamma, LogNormal};

use super::time::SimDuration;
use super::SimError;

/// The z-score of the 90th percentile of the standard normal distribution.
const Z90: f64 = 1.281_551_565_544_600_4;

/// How a duration varies from ticket to ticket.
#[derive(Debug, Clone, PartialEq)]
pub enum DurationDistribution {
    /// Exponential with the given mean: the Erlang formulas' assumption.
    Exponential {
        /// The mean.
        mean: SimDuration,
    },
    /// Lognormal, given by its mean and 90th percentile, the two figures a
    /// support team can read off its ticket history.
    LogNormal {
        /// The mean.
        mean: SimDuration,
        /// The 90th percentile.
        p90: SimDuration,
    },
    /// Gamma with the given mean and shape (shape 1 is exponential; larger
    /// shapes vary less).
    Gamma {
        /// The mean.
        mean: SimDuration,
        /// The shape parameter, strictly positive.
        shape: f64,
    },
    /// Drawn uniformly from observed durations.
    Empirical {
        /// The observed durations, at least one.
        samples: Vec<SimDuration>,
    },
}

impl DurationDistribution {
    /// The mean duration.
    pub fn mean(&self) -> SimDuration {
        match self {
            DurationDistribution::Exponential { mean }
            | DurationDistribution::LogNormal { mean, .. }
            | DurationDistribution::Gamma { mean, .. } => *mean,
            DurationDistribution::Empirical { samples } => SimDuration::from_seconds(
                samples.iter().map(|s| s.as_seconds()).sum::<f64>() / samples.len().max(1) as f64,
            ),
        }
    }

    /// Checks the parameters and prepares a sampler; `path` names the field
    /// in error messages.
    pub fn sampler(&self, path: &str) -> Result<Sampler, SimError> {
        let invalid = |problem: String| SimError::InvalidParameter {
            path: path.to_owned(),
            problem,
        };
        let positive = |d: SimDuration, what: &str| {
            let s = d.as_seconds();
            if s.is_finite() && s > 0.0 {
                Ok(s)
            } else {
                Err(invalid(format!("the {what} must be a positive duration")))
            }
        };
        match self {
            DurationDistribution::Exponential { mean } => {
                Ok(Sampler::Exponential(positive(*mean, "mean")?))
            }
            DurationDistribution::LogNormal { mean, p90 } => {
                let mean = positive(*mean, "mean")?;
                let p90 = positive(*p90, "90th percentile")?;
                let sigma = lognormal_sigma(mean, p90).ok_or_else(|| {
                    invalid(format!(
                        "no lognormal distribution has mean {mean}s and 90th percentile {p90}s: \
                         the 90th percentile must be at most {:.3} times the mean",
                        (Z90 * Z90 / 2.0).exp()
                    ))
                })?;
                let mu = mean.ln() - sigma * sigma / 2.0;
                LogNormal::new(mu, sigma)
                    .map(Sampler::LogNormal)
                    .map_err(|e| invalid(format!("invalid lognormal parameters: {e}")))
            }
            DurationDistribution::Gamma { mean, shape } => {
                let mean = positive(*mean, "mean")?;
                if !(shape.is_finite() && *shape > 0.0) {
                    return Err(invalid("the gamma shape must be a positive number".into()));
                }
                Gamma::new(*shape, mean / shape)
                    .map(Sampler::Gamma)
                    .map_err(|e| invalid(format!("invalid gamma parameters: {e}")))
            }
            DurationDistribution::Empirical { samples } => {
                if samples.is_empty() {
                    return Err(invalid(
                        "an empirical distribution needs at least one observed duration".into(),
                    ));
                }
                let values: Vec<f64> = samples.iter().map(|s| s.as_seconds()).collect();
                if values.iter().any(|v| !v.is_finite()) {
                    return Err(invalid("every observed duration must be finite".into()));
                }
                Ok(Sampler::Empirical(values))
            }
        }
    }
}

/// The σ of the lognormal distribution with the given mean and 90th
/// percentile, if one exists.
///
/// With `ln X ~ N(m, σ²)`: `ln mean = m + σ²/2` and `ln p90 = m + z·σ`, so
/// `σ²/2 - zσ + ln(p90/mean) = 0`. When `p90 > mean` both roots are
/// positive and the smaller one is taken (the less skewed of the two
/// distributions); otherwise only the larger root is positive.
fn lognormal_sigma(mean: f64, p90: f64) -> Option<f64> {
    let d = (p90 / mean).ln();
    let disc = Z90 * Z90 - 2.0 * d;
    if disc < 0.0 {
        return None;
    }
    let sigma = if d > 0.0 {
        Z90 - disc.sqrt()
    } else {
        Z90 + disc.sqrt()
    };
    (sigma > 0.0 && sigma.is_finite()).then_some(sigma)
}

/// A validated distribution, ready to draw durations in seconds.
#[derive(Debug, Clone)]
pub enum Sampler {
    /// Exponential with this mean, in seconds.
    Exponential(f64),
    /// Lognormal, in seconds.
    LogNormal(LogNormal<f64>),
    /// Gamma, in seconds.
    Gamma(Gamma<f64>),
    /// Observed durations in seconds, drawn uniformly.
    Empirical(Vec<f64>),
}

impl Sampler {
    /// Draws one duration, in seconds.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Exponential(mean) => {
                let e: f64 = Exp1.sample(rng);
                mean * e
            }
            Sampler::LogNormal(d) => d.sample(rng),
            Sampler::Gamma(d) => d.sample(rng),
            Sampler::Empirical(values) => values[rng.random_range(0..values.len())],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::replication_rng;

    #[test]
    fn lognormal_from_mean_and_p90_has_that_mean_and_p90() {
        let sigma = lognormal_sigma(360.0, 720.0).expect("a lognormal exists");
        let mu = 360f64.ln() - sigma * sigma / 2.0;
        assert!(((mu + sigma * sigma / 2.0).exp() - 360.0).abs() < 1e-9);
        assert!(((mu + Z90 * sigma).exp() - 720.0).abs() < 1e-9);
        assert!(lognormal_sigma(100.0, 300.0).is_none());
    }

    #[test]
    fn sample_means_fall_within_five_standard_errors() {
        // With 200 000 draws, the sample mean lies within 5 standard errors
        // of the true mean except with probability 6e-7 (normal approximation).
        let cases = [
            (
                DurationDistribution::Exponential {
                    mean: SimDuration::from_seconds(300.0),
                },
                300.0,
            ),
            (
                DurationDistribution::LogNormal {
                    mean: SimDuration::from_seconds(300.0),
                    p90: SimDuration::from_seconds(600.0),
                },
                300.0,
            ),
            (
                DurationDistribution::Gamma {
                    mean: SimDuration::from_seconds(300.0),
                    shape: 2.5,
                },
                300.0,
            ),
            (
                DurationDistribution::Empirical {
                    samples: [100.0, 200.0, 600.0]
                        .map(SimDuration::from_seconds)
                        .to_vec(),
                },
                300.0,
            ),
        ];
        for (i, (dist, mean)) in cases.iter().enumerate() {
            let sampler = dist.sampler("handle_time").expect("valid");
            let mut rng = replication_rng(42, i as u64);
            let n = 200_000;
            let mut w = crate::sim::stats::Welford::new();
            for _ in 0..n {
                w.push(sampler.sample(&mut rng));
            }
            let se = w.std_dev() / (n as f64).sqrt();
            assert!(
                (w.mean() - mean).abs() < 5.0 * se,
                "case {i}: {} vs {mean}",
                w.mean()
            );
        }
    }
}
