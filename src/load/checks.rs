//! What a framework that parsed may still get wrong: ids used twice, tags its schemes do not
//! define, gaps in numbering, empty texts. Each issue names the path of the node it is about.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::formats::{FieldPath, Issue, ProblemKind, Seg};
use crate::model::{
    Alignment, Category, Curriculum, Entry, Framework, MAX_SUBITEM_DEPTH, Requirements, TagRef,
};
use crate::text::some_of;

/// Every issue of a framework, in file order within each kind of check.
pub fn validate(framework: &Framework) -> Vec<Issue> {
    // A framework read from CASE, and kept as read, keeps CASE's ids in every format.
    validate_with(framework, framework.case.is_none())
}

/// The issues of a framework read from another format (CASE), whose ids need not follow
/// peercomp's numbering.
pub(super) fn validate_imported(framework: &Framework) -> Vec<Issue> {
    validate_with(framework, false)
}

fn validate_with(framework: &Framework, numbered: bool) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |path: FieldPath, kind, message: String, first: Option<FieldPath>| {
        issues.push(Issue { path, kind, message, first });
    };

    let mut schemes: HashMap<&str, FieldPath> = HashMap::new();
    for (i, scheme) in framework.schemes.iter().enumerate() {
        let path = FieldPath::default().then("schemes").then(i);
        if let Some(first) = schemes.insert(&scheme.id, path.then("id")) {
            let message = format!("scheme '{}' is defined twice", scheme.id);
            push(path.then("id"), ProblemKind::DuplicateId, message, Some(first));
        }
        let mut codes: HashMap<&str, FieldPath> = HashMap::new();
        for (j, code) in scheme.codes.iter().enumerate() {
            let at = path.then("codes").then(j).then("code");
            if let Some(first) = codes.insert(&code.code, at.clone()) {
                let message =
                    format!("code '{}' of scheme '{}' is defined twice", code.code, scheme.id);
                push(at, ProblemKind::DuplicateId, message, Some(first));
            }
        }
    }

    let defined = DefinedTags::new(framework);
    // Numbered plainly, as peercomp's own files are, the ids are unique by their numbering:
    // no set of them all is needed (a million ids took 34 MiB and a tenth of loading).
    if numbered && let Some(found) = by_numbering(framework, &defined, threads(framework)) {
        issues.extend(found);
        return issues;
    }
    // Room for every id at once: grown by doubling instead, the set was rehashed twenty times
    // for a million entries, a tenth of the time of loading them.
    let count = framework.categories.len() + framework.entry_count();
    let mut ids = Ids::Every { seen: HashSet::with_capacity(count), twice: Vec::new() };
    let mut found = walk(&framework.categories, 0, &defined, numbered, &mut ids);
    // Each id met twice names where it was first: the id issues without a first place, in the
    // order their ids were met.
    if let Ids::Every { twice, .. } = &ids
        && !twice.is_empty()
    {
        let firsts = first_places(framework, twice);
        let unplaced =
            found.iter_mut().filter(|i| i.kind == ProblemKind::DuplicateId && i.first.is_none());
        for (issue, id) in unplaced.zip(twice) {
            issue.first = firsts.get(id).cloned();
        }
    }
    issues.extend(found);
    issues
}

/// From this many items (sub-items aside), a walk by numbering is shared among threads:
/// below it, starting them costs more than they save.
const PARALLEL_FROM: usize = 50_000;

/// How many threads walk a framework: as many as the machine runs at once, from PARALLEL_FROM
/// items; one below.
fn threads(framework: &Framework) -> usize {
    let items: usize = framework.categories.iter().map(|c| c.entries.len()).sum();
    match items {
        ..PARALLEL_FROM => 1,
        _ => crate::formats::cores(),
    }
}

