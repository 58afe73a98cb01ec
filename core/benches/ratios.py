#!/usr/bin/env python3
"""Prints the ratios of a criterion run: each group's exectable time over its reference.

Usage: python3 core/benches/ratios.py [target/criterion]
Reads <dir>/<group>/<bench>/new/estimates.json (mean point estimates, nanoseconds).
"""
import json
import pathlib
import sys

REFERENCE = "raw_keccak_same_bytes"

def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    rows = []
    for group in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "report"):
        ref = group / REFERENCE / "new" / "estimates.json"
        if not ref.exists():
            continue
        ref_ns = json.loads(ref.read_text())["mean"]["point_estimate"]
        for bench in sorted(p for p in group.iterdir() if p.is_dir() and p.name not in (REFERENCE, "report")):
            est = bench / "new" / "estimates.json"
            if est.exists():
                ns = json.loads(est.read_text())["mean"]["point_estimate"]
                rows.append((group.name, bench.name, ns, ref_ns))
    if not rows:
        print(f"no criterion results under {root}", file=sys.stderr)
        return 1
    print(f"| group | measured | mean | {REFERENCE} mean | ratio |")
    print("|---|---|---|---|---|")
    for group, bench, ns, ref_ns in rows:
        print(f"| {group} | {bench} | {ns / 1e3:.1f} µs | {ref_ns / 1e3:.1f} µs | {ns / ref_ns:.3f}× |")
    return 0

if __name__ == "__main__":
    sys.exit(main())
