//! Hierarchies read as parent links (CASE's `isChildOf`, CTDL-ASN's `hasChild`): walked from
//! the top without recursion, each node once and no deeper than a framework holds. A
//! spreadsheet needs no walk: a row names only rows above it as parents, so its rows can
//! neither loop nor hide, and `sheet::read` nests them from the last up.

use foldhash::{HashMap, HashSet};

/// The nodes reached from `top` through `children`, each once (a node met again is passed
/// over), and those more than `limit` levels below the top, with their depth, in the order met:
/// they are reached, but their children are not walked. What is not reached hangs from a
/// cycle, or from a node too deep.
pub(crate) fn walk<'a>(
    top: &[&'a str],
    children: &HashMap<&'a str, Vec<&'a str>>,
    limit: usize,
) -> (HashSet<&'a str>, Vec<(&'a str, usize)>) {
    let mut reached: HashSet<&str> = HashSet::default();
    let mut too_deep = Vec::new();
    let mut stack: Vec<(&str, usize)> = top.iter().rev().map(|&id| (id, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        if !reached.insert(id) {
            continue;
        }
        if depth > limit {
            too_deep.push((id, depth));
            continue;
        }
        if let Some(list) = children.get(id) {
            stack.extend(list.iter().rev().map(|&child| (child, depth + 1)));
        }
    }
    (reached, too_deep)
}

/// The cycles that hold the nodes not reached, each once, in the order of `nodes`: each node's
/// chain of parents is walked once (a walk stops at a node already accounted for), so the
/// whole pass is linear. A cycle starts where the walk that found it entered it.
pub(crate) fn cycles<'a>(
    nodes: impl IntoIterator<Item = &'a str>,
    parent_of: impl Fn(&str) -> Option<&'a str>,
    reached: HashSet<&'a str>,
) -> Vec<Vec<&'a str>> {
    let mut done = reached;
    let mut cycles = Vec::new();
    for node in nodes {
        if done.contains(node) {
            continue;
        }
        let mut chain: Vec<&str> = vec![node];
        let mut on_chain: HashSet<&str> = HashSet::from_iter([node]);
        let mut at = node;
        while let Some(parent) = parent_of(at) {
            if done.contains(parent) {
                break;
            }
            if !on_chain.insert(parent) {
                let start = chain.iter().position(|&c| c == parent).unwrap_or(0);
                cycles.push(chain[start..].to_vec());
                break;
            }
            chain.push(parent);
            at = parent;
        }
        done.extend(chain);
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_node_once_in_order_and_none_below_the_limit() {
        let children: HashMap<&str, Vec<&str>> =
            [("a", vec!["b", "c"]), ("b", vec!["d"]), ("d", vec!["e"]), ("c", vec!["b"])]
                .into_iter()
                .collect();
        let (reached, too_deep) = walk(&["a"], &children, 1);
        assert_eq!(too_deep, [("d", 2)], "d is two below a; its child e is not walked");
        let mut reached: Vec<&str> = reached.into_iter().collect();
        reached.sort_unstable();
        assert_eq!(reached, ["a", "b", "c", "d"], "b once, though c names it too");
    }

    #[test]
    fn a_cycle_is_named_once_and_what_hangs_from_it_is_not_one() {
        let parents: HashMap<&str, &str> =
            [("x", "y"), ("y", "z"), ("z", "x"), ("w", "x"), ("b", "a")].into_iter().collect();
        let reached: HashSet<&str> = ["a", "b"].into_iter().collect();
        let found = cycles(["w", "x", "y", "z", "a", "b"], |n| parents.get(n).copied(), reached);
        assert_eq!(found, [vec!["x", "y", "z"]]);
    }
}
