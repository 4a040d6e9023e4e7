"""Benchmark the news extractor on one core.

Builds a corpus of N reports (default 1,000) by repeating and shuffling the shared news
reports, extracts them all with :func:`loaders.news.extract_text`, and prints reports per
second next to a baseline measured in the same run over the same corpus (a plain regex
sentence split), so the figure can be compared across machines.

    python bench/bench_extract.py [--reports 1000] [--corpus ../shared/corpus/news]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from loaders.news import extract_text
from loaders.news.inputs import from_text

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"
TARGET = 50.0


def build_corpus(folder: Path, n: int, seed: int = 7) -> list:
    reports = [from_text(p.read_text(encoding="utf-8"), str(p), p.stem, None) for p in sorted(folder.glob("*.txt"))]
    if not reports:
        raise SystemExit(f"no .txt reports in {folder}")
    corpus = [reports[i % len(reports)] for i in range(n)]
    random.Random(seed).shuffle(corpus)
    return corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    corpus = build_corpus(args.corpus, args.reports)

    extract_text(corpus[0].text, corpus[0].published, corpus[0].id)  # load the gazetteers once
    split = re.compile(r"(?<=[.!?])\s+")
    t0 = time.perf_counter()
    count = sum(len(split.split(r.text)) for r in corpus)
    base = time.perf_counter() - t0

    t0 = time.perf_counter()
    facts = sum(len(extract_text(r.text, r.published, r.id).facts) for r in corpus)
    took = time.perf_counter() - t0

    rate = len(corpus) / took
    print(f"baseline regex split: {len(corpus) / base:,.0f} reports/s ({count} sentences)")
    print(
        f"extract: {len(corpus)} reports, {facts} facts in {took:.2f} s = {rate:,.1f} reports/s "
        f"({base / took:.4f} of baseline); target {TARGET:.0f} reports/s: " + ("met" if rate >= TARGET else "MISSED")
    )
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
