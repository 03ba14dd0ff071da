//! Duration distributions fitted to observed durations: the exponential,
//! log-normal and gamma families by maximum likelihood, each with its
//! log-likelihood, Akaike's criterion and its Kolmogorov–Smirnov
//! statistic, and the family a scenario is given.
//!
//! The family chosen is the one with the lowest AIC (the log-likelihood
//! less one point per parameter: the exponential has one, the others two)
//! among those a scenario can carry exactly; the KS statistic says how far
//! the chosen curve lies from the data, with its 5 % critical value.
//!
//! Exports write times to the minute, so durations are often whole
//! minutes: a value `v` then stands for anything that rounds to it, and
//! the KS statistic compares the empirical distribution at `v` with the
//! model's probability of a value below `v + 30 s` (and just before `v`
//! with the one below `v − 30 s`), so the rounding alone does not count as
//! a misfit.

use serde::Serialize;

use crate::model::Duration;
use crate::sim::scenario::DurationSpec;
use crate::sim::special::{digamma, ln_gamma, normal_cdf, regularized_gamma_p, trigamma};

/// The shortest duration fitted, in seconds: a zero (a reply written in
/// the minute the ticket was created) is taken as half a minute, the
/// resolution of most exports, since the log-normal and gamma families
/// have no mass at zero.
pub const FLOOR_SECONDS: f64 = 30.0;

/// The z-score of the 90th percentile of the standard normal distribution.
const Z90: f64 = 1.281_551_565_544_600_4;

/// The longest duration a scenario takes, in seconds (366 days).
const LONGEST: f64 = 366.0 * 86_400.0;

/// A family of distributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Exponential: one parameter, the mean.
    Exponential,
    /// Log-normal: the logarithm is normal (μ, σ).
    Lognormal,
    /// Gamma: shape and scale.
    Gamma,
    /// The observed values themselves (when fewer than two distinct values
    /// leave nothing to fit, or no family can be written).
    Empirical,
}

impl Family {
    /// The family's name as a scenario writes it.
    pub fn name(self) -> &'static str {
        match self {
            Family::Exponential => "exponential",
            Family::Lognormal => "lognormal",
            Family::Gamma => "gamma",
            Family::Empirical => "empirical",
        }
    }
}

/// One family fitted by maximum likelihood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyFit {
    /// The family.
    pub family: Family,
    /// The fitted mean, in seconds.
    pub mean: f64,
    /// Log-normal: μ of the natural logarithm of seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mu: Option<f64>,
    /// Log-normal: σ of the natural logarithm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sigma: Option<f64>,
    /// Gamma: the shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<f64>,
    /// The log-likelihood of the sample (durations in seconds).
    pub log_likelihood: f64,
    /// Akaike's criterion: 2 × parameters − 2 × log-likelihood.
    pub aic: f64,
    /// The Kolmogorov–Smirnov statistic: the largest distance between the
    /// sample's distribution function and the fitted one.
    pub ks: f64,
    /// Whether a scenario can carry this fit exactly (see [`Fit::spec`]).
    pub writable: bool,
}

/// A sample's fits and the family chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// Durations fitted.
    pub n: usize,
    /// The sample's mean, in seconds.
    pub sample_mean: f64,
    /// The sample's median, in seconds.
    pub sample_median: f64,
    /// Every family fitted, in the order exponential, log-normal, gamma.
    pub fits: Vec<FamilyFit>,
    /// The family chosen: the lowest AIC among the writable fits.
    pub chosen: Family,
    /// The 5 % critical value of the KS statistic for this sample size
    /// (1.358 / √n; conservative for parameters estimated from the sample).
    pub ks_critical: f64,
    /// The spec a scenario is given.
    #[serde(skip)]
    pub spec: DurationSpec,
}

impl Fit {
    /// The chosen family's fit (none when the sample is written as
    /// observed values).
    pub fn chosen_fit(&self) -> Option<&FamilyFit> {
        self.fits.iter().find(|f| f.family == self.chosen)
    }

