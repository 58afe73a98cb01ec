#!/usr/bin/env python3
"""Prints the ratios of a criterion run: each group's measured time over its reference (the
benchmark whose name starts with `reference_`, measured in the same run).

Usage: python3 core/benches/ratios.py [target/criterion]
Reads <dir>/<group>/<bench>/new/estimates.json (mean point estimates, nanoseconds).
"""
import json
import pathlib
import sys

PREFIX = "reference_"

def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    rows = []
    for group in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "report"):
        refs = [p for p in group.iterdir() if p.is_dir() and p.name.startswith(PREFIX)]
        if len(refs) != 1 or not (refs[0] / "new" / "estimates.json").exists():
            continue
        reference = refs[0].name
        ref_ns = json.loads((refs[0] / "new" / "estimates.json").read_text())["mean"]["point_estimate"]
        for bench in sorted(p for p in group.iterdir() if p.is_dir() and p.name not in (reference, "report")):
            est = bench / "new" / "estimates.json"
            if est.exists():
                ns = json.loads(est.read_text())["mean"]["point_estimate"]
                rows.append((group.name, bench.name, ns, reference, ref_ns))
    if not rows:
        print(f"no criterion results under {root}", file=sys.stderr)
        return 1
    print("| group | measured | mean | reference | reference mean | ratio |")
    print("|---|---|---|---|---|---|")
    for group, bench, ns, reference, ref_ns in rows:
        print(f"| {group} | {bench} | {ns / 1e3:.1f} µs | {reference} | {ref_ns / 1e3:.1f} µs | {ns / ref_ns:.3f}× |")
    return 0

if __name__ == "__main__":
    sys.exit(main())
