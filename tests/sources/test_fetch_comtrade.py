"""UN Comtrade queries against a scripted v1 API on 127.0.0.1: the record cap, splitting,
the API's ``error`` field, rate limiting."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from kcbridge.errors import FetchError, KcbridgeError
from kcbridge.settings import Settings
from kcbridge.sources.fetch import fetch_comtrade
from kcbridge.sources.fetch_comtrade import ComtradeQuery, split_query

# the scripted server module, loaded by conftest.py (tests run with --import-mode=importlib)
srv = sys.modules["kcbridge_tests_fetch_server"]
API = "/data/v1/get/C/A/HS"


class ComtradeAPI:
    """Answers like the v1 data API from a list of records, cutting at ``maxRecords``."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        self.calls = 0

    def __call__(self, handler: Any) -> None:
        from urllib.parse import parse_qs, urlparse

        query = {k: v[0] for k, v in parse_qs(urlparse(handler.path).query).items()}
        periods = query["period"].split(",")
        flows = query["flowCode"].split(",")
        cmds = query["cmdCode"].split(",")
        rows = [r for r in self.records
                if str(r["period"]) in periods and r["flowCode"] in flows
                and (cmds == ["AG6"] or r["cmdCode"] in cmds)]
        rows = rows[: int(query["maxRecords"])]
        self.calls += 1  # the real API's elapsedTime differs between calls, so do the bytes
        body = json.dumps({"elapsedTime": f"0.{self.calls} secs", "count": len(rows),
                           "data": rows, "error": ""}).encode()
        srv.status(200, body, {"Content-Type": "application/json"})(handler)


def _records(samples: Any) -> list[dict[str, Any]]:
    """Korea's exports to and imports from China, three products, two years."""
    out = []
    for year in (2021, 2022):
        for flow in ("X", "M"):
            for i, cmd in enumerate(("854231", "854232", "280461")):
                out.append(samples.comtrade_record(
                    period=str(year), refYear=year, refPeriodId=year * 10000 + 101,
                    flowCode=flow, cmdCode=cmd, primaryValue=1000.0 * (i + 1) + year % 10))
    return out


@pytest.fixture
def api_settings(server, tmp_path) -> Settings:
    return Settings(home=tmp_path / "home", comtrade_url=server.base + "/data/v1/get",
                    comtrade_key="k", http_timeout=5, fetch_retries=2, fetch_backoff=0.01,
                    comtrade_max_records=4)


def _asked(server: Any) -> list[tuple[str, str, str]]:
    return [(r.query["period"][0], r.query["flowCode"][0], r.query["cmdCode"][0])
            for r in server.requests]


def test_capped_result_is_split_by_period_then_flow(samples, server, api_settings, store,
                                                    waits):
    server.add(API, ComtradeAPI(_records(samples)))
    result = fetch_comtrade(store, api_settings, reporter="KOR", partner="CHN",
                            period="2021,2022")
    # 12 records: the whole query and each year (6) reach the cap of 4; each flow (3) not
    assert _asked(server) == [
        ("2021,2022", "X,M", "AG6"), ("2021", "X,M", "AG6"), ("2021", "X", "AG6"),
        ("2021", "M", "AG6"), ("2022", "X,M", "AG6"), ("2022", "X", "AG6"),
        ("2022", "M", "AG6")]
    assert all(r.query["maxRecords"] == ["4"] for r in server.requests)
    assert result.rows == 12 and result.periods == ["2021", "2022"]
    assert len(result.load_id.split(",")) == 4 and not result.skipped
    assert any("split by period into 2 queries" in n for n in result.notes)
    assert sum("split by flow into 2 queries" in n for n in result.notes) == 2
    loads = store.table("loads").to_pandas()
    assert len(loads) == 4
    values = store.table("trade_annual").to_pandas()
    assert len(values) == 12
    kor_x = values[(values.exporter == "KOR") & (values.year == 2022)]
    assert sorted(kor_x.value_usd) == [1002.0, 2002.0, 3002.0]
    # the same query again: new files, each part replaces its own rows, nothing doubles
    again = fetch_comtrade(store, api_settings, reporter="KOR", partner="CHN",
                           period="2021,2022")
    assert again.rows == 12 and not again.skipped
    assert len(store.table("trade_annual").to_pandas()) == 12


