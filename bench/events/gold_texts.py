"""Rebuilds the exact texts the event gold set (gold.jsonl) points into.

The articles stay in ../shared/bench (their licences forbid copying them here); this
module turns one article of a shared set into the text its annotation's byte offsets
refer to, deterministically:

- "tr"  geo/TR-News.xml, article docid      title + "\\n\\n" + text (both stripped)
- "gwn" geo/GWN.xml, article file           title + "\\n\\n" + text (both stripped)
- "gv"  geo/GeoVirus.xml, position (0-based) text (stripped; the set has no titles)
- "mt"  events/meantime (Wikinews), doc_id  sentence 0 (title) + "\\n\\n" + the other
        sentences, tokens joined by a fixed detokenizer, one space between sentences

Standard library only.
"""

import glob
import hashlib
import os
import re
import xml.etree.ElementTree as ET

_CACHE = {}


def _articles(shared, name):
    key = (shared, name)
    if key not in _CACHE:
        root = ET.parse(os.path.join(shared, "bench", "geo", name)).getroot()
        _CACHE[key] = root.findall("article")
    return _CACHE[key]


def _join(title, body):
    title = " ".join((title or "").split())
    body = (body or "").strip()
    return title + "\n\n" + body if title else body


_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "'s", "'", "n't", "%", "'re",
                    "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$"}


def _detokenize(tokens):
    out = ""
    prev = None
    quote_open = False
    for tok in tokens:
        space = prev is not None
        if tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER:
            space = False
        if tok == '"':
            if quote_open:
                space = False
            quote_open = not quote_open
        elif prev == '"' and quote_open:
            space = False
        if space:
            out += " "
        out += tok
        prev = tok
    return out


def _meantime(shared, doc_id):
    pattern = os.path.join(shared, "bench", "events", "meantime", "intra-doc_annotation",
                           "corpus_*", str(doc_id) + "_*.xml")
    for path in sorted(glob.glob(pattern)):
        root = ET.parse(path).getroot()
        sentences = {}
        for tok in root.iter("token"):
            sentences.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        order = sorted(sentences)
        title = _detokenize(sentences[order[0]])
        body = " ".join(_detokenize(sentences[s]) for s in order[1:])
        return title + "\n\n" + body, {"url": root.get("url")}
    return None, {}


def article(shared, source, ident):
    """(text, meta) of one article, or (None, {}) when it is not found."""
    if source == "tr":
        for a in _articles(shared, "TR-News.xml"):
            if a.get("docid") == str(ident):
                return _join(a.findtext("title"), a.findtext("text")), {
                    "url": (a.findtext("url") or "").strip(),
                    "dltime": (a.findtext("dltime") or "").strip()}
    elif source == "gwn":
        for a in _articles(shared, "GWN.xml"):
            if a.get("file") == str(ident):
                return _join(a.findtext("title"), a.findtext("text")), {
                    "url": (a.findtext("link") or "").strip()}
    elif source == "gv":
        arts = _articles(shared, "GeoVirus.xml")
        i = int(ident)
        if 0 <= i < len(arts):
            return (arts[i].findtext("text") or "").strip(), {
                "url": (arts[i].findtext("source") or "").strip()}
    elif source == "mt":
        return _meantime(shared, ident)
    return None, {}


def sha1(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_CLOSERS = "\"\u201d\u2019')"


def _is_break(text, i):
    """True when a sentence ends just before text[i] (i is the index after the end)."""
    if i <= 0 or i >= len(text):
        return True
    c = text[i - 1]
    if c == "\n":
        # A newline ends a sentence after end punctuation, before a blank line or in a
        # title line; hard-wrapped lines inside a paragraph do not.
        j = i - 2
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j < 0 or text[j] in ".!?:" + _CLOSERS or text[j] == "\n":
            return True
        k = i
        while k < len(text) and text[k] in " \t":
            k += 1
        if k >= len(text) or text[k] == "\n":
            return True
        return text.find("\n\n") == text.find("\n") and i - 1 == text.find("\n")
    if c in " \t":
        j = i - 2
        while j >= 0 and text[j] in _CLOSERS:
            j -= 1
        if j >= 0 and text[j] in ".!?":
            # Not after a lone capital initial or a common abbreviation.
            w = re.search(r"(\S+)$", text[:j + 1])
            word = w.group(1) if w else ""
            if re.fullmatch(r"(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Rev|No|Jr|Sr|U\.S|a\.m|p\.m|Dec|Nov|Oct|Jan|Feb|Aug|Sept|Sep)\.", word):
                return False
            return True
    return False


def sentence_bounds(text, pos):
    """[s, e) character span of the sentence that holds text[pos]."""
    s = pos
    while s > 0 and not _is_break(text, s):
        s -= 1
    e = pos + 1
    n = len(text)
    while e < n and not _is_break(text, e):
        e += 1
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    return s, e
