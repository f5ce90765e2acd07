#!/usr/bin/env python3
"""Synthetic frameworks for benchmarks: N entries with realistic texts and tags, as JSON and YAML.

    python3 bench/gen.py --entries 100000 --out /tmp/bench

writes synthetic-100000.json and synthetic-100000.yaml, and a curriculum mapped to it
(synthetic-100000.curriculum.yaml, for `coverage`): the peer-worker schemes (samhsa, icrc 1-4,
rfc 1-10), categories of about 1,000 entries (12 for smaller frameworks), items numbered C.N and,
for one item in five, three sub-items C.N.M. Texts are drawn from competency phrases, so that they
are as long and as varied as the real ones. The same seed gives the same files.
"""
import argparse
import json
import random

VERBS = ["Assists", "Supports", "Encourages", "Helps", "Coaches", "Educates", "Recognizes",
         "Identifies", "Develops", "Facilitates", "Advocates for", "Demonstrates", "Practices",
         "Collaborates with", "Understands", "Uses", "Links", "Documents", "Explores", "Models"]
OBJECTS = ["peers", "individuals in recovery", "family members", "community partners",
           "the recovery team", "colleagues", "program staff", "natural supports",
           "service providers", "peer workers"]
ACTIONS = ["to identify strengths and resiliencies", "in setting and reaching recovery goals",
           "with access to housing and employment", "in navigating systems of care",
           "to build healthy relationships", "in developing crisis prevention plans",
           "with culturally responsive services", "to practice self-advocacy",
           "in accessing community resources", "to manage stress and wellness",
           "through shared lived experience", "with person-centered planning"]
QUALIFIERS = ["", "", " when requested", " across the continuum of care",
              " using motivational interviewing", " in a trauma-informed way",
              " within program policies", " with respect and dignity"]


def text(rng):
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ACTIONS)}{rng.choice(QUALIFIERS)}"


def tags(rng, is_item):
    roll = rng.random()
    if not is_item:
        return [{"tag": "icrc:4"}] if roll < 0.1 else []
    if roll < 0.6:
        return [{"tag": "samhsa", "inferred": True}]
    if roll < 0.9:
        return [{"tag": f"icrc:{rng.choice([1, 3, 4])}"}]
    return [{"tag": f"rfc:{rng.randint(1, 10)}"}]


def framework(entries, seed):
    rng = random.Random(seed)
    categories = max(12, round(entries / 1000))
    per_category = [entries // categories + (1 if c < entries % categories else 0) for c in range(categories)]
    cats = []
    for c, budget in enumerate(per_category, 1):
        items, n = [], 0
        while budget > 0:
            n += 1
            item = {"id": f"{c}.{n}", "text": text(rng), "tags": tags(rng, True)}
            budget -= 1
            if n % 5 == 0 and budget >= 3:
                item["subitems"] = [{"id": f"{c}.{n}.{m}", "text": text(rng), "tags": tags(rng, False)} for m in (1, 2, 3)]
                for sub in item["subitems"]:
                    if not sub["tags"]:
                        del sub["tags"]
                budget -= 3
            items.append(item)
        cats.append({"id": str(c), "title": f"Category {c}: {text(rng)}", "entries": items})
    codes = lambda label, n, names: [{"code": str(i), "label": f"{label} {i}" + (f": {names[i - 1]}" if names else "")} for i in range(1, n + 1)]
    return {
        "id": f"synthetic-{entries}",
        "title": f"Synthetic framework of {entries} entries",
        "schemes": [
            {"id": "samhsa", "name": "SAMHSA", "label": "SAMHSA core competencies"},
            {"id": "icrc", "name": "IC&RC", "label": "IC&RC Peer Recovery exam domains",
             "codes": codes("IC&RC Domain", 4, ["Advocacy", "Ethical Responsibility", "Mentoring and Education", "Recovery/Wellness Support"])},
            {"id": "rfc", "name": "RFC", "label": "Regional Facilitation Center best practices", "codes": codes("RFC Best Practice", 10, None)},
        ],
        "categories": cats,
    }


def yaml_scalar(value):
    # JSON strings are YAML double-quoted scalars.
    return json.dumps(value, ensure_ascii=False)


def write_yaml(fw, out):
    w = out.write
    w(f"id: {yaml_scalar(fw['id'])}\ntitle: {yaml_scalar(fw['title'])}\nschemes:\n")
    for s in fw["schemes"]:
        w(f"  - id: {s['id']}\n    name: {yaml_scalar(s['name'])}\n    label: {yaml_scalar(s['label'])}\n")
        if "codes" in s:
            w("    codes:\n")
            for c in s["codes"]:
                w(f"      - {{code: {yaml_scalar(c['code'])}, label: {yaml_scalar(c['label'])}}}\n")
    w("categories:\n")

    def entry(e, indent):
        pad = " " * indent
        w(f"{pad}- id: {yaml_scalar(e['id'])}\n{pad}  text: {yaml_scalar(e['text'])}\n")
        if e.get("tags"):
            tags = ", ".join("{tag: " + yaml_scalar(t["tag"]) + (", inferred: true" if t.get("inferred") else "") + "}" for t in e["tags"])
            w(f"{pad}  tags: [{tags}]\n")
        if e.get("subitems"):
            w(f"{pad}  subitems:\n")
            for sub in e["subitems"]:
                entry(sub, indent + 4)

    for c in fw["categories"]:
        w(f"  - id: {yaml_scalar(c['id'])}\n    title: {yaml_scalar(c['title'])}\n    entries:\n")
        for e in c["entries"]:
            entry(e, 6)


def write_curriculum(fw, out):
    """A module per ten categories: every item of odd categories, the first ten of even ones."""
    w = out.write
    w(f"curriculum: Synthetic training for {fw['id']}\nframework: {yaml_scalar(fw['id'])}\nmodules:\n")
    categories = fw["categories"]
    for m in range(0, len(categories), 10):
        covers = []
        for c in categories[m:m + 10]:
            covers += [f"{c['id']}.*"] if int(c["id"]) % 2 else [e["id"] for e in c["entries"][:10]]
        w(f"  - id: M{m // 10 + 1}\n    title: Module {m // 10 + 1}\n    hours: 2\n")
        w(f"    covers: [{', '.join(yaml_scalar(x) for x in covers)}]\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, required=True, help="entries (items and sub-items)")
    parser.add_argument("--out", required=True, help="directory to write to")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    fw = framework(args.entries, args.seed)
    base = f"{args.out}/synthetic-{args.entries}"
    with open(base + ".json", "w", encoding="utf-8") as out:
        json.dump(fw, out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")
    with open(base + ".yaml", "w", encoding="utf-8") as out:
        write_yaml(fw, out)
    with open(base + ".curriculum.yaml", "w", encoding="utf-8") as out:
        write_curriculum(fw, out)


if __name__ == "__main__":
    main()
