#!/bin/sh
# Throughput and agreement of the Dask job (python/sitrep/dask.py) against single-machine
# sitrep.analyze on one generated corpus, same run (docs/scale.md).
#
#   bench/dask/run_dask.sh BUILD_DIR [ARTICLES=10000] [SHARDS=16] [WORK=/tmp/sitrep-dask-bench]
#                          [FORMAT=jsonl|warc.gz] [GROUPINGS="day component chain"]
#
# FORMAT warc.gz: the generator's WARC (HTML pages, one gzip member per record) is split
# page by page (a request record with its response), round robin, into SHARDS .warc.gz
# files.
# Needs BUILD_DIR/python (target _sitrep), BUILD_DIR/sitrep-gen-corpus and Debian's
# python3-distributed (/usr/bin/python3). Writes WORK/result-*.json and prints a summary.
set -eu
BUILD=$(cd "$1" && pwd)
ARTICLES=${2:-10000}
SHARDS=${3:-16}
WORK=${4:-/tmp/sitrep-dask-bench}
FORMAT=${5:-jsonl}
GROUPINGS=${6:-day component chain}
PY=/usr/bin/python3
export PYTHONPATH="$BUILD/python"
rm -rf "$WORK" && mkdir -p "$WORK/shards"
"$BUILD/sitrep-gen-corpus" --articles "$ARTICLES" --format "$FORMAT" --out "$WORK/corpus" >/dev/null
# Round-robin split of the one corpus file into shards (ids are in the records; WARC
# documents are named <shard>:<record number>).
$PY - "$WORK/corpus" "$WORK/shards" "$SHARDS" "$FORMAT" <<'PYEOF'
import gzip, sys, zlib
corpus, out, n, fmt = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if fmt == "jsonl":
    lines = open(f"{corpus}/corpus.jsonl", encoding="utf-8").readlines()
    for i in range(n):
        open(f"{out}/part-{i:03d}.jsonl", "w", encoding="utf-8").writelines(lines[i::n])
elif fmt == "warc.gz":
    # A page's records (request, then response) stay together: groups end at a response.
    data = open(f"{corpus}/corpus.warc.gz", "rb").read()
    groups, group = [], []
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        record = d.decompress(data)
        data = d.unused_data
        group.append(gzip.compress(record, mtime=0))
        if b"WARC-Type: response" in record[:2048]:
            groups.append(group)
            group = []
    if group:
        groups.append(group)
    for i in range(n):
        open(f"{out}/part-{i:03d}.warc.gz", "wb").write(
            b"".join(m for g in groups[i::n] for m in g))
else:
    sys.exit(f"FORMAT is jsonl or warc.gz, not {fmt}")
PYEOF
# Single machine, 1 and 2 threads (the engine's own parallelism), wall time.
for t in 1 2; do
  $PY - "$WORK/shards" "$t" > "$WORK/result-single-t$t.json" <<'PYEOF'
import json, sys, time, resource
import sitrep, sitrep.dask as sd
shards = sd.shard_paths([sys.argv[1]])
t = time.perf_counter()
r = sitrep.analyze(shards, threads=int(sys.argv[2]))
wall = time.perf_counter() - t
print(json.dumps({"threads": int(sys.argv[2]), "wall_s": wall, "documents": len(r["documents"]),
                  "reuse_pairs": len(r["reuse"]), "events": len(r["events"]),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
PYEOF
done
# The job: 1 and 2 worker processes, each grouping; agreement computed on the 2-worker runs.
for g in $GROUPINGS; do
  for w in 1 2; do
    cmp=""; [ "$w" = 2 ] && cmp="--compare"
    $PY -m sitrep.dask "$WORK/shards" --out "$WORK/out-$g-w$w" --workers "$w" --group-by "$g" \
      $cmp > "$WORK/result-$g-w$w.json" 2>"$WORK/log-$g-w$w.txt"
  done
done
$PY - "$WORK" <<'PYEOF'
import json, sys, glob, os
for f in sorted(glob.glob(os.path.join(sys.argv[1], "result-*.json"))):
    r = json.load(open(f))
    a = r.pop("agreement", None)
    print(os.path.basename(f), json.dumps(r))
    if a:
        for k, v in a.items():
            print("   ", k, json.dumps(v))
PYEOF