/// The issues of a framework whose ids are numbered plainly, found without a set of every id;
/// None where its ids are not so numbered, to be walked again with a set. Up to `threads`
/// threads walk a run of categories each; their issues are put together in the categories'
/// order, as one walk would find them.
fn by_numbering(
    framework: &Framework,
    defined: &DefinedTags<'_>,
    threads: usize,
) -> Option<Vec<Issue>> {
    let mut categories = HashSet::with_capacity(framework.categories.len());
    if !framework.categories.iter().all(|c| categories.insert(c.id.as_str())) {
        return None;
    }
    // An entry's id numbered plainly has a dot: only a category's id with one can be an entry's.
    categories.retain(|id| id.contains('.'));
    let walk_run = |(first, run): (usize, &[Category])| {
        let mut ids = Ids::Numbered { categories: &categories, plainly: true };
        let found = walk(run, first, defined, true, &mut ids);
        (!ids.given_up()).then_some(found)
    };
    let mut runs = runs(&framework.categories, threads).into_iter();
    let Some(first) = runs.next() else {
        return Some(Vec::new());
    };
    let walked: Vec<Option<Vec<Issue>>> = std::thread::scope(|scope| {
        let others: Vec<_> = runs
            .map(|run| {
                let thread = std::thread::Builder::new().spawn_scoped(scope, move || walk_run(run));
                // Where no thread can be started, the run is walked here.
                thread.map_err(|_| run)
            })
            .collect();
        let mut walked = vec![walk_run(first)];
        for other in others {
            walked.push(match other {
                Ok(thread) => thread.join().ok().flatten(),
                Err(run) => walk_run(run),
            });
        }
        walked
    });
    Some(walked.into_iter().collect::<Option<Vec<_>>>()?.concat())
}

/// The categories in up to `threads` runs of about as many items each, with the place of each
/// run's first category.
fn runs(categories: &[Category], threads: usize) -> Vec<(usize, &[Category])> {
    let items: usize = categories.iter().map(|c| c.entries.len()).sum();
    let each = items.div_ceil(threads.max(1)).max(1);
    let mut runs = Vec::with_capacity(threads);
    let (mut start, mut counted) = (0, 0);
    for (i, category) in categories.iter().enumerate() {
        counted += category.entries.len();
        if counted >= each || i + 1 == categories.len() {
            runs.push((start, &categories[start..=i]));
            (start, counted) = (i + 1, 0);
        }
    }
    runs
}

/// The issues of a run of categories, the first at `first`, and their entries, in one walk.
fn walk<'a>(
    categories: &'a [Category],
    first: usize,
    defined: &DefinedTags<'a>,
    numbered: bool,
    ids: &mut Ids<'a>,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |path: FieldPath, kind, message: String, first: Option<FieldPath>| {
        issues.push(Issue { path, kind, message, first });
    };
    // One path, extended and cut back during the walk; a copy is made only for a problem.
    let mut here = FieldPath::default();
    for (i, category) in (first..).zip(categories) {
        if ids.given_up() {
            break;
        }
        here.0.extend([Seg::Key("categories"), Seg::Index(i)]);
        ids.check(&category.id, &here, &mut push);
        here.0.push(Seg::Key("entries"));
        if numbered {
            let plainly = numbering(&category.id, &category.entries, &here, "item", &mut push);
            ids.numbered(plainly);
        }
        let list = &category.entries;
        entries(defined, list, 0, &mut here, ids, numbered, &mut push);
        here.0.truncate(here.0.len() - 3);
    }
    issues
}

/// Texts that hold control characters (C0 but tab and newline, DEL, C1, ESC): a terminal would
/// obey them, and peercomp shows them escaped. A warning each, not a problem: the file loads.
pub(super) fn control_characters(framework: &Framework) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut look = |path: FieldPath, what: &dyn Fn() -> String, text: &str| {
        let Some(c) = text.chars().find(|&c| c.is_control() && c != '\t' && c != '\n') else {
            return;
        };
        let message = format!(
            "warning: {} holds the control character U+{:04X}, which peercomp shows escaped \
             (`{}`); a terminal would act on it",
            what(),
            u32::from(c),
            crate::text::visible(&c.to_string())
        );
        issues.push(Issue { path, kind: ProblemKind::ControlCharacter, message, first: None });
    };
    let root = FieldPath::default();
    look(root.then("title"), &|| "the framework's title".to_owned(), &framework.title);
    for (i, category) in framework.categories.iter().enumerate() {
        let here = root.then("categories").then(i);
        let id = &category.id;
        look(here.then("id"), &|| format!("the id of category '{id}'"), id);
        look(here.then("title"), &|| format!("the title of category '{id}'"), &category.title);
        if let Some(description) = &category.description {
            let what = || format!("the description of category '{id}'");
            look(here.then("description"), &what, description);
        }
        for (k, note) in category.notes.iter().enumerate() {
            let what = || format!("note {} of category '{id}'", k + 1);
            look(here.then("notes").then(k), &what, note);
        }
        // The entries, sub-items after their item, each with its place.
        let mut stack: Vec<(FieldPath, &Entry)> = category
            .entries
            .iter()
            .enumerate()
            .rev()
            .map(|(j, e)| (here.then("entries").then(j), e))
            .collect();
        while let Some((at, entry)) = stack.pop() {
            let id = &entry.id;
            look(at.then("id"), &|| format!("the id '{id}'"), id);
            look(at.then("text"), &|| format!("the text of '{id}'"), &entry.text);
            if let Some(title) = &entry.more().title {
                look(at.then("title"), &|| format!("the title of '{id}'"), title);
            }
            for (k, note) in entry.more().notes.iter().enumerate() {
                look(at.then("notes").then(k), &|| format!("note {} of '{id}'", k + 1), note);
            }
            let subitems = entry.subitems.iter().enumerate().rev();
            stack.extend(subitems.map(|(j, e)| (at.then("subitems").then(j), e)));
        }
    }
    issues
}

