"""Backtest: replay monthly data month by month as if live and score the detections
against known episodes.

Conventions:

- *Live replay*: for each month t of the evaluation range the panel is cut after t
  (:meth:`SeriesPanel.until`) and only month t's detections are kept, so a month's
  alerts can only use data up to that month. ``live=False`` runs one causal pass
  instead (identical results, see ``tests/watch/test_backtest.py``; used for calibration).
- *Alert levels* (:mod:`kcbridge.watch.levels`): every detection is a provisional
  ``watch`` on its month; it becomes a ``warning`` when confirmed (breadth across the
  family, a multi-month detector, a stop, the month before, or the following month's data).
- An episode series is *detected* when a detector listed in its ``expected_signal``
  fires on it between the announcement month and ``window_after`` months after the
  effective month and its series-month is confirmed as a ``warning``; *in time*
  (``within_target``) when the warning is confirmed by the end of that window (the
  "within one month of the effective date" target). ``first_watch`` is the first
  detection of any level (``watch_within_target``).
- *Lead time*: a monthly figure exists at the earliest at the end of its month, so a
  warning confirmed in month m is dated on m's last day. ``lead_days_vs_effective`` =
  effective date - that day (positive = warned before the measure took effect);
  ``lead_months_*`` count calendar months (effective month - confirmation month).
- *Clearly visible in data* (decided from the raw series, not by any detector): the
  value in the effective month or the month after fell to 40 % or less of the median of
  the 12 months before the announcement *and* below their minimum, or a month from the
  announcement up to the effective month reached twice that median *and* exceeded
  their maximum. Under ``visible_needs_level`` (issue 11, round 2) the median of those 12
  months must also reach ``broad_min_value_usd``, the smallest expected value the watch
  judges at all (a near-empty series is not asked of it); the summary gives the figures
  of the raw test alone too (``visible_raw_*``). The target concerns the visible
  episode series.
- *Target month* (:func:`target_month`): ``window_after`` months after the effective
  month; under ``target_on_publication`` a January target moves to February when
  January is judged with February (``lunar_new_year``): its figure is known only then.
  ``*_calendar_target`` in the summary: the calendar month, as before.
- *False alarms*: series-months with a confirmed ``warning`` (``provisional_*``: with
  at least one detection of any level), per 1,000 judged
  series-months (see :func:`~kcbridge.watch.detectors.judged_mask`: material ones and
  the small flows the broad detectors judge; ``*_material``: the material ones only),
  on series that belong to no episode. Also reported over every series-month outside
  the episode windows (``alarms_outside_windows``), and per detector, split before and
  from ``cutoff`` (the end of the window the thresholds were chosen on), in
  ``by_detector``; and on *every* series in the quiet period before the earliest episode
  window (``quiet_*``: "no false alarm in the years before the measure").
- Episode products may be HS codes (with the national lines under them), group names
  or control families (``graphite``): see :func:`~kcbridge.watch.episodes.expand_episodes`.
  The same file serves HS6, HS4 and 8/10-digit data, exporter or importer side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd

from kcbridge.watch.baseline import combine_lunar_new_year
from kcbridge.watch.detectors import DETECTORS, detect, judged_masks
from kcbridge.watch.episodes import expand_episodes
from kcbridge.watch.levels import with_levels
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, Thresholds


@dataclass
class BacktestResult:
    """Per-episode-series results, the summary figures and every detection replayed."""

    episodes: pd.DataFrame
    summary: dict[str, Any]
    detections: pd.DataFrame = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary, "episodes": self.episodes.to_dict(orient="records")}


def replay(
    panel: SeriesPanel,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    live: bool = True,
) -> pd.DataFrame:
    """Detections of every month from ``start`` to ``end`` (default: the whole panel)."""
    months = _month_range(panel, start, end)
    if not live:
        return detect(panel.until(months[-1]), thresholds, months=months)
    parts = [detect(panel.until(m), thresholds, months=pd.DatetimeIndex([m])) for m in months]
    return pd.concat(parts, ignore_index=True)


def run_backtest(
    panel: SeriesPanel,
    episodes: list[dict[str, Any]],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    window_after: int = 1,
    live: bool = True,
    cutoff: str | pd.Timestamp | None = "2023-01",
) -> BacktestResult:
    """Replay ``panel`` and score it against ``episodes`` (see the module docstring).
    ``cutoff``: the end of the window thresholds were chosen on; the per-detector false
    alarms are split before and from it. Detections carry their alert level
    (:mod:`kcbridge.watch.levels`): an episode series counts as detected in time when a
    ``warning`` is confirmed by the end of its window, and the false alarms are the
    warnings; the same figures on every detection (``provisional_*``) are reported too."""
    months = _month_range(panel, start, end)
    detections = replay(panel, thresholds, start=months[0], end=months[-1], live=live)
    # the level reads the following month as known then, within the replayed months (a
    # detection in the last one is confirmed only by evidence of its own month)
    detections = with_levels(detections, panel.until(months[-1]), thresholds)
    rows = expand_episodes(episodes, panel.keys)
    # visibility reads a regular flow's missing month as 0, as the detectors do
    filled = panel.with_stopped_flows(thresholds.stopped_after)
    results = [_score_episode(filled, {str(k): v for k, v in r.items()}, detections,
                              window_after, thresholds) for r in rows.to_dict("records")]
    table = pd.DataFrame(results)
    if len(table):
        # an episode whose window lies outside the replayed months says nothing about
        # them: its series stay in the false-alarm count (as series without an episode)
        outside = (table["window_end"] < months[0]) | (table["window_start"] > months[-1])
        table["in_range"] = ~outside
        table.loc[outside & (table["series"] >= 0), "note"] = (
            f"episode window outside the replayed months {months[0]:%Y-%m}..{months[-1]:%Y-%m}")

    judged, judged_material = judged_masks(panel, thresholds)
    in_range = np.asarray(panel.months.isin(months))
    substitute, rose = _substitutes(panel, table, detections, thresholds)
    episode_series = (
        set(table.loc[(table["series"] >= 0) & table["in_range"], "series"].astype(int))
        if len(table) else set()
    )
    clean = np.array([i not in episode_series for i in range(panel.n_series)], dtype=bool)
    base = judged & in_range[None, :] & clean[:, None] & ~substitute
    outside_windows = judged & in_range[None, :] & ~substitute
    for r in table.itertuples():
        series = int(cast(int, r.series))
        if series >= 0:
            window = pd.date_range(cast(pd.Timestamp, r.window_start),
                                   cast(pd.Timestamp, r.window_end), freq="MS")
            outside_windows[series, np.asarray(panel.months.isin(window))] = False
    material = judged_material & in_range[None, :] & clean[:, None] & ~substitute
    masks = _Masks(panel, judged, in_range, base, material, outside_windows, episode_series)
    visible = table[table["visible_in_data"]] if len(table) else table
    warned = detections[detections["level"] == "warning"]
    summary = {
        "months": f"{months[0]:%Y-%m}..{months[-1]:%Y-%m}",
        "series": panel.n_series,
        "episode_series": int(len(table)),
        "episode_series_detected": int(table["detected"].sum()) if len(table) else 0,
        "visible_episode_series": int(len(visible)),
        "visible_detected": int(visible["detected"].sum()) if len(visible) else 0,
        "visible_detected_within_target": (
            int(visible["within_target"].sum()) if len(visible) else 0
        ),
        "visible_watch_within_target": (
            int(visible["watch_within_target"].sum()) if len(visible) else 0
        ),
        # the evaluation's definitions the other way (issue 11, round 2): every series
        # the raw test calls visible whatever its level, and the calendar-month target
        **_other_definitions(table),
        "substitute_series": int(substitute.any(axis=1).sum()),
        "substitute_series_rose": len(rose),
        "substitute_series_months": int((substitute & judged & in_range[None, :]).sum()),
        **_alarm_figures(warned, masks, table, ""),
        **_alarm_figures(detections, masks, table, "provisional_"),
        "live_replay": live,
        "by_detector": detector_alarms(detections, base, panel, cutoff),
        "cutoff": f"{pd.Timestamp(cutoff):%Y-%m}" if cutoff is not None else None,
        "thresholds": thresholds.to_dict(),
    }
    return BacktestResult(table, summary, detections)


def _substitutes(panel: SeriesPanel, table: pd.DataFrame, detections: pd.DataFrame,
                 th: Thresholds) -> tuple[np.ndarray, set[int]]:
    """Series-months of the substitutes of importer-side episodes (see
    ``Thresholds.substitute_months``) and the substitute series warned rising in them;
    fills the table's ``substitutes`` (how many substitute series the data hold) and
    ``substitutes_rose`` (each one with a confirmed warning of an up detector in those
    months: partner, alert month, detector)."""
    mask = np.zeros((panel.n_series, panel.n_months), dtype=bool)
    rose: set[int] = set()
    if not len(table):
        return mask, rose
    table["substitutes"] = 0
    table["substitutes_rose"] = ""
    if th.substitute_months <= 0:
        return mask, rose
    keys = panel.keys
    named: dict[tuple[str, str], set[str]] = {}
    for ep, product, partner in zip(table["episode"], table["product"], table["partner"],
                                    strict=True):
        named.setdefault((str(ep), str(product)), set()).add(str(partner))
    rises = detections[(detections["level"] == "warning") & (detections["direction"] == "up")]
    for i, r in table.iterrows():
        if r["flow"] != "import" or not r["in_range"] or r["series"] < 0:
            continue
        taken = named[(str(r["episode"]), str(r["product"]))] | {"WLD"}
        rows = np.flatnonzero(
            (keys["reporter"].astype(str) == str(r["reporter"]))
            & (keys["flow"].astype(str) == "import")
            & (keys["product"].astype(str) == str(r["product"]))
            & ~keys["partner"].astype(str).isin(taken))
        end = pd.Timestamp(r["window_end"]) + pd.DateOffset(months=th.substitute_months)
        cols = np.asarray((panel.months >= r["window_start"]) & (panel.months <= end))
        mask[np.ix_(rows, cols)] = True
        seen = rises[rises["series"].isin(rows) & (rises["month"] >= r["window_start"])
                     & (rises["month"] <= end)].sort_values(["month", "score"],
                                                            ascending=[True, False])
        first = seen.drop_duplicates("series")
        rose.update(int(s) for s in first["series"])
        table.at[i, "substitutes"] = len(rows)
        table.at[i, "substitutes_rose"] = "; ".join(
            f"{keys['partner'].iloc[int(h.series)]} {pd.Timestamp(h.month):%Y-%m} {h.detector}"
            for h in first.itertuples())
    return mask, rose


#: Month columns of the per-episode table and its whole-number lead columns.
MONTH_COLUMNS = ("first_watch", "first_detection", "confirmed")
LEAD_COLUMNS = ("lead_months_vs_announcement", "lead_months_vs_effective",
                "lead_days_vs_effective")


def months_as_text(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of the per-episode table as a reader sees it: months as YYYY-MM and leads
    as whole numbers, an empty text where there is none (the CLI's table and the page)."""
    out = table.copy()
    for col in MONTH_COLUMNS:
        if col in out:
            out[col] = out[col].map(lambda m: "" if pd.isna(m) else f"{m:%Y-%m}")
    for col in LEAD_COLUMNS:
        if col in out:
            out[col] = out[col].astype("Int64").astype(str).replace("<NA>", "")
    return out


