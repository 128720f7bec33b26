#!/usr/bin/env python3
"""Turns annotation notes into gold.jsonl (the annotator's tool, kept for re-builds).

Notes format (one file, blocks per document):
    DOC <key> pub=<YYYY-MM-DD|null>
    EV <type> | <subtype> | <status> | <date|null> | <place|null> | <CC|null> | <actor; actor>
    @ <anchor>        a unique substring of one evidence sentence (the sentence around
    @2 <anchor>       it is taken); "@2" takes the anchor's second occurrence
Keys: tr:<docid>, gwn:<file>, gv:<position>, mt:<doc_id> (texts in ../shared, only byte
offsets and a 20-character prefix are written) or ex:<file>[#<record id>] (the example
corpus in this repository: the evidence text is written too).

The notes for the shared sets quote the articles and stay out of the repository; the
output is the gold set.  Usage: build_gold.py NOTES... --splits FILE --shared DIR
--repo DIR -o gold.jsonl
"""

import argparse
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gold_texts  # noqa: E402

SETS = {"tr": "geo/TR-News.xml", "gwn": "geo/GWN.xml", "gv": "geo/GeoVirus.xml",
        "mt": "events/meantime"}
TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade", "Suicide bomb"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance",
                                   "Sexual violence"},
    "Protests": {"Peaceful protest", "Protest with intervention"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
    "Displacement/evacuation": {"Evacuation", "Displacement"},
    "Humanitarian": {"Aid", "Infrastructure"},
}
STATUSES = {"reported", "claimed", "denied", "background"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


def none(v):
    v = v.strip()
    return None if v in ("", "null") else v


def example_text(repo, key):
    name, _, record = key.partition("#")
    path = os.path.join(repo, "examples", name)
    if name.endswith(".jsonl"):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                rec = json.loads(line)
                if rec.get("id") == record:
                    return rec["text"], "examples/" + name, True
        raise SystemExit("no record " + key)
    raw = open(path, encoding="utf-8").read()
    if name.endswith(".html"):
        body = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", raw)
        body = re.sub(r"(?s)<[^>]+>", "\n", body)
        body = html.unescape(body)
        body = "\n".join(" ".join(l.split()) for l in body.split("\n"))
        return re.sub(r"\n{2,}", "\n\n", body), "examples/" + name, False
    return raw, "examples/" + name, True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notes", nargs="+")
    ap.add_argument("--splits", required=True)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--repo", default=".")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--show", action="store_true", help="print the evidence sentences")
    args = ap.parse_args()
    splits = dict(l.split() for l in open(args.splits) if l.strip())
    docs = []
    for notes in args.notes:
        for n, line in enumerate(open(notes, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            where = "%s:%d" % (notes, n)
            if line.startswith("DOC "):
                key, pub = line[4:].split()
                pub = none(pub.split("=", 1)[1])
                source, _, ident = key.partition(":")
                if source == "ex":
                    text, path, offsets = example_text(args.repo, ident)
                    doc = {"doc": key, "set": "examples", "path": path, "split": "examples"}
                    if "#" in ident:
                        doc["record"] = ident.split("#", 1)[1]
                else:
                    text, meta = gold_texts.article(args.shared, source, ident)
                    if text is None:
                        raise SystemExit(where + ": no text for " + key)
                    offsets = True
                    doc = {"doc": key, "set": SETS[source], "id": ident,
                           "url": meta.get("url") or None, "split": splits[key]}
                doc["sha1"] = gold_texts.sha1(text) if offsets else None
                doc["bytes"] = len(text.encode("utf-8")) if offsets else None
                doc["published"] = pub
                doc["events"] = []
                doc["_text"] = text
                doc["_offsets"] = offsets
                docs.append(doc)
            elif line.startswith("EV "):
                f = [x.strip() for x in line[3:].split("|")]
                if len(f) != 7:
                    raise SystemExit(where + ": 7 fields expected")
                typ, sub, status, date, place, cc, actors = f
                if typ not in TYPES or sub not in TYPES[typ]:
                    raise SystemExit(where + ": bad type/subtype " + typ + " / " + sub)
                if status not in STATUSES:
                    raise SystemExit(where + ": bad status " + status)
                date = none(date)
                if date is not None and not DATE_RE.match(date):
                    raise SystemExit(where + ": bad date " + date)
                doc = docs[-1]
                doc["events"].append({
                    "id": "%s#%d" % (doc["doc"], len(doc["events"]) + 1),
                    "type": typ, "subtype": sub, "status": status, "date": date,
                    "place": none(place), "country": none(cc),
                    "actors": [a.strip() for a in actors.split(";") if a.strip()],
                    "evidence": []})
            elif line.startswith("@"):
                m = re.match(r"@(\d*) (.*)$", line)
                nth = int(m.group(1) or 1)
                anchor = m.group(2)
                doc = docs[-1]
                text = doc["_text"]
                pattern = r"\s+".join(re.escape(w) for w in anchor.split())
                hits = [h.start() for h in re.finditer(pattern, text)]
                if len(hits) < nth or (m.group(1) == "" and len(hits) != 1):
                    raise SystemExit("%s: anchor found %d times: %r" % (where, len(hits), anchor))
                s, e = gold_texts.sentence_bounds(text, hits[nth - 1])
                ev = {"prefix": text[s:s + 20]}
                if doc["_offsets"]:
                    ev["start"] = len(text[:s].encode("utf-8"))
                    ev["end"] = len(text[:e].encode("utf-8"))
                else:
                    ev["start"] = ev["end"] = None
                if doc["set"] == "examples":
                    ev["text"] = text[s:e]
                evidence = doc["events"][-1]["evidence"]
                if any(x["prefix"] == ev["prefix"] and x["start"] == ev["start"] and
                       x.get("text") == ev.get("text") for x in evidence):
                    continue  # two anchors in one sentence
                evidence.append(ev)
                if args.show:
                    print("%-28s %s" % (doc["events"][-1]["id"], " ".join(text[s:e].split())))
            else:
                raise SystemExit(where + ": cannot read " + line)
    with open(args.output, "w", encoding="utf-8") as out:
        for doc in docs:
            for ev in doc["events"]:
                if not ev["evidence"]:
                    raise SystemExit(ev["id"] + ": no evidence")
            del doc["_text"], doc["_offsets"]
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print("%d documents, %d events -> %s" % (len(docs), sum(len(d["events"]) for d in docs),
                                            args.output), file=sys.stderr)


if __name__ == "__main__":
    main()
