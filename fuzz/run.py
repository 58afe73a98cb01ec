#!/usr/bin/env python3
"""Runs the built fuzz targets one after another for a fixed time each and reports, per target,
the executions run, the final corpus size and the result (python3 stdlib only; fuzz/fuzz.mk
calls it after `cargo fuzz build`).

    python3 fuzz/run.py --bin-dir DIR --corpus-dir DIR --artifact-dir DIR --seconds N
                        [--jobs J] [--report FILE.md] [TARGET ...]

Each target runs as `DIR/<target> CORPUS/<target> -max_total_time=N` with the limits below, so a
crash (panic), an input slower than TIMEOUT seconds, an allocation above MALLOC_LIMIT_MB, a
process above RSS_LIMIT_MB or a leak (LeakSanitizer, on by default under ASan) fails the target;
the input that did it is saved under ARTIFACT_DIR/<target>/. Exit status 1 if any target failed.
"""

import argparse
import concurrent.futures
import os
import pathlib
import re
import subprocess
import sys
import time

TIMEOUT = 10  # seconds one input may take
RSS_LIMIT_MB = 512  # the whole process (ASan's shadow memory and quarantine included; peaks seen ~225)
MALLOC_LIMIT_MB = 128  # any single allocation; nothing legitimate comes near it
ASAN_OPTIONS = "detect_leaks=1:quarantine_size_mb=64:allocator_may_return_null=0"


def targets_of(cargo_toml):
    return re.findall(r'^\[\[bin\]\]\s*\nname = "([^"]+)"', cargo_toml.read_text(), re.M)


def run_target(target, args):
    corpus = args.corpus_dir / target
    artifacts = args.artifact_dir / target
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    log_path = args.artifact_dir / f"{target}.log"
    cmd = [
        str(args.bin_dir / target),
        str(corpus),
        f"-max_total_time={args.seconds}",
        f"-timeout={TIMEOUT}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-malloc_limit_mb={MALLOC_LIMIT_MB}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        "-close_fd_mask=1",
    ]
    env = dict(os.environ, ASAN_OPTIONS=ASAN_OPTIONS, RUST_BACKTRACE="1")
    start = time.monotonic()
    with open(log_path, "w") as log:
        try:
            rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env,
                                timeout=args.seconds + 120).returncode
        except subprocess.TimeoutExpired:
            rc = "hung"
    elapsed = time.monotonic() - start
    text = log_path.read_text(errors="replace")
    stat = dict(re.findall(r"^stat::(\w+):\s+(\d+)", text, re.M))
    done = re.findall(r"DONE\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\d+\w*)", text)
    cov, features, corp, corp_size = done[-1] if done else ("?", "?", "?", "?")
    files = sum(1 for p in corpus.iterdir() if p.is_file())
    if rc == 0:
        result = "ok"
    else:
        kinds = re.findall(r"ERROR: (?:libFuzzer|LeakSanitizer|AddressSanitizer): ([\w\-]+)", text)
        panicked = "panicked at" in text
        result = "FAILED (" + (kinds[0] if kinds else "exit " + str(rc)) + (", panic" if panicked else "") + ")"
        crashes = sorted(p.name for p in artifacts.iterdir() if p.is_file())
        if crashes:
            result += f" {artifacts}/{crashes[-1]}"
    return {
        "target": target,
        "seconds": round(elapsed),
        "execs": stat.get("number_of_executed_units", "?"),
        "cov": cov,
        "features": features,
        "corpus": corp,
        "corpus_size": corp_size,
        "files": files,
        "peak_rss_mb": stat.get("peak_rss_mb", "?"),
        "result": result,
        "log": str(log_path),
        "ok": rc == 0,
    }


def table(rows):
    head = "| target | seconds | execs | corpus (entries/size) | files | cov | peak RSS MB | result |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(
            f"| {r['target']} | {r['seconds']} | {r['execs']} | {r['corpus']}/{r['corpus_size']} | {r['files']} "
            f"| {r['cov']} | {r['peak_rss_mb']} | {r['result']} |"
        )
    execs = sum(int(r["execs"]) for r in rows if str(r["execs"]).isdigit())
    secs = sum(r["seconds"] for r in rows)
    lines.append(f"| **total** ({len(rows)} targets) | {secs} | {execs} | | | | | "
                 f"{sum(r['ok'] for r in rows)} ok, {sum(not r['ok'] for r in rows)} failed |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin-dir", type=pathlib.Path, required=True)
    p.add_argument("--corpus-dir", type=pathlib.Path, required=True)
    p.add_argument("--artifact-dir", type=pathlib.Path, required=True)
    p.add_argument("--seconds", type=int, required=True)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--report", type=pathlib.Path)
    p.add_argument("targets", nargs="*")
    args = p.parse_args()
    targets = args.targets or targets_of(pathlib.Path(__file__).resolve().parent / "Cargo.toml")
    print(f"fuzzing {len(targets)} targets for {args.seconds} s each ({args.jobs} at a time)", flush=True)
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for row in pool.map(lambda t: run_target(t, args), targets):
            print(f"  {row['target']:<22} {row['seconds']:>4} s {row['execs']:>10} execs  "
                  f"corpus {row['corpus']}/{row['corpus_size']}  {row['result']}", flush=True)
            rows.append(row)
    report = table(rows)
    print(report)
    if args.report:
        args.report.write_text(report + "\n")
        print(f"report: {args.report}")
    failed = [r for r in rows if not r["ok"]]
    for r in failed:
        print(f"FAILED: {r['target']}; log {r['log']}", file=sys.stderr)
        log = pathlib.Path(r["log"]).read_text(errors="replace").splitlines()
        print("\n".join(log[-40:]), file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
