//! Streamed statistics: figures that are updated one observation at a time
//! in constant memory, so a replication keeps no per-ticket records.

use super::special::student_t_quantile;

/// Running mean and variance (Welford's algorithm), numerically stable for
/// millions of observations.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Welford {
    count: u64,
    mean: f64,
    m2: f64,
}

impl Welford {
    /// No observations yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds one observation.
    #[inline]
    pub fn push(&mut self, x: f64) {
        self.count += 1;
        let delta = x - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (x - self.mean);
    }
    /// Combines two independent tallies (Chan et al.'s parallel formula).
    pub fn merge(&mut self, other: &Welford) {
        if other.count == 0 {
            return;
        }
        let n = self.count + other.count;
        let delta = other.mean - self.mean;
        self.mean += delta * other.count as f64 / n as f64;
        self.m2 += other.m2 + delta * delta * (self.count as f64) * (other.count as f64) / n as f64;
        self.count = n;
    }
    /// The number of observations.
    pub fn count(&self) -> u64 {
        self.count
    }
    /// The mean, or 0 with no observation.
    pub fn mean(&self) -> f64 {
        self.mean
    }
    /// The sample variance (n − 1 denominator), or 0 with fewer than two.
    pub fn variance(&self) -> f64 {
        if self.count < 2 {
            0.0
        } else {
            self.m2 / (self.count - 1) as f64
        }
    }
    /// The sample standard deviation.
    pub fn std_dev(&self) -> f64 {
        self.variance().sqrt()
    }
}

/// A histogram with fixed-width bins over `[0, width × bins)` and one
/// overflow bin; fixed bins make histograms of different replications add up.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    width: f64,
    per_width: f64,
    counts: Vec<u64>,
    overflow: u64,
}

impl Histogram {
    /// `bins` bins of `width` each (both positive; a zero is raised to the
    /// smallest usable value).
    pub fn new(width: f64, bins: usize) -> Self {
        let width = if width > 0.0 {
            width
        } else {
            f64::MIN_POSITIVE
        };
        Histogram {
            width,
            per_width: 1.0 / width,
            counts: vec![0; bins.max(1)],
            overflow: 0,
        }
    }
    /// Counts one observation; negative values fall in the first bin.
    #[inline]
    pub fn push(&mut self, x: f64) {
        // A multiplication rather than a division: this runs once per ticket.
        let i = (x * self.per_width) as usize;
        match self.counts.get_mut(i) {
            Some(c) => *c += 1,
            None => self.overflow += 1,
        }
    }
    /// Adds the counts of a histogram with the same bins.
    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.overflow += other.overflow;
    }
    /// The bin width.
    pub fn width(&self) -> f64 {
        self.width
    }
    /// The counts of the regular bins, lowest first.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }
    /// Observations at or above the last bin's upper edge.
    pub fn overflow(&self) -> u64 {
        self.overflow
    }
    /// All observations counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.overflow
    }
    /// The `p` quantile (`0 <= p <= 1`), interpolated linearly inside its
    /// bin, so exact to within one bin width; `None` with no observation, or
    /// when the quantile lies in the overflow bin (it is then at least the
    /// histogram's upper edge).
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let rank = p.clamp(0.0, 1.0) * total as f64;
        let mut below = 0u64;
        for (i, &c) in self.counts.iter().enumerate() {
            if c > 0 && (below + c) as f64 >= rank {
                let within = ((rank - below as f64) / c as f64).clamp(0.0, 1.0);
                return Some(self.width * (i as f64 + within));
            }
            below += c;
        }
        None
    }
}

