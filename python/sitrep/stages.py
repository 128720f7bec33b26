"""Per-stage functions, for jobs that spread the pipeline over workers (e.g. Dask).

Each takes an article as a record (dict with the fields of a .jsonl line) or a path to a
file holding one article, reads it and cleans it alone (no cross-document boilerplate
evidence, unlike `sitrep.analyze`), then runs one stage:

    clean(article)               -> the document as the report writes it (blocks, roles, metadata)
    signature(article, 16, 4)    -> {"signature": [...], "band_keys": [...]}: MinHash of the
                                    word shingles as the reuse stage computes it, and the LSH
                                    key of each band; articles sharing a key are candidates
    compare(a, b)                -> the reuse pair as `sitrep compare --format json` prints it
                                    (relation "none" when nothing aligns; `a` is the source
                                    when the direction is undetermined)

Not here yet: extraction of one document (entities need the gazetteer loaded once per
worker) and reconciliation of a cluster (python/README.md lists the C++ functions).
"""

from __future__ import annotations

import json
import os
from typing import Any, Mapping, Union

from . import _sitrep
from . import _record_line

Article = Union[str, "os.PathLike[str]", Mapping[str, Any]]

__all__ = ["clean", "signature", "compare"]


def _input(article: Article) -> tuple:
    if isinstance(article, (str, os.PathLike)):
        return os.fsencode(article), True
    if isinstance(article, Mapping):
        return _record_line(article, 1).encode("utf-8"), False
    raise TypeError(f"an article is a path or a record (dict), not {type(article).__name__}")


def clean(article: Article) -> dict:
    """The article read and cleaned: a document of the report (id, blocks with roles...)."""
    data, is_path = _input(article)
    return json.loads(_sitrep.clean(data, is_path).decode("utf-8"))["documents"][0]


def signature(article: Article, bands: int = 16, rows: int = 4) -> dict:
    """MinHash signature (bands * rows values) and LSH band keys (one per band)."""
    data, is_path = _input(article)
    sig, keys = _sitrep.signature(data, is_path, bands, rows)
    return {"signature": sig, "band_keys": keys}


def compare(a: Article, b: Article) -> dict:
    """The reuse pair of two articles: relation, coverage, passages, drift."""
    da, pa = _input(a)
    db, pb = _input(b)
    return json.loads(_sitrep.compare(da, pa, db, pb).decode("utf-8"))
