#!/usr/bin/env python3
"""PAN 2013 text alignment through the product path.

Feeds every (suspicious, source) pair of the sample to the `sitrep` CLI with default
options and scores the passages it reports with PAN's plagdet (macro character precision
and recall, F1 / log2(1 + granularity)):

  analyze  `sitrep analyze SUSP SRC --format json`: every passage of every reported pair
           between the two documents is a detection (nothing reported: no detection);
  compare  `sitrep compare SRC SUSP --format json`: every passage is a detection.

Passage byte ranges index the documents as read (a UTF-8 file's own bytes; other files
decoded to UTF-8); they are mapped to the character offsets PAN counts.

Usage: bench/reuse/pan13_cli.py [--sitrep build/sitrep] [--data DIR] [--mode analyze|compare|both]
                                [--jobs N] [--limit N] [--dump CATEGORY]
Exit code 2 when DIR is missing.
"""
import argparse
import concurrent.futures as cf
import json
import math
import os
import subprocess
import sys
import tempfile

CATS = ["01-no-plagiarism", "02-no-obfuscation", "03-random-obfuscation",
        "04-translation-obfuscation", "05-summary-obfuscation"]


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def union_length(rs):
    total, cs, ce = 0, -1, -1
    for s, e in sorted(rs):
        if e <= s:
            continue
        if s > ce:
            if ce > cs:
                total += ce - cs
            cs, ce = s, e
        else:
            ce = max(ce, e)
    if ce > cs:
        total += ce - cs
    return total


def detects(g, d):
    return g[0] == d[0] and overlap(g[1], d[1]) > 0 and overlap(g[2], d[2]) > 0


def plagdet(gold, det):
    rec, detected, gran = 0.0, 0, 0
    for g in gold:
        su, sr, n = [], [], 0
        for d in det:
            if not detects(g, d):
                continue
            n += 1
            su.append((max(g[1][0], d[1][0]), min(g[1][1], d[1][1])))
            sr.append((max(g[2][0], d[2][0]), min(g[2][1], d[2][1])))
        ln = (g[1][1] - g[1][0]) + (g[2][1] - g[2][0])
        if ln > 0:
            rec += (union_length(su) + union_length(sr)) / ln
        if n:
            detected += 1
            gran += n
    prec = 0.0
    for d in det:
        su, sr = [], []
        for g in gold:
            if not detects(g, d):
                continue
            su.append((max(g[1][0], d[1][0]), min(g[1][1], d[1][1])))
            sr.append((max(g[2][0], d[2][0]), min(g[2][1], d[2][1])))
        ln = (d[1][1] - d[1][0]) + (d[2][1] - d[2][0])
        if ln > 0:
            prec += (union_length(su) + union_length(sr)) / ln
    r = rec / len(gold) if gold else 0
    p = prec / len(det) if det else 0
    g = gran / detected if detected else 1
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0
    return p, r, g, f1 / math.log2(1 + g)


class OffsetMap:
    """Byte offsets of the text sitrep read -> character offsets of the file.

    sitrep keeps a UTF-8 file's bytes as they are (passage offsets are file offsets) and
    decodes other files to UTF-8 (offsets index the decoded text); PAN counts characters."""

    def __init__(self, raw_bytes):
        try:
            text = raw_bytes.decode("utf-8")
        except UnicodeDecodeError:
            text = raw_bytes.decode("cp1252", errors="replace")
        self.read = text.encode("utf-8")

    def char(self, byte_off):
        return len(self.read[:byte_off].decode("utf-8", errors="ignore"))


def run(cmd):
    p = subprocess.run(cmd, capture_output=True)
    if p.returncode not in (0, 1):  # a crash: no detections for this pair, said aloud
        print("warning: %s exited with %d" % (" ".join(cmd), p.returncode), file=sys.stderr)
        return None
    return p.stdout


def doc_id(path):
    return os.path.splitext(os.path.basename(path))[0]


def detect_analyze(sitrep, susp, src, raw_susp, raw_src):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        if run([sitrep, "analyze", susp, src, "--format", "json", "-o", out.name]) is None:
            return []
        rep = json.load(open(out.name, encoding="utf-8"))
    sid, cid = doc_id(susp), doc_id(src)
    maps = {sid: OffsetMap(raw_susp), cid: OffsetMap(raw_src)}
    det = []
    for r in rep.get("reuse", []):
        if {r["source"], r["copy"]} != {sid, cid}:
            continue
        for p in r.get("passages", []):
            det.append(ranges(p, r["source"], r["copy"], sid, maps))
    return det


