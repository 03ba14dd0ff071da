//! Special functions the staffing formulas and the confidence intervals need:
//! the log-gamma function, the regularised incomplete beta function and the
//! quantiles of the normal and Student t distributions; and, for fitting
//! duration distributions to a ticket history, the digamma and trigamma
//! functions, the regularised incomplete gamma function and the normal
//! distribution function.
//!
//! They are written here rather than taken from a crate because the core
//! needs only these few, each with a known accuracy that the tests check.

/// The natural logarithm of the gamma function, for `x > 0`.
///
/// Lanczos approximation (g = 7, nine coefficients), with the reflection
/// formula unused because callers only pass positive arguments; the relative
/// error is below 1e-14 over the range the formulas use.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // The reflection formula keeps the series accurate near zero.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEF[0];
    for (i, c) in COEF.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The regularised incomplete beta function `I_x(a, b)` for `a, b > 0` and
/// `0 <= x <= 1`.
///
/// Evaluated with the continued fraction of the incomplete beta function
/// (modified Lentz method), on the side of the symmetry
/// `I_x(a, b) = 1 - I_{1-x}(b, a)` where it converges quickly.
pub fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = a * x.ln() + b * (-x).ln_1p() + ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b);
    if x < (a + 1.0) / (a + b + 2.0) {
        (ln_front.exp() * beta_fraction(x, a, b) / a).clamp(0.0, 1.0)
    } else {
        (1.0 - ln_front.exp() * beta_fraction(1.0 - x, b, a) / b).clamp(0.0, 1.0)
    }
}