/// Quantiles of a stream of non-negative values (times in seconds) in
/// bounded memory: exact while it holds at most [`QuantileSketch::EXACT`]
/// values, then read from a log-linear histogram with a proven error.
///
/// The `q` quantile is the order statistic of rank `⌈q·n⌉` (the smallest
/// value with at least a share `q` of the `n` values at or below it; the
/// lower middle value for the median of an even count).
///
/// - Up to [`QuantileSketch::EXACT`] values it is that order statistic,
///   exactly: the values are kept.
/// - Beyond, each value is counted in a bucket; the buckets split every
///   power of two from 2⁻¹⁰ to 2³² into [`QuantileSketch::SPLITS`] equal
///   parts. The counts are exact, so the bucket holding the value of that
///   rank is found exactly; its midpoint is returned, clamped to the
///   smallest and largest values seen. A bucket `[lo, hi)` inside the
///   power of two `[2ᵉ, 2ᵉ⁺¹)` is `2ᵉ / 64` wide, so the midpoint is
///   within `2ᵉ / 128 ≤ x / 128` of any value `x` in it: the answer is
///   within **0.79 % (1/128) of the true order statistic, relative**.
///   Values under 2⁻¹⁰ (about a millisecond), zero included, share one
///   bucket answered by the smallest value seen: within 2⁻¹⁰ of the true
///   one, absolute. Values of 2³² or more (136 years in seconds, longer
///   than any run) share the top bucket, answered by the largest value
///   seen.
///
/// Memory is fixed whatever the number of values: the kept values, and
/// the histogram's 2,690 counts (21 KB), allocated only once more than
/// `EXACT` values have come.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantileSketch {
    count: u64,
    min: f64,
    max: f64,
    first: [f64; QuantileSketch::EXACT],
    counts: Vec<u64>,
}

impl Default for QuantileSketch {
    fn default() -> Self {
        Self::new()
    }
}

impl QuantileSketch {
    /// Values kept exactly.
    pub const EXACT: usize = 32;
    /// Buckets per power of two.
    pub const SPLITS: usize = 64;
    /// The relative error bound beyond [`QuantileSketch::EXACT`] values
    /// (half a bucket's width over its lower edge).
    pub const RELATIVE_ERROR: f64 = 1.0 / (2.0 * Self::SPLITS as f64);
    /// The absolute error bound for values under 2⁻¹⁰.
    pub const ABSOLUTE_ERROR: f64 = 1.0 / 1024.0;
    const LOW_EXPONENT: i32 = -10;
    const HIGH_EXPONENT: i32 = 32;
    const BUCKETS: usize = 2 + (Self::HIGH_EXPONENT - Self::LOW_EXPONENT) as usize * Self::SPLITS;

    /// No value yet.
    pub fn new() -> Self {
        QuantileSketch {
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            first: [0.0; Self::EXACT],
            counts: Vec::new(),
        }
    }

    /// The number of values.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Adds one value; NaN is not a value and is left out.
    #[inline]
    pub fn push(&mut self, x: f64) {
        if x.is_nan() {
            return;
        }
        if (self.count as usize) < Self::EXACT {
            self.first[self.count as usize] = x;
        } else {
            if self.counts.is_empty() {
                self.counts = vec![0; Self::BUCKETS];
                for &kept in &self.first {
                    self.counts[Self::bucket(kept)] += 1;
                }
            }
            self.counts[Self::bucket(x)] += 1;
        }
        self.count += 1;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
    }

    /// The bucket of `x`: 0 below 2⁻¹⁰, the last one at 2³²
    /// or above, else its power of two and its part of it, read from the
    /// bits of the float (exponent, then the mantissa's leading six bits).
    #[inline]
    fn bucket(x: f64) -> usize {
        const LOW: f64 = 1.0 / 1024.0;
        const HIGH: f64 = 4_294_967_296.0;
        if x < LOW {
            return 0;
        }
        if x >= HIGH {
            return Self::BUCKETS - 1;
        }
        let bits = x.to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i32 - 1023;
        let part = ((bits >> (52 - 6)) & (Self::SPLITS as u64 - 1)) as usize;
        1 + (exponent - Self::LOW_EXPONENT) as usize * Self::SPLITS + part
    }

    /// The `q` quantile (`0 ≤ q ≤ 1`), within the bounds stated on the
    /// type; `None` without values.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        // ⌈q·n⌉, kept in 1..=n; the small allowance keeps 0.9 × 10 at 9.
        let rank =
            ((q.clamp(0.0, 1.0) * self.count as f64 - 1e-9).ceil() as u64).clamp(1, self.count);
        if self.counts.is_empty() {
            let mut kept = self.first[..self.count as usize].to_vec();
            kept.sort_by(f64::total_cmp);
            return Some(kept[rank as usize - 1]);
        }
        let mut below = 0u64;
        let mut bucket = Self::BUCKETS - 1;
        for (i, &c) in self.counts.iter().enumerate() {
            below += c;
            if below >= rank {
                bucket = i;
                break;
            }
        }
        let middle = if bucket == 0 {
            self.min
        } else if bucket == Self::BUCKETS - 1 {
            self.max
        } else {
            let exponent = (bucket - 1) / Self::SPLITS;
            let part = (bucket - 1) % Self::SPLITS;
            let power = 2f64.powi(exponent as i32 + Self::LOW_EXPONENT);
            power * (1.0 + (part as f64 + 0.5) / Self::SPLITS as f64)
        };
        Some(middle.clamp(self.min, self.max))
    }
}

