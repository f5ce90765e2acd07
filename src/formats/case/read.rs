//! Reading CASE 1.1 packages (one, or a JSON array of them, as `export --to case` writes).
//!
//! Items become entries; `isChildOf` associations (origin = child) build the hierarchy in
//! `sequenceNumber` order. The document's top-level items with children of their own, or typed
//! `Category`, become categories; its top-level leaves are gathered in a category named after the
//! document. An entry's id is its `humanCodingScheme` where it has one (and it is not taken),
//! else its identifier; `CFItemType` and `humanCodingScheme` are kept. Associations to the items
//! of a tag-scheme package (peercomp's own export) become tags again; other associations become
//! relations. Packages need not be schema-valid: extra fields are ignored, and a missing required
//! field is reported where it is missing.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::model::compact::{self, Json, Object};

use crate::formats::{FieldPath, Issue, Seg};
use crate::formats::{Problem, ProblemKind, located, tree};

use crate::model::{
    CaseDocument, CaseItem, Category, Entry, EntryFields, Framework, JsonObject, Relation, Scheme,
    Source, Tag, TagRef, Tags, shared,
};

/// Whether a JSON text is a CASE package (or an array of them) rather than a framework file:
/// by its structure, a top-level object with a `CFDocument` field (or an array whose first
/// object has one), not by the word anywhere in it, which any text of a framework may hold.
pub(crate) fn is_case(text: &str) -> bool {
    // The word must be there at all before the structure is worth reading. A CASE server's API
    // returns the package wrapped, as `CFPackage`.
    text.contains("\"CFDocument\"")
        && crate::formats::probe::first_node_has(text, &["CFDocument"], Some("CFPackage"))
}

/// Where a CASE file holds only tag-scheme packages (`export --to case -o DIR/` writes one per
/// scheme beside the framework's): the id of the framework they belong to, which the
/// framework's own package names its schemes for; or why they belong to none. None for any other
/// file.
pub(crate) fn schemes_only(text: &str, origin: &str) -> Option<Result<String, Problem>> {
    if !text.contains("\"Tag scheme\"") {
        return None;
    }
    let root: Json = compact::from_str(text).ok()?;
    let packages = packages(&root);
    let documents: Vec<&Object> =
        packages.iter().filter_map(|(_, p)| p.get("CFDocument")?.as_object()).collect();
    if documents.is_empty()
        || documents.len() < packages.len()
        || !documents.iter().all(|d| is_scheme(d))
    {
        return None;
    }
    let framework = documents[0]
        .get("extensions")
        .and_then(|e| e.get("peercomp"))
        .and_then(|e| e.get("framework"))
        .and_then(Json::as_str);
    Some(framework.map(str::to_owned).ok_or_else(|| {
        Problem::new(
            origin,
            ProblemKind::MissingField,
            "holds only tag-scheme packages, which name no framework \
             (CFDocument.extensions.peercomp.framework): read them with the framework's package",
        )
    }))
}

struct Item<'v> {
    value: &'v Object,
    identifier: &'v str,
    /// Where it stands in the file.
    path: FieldPath,
}

/// A required field missing at a path in the package file.
fn missing_field(path: FieldPath, message: impl Into<String>) -> Issue {
    Issue { path, kind: ProblemKind::MissingField, message: message.into(), first: None }
}

fn str_field<'v>(object: &'v Object, key: &str) -> Option<&'v str> {
    object.get(key).and_then(Json::as_str).filter(|s| !s.trim().is_empty())
}

/// A package's path in the file, the package, and its CFDocument.
type Document<'v> = (&'v FieldPath, &'v Object, &'v Object);

/// An association's path in the file, and the association.
type Association<'v> = (FieldPath, &'v Object);

