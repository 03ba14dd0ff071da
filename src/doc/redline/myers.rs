//! Myers' O(ND) difference algorithm in linear space.
//!
//! The sequences are compared by searching from both ends at once for a
//! point on an optimal path (the "middle snake" of Myers 1986, section 4b),
//! then solving the two halves on either side of it. Only two vectors of
//! furthest-reaching points are alive at any time, so memory grows with the
//! length of the sequences, not with their product; the time is
//! O((N + M) · D) for D differences. Common prefixes and suffixes are
//! trimmed first, which is most of the work for a contract clause that
//! changed in one figure.

use std::ops::Range;

/// What an [`Op`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpKind {
    /// Elements present in both sequences.
    Equal,
    /// Elements of the old sequence only.
    Delete,
    /// Elements of the new sequence only.
    Insert,
}

/// A run of the edit script: `old` and `new` are the ranges it covers in
/// each sequence (an empty range on the side it does not touch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Op {
    pub kind: OpKind,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// A search that would look further than this many differences in one
/// direction gives up on an exact answer for that part and reports it as
/// deleted and inserted whole. Clauses are compared paragraph by paragraph,
/// so no real redline comes near it; it bounds the time a pathological
/// input (two unrelated texts of a million words) can take.
const MAX_HALF_DIFFERENCES: isize = 4096;

/// The edit script turning `a` into `b`: runs in order, equal runs as long
/// as possible, a deletion before the insertion it stands beside.
pub(crate) fn diff<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Op> {
    let mut script = Script::default();
    solve(a, b, 0, 0, &mut script);
    script.ops
}

#[derive(Default)]
struct Script {
    ops: Vec<Op>,
}

impl Script {
    fn push(&mut self, kind: OpKind, old_at: usize, new_at: usize, old_len: usize, new_len: usize) {
        if old_len == 0 && new_len == 0 {
            return;
        }
        if let Some(last) = self.ops.last_mut() {
            if last.kind == kind && last.old.end == old_at && last.new.end == new_at {
                last.old.end += old_len;
                last.new.end += new_len;
                return;
            }
        }
        // Keep deletions before insertions where the two touch, so that a
        // replaced word always reads "old, then new".
        if kind == OpKind::Delete {
            if let Some(last) = self.ops.last() {
                if last.kind == OpKind::Insert && last.old.end == old_at {
                    let insert = self.ops.pop().unwrap_or_else(|| unreachable!());
                    self.push(kind, old_at, insert.new.start, old_len, 0);
                    self.push(
                        OpKind::Insert,
                        old_at + old_len,
                        insert.new.start,
                        0,
                        insert.new.len(),
                    );
                    return;
                }
            }
        }
        self.ops.push(Op {
            kind,
            old: old_at..old_at + old_len,
            new: new_at..new_at + new_len,
        });
    }
}

/// Appends the script of `a` → `b`, whose first elements are `a0` and
/// `b0` of the whole sequences.
fn solve<T: PartialEq>(a: &[T], b: &[T], a0: usize, b0: usize, out: &mut Script) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    out.push(OpKind::Equal, a0, b0, prefix, prefix);
    let (a, b, a0, b0) = (&a[prefix..], &b[prefix..], a0 + prefix, b0 + prefix);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        out.push(OpKind::Delete, a0, b0, a.len(), 0);
        out.push(OpKind::Insert, a0 + a.len(), b0, 0, b.len());
    } else {
        match split_point(a, b) {
            // The point is strictly inside, so both halves are smaller.
            Some((x, y)) if (x, y) != (0, 0) && (x, y) != (a.len(), b.len()) => {
                solve(&a[..x], &b[..y], a0, b0, out);
                solve(&a[x..], &b[y..], a0 + x, b0 + y, out);
            }
            _ => {
                out.push(OpKind::Delete, a0, b0, a.len(), 0);
                out.push(OpKind::Insert, a0 + a.len(), b0, 0, b.len());
            }
        }
    }
    out.push(OpKind::Equal, a0 + a.len(), b0 + b.len(), suffix, suffix);
}

