//! The shape of the library that docs/architecture.md §2 and §3 describe, checked on its source:
//! data flows one way without import cycles, the prober's memory stays inside the prober, HRESULT
//! names live only in the catalog, and comments cite only documents in the repository, by
//! sections and headings that exist (docs/architecture.md §3.3).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every file under `dir`, leaving out build output (`target`) and hidden entries.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name == "target" || name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every `.rs` file under `src/`, with its text up to its unit tests (test code may reach
/// anywhere; the product may not).
fn product_sources() -> Vec<(PathBuf, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    files_under(&root)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let product = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            (path.strip_prefix(&root).unwrap().to_owned(), product)
        })
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
    // The server answers from snapshots (only `/probe` runs the prober, through `Prober`).
    for (path, text) in product_sources() {
        if path.starts_with("http") {
            assert!(
                !text.contains("crate::probe::activation") && !text.contains("crate::dns::"),
                "src/{} reaches into the prober",
                path.display()
            );
        }
    }
}

/// What the rendering tier (`src/render/`) may import: the snapshot it renders, the shared
/// catalog, the finding types of `kms` and `clock` and the `process_*` readings. No
/// configuration, prober, network or server.
const RENDER_READS: [&str; 5] = ["snapshot", "codes", "kms", "clock", "process"];

/// Who may import the rendering tier: the server (and the binary, which is not a module).
const RENDER_READERS: [&str; 1] = ["http"];

/// The layer rules of the rendering tier, on an import graph of top-level modules.
fn render_tier_problems(top: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut problems = Vec::new();
    for to in top.get("render").into_iter().flatten() {
        if !RENDER_READS.contains(&to.as_str()) {
            problems.push(format!("render imports {to}"));
        }
    }
    for (from, to) in top {
        if to.contains("render") && !RENDER_READERS.contains(&from.as_str()) {
            problems.push(format!("{from} imports render"));
        }
    }
    problems
}

#[test]
fn renderers_read_snapshots_and_only_the_server_reads_renderers() {
    let top = import_graph(1);
    assert!(
        top.get("http").is_some_and(|to| to.contains("render")),
        "{top:#?}"
    );
    assert_eq!(render_tier_problems(&top), Vec::<String>::new(), "{top:#?}");
    // The check fails what it should.
    let planted: BTreeMap<String, BTreeSet<String>> = [
        (
            "render".to_owned(),
            ["snapshot".to_owned(), "probe".to_owned()].into(),
        ),
        ("scheduler".to_owned(), ["render".to_owned()].into()),
    ]
    .into();
    assert_eq!(
        render_tier_problems(&planted),
        ["render imports probe", "scheduler imports render"]
    );
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

/// Documents that comments once cited and that are not in the repository. Each is written here in
/// two pieces, so that this file does not cite them itself.
const OUTSIDE_DOCUMENTS: [&str; 4] = [
    concat!("design", " §"),
    concat!("kms-protocol", ".md"),
    concat!("seed", " 0"),
    concat!("..", "/shared"),
];

/// The headings of a Markdown document outside its code blocks: the section numbers (`3.3`, `10`)
/// and the titles, with and without their number.
#[derive(Debug, Default)]
struct Headings {
    numbers: BTreeSet<String>,
    titles: BTreeSet<String>,
}

fn headings(markdown: &str) -> Headings {
    let mut found = Headings::default();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code || !line.starts_with('#') {
            continue;
        }
        let title = line.trim_start_matches('#').trim();
        found.titles.insert(title.to_owned());
        let (number, rest) = title.split_once(' ').unwrap_or((title, ""));
        let number = number.trim_end_matches('.');
        let numbered = number
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            found.numbers.insert(number.to_owned());
            found.titles.insert(rest.trim().to_owned());
        }
    }
    found
}

