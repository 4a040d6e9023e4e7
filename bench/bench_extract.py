"""Benchmark the news extractor on one core.

Builds a corpus of N reports (default 1,000) by repeating and shuffling the shared news
reports, extracts them all with :func:`loaders.news.extract_text`, and prints reports per CPU
second (process time, so that other work on a shared machine does not count) next to a
baseline measured in the same run over the same corpus (a plain regex sentence split), so the
figure can be compared across machines. The general data the
extractor checks candidates against (GeoNames cities, the SIPRI-generated weapon gazetteer,
the arms producers) is loaded once per process: its load time and memory are printed apart.

With ``--compare PATH`` the same corpus is also extracted by the ``loaders`` package of another
checkout (for example the main branch), in a child process on the same machine, and the ratio
of the two rates is printed.

    python bench/bench_extract.py [--reports 1000] [--corpus ../shared/corpus/news] [--compare ../main]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"
TARGET = 100.0


def build_corpus(folder: Path, n: int, seed: int = 7) -> list:
    from loaders.news.inputs import from_text

    reports = [from_text(p.read_text(encoding="utf-8"), str(p), p.stem, None) for p in sorted(folder.glob("*.txt"))]
    if not reports:
        raise SystemExit(f"no .txt reports in {folder}")
    corpus = [reports[i % len(reports)] for i in range(n)]
    random.Random(seed).shuffle(corpus)
    return corpus


def load_data() -> tuple[float, float]:
    """Load the extractor's tables once: (seconds, MiB of resident memory it added)."""
    from loaders import entities as ent

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    try:
        from loaders.news import knowledge

        knowledge.load_all()
    except ImportError:  # an older checkout has no general-data module
        pass
    ent.gazetteer()
    took = time.perf_counter() - t0
    return took, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024


def rate(corpus: list, repeat: int = 1) -> tuple[float, int]:
    """Reports per CPU second, the best of ``repeat`` passes (a shared machine only ever slows a pass)."""
    from loaders.news import extract_text

    extract_text(corpus[0].text, corpus[0].published, corpus[0].id)  # warm the caches
    best, facts = 0.0, 0
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time: on a shared machine, time spent waiting for the core is not counted
        facts = sum(len(extract_text(r.text, r.published, r.id).facts) for r in corpus)
        best = max(best, len(corpus) / (time.process_time() - t0))
    return best, facts


def _norm(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", " ", text)).strip())


def entity_recall(folder: Path, skip: list[str], only: list[str]) -> dict[str, tuple[int, int]]:
    """Per entity type: (gold subjects and objects found among the extracted entities, all of them).

    A gold entity is found when one of its names or aliases equals one of an extracted
    entity's names or aliases (normalised as the shared scorer does)."""
    from loaders.news import extract_file

    out: dict[str, list[int]] = {}
    for txt in sorted(folder.glob("*.txt")):
        if any(fnmatch.fnmatch(txt.stem, g) for g in skip) or (
            only and not any(fnmatch.fnmatch(txt.stem, g) for g in only)
        ):
            continue
        gold_path = txt.with_suffix(".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        (doc,) = extract_file(txt)
        found = {_norm(n) for e in doc.entities for n in [e.name, *e.aliases]}
        aliases = {_norm(e["name"]): {_norm(a) for a in e.get("aliases") or []} for e in gold.get("entities") or []}
        seen: set[tuple[str, str]] = set()
        for f in gold.get("facts") or []:
            for name, kind in ((f["subject"], f["subject_type"]), (f["object"], f["object_type"])):
                key = (_norm(name), kind)
                if key in seen:
                    continue
                seen.add(key)
                names = {key[0]} | aliases.get(key[0], set())
                tally = out.setdefault(kind, [0, 0])
                tally[0] += bool(names & found)
                tally[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--compare", type=Path, help="another checkout whose extractor is timed too")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus; the best is kept")
    parser.add_argument("--rate-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--recall", action="store_true", help="print per-type entity recall on the gold files")
    parser.add_argument("--skip", action="append", default=[], metavar="GLOB", help="with --recall: leave out")
    parser.add_argument("--only", action="append", default=[], metavar="GLOB", help="with --recall: only these")
    args = parser.parse_args()
    if args.recall:
        total = [0, 0]
        for kind, (hit, n) in entity_recall(args.corpus, args.skip, args.only).items():
            print(f"entity recall {kind}: {hit}/{n} = {hit / n:.2f}")
            total = [total[0] + hit, total[1] + n]
        print(f"entity recall, all types: {total[0]}/{total[1]} = {total[0] / max(total[1], 1):.2f}")
        return 0

    load_s, load_mib = load_data()
    corpus = build_corpus(args.corpus, args.reports)
    got, facts = rate(corpus, args.repeat)
    if args.rate_only:
        print(f"{got:.3f}")
        return 0

    split = re.compile(r"(?<=[.!?])\s+")
    t0 = time.process_time()
    count = sum(len(split.split(r.text)) for r in corpus)
    base = max(time.process_time() - t0, 1e-9)
    print(
        f"general data (GeoNames, SIPRI weapons, producers, gazetteers): loaded in {load_s:.2f} s, {load_mib:.0f} MiB"
    )
    print(f"baseline regex split: {len(corpus) / base:,.0f} reports/s ({count} sentences)")
    print(
        f"extract: {len(corpus)} reports, {facts} facts at {got:,.1f} reports per CPU second (best of {args.repeat}) "
        f"({got * base / len(corpus):.4f} of baseline); target {TARGET:.0f} reports/s: "
        + ("met" if got >= TARGET else "MISSED")
    )
    if args.compare:
        env = dict(os.environ, PYTHONPATH=str(args.compare.resolve()))
        cmd = [sys.executable, __file__, "--rate-only", "--reports", str(args.reports), "--corpus", str(args.corpus)]
        cmd += ["--repeat", str(args.repeat)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            other = float(done.stdout.strip().splitlines()[-1])
            print(f"{args.compare}: {other:,.1f} reports per CPU second; this extractor: {got / other:.2f}x its rate")
        else:
            print(f"{args.compare}: could not be timed: {done.stderr.strip()[-200:]}")
    return 0 if got >= TARGET else 1


if __name__ == "__main__":
    if not os.environ.get("PYTHONPATH"):
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
