//! Replications: run independent copies of a model in parallel, each on
//! its own random stream, with progress reports and cancellation.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::rng::{replication_rng, SimRng};
use super::SimError;

/// How many replications to run, from which seed, on how many threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunConfig {
    /// Independent replications, at least one.
    pub replications: u32,
    /// The master seed; replication `i` draws from the stream (seed, i).
    pub seed: u64,
    /// Worker threads; `None` uses rayon's global pool (one per core).
    pub threads: Option<usize>,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            replications: 20,
            seed: 1,
            threads: None,
        }
    }
}

/// How far a run has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Replications finished.
    pub done: u32,
    /// Replications in the run.
    pub total: u32,
}

/// What the observer of a run wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Stop as soon as possible; the run returns [`SimError::Cancelled`].
    Cancel,
}

/// A flag that replications poll so that a cancelled run stops quickly.
#[derive(Debug, Default)]
pub struct CancelToken(AtomicBool);

impl CancelToken {
    /// A token not yet cancelled (a `const fn`, so a program can keep one
    /// in a `static` for a signal handler to set).
    pub const fn new() -> Self {
        CancelToken(AtomicBool::new(false))
    }
    /// Asks every replication to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    /// Whether the run has been cancelled.
    #[inline]
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    /// What an observer answers for this token: cancel once it is
    /// cancelled, else go on.
    pub fn flow(&self) -> Flow {
        if self.is_cancelled() {
            Flow::Cancel
        } else {
            Flow::Continue
        }
    }
}

/// The cancel tokens of the runs under way, by the number the caller gave
/// each run (the app keeps one in its state).
#[derive(Debug, Default)]
pub struct CancelTokens(Mutex<HashMap<u32, Arc<CancelToken>>>);

impl CancelTokens {
    /// Registers run `id` and returns its token.
    pub fn start(&self, id: u32) -> Arc<CancelToken> {
        let token = Arc::new(CancelToken::new());
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, token.clone());
        token
    }
    /// Forgets run `id` once it ended.
    pub fn finish(&self, id: u32) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }
    /// Asks run `id` to stop; false when no such run is under way.
    pub fn cancel(&self, id: u32) -> bool {
        match self.0.lock().unwrap_or_else(|p| p.into_inner()).get(&id) {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }
}

/// Runs `replicate` once per replication, in parallel, and returns the
/// outcomes in replication order.
///
/// The outcome of replication `i` depends only on `(config.seed, i)`, never
/// on the thread that ran it, so results are identical with 1 or N threads.
/// `observer` is called after each replication with the progress so far
/// (from whichever worker finished it) and may cancel the run.
pub fn run_replications<T, F>(
    config: &RunConfig,
    replicate: F,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<Vec<T>, SimError>
where
    T: Send,
    F: Fn(u32, SimRng, &CancelToken) -> Result<T, SimError> + Sync,
{
    run_replications_until(config, replicate, observer, &CancelToken::new())
}

/// [`run_replications`] with the caller's `cancel` token: the replications
/// poll it while they run (not only between replications, as the observer
/// is asked), so cancelling it from another thread stops a long
/// replication. The observer's [`Flow::Cancel`] cancels it too.
pub fn run_replications_until<T, F>(
    config: &RunConfig,
    replicate: F,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
    cancel: &CancelToken,
) -> Result<Vec<T>, SimError>
where
    T: Send,
    F: Fn(u32, SimRng, &CancelToken) -> Result<T, SimError> + Sync,
{
    if config.replications == 0 {
        return Err(SimError::InvalidParameter {
            path: "replications".into(),
            problem: "at least one replication is needed".into(),
        });
    }
    let done = AtomicU32::new(0);
    let total = config.replications;
    let body = || {
        (0..total)
            .into_par_iter()
            .map(|i| {
                if cancel.is_cancelled() {
                    return Err(SimError::Cancelled);
                }
                let outcome = replicate(i, replication_rng(config.seed, u64::from(i)), cancel)?;
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                if observer(Progress {
                    done: finished,
                    total,
                }) == Flow::Cancel
                {
                    cancel.cancel();
                }
                Ok(outcome)
            })
            .collect::<Result<Vec<T>, SimError>>()
    };
    let outcomes = match config.threads {
        None => body(),
        Some(threads) => rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build()
            .map_err(|e| SimError::ThreadPool(e.to_string()))?
            .install(body),
    }?;
    if cancel.is_cancelled() {
        return Err(SimError::Cancelled);
    }
    Ok(outcomes)
}
