"""sitrep: source-checked situation reports from news articles, from Python.

    import sitrep
    report = sitrep.analyze("examples/")                     # files and folders
    report = sitrep.analyze([{"id": "a", "text": "..."}])    # records in memory
    read = sitrep.read("crawl.warc.gz")                       # documents as read, picklable
    report = sitrep.analyze(read["documents"])                # same report as the file's
    report["events"][0]["summary"]
    tables = report.to_pandas()                               # needs pandas
    tables["events"].head()

`analyze` runs the C++ engine (the same as `sitrep analyze`, default options unless given)
and returns the JSON report of contract v1.1 (docs/report-format.md) as Python objects: a
`Report`, which is a dict with every top-level key of the contract ("documents", "reuse",
"clusters", "entities", "times", "quantities", "claims", "events", "contradictions",
"timeline", "diagnostics", "sitrep", "contract").
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Union

from . import _sitrep

__all__ = ["analyze", "read", "Report", "version", "CONTRACT", "stages"]

CONTRACT: str = _sitrep.CONTRACT

# Fields of a record: as in a .jsonl input (src/ingest/ingest.h). "text" or "html" is needed.
RECORD_FIELDS = ("id", "url", "title", "date", "published", "author", "outlet", "text", "html")

_OPTIONS = {
    "threads": int,  # worker threads, 0 = all cores
    "gazetteer": str,  # gazetteer data file (default: the one installed with sitrep)
    "max_file_bytes": int,  # files (WARC, JSONL: records) larger than this are skipped
    "follow_symlinks": bool,  # follow symbolic links when walking folders
    "detect_language": bool,  # detect each document's language (CLD2)
    "reuse_only": bool,  # stop after the reuse stage: documents, reuse pairs, clusters only
}

Input = Union[str, "os.PathLike[str]", Mapping[str, Any]]

# Keys of a document as read (sitrep.read): the fields of the engine's Document.
DOCUMENT_FIELDS = ("id", "path", "format", "url", "title", "published", "published_basis",
                   "outlet", "author", "language", "text", "blocks", "meta")


def is_document(item: Any) -> bool:
    """True for a document as `read` returns it (a dict with "text" and "blocks"), as
    opposed to a record (the fields of a .jsonl line)."""
    return isinstance(item, Mapping) and "blocks" in item and "text" in item


def version() -> str:
    """The engine's version, e.g. "0.1.0"."""
    return _sitrep.version()


