"""A Dask job running sitrep over a corpus of JSONL or WARC shards (docs/scale.md).

    sitrep-dask SHARDS... --out DIR [--scheduler tcp://127.0.0.1:8786 | --workers 2]
            [--group-by day|component|chain] [--bins N]
            [--no-rewrite-keys] [--no-pair-bins] [--day-band-keys] [--no-entity-merge]
            [--rewrite-index auto|driver|shuffle] [--max-unit N]
            [--compare]   # also run single-machine sitrep.analyze and report the agreement
    (or: python3 -m sitrep.dask ...)

Design (the reasons and the measured agreement are in docs/scale.md):

1. map      each shard (one .jsonl, .warc or .warc.gz file = one partition; a .txt/.html
            file is a partition of one article) is read by the engine's readers
            (`sitrep.read`): the documents as read, with the ids and fields
            `sitrep analyze` gives them, and each one's candidate keys
            (`sitrep.stages.signature`: MinHash LSH band keys, and the sentence sketches
            and rare tokens of the reuse stage's RewriteIndex).
2. shuffle  (band key, doc id) pairs are grouped by band key (dask.bag groupby, task
            shuffle); every key shared by two or more documents links them. The rewrite
            keys are shuffled too: keys held by more than max_postings documents are
            dropped where they are counted, the others are scored per document as
            RewriteIndex::Query scores them (a second shuffle, by document), and each
            document keeps its max_candidates strongest earlier candidates.
3. driver   union-find over those links gives the candidate components (copies, rewrites);
            rewrite links are added strongest first and skipped when they would make a
            component larger than one bin's share (`max_unit`).
            An analysis unit is a union of components, joined further by the documents'
            publication day (`group_by="day"`): events merge across independent documents
            by type, place and date, so documents of the same day are analysed together.
4. shuffle  documents are grouped by unit, units packed into bins (second shuffle, of the
            documents themselves).
5. map      each bin is analysed where it lands: `sitrep.analyze(documents)`, the full
            pipeline (clean with cross-document evidence inside the bin, reuse, extract,
            reconcile) with default options.
            Pair bins (default with rewrite keys): 4-5 run twice. First for the reuse
            pairs only, exactly those of one analyze over the corpus: the outlets' template
            lines are found once over every document (shuffled by outlet,
            stages.find_templates) and the signatures computed with them; the candidate
            pairs are those FindReuse aligns (same body hash, a shared band key with
            estimated Jaccard >= 0.2 from the fingerprints, RewriteIndex::Query's
            candidates with its positions, postings cap and summation order, every pair of
            <= 32 documents); the document frequency of sentence terms is summed over the
            partitions. Pair bins are components of the candidate pairs (bounded by
            max_unit); a candidate pair across two bins ships its earlier document to the
            later one's bin, where the pair is aligned (stages.analyze_pairs: the bin's
            candidates, the corpus's word weights and templates). Then on day bins of the
            band-key components joined by the pairs found that retell a whole story
            (duplicate, near-duplicate, rewrite), keeping the documents and events: most
            rewrite links are likeness (one topic, one template), and a component spanning
            weeks, placed on its earliest day, would take its documents away from the
            other reports of their events. The day bins clean with the corpus's template
            lines, take the pair bins' pairs instead of their own, weigh places by the
            corpus's place counts (the pair bins also extract, and count the places each
            document names: main places and the ubiquity penalty), type names by the
            corpus's entity-type votes, take their entities from one merge of every
            document's entity mentions over the corpus (stages.merge_entities, on the
            driver), and analyse the source of each of their copies that lives in another
            day bin, and its sources up the copy graph, as context (their mentions left to
            their own bin), so the copies link their mentions as one analyze does.
5b. shuffle the bins hand over their event mentions, not their events: an event told in
            documents of several bins would be found once in each, and which event a
            mention joins depends on the other mentions it meets. The mentions are
            shuffled by merge group (event type) and reconciled once over all bins by the
            engine's own merge (stages.reconcile_mentions), with word weights counted
            over every bin's mentions and independent sources over the copy clusters of
            all the reuse pairs the job found.
6. output   documents-*.jsonl, reuse-*.jsonl, events-*.jsonl, timeline-*.jsonl shards and
            summary.json.

The reuse pairs equal single-machine `sitrep.analyze`'s (pair layout); the events only
where the rest of the pipeline's corpus-wide evidence (entities, places, event merging
chains) stays inside one day bin; `compare_reports` measures how close it comes.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import pathlib
import sys
import time
from typing import Iterable, Sequence

__all__ = ["shard_paths", "read_shard", "read_shard_with_diagnostics", "run", "read_output",
           "compare_reports", "local_client", "main"]

_SHARD_SUFFIXES = (".jsonl", ".warc", ".warc.gz", ".txt", ".html", ".htm")


def _is_shard(name: str) -> bool:
    return name.lower().endswith(_SHARD_SUFFIXES)


def shard_paths(inputs: Iterable[str | os.PathLike]) -> list[str]:
    """The shards named or found (recursively, hidden entries skipped) in the folders
    named, sorted: .jsonl, .warc and .warc.gz files (one partition each), and .txt/.html
    files (one article each, a partition each)."""
    out: list[str] = []
    for item in inputs:
        p = pathlib.Path(item)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*"))
                       if f.is_file() and _is_shard(f.name)
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            out.append(str(p))
    return out


def read_shard_with_diagnostics(path: str) -> dict:
    """{"documents": [...], "diagnostics": [...]} of one shard, read by the engine's
    readers (`sitrep.read`): JSONL records, the HTML responses of a WARC file (other
    records skipped and counted in an "info" diagnostic; corrupt and truncated records
    reported and skipped), or one .txt/.html article."""
    import sitrep

    return sitrep.read(path)


def read_shard(path: str) -> list[dict]:
    """The documents of one shard as `sitrep.read` gives them: the ids `sitrep analyze`
    gives (JSONL "id", else "<file stem>:<line>"; WARC "<file stem>:<record number>"; a
    .txt/.html file's stem) and the fields of the engine's Document as read. Records the
    reader skips (invalid JSON, no text, non-HTML WARC records) are not there."""
    return read_shard_with_diagnostics(path)["documents"]


def _read_positioned(ip: tuple) -> dict:
    """Shard number i, path -> documents with their input position (i, n), diagnostics."""
    i, path = ip
    read = read_shard_with_diagnostics(path)
    return {"records": [((i, n), d) for n, d in enumerate(read["documents"])],
            "diagnostics": read["diagnostics"]}


# ---- stage functions run on the workers -------------------------------------------------


def _signatures(records: list, templates: dict | None = None) -> list[dict]:
    """One item per partition: {"sigs": [(doc id, publication day or "", band keys, input
    rank, sentence sketches, rare tokens, has sentences, body hash, fingerprint)...], "df":
    Counter of the partition's documents using each sentence term}. The rank (shard << 32 |
    number in the shard) orders documents as `sitrep analyze SHARDS` reads them; the
    fingerprint is the low byte of each MinHash value (what NearDuplicateIndex::Query
    compares). templates: the corpus's template lines, applied before the keys are
    computed (as one analyze over the corpus cleans each document)."""
    from . import stages

    prepared = stages.templates(templates) if templates else None
    out, df = [], collections.Counter()
    for (shard, n), doc in records:
        try:
            sig = stages.signature(doc, templates=prepared)
            keys = (sig["band_keys"], sig["sentence_sketches"], sig["rare_tokens"])
            extra = (sig["has_sentences"], sig["body_hash"],
                     bytes(v & 0xFF for v in sig["signature"]))
            df.update(sig["terms"])
        except Exception:  # an unreadable document has no candidates
            keys = ([], [], [])
            extra = (False, 0, b"")
        out.append((doc["id"], _day(doc), keys[0], shard << 32 | n, keys[1], keys[2]) + extra)
    return [{"sigs": out, "df": df}]


def _clean_keys(records: list) -> list[tuple]:
    """(outlet, block keys) of each document cleaned alone (stages.clean_keys)."""
    from . import stages

    out = []
    for _, doc in records:
        try:
            out.append(stages.clean_keys(doc))
        except Exception:  # an unreadable document holds no template line
            pass
    return out


def _templates_of(group: tuple) -> list:
    """The template lines of the outlets of one shuffle group (outlets hashed together)."""
    from . import stages

    by_outlet: dict = collections.defaultdict(list)
    for outlet, keys in group[1]:
        by_outlet[outlet].append(keys)
    out = []
    for outlet, keys in by_outlet.items():
        out.extend(stages.find_templates([outlet] * len(keys), keys).items())
    return out


def _day(doc: dict) -> str:
    """The day the reader found for a document, before cleaning: a JSONL date or a page's
    date ("published"), else a WARC record's crawl date (meta "warc:date", which cleaning
    also falls back on); "" when none."""
    if doc.get("published"):
        return doc["published"][:10]
    for key, value in doc.get("meta") or ():
        if key == "warc:date" and len(value) >= 10:
            return value[:10]
    return ""


def _slim_document(d: dict) -> dict:
    return {k: d.get(k) for k in ("id", "title", "published", "outlet", "author", "url",
                                  "language")}


# Relations of a pair whose copy retells its source's whole story (and so its events).
_RETELLING = ("duplicate", "near-duplicate", "rewrite")
_KINDS = ("documents", "reuse", "events")


def _analyze_bin(units: Iterable, keep: Sequence[str] = _KINDS,
                 known_reuse: bool = False, templates: dict | None = None,
                 places: dict | None = None, type_votes: dict | None = None,
                 entities: bytes | None = None) -> list:
    """Runs the whole pipeline once on the documents of all the units of one shuffle output
    partition (a bin: one `sitrep.analyze` call costs about a second of set-up, the
    gazetteer load, so one call per unit would be too slow), in input order. A unit is
    (bin, [("doc", (position, record)) or ("pair", reuse pair)...]). Only the kinds of
    output in `keep` are kept (the others are empty lists); with "reuse", "known_reuse"
    holds the pairs whole (passages and drift), for the day bins. With "events" in
    `keep`, the bin hands over its event mentions instead of its events ("mentions": {merge
    group: records}, "word_counts"; stages.analyze_mentions): an event told in documents
    of several bins is reconciled from the mentions of all of them (_reconcile_group).
    known_reuse: the bin's pairs are the "pair" items (found by the pair bins over the
    corpus), not its own reuse stage's; "context" items are the sources, analysed in
    other bins, of copies in this one: analysed here too, so that the copies link their
    mentions to the sources' as one analyze does, but their own mentions and documents
    are left to their bin. templates: the corpus's template lines, used
    instead of the bin's own, places: how many of the corpus's documents name each
    place, type_votes: the entity-type votes of the corpus's documents, and entities: the
    corpus's entity merge (stages.merge_entities), all with "events" in `keep`."""
    import sitrep

    from . import stages

    units = list(units)
    if not units:
        return []
    unit_id = min(u for u, _ in units)
    items = [item for _, tagged in units for item in tagged]
    positioned = [x for tag, x in items if tag == "doc"]
    context = {x[1]["id"]: x for tag, x in items if tag == "context"}
    for _, r in positioned:
        context.pop(r["id"], None)
    records = [r for _, r in sorted(positioned + list(context.values()), key=lambda pr: pr[0])]
    if "events" in keep:
        known = [x for tag, x in items if tag == "pair"] if known_reuse else None
        report, mentions, word_counts = stages.analyze_mentions(
            records, reuse=known, templates=templates or None, places=places,
            context=sorted(context), type_votes=type_votes, entities=entities, threads=1)
    else:
        # No events wanted: the pipeline stops after the reuse stage (the documents and the
        # pairs are complete by then).
        report = sitrep.analyze(records, threads=1, reuse_only=True)
        mentions, word_counts = {}, None
    reuse = [dict({k: v for k, v in r.items() if k != "passages"}, unit=unit_id)
             for r in report["reuse"]]
    documents = [dict(_slim_document(d), unit=unit_id) for d in report["documents"]
                 if d["id"] not in context]
    out = {"documents": documents, "reuse": reuse}
    out = {k: out[k] if k in keep else [] for k in out}
    out["known_reuse"] = report["reuse"] if "reuse" in keep and "events" not in keep else []
    return [dict(out, mentions=mentions, word_counts=word_counts, unit=unit_id, units=len(units),
                 diagnostics=report["diagnostics"])]


