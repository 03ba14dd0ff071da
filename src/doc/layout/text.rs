//! Breaking styled text into lines: UAX #14 break opportunities, greedy
//! filling, hyphenation of the word that does not fit when the line would
//! otherwise be loose, a break at any grapheme for a word wider than a whole
//! line, and justification by stretching inter-word spaces.

use unicode_linebreak::{linebreaks, BreakOpportunity};
use unicode_segmentation::UnicodeSegmentation;

use super::fonts::Metrics;
use super::hyphen;
use crate::doc::tree::{Align, Lang, Revision, Style};

/// A piece of text in one style, as fed to the line breaker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub style: Style,
    /// Inserted or deleted text of a comparison document.
    pub revision: Option<Revision>,
    /// The clause it links to, by its place in the numbering (a
    /// cross-reference).
    pub link: Option<u32>,
}

/// How a piece of text is drawn: its face and its revision mark. Text is
/// measured by its face; runs are merged only when both agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Look {
    style: Style,
    revision: Option<Revision>,
    link: Option<u32>,
}

/// Text in one style placed on a line. Each ASCII space in `text` is
/// widened by `space_extra` points, which is how lines are justified.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Offset from the line's left edge, in points.
    pub x: f32,
    pub style: Style,
    pub revision: Option<Revision>,
    /// The clause it links to, by its place in the numbering.
    pub link: Option<u32>,
    pub text: String,
    pub space_extra: f32,
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub runs: Vec<Run>,
    /// Whether the line ends with a hyphen the breaker added.
    pub hyphenated: bool,
}

/// A breakable unit: the text between two break opportunities, without the
/// spaces that follow it.
#[derive(Debug, Clone)]
struct Item {
    frags: Vec<(Look, String)>,
    width: f32,
    /// Width of the space after the item (zero when none, e.g. after a hyphen).
    space: f32,
    /// The look of that space, so it is drawn with the text it follows.
    space_style: Look,
    /// A mandatory break follows (a newline in the text).
    mandatory: bool,
}

impl Item {
    fn text(&self) -> String {
        self.frags.iter().map(|(_, t)| t.as_str()).collect()
    }
}

/// Parameters of a paragraph.
pub(crate) struct Setting<'a> {
    pub metrics: &'a Metrics,
    pub size: f32,
    pub width: f32,
    pub align: Align,
    pub lang: Lang,
}

fn measure(frags: &[(Look, String)], m: &Metrics, size: f32) -> f32 {
    frags.iter().map(|(s, t)| m.width(t, s.style, size)).sum()
}

/// Text pieces with their looks.
type Frags = Vec<(Look, String)>;

/// Splits fragments at byte offset `at` of their concatenated text.
fn split_frags(frags: &[(Look, String)], at: usize) -> (Frags, Frags) {
    let mut head = Vec::new();
    let mut tail = Vec::new();
    let mut pos = 0;
    for (style, text) in frags {
        let end = pos + text.len();
        if end <= at {
            head.push((*style, text.clone()));
        } else if pos >= at {
            tail.push((*style, text.clone()));
        } else {
            head.push((*style, text[..at - pos].to_string()));
            tail.push((*style, text[at - pos..].to_string()));
        }
        pos = end;
    }
    (head, tail)
}

