//! A YAML document as a tree of nodes that remember where they stand in
//! the file, built from the event stream of `saphyr-parser`.
//!
//! The tree is what makes precise diagnostics possible: serde errors and
//! validation findings are located by walking it with a field path. It is
//! built with hard limits so that no input can make the reader take
//! unbounded memory or time: a byte limit on the text, a depth limit, and a
//! budget on the nodes that aliases may expand to ("billion laughs").

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::{FormatError, Location};
use crate::error::ErrorCode;

/// The largest file the reader accepts. Real agreements are a few dozen
/// kilobytes; the limit keeps a runaway file from exhausting memory.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// The deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;
/// The most nodes a document may hold once aliases are expanded.
pub const MAX_NODES: usize = 200_000;

/// A node of the YAML tree.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub location: Location,
}

/// What a node holds.
#[derive(Debug, Clone)]
pub(crate) enum NodeKind {
    /// A scalar and whether it was written plain (unquoted), which decides
    /// whether `123` or `true` mean a number and a boolean.
    Scalar {
        value: String,
        plain: bool,
    },
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar's text, if the node is a scalar.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The value under `key`, if the node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Mapping(entries) => entries
                .iter()
                .find(|(k, _)| k.as_scalar() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// How many nodes the subtree holds.
    fn size(&self) -> usize {
        match &self.kind {
            NodeKind::Scalar { .. } => 1,
            NodeKind::Sequence(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            NodeKind::Mapping(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.size() + v.size())
                    .sum::<usize>()
            }
        }
    }

    /// The location of the node a field path names, such as
    /// `targets[2].resolution.within`: the deepest node of the path that
    /// exists, so that a missing field points at the mapping that lacks it.
    pub fn locate(&self, path: &str) -> Location {
        let mut node = self;
        for segment in split_path(path) {
            let next = match segment {
                Segment::Field(name) => node.get(name),
                Segment::Index(i) => match &node.kind {
                    NodeKind::Sequence(items) => items.get(i),
                    _ => None,
                },
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.location
    }
}

enum Segment<'a> {
    Field(&'a str),
    Index(usize),
}

fn split_path(path: &str) -> impl Iterator<Item = Segment<'_>> {
    path.split('.').filter(|s| !s.is_empty()).flat_map(|part| {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        let field = (!name.is_empty()).then_some(Segment::Field(name));
        let indices = rest
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse().ok())
            .map(Segment::Index)
            .collect::<Vec<_>>();
        field.into_iter().chain(indices)
    })
}

/// A container being filled while events arrive.
enum Frame {
    Sequence {
        items: Vec<Node>,
        location: Location,
        anchor: usize,
    },
    Mapping {
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
        location: Location,
        anchor: usize,
    },
}

/// Parses YAML text into a tree. Only the first document of a stream is
/// read; a second one is an error, since an agreement is one document.
pub(crate) fn parse(text: &str) -> Result<Node, FormatError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(FormatError::new(
            ErrorCode::TooLarge,
            format!(
                "the file is {} bytes; agreement files are limited to {} MiB",
                text.len(),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    let mut documents = 0usize;
    // Where the text ends, so that a file with no value at all (empty, or
    // blank lines and comments only) is still reported at a place.
    let mut end = Location { line: 1, column: 1 };

    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let at = Location {
                line: e.marker().line(),
                column: e.marker().col() + 1,
            };
            // The scanner has a nesting limit of its own, which flow
            // collections (`[[[[…`) reach before the tree's.
            if e.info().contains("recursion limit") {
                return FormatError::new(ErrorCode::TooDeep, "the file nests lists or mappings too deeply")
                    .at(at);
            }
            // JSON writes characters outside the first plane as two
            // `\u` escapes (a surrogate pair) and may carry half of one;
            // YAML escapes name whole characters, so both are refused here
            // rather than turned into other text.
            if e.info().contains("invalid Unicode character escape") {
                return FormatError::new(
                    ErrorCode::YamlSyntax,
                    "YAML syntax: an escape in a quoted text names no character (a UTF-16 surrogate such as `\\ud800`, or a value above `\\U0010ffff`); write the character itself, or `\\U` with its eight-digit code",
                )
                .at(at);
            }
            FormatError::new(ErrorCode::YamlSyntax, format!("YAML syntax: {}", e.info())).at(at)
        })?;
        let location = Location {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        if event == Event::StreamEnd {
            end = location;
        }
        let complete = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(FormatError::new(
                        ErrorCode::YamlSyntax,
                        "the file holds more than one YAML document; an agreement is a single document",
                    )
                    .at(location));
                }
                None
            }
            Event::Scalar(value, style, anchor, tag) => {
                if let Some(tag) = tag {
                    if !(tag.suffix == "str" && (tag.handle == "!!" || tag.is_yaml_core_schema())) {
                        return Err(FormatError::new(
                            ErrorCode::YamlSyntax,
                            format!(
                                "YAML tags such as `{}{}` are not used in agreement files",
                                tag.handle, tag.suffix
                            ),
                        )
                        .at(location));
                    }
                }
                let plain = style == ScalarStyle::Plain;
                Some((
                    Node {
                        kind: NodeKind::Scalar {
                            value: value.into_owned(),
                            plain,
                        },
                        location,
                    },
                    anchor,
                ))
            }
            Event::SequenceStart(anchor, _) => {
                check_depth(&stack, location)?;
                stack.push(Frame::Sequence {
                    items: Vec::new(),
                    location,
                    anchor,
                });
                None
            }
            Event::MappingStart(anchor, _) => {
                check_depth(&stack, location)?;
                stack.push(Frame::Mapping {
                    entries: Vec::new(),
                    pending_key: None,
                    location,
                    anchor,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Sequence {
                    items,
                    location,
                    anchor,
                }) => Some((
                    Node {
                        kind: NodeKind::Sequence(items),
                        location,
                    },
                    anchor,
                )),
                Some(Frame::Mapping {
                    entries,
                    location,
                    anchor,
                    ..
                }) => Some((
                    Node {
                        kind: NodeKind::Mapping(entries),
                        location,
                    },
                    anchor,
                )),
                None => None,
            },
            Event::Alias(anchor) => {
                let target = anchors.get(&anchor).ok_or_else(|| {
                    FormatError::new(
                        ErrorCode::YamlSyntax,
                        "an alias refers to an anchor that is not defined before it",
                    )
                    .at(location)
                })?;
                // The alias expands to a copy of its anchor; the budget counts
                // every copied node, which stops exponential expansion early.
                nodes = nodes.saturating_add(target.size());
                if nodes > MAX_NODES {
                    return Err(alias_budget(location));
                }
                let mut copy = target.clone();
                copy.location = location;
                Some((copy, 0))
            }
        };
        let Some((node, anchor)) = complete else {
            continue;
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(alias_budget(location));
        }
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => {
                    let Some(key) = node.as_scalar() else {
                        return Err(FormatError::new(
                            ErrorCode::YamlSyntax,
                            "a mapping key must be a plain name, not a list or map",
                        )
                        .at(node.location));
                    };
                    if entries.iter().any(|(k, _)| k.as_scalar() == Some(key)) {
                        return Err(FormatError::new(
                            ErrorCode::DuplicateKey,
                            format!("`{key}` is given twice in the same mapping"),
                        )
                        .at(node.location));
                    }
                    *pending_key = Some(node);
                }
                Some(key) => entries.push((key, node)),
            },
        }
    }
    // The same reader serves agreements and scenarios, so the message names
    // neither.
    root.ok_or_else(|| {
        FormatError::new(
            ErrorCode::Empty,
            "the file holds no value, only blank lines or comments",
        )
        .at(end)
    })
}

fn check_depth(stack: &[Frame], location: Location) -> Result<(), FormatError> {
    if stack.len() >= MAX_DEPTH {
        return Err(FormatError::new(
            ErrorCode::TooDeep,
            format!("the file nests more than {MAX_DEPTH} levels deep"),
        )
        .at(location));
    }
    Ok(())
}

fn alias_budget(location: Location) -> FormatError {
    FormatError::new(
        ErrorCode::AliasLimit,
        format!("the document expands to more than {MAX_NODES} values (aliases that repeat aliases?); refused"),
    )
    .at(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_paths_down_to_the_deepest_existing_node() {
        let root = parse("a:\n  b:\n    - x: 1\n    - x: 2\n      y: 3\n").unwrap();
        assert_eq!(
            root.locate("a.b[1].y"),
            Location {
                line: 5,
                column: 10
            }
        );
        assert_eq!(
            root.locate("a.b[1].missing"),
            Location { line: 4, column: 7 }
        );
        assert_eq!(root.locate("a.b[9]"), Location { line: 3, column: 5 });
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.code, "duplicate-key");
        assert_eq!(err.location, Some(Location { line: 3, column: 1 }));
    }
}
