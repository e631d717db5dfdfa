"""Commitment keys become sentences for people, and the timeline's time axis shows years
and is padded so no marker is clipped (web/docs.py)."""

from __future__ import annotations

import pandas as pd

from kcbridge.web.docs import commitment_sentence, describe_commitments, timeline_chart

COUNTRIES = {"KOR": "South Korea", "CHN": "China", "JPN": "Japan"}
SECTORS = {"hydrogen": "Hydrogen", "drones_low_altitude": "Drones and the low-altitude economy",
           "batteries": "Secondary batteries"}


def test_cooperation_key_names_parties_mechanism_sector_and_stage() -> None:
    assert commitment_sentence("CHN+KOR|hydrogen|joint_lab", "implemented", "Hydrogen",
                               COUNTRIES) == (
        "South Korea and China: a joint laboratory in Hydrogen (implemented)")


def test_key_without_mechanism_reads_as_cooperation() -> None:
    got = commitment_sentence("CHN+KOR|drones_low_altitude|-", "signed",
                              SECTORS["drones_low_altitude"], COUNTRIES)
    assert got == ("South Korea and China: cooperation in Drones and the low-altitude economy "
                   "(signed)")
    assert "|" not in got and "drones_low_altitude" not in got


def test_three_parties_and_unknown_codes() -> None:
    got = commitment_sentence("CHN+JPN+KOR|-|dialogue", "proposal", "", COUNTRIES)
    assert got == "South Korea, China and Japan: a dialogue (proposal)"
    assert commitment_sentence("XXX|-|investment", "agreement", "", COUNTRIES) == (
        "XXX: investment (agreement)")


def test_restriction_and_single_keys() -> None:
    got = commitment_sentence("restriction|CHN|graphite", "restriction", "Secondary batteries",
                              COUNTRIES)
    assert got == "China restricts trade in graphite (Secondary batteries)"
    assert commitment_sentence("single|abc123|4", "proposal", "", COUNTRIES) == (
        "A single proposal statement (no sector or mechanism named)")


def _commitments() -> pd.DataFrame:
    return pd.DataFrame([
        {"commitment": "CHN+KOR|hydrogen|joint_lab", "stage": "implemented", "sector": "hydrogen",
         "mechanism": "joint_lab",
         "timeline": [{"date": "2023-06-12", "stage": "proposal", "doc_id": "a"},
                      {"date": "2025-04-08", "stage": "implemented", "doc_id": "b"}]},
        {"commitment": "restriction|CHN|graphite", "stage": "restriction",
         "sector": "batteries", "mechanism": "",
         "timeline": [{"date": "2023-10-20", "stage": "restriction", "doc_id": "c"},
                      {"date": None, "stage": "restriction", "doc_id": "d"}]},
    ])


def test_describe_adds_names_and_column_labels() -> None:
    out = describe_commitments(_commitments(), SECTORS, COUNTRIES)
    assert list(out["sector_name"]) == ["Hydrogen", "Secondary batteries"]
    assert list(out["mechanism_label"]) == ["joint laboratory", ""]
    assert out["description"].iloc[1] == "China restricts trade in graphite (Secondary batteries)"


def test_timeline_axis_has_years_padding_and_names() -> None:
    spec = timeline_chart(describe_commitments(_commitments(), SECTORS, COUNTRIES)).to_dict()
    x = spec["encoding"]["x"]
    assert x["axis"]["format"] == "%b %Y"
    assert x["scale"]["padding"] > 0
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 3  # the undated report is not drawn
    assert {v["sector"] for v in values} == {"Hydrogen", "Secondary batteries"}
    assert all("|" not in v["commitment"] for v in values)
    assert timeline_chart(_commitments().iloc[0:0]) is None
