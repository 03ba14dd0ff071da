//! A team's waiting line in the full model: tickets taken smallest first by
//! (rank, key, order of queueing), from which a queued ticket can also be
//! removed (a customer who gives up) or re-ranked (an escalation that
//! raises its priority) before an agent takes it.
//!
//! The line is a lazy heap, as a discrete-event scheduler drops cancelled
//! events: removing or re-ranking a ticket leaves its old entry in the heap
//! and marks it stale, and `pop` skips stale entries. Each item (a ticket
//! slot) records the generation of its one live entry; an entry of another
//! generation is stale. The heap is compacted when stale entries outnumber
//! live ones, so its size stays within twice the line's length.

use std::collections::BinaryHeap;

use super::queue::Keyed;

/// A waiting line of items (ticket slots) ordered by rank, then key, then
/// the order in which they were queued.
#[derive(Debug, Clone, Default)]
pub struct WaitingLine {
    heap: BinaryHeap<Keyed<Entry>>,
    /// Per item: its place in the line, if it is queued.
    places: Vec<Place>,
    /// The order of queueing of the next item pushed.
    next_seq: u64,
    /// Items queued (live entries in the heap).
    len: usize,
}

/// What the heap holds: the item and the generation of its entry.
#[derive(Debug, Clone, Copy)]
struct Entry {
    item: u32,
    generation: u32,
}

/// An item's standing in the line.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    /// The generation of the item's live entry; every push, re-rank and
    /// removal moves it on, so earlier entries become stale.
    generation: u32,
    /// Whether the item is queued.
    queued: bool,
    /// The item's order of queueing, kept when it is re-ranked.
    seq: u64,
}