type Push<'p> = dyn FnMut(FieldPath, ProblemKind, String, Option<FieldPath>) + 'p;

/// The entries of a list at `depth` (0 for a category's items), and their sub-items: recursive,
/// but never deeper than MAX_SUBITEM_DEPTH, where it stops with a problem.
fn entries<'a>(
    defined: &DefinedTags<'a>,
    list: &'a [Entry],
    depth: usize,
    here: &mut FieldPath,
    ids: &mut Ids<'a>,
    numbered: bool,
    push: &mut Push<'_>,
) {
    for (j, entry) in list.iter().enumerate() {
        if ids.given_up() {
            return;
        }
        here.0.push(Seg::Index(j));
        ids.entry(&entry.id, here, push);
        if blank(&entry.text) {
            let message = format!("entry '{}' has an empty text", entry.id);
            push(here.then("text"), ProblemKind::EmptyText, message, None);
        }
        for (k, tag) in entry.tags.iter().enumerate() {
            if let Some(message) = defined.undefined(&tag.tag) {
                push(here.then("tags").then(k).then("tag"), ProblemKind::UnknownTag, message, None);
            }
        }
        if !entry.subitems.is_empty() && depth == MAX_SUBITEM_DEPTH {
            let message = format!(
                "entry '{}' has sub-items {} levels deep: peercomp reads at most {MAX_SUBITEM_DEPTH}",
                entry.id,
                depth + 1
            );
            push(here.then("subitems"), ProblemKind::Hierarchy, message, None);
        } else if !entry.subitems.is_empty() {
            here.0.push(Seg::Key("subitems"));
            if numbered {
                let plainly = numbering(&entry.id, &entry.subitems, here, "sub-item", push);
                ids.numbered(plainly);
            }
            entries(defined, &entry.subitems, depth + 1, here, ids, numbered, push);
            here.0.pop();
        }
        here.0.pop();
    }
}

/// Whether a text is empty or only white space: `trim` without its second end.
fn blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// How a walk checks that no id is used twice.
enum Ids<'a> {
    /// With a set: the ids met so far, and those met twice, in order. Where an id was used
    /// before is found after the walk, in one more walk for all of them.
    Every { seen: HashSet<&'a str>, twice: Vec<&'a str> },
    /// By numbering, with the categories' ids alone. Where every category's items are numbered
    /// `<category>.1`, `<category>.2`... and every item's sub-items `<item>.1`..., in order, each
    /// number written plainly (`1.10`, never `1.010` or `1.+10`), an entry's id is its parent's
    /// id and its place: two entries with one id would have parents with one id, and so on up
    /// to a category. The ids are then unique where the categories' are, and no entry's is a
    /// category's. `plainly` turns false at the first id that is not so, and the walk gives up,
    /// to be made again with a set.
    Numbered { categories: &'a HashSet<&'a str>, plainly: bool },
}

impl<'a> Ids<'a> {
    fn given_up(&self) -> bool {
        matches!(self, Ids::Numbered { plainly: false, .. })
    }

    /// A list of children, numbered plainly or not.
    fn numbered(&mut self, plainly: bool) {
        if let Ids::Numbered { plainly: all, .. } = self {
            *all &= plainly;
        }
    }

    /// An entry's id, at `here`.
    fn entry(&mut self, id: &'a str, here: &FieldPath, push: &mut Push<'_>) {
        if let Ids::Numbered { categories, plainly } = self {
            *plainly &= !categories.contains(id);
        }
        self.check(id, here, push);
    }

