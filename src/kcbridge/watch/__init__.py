"""Supply-chain watch: dependency screening, early-warning detectors, alerts, backtests
and contingency (issue 4).

The analytics are pure functions:

- :mod:`kcbridge.watch.panel`: monthly series in long form <-> a dense series x months panel
- :mod:`kcbridge.watch.baseline`: vectorised causal building blocks (baseline, run rate,
  Lunar New Year, breadth, CUSUM)
- :mod:`kcbridge.watch.detectors`: causal (no look-ahead) detectors over the whole panel
- :mod:`kcbridge.watch.thresholds`: detector thresholds and their calibration
- :mod:`kcbridge.watch.families`: control families (critical items' codes, national lines)
- :mod:`kcbridge.watch.substitution`: importer-side substitution and supplier shares
- :mod:`kcbridge.watch.episodes` and :mod:`kcbridge.watch.backtest`: the proof
- :mod:`kcbridge.watch.dependency`: annual dependency screening (Ibis)
- :mod:`kcbridge.watch.contingency`: alternative suppliers
- :mod:`kcbridge.watch.alerts`: alerts, severity and their life cycle in the store

:class:`kcbridge.watch.service.WatchService` ties them to the Platform.
"""
