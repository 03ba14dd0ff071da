//! The future-event list of the discrete-event engine.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::time::SimTime;

/// A priority queue of events ordered by time, then by the order in which
/// they were scheduled, so that events due at the same instant are handled
/// first-scheduled-first and a run never depends on the heap's internals.
#[derive(Debug, Clone)]
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    next_seq: u64,
}

#[derive(Debug, Clone)]
struct Entry<E> {
    /// The time and the order of scheduling in one number, ordered as
    /// (time, seq): see [`order_key`].
    key: u128,
    event: E,
}

/// A number whose order is `time`'s total order, then `seq`'s: the
/// time's bits turned so that they compare as unsigned integers the way
/// `f64::total_cmp` compares the times, above the sequence number. One
/// integer comparison then orders two entries.
#[inline]
fn order_key(time: SimTime, seq: u64) -> u128 {
    (u128::from(ordered_bits(time.as_seconds())) << 64) | u128::from(seq)
}

/// `x`'s bits turned so that they compare as unsigned integers the way
/// `f64::total_cmp` compares the numbers.
#[inline]
fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    // Negative numbers (sign bit set) in reverse, below the positive ones.
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed, because `BinaryHeap` pops its greatest element and the
        // engine wants the earliest.
        other.key.cmp(&self.key)
    }
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<E> EventQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty queue with room for `capacity` pending events.
    pub fn with_capacity(capacity: usize) -> Self {
        EventQueue {
            heap: BinaryHeap::with_capacity(capacity),
            next_seq: 0,
        }
    }

    /// Schedules `event` at `time`.
    pub fn schedule(&mut self, time: SimTime, event: E) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry {
            key: order_key(time, seq),
            event,
        });
    }

    /// The time an entry's key was made from.
    fn time_of(key: u128) -> SimTime {
        let ordered = (key >> 64) as u64;
        let bits = if ordered >> 63 == 1 {
            ordered & !(1 << 63)
        } else {
            !ordered
        };
        SimTime::from_seconds(f64::from_bits(bits))
    }

    /// Removes and returns the earliest event, ties going to the one
    /// scheduled first.
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        self.heap.pop().map(|e| (Self::time_of(e.key), e.event))
    }

    /// The time of the earliest pending event.
    pub fn next_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| Self::time_of(e.key))
    }

    /// The number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

/// An item of a waiting line kept in a `BinaryHeap` (a max-heap) but taken
/// smallest first: lowest `rank`, then lowest `key`, then lowest `seq`
/// (the order of queueing, so that equal keys never depend on the heap's
/// internals).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Keyed<T> {
    /// The rank above the key's bits ordered as `total_cmp` orders the
    /// keys ([`ordered_bits`]): one integer comparison orders both.
    order: u128,
    seq: u64,
    pub item: T,
}

impl<T> Keyed<T> {
    /// An item of rank `rank` and key `key`, queued `seq`-th.
    #[inline]
    pub fn new(rank: u32, key: f64, seq: u64, item: T) -> Self {
        Keyed {
            order: (u128::from(rank) << 64) | u128::from(ordered_bits(key)),
            seq,
            item,
        }
    }
}

impl<T> PartialEq for Keyed<T> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<T> Eq for Keyed<T> {}
impl<T> PartialOrd for Keyed<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Keyed<T> {
    /// Reversed, so that the heap's greatest is the line's first.
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .order
            .cmp(&self.order)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Reverse;

    #[test]
    fn the_order_key_orders_as_the_times_total_order_then_the_sequence() {
        let times = [
            f64::NEG_INFINITY,
            -1e300,
            -3.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1e-9,
            0.5,
            3600.0,
            1e300,
            f64::INFINITY,
        ];
        for &a in &times {
            for &b in &times {
                for (sa, sb) in [(0, 0), (0, 1), (1, 0), (u64::MAX, 0)] {
                    let (ka, kb) = (
                        order_key(SimTime::from_seconds(a), sa),
                        order_key(SimTime::from_seconds(b), sb),
                    );
                    let expected = a.total_cmp(&b).then(sa.cmp(&sb));
                    assert_eq!(ka.cmp(&kb), expected, "({a}, {sa}) against ({b}, {sb})");
                }
            }
            let back = EventQueue::<()>::time_of(order_key(SimTime::from_seconds(a), 7));
            assert_eq!(back.as_seconds().to_bits(), a.to_bits(), "{a} read back");
        }
    }

