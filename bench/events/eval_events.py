#!/usr/bin/env python3
"""Scores sitrep's events against the event gold set (bench/events/gold.jsonl).

    python3 bench/events/eval_events.py [--sitrep build/sitrep] [--shared ../shared]
    python3 bench/events/eval_events.py --report REPORT.json [--report ...]

Without --report it writes the gold documents of ../shared into a temporary folder as
JSON Lines (id, date, title, text: the exact text the gold offsets point into), runs
`sitrep analyze DIR --format json -o report.json` with default options, does the same on
the example corpus (examples/), and scores both. When ../shared is absent only the
example corpus is scored (and a note says so).

Matching is per document. A predicted event (one per document it is mentioned in) and a
gold event match when one of the predicted evidence spans overlaps one of the gold
evidence sentences, or when they have the same type, the same day and the same place.
- lenient (main figure): a prediction is correct when it matches any gold event, a gold
  event is found when any prediction matches it;
- strict: one-to-one (maximum bipartite matching), each gold event counted once.
On the strict pairs: type, subtype, status, place, country and date accuracy.

Predicted evidence: the report's events[].evidence [{doc, start, end}] (contract 1.1,
byte offsets into documents[].text) when present, else events[].mentions [{doc, text}]
located in the document's text. The document text is documents[].text when present,
else it is rebuilt from documents[].blocks (text at start..end). A report without event
`status` is scored as if every status were "reported" (said in the output).

Standard library only.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gold_texts  # noqa: E402

DEFINITION_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians",
                    "Protests", "Riots", "Strategic developments", "Displacement/evacuation",
                    "Humanitarian"}
SPLITS = ("dev", "aside", "examples")


# ---------------------------------------------------------------- text and spans

def byte_to_char(text, offset):
    return len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


def char_to_byte(text, offset):
    return len(text[:offset].encode("utf-8"))


class Haystack:
    """A text with a whitespace-collapsed, case-folded view for locating sentences."""

    def __init__(self, text):
        self.text = text
        chars, index = [], []
        space = False
        for i, c in enumerate(text):
            if c.isspace():
                if not space and chars:
                    chars.append(" ")
                    index.append(i)
                space = True
                continue
            space = False
            chars.append(_fold(c))
            index.append(i)
        self.norm = "".join(chars)
        self.index = index

    def find_all(self, needle):
        """Character spans [s, e) in text of every occurrence of needle (normalized)."""
        n = " ".join(needle.split())
        n = "".join(_fold(c) for c in n)
        out = []
        if not n:
            return out
        start = 0
        while True:
            k = self.norm.find(n, start)
            if k < 0:
                return out
            s = self.index[k]
            e = self.index[k + len(n) - 1] + 1
            out.append((s, e))
            start = k + 1


_FOLD = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
         "\u2014": "-", "\u00a0": " "}


def _fold(c):
    return _FOLD.get(c, c).lower()


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------- gold

def load_gold(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_canonical_text(doc, shared, repo):
    """The text a gold document's offsets point into, or None (html example, no shared)."""
    if doc["set"] == "examples":
        if doc.get("sha1") is None:
            return None
        path = os.path.join(repo, doc["path"])
        if doc.get("record"):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        rec = json.loads(line)
                        if rec.get("id") == doc["record"]:
                            return rec.get("text")
            return None
        with open(path, encoding="utf-8") as f:
            return f.read()
    source, _, ident = doc["doc"].partition(":")
    text, _ = gold_texts.article(shared, source, ident)
    return text


# ---------------------------------------------------------------- report

def report_doc_text(rdoc):
    if isinstance(rdoc.get("text"), str):
        return rdoc["text"]
    blocks = rdoc.get("blocks") or []
    size = max([b.get("end", 0) for b in blocks] + [0])
    buf = bytearray(b" " * size)
    for b in blocks:
        raw = (b.get("text") or "").encode("utf-8")
        s = b.get("start", 0)
        if s + len(raw) <= size:
            buf[s:s + len(raw)] = raw
    return buf.decode("utf-8", "replace")


def map_gold_doc(doc, report_docs):
    """The report document (dict) that holds a gold document, or None."""
    if doc["set"] == "examples":
        name = os.path.basename(doc["path"])
        for rdoc in report_docs:
            if os.path.basename(rdoc.get("path") or "") != name:
                continue
            if doc.get("record") and rdoc.get("id") != doc["record"]:
                continue
            return rdoc
        return None
    for rdoc in report_docs:
        if rdoc.get("id") == doc["doc"]:
            return rdoc
    return None


