//! Alignment of blocks, list items and table rows.

use super::myers::{diff, OpKind};

/// How an element of the earlier sequence relates to one of the later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pair {
    Same(usize, usize),
    Changed(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Aligns two sequences: equal elements by a diff, then, in each stretch
/// between equal ones, an earlier element with the first later one that
/// `pairable` accepts, keeping the order on both sides.
pub(super) fn align<T: PartialEq>(
    old: &[T],
    new: &[T],
    pairable: impl Fn(&T, &T) -> bool,
) -> Vec<Pair> {
    let mut out = Vec::new();
    let ops = diff(old, new);
    let mut k = 0;
    while k < ops.len() {
        let op = &ops[k];
        if op.kind == OpKind::Equal {
            out.extend(
                op.old
                    .clone()
                    .zip(op.new.clone())
                    .map(|(i, j)| Pair::Same(i, j)),
            );
            k += 1;
            continue;
        }
        // A stretch of changes: a deletion, an insertion, or both.
        let (mut gone, mut came) = (op.old.clone(), op.new.clone());
        if let Some(next) = ops
            .get(k + 1)
            .filter(|n| n.kind == OpKind::Insert && op.kind == OpKind::Delete)
        {
            came = next.new.clone();
            k += 1;
        }
        k += 1;
        let mut next_new = came.start;
        for i in gone.by_ref() {
            match (next_new..came.end).find(|&j| pairable(&old[i], &new[j])) {
                Some(j) => {
                    out.extend((next_new..j).map(Pair::Added));
                    out.push(Pair::Changed(i, j));
                    next_new = j + 1;
                }
                None => out.push(Pair::Removed(i)),
            }
        }
        out.extend((next_new..came.end).map(Pair::Added));
    }
    out
}
