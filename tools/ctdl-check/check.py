"""CTDL-ASN files as the Credential Registry's tools take them.

Usage: check.py FILE...  (in the Python >= 3.12 environment .ci/run makes, with ctdl-validate
and pyld). For each file, one JSON line: the findings of `ctdl-validate` (the registry's
pre-publication validator) by severity and code, and the keys that JSON-LD expansion drops (a
key the @context does not define is dropped, and its value with it). The CTDL-ASN context is the
copy ctdl-validate vendors, so nothing is fetched.
"""

import json
import pathlib
import subprocess
import sys

import ctdl_validate
from pyld import jsonld

CONTEXT_URL = "https://credreg.net/ctdlasn/schema/context/json"
VENDORED = pathlib.Path(ctdl_validate.__file__).parent / "vendor" / "ctdlasn" / "context.json"
CONTEXT = json.loads(VENDORED.read_text())


def loader(url, options=None):
    if url != CONTEXT_URL:
        raise jsonld.JsonLdError("not fetched: " + url, "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def findings(path):
    """ctdl-validate's findings, as severity -> code -> count."""
    validator = pathlib.Path(sys.executable).parent / "ctdl-validate"
    out = subprocess.run(
        [str(validator), "--format", "json", str(path)], capture_output=True, text=True
    )
    counted = {}
    for finding in json.loads(out.stdout)["findings"]:
        by_code = counted.setdefault(finding["severity"], {})
        by_code[finding["code"]] = by_code.get(finding["code"], 0) + 1
    return counted


def dropped(document):
    """The keys of the graph's nodes (and of the objects in their values) that expansion drops."""
    expanded = jsonld.expand(document, {"documentLoader": loader})
    by_id = {node.get("@id"): node for node in expanded}
    terms = {}
    for context in document["@context"] if isinstance(document["@context"], list) else [document["@context"]]:
        terms.update(CONTEXT["@context"] if context == CONTEXT_URL else context)

    def iri(key):
        """The IRI a key expands to: a term's, or a prefix's and the rest."""
        term = terms.get(key)
        if isinstance(term, dict):
            term = term.get("@id")
        if term is None and ":" in key:
            prefix, rest = key.split(":", 1)
            base = terms.get(prefix)
            term = base + rest if isinstance(base, str) else None
        return term

    lost = set()

    def compare(original, made):
        for key, value in original.items():
            if key.startswith("@"):
                continue
            full = iri(key)
            if full is None or full not in made:
                lost.add(key)
                continue
            # Objects inside a value (not language maps, not references) keep their keys too.
            values = value if isinstance(value, list) else [value]
            objects = [v for v in values if isinstance(v, dict) and not _language_map(v)]
            inner = [v for v in made[full] if isinstance(v, dict) and "@value" not in v and "@id" not in v]
            if len(objects) != len(inner):
                lost.add(key)
            for o, m in zip(objects, inner):
                compare(o, m)

    for node in document["@graph"]:
        compare(node, by_id.get(node.get("@id"), {}))
    return sorted(lost)


def _language_map(value):
    """{"en-us": ...}: keys that are language tags, not properties."""
    return all(":" not in k and not k.startswith("@") and len(k) <= 8 for k in value)


def main():
    for name in sys.argv[1:]:
        path = pathlib.Path(name)
        document = json.loads(path.read_text())
        line = {"file": name, "findings": findings(path), "dropped": dropped(document)}
        print(json.dumps(line, sort_keys=True))


if __name__ == "__main__":
    main()
