"""lintgoals against the parse floor, check-jsonschema and yamllint.

    python benchmarks/bench.py            # 10,000 tables, 3 repetitions (comparators once)
    python benchmarks/bench.py --quick    # 1,000 tables, 1 repetition
    python benchmarks/bench.py --memory   # also peak memory at 1,000 and 100,000 tables

Generates N varied format-1 tables (a third with one defect), then times, in
one run and alternating between tools, with the median of the repetitions:

- the parse floor: libyaml `yaml.compose` of the same files, on all cores;
- lintgoals, all rules, `--format json`, cold cache and warm cache, all cores;
- check-jsonschema with the project's schema and yamllint (when installed:
  `pip install check-jsonschema yamllint`; both use one core, as they do);
- one file through the CLI (the pre-commit case), lintgoals and check-jsonschema.

Writes the table to docs/benchmarks.md. Not a test: timings belong here.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import yaml  # noqa: E402

from tablegen import clean_table, inject  # noqa: E402

SCHEMA = os.path.join(ROOT, "schemas", "format1.schema.json")
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def generate(folder: str, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    for i in range(n):
        t = clean_table(rng)
        if i % 3 == 0:
            t = inject(t, rng.choice(["LG101", "LG201", "LG301", "LG401", "LG403"]), rng)[0]
        sub = os.path.join(folder, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{i:06d}.yaml"), "w", encoding="utf-8") as fh:
            yaml.dump(t, fh, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def files_in(folder: str):
    return sorted(os.path.join(r, f) for r, _, fs in os.walk(folder) for f in fs if f.endswith(".yaml"))


def _compose(chunk):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for f in chunk:
        with open(f, "rb") as fh:
            yaml.compose(fh.read().decode("utf-8"), Loader=loader)
    return len(chunk)


def parse_floor(files, cores: int) -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_compose, [files[i::cores] for i in range(cores)]))
    return time.perf_counter() - start


def timed(cmd, env=None, stdin=None) -> tuple:
    """(seconds, peak RSS in MB of the process and its children)."""
    wrapper = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    start = time.perf_counter()
    p = subprocess.run(wrapper + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    took = time.perf_counter() - start
    peak = None
    if wrapper:
        try:
            peak = int(p.stderr.strip().splitlines()[-1]) / 1024
        except (ValueError, IndexError):
            pass
    return took, peak


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="1,000 tables, one repetition")
    ap.add_argument("--memory", action="store_true", help="peak memory at 1,000 and 100,000 tables")
    ap.add_argument("--memory-only", action="store_true", help="only the memory measurement (prints it)")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    args = ap.parse_args()
    if args.quick:
        args.n, args.reps = 1000, 1
    cores = os.cpu_count() or 1
    if args.memory_only:
        print(measure_memory(cores))
        return
    work = tempfile.mkdtemp(prefix="lintgoals-bench-")
    tables = os.path.join(work, "tables")
    print(f"generating {args.n} tables in {tables} ...", flush=True)
    generate(tables, args.n)
    files = files_in(tables)
    size = sum(os.path.getsize(f) for f in files) / 1e6
    lint = [sys.executable, "-m", "lintgoals.cli"] if not have("lintgoals") else ["lintgoals"]
    cache = os.path.join(work, "cache")
    env = dict(os.environ, LINTGOALS_CACHE_DIR=cache)
    results = {k: [] for k in ("floor", "cold", "warm", "cjs", "yamllint")}
    peaks = {}
    for rep in range(args.reps):  # alternate the tools within each repetition
        results["floor"].append(parse_floor(files, cores))
        shutil.rmtree(cache, ignore_errors=True)
        t, peaks["cold"] = timed(lint + ["check", "--format", "json", "-q", "-j", str(cores), tables], env)
        results["cold"].append(t)
        t, peaks["warm"] = timed(lint + ["check", "--format", "json", "-q", "-j", str(cores), tables], env)
        results["warm"].append(t)
        # the comparators take minutes each: timed in the first repetition only
        if rep == 0 and have("check-jsonschema"):
            results["cjs"].append(timed(["check-jsonschema", "--schemafile", SCHEMA] + files)[0])
        if rep == 0 and have("yamllint"):
            results["yamllint"].append(timed(["yamllint", "-f", "parsable", tables])[0])
        print(f"rep {rep + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in results.items() if v), flush=True)
    med = {k: statistics.median(v) for k, v in results.items() if v}
    one = files[0]
    one_lint = statistics.median(timed(lint + ["check", "-q", "--no-cache", one])[0] for _ in range(5))
    one_cjs = statistics.median(timed(["check-jsonschema", "--schemafile", SCHEMA, one])[0] for _ in range(5)) \
        if have("check-jsonschema") else None
    memory = measure_memory(cores) if args.memory else None
    write_report(args, cores, size, med, peaks, one_lint, one_cjs, memory, results)
    shutil.rmtree(work, ignore_errors=True)


def measure_memory(cores: int) -> dict:
    """(seconds, peak MB) of a no-cache json run over 1,000 and 100,000 tables."""
    lint = [sys.executable, "-m", "lintgoals.cli"] if not have("lintgoals") else ["lintgoals"]
    work = tempfile.mkdtemp(prefix="lintgoals-mem-")
    memory = {}
    for n in (1000, 100000):
        folder = os.path.join(work, f"mem{n}")
        generate(folder, n, seed=2)
        memory[n] = timed(lint + ["check", "--format", "json", "-q", "--no-cache", "-j", str(cores), folder])
        shutil.rmtree(folder)
    shutil.rmtree(work, ignore_errors=True)
    return memory


def write_report(args, cores, size, med, peaks, one_lint, one_cjs, memory, results) -> None:
    floor = med["floor"]
    rows = [("parse floor (libyaml compose, all cores)", med["floor"]),
            ("lintgoals, all rules, json, cold cache", med["cold"]),
            ("lintgoals, warm cache (nothing changed)", med["warm"])]
    if "cjs" in med:
        rows.append(("check-jsonschema, format-1 schema (one core)", med["cjs"]))
    if "yamllint" in med:
        rows.append(("yamllint, default rules (one core)", med["yamllint"]))
    lines = ["# Benchmarks", "",
             f"Measured {dt.date.today().isoformat()} by `python benchmarks/bench.py{' --quick' if args.quick else ''}`"
             f" on {platform.machine()}, {cores} cores, Python {platform.python_version()}: "
             f"{args.n} generated tables ({size:.1f} MB), median of {args.reps} alternating repetitions "
             f"(check-jsonschema and yamllint, minutes each, in the first only).", "",
             "| run | seconds | × parse floor | tables/s |", "|---|---:|---:|---:|"]
    for name, t in rows:
        lines.append(f"| {name} | {t:.2f} | {t / floor:.2f} | {args.n / t:,.0f} |")
    if len(results["cold"]) > 1:  # the floor moves between repetitions more than lintgoals does
        lines += ["", "Cold run ÷ parse floor in each repetition: " + ", ".join(
            f"{c / f:.2f} ({c:.2f} s / {f:.2f} s)" for c, f in zip(results["cold"], results["floor"])) + "."]
    lines += ["", "| one file through the CLI (pre-commit) | seconds |", "|---|---:|",
              f"| lintgoals check | {one_lint:.3f} |"]
    if one_cjs is not None:
        lines.append(f"| check-jsonschema | {one_cjs:.3f} |")
    if any(peaks.values()):
        lines += ["", f"Peak memory (max RSS of the main process or a worker): cold {peaks.get('cold') or 0:.0f} MB, "
                      f"warm {peaks.get('warm') or 0:.0f} MB."]
    if memory:
        (t1, m1), (t2, m2) = memory[1000], memory[100000]
        lines += ["", "| tables | seconds | peak memory (MB) |", "|---:|---:|---:|",
                  f"| 1,000 | {t1:.1f} | {m1:.0f} |", f"| 100,000 | {t2:.1f} | {m2:.0f} |", "",
                  f"Peak memory at 100,000 tables is {m2 / m1:.2f}× that at 1,000."]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
