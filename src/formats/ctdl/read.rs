//! Reading CTDL-ASN, the JSON-LD in which US credentialing bodies publish competency frameworks
//! to Credential Engine's registry.
//!
//! A file holds nodes: a JSON array of them, an object with an `@graph` of them, or one node.
//! `ceasn:CompetencyFramework` nodes are frameworks; `ceasn:Competency` nodes their statements,
//! which may come in another file: every file's nodes are pooled before any framework is built.
//! A competency belongs to a framework that names it (`ceasn:hasTopChild`, `ceasn:hasChild` down
//! from there) or that it names (`ceasn:isPartOf`, `ceasn:isTopChildOf`). Its parent is its first
//! `ceasn:isChildOf`, else the node whose `ceasn:hasChild` lists it. Texts are language maps
//! (`{"en-us": "..."}`): English is taken where there is a choice, else the first language.
//! As with CASE, top-level competencies with children (or of the category `Category`) become
//! categories, and the other top-level ones are gathered in a category named after the framework.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::model::compact::{self, Json, Object};

use crate::formats::{FieldPath, Issue};
use crate::formats::{Problem, ProblemKind, located, tree};

use crate::model::{
    Category, Entry, EntryFields, Framework, MAX_SUBITEM_DEPTH, Relation, Scheme, Source, Tag,
    TagRef, Tags, shared,
};

/// The alignment properties of a competency, kept as relations of these kinds.
pub(crate) const ALIGNMENTS: [&str; 5] =
    ["exactAlignment", "majorAlignment", "minorAlignment", "broadAlignment", "narrowAlignment"];

/// A JSON-LD text's nodes, with where each stands, once parsed.
pub(crate) struct Graph {
    origin: String,
    text: String,
    root: Json,
}

/// Whether a JSON text is JSON-LD (a node, an array of nodes, or an `@graph`) rather than a
/// framework file or a CASE package: by its structure.
pub(crate) fn is_json_ld(text: &str) -> bool {
    if !(text.contains("\"@type\"") || text.contains("\"@graph\"")) {
        return false;
    }
    crate::formats::probe::first_node_has(text, &["@type", "@graph"], None)
}

/// Parses one JSON-LD text for the pool.
pub(crate) fn graph(text: String, origin: &str) -> Result<Graph, Problem> {
    let root: Json = compact::from_str(&text).map_err(|e| located::json_problem(origin, &e))?;
    Ok(Graph { origin: origin.to_owned(), text, root })
}

/// One node of the pool.
struct Node<'g> {
    object: &'g Object,
    id: &'g str,
    graph: usize,
    place: Place,
}

/// Where a node stands in its file: the path is made when a problem needs it, not held for
/// every node.
#[derive(Clone, Copy)]
struct Place {
    /// In the document's `@graph`, rather than a list or a node at the top.
    in_graph: bool,
    /// Its index in that list, where it is in one.
    index: Option<usize>,
}

impl Place {
    fn path(self) -> FieldPath {
        let base = match self.in_graph {
            true => FieldPath::default().then("@graph"),
            false => FieldPath::default(),
        };
        match self.index {
            Some(i) => base.then(i),
            None => base,
        }
    }
}

impl Node<'_> {
    fn is(&self, kind: &str) -> bool {
        types(self.object).any(|t| t == kind)
    }

    fn path(&self) -> FieldPath {
        self.place.path()
    }
}

fn types(object: &Object) -> impl Iterator<Item = &str> {
    let t = object.get("@type");
    let list: Vec<&str> = match t {
        Some(Json::String(s)) => vec![&**s],
        Some(Json::Array(a)) => a.iter().filter_map(Json::as_str).collect(),
        _ => vec![],
    };
    list.into_iter()
}

/// The `@id`s a property names: a string, `{"@id": ...}`, or a list of either.
fn refs<'v>(object: &'v Object, key: &str) -> Vec<&'v str> {
    fn one(v: &Json) -> Option<&str> {
        v.as_str().or_else(|| v.get("@id").and_then(Json::as_str))
    }
    match object.get(key) {
        Some(Json::Array(list)) => list.iter().filter_map(one).collect(),
        Some(v) => one(v).into_iter().collect(),
        None => vec![],
    }
}

