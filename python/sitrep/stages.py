"""Per-stage functions, for jobs that spread the pipeline over workers (e.g. Dask).

Each takes an article as a record (dict with the fields of a .jsonl line), a document as
`sitrep.read` returns it (dict with "text" and "blocks"; a WARC record, say), or a path
to a file holding one article. Inputs and outputs are plain dicts, lists and strings:
they pickle, so a scheduler can ship them between processes.

    clean(article)               -> the document as the report writes it (blocks, roles,
                                    metadata), cleaned alone (clean::CleanDocument: no
                                    cross-document boilerplate evidence)
    clean_extract(article)       -> {"document", "times", "quantities", "entities",
                                    "claims", "diagnostics"}: the article cleaned and
                                    extracted exactly as `sitrep.analyze([article])` does
                                    it; the gazetteer is loaded once per process, on the
                                    first call, and kept
    signature(article, 16, 4)    -> {"signature": [...], "band_keys": [...],
                                    "sentence_sketches": [...], "rare_tokens": [...]}: MinHash
                                    of the word shingles as the reuse stage computes it, the
                                    LSH key of each band (articles sharing a key are
                                    near-duplicate candidates), and the rewrite-candidate keys
    rewrite_keys(article)        -> {"sentence_sketches": [...], "rare_tokens": [...]}: the
                                    keys the reuse stage's RewriteIndex files the article
                                    under (src/reuse/rewrite_index.h)
    clean_keys(article)          -> (outlet, [block keys]) of the article cleaned alone
    find_templates(outlets, keys)
                                 -> {outlet: [template line keys]}: the cross-document
                                    boilerplate evidence of clean, found once over a corpus
    candidate_pairs(inputs)      -> [(id, id)]: the pairs the reuse stage aligns
    analyze_pairs(inputs, candidates, documents, term_documents, templates)
                                 -> (report, places, type_votes, entity_mentions): the reuse
                                    stage of a piece of a corpus, told the corpus's
                                    candidates, word weights and templates; with
                                    places=True also each document's places, the piece's
                                    entity-type votes and its entity mentions (bytes)
    sum_type_votes([votes])      -> the entity-type votes of several pieces added up
    rewrite_candidates(sketches, rare_tokens, has_sentences)
                                 -> [(score, earlier, position)]: the engine's rewrite index
                                    over a corpus's rewrite keys, in input order
    merge_entities([bytes], order)
                                 -> bytes: the entities of a corpus, its pieces' entity
                                    mentions merged at once, for analyze_mentions(entities=)
    candidate_options()          -> the reuse stage's default candidate settings
                                    (max_postings, max_candidates, thresholds)
    compare(a, b)                -> the reuse pair as `sitrep compare --format json` prints it
                                    (relation "none" when nothing aligns; `a` is the source
                                    when the direction is undetermined)
    analyze_mentions(inputs)     -> (report, {merge group: bytes}, bytes): `sitrep.analyze`,
                                    plus the run's event mentions as self-contained records
                                    by merge group and the content-word counts over them
                                    (src/reconcile/mentions.h), for a reconcile of the
                                    mentions of many runs at once
    sum_word_counts([bytes])     -> bytes: word counts of several runs added up
    reconcile_mentions(sets, counts, documents)
                                 -> {"events", "timeline", "entities"}: the events of the records
                                    of one merge group from any number of runs, as one
                                    `analyze` over all their documents merges them
    reconcile(cluster)           -> {"events", "timeline", "contradictions", ...} of a
                                    cluster of articles: runs the whole pipeline on the
                                    cluster's documents (see its docstring: the reuse pairs
                                    and extractions of the cluster dict are recomputed, not
                                    read)
"""

from __future__ import annotations

import json
import os
from typing import Any, Mapping, Union

from . import Report, _document, _items, _options, _record_line, _sitrep, is_document

Article = Union[str, "os.PathLike[str]", Mapping[str, Any]]

__all__ = ["clean", "clean_extract", "signature", "rewrite_keys", "candidate_options", "compare",
           "reconcile", "analyze_mentions", "sum_word_counts", "reconcile_mentions",
           "clean_keys", "find_templates", "templates", "candidate_pairs", "analyze_pairs",
           "sum_type_votes", "merge_entities", "rewrite_candidates"]


def _input(article: Article) -> tuple:
    if isinstance(article, (str, os.PathLike)):
        return ("path", os.fspath(article))
    if is_document(article):
        return ("document", _document(article, 1))
    if isinstance(article, Mapping):
        return ("record", _record_line(article, 1).encode("utf-8"))
    raise TypeError("an article is a path, a record or a document (dict), "
                    f"not {type(article).__name__}")