/// Cuts the styled text into items at UAX #14 break opportunities.
fn items(spans: &[Span], set: &Setting) -> Vec<Item> {
    let mut full = String::new();
    let mut starts: Vec<(usize, Look)> = Vec::new();
    for span in spans {
        if span.text.is_empty() {
            continue;
        }
        let look = Look {
            style: span.style,
            revision: span.revision,
            link: span.link,
        };
        starts.push((full.len(), look));
        full.push_str(&span.text);
    }
    let style_at = |byte: usize| -> Look {
        let i = starts.partition_point(|(s, _)| *s <= byte);
        starts
            .get(i.wrapping_sub(1))
            .map_or(Look::default(), |(_, st)| *st)
    };
    let mut out = Vec::new();
    let mut prev = 0;
    for (pos, opportunity) in linebreaks(&full) {
        let segment = &full[prev..pos];
        let content = segment.trim_end_matches([' ', '\n', '\r', '\t']);
        let trailing = &segment[content.len()..];
        let mandatory = opportunity == BreakOpportunity::Mandatory && trailing.contains('\n');
        let mut frags: Vec<(Look, String)> = Vec::new();
        for (i, c) in content.char_indices() {
            let style = style_at(prev + i);
            match frags.last_mut() {
                Some((s, t)) if *s == style => t.push(c),
                _ => frags.push((style, c.to_string())),
            }
        }
        // The space takes the look of the text it follows, unless it is
        // kept text after a revision: an underline stops at the word.
        let mut space_style = frags.last().map_or(Look::default(), |(s, _)| *s);
        if space_style.revision.is_some() && !trailing.is_empty() {
            space_style = style_at(prev + content.len());
        }
        let space = if trailing.contains([' ', '\t']) {
            set.metrics.width(" ", space_style.style, set.size)
        } else {
            0.0
        };
        if !frags.is_empty() || mandatory {
            let width = measure(&frags, set.metrics, set.size);
            out.push(Item {
                frags,
                width,
                space,
                space_style,
                mandatory,
            });
        }
        prev = pos;
    }
    out
}

/// Accumulates items into the current line.
struct LineBuilder<'a, 's> {
    set: &'a Setting<'s>,
    cur: Vec<Item>,
    natural: f32,
    lines: Vec<Line>,
}

impl LineBuilder<'_, '_> {
    fn gap_before_next(&self) -> f32 {
        self.cur.last().map_or(0.0, |i| i.space)
    }

    fn gaps(&self) -> usize {
        let n = self.cur.len();
        self.cur
            .iter()
            .take(n.saturating_sub(1))
            .filter(|i| i.space > 0.0)
            .count()
    }

    fn push(&mut self, item: Item) {
        self.natural += self.gap_before_next() + item.width;
        self.cur.push(item);
    }

    /// Ends the current line; `last` lines of a paragraph are not stretched.
    fn flush(&mut self, last: bool, hyphenated: bool) {
        let set = self.set;
        let items = std::mem::take(&mut self.cur);
        let natural = std::mem::replace(&mut self.natural, 0.0);
        let gaps = items
            .iter()
            .take(items.len().saturating_sub(1))
            .filter(|i| i.space > 0.0)
            .count();
        let slack = (set.width - natural).max(0.0);
        let (offset, extra) = match set.align {
            Align::Justify if !last && gaps > 0 => (0.0, slack / gaps as f32),
            Align::Justify | Align::Left => (0.0, 0.0),
            Align::Center => (slack / 2.0, 0.0),
            Align::Right => (slack, 0.0),
        };
        let mut runs: Vec<Run> = Vec::new();
        let n = items.len();
        for (k, item) in items.into_iter().enumerate() {
            let mut pieces = item.frags;
            if k + 1 < n && item.space > 0.0 {
                pieces.push((item.space_style, " ".to_string()));
            }
            for (look, text) in pieces {
                match runs.last_mut() {
                    Some(run)
                        if run.style == look.style
                            && run.revision == look.revision
                            && run.link == look.link =>
                    {
                        run.text.push_str(&text)
                    }
                    _ => runs.push(Run {
                        x: 0.0,
                        style: look.style,
                        revision: look.revision,
                        link: look.link,
                        text,
                        space_extra: extra,
                    }),
                }
            }
        }
        let mut x = offset;
        for run in &mut runs {
            run.x = x;
            let spaces = run.text.matches(' ').count() as f32;
            x += set.metrics.width(&run.text, run.style, set.size) + spaces * run.space_extra;
        }
        if !runs.is_empty() || last {
            self.lines.push(Line { runs, hyphenated });
        }
    }
}

/// The longest word that is hyphenated; TeX stops at 63 letters too.
const MAX_HYPHENATED_CHARS: usize = 64;