# ---- events across bins ------------------------------------------------------------------


def _stable_hash(key: tuple) -> int:
    """A hash of a tuple of strings that is the same in every process (str hashes are
    salted per process, and a shuffle needs one hash everywhere)."""
    import hashlib

    data = "\x1f".join(key).encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _timeline_order(t: dict) -> tuple:
    """Timeline entries by date value, then event id: TIMEX values of days and months sort
    as text ("2023-01" before "2023-01-09"); the report orders entries of one date by
    span and independent sources, and puts weeks ("2023-W02") among the days."""
    return (t["date"], t["events"])


def _reconcile_group(group: tuple, word_counts: bytes, doc_info: dict) -> list:
    """One output group of the mention shuffle (stable hash, [(merge group, records)...]):
    the events and timeline entries of each merge group, reconciled over the records of
    every bin (stages.reconcile_mentions), as ("events", event) and ("timeline", entry);
    events get their place's and actors' names ("location_name", "actor_names": entity
    ids are only meaningful inside one report) and the number of bins their sources were
    analysed in ("bins"). doc_info: {id: (input rank, copy cluster, bin)}."""
    from . import stages

    by_group: dict = {}
    for name, records in group[1]:
        by_group.setdefault(name, []).append(records)
    documents = {i: (rank, cluster) for i, (rank, cluster, _) in doc_info.items()}
    out = []
    for name in sorted(by_group):
        r = stages.reconcile_mentions(by_group[name], word_counts, documents)
        names = {e["id"]: e["name"] for e in r["entities"]}
        for e in r["events"]:
            ev = dict(e)
            ev["location_name"] = names.get(e.get("location"))
            ev["actor_names"] = [names.get(a, a) for a in e.get("actors", [])]
            ev["bins"] = len({doc_info[d][2] for d in e["sources"] if d in doc_info})
            ev.pop("mentions", None)
            out.append(("events", ev))
        out.extend(("timeline", t) for t in r["timeline"])
    return out


