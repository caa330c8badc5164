"""The run-scope phase (LG6, LG7) against the same run without it.

    python benchmarks/run_scope.py                 # 10,000 tables: 5,000 projects × 2 years
    python benchmarks/run_scope.py --memory        # also peak memory at 1,000 and 100,000 tables

Projects belong to units of ten; each is written for 2025 and 2026 (the 2026
table of every fourth project lowers a target, so the run checks have work).
Times, alternating, with the median of the repetitions: the parse floor, a
cold run with `--ignore LG6,LG7`, a cold run with every rule, a warm run.
Prints the figures (docs/benchmarks.md keeps them). Not a test.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

import yaml  # noqa: E402

from bench import files_in, parse_floor, timed  # noqa: E402
from tablegen import clean_table  # noqa: E402

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def generate(folder: str, projects: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    for p in range(projects):
        unit = f"上海市第{p // 10 + 1}服务中心"
        base = clean_table(rng, 2025)
        name = f"{base['project']['name'][:-4]}{p % 10 + 1}号工作经费"
        for year in (2025, 2026):
            t = clean_table(random.Random(p), year)
            t["project"].update(name=name, unit=unit)
            if year == 2026 and p % 4 == 0:
                for r in t["indicators"]:
                    if r["value"].startswith("≥") and "(" in r["value"]:
                        r["value"] = "≥1" + r["value"][r["value"].index("("):]
                        break
            sub = os.path.join(folder, str(year), f"{p // 1000:03d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"{p:06d}.yaml"), "w", encoding="utf-8") as fh:
                yaml.dump(t, fh, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=5000, help="projects (two tables each)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--memory", action="store_true")
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    lint = [sys.executable, "-m", "lintgoals.cli", "check", "--format", "json", "-q", "-j", str(cores)]
    work = tempfile.mkdtemp(prefix="lintgoals-runscope-")
    folder = os.path.join(work, "t")
    generate(folder, args.n)
    files = files_in(folder)
    env = dict(os.environ, LINTGOALS_CACHE_DIR=os.path.join(work, "cache"))
    runs = {"floor": [], "without": [], "cold": [], "warm": []}
    peaks = {"cold": [], "warm": []}
    for _ in range(args.reps):
        runs["floor"].append(parse_floor(files, cores))
        runs["without"].append(timed(lint + ["--no-cache", "--ignore", "LG6,LG7", folder])[0])
        shutil.rmtree(env["LINTGOALS_CACHE_DIR"], ignore_errors=True)
        took, peak = timed(lint + [folder], env=env)
        runs["cold"].append(took)
        peaks["cold"].append(peak)
        took, peak = timed(lint + [folder], env=env)
        runs["warm"].append(took)
        peaks["warm"].append(peak)
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"{len(files)} tables, {cores} cores, median of {args.reps}")
    for k in ("floor", "without", "cold", "warm"):
        print(f"  {k:8} {med[k]:6.2f} s  ({med[k] / med['floor']:.2f}× floor)  runs: {', '.join(f'{x:.2f}' for x in runs[k])}")
    print(f"  run phase adds {(med['cold'] / med['without'] - 1) * 100:+.1f}% to the cold run; "
          f"warm = {med['warm'] / med['floor']:.2f}× the parse floor; peak MB cold {max(peaks['cold'] or [0])}, warm {max(peaks['warm'] or [0])}")
    if args.memory:
        for n in (500, 50000):  # projects: 1,000 and 100,000 tables
            mem = os.path.join(work, f"m{n}")
            generate(mem, n, seed=4)
            took, peak = timed(lint + ["--no-cache", mem])
            print(f"  memory: {2 * n:,} tables {took:.1f} s, peak {peak:.0f} MB")
            shutil.rmtree(mem)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
