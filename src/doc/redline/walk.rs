//! The walk of two documents in the later one's order, which makes the
//! structured redline and the comparison document's clauses together.

use std::collections::HashMap;

use super::align::{align, Pair};
use super::clauses::{increasing, own, place_of, Version};
use super::place::{rank, Place, PlaceStep};
use super::words::{
    diff_inlines, has_changes, likeness, public_segments, whole, word_diff, Segs, PAIRING_LIKENESS,
};
use super::{BlockRedline, BlockStatus, ClauseRedline, ClauseStatus, Redline};
use crate::doc::tree::{
    Align, Block, Clause, Document, Inline, Lang, List, Paragraph, Revision, Signatory, Style,
    Table, TitlePage,
};

/// The comparison of two documents, walked in the later one's order.
pub(super) struct Walker<'a> {
    old_doc: &'a Document,
    new_doc: &'a Document,
    old: Version<'a>,
    new: Version<'a>,
    w: Lang,
    collapse: bool,
    /// For each clause of the later version, its clause in the earlier.
    match_new: Vec<Option<usize>>,
    /// For each clause of the earlier version, its clause in the later.
    match_old: Vec<Option<usize>>,
    /// Clauses of the later version that changed parent or order.
    moved: Vec<bool>,
    /// Removed clauses printed after a clause of the later version…
    removed_after: HashMap<usize, Vec<usize>>,
    /// …or before the first sub-clause of one (`None`: the top level).
    removed_first: HashMap<Option<usize>, Vec<usize>>,
    redline: Redline,
}