# ---- the job ----------------------------------------------------------------------------


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}  # of roots

    def find(self, x: str) -> str:
        parent = self.parent
        if x not in parent:
            parent[x] = x
            self.size[x] = 1
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str, max_size: int | None = None) -> bool:
        """Joins the sets of a and b unless the union would hold more than max_size
        members; True when they are (now) one set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if max_size is not None and self.size[ra] + self.size[rb] > max_size:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size.pop(rb)
        return True


_GROUPINGS = ("day", "component", "chain")


def _units(meta: list, comp: _UnionFind, group_by: str) -> dict:
    """Analysis unit of each document, as (anchor day or "", key): a candidate component
    stays whole. "day": the component goes to the earliest publication day of its members
    (undated components are units of their own). "component": each component alone.
    "chain": components joined with every document of the same day, transitively (exact
    but, on a stream where copies span days, one unit for everything)."""
    day_of_comp: dict = {}
    for i, day in meta:
        root = comp.find(i)
        if day and (root not in day_of_comp or day < day_of_comp[root]):
            day_of_comp[root] = day
    if group_by == "day":
        out = {}
        for i, _ in meta:
            root = comp.find(i)
            day = day_of_comp.get(root, "")
            out[i] = (day, day or root)
        return out
    if group_by == "component":
        return {i: (day_of_comp.get(comp.find(i), ""), comp.find(i)) for i, _ in meta}
    chain = _UnionFind()
    for i, _ in meta:
        chain.union(i, comp.find(i))
    first_of_day: dict = {}
    for i, day in meta:
        if day:
            chain.union(first_of_day.setdefault(day, i), i)
    anchor: dict = {}
    for i, day in meta:
        r = chain.find(i)
        if day and (r not in anchor or day < anchor[r]):
            anchor[r] = day
    return {i: (anchor.get(chain.find(i), ""), chain.find(i)) for i, _ in meta}


def _pack(ids: list, unit_key: dict, comp: _UnionFind, nparts: int, max_unit: int) -> dict:
    """Bin (0 .. nparts - 1) of each document (ids in input order) from its unit (_units)."""
    # Units in order (anchor day, first input position), packed into `nparts` bins of
    # consecutive units holding about as many documents each: neighbouring days share a
    # bin, so an event reported over two days is mostly analysed in one piece. Bins are
    # numbered (ints hash alike in every worker process; str hashes do not unless
    # PYTHONHASHSEED is fixed, and a shuffle needs the same hash everywhere).
    # A unit larger than max_unit (a day holding many components) is packed component by
    # component, in the same order, so that a bin holds at most about one share plus
    # max_unit documents; smaller units stay whole.
    unit_size = collections.Counter(unit_key.values())
    piece_of = {i: (unit_key[i], comp.find(i) if unit_size[unit_key[i]] > max_unit else "")
                for i in ids}
    first: dict = {}
    first_of_unit: dict = {}
    size: collections.Counter = collections.Counter()
    for pos, i in enumerate(ids):
        first.setdefault(piece_of[i], pos)
        first_of_unit.setdefault(unit_key[i], pos)
        size[piece_of[i]] += 1
    ordered = sorted(first, key=lambda p: (p[0][0] if p[0][0] else "~", first_of_unit[p[0]],
                                           first[p]))
    bin_of_piece, done = {}, 0
    for p in ordered:
        bin_of_piece[p] = min(nparts - 1, done * nparts // len(ids))
        done += size[p]
    return {i: bin_of_piece[piece_of[i]] for i in ids}


def _components(ids: list, groups: list) -> _UnionFind:
    """Union-find of the documents, joined by the groups (documents sharing a band key)."""
    comp = _UnionFind()
    for i in ids:
        comp.find(i)
    for g in groups:
        for other in g[1:]:
            comp.union(g[0], other)
    return comp


def _key_groups(partition: Iterable) -> list:
    """Groups of documents sharing a band key, within one output partition of the shuffle."""
    return [ids for _, ids in partition if len(ids) > 1]


_SKETCH, _RARE = 0, 1
_REWRITE_INDEXES = ("auto", "driver", "shuffle")
# The largest corpus whose rewrite keys "auto" gathers on the driver (about 40 keys of 8
# bytes a document, plus Python's overhead while they arrive: ~2 GB at this size).
_DRIVER_INDEX_MAX = 2_000_000


def _rewrite_postings(partition: Iterable, max_postings: int, pos_of: dict) -> list:
    """One output partition of the rewrite-key shuffle ((kind, key), [((kind, key), rank)...])
    -> (position, kind, key, idf, positions of the earlier holders) for each holder that
    RewriteIndex::Query, run over the whole corpus in input order, scores through the key,
    and one ("dropped", number of keys held by more than max_postings documents).
    As there: a document at input position p queries the index of the p documents before
    it (n = p + 1 in the idf); a key's postings list stops growing past max_postings + 1
    holders and is skipped once it is that long, so the first max_postings + 1 holders of a
    key are scored through it and later ones are not."""
    out, dropped = [], 0
    for (kind, key), held in partition:
        positions = sorted({pos_of[r] for _, r in held})
        if len(positions) < 2:
            continue
        if len(positions) > max_postings:
            dropped += 1
        for k in range(1, min(len(positions), max_postings + 1)):
            idf = math.log((positions[k] + 1) / k) + 1.0
            if kind == _RARE:
                idf = max(1.0, idf)
            out.append((positions[k], kind, key, idf, positions[:k]))
    out.append(("dropped", dropped))
    return out


def _rewrite_candidates(partition: Iterable, options: dict) -> list:
    """One output partition of the shuffle by document (position, [(position, kind, key,
    idf, earlier)...]) -> (score, earlier position, position) of the document's rewrite
    candidates, as RewriteIndex::Query selects them: at least min_shared_sketches shared
    sentence sketches, or one and shared rare tokens weighing min_rare_weight (a rare
    token alone never makes a candidate); at most max_candidates, strongest (summed idf)
    first. Weights are summed in the engine's order (sketches, then rare tokens, each by
    key) so that ties and thresholds fall the same way."""
    out = []
    for pos, items in partition:
        items = sorted(items, key=lambda it: (it[1], it[2]))
        score: dict[int, list] = {}
        for _, kind, _, idf, earlier in items:
            if kind == _SKETCH:
                for i in earlier:
                    c = score.get(i)
                    if c is None:
                        score[i] = [1, idf, 0.0]
                    else:
                        c[0] += 1
                        c[1] += idf
        for _, kind, _, idf, earlier in items:
            if kind == _RARE:
                for i in earlier:
                    c = score.get(i)
                    if c is not None:
                        c[2] += idf
        passing = [(c[1] + c[2], i) for i, c in score.items()
                   if c[0] >= options["min_shared_sketches"]
                   or (c[0] >= 1 and c[2] >= options["min_rare_weight"])]
        passing.sort(key=lambda si: (-si[0], si[1]))
        out.extend((s, i, pos) for s, i in passing[:options["max_candidates"]])
    return out


# NearDuplicateIndex::Query: 8-bit fingerprints agree by chance with probability 1/256.
_CHANCE = 1.0 / 256.0
# Documents of a collection this small are paired all with all (reuse.cc kAllPairsDocs).
_ALL_PAIRS_DOCS = 32


def _near_pairs(groups: list, fingerprints: list, has_sentences: list) -> set:
    """(earlier, later) positions of the documents that share a band key (groups: lists of
    positions) and whose estimated Jaccard, from the fingerprints as
    NearDuplicateIndex::Query computes it, is at least 0.2; the later one has sentences
    (a document without sentences queries nothing)."""
    import numpy as np

    pairs = []
    for g in groups:
        g = np.array(sorted(g), dtype=np.int64)
        if len(g) < 2:
            continue
        a, b = np.triu_indices(len(g), 1)
        pairs.append(np.stack([g[a], g[b]], axis=1))
    if not pairs:
        return set()
    pairs = np.unique(np.concatenate(pairs), axis=0)
    width = max((len(f) for f in fingerprints), default=0)
    fp = np.zeros((len(fingerprints), width), dtype=np.uint8)
    for i, f in enumerate(fingerprints):
        fp[i, :len(f)] = np.frombuffer(f, dtype=np.uint8)
    sentences = np.array(has_sentences, dtype=bool)
    out = set()
    for start in range(0, len(pairs), 1 << 20):
        chunk = pairs[start:start + (1 << 20)]
        chunk = chunk[sentences[chunk[:, 1]]]
        same = (fp[chunk[:, 0]] == fp[chunk[:, 1]]).sum(axis=1)
        raw = same / float(width)
        jaccard = np.maximum(0.0, (raw - _CHANCE) / (1.0 - _CHANCE))
        out.update(map(tuple, chunk[jaccard >= 0.2].tolist()))
    return out


def _pair_bin(units: Iterable, documents: int, term_documents: dict,
              templates: dict) -> list:
    """The reuse pairs of one pair bin: its documents (their own and those another bin's
    document is a candidate of, "doc" and "extra" items) analysed in input order up to
    extraction, aligning exactly the bin's candidate pairs ("cand" items) with the
    corpus's word weights and template lines (stages.analyze_pairs): each pair as one
    analyze over the corpus reports it. Also the places each of the bin's own documents
    names ("places"), their entity-type votes ("type_votes"), summed over the corpus for
    the day bins, and their entity mentions ("entity_mentions", bytes), merged over the
    corpus for the day bins."""
    from . import stages

    units = list(units)
    if not units:
        return []
    unit_id = min(u for u, _ in units)
    items = [item for _, tagged in units for item in tagged]
    positioned = {x[1]["id"]: x for tag, x in items if tag in ("doc", "extra")}
    records = [r for _, r in sorted(positioned.values(), key=lambda pr: pr[0])]
    candidates = [x for tag, x in items if tag == "cand"]
    report, _, _, _ = stages.analyze_pairs(records, candidates, documents, term_documents,
                                           templates, threads=1)
    # Places, type votes and entity mentions are those of the bin's own documents only,
    # extracted without the copies of other bins' documents (no candidates: no alignment
    # either).
    home = {x[1]["id"] for tag, x in items if tag == "doc"}
    _, places, type_votes, entity_mentions = stages.analyze_pairs(
        [r for r in records if r["id"] in home], [], documents, term_documents, templates,
        places=True, threads=1)
    reuse = [dict({k: v for k, v in r.items() if k != "passages"}, unit=unit_id)
             for r in report["reuse"]]
    return [{"documents": [], "reuse": reuse, "known_reuse": report["reuse"], "mentions": {},
             "word_counts": None, "unit": unit_id, "units": len(units),
             "places": {i: k for i, k in places.items() if i in home},
             "type_votes": type_votes, "entity_mentions": entity_mentions,
             "diagnostics": report["diagnostics"]}]


def run(shards: Sequence[str], out_dir: str | os.PathLike | None, client=None,
        group_by: str = "day", npartitions: int | None = None, rewrite_keys: bool = True,
        max_unit: int | None = None, pair_bins: bool = True,
        day_band_keys: bool = False, entity_merge: bool = True,
        rewrite_index: str = "auto") -> dict:
    """Runs the job on `client` (a distributed.Client; None = the current/default scheduler)
    and returns the summary (also written to out_dir/summary.json with the shards).
    group_by: "day", "component" or "chain" (see _units). npartitions: output partitions of
    the shuffles, i.e. bins analysed (default: the number of shards, at least 2).
    rewrite_keys: also link documents through the reuse stage's rewrite-candidate keys
    (sentence sketches, rare tokens), not only the LSH band keys. max_unit: a rewrite link
    is skipped when it would make a candidate component larger than this (default: one
    bin's share of the documents, at least max_postings); components of band-key links
    are never split. pair_bins (with rewrite_keys): the components joined by rewrite links
    are analysed in bins of their own, for the reuse pairs only; the documents and events
    come from day bins of the band-key components joined by the pairs found that retell a
    whole story (duplicate, near-duplicate, rewrite). Each document is analysed twice.
    Without pair_bins, rewrite links join the one set of bins (each document analysed
    once): as many pairs, but far fewer events identical to single-machine analyze.
    day_band_keys (with pair_bins): the day bins' units start from the band-key components
    (unchecked LSH collisions: on a stream of template-alike stories they chain a large
    part of the corpus into one bin: 40,802 of 100,000 generated articles); without (the
    default), only the retelling pairs join documents into units, bounded by max_unit, so
    the day bins stay balanced (docs/scale.md; the same events either way).
    entity_merge (with pair_bins): the entity mentions of every document are merged once,
    over the corpus in its input order (stages.merge_entities), and every day bin takes
    its entities from that merge, as one analyze merges them; without, each day bin merges
    its own documents' mentions (typed by the corpus's votes), and a short form ("Putin")
    whose full name only another bin holds stays apart.
    rewrite_index (with rewrite_keys): "shuffle" scores the rewrite keys where a shuffle
    by key and then by document lands them; "driver" gathers every document's rewrite
    keys on the driver and runs the engine's RewriteIndex over them in input order (the
    same candidates, without the two shuffles of Python tuples; the driver holds about 40
    keys per document); "auto" (default) is "driver" up to _DRIVER_INDEX_MAX documents,
    else "shuffle"."""
    import dask
    import dask.bag as db

    from . import stages

    if group_by not in _GROUPINGS:
        raise ValueError(f"group_by is one of {', '.join(_GROUPINGS)}")
    if rewrite_index not in _REWRITE_INDEXES:
        raise ValueError(f"rewrite_index is one of {', '.join(_REWRITE_INDEXES)}")
    shards = list(shards)
    if not shards:
        raise ValueError("no shard")
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    # Documents travel with their input position (shard, number in the shard) so that each
    # unit is analysed in the order `sitrep analyze SHARDS` reads them: the engine's output
    # depends on it.
    read = (db.from_sequence(list(enumerate(shards)), npartitions=len(shards))
            .map(_read_positioned).persist())
    records = read.map(lambda r: r["records"]).flatten()
    read_diagnostics = read.map(lambda r: r["diagnostics"]).flatten().compute()
    nparts = npartitions or max(2, len(shards))

    pair_layout = rewrite_keys and pair_bins
    options = stages.candidate_options()

    # 1a. template lines (pair layout): each document's block keys, cleaned alone, shuffled
    # by outlet; each outlet's template lines found once over all its documents, as one
    # analyze finds them, and handed to every stage that cleans (the signatures and both
    # kinds of bins clean each document as one analyze over the corpus does).
    templates: dict = {}
    if pair_layout:
        t = time.perf_counter()
        templates = dict(records.map_partitions(_clean_keys)
                         .groupby(lambda ok: _stable_hash((ok[0],)), npartitions=nparts,
                                  shuffle="tasks")
                         .map(_templates_of).flatten().compute())
        timings["templates_s"] = time.perf_counter() - t
    templates_arg = dask.delayed(templates, traverse=False)

    # 1-2. signatures, then the shuffle of (band key, id) pairs by key.
    t = time.perf_counter()
    signed = records.map_partitions(_signatures, templates_arg if pair_layout else None).persist()
    sigs = signed.map(lambda p: p["sigs"]).flatten()
    meta_ranks = sigs.map(lambda s: (s[0], s[1], s[3], s[6], s[7], s[8])).compute()
    meta = [(i, day) for i, day, *_ in meta_ranks]
    rank_ids = [(rank, i) for i, _, rank, *_ in meta_ranks]
    timings["read_signature_s"] = time.perf_counter() - t
    t = time.perf_counter()
    keyed = sigs.map(lambda s: [(k, s[0]) for k in s[2]]).flatten()
    groups = (keyed.groupby(lambda kv: kv[0], npartitions=nparts, shuffle="tasks")
              .map(lambda g: (g[0], sorted({i for _, i in g[1]})))
              .map_partitions(_key_groups).compute())
    timings["shuffle_band_keys_s"] = time.perf_counter() - t
    # Input positions (the order one analyze reads the documents in).
    by_rank = sorted(meta_ranks, key=lambda m: m[2])
    pos_of_rank = {m[2]: p for p, m in enumerate(by_rank)}
    id_of_pos = [m[0] for m in by_rank]
    pos_of_id = {i: p for p, i in enumerate(id_of_pos)}

    # 2b. rewrite-candidate keys: grouped by key (counted there, dropped past max_postings),
    # then by document, which scores its earlier co-holders as RewriteIndex::Query does.
    # Keys are (kind, int) and documents int positions: they hash alike in every process.
    rewrite_edges: list = []
    dropped_keys = 0
    driver_index = rewrite_index == "driver" or (rewrite_index == "auto"
                                                 and len(by_rank) <= _DRIVER_INDEX_MAX)
    if rewrite_keys and driver_index:
        # The engine's own index on the driver, fed in input order: no shuffle of keys.
        t = time.perf_counter()
        keys = sorted(sigs.map(lambda s: (s[3], s[4], s[5])).compute(), key=lambda k: k[0])
        held = collections.Counter()
        for _, sketches, rare in keys:
            held.update((_SKETCH, k) for k in sketches)
            held.update((_RARE, k) for k in rare)
        dropped_keys = sum(1 for c in held.values() if c > options["max_postings"])
        del held
        rewrite_edges = stages.rewrite_candidates([k[1] for k in keys], [k[2] for k in keys],
                                                  [m[3] for m in by_rank], options)
        del keys
        timings["rewrite_index_driver_s"] = time.perf_counter() - t
    elif rewrite_keys:
        t = time.perf_counter()
        rkeyed = sigs.map(lambda s: [((_SKETCH, k), s[3]) for k in s[4]]
                          + [((_RARE, k), s[3]) for k in s[5]]).flatten()
        postings = (rkeyed.groupby(lambda kv: kv[0], npartitions=nparts, shuffle="tasks")
                    .map_partitions(_rewrite_postings, options["max_postings"],
                                    dask.delayed(pos_of_rank, traverse=False))
                    .persist())
        dropped_keys = sum(postings.filter(lambda p: p[0] == "dropped")
                           .map(lambda p: p[1]).compute())
        rewrite_edges = (postings.filter(lambda p: p[0] != "dropped")
                         .groupby(lambda p: p[0], npartitions=nparts, shuffle="tasks")
                         .map_partitions(_rewrite_candidates, options).compute())
        del postings
        timings["shuffle_rewrite_keys_s"] = time.perf_counter() - t

    # 2c. (pair layout) the candidate pairs of one analyze over the corpus: the same body
    # hash, a shared band key with estimated Jaccard >= 0.2, the rewrite candidates; all
    # pairs of a tiny corpus. And the corpus's word weights: documents using each sentence
    # term, summed over the partitions (only terms common enough to be weighed down).
    candidates: set = set()
    term_documents: dict = {}
    if pair_layout:
        t = time.perf_counter()
        has_sentences = [m[3] for m in by_rank]
        first_of_hash: dict = {}
        for p, m in enumerate(by_rank):
            if m[3]:
                first = first_of_hash.setdefault(m[4], p)
                if first != p:
                    candidates.add((first, p))
        candidates |= _near_pairs([[pos_of_id[i] for i in g] for g in groups],
                                  [m[5] for m in by_rank], has_sentences)
        candidates |= {(a, b) for _, a, b in rewrite_edges}
        if len(by_rank) <= _ALL_PAIRS_DOCS:
            live = [p for p in range(len(by_rank)) if has_sentences[p]]
            candidates |= {(a, b) for k, a in enumerate(live) for b in live[k + 1:]}
        df = collections.Counter()
        for part in signed.map(lambda p: p["df"]).compute():
            df.update(part)
        floor = math.sqrt(len(by_rank) + 1) / 2
        term_documents = {term: n for term, n in df.items() if n >= floor}
        del df
        timings["candidates_s"] = time.perf_counter() - t

    # 3. components and analysis units on the driver.
    t = time.perf_counter()
    ids = [m[0] for m in meta]
    if len(set(ids)) != len(ids):
        dup = [i for i, c in collections.Counter(ids).items() if c > 1][:5]
        raise ValueError(f"duplicate document ids across shards: {dup}")
    # Rewrite links, strongest first, within a size bound: on a stream of similar stories
    # (templates, one topic) every document has some candidate, and all the links together
    # join everything into one component, i.e. one bin. A link that would make a component
    # larger than one bin's share is skipped (counted): bins stay bounded, and the pairs
    # lost are those of the weakest links (without pair bins; with them, a candidate pair
    # whose link is skipped is aligned all the same, its earlier document sent to the
    # later one's bin).
    if max_unit is None:
        max_unit = max(-(-len(ids) // nparts), options["max_postings"])
    rewrite_edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    skipped = 0
    if pair_layout:
        comp = _components(ids, [])
        rewrite = {(a, b) for _, a, b in rewrite_edges}
        for a, b in sorted(candidates - rewrite):
            comp.union(id_of_pos[a], id_of_pos[b], max_unit)
        links = [(a, b) for _, a, b in rewrite_edges]
    else:
        comp = _components(ids, groups)
        links = [(a, b) for _, a, b in rewrite_edges]
    for a, b in links:
        if not comp.union(id_of_pos[a], id_of_pos[b], max_unit):
            skipped += 1
    n_components = len({comp.find(i) for i in ids})
    n_candidate_components = sum(
        1 for c in collections.Counter(comp.find(i) for i in ids).values() if c > 1)
    timings["components_s"] = time.perf_counter() - t

    def to_bins(bin_of: dict):
        """Each document tagged ("doc", (position, record)) for its bin."""
        return records.map(lambda pr, u: (u[pr[1]["id"]], ("doc", pr)),
                           dask.delayed(bin_of, traverse=False))

    def copies_to(bins_of: dict, tag: str):
        """Each document tagged (tag, (position, record)) for every bin in bins_of[its id]:
        the copies other bins analyse for their own documents' sake."""
        return records.map(
            lambda pr, x, t: [(b, (t, pr)) for b in sorted(x.get(pr[1]["id"], ()))],
            dask.delayed(bins_of, traverse=False), tag).flatten()

    def shuffle_and_analyse(tagged, shuffle_timing: str, analyse_timing: str, fn, *args):
        """4-5. the tagged items shuffled to their bin, each bin analysed where it lands
        by fn(units, *args)."""
        t = time.perf_counter()
        units = (tagged
                 .groupby(lambda ur: ur[0], npartitions=nparts, shuffle="tasks")
                 .map(lambda g: (g[0], [r for _, r in g[1]]))).persist()
        if client is not None:
            from distributed import wait

            wait(units)
        timings[shuffle_timing] = time.perf_counter() - t
        t = time.perf_counter()
        analysed = units.map_partitions(fn, *args).persist()
        if client is not None:
            wait(analysed)
        timings[analyse_timing] = time.perf_counter() - t
        return analysed

    def analyse(bin_of: dict, keep: tuple, stage: str, pairs=None, context_of=None):
        """Documents shuffled to their bin (bin_of) and analysed there (_analyze_bin).
        pairs: a bag of reuse pairs (whole) found over the corpus; each goes to the bin of
        its copy, which uses them instead of its own. context_of: {document id: bins it is
        the source of a copy in}: it goes to those bins too, as context."""
        tagged = to_bins(bin_of)
        if pairs is not None:
            # A pair goes to its copy's bin, and to every bin its copy is context in (whose
            # context holds the copy's sources too).
            tagged = db.concat([tagged, pairs.map(
                lambda p, u, c: [(b, ("pair", p))
                                 for b in sorted({u[p["copy"]]} | set(c.get(p["copy"], ())))]
                if p["copy"] in u and p["source"] in u else [],
                dask.delayed(bin_of, traverse=False),
                dask.delayed(dict(context_of or {}), traverse=False)).flatten()])
        if context_of:
            tagged = db.concat([tagged, copies_to(context_of, "context")])
        return shuffle_and_analyse(tagged, f"shuffle_{stage}records_s", f"analyze_{stage}s",
                                   _analyze_bin, keep, pairs is not None,
                                   templates_arg if pair_layout else None, places_arg,
                                   type_votes_arg, entities_arg)

    def analyse_pairs(bin_of: dict):
        """The pair bins: each document goes to its bin, and also to the bin of each later
        document it is a candidate of when that is another bin; each candidate pair is
        aligned in the bin of its later document (_pair_bin)."""
        extra: dict = collections.defaultdict(set)
        cand_items = []
        for a, b in sorted(candidates):
            ida, idb = id_of_pos[a], id_of_pos[b]
            home = bin_of[idb]
            if bin_of[ida] != home:
                extra[ida].add(home)
            cand_items.append((home, ("cand", (ida, idb))))
        timings["extra_documents"] = sum(len(v) for v in extra.values())
        tagged = db.concat([
            to_bins(bin_of), copies_to(dict(extra), "extra"),
            db.from_sequence(cand_items, npartitions=max(1, min(nparts, len(cand_items))))])
        return shuffle_and_analyse(tagged, "shuffle_pairs_records_s", "analyze_pairs_s",
                                   _pair_bin, len(id_of_pos),
                                   dask.delayed(term_documents, traverse=False), templates_arg)

    # Pair bins: most rewrite links are likeness, not reuse (stories of one topic or
    # template), and a component spanning weeks placed on its earliest day takes its
    # documents away from the other reports of their events (events merge across
    # independent documents by type, place and date). So the reuse pairs are found first,
    # in bins of their own (numbered from nparts): each aligns the candidate pairs of one
    # analyze over the corpus that fall to it, with the corpus's word weights. The day
    # bins hold the band-key components joined by those of the pairs that retell a whole
    # story (_RETELLING: a duplicate, near-duplicate or rewrite carries its source's
    # events); a partial copy, like a document that is only alike, stays on its own day.
    # The documents and events come from the day bins.
    pair_of: dict = {}
    parts = []
    day_comp, day_links = comp, 0
    places_arg = type_votes_arg = entities_arg = None
    if pair_layout:
        pair_key = _units(meta, comp, group_by)
        pair_of = {i: nparts + b for i, b in _pack(ids, pair_key, comp, nparts, max_unit).items()}
        parts.append(analyse_pairs(pair_of))
        t = time.perf_counter()
        found = (parts[0].map(lambda a: [(r["source"], r["copy"], r["relation"])
                                         for r in a["reuse"]]).flatten().compute())
        retelling = [(a, b) for a, b, relation in found if relation in _RETELLING]
        t_places = time.perf_counter()
        named = collections.Counter()
        for part in parts[0].map(lambda a: list(a["places"].values())).compute():
            for keys in part:
                named.update(keys)
        places_arg = dask.delayed({"documents": len(ids), "by_key": dict(named)},
                                  traverse=False)
        type_votes_arg = dask.delayed(
            stages.sum_type_votes(parts[0].map(lambda a: a["type_votes"]).compute()),
            traverse=False)
        timings["place_counts_s"] = time.perf_counter() - t_places
        if entity_merge:
            # One merge of every document's entity mentions, in the order one analyze
            # over the corpus takes the documents (input rank).
            t_merge = time.perf_counter()
            merged = stages.merge_entities(
                parts[0].map(lambda a: a["entity_mentions"]).compute(),
                [i for _, i in sorted(rank_ids)])
            entities_arg = dask.delayed(merged, traverse=False)
            timings["entity_merge_s"] = time.perf_counter() - t_merge
            timings["entity_merge_bytes"] = len(merged)
        day_comp = _components(ids, groups if day_band_keys else [])
        for a, b in sorted(set(retelling)):
            if day_comp.find(a) != day_comp.find(b) and day_comp.union(a, b, max_unit):
                day_links += 1
        timings["day_components_s"] = time.perf_counter() - t
    unit_key = _units(meta, day_comp, group_by)
    unit_of = _pack(ids, unit_key, day_comp, nparts, max_unit)
    # With pair bins, the day bins take the pairs the pair bins found (those of one analyze
    # over the corpus) rather than their own, so that their copies link their event
    # mentions to the sources a single run links them to.
    known = parts[0].map(lambda a: a["known_reuse"]).flatten() if pair_layout else None
    # A copy whose source is in another day bin links its mentions to the source's, as one
    # analyze does, when the source is analysed in the copy's bin too (as context); and
    # the source's own sources, all the way up: a copied mention goes with the event type
    # of the mention it copies, which may be a copy itself (a partial copy of a rewrite of
    # a wire story). The pairs between them go to the bin with them (analyse).
    context_of: dict = collections.defaultdict(set)
    if pair_layout:
        sources_of: dict = collections.defaultdict(set)
        for a, b, _ in found:
            sources_of[b].add(a)
        for b in sources_of:
            home = unit_of[b]
            seen, todo = set(), list(sources_of[b])
            while todo:
                a = todo.pop()
                if a in seen:
                    continue
                seen.add(a)
                if unit_of[a] != home:
                    context_of[a].add(home)
                todo.extend(sources_of.get(a, ()))
    timings["context_documents"] = sum(len(v) for v in context_of.values())
    parts.insert(0, analyse(unit_of, ("documents", "events") if pair_layout else _KINDS, "",
                            known, dict(context_of)))
    analysed = db.concat(parts)

    # 5b. events across bins: the bins' event mentions, shuffled by merge group (event
    # type), reconciled over all bins at once, as one `analyze` merges them: the word
    # weights are counted over every bin's mentions, and the independent sources over the
    # copy clusters of all the pairs the job found.
    t = time.perf_counter()
    pairs, count_parts = dask.compute(
        analysed.map(lambda a: [(r["source"], r["copy"]) for r in a["reuse"]]).flatten(),
        analysed.map(lambda a: a["word_counts"]).filter(lambda c: c is not None))
    clusters = _UnionFind()
    for a, b in pairs:
        clusters.union(a, b)
    doc_info = dask.delayed({i: (rank, clusters.find(i), unit_of.get(i)) for rank, i in rank_ids},
                            traverse=False)
    counts = dask.delayed(stages.sum_word_counts(count_parts), traverse=False)
    reconciled = (analysed.map(lambda a: list(a["mentions"].items())).flatten()
                  .groupby(lambda gr: _stable_hash((gr[0],)), npartitions=nparts,
                           shuffle="tasks")
                  .map(_reconcile_group, counts, doc_info).flatten()).persist()
    if client is not None:
        from distributed import wait

        wait(reconciled)
    events = reconciled.filter(lambda kv: kv[0] == "events").map(lambda kv: kv[1])
    timeline = reconciled.filter(lambda kv: kv[0] == "timeline").map(lambda kv: kv[1])
    timings["reconcile_events_s"] = time.perf_counter() - t

    # 6. shards.
    t = time.perf_counter()
    counts, n_events, across, n_timeline = dask.compute(
        analysed.map(lambda a: (len(a["documents"]), len(a["reuse"]))), events.count(),
        events.filter(lambda e: e["bins"] > 1).count(), timeline.count())
    if out_dir is not None:
        out = pathlib.Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        for kind in ("documents", "reuse", "events", "timeline"):
            for old in out.glob(f"{kind}-*.jsonl"):
                old.unlink()
            bag = {"events": events, "timeline": timeline}.get(kind)
            if bag is None:
                bag = analysed.map(lambda a, k: a[k], kind).flatten()
            (bag.map(lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True))
             .to_textfiles(str(out / f"{kind}-*.jsonl")))
    timings["write_s"] = time.perf_counter() - t
    timings["total_s"] = time.perf_counter() - t0
    summary = {
        "shards": len(shards),
        "documents": sum(c[0] for c in counts),
        "records_read": len(ids),
        "read_diagnostics": dict(collections.Counter(d["severity"] for d in read_diagnostics)),
        "band_key_groups": len(groups),
        "rewrite_keys": rewrite_keys,
        "rewrite_keys_over_max_postings": dropped_keys,
        "rewrite_links": len(rewrite_edges),
        "candidate_pairs": len(candidates),
        "template_outlets": len(templates),
        "rewrite_links_skipped": skipped,
        "max_unit": max_unit,
        "largest_component": max(comp.size.values(), default=0),
        "components": n_components,
        "candidate_components": n_candidate_components,
        "units": len(set(unit_key.values())),
        "bins": len(set(unit_of.values())),
        "largest_unit": max(collections.Counter(unit_key.values()).values(), default=0),
        "largest_bin": max(collections.Counter(unit_of.values()).values(), default=0),
        "pair_bins": len(set(pair_of.values())),
        "retelling_links_in_day_bins": day_links,
        "largest_pair_bin": max(collections.Counter(pair_of.values()).values(), default=0),
        "reuse_pairs": sum(c[1] for c in counts),
        "events": n_events,
        "events_across_bins": across,
        "timeline": n_timeline,
        "group_by": group_by,
        "timings": timings,
    }
    if out_dir is not None:
        (pathlib.Path(out_dir) / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def read_output(out_dir: str | os.PathLike) -> dict:
    """The job's shards read back: {"documents": [...], "reuse": [...], "events": [...],
    "timeline": [...]} (the timeline sorted by _timeline_order)."""
    out = pathlib.Path(out_dir)
    result = {}
    for kind in ("documents", "reuse", "events", "timeline"):
        items = []
        for f in sorted(out.glob(f"{kind}-*.jsonl")):
            with f.open(encoding="utf-8") as lines:
                items.extend(json.loads(line) for line in lines if line.strip())
        result[kind] = items
    result["timeline"].sort(key=_timeline_order)
    return result


# ---- agreement with single-machine analyze ----------------------------------------------


def _event_keys(events: list[dict], names: dict | None) -> collections.Counter:
    """Events as (type, subtype, date, place name, sorted sources): the same event found by
    both runs has the same key."""
    keys = collections.Counter()
    for e in events:
        place = e.get("location_name") if names is None else names.get(e.get("location"))
        keys[(e["type"], e.get("subtype"), e.get("date"), place,
              tuple(sorted(e.get("sources", []))))] += 1
    return keys


def _independent(events: list[dict], names: dict | None) -> dict:
    out = {}
    for e in events:
        place = e.get("location_name") if names is None else names.get(e.get("location"))
        out[(e["type"], e.get("subtype"), e.get("date"), place,
             tuple(sorted(e.get("sources", []))))] = e["independent_sources"]
    return out


def _together(reuse: list[dict]) -> set:
    """Pairs of documents in the same copy cluster (connected by reuse pairs): which pair of
    a cluster the engine reports depends on the order it meets the documents."""
    uf = _UnionFind()
    for r in reuse:
        uf.union(r["source"], r["copy"])
    members = collections.defaultdict(list)
    for x in list(uf.parent):
        members[uf.find(x)].append(x)
    return {frozenset((a, b)) for m in members.values() for i, a in enumerate(m) for b in m[i + 1:]}


def compare_reports(single: dict, job: dict) -> dict:
    """Agreement of the job's output (read_output) with a single-machine report: reuse pairs
    (unordered document pairs; and with the same relation), documents, events keyed by
    (type, subtype, date, place name, sources), independent-source counts of matched events."""

    def pr(a: set, b: set) -> dict:  # a = job, b = single
        tp = len(a & b)
        return {"job": len(a), "single": len(b), "common": tp,
                "precision": tp / len(a) if a else 1.0, "recall": tp / len(b) if b else 1.0}

    pairs_s = {frozenset((r["source"], r["copy"])) for r in single["reuse"]}
    pairs_j = {frozenset((r["source"], r["copy"])) for r in job["reuse"]}
    rel_s = {(frozenset((r["source"], r["copy"])), r["relation"]) for r in single["reuse"]}
    rel_j = {(frozenset((r["source"], r["copy"])), r["relation"]) for r in job["reuse"]}
    dir_s = {(r["source"], r["copy"], r["relation"]) for r in single["reuse"]}
    dir_j = {(r["source"], r["copy"], r["relation"]) for r in job["reuse"]}
    names = {e["id"]: e["name"] for e in single["entities"]}
    together_s, together_j = _together(single["reuse"]), _together(job["reuse"])
    ev_s = _event_keys(single["events"], names)
    ev_j = _event_keys(job["events"], None)
    common = sum((ev_s & ev_j).values())
    ind_s = _independent(single["events"], names)
    ind_j = _independent(job["events"], None)
    matched = [k for k in ind_s if k in ind_j]
    docs_s = {d["id"] for d in single["documents"]}
    docs_j = {d["id"] for d in job["documents"]}
    return {
        "documents": pr(docs_j, docs_s),
        "reuse_pairs": pr(pairs_j, pairs_s),
        "reuse_pairs_same_relation": pr(rel_j, rel_s),
        "reuse_pairs_same_direction_and_relation": pr(dir_j, dir_s),
        "same_copy_cluster": pr(together_j, together_s),
        "events": {"job": sum(ev_j.values()), "single": sum(ev_s.values()), "common": common,
                   "difference": sum(ev_j.values()) - sum(ev_s.values()),
                   "precision": common / max(1, sum(ev_j.values())),
                   "recall": common / max(1, sum(ev_s.values()))},
        "independent_sources": {
            "matched_events": len(matched),
            "equal": sum(1 for k in matched if ind_s[k] == ind_j[k]),
            "sum_single": sum(e["independent_sources"] for e in single["events"]),
            "sum_job": sum(e["independent_sources"] for e in job["events"]),
        },
    }


# ---- command line -----------------------------------------------------------------------


def local_client(n_workers: int = 2, **kwargs):
    """A LocalCluster on 127.0.0.1: worker processes, one thread each, no dashboard."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None, **kwargs)
    return Client(cluster)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="sitrep-dask", description=__doc__.split("\n\n")[0],
        epilog="Writes documents-*.jsonl, reuse-*.jsonl, events-*.jsonl and summary.json "
               "(and agreement.json with --compare) in --out. Design and figures: "
               "docs/scale.md.")
    ap.add_argument("inputs", nargs="+", help=".jsonl, .warc or .warc.gz shards (one "
                    "partition each; .txt/.html files: one article each), or folders holding "
                    "them")
    ap.add_argument("--out", required=True, help="output folder (shards and summary.json)")
    ap.add_argument("--scheduler", help="address of a running scheduler (tcp://127.0.0.1:8786)")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    ap.add_argument("--group-by", choices=_GROUPINGS, default="day",
                    help="analysis units: candidate components placed on their earliest "
                         "publication day (default), components alone, or components and "
                         "days joined transitively (chain)")
    ap.add_argument("--bins", type=int, help="units are packed into this many bins, one "
                    "sitrep.analyze call each (default: number of shards, at least 2)")
    ap.add_argument("--no-rewrite-keys", dest="rewrite_keys", action="store_false",
                    help="link documents by LSH band keys only, not by the rewrite-candidate "
                         "keys (sentence sketches, rare tokens)")
    ap.add_argument("--no-pair-bins", dest="pair_bins", action="store_false",
                    help="rewrite links join the one set of bins that gives the documents, "
                         "pairs and events (each document analysed once; fewer events agree "
                         "with single-machine analyze), instead of bins of their own for the "
                         "reuse pairs")
    ap.add_argument("--day-band-keys", dest="day_band_keys", action="store_true",
                    help="day bins' units start from the band-key components (unbalanced on "
                         "template-alike stories), not from the retelling pairs alone")
    ap.add_argument("--no-entity-merge", dest="entity_merge", action="store_false",
                    help="each day bin merges its own documents' entity mentions, instead of "
                         "taking its entities from one merge over the corpus")
    ap.add_argument("--rewrite-index", choices=_REWRITE_INDEXES, default="auto",
                    help="where the rewrite keys are scored: on the driver by the engine's "
                         "index, or by two shuffles (default auto: the driver up to "
                         f"{_DRIVER_INDEX_MAX:,} documents)")
    ap.add_argument("--max-unit", type=int, help="largest candidate component rewrite links "
                    "may make (default: documents / bins, at least the engine's max_postings)")
    ap.add_argument("--compare", action="store_true",
                    help="also run single-machine sitrep.analyze (threads=1) and write "
                         "agreement.json")
    args = ap.parse_args(argv)
    shards = shard_paths(args.inputs)
    from distributed import Client

    client = Client(args.scheduler) if args.scheduler else local_client(args.workers)
    try:
        summary = run(shards, args.out, client, group_by=args.group_by, npartitions=args.bins,
                      rewrite_keys=args.rewrite_keys, max_unit=args.max_unit,
                      pair_bins=args.pair_bins, day_band_keys=args.day_band_keys,
                      entity_merge=args.entity_merge, rewrite_index=args.rewrite_index)
        summary["workers"] = len(client.scheduler_info()["workers"])
        rss = client.run(lambda: __import__("psutil").Process().memory_info().rss)
        summary["worker_rss_mb"] = sorted(round(v / 2**20) for v in rss.values())
    finally:
        client.close()
    if args.compare:
        import sitrep

        t = time.perf_counter()
        single = sitrep.analyze(shards, threads=1)
        summary["single_analyze_s"] = time.perf_counter() - t
        agreement = compare_reports(single, read_output(args.out))
        (pathlib.Path(args.out) / "agreement.json").write_text(json.dumps(agreement, indent=2))
        summary["agreement"] = agreement
    (pathlib.Path(args.out) / "summary.json").write_text(json.dumps(summary, indent=2))
    json.dump(summary, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