    /// The fit of one family, if it was fitted.
    pub fn family(&self, family: Family) -> Option<&FamilyFit> {
        self.fits.iter().find(|f| f.family == family)
    }

    /// One line: the chosen family, its figures and the KS statistic.
    pub fn describe(&self) -> String {
        let d = |s: f64| Duration::seconds(s.round() as i64).to_string();
        let what = match self.chosen_fit() {
            Some(f) => match f.family {
                Family::Exponential => format!("exponential, mean {}", d(f.mean)),
                Family::Lognormal => format!(
                    "lognormal, median {} (μ {:.3}, σ {:.3}), mean {}",
                    d(f.mu.unwrap_or_default().exp()),
                    f.mu.unwrap_or_default(),
                    f.sigma.unwrap_or_default(),
                    d(f.mean)
                ),
                Family::Gamma => format!(
                    "gamma, mean {}, shape {:.3}",
                    d(f.mean),
                    f.shape.unwrap_or_default()
                ),
                Family::Empirical => "observed values".into(),
            },
            None => "observed values".into(),
        };
        let ks = match self.chosen_fit() {
            Some(f) => format!(
                ", KS {:.3} ({} the 5% critical {:.3})",
                f.ks,
                if f.ks <= self.ks_critical {
                    "within"
                } else {
                    "above"
                },
                self.ks_critical
            ),
            None => String::new(),
        };
        format!("{what}; n = {}{ks}", self.n)
    }
}

/// The spec a scenario is given for one fit, and whether it carries the fit
/// exactly: every duration within a year and at least a second, and for the
/// log-normal a σ the scenario's `{mean, p90}` form gives back within 1 %
/// once written in whole seconds (the reader takes the less skewed of the
/// two log-normals with a mean and a 90th percentile, so σ between z₉₀ and
/// 2·z₉₀ cannot be written, nor, rounded, one just below z₉₀).
fn spec_of(f: &FamilyFit) -> (DurationSpec, bool) {
    let secs = |s: f64| Duration::seconds(s.round().max(1.0) as i64);
    let within = |s: f64| s.is_finite() && (1.0..=LONGEST).contains(&s);
    match f.family {
        Family::Exponential => (DurationSpec::Exponential(secs(f.mean)), within(f.mean)),
        Family::Lognormal => {
            let (mu, sigma) = (f.mu.unwrap_or_default(), f.sigma.unwrap_or_default());
            let p90 = (mu + Z90 * sigma).exp();
            let (mean_written, p90_written) = (secs(f.mean), secs(p90));
            // The σ the reader takes from the figures as written (whole
            // seconds): the smaller root when the 90th percentile is above
            // the mean, the larger one otherwise.
            let d = (p90_written.as_seconds() as f64 / mean_written.as_seconds() as f64).ln();
            let disc = Z90 * Z90 - 2.0 * d;
            let read = if disc < 0.0 {
                f64::NAN
            } else if d > 0.0 {
                Z90 - disc.sqrt()
            } else {
                Z90 + disc.sqrt()
            };
            let ok = within(f.mean) && within(p90) && (read - sigma).abs() <= 0.01 * sigma;
            (
                DurationSpec::Lognormal {
                    mean: mean_written,
                    p90: p90_written,
                },
                ok,
            )
        }
        Family::Gamma => {
            let shape = f.shape.unwrap_or(1.0);
            (
                DurationSpec::Gamma {
                    mean: secs(f.mean),
                    shape: (shape * 1000.0).round() / 1000.0,
                },
                within(f.mean) && shape >= 0.001 && shape.is_finite(),
            )
        }
        Family::Empirical => (DurationSpec::Empirical(Vec::new()), false),
    }
}

/// The sample's quantiles at the midpoints of `k` equal slices, as a
/// scenario's `empirical` list.
fn quantiles(sorted: &[f64], k: usize) -> Vec<Duration> {
    let k = k.min(sorted.len()).max(1);
    (0..k)
        .map(|i| {
            let p = (i as f64 + 0.5) / k as f64;
            let at = ((p * sorted.len() as f64) as usize).min(sorted.len() - 1);
            Duration::seconds(sorted[at].round().clamp(1.0, LONGEST) as i64)
        })
        .collect()
}

