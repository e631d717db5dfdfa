"""A ``partners match`` asked for the first time computes without pandas or Ibis (issue 14):
in a new process, with no kept answer, it builds the matcher from plain SQL records and
the kept JSON (vectors, name keys, screener keys, complementarity of the country pair)
and prints what the same question computed in this process gives. Behaviour, not
timing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.probe import run_cli

from kcbridge.app import Platform

WATCH = ("pandas", "ibis", "pyarrow", "kcbridge.partners.matching")


def _forget_answers(home: Path) -> None:
    for name in ("partner_match_answers", "partner_peer_answers"):
        shutil.rmtree(home / "derived" / name, ignore_errors=True)


def test_a_new_match_imports_neither_pandas_nor_ibis(tiny_demo_copy: Path) -> None:
    p = Platform(home=tiny_demo_copy)
    try:
        names = [str(o["name"]) for o in p.partners._records("partner_orgs")]
        # keeps what a match reads; the complementarity of a country pair is computed
        # (with the trade service: pandas, Ibis) once per direction and flows version
        p.partners.match(names[0], record_exposure=False)
        p.partners.match(names[1], record_exposure=False)
    finally:
        p.close()
    for org in (names[0], names[1]):
        _forget_answers(tiny_demo_copy)
        new = run_cli(tiny_demo_copy, ["partners", "match", org, "--format", "json"],
                      watch=WATCH)
        assert new["code"] == 0, new
        assert new["loaded"] == ["kcbridge.partners.matching"], org  # computed, plainly
        printed = json.loads(new["stdout"])
        assert printed["matches"] and printed["matches"][0]["rank"] == 1
        _forget_answers(tiny_demo_copy)
        p = Platform(home=tiny_demo_copy)
        try:
            expected = p.partners.match(org, record_exposure=False)
        finally:
            p.close()
        assert printed["matches"] == json.loads(json.dumps(expected)), org
    # the check can fail: a command that reads the registry into frames imports pandas
    listed = run_cli(tiny_demo_copy, ["partners", "orgs"], watch=WATCH)
    assert listed["code"] == 0 and "pandas" in listed["loaded"]


def test_a_new_match_table_is_the_kept_table(tiny_demo_copy: Path) -> None:
    p = Platform(home=tiny_demo_copy)
    try:
        orgs = p.partners._records("partner_orgs")
        org = str(orgs[2]["name"])  # an English name
        assert org.isascii() and orgs[2]["country"] == orgs[0]["country"]
        p.partners.match(str(orgs[0]["name"]), record_exposure=False)  # the pair's figures
    finally:
        p.close()
    _forget_answers(tiny_demo_copy)
    computed = run_cli(tiny_demo_copy, ["partners", "match", org], watch=WATCH)
    kept = run_cli(tiny_demo_copy, ["partners", "match", org], watch=WATCH)
    assert computed["loaded"] == ["kcbridge.partners.matching"] and kept["loaded"] == []
    assert computed["stdout"] == kept["stdout"] and "Partners for" in computed["stdout"]
