//! Random streams: one named generator, one stream per replication.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The random-number generator of the engine. ChaCha8 is named rather than
/// `StdRng` because `StdRng` may change algorithm between versions of
/// `rand`, which would change every saved result.
pub type SimRng = ChaCha8Rng;

/// The stream of replication `replication` under `master_seed`.
///
/// The key comes from the master seed and the 64-bit ChaCha stream number
/// from the replication index, so replications never share numbers and each
/// one's stream is the same whichever thread runs it and in whatever order.
pub fn replication_rng(master_seed: u64, replication: u64) -> SimRng {
    let mut rng = ChaCha8Rng::seed_from_u64(master_seed);
    rng.set_stream(replication);
    rng
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn streams_differ_by_replication_and_repeat_by_seed() {
        let a: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(replication_rng(7, 0), |r, _: u64| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(replication_rng(7, 0), |r, _: u64| Some(r.next_u64()))
            .collect();
        let c: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(replication_rng(7, 1), |r, _: u64| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