pub(crate) fn framework(text: &str, origin: &str) -> Result<Framework, Vec<Problem>> {
    let root: Json =
        compact::from_str(text).map_err(|e| vec![located::json_problem(origin, &e)])?;
    let mut missing = Vec::new();
    let packages = packages(&root);
    let documents = documents(&packages, &mut missing);
    let mut frameworks = documents.iter().filter(|(_, _, d)| !is_scheme(d));
    let Some(&(main_path, main, document)) = frameworks.next() else {
        return Err(place(text, origin, missing, "a CASE package needs a CFDocument"));
    };
    if let Some(&(second, _, _)) = frameworks.next() {
        // Each would be a framework; peercomp reads one per file, and drops none unsaid.
        let count = 2 + frameworks.count();
        let message = format!(
            "{count} framework packages in one file (this is the second): peercomp reads one \
             framework per file; put each package in a file of its own"
        );
        let issue =
            Issue { path: second.clone(), kind: ProblemKind::WrongType, message, first: None };
        return Err(located::place(text, origin, vec![issue]));
    }
    for key in ["identifier", "title"] {
        if str_field(document, key).is_none() {
            let message = format!("the CFDocument lacks its required `{key}`");
            missing.push(missing_field(main_path.then("CFDocument"), message));
        }
    }
    let (schemes, tag_of) = tag_schemes(&documents, document);
    // A list the package gives as anything else would read as empty: said instead.
    for key in ["CFItems", "CFAssociations"] {
        if main.get(key).is_some_and(|v| !v.is_array() && !v.is_null()) {
            let message =
                format!("`{key}` is not a list: CASE gives a package's {key} as a JSON array");
            missing.push(Issue {
                path: main_path.then(key),
                kind: ProblemKind::WrongType,
                message,
                first: None,
            });
        }
    }
    let items = items(main_path, main, &mut missing);
    if !missing.is_empty() {
        return Err(place(text, origin, missing, ""));
    }
    let document_id = str_field(document, "identifier").unwrap_or_default();
    let associations: Vec<Association> = main
        .get("CFAssociations")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(n, a)| a.as_object().map(|a| (main_path.then("CFAssociations").then(n), a)))
        .collect();
    let tree = Hierarchy::new(&items, document_id, &associations);
    if !tree.problems.is_empty() {
        return Err(located::place(text, origin, tree.problems));
    }
    // What the model does not say is kept to be written back, but for peercomp's own exports,
    // which it says all of.
    let keep = document.get("extensions").and_then(|e| e.get("peercomp")).is_none();
    let ids = ids(&items);
    let links = Links::of(&tree, &associations, &ids, &tag_of, keep);
    let Hierarchy { by_id, children, placed_by, top, .. } = tree;
    let Links { tags, relations, carried } = links;
    let case_item = |identifier: &str| {
        keep.then(|| {
            Box::new(CaseItem {
                item: by_id[identifier].value.clone(),
                placed_by: placed_by.get(identifier).map(|&n| associations[n].1.clone()),
            })
        })
    };
    let mut build = Builder {
        by_id: &by_id,
        children: &children,
        ids: &ids,
        tags,
        relations,
        case_item: &case_item,
        own: !keep,
    };
    let title = str_field(document, "title").unwrap_or("CASE framework");
    let categories = categories(&top, &mut build, title);
    // A category's links have no place in the model; nor have those of an item outside the
    // document: they are kept beside it, in file order.
    let case = keep.then(|| {
        let beside: Vec<JsonObject> = associations
            .iter()
            .zip(&carried)
            .filter(|(_, c)| match c {
                Carried::Not => true,
                Carried::Place => false,
                Carried::Link(item) => build.relations.contains_key(item),
            })
            .map(|((_, a), _)| (*a).clone())
            .collect();
        kept_document(main, document, beside)
    });
    Ok(model(document, title, schemes, categories, case))
}

/// The packages of a file: one, or each of an array, unwrapped from `{"CFPackage": ...}`.
fn packages(root: &Json) -> Vec<(FieldPath, &Object)> {
    match root {
        Json::Array(list) => list
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.as_object().map(|o| unwrap(FieldPath(vec![Seg::Index(i)]), o)))
            .collect(),
        Json::Object(object) => vec![unwrap(FieldPath::default(), object)],
        _ => vec![],
    }
}