impl<'a> Walker<'a> {
    pub(super) fn new(old_doc: &'a Document, new_doc: &'a Document, collapse: bool) -> Walker<'a> {
        let mut old = Version::new(old_doc);
        let new = Version::new(new_doc);
        old.live = new.live.clone();
        let mut walker = Walker {
            match_new: vec![None; new.nodes.len()],
            match_old: vec![None; old.nodes.len()],
            moved: vec![false; new.nodes.len()],
            removed_after: HashMap::new(),
            removed_first: HashMap::new(),
            old_doc,
            new_doc,
            old,
            new,
            w: new_doc.meta.lang,
            collapse,
            redline: Redline::default(),
        };
        walker.match_clauses();
        walker.find_moves();
        walker.place_removed();
        walker
    }

    fn pair(&mut self, o: usize, n: usize) {
        self.match_old[o] = Some(n);
        self.match_new[n] = Some(o);
    }

    /// Anchors first; then a heading found once among the clauses left on
    /// each side (an anchor renamed, the clause kept).
    fn match_clauses(&mut self) {
        let mut by_anchor: HashMap<&str, usize> = HashMap::new();
        for (o, node) in self.old.nodes.iter().enumerate() {
            by_anchor.entry(node.clause.anchor.as_str()).or_insert(o);
        }
        for n in 0..self.new.nodes.len() {
            if let Some(&o) = by_anchor.get(self.new.nodes[n].clause.anchor.as_str()) {
                if self.match_old[o].is_none() {
                    self.pair(o, n);
                }
            }
        }
        let count = |titles: Vec<&'a str>| {
            let mut c: HashMap<&'a str, usize> = HashMap::new();
            for t in titles {
                *c.entry(t).or_default() += 1;
            }
            c
        };
        let old_left: Vec<usize> = (0..self.old.nodes.len())
            .filter(|&o| self.match_old[o].is_none())
            .collect();
        let new_left: Vec<usize> = (0..self.new.nodes.len())
            .filter(|&n| self.match_new[n].is_none())
            .collect();
        let old_titles = count(
            old_left
                .iter()
                .map(|&o| self.old.nodes[o].clause.title.as_str())
                .collect(),
        );
        let new_titles = count(
            new_left
                .iter()
                .map(|&n| self.new.nodes[n].clause.title.as_str())
                .collect(),
        );
        for &n in &new_left {
            let title = self.new.nodes[n].clause.title.as_str();
            if old_titles.get(title) == Some(&1) && new_titles.get(title) == Some(&1) {
                if let Some(&o) = old_left
                    .iter()
                    .find(|&&o| self.old.nodes[o].clause.title == title)
                {
                    self.pair(o, n);
                }
            }
        }
    }

    /// A matched clause is moved when its parent is not its old parent's
    /// match, or when it is out of order among the siblings that kept
    /// their parent (those off a longest run in the old order).
    fn find_moves(&mut self) {
        let mut groups: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (n, node) in self.new.nodes.iter().enumerate() {
            let Some(o) = self.match_new[n] else { continue };
            let same_parent = match (node.parent, self.old.nodes[o].parent) {
                (None, None) => true,
                (Some(p), Some(q)) => self.match_new[p] == Some(q),
                _ => false,
            };
            if same_parent {
                groups.entry(node.parent).or_default().push(n);
            } else {
                self.moved[n] = true;
            }
        }
        for siblings in groups.values() {
            let ranks: Vec<usize> = siblings
                .iter()
                .filter_map(|&n| self.match_new[n])
                .map(|o| self.old.nodes[o].rank)
                .collect();
            for (&n, keep) in siblings.iter().zip(increasing(&ranks)) {
                self.moved[n] = !keep;
            }
        }
    }

    /// A removed clause is printed where it stood: after the nearest
    /// earlier sibling still under the same parent, else before the
    /// parent's first sub-clause. One inside a removed clause is printed
    /// with it.
    fn place_removed(&mut self) {
        for o in 0..self.old.nodes.len() {
            if self.match_old[o].is_some() {
                continue;
            }
            let parent = self.old.nodes[o].parent;
            let target = match parent {
                None => None,
                Some(p) => match self.match_old[p] {
                    Some(q) => Some(q),
                    None => continue,
                },
            };
            let anchor = (0..o)
                .rev()
                .filter(|&s| self.old.nodes[s].parent == parent)
                .find_map(|s| self.match_old[s].filter(|&m| self.new.nodes[m].parent == target));
            match anchor {
                Some(m) => self.removed_after.entry(m).or_default().push(o),
                None => self.removed_first.entry(target).or_default().push(o),
            }
        }
    }

    pub(super) fn run(mut self) -> (Redline, Vec<Block>) {
        self.title_page();
        let (old_doc, new_doc) = (self.old_doc, self.new_doc);
        let (content, changes) = self.body(None, &old_doc.blocks, &new_doc.blocks);
        self.redline.front.extend(changes);
        (self.redline, content.into_iter().map(|(_, b)| b).collect())
    }

    fn title_page(&mut self) {
        let find = |doc: &'a Document| {
            doc.blocks.iter().find_map(|b| match b {
                Block::TitlePage(t) => Some(t),
                _ => None,
            })
        };
        let empty = TitlePage {
            title: String::new(),
            subtitle: String::new(),
            parties: vec![],
            facts: vec![],
        };
        let (old, new) = (
            find(self.old_doc).unwrap_or(&empty),
            find(self.new_doc).unwrap_or(&empty),
        );
        let mut lines: Vec<(String, String, String)> = vec![
            ("title".into(), old.title.clone(), new.title.clone()),
            (
                "subtitle".into(),
                old.subtitle.clone(),
                new.subtitle.clone(),
            ),
            (
                "parties".into(),
                old.parties.join(" "),
                new.parties.join(" "),
            ),
        ];
        for (key, value) in &new.facts {
            let before = old
                .facts
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            lines.push((key.clone(), before, value.clone()));
        }
        for (key, value) in old
            .facts
            .iter()
            .filter(|(k, _)| !new.facts.iter().any(|(n, _)| n == k))
        {
            lines.push((key.clone(), value.clone(), String::new()));
        }
        for (key, before, after) in lines {
            let segs = word_diff(
                &self.old.tokens(&[Inline::text(before.clone())]),
                &self.new.tokens(&[Inline::text(after.clone())]),
            );
            if has_changes(&segs) {
                let status = if before.is_empty() {
                    BlockStatus::Added
                } else if after.is_empty() {
                    BlockStatus::Removed
                } else {
                    BlockStatus::Changed
                };
                let segments = public_segments(&segs);
                self.redline.front.push(BlockRedline {
                    place: Place::at(PlaceStep::TitlePage).then(PlaceStep::Line {
                        name: key.to_string(),
                    }),
                    status,
                    segments,
                });
            }
        }
    }

    fn new_node(&self, clause: &Clause) -> Option<usize> {
        self.new
            .nodes
            .iter()
            .position(|n| std::ptr::eq(n.clause, clause))
    }

    fn old_node(&self, clause: &Clause) -> Option<usize> {
        self.old
            .nodes
            .iter()
            .position(|n| std::ptr::eq(n.clause, clause))
    }

    /// The content of a clause of the later version (`parent`, or the top
    /// level), compared with `old_blocks`: its own blocks, marked `true`,
    /// in the later order with removed ones where they stood; its
    /// sub-clauses and the removed ones, marked `false`. Also the changes
    /// of its own blocks.
    fn body(
        &mut self,
        parent: Option<usize>,
        old_blocks: &'a [Block],
        new_blocks: &'a [Block],
    ) -> (Vec<(bool, Block)>, Vec<BlockRedline>) {
        let (old_own, new_own) = (own(old_blocks), own(new_blocks));
        let pairs = align(&old_own, &new_own, |a, b| self.pairable(a, b));
        let mut changes = Vec::new();
        let mut rendered: Vec<(Option<usize>, Vec<Block>)> = Vec::new();
        for pair in pairs {
            rendered.push(match pair {
                Pair::Same(_, j) => (Some(j), vec![new_own[j].clone()]),
                Pair::Changed(i, j) => (
                    Some(j),
                    self.changed(old_own[i], new_own[j], &place_of(&new_own, j), &mut changes),
                ),
                Pair::Removed(i) => (
                    None,
                    whole_block(
                        &self.old,
                        old_own[i],
                        Revision::Deleted,
                        &place_of(&old_own, i),
                        &mut changes,
                    ),
                ),
                Pair::Added(j) => (
                    Some(j),
                    whole_block(
                        &self.new,
                        new_own[j],
                        Revision::Inserted,
                        &place_of(&new_own, j),
                        &mut changes,
                    ),
                ),
            });
        }
        let mut out: Vec<(bool, Block)> = Vec::new();
        let mut pending = rendered.into_iter();
        let mut own_index = 0;
        let mut first_clause = true;
        for block in new_blocks {
            match block {
                Block::Clause(clause) => {
                    if std::mem::take(&mut first_clause) {
                        self.emit_removed_first(parent, &mut out);
                    }
                    let Some(n) = self.new_node(clause) else {
                        continue;
                    };
                    let rendered = self.clause(n);
                    out.push((false, rendered));
                    for o in self.removed_after.remove(&n).unwrap_or_default() {
                        out.extend(self.removed_clause(o).into_iter().map(|b| (false, b)));
                    }
                }
                Block::TitlePage(_) | Block::TableOfContents { .. } => {}
                _ => {
                    for (index, blocks) in pending.by_ref() {
                        out.extend(blocks.into_iter().map(|b| (true, b)));
                        if index == Some(own_index) {
                            break;
                        }
                    }
                    own_index += 1;
                }
            }
        }
        for (_, blocks) in pending {
            out.extend(blocks.into_iter().map(|b| (true, b)));
        }
        if first_clause {
            self.emit_removed_first(parent, &mut out);
        }
        (out, changes)
    }

    fn emit_removed_first(&mut self, parent: Option<usize>, out: &mut Vec<(bool, Block)>) {
        for o in self.removed_first.remove(&parent).unwrap_or_default() {
            out.extend(self.removed_clause(o).into_iter().map(|b| (false, b)));
        }
    }

    fn note(&self, runs: Vec<Inline>) -> Block {
        Block::Paragraph(Paragraph {
            runs,
            align: Align::Left,
        })
    }

    /// A clause of the later version as the comparison prints it.
    fn clause(&mut self, n: usize) -> Block {
        let (clause, level, number) = {
            let node = &self.new.nodes[n];
            (node.clause, node.level, node.number.clone())
        };
        let o = self.match_new[n];
        let old_clause = o.map(|o| self.old.nodes[o].clause);
        let entry = self.redline.clauses.len();
        self.redline.clauses.push(ClauseRedline {
            anchor: clause.anchor.clone(),
            status: ClauseStatus::Unchanged,
            level,
            number_before: o.map(|o| self.old.nodes[o].number.clone()),
            number_after: Some(number),
            title_before: old_clause.map(|c| c.title.clone()),
            title_after: Some(clause.title.clone()),
            blocks: Vec::new(),
        });
        let mut notes = Vec::new();
        let mut changes = Vec::new();
        if let Some(old_clause) = old_clause.filter(|c| c.title != clause.title) {
            let segs = word_diff(
                &self.old.tokens(&[Inline::text(old_clause.title.clone())]),
                &self.new.tokens(&[Inline::text(clause.title.clone())]),
            );
            let mut runs = vec![Inline::italic(self.w.pick("Heading: ", "Intitulé : "))];
            runs.extend(diff_inlines(&segs, &self.new.live));
            notes.push(self.note(runs));
            changes.push(BlockRedline {
                place: Place::at(PlaceStep::Heading),
                status: BlockStatus::Changed,
                segments: public_segments(&segs),
            });
        }
        let old_body: &'a [Block] = old_clause.map_or(&[], |c| c.body.as_slice());
        let (content, own_changes) = self.body(Some(n), old_body, &clause.body);
        changes.extend(own_changes);
        let status = match o {
            None => ClauseStatus::Added,
            Some(_) if self.moved[n] => ClauseStatus::Moved,
            Some(_) if !changes.is_empty() => ClauseStatus::Changed,
            Some(_) => ClauseStatus::Unchanged,
        };
        match (status, o) {
            (ClauseStatus::Added, _) => notes.insert(
                0,
                self.note(vec![Inline::Revised {
                    text: self.w.pick("New clause.", "Nouvel article.").into(),
                    style: Style::Italic,
                    revision: Revision::Inserted,
                }]),
            ),
            (ClauseStatus::Moved, Some(o)) => {
                let from = format!(
                    "{} {}.",
                    self.w.pick("Moved from clause", "Déplacé depuis l’article"),
                    self.old.nodes[o].number
                );
                notes.insert(0, self.note(vec![Inline::italic(from)]));
            }
            _ => {}
        }
        self.redline.clauses[entry].status = status;
        self.redline.clauses[entry].blocks = changes;
        let keep_own = !(self.collapse && status == ClauseStatus::Unchanged);
        let mut body: Vec<Block> = notes;
        if !keep_own && content.iter().any(|(own, _)| *own) {
            body.push(self.note(vec![Inline::italic(self.w.pick("Unchanged.", "Inchangé."))]));
        }
        body.extend(
            content
                .into_iter()
                .filter(|(own, _)| keep_own || !own)
                .map(|(_, b)| b),
        );
        Block::Clause(Clause {
            anchor: clause.anchor.clone(),
            title: clause.title.clone(),
            body,
        })
    }

    /// A clause of the earlier version only, struck through where it stood,
    /// with its removed sub-clauses.
    fn removed_clause(&mut self, o: usize) -> Vec<Block> {
        let (clause, level, number) = {
            let node = &self.old.nodes[o];
            (node.clause, node.level, node.number.clone())
        };
        let entry = self.redline.clauses.len();
        self.redline.clauses.push(ClauseRedline {
            anchor: clause.anchor.clone(),
            status: ClauseStatus::Removed,
            level,
            number_before: Some(number.clone()),
            number_after: None,
            title_before: Some(clause.title.clone()),
            title_after: None,
            blocks: Vec::new(),
        });
        let mut out = vec![Block::Paragraph(Paragraph {
            runs: vec![Inline::Revised {
                text: format!("{number} {}", clause.title),
                style: Style::Bold,
                revision: Revision::Deleted,
            }],
            align: Align::Left,
        })];
        let mut changes = Vec::new();
        let own_blocks = own(&clause.body);
        let mut own_index = 0;
        for block in &clause.body {
            match block {
                Block::Clause(child) => {
                    if let Some(c) = self
                        .old_node(child)
                        .filter(|&c| self.match_old[c].is_none())
                    {
                        out.extend(self.removed_clause(c));
                    }
                }
                Block::TitlePage(_) | Block::TableOfContents { .. } => {}
                _ => {
                    let place = place_of(&own_blocks, own_index);
                    out.extend(whole_block(
                        &self.old,
                        block,
                        Revision::Deleted,
                        &place,
                        &mut changes,
                    ));
                    own_index += 1;
                }
            }
        }
        self.redline.clauses[entry].blocks = changes;
        out
    }

    fn paragraph_diff(&self, a: &Paragraph, b: &Paragraph) -> Segs {
        word_diff(&self.old.tokens(&a.runs), &self.new.tokens(&b.runs))
    }

    fn alike(&self, a: &Paragraph, b: &Paragraph) -> bool {
        likeness(&self.paragraph_diff(a, b)) >= PAIRING_LIKENESS
    }

    fn pairable(&self, a: &Block, b: &Block) -> bool {
        match (a, b) {
            (Block::Paragraph(a), Block::Paragraph(b)) => self.alike(a, b),
            (Block::Table(a), Block::Table(b)) => a.header.len() == b.header.len(),
            (Block::List(_), Block::List(_)) | (Block::Signatures(_), Block::Signatures(_)) => true,
            _ => false,
        }
    }

    /// A paragraph of the later version compared with one of the earlier;
    /// its change, if any, is recorded at `place`.
    fn changed_paragraph(
        &self,
        a: &Paragraph,
        b: &Paragraph,
        place: Place,
        changes: &mut Vec<BlockRedline>,
    ) -> Paragraph {
        let segs = self.paragraph_diff(a, b);
        if !has_changes(&segs) {
            return b.clone();
        }
        changes.push(BlockRedline {
            place,
            status: BlockStatus::Changed,
            segments: public_segments(&segs),
        });
        Paragraph {
            runs: diff_inlines(&segs, &self.new.live),
            align: b.align,
        }
    }

    /// Two paired blocks of the same kind, compared.
    fn changed(
        &self,
        a: &Block,
        b: &Block,
        place: &Place,
        changes: &mut Vec<BlockRedline>,
    ) -> Vec<Block> {
        match (a, b) {
            (Block::Paragraph(pa), Block::Paragraph(pb)) => {
                vec![Block::Paragraph(self.changed_paragraph(
                    pa,
                    pb,
                    place.clone(),
                    changes,
                ))]
            }
            (Block::List(la), Block::List(lb)) => {
                let mut items = Vec::new();
                for pair in align(&la.items, &lb.items, |x, y| self.alike(x, y)) {
                    items.push(match pair {
                        Pair::Same(_, j) => lb.items[j].clone(),
                        Pair::Changed(i, j) => self.changed_paragraph(
                            &la.items[i],
                            &lb.items[j],
                            place.then(PlaceStep::Item { n: rank(j + 1) }),
                            changes,
                        ),
                        Pair::Removed(i) => {
                            changes.push(whole(
                                BlockStatus::Removed,
                                place.then(PlaceStep::Item { n: rank(i + 1) }),
                                self.old.text(&la.items[i]),
                            ));
                            self.old.marked(&la.items[i], Revision::Deleted)
                        }
                        Pair::Added(j) => {
                            changes.push(whole(
                                BlockStatus::Added,
                                place.then(PlaceStep::Item { n: rank(j + 1) }),
                                self.new.text(&lb.items[j]),
                            ));
                            self.new.marked(&lb.items[j], Revision::Inserted)
                        }
                    });
                }
                vec![Block::List(List {
                    kind: lb.kind,
                    items,
                })]
            }
            (Block::Table(ta), Block::Table(tb)) => {
                vec![Block::Table(self.changed_table(ta, tb, place, changes))]
            }
            (Block::Signatures(sa), Block::Signatures(sb)) => {
                let mut out = Vec::new();
                let parties = |s: &[Signatory]| {
                    Paragraph::plain(
                        s.iter()
                            .map(|p| p.party.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                };
                let (pa, pb) = (parties(sa), parties(sb));
                let segs = self.paragraph_diff(&pa, &pb);
                if has_changes(&segs) {
                    changes.push(BlockRedline {
                        place: place.then(PlaceStep::Parties),
                        status: BlockStatus::Changed,
                        segments: public_segments(&segs),
                    });
                    let mut runs = vec![Inline::italic(
                        self.w.pick("Signatories: ", "Signataires : "),
                    )];
                    runs.extend(diff_inlines(&segs, &self.new.live));
                    out.push(self.note(runs));
                }
                out.push(b.clone());
                out
            }
            _ => {
                let mut out = whole_block(&self.old, a, Revision::Deleted, place, changes);
                out.extend(whole_block(
                    &self.new,
                    b,
                    Revision::Inserted,
                    place,
                    changes,
                ));
                out
            }
        }
    }

    fn changed_table(
        &self,
        ta: &Table,
        tb: &Table,
        place: &Place,
        changes: &mut Vec<BlockRedline>,
    ) -> Table {
        let header = ta
            .header
            .iter()
            .zip(&tb.header)
            .enumerate()
            .map(|(c, (x, y))| {
                self.changed_paragraph(
                    x,
                    y,
                    place
                        .then(PlaceStep::Header)
                        .then(PlaceStep::Column { n: rank(c + 1) }),
                    changes,
                )
            })
            .collect();
        let row_text = |v: &Version, row: &[Paragraph]| {
            row.iter()
                .map(|p| v.text(p))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let row_pairable = |x: &Vec<Paragraph>, y: &Vec<Paragraph>| {
            let first = |v: &Version, row: &[Paragraph]| row.first().map(|p| v.text(p));
            first(&self.old, x) == first(&self.new, y)
                || self.alike(
                    &Paragraph::plain(row_text(&self.old, x)),
                    &Paragraph::plain(row_text(&self.new, y)),
                )
        };
        let mut rows = Vec::new();
        for pair in align(&ta.rows, &tb.rows, row_pairable) {
            rows.push(match pair {
                Pair::Same(_, j) => tb.rows[j].clone(),
                Pair::Changed(i, j) => (0..tb.rows[j].len())
                    .map(|c| match ta.rows[i].get(c) {
                        Some(x) => self.changed_paragraph(
                            x,
                            &tb.rows[j][c],
                            place
                                .then(PlaceStep::Row { n: rank(j + 1) })
                                .then(PlaceStep::Column { n: rank(c + 1) }),
                            changes,
                        ),
                        None => self.new.marked(&tb.rows[j][c], Revision::Inserted),
                    })
                    .collect(),
                Pair::Removed(i) => {
                    changes.push(whole(
                        BlockStatus::Removed,
                        place.then(PlaceStep::Row { n: rank(i + 1) }),
                        row_text(&self.old, &ta.rows[i]),
                    ));
                    ta.rows[i]
                        .iter()
                        .map(|p| self.old.marked(p, Revision::Deleted))
                        .collect()
                }
                Pair::Added(j) => {
                    changes.push(whole(
                        BlockStatus::Added,
                        place.then(PlaceStep::Row { n: rank(j + 1) }),
                        row_text(&self.new, &tb.rows[j]),
                    ));
                    tb.rows[j]
                        .iter()
                        .map(|p| self.new.marked(p, Revision::Inserted))
                        .collect()
                }
            });
        }
        Table {
            widths: tb.widths.clone(),
            header,
            rows,
        }
    }
}

/// A block of one version only, every word marked; its text is recorded
/// at `place` as added or removed.
pub(super) fn whole_block(
    v: &Version,
    block: &Block,
    revision: Revision,
    place: &Place,
    changes: &mut Vec<BlockRedline>,
) -> Vec<Block> {
    let status = if revision == Revision::Inserted {
        BlockStatus::Added
    } else {
        BlockStatus::Removed
    };
    match block {
        Block::Paragraph(p) => {
            changes.push(whole(status, place.clone(), v.text(p)));
            vec![Block::Paragraph(v.marked(p, revision))]
        }
        Block::List(l) => {
            for (k, item) in l.items.iter().enumerate() {
                changes.push(whole(
                    status,
                    place.then(PlaceStep::Item { n: rank(k + 1) }),
                    v.text(item),
                ));
            }
            vec![Block::List(List {
                kind: l.kind,
                items: l.items.iter().map(|p| v.marked(p, revision)).collect(),
            })]
        }
        Block::Table(t) => {
            let line = |row: &[Paragraph]| {
                row.iter()
                    .map(|p| v.text(p))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            changes.push(whole(
                status,
                place.then(PlaceStep::Header),
                line(&t.header),
            ));
            for (r, row) in t.rows.iter().enumerate() {
                changes.push(whole(
                    status,
                    place.then(PlaceStep::Row { n: rank(r + 1) }),
                    line(row),
                ));
            }
            let mark = |row: &[Paragraph]| {
                row.iter()
                    .map(|p| v.marked(p, revision))
                    .collect::<Vec<_>>()
            };
            vec![Block::Table(Table {
                widths: t.widths.clone(),
                header: mark(&t.header),
                rows: t.rows.iter().map(|r| mark(r)).collect(),
            })]
        }
        Block::Signatures(s) => {
            let names = s
                .iter()
                .map(|p| p.party.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            changes.push(whole(status, place.then(PlaceStep::Parties), names.clone()));
            let line = Block::Paragraph(Paragraph {
                runs: vec![Inline::Revised {
                    text: names,
                    style: Style::Bold,
                    revision,
                }],
                align: Align::Left,
            });
            match revision {
                Revision::Inserted => vec![line, block.clone()],
                Revision::Deleted => vec![line],
            }
        }
        Block::PageBreak if revision == Revision::Inserted => vec![Block::PageBreak],
        _ => Vec::new(),
    }
}