def clean(article: Article) -> dict:
    """The article read and cleaned: a document of the report (id, blocks with roles...)."""
    return json.loads(_sitrep.clean(_input(article)).decode("utf-8"))["documents"][0]


def clean_extract(article: Article, gazetteer: Union[str, "os.PathLike[str]"] = "") -> dict:
    """The article cleaned and extracted, as `sitrep.analyze([article])` cleans and extracts
    it (the same C++ calls: clean::CleanDocuments, text::TextAnalyzer,
    extract::ExtractTimesAndQuantities, extract::ExtractWho).

    Returns {"document": the document as the report writes it, "times": [...],
    "quantities": [...], "entities": [... with their mentions], "claims": [...],
    "diagnostics": [...]} in the contract's shapes (docs/report-format.md); entity ids
    ("e1"...) and claim ids are local to this one document. The gazetteer (`gazetteer`, a
    path; default: the installed one, or $SITREP_GAZETTEER) is loaded on the first call in
    a process and kept for the next ones; when it cannot be loaded, places get no
    coordinates and "diagnostics" says why. Raises ValueError for an unreadable article.
    """
    raw = _sitrep.clean_extract(_input(article), os.fspath(gazetteer))
    r = json.loads(raw.decode("utf-8"))
    return {"document": r["documents"][0], "times": r["times"], "quantities": r["quantities"],
            "entities": r["entities"], "claims": r["claims"], "diagnostics": r["diagnostics"]}


def templates(by_outlet: Mapping[str, Any]):
    """Template lines {outlet: [line keys]} (find_templates) made ready for many calls of
    signature, analyze_pairs, analyze_mentions and candidate_pairs (each also takes the
    dict itself, converted on every call)."""
    return _sitrep.Templates(dict(by_outlet))


def _templates(t):
    if t is None or isinstance(t, _sitrep.Templates):
        return t
    if isinstance(t, Mapping):
        return _sitrep.Templates(dict(t))
    raise TypeError(f"templates are a dict {{outlet: [keys]}}, not {type(t).__name__}")


def clean_keys(article: Article) -> tuple:
    """(outlet, [block keys]) of the article cleaned alone (clean::CleanAlone): its outlet
    ("" when unknown) and each block's repetition key, what find_templates counts."""
    outlet, keys = _sitrep.clean_keys(_input(article))
    return outlet, list(keys)


def find_templates(outlets: list, keys: list) -> dict:
    """{outlet: [template line keys]} over documents given by their outlet and block keys
    (clean_keys): lines recurring across enough documents of one outlet that are not
    copies of one another (clean::FindTemplates, as `analyze` finds them over its
    documents). A job that cleans a corpus in pieces finds them once over every document
    and hands them to each piece."""
    return dict(_sitrep.find_templates(list(outlets), [list(k) for k in keys]))


def candidate_pairs(inputs, templates=None, **options: Any) -> list:
    """[(earlier id, later id)]: the pairs the reuse stage aligns over the inputs
    (reuse::CandidatePairs: same body hash, LSH band with estimated Jaccard >= 0.2,
    RewriteIndex candidates, every pair of at most 32 documents), the inputs cleaned with
    their own template lines or `templates`. What a distributed search must reproduce."""
    return [tuple(p) for p in _sitrep.candidate_pairs(_items(inputs), "records",
                                                      _options(options), _templates(templates))]


def analyze_pairs(inputs, candidates, documents: int, term_documents: Mapping[int, int],
                  templates=None, places: bool = False, **options: Any) -> tuple:
    """The reuse stage over the inputs as one run over a whole collection would pair them:
    the candidate pairs [(id, id)] found over the collection (candidate_pairs' rules),
    its number of documents and {sentence term: documents using it} (signature's "terms";
    terms in fewer than sqrt(documents + 1) may be left out), and its template lines.
    Returns (report, places, type_votes, entity_mentions): the report holds the
    documents, reuse pairs (with passages and drift) and clusters; with `places`, the
    documents are also extracted, `places` maps each document id to the keys of the places
    it names ("g:<GeoNames id>", else "place:<name>"), which summed over a collection give
    analyze_mentions' `places`, `type_votes` holds the entity-type votes of the documents
    ({name key: (person, organization, other)}, src/extract/entity.h TypeVotes), which
    summed over a collection (sum_type_votes) give analyze_mentions' `type_votes`, and
    `entity_mentions` (bytes) the documents' entity mentions, which merged over a
    collection (merge_entities) give analyze_mentions' `entities`; without, all three are
    empty."""
    raw, keys, votes, mentions = _sitrep.analyze_pairs(
        _items(inputs), "records", _options(options), [tuple(p) for p in candidates],
        int(documents), dict(term_documents), _templates(templates), bool(places))
    return (Report(json.loads(raw.decode("utf-8"))), {k: list(v) for k, v in keys.items()},
            dict(votes), mentions)