    /// Not empty, and, with a set, not used before.
    fn check(&mut self, id: &'a str, here: &FieldPath, push: &mut Push<'_>) {
        if blank(id) {
            push(here.then("id"), ProblemKind::EmptyText, "empty id".to_owned(), None);
        } else if let Ids::Every { seen, twice } = self
            && !seen.insert(id)
        {
            twice.push(id);
            let message = format!("id '{id}' is used twice");
            push(here.then("id"), ProblemKind::DuplicateId, message, None);
        }
    }
}

/// Where each of these ids first stands: one walk, with one path extended and cut back.
fn first_places<'a>(framework: &'a Framework, wanted: &[&str]) -> HashMap<&'a str, FieldPath> {
    let wanted: HashSet<&str> = wanted.iter().copied().collect();
    let mut found: HashMap<&str, FieldPath> = HashMap::new();
    let mut note = |id: &'a str, here: &FieldPath| {
        if wanted.contains(id) && !found.contains_key(id) {
            found.insert(id, here.then("id"));
        }
    };
    let mut here = FieldPath::default();
    for (i, category) in framework.categories.iter().enumerate() {
        here.0.extend([Seg::Key("categories"), Seg::Index(i)]);
        note(&category.id, &here);
        here.0.push(Seg::Key("entries"));
        // A stack of (list, next index): no recursion.
        let mut stack: Vec<(&[Entry], usize)> = vec![(&category.entries, 0)];
        while let Some((list, j)) = stack.pop() {
            let Some(entry) = list.get(j) else {
                // The list is done: back out of it (and of its entry, for a sub-list).
                here.0.pop();
                if !stack.is_empty() {
                    here.0.truncate(here.0.len() - 1);
                }
                continue;
            };
            stack.push((list, j + 1));
            here.0.push(Seg::Index(j));
            note(&entry.id, &here);
            here.0.push(Seg::Key("subitems"));
            stack.push((&entry.subitems, 0));
        }
        here.0.clear();
    }
    found
}

/// Children numbered `<parent>.1`, `<parent>.2`, ... must run without gaps or repeats. Children
/// whose ids do not have that form (a file's own scheme) are not checked. True where every child
/// is numbered so, in order, each number written plainly ([`Ids::Numbered`]).
fn numbering(
    parent: &str,
    children: &[Entry],
    path: &FieldPath,
    what: &str,
    push: &mut Push<'_>,
) -> bool {
    let mut expected = 1u64;
    let mut plainly = true;
    for (j, child) in children.iter().enumerate() {
        let digits = child.id.strip_prefix(parent).and_then(|rest| rest.strip_prefix('.'));
        let Some(number) = digits.and_then(|n| n.parse::<u64>().ok()) else {
            plainly = false;
            continue;
        };
        plainly &= number == expected && digits.is_some_and(|d| !d.starts_with(['0', '+']));
        if number != expected {
            let how = if number > expected { "skips" } else { "repeats" };
            let message =
                format!("{what} numbering {how}: expected {parent}.{expected}, found {}", child.id);
            push(path.then(j).then("id"), ProblemKind::Numbering, message, None);
        }
        // After a gap, count on from the number found; after a repeat, keep the count.
        expected = expected.max(number.saturating_add(1));
    }
    plainly
}

/// The tags a framework defines, looked up in constant time, and what messages say of them,
/// made once per framework: checking a tag costs the same whatever the number of codes, and a
/// message names a few of them, not all (10,000 undefined tags against 10,000 codes once wrote
/// gigabytes).
struct DefinedTags<'a> {
    framework: &'a Framework,
    /// (scheme, code) for every code; (scheme, None) for a scheme without codes.
    tags: HashSet<(&'a str, Option<&'a str>)>,
    /// Schemes that have codes, so that a tag must name one.
    coded: HashSet<&'a str>,
    /// "icrc:1, icrc:2, ... and 12 more": what messages say is known.
    known: std::sync::OnceLock<String>,
}

impl<'a> DefinedTags<'a> {
    fn new(framework: &'a Framework) -> Self {
        let mut tags = HashSet::new();
        let mut coded = HashSet::new();
        for scheme in &framework.schemes {
            if scheme.codes.is_empty() {
                tags.insert((scheme.id.as_str(), None));
            } else {
                coded.insert(scheme.id.as_str());
            }
            tags.extend(scheme.codes.iter().map(|c| (scheme.id.as_str(), Some(c.code.as_str()))));
        }
        DefinedTags { framework, tags, coded, known: std::sync::OnceLock::new() }
    }