/// The KS statistic of a sorted sample against a distribution function;
/// `grain` is the rounding of the data (60 s for whole minutes, else 0).
fn ks_statistic(sorted: &[f64], grain: f64, cdf: impl Fn(f64) -> f64) -> f64 {
    let n = sorted.len() as f64;
    let mut d: f64 = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let v = sorted[i];
        let mut j = i;
        while j < sorted.len() && sorted[j] == v {
            j += 1;
        }
        let below = i as f64 / n;
        let upto = j as f64 / n;
        d = d
            .max((upto - cdf(v + grain / 2.0)).abs())
            .max((cdf(v - grain / 2.0) - below).abs());
        i = j;
    }
    d
}

/// Fits the exponential, log-normal and gamma families to durations in
/// seconds (each taken as at least [`FLOOR_SECONDS`]); `None` for an empty
/// sample.
pub fn fit(durations: &[f64]) -> Option<Fit> {
    let mut x: Vec<f64> = durations
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| v.max(FLOOR_SECONDS))
        .collect();
    if x.is_empty() {
        return None;
    }
    x.sort_by(f64::total_cmp);
    let n = x.len();
    let nf = n as f64;
    let mean = x.iter().sum::<f64>() / nf;
    let median = if n % 2 == 1 {
        x[n / 2]
    } else {
        0.5 * (x[n / 2 - 1] + x[n / 2])
    };
    let grain = if x.iter().all(|v| v % 60.0 == 0.0) {
        60.0
    } else {
        0.0
    };
    let ks_critical = 1.358 / nf.sqrt();
    let empirical = |sorted: &[f64]| Fit {
        n,
        sample_mean: mean,
        sample_median: median,
        fits: Vec::new(),
        chosen: Family::Empirical,
        ks_critical,
        spec: DurationSpec::Empirical(quantiles(sorted, 100)),
    };
    let logs: Vec<f64> = x.iter().map(|v| v.ln()).collect();
    let sum_log: f64 = logs.iter().sum();
    let mu = sum_log / nf;
    let var = logs.iter().map(|l| (l - mu).powi(2)).sum::<f64>() / nf;
    if n < 2 || var <= 1e-12 {
        return Some(empirical(&x));
    }
    let mut fits = Vec::new();

    // Exponential: the mean.
    let ll = -nf * mean.ln() - nf;
    fits.push(FamilyFit {
        family: Family::Exponential,
        mean,
        mu: None,
        sigma: None,
        shape: None,
        log_likelihood: ll,
        aic: 2.0 - 2.0 * ll,
        ks: ks_statistic(&x, grain, |t| {
            if t <= 0.0 {
                0.0
            } else {
                1.0 - (-t / mean).exp()
            }
        }),
        writable: false,
    });

    // Log-normal: the mean and variance of the logarithms.
    let sigma = var.sqrt();
    let ll = -sum_log - nf * sigma.ln() - 0.5 * nf * (2.0 * std::f64::consts::PI).ln() - 0.5 * nf;
    fits.push(FamilyFit {
        family: Family::Lognormal,
        mean: (mu + var / 2.0).exp(),
        mu: Some(mu),
        sigma: Some(sigma),
        shape: None,
        log_likelihood: ll,
        aic: 4.0 - 2.0 * ll,
        ks: ks_statistic(&x, grain, |t| {
            if t <= 0.0 {
                0.0
            } else {
                normal_cdf((t.ln() - mu) / sigma)
            }
        }),
        writable: false,
    });

    // Gamma: the shape solves ln k − ψ(k) = ln(mean) − mean(ln x), from
    // Minka's closed-form start, by Newton's method.
    let s = mean.ln() - mu;
    if s > 0.0 {
        let mut k = (3.0 - s + ((s - 3.0).powi(2) + 24.0 * s).sqrt()) / (12.0 * s);
        for _ in 0..50 {
            let step = (k.ln() - digamma(k) - s) / (1.0 / k - trigamma(k));
            let next = k - step;
            k = if next > 0.0 { next } else { k / 2.0 };
            if step.abs() < 1e-12 * k {
                break;
            }
        }
        let scale = mean / k;
        let ll = (k - 1.0) * sum_log - nf * k * scale.ln() - nf * ln_gamma(k) - nf * k;
        fits.push(FamilyFit {
            family: Family::Gamma,
            mean,
            mu: None,
            sigma: None,
            shape: Some(k),
            log_likelihood: ll,
            aic: 4.0 - 2.0 * ll,
            ks: ks_statistic(&x, grain, |t| regularized_gamma_p(k, t.max(0.0) / scale)),
            writable: false,
        });
    }
    for f in &mut fits {
        f.writable = spec_of(f).1;
    }
    let best = fits
        .iter()
        .filter(|f| f.writable)
        .min_by(|a, b| a.aic.total_cmp(&b.aic));
    match best {
        Some(best) => {
            let (spec, _) = spec_of(best);
            let chosen = best.family;
            Some(Fit {
                n,
                sample_mean: mean,
                sample_median: median,
                fits,
                chosen,
                ks_critical,
                spec,
            })
        }
        None => {
            let mut out = empirical(&x);
            out.fits = fits;
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constant_sample_is_written_as_observed() {
        let f = fit(&[600.0, 600.0, 600.0]).expect("a fit");
        assert_eq!(f.chosen, Family::Empirical);
        assert_eq!(
            f.spec,
            DurationSpec::Empirical(vec![Duration::minutes(10); 3])
        );
        assert!(fit(&[]).is_none());
    }

    #[test]
    fn a_log_normal_is_written_only_when_the_reader_gives_its_sigma_back() {
        let ln = |sigma: f64| FamilyFit {
            family: Family::Lognormal,
            mean: (7.0 + sigma * sigma / 2.0).exp(),
            mu: Some(7.0),
            sigma: Some(sigma),
            shape: None,
            log_likelihood: 0.0,
            aic: 0.0,
            ks: 0.0,
            writable: false,
        };
        assert!(spec_of(&ln(1.0)).1);
        // Between z₉₀ and 2·z₉₀ the reader would take 2·z₉₀ − σ.
        assert!(!spec_of(&ln(1.8)).1);
        // Above 2·z₉₀ the 90th percentile is below the mean: the larger
        // root, read back.
        assert!(spec_of(&ln(3.0)).1);
    }

    #[test]
    fn zeros_are_taken_as_half_a_minute() {
        let f = fit(&[0.0, 60.0, 120.0, 600.0]).expect("a fit");
        assert_eq!(f.sample_mean, (30.0 + 60.0 + 120.0 + 600.0) / 4.0);
    }

    #[test]
    fn the_exponential_log_likelihood_is_the_sum_of_log_densities() {
        let x = [30.0, 90.0, 400.0, 1200.0, 61.0];
        let f = fit(&x).expect("a fit");
        let e = f.family(Family::Exponential).expect("exponential");
        let m = x.iter().sum::<f64>() / 5.0;
        let direct: f64 = x.iter().map(|v| -m.ln() - v / m).sum();
        assert!((e.log_likelihood - direct).abs() < 1e-9);
        let g = f.family(Family::Gamma).expect("gamma");
        let k = g.shape.unwrap();
        let scale = m / k;
        let direct: f64 = x
            .iter()
            .map(|v| (k - 1.0) * v.ln() - v / scale - k * scale.ln() - ln_gamma(k))
            .sum();
        assert!((g.log_likelihood - direct).abs() < 1e-9);
        // The gamma family holds the exponential (shape 1), so its
        // maximum likelihood is at least as high.
        assert!(g.log_likelihood >= e.log_likelihood - 1e-9);
    }
}
