#!/usr/bin/env python3
"""A small stand-in for `sitrep serve` (docs/api.md, docs/web-ui.md): a development aid for
the web UI and the browser test's fallback when the sitrep binary has no `serve` command.

    python3 mock_api.py --ui src/serve/ui (--report report.json | --sitrep BIN --inputs DIR...)
                        [--port 0]

Serves GET / (index.html), /assets/NAME (files of --ui) and the read-only JSON API,
computed from a JSON report (contract 1.1) shaped as the API describes. Listens on
127.0.0.1 only and prints "listening on http://127.0.0.1:PORT" once ready. Deliberately
small: filters and answers follow the API, not every corner of it.
"""
import argparse
import html
import json
import mimetypes
import os
import re
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

CSP = "default-src 'self'"


def document_text(doc):
    """The document's text rebuilt from its blocks (byte offsets), gaps as newlines."""
    out = bytearray()
    for b in doc.get("blocks", []):
        raw = b["text"].encode("utf-8")
        if len(out) < b["start"]:
            out += b"\n" * (b["start"] - len(out))
        out[b["start"]:b["start"] + len(raw)] = raw
    return out.decode("utf-8", "replace")


class Corpus:
    def __init__(self, report):
        self.r = report
        self.docs = {d["id"]: d for d in report["documents"]}
        self.text = {i: document_text(d) for i, d in self.docs.items()}
        self.entities = {e["id"]: e for e in report["entities"]}
        self.events = {e["id"]: e for e in report["events"]}
        self.cluster = {}
        for c in report.get("clusters", []):
            for d in c["docs"]:
                self.cluster[d] = c["id"]

    def event_row(self, e):
        loc = self.entities.get(e.get("location") or "")
        return {
            "id": e["id"], "type": e["type"], "subtype": e.get("subtype"), "date": e.get("date"),
            "location": e.get("location"), "location_name": loc["name"] if loc else None,
            "lat": loc.get("lat") if loc else None, "lon": loc.get("lon") if loc else None,
            "summary": e["summary"], "fatalities": e.get("fatalities"),
            "independent_sources": e["independent_sources"], "status": e.get("status"),
            "claimants": e.get("claimants", []), "documents": e.get("sources", []),
        }

    def doc_row(self, d):
        return {k: d.get(k) for k in ("id", "title", "outlet", "published", "url")}


def in_range(date, q):
    if not date:
        return not (q.get("from") or q.get("to"))
    d = date[:10]
    return (not q.get("from") or d[:len(q["from"])] >= q["from"][:len(d)]) and \
        (not q.get("to") or d[:len(q["to"])] <= q["to"])


def text_match(needle, *hay):
    words = [w for w in re.split(r"\W+", (needle or "").lower()) if w]
    joined = " ".join(h or "" for h in hay).lower()
    return all(w in joined for w in words)


def page(q, items):
    limit = max(1, min(500, int(q.get("limit") or 50)))
    offset = max(0, int(q.get("offset") or 0))
    return {"total": len(items), "items": items[offset:offset + limit]}


def snippet(text, needle):
    words = [w for w in re.split(r"\W+", (needle or "").lower()) if w]
    low = text.lower()
    at = min([low.find(w) for w in words if low.find(w) >= 0] or [0])
    s = text[max(0, at - 60):at + 140]
    out = html.escape(s)
    for w in words:
        out = re.sub("(" + re.escape(html.escape(w)) + ")", r"<mark>\1</mark>", out, flags=re.I)
    return out