/// Splits `item` at the last hyphenation point whose head (with its hyphen)
/// fits in `avail` points.
///
/// Words longer than `MAX_HYPHENATED_CHARS` are not hyphenated: no dictionary
/// word is that long, and looking for patterns in the rest of a pasted hash
/// line after line would make a long word cost quadratic time.
fn hyphen_split(item: &Item, avail: f32, set: &Setting) -> Option<(Item, Item)> {
    let bytes: usize = item.frags.iter().map(|(_, t)| t.len()).sum();
    if bytes > 4 * MAX_HYPHENATED_CHARS {
        return None;
    }
    let text = item.text();
    if text.chars().count() > MAX_HYPHENATED_CHARS {
        return None;
    }
    let start = text.find(char::is_alphabetic)?;
    let end = text
        .rfind(char::is_alphabetic)
        .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8))?;
    let core = &text[start..end];
    for at in hyphen::opportunities(core, set.lang).into_iter().rev() {
        let (mut head, tail) = split_frags(&item.frags, start + at);
        let hyphen_style = head.last().map_or(Look::default(), |(s, _)| *s);
        head.push((hyphen_style, "-".to_string()));
        let width = measure(&head, set.metrics, set.size);
        if width <= avail {
            let tail_width = measure(&tail, set.metrics, set.size);
            let head_item = Item {
                frags: head,
                width,
                space: 0.0,
                space_style: hyphen_style,
                mandatory: false,
            };
            let tail_item = Item {
                frags: tail,
                width: tail_width,
                ..item.clone()
            };
            return Some((head_item, tail_item));
        }
    }
    None
}

/// Cuts an item wider than a whole line into pieces that each fit, at
/// extended grapheme cluster boundaries, as the last resort for text with no
/// break opportunity (a URL, a pasted hash, a fingerprint in a narrow cell).
///
/// Every grapheme is measured once and widths are summed as the pieces grow,
/// so cutting a word of n characters costs O(n) whatever the number of lines
/// it fills. A grapheme is never split, so an accent stays on its letter; a
/// single grapheme wider than the line gets a piece of its own. The last piece
/// keeps the item's trailing space and mandatory break, and may share its line
/// with the words that follow.
fn emergency_split(item: Item, width: f32, set: &Setting) -> Vec<Item> {
    const EPS: f32 = 0.01;
    let text = item.text();
    // Byte offset where each fragment ends in `text`, to find the look of a
    // grapheme as the walk moves forward (never backward).
    let mut ends = Vec::with_capacity(item.frags.len());
    let mut end = 0;
    for (_, t) in &item.frags {
        end += t.len();
        ends.push(end);
    }
    let mut frag = 0;
    let mut measure_range = |from: usize, to: usize| -> f32 {
        let mut w = 0.0;
        let mut at = from;
        while at < to {
            while ends[frag] <= at {
                frag += 1;
            }
            let stop = to.min(ends[frag]);
            w += set
                .metrics
                .width(&text[at..stop], item.frags[frag].0.style, set.size);
            at = stop;
        }
        w
    };
    // Cut points (byte offsets) and the width of the piece each one closes.
    let mut cuts: Vec<(usize, f32)> = Vec::new();
    let mut start = 0;
    let mut acc = 0.0;
    for (at, grapheme) in text.grapheme_indices(true) {
        let w = measure_range(at, at + grapheme.len());
        if at > start && acc + w > width + EPS {
            cuts.push((at, acc));
            start = at;
            acc = 0.0;
        }
        acc += w;
    }
    let last_width = acc;
    // Distribute the fragments over the pieces in one forward pass.
    let mut pieces: Vec<Item> = Vec::with_capacity(cuts.len() + 1);
    let mut current: Frags = Vec::new();
    let mut pos = 0;
    let mut next_cut = cuts.iter().peekable();
    for (look, t) in item.frags {
        let frag_end = pos + t.len();
        let mut from = pos;
        while let Some(&&(cut, piece_width)) = next_cut.peek() {
            if cut >= frag_end {
                break;
            }
            if cut > from {
                current.push((look, t[from - pos..cut - pos].to_string()));
            }
            let style = current.last().map_or(look, |(s, _)| *s);
            pieces.push(Item {
                frags: std::mem::take(&mut current),
                width: piece_width,
                space: 0.0,
                space_style: style,
                mandatory: false,
            });
            from = cut;
            next_cut.next();
        }
        if from < frag_end {
            current.push((look, t[from - pos..].to_string()));
        }
        pos = frag_end;
    }
    pieces.push(Item {
        frags: current,
        width: last_width,
        space: item.space,
        space_style: item.space_style,
        mandatory: item.mandatory,
    });
    pieces
}