def ranges(p, source, copy, sid, maps):
    ms, mc = maps[source], maps[copy]
    s = (ms.char(p["source_start"]), ms.char(p["source_end"]))
    c = (mc.char(p["copy_start"]), mc.char(p["copy_end"]))
    return (c, s) if copy == sid else (s, c)  # (suspicious range, source range)


def detect_compare(sitrep, susp, src, raw_susp, raw_src):
    out = run([sitrep, "compare", src, susp, "--format", "json"])
    if out is None:
        return []
    rep = json.loads(out)
    r = rep if "passages" in rep else rep.get("reuse", rep)
    sid = doc_id(susp)
    maps = {sid: OffsetMap(raw_susp), doc_id(src): OffsetMap(raw_src)}
    return [ranges(p, r["source"], r["copy"], sid, maps) for p in r.get("passages", [])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default="build/sitrep")
    ap.add_argument("--data", default="../shared/bench/reuse/pan13-train-sample")
    ap.add_argument("--mode", default="both", choices=["analyze", "compare", "both"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="pairs per category (0: all)")
    ap.add_argument("--dump", default="")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        print("no PAN data at %s" % a.data, file=sys.stderr)
        return 2
    modes = ["analyze", "compare"] if a.mode == "both" else [a.mode]
    jobs = []
    for cat in CATS:
        d = os.path.join(a.data, cat)
        lines = [ln.split() for ln in open(os.path.join(d, "pairs")) if ln.strip()]
        if a.limit:
            lines = lines[: a.limit]
        for susp, src in lines:
            xml = open(os.path.join(d, susp[:-4] + "-" + src[:-4] + ".xml")).read()
            gold = []
            for part in xml.split("<feature")[1:]:
                if 'name="plagiarism"' not in part:
                    continue
                at = {}
                for k in ("this_offset", "this_length", "source_offset", "source_length"):
                    v = part.split(k + '="')[1].split('"')[0]
                    at[k] = int(v)
                gold.append(((at["this_offset"], at["this_offset"] + at["this_length"]),
                             (at["source_offset"], at["source_offset"] + at["source_length"])))
            if cat.startswith("05") and not gold:
                continue  # summary pairs without gold passages are not scored, as in PAN
            jobs.append((cat, os.path.join(a.data, "susp", susp), os.path.join(a.data, "src", src),
                         gold))

    def one(job):
        cat, susp, src, gold = job
        raw_susp = open(susp, "rb").read()
        raw_src = open(src, "rb").read()
        out = {}
        for m in modes:
            f = detect_analyze if m == "analyze" else detect_compare
            out[m] = f(a.sitrep, susp, src, raw_susp, raw_src)
        return out

    with cf.ThreadPoolExecutor(a.jobs) as ex:
        results = list(ex.map(one, jobs))
    for m in modes:
        print("== sitrep %s (default options)" % m)
        print("%-28s %6s %6s %9s %9s %7s %8s" % ("category", "pairs", "cases", "precision",
                                                  "recall", "gran", "plagdet"))
        all_g, all_d = [], []
        for cat in CATS:
            g, d, n = [], [], 0
            for k, (job, res) in enumerate(zip(jobs, results)):
                if job[0] != cat:
                    continue
                n += 1
                g += [(k,) + x for x in job[3]]
                d += [(k,) + x for x in res[m]]
                if a.dump and a.dump in cat:
                    print("PAIR", k, os.path.basename(job[1]), os.path.basename(job[2]))
                    for x in job[3]:
                        print("  gold susp %s src %s" % x)
                    for x in res[m]:
                        print("  det  susp %s src %s" % x)
            all_g += g
            all_d += d
            if not g:
                print("%-28s %6d %6d %9s %9s %7s %8s  (%d false detections)" %
                      (cat, n, 0, "-", "-", "-", "-", len(d)))
            else:
                p, r, gr, pd = plagdet(g, d)
                print("%-28s %6d %6d %9.3f %9.3f %7.3f %8.3f" % (cat, n, len(g), p, r, gr, pd))
        p, r, gr, pd = plagdet(all_g, all_d)
        print("%-28s %6s %6d %9.3f %9.3f %7.3f %8.3f" % ("all (pooled)", "", len(all_g), p, r, gr,
                                                          pd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