/// A language map's text: English where there is a choice, else the first language; a plain
/// string as it is; a list's first text.
pub(crate) fn text_of(value: &Json) -> Option<String> {
    texts_of(value).into_iter().next()
}

/// Every text of a language map in its chosen language (`ceasn:comment` holds a list).
fn texts_of(value: &Json) -> Vec<String> {
    let strings = |v: &Json| -> Vec<String> {
        match v {
            Json::String(s) => vec![s.to_string()],
            Json::Array(a) => a.iter().filter_map(Json::as_str).map(str::to_owned).collect(),
            _ => vec![],
        }
    };
    match value {
        Json::Object(map) => {
            let english = ["en-us", "en-US", "en", "en-gb", "en-GB"];
            let chosen = english.iter().find_map(|k| map.get(k)).or_else(|| map.values().next());
            chosen.map(strings).unwrap_or_default()
        }
        Json::Array(list) => list.iter().flat_map(texts_of).collect(),
        v => strings(v),
    }
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect()
}

/// The source line peercomp's own export gives.
fn line(object: &Object) -> Option<u32> {
    object.get("peercomp:line").and_then(Json::as_u64).and_then(|n| u32::try_from(n).ok())
}

fn text(object: &Object, key: &str) -> Option<String> {
    object.get(key).and_then(text_of)
}

/// The frameworks of every JSON-LD file loaded, or every problem of them.
pub(crate) fn frameworks(graphs: &[Graph]) -> (Vec<(Framework, String)>, Vec<Problem>) {
    let mut problems: Vec<Problem> = Vec::new();
    let mut issues: Vec<Vec<Issue>> = vec![Vec::new(); graphs.len()];
    let nodes = nodes(graphs, &mut issues);
    not_ctdl(graphs, &nodes, &mut problems);
    let by_id = by_id(&nodes, &mut issues);
    let frameworks: Vec<&Node> =
        nodes.iter().filter(|n| n.is("ceasn:CompetencyFramework")).collect();
    if frameworks.is_empty() && nodes.iter().any(|n| n.is("ceasn:Competency")) {
        let origins: Vec<&str> = graphs.iter().map(|g| g.origin.as_str()).collect();
        problems.push(Problem::new(
            origins[0],
            ProblemKind::MissingField,
            format!(
                "ceasn:Competency nodes, but no ceasn:CompetencyFramework loaded with them ({}): \
                 give the framework's file too",
                origins.join(", ")
            ),
        ));
    }
    let (child_of, part_of) = reverse_links(&nodes);
    let concepts = Concepts::new(&nodes);
    let mut built = Vec::new();
    for framework in frameworks {
        let pool =
            Pool { by_id: &by_id, child_of: &child_of, part_of: &part_of, concepts: &concepts };
        match pool.framework(framework) {
            Ok(f) => built.push((f, graphs[framework.graph].origin.clone())),
            Err(found) => issues[framework.graph].extend(found),
        }
    }
    for (g, found) in issues.into_iter().enumerate() {
        if !found.is_empty() {
            problems.extend(located::place(&graphs[g].text, &graphs[g].origin, found));
        }
    }
    (built, problems)
}

/// Every node of every graph with its `@id`; one without is missing it.
fn nodes<'g>(graphs: &'g [Graph], issues: &mut [Vec<Issue>]) -> Vec<Node<'g>> {
    let mut nodes: Vec<Node> = Vec::new();
    for (g, graph) in graphs.iter().enumerate() {
        let (base, list): (FieldPath, Vec<&Json>) = match &graph.root {
            Json::Array(list) => (FieldPath::default(), list.iter().collect()),
            Json::Object(o) => match o.get("@graph").and_then(Json::as_array) {
                Some(list) => (FieldPath::default().then("@graph"), list.iter().collect()),
                None => (FieldPath::default(), vec![&graph.root]),
            },
            _ => (FieldPath::default(), vec![]),
        };
        let indexed = !matches!(&graph.root, Json::Object(o) if o.get("@graph").is_none());
        let in_graph = base != FieldPath::default();
        for (i, value) in list.into_iter().enumerate() {
            let place = Place { in_graph, index: indexed.then_some(i) };
            let Some(object) = value.as_object() else { continue };
            let path = place.path();
            let Some(id) = object.get("@id").and_then(Json::as_str) else {
                let message = "a JSON-LD node without its `@id`".to_owned();
                issues[g].push(Issue {
                    path,
                    kind: ProblemKind::MissingField,
                    message,
                    first: None,
                });
                continue;
            };
            wrong_references(object, &path, &mut issues[g]);
            nodes.push(Node { object, id, graph: g, place });
        }
    }
    nodes
}