/// The continued fraction of the incomplete beta function, by the modified
/// Lentz method.
fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-15;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..10_000 {
        let m = m as f64;
        // Even step.
        let num = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 + num * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + num / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        // Odd step.
        let num = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 + num * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + num / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// The quantile of the standard normal distribution at probability `p`
/// (`0 < p < 1`).
///
/// Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16.
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        let num = ((((((2_509.080_928_730_122_7 * r + 33_430.575_583_588_13) * r
            + 67_265.770_927_008_7)
            * r
            + 45_921.953_931_549_87)
            * r
            + 13_731.693_765_509_46)
            * r
            + 1_971.590_950_306_551_3)
            * r
            + 133.141_667_891_784_38)
            * r
            + 3.387_132_872_796_366_5;
        let den = ((((((5_226.495_278_852_545 * r + 28_729.085_735_721_94) * r
            + 39_307.895_800_092_71)
            * r
            + 21_213.794_301_586_597)
            * r
            + 5_394.196_021_424_751)
            * r
            + 687.187_007_492_057_9)
            * r
            + 42.313_330_701_600_91)
            * r
            + 1.0;
        return q * num / den;
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let value = if r <= 5.0 {
        let r = r - 1.6;
        let num = ((((((7.745_450_142_783_414e-4 * r + 0.022_723_844_989_269_184) * r
            + 0.241_780_725_177_450_6)
            * r
            + 1.270_458_252_452_368_4)
            * r
            + 3.647_848_324_763_204_5)
            * r
            + 5.769_497_221_460_691)
            * r
            + 4.630_337_846_156_546)
            * r
            + 1.423_437_110_749_683_5;
        let den = ((((((1.050_750_071_644_416_9e-9 * r + 5.475_938_084_995_345e-4) * r
            + 0.015_198_666_563_616_457)
            * r
            + 0.148_103_976_427_480_08)
            * r
            + 0.689_767_334_985_1)
            * r
            + 1.676_384_830_183_803_8)
            * r
            + 2.053_191_626_637_759)
            * r
            + 1.0;
        num / den
    } else {
        let r = r - 5.0;
        let num = ((((((2.010_334_399_292_288_1e-7 * r + 2.711_555_568_743_487_6e-5) * r
            + 0.001_242_660_947_388_078_4)
            * r
            + 0.026_532_189_526_576_124)
            * r
            + 0.296_560_571_828_504_9)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114)
            * r
            + 6.657_904_643_501_103;
        let den = ((((((2.044_263_103_389_939_7e-15 * r + 1.421_511_758_316_446e-7) * r
            + 1.846_318_317_510_054_8e-5)
            * r
            + 7.868_691_311_456_133e-4)
            * r
            + 0.014_875_361_290_850_615)
            * r
            + 0.136_929_880_922_735_8)
            * r
            + 0.599_832_206_555_888)
            * r
            + 1.0;
        num / den
    };
    if q < 0.0 {
        -value
    } else {
        value
    }
}

/// The cumulative distribution function of Student's t distribution with
/// `df` degrees of freedom, at `t`.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * incomplete_beta(df / (df + t * t), 0.5 * df, 0.5);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The quantile of Student's t distribution with `df` degrees of freedom at
/// probability `p` (`0 < p < 1`).
///
/// Found by bisection on [`student_t_cdf`], which is monotone; sixty-odd
/// halvings bring the bracket to the resolution of an `f64`.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    let mut lo = 0.0_f64;
    let mut hi = normal_quantile(p).max(1.0);
    while student_t_cdf(hi, df) < p {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The digamma function ψ(x) = d ln Γ(x) / dx, for `x > 0`.
///
/// The recurrence ψ(x) = ψ(x + 1) − 1/x moves the argument above 10,
/// where the asymptotic series (to the x⁻¹⁰ term) is accurate to about
/// 1e-13.
pub fn digamma(x: f64) -> f64 {
    let mut x = x;
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let r = 1.0 / (x * x);
    let series = r
        * (1.0 / 12.0
            - r * (1.0 / 120.0 - r * (1.0 / 252.0 - r * (1.0 / 240.0 - r * (1.0 / 132.0)))));
    shift + x.ln() - 0.5 / x - series
}

/// The trigamma function ψ′(x), for `x > 0`: the same recurrence and an
/// asymptotic series of the same accuracy as [`digamma`].
pub fn trigamma(x: f64) -> f64 {
    let mut x = x;
    let mut shift = 0.0;
    while x < 10.0 {
        shift += 1.0 / (x * x);
        x += 1.0;
    }
    let r = 1.0 / (x * x);
    let series = 1.0 / x
        + r / 2.0
        + r / x * (1.0 / 6.0 - r * (1.0 / 30.0 - r * (1.0 / 42.0 - r * (1.0 / 30.0))));
    shift + series
}

/// The regularised lower incomplete gamma function `P(a, x)` for `a > 0`
/// and `x >= 0`: the distribution function at `x` of a gamma variable of
/// shape `a` and scale 1.
///
/// Its power series below `a + 1`, the continued fraction of `Q = 1 − P`
/// (modified Lentz method) above, where each converges quickly.
pub fn regularized_gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x.is_infinite() {
        return 1.0;
    }
    let log_prefix = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        let mut term = 1.0 / a;
        let mut sum = term;
        let mut n = a;
        for _ in 0..1000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        (sum.ln() + log_prefix).exp().min(1.0)
    } else {
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let step = d * c;
            h *= step;
            if (step - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (1.0 - (h.ln() + log_prefix).exp()).max(0.0)
    }
}

/// The standard normal distribution function Φ(x), from the incomplete
/// gamma function: Φ(x) = (1 + sign(x) P(1/2, x²/2)) / 2.
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let p = regularized_gamma_p(0.5, 0.5 * x * x);
    if x >= 0.0 {
        0.5 * (1.0 + p)
    } else {
        0.5 * (1.0 - p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn ln_gamma_matches_factorials_and_half_integers() {
        // Γ(n) = (n-1)! and Γ(1/2) = √π.
        assert!(close(ln_gamma(1.0), 0.0, 1e-14));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-14));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-14
        ));
        let ln_fact_170: f64 = (1..=170).map(|k| (k as f64).ln()).sum();
        assert!(close(ln_gamma(171.0), ln_fact_170, 1e-13));
    }

    #[test]
    fn incomplete_beta_matches_closed_forms() {
        // I_x(1, b) = 1 - (1-x)^b and I_x(a, 1) = x^a.
        for &x in &[0.01, 0.3, 0.5, 0.9, 0.999] {
            for &b in &[0.5, 1.0, 3.0, 40.0] {
                assert!(
                    close(incomplete_beta(x, 1.0, b), 1.0 - (1.0 - x).powf(b), 1e-12),
                    "x={x} b={b}"
                );
                assert!(
                    close(incomplete_beta(x, b, 1.0), x.powf(b), 1e-12),
                    "x={x} a={b}"
                );
            }
        }
        // I_x(2, 2) = 3x² - 2x³.
        assert!(close(
            incomplete_beta(0.25, 2.0, 2.0),
            3.0 * 0.0625 - 2.0 * 0.015625,
            1e-13
        ));
    }

    #[test]
    fn normal_quantiles_match_tables() {
        assert!(close(normal_quantile(0.975), 1.959_963_984_540_054, 1e-14));
        assert!(close(normal_quantile(0.9), 1.281_551_565_544_600_4, 1e-14));
        assert!(close(
            normal_quantile(0.0005),
            -3.290_526_731_491_926,
            1e-13
        ));
        assert!(close(normal_quantile(1e-12), -7.034_483_825_301_132, 1e-10));
    }

    #[test]
    fn student_t_quantiles_match_tables() {
        // Published two-sided critical values.
        assert!(close(
            student_t_quantile(0.975, 1.0),
            12.706_204_736_174_7,
            1e-9
        ));
        assert!(close(
            student_t_quantile(0.975, 10.0),
            2.228_138_851_986_27,
            1e-10
        ));
        assert!(close(
            student_t_quantile(0.9995, 19.0),
            3.883_405_852_592_131,
            1e-9
        ));
        assert!(close(
            student_t_quantile(0.9995, 39.0),
            3.558_120_081_332_771,
            1e-9
        ));
        assert!(close(
            student_t_quantile(0.05, 5.0),
            -2.015_048_373_333_024,
            1e-10
        ));
    }

    #[test]
    fn digamma_and_trigamma_match_closed_forms() {
        // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ′(1) = π²/6, ψ′(1/2) = π²/2.
        let euler = 0.577_215_664_901_532_9;
        let pi2 = std::f64::consts::PI * std::f64::consts::PI;
        assert!(close(digamma(1.0), -euler, 1e-12));
        assert!(close(digamma(0.5), -euler - 2.0 * 2f64.ln(), 1e-12));
        assert!(close(
            digamma(10.0),
            -euler + (1..10).map(|k| 1.0 / k as f64).sum::<f64>(),
            1e-12
        ));
        assert!(close(trigamma(1.0), pi2 / 6.0, 1e-12));
        assert!(close(trigamma(0.5), pi2 / 2.0, 1e-12));
    }

    #[test]
    fn incomplete_gamma_matches_closed_forms() {
        // P(1, x) = 1 − e^−x; P(2, x) = 1 − (1 + x) e^−x.
        for &x in &[0.01, 0.5, 1.0, 2.9, 3.1, 10.0, 40.0] {
            assert!(
                close(regularized_gamma_p(1.0, x), 1.0 - (-x).exp(), 1e-13),
                "x={x}"
            );
            assert!(
                close(
                    regularized_gamma_p(2.0, x),
                    1.0 - (1.0 + x) * (-x).exp(),
                    1e-13
                ),
                "x={x}"
            );
        }
        assert_eq!(regularized_gamma_p(3.0, 0.0), 0.0);
    }

    #[test]
    fn normal_cdf_inverts_the_quantile() {
        for &p in &[1e-6, 0.0005, 0.1, 0.5, 0.9, 0.975, 0.999_99] {
            assert!(close(normal_cdf(normal_quantile(p)), p, 1e-11), "p={p}");
        }
    }
}