def merge_entities(parts, order, **options: Any) -> bytes:
    """The entities of a collection (bytes, for analyze_mentions' `entities`): the entity
    mentions of its documents (analyze_pairs' entity_mentions, from every piece) merged
    at once, in `order` (the collection's document ids, in the order one analyze over it
    takes them), as that analyze merges them (extract::MergeCollectionEntities). A piece
    told them has the whole's entities: a one-word name joins the full name only another
    piece holds, and each entity has the whole's id, name and type. A document `order`
    lacks is a ValueError."""
    return _sitrep.merge_entities([bytes(p) for p in parts], [str(i) for i in order],
                                  _options(options))


def rewrite_candidates(sketches, rare_tokens, has_sentences, options: Mapping[str, Any] | None
                       = None) -> list:
    """The rewrite candidates of a corpus's documents, given in input order by their
    rewrite keys (signature's "sentence_sketches" and "rare_tokens", and "has_sentences"):
    the engine's RewriteIndex queried with each document and then added, as the reuse
    stage searches (a document without sentences is added, not queried). Returns [(score,
    earlier position, position)], score the summed sketch and rare-token idf weights.
    options: candidate_options() (the default) or a dict with its max_postings,
    min_shared_sketches, min_rare_weight and max_candidates."""
    o = dict(candidate_options())
    o.update(options or {})
    return _sitrep.rewrite_candidates([list(k) for k in sketches], [list(k) for k in rare_tokens],
                                      [bool(h) for h in has_sentences], int(o["max_postings"]),
                                      int(o["min_shared_sketches"]), float(o["min_rare_weight"]),
                                      int(o["max_candidates"]))


def sum_type_votes(parts) -> dict:
    """Entity-type votes ({name key: (person, organization, other)}, from analyze_pairs)
    of several pieces of a collection, added up: the collection's votes
    (extract::TypeVotes::Add)."""
    return dict(_sitrep.sum_type_votes([dict(v) for v in parts]))


def signature(article: Article, bands: int = 16, rows: int = 4, templates=None) -> dict:
    """The article's reuse candidate keys, computed by the engine (reuse::ComputeFeatures
    on the article cleaned alone):

    "signature"          MinHash of the word shingles (bands * rows values, uint32)
    "band_keys"          its LSH band keys, one per band (NearDuplicateIndex::BandKeys)
    "sentence_sketches"  and
    "rare_tokens"        the keys RewriteIndex::Add files the article under: min-hash
                         keys of each sentence's canonical content words, and hashes of
                         names and multi-digit numbers (uint64, sorted, unique; empty for
                         an article without sentences)

    "has_sentences"      False for an article without sentences (it takes part in no pair)
    "body_hash"          hash of its lower-cased words and numbers (same hash: duplicates)
    "terms"              its sentence terms, sorted and unique (what it counts for in the
                         document frequency that weighs words in alignment)

    All plain ints. The reuse stage proposes a rewrite candidate when two articles share
    at least 2 sketches, or 1 sketch and rare tokens worth 12 (idf-weighted); keys held by
    more than 256 articles are ignored (`candidate_options()`). `templates`: the
    collection's template lines (find_templates), marked boilerplate before the keys are
    computed, as `analyze` over the collection cleans the article.
    """
    sig, keys, sketches, rare, has_sentences, body_hash, terms = _sitrep.signature(
        _input(article), bands, rows, _templates(templates))
    return {"signature": sig, "band_keys": keys, "sentence_sketches": sketches,
            "rare_tokens": rare, "has_sentences": has_sentences, "body_hash": body_hash,
            "terms": terms}


def rewrite_keys(article: Article) -> dict:
    """{"sentence_sketches": [...], "rare_tokens": [...]}: see `signature`."""
    sig = signature(article)
    return {"sentence_sketches": sig["sentence_sketches"], "rare_tokens": sig["rare_tokens"]}


def candidate_options() -> dict:
    """The reuse stage's default candidate settings: {"max_postings", "max_candidates",
    "min_shared_sketches", "min_rare_weight", "lsh_bands", "lsh_rows"} (ReuseOptions and
    RewriteIndexOptions, src/reuse/rewrite_index.h)."""
    return dict(_sitrep.reuse_candidate_options())


def compare(a: Article, b: Article) -> dict:
    """The reuse pair of two articles: relation, coverage, passages, drift."""
    return json.loads(_sitrep.compare(_input(a), _input(b)).decode("utf-8"))