class Api:
    def __init__(self, corpus):
        self.c = corpus

    def place_ok(self, e, place):
        if not place:
            return True
        loc = self.c.entities.get(e.get("location") or "")
        return bool(loc) and (loc["id"] == place or loc["name"].lower() == place.lower())

    def filtered_events(self, q):
        out = []
        for e in self.c.r["events"]:
            if q.get("status") and e.get("status") != q["status"]:
                continue
            if q.get("type") and e["type"] != q["type"]:
                continue
            if q.get("min_sources") and e["independent_sources"] < int(q["min_sources"]):
                continue
            if not in_range(e.get("date"), q) or not self.place_ok(e, q.get("place")):
                continue
            if q.get("outlet") and not any(
                    (self.c.docs[d].get("outlet") or "") == q["outlet"] for d in e.get("sources", [])):
                continue
            if q.get("q") and not text_match(q["q"], e["summary"], *[
                    self.c.text[d] for d in e.get("sources", [])]):
                continue
            out.append(e)
        return out

    def filtered_docs(self, q):
        out = []
        for d in self.c.r["documents"]:
            if q.get("outlet") and (d.get("outlet") or "") != q["outlet"]:
                continue
            if not in_range(d.get("published"), q):
                continue
            if q.get("q") and not text_match(q["q"], d.get("title"), self.c.text[d["id"]]):
                continue
            out.append(d)
        return out

    # The parameters each list takes, as the server's api.cc; others are a 400.
    ALLOWED = {
        "/api/search": {"q", "from", "to", "outlet"},
        "/api/events": {"from", "to", "place", "type", "outlet", "min_sources", "status", "doc", "q"},
        "/api/timeline": {"from", "to", "min_sources", "status", "q"},
        "/api/entities": {"type", "q", "doc", "sort"},
        "/api/documents": {"q", "from", "to", "outlet"},
        "/api/copies": {"doc", "relation"},
        "/api/compare": {"a", "b"},
    }

    def route(self, path, q):
        c = self.c
        allowed = self.ALLOWED.get(path)
        if allowed is not None:
            paged = path != "/api/compare"
            for name in q:
                if name not in allowed and not (paged and name in ("limit", "offset")):
                    return 400, {"error": f"unknown parameter '{name}'"}
        if path == "/api/status":
            return 200, {"version": c.r.get("sitrep"), "documents": len(c.docs),
                         "events": len(c.events), "entities": len(c.entities), "runs": 1,
                         "last_run": {"id": 1, "created": None, "version": c.r.get("sitrep")},
                         "read_only": True}
        if path == "/api/events":
            return 200, page(q, [c.event_row(e) for e in self.filtered_events(q)])
        m = re.fullmatch(r"/api/events/([^/]+)", path)
        if m:
            e = c.events.get(unquote(m.group(1)))
            if not e:
                return 404, {"error": "no such event"}
            row = c.event_row(e)
            row.update({"evidence": e.get("evidence", []),
                        "changed_in_copy": e.get("changed_in_copy", []),
                        "actors": [{"id": a, "name": c.entities[a]["name"]} for a in e.get("actors", [])
                                   if a in c.entities],
                        "sources": [c.doc_row(c.docs[d]) for d in e.get("sources", []) if d in c.docs]})
            return 200, row
        if path == "/api/timeline":
            keep = {e["id"] for e in self.filtered_events(q)}
            items = [{"date": t["date"], "precision": t.get("precision"), "summary": t["summary"],
                      "independent_sources": t["independent_sources"], "status": t.get("status"),
                      "event": (t.get("events") or [None])[0], "events": t.get("events", [])}
                     for t in c.r["timeline"] if any(ev in keep for ev in t.get("events", []))]
            return 200, page(q, items)
        if path == "/api/search":
            return 200, page(q, [dict(c.doc_row(d), snippet=snippet(c.text[d["id"]], q.get("q")))
                                 for d in self.filtered_docs(q)])
        if path == "/api/documents":
            return 200, page(q, [c.doc_row(d) for d in self.filtered_docs(q)])
        m = re.fullmatch(r"/api/documents/([^/]+)", path)
        if m:
            d = c.docs.get(unquote(m.group(1)))
            if not d:
                return 404, {"error": "no such document"}
            row = {k: d.get(k) for k in d if k != "blocks"}
            did = d["id"]
            row["text"] = c.text[did]
            row["blocks"] = [{"idx": i, "role": b["role"], "start": b["start"], "end": b["end"]}
                             for i, b in enumerate(d["blocks"])]
            row["mentions"] = [{"entity": e["id"], "name": e["name"], "type": e["type"],
                                "start": m_["start"], "end": m_["end"]}
                               for e in c.r["entities"] for m_ in e["mentions"] if m_["doc"] == did]
            for key in ("times", "quantities", "claims"):
                row[key] = [x for x in c.r[key] if x["doc"] == did]
            row["events"] = [e["id"] for e in c.r["events"] if did in e.get("sources", [])]
            row["reuse"] = [{k: p[k] for k in ("source", "copy", "relation", "coverage", "similarity")}
                            for p in c.r["reuse"] if did in (p["source"], p["copy"])]
            return 200, row
        if path == "/api/entities":
            items = [{"id": e["id"], "name": e["name"], "type": e["type"], "lat": e.get("lat"),
                      "lon": e.get("lon"), "country": e.get("country"), "mentions": len(e["mentions"]),
                      "documents": len({m_["doc"] for m_ in e["mentions"]})}
                     for e in c.r["entities"]
                     if (not q.get("type") or e["type"] == q["type"]) and text_match(q.get("q"), e["name"])]
            return 200, page(q, items)
        m = re.fullmatch(r"/api/entities/([^/]+)", path)
        if m:
            e = c.entities.get(unquote(m.group(1)))
            if not e:
                return 404, {"error": "no such entity"}
            return 200, {k: e.get(k) for k in ("id", "name", "type", "lat", "lon", "country", "mentions")}
        if path == "/api/copies":
            nodes = [{"id": d["id"], "title": d.get("title"), "outlet": d.get("outlet"),
                      "cluster": c.cluster.get(d["id"])} for d in c.r["documents"]]
            edges = [{k: p[k] for k in ("source", "copy", "relation", "coverage", "similarity")}
                     for p in c.r["reuse"]]
            return 200, {"nodes": nodes, "edges": edges}
        if path == "/api/compare":
            a, b = q.get("a"), q.get("b")
            pair = next((p for p in c.r["reuse"] if {p["source"], p["copy"]} == {a, b}), None)
            if not pair or a not in c.docs or b not in c.docs:
                return 404, {"error": "no reuse pair for these documents"}

            def side(i):
                return {"id": i, "title": c.docs[i].get("title"), "text": c.text[i]}
            flip = pair["source"] != a
            passages = [{"source_text": p["source_text"], "copy_text": p["copy_text"],
                         "similarity": p["similarity"]} for p in pair["passages"]]
            return 200, {"a": side(a), "b": side(b), "source": pair["source"], "copy": pair["copy"],
                         "relation": pair["relation"], "coverage": pair["coverage"], "flipped": flip,
                         "passages": passages, "drift": pair["drift"]}
        return 404, {"error": "not found"}