/// A streaming estimate of one quantile by the P² algorithm (Jain and
/// Chlamtac, 1985): five markers whose heights follow a piecewise-parabolic
/// fit, in constant memory.
#[derive(Debug, Clone, PartialEq)]
pub struct P2Quantile {
    p: f64,
    heights: [f64; 5],
    positions: [f64; 5],
    desired: [f64; 5],
    increments: [f64; 5],
    count: usize,
}

impl P2Quantile {
    /// An estimator of the `p` quantile (`0 < p < 1`).
    pub fn new(p: f64) -> Self {
        P2Quantile {
            p,
            heights: [0.0; 5],
            positions: [1.0, 2.0, 3.0, 4.0, 5.0],
            desired: [1.0, 1.0 + 2.0 * p, 1.0 + 4.0 * p, 3.0 + 2.0 * p, 5.0],
            increments: [0.0, p / 2.0, p, (1.0 + p) / 2.0, 1.0],
            count: 0,
        }
    }

    /// Adds one observation.
    pub fn push(&mut self, x: f64) {
        if self.count < 5 {
            self.heights[self.count] = x;
            self.count += 1;
            if self.count == 5 {
                self.heights.sort_by(f64::total_cmp);
            }
            return;
        }
        self.count += 1;
        let h = &mut self.heights;
        let k = if x < h[0] {
            h[0] = x;
            0
        } else if x >= h[4] {
            h[4] = x;
            3
        } else {
            (0..4).find(|&i| x < h[i + 1]).unwrap_or(3)
        };
        for pos in &mut self.positions[k + 1..] {
            *pos += 1.0;
        }
        for (d, inc) in self.desired.iter_mut().zip(&self.increments) {
            *d += inc;
        }
        for i in 1..4 {
            let d = self.desired[i] - self.positions[i];
            let (n_prev, n, n_next) = (
                self.positions[i - 1],
                self.positions[i],
                self.positions[i + 1],
            );
            if (d >= 1.0 && n_next - n > 1.0) || (d <= -1.0 && n_prev - n < -1.0) {
                let s = d.signum();
                let (q_prev, q, q_next) =
                    (self.heights[i - 1], self.heights[i], self.heights[i + 1]);
                let parabolic = q + s / (n_next - n_prev)
                    * ((n - n_prev + s) * (q_next - q) / (n_next - n)
                        + (n_next - n - s) * (q - q_prev) / (n - n_prev));
                self.heights[i] = if q_prev < parabolic && parabolic < q_next {
                    parabolic
                } else {
                    let j = if s > 0.0 { i + 1 } else { i - 1 };
                    q + s * (self.heights[j] - q) / (self.positions[j] - n)
                };
                self.positions[i] += s;
            }
        }
    }

    /// The current estimate (exact order statistic while fewer than five
    /// observations have been seen; 0 with none).
    pub fn estimate(&self) -> f64 {
        if self.count >= 5 {
            return self.heights[2];
        }
        if self.count == 0 {
            return 0.0;
        }
        let mut seen = self.heights[..self.count].to_vec();
        seen.sort_by(f64::total_cmp);
        let rank = ((self.p * self.count as f64).ceil() as usize).clamp(1, self.count);
        seen[rank - 1]
    }

    /// The quantile estimated.
    pub fn probability(&self) -> f64 {
        self.p
    }
}

/// A figure estimated from independent replications: their mean and a
/// Student-t confidence interval for the true value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The mean over replications.
    pub mean: f64,
    /// The standard deviation between replications.
    pub std_dev: f64,
    /// Half the width of the confidence interval (0 with one replication).
    pub half_width: f64,
    /// The confidence level of the interval, as a fraction (e.g. 0.95).
    pub confidence: f64,
    /// The number of replications.
    pub replications: usize,
}