    fn known(&self) -> &str {
        self.known.get_or_init(|| {
            let all = self.framework.schemes.iter().flat_map(|s| s.tags());
            match some_of(all, KNOWN_SHOWN) {
                none if none.is_empty() => "none: the framework defines no schemes".to_owned(),
                some => some,
            }
        })
    }

    /// Why a tag is not one the framework defines, or None where it is.
    fn undefined(&self, tag: &TagRef) -> Option<String> {
        if self.tags.contains(&(tag.scheme.as_str(), tag.code.as_deref())) {
            return None;
        }
        if tag.code.is_none() && self.coded.contains(tag.scheme.as_str()) {
            let scheme = self.framework.scheme(&tag.scheme)?;
            let codes = some_of(scheme.tags(), KNOWN_SHOWN);
            return Some(format!("tag '{tag}' names no code (the scheme's codes are {codes})"));
        }
        Some(format!("unknown tag '{tag}' (known: {})", self.known()))
    }
}

/// How many known values a message names before it says how many more there are.
const KNOWN_SHOWN: usize = 12;

/// The most hours a module, a reference or a requirement may give: far above any training (a
/// year of full-time work is about 2,000), and low enough that sums and differences of them
/// stay exact to the hundredth, never infinite.
pub(super) const MAX_HOURS: f64 = 100_000.0;

/// What hours must be, as every message about them says.
const HOURS_ARE: &str = "hours must be a number from 0 to 100000";

/// Whether a number of hours is one: finite, from 0 to [`MAX_HOURS`].
fn is_hours(hours: f64) -> bool {
    (0.0..=MAX_HOURS).contains(&hours)
}

/// What a curriculum that parsed may still get wrong: a module id used twice, negative hours.
pub(super) fn validate_curriculum(curriculum: &Curriculum) -> Vec<Issue> {
    let mut issues = Vec::new();
    if curriculum.modules.is_empty() {
        issues.push(Issue {
            path: FieldPath::default().then("modules"),
            kind: ProblemKind::MissingField,
            message: "the curriculum has no modules: give at least one, with what it covers"
                .to_owned(),
            first: None,
        });
    }
    let mut ids: HashMap<&str, FieldPath> = HashMap::new();
    for (i, module) in curriculum.modules.iter().enumerate() {
        let at = FieldPath::default().then("modules").then(i);
        if let Some(first) = ids.insert(&module.id, at.then("id")) {
            issues.push(Issue {
                path: at.then("id"),
                kind: ProblemKind::DuplicateId,
                message: format!("module '{}' is defined twice", module.id),
                first: Some(first),
            });
        }
        let bad_hours = |h: &Option<f64>| h.is_some_and(|h| !is_hours(h));
        if bad_hours(&module.hours) {
            issues.push(Issue {
                path: at.then("hours"),
                kind: ProblemKind::WrongType,
                message: format!("module '{}': {HOURS_ARE}", module.id),
                first: None,
            });
        }
        for (j, reference) in module.covers.iter().enumerate() {
            if bad_hours(&reference.hours) {
                issues.push(Issue {
                    path: at.then("covers").then(j).then("hours"),
                    kind: ProblemKind::WrongType,
                    message: format!("module '{}', {}: {HOURS_ARE}", module.id, reference.text),
                    first: None,
                });
            }
        }
        let valid = module.covers.iter().filter_map(|r| r.hours).filter(|h| !bad_hours(&Some(*h)));
        let given = valid.fold(0.0, |a, b| a + b);
        // A hundredth of an hour of slack, for sums of decimals such as 0.1 + 0.2.
        if let Some(hours) = module.hours
            && !bad_hours(&module.hours)
            && given > hours + 0.005
        {
            issues.push(Issue {
                path: at.then("hours"),
                kind: ProblemKind::WrongType,
                message: format!(
                    "module '{}' has {} hours, but its references give {} of them: give the \
                     module more hours, or its references fewer",
                    module.id,
                    crate::text::trim_number(hours),
                    crate::text::trim_number(given)
                ),
                first: None,
            });
        }
    }
    issues
}

