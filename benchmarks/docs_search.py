"""Benchmark of document search (issue 15): the per-query BM25 of ``docs/search.py``
(tokenises every text for every query) against the index kept per version of the texts
(``docs/search_index.py``: bm25s over the same tokens), on generated documents in Korean,
Chinese and English (a third each, sentences written for this benchmark).

Reported side by side in the same run: seconds per query of each, the one-off cost of the
index (build, save, load), and whether both give the same scores (max absolute difference
of the normalised scores, same top 10).

    python benchmarks/docs_search.py [--docs 20000] [--old-queries 3] [--new-queries 50]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from kcbridge.docs.search import bm25
from kcbridge.docs.search_index import SearchIndex

SENTENCES = {
    "en": ["Korea and China agreed to expand cooperation on {w} and {v}.",
           "The two ministries will hold a dialogue on {w} supply chains next year.",
           "A memorandum on {w} research was signed by institutes from both sides.",
           "Exports of {w} rose {n} percent while imports of {v} fell.",
           "Companies asked for help with export controls on {v}."],
    "ko": ["한국과 중국은 {w} 분야 협력을 확대하기로 합의했다.",
           "양국은 내년 {w} 공급망 대화를 개최할 예정이다.",
           "{w} 공동연구 양해각서가 체결됐다.",
           "{v} 수출이 {n}% 증가했다.",
           "기업들은 {v} 수출 통제에 대한 지원을 요청했다."],
    "zh": ["中韩双方同意扩大在{w}领域的合作。",
           "两国将于明年举行{w}供应链对话。",
           "双方签署了{w}联合研究谅解备忘录。",
           "{v}出口增长{n}%。",
           "企业要求就{v}出口管制提供帮助。"],
}
WORDS = {
    "en": ["semiconductor", "battery", "hydrogen", "display", "robotics", "graphite",
           "biotech", "drones", "cloud", "lithium"],
    "ko": ["반도체", "배터리", "수소", "디스플레이", "로봇", "흑연", "바이오", "드론",
           "클라우드", "리튬"],
    "zh": ["半导体", "电池", "氢能", "显示面板", "机器人", "石墨", "生物医药", "无人机",
           "云计算", "锂"],
}
QUERIES = ["반도체 협력", "半导体 合作", "battery memorandum", "흑연 수출 통제", "石墨 出口管制",
           "hydrogen dialogue", "리튬", "无人机", "robotics research", "云计算 供应链"]


def generate(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    ids, texts = [], []
    for i in range(n):
        lang = ("en", "ko", "zh")[i % 3]
        words = WORDS[lang]
        sentences = [rng.choice(SENTENCES[lang]).format(
            w=rng.choice(words), v=rng.choice(words), n=rng.randint(1, 90))
            for _ in range(rng.randint(8, 16))]
        ids.append(f"doc{i:06d}")
        texts.append(" ".join(sentences))
    return ids, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--old-queries", type=int, default=3)
    parser.add_argument("--new-queries", type=int, default=50)
    args = parser.parse_args()
    ids, texts = generate(args.docs)
    queries = [QUERIES[i % len(QUERIES)] for i in range(max(args.old_queries,
                                                            args.new_queries))]
    t0 = time.perf_counter()
    index = SearchIndex.build(ids, texts)
    build_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        index.save(Path(tmp) / "idx")
        save_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = SearchIndex.load(Path(tmp) / "idx")
        load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    new_scores = [index.scores(q) for q in queries[: args.new_queries]]
    new_s = (time.perf_counter() - t0) / args.new_queries
    t0 = time.perf_counter()
    old_scores = [bm25(q, texts) for q in queries[: args.old_queries]]
    old_s = (time.perf_counter() - t0) / args.old_queries
    diff = max(float(np.abs(o - n).max()) for o, n in zip(old_scores, new_scores, strict=False))
    same_top = all(
        set(np.argsort(-o, kind="stable")[:10]) == set(np.argsort(-n, kind="stable")[:10])
        for o, n in zip(old_scores, new_scores, strict=False))
    print(json.dumps({
        "benchmark": "docs_search", "documents": args.docs,
        "mean_chars": round(sum(map(len, texts)) / len(texts), 1),
        "old_per_query_s": round(old_s, 4), "old_queries": args.old_queries,
        "new_per_query_s": round(new_s, 6), "new_queries": args.new_queries,
        "speedup": round(old_s / new_s, 1),
        "index_build_s": round(build_s, 2), "index_save_s": round(save_s, 3),
        "index_load_s": round(load_s, 3),
        "max_abs_score_difference": diff, "same_top10": same_top,
        "python": platform.python_version(), "cpus": os.cpu_count(),
    }, indent=2))


if __name__ == "__main__":
    main()