/// A point (x, y) through which an optimal path from (0, 0) to (N, M)
/// passes, found where the forward and backward searches meet; `None` when
/// they would have to look beyond [`MAX_HALF_DIFFERENCES`].
fn split_point<T: PartialEq>(a: &[T], b: &[T]) -> Option<(usize, usize)> {
    let n = a.len() as isize;
    let m = b.len() as isize;
    let max_d = ((n + m + 1) / 2).min(MAX_HALF_DIFFERENCES);
    let offset = max_d + 1;
    let width = (2 * max_d + 3) as usize;
    // forward[k]: the furthest x reached on diagonal k = x - y from (0, 0);
    // backward[c]: the furthest distance reached on diagonal c from (N, M),
    // measured in reversed coordinates. -1 marks a diagonal not reached yet.
    let mut forward = vec![-1isize; width];
    let mut backward = vec![-1isize; width];
    forward[(offset + 1) as usize] = 0;
    backward[(offset + 1) as usize] = 0;
    let delta = n - m;
    // With an odd difference in lengths the paths meet during a forward
    // step, with an even one during a backward step.
    let meet_forward = delta % 2 != 0;
    // Diagonals that ran off the grid are not explored again.
    let (mut k_start, mut k_end, mut c_start, mut c_end) = (0, 0, 0, 0);
    let at = |k: isize| (offset + k) as usize;
    for d in 0..=max_d {
        let mut k = -d + k_start;
        while k <= d - k_end {
            let mut x = if k == -d || (k != d && forward[at(k - 1)] < forward[at(k + 1)]) {
                forward[at(k + 1)]
            } else {
                forward[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            forward[at(k)] = x;
            if x > n {
                k_end += 2;
            } else if y > m {
                k_start += 2;
            } else if meet_forward {
                let c = delta - k;
                if (-max_d - 1..=max_d + 1).contains(&c)
                    && backward[at(c)] != -1
                    && x >= n - backward[at(c)]
                {
                    return Some((x as usize, y as usize));
                }
            }
            k += 2;
        }
        let mut c = -d + c_start;
        while c <= d - c_end {
            let mut x = if c == -d || (c != d && backward[at(c - 1)] < backward[at(c + 1)]) {
                backward[at(c + 1)]
            } else {
                backward[at(c - 1)] + 1
            };
            let mut y = x - c;
            while x < n && y < m && a[(n - 1 - x) as usize] == b[(m - 1 - y) as usize] {
                x += 1;
                y += 1;
            }
            backward[at(c)] = x;
            if x > n {
                c_end += 2;
            } else if y > m {
                c_start += 2;
            } else if !meet_forward {
                let k = delta - c;
                if (-max_d - 1..=max_d + 1).contains(&k) {
                    let fx = forward[at(k)];
                    if fx != -1 && fx <= n && (0..=m).contains(&(fx - k)) && fx >= n - x {
                        return Some((fx as usize, (fx - k) as usize));
                    }
                }
            }
            c += 2;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Rebuilds both sequences from the script and counts its edits.
    fn replay(a: &[u8], b: &[u8], ops: &[Op]) -> (Vec<u8>, Vec<u8>, usize) {
        let (mut old, mut new, mut edits) = (Vec::new(), Vec::new(), 0);
        let (mut i, mut j) = (0, 0);
        for op in ops {
            assert_eq!(
                (op.old.start, op.new.start),
                (i, j),
                "runs are contiguous: {ops:?}"
            );
            match op.kind {
                OpKind::Equal => {
                    assert_eq!(&a[op.old.clone()], &b[op.new.clone()]);
                    old.extend_from_slice(&a[op.old.clone()]);
                    new.extend_from_slice(&b[op.new.clone()]);
                }
                OpKind::Delete => {
                    assert!(op.new.is_empty());
                    old.extend_from_slice(&a[op.old.clone()]);
                    edits += op.old.len();
                }
                OpKind::Insert => {
                    assert!(op.old.is_empty());
                    new.extend_from_slice(&b[op.new.clone()]);
                    edits += op.new.len();
                }
            }
            i = op.old.end;
            j = op.new.end;
        }
        (old, new, edits)
    }

    /// The fewest insertions and deletions, by the quadratic textbook table.
    fn edit_distance(a: &[u8], b: &[u8]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, y) in b.iter().enumerate() {
                let here = if x == y {
                    prev
                } else {
                    1 + row[j].min(row[j + 1])
                };
                prev = row[j + 1];
                row[j + 1] = here;
            }
        }
        row[b.len()]
    }

    proptest! {
        #[test]
        fn scripts_rebuild_both_sides_with_the_fewest_edits(
            a in proptest::collection::vec(0u8..4, 0..60),
            b in proptest::collection::vec(0u8..4, 0..60),
        ) {
            let ops = diff(&a, &b);
            let (old, new, edits) = replay(&a, &b, &ops);
            prop_assert_eq!(&old, &a);
            prop_assert_eq!(&new, &b);
            prop_assert_eq!(edits, edit_distance(&a, &b));
            for pair in ops.windows(2) {
                prop_assert!(pair[0].kind != pair[1].kind, "adjacent runs are merged: {:?}", ops);
                prop_assert!(
                    !(pair[0].kind == OpKind::Insert && pair[1].kind == OpKind::Delete),
                    "deletions come first: {:?}", ops
                );
            }
        }
    }

    #[test]
    fn one_changed_word_in_a_long_text_is_one_replacement() {
        let a: Vec<u32> = (0..200_000).collect();
        let mut b = a.clone();
        b[123_456] = 7;
        let ops = diff(&a, &b);
        assert_eq!(
            ops,
            vec![
                Op {
                    kind: OpKind::Equal,
                    old: 0..123_456,
                    new: 0..123_456
                },
                Op {
                    kind: OpKind::Delete,
                    old: 123_456..123_457,
                    new: 123_456..123_456
                },
                Op {
                    kind: OpKind::Insert,
                    old: 123_457..123_457,
                    new: 123_456..123_457
                },
                Op {
                    kind: OpKind::Equal,
                    old: 123_457..200_000,
                    new: 123_457..200_000
                },
            ]
        );
    }

    #[test]
    fn scattered_changes_in_a_long_text_stay_exact() {
        // 100,000 elements with a change every 1,000: a quadratic table would
        // need 10^10 cells; the linear-space search needs two short vectors.
        let a: Vec<u32> = (0..100_000).collect();
        let b: Vec<u32> = a
            .iter()
            .map(|&x| if x % 1000 == 500 { x + 1_000_000 } else { x })
            .collect();
        let ops = diff(&a, &b);
        let changed: usize = ops
            .iter()
            .filter(|o| o.kind == OpKind::Insert)
            .map(|o| o.new.len())
            .sum();
        assert_eq!(changed, 100);
        assert_eq!(ops.len(), 100 * 3 + 1);
    }

    #[test]
    fn unrelated_texts_beyond_the_bound_are_replaced_whole() {
        let a: Vec<u32> = (0..20_000).collect();
        let b: Vec<u32> = (1_000_000..1_020_000).collect();
        let ops = diff(&a, &b);
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].kind, OpKind::Delete);
        assert_eq!(ops[1].kind, OpKind::Insert);
    }
}
