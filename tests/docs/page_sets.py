"""Checks shared by the tests of the labelled real page sets (``docs/data/*pages*.jsonl``):
the repository keeps addresses, hashes, types and offsets, never a page's text, and no page
is in two sets (a test page must never have been a development or training page)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

DATA = resources.files("kcbridge.docs").joinpath("data")
TYPES = {"proposal", "agreement", "signed", "implemented", "restriction"}


def rows(name: str) -> list[dict[str, object]]:
    """Every JSON line of the data file ``name`` (the first is its ``_about`` line)."""
    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def check_statement_set(name: str, label: str, langs: list[str],
                        types: dict[str, int], per_page: list[int] | None = None) -> None:
    """A statement set: labelled before any run, one row per page (files ``01_ko.txt``
    ...), a sha256 per text, statements of the five types with spans, ``types`` counted.
    ``per_page``: the number of statements of each page, where a set has pages without any
    (they test precision only); without it every page has at least one."""
    about, *pages = rows(name)
    assert "_about" in about and "before any run" in str(about["_about"])
    assert [r["lang"] for r in pages] == langs
    assert [r["file"] for r in pages] == [f"{i:02d}_{lang}.txt"
                                          for i, lang in enumerate(langs, start=1)]
    counted: dict[str, int] = {}
    for r in pages:
        assert set(r) == {"set", "file", "source", "lang", "published", "sha256", "statements"}
        assert r["set"] == label
        assert re.fullmatch(r"[0-9a-f]{64}", str(r["sha256"]))
        assert r["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r["published"]))
        statements = r["statements"]
        assert isinstance(statements, list) and (statements or per_page is not None)
        for st in statements:
            assert set(st) <= {"type", "alt_types", "spans"} and st["spans"]
            assert st["type"] in TYPES and set(st.get("alt_types", [])) <= TYPES
            assert all(0 <= a < b for a, b in st["spans"])
            counted[st["type"]] = counted.get(st["type"], 0) + 1
    assert counted == types
    if per_page is not None:
        assert [len(r["statements"]) for r in pages] == per_page  # type: ignore[arg-type]
    assert len({r["source"] for r in pages}) == len(pages)


def assert_spans_apart(name: str, pages_expected: int) -> None:
    """Two statements of one page never claim the same characters (one gold statement per
    sentence); each statement's first span is its main evidence."""
    pages = rows(name)[1:]
    assert len(pages) == pages_expected
    for page in pages:
        statements: list[dict[str, list[list[int]]]] = page["statements"]  # type: ignore[assignment]
        spans = sorted((a, b) for st in statements for a, b in st["spans"])
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))


#: Sets whose pages are training pages of the learned statement stages since the thirteenth
#: session's stretrain rounds (docs/history/detector_cv_stretrain.json: fresh-10 to 16;
#: detector_cv_stretrain2.json: fresh-17 to 20; the fourteenth session's stretrain3,
#: detector_cv_stretrain3.json: fresh-21; the seventeenth session's stretrain4,
#: detector_cv_stretrain4.json: fresh-26 to 31): scored once as test sets before that, seen
#: and in-sample since.
TRAINED_SETS = {f"statement_fresh{n}_pages.jsonl" for n in (*range(10, 22), *range(26, 32))}
TRAINING_LABELS = "statement_labels.jsonl"


#: names sets that label the pages of a statement set (nineteenth session), page by page
NAMES_OF_STATEMENT_SETS = {"names_eval_pages_14.jsonl": "statement_fresh37_pages.jsonl",
                           "names_eval_pages_15.jsonl": "statement_fresh35_pages.jsonl",
                           "names_eval_pages_16.jsonl": "statement_fresh36_pages.jsonl",
                           # (twentieth session)
                           "names_eval_pages_17.jsonl": "statement_fresh38_pages.jsonl",
                           "names_eval_pages_18.jsonl": "statement_fresh39_pages.jsonl",
                           "names_eval_pages_19.jsonl": "statement_fresh40_pages.jsonl",
                           "names_eval_pages_20.jsonl": "statement_fresh41_pages.jsonl",
                           # (twenty-first session)
                           "names_eval_pages_21.jsonl": "statement_fresh42_pages.jsonl",
                           "names_eval_pages_22.jsonl": "statement_fresh43_pages.jsonl",
                           "names_eval_pages_23.jsonl": "statement_fresh44_pages.jsonl",
                           "names_eval_pages_24.jsonl": "statement_fresh45_pages.jsonl"}