/// What requirements that parsed may still get wrong: none listed, a group twice, hours below
/// zero, a share outside 0-100, a requirement that asks for nothing.
pub(super) fn validate_requirements(requirements: &Requirements) -> Vec<Issue> {
    let mut issues = Vec::new();
    let root = FieldPath::default();
    let mut issue = |path: FieldPath, kind, message: String, first| {
        issues.push(Issue { path, kind, message, first })
    };
    if requirements.requirements.is_empty() {
        let message = "no requirements: give at least one, with its group and hours".to_owned();
        issue(root.then("requirements"), ProblemKind::MissingField, message, None);
    }
    let is_hours = |h: Option<f64>| h.is_none_or(is_hours);
    if !is_hours(requirements.hours) {
        let message = HOURS_ARE.to_owned();
        issue(root.then("hours"), ProblemKind::WrongType, message, None);
    }
    let mut groups: HashMap<&str, FieldPath> = HashMap::new();
    for (i, requirement) in requirements.requirements.iter().enumerate() {
        let at = root.then("requirements").then(i);
        let group = requirement.group.text.trim();
        if let Some(first) = groups.insert(group, at.then("group")) {
            let message = format!("the group '{group}' is required twice");
            issue(at.then("group"), ProblemKind::DuplicateId, message, Some(first));
        }
        if !is_hours(requirement.hours) {
            let message = format!("{group}: {HOURS_ARE}");
            issue(at.then("hours"), ProblemKind::WrongType, message, None);
        }
        if requirement.items_percent.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
            let message = format!("{group}: items_percent must be a percentage from 0 to 100");
            issue(at.then("items_percent"), ProblemKind::WrongType, message, None);
        }
        if requirement.hours.is_none() && requirement.items_percent.is_none() {
            let message =
                format!("{group} asks for nothing: give its minimum hours, items_percent or both");
            issue(at.then("group"), ProblemKind::MissingField, message, None);
        }
    }
    issues
}

