#!/usr/bin/env python3
"""Fault test of the living corpus: `sitrep add` killed with SIGKILL at random moments.

    corpus_kill_test.py --sitrep BUILD/sitrep [--rounds N] [--seed S]

Writes a corpus of generated articles (copies and rewrites among them, so that the
picture has reuse pairs and events to keep consistent) in batches, then, round after
round, starts `sitrep add BATCH --db corpus.db` and kills it at a random moment. After
every kill:
  - `PRAGMA integrity_check` is "ok";
  - every document is fully in or fully out: the current corpus documents and the
    picture's documents are the same set, and each stored document has its blocks;
  - the picture is the one of those documents: one run in every picture table, the
    latest one.
Meanwhile a reader queries the corpus without pause: it must never fail or see a
half-written add (the picture's documents and the current corpus documents agree).
At the end every batch is added again without a kill, and the corpus must hold exactly
what a corpus built without kills, from the batches in the order they went in, holds: the
same documents, reuse pairs and events (a corpus analyses its articles in the order they
arrived, and a killed add leaves its batch to a later round).
Exit 0 pass, 1 fail.
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

PLACES = ["Kherson", "Izium", "Bakhmut", "Avdiivka", "Kupiansk", "Soledar", "Vuhledar",
          "Lyman", "Siversk", "Marinka"]
ACTORS = ["Russian forces", "Ukrainian troops", "separatist units", "artillery crews"]
VERBS = ["shelled", "attacked", "struck", "bombarded", "raided"]
FILLER = ["Residents sheltered in basements as the fighting went on.",
          "Officials urged civilians to leave the area before nightfall.",
          "Power and water were cut in several districts.",
          "Aid groups said convoys could not reach the town.",
          "The claims could not be independently verified."]


def article(rng, i):
    place = rng.choice(PLACES)
    day = rng.randint(1, 28)
    killed = rng.randint(2, 40)
    lines = [f"Fighting near {place} day {i}", "",
             f"{rng.choice(ACTORS)} {rng.choice(VERBS)} positions near {place} on "
             f"March {day}, 2023, killing {killed} people, regional officials said."]
    for _ in range(rng.randint(3, 6)):
        lines.append("")
        lines.append(" ".join(rng.sample(FILLER, 3)) + f" Report {i}-{rng.randint(0, 10**6)}.")
    return "\n".join(lines) + "\n"


def write_corpus(root, rng, batches, per_batch):
    texts = []
    dirs = []
    for b in range(batches):
        d = os.path.join(root, f"batch{b}")
        os.makedirs(d)
        for k in range(per_batch):
            i = b * per_batch + k
            if texts and rng.random() < 0.2:
                text = rng.choice(texts)  # a verbatim copy of an earlier article
            else:
                text = article(rng, i)
            texts.append(text)
            with open(os.path.join(d, f"a{i:05d}.txt"), "w") as f:
                f.write(text)
        dirs.append(d)
    return dirs


def check_consistent(db):
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            return f"integrity_check: {ok}"
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        if "corpus_documents" not in tables:
            return None  # killed before the schema was created: an empty corpus
        current = {r[0] for r in con.execute(
            "select id from corpus_documents where current = 1")}
        pictured = {r[0] for r in con.execute("select id from documents")}
        if current != pictured:
            return (f"{len(current)} current corpus documents but {len(pictured)} in the "
                    f"picture")
        if current:
            no_blocks = con.execute(
                "select count(*) from documents where id not in (select doc from blocks)"
            ).fetchone()[0]
            if no_blocks:
                return f"{no_blocks} stored documents without blocks"
            last = con.execute("select max(id) from runs").fetchone()[0]
            for table in ("reuse", "events", "timeline", "entities", "clusters"):
                runs = [r[0] for r in con.execute(f"select distinct run from {table}")]
                if runs and runs != [last]:
                    return f"{table} holds runs {runs}, the latest is {last}"
            clustered = con.execute("select count(distinct doc) from clusters").fetchone()[0]
            if clustered != len(current):
                return f"{clustered} documents in copy clusters, {len(current)} in the corpus"
        return None
    finally:
        con.close()


def summary(db):
    con = sqlite3.connect(db)
    try:
        docs = sorted(r[0] for r in con.execute(
            "select id || ':' || hash from corpus_documents where current = 1"))
        pairs = sorted(con.execute("select source, copy, relation from reuse").fetchall())
        events = sorted(con.execute(
            "select type, date, location, independent_sources from events").fetchall())
        return docs, pairs, events
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", required=True)
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="sitrep_kill_")
    try:
        dirs = write_corpus(os.path.join(work, "in"), rng, batches=4, per_batch=60)
        db = os.path.join(work, "corpus.db")
        # How long one add takes here, to spread the kills over it.
        t0 = time.monotonic()
        ref_db = os.path.join(work, "reference.db")
        for d in dirs:
            subprocess.run([args.sitrep, "add", d, "--db", ref_db, "--threads", "2"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        per_add = (time.monotonic() - t0) / len(dirs)
        kills = 0
        reader_errors = []
        reads = [0]
        stop = threading.Event()

        def reader():
            while not stop.is_set():
                if not os.path.exists(db):
                    time.sleep(0.01)
                    continue
                try:
                    con = sqlite3.connect(db, timeout=30)
                    con.execute("PRAGMA query_only = 1")
                    tables = {t[0] for t in con.execute(
                        "select name from sqlite_master where type='table'")}
                    if "corpus_documents" in tables:
                        con.execute("BEGIN")  # one snapshot for both counts
                        a = con.execute(
                            "select count(*) from corpus_documents where current = 1").fetchone()[0]
                        b = con.execute("select count(*) from documents").fetchone()[0]
                        con.execute("COMMIT")
                        if a != b:
                            reader_errors.append(f"reader saw {a} corpus documents, {b} pictured")
                    reads[0] += 1
                    con.close()
                except sqlite3.Error as e:
                    reader_errors.append(f"reader: {e}")
                time.sleep(0.005)

        watcher = threading.Thread(target=reader)
        watcher.start()
        for r in range(args.rounds):
            d = dirs[r % len(dirs)]
            p = subprocess.Popen([args.sitrep, "add", d, "--db", db, "--threads", "2"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, per_add * 1.2))
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills += 1
            p.wait()
            problem = check_consistent(db)
            if problem:
                stop.set()
                print(f"FAIL after round {r} (killed: {p.returncode < 0}): {problem}")
                return 1
        for d in dirs:
            subprocess.run([args.sitrep, "add", d, "--db", db, "--threads", "2"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stop.set()
        watcher.join()
        if reader_errors:
            print(f"FAIL: {len(reader_errors)} failed reads during adds, first: {reader_errors[0]}")
            return 1
        if reads[0] < 10:
            print(f"FAIL: the reader ran only {reads[0]} times")
            return 1
        problem = check_consistent(db)
        if problem:
            print(f"FAIL after the final adds: {problem}")
            return 1
        # The reference: the batches added without kills in the order they went in here
        # (by the place of each batch's first article).
        con = sqlite3.connect(db)
        try:
            firsts = dict(con.execute(
                "select source_path, min(arrival) from corpus_documents group by source_path"))
        finally:
            con.close()
        def first_arrival(d):
            return min(a for p, a in firsts.items() if p.startswith(os.path.abspath(d) + os.sep))
        order = sorted(dirs, key=first_arrival)
        if order != dirs:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(ref_db + suffix):
                    os.remove(ref_db + suffix)
            for d in order:
                subprocess.run([args.sitrep, "add", d, "--db", ref_db, "--threads", "2"],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        got, want = summary(db), summary(ref_db)
        names = ("documents", "reuse pairs", "events")
        for name, g, w in zip(names, got, want):
            if g != w:
                print(f"FAIL: {name} differ from a corpus built without kills "
                      f"({len(g)} vs {len(w)})")
                return 1
        if kills == 0:
            print("FAIL: no add was killed; the test proved nothing")
            return 1
        print(f"ok: {args.rounds} rounds, {kills} adds killed, corpus consistent after each, "
              f"{reads[0]} reads during the adds all consistent; "
              f"{len(want[0])} documents, {len(want[1])} reuse pairs, {len(want[2])} events")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