def assert_no_page_elsewhere(name: str) -> None:
    """No page of ``name`` is in any other data file of the package (earlier and later
    sets, names sets, sector sets), nor in the training labels unless the set is one of
    :data:`TRAINED_SETS`, whose pages must then all be there; a names set of
    :data:`NAMES_OF_STATEMENT_SETS` holds exactly the pages of its statement set (and the
    statement set's are in no other)."""
    sources = {str(r.get("source") or r.get("url")) for r in rows(name)[1:]}
    others = [p.name for p in DATA.iterdir() if p.name.endswith(".jsonl") and p.name != name]
    assert TRAINING_LABELS in others and len(others) > 10
    for other in others:
        held = sources & {str(r.get("source") or r.get("url")) for r in rows(other)}
        if other == TRAINING_LABELS and name in TRAINED_SETS:
            assert held == sources, other
        elif NAMES_OF_STATEMENT_SETS.get(other) == name:
            assert held == sources, other
        else:
            assert not held, other


NAME_KEYS = {"file", "set", "lang", "url", "sha256", "organizations", "organizations_optional",
             "people", "people_optional"}
NAME_FIELDS = ("organizations", "organizations_optional", "people", "people_optional")


def check_names_set(name: str, langs: dict[str, int], counts: dict[str, tuple[int, int]],
                    longest_alias: int = 40) -> list[dict[str, Any]]:
    """A names set: an ``_about`` line, then one row per test page (``01_ko.txt`` ...) with
    a sha256 and alias lists of short names (never a sentence of the page); ``langs`` the
    pages per language, ``counts`` the (organisations, people) labelled per language.
    Returns the pages."""
    head, *found = rows(name)
    pages: list[dict[str, Any]] = [dict(p) for p in found]
    assert set(head) == {"_about"}
    assert {lang: [p["lang"] for p in pages].count(lang) for lang in langs} == langs
    assert len(pages) == sum(langs.values())
    assert len({p["url"] for p in pages}) == len({p["sha256"] for p in pages}) == len(pages)
    for p in pages:
        assert set(p) == NAME_KEYS, p["file"]
        assert p["set"] == "test"
        assert re.fullmatch(r"[0-9a-f]{64}", str(p["sha256"]))
        assert re.fullmatch(r"\d\d_(ko|zh|en)\.txt", str(p["file"]))
        assert str(p["file"])[3:5] == p["lang"]
        for field in NAME_FIELDS:
            assert all(isinstance(a, list) and a and all(0 < len(x) <= longest_alias for x in a)
                       for a in p[field]), (p["file"], field)
    for lang, (orgs, people) in counts.items():
        mine = [p for p in pages if p["lang"] == lang]
        assert sum(len(p["organizations"]) for p in mine) == orgs, lang
        assert sum(len(p["people"]) for p in mine) == people, lang
    return pages


def assert_no_address_elsewhere(name: str) -> None:
    """No page of ``name`` has the address of a page in any other data file, also with
    another scheme or a www. / m. host prefix."""
    def bare(url: str) -> str:
        return re.sub(r"^https?://(?:www\.|m\.)?", "", url)

    mine = {bare(str(p["url"])) for p in rows(name)[1:]}
    older = {bare(str(v)) for p in DATA.iterdir() if p.name.endswith(".jsonl") and p.name != name
             for r in rows(p.name) for k, v in r.items() if k in ("url", "source", "address")}
    assert len(older) > 100
    assert not mine & older