def make_handler(api, ui_dir):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):  # quiet
            pass

        def send(self, status, body, ctype):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            u = urlparse(self.path)
            q = {k: v[-1] for k, v in parse_qs(u.query).items()}
            if u.path.startswith("/api/"):
                try:
                    status, obj = api.route(u.path, q)
                except (ValueError, KeyError) as e:
                    status, obj = 400, {"error": str(e)}
                self.send(status, json.dumps(obj).encode(), "application/json; charset=utf-8")
                return
            name = "index.html" if u.path == "/" else u.path[len("/assets/"):] if u.path.startswith("/assets/") else None
            f = os.path.join(ui_dir, name) if name and "/" not in name and not name.startswith(".") else None
            if not f or not os.path.isfile(f):
                self.send(404, b'{"error": "not found"}', "application/json; charset=utf-8")
                return
            ctype = {".js": "text/javascript", ".css": "text/css", ".html": "text/html",
                     ".json": "application/json", ".svg": "image/svg+xml"}.get(
                os.path.splitext(f)[1], mimetypes.guess_type(f)[0] or "application/octet-stream")
            with open(f, "rb") as fh:
                self.send(200, fh.read(), ctype + ("; charset=utf-8" if ctype.startswith("text") else ""))
    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ui", required=True)
    ap.add_argument("--report")
    ap.add_argument("--sitrep")
    ap.add_argument("--inputs", nargs="*", default=[])
    ap.add_argument("--port", type=int, default=0)
    a = ap.parse_args()
    if a.report:
        with open(a.report, encoding="utf-8") as f:
            report = json.load(f)
    else:
        r = subprocess.run([a.sitrep, "analyze", *a.inputs, "--format", "json"], capture_output=True)
        if r.returncode not in (0, 1):
            sys.exit("sitrep analyze failed: " + r.stderr.decode(errors="replace"))
        report = json.loads(r.stdout)
    server = ThreadingHTTPServer(("127.0.0.1", a.port), make_handler(Api(Corpus(report)), a.ui))
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