def gold_spans(doc, canonical, hay, warnings):
    """Per gold event: list of character spans in the report's document text."""
    same = canonical is not None and canonical == hay.text
    out = []
    for ev in doc["events"]:
        spans = []
        for evd in ev["evidence"]:
            if same and evd.get("start") is not None:
                s = byte_to_char(canonical, evd["start"])
                e = byte_to_char(canonical, evd["end"])
                spans.append((s, e))
                continue
            if evd.get("text"):
                sentence = evd["text"]
            elif canonical is not None and evd.get("start") is not None:
                b = canonical.encode("utf-8")
                sentence = b[evd["start"]:evd["end"]].decode("utf-8", "replace")
            else:
                sentence = None
            found = hay.find_all(sentence) if sentence else []
            if not found and sentence:
                # The report may have cut the sentence (a title block, a cleaned line):
                # try its longest line, then its first 60 characters.
                part = max(sentence.split("\n"), key=len)
                found = hay.find_all(part) or hay.find_all(sentence[:60])
            if found:
                spans.append(found[0])
            else:
                warnings.append("%s: evidence %r not found in the report's text"
                                % (ev["id"], evd.get("prefix")))
        out.append(spans)
    return out


def predicted_items(report, doc_ids, texts, warnings):
    """{doc id: [item]}; an item is one predicted event's projection on one document."""
    ents = {e.get("id"): e for e in report.get("entities", [])}
    hays = {d: Haystack(t) for d, t in texts.items()}
    items = collections.defaultdict(list)
    for ev in report.get("events", []):
        spans = collections.defaultdict(list)
        texts_of = collections.defaultdict(list)
        if ev.get("evidence"):
            for evd in ev["evidence"]:
                d = evd.get("doc")
                if d not in doc_ids:
                    continue
                if evd.get("start") is not None and evd.get("end") is not None:
                    t = texts[d]
                    spans[d].append((byte_to_char(t, evd["start"]), byte_to_char(t, evd["end"])))
                    texts_of[d].append(evd.get("text") or t[spans[d][-1][0]:spans[d][-1][1]])
                elif evd.get("text"):
                    found = hays[d].find_all(evd["text"])
                    spans[d].extend(found[:1])
                    texts_of[d].append(evd["text"])
        else:
            for m in ev.get("mentions", []):
                d = m.get("doc")
                if d not in doc_ids:
                    continue
                if m.get("start") is not None and m.get("end") is not None:
                    t = texts[d]
                    spans[d].append((byte_to_char(t, m["start"]), byte_to_char(t, m["end"])))
                else:
                    found = hays[d].find_all(m.get("text") or "")
                    if found:
                        spans[d].append(found[0])
                    else:
                        warnings.append("%s: mention %r not found in %s"
                                        % (ev.get("id"), (m.get("text") or "")[:40], d))
                texts_of[d].append(m.get("text") or "")
        loc = ents.get(ev.get("location")) or {}
        place_names = [loc.get("name")] + list(loc.get("aliases") or []) if loc else []
        for d in set(spans) | set(texts_of):
            items[d].append({
                "id": ev.get("id"), "doc": d, "type": ev.get("type"),
                "subtype": ev.get("subtype"), "status": ev.get("status"),
                "date": ev.get("date"), "place": [p for p in place_names if p],
                "country": loc.get("country") if loc else None,
                "spans": spans.get(d, []), "texts": texts_of.get(d, [])})
    return items


# ---------------------------------------------------------------- matching

def _norm_place(s):
    s = s.lower().replace("\u2019", "'")
    s = re.sub(r"^(the|city of|town of)\s+", "", s.strip())
    return " ".join(re.findall(r"[\w'-]+", s))


def place_matches(pred_names, gold_place):
    if not gold_place or not pred_names:
        return False
    parts = [_norm_place(p) for p in gold_place.split(",")] + [_norm_place(gold_place)]
    parts = [p for p in parts if p]
    for name in pred_names:
        n = _norm_place(name)
        if not n:
            continue
        for p in parts:
            if n == p or re.search(r"\b%s\b" % re.escape(n), p) or \
                    re.search(r"\b%s\b" % re.escape(p), n):
                return True
    return False