@dataclass
class _Masks:
    """The series-month masks the false-alarm figures count on."""

    panel: SeriesPanel
    judged: np.ndarray
    in_range: np.ndarray
    base: np.ndarray
    material: np.ndarray
    outside_windows: np.ndarray
    episode_series: set[int]


def _alarm_figures(
    detections: pd.DataFrame, m: _Masks, table: pd.DataFrame, prefix: str
) -> dict[str, Any]:
    """False alarms (series without an episode), alarms outside the episode windows and
    in the quiet period, counted on the series-months of ``detections``; the keys carry
    ``prefix``."""
    panel = m.panel
    hits = detections[["series", "month"]].drop_duplicates()
    series = hits["series"].to_numpy(dtype=int)
    cols = panel.months.get_indexer(pd.DatetimeIndex(hits["month"]))
    clean = ~hits["series"].isin(m.episode_series).to_numpy()
    on_base = clean & m.base[series, cols]
    on_material = clean & m.material[series, cols]
    outside = m.outside_windows[series, cols]
    n_base, n_material = int(m.base.sum()), int(m.material.sum())
    n_outside = int(m.outside_windows.sum())
    figures = {
        "false_alarms": int(on_base.sum()),
        "series_months_no_episode": n_base,
        "false_alarms_per_1000": round(1000.0 * on_base.sum() / max(n_base, 1), 2),
        "false_alarms_material": int(on_material.sum()),
        "series_months_no_episode_material": n_material,
        "false_alarms_per_1000_material": round(
            1000.0 * on_material.sum() / max(n_material, 1), 2),
        "alarms_outside_windows": int(outside.sum()),
        "series_months_outside_windows": n_outside,
        "alarms_outside_windows_per_1000": round(1000.0 * outside.sum() / max(n_outside, 1), 2),
        **quiet_period(table, hits, m.judged, m.in_range, panel),
    }
    return {f"{prefix}{k}": v for k, v in figures.items()}