/// The problems of an alignment that need no framework: a link given twice, an empty id.
pub(super) fn validate_alignment(alignment: &Alignment) -> Vec<Issue> {
    let mut issues = Vec::new();
    let root = FieldPath::default();
    for (key, placed) in [("from", &alignment.from), ("to", &alignment.to)] {
        if blank(&placed.text) {
            let message = format!("{key}: give the id of a framework");
            issues.push(Issue {
                path: root.then(key),
                kind: ProblemKind::EmptyText,
                message,
                first: None,
            });
        }
    }
    let link_at = |i: usize| root.then("links").then(i);
    let links = &alignment.links;
    for (i, link) in links.iter().enumerate() {
        for (key, placed) in [("from", &link.from), ("to", &link.to)] {
            if blank(&placed.text) {
                let message = format!("links: an empty `{key}`: give an entry's id");
                issues.push(Issue {
                    path: link_at(i).then(key),
                    kind: ProblemKind::EmptyText,
                    message,
                    first: None,
                });
            }
        }
    }
    // Links given twice: the links' numbers sorted by their two ids, so that a link and its
    // repeats stand together, the first written first (4 bytes a link, where a map of every
    // link to its place took about 150).
    let pair = |i: u32| (links[i as usize].from.text.as_str(), links[i as usize].to.text.as_str());
    let mut order: Vec<u32> = (0..links.len() as u32).collect();
    order.sort_by(|&a, &b| pair(a).cmp(&pair(b)).then(a.cmp(&b)));
    for group in order.chunk_by(|&a, &b| pair(a) == pair(b)) {
        let first = group[0] as usize;
        for &again in &group[1..] {
            let link = &links[again as usize];
            let message = format!("the link {} -> {} is given twice", link.from.text, link.to.text);
            issues.push(Issue {
                path: link_at(again as usize).then("from"),
                kind: ProblemKind::DuplicateId,
                message,
                first: Some(link_at(first).then("from")),
            });
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A category's id, with its entries' ids and their sub-items' ids.
    type Outline<'a> = (&'a str, &'a [(&'a str, &'a [&'a str])]);

    /// A framework of categories so outlined.
    fn framework(categories: &[Outline]) -> Framework {
        let categories: Vec<serde_json::Value> = categories
            .iter()
            .map(|(id, items)| {
                let entries: Vec<serde_json::Value> = items
                    .iter()
                    .map(|(id, subs)| {
                        let subitems: Vec<serde_json::Value> = subs
                            .iter()
                            .map(|id| serde_json::json!({"id": id, "text": "t"}))
                            .collect();
                        serde_json::json!({"id": id, "text": "t", "subitems": subitems})
                    })
                    .collect();
                serde_json::json!({"id": id, "title": "T", "entries": entries})
            })
            .collect();
        let json = serde_json::json!({"id": "f", "title": "F", "categories": categories});
        serde_json::from_value(json).unwrap()
    }

    /// The issues of the walk with a set of every id.
    fn with_a_set(framework: &Framework) -> Vec<String> {
        let defined = DefinedTags::new(framework);
        let mut ids = Ids::Every { seen: HashSet::new(), twice: Vec::new() };
        let found = walk(&framework.categories, 0, &defined, true, &mut ids);
        found.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn ids_checked_by_numbering_find_what_a_set_finds() {
        let cases: &[&[Outline]] = &[
            // Plainly numbered: unique, and no set is made.
            &[("1", &[("1.1", &["1.1.1", "1.1.2"]), ("1.2", &[])]), ("2", &[("2.1", &[])])],
            // An entry's id is a later category's.
            &[("1", &[("1.1", &[])]), ("1.1", &[("1.1.1", &[])])],
            // Two categories with one id.
            &[("1", &[("1.1", &[])]), ("1", &[("1.1", &[])])],
            // Numbers written otherwise: one number, two ids, and a repeat.
            &[("1", &[("1.1", &[]), ("1.01", &[])])],
            &[("1", &[("1.1", &[]), ("1.+2", &[]), ("1.2", &[])])],
            // Not numbered at all; a gap; a sub-item used twice.
            &[("a", &[("x", &[]), ("x", &[])])],
            &[("1", &[("1.1", &[]), ("1.3", &[])])],
            &[("1", &[("1.1", &["1.1.1", "1.1.1"])])],
        ];
        for (n, categories) in cases.iter().enumerate() {
            let framework = framework(categories);
            let found: Vec<String> = validate(&framework).iter().map(ToString::to_string).collect();
            assert_eq!(found, with_a_set(&framework), "case {n}");
            // Only the first is checked without a set.
            let defined = DefinedTags::new(&framework);
            assert_eq!(by_numbering(&framework, &defined, 1).is_some(), n == 0, "case {n}");
            // Walked on threads, a run of categories each: the same, in the same order.
            for threads in [2, 3] {
                let shared = by_numbering(&framework, &defined, threads);
                assert_eq!(shared, by_numbering(&framework, &defined, 1), "case {n}, {threads}");
            }
        }
        // The duplicates a set finds are there.
        let entry_is_category = framework(cases[1]);
        assert!(with_a_set(&entry_is_category).iter().any(|i| i.contains("'1.1' is used twice")));
        assert!(with_a_set(&framework(cases[3])).iter().all(|i| !i.contains("used twice")));
        assert!(validate(&framework(cases[0])).is_empty());
    }

    #[test]
    fn issues_found_on_threads_keep_the_order_of_one_walk() {
        let category = |c: usize| {
            let entries: Vec<serde_json::Value> = (1..=c)
                .map(|e| {
                    let text = if e == 2 { " " } else { "t" };
                    let id = format!("{c}.{e}");
                    serde_json::json!({"id": id, "text": text, "tags": [{"tag": "x"}]})
                })
                .collect();
            serde_json::json!({"id": c.to_string(), "title": "T", "entries": entries})
        };
        let categories: Vec<serde_json::Value> = (1..=9).map(category).collect();
        let json = serde_json::json!({"id": "f", "title": "F", "categories": categories});
        let framework: Framework = serde_json::from_value(json).unwrap();
        let defined = DefinedTags::new(&framework);
        let alone = by_numbering(&framework, &defined, 1).unwrap();
        // An undefined tag on each of the 45 entries, and an empty text on eight of them.
        assert_eq!(alone.len(), 45 + 8);
        // About 12 items a run: categories 1-5, 6-7 and 8-9.
        let firsts: Vec<usize> = runs(&framework.categories, 4).iter().map(|r| r.0).collect();
        assert_eq!(firsts, [0, 5, 7]);
        for threads in [2, 4, 9, 20] {
            assert_eq!(
                by_numbering(&framework, &defined, threads).as_ref(),
                Some(&alone),
                "{threads}"
            );
        }
    }
}