/// Each package with its CFDocument; a package without one is missing it.
fn documents<'v>(
    packages: &'v [(FieldPath, &'v Object)],
    missing: &mut Vec<Issue>,
) -> Vec<Document<'v>> {
    let mut documents = Vec::new();
    for (path, package) in packages {
        match package.get("CFDocument").and_then(Json::as_object) {
            Some(document) => documents.push((path, *package, document)),
            None => missing.push(missing_field(path.clone(), "a package without its CFDocument")),
        }
    }
    documents
}

/// Whether a CFDocument is a tag scheme's (peercomp's own export); the framework's package is
/// the first that is not.
fn is_scheme(document: &Object) -> bool {
    document.get("frameworkType").and_then(Json::as_str) == Some("Tag scheme")
}

/// Tag schemes: those the framework's document names in peercomp's extension (its own exports
/// say them whole), and those of the scheme packages beside it, whose items' humanCodingScheme
/// is the tag; and the tag of each of their items, by its identifier.
fn tag_schemes(
    documents: &[Document<'_>],
    framework: &Object,
) -> (Vec<Scheme>, HashMap<String, TagRef>) {
    let extension = framework.get("extensions").and_then(|e| e.get("peercomp"));
    let mut schemes: Vec<Scheme> =
        extension.and_then(|e| e.get("schemes")).and_then(Json::to).unwrap_or_default();
    let said: HashSet<String> = schemes.iter().map(|s| s.id.clone()).collect();
    let mut tag_of: HashMap<String, TagRef> = HashMap::new();
    let framework_id = extension.and_then(|e| e.get("framework")).and_then(Json::as_str);
    if let Some(id) = framework_id {
        for scheme in &schemes {
            for tag in scheme.tags() {
                tag_of.insert(super::write::code_identifier(id, Some(scheme), &tag), tag);
            }
        }
    }
    for (_, package, scheme_document) in documents.iter().filter(|(_, _, d)| is_scheme(d)) {
        for item in package
            .get("CFItems")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(Json::as_object)
        {
            let (Some(identifier), Some(Ok(tag))) = (
                str_field(item, "identifier"),
                str_field(item, "humanCodingScheme").map(str::parse::<TagRef>),
            ) else {
                continue;
            };
            let label = str_field(item, "fullStatement").unwrap_or_default().to_owned();
            let scheme = match schemes.iter_mut().find(|s| s.id == tag.scheme) {
                Some(scheme) => scheme,
                None => {
                    let label = str_field(scheme_document, "title").unwrap_or(&tag.scheme);
                    let mut scheme =
                        Scheme::new(tag.scheme.as_str(), tag.scheme.to_uppercase(), label);
                    scheme.citation = str_field(scheme_document, "description").map(str::to_owned);
                    schemes.push(scheme);
                    schemes.last_mut().expect("just pushed")
                }
            };
            // What the framework's document says of its schemes stands.
            if !said.contains(tag.scheme.as_str()) || scheme.tag_label(&tag).is_none() {
                scheme.define(tag.code.as_deref(), label);
            }
            // An identifier other than peercomp's is kept, so that links to it survive.
            let peercomps = framework_id.map(|id| super::write::Names(id).code(&tag).to_string());
            if peercomps.as_deref() != Some(identifier) {
                scheme.keep_identifier(&tag, identifier);
            }
            tag_of.insert(identifier.to_owned(), tag);
        }
    }
    (schemes, tag_of)
}

/// The framework package's items; one without its identifier or statement is missing it.
fn items<'v>(main_path: &FieldPath, main: &'v Object, missing: &mut Vec<Issue>) -> Vec<Item<'v>> {
    let mut items: Vec<Item> = Vec::new();
    for (i, value) in main.get("CFItems").and_then(Json::as_array).into_iter().flatten().enumerate()
    {
        let path = main_path.then("CFItems").then(i);
        let Some(object) = value.as_object() else { continue };
        match str_field(object, "identifier") {
            None => missing.push(missing_field(path, "a CFItem without its required `identifier`")),
            Some(identifier) => {
                if str_field(object, "fullStatement").is_none() {
                    let message = format!("CFItem {identifier} lacks its required `fullStatement`");
                    missing.push(missing_field(path.clone(), message));
                }
                let path = path.clone();
                items.push(Item { value: object, identifier, path });
            }
        }
    }
    items
}