def quiet_period(
    table: pd.DataFrame, hits: pd.DataFrame, judged: np.ndarray, in_range: np.ndarray,
    panel: SeriesPanel,
) -> dict[str, Any]:
    """Alarms on every series (episode or not) in the *quiet period*: the replayed
    months before the earliest episode window (announcement month) that falls in them,
    per 1,000 judged series-months: "no false alarm in the years before the measure"."""
    starts = (table.loc[table["in_range"] & (table["series"] >= 0), "window_start"]
              if len(table) else pd.Series(dtype="datetime64[ns]"))
    months = panel.months[in_range]
    end = starts.min() if len(starts) else months[-1] + pd.DateOffset(months=1)
    quiet = in_range & (panel.months < end)
    n = int(judged[:, quiet].sum())
    if not quiet.any():
        return {"quiet_period": None, "quiet_alarms": 0, "quiet_series_months": 0,
                "quiet_alarms_per_1000": 0.0}
    cols = panel.months.get_indexer(pd.DatetimeIndex(hits["month"]))
    mine = hits[quiet[cols] & judged[hits["series"].to_numpy(dtype=int), cols]]
    last = panel.months[quiet][-1]
    return {"quiet_period": f"{months[0]:%Y-%m}..{last:%Y-%m}", "quiet_alarms": int(len(mine)),
            "quiet_series_months": n,
            "quiet_alarms_per_1000": round(1000.0 * len(mine) / max(n, 1), 2)}