impl Estimate {
    /// The estimate from one value per replication, with a two-sided
    /// interval at `confidence`.
    pub fn from_replications(values: &[f64], confidence: f64) -> Estimate {
        let mut w = Welford::new();
        for &v in values {
            w.push(v);
        }
        let n = values.len();
        let half_width = if n >= 2 {
            student_t_quantile(0.5 + confidence / 2.0, (n - 1) as f64) * w.std_dev()
                / (n as f64).sqrt()
        } else {
            0.0
        };
        Estimate {
            mean: w.mean(),
            std_dev: w.std_dev(),
            half_width,
            confidence,
            replications: n,
        }
    }
    /// The lower end of the interval.
    pub fn low(&self) -> f64 {
        self.mean - self.half_width
    }
    /// The upper end of the interval.
    pub fn high(&self) -> f64 {
        self.mean + self.half_width
    }
    /// Whether `value` lies in the interval.
    pub fn covers(&self, value: f64) -> bool {
        self.low() <= value && value <= self.high()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_matches_two_pass_and_merges() {
        let xs: Vec<f64> = (0..1000)
            .map(|i| ((i * 7919) % 1000) as f64 / 10.0 + 1e9)
            .collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64;
        let (mut a, mut b, mut all) = (Welford::new(), Welford::new(), Welford::new());
        for (i, &x) in xs.iter().enumerate() {
            all.push(x);
            if i < 300 {
                a.push(x)
            } else {
                b.push(x)
            }
        }
        a.merge(&b);
        for w in [all, a] {
            assert!((w.mean() - mean).abs() < 1e-6);
            assert!((w.variance() - var).abs() < 1e-6 * var);
        }
    }

    #[test]
    fn p2_tracks_the_quantile_of_a_uniform_stream() {
        // A deterministic low-discrepancy sequence on [0, 1): the 0.9
        // quantile is 0.9, and P² should be within 0.005 after 100 000 points.
        let mut q = P2Quantile::new(0.9);
        let golden = 0.618_033_988_749_894_9;
        for i in 0..100_000u32 {
            q.push((i as f64 * golden).fract());
        }
        assert!((q.estimate() - 0.9).abs() < 0.005, "{}", q.estimate());
    }

    #[test]
    fn histogram_quantile_is_within_one_bin() {
        let mut h = Histogram::new(1.0, 100);
        for i in 0..1000 {
            h.push(i as f64 / 20.0);
        }
        // The observations are uniform on [0, 50): the 0.9 quantile is 45.
        let q = h.quantile(0.9).unwrap();
        assert!((q - 45.0).abs() <= 1.0, "{q}");
        assert_eq!(Histogram::new(1.0, 3).quantile(0.5), None);
        let mut over = Histogram::new(1.0, 2);
        over.push(10.0);
        assert_eq!(over.quantile(0.9), None);
    }

    #[test]
    fn histogram_bins_and_overflow() {
        let mut h = Histogram::new(10.0, 3);
        for x in [0.0, 9.9, 10.0, 29.9, 30.0, 1e9] {
            h.push(x);
        }
        assert_eq!(h.counts(), &[2, 1, 1]);
        assert_eq!(h.overflow(), 2);
    }

    #[test]
    fn estimate_interval_uses_student_t() {
        let e = Estimate::from_replications(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.95);
        // sd = √2.5, t(0.975, 4) = 2.776445105
        let expected = 2.776_445_105_197_8 * 2.5f64.sqrt() / 5f64.sqrt();
        assert!((e.half_width - expected).abs() < 1e-8);
        assert!(e.covers(3.0) && !e.covers(5.0));
    }

    /// The order statistic of rank ⌈q·n⌉, from a sorted copy.
    fn order_statistic(values: &[f64], q: f64) -> f64 {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let rank = ((q * sorted.len() as f64 - 1e-9).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }

    #[test]
    fn quantile_sketch_is_exact_while_small() {
        let values = [7.0, 0.0, 3.5, 120.0, 3.5, 60.0, 1e6, 2.0, 9.0];
        let mut sketch = QuantileSketch::new();
        assert_eq!(sketch.quantile(0.5), None);
        for &v in &values {
            sketch.push(v);
        }
        sketch.push(f64::NAN);
        assert_eq!(sketch.count(), values.len() as u64);
        for q in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            assert_eq!(sketch.quantile(q), Some(order_statistic(&values, q)), "{q}");
        }
        // The median of nine is the fifth; the 90th percentile of ten is
        // the ninth (⌈0.9 × 10⌉ = 9, not 10).
        assert_eq!(sketch.quantile(0.5), Some(7.0));
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        let mut sketch = QuantileSketch::new();
        ten.iter().for_each(|&v| sketch.push(v));
        assert_eq!(sketch.quantile(0.9), Some(9.0));
    }

    #[test]
    fn quantile_sketch_of_an_exponential_is_within_its_stated_error() {
        use rand::RngExt;
        use rand_distr::{Distribution, Exp1};
        // 200,000 waits, exponential with a mean of 10 minutes.
        let mut rng = crate::sim::rng::replication_rng(7, 0);
        let values: Vec<f64> = (0..200_000)
            .map(|_| {
                let e: f64 = Exp1.sample(&mut rng);
                600.0 * e + rng.random::<f64>() * 1e-3
            })
            .collect();
        let mut sketch = QuantileSketch::new();
        values.iter().for_each(|&v| sketch.push(v));
        for q in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999] {
            let exact = order_statistic(&values, q);
            let got = sketch.quantile(q).expect("values");
            // The stated bound, against the sample's own order statistic.
            assert!(
                (got - exact).abs() <= exact * QuantileSketch::RELATIVE_ERROR,
                "q {q}: sketch {got}, exact {exact}"
            );
            // And the distribution's quantile, −600 ln(1 − q), within the
            // bound plus the sampling error of the order statistic (its
            // standard error is √(q(1−q)/n) / f(x), f the density).
            let truth = -600.0 * (1.0 - q).ln();
            let density = (1.0 - q) / 600.0;
            let sampling = 5.0 * (q * (1.0 - q) / values.len() as f64).sqrt() / density;
            assert!(
                (got - truth).abs() <= truth * QuantileSketch::RELATIVE_ERROR + sampling,
                "q {q}: sketch {got}, distribution {truth} (± {sampling})"
            );
        }
    }