    #[test]
    fn equal_times_pop_in_scheduling_order() {
        let mut q = EventQueue::new();
        let t = SimTime::from_seconds(5.0);
        q.schedule(SimTime::from_seconds(9.0), "last");
        for e in ["a", "b", "c"] {
            q.schedule(t, e);
        }
        q.schedule(SimTime::from_seconds(1.0), "first");
        let order: Vec<&str> = std::iter::from_fn(|| q.pop().map(|(_, e)| e)).collect();
        assert_eq!(order, ["first", "a", "b", "c", "last"]);
    }

    #[test]
    fn keyed_items_leave_by_rank_then_key_then_queueing_order() {
        let mut heap = BinaryHeap::new();
        for (rank, key, seq) in [
            (1, 0.5, 0),
            (0, 9.0, 1),
            (0, 2.0, 2),
            (0, 2.0, 3),
            (1, 0.1, 4),
        ] {
            heap.push(Keyed::new(rank, key, seq, seq));
        }
        let order: Vec<u64> = std::iter::from_fn(|| heap.pop().map(|k| k.item)).collect();
        assert_eq!(order, [2, 3, 1, 4, 0]);
    }

    /// One step of a queue's life: schedule at a time, or take the earliest.
    #[derive(Debug, Clone)]
    enum Step {
        Schedule(f64),
        /// Schedule this many seconds after the last time taken (how the
        /// engine schedules).
        After(f64),
        Pop,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            // Any time at all: negatives, zeros, infinities, NaNs, and
            // times before the last one taken.
            any::<f64>().prop_map(Step::Schedule),
            prop_oneof![Just(0.0), 0.0..10.0, 0.0..1e7].prop_map(Step::After),
            Just(Step::Pop),
            Just(Step::Pop),
        ]
    }

    proptest! {
        /// Two items compare as (rank, key by `total_cmp`, seq), reversed,
        /// whatever the keys (signed zeros, infinities, NaNs, subnormals).
        #[test]
        fn keyed_items_compare_by_rank_then_key_then_seq(
            a in (any::<u32>(), any::<f64>(), any::<u64>()),
            b in (prop_oneof![any::<u32>(), Just(0u32)], any::<f64>(), any::<u64>()),
            same_rank in any::<bool>(),
            same_key in any::<bool>(),
        ) {
            let rank_b = if same_rank { a.0 } else { b.0 };
            let key_b = if same_key { a.1 } else { b.1 };
            let (x, y) = (Keyed::new(a.0, a.1, a.2, ()), Keyed::new(rank_b, key_b, b.2, ()));
            let expected = rank_b
                .cmp(&a.0)
                .then(key_b.total_cmp(&a.1))
                .then(b.2.cmp(&a.2));
            prop_assert_eq!(x.cmp(&y), expected);
        }

        /// The event list gives events exactly in the order of their keys
        /// (time's total order, then scheduling order), as a reference heap
        /// of the keys alone does, whatever is scheduled when.
        #[test]
        fn events_are_taken_in_key_order_whatever_the_schedule(
            steps in proptest::collection::vec(step(), 0..400)
        ) {
            let mut q = EventQueue::new();
            let mut reference = BinaryHeap::new();
            let mut seq = 0u64;
            let mut now = 0.0f64;
            for s in steps {
                let time = match s {
                    Step::Schedule(t) => Some(t),
                    Step::After(d) => Some(now + d),
                    Step::Pop => None,
                };
                if let Some(t) = time {
                    let t = SimTime::from_seconds(t);
                    q.schedule(t, seq);
                    reference.push(Reverse((order_key(t, seq), seq)));
                    seq += 1;
                } else {
                    let expected = reference.pop().map(|Reverse((_, e))| e);
                    let got = q.pop();
                    prop_assert_eq!(got.map(|(_, e)| e), expected);
                    if let Some((t, _)) = got {
                        now = t.as_seconds();
                    }
                }
                prop_assert_eq!(q.len(), reference.len());
                prop_assert_eq!(
                    q.next_time().map(|t| t.as_seconds().to_bits()),
                    reference.peek().map(|Reverse((k, _))| EventQueue::<u64>::time_of(*k).as_seconds().to_bits())
                );
            }
            while let Some(Reverse((_, e))) = reference.pop() {
                prop_assert_eq!(q.pop().map(|(_, e)| e), Some(e));
            }
            prop_assert!(q.pop().is_none());
            prop_assert!(q.is_empty());
        }
    }
}