def detector_alarms(
    detections: pd.DataFrame, judged: np.ndarray, panel: SeriesPanel,
    cutoff: str | pd.Timestamp | None = None,
) -> list[dict[str, Any]]:
    """Per detector: false alarms (judged series-months of ``judged``, the series with no
    episode, where it fired: provisional, and ``of_them_warnings`` confirmed) and their
    rate per 1,000 judged series-months, before and
    from ``cutoff`` when given (the window thresholds were chosen on, and the months it
    never saw). A series-month where several detectors fired counts for each."""
    cut = pd.Timestamp(cutoff).to_period("M").to_timestamp() if cutoff is not None else None
    before = panel.months < cut if cut is not None else np.zeros(panel.n_months, bool)
    n_all = int(judged.sum())
    n_before = int(judged[:, before].sum())
    d = detections
    if len(d):
        cols = panel.months.get_indexer(pd.DatetimeIndex(d["month"]))
        d = d[judged[d["series"].to_numpy(dtype=int), cols]]
    out = []
    for name in DETECTORS:
        mine = d[d["detector"] == name].drop_duplicates(["series", "month"])
        early = mine[mine["month"] < cut] if cut is not None else mine.iloc[0:0]
        warned = mine[mine["level"] == "warning"] if "level" in mine.columns else mine.iloc[0:0]
        row: dict[str, Any] = {
            "detector": name, "false_alarms": int(len(mine)),
            "per_1000": round(1000.0 * len(mine) / max(n_all, 1), 2),
            "of_them_warnings": int(len(warned))}
        if cut is not None:
            row.update({
                "before_cutoff": int(len(early)),
                "per_1000_before_cutoff": round(1000.0 * len(early) / max(n_before, 1), 2),
                "from_cutoff": int(len(mine) - len(early)),
                "per_1000_from_cutoff": round(
                    1000.0 * (len(mine) - len(early)) / max(n_all - n_before, 1), 2)})
        out.append(row)
    return out


