//! Breaking styled text into lines: UAX #14 break opportunities, greedy
//! filling, hyphenation of the word that does not fit when the line would
//! otherwise be loose, and justification by stretching inter-word spaces.

use unicode_linebreak::{linebreaks, BreakOpportunity};

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
}

/// How a piece of text is drawn: its face and its revision mark. Text is
/// measured by its face; runs are merged only when both agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Look {
    style: Style,
    revision: Option<Revision>,
}

/// Text in one style placed on a line. Each ASCII space in `text` is
/// widened by `space_extra` points, which is how lines are justified.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Offset from the line's left edge, in points.
    pub x: f32,
    pub style: Style,
    pub revision: Option<Revision>,
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
                    Some(run) if run.style == look.style && run.revision == look.revision => {
                        run.text.push_str(&text)
                    }
                    _ => runs.push(Run {
                        x: 0.0,
                        style: look.style,
                        revision: look.revision,
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

/// Splits `item` at the last hyphenation point whose head (with its hyphen)
/// fits in `avail` points.
fn hyphen_split(item: &Item, avail: f32, set: &Setting) -> Option<(Item, Item)> {
    let text = item.text();
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

/// Splits an item wider than a whole line at the last character that fits,
/// for long codes such as fingerprints in narrow table cells.
fn force_split(item: &Item, avail: f32, set: &Setting) -> (Item, Item) {
    let text = item.text();
    let mut cut = text.char_indices().nth(1).map_or(text.len(), |(i, _)| i);
    for (i, _) in text.char_indices().skip(1) {
        let (head, _) = split_frags(&item.frags, i);
        if measure(&head, set.metrics, set.size) > avail {
            break;
        }
        cut = i;
    }
    let (head, tail) = split_frags(&item.frags, cut);
    let head_width = measure(&head, set.metrics, set.size);
    let tail_width = measure(&tail, set.metrics, set.size);
    let style = head.last().map_or(Look::default(), |(s, _)| *s);
    (
        Item {
            frags: head,
            width: head_width,
            space: 0.0,
            space_style: style,
            mandatory: false,
        },
        Item {
            frags: tail,
            width: tail_width,
            ..item.clone()
        },
    )
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
    while let Some(item) = pending.take().or_else(|| queue.next()) {
        if b.cur.is_empty() {
            if item.width > set.width + EPS {
                let (head, tail) = match hyphen_split(&item, set.width, set) {
                    Some((h, t)) => (h, t),
                    None => force_split(&item, set.width, set),
                };
                let hyphenated = head.frags.last().is_some_and(|(_, t)| t == "-");
                b.push(head);
                b.flush(false, hyphenated);
                pending = Some(tail);
                continue;
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
            },
            Span {
                text: "«\u{A0}Client\u{A0}»".into(),
                style: Style::Bold,
                revision: None,
            },
            Span {
                text: " signe\u{202F}!".into(),
                style: Style::Regular,
                revision: None,
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
            }],
            &set,
        );
        assert!(lines.len() > 1);
        let joined: String = lines.iter().map(line_text).collect();
        assert_eq!(joined, code);
    }
}