class Report(dict):
    """The JSON report as a dict, plus `to_pandas()`."""

    def to_pandas(self) -> dict:
        """Tables as pandas DataFrames: documents, reuse, entities, events, timeline,
        diagnostics. One row per item; list fields are kept as Python lists, nested objects
        (passages, mentions, evidence...) are counted ("n_passages", ...), and the full item
        is in the report itself. Raises ImportError when pandas is not installed."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("Report.to_pandas() needs pandas (apt install python3-pandas "
                              "or pip install pandas)") from e

        def frame(rows, columns):
            return pd.DataFrame(rows, columns=columns)

        documents = frame(
            [{
                "id": d["id"], "path": d["path"], "format": d.get("format"), "url": d.get("url"),
                "title": d["title"], "published": d["published"],
                "published_basis": d.get("published_basis"), "outlet": d["outlet"],
                "author": d["author"], "language": d["language"], "n_blocks": len(d["blocks"]),
                "body_chars": sum(len(b["text"]) for b in d["blocks"] if b["role"] == "body"),
            } for d in self["documents"]],
            ["id", "path", "format", "url", "title", "published", "published_basis", "outlet",
             "author", "language", "n_blocks", "body_chars"])
        reuse = frame(
            [{
                "source": r["source"], "copy": r["copy"], "relation": r["relation"],
                "relation_detail": r.get("relation_detail"), "coverage": r["coverage"],
                "similarity": r["similarity"], "direction_basis": r.get("direction_basis"),
                "n_passages": len(r["passages"]), "n_drift": len(r["drift"]),
                "drift_kinds": sorted({x["kind"] for x in r["drift"]}),
            } for r in self["reuse"]],
            ["source", "copy", "relation", "relation_detail", "coverage", "similarity",
             "direction_basis", "n_passages", "n_drift", "drift_kinds"])
        entities = frame(
            [{
                "id": e["id"], "name": e["name"], "type": e["type"], "aliases": e["aliases"],
                "lat": e["lat"], "lon": e["lon"], "geonames_id": e["geonames_id"],
                "country": e.get("country"), "n_mentions": len(e["mentions"]),
                "docs": sorted({m["doc"] for m in e["mentions"]}),
            } for e in self["entities"]],
            ["id", "name", "type", "aliases", "lat", "lon", "geonames_id", "country",
             "n_mentions", "docs"])
        events = frame(
            [{
                "id": e["id"], "type": e["type"], "subtype": e.get("subtype"), "date": e["date"],
                "location": e["location"], "summary": e["summary"], "actors": e["actors"],
                "fatalities": e["fatalities"], "sources": e["sources"],
                "independent_sources": e["independent_sources"], "status": e.get("status"),
                "claimants": e.get("claimants", []), "n_mentions": len(e["mentions"]),
                "n_changed_in_copy": len(e.get("changed_in_copy", [])),
            } for e in self["events"]],
            ["id", "type", "subtype", "date", "location", "summary", "actors", "fatalities",
             "sources", "independent_sources", "status", "claimants", "n_mentions",
             "n_changed_in_copy"])
        timeline = frame(
            [{
                "date": t["date"], "precision": t.get("precision"), "summary": t["summary"],
                "events": t["events"], "sources": t["sources"],
                "independent_sources": t["independent_sources"], "status": t.get("status"),
                "n_changed_in_copy": len(t.get("changed_in_copy", [])),
            } for t in self["timeline"]],
            ["date", "precision", "summary", "events", "sources", "independent_sources",
             "status", "n_changed_in_copy"])
        diagnostics = frame(self["diagnostics"], ["severity", "path", "message"])
        return {"documents": documents, "reuse": reuse, "entities": entities,
                "events": events, "timeline": timeline, "diagnostics": diagnostics}


def _document(doc: Mapping[str, Any], index: int) -> dict:
    unknown = set(doc) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"document {index}: unknown field(s) {sorted(unknown)}; "
                        f"known: {', '.join(DOCUMENT_FIELDS)}")
    return dict(doc)


def _record_line(record: Mapping[str, Any], index: int) -> str:
    unknown = set(record) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"record {index}: unknown field(s) {sorted(unknown)}; "
                        f"known: {', '.join(RECORD_FIELDS)}")
    if not (record.get("text") or record.get("html")):
        raise ValueError(f"record {index}: needs a 'text' or an 'html' field")
    return json.dumps(dict(record), ensure_ascii=False)


def analyze(inputs: Union[Input, Iterable[Input]], **options: Any) -> Report:
    """Runs the whole pipeline and returns the report.

    inputs: a path (str or os.PathLike: a .txt/.html/.jsonl/.warc/.warc.gz file or a folder,
    read recursively), a record (a dict with the fields of a .jsonl line: id, url, title,
    date or published, author, outlet, and text or html), a document as `read` returns it
    (a dict with "text" and "blocks"), or a list mixing them, analysed in the order given
    (the engine's output depends on document order). A str is always a path, never
    article text: pass text as {"text": ...}. Records without an "id" get "records:<n>"
    (n from 1, counting records in order). Ids that clash get "~2", "~3"...

    options (all optional; defaults as the CLI): threads (0 = all cores), gazetteer (path),
    max_file_bytes, follow_symlinks, detect_language; reuse_only (stop after the reuse
    stage: the report has documents, reuse pairs and clusters, no entities or events).

    Unreadable inputs do not raise: they are in report["diagnostics"], as with the CLI.
    Raises ValueError when there is no input at all, TypeError for an unknown option or
    record field, or an input of another type.
    """
    raw = _sitrep.analyze(_items(inputs), "records", _options(options))
    return Report(json.loads(raw.decode("utf-8")))


def _items(inputs: Union[Input, Iterable[Input]]) -> list[tuple]:
    """The engine's inputs, in order: ("path", str) | ("records", jsonl bytes) |
    ("document", dict)."""
    if isinstance(inputs, (str, os.PathLike, Mapping)):
        inputs = [inputs]
    items: list[tuple] = []  # ("path", str) | ("records", jsonl bytes) | ("document", dict)
    run: list[str] = []  # consecutive records, one JSONL batch
    n_records = 0

    def end_run():
        if run:
            items.append(("records", ("\n".join(run) + "\n").encode("utf-8")))
            run.clear()

    for n, item in enumerate(inputs, 1):
        if isinstance(item, (str, os.PathLike)):
            end_run()
            items.append(("path", os.fspath(item)))
        elif is_document(item):
            end_run()
            items.append(("document", _document(item, n)))
        elif isinstance(item, Mapping):
            n_records += 1
            line = _record_line(item, n_records)
            if "id" not in item:  # numbered over all records, whatever runs they are in
                line = json.dumps({"id": f"records:{n_records}", **item}, ensure_ascii=False)
            run.append(line)
        else:
            raise TypeError("an input must be a path, a record or a document (dict), "
                            f"not {type(item).__name__}")
    end_run()
    if not items:
        raise ValueError("no input: give paths or records")
    return items


def read(paths: Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]],
         **options: Any) -> dict:
    """Reads files and folders with the engine's readers, as `analyze` reads them (.txt,
    .html, .jsonl, feeds, .warc/.warc.gz), without analysing them.

    Returns {"documents": [...], "diagnostics": [...]}. Each document is a plain dict (it
    pickles; send it to another process) with the fields of the engine's Document before
    cleaning: id (as `analyze` gives it: file stem, JSONL "id" or "<stem>:<line>", WARC
    "<stem>:<record number>"), path, format, url (a WARC record's WARC-Target-URI), title,
    published (YYYY-MM-DD when the record or the page's metadata gives a date; cleaning
    fills the rest), published_basis, outlet, author, language, text (the visible text),
    blocks ([{role, start, end, tag, ancestors, link_bytes}], UTF-8 byte offsets into
    text), meta ([key, value] pairs the reader found for cleaning to weigh: og:*, jsonld:*,
    jsonl:*, and for WARC warc:date (the crawl date: cleaning makes it the publication
    date when the page gives none), warc:target-uri, warc:record-id, http:last-modified).
    Absent fields are None. Strings that held bytes that are not UTF-8 (a WARC header can)
    carry them as surrogate escapes, so that they go back to the engine unchanged.

    `analyze(documents)` gives the report `analyze(paths)` gives (same documents in the
    same order; the reading diagnostics are the ones returned here); the stage functions
    take these documents too. Options: max_file_bytes,
    follow_symlinks (the others are accepted and ignored here).
    """
    opts = _options(options)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise ValueError("no input path given")
    return _sitrep.read(paths, opts)


def _options(options: Mapping[str, Any]):
    opts = _sitrep.Options()
    for name, value in options.items():
        kind = _OPTIONS.get(name)
        if kind is None:
            raise TypeError(f"unknown option {name!r}; known: {', '.join(_OPTIONS)}")
        if kind is str and isinstance(value, os.PathLike):
            value = os.fspath(value)
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise TypeError(f"option {name!r} must be {kind.__name__}, not {type(value).__name__}")
        setattr(opts, name, value)
    return opts


from . import stages  # noqa: E402  (per-stage functions; imports _record_line above)