def _other_definitions(table: pd.DataFrame) -> dict[str, int]:
    """The target figures under the evaluation's earlier definitions: ``visible_raw_*``
    (the raw-numbers test alone, any level) and ``*_calendar_target`` (a warning
    confirmed by the calendar month after the effective one, whatever the publication
    calendar)."""
    if not len(table):
        return {"visible_raw_episode_series": 0, "visible_raw_detected_within_target": 0,
                "visible_detected_within_calendar_target": 0,
                "visible_raw_detected_within_calendar_target": 0}
    raw = table[table["visible_raw"]]
    visible = table[table["visible_in_data"]]
    return {
        "visible_raw_episode_series": int(len(raw)),
        "visible_raw_detected_within_target": int(raw["within_target"].sum()),
        "visible_detected_within_calendar_target": int(visible["within_calendar_target"].sum()),
        "visible_raw_detected_within_calendar_target": int(
            raw["within_calendar_target"].sum()),
    }


def target_month(effective_m: pd.Timestamp, window_after: int,
                 th: Thresholds = DEFAULT_THRESHOLDS) -> pd.Timestamp:
    """The last month a warning may be confirmed in to count as in time: ``window_after``
    months after the effective month, moved to February when that is a January judged
    with February (``lunar_new_year``) and ``target_on_publication``: January's figure
    is known only with February's."""
    end = effective_m + pd.DateOffset(months=window_after)
    if th.target_on_publication and th.lunar_new_year and end.month == 1:
        end = end + pd.DateOffset(months=1)
    return pd.Timestamp(end)


