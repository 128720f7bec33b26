"""Tests of the Python package: run by ctest (python_test) with PYTHONPATH=<build>/python.

The example corpus (examples/) is read from the checkout: SITREP_SOURCE_DIR, else two
folders up from this file.
"""

import gzip
import json
import os
import pathlib
import subprocess

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


def test_warc_input(tmp_path):
    body = ("<html><body><h1>Shelling hits Kherson market</h1><p>"
            + STORY.split("\n\n")[1] + "</p></body></html>").encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    rec = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/k\r\n"
           b"WARC-Date: 2023-03-09T10:00:00Z\r\nContent-Length: " + str(len(http)).encode()
           + b"\r\n\r\n" + http + b"\r\n\r\n")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(rec))
    r = sitrep.analyze(path, threads=1)
    assert [d["url"] for d in r["documents"]] == ["https://news.example/k"]
    assert any(d["severity"] == "info" and "1 document from 1 WARC record" in d["message"]
               for d in r["diagnostics"])


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


def test_stage_compare_matches_the_report():
    a = {"id": "wire", "text": STORY}
    b = {"id": "daily", "text": STORY.replace("three people", "four people")}
    pair = sitrep.stages.compare(a, b)
    assert pair["source"] == "wire" and pair["copy"] == "daily"
    assert pair["relation"] in ("duplicate", "near-duplicate", "rewrite", "partial")
    assert any(d["source_text"] != d["copy_text"] for d in pair["drift"])
    with pytest.raises(ValueError):
        sitrep.stages.compare(a, {"id": "x", "html": "<p></p>"})