/// The keys that link nodes: each value an `@id`, as a string or `{"@id": ...}`.
const LINKS: [&str; 5] = [
    "ceasn:hasChild",
    "ceasn:isChildOf",
    "ceasn:isPartOf",
    "ceasn:isTopChildOf",
    "ceasn:hasTopChild",
];

/// A link that is not a reference (a number, a list in a list, an object without `@id`) is a
/// problem at its place, never passed over.
fn wrong_references(object: &Object, path: &FieldPath, issues: &mut Vec<Issue>) {
    let reference = |v: &Json| v.is_string() || v.get("@id").is_some_and(Json::is_string);
    for key in LINKS {
        let wrong: Vec<FieldPath> = match object.get(key) {
            Some(Json::Array(list)) => list
                .iter()
                .enumerate()
                .filter(|(_, v)| !reference(v))
                .map(|(i, _)| path.then(key).then(i))
                .collect(),
            Some(v) if !reference(v) => vec![path.then(key)],
            _ => vec![],
        };
        for at in wrong {
            issues.push(Issue {
                path: at,
                kind: ProblemKind::WrongType,
                message: format!("{key} holds something other than a node's @id (a string)"),
                first: None,
            });
        }
    }
}

/// A file none of whose nodes is CTDL-ASN is not a framework at all.
fn not_ctdl(graphs: &[Graph], nodes: &[Node], problems: &mut Vec<Problem>) {
    let known =
        ["ceasn:CompetencyFramework", "ceasn:Competency", "skos:ConceptScheme", "skos:Concept"];
    // A file none of whose nodes is CTDL-ASN is not a framework at all.
    for (g, graph) in graphs.iter().enumerate() {
        let mine: Vec<&Node> = nodes.iter().filter(|n| n.graph == g).collect();
        if !mine.is_empty() && !mine.iter().any(|n| known.iter().any(|k| n.is(k))) {
            let kind = types(mine[0].object).next().unwrap_or("none").to_owned();
            problems.push(Problem::new(
                &graph.origin,
                ProblemKind::Format,
                format!("JSON-LD with @type {kind}: not a CTDL-ASN framework (ceasn:CompetencyFramework)"),
            ));
        }
    }
}

/// The nodes by `@id`, the first of each; an `@id` used twice in one file is a problem.
fn by_id<'n, 'g>(
    nodes: &'n [Node<'g>],
    issues: &mut [Vec<Issue>],
) -> HashMap<&'g str, &'n Node<'g>> {
    let mut by_id: HashMap<&str, &Node> = HashMap::new();
    for node in nodes {
        if let Some(first) = by_id.get(node.id) {
            if first.graph == node.graph {
                issues[node.graph].push(Issue {
                    path: node.path().then("@id"),
                    kind: ProblemKind::DuplicateId,
                    message: format!("@id '{}' is used twice", node.id),
                    first: Some(first.path().then("@id")),
                });
            }
            continue;
        }
        by_id.insert(node.id, node);
    }
    by_id
}

/// The reverse links, once for the pool: children by isChildOf, members by isPartOf.
#[allow(clippy::type_complexity)]
fn reverse_links<'g>(
    nodes: &[Node<'g>],
) -> (HashMap<&'g str, Vec<&'g str>>, HashMap<&'g str, Vec<&'g str>>) {
    let mut child_of: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut part_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for node in nodes.iter().filter(|n| n.is("ceasn:Competency")) {
        for parent in refs(node.object, "ceasn:isChildOf") {
            child_of.entry(parent).or_default().push(node.id);
        }
        for framework in refs(node.object, "ceasn:isPartOf")
            .into_iter()
            .chain(refs(node.object, "ceasn:isTopChildOf"))
        {
            part_of.entry(framework).or_default().push(node.id);
        }
    }
    (child_of, part_of)
}

