"""WatchService: the supply-chain watch as the Platform exposes it (``platform.watch``).

It reads ``trade_annual`` / ``trade_monthly`` from the store, calls the pure functions of
:mod:`kcbridge.watch` and keeps alerts in the ``watch_alerts`` table (through
:mod:`kcbridge.watch.storage`, the only module that reads or writes it). It never prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kcbridge.errors import InputError, NotFoundError
from kcbridge.store.paging import fetch_page, page_frame
from kcbridge.watch import alerts as alert_rules
from kcbridge.watch import storage as alert_store
from kcbridge.watch.alert_detail import AlertDetailMixin
from kcbridge.watch.scan_replay import ScanReplay

# REGIMES is kcbridge.watch.dependency.REGIMES (a test keeps them equal): that module builds
# the screen with Ibis and is imported only when the screen is computed
from kcbridge.watch.screen_rows import DEFAULT_IMPORTERS, REGIMES, PlainScreenMixin
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, Thresholds

if TYPE_CHECKING:  # pragma: no cover - pandas, NumPy and the detectors are imported by the
    import pandas as pd  # methods that compute: a kept answer is read without them

    from kcbridge.app import Platform
    from kcbridge.watch.backtest import BacktestResult  # imported by backtest() alone
    from kcbridge.watch.panel import SeriesPanel



class WatchService(AlertDetailMixin, PlainScreenMixin):
    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._flags: dict[tuple[Any, ...], pd.DataFrame] = {}

    @property
    def store(self) -> Any:
        return self.platform.store

    # ---- dependency screening ------------------------------------------------------
    def screen(
        self, *, importers: list[str] | None = None, year: int | None = None,
        regime: str | None = None, sector: str | None = None, flagged_only: bool = True,
        few_alternatives: int = 3, limit: int | None = None, offset: int = 0,
    ) -> pd.DataFrame:
        """Dependency metrics and regime flags per (importer, HS6) for one year (default:
        the latest loaded), with the rules that fired, sectors and critical items.

        Rows come largest imports first (then importer, product); ``offset`` and ``limit``
        select a page of them (no ``limit``: to the end). ``attrs["total"]`` is the number
        of rows the filters match (every page), ``attrs["year"]`` the year screened and
        ``attrs["offset"]`` the offset of the first row."""
        import pandas as pd

        importers, year = self._screen_inputs(importers, year, regime)
        # the flags are a DataFrame already: filtered and paged in pandas, not through an
        # Ibis memtable (that runs on Ibis's one process-wide DuckDB connection, which
        # failed under concurrent dashboard requests)
        flags = self._year_flags(importers, year, few_alternatives)
        keep = pd.Series(True, index=flags.index)
        if flagged_only:
            keep &= flags[list(REGIMES)].fillna(False).astype(bool).any(axis=1)
        if regime is not None:
            keep &= flags[regime].fillna(False).astype(bool)
        if sector is not None:
            from kcbridge.reference.sectors import get_sector

            keep &= flags["product"].isin(set(get_sector(sector).hs6))
        df, total = page_frame(flags[keep], [("imports", False), ("importer", True),
                                             ("product", True)], limit=limit, offset=offset)
        if "rules" not in df.columns:  # kept with the flags (see _year_flags)
            from kcbridge.watch.dependency import rules_fired

            df["rules"] = df.apply(rules_fired, axis=1) if len(df) else []
        df = self._attach_links(df)
        df.attrs.update(total=total, year=year, offset=offset)
        return df

    def _latest_year(self) -> int:
        """The latest year of the (non-empty) annual flows (:func:`kcbridge.store.summary.
        annual_years`: the lake manifest's partitions on DuckDB, the engine's query
        elsewhere)."""
        from kcbridge.store.summary import annual_years

        return annual_years(self.store)[-1]

    def _year_flags(self, importers: list[str], year: int,
                    few_alternatives: int) -> pd.DataFrame:
        """Every (importer, HS6) row of ``year`` with its metrics and regime flags. The
        screen reads the three years of flows behind them (seconds on a large store), so
        one result is computed per version of the annual flows and kept: in this object
        (paging and filtering the dashboard's table) and in the store's derived results
        (:mod:`kcbridge.store.derived`: the next CLI process reads it). A load changes
        the flows' version and so recomputes it; an alert's status does not. Rows are per
        importer (its metrics do not depend on the other importers screened), so one
        importer of the default pair is read from the pair's kept screen."""
        wanted = list(importers)
        if set(wanted) < set(DEFAULT_IMPORTERS):
            both = self._year_flags(list(DEFAULT_IMPORTERS), year, few_alternatives)
            return both[both["importer"].isin(wanted)].reset_index(drop=True)
        from kcbridge.store.derived import DerivedResults

        version = self.store.flows_version("trade_annual")
        key = (tuple(importers), year, few_alternatives, version)
        if key not in self._flags:
            def compute() -> pd.DataFrame:  # Ibis only here: a kept screen is read without it
                from kcbridge.watch.dependency import (
                    dependency_flags,
                    dependency_metrics,
                    rules_fired,
                )

                trade = self.store.require_rows("trade_annual")
                countries = self.store.table("countries")
                metrics = dependency_metrics(trade, countries, importers=importers,
                                             years=[year - 2, year - 1, year])
                flags = dependency_flags(metrics, few_alternatives=few_alternatives)
                df = flags.filter(flags.year == year).to_pandas()
                df["rules"] = df.apply(rules_fired, axis=1) if len(df) else ""
                return df

            cache_key = self._flags_key(importers, year, few_alternatives)
            frame = DerivedResults.for_store(self.store).cached(
                "watch_screen", cache_key, version, compute)
            self._keep_plain_flags(cache_key, version, frame)  # screen_rows reads them
            self._flags = {key: frame}
        return self._flags[key]

    def screen_rollup(self, by: str = "sector", **kwargs: Any) -> pd.DataFrame:
        """The screen rolled up by ``sector`` or ``critical_item``; kept in the store's
        derived results per version of the annual flows, as the screen is."""
        from kcbridge.store.derived import DerivedResults, code_digest

        if by not in ("sector", "critical_item"):
            raise InputError(f"Unknown roll-up {by!r}.", hint="Use sector or critical_item.")
        key = {"by": by, **{k: v for k, v in sorted(kwargs.items())},
               "code": code_digest("kcbridge.watch.dependency")}
        return DerivedResults.for_store(self.store).cached(
            "watch_rollup", key, self.store.flows_version("trade_annual"),
            lambda: self._screen_rollup(by, **kwargs))

    def _screen_rollup(self, by: str, **kwargs: Any) -> pd.DataFrame:
        from kcbridge.reference.sectors import critical_items, sector_products
        from kcbridge.watch.dependency import rollup

        df = self.screen(flagged_only=False, **kwargs)
        if by == "sector":
            return rollup(df, sector_products(), "sector")
        if by == "critical_item":
            items = critical_items().rename(columns={"hs6": "product"})
            items["critical_item"] = items["name_en"]
            return rollup(df, items, "critical_item")
        raise InputError(f"Unknown roll-up {by!r}.", hint="Use sector or critical_item.")

    def _attach_links(self, df: pd.DataFrame) -> pd.DataFrame:
        links = self._product_links(df["product"].unique())
        df["sectors"] = df["product"].map(lambda p: links[str(p)][0])
        df["critical_item"] = df["product"].map(lambda p: links[str(p)][1] != "")
        return self._attach_names(df)

    def _product_links(self, products: Any) -> dict[str, tuple[str, str]]:
        """(sectors, critical items) of each product (:func:`alerts.product_links`: about
        2 ms a product). They depend only on the reference data, so every product's links
        are kept in the store's derived results and computed once."""
        import pandas as pd

        from kcbridge.reference.sectors import critical_items
        from kcbridge.store.derived import DerivedResults

        derived = DerivedResults.for_store(self.store)
        key = self._links_key()
        kept = derived.get("product_links", key, "reference")
        links: dict[str, tuple[str, str]] = {} if kept is None else {
            p: (s, c) for p, s, c in zip(kept["product"], kept["sectors"], kept["critical"],
                                         strict=True)}
        missing = [str(p) for p in products if str(p) not in links]
        if missing:
            crit = critical_items()
            links.update({p: alert_rules.product_links(p, crit) for p in missing})
            derived.put("product_links", key, "reference", pd.DataFrame(
                [(p, s, c) for p, (s, c) in links.items()],
                columns=["product", "sectors", "critical"]))
        self._keep_plain_links(key, links, changed=bool(missing))  # screen_rows reads them
        return {str(p): links[str(p)] for p in products}

    def _attach_names(self, df: pd.DataFrame) -> pd.DataFrame:
        """``product_name``: the short HS name of each product in the target revision
        (empty for codes outside it, such as national lines or product groups)."""
        names = self._product_names().set_index("product")["name"]
        df["product_name"] = df["product"].astype(str).map(names).fillna("") if len(df) else []
        return df

    def _product_names(self) -> pd.DataFrame:
        """:meth:`Platform.product_names`; on DuckDB the SQL its Ibis expression compiles to
        (the same rows in the same order, ``TRIM`` of the same characters as Python's
        ``str.strip``), run without Ibis."""
        from kcbridge.store.lookups import is_duckdb, query_frame

        if not is_duckdb(self.store):
            return self.platform.product_names()
        names = query_frame(
            self.store, "products", 'SELECT "t0"."code" AS "product", TRIM("t0"."name_short", '
            "' \t\n\r\x0b\x0c') AS \"name\" FROM \"products\" AS \"t0\" "
            'WHERE "t0"."revision" = ?', [self.platform.settings.target_hs_revision])
        return names.drop_duplicates("product")

    # ---- early warning ---------------------------------------------------------------
    def panel(self, *, reporters: list[str] | None = None) -> SeriesPanel:
        from kcbridge.watch.panel import panel_from_long

        t = self.store.require_rows("trade_monthly")
        if reporters:
            t = t.filter(t.reporter.isin([r.upper() for r in reporters]))
        return panel_from_long(t.to_pandas())

    def scan(
        self, *, as_of: str | None = None, months: int = 1, save: bool = True,
        thresholds: Thresholds = DEFAULT_THRESHOLDS, panel: SeriesPanel | None = None,
    ) -> pd.DataFrame:
        """Alerts of the ``months`` months ending at ``as_of`` (default: the latest month),
        using only data up to ``as_of``. Saved alerts keep their status; re-running adds
        nothing new. On the store's own panel the alerts from the flows are kept in the
        store's derived results per version of the monthly flows (a new load recomputes
        them); alerts from documents are read afresh every time.

        A scan of the store's own panel whose inputs all equal those of a kept scan (the
        monthly flows' version, the window, the thresholds, the documents' restriction
        statements and the code) and whose saving would change nothing in the store (every
        alert stored, every confirmed one stored as ``warning``) is not run again: the
        kept scan's alerts are reported (attrs ``unchanged_since``, the time of that scan;
        ``new_alerts`` 0). Users' status changes are untouched either way."""
        import pandas as pd

        replay = ScanReplay(self.store, as_of, months, thresholds) if panel is None else None
        if replay is not None:
            kept = replay.kept(save)
            if kept is not None:
                return kept
        if panel is None:
            from kcbridge.store.derived import DerivedResults, code_digest
            from kcbridge.watch import (
                baseline,
                detectors,
                families,
                grouped_scan,
                levels,
                substitution,
            )
            from kcbridge.watch import panel as panel_code
            from kcbridge.watch import thresholds as thresholds_code

            key = {"as_of": as_of, "months": months, "thresholds": repr(thresholds),
                   "code": code_digest(detectors, alert_rules, baseline, families,
                                       substitution, panel_code, thresholds_code, levels,
                                       grouped_scan)}
            alerts = DerivedResults.for_store(self.store).cached(
                "watch_scan", key, self.store.flows_version("trade_monthly"),
                lambda: self._store_flow_alerts(as_of, months, thresholds))
            if len(alerts):  # kept alerts are raised now, as freshly built ones are
                now = pd.Timestamp.now(tz="UTC").tz_localize(None)
                alerts["created_at"] = alerts["updated_at"] = now
        else:
            alerts = self._flow_alerts(panel, as_of, months, thresholds)
        as_of_month = alerts.attrs["as_of"]
        wanted = [pd.Timestamp(m) for m in alerts.attrs["months"]]
        # the month before the scanned ones: its alerts only change level (confirmed now)
        earlier = alerts[alerts["_earlier"]].drop(columns="_earlier")
        alerts = alerts[~alerts["_earlier"]].drop(columns="_earlier")
        # restriction statements of the scanned months and the months before them: those
        # of the scanned months are alerts; any of them corroborates a flow alert
        from kcbridge.watch.levels import STATEMENT_MONTHS, corroborate_with_statements

        reach = pd.date_range(wanted[0] - pd.DateOffset(months=STATEMENT_MONTHS + 1),
                              wanted[-1], freq="MS")
        statements = self.news_alerts(list(reach))
        alerts = corroborate_with_statements(alerts, statements)
        earlier = corroborate_with_statements(earlier, statements)
        news = (statements[pd.to_datetime(statements["month"]).isin(wanted)]
                if len(statements) else statements)
        if not news.empty:
            alerts = pd.concat([alerts, news], ignore_index=True) if len(alerts) else news
        alerts = alerts.reset_index(drop=True)
        if replay is not None:  # before saving: the record is of what was computed
            replay.keep(alerts, earlier, as_of_month)
        if save:
            new = alert_store.save_alerts(self.store, alerts, confirmed_only=earlier)
            alerts.attrs["new_alerts"] = new
        alerts.attrs.pop("months", None)
        alerts.attrs["as_of"] = as_of_month
        return alerts

    def scan_rows(self, *, as_of: str | None = None, months: int = 1, save: bool = True,
                  ) -> dict[str, Any] | None:
        """The kept scan of :meth:`scan` (default thresholds, the store's own panel) as
        plain rows, read without pandas (:meth:`ScanReplay.kept_rows`): ``{"rows", "as_of",
        "unchanged_since", "new_alerts"}``; None when the scan must run (then call
        :meth:`scan`)."""
        return ScanReplay(self.store, as_of, months, DEFAULT_THRESHOLDS).kept_rows(save)

    def kept_answer(self, name: str, key: dict[str, Any], flows: list[str],
                    code: list[str], compute: Any) -> Any:
        """A plain (JSON) answer kept per version of the ``flows`` it reads and of the
        ``code`` that makes it (:func:`kcbridge.watch.answers.kept_answer`)."""
        from kcbridge.watch.answers import kept_answer

        return kept_answer(self.store, name, key, flows, code, compute)

    def _store_flow_alerts(self, as_of: str | None, months: int,
                           thresholds: Thresholds) -> pd.DataFrame:
        """:meth:`_flow_alerts` over the store's monthly flows, judged one (reporter, flow)
        group at a time (watch/grouped_scan.py: the same alerts, without the whole panel
        in memory): on a Spark store as one Spark job (watch/spark_scan.py), elsewhere as
        the rows stream in."""
        if getattr(self.store, "engine", None) == "pyspark":
            from kcbridge.watch.spark_scan import spark_flow_alerts

            return spark_flow_alerts(self.store, as_of, months, thresholds)
        from kcbridge.watch.grouped_scan import duckdb_grouped_alerts

        return duckdb_grouped_alerts(self.store.require_rows("trade_monthly"), as_of, months,
                                     thresholds)

    def _flow_alerts(self, panel: SeriesPanel, as_of: str | None, months: int,
                     thresholds: Thresholds) -> pd.DataFrame:
        """The alerts the detectors raise on ``panel`` in the ``months`` months ending at
        ``as_of`` (attrs: ``as_of``, ``months`` as ISO dates), each with its level as
        known at ``as_of``; ``_earlier`` marks the alerts of the month before them (kept
        only to confirm stored alerts)."""
        from kcbridge.watch.detectors import detect
        from kcbridge.watch.levels import with_levels

        cut = panel.until(_month(as_of)) if as_of else panel
        wanted = cut.months[-max(months, 1):]
        # one month more, so that the mirror flow's detection of the month before counts
        # (and that month's alerts can be confirmed by the first scanned month)
        detections = detect(cut, thresholds, months=cut.months[-(len(wanted) + 1):])
        alerts = alert_rules.build_alerts(with_levels(detections, cut, thresholds), cut.keys)
        alerts["_earlier"] = ~alerts["month"].isin(wanted)
        alerts = alerts.reset_index(drop=True)
        alerts.attrs.update(as_of=f"{cut.months[-1]:%Y-%m}",
                            months=[f"{m:%Y-%m-%d}" for m in wanted])
        return alerts

    def load_demo(self, months: int = 48) -> dict[str, Any]:
        """After ``kcbridge demo``: scan the last ``months`` months of the SYNTHETIC monthly
        series (each month judged on data up to that month) and keep the alerts, so the
        alerts pages show the planted disruptions."""
        alerts = self.scan(months=months, save=True)
        return {
            "alerts": int(len(alerts)),
            "new": int(alerts.attrs.get("new_alerts", 0)),
            "high_or_critical": int(alerts["severity"].isin(["high", "critical"]).sum())
            if len(alerts) else 0,
            "synthetic": True,
        }

    def news_alerts(self, months: list[pd.Timestamp]) -> pd.DataFrame:
        """Alerts from restriction statements in the documents (``kcbridge docs ingest``)
        dated within ``months``; empty when no documents are loaded."""
        import pandas as pd

        from kcbridge.reference.sectors import critical_items
        from kcbridge.watch.news import news_alerts

        if not self.platform.holds("docs") or not self.platform.docs.has_statements():
            return pd.DataFrame()  # (the docs capability's data, through its service)
        return news_alerts(self.platform.docs.news_signals(), months, critical_items())

    def alerts(
        self, *, status: str | None = None, severity: str | None = None,
        reporter: str | None = None, partner: str | None = None, product: str | None = None,
        limit: int | None = None, offset: int = 0, level: str | None = None,
    ) -> pd.DataFrame:
        """Stored alerts, newest month first (then highest score), filtered by any of the
        arguments; ``offset`` and ``limit`` select a page (no ``limit``: to the end).
        ``attrs["total"]`` is the number of alerts the filters match (every page) and
        ``attrs["offset"]`` the offset of the first row."""
        filters = {"status": status, "severity": severity, "reporter": reporter,
                   "partner": partner, "product": product, "level": level}
        page = alert_store.alerts_page(self.store, limit=limit, offset=offset, **filters)
        if page is None:  # not DuckDB, or an earlier kcbridge's table: through Ibis
            t = alert_store.alerts_query(self.store, **filters)
            page = fetch_page(t, alert_store.alert_order(), count_column="alert_id",
                              limit=limit, offset=offset)
        df, total = page
        df = self._attach_names(df)
        df.attrs.update(total=total, offset=offset)
        return df

    def alerts_rows(self, columns: list[str], *, limit: int | None = None, offset: int = 0,
                    **filters: str | None) -> tuple[list[dict[str, Any]], int] | None:
        """:meth:`alerts` as plain rows of ``columns`` and the number of alerts the filters
        match, in plain SQL without pandas (:func:`storage.alerts_rows`); None where that
        does not apply (then call :meth:`alerts`)."""
        return alert_store.alerts_rows(self.store, columns, limit=limit, offset=offset,
                                       **filters)

    def set_status(self, alert_id: str, status: str, note: str | None = None) -> dict[str, Any]:
        return alert_store.set_alert_status(self.store, alert_id, status, note)

    # ---- headline ----------------------------------------------------------------------
    def headline(self) -> dict[str, Any]:
        """Key findings for ``kcbridge report``: flagged dependencies of KOR and CHN (and
        how many are critical items), open alerts by severity and the top alert. Without
        stored alerts, the last 12 months are scanned without saving."""
        import pandas as pd

        rows: list[dict[str, Any]] = []
        try:
            flagged = self.screen(flagged_only=True)
        except NotFoundError:
            flagged = None
        if flagged is not None:
            year = f" ({int(flagged['year'].iloc[0])})" if len(flagged) else ""
            for importer in DEFAULT_IMPORTERS:
                mine = flagged[flagged["importer"] == importer]
                rows.append({
                    "what": f"{importer} dependencies flagged{year}",
                    "value": f"{len(mine):,} HS6 products, {int(mine['critical_item'].sum())} "
                             "of them critical items",
                })
        alerts, label = self._headline_alerts()
        if alerts is not None:
            open_alerts = alerts[alerts["status"] != "resolved"]
            counts = open_alerts["severity"].value_counts()
            by_severity = ", ".join(f"{s} {int(counts.get(s, 0))}"
                                    for s in reversed(alert_rules.SEVERITIES))
            rows.append({"what": label, "value": f"{len(open_alerts):,} ({by_severity})"})
            if len(open_alerts):
                rank = open_alerts["severity"].map(alert_rules.SEVERITIES.index)
                top = open_alerts.assign(_rank=rank).sort_values(
                    ["_rank", "month", "score"], ascending=False).iloc[0]
                rows.append({"what": "top alert", "value": (
                    f"{top['severity']}: {top['reporter']}->{top['partner']} {top['product']} "
                    f"{pd.Timestamp(top['month']):%Y-%m} {top['detectors']}, "
                    f"{top['change']:+.0%} vs expected")})
        if not rows:
            raise NotFoundError("The watch has no data to report on.",
                                hint="Load trade data (`kcbridge demo` or `kcbridge load ...`).")
        return {"title": "Supply-chain watch", "rows": rows}

    def _headline_alerts(self) -> tuple[pd.DataFrame | None, str]:
        stored = self.alerts()
        if len(stored):
            return stored, "open alerts (stored)"
        if not self.store.has_rows("trade_monthly"):
            return None, ""
        scanned = self.scan(months=12, save=False)
        return scanned, f"alerts in the 12 months to {scanned.attrs['as_of']} (not saved)"

    # ---- backtest ----------------------------------------------------------------------
    def backtest(
        self, episodes: str | Path | list[dict[str, Any]] | None = None, *,
        minerals_file: str | Path | None = None,
        start: str | None = None, end: str | None = None, live: bool = True,
        thresholds: Thresholds = DEFAULT_THRESHOLDS, cutoff: str | None = "2023-01",
        reporters: list[str] | None = None, history_from: str | None = None,
    ) -> BacktestResult:
        """Replay monthly data (the store's, or a minerals-monthly CSV) against an episodes
        file (default: the bundled China critical-minerals episodes; the bundled
        ``public_episodes.yaml`` covers every public episode on both sides), or a list of
        episodes as its ``episodes:`` list holds them (validated the same way). Works on
        whatever the store holds: HS6, HS4 or national lines, exports or imports.
        ``reporters`` limits the store's series to those reporters (default: the
        episodes' reporters). ``history_from`` (YYYY-MM) drops the months before it, as
        if the data began then: how a watch started on a short history would have done."""
        from kcbridge.watch.backtest import run_backtest
        from kcbridge.watch.episodes import bundled_episodes_path, parse_episodes, read_episodes
        from kcbridge.watch.minerals import read_minerals_monthly
        from kcbridge.watch.panel import panel_from_long

        eps = (parse_episodes(episodes, "the posted episodes") if isinstance(episodes, list)
               else read_episodes(episodes or bundled_episodes_path()))
        if minerals_file is not None:
            panel = panel_from_long(read_minerals_monthly(minerals_file,
                                                          resolver=self.platform.countries))
        else:
            panel = self.panel(reporters=reporters or sorted({e["reporter"] for e in eps}))
        if history_from:
            panel = panel.since(_month(history_from))
        return run_backtest(panel, eps, thresholds, start=_month(start) if start else None,
                            end=_month(end) if end else None, live=live,
                            cutoff=_month(cutoff) if cutoff else None)


def _month(text: str) -> pd.Timestamp:
    from kcbridge.watch.grouped_scan import parse_month

    return parse_month(text)