def _score_episode(
    panel: SeriesPanel, ep: dict[str, Any], detections: pd.DataFrame, window_after: int,
    th: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[str, Any]:
    """One episode series: visible, the first detection of any level (``first_watch``)
    and the first confirmed ``warning`` (alert month ``first_detection``, known at
    ``confirmed``); leads are counted from the month the warning is known."""
    announced_m = ep["announced"].to_period("M").to_timestamp()
    effective_m = ep["effective"].to_period("M").to_timestamp()
    calendar_end = effective_m + pd.DateOffset(months=window_after)
    window_end = target_month(effective_m, window_after, th)
    index = panel.find(ep["reporter"], ep["partner"], ep["product"], ep["flow"])
    out = {**ep, "expected_signal": ",".join(ep["expected_signal"]), "series": index,
           "window_start": announced_m, "window_end": window_end, "visible_in_data": False,
           "visible_raw": False, "first_watch": None, "watch_detector": None,
           "watch_within_target": False, "detected": False, "within_target": False,
           "within_calendar_target": False, "first_detection": None,
           "confirmed": None, "confirmation": None,
           "detector": None, "measure": None, "score": None, "lead_months_vs_announcement": None,
           "lead_months_vs_effective": None, "lead_days_vs_announcement": None,
           "lead_days_vs_effective": None}
    if index < 0:
        out["note"] = "series not in the data"
        return out
    out["visible_raw"] = _visible(panel, index, announced_m, effective_m)
    out["visible_in_data"] = out["visible_raw"] and (
        not th.visible_needs_level
        or _level_before(panel, index, announced_m) >= th.broad_min_value_usd)
    mine = detections[(detections["series"] == index) & (detections["month"] >= announced_m)
                      & (detections["month"] <= window_end)]
    if "any" not in ep["expected_signal"]:
        mine = mine[mine["detector"].isin(ep["expected_signal"])]
    if mine.empty:
        return out
    first_watch = mine.sort_values(["month", "score"], ascending=[True, False]).iloc[0]
    out.update({"first_watch": pd.Timestamp(first_watch["month"]),
                "watch_detector": first_watch["detector"],
                "watch_within_target": True})
    warned = mine[mine["level"] == "warning"]
    if warned.empty:
        return out
    first = warned.sort_values(["confirmed_month", "month", "score"],
                               ascending=[True, True, False]).iloc[0]
    month = pd.Timestamp(first["month"])
    confirmed = pd.Timestamp(first["confirmed_month"])
    known_on = confirmed + pd.offsets.MonthEnd(0)
    out.update({
        "detected": True, "within_target": bool(confirmed <= window_end),
        "within_calendar_target": bool(confirmed <= calendar_end),
        "first_detection": month, "confirmed": confirmed,
        "confirmation": first["confirmation"],
        "detector": first["detector"], "measure": first["measure"],
        "score": round(float(first["score"]), 2),
        "lead_months_vs_announcement": _months_between(confirmed, announced_m),
        "lead_months_vs_effective": _months_between(confirmed, effective_m),
        "lead_days_vs_announcement": int((ep["announced"] - known_on).days),
        "lead_days_vs_effective": int((ep["effective"] - known_on).days),
    })
    return out


def _visible(panel: SeriesPanel, index: int, announced_m: pd.Timestamp,
             effective_m: pd.Timestamp) -> bool:
    """The raw-numbers test of the module docstring, with January and February combined
    as the detectors combine them (a low January alone is the Lunar New Year)."""
    value = combine_lunar_new_year(panel.value[[index]], panel.months)[0]
    s = pd.Series(value, index=panel.months)
    before = s[(s.index < announced_m) & (s.index >= announced_m - pd.DateOffset(months=12))]
    before = before.dropna()  # no row: skipped (and no "Mean of empty slice" warning)
    if before.empty:
        return False
    ref = before.median()
    if not np.isfinite(ref) or ref <= 0:
        return False
    after = s[(s.index >= effective_m) & (s.index <= effective_m + pd.DateOffset(months=1))]
    between = s[(s.index >= announced_m) & (s.index < effective_m)]
    low, high = before.min(), before.max()
    return bool(((after <= 0.4 * ref) & (after < low)).any()
                or ((between >= 2.0 * ref) & (between > high)).any())


def _level_before(panel: SeriesPanel, index: int, announced_m: pd.Timestamp) -> float:
    """Median monthly value of the 12 months before the announcement (January and
    February combined, months with no row skipped): the reference of the raw test, and
    what the detectors' expected value is made of."""
    value = combine_lunar_new_year(panel.value[[index]], panel.months)[0]
    s = pd.Series(value, index=panel.months)
    before = s[(s.index < announced_m) & (s.index >= announced_m - pd.DateOffset(months=12))]
    before = before.dropna()
    if before.empty:
        return 0.0
    level = before.median()
    return float(level) if np.isfinite(level) else 0.0


def _months_between(later: pd.Timestamp, earlier: pd.Timestamp) -> int:
    """earlier - later in calendar months (positive when ``later`` is before ``earlier``)."""
    return (earlier.year - later.year) * 12 + (earlier.month - later.month)


def _month_range(panel: SeriesPanel, start: Any, end: Any) -> pd.DatetimeIndex:
    months = panel.months
    if start is not None:
        months = months[months >= pd.Timestamp(start).to_period("M").to_timestamp()]
    if end is not None:
        months = months[months <= pd.Timestamp(end).to_period("M").to_timestamp()]
    if len(months) == 0:
        from kcbridge.errors import InputError

        raise InputError("The backtest range holds no month of the data.",
                         hint=f"The data run {panel.months[0]:%Y-%m}..{panel.months[-1]:%Y-%m}.")
    return months