impl WaitingLine {
    /// An empty line.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues `item` behind the items already queued with the same rank
    /// and key. An item already in the line is re-queued: it leaves its
    /// place and goes to the back of its equals.
    pub fn push(&mut self, item: u32, rank: u32, key: f64) {
        let index = item as usize;
        if index >= self.places.len() {
            self.places.resize(index + 1, Place::default());
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let place = &mut self.places[index];
        if !place.queued {
            self.len += 1;
        }
        place.queued = true;
        place.seq = seq;
        self.enter(item, rank, key);
    }

    /// Gives a queued `item` a new rank and key; among equals it keeps its
    /// order of queueing. Returns whether the item was queued.
    pub fn rerank(&mut self, item: u32, rank: u32, key: f64) -> bool {
        if !self.contains(item) {
            return false;
        }
        self.enter(item, rank, key);
        true
    }

    /// Takes `item` out of the line. Returns whether it was queued.
    pub fn remove(&mut self, item: u32) -> bool {
        if !self.contains(item) {
            return false;
        }
        let place = &mut self.places[item as usize];
        place.queued = false;
        place.generation = place.generation.wrapping_add(1);
        self.len -= 1;
        self.compact();
        true
    }

    /// Takes the first item of the line.
    pub fn pop(&mut self) -> Option<u32> {
        while let Some(k) = self.heap.pop() {
            let Entry { item, generation } = k.item;
            let place = &mut self.places[item as usize];
            if place.queued && place.generation == generation {
                place.queued = false;
                place.generation = place.generation.wrapping_add(1);
                self.len -= 1;
                return Some(item);
            }
        }
        None
    }

    /// Whether `item` is queued.
    pub fn contains(&self, item: u32) -> bool {
        self.places.get(item as usize).is_some_and(|p| p.queued)
    }

    /// The number of items queued.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no item is queued.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Pushes a new live entry for a queued `item`, leaving its earlier
    /// entry stale.
    fn enter(&mut self, item: u32, rank: u32, key: f64) {
        let place = &mut self.places[item as usize];
        place.generation = place.generation.wrapping_add(1);
        self.heap.push(Keyed::new(
            rank,
            key,
            place.seq,
            Entry {
                item,
                generation: place.generation,
            },
        ));
        self.compact();
    }

    /// Drops the stale entries once they outnumber the live ones.
    fn compact(&mut self) {
        let stale = self.heap.len() - self.len;
        if stale > 64 && stale > self.len {
            let places = &self.places;
            self.heap.retain(|k| {
                let p = places[k.item.item as usize];
                p.queued && p.generation == k.item.generation
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(line: &mut WaitingLine) -> Vec<u32> {
        std::iter::from_fn(|| line.pop()).collect()
    }

    #[test]
    fn items_leave_by_rank_then_key_then_queueing_order() {
        let mut line = WaitingLine::new();
        for (item, rank, key) in [
            (0, 1, 0.5),
            (1, 0, 9.0),
            (2, 0, 2.0),
            (3, 0, 2.0),
            (4, 1, 0.1),
        ] {
            line.push(item, rank, key);
        }
        assert_eq!(line.len(), 5);
        assert_eq!(drain(&mut line), [2, 3, 1, 4, 0]);
        assert!(line.is_empty());
    }

    #[test]
    fn a_removed_item_never_leaves_the_line() {
        let mut line = WaitingLine::new();
        for item in 0..5 {
            line.push(item, 0, f64::from(item));
        }
        assert!(line.remove(2));
        assert!(!line.remove(2), "already gone");
        assert!(!line.remove(9), "never queued");
        assert!(!line.contains(2));
        assert_eq!(line.len(), 4);
        assert_eq!(drain(&mut line), [0, 1, 3, 4]);
        // An item popped is no longer queued and cannot be removed.
        line.push(7, 0, 0.0);
        assert_eq!(line.pop(), Some(7));
        assert!(!line.remove(7));
        assert_eq!(line.pop(), None);
    }

    #[test]
    fn a_removed_item_queued_again_leaves_once_from_its_new_place() {
        let mut line = WaitingLine::new();
        line.push(0, 0, 1.0);
        line.push(1, 0, 2.0);
        line.remove(0);
        line.push(0, 0, 3.0);
        assert_eq!(drain(&mut line), [1, 0]);
    }

    #[test]
    fn a_reranked_item_moves_and_keeps_its_queueing_order_among_equals() {
        let mut line = WaitingLine::new();
        line.push(0, 0, 5.0);
        line.push(1, 0, 1.0);
        line.push(2, 0, 1.0);
        line.push(3, 1, 0.0);
        // Item 3 is raised to the first rank with the key of 1 and 2, and
        // stays behind them, queued after them; item 0 drops behind all.
        assert!(line.rerank(3, 0, 1.0));
        assert!(line.rerank(0, 2, 0.0));
        // Item 2, re-ranked twice, leaves by its last key, and still
        // between 1 and 3 by its order of queueing.
        assert!(line.rerank(2, 0, 0.5));
        assert!(line.rerank(2, 0, 1.0));
        assert!(!line.rerank(9, 0, 0.0), "never queued");
        assert_eq!(line.len(), 4);
        assert_eq!(drain(&mut line), [1, 2, 3, 0]);
    }

    #[test]
    fn pushing_a_queued_item_requeues_it_once() {
        let mut line = WaitingLine::new();
        line.push(0, 0, 1.0);
        line.push(1, 0, 1.0);
        line.push(0, 0, 1.0);
        assert_eq!(line.len(), 2);
        assert_eq!(drain(&mut line), [1, 0]);
    }

    #[test]
    fn stale_entries_are_dropped_so_the_heap_stays_near_the_line() {
        let mut line = WaitingLine::new();
        for item in 0..10 {
            line.push(item, 0, f64::from(item));
        }
        for round in 0..1_000 {
            let item = round % 10;
            line.rerank(item, 0, f64::from(round));
            assert!(
                line.heap.len() <= 2 * line.len() + 65,
                "{}",
                line.heap.len()
            );
        }
        for item in 0..8 {
            line.remove(item);
        }
        assert!(line.heap.len() <= 2 * line.len() + 65);
        // 8 and 9 were last re-ranked in rounds 998 and 999.
        assert_eq!(drain(&mut line), [8, 9]);
    }
}