def test_capped_commodity_list_is_halved(samples, server, api_settings, store, waits):
    server.add(API, ComtradeAPI(_records(samples)))
    capped = api_settings.model_copy(update={"comtrade_max_records": 2})
    result = fetch_comtrade(store, capped, reporter="KOR", partner="CHN", period="2022",
                            flow="X", cmd="854231,854232,280461")
    assert _asked(server) == [("2022", "X", "854231,854232,280461"), ("2022", "X", "854231"),
                              ("2022", "X", "854232,280461"), ("2022", "X", "854232"),
                              ("2022", "X", "280461")]
    assert result.rows == 3


def test_capped_query_that_cannot_be_split_is_refused(samples, server, api_settings, store,
                                                      waits):
    server.add(API, ComtradeAPI(_records(samples)))
    before = samples.snapshot(store)
    capped = api_settings.model_copy(update={"comtrade_max_records": 3})
    with pytest.raises(FetchError, match="cap per query.*cannot be split further") as err:
        fetch_comtrade(store, capped, reporter="KOR", partner="CHN", period="2022,2021",
                       flow="X")
    # the whole query and 2022 alone reached the cap; one period, one flow, AG6: refused
    assert _asked(server) == [("2022,2021", "X", "AG6"), ("2022", "X", "AG6")]
    assert "--cmd 854231" in str(err.value) and "--partner" not in str(err.value)
    assert samples.snapshot(store) == before
    assert not list((api_settings.home / "downloads").iterdir())


def test_error_field_is_reported(server, api_settings, store, waits):
    body = json.dumps({"elapsedTime": "0.01 secs", "count": 0, "data": None,
                       "error": "Invalid parameter: period must be YYYY"}).encode()
    server.add(API, srv.status(200, body))
    with pytest.raises(FetchError, match="refused the query: Invalid parameter: period"):
        fetch_comtrade(store, api_settings, reporter="KOR", partner="CHN", period="22")


def test_empty_parts_are_noted_and_all_empty_is_an_error(samples, server, api_settings,
                                                         store, waits):
    records = [r for r in _records(samples) if r["period"] == "2022"]
    server.add(API, ComtradeAPI(records))
    result = fetch_comtrade(store, api_settings, reporter="KOR", partner="CHN",
                            period="2021,2022")
    assert result.rows == 6 and result.periods == ["2022"]
    assert "No data for reporter 410, partner 156, period 2021," in result.notes[1]
    with pytest.raises(FetchError, match="no data for that query"):
        fetch_comtrade(store, api_settings, reporter="KOR", partner="CHN", period="2020")


def test_rate_limited_query_waits_as_comtrade_says(samples, server, api_settings, store,
                                                   waits):
    limited = json.dumps({"statusCode": 429,
                          "message": "Rate limit is exceeded. Try again in 2 seconds."})
    server.add(API, srv.status(429, limited.encode()), ComtradeAPI(_records(samples)))
    result = fetch_comtrade(store, api_settings, reporter="KOR", partner="CHN",
                            period="2022", flow="X")
    assert waits == [2.0] and result.rows == 3
    assert "answered at attempt 2 after 2.0 s of waiting" in result.notes[0]


def test_split_query_order():
    q = ComtradeQuery("A", "410", "156", ("2021", "2022"), ("AG6",), ("X", "M"))
    how, parts = split_query(q) or ("", [])
    assert how == "period" and [p.periods for p in parts] == [("2021",), ("2022",)]
    how, parts = split_query(parts[0]) or ("", [])
    assert how == "flow" and [p.flows for p in parts] == [("X",), ("M",)]
    assert split_query(parts[0]) is None


def test_a_part_that_fails_to_load_says_which_parts_are_in(samples, server, api_settings,
                                                           store, waits):
    records = [r for r in _records(samples) if r["flowCode"] == "X"]
    records.append(samples.comtrade_record(period="2022", refYear=2022, flowCode="X",
                                           partnerCode=899, partnerISO="ZZZ", cmdCode="854231"))
    server.add(API, ComtradeAPI(records))
    capped = api_settings.model_copy(update={"comtrade_max_records": 5})
    with pytest.raises(KcbridgeError) as err:  # 7 records: split into 2021 (3) and 2022 (4)
        fetch_comtrade(store, capped, reporter="KOR", partner=None, period="2021,2022",
                       flow="X")
    assert "Parts 1-1 of 2 of this query were loaded, part 2 (reporter 410, partner all, " \
        "period 2022" in str(err.value)
    assert len(store.table("loads").to_pandas()) == 1
    assert sorted(store.table("trade_annual").to_pandas().year.unique()) == [2021]
