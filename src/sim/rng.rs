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

/// A ticket's own random stream: SplitMix64 on a 64-bit state kept in the
/// ticket. Each ticket's draws (its work, whether it is escalated or
/// reopened, its waits on the customer) come from its own stream, seeded
/// from the arrivals' stream when it arrives, so ticket `k` of a
/// replication draws the same numbers whatever the staffing or the order
/// in which agents take tickets: the common random numbers that make two
/// scenarios' replications comparable pair by pair. Defined here (not a
/// crate's) so that saved results never change with a dependency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketRng(u64);

impl TicketRng {
    /// The stream seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        TicketRng(seed)
    }
}

impl TicketRng {
    fn step(&mut self) -> u64 {
        // SplitMix64 (Steele, Lea and Flood, 2014): a Weyl sequence
        // through a 64-bit finaliser.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl rand::TryRng for TicketRng {
    type Error = std::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok((self.step() >> 32) as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(self.step())
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dest.chunks_mut(8) {
            let bytes = self.step().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
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

    #[test]
    fn a_ticket_stream_is_splitmix64_and_uniform_enough() {
        use rand::{Rng as _, RngExt as _};
        // SplitMix64 seeded with 0 starts 0xE220A8397B1DCDAF,
        // 0x6E789E6AA1B965F4 (the published reference sequence).
        let mut r = TicketRng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        // The mean of 100,000 uniforms is within 5 standard errors of ½
        // (σ = 1/√12 per draw).
        let mut r = TicketRng::new(42);
        let n = 100_000;
        let mean = (0..n).map(|_| r.random::<f64>()).sum::<f64>() / n as f64;
        let se = (1.0 / 12.0f64).sqrt() / (n as f64).sqrt();
        assert!((mean - 0.5).abs() < 5.0 * se, "{mean}");
    }
}