/// Tag schemes as SKOS concept schemes (as `export --to ctdl` writes them): each concept's
/// `skos:notation` is its tag.
struct Concepts {
    schemes: Vec<Scheme>,
    tag_of: HashMap<String, TagRef>,
}

impl Concepts {
    fn new(nodes: &[Node]) -> Self {
        let mut schemes: Vec<Scheme> = Vec::new();
        // Each scheme's place in `schemes`, by id: the first of an id, as a search would find.
        let mut at: HashMap<String, usize> = HashMap::new();
        let mut tag_of = HashMap::new();
        for node in nodes.iter().filter(|n| n.is("skos:ConceptScheme")) {
            // CTDL's terms, or SKOS's, as peercomp wrote them before.
            let either = |a, b| text(node.object, a).or_else(|| text(node.object, b));
            let Some(id) = either("peercomp:scheme", "skos:notation") else { continue };
            let name = text(node.object, "peercomp:name").unwrap_or_else(|| id.to_uppercase());
            let label = either("ceasn:name", "skos:prefLabel").unwrap_or_else(|| id.clone());
            let mut scheme = Scheme::new(id.clone(), name, label);
            scheme.citation = either("ceasn:description", "skos:definition");
            at.entry(id).or_insert(schemes.len());
            schemes.push(scheme);
        }
        for node in nodes.iter().filter(|n| n.is("skos:Concept")) {
            let Some(Ok(tag)) = text(node.object, "skos:notation").map(|n| n.parse::<TagRef>())
            else {
                continue;
            };
            let label = text(node.object, "skos:prefLabel").unwrap_or_default();
            if let Some(&i) = at.get(tag.scheme.as_str()) {
                schemes[i].define(tag.code.as_deref(), label);
            }
            tag_of.insert(node.id.to_owned(), tag);
        }
        Concepts { schemes, tag_of }
    }
}

struct Pool<'p, 'g> {
    by_id: &'p HashMap<&'g str, &'g Node<'g>>,
    child_of: &'p HashMap<&'g str, Vec<&'g str>>,
    part_of: &'p HashMap<&'g str, Vec<&'g str>>,
    concepts: &'p Concepts,
}