/// Each item's id: its humanCodingScheme where it is free, else its identifier. A code is free
/// where no item before it took it and it is no other item's identifier (identifiers are unique,
/// so ids never collide: an item coded as another's identifier was once refused as a duplicate).
fn ids<'v>(items: &[Item<'v>]) -> HashMap<&'v str, String> {
    let identifiers: HashSet<&str> = items.iter().map(|i| i.identifier).collect();
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut taken: HashSet<&str> = HashSet::new();
    for item in items {
        let code = str_field(item.value, "humanCodingScheme");
        let id = match code {
            Some(code)
                if (code == item.identifier || !identifiers.contains(code))
                    && taken.insert(code) =>
            {
                code
            }
            _ => item.identifier,
        };
        ids.insert(item.identifier, id.to_owned());
    }
    ids
}

/// The associations that are not places: the items' tags and relations, and what carries each
/// association.
struct Links<'v> {
    tags: HashMap<&'v str, Tags>,
    relations: HashMap<&'v str, Vec<Relation>>,
    carried: Vec<Carried<'v>>,
}

impl<'v> Links<'v> {
    fn of(
        tree: &Hierarchy<'v>,
        associations: &[Association<'v>],
        ids: &HashMap<&str, String>,
        tag_of: &HashMap<String, TagRef>,
        keep: bool,
    ) -> Self {
        let mut links = Links {
            tags: HashMap::new(),
            relations: HashMap::new(),
            carried: vec![Carried::Not; associations.len()],
        };
        for &n in tree.placed_by.values() {
            links.carried[n] = Carried::Place;
        }
        let kept = |n: usize| keep.then(|| Box::new(associations[n].1.clone()));
        // A second parent is kept as a link, so that nothing is lost and nothing copied.
        for &(child, parent, n) in &tree.extra_parents {
            let target = ids.get(parent).cloned().unwrap_or_else(|| parent.to_owned());
            let kind = "isChildOf".to_owned();
            links.carried[n] = Carried::Link(child);
            let relation = Relation { kind, target, identifier: None, case: kept(n) };
            links.relations.entry(child).or_default().push(relation);
        }
        for (n, (_, a)) in associations.iter().enumerate() {
            let kind = a.get("associationType").and_then(Json::as_str).unwrap_or_default();
            if kind == "isChildOf" {
                continue;
            }
            let (Some(origin_id), Some(target)) =
                (end(a, "originNodeURI"), end(a, "destinationNodeURI"))
            else {
                continue;
            };
            let Some(item) = tree.by_id.get(origin_id.as_str()) else { continue };
            links.carried[n] = Carried::Link(item.identifier);
            match tag_of.get(target.as_str()) {
                Some(tag) => {
                    let tag = tag_of_association(a, tag);
                    links.tags.entry(item.identifier).or_default().push(shared(tag));
                }
                None => {
                    let relation = relation(a, kind, target, ids, kept(n));
                    links.relations.entry(item.identifier).or_default().push(relation);
                }
            }
        }
        links
    }
}

/// An association to a tag scheme's item, as a tag: peercomp's own exports say more of a tag in
/// their extension; never in the notes, which are free text.
fn tag_of_association(a: &Object, tag: &TagRef) -> Tag {
    let extension = a.get("extensions").and_then(|e| e.get("peercomp"));
    let as_written =
        extension.and_then(|e| e.get("as_written")).and_then(Json::as_str).map(str::to_owned);
    let inferred =
        extension.and_then(|e| e.get("inferred")).and_then(Json::as_bool).unwrap_or(false);
    Tag { tag: tag.clone(), as_written, inferred }
}

/// Any other association, as a relation. Outside the document, the far end keeps its
/// identifier, by which an entry of another framework loaded is found.
fn relation(
    a: &Object,
    kind: &str,
    target: String,
    ids: &HashMap<&str, String>,
    case: Option<Box<JsonObject>>,
) -> Relation {
    let title = a.get("destinationNodeURI").and_then(|d| d.get("title")).and_then(Json::as_str);
    let (target, identifier) = match ids.get(target.as_str()) {
        Some(id) => (id.clone(), None),
        None => (title.map(str::to_owned).unwrap_or_else(|| target.clone()), Some(target)),
    };
    Relation { kind: kind.to_owned(), target, identifier, case }
}

/// Top-level items: categories where they have children or say so, else entries of a category
/// named after the document.
fn categories(top: &[&str], build: &mut Builder<'_, '_>, title: &str) -> Vec<Category> {
    let mut categories: Vec<Category> = Vec::new();
    let mut loose: Option<usize> = None;
    for &identifier in top {
        let item = build.by_id[identifier];
        let is_category = build.children.contains_key(identifier)
            || item.value.get("CFItemType").and_then(Json::as_str) == Some("Category");
        if is_category {
            categories.push(Category {
                id: build.ids[identifier].clone(),
                title: str_field(item.value, "fullStatement").unwrap_or_default().to_owned(),
                line: None,
                description: str_field(item.value, "notes").map(str::to_owned),
                as_written: None,
                notes: vec![],
                entries: build.children_of(identifier, 0),
                gathered: false,
                case: (build.case_item)(identifier),
            });
        } else {
            let at = *loose.get_or_insert_with(|| {
                let note = "The document's own items, outside any category.";
                categories.push(Category::gathered(title, note));
                categories.len() - 1
            });
            let entry = build.entry(identifier, 0);
            categories[at].entries.push(entry);
        }
    }
    categories
}

/// What the model does not hold of the package, kept to be written back.
fn kept_document(
    main: &Object,
    document: &Object,
    associations: Vec<JsonObject>,
) -> Box<CaseDocument> {
    let lists = ["CFDocument", "CFItems", "CFAssociations", "CFDefinitions"];
    Box::new(CaseDocument {
        package: main
            .iter()
            .filter(|(k, _)| !lists.contains(k))
            .map(|(k, v)| (k, v.clone()))
            .collect(),
        document: document.clone(),
        definitions: main.get("CFDefinitions").map(Json::to_value),
        associations,
    })
}

/// The framework of a CFDocument, its schemes and categories.
fn model(
    document: &Object,
    title: &str,
    schemes: Vec<Scheme>,
    categories: Vec<Category>,
    case: Option<Box<CaseDocument>>,
) -> Framework {
    let extension = document.get("extensions").and_then(|e| e.get("peercomp"));
    let id = extension
        .and_then(|e| e.get("framework"))
        .and_then(Json::as_str)
        .map_or_else(|| slug(title), str::to_owned);
    // peercomp's own export carries its source whole.
    let own_source =
        extension.and_then(|e| e.get("source")).and_then(Json::to::<Option<Source>>).flatten();
    Framework {
        id,
        title: title.to_owned(),
        source: own_source.or_else(|| {
            Some(Source {
                title: title.to_owned(),
                publisher: str_field(document, "publisher")
                    .or(str_field(document, "creator"))
                    .map(str::to_owned),
                // The date the export is written with again.
                date: str_field(document, "lastChangeDateTime").map(str::to_owned),
                document: str_field(document, "uri").map(str::to_owned),
            })
        }),
        line: None,
        description: str_field(document, "description").map(str::to_owned),
        notes: vec![],
        schemes,
        categories,
        case,
    }
}

/// What in the model carries an association.
#[derive(Clone, Copy)]
enum Carried<'v> {
    /// Nothing: it is kept beside the document.
    Not,
    /// An item's place in the hierarchy.
    Place,
    /// A link (or a tag) of this item: an entry's, unless the item is a category's.
    Link(&'v str),
}

/// A package, or the package inside `{"CFPackage": {...}}` as a CASE server's API returns it.
fn unwrap(path: FieldPath, object: &Object) -> (FieldPath, &Object) {
    match object.get("CFPackage").and_then(Json::as_object) {
        Some(package) if !object.contains_key("CFDocument") => (path.then("CFPackage"), package),
        _ => (path, object),
    }
}

/// The far end of an association: its node's identifier (or the node given as a string).
fn end(a: &Object, key: &str) -> Option<String> {
    let node = a.get(key)?;
    node.get("identifier")
        .and_then(Json::as_str)
        .map(str::to_owned)
        .or_else(|| node.as_str().map(str::to_owned))
}

/// The most sub-items may nest under an item: what a framework file can hold (the YAML reader's
/// depth limit), so that peercomp never reads a framework it could not write and read back.
pub(crate) const MAX_SUBITEM_DEPTH: usize = crate::model::MAX_SUBITEM_DEPTH;

/// The items' places: each item's one parent, found from `isChildOf` associations without
/// recursion; every item placed or named in a problem.
struct Hierarchy<'v> {
    by_id: HashMap<&'v str, &'v Item<'v>>,
    /// Parent (an item, or the document) -> children in sequence order.
    children: HashMap<&'v str, Vec<&'v str>>,
    /// (child, parent, association) for every parent after an item's first.
    extra_parents: Vec<(&'v str, &'v str, usize)>,
    /// Each placed item's `isChildOf` association, by its index.
    placed_by: HashMap<&'v str, usize>,
    /// The top-level items: the document's children in sequence order, then items with no
    /// parent at all, in file order.
    top: Vec<&'v str>,
    problems: Vec<Issue>,
}

