#!/usr/bin/env python3
"""Self-test of eval_events.py on a tiny gold set and reports written here.

Runs without ../shared and without a sitrep binary (a stand-in script plays sitrep).
"""

import contextlib
import hashlib
import io
import json
import os
import stat
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import eval_events  # noqa: E402

TEXT = ("Rebels shell Foo\n\n"
        "Rebels shelled Foo on Monday. The mayor said it was bad. "
        "Police arrested two men in Bar on Tuesday. Nothing else happened.")


def span(sentence):
    s = TEXT.index(sentence)
    return len(TEXT[:s].encode()), len(TEXT[:s + len(sentence)].encode())


def gold_doc():
    ev = []
    for i, (typ, sub, date, place, sentences) in enumerate([
            ("Explosions/Remote violence", "Shelling/artillery/missile attack", "2020-01-06",
             "Foo", ["Rebels shell Foo", "Rebels shelled Foo on Monday."]),
            ("Strategic developments", "Arrests", "2020-01-07", "Bar",
             ["Police arrested two men in Bar on Tuesday."])]):
        evidence = []
        for s in sentences:
            a, b = span(s)
            evidence.append({"prefix": s[:20], "start": a, "end": b, "text": s})
        ev.append({"id": "ex:a.txt#%d" % (i + 1), "type": typ, "subtype": sub,
                   "status": "reported", "date": date, "place": place, "country": "XX",
                   "actors": [], "evidence": evidence})
    return {"doc": "ex:a.txt", "set": "examples", "path": "examples/a.txt",
            "split": "examples", "sha1": hashlib.sha1(TEXT.encode()).hexdigest(),
            "bytes": len(TEXT.encode()), "published": "2020-01-08", "events": ev}


ENTITIES = [{"id": "e1", "name": "Foo", "type": "place", "aliases": [], "country": "XX"},
            {"id": "e2", "name": "Bar", "type": "place", "aliases": [], "country": "XX"}]


def report_v11(path):
    """Contract 1.1: documents[].text, events[].status and evidence with byte offsets."""
    a, b = span("Rebels shelled Foo on Monday.")
    c, d = span("The mayor said it was bad.")
    ev = [
        {"id": "ev1", "type": "Explosions/Remote violence",
         "subtype": "Shelling/artillery/missile attack", "status": "claimed",
         "date": "2020-01-06", "location": "e1", "sources": ["a"],
         "mentions": [], "evidence": [{"doc": "a", "start": a, "end": b}]},
        # A second prediction of the same gold event: lenient counts it, strict does not.
        {"id": "ev2", "type": "Battles", "subtype": "Armed clash", "status": "reported",
         "date": "2020-01", "location": "e1", "sources": ["a"], "mentions": [],
         "evidence": [{"doc": "a", "start": a + 7, "end": a + 14}]},
        # A statement: a false positive.
        {"id": "ev3", "type": "Statement", "subtype": None, "status": "reported",
         "date": None, "location": None, "sources": ["a"], "mentions": [],
         "evidence": [{"doc": "a", "start": c, "end": d}]},
    ]
    return {"documents": [{"id": "a", "path": path, "text": TEXT, "blocks": []}],
            "entities": ENTITIES, "events": ev}


def report_v10(path):
    """Contract 1.0: no status, mentions located by text, text rebuilt from blocks."""
    title_end = TEXT.index("\n")
    body = TEXT.index("Rebels shelled")
    blocks = [{"role": "title", "text": TEXT[:title_end], "start": 0, "end": title_end},
              {"role": "body", "text": TEXT[body:], "start": body, "end": len(TEXT)}]
    ev = [
        {"id": "ev1", "type": "Explosions/Remote violence", "subtype": "Shelling",
         "date": "2020-01-06", "location": "e1", "sources": ["a"],
         "mentions": [{"doc": "a", "text": "Rebels  shell Foo"}]},
        # Its text is not in the document: matched by same type, day and place only.
        {"id": "ev2", "type": "Strategic developments", "subtype": "Arrests",
         "date": "2020-01-07", "location": "e2", "sources": ["a"],
         "mentions": [{"doc": "a", "text": "A summary written elsewhere."}]},
        {"id": "ev3", "type": "Battles", "subtype": "Armed clash", "date": "2020-01-08",
         "location": None, "sources": ["a"],
         "mentions": [{"doc": "a", "text": "Nothing else happened."}]},
    ]
    return {"documents": [{"id": "a", "path": path, "blocks": blocks}],
            "entities": ENTITIES, "events": ev}


class EvalEventsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = self.tmp.name
        os.makedirs(os.path.join(root, "examples"))
        self.doc_path = os.path.join(root, "examples", "a.txt")
        with open(self.doc_path, "w", encoding="utf-8") as f:
            f.write(TEXT)
        self.gold = os.path.join(root, "gold.jsonl")
        with open(self.gold, "w", encoding="utf-8") as f:
            f.write(json.dumps(gold_doc()) + "\n")
        self.root = root

    def tearDown(self):
        self.tmp.cleanup()

    def run_eval(self, *extra):
        out = os.path.join(self.root, "figures.json")
        args = ["--gold", self.gold, "--repo", self.root, "--shared",
                os.path.join(self.root, "no-shared"), "--json", out, "--quiet"] + list(extra)
        with contextlib.redirect_stdout(io.StringIO()) as stdout:
            rc = eval_events.main(args)
        with open(out, encoding="utf-8") as f:
            figures = json.load(f)
        return rc, figures, stdout.getvalue()

    def write(self, name, obj):
        path = os.path.join(self.root, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(obj, f)
        return path

    def test_contract_1_1_evidence_and_status(self):
        rc, fig, out = self.run_eval("--report", self.write("r.json", report_v11(self.doc_path)))
        self.assertEqual(rc, 0)
        self.assertIn("absent", out)
        (s,) = fig["splits"]
        self.assertEqual((s["split"], s["gold"], s["predicted"]), ("examples", 2, 3))
        self.assertAlmostEqual(s["lenient"]["precision"], 2 / 3)
        self.assertAlmostEqual(s["lenient"]["recall"], 1 / 2)
        self.assertAlmostEqual(s["strict"]["precision"], 1 / 3)
        self.assertAlmostEqual(s["strict"]["recall"], 1 / 2)
        acc = s["accuracy_on_strict_pairs"]
        self.assertEqual((acc["type"]["correct"], acc["type"]["of"]), (1, 1))
        self.assertEqual(acc["status"]["correct"], 0)  # claimed vs reported
        self.assertEqual(acc["place"]["correct"], 1)
        self.assertEqual(acc["date"]["correct"], 1)
        # Without the statement, precision rises: the definition-types-only figure.
        (d,) = fig["definition_types_only"]
        self.assertEqual(d["predicted"], 2)
        self.assertAlmostEqual(d["lenient"]["precision"], 1.0)

    def test_contract_1_0_mentions_blocks_and_place_day_match(self):
        rc, fig, out = self.run_eval("--report", self.write("r.json", report_v10(self.doc_path)))
        self.assertEqual(rc, 0)
        self.assertIn("no `status`", out)
        (s,) = fig["splits"]
        self.assertEqual(s["predicted"], 3)
        self.assertAlmostEqual(s["lenient"]["recall"], 1.0)
        self.assertAlmostEqual(s["lenient"]["precision"], 2 / 3)
        self.assertEqual(s["strict"]["pairs"], 2)
        acc = s["accuracy_on_strict_pairs"]
        self.assertEqual(acc["status"]["correct"], 2)  # absent status read as reported
        self.assertEqual(acc["subtype"]["correct"], 1)  # "Shelling" is not the subtype

    def test_runs_sitrep_when_no_report_is_given(self):
        fake = os.path.join(self.root, "fake-sitrep")
        canned = self.write("canned.json", report_v11(self.doc_path))
        with open(fake, "w", encoding="utf-8") as f:
            f.write("#!%s\nimport shutil, sys\nargs = sys.argv[1:]\n"
                    "assert args[0] == 'analyze' and '--format' in args\n"
                    "shutil.copy(%r, args[args.index('-o') + 1])\n" % (sys.executable, canned))
        os.chmod(fake, os.stat(fake).st_mode | stat.S_IEXEC)
        rc, fig, _ = self.run_eval("--sitrep", fake)
        self.assertEqual(rc, 0)
        self.assertEqual(fig["splits"][0]["predicted"], 3)

    def test_missing_document_counts_as_misses(self):
        r = report_v11("/elsewhere/b.txt")
        rc, fig, _ = self.run_eval("--report", self.write("r.json", r))
        (s,) = fig["splits"]
        self.assertEqual((s["predicted"], s["gold"], s["missing_docs"]), (0, 2, 1))
        self.assertEqual(s["lenient"]["recall"], 0.0)

    def test_place_matching(self):
        m = eval_events.place_matches
        self.assertTrue(m(["Cairo"], "Abbassiya district, Cairo"))
        self.assertTrue(m(["Old City"], "Old City of Mosul"))
        self.assertFalse(m(["Iraq"], "Mosul"))
        self.assertFalse(m([], "Mosul"))
        self.assertTrue(eval_events.date_compatible("2016-12", "2016-12-14"))
        self.assertFalse(eval_events.date_compatible("2016-11", "2016-12-14"))


if __name__ == "__main__":
    unittest.main()