impl<'g> Pool<'_, 'g> {
    fn competency(&self, id: &str) -> Option<&'g Node<'g>> {
        self.by_id.get(id).copied().filter(|n| n.is("ceasn:Competency"))
    }

    fn framework(&self, framework: &'g Node<'g>) -> Result<Framework, Vec<Issue>> {
        let mut issues = Vec::new();
        let title = text(framework.object, "ceasn:name");
        if title.is_none() {
            issues.push(Issue {
                path: framework.path(),
                kind: ProblemKind::MissingField,
                message: format!(
                    "ceasn:CompetencyFramework '{}' lacks its `ceasn:name`",
                    framework.id
                ),
                first: None,
            });
        }
        let title = title.unwrap_or_default();
        self.top_children_held(framework, &mut issues);
        let top_named = refs(framework.object, "ceasn:hasTopChild");
        let (members, seen) = self.members(framework, &top_named);
        let (parent, extra) = self.parents(&members, &seen);
        let children = self.children(&members, &parent);
        let mut in_top = HashSet::new();
        let top: Vec<&str> = top_named
            .into_iter()
            .chain(members.iter().copied())
            .filter(|id| seen.contains(id) && !parent.contains_key(id) && in_top.insert(*id))
            .collect();
        self.check_places(&members, &top, &children, &parent, &mut issues);
        if !issues.is_empty() {
            return Err(issues);
        }
        let ids = self.ids(&members);
        let build = Build { pool: self, ids: &ids, children: &children, extra: &extra };
        let categories = self.categories(&top, &build, &title);
        Ok(self.model(framework, title, categories))
    }

    /// Every top child the framework names is a competency of a file loaded.
    fn top_children_held(&self, framework: &'g Node<'g>, issues: &mut Vec<Issue>) {
        for (i, named) in refs(framework.object, "ceasn:hasTopChild").into_iter().enumerate() {
            if self.competency(named).is_none() {
                issues.push(Issue {
                    path: framework.path().then("ceasn:hasTopChild").then(i),
                    kind: ProblemKind::Hierarchy,
                    message: format!(
                        "ceasn:hasTopChild names competency '{named}', which no file loaded holds: \
                         load the file of its competencies with it"
                    ),
                    first: None,
                });
            }
        }
    }

    /// The framework's members: named from the framework, or naming it; then down every
    /// hasChild and isChildOf, each once; in the order met, and as a set.
    fn members(
        &self,
        framework: &'g Node<'g>,
        top_named: &[&'g str],
    ) -> (Vec<&'g str>, HashSet<&'g str>) {
        let mut members: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack: Vec<&str> = top_named
            .iter()
            .copied()
            .chain(self.part_of.get(framework.id).into_iter().flatten().copied())
            .collect();
        stack.reverse();
        while let Some(id) = stack.pop() {
            let Some(node) = self.competency(id) else { continue };
            if !seen.insert(node.id) {
                continue;
            }
            members.push(node.id);
            let below = refs(node.object, "ceasn:hasChild");
            stack.extend(below.into_iter().rev());
            stack.extend(self.child_of.get(node.id).into_iter().flatten().rev().copied());
        }
        (members, seen)
    }

    /// Each member's one parent (its first isChildOf, else the first that lists it as a
    /// child), and the parents after the first.
    #[allow(clippy::type_complexity)]
    fn parents(
        &self,
        members: &[&'g str],
        seen: &HashSet<&'g str>,
    ) -> (HashMap<&'g str, &'g str>, HashMap<&'g str, Vec<&'g str>>) {
        let mut parent: HashMap<&str, &str> = HashMap::new();
        let mut extra: HashMap<&str, Vec<&str>> = HashMap::new();
        for &id in members {
            for p in refs(self.by_id[id].object, "ceasn:isChildOf") {
                if seen.contains(p) && p != id {
                    if parent.contains_key(id) {
                        extra.entry(id).or_default().push(p);
                    } else {
                        parent.insert(id, p);
                    }
                }
            }
        }
        for &id in members {
            for child in refs(self.by_id[id].object, "ceasn:hasChild") {
                if seen.contains(child) && child != id && !parent.contains_key(child) {
                    parent.insert(child, id);
                }
            }
        }
        (parent, extra)
    }

    /// Each parent's children in order: its hasChild order first, then those that name it,
    /// each once.
    fn children(
        &self,
        members: &[&'g str],
        parent: &HashMap<&'g str, &'g str>,
    ) -> HashMap<&'g str, Vec<&'g str>> {
        let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
        for &id in members {
            let listed = refs(self.by_id[id].object, "ceasn:hasChild");
            let naming = self.child_of.get(id).into_iter().flatten().copied();
            let mut once = HashSet::new();
            let mine: Vec<&str> = listed
                .into_iter()
                .chain(naming)
                .filter(|c| parent.get(c) == Some(&id) && once.insert(*c))
                .collect();
            if !mine.is_empty() {
                children.insert(id, mine);
            }
        }
        children
    }

    /// Every member placed from the top, each once, no deeper than peercomp reads (what is not
    /// reached hangs from a cycle), and with its text.
    fn check_places(
        &self,
        members: &[&'g str],
        top: &[&'g str],
        children: &HashMap<&'g str, Vec<&'g str>>,
        parent: &HashMap<&'g str, &'g str>,
        issues: &mut Vec<Issue>,
    ) {
        let (placed, too_deep) = tree::walk(top, children, MAX_SUBITEM_DEPTH + 1);
        for (id, depth) in too_deep {
            issues.push(Issue {
                path: self.by_id[id].path(),
                kind: ProblemKind::Hierarchy,
                message: format!(
                    "competency '{id}' is nested {} levels of sub-items deep: peercomp reads at most {MAX_SUBITEM_DEPTH}",
                    depth - 1
                ),
                first: None,
            });
        }
        // What was not reached is in a cycle, or hangs from one, or from a competency too deep
        // (named already). Each cycle is named once.
        let parent_of = |at: &str| parent.get(at).copied();
        for cycle in tree::cycles(members.iter().copied(), parent_of, placed) {
            let names: Vec<String> =
                cycle.iter().chain(&cycle[..1]).map(|c| format!("'{c}'")).collect();
            issues.push(Issue {
                path: self.by_id[cycle[0]].path().then("ceasn:isChildOf"),
                kind: ProblemKind::Hierarchy,
                message: format!(
                    "a cycle of competencies: {} (each the child of the next, by isChildOf or \
                     hasChild), reached from no top child",
                    names.join(" -> ")
                ),
                first: None,
            });
        }
        for &id in members {
            if text(self.by_id[id].object, "ceasn:competencyText").is_none() {
                issues.push(Issue {
                    path: self.by_id[id].path(),
                    kind: ProblemKind::MissingField,
                    message: format!("competency '{id}' lacks its `ceasn:competencyText`"),
                    first: None,
                });
            }
        }
    }

    /// Ids: the coded notation where it is free, else the @id.
    fn ids(&self, members: &[&'g str]) -> HashMap<&'g str, String> {
        let mut ids: HashMap<&str, String> = HashMap::new();
        let mut taken: HashSet<String> = HashSet::new();
        for &id in members {
            let code = text(self.by_id[id].object, "ceasn:codedNotation");
            let chosen = match code {
                Some(code) if !taken.contains(&code) && !code.contains(char::is_whitespace) => code,
                _ => id.to_owned(),
            };
            taken.insert(chosen.clone());
            ids.insert(id, chosen);
        }
        ids
    }

    /// Top-level competencies: categories where they have children or say so, else entries of
    /// a category named after the framework.
    fn categories(&self, top: &[&'g str], build: &Build<'_, '_, 'g>, title: &str) -> Vec<Category> {
        let is_category = |id: &str| {
            build.children.contains_key(id)
                || text(self.by_id[id].object, "ceasn:competencyCategory").as_deref()
                    == Some("Category")
        };
        let mut categories: Vec<Category> = Vec::new();
        let mut loose: Option<usize> = None;
        for &id in top {
            let node = self.by_id[id];
            if is_category(id) {
                let comments = node.object.get("ceasn:comment").map(texts_of).unwrap_or_default();
                categories.push(Category {
                    id: build.ids[id].clone(),
                    title: text(node.object, "ceasn:competencyText").unwrap_or_default(),
                    line: line(node.object),
                    description: comments.first().cloned(),
                    as_written: text(node.object, "peercomp:as_written"),
                    notes: comments.into_iter().skip(1).collect(),
                    entries: build.children_of(id, 0),
                    gathered: false,
                    case: None,
                });
            } else {
                let at = *loose.get_or_insert_with(|| {
                    let note = "The framework's own top-level competencies, outside any category.";
                    categories.push(Category::gathered(title, note));
                    categories.len() - 1
                });
                categories[at].entries.push(build.entry(id, 0));
            }
        }
        categories
    }

    /// The framework of a ceasn:CompetencyFramework, its categories, and the schemes they use.
    fn model(
        &self,
        framework: &'g Node<'g>,
        title: String,
        categories: Vec<Category>,
    ) -> Framework {
        let publisher = text(framework.object, "ceasn:publisherName")
            .or_else(|| refs(framework.object, "ceasn:publisher").first().map(|s| (*s).to_owned()))
            .or_else(|| refs(framework.object, "ceasn:creator").first().map(|s| (*s).to_owned()));
        let used: HashSet<&str> = categories
            .iter()
            .flat_map(|c| c.walk())
            .flat_map(|(e, _)| e.tags.iter().map(|t| t.tag.scheme.as_str()))
            .collect();
        let schemes = self
            .concepts
            .schemes
            .iter()
            .filter(|s| used.contains(s.id.as_str()))
            .cloned()
            .collect();
        Framework {
            id: text(framework.object, "peercomp:framework")
                .unwrap_or_else(|| crate::formats::case::read::slug(&title)),
            title: title.clone(),
            source: Some(Source {
                title: title.clone(),
                publisher,
                date: text(framework.object, "ceasn:dateCreated"),
                document: Some(registry_iri(framework.id, framework.object)),
            }),
            line: None,
            description: text(framework.object, "ceasn:description"),
            notes: vec![],
            schemes,
            categories,
            case: None,
        }
    }
}

/// A node's identifier as the registry has it: a bare `@id` (the registry's seed files have
/// them) becomes the resource IRI of the node's CTID, which is what a reference takes; any other
/// is kept.
fn registry_iri(id: &str, object: &Object) -> String {
    let ctid = object.get("ceterms:ctid").and_then(Json::as_str).filter(|c| c.starts_with("ce-"));
    match ctid {
        Some(ctid) if !id.contains(':') => format!("{}{ctid}", super::write::RESOURCES),
        _ => id.to_owned(),
    }
}

/// Builds entries depth first, in order: recursion bounded by the checked depth.
struct Build<'b, 'p, 'g> {
    pool: &'b Pool<'p, 'g>,
    ids: &'b HashMap<&'g str, String>,
    children: &'b HashMap<&'g str, Vec<&'g str>>,
    /// Each competency's parents after its first.
    extra: &'b HashMap<&'g str, Vec<&'g str>>,
}

impl Build<'_, '_, '_> {
    fn children_of(&self, id: &str, depth: usize) -> Vec<Entry> {
        if depth > MAX_SUBITEM_DEPTH {
            return vec![];
        }
        self.children.get(id).into_iter().flatten().map(|c| self.entry(c, depth + 1)).collect()
    }

    fn entry(&self, id: &str, depth: usize) -> Entry {
        let object = self.pool.by_id[id].object;
        let entry_id = self.ids[id].clone();
        let code = text(object, "ceasn:codedNotation").filter(|c| *c != entry_id);
        let mut relations: Vec<Relation> = Vec::new();
        for parent in self.extra.get(id).into_iter().flatten() {
            let target = self.ids.get(parent).cloned().unwrap_or_else(|| (*parent).to_owned());
            relations.push(Relation {
                kind: "isChildOf".into(),
                target,
                identifier: None,
                case: None,
            });
        }
        for kind in ALIGNMENTS {
            for far in refs(object, &format!("ceasn:{kind}")) {
                let (target, identifier) = match self.ids.get(far) {
                    Some(id) => (id.clone(), None),
                    None => (far.to_owned(), Some(far.to_owned())),
                };
                relations.push(Relation { kind: kind.into(), target, identifier, case: None });
            }
        }
        EntryFields {
            id: entry_id.into(),
            line: line(object),
            title: text(object, "ceasn:competencyLabel"),
            text: text(object, "ceasn:competencyText").unwrap_or_default(),
            as_written: text(object, "peercomp:as_written"),
            tags: self.tags(object),
            notes: object.get("ceasn:comment").map(texts_of).unwrap_or_default(),
            subitems: self.children_of(id, depth),
            item_type: text(object, "ceasn:competencyCategory"),
            code,
            relations,
            identifier: Some(registry_iri(id, object)),
            case: None,
        }
        .into()
    }

    /// Its tags: the concepts it names, with what peercomp's extension says of them.
    fn tags(&self, object: &Object) -> Tags {
        let said: Vec<&Json> =
            object.get("peercomp:tags").and_then(Json::as_array).into_iter().flatten().collect();
        refs(object, "ceasn:conceptTerm")
            .into_iter()
            .filter_map(|concept| self.pool.concepts.tag_of.get(concept))
            .map(|tag| {
                // Its keys in peercomp's terms, or bare, as peercomp wrote them before.
                let field = |e: &&Json, key: &str| {
                    e.get(&format!("peercomp:{key}")).or_else(|| e.get(key)).cloned()
                };
                let extension = said.iter().find(|s| {
                    field(s, "tag").as_ref().and_then(Json::as_str) == Some(&tag.to_string())
                });
                shared(Tag {
                    tag: tag.clone(),
                    as_written: extension
                        .and_then(|e| field(e, "as_written"))
                        .and_then(|v| v.as_str().map(str::to_owned)),
                    inferred: extension
                        .and_then(|e| field(e, "inferred"))
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false),
                })
            })
            .collect()
    }
}
