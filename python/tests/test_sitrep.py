"""Tests of the Python package: run by ctest (python_test) with PYTHONPATH=<build>/python.

The example corpus (examples/) is read from the checkout: SITREP_SOURCE_DIR, else two
folders up from this file.
"""

import gzip
import json
import os
import pathlib
import pickle
import subprocess
import sys

import pytest

import sitrep

SOURCE = pathlib.Path(os.environ.get("SITREP_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
EXAMPLES = SOURCE / "examples"
TOP_KEYS = {"sitrep", "contract", "documents", "reuse", "clusters", "entities", "times",
            "quantities", "claims", "events", "contradictions", "timeline", "diagnostics"}

STORY = ("Shelling hits Kherson market\n\n"
         "KHERSON, March 8 (Wire) - Russian shelling hit the central market in Kherson on "
         "Wednesday, killing three people and wounding 12, the regional governor said.\n\n"
         "The governor said rescue teams were still searching the site on Wednesday evening.")


@pytest.fixture(scope="module")
def examples_report():
    return sitrep.analyze(EXAMPLES, threads=1)


def test_version_and_contract():
    assert sitrep.version().count(".") == 2
    assert sitrep.CONTRACT == "1.1"


def test_examples_folder_gives_the_contract(examples_report):
    r = examples_report
    assert isinstance(r, sitrep.Report) and isinstance(r, dict)
    assert TOP_KEYS <= set(r)
    assert r["contract"] == sitrep.CONTRACT
    ids = {d["id"] for d in r["documents"]}
    # Every .txt/.html file and every .jsonl line of the examples is a document.
    files = [p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")]
    lines = sum(1 for p in EXAMPLES.glob("*.jsonl") for line in p.open() if line.strip())
    assert len(r["documents"]) == len(files) + lines
    for f in files:
        assert f.stem in ids
    # Offsets point into the blocks' text as the contract says.
    for d in r["documents"]:
        for b in d["blocks"]:
            assert b["end"] - b["start"] == len(b["text"].encode("utf-8"))
    assert r["reuse"], "the examples hold copies"
    for pair in r["reuse"]:
        assert pair["source"] in ids and pair["copy"] in ids


def test_same_report_whatever_the_thread_count(examples_report):
    again = sitrep.analyze([str(EXAMPLES)], threads=2)
    assert json.dumps(again, sort_keys=True) == json.dumps(examples_report, sort_keys=True)


def test_same_report_as_the_cli(examples_report, tmp_path):
    binary = os.environ.get("SITREP_BINARY", str(SOURCE / "build" / "sitrep"))
    if not os.path.exists(binary):
        pytest.skip("no sitrep CLI built (SITREP_BINARY)")
    out = tmp_path / "report.json"
    subprocess.run([binary, "analyze", str(EXAMPLES), "--format", "json", "-o", str(out)],
                   check=False, capture_output=True)
    cli = json.loads(out.read_text(encoding="utf-8"))
    assert json.dumps(cli, sort_keys=True) == json.dumps(examples_report, sort_keys=True)


def test_records_in_memory():
    r = sitrep.analyze([
        {"id": "wire", "text": STORY, "date": "2023-03-08", "outlet": "Wire"},
        {"text": STORY.replace("Wire", "Daily"), "outlet": "Daily"},
    ], threads=1)
    ids = [d["id"] for d in r["documents"]]
    assert ids == ["wire", "records:2"]
    assert r["documents"][0]["published"] == "2023-03-08"
    assert r["documents"][0]["outlet"] == "Wire"
    assert len(r["reuse"]) == 1  # the second is a copy of the first
    assert {r["reuse"][0]["source"], r["reuse"][0]["copy"]} == {"wire", "records:2"}


def test_paths_and_records_together(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    r = sitrep.analyze([tmp_path, {"id": "b", "html": "<p>" + STORY + "</p>"}], threads=1)
    assert sorted(d["id"] for d in r["documents"]) == ["a", "b"]


def warc_record(uri, date, body, content_type="text/html; charset=utf-8", kind="response"):
    """One WARC/1.1 record: an HTTP 200 response holding `body` (bytes), or a request."""
    if kind == "response":
        payload = (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode()
                   + b"\r\n\r\n" + body)
        ctype = b"application/http; msgtype=response"
    else:
        payload = b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n"
        ctype = b"application/http; msgtype=request"
    return (b"WARC/1.1\r\nWARC-Type: " + kind.encode() + b"\r\nWARC-Target-URI: "
            + uri.encode() + b"\r\nWARC-Date: " + date.encode() + b"\r\nContent-Type: "
            + ctype + b"\r\nContent-Length: " + str(len(payload)).encode() + b"\r\n\r\n"
            + payload + b"\r\n\r\n")


def write_warc(path, records):
    """A .warc (plain) or .warc.gz (one gzip member per record) file of `records`."""
    path = pathlib.Path(path)
    if path.name.endswith(".gz"):
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:
        path.write_bytes(b"".join(records))
    return path


def page(title, paragraphs):
    return ("<html><head><title>" + title + "</title></head><body><article><h1>" + title
            + "</h1>" + "".join("<p>" + p + "</p>" for p in paragraphs)
            + "</article></body></html>").encode()


def test_warc_input(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", [warc_record(
        "https://news.example/k", "2023-03-09T10:00:00Z",
        page("Shelling hits Kherson market", [STORY.split("\n\n")[1]]))])
    r = sitrep.analyze(path, threads=1)
    assert [d["url"] for d in r["documents"]] == ["https://news.example/k"]
    assert any(d["severity"] == "info" and "1 document from 1 WARC record" in d["message"]
               for d in r["diagnostics"])


def _without_diagnostics(report):
    return json.dumps({k: v for k, v in report.items() if k != "diagnostics"}, sort_keys=True)


def test_read_warc_gives_the_documents_analyze_reads(tmp_path):
    body = STORY.split("\n\n")[1]
    path = write_warc(tmp_path / "crawl.warc.gz", [
        warc_record("https://news.example/", "2023-03-09T10:00:00Z", b"", kind="request"),
        warc_record("https://news.example/k", "2023-03-09T10:00:00Z",
                    page("Shelling hits Kherson market", [body])),
        warc_record("https://news.example/logo.png", "2023-03-09T10:00:01Z", b"\x89PNG....",
                    content_type="image/png"),
        warc_record("https://daily.example/k", "2023-03-10T08:00:00.5Z",
                    page("Kherson market shelled", [body.replace("Wire", "Daily")])),
    ])
    read = sitrep.read(path)
    docs = read["documents"]
    assert [d["id"] for d in docs] == ["crawl:2", "crawl:4"]  # record numbers in the file
    assert [d["url"] for d in docs] == ["https://news.example/k", "https://daily.example/k"]
    # The crawl date is reader metadata; cleaning makes it the publication date.
    assert [dict(d["meta"])["warc:date"] for d in docs] == ["2023-03-09T10:00:00Z",
                                                            "2023-03-10T08:00:00.5Z"]
    assert docs[0]["format"] == "html" and docs[0]["path"] == str(path)
    assert docs[0]["title"] is None or "Kherson" in docs[0]["title"]
    assert "central market" in docs[0]["text"]
    for d in docs:
        raw = d["text"].encode("utf-8")
        assert all(raw[b["start"]:b["end"]].strip() for b in d["blocks"])
    assert any(x["severity"] == "info" and "2 documents from 4 WARC records" in x["message"]
               for x in read["diagnostics"])
    # The documents as read, analysed (here or after a trip through pickle, as a Dask
    # worker gets them), give the report of the file itself.
    whole = sitrep.analyze(path, threads=1)
    assert [d["id"] for d in whole["documents"]] == ["crawl:2", "crawl:4"]
    assert [d["published"] for d in whole["documents"]] == ["2023-03-09", "2023-03-10"]
    again = sitrep.analyze(pickle.loads(pickle.dumps(docs)), threads=1)
    assert _without_diagnostics(again) == _without_diagnostics(whole)
    assert len(whole["reuse"]) == 1


def test_read_examples_round_trips_through_analyze(examples_report):
    read = sitrep.read(EXAMPLES)
    assert [d["id"] for d in read["documents"]] == [d["id"] for d in examples_report["documents"]]
    again = sitrep.analyze(read["documents"], threads=1)
    assert _without_diagnostics(again) == _without_diagnostics(examples_report)


def test_read_keeps_bytes_that_are_not_utf8(tmp_path):
    rec = warc_record("https://news.example/caf\xe9", "2023-03-09T10:00:00Z",
                      page("Shelling hits Kherson market", [STORY.split("\n\n")[1]]))
    rec = rec.replace(b"caf\xc3\xa9", b"caf\xe9")  # a Latin-1 byte in a WARC header
    path = write_warc(tmp_path / "latin.warc", [rec])
    docs = sitrep.read(path)["documents"]
    assert len(docs) == 1
    doc = pickle.loads(pickle.dumps(docs[0]))
    # The document goes back to the engine byte for byte: same report as the file's.
    assert (_without_diagnostics(sitrep.analyze([doc], threads=1))
            == _without_diagnostics(sitrep.analyze(path, threads=1)))


def test_analyze_keeps_the_order_of_mixed_inputs(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    read = sitrep.read(tmp_path / "a.txt")["documents"]
    r = sitrep.analyze([{"text": STORY}, tmp_path / "a.txt", {"text": STORY},
                        dict(read[0], id="b")], threads=1)
    assert [d["id"] for d in r["documents"]] == ["records:1", "a", "records:2", "b"]


def test_a_document_that_does_not_fit_its_text_is_refused():
    doc = sitrep.read(EXAMPLES)["documents"][0]
    bad = dict(doc, blocks=[dict(doc["blocks"][0], end=len(doc["text"].encode()) + 1)])
    with pytest.raises(ValueError, match="does not fit"):
        sitrep.analyze([bad])
    with pytest.raises(ValueError, match="unknown block role"):
        sitrep.analyze([dict(doc, blocks=[dict(doc["blocks"][0], role="lede")])])
    with pytest.raises(TypeError):
        sitrep.analyze([dict(doc, text=b"bytes")])
    with pytest.raises(TypeError, match="block must be a dict"):
        sitrep.analyze([dict(doc, blocks=[[0, 4]])])
    with pytest.raises(ValueError, match="meta item"):
        sitrep.analyze([dict(doc, meta=[("only a key",)])])
    with pytest.raises(TypeError, match="unknown field"):
        sitrep.stages.clean(dict(doc, body="x"))


def test_bad_inputs_are_diagnostics_not_exceptions(tmp_path):
    missing = tmp_path / "missing.txt"
    r = sitrep.analyze([missing, {"text": STORY}], threads=1)
    assert len(r["documents"]) == 1
    assert any(d["severity"] == "error" and d["path"] == str(missing) for d in r["diagnostics"])


def test_argument_errors():
    with pytest.raises(ValueError):
        sitrep.analyze([])
    with pytest.raises(TypeError, match="unknown option"):
        sitrep.analyze(EXAMPLES, thread=1)
    with pytest.raises(TypeError, match="must be int"):
        sitrep.analyze(EXAMPLES, threads="2")
    with pytest.raises(TypeError, match="unknown field"):
        sitrep.analyze({"body": STORY})
    with pytest.raises(ValueError, match="'text' or an 'html'"):
        sitrep.analyze({"id": "x"})
    with pytest.raises(TypeError):
        sitrep.analyze([42])
    with pytest.raises(TypeError, match="unknown option"):
        sitrep.read(EXAMPLES, thread=1)
    with pytest.raises(ValueError):
        sitrep.read([])


def test_to_pandas(examples_report):
    pd = pytest.importorskip("pandas")
    tables = examples_report.to_pandas()
    assert set(tables) == {"documents", "reuse", "entities", "events", "timeline", "diagnostics"}
    for name, frame in tables.items():
        assert isinstance(frame, pd.DataFrame)
    assert len(tables["documents"]) == len(examples_report["documents"])
    assert list(tables["documents"]["id"]) == [d["id"] for d in examples_report["documents"]]
    assert len(tables["reuse"]) == len(examples_report["reuse"])
    assert len(tables["entities"]) == len(examples_report["entities"])
    assert len(tables["events"]) == len(examples_report["events"])
    assert len(tables["timeline"]) == len(examples_report["timeline"])
    if len(tables["events"]):
        e = examples_report["events"][0]
        row = tables["events"].iloc[0]
        assert row["id"] == e["id"] and row["summary"] == e["summary"]
        assert row["n_mentions"] == len(e["mentions"])


def test_to_pandas_on_an_empty_report():
    pytest.importorskip("pandas")
    r = sitrep.Report({k: [] for k in TOP_KEYS})
    tables = r.to_pandas()
    assert all(len(t) == 0 for t in tables.values())
    assert "summary" in tables["events"].columns


# ---- sitrep.stages ----

def test_stage_clean():
    doc = sitrep.stages.clean({"id": "k", "text": STORY, "outlet": "Wire"})
    assert doc["id"] == "k" and doc["outlet"] == "Wire"
    assert doc["title"] == "Shelling hits Kherson market"
    assert [b["role"] for b in doc["blocks"]][:1] == ["title"]
    assert any(b["role"] == "body" and "central market" in b["text"] for b in doc["blocks"])


def test_stage_clean_of_a_path_matches_analyze(examples_report):
    path = sorted(EXAMPLES.glob("*.html"))[0]
    doc = sitrep.stages.clean(path)
    assert doc["id"] == path.stem
    reported = next(d for d in examples_report["documents"] if d["id"] == path.stem)
    assert [b["text"] for b in doc["blocks"]] == [b["text"] for b in reported["blocks"]]


def test_stage_signature_finds_copies_not_strangers():
    other = ("Grain talks resume in Istanbul\n\nDelegations met in Istanbul on Friday to "
             "discuss extending the grain corridor, officials said, without giving details.")
    a = sitrep.stages.signature({"text": STORY})
    b = sitrep.stages.signature({"text": STORY.replace("Wire", "Daily")})
    c = sitrep.stages.signature({"text": other})
    assert len(a["signature"]) == 64 and len(a["band_keys"]) == 16
    assert set(a["band_keys"]) & set(b["band_keys"])       # a near copy shares a band
    assert not set(a["band_keys"]) & set(c["band_keys"])   # another story shares none
    same = sum(x == y for x, y in zip(a["signature"], b["signature"])) / 64
    assert same > 0.5
    assert len(sitrep.stages.signature({"text": STORY}, bands=8, rows=2)["band_keys"]) == 8


# A spun rewrite (our own writing): clauses reordered and voice changed, names and numbers
# kept. It shares no 4-word shingle run long enough for an LSH band, but its sentences keep
# their content words, so it shares sentence sketches and rare tokens with the source.
SPUN_SOURCE = (
    "Flooding closes Tarnow bridge\n\n"
    "TARNOW, April 14 (Courier) - Floodwater from the Dunajec river closed the old stone "
    "bridge in Tarnow on Tuesday, and engineers from the county roads office said the "
    "crossing would stay shut until at least Friday.\n\n"
    "Mayor Halina Brzoska said 340 households on the east bank had lost power overnight "
    "and that volunteers were carrying drinking water to elderly residents.\n\n"
    "The river peaked at 6.2 metres shortly before dawn, the highest level since 2010, "
    "according to the regional hydrology service.\n\n"
    "Police diverted lorries through Zglobice, adding roughly 40 minutes to journeys "
    "toward Krakow, and schools in three villages cancelled classes.")
SPUN_REWRITE = (
    "Tarnow bridge shut by floods\n\n"
    "On Tuesday the old stone bridge in Tarnow was closed by floodwater from the Dunajec "
    "river; the crossing, engineers of the county roads office said, would stay shut at "
    "least until Friday.\n\n"
    "Overnight, 340 households of the east bank lost power, Mayor Halina Brzoska said, "
    "while volunteers carried drinking water to residents who are elderly.\n\n"
    "According to the regional hydrology service, shortly before dawn the river peaked "
    "at 6.2 metres, its highest level since 2010.\n\n"
    "Classes were cancelled by schools in three villages, and lorries were diverted by "
    "police through Zglobice, which added roughly 40 minutes to journeys toward Krakow.")


def test_stage_rewrite_keys_link_a_spun_rewrite_not_a_stranger():
    import pickle

    src = sitrep.stages.signature({"text": SPUN_SOURCE})
    spun = sitrep.stages.signature({"text": SPUN_REWRITE})
    other = sitrep.stages.signature({"text": STORY})
    assert not set(src["band_keys"]) & set(spun["band_keys"])  # LSH does not pair them
    for sig in (src, spun, other):
        for kind in ("sentence_sketches", "rare_tokens"):
            keys = sig[kind]
            assert keys == sorted(set(keys)) and all(type(k) is int for k in keys)
            assert all(0 <= k < 2**64 for k in keys)
    # The reuse stage's rewrite candidate rule (candidate_options): >= 2 shared sketches.
    options = sitrep.stages.candidate_options()
    assert options["max_postings"] == 256 and options["max_candidates"] >= 1
    shared = set(src["sentence_sketches"]) & set(spun["sentence_sketches"])
    assert len(shared) >= options["min_shared_sketches"]
    assert len(set(src["rare_tokens"]) & set(spun["rare_tokens"])) >= 5  # names, numbers
    assert not set(src["sentence_sketches"]) & set(other["sentence_sketches"])
    # ... and the engine reports the pair.
    report = sitrep.analyze([{"id": "src", "text": SPUN_SOURCE},
                             {"id": "spun", "text": SPUN_REWRITE}], threads=1)
    assert [(r["source"], r["copy"], r["relation"]) for r in report["reuse"]] == [
        ("src", "spun", "rewrite")]
    # rewrite_keys is the same computation; the keys pickle; a one-word text has none.
    keys = sitrep.stages.rewrite_keys({"text": SPUN_SOURCE})
    assert keys == {k: src[k] for k in ("sentence_sketches", "rare_tokens")}
    assert pickle.loads(pickle.dumps(keys)) == keys
    assert sitrep.stages.rewrite_keys({"text": "Yes."}) == {"sentence_sketches": [],
                                                           "rare_tokens": []}


def test_stage_compare_matches_the_report():
    a = {"id": "wire", "text": STORY}
    b = {"id": "daily", "text": STORY.replace("three people", "four people")}
    pair = sitrep.stages.compare(a, b)
    assert pair["source"] == "wire" and pair["copy"] == "daily"
    assert pair["relation"] in ("duplicate", "near-duplicate", "rewrite", "partial")
    assert any(d["source_text"] != d["copy_text"] for d in pair["drift"])
    with pytest.raises(ValueError):
        sitrep.stages.compare(a, {"id": "x", "html": "<p></p>"})


def _extraction_of(report):
    return {k: report[k] for k in ("times", "quantities", "entities", "claims")}


@pytest.mark.parametrize("kind", ["record", "path", "warc document"])
def test_stage_clean_extract_is_what_analyze_finds_in_that_document(kind, tmp_path):
    record = {"id": "k", "text": STORY, "date": "2023-03-08", "outlet": "Wire"}
    if kind == "record":
        article = record
    elif kind == "path":
        article = sorted(EXAMPLES.glob("*.html"))[0]
    else:
        path = write_warc(tmp_path / "one.warc.gz", [warc_record(
            "https://news.example/k", "2023-03-09T10:00:00Z",
            page("Shelling hits Kherson market", STORY.split("\n\n")[1:]))])
        article = sitrep.read(path)["documents"][0]
    got = sitrep.stages.clean_extract(article)
    got = pickle.loads(pickle.dumps(got))  # plain data: what a Dask worker sends back
    single = sitrep.analyze([article], threads=1)
    assert got["document"] == single["documents"][0]
    assert json.dumps(_extraction_of(got), sort_keys=True) == json.dumps(
        _extraction_of(single), sort_keys=True)
    if kind == "record":
        assert {"March 8", "Wednesday"} <= {t["text"] for t in got["times"]}
        assert any(e["name"].lower() == "kherson" for e in got["entities"])
        assert {3, 12} <= {q["value"] for q in got["quantities"]}
        assert any(c["cue"] == "said" for c in got["claims"])


def test_stage_clean_extract_without_a_gazetteer(tmp_path):
    got = sitrep.stages.clean_extract({"id": "k", "text": STORY},
                                      gazetteer=tmp_path / "missing.pbf")
    assert any("gazetteer not loaded" in d["message"] for d in got["diagnostics"])
    assert [d["path"] for d in got["diagnostics"]] == [str(tmp_path / "missing.pbf")]
    assert any(e["name"].lower() == "kherson" for e in got["entities"])  # found, not placed
    assert all(e["lat"] is None for e in got["entities"] if e["type"] == "place")
    # The same text, the same result, whichever call loaded (or failed to load) it.
    again = sitrep.stages.clean_extract({"id": "k", "text": STORY},
                                        gazetteer=tmp_path / "missing.pbf")
    assert again == got


def test_stage_reconcile_gives_the_events_of_the_cluster():
    cluster = {"documents": [
        {"id": "wire", "text": STORY, "date": "2023-03-08", "outlet": "Wire"},
        {"id": "daily", "text": STORY.replace("Wire", "Daily"), "date": "2023-03-08",
         "outlet": "Daily"},
    ], "reuse": []}
    got = pickle.loads(pickle.dumps(sitrep.stages.reconcile(cluster)))
    single = sitrep.analyze(cluster["documents"], threads=1)
    for key in ("events", "timeline", "contradictions", "reuse"):
        assert got[key] == single[key]
    assert got["events"], "the story reports an attack"
    # A copy is not a second independent source.
    assert all(e["independent_sources"] == 1 for e in got["events"])
    assert sitrep.stages.reconcile({"documents": []})["events"] == []
    with pytest.raises(TypeError):
        sitrep.stages.reconcile([cluster])


def test_stage_reconcile_mentions_gives_the_events_of_analyze(examples_report):
    report, groups, counts = sitrep.stages.analyze_mentions(EXAMPLES, threads=1)
    assert report == examples_report
    assert len(groups) >= 2 and all(isinstance(b, bytes) for b in groups.values())
    # Copy clusters as the engine counts them: its clusters, joined by every reuse pair.
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for c in report["clusters"]:
        for d in c["docs"][1:]:
            parent[find(d)] = find(c["docs"][0])
    for r in report["reuse"]:
        parent[find(r["copy"])] = find(r["source"])
    docs = {d["id"]: (i, find(d["id"])) for i, d in enumerate(report["documents"])}
    events = []
    for name, records in groups.items():
        got = pickle.loads(pickle.dumps(sitrep.stages.reconcile_mentions([records], counts, docs)))
        ids = {e["id"] for e in got["entities"]}
        assert all(e.get("location") in ids for e in got["events"] if e.get("location"))
        events += got["events"]
    assert sorted(events, key=lambda e: e["id"]) == sorted(report["events"], key=lambda e: e["id"])
    # Word counts add up; records read back as JSON; bad bytes are an error.
    doubled = sitrep.stages.sum_word_counts([counts, counts])
    assert len(doubled) == len(counts)
    version, entities, mentions = json.loads(
        sitrep._sitrep.mention_records_json(next(iter(groups.values()))))
    assert version == 2 and mentions and all(m[0] in docs for m in mentions)
    with pytest.raises(ValueError):
        sitrep.stages.reconcile_mentions([b"not records"], counts, docs)
    with pytest.raises(ValueError):
        sitrep.stages.sum_word_counts([b"12345"])


def test_analyze_mentions_takes_reuse_found_elsewhere(examples_report):
    assert examples_report["reuse"], "the examples hold copies"
    # The run's own pairs handed back give the same report.
    report, groups, _ = sitrep.stages.analyze_mentions(
        EXAMPLES, reuse=examples_report["reuse"], threads=1)
    assert report == examples_report
    # No pairs: no reuse, no copy links, so every copy counts as its own source.
    alone, _, _ = sitrep.stages.analyze_mentions(EXAMPLES, reuse=[], threads=1)
    assert alone["reuse"] == []
    assert all(len(c["docs"]) == 1 for c in alone["clusters"])
    assert (sum(e["independent_sources"] for e in alone["events"])
            > sum(e["independent_sources"] for e in report["events"]))
    # Pairs naming documents not in the run are dropped; bad pairs are an error.
    stray = dict(examples_report["reuse"][0], copy="no-such-document")
    other, _, _ = sitrep.stages.analyze_mentions(EXAMPLES, reuse=[stray], threads=1)
    assert other["reuse"] == []
    with pytest.raises(ValueError):
        sitrep.stages.analyze_mentions(EXAMPLES, reuse=[{"source": 1}], threads=1)
    # Passages must fit the documents' text: their bytes are where the copy links point.
    wide = json.loads(json.dumps(examples_report["reuse"][0]))
    assert wide["passages"]
    wide["passages"][0]["copy_end"] = 10 ** 9
    with pytest.raises(ValueError, match="do not fit the copy"):
        sitrep.stages.analyze_mentions(EXAMPLES, reuse=[wide], threads=1)


def _templated_records():
    """Four stories of one outlet under one page template, and a wire story with a copy."""
    promo = "Get our free daily briefing on the stories that matter to you, every morning."
    records = []
    for n, topic in enumerate(["A warehouse fire", "A lorry crash", "A flood", "A strike"]):
        records.append({"id": f"post-{n}", "outlet": "Example Post", "text": (
            f"{topic} in the north\n\n{promo}\n\n{topic} closed the ring road on Sunday "
            f"and {n + 3} people were hurt, police said.\n\nThe council said it would "
            f"review {topic.lower()} response plans next month.")})
    records.append({"id": "wire", "text": STORY, "date": "2023-03-08", "outlet": "Wire"})
    records.append({"id": "copy", "text": STORY.replace("Wire", "Daily"), "outlet": "Daily"})
    return records


def test_pieces_told_about_the_collection_are_analysed_as_the_whole():
    records = _templated_records()
    whole = sitrep.analyze(records, threads=1, reuse_only=True)
    keys = [sitrep.stages.clean_keys(r) for r in records]
    assert keys[0][0] == "Example Post" and keys[0][1]
    templates = sitrep.stages.find_templates([o for o, _ in keys], [k for _, k in keys])
    assert list(templates) == ["Example Post"] and templates["Example Post"]
    roles = {d["id"]: [b["role"] for b in d["blocks"]] for d in whole["documents"]}
    assert "boilerplate" in roles["post-1"]
    # One document of the outlet alone keeps the promo line; told the templates, it is
    # cleaned as in the whole collection.
    alone = sitrep.analyze([records[1]], threads=1, reuse_only=True)["documents"][0]
    assert [b["role"] for b in alone["blocks"]] != roles["post-1"]
    told, _, _ = sitrep.stages.analyze_mentions([records[1]], templates=templates, threads=1)
    assert [b["role"] for b in told["documents"][0]["blocks"]] == roles["post-1"]
    # The reuse stage of a piece told the collection's candidates and word weights.
    candidates = sitrep.stages.candidate_pairs(records)
    assert ("wire", "copy") in candidates
    piece, no_places, no_votes, no_mentions = sitrep.stages.analyze_pairs(
        records[3:], candidates, len(records), {}, templates, threads=1)
    assert no_places == {} and no_votes == {} and no_mentions == b""
    ids = {r["id"] for r in records[3:]}
    between = [r for r in whole["reuse"] if r["source"] in ids and r["copy"] in ids]
    assert [(r["source"], r["copy"]) for r in between] == [("wire", "copy")]
    assert piece["reuse"] == between
    none, places, votes, _ = sitrep.stages.analyze_pairs(records[3:], [], len(records), {},
                                                         templates, places=True, threads=1)
    assert none["reuse"] == []
    assert set(places) == {"post-3", "wire", "copy"}
    assert places["wire"] == places["copy"] and any(k.startswith("g:") for k in places["wire"])
    # Entity-type votes add up over pieces to the whole's.
    _, _, first, _ = sitrep.stages.analyze_pairs(records[:3], [], len(records), {}, templates,
                                                 places=True, threads=1)
    _, _, all_votes, _ = sitrep.stages.analyze_pairs(records, [], len(records), {}, templates,
                                                     places=True, threads=1)
    assert votes and sitrep.stages.sum_type_votes([first, votes]) == all_votes
    sig = sitrep.stages.signature(records[1], templates=templates)
    assert sig["has_sentences"] and sig["terms"] == sorted(set(sig["terms"]))
    assert sig["band_keys"] != sitrep.stages.signature(records[1])["band_keys"]
    with pytest.raises(TypeError):
        sitrep.stages.signature(records[1], templates=["not", "a", "dict"])


def test_type_votes_of_the_collection_type_a_pieces_names():
    """A piece told the collection's entity-type votes types its names by them: votes that
    call a person an organization make it one; without them the piece keeps its own."""
    record = {"id": "p", "outlet": "Wire", "date": "2023-03-08", "text": (
        "President Volodymyr Zelensky said on Monday that troops still held Bakhmut. "
        "Zelensky spoke in Kyiv.")}
    _, _, votes, _ = sitrep.stages.analyze_pairs([record], [], 1, {}, places=True, threads=1)
    names = [n for n in votes if "zelensk" in n]
    assert names and all(votes[n][0] > votes[n][1] for n in names)

    def type_of(report):
        return {e["type"] for e in report["entities"] if "Zelensk" in e["name"]}

    own, _, _ = sitrep.stages.analyze_mentions([record], threads=1)
    assert type_of(own) == {"person"}
    flipped = {n: (0, 1000, 0) for n in names}
    told, _, _ = sitrep.stages.analyze_mentions([record], type_votes=flipped, threads=1)
    assert type_of(told) == {"organization"}
    same, _, _ = sitrep.stages.analyze_mentions([record], type_votes=votes, threads=1)
    assert same["entities"] == own["entities"]


def test_entity_merge_of_the_collection_gives_a_piece_the_wholes_entities():
    """A piece told the collection's entity merge has the whole's entities: a one-word
    "Putin" joins the full name only another piece names, with the whole's id; pieces'
    mentions merged in the collection's order give the whole's merge, whatever piece
    handed which; a document left out of the order is an error."""
    records = [
        {"id": "full", "outlet": "Wire", "date": "2023-03-06", "text": (
            "President Vladimir Putin said on Monday that the offensive near Bakhmut "
            "would go on.")},
        {"id": "short", "outlet": "Daily", "date": "2023-03-07", "text": (
            "On Tuesday, Putin told reporters in Moscow that the offensive would go on.")},
        {"id": "other", "outlet": "Post", "date": "2023-03-07", "text": (
            "Volodymyr Zelenskyy visited soldiers near Bakhmut on Tuesday.")}]
    whole = sitrep.analyze(records, threads=1)

    def putin(report):
        return {(m["doc"], e["id"], e["name"]) for e in report["entities"]
                for m in e["mentions"] if "Putin" in m["text"]}

    assert ("short", "e1@full", "Vladimir Putin") in putin(whole)
    parts = [sitrep.stages.analyze_pairs(piece, [], len(records), {}, places=True,
                                         threads=1)[3] for piece in (records[:1], records[1:])]
    assert all(isinstance(p, bytes) and p for p in parts)
    order = [r["id"] for r in records]
    merged = sitrep.stages.merge_entities(parts, order)
    assert sitrep.stages.merge_entities(parts[::-1], order) == merged
    alone, _, _ = sitrep.stages.analyze_mentions(records[1:2], threads=1)
    assert putin(alone) == {("short", "e1@short", "Putin")}
    told, _, _ = sitrep.stages.analyze_mentions(records[1:2], entities=merged, threads=1)
    assert putin(told) == {x for x in putin(whole) if x[0] == "short"}
    with pytest.raises(ValueError):
        sitrep.stages.merge_entities(parts, order[1:])
    with pytest.raises(ValueError):
        sitrep.stages.analyze_mentions(records[1:2], entities=b"not a merge", threads=1)


def test_context_documents_link_copies_but_keep_their_mentions_out():
    """A copy whose source is analysed elsewhere: with the source given as context, the
    copy's mention records are those of a run over both (linked to the source's mentions),
    and the source's own records are left out."""
    from sitrep import _sitrep

    records = _templated_records()[4:]  # the wire story and its copy
    ids = [r["id"] for r in records]
    assert ids == ["wire", "copy"]

    def by_doc(groups):
        out = {}
        for g, raw in groups.items():
            _, _, mentions = json.loads(_sitrep.mention_records_json(raw))
            for m in mentions:
                out.setdefault(m[0], []).append((g, m))
        return out

    _, both, _ = sitrep.stages.analyze_mentions(records, threads=1)
    whole = by_doc(both)
    assert whole["copy"] and any(m[19] == "wire" for _, m in whole["copy"])  # linked
    _, told, _ = sitrep.stages.analyze_mentions(records, context=["wire"], threads=1)
    piece = by_doc(told)
    assert set(piece) == {"copy"}
    assert sorted(json.dumps(x) for x in piece["copy"]) == sorted(json.dumps(x) for x in whole["copy"])


def test_reuse_only_stops_after_the_pairs(examples_report):
    r = sitrep.analyze(EXAMPLES, threads=1, reuse_only=True)
    assert r["reuse"] == examples_report["reuse"] and r["reuse"]
    assert r["clusters"] == examples_report["clusters"]
    assert [d["id"] for d in r["documents"]] == [d["id"] for d in examples_report["documents"]]
    assert examples_report["events"] and not r["events"] and not r["entities"]
    with pytest.raises(TypeError):
        sitrep.analyze(EXAMPLES, reuse_only="yes")


def test_stage_functions_take_documents_as_read(tmp_path):
    shard = tmp_path / "s.jsonl"
    record = {"id": "k", "text": STORY, "outlet": "Wire"}
    shard.write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc = sitrep.read(shard)["documents"][0]
    assert sitrep.stages.signature(doc) == sitrep.stages.signature(record)
    assert sitrep.stages.clean(doc)["blocks"] == sitrep.stages.clean(record)["blocks"]


# ---- the sitrep-dask entry point ----

def test_sitrep_dask_entry_point_is_declared():
    import importlib
    import tomllib

    meta = tomllib.loads((SOURCE / "python" / "pyproject.toml").read_text(encoding="utf-8"))
    target = meta["project"]["scripts"]["sitrep-dask"]
    module, _, func = target.partition(":")
    assert callable(getattr(importlib.import_module(module), func))
    out = subprocess.run([sys.executable, "-m", "sitrep.dask", "--help"], check=True,
                         capture_output=True, text=True).stdout
    assert out.startswith("usage: sitrep-dask")
    for option in ("--out", "--scheduler", "--workers", "--group-by", "--bins", "--compare",
                   ".warc"):
        assert option in out