impl<'v> Hierarchy<'v> {
    fn new(
        items: &'v [Item<'v>],
        document_id: &'v str,
        associations: &'v [(FieldPath, &'v Object)],
    ) -> Self {
        let mut problems = Vec::new();
        let by_id = by_identifier(items, document_id, &mut problems);
        let (parent_of, extra_parents) = parents(associations, &by_id, document_id, &mut problems);
        let mut ordered: HashMap<&str, Vec<(i64, usize, &str)>> = HashMap::new();
        for (&child, &(parent, sequence, n, _)) in &parent_of {
            ordered.entry(parent).or_default().push((sequence, n, child));
        }
        let children: HashMap<&str, Vec<&str>> = ordered
            .into_iter()
            .map(|(parent, mut list)| {
                list.sort_unstable();
                (parent, list.into_iter().map(|(_, _, child)| child).collect())
            })
            .collect();
        let mut top: Vec<&str> = children.get(document_id).cloned().unwrap_or_default();
        top.extend(items.iter().map(|i| i.identifier).filter(|i| !parent_of.contains_key(i)));

        // Walk down from the top with a stack: depth known for each item, none visited twice.
        // A top-level item with children becomes a category (depth 0), its children items
        // (depth 1), theirs sub-items.
        let (placed, too_deep) = tree::walk(&top, &children, MAX_SUBITEM_DEPTH + 1);
        for (id, depth) in too_deep {
            problems.push(Issue {
                path: by_id[id].path.clone(),
                kind: ProblemKind::Hierarchy,
                message: format!(
                    "CFItem '{id}' is nested {} levels of sub-items deep: peercomp reads at most \
                     {MAX_SUBITEM_DEPTH}",
                    depth - 1
                ),
                first: None,
            });
        }
        // What was not reached is in a cycle, or hangs from one, or from an item too deep (named
        // already). Each cycle is named once, where its first link is written.
        let ids = items.iter().map(|i| i.identifier);
        for cycle in tree::cycles(ids, |at| parent_of.get(at).map(|p| p.0), placed) {
            let names: Vec<String> =
                cycle.iter().chain(&cycle[..1]).map(|c| format!("'{c}'")).collect();
            problems.push(Issue {
                path: parent_of[cycle[0]].3.clone(),
                kind: ProblemKind::Hierarchy,
                message: format!(
                    "an isChildOf cycle: {} (each the child of the next), reached from \
                     neither the document nor an item placed",
                    names.join(" -> ")
                ),
                first: None,
            });
        }
        let placed_by = parent_of.iter().map(|(&child, &(_, _, n, _))| (child, n)).collect();
        Hierarchy { by_id, children, extra_parents, placed_by, top, problems }
    }
}

