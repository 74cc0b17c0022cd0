"""Benchmark: blamefree lint vs proselint on a 10 MB postmortem corpus, plus editor latency.

Usage: .venv/bin/python bench/lint.py [--mb 10] [--seed 7] [--repeat 1]

The corpus is generated at run time under bench/.data/lint/ (git-ignored): Markdown
postmortems with front matter, every section, Why chains and action-item tables, whose prose
is sampled (seeded) from the public postmortems in ../shared/data plus a few templated
blame/hindsight sentences so that every rule family has work to do.

Each linter runs in its own child process so that peak memory (ru_maxrss) is its own; the
two take turns pass by pass, so a change in the host's speed during the run falls on both.
Both wall time and CPU time are printed; on a shared machine the CPU-time ratio is the
steadier one, since it does not count time spent waiting for a core; `--repeat 3` keeps the
best of three passes of each linter, which steadies both further.
proselint gets a config file that lifts its default cap of 1,000 findings per file.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from multiprocessing import Queue
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / ".data" / "lint"
TODAY = date(2026, 1, 20)

_TEMPLATED = [
    "{name} forgot to drain the node before the upgrade.",
    "The on-call engineer acknowledged the page at {hh}:{mm}.",
    "We should have known the certificate was about to expire.",
    "Obviously the queue was going to back up.",
    "The root cause was human error during the failover.",
    "{name} ran the rollback and error rates recovered.",
    "The deploy failed to complete because the health check timed out.",
    "The responder could simply restart the pod.",
]
_NAMES = ["Priya", "Tom", "Ana", "Kwame", "Sarah", "Wei", "Omar", "Lucy"]


def _public_sentences() -> list[str]:
    sentences: list[str] = []
    real = DATA / "real_postmortems_dev.jsonl"
    for line in real.read_text(encoding="utf-8").splitlines():
        text = str(orjson.loads(line)["text"])
        for part in text.replace("\n", " ").split(". "):
            part = " ".join(part.split())
            if 6 <= len(part.split()) <= 60 and "```" not in part and "|" not in part:
                sentences.append(part.rstrip(".") + ".")
    summaries = DATA / "postmortem_summaries_dev.jsonl"
    for line in summaries.read_text(encoding="utf-8").splitlines():
        summary = str(orjson.loads(line)["summary"])
        sentences.extend(s.strip() + "." for s in summary.split(". ") if len(s.split()) >= 6)
    return sentences


def _sentence(rng: random.Random, pool: list[str]) -> str:
    if rng.random() < 0.08:
        text = rng.choice(_TEMPLATED)
        return text.format(name=rng.choice(_NAMES), hh=rng.randint(10, 23), mm=rng.randint(10, 59))
    return rng.choice(pool)


def _paragraph(rng: random.Random, pool: list[str], count: int) -> str:
    return " ".join(_sentence(rng, pool) for _ in range(count))


def make_postmortem(rng: random.Random, pool: list[str], number: int, words: int = 0) -> str:
    """One synthetic postmortem; with `words`, the Lessons section grows to about that size."""
    sev = rng.choice(["SEV0", "SEV1", "SEV2", "SEV3"])
    lines = [
        "---",
        f"id: INC-{number}",
        f"title: Synthetic incident {number}",
        f"severity: {sev}",
        "times:",
        "  started: 2026-01-05T09:00:00Z",
        "  resolved: 2026-01-05T11:30:00Z",
        "meeting: 2026-01-07T10:00:00Z",
        "published: 2026-01-08T10:00:00Z",
        "services: [checkout, search]",
        "roles:",
        f"  owner: {rng.choice(_NAMES)} Example",
        "participants:",
        *(f"  - {name} Example" for name in rng.sample(_NAMES, 3)),
        "---",
        "## Summary",
        _paragraph(rng, pool, 3),
        "",
        "## Impact",
        _paragraph(rng, pool, 2),
        "",
        "## Timeline",
        *(f"- {9 + i:02d}:{rng.randint(0, 59):02d}Z - {_sentence(rng, pool)}" for i in range(8)),
        "",
        "## Contributing factors",
    ]
    for factor in range(rng.randint(1, 3)):
        lines += [f"### Factor {factor + 1}", _paragraph(rng, pool, 2), ""]
        for step in range(rng.randint(1, 6)):
            lines += [f"{step + 1}. Why did step {step + 1} happen?", f"   {_sentence(rng, pool)}"]
        lines.append("")
    lines += ["## What went well", _paragraph(rng, pool, 2), "", "## Where we got lucky"]
    lines += [_paragraph(rng, pool, 1), "", "## Action items"]
    lines += ["| Action item | Type | Owner | Deadline | Status | Ticket |"]
    lines += ["| --- | --- | --- | --- | --- | --- |"]
    for _ in range(rng.randint(1, 6)):
        what = rng.choice(["Improve monitoring", "Add a lag alert at 30 s", "Be more careful"])
        kind = rng.choice(["Prevent", "Detect", "Mitigate", ""])
        owner = rng.choice([*_NAMES, "SRE team", ""])
        lines.append(f"| {what} | {kind} | {owner} | 2026-0{rng.randint(1, 3)}-15 | open | |")
    lines += ["", "## Lessons learned", _paragraph(rng, pool, 3)]
    if words:
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words - 400:
            body.append(_paragraph(rng, pool, 5))
        lines += ["", *body]
    lines += ["", "## External communication", _paragraph(rng, pool, 1), ""]
    return "\n".join(lines)


def build_corpus(megabytes: float, seed: int) -> list[Path]:
    """Write postmortems under bench/.data/lint/ until they hold `megabytes` MB."""
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.md"):
        old.unlink()
    rng = random.Random(seed)
    pool = _public_sentences()
    paths: list[Path] = []
    total = 0
    target = int(megabytes * 1_000_000)
    while total < target:
        text = make_postmortem(rng, pool, len(paths) + 1)
        path = OUT / f"pm-{len(paths) + 1:05d}.md"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
        paths.append(path)
    return paths


def _blamefree_linter() -> Callable[[str], int]:
    """Blamefree's lint of one file (findings counted by family for the report)."""
    from blamefree.lint import lint_text

    lint_text("warm up the registry and regexes.")

    def lint_one(path: str) -> int:
        found = lint_text(Path(path).read_text(encoding="utf-8"), today=TODAY, source=path)
        _FAMILIES.update(f.family.value for f in found)
        return len(found)

    return lint_one


