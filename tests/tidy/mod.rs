//! Checks of the code's shape that hold on every test run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's modules (one per file under `src/`, the binaries left out)
/// with the text of each, test modules and comments removed.
fn library_modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).expect("under src");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).expect("source is text");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: String = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            (parts.join("::"), code)
        })
        .collect()
}

/// Whether a character can be part of a path (`crate::a::b`).
fn in_path(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == ':'
}

/// The paths a module's code writes from `crate::`, `super::` or `self::`,
/// each `use …::{a, b::c}` group opened into its members.
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for root in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(root) {
            if code[..at].chars().next_back().is_some_and(in_path) {
                continue;
            }
            let end = code[at..]
                .find(|c| !in_path(c))
                .map_or(code.len(), |e| at + e);
            let path = &code[at..end];
            if path.ends_with("::") && code[end..].starts_with('{') {
                let group = code[end + 1..].split('}').next().unwrap_or("");
                for member in group.split(',') {
                    let member: String =
                        member.trim().chars().take_while(|&c| in_path(c)).collect();
                    found.push(format!("{path}{member}"));
                }
            } else {
                found.push(path.to_string());
            }
        }
    }
    found
}

/// The modules each module's code names (the longest prefix of each path
/// that is a module), leaving out its own parents and children.
fn dependencies(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (name, code) in modules {
        let own: Vec<&str> = name.split("::").filter(|p| !p.is_empty()).collect();
        let mut uses = BTreeSet::new();
        for path in paths(code) {
            let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let (mut base, rest): (Vec<&str>, &[&str]) = match segments[0] {
                "crate" => (Vec::new(), &segments[1..]),
                "self" => (own.clone(), &segments[1..]),
                _ => {
                    let mut base = own.clone();
                    let mut rest = &segments[..];
                    while rest.first() == Some(&"super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    (base, rest)
                }
            };
            let mut found = None;
            for segment in rest {
                base.push(segment);
                let candidate = base.join("::");
                if modules.contains_key(&candidate) {
                    found = Some(candidate);
                }
            }
            if let Some(target) = found {
                let related = target.is_empty()
                    || *name == target
                    || name.starts_with(&format!("{target}::"))
                    || target.starts_with(&format!("{name}::"));
                if !related {
                    uses.insert(target);
                }
            }
        }
        graph.insert(name.clone(), uses);
    }
    graph
}

/// One circle of modules, if there is any.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|s| s == next).unwrap_or(0);
                    let mut circle = stack[from..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                Mark::New => {
                    if let Some(c) = visit(next, graph, marks, stack) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(c) = visit(node, graph, &mut marks, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

// issue 17 (point 4): modules depend on each other in one direction only
// (credits once imported the availability simulation that imported them),
// so a module can be used, and tested, without what is built on it.
#[test]
fn no_module_depends_on_itself_through_others() {
    let modules = library_modules();
    assert!(modules.contains_key("sim::outcome") && modules.contains_key("credits"));
    let graph = dependencies(&modules);
    assert!(
        graph["sim::outcome"].contains("credits") && graph["sim::availability"].contains("credits"),
        "the dependency reader misses `use crate::…` paths: {:?}",
        graph["sim::outcome"]
    );
    assert!(
        !graph["credits"].iter().any(|m| m.starts_with("sim")),
        "credit rules depend on the simulation: {:?}",
        graph["credits"]
    );
    if let Some(circle) = find_circle(&graph) {
        panic!("modules in a circle: {}", circle.join(" → "));
    }
}

// The circle finder itself finds a circle, and only one that is there.
#[test]
fn the_circle_finder_sees_a_circle() {
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert_eq!(find_circle(&graph(&[("a", "b"), ("b", "c")])), None);
    let circle = find_circle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])).expect("a circle");
    assert_eq!(circle.len(), 4, "{circle:?}");
    let modules: BTreeMap<String, String> = [
        ("x".to_string(), "use crate::y::Thing;".to_string()),
        ("y".to_string(), "fn f() { super::x::g() }".to_string()),
    ]
    .into_iter()
    .collect();
    assert!(find_circle(&dependencies(&modules)).is_some());
}