/// The documents a citation may name: `README` and every Markdown file under `docs/`, by the
/// path comments write (`docs/protocol.md`, `docs/runbooks/en.md`).
fn repository_documents() -> BTreeMap<String, Headings> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut documents = BTreeMap::from([("README".to_owned(), headings(&readme))]);
    for path in files_under(&root.join("docs")) {
        if path.extension().is_some_and(|e| e == "md") {
            let name = path.strip_prefix(root).unwrap().to_string_lossy();
            let text = std::fs::read_to_string(&path).unwrap();
            documents.insert(name.replace('\\', "/"), headings(&text));
        }
    }
    documents
}

/// A file's text as passages: each run of comment lines joined into one line (without the `//`,
/// `///` or `//!`), so that a citation broken over two lines reads whole, and every other line
/// as it is. The flag tells comments apart.
fn passages(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let comment = trimmed
            .strip_prefix("//!")
            .or_else(|| trimmed.strip_prefix("///"))
            .or_else(|| trimmed.strip_prefix("//"));
        match (comment, out.last_mut()) {
            (Some(words), Some((true, passage))) => {
                passage.push(' ');
                passage.push_str(words.trim());
            }
            (Some(words), _) => out.push((true, words.trim().to_owned())),
            (None, _) => out.push((false, line.to_owned())),
        }
    }
    out
}

/// The section numbers of a chain of section signs, as in "2.2, 2.3", "7.2 and 4.1", a range
/// "1–3" or "3.3 step 4". A section sign without a number gives an empty one, which no heading
/// has.
fn section_chain(mut rest: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    while let Some(after) = rest.strip_prefix('§') {
        let number: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        numbers.push(number.trim_end_matches('.').to_owned());
        rest = &after[number.len()..];
        if let Some(step) = rest.strip_prefix(" step ") {
            rest = step.trim_start_matches(|c: char| c.is_ascii_digit());
        }
        rest = [", ", " and ", "–", "-"]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep).filter(|r| r.starts_with('§')))
            .unwrap_or_default();
    }
    numbers
}

/// The title a citation gives after a document's name: `, "Limits"` or `'s "Install"`.
fn quoted_title(rest: &str) -> Option<&str> {
    let quoted = rest
        .strip_prefix(", \"")
        .or_else(|| rest.strip_prefix("'s \""))?;
    quoted.split('"').next()
}

/// Whether a section sign at the end of `before` is part of a citation: after trimming the chain
/// of sections that precedes it, the text must end with a document's name (a Markdown file, an
/// RFC, FIPS-197 or MS-SMB2).
fn names_its_document(before: &str) -> bool {
    let mut before = before;
    loop {
        let trimmed = before
            .trim_end_matches(|c: char| c.is_ascii_digit() || " .,–-§`".contains(c))
            .trim_end();
        match [" step", " and"]
            .iter()
            .find_map(|w| trimmed.strip_suffix(w))
        {
            Some(shorter) => before = shorter,
            None => {
                before = trimmed;
                break;
            }
        }
    }
    [".md", "RFC", "FIPS", "MS-SMB"]
        .iter()
        .any(|name| before.ends_with(name))
}

/// What is wrong with the citations of one file's text, checked against `documents`: a document
/// outside the repository, a document or a section or title that does not exist, or (in a
/// comment) a section sign that names no document.
fn citation_problems(text: &str, documents: &BTreeMap<String, Headings>) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = text.to_lowercase();
    for outside in OUTSIDE_DOCUMENTS {
        let cited = lower.match_indices(&outside.to_lowercase()).any(|(at, _)| {
            !lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        });
        if cited {
            problems.push(format!(
                "cites {outside:?}…, which is not in the repository"
            ));
        }
    }
    for (comment, passage) in passages(text) {
        let mut mentions: Vec<(usize, String)> = Vec::new();
        for (at, _) in passage.match_indices("docs/") {
            let name: String = passage[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "/-_.".contains(*c))
                .collect();
            let name = name.trim_end_matches('.');
            if name.ends_with(".md") {
                mentions.push((at, name.to_owned()));
            }
        }
        for (at, _) in passage.match_indices("README") {
            mentions.push((at, "README".to_owned()));
        }
        for (at, name) in mentions {
            let Some(document) = documents.get(&name) else {
                problems.push(format!("cites {name}, which does not exist"));
                continue;
            };
            let rest = &passage[at + name.len()..];
            let rest = rest.strip_prefix('`').unwrap_or(rest);
            if let Some(title) = quoted_title(rest) {
                if !document.titles.contains(title) {
                    problems.push(format!("cites {name}, {title:?}: no such heading"));
                }
            } else if let Some(chain) = rest.strip_prefix(' ').filter(|r| r.starts_with('§')) {
                for number in section_chain(chain) {
                    if !document.numbers.contains(&number) {
                        problems.push(format!("cites {name} §{number}: no such section"));
                    }
                }
            }
        }
        if comment {
            for (at, _) in passage.match_indices('§') {
                if !names_its_document(&passage[..at]) {
                    let before: String = passage[..at].chars().rev().take(40).collect();
                    let before: String = before.chars().rev().collect();
                    let after: String = passage[at..].chars().take(8).collect();
                    problems.push(format!("a § that names no document: …{before}{after}"));
                }
            }
        }
    }
    problems
}

