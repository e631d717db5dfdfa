"""Episodes: known supply-chain events to backtest the early warning against.

An episodes file is YAML::

    episodes:
      - name: graphite-export-licensing-2023
        reporter: CHN                 # who reports the flow (ISO3)
        partners: [KOR, JPN]          # or `partner: KOR`; `*` = every partner in the data
        products: [graphite]          # HS codes (a code also names the national
                                      # lines under it), group names, or control
                                      # families (critical items' material_group)
        flow: export                  # optional, default export
        announced: 2023-10-20
        effective: 2023-12-01
        expected_signal: [surge, collapse]   # detectors that count as a detection
        source: MOFCOM/GAC announcement No. 39 of 2023   # optional
        notes: ...                    # optional

:func:`expand_episodes` turns it into one row per (episode, partner, product) series of
the data: a family name (``graphite``) expands to every code of the family the data
hold (HS6 ``250410`` and ``380110``, a 10-digit line ``2504101000``, an HS4 heading
whose critical items are all of the family), an HS code to itself and the national lines
under it; an entry that matches nothing stays as written (reported "not in the data").
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from kcbridge.errors import InputError, NotFoundError

SIGNALS = {
    "collapse", "surge", "changepoint", "seasonal_residual", "unit_price_spike",
    "front_loading", "sustained_collapse", "broad_collapse", "broad_surge", "abrupt_collapse",
    "substitution", "any",
}
REQUIRED = ("name", "reporter", "products", "announced", "effective", "expected_signal")
EPISODE_COLUMNS = [
    "episode", "reporter", "partner", "product", "flow", "announced", "effective",
    "expected_signal", "source",
]


def bundled_episodes_path(name: str = "china_critical_minerals_episodes.yaml") -> Path:
    """Path of an episodes file shipped with kcbridge (in ``kcbridge/watch/data``)."""
    return Path(str(resources.files("kcbridge.watch").joinpath("data", name)))


BUNDLED = ("china_critical_minerals_episodes.yaml", "public_episodes.yaml")


def bundled_only(name: str, otherwise: str) -> str:
    """``name`` when it names a bundled episodes file, else an InputError listing them and
    ``otherwise`` (where a reader's own episodes go: the API and the page read bundled
    files by name only, never a path on the server)."""
    if name not in BUNDLED:
        raise InputError(f"Unknown episodes file {name!r}.",
                         hint=f"Use one of {', '.join(BUNDLED)}; {otherwise}.")
    return name


def read_episodes(path: str | Path) -> list[dict[str, Any]]:
    """Read and validate an episodes YAML file (see the module docstring). A bare name
    of a bundled file (``public_episodes.yaml``) that is not a file here reads the
    bundled one."""
    path = Path(path)
    if not path.exists() and path.name == str(path) and path.name in BUNDLED:
        path = bundled_episodes_path(path.name)
    if not path.exists():
        raise NotFoundError(
            f"No episodes file at {path}.",
            hint=f"Write one in the documented YAML format, or use a bundled one: "
            f"{', '.join(BUNDLED)}.",
        )
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"{path.name} is not valid YAML: {exc}.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start}).",
                         hint="Save the episodes file as UTF-8.") from exc
    except ValueError as exc:  # YAML reads 2023-13-01 as a date and fails on it
        raise InputError(f"{path.name} holds a value YAML cannot read: {exc}.",
                         hint="Write dates as 2023-12-01, with a real month and day.") from exc
    return parse_episodes(doc, source=path.name)


def parse_episodes(doc: Any, source: str = "episodes") -> list[dict[str, Any]]:
    """Validate an already parsed episodes document; returns normalised episodes."""
    items = doc.get("episodes") if isinstance(doc, dict) else doc
    if not isinstance(items, list) or not items:
        raise InputError(f"{source}: no episodes found.",
                         hint="The file needs a top-level `episodes:` list.")
    out = []
    for i, item in enumerate(items):
        where = f"{source}: episode {i + 1}"
        if not isinstance(item, dict):
            raise InputError(f"{where} is not a mapping.",
                             hint="Each episode is `key: value` lines.")
        missing = [k for k in REQUIRED if k not in item]
        if "partner" not in item and "partners" not in item:
            missing.append("partner(s)")
        if missing:
            raise InputError(f"{where} ({item.get('name', '?')}) lacks {missing}.",
                             hint=f"Every episode needs {list(REQUIRED)} and partner or partners.")
        partners = item.get("partners", item.get("partner"))
        partners = [partners] if isinstance(partners, str) else list(partners or [])
        products = item["products"]
        products = [products] if isinstance(products, str) else [str(p) for p in products]
        signals = item["expected_signal"]
        signals = [signals] if isinstance(signals, str) else list(signals)
        bad = sorted(set(signals) - SIGNALS)
        if bad:
            raise InputError(f"{where}: unknown expected_signal {bad}.",
                             hint=f"Use one or more of {sorted(SIGNALS)}.")
        announced, effective = _date(item["announced"], where), _date(item["effective"], where)
        if effective < announced:
            raise InputError(f"{where}: effective date {effective} is before the announcement "
                             f"{announced}.", hint="Check the two dates.")
        out.append({
            "name": str(item["name"]), "reporter": str(item["reporter"]).upper(),
            "partners": [str(p).upper() if p != "*" else "*" for p in partners],
            "products": products, "flow": str(item.get("flow", "export")),
            "announced": announced, "effective": effective, "expected_signal": signals,
            "source": str(item.get("source", "")), "notes": str(item.get("notes", "")),
        })
    return out


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(str(value)).date()
    except (ValueError, TypeError) as exc:
        raise InputError(f"{where}: unreadable date {value!r}.",
                         hint="Write dates as 2023-12-01.") from exc


def expand_episodes(episodes: list[dict[str, Any]], series_keys: pd.DataFrame) -> pd.DataFrame:
    """One row per (episode, series) with columns :data:`EPISODE_COLUMNS`. Products expand
    as the module docstring says; partners ``*`` expand to every partner the data holds
    for that reporter, product and flow."""
    from kcbridge.watch.families import family_members

    rows = []
    k = series_keys
    for ep in episodes:
        mine = k[(k["reporter"] == ep["reporter"]) & (k["flow"] == ep["flow"])]
        known = mine["product"].astype(str).unique()
        products = list(dict.fromkeys(
            code for entry in ep["products"]
            for code in (family_members(entry, known) or [str(entry)])))
        for product in products:
            partners = ep["partners"]
            if "*" in partners:
                partners = sorted(mine.loc[mine["product"] == product, "partner"].unique())
            for partner in partners:
                rows.append({
                    "episode": ep["name"], "reporter": ep["reporter"], "partner": partner,
                    "product": product, "flow": ep["flow"],
                    "announced": pd.Timestamp(ep["announced"]),
                    "effective": pd.Timestamp(ep["effective"]),
                    "expected_signal": ep["expected_signal"], "source": ep["source"],
                })
    return pd.DataFrame(rows, columns=EPISODE_COLUMNS)
