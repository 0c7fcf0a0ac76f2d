#!/usr/bin/env python3
"""Attribute a wasm file's function bytes to crates, from `twiggy top --format csv` of a build
that keeps names (the cargo output before wasm-bindgen and wasm-opt). Each function counts for
the first crate named in its symbol (`<a::B as c::D>::f` counts for `a`), so generic code is
counted where it was instantiated only when its symbol says so: a rough split, not exact.
Usage: twiggy top -n 1000000 --format csv FILE.wasm | python3 scripts/wasm-crates.py"""
import csv, re, sys
from collections import Counter

sizes = Counter()
total = 0
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    total += size
    if name.startswith(("\"function names\"", "custom section", "data segment", "elem", "table", "type", "import", "export", "global", "memory")) or '"' in name[:1]:
        key = "(" + name.split('"')[1] if '"' in name else name
        key = "(" + re.sub(r"[^a-z_. ]", "", name.lower())[:40] + ")"
    else:
        m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
        key = m.group(1) if m else "(other: " + name[:30] + ")"
    sizes[key] += size
for key, size in sizes.most_common(45):
    print(f"{size:>10,}  {100*size/total:5.1f}%  {key}")
print(f"{total:>10,}  total")
