"""A watch scan replayed from the kept one when nothing it reads changed (the monthly
flows, the restriction statements, the arguments, the code): :meth:`WatchService.scan
<kcbridge.watch.service.WatchService.scan>` asks :class:`ScanReplay` first.

The kept scan is a frame (Parquet, read with pandas: :meth:`ScanReplay.kept`) and the same
alerts as plain rows (JSON: :meth:`ScanReplay.kept_rows`, which the terminal's listing
reads without pandas)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kcbridge.watch import storage as alert_store

if TYPE_CHECKING:  # pragma: no cover - pandas only where a frame is read or kept
    import pandas as pd

    from kcbridge.watch.thresholds import Thresholds


class ScanReplay:
    """The kept result of :meth:`WatchService.scan` on a DuckDB store's own panel (see
    there), keyed like every derived result: the arguments and the code in the key, the
    monthly flows' version and a digest of the restriction statements in the version.
    Checked and read with plain SQL and the derived results' Parquet reader (no Ibis).
    Other stores always compute (``enabled`` False)."""

    NAME = "watch_scan_result"
    #: the same alerts as plain rows (JSON)
    ROWS = "watch_scan_rows"

    def __init__(self, store: Any, as_of: str | None, months: int,
                 thresholds: Thresholds) -> None:
        from kcbridge.store.lookups import is_duckdb

        self.store = store
        self.enabled = is_duckdb(store) and hasattr(store, "_raw")
        self.key: dict[str, Any] = {}
        self.version = ""
        if not self.enabled:
            return
        from kcbridge.store.derived import code_digest, package_digest

        self.key = {"as_of": as_of, "months": months, "thresholds": repr(thresholds),
                    "code": package_digest("kcbridge.watch", "kcbridge.reference")
                    + code_digest("kcbridge.docs.signals", "kcbridge.docs.service")}
        self.version = (f"{store.flows_version('trade_monthly')}|"
                        f"{self._statements_version()}")

    def _statements_version(self) -> str:
        """A digest of the stored restriction statements (every column but the
        embedding), ``none`` without a statements table: what the news alerts read."""
        raw = self.store._raw()
        present = raw.execute("SELECT count(*) FROM information_schema.tables "
                              "WHERE table_name = 'docs_statements'").fetchone()[0]
        if not present:
            return "none"
        row = raw.execute(
            "SELECT count(*), md5(coalesce(string_agg(CAST(s AS VARCHAR), '|' ORDER BY "
            "CAST(s AS VARCHAR)), '')) FROM (SELECT * EXCLUDE (embedding) FROM "
            "docs_statements WHERE type = 'restriction') s").fetchone()
        return f"{row[0]}:{row[1]}"

    def kept(self, save: bool) -> pd.DataFrame | None:
        """The kept scan's alerts, or None when the scan must run (no kept scan of these
        inputs, or, when ``save``, the store lacks some of its alerts or confirmations)."""
        if not self.enabled:
            return None
        from kcbridge.store.derived import DerivedResults

        derived = DerivedResults.for_store(self.store)
        try:
            kept = derived.get(self.NAME, self.key, self.version)
        except Exception:  # noqa: BLE001 - a damaged record is a scan to run
            return None
        if kept is None:
            return None
        if save and not self._saved(kept):
            return None
        import pandas as pd

        if not derived.has_json(self.ROWS, self.key, self.version):
            self._keep_rows(kept, kept.attrs)  # kept by a kcbridge without the rows: add them
        now = pd.Timestamp.now(tz="UTC").tz_localize(None)
        for col in ("created_at", "updated_at"):  # raised now, as a computed scan's are
            if col in kept.columns and len(kept):
                kept[col] = now
        kept.attrs.pop("warning_ids", None)
        if save:
            kept.attrs["new_alerts"] = 0
        return kept

    def kept_rows(self, save: bool) -> dict[str, Any] | None:
        """The kept scan as plain values, without pandas: ``{"rows": [...], "as_of",
        "unchanged_since"}`` (rows: every alert column, months as ``YYYY-MM-DD``, raised
        now as in :meth:`kept`; ``new_alerts`` 0 when ``save``), or None when the scan
        must run or only the frame was kept (:meth:`kept` then)."""
        if not self.enabled:
            return None
        found = self._get_rows()
        if not isinstance(found, dict) or not isinstance(found.get("rows"), list):
            return None
        ids = [str(r["alert_id"]) for r in found["rows"]]
        if save and not self._saved_ids(ids, found.get("warning_ids") or []):
            return None
        from datetime import UTC, datetime

        now = datetime.now(UTC).replace(tzinfo=None).isoformat()
        rows = [{**r, "created_at": now, "updated_at": now} for r in found["rows"]]
        out = {"rows": rows, "as_of": found.get("as_of"),
               "unchanged_since": found.get("unchanged_since")}
        if save:
            out["new_alerts"] = 0
        return out

    def _get_rows(self) -> Any:
        from kcbridge.store.derived import DerivedResults

        return DerivedResults.for_store(self.store).get_json(self.ROWS, self.key, self.version)

    def _keep_rows(self, alerts: pd.DataFrame, attrs: Mapping[Any, Any]) -> None:
        from kcbridge.store.derived import DerivedResults
        from kcbridge.watch.answers import plain_rows

        value = {"rows": plain_rows(alerts), **{k: attrs.get(k) for k in (
            "as_of", "unchanged_since", "warning_ids")}}
        DerivedResults.for_store(self.store).put_json(self.ROWS, self.key, self.version, value)

    def _saved(self, kept: pd.DataFrame) -> bool:
        """Whether saving the kept scan would change nothing (:meth:`_saved_ids`)."""
        ids = sorted(set(kept["alert_id"].astype(str))) if len(kept) else []
        return self._saved_ids(ids, kept.attrs.get("warning_ids") or [])

    def _saved_ids(self, alert_ids: list[str], warning_ids: list[str]) -> bool:
        """Whether saving a kept scan would change nothing: each of its alerts
        (``alert_ids``) is stored and each alert it confirms (``warning_ids``) is stored
        as a warning."""
        ids = sorted(set(alert_ids))
        warning = set(warning_ids)
        wanted = sorted(set(ids) | warning)
        if not wanted:
            return True
        # one text parameter: DuckDB imports pandas to bind a Python list (alert ids are
        # hexadecimal, so a comma cannot be inside one)
        try:
            rows = self.store._raw().execute(
                f'SELECT alert_id, coalesce(level, \'watch\') FROM "{alert_store.ALERTS_TABLE}" '
                "WHERE alert_id IN (SELECT unnest(string_split(?, ',')))",
                [",".join(wanted)]).fetchall()
        except Exception:  # noqa: BLE001 - no table, or one of an older kcbridge: scan
            return False
        stored = {str(i): str(level) for i, level in rows}
        return all(i in stored for i in ids) and all(
            stored.get(i, "warning") == "warning" for i in warning)

    def keep(self, alerts: pd.DataFrame, earlier: pd.DataFrame, as_of_month: str) -> None:
        """Keep the alerts of a computed scan (before saving) with the ids it confirms."""
        if not self.enabled:
            return
        import pandas as pd

        from kcbridge.store.derived import DerivedResults

        record = alerts.copy()
        record.attrs = {"as_of": as_of_month,
                        "unchanged_since": f"{pd.Timestamp.now(tz='UTC'):%Y-%m-%d %H:%M} UTC",
                        "warning_ids": sorted(
                            {str(i) for frame in (alerts, earlier) if len(frame)
                             for i in frame.loc[frame["level"] == "warning", "alert_id"]})}
        DerivedResults.for_store(self.store).put(self.NAME, self.key, self.version, record)
        self._keep_rows(alerts, record.attrs)