/// Breaks styled text into lines of at most `set.width` points.
pub(crate) fn break_lines(spans: &[Span], set: &Setting) -> Vec<Line> {
    let mut b = LineBuilder {
        set,
        cur: Vec::new(),
        natural: 0.0,
        lines: Vec::new(),
    };
    let mut queue = items(spans, set).into_iter();
    let mut pending: Option<Item> = None;
    const EPS: f32 = 0.01;
    while let Some(mut item) = pending.take().or_else(|| queue.next()) {
        if b.cur.is_empty() {
            if item.width > set.width + EPS {
                if let Some((head, tail)) = hyphen_split(&item, set.width, set) {
                    b.push(head);
                    b.flush(false, true);
                    pending = Some(tail);
                    continue;
                }
                // No hyphenation point fits: break the word where the line is
                // full, all of it at once so that a long word costs linear time.
                // The last piece goes on a line of its own that the following
                // words may join; it may still be too wide when it is a single
                // grapheme wider than the measure, and is then set as it is.
                let mut pieces = emergency_split(item, set.width, set);
                let Some(last) = pieces.pop() else {
                    continue;
                };
                for piece in pieces {
                    b.push(piece);
                    b.flush(false, false);
                }
                item = last;
            }
        } else {
            let gap = b.gap_before_next();
            if b.natural + gap + item.width > set.width + EPS {
                // Hyphenate only when leaving the word whole would stretch the
                // spaces of this line by more than half their width: a few more
                // hyphens are better than rivers, but not better than a tidy line.
                let space = set.metrics.width(" ", Style::Regular, set.size);
                let slack = set.width - b.natural;
                let loose = b.gaps() == 0 || slack / b.gaps() as f32 > 0.5 * space;
                let avail = set.width - b.natural - gap;
                let split = if loose && set.align == Align::Justify && avail > 2.0 * set.size {
                    hyphen_split(&item, avail, set)
                } else {
                    None
                };
                match split {
                    Some((head, tail)) => {
                        b.push(head);
                        b.flush(false, true);
                        pending = Some(tail);
                    }
                    None => {
                        b.flush(false, false);
                        pending = Some(item);
                    }
                }
                continue;
            }
        }
        let mandatory = item.mandatory;
        b.push(item);
        if mandatory {
            b.flush(true, false);
        }
    }
    if !b.cur.is_empty() {
        b.flush(true, false);
    }
    b.lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(m: &Metrics, width: f32, align: Align) -> Setting<'_> {
        Setting {
            metrics: m,
            size: 10.0,
            width,
            align,
            lang: Lang::En,
        }
    }

    fn line_text(line: &Line) -> String {
        line.runs.iter().map(|r| r.text.as_str()).collect()
    }

    fn line_width(line: &Line, m: &Metrics) -> f32 {
        let last = line.runs.last().expect("a line has runs");
        last.x
            + m.width(&last.text, last.style, 10.0)
            + last.space_extra * last.text.matches(' ').count() as f32
    }

    const TEXT: &str = "The Provider shall respond to every Incident within the Response Time \
        applicable to its Priority, measured in Business Hours from the moment the Customer \
        reports it through a Support Channel, and shall keep the Customer informed of the \
        progress of its resolution at reasonable intervals.";

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let m = Metrics::get().expect("fonts");
        let set = setting(m, 200.0, Align::Justify);
        let lines = break_lines(
            &[Span {
                text: TEXT.into(),
                style: Style::Regular,
                revision: None,
                link: None,
            }],
            &set,
        );
        assert!(lines.len() >= 5, "{}", lines.len());
        for line in &lines[..lines.len() - 1] {
            let w = line_width(line, m);
            assert!(
                (w - 200.0).abs() < 0.5,
                "line {:?} is {w} wide",
                line_text(line)
            );
        }
        let last = lines.last().expect("lines");
        assert!(line_width(last, m) < 200.0);
        assert_eq!(last.runs[0].space_extra, 0.0);
        // Nothing is lost or invented: joining the lines gives the text back.
        let joined: String = lines
            .iter()
            .map(|l| {
                let t = line_text(l);
                if l.hyphenated {
                    t.trim_end_matches('-').to_string()
                } else {
                    format!("{t} ")
                }
            })
            .collect();
        assert_eq!(joined.trim_end(), TEXT);
    }

    #[test]
    fn narrow_measure_hyphenates_long_words() {
        let m = Metrics::get().expect("fonts");
        let set = setting(m, 120.0, Align::Justify);
        let text = "Notwithstanding the foregoing, responsibilities regarding documentation \
            and interoperability remain unaffected by subcontracting arrangements.";
        let lines = break_lines(
            &[Span {
                text: text.into(),
                style: Style::Regular,
                revision: None,
                link: None,
            }],
            &set,
        );
        assert!(
            lines.iter().any(|l| l.hyphenated),
            "{:?}",
            lines.iter().map(line_text).collect::<Vec<_>>()
        );
        for line in &lines {
            assert!(line_width(line, m) <= 120.5);
        }
    }

    #[test]
    fn styles_survive_and_no_break_spaces_hold() {
        let m = Metrics::get().expect("fonts");
        let set = setting(m, 60.0, Align::Left);
        let spans = [
            Span {
                text: "le ".into(),
                style: Style::Regular,
                revision: None,
                link: None,
            },
            Span {
                text: "«\u{A0}Client\u{A0}»".into(),
                style: Style::Bold,
                revision: None,
                link: None,
            },
            Span {
                text: " signe\u{202F}!".into(),
                style: Style::Regular,
                revision: None,
                link: None,
            },
        ];
        let lines = break_lines(&spans, &set);
        let texts: Vec<String> = lines.iter().map(line_text).collect();
        assert!(
            texts.iter().any(|t| t.contains("«\u{A0}Client\u{A0}»")),
            "{texts:?}"
        );
        assert!(texts.iter().all(|t| !t.starts_with('!')), "{texts:?}");
        assert!(lines
            .iter()
            .flat_map(|l| &l.runs)
            .any(|r| r.style == Style::Bold));
    }

    #[test]
    fn mandatory_breaks_and_centering() {
        let m = Metrics::get().expect("fonts");
        let set = setting(m, 300.0, Align::Center);
        let lines = break_lines(
            &[Span {
                text: "one\ntwo".into(),
                style: Style::Regular,
                revision: None,
                link: None,
            }],
            &set,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[0].runs[0].x > 100.0);
    }

    #[test]
    fn overlong_codes_are_split_to_fit() {
        let m = Metrics::get().expect("fonts");
        let set = setting(m, 50.0, Align::Left);
        let code = "0123456789abcdef0123456789abcdef";
        let lines = break_lines(
            &[Span {
                text: code.into(),
                style: Style::Regular,
                revision: None,
                link: None,
            }],
            &set,
        );
        assert!(lines.len() > 1);
        let joined: String = lines.iter().map(line_text).collect();
        assert_eq!(joined, code);
    }

    /// The width a line takes on the page, zero for an empty line.
    fn drawn_width(line: &Line, m: &Metrics) -> f32 {
        line.runs.last().map_or(0.0, |last| {
            last.x
                + m.width(&last.text, last.style, 10.0)
                + last.space_extra * last.text.matches(' ').count() as f32
        })
    }

    /// Lines joined back into the text they came from, for text without white
    /// space: only the hyphens the breaker added are taken out.
    fn rejoined(lines: &[Line]) -> String {
        lines
            .iter()
            .map(|l| {
                let t = line_text(l);
                if l.hyphenated {
                    t.strip_suffix('-').unwrap_or(&t).to_string()
                } else {
                    t
                }
            })
            .collect()
    }

    // issue 12: a word without break opportunities is cut at grapheme
    // boundaries into lines that each fit the measure, losing nothing. The
    // word mixes two faces, combining accents, digits, Devanagari and marks
    // the font lacks (measured as half an em each, so a cluster is wide), and
    // a cut must keep each cluster whole.
    #[test]
    fn an_unbroken_word_is_cut_at_graphemes_into_fitting_lines() {
        let m = Metrics::get().expect("fonts");
        let set = setting(m, 90.0, Align::Justify);
        let unit = "ab\u{301}c0123e\u{308}\u{915}\u{94D}\u{937}\u{93F}x\u{1AB0}\u{1AB1}\u{1AB2}";
        let spans = [
            Span {
                text: unit.repeat(300),
                style: Style::Regular,
                revision: None,
                link: None,
            },
            Span {
                text: unit.repeat(200),
                style: Style::Bold,
                revision: Some(Revision::Inserted),
                link: None,
            },
        ];
        let lines = break_lines(&spans, &set);
        assert!(lines.len() > 100, "{} lines", lines.len());
        let clusters: Vec<&str> = unit.graphemes(true).collect();
        for line in &lines {
            assert!(drawn_width(line, m) <= 90.0 + 0.01, "{:?}", line_text(line));
            // A line starts at a cluster of the unit: nothing was cut inside one.
            let text = line_text(line);
            assert!(
                clusters.iter().any(|c| text.starts_with(c)),
                "{text:?} starts inside a grapheme"
            );
        }
        let whole: String = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(rejoined(&lines), whole);
        // The faces are kept on both sides of the change of style.
        let bold: String = lines
            .iter()
            .flat_map(|l| &l.runs)
            .filter(|r| r.style == Style::Bold)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(bold, unit.repeat(200));
    }

    // issue 12: the piece left after cutting a long word shares its line with
    // the words that follow, and a word that does not fit after others starts
    // a new line before it is cut.
    #[test]
    fn a_cut_word_continues_with_the_following_text() {
        let m = Metrics::get().expect("fonts");
        let set = setting(m, 100.0, Align::Left);
        let word = "x".repeat(45);
        let lines = break_lines(
            &[Span {
                text: format!("To {word} ok."),
                style: Style::Regular,
                revision: None,
                link: None,
            }],
            &set,
        );
        let texts: Vec<String> = lines.iter().map(line_text).collect();
        assert_eq!(texts[0], "To", "{texts:?}");
        assert!(
            texts.last().is_some_and(|t| t.ends_with("x ok.")),
            "{texts:?}"
        );
        assert_eq!(texts.concat().replace(' ', ""), format!("To{word}ok."));
    }

    proptest::proptest! {
        // issue 12: any text without white space, from all of Unicode, in any
        // measure from a hair to a page, comes back whole, and every line
        // fits unless it holds a single grapheme wider than the measure.
        #[test]
        fn any_text_without_spaces_is_kept_and_fits(
            text in "[^\\s]{0,400}",
            width in 0.5f32..500.0,
            bold in proptest::prelude::any::<bool>(),
        ) {
            let m = Metrics::get().expect("fonts");
            let set = setting(m, width, Align::Justify);
            let style = if bold { Style::Bold } else { Style::Regular };
            let lines = break_lines(&[Span { text: text.clone(), style, link: None, revision: None }], &set);
            proptest::prop_assert_eq!(rejoined(&lines), text);
            for line in &lines {
                let t = line_text(line);
                if t.graphemes(true).count() > 1 {
                    proptest::prop_assert!(drawn_width(line, m) <= width + 0.01, "{:?}", t);
                }
            }
        }
    }
}