#[test]
fn comments_cite_only_documents_in_the_repository_and_their_sections() {
    let documents = repository_documents();
    assert!(documents["docs/protocol.md"].numbers.contains("3.3"));
    assert!(documents["docs/architecture.md"].numbers.contains("5.1"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut files = 0;
    for top in ["src", "tests", "testkit", "benches", "fuzz"] {
        for path in files_under(&root.join(top)) {
            // Binary files (fuzz inputs) cite nothing.
            let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
                continue;
            };
            files += 1;
            let shown = path.strip_prefix(root).unwrap().display();
            for problem in citation_problems(&text, &documents) {
                problems.push(format!("{shown}: {problem}"));
            }
        }
    }
    assert!(files > 100, "only {files} files read");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_citation_check_fails_what_it_should() {
    let documents = BTreeMap::from([
        (
            "docs/protocol.md".to_owned(),
            headings("## 3. The response\n### 3.3 V5 and V6\n```sh\n## 3.4 in a code block\n```\n"),
        ),
        (
            "docs/architecture.md".to_owned(),
            headings("## 5. Behaviour rules\n### 5.1 Probing etiquette\n"),
        ),
        ("README".to_owned(), headings("## Metrics\n")),
    ]);
    // One citation broken over two comment lines, chains, an RFC's sections and titles.
    let good = [
        "//! Verified as `docs/protocol.md` §3.3 step 7 says (docs/architecture.md §5.1,",
        "//! \"Probing etiquette\"; `docs/protocol.md`",
        "//! §3, §3.3; RFC 4330 §5, §8).",
        "/// README, \"Metrics\" lists it; docs/architecture.md, \"Behaviour rules\".",
        "fn f() {}",
    ]
    .join("\n");
    assert_eq!(citation_problems(&good, &documents), Vec::<String>::new());
    let outside = [
        concat!("design", " §5"),
        concat!("kms-protocol", ".md §3.3"),
        concat!("Seed", " 003"),
        concat!("../", "shared/notes.md"),
    ];
    for cited in outside {
        let problems = citation_problems(&format!("// As {cited} says.\n"), &documents);
        assert!(
            problems.iter().any(|p| p.contains("not in the repository")),
            "{cited}: {problems:?}"
        );
    }
    let missing = [
        "/// As docs/protocol.md §3.4 says.",
        "// docs/architecture.md §5.1, §5.2.",
        "let s = \"docs/protocol.md §3.1\";",
        "/// README, \"Limits\".",
        "/// docs/architecture.md, \"Etiquette\".",
        "/// A check the protocol describes (§3.3).",
    ];
    for text in missing {
        let problems = citation_problems(text, &documents);
        assert_eq!(problems.len(), 1, "{text}: {problems:?}");
    }
    let elsewhere = citation_problems(concat!("// docs/", "nowhere.md §1\n"), &documents);
    assert_eq!(elsewhere.len(), 1, "{elsewhere:?}");
}