/// The items by identifier; an identifier used twice, or the document's own, is a problem.
fn by_identifier<'v>(
    items: &'v [Item<'v>],
    document_id: &str,
    problems: &mut Vec<Issue>,
) -> HashMap<&'v str, &'v Item<'v>> {
    let mut by_id: HashMap<&str, &Item> = HashMap::new();
    for item in items {
        if item.identifier == document_id {
            problems.push(Issue {
                path: item.path.then("identifier"),
                kind: ProblemKind::DuplicateId,
                message: format!(
                    "CFItem identifier '{}' is the CFDocument's own identifier",
                    item.identifier
                ),
                first: None,
            });
        } else if let Some(first) = by_id.get(item.identifier) {
            problems.push(Issue {
                path: item.path.then("identifier"),
                kind: ProblemKind::DuplicateId,
                message: format!("CFItem identifier '{}' is used twice", item.identifier),
                first: Some(first.path.then("identifier")),
            });
        } else {
            by_id.insert(item.identifier, item);
        }
    }
    by_id
}

/// An item's parent, sequence, association and its path, by the item.
type ParentOf<'v> = HashMap<&'v str, (&'v str, i64, usize, &'v FieldPath)>;

/// Each item's parent: the first isChildOf that names one; and (child, parent, association)
/// for every parent after an item's first.
#[allow(clippy::type_complexity)]
fn parents<'v>(
    associations: &'v [(FieldPath, &'v Object)],
    by_id: &HashMap<&'v str, &'v Item<'v>>,
    document_id: &'v str,
    problems: &mut Vec<Issue>,
) -> (ParentOf<'v>, Vec<(&'v str, &'v str, usize)>) {
    // Each item's parent: the first isChildOf that names one.
    let mut parent_of: HashMap<&str, (&str, i64, usize, &FieldPath)> = HashMap::new();
    let mut extra_parents = Vec::new();
    for (n, (path, a)) in associations.iter().enumerate() {
        if a.get("associationType").and_then(Json::as_str) != Some("isChildOf") {
            continue;
        }
        let (Some(child), Some(parent)) = (end(a, "originNodeURI"), end(a, "destinationNodeURI"))
        else {
            continue;
        };
        let Some(&item) = by_id.get(child.as_str()) else { continue };
        let hierarchy = |message: String| Issue {
            path: path.clone(),
            kind: ProblemKind::Hierarchy,
            message,
            first: None,
        };
        if child == parent {
            problems.push(hierarchy(format!("CFItem '{child}' is its own parent (isChildOf)")));
            continue;
        }
        let parent: &str = match by_id.get_key_value(parent.as_str()) {
            Some((&key, _)) => key,
            None if parent == document_id => document_id,
            None => {
                problems.push(hierarchy(format!(
                    "the parent of CFItem '{child}', '{parent}', is neither the document nor \
                     one of its items"
                )));
                continue;
            }
        };
        // Real packages write the sequence as a number or as text ("1"); without one, file
        // order holds.
        let sequence = a
            .get("sequenceNumber")
            .and_then(|n| n.as_i64().or_else(|| n.as_str().and_then(|s| s.trim().parse().ok())))
            .unwrap_or(i64::MAX);
        if parent_of.contains_key(item.identifier) {
            extra_parents.push((item.identifier, parent, n));
        } else {
            parent_of.insert(item.identifier, (parent, sequence, n, path));
        }
    }
    (parent_of, extra_parents)
}