def reconcile(cluster: Mapping[str, Any], **options: Any) -> dict:
    """Events, timeline and contradictions of one cluster of articles.

    `cluster` is report-shaped: {"documents": [articles...], ...}, the articles being
    records, documents as `sitrep.read` returns them, or paths. **This runs the whole
    pipeline on those documents** (`sitrep.analyze(cluster["documents"], **options)`):
    the engine's reconcile stage (reconcile::Reconcile) needs its C++ report - cleaned
    documents, analysed text, reuse pairs with aligned passages and drift, entities with
    mentions - and the package has no reader of the JSON report back into it, so any
    "reuse", "entities", "times", "claims"... keys of `cluster` are not read: they are
    recomputed, the same way `analyze` computes them. The cost is that of `analyze` on
    the cluster (about a second of set-up per call for the gazetteer, plus the analysis).

    Returns {"events", "timeline", "contradictions", "entities", "reuse", "clusters",
    "diagnostics"} as in the report; event locations and actors are entity ids of
    "entities" (local to this call).
    """
    if not isinstance(cluster, Mapping) or "documents" not in cluster:
        raise TypeError("a cluster is a dict with a \"documents\" list")
    docs = list(cluster["documents"])
    if not docs:
        return {k: [] for k in ("events", "timeline", "contradictions", "entities", "reuse",
                                "clusters", "diagnostics")}
    from . import analyze

    r = analyze(docs, **options)
    return {k: r[k] for k in ("events", "timeline", "contradictions", "entities", "reuse",
                              "clusters", "diagnostics")}


def analyze_mentions(inputs, reuse: list | None = None, templates=None,
                     places: Mapping[str, Any] | None = None, context=(),
                     type_votes: Mapping[str, Any] | None = None, entities: bytes | None = None,
                     **options: Any) -> tuple:
    """`sitrep.analyze(inputs, **options)`, plus the run's event mentions.

    reuse: reuse pairs found elsewhere (the report's "reuse" entries, with their passages
    and drift), used instead of the run's own reuse stage: those between two of the
    inputs' documents are the run's pairs and copy clusters. A job that analyses a corpus
    in pieces finds the pairs over the whole corpus, and a piece alone, weighing words by
    its own documents only, would pair them differently.
    templates: the collection's template lines (find_templates), used instead of those
    the inputs alone show, so that the documents are cleaned as over the whole collection.
    places: {"documents": n, "by_key": {place key: documents naming it}} over the whole
    collection (analyze_pairs' places, summed): documents' main places and event places
    are weighed by them instead of by the inputs' own counts.
    context: ids of documents analysed only for the others' sake (a copy's source whose
    own run is elsewhere, so that the copy links its mentions to the source's): their
    mentions are left out of the mentions and word counts (the report still holds them).
    type_votes: the entity-type votes of the whole collection (analyze_pairs' type_votes,
    summed): names are typed by them instead of by the inputs' own mentions.
    entities: the whole collection's entity merge (merge_entities): the inputs' mentions
    take their entities from it instead of a merge of the inputs' own (unless it lacks one
    of their documents).

    Returns (report, mentions, word_counts): `mentions` maps each merge group (an event
    type: a copy's mention goes with the type of the mention it copies) to the group's
    mention records as bytes; `word_counts` (bytes) counts the content words over all the
    run's mentions. Hand the records of one group from every run, with the runs' word
    counts added up (sum_word_counts), to reconcile_mentions."""
    known = None if reuse is None else json.dumps(list(reuse)).encode("utf-8")
    raw, groups, counts = _sitrep.analyze_mentions(_items(inputs), "records", _options(options),
                                                   known, _templates(templates),
                                                   None if places is None else dict(places),
                                                   [str(i) for i in context],
                                                   None if type_votes is None
                                                   else dict(type_votes),
                                                   None if entities is None else bytes(entities))
    return Report(json.loads(raw.decode("utf-8"))), dict(groups), counts


def sum_word_counts(parts) -> bytes:
    """Word counts (bytes from analyze_mentions) of several runs, added up."""
    return _sitrep.sum_word_counts(list(parts))


def reconcile_mentions(sets, word_counts: bytes, documents: Mapping[str, tuple]) -> dict:
    """The events of mention records (bytes from analyze_mentions) of one merge group.

    sets: the group's records from any number of runs (a document analysed by two runs
    counts once). word_counts: the sum over every run of the corpus (the merge weighs
    words by their document frequency over all mentions). documents: {id: (input rank,
    copy cluster)} over the corpus: the rank orders documents as one `analyze` would read
    them, and documents of one copy cluster count as one independent source.

    Returns {"events", "timeline", "entities"}: events as in the report, sorted as the
    report sorts them, their timeline entries, and the entities the events name (their
    ids are those of "location", "actors", "claimants")."""
    raw = _sitrep.reconcile_mentions(list(sets), word_counts,
                                     {k: (int(v[0]), str(v[1])) for k, v in documents.items()})
    r = json.loads(raw.decode("utf-8"))
    return {k: r.get(k, []) for k in ("events", "timeline", "entities")}