    #[test]
    fn quantile_sketch_holds_its_bound_across_magnitudes_atoms_and_extremes() {
        // Values from a millisecond to a year, every percentile.
        let values: Vec<f64> = (0..5_000)
            .map(|i| 10f64.powf(-3.0 + 10.5 * ((i * 7_919) % 5_000) as f64 / 5_000.0))
            .collect();
        let mut sketch = QuantileSketch::new();
        values.iter().for_each(|&v| sketch.push(v));
        for percent in 0..=100 {
            let q = f64::from(percent) / 100.0;
            let exact = order_statistic(&values, q);
            let got = sketch.quantile(q).expect("values");
            assert!(
                (got - exact).abs()
                    <= exact * QuantileSketch::RELATIVE_ERROR + QuantileSketch::ABSOLUTE_ERROR,
                "q {q}: sketch {got}, exact {exact}"
            );
        }
        // An atom at zero, as when most customers do not wait: the median
        // is zero exactly (the lowest bucket answers with the smallest
        // value), and the 90th percentile falls among the waits.
        let mut sketch = QuantileSketch::new();
        let waits: Vec<f64> = (0..1_000)
            .map(|i| {
                if i % 10 < 7 {
                    0.0
                } else {
                    30.0 * f64::from(i % 10)
                }
            })
            .collect();
        waits.iter().for_each(|&v| sketch.push(v));
        assert_eq!(sketch.quantile(0.5), Some(0.0));
        let p90 = sketch.quantile(0.9).expect("values");
        assert!(
            (p90 - 240.0).abs() <= 240.0 * QuantileSketch::RELATIVE_ERROR,
            "{p90}"
        );
        // Equal values come back exactly (clamped to the smallest and
        // largest seen), and a value past the top bucket is the largest.
        let mut sketch = QuantileSketch::new();
        (0..100).for_each(|_| sketch.push(600.0));
        assert_eq!(sketch.quantile(0.5), Some(600.0));
        assert_eq!(sketch.quantile(0.9), Some(600.0));
        sketch.push(1e12);
        assert_eq!(sketch.quantile(1.0), Some(1e12));
        let p90 = sketch.quantile(0.9).expect("values");
        assert!(
            (p90 - 600.0).abs() <= 600.0 * QuantileSketch::RELATIVE_ERROR,
            "{p90}"
        );
        // Memory does not grow with the values.
        assert_eq!(sketch.counts.len(), QuantileSketch::BUCKETS);
        (0..100_000).for_each(|i| sketch.push(f64::from(i)));
        assert_eq!(sketch.counts.len(), QuantileSketch::BUCKETS);
    }
}