def _proselint_linter() -> Callable[[str], int]:
    """proselint's default checks on one file, with the 1,000-findings cap lifted."""
    from proselint.checks import __register__
    from proselint.config import load_from
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    config_file = OUT.parent / "proselintrc.json"
    config_file.write_text('{"max_errors": 1000000000}', encoding="utf-8")
    config = load_from(config_file)
    assert config["max_errors"] == 1_000_000_000, config["max_errors"]
    CheckRegistry().register_many(__register__)
    LintFile("warm-up", "Warm up the registry.").lint(config)

    def lint_one(path: str) -> int:
        return len(LintFile(Path(path)).lint(config))

    return lint_one


_LINTERS: dict[str, Callable[[], Callable[[str], int]]] = {
    "blamefree lint": _blamefree_linter,
    "proselint": _proselint_linter,
}
_FAMILIES: Counter[str] = Counter()


def _child(
    name: str, paths: list[str], repeat: int, go: Queue[bool], results: Queue[object]
) -> None:
    """Lint every file once each time the parent says go; report each pass, then peak RSS."""
    lint_one = _LINTERS[name]()
    results.put("ready")
    for _ in range(repeat):
        go.get()
        _FAMILIES.clear()
        start, cpu = time.perf_counter(), time.process_time()
        findings = sum(lint_one(path) for path in paths)
        results.put((time.perf_counter() - start, time.process_time() - cpu, findings))
    if _FAMILIES:
        print(
            "  findings by family: " + ", ".join(f"{k} {v}" for k, v in sorted(_FAMILIES.items()))
        )
    results.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _interleaved(paths: list[Path], repeat: int) -> dict[str, tuple[float, float, int, int]]:
    """(best wall, best CPU, findings, peak RSS) per linter, their passes taken in turn.

    Each linter lives in its own child process (its peak memory is its own), and the two
    take turns pass by pass (one waits while the other runs), so that a change in the
    host's speed during the run falls on both rather than on whichever ran at that time.
    """
    context = multiprocessing.get_context("spawn")
    children = {}
    for name in _LINTERS:
        go, results = context.Queue(), context.Queue()
        process = context.Process(
            target=_child, args=(name, [str(p) for p in paths], repeat, go, results)
        )
        process.start()
        children[name] = (process, go, results)
    for _process, _go, results in children.values():
        assert results.get() == "ready"
    best = {name: [float("inf"), float("inf"), 0] for name in children}
    for _ in range(repeat):
        for name, (_process, go, results) in children.items():
            go.put(True)
            wall, cpu, findings = results.get()
            best[name] = [min(best[name][0], wall), min(best[name][1], cpu), findings]
    measured = {}
    for name, (process, _go, results) in children.items():
        rss = results.get()
        process.join()
        measured[name] = (best[name][0], best[name][1], int(best[name][2]), rss)
    return measured


def editor_latency(seed: int, words: int = 5000, runs: int = 50) -> tuple[int, float, float]:
    """(word count, median ms, p95 ms) of lint_text on one document of about `words` words."""
    from blamefree.lint import lint_text

    rng = random.Random(seed)
    text = make_postmortem(rng, _public_sentences(), 1, words=words)
    lint_text(text, today=TODAY)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        lint_text(text, today=TODAY)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return len(text.split()), statistics.median(timings), timings[int(runs * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description="blamefree lint vs proselint throughput")
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="lint the corpus this many times with each linter and keep the best times "
        "(steadier figures on a busy machine)",
    )
    args = parser.parse_args()
    paths = build_corpus(args.mb, args.seed)
    size_mb = sum(p.stat().st_size for p in paths) / 1_000_000
    print(f"corpus: {len(paths)} postmortems, {size_mb:.2f} MB, seed {args.seed}")
    print(f"python {sys.version.split()[0]}, {multiprocessing.cpu_count()} CPUs")

    measured = _interleaved(paths, args.repeat)
    ours, theirs = measured["blamefree lint"], measured["proselint"]
    if args.repeat > 1:
        print(f"best of {args.repeat} runs each, taken in turn")
    for name, (wall, cpu, findings, rss) in measured.items():
        print(
            f"{name:14} : {wall:7.2f} s wall {size_mb / wall:6.2f} MB/s, {cpu:7.2f} s CPU "
            f"{size_mb / cpu:6.2f} MB/s, {findings:>7} findings, peak RSS {rss / 1024:.0f} MB"
        )
    print(
        f"throughput ratio (blamefree / proselint): {theirs[1] / ours[1]:.1f}x on CPU time, "
        f"{theirs[0] / ours[0]:.1f}x on wall time"
    )
    words, median, p95 = editor_latency(args.seed)
    print(f"editor: {words}-word postmortem, lint_text median {median:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
