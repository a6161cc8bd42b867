//! The shape of the library that docs/architecture.md §2 and §3 describe, checked on its source:
//! data flows one way without import cycles, the prober's memory stays inside the prober, and
//! HRESULT names live only in the catalog.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, with its text up to its unit tests (test code may reach
/// anywhere; the product may not).
fn product_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let product = match text.find("#[cfg(test)]\nmod tests") {
                    Some(at) => text[..at].to_owned(),
                    None => text,
                };
                out.push((path, product));
            }
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    walk(&root, &mut out);
    out.into_iter()
        .map(|(path, text)| (path.strip_prefix(&root).unwrap().to_owned(), text))
        .collect()
}

/// The module path of a source file below `src/`: `probe/host.rs` → `["probe", "host"]`.
fn module_of(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = path
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

/// The modules a source text names through `crate::a::b` or, inside `parent`, `super::b`, as
/// paths of at most `depth` segments.
fn references(text: &str, module: &[String], depth: usize) -> BTreeSet<Vec<String>> {
    // Comments may point a reader anywhere; only code imports.
    let text: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let text = text.as_str();
    let mut found = BTreeSet::new();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    for (prefix, base) in [
        ("crate::", Vec::new()),
        ("super::", module[..module.len().saturating_sub(1)].to_vec()),
    ] {
        for (at, _) in text.match_indices(prefix) {
            let rest = &text[at + prefix.len()..];
            // `use crate::{a, b::c}` and `use super::{x, y}` name several modules at once.
            let groups: Vec<&str> = match rest.strip_prefix('{') {
                Some(inner) => inner
                    .split('}')
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .collect(),
                None => vec![rest],
            };
            for group in groups {
                let mut path = base.clone();
                for segment in group.trim().split("::") {
                    let name: String = segment.chars().take_while(|c| ident(*c)).collect();
                    if name.is_empty() || name.starts_with(char::is_uppercase) {
                        break;
                    }
                    path.push(name);
                    if path.len() == depth {
                        break;
                    }
                }
                if !path.is_empty() {
                    found.insert(path);
                }
            }
        }
    }
    found
}

/// A cycle in `edges`, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

/// The import graph between the modules at `depth` (1: `probe`, `kms`; 2: `kms::message`),
/// leaving out a module's references to itself and to its own children.
fn import_graph(depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in product_sources() {
        let module = module_of(&path);
        if module.len() < depth {
            continue;
        }
        let from = module[..depth].join("::");
        for target in references(&text, &module, depth) {
            if target.len() < depth || target[..depth.min(target.len())] == module[..depth] {
                continue;
            }
            if depth > 1 && target[0] != module[0] {
                continue;
            }
            edges
                .entry(from.clone())
                .or_default()
                .insert(target[..depth].join("::"));
        }
    }
    edges
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let top = import_graph(1);
    assert!(
        top.get("snapshot").is_some_and(|to| !to.contains("probe")),
        "{top:#?}"
    );
    assert_eq!(find_cycle(&top), None, "top-level modules: {top:#?}");
    let nested = import_graph(2);
    assert!(nested.contains_key("kms::message"), "{nested:#?}");
    assert_eq!(find_cycle(&nested), None, "submodules: {nested:#?}");
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), ["b".to_owned()].into()),
        ("b".to_owned(), ["c".to_owned()].into()),
        ("c".to_owned(), ["a".to_owned()].into()),
    ]
    .into();
    assert_eq!(
        find_cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let text = "use crate::{probe::Prober, snapshot::Snapshot};\nuse super::memory::X;\n";
    let found = references(text, &["probe".to_owned(), "host".to_owned()], 2);
    assert!(found.contains(&vec!["probe".to_owned(), "memory".to_owned()]));
    assert!(found.contains(&vec!["snapshot".to_owned()]));
}

#[test]
fn only_the_prober_and_the_scheduler_see_the_probers_memory() {
    for (path, text) in product_sources() {
        let inside = path.starts_with("probe") || path == Path::new("scheduler.rs");
        for name in ["HostMemory", "probe::memory", "memory::Memory", "Retention"] {
            assert!(
                inside || !text.contains(name),
                "src/{} names the prober's memory ({name})",
                path.display()
            );
        }
    }
    // Renderers read snapshots only.
    for renderer in ["metrics", "http", "report.rs", "findings.rs"] {
        for (path, text) in product_sources() {
            if path.starts_with(renderer) {
                assert!(
                    !text.contains("crate::probe::activation") && !text.contains("crate::dns::"),
                    "src/{} reaches into the prober",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn hresult_names_are_written_only_in_the_catalog() {
    let names: Vec<&str> = kms_exporter::codes::all()
        .iter()
        .filter_map(|entry| entry.name)
        .collect();
    assert!(names.contains(&"SL_E_VL_INVALID_TIMESTAMP"));
    for (path, text) in product_sources() {
        if path.starts_with("codes") {
            continue;
        }
        for name in &names {
            assert!(
                !text.contains(name),
                "src/{} writes the HRESULT name {name}; take it from codes::describe",
                path.display()
            );
        }
    }
}
