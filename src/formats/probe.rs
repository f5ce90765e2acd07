//! What a JSON text holds, told by its first node without building the document: a CASE
//! package, a CTDL-ASN graph, or neither (peercomp's own framework).

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Whether the top object of a JSON text, or the first element of its top array, has one of
/// `keys`. The object of a `wrapper` key there (CASE's `CFPackage`) is looked into the same
/// way, once. Every other value is skipped unread; a text that is not JSON has none.
pub(crate) fn first_node_has(text: &str, keys: &[&str], wrapper: Option<&str>) -> bool {
    let probe = Probe { keys, wrapper, top: true };
    probe.deserialize(&mut serde_json::Deserializer::from_str(text)).unwrap_or(false)
}

#[derive(Clone, Copy)]
struct Probe<'k> {
    keys: &'k [&'k str],
    /// The key whose object is looked into; None within it.
    wrapper: Option<&'k str>,
    /// At the top of the text, where an array may hold the nodes.
    top: bool,
}

impl<'de> DeserializeSeed<'de> for Probe<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Probe<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if Some(key.as_ref()) == self.wrapper {
                found |= map.next_value_seed(Probe { wrapper: None, top: false, ..self })?;
                continue;
            }
            found |= self.keys.contains(&key.as_ref());
            map.next_value::<IgnoredAny>()?;
        }
        Ok(found)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let first = match self.top {
            true => seq.next_element_seed(Probe { top: false, ..self })?.unwrap_or(false),
            false => false,
        };
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(first)
    }
    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::first_node_has;

    #[test]
    fn the_first_node_only_and_the_wrapper_once() {
        let case = |text: &str| first_node_has(text, &["CFDocument"], Some("CFPackage"));
        assert!(case(r#"{"a": [1, {"b": null}], "CFDocument": {}}"#));
        assert!(case(r#"[{"CFDocument": {}}, 2]"#));
        assert!(case(r#"{"CFPackage": {"CFDocument": {}}}"#));
        assert!(!case(r#"{"CFPackage": {"CFPackage": {"CFDocument": {}}}}"#));
        assert!(!case(r#"[1, {"CFDocument": {}}]"#));
        assert!(!case(r#"[[{"CFDocument": {}}]]"#));
        assert!(!case(r#"{"text": "CFDocument"}"#));
        assert!(!case("not JSON"));
        let ld = |text: &str| first_node_has(text, &["@type", "@graph"], None);
        assert!(ld(r#"{"@graph": []}"#) && ld(r#"[{"@type": "x"}]"#));
        assert!(!ld(r#"{"CFPackage": {"@type": "x"}}"#));
    }
}
