#!/usr/bin/env python3
"""The mutation score of the last `mutmut run`, per module, and every surviving mutant.

Run by `make mutation` after mutmut. A survivor is either killed by a new test or listed in
docs/mutation-equivalent.txt with the reason it cannot be told apart from the original (one line:
`mutant name  reason`). The score counts killed and timed-out mutants over the mutants that can be
killed at all (equivalent ones left out); the plain share of all mutants killed is printed beside it.
A survivor that only a browser can tell apart (a width, a layout: AppTest has no geometry) is listed
in docs/mutation-browser.txt with the browser test that kills it (checked by hand with the mutant's
change applied); it counts as killed, and the report says how many were.

Usage: python scripts/mutation_report.py [--target 90] [--only 'ui.*' ...]
--only keeps the mutants whose names match one of the patterns (mutmut's names, globs allowed), as
`make mutation MUTATE=...` runs them. The target holds for each module, not only for the total.
Exit code 1 when a score is below the target, so the figure is never quietly low.
"""

from __future__ import annotations

import argparse
import fnmatch
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "docs" / "mutation-equivalent.txt"
BY_BROWSER = ROOT / "docs" / "mutation-browser.txt"
KILLED = {"killed", "timeout"}


def results() -> list[tuple[str, str]]:
    """(mutant name, status) for every mutant of the last run."""
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pairs = []
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            pairs.append((name, status))
    return pairs


def listed_in(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    listed = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            listed[name] = reason.strip()
    return listed


def module_of(name: str) -> str:
    """'itclusters.text.x_escape__mutmut_3' -> 'itclusters/text.py'."""
    parts = name.split(".")
    return "/".join(parts[:-1]) + ".py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", type=float, default=90.0)
    parser.add_argument("--only", nargs="+", metavar="PATTERN", help="mutant names to report, globs allowed")
    args = parser.parse_args()

    pairs = results()
    if args.only:
        pairs = [(name, status) for name, status in pairs if any(fnmatch.fnmatchcase(name, p) for p in args.only)]
    if not pairs:
        print("No mutation results: run `make mutation` (mutmut run) first.")
        return 1
    listed = listed_in(EQUIVALENT)
    by_browser = listed_in(BY_BROWSER)
    by_module: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for name, status in pairs:
        kind = "killed" if status in KILLED else "equivalent" if name in listed else status
        if status == "survived" and name in by_browser:
            kind = "killed"
            by_module[module_of(name)]["by a browser test"] += 1
        by_module[module_of(name)][kind] += 1
        if kind not in ("killed", "equivalent", "not checked"):
            survivors.append((name, status))

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    print(f"commit {commit.stdout.strip()}, mutmut over {len(by_module)} modules")
    total = Counter()
    low = []
    for module in sorted(by_module):
        counts = by_module[module]
        total += counts
        tested = sum(counts.values()) - counts["by a browser test"]
        killable = 100 * counts["killed"] / max(tested - counts["equivalent"], 1)
        if killable < args.target:
            low.append(module)
        print(
            f"  {module:32} {counts['killed']:5} of {tested:5} killed ({100 * counts['killed'] / tested:5.1f}%),"
            f" {counts['equivalent']} equivalent, {tested - counts['killed'] - counts['equivalent']} left:"
            f" {killable:5.1f}% of the killable"
            + (f" ({counts['by a browser test']} by a browser test)" if counts["by a browser test"] else "")
            + (f" ({counts['not checked']} not run)" if counts["not checked"] else "")
        )
    tested = sum(total.values()) - total["by a browser test"]
    score = 100 * total["killed"] / max(tested - total["equivalent"], 1)
    print(
        f"mutation score: {score:.1f}% of the killable mutants ({total['killed']} killed of {tested}, "
        f"{100 * total['killed'] / tested:.1f}% of all; {total['equivalent']} listed as equivalent; "
        f"{len(survivors) + total['not checked']} left) (target >= {args.target:g}%)"
    )
    for name, status in survivors:
        print(f"  {status:10} {name}")
    if total["not checked"]:
        print(f"{total['not checked']} mutants not run yet (an interrupted run): counted as left above")
    names = {name for name, _ in pairs}
    stale = sorted(
        n
        for n in {**listed, **by_browser}
        if n not in names and (not args.only or any(fnmatch.fnmatchcase(n, p) for p in args.only))
    )
    if stale:
        print("listed but no longer a mutant (remove them):", *stale, sep="\n  ")
    if low:
        print("below the target:", *low)
    return 0 if score >= args.target and not low else 1


if __name__ == "__main__":
    sys.exit(main())
