"""One alert in detail, for the alert page and ``kcbridge watch alert``: its series with the
expected band, the measures with their units, the suppliers' shares before and after and
the alternative suppliers (the contingency plan). A mixin of
:class:`~kcbridge.watch.service.WatchService` (``self.store``, ``self.platform``), kept
apart from the service's listing and scanning code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kcbridge.watch import storage as alert_store

if TYPE_CHECKING:  # pragma: no cover - pandas and the detectors only when an alert is read
    import pandas as pd


class AlertDetailMixin:
    store: Any
    platform: Any

    def alert(self, alert_id: str, *, with_alternatives: bool = True) -> dict[str, Any]:
        """One alert with its series (the expected band of the charted measure), the
        three measures at the alert month with their units (``measures``), the
        suppliers' shares before and after (import alerts: ``shares``) and the
        alternative suppliers, those already replacing the hit one first."""
        import pandas as pd

        from kcbridge.watch.detectors import (
            alert_measures,
            expected_band,
            judged_history,
            measure_units,
        )
        from kcbridge.watch.substitution import supplier_shares

        row = alert_store.get_alert(self.store, alert_id)
        from kcbridge.watch.pushdown import alert_panel  # the series, filtered in the engine

        panel = alert_panel(self.store.require_rows("trade_monthly"), row["reporter"],
                            str(row["product"]), str(row["flow"]))
        index = panel.find(row["reporter"], row["partner"], row["product"], row["flow"])
        measure = "unit_value" if row["detector"] == "unit_price_spike" else (
            "value" if "value" in row["measures"] else "quantity")
        band = expected_band(panel, index, measure) if index >= 0 else pd.DataFrame()
        unit = self._unit(row) if index >= 0 else ""
        units = measure_units(unit)
        out: dict[str, Any] = {"alert": row, "measure": measure, "series": band,
                               "unit": units[measure], "units": units}
        out["measures"] = (alert_measures(panel, index, row["month"], units)
                           if index >= 0 else pd.DataFrame())
        out["history"] = (judged_history(panel, index, pd.Timestamp(row["month"]))
                          if index >= 0 else None)
        out["shares"] = (supplier_shares(panel, row["reporter"], str(row["product"]),
                                         row["flow"], pd.Timestamp(row["month"]))
                         if row["flow"] == "import" else pd.DataFrame())
        out["alternatives"] = (self.alternatives_for(row, shares=out["shares"])
                               if with_alternatives else pd.DataFrame())
        return out

    def _unit(self, row: dict[str, Any]) -> str:
        """The quantity unit of an alert's series as loaded (``kg``, ``u``...)."""
        t = self.store.table("trade_monthly")
        t = t.filter((t.reporter == row["reporter"]) & (t.partner == row["partner"])
                     & (t["product"] == str(row["product"])) & (t.flow == row["flow"]))
        units = [u for u in t.select("unit").distinct().to_pandas()["unit"].dropna() if u]
        return ",".join(sorted(map(str, units)))

    def alternatives_for(
        self, row: dict[str, Any], shares: pd.DataFrame | None = None
    ) -> pd.DataFrame:
        """Alternative suppliers of the importer hit by an alert. Suppliers whose
        imports already rose while the hit one fell (from ``shares``, see
        :func:`~kcbridge.watch.substitution.supplier_shares`) rank above the theoretical
        ones from annual data; without annual data only they are listed."""
        import pandas as pd

        from kcbridge.watch.contingency import observed_alternatives
        from kcbridge.watch.substitution import replacing_suppliers

        if row["flow"] == "export":
            importer, supplier = row["partner"], row["reporter"]
        else:
            importer, supplier = row["reporter"], row["partner"]
        replacing = (replacing_suppliers(shares, supplier) if shares is not None
                     and len(shares) else pd.DataFrame())
        gains = (dict(zip(replacing["partner"], replacing["gain_usd"], strict=True))
                 if len(replacing) else {})
        if not self.store.has_rows("trade_annual"):
            return observed_alternatives(replacing)
        product = str(row["product"])
        codes = [product[:6]] if product.isdigit() else [
            c for c in str(row.get("critical_items") or "").split(";") if c]
        # reading a whole year of annual flows takes seconds: the answer is kept per
        # version of the annual flows (the gains come from the monthly shares: in the key)
        from kcbridge.store.derived import DerivedResults, code_digest
        from kcbridge.watch import contingency

        key = {"importer": importer, "supplier": supplier, "codes": codes,
               "gains": {str(k): float(v) for k, v in sorted(gains.items())},
               "code": code_digest(contingency)}
        return DerivedResults.for_store(self.store).cached(
            "watch_alternatives", key, self.store.flows_version("trade_annual"),
            lambda: self._annual_alternatives(importer, supplier, codes, gains, replacing))

    def _annual_alternatives(self, importer: str, supplier: str, codes: list[str],
                             gains: dict[str, float], replacing: pd.DataFrame) -> pd.DataFrame:
        from kcbridge.watch.contingency import alternative_suppliers, observed_alternatives
        from kcbridge.watch.pushdown import product_year_flows

        trade = self.store.table("trade_annual")
        for code in codes:
            t = trade.filter(trade["product"] == code)
            df = t.to_pandas()
            if df.empty:
                continue
            year = int(df["year"].max())
            whole = product_year_flows(trade, year, code)  # filtered in the engine
            alt = alternative_suppliers(whole, importer, code, year, affected_supplier=supplier,
                                        replacing=gains)
            alt.insert(0, "product", code)
            return alt
        return observed_alternatives(replacing)

    def alternatives(self, importer: str, product: str, *, year: int | None = None,
                     affected_supplier: str | None = None, limit: int = 10) -> pd.DataFrame:
        from kcbridge.watch.contingency import alternative_suppliers

        trade = self.store.require_rows("trade_annual")
        if year is None:
            year = int(trade.year.max().execute())
        df = trade.filter(trade.year == year).to_pandas()
        return alternative_suppliers(
            df, self.platform.country(importer), product, year,
            affected_supplier=(
                self.platform.country(affected_supplier) if affected_supplier else None
            ),
            limit=limit,
        )