def date_exact(pred, gold):
    return pred is not None and gold is not None and pred == gold


def date_compatible(pred, gold):
    """Same value, or one is a coarser form of the other (2016-12 vs 2016-12-14)."""
    if pred is None or gold is None:
        return False
    return pred == gold or pred.startswith(gold + "-") or gold.startswith(pred + "-")


def is_match(p, g, gspans):
    if any(overlaps(a, b) for a in p["spans"] for b in gspans):
        return True
    gd = g.get("date")
    return (gd is not None and len(gd) == 10 and p.get("date") == gd and
            p.get("type") == g["type"] and place_matches(p["place"], g.get("place")))


def max_matching(edges, n_left):
    """Maximum bipartite matching: edges[i] = list of right indices. Returns {i: j}."""
    match_right = {}

    def augment(i, seen):
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_right or augment(match_right[j], seen):
                match_right[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return {i: j for j, i in match_right.items()}


# ---------------------------------------------------------------- scoring

class Tally:
    def __init__(self):
        self.c = collections.Counter()
        self.fp = []
        self.fn = []
        self.pairs = []

    def add(self, other):
        self.c.update(other.c)
        self.fp += other.fp
        self.fn += other.fn
        self.pairs += other.pairs


def score_doc(doc, gspans, preds, only_types=None):
    t = Tally()
    gold = doc["events"]
    if only_types is not None:
        preds = [p for p in preds if p["type"] in only_types]
    edges = [[j for j, g in enumerate(gold) if is_match(p, g, gspans[j])]
             for p in preds]
    t.c["pred"] += len(preds)
    t.c["gold"] += len(gold)
    t.c["pred_ok"] += sum(1 for e in edges if e)
    found = set(j for e in edges for j in e)
    t.c["gold_found"] += len(found)
    m = max_matching(edges, len(preds))
    t.c["strict_tp"] += len(m)
    for i, p in enumerate(preds):
        if not edges[i]:
            t.fp.append(p)
    for j, g in enumerate(gold):
        if j not in found:
            t.fn.append((doc, g))
    for i, j in m.items():
        t.pairs.append((preds[i], gold[j]))
    return t


def prf(tp_p, n_p, tp_r, n_r):
    p = tp_p / n_p if n_p else None
    r = tp_r / n_r if n_r else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r > 0 else None
    return p, r, f


def attribute_accuracy(pairs, status_absent):
    acc = collections.OrderedDict()

    def ratio(ok, n):
        return (ok, n)

    acc["type"] = ratio(sum(p["type"] == g["type"] for p, g in pairs), len(pairs))
    acc["subtype"] = ratio(sum(p["subtype"] == g["subtype"] for p, g in pairs), len(pairs))
    acc["status"] = ratio(sum((p["status"] or "reported") == g["status"] for p, g in pairs),
                          len(pairs))
    with_place = [(p, g) for p, g in pairs if g.get("place")]
    acc["place"] = ratio(sum(place_matches(p["place"], g["place"]) for p, g in with_place),
                         len(with_place))
    with_cc = [(p, g) for p, g in pairs if g.get("country")]
    acc["country"] = ratio(sum((p["country"] or "").upper() == g["country"] for p, g in with_cc),
                           len(with_cc))
    with_date = [(p, g) for p, g in pairs if g.get("date")]
    acc["date"] = ratio(sum(date_exact(p["date"], g["date"]) for p, g in with_date),
                        len(with_date))
    acc["date~"] = ratio(sum(date_compatible(p["date"], g["date"]) for p, g in with_date),
                         len(with_date))
    return acc


def fmt(x):
    return "  -  " if x is None else "%.3f" % x


def summarize(name, tally, status_absent):
    c = tally.c
    lp, lr, lf = prf(c["pred_ok"], c["pred"], c["gold_found"], c["gold"])
    sp, sr, sf = prf(c["strict_tp"], c["pred"], c["strict_tp"], c["gold"])
    acc = attribute_accuracy(tally.pairs, status_absent)
    return {"split": name, "docs": c["docs"], "gold": c["gold"], "predicted": c["pred"],
            "lenient": {"precision": lp, "recall": lr, "f1": lf,
                        "correct_predictions": c["pred_ok"], "gold_found": c["gold_found"]},
            "strict": {"precision": sp, "recall": sr, "f1": sf, "pairs": c["strict_tp"]},
            "accuracy_on_strict_pairs": {k: {"correct": v[0], "of": v[1]}
                                         for k, v in acc.items()},
            "missing_docs": c["missing_docs"]}


def short(s, n=90):
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[:n - 1] + "\u2026"


def run_sitrep(sitrep, folder, out):
    cmd = [sitrep, "analyze", folder, "--format", "json", "-o", out]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if not os.path.exists(out):
        sys.exit("eval_events: %s failed (exit %d): %s" % (" ".join(cmd), proc.returncode,
                                                          proc.stderr.strip()[-500:]))
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def write_jsonl(gold_docs, shared, path):
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for doc in gold_docs:
            if doc["set"] == "examples":
                continue
            text = gold_canonical_text(doc, shared, None)
            if text is None or gold_texts.sha1(text) != doc["sha1"]:
                sys.exit("eval_events: the text of %s in %s differs from the annotated one "
                         "(sha1)" % (doc["doc"], shared))
            rec = {"id": doc["doc"], "text": text}
            if "\n\n" in text and not doc["doc"].startswith("gv:"):
                rec["title"] = text.split("\n\n", 1)[0]
            if doc.get("published"):
                rec["date"] = doc["published"]
            if doc.get("url"):
                rec["url"] = doc["url"]
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sitrep", default="build/sitrep")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--gold", default=os.path.join(HERE, "gold.jsonl"))
    ap.add_argument("--repo", default=os.path.normpath(os.path.join(HERE, "..", "..")),
                    help="repository root (for examples/)")
    ap.add_argument("--report", action="append", default=[],
                    help="score this report instead of running sitrep (repeatable)")
    ap.add_argument("--keep", help="folder to keep the generated input and reports in")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--errors", type=int, default=1000,
                    help="list at most this many false positives and misses per split")
    ap.add_argument("--quiet", action="store_true", help="figures only, no error lists")
    args = ap.parse_args(argv)

    gold = load_gold(args.gold)
    if args.shared == "../shared" and not os.path.isdir(os.path.join(args.shared, "bench")):
        # The default is relative to the working directory; from elsewhere, the one
        # next to the repository.
        beside = os.path.join(args.repo, "..", "shared")
        if os.path.isdir(os.path.join(beside, "bench")):
            args.shared = os.path.normpath(beside)
    have_shared = os.path.isdir(os.path.join(args.shared, "bench"))
    notes = []
    if not have_shared:
        notes.append("note: %s/bench is absent: only the example corpus is scored"
                     % args.shared)
        gold = [d for d in gold if d["set"] == "examples"]

    reports = []
    if args.report:
        for path in args.report:
            with open(path, encoding="utf-8") as f:
                reports.append(json.load(f))
    else:
        if not os.path.exists(args.sitrep):
            print("eval_events: no sitrep binary at %s (build it or pass --sitrep)"
                  % args.sitrep)
            return 2
        work = args.keep or tempfile.mkdtemp(prefix="sitrep-events-")
        os.makedirs(work, exist_ok=True)
        try:
            if have_shared:
                indir = os.path.join(work, "gold-docs")
                os.makedirs(indir, exist_ok=True)
                write_jsonl(gold, args.shared, os.path.join(indir, "gold.jsonl"))
                reports.append(run_sitrep(args.sitrep, indir,
                                          os.path.join(work, "report-gold.json")))
            reports.append(run_sitrep(args.sitrep, os.path.join(args.repo, "examples"),
                                      os.path.join(work, "report-examples.json")))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)

    status_absent = not any("status" in ev for r in reports for ev in r.get("events", []))
    has_evidence = any("evidence" in ev for r in reports for ev in r.get("events", []))
    if status_absent:
        notes.append("note: the report's events have no `status`: scored as \"reported\"")
    notes.append("note: predicted evidence from events[].%s"
                 % ("evidence" if has_evidence else "mentions (located in the text)"))

    warnings = []
    tallies = {s: Tally() for s in SPLITS}
    tallies_def = {s: Tally() for s in SPLITS}
    for doc in gold:
        split = doc["split"]
        found = None
        for r in reports:
            rdoc = map_gold_doc(doc, r.get("documents", []))
            if rdoc is not None:
                found = (r, rdoc)
                break
        if found is None:
            tallies[split].c["missing_docs"] += 1
            tallies[split].c["gold"] += len(doc["events"])
            tallies_def[split].c["gold"] += len(doc["events"])
            for g in doc["events"]:
                tallies[split].fn.append((doc, g))
            warnings.append("%s: not in the report" % doc["doc"])
            continue
        report, rdoc = found
        text = report_doc_text(rdoc)
        hay = Haystack(text)
        canonical = gold_canonical_text(doc, args.shared, args.repo)
        gspans = gold_spans(doc, canonical, hay, warnings)
        rid = rdoc.get("id")
        preds = predicted_items(report, {rid}, {rid: text}, warnings).get(rid, [])
        for p in preds:
            p["gold_doc"] = doc["doc"]
        t = score_doc(doc, gspans, preds)
        t.c["docs"] += 1
        tallies[split].add(t)
        t2 = score_doc(doc, gspans, preds, DEFINITION_TYPES)
        t2.c["docs"] += 1
        tallies_def[split].add(t2)

    results = {"notes": notes, "splits": [], "definition_types_only": []}
    for s in SPLITS:
        if tallies[s].c["docs"] or tallies[s].c["gold"]:
            results["splits"].append(summarize(s, tallies[s], status_absent))
            results["definition_types_only"].append(summarize(s, tallies_def[s], status_absent))

    for n in notes:
        print(n)
    print()
    print("%-9s %5s %5s %5s | %-21s | %-21s" % ("split", "docs", "gold", "pred",
                                                "lenient P / R / F1", "strict P / R / F1"))
    for r in results["splits"]:
        le, st = r["lenient"], r["strict"]
        print("%-9s %5d %5d %5d | %s %s %s | %s %s %s" % (
            r["split"], r["docs"], r["gold"], r["predicted"], fmt(le["precision"]),
            fmt(le["recall"]), fmt(le["f1"]), fmt(st["precision"]), fmt(st["recall"]),
            fmt(st["f1"])))
    print("\nonly predicted events of the definition's types (Statement etc. left out):")
    for r in results["definition_types_only"]:
        le, st = r["lenient"], r["strict"]
        print("%-9s %5d %5d %5d | %s %s %s | %s %s %s" % (
            r["split"], r["docs"], r["gold"], r["predicted"], fmt(le["precision"]),
            fmt(le["recall"]), fmt(le["f1"]), fmt(st["precision"]), fmt(st["recall"]),
            fmt(st["f1"])))
    print("\naccuracy on strict pairs (correct/of):")
    keys = ["type", "subtype", "status", "place", "country", "date", "date~"]
    print("%-9s " % "split" + " ".join("%-13s" % k for k in keys))
    for r in results["splits"]:
        a = r["accuracy_on_strict_pairs"]
        print("%-9s " % r["split"] + " ".join(
            "%-13s" % ("%d/%d %s" % (a[k]["correct"], a[k]["of"],
                                     fmt(a[k]["correct"] / a[k]["of"]) if a[k]["of"] else ""))
            for k in keys))
    print("(date~: the same value or a coarser/finer form of it)")

    if not args.quiet:
        for s in SPLITS:
            t = tallies[s]
            if not (t.fp or t.fn):
                continue
            print("\n== %s: false positives (%d)" % (s, len(t.fp)))
            for p in t.fp[:args.errors]:
                print("  FP %-22s %-28s %-12s %s" % (
                    p["gold_doc"], "%s/%s" % (p["type"], p["subtype"] or "-"),
                    p.get("date") or "-", short(p["texts"][0] if p["texts"] else "")))
            print("== %s: misses (%d)" % (s, len(t.fn)))
            for doc, g in t.fn[:args.errors]:
                print("  FN %-26s %-28s %-10s %-11s %s" % (
                    g["id"], "%s/%s" % (g["type"], g["subtype"]), g["status"],
                    g.get("date") or "-", g["evidence"][0].get("prefix")))
            wrong = [(p, g) for p, g in t.pairs if p["type"] != g["type"]]
            if wrong:
                print("== %s: matched with another type (%d)" % (s, len(wrong)))
                for p, g in wrong[:args.errors]:
                    print("  TY %-26s gold %-28s predicted %s/%s" % (
                        g["id"], g["type"], p["type"], p["subtype"] or "-"))
    if warnings:
        print("\n%d warnings:" % len(warnings))
        for w in warnings[:50]:
            print("  " + w)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