/// Builds entries from items, depth first, in sequence order. Its recursion is bounded: the
/// hierarchy is checked to be at most MAX_SUBITEM_DEPTH deep, with every item in one place.
struct Builder<'v, 'm> {
    by_id: &'m HashMap<&'v str, &'v Item<'v>>,
    children: &'m HashMap<&'v str, Vec<&'v str>>,
    ids: &'m HashMap<&'v str, String>,
    tags: HashMap<&'v str, Tags>,
    relations: HashMap<&'v str, Vec<Relation>>,
    /// The CASE item kept for an entry, where the package is kept.
    case_item: &'m dyn Fn(&str) -> Option<Box<CaseItem>>,
    /// The package is peercomp's own export.
    own: bool,
}

impl Builder<'_, '_> {
    /// The entries under `parent`, itself at `depth` (0 for an item of a category). Never
    /// deeper than the checked limit, whatever the hierarchy: the recursion stays bounded.
    fn children_of(&mut self, parent: &str, depth: usize) -> Vec<Entry> {
        if depth > MAX_SUBITEM_DEPTH {
            return vec![];
        }
        let list: Vec<&str> = self.children.get(parent).cloned().unwrap_or_default();
        list.into_iter().map(|id| self.entry(id, depth + 1)).collect()
    }

