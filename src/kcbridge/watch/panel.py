"""Monthly trade series as a dense panel: one row per series, one column per month.

A *series* is one (reporter, partner, product, flow) combination of the ``trade_monthly``
table. The detectors work on 2-D NumPy arrays (series x months) so that thousands of
series are scanned with a handful of vectorised operations.

Conventions:

- ``months`` is a monthly :class:`pandas.DatetimeIndex` (first day of each month), with
  no gaps: a month in which a series has no row is ``NaN`` (not reported), never 0 here;
  :meth:`SeriesPanel.with_stopped_flows` reads it as 0 where a regular flow stopped.
- ``value`` is in USD; ``quantity`` in the series' own unit (kg in the minerals data);
  ``unit_value = value / quantity`` where both are positive, else ``NaN``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kcbridge.errors import InputError

#: Columns that identify one series.
SERIES_KEYS = ["reporter", "partner", "product", "flow"]
#: Columns a long monthly frame must have (``quantity`` may be missing or empty).
LONG_COLUMNS = [*SERIES_KEYS, "month", "value_usd"]


@dataclass(frozen=True)
class SeriesPanel:
    """Dense monthly panel. ``keys`` has one row per series (columns :data:`SERIES_KEYS`),
    ``value`` and ``quantity`` are float arrays of shape ``(len(keys), len(months))``."""

    keys: pd.DataFrame
    months: pd.DatetimeIndex
    value: np.ndarray
    quantity: np.ndarray

    @property
    def n_series(self) -> int:
        return len(self.keys)

    @property
    def n_months(self) -> int:
        return len(self.months)

    @property
    def unit_value(self) -> np.ndarray:
        """Value per unit of quantity; ``NaN`` where value or quantity is not positive."""
        with np.errstate(divide="ignore", invalid="ignore"):
            uv = self.value / self.quantity
        ok = (self.value > 0) & (self.quantity > 0)
        return np.where(ok, uv, np.nan)

    def measure(self, name: str) -> np.ndarray:
        """The array of one measure: ``value``, ``quantity`` or ``unit_value``."""
        if name == "value":
            return self.value
        if name == "quantity":
            return self.quantity
        if name == "unit_value":
            return self.unit_value
        raise InputError(f"Unknown measure {name!r}.", hint="Use value, quantity or unit_value.")

    def until(self, month: pd.Timestamp | str) -> SeriesPanel:
        """The panel cut after ``month`` (inclusive): what was known at that month."""
        cut = int(self.months.searchsorted(pd.Timestamp(month), side="right"))
        if cut == 0:
            raise InputError(
                f"No data at or before {pd.Timestamp(month):%Y-%m}.",
                hint=f"The data starts in {self.months[0]:%Y-%m}; choose a later --as-of month.",
            )
        return SeriesPanel(
            self.keys, self.months[:cut], self.value[:, :cut], self.quantity[:, :cut]
        )

    def since(self, month: pd.Timestamp | str) -> SeriesPanel:
        """The panel from ``month`` on (inclusive): what a store that began collecting
        then would hold. The months before are dropped, not hidden, so every window and
        warm-up starts at ``month``."""
        cut = int(self.months.searchsorted(pd.Timestamp(month), side="left"))
        if cut >= self.n_months:
            raise InputError(
                f"No data at or after {pd.Timestamp(month):%Y-%m}.",
                hint=f"The data ends in {self.months[-1]:%Y-%m}; choose an earlier "
                     "--history-from month.",
            )
        return SeriesPanel(
            self.keys, self.months[cut:], self.value[:, cut:], self.quantity[:, cut:]
        )

    def select(self, mask: np.ndarray) -> SeriesPanel:
        """A panel with only the series where ``mask`` is true."""
        return SeriesPanel(
            self.keys[mask].reset_index(drop=True),
            self.months,
            self.value[mask],
            self.quantity[mask],
        )

    def with_stopped_flows(self, min_months: int = 12) -> SeriesPanel:
        """The panel with a month that has no row read as 0 (value and quantity) where
        the flow *stopped*: the series had a row in at least ``min_months`` of the 12
        previous months, and its reporter published other flows of the same direction
        that month (so the month is out, and customs record no shipment). Causal: both
        conditions are known at the month. ``min_months`` 0 returns the panel as is."""
        if min_months <= 0 or self.n_series == 0:
            return self
        stopped = self.missing_after(min_months)
        if not stopped.any():
            return self
        value = np.where(stopped, 0.0, self.value)
        quantity = np.where(stopped, 0.0, self.quantity)
        return SeriesPanel(self.keys, self.months, value, quantity)

    def missing_after(self, min_months: int) -> np.ndarray:
        """Series-months with no row, in a month the reporter published other flows of
        the same direction, where the series had a row in at least ``min_months`` of the
        12 previous months (causal: known at the month)."""
        seen = ~np.isnan(self.value)
        if min_months <= 0 or self.n_series == 0:
            return np.zeros(seen.shape, bool)
        group = (self.keys["reporter"].astype(str) + "|" + self.keys["flow"].astype(str))
        codes, uniques = pd.factorize(group)
        published = np.zeros((len(uniques), self.n_months), bool)
        np.logical_or.at(published, codes, seen)
        count = np.cumsum(seen, axis=1, dtype=np.int32) - seen
        past12 = count - np.concatenate(
            [np.zeros((self.n_series, 12), np.int32), count[:, :-12]], axis=1
        )[:, : self.n_months]
        return np.asarray(~seen & published[codes] & (past12 >= min_months))

    def with_zeros(self, mask: np.ndarray) -> SeriesPanel:
        """The panel with value and quantity 0 where ``mask`` is true."""
        if not mask.any():
            return self
        return SeriesPanel(self.keys, self.months, np.where(mask, 0.0, self.value),
                           np.where(mask, 0.0, self.quantity))

    def find(self, reporter: str, partner: str, product: str, flow: str) -> int:
        """Row index of one series, or -1 when the panel does not hold it."""
        k = self.keys
        hit = np.flatnonzero(
            (k["reporter"] == reporter).to_numpy()
            & (k["partner"] == partner).to_numpy()
            & (k["product"] == product).to_numpy()
            & (k["flow"] == flow).to_numpy()
        )
        return int(hit[0]) if len(hit) else -1


def panel_from_long(frame: pd.DataFrame) -> SeriesPanel:
    """Pivot a long monthly frame (columns :data:`LONG_COLUMNS`, optional ``quantity``)
    into a :class:`SeriesPanel`. Duplicate rows of a series-month are summed; months
    between the first and last month of the frame with no row become ``NaN``."""
    missing = [c for c in LONG_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"Monthly data lacks columns {missing}.",
            hint=f"Monthly series need the columns {LONG_COLUMNS} (+ optional quantity).",
        )
    if frame.empty:
        raise InputError(
            "There is no monthly data to scan.",
            hint="Load monthly trade first (`kcbridge load comtrade FILE` or `kcbridge demo`).",
        )
    df = frame[[*LONG_COLUMNS, *(["quantity"] if "quantity" in frame.columns else [])]].copy()
    if "quantity" not in df.columns:
        df["quantity"] = np.nan
    df["month"] = pd.to_datetime(df["month"]).dt.to_period("M").dt.to_timestamp()
    for col in SERIES_KEYS:
        df[col] = df[col].astype(str)
    df["value_usd"] = pd.to_numeric(df["value_usd"], errors="coerce")
    df["quantity"] = pd.to_numeric(df["quantity"], errors="coerce")
    grouped = df.groupby([*SERIES_KEYS, "month"], sort=True, observed=True)[
        ["value_usd", "quantity"]
    ].sum(min_count=1)
    months = pd.date_range(df["month"].min(), df["month"].max(), freq="MS")
    keys = grouped.index.droplevel("month").unique()
    series_codes = keys.get_indexer(grouped.index.droplevel("month"))
    month_codes = months.get_indexer(grouped.index.get_level_values("month"))
    value = np.full((len(keys), len(months)), np.nan)
    quantity = np.full((len(keys), len(months)), np.nan)
    value[series_codes, month_codes] = grouped["value_usd"].to_numpy(dtype=float)
    quantity[series_codes, month_codes] = grouped["quantity"].to_numpy(dtype=float)
    key_frame = keys.to_frame(index=False)
    return SeriesPanel(key_frame, months, value, quantity)


def panel_to_long(panel: SeriesPanel) -> pd.DataFrame:
    """The inverse of :func:`panel_from_long`, without the ``NaN`` (unreported) months."""
    n, t = panel.value.shape
    rows = np.repeat(np.arange(n), t)
    cols = np.tile(np.arange(t), n)
    out = panel.keys.iloc[rows].reset_index(drop=True)
    out["month"] = panel.months[cols]
    out["value_usd"] = panel.value.ravel()
    out["quantity"] = panel.quantity.ravel()
    return out[out["value_usd"].notna()].reset_index(drop=True)
