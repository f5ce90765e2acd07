"""A PDF as a printer gives it: pages, words, and words printed over each other.

Usage: check.py FILE.pdf  (with poppler's pdftotext on PATH). Prints one JSON object: the number
of pages; for each page its words, top to bottom and left to right, in lines; and every pair of
words whose boxes overlap (text printed over text: a wrapped cell running into the next row).
"""

import html
import json
import re
import subprocess
import sys

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pages(path):
    """Each page's words with their boxes, from pdftotext -bbox."""
    out = subprocess.run(
        ["pdftotext", "-bbox", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for page in out.split("<page ")[1:]:
        words = []
        for match in WORD.finditer(page):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            words.append((x0, y0, x1, y1, html.unescape(match.group(5))))
        found.append(words)
    return found


def overlaps(words, slack=0.5):
    """Pairs of words printed over each other: boxes that overlap by more than `slack` points
    across and by more than half the shorter's height up and down. (A box holds the font's
    ascent and descent, so the lines of one wrapped cell overlap a little: not that.)"""
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            wide = min(a[2], b[2]) - max(a[0], b[0])
            tall = min(a[3], b[3]) - max(a[1], b[1])
            if wide > slack and tall > min(a[3] - a[1], b[3] - b[1]) / 2:
                pairs.append([a[4], b[4], round(a[1], 1), round(b[1], 1)])
    return pairs


def lines(words):
    """The page's words in lines, top to bottom: words whose middles are within 2 points."""
    rows = []
    for w in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        middle = (w[1] + w[3]) / 2
        if rows and abs(rows[-1][0] - middle) < 2:
            rows[-1][1].append(w)
        else:
            rows.append([middle, [w]])
    return [" ".join(w[4] for w in sorted(row, key=lambda w: w[0])) for _, row in rows]


def main():
    found = pages(sys.argv[1])
    report = {
        "pages": len(found),
        "lines": [lines(words) for words in found],
        "overlaps": [overlaps(words) for words in found],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