def statement_figures(texts: Path, name: str, label: str) -> dict[str, tuple[int, ...]]:
    """Per language (found, gold, right, extracted) of the set ``name`` scored on its rebuilt
    texts in ``texts`` as ``kcbridge docs evaluate --set TEXTS:NAME`` scores them (each text
    must be the labelled one, SHA-256, else an error); the test is skipped without them."""
    pages = rows(name)[1:]
    if not all((texts / str(p["file"])).is_file() for p in pages):
        pytest.skip(f"{label} texts are not in {texts}")
    from kcbridge.docs.news_evaluation import evaluate_folder

    result = evaluate_folder(f"{texts}:{name}")
    assert len(result["documents"]) == len(pages)
    return {r["lang"]: (r["statement_found"], r["statement_gold"], r["statement_right"],
                        r["statement_extracted"]) for r in result["rows"]}


def entities_of(text: str, kind: str) -> list[Any]:
    """The entities of ``kind`` that the pipeline's entity stage finds in ``text`` (the
    names rounds' unit tests)."""
    from kcbridge.docs.entities import extract_entities
    from kcbridge.docs.text import normalise_text, split_sentences

    text = normalise_text(text)
    return [e for e in extract_entities(text, split_sentences(text)) if e.kind == kind]


def names_of(text: str, kind: str = "organisation") -> list[str]:
    """The surface texts of :func:`entities_of`."""
    return [e.text for e in entities_of(text, kind)]


#: a names set of the later sessions: (texts folder, number of its statement set, (organisations,
#: people) labelled per language, per language ((found, gold, right, extracted) of organisations,
#: the same of people) as scored)
NamesFigures = dict[str, tuple[tuple[int, ...], ...]]
NamesSetSpec = tuple[str, int, dict[str, tuple[int, int]], NamesFigures]


def assert_names_set_holds_labels(number: int, spec: NamesSetSpec, marks: tuple[str, ...]) -> None:
    """Names set ``number`` holds labels only (:func:`check_names_set`, five pages per
    language) and its ``_about`` says it was labelled before any run, naming one of the
    labeller's own rules in ``marks``."""
    name = f"names_eval_pages_{number}.jsonl"
    check_names_set(name, {"ko": 5, "zh": 5, "en": 5}, spec[2])
    about = str(rows(name)[0]["_about"])
    assert "before any run" in about and any(mark in about for mark in marks)


def assert_names_sets_follow(sets: dict[int, NamesSetSpec]) -> None:
    """Each names set of ``sets`` is registered as labelling its statement set's pages."""
    assert {n: NAMES_OF_STATEMENT_SETS[f"names_eval_pages_{n}.jsonl"] for n in sets} == {
        n: f"statement_fresh{sets[n][1]}_pages.jsonl" for n in sets}


def assert_names_set_scores(number: int, spec: NamesSetSpec,
                            now: NamesFigures | None = None) -> None:
    """Names set ``number`` scores as ``spec`` records (with the languages of ``now`` as a
    later round left them); skipped without its texts."""
    measured = names_figures(Path(spec[0]), f"names_eval_pages_{number}.jsonl",
                             f"names set {number}")
    assert {lang: measured[lang] for lang in ("ko", "zh", "en")} == spec[3] | (now or {})


def names_figures(texts: Path, name: str, label: str) -> dict[str, tuple[tuple[int, ...], ...]]:
    """Per language ((found, gold, right, extracted) of organisations, the same of people) of
    the names set ``name`` scored on its rebuilt texts in ``texts`` as ``kcbridge docs evaluate
    --set TEXTS:NAME`` scores them; the test is skipped without them."""
    pages = rows(name)[1:]
    if not all((texts / str(p["file"])).is_file() for p in pages):
        pytest.skip(f"{label} texts are not in {texts}")
    from kcbridge.docs.news_evaluation import evaluate_folder

    result = evaluate_folder(f"{texts}:{name}")
    return {r["lang"]: tuple((r[f"{k}_found"], r[f"{k}_gold"], r[f"{k}_tp"], r[f"{k}_extracted"])
                             for k in ("organisation", "person")) for r in result["rows"]}