    fn entry(&mut self, identifier: &str, depth: usize) -> Entry {
        let item = self.by_id[identifier];
        let id = self.ids[identifier].clone();
        let code =
            str_field(item.value, "humanCodingScheme").map(str::to_owned).filter(|c| *c != id);
        // peercomp's own export says in its extension what CASE has no field for; its item
        // types are its own structure (Competency, Sub-competency), not the source's kinds.
        let own = item.value.get("extensions").and_then(|e| e.get("peercomp"));
        let item_type = str_field(item.value, "CFItemType")
            .filter(|t| !(self.own && matches!(*t, "Competency" | "Sub-competency")))
            .map(str::to_owned);
        EntryFields {
            id: id.into(),
            line: own
                .and_then(|e| e.get("line"))
                .and_then(Json::as_u64)
                .and_then(|n| u32::try_from(n).ok()),
            title: str_field(item.value, "abbreviatedStatement").map(str::to_owned),
            text: str_field(item.value, "fullStatement").unwrap_or_default().to_owned(),
            as_written: own
                .and_then(|e| e.get("as_written"))
                .and_then(Json::as_str)
                .map(str::to_owned),
            tags: self.tags.remove(identifier).unwrap_or_default(),
            notes: str_field(item.value, "notes")
                .map(|n| n.lines().map(str::to_owned).collect())
                .unwrap_or_default(),
            subitems: self.children_of(identifier, depth),
            item_type,
            code,
            relations: self.relations.remove(identifier).unwrap_or_default(),
            identifier: Some(identifier.to_owned()),
            case: (self.case_item)(identifier),
        }
        .into()
    }
}

/// "What Standards Could Be" -> "what-standards-could-be".
pub(crate) fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() { "case".to_owned() } else { words.join("-") }
}

/// Missing fields as problems at their places in the file (one parse of the located tree).
fn place(text: &str, origin: &str, missing: Vec<Issue>, otherwise: &str) -> Vec<Problem> {
    if missing.is_empty() {
        return vec![Problem::new(origin, ProblemKind::MissingField, otherwise)];
    }
    located::place(text, origin, missing)
}
