#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into a build directory (scripts/fuzz.sh calls it).

    make_seeds.py SHARED_CONFORMANCE_DIR HANDWRITTEN_SEEDS_DIR OUT_DIR

From ../shared/conformance: line protocol inputs (lineprotocol), Flux queries (flux_parser),
the Flux cases' input and expected CSV (annotated_csv), and API requests writing those inputs
and running those queries (api_router). Handwritten seeds (tests/fuzz/seeds/<target>/*) are
copied as they are. Nothing generated here is ever committed.
"""
import base64
import gzip
import json
import os
import shutil
import sys

PRECISION_BYTE = {"ns": 0, "us": 1, "ms": 2, "s": 3}


def records(path):
    opener = gzip.open if path.endswith(".gz") else open
    if not os.path.exists(path):
        return []
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def put(out, target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    shared, handwritten, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    # Only the public split: the holdout stays unseen.
    lp = records(os.path.join(shared, "lineprotocol", "cases.jsonl"))
    lp += records(os.path.join(shared, "lineprotocol", "extra_fuzz.jsonl.gz"))[:300]
    for i, r in enumerate(lp):
        body = base64.b64decode(r["input_b64"])
        put(out, "lineprotocol", "lp-%04d" % i, bytes([PRECISION_BYTE.get(r.get("precision"), 0)]) + body)
        if i < 150:
            req = "POST /api/v2/write?org=o&bucket=b&precision=%s\nauthorization: Token $TOKEN\n\n" % r.get("precision", "ns")
            put(out, "api_router", "write-%04d" % i, req.encode() + body)
    flux = records(os.path.join(shared, "flux", "cases.jsonl"))
    for i, r in enumerate(flux):
        query = r.get("query") or ""
        put(out, "flux_parser", "flux-%03d" % i, query)
        for key in ("in_data", "out_data"):
            if r.get(key):
                put(out, "annotated_csv", "%s-%03d" % (key, i), r[key])
        body = json.dumps({"query": query.replace('bucket: "test"', 'bucket: "b"'), "type": "flux"})
        put(out, "api_router", "query-%03d" % i,
            "POST /api/v2/query?org=o\nauthorization: Token $TOKEN\ncontent-type: application/json\n\n" + body)
    if os.path.isdir(handwritten):
        for target in os.listdir(handwritten):
            for name in os.listdir(os.path.join(handwritten, target)):
                os.makedirs(os.path.join(out, target), exist_ok=True)
                shutil.copy(os.path.join(handwritten, target, name), os.path.join(out, target, "hand-" + name))


if __name__ == "__main__":
    main()
