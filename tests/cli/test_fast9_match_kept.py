"""``partners match`` answered from the kept answers (issue 14, kcbridge.partners.answers).

Behaviour, not timing: a match asked again in a new process prints the same table and the
same JSON as the match that computed it, without importing pandas, NumPy or the matcher;
any change of what the answer depends on (the registry, the exposure counts) computes it
again; the plain-SQL exposure counts and inserts give what the pandas versions give; the
table printed from rows is the table printed from their DataFrame.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from tests.cli.probe import run_cli

from kcbridge.app import Platform
from kcbridge.partners import answers, storage
from kcbridge.store.derived import DerivedResults

ORG = "한빛양극재"



def _run(home: Path, *argv: str) -> dict[str, object]:
    result = run_cli(home, argv, watch=("pandas", "numpy", "ibis", "kcbridge.partners.matching"))
    assert result["code"] == 0, result
    return {**result, "heavy": result["loaded"]}


def _forget_answers(home: Path) -> None:
    for name in ("partner_match_answers", "partner_peer_answers"):
        shutil.rmtree(home / "derived" / name, ignore_errors=True)


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_kept_match_prints_what_the_computed_match_printed(tiny_demo_copy: Path,
                                                           fmt: str) -> None:
    args = ["partners", "match", ORG, "--format", fmt]
    computed = _run(tiny_demo_copy, *args)
    kept = _run(tiny_demo_copy, *args)
    assert "pandas" in computed["heavy"]  # type: ignore[operator]  # the check can fail
    assert kept["heavy"] == []  # no pandas, NumPy, Ibis or matcher
    assert kept["stdout"] == computed["stdout"]
    assert "江西锂源" in str(kept["stdout"])  # a real answer (the demo's pair)
    _forget_answers(tiny_demo_copy)  # computed again from scratch: still the same
    again = _run(tiny_demo_copy, *args)
    assert "kcbridge.partners.matching" in again["heavy"]  # type: ignore[operator]
    assert again["stdout"] == computed["stdout"]


def test_a_changed_registry_or_exposure_computes_the_answer_again(tiny_demo_copy: Path
                                                                  ) -> None:
    p = Platform(home=tiny_demo_copy)
    stats = DerivedResults.for_store(p.store).stats
    first = p.partners.match(ORG, record_exposure=False)
    hits = stats["hits"]
    again = p.partners.match(ORG, record_exposure=False)
    assert again == first and stats["hits"] > hits
    partner = first[0]["partner_org_id"]
    with p.store.transaction():  # an organisation renamed: a new registry version
        p.store.mark_written()
        p.store._raw().execute(f"UPDATE partner_orgs SET name = 'Renamed Ltd' "
                               f"WHERE org_id = '{partner}'")
    renamed = p.partners.match(ORG, record_exposure=False)
    assert renamed[0]["partner_name"] == "Renamed Ltd"
    assert [r["partner_profile_id"] for r in renamed] == [r["partner_profile_id"] for r in first]
    # views from yesterday count: the exposure counts change, and so does the version
    today = datetime.now().date()
    before = answers.answer_version(p.store, p.partners.exposure_counts(), today)
    yesterday = datetime.combine(today - timedelta(days=1), datetime.min.time())
    assert answers.insert_exposure_sql(p.store, [(first[0]["partner_profile_id"], "x")],
                                       yesterday)
    assert p.partners.exposure_counts()[first[0]["partner_profile_id"]] == 1
    assert answers.answer_version(p.store, p.partners.exposure_counts(), today) != before
    p.close()


def test_exposure_counts_and_inserts_in_sql_are_the_pandas_ones(tiny_demo_copy: Path) -> None:
    p = Platform(home=tiny_demo_copy)
    p.partners  # noqa: B018 - creates the tables
    profiles = storage.read_table(p.store, storage.PROFILES)
    pid, other = str(profiles["profile_id"].iloc[0]), str(profiles["profile_id"].iloc[1])
    day = datetime(2026, 3, 10, 9, 30, 15, 123456)
    # viewers: two profiles of one organisation count once, a viewer outside the
    # registry counts by itself, a view outside the window not at all
    sibling = profiles[(profiles["org_id"] == profiles["org_id"].iloc[1])
                       & (profiles["profile_id"] != other)]
    pairs = [(pid, other), (pid, "not-in-registry"), (other, pid), (pid, "o'quote")]
    pairs += [(pid, str(s)) for s in sibling["profile_id"]]
    assert answers.insert_exposure_sql(p.store, pairs, day)
    storage.append_rows(p.store, storage.EXPOSURE, pd.DataFrame(
        {"profile_id": [pid], "shown_to": [None], "shown_at": [day]}))
    storage.append_rows(p.store, storage.EXPOSURE, pd.DataFrame(
        {"profile_id": [pid], "shown_to": ["late"], "shown_at": [day + timedelta(days=5)]}))
    start, end = day - timedelta(days=1), day + timedelta(days=1)
    sql = answers.exposure_counts_sql(p.store, start, end)
    views = storage.read_between(p.store, storage.EXPOSURE, "shown_at", start, end)
    owner = dict(zip(profiles["profile_id"], profiles["org_id"], strict=False))
    views["viewer"] = views["shown_to"].map(lambda v: owner.get(v, v))
    by_pandas = {str(k): int(n) for k, n in views.groupby("profile_id")["viewer"].nunique()
                 .items()}
    assert sql == by_pandas == {pid: 3, other: 1}
    # the SQL insert wrote what the frame insert writes (same types, same microseconds)
    rows = p.store._raw().execute(
        "SELECT profile_id, shown_to, shown_at FROM partner_exposure WHERE shown_to = "
        "'o''quote'").fetchall()
    assert rows == [(pid, "o'quote", day)]
    p.close()


def test_match_table_from_rows_is_the_table_from_its_frame(demo_platform: Platform) -> None:
    """The CLI prints the match table from plain rows (no pandas): the same text as the
    DataFrame of those rows printed before."""
    from kcbridge.cli import common
    from kcbridge.cli.partners import _first_reason

    rows = demo_platform.partners.match(ORG, record_exposure=False)
    table = [{
        "profile": r["profile_id"], "rank": r["rank"], "partner": r["partner_name"],
        "country": r["partner_country"], "type": r["partner_profile_type"].replace("_", " "),
        "score": r["score"], "a_offers_b": r["a_offers_b"]["similarity"],
        "b_offers_a": r["b_offers_a"]["similarity"],
        "shared_sectors": ", ".join(r["shared_sectors"]),
        "trust": r["guideline_level"] + (" (review)" if r["trust_review"] else ""),
        "why": _first_reason(r), **({"synthetic": True} if r["synthetic"] else {}),
    } for r in rows]
    assert len(table) >= 3
    table[1].pop("synthetic", None)  # a gap in a column, as a non-demo partner leaves
    table[2]["a_offers_b"] = None  # a direction not scored

    def printed(data: object) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), common.console.capture() as cap:
            common.emit(data, title="Partners", synthetic=True)
        return cap.get()

    assert printed(table) == printed(pd.DataFrame(table))
    assert "0.4150" in printed(table) or str(rows[0]["score"]) in printed(table)
