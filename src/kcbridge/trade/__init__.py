"""Complementarity and complexity analytics (issue 3).

Pure functions, relational parts in Ibis (DuckDB or Spark), small dense country x product
matrices in NumPy/SciPy. Each module's docstring states its conventions:

- :mod:`~kcbridge.trade.flows`: exports to the world, imports, bilateral flows (Ibis)
- :mod:`~kcbridge.trade.rca`: Balassa RCA, Mcp, diversity, ubiquity, dense export matrices
- :mod:`~kcbridge.trade.complexity`: ECI / PCI (eigenvector, reflections, fitness)
- :mod:`~kcbridge.trade.product_space`: proximity, density, COI, COG, opportunities
- :mod:`~kcbridge.trade.report`: every complexity index of one year, or of many
- :mod:`~kcbridge.trade.bilateral`: TCI (Michaely), ESI (Finger-Kreinin), Grubel-Lloyd
- :mod:`~kcbridge.trade.groups`: sectors, end-use stages, HS chapters in the data's codes
- :mod:`~kcbridge.trade.complementarity`: per-group verdicts, top products, trends
- :mod:`~kcbridge.trade.service`: ``TradeService`` (``platform.trade``)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kcbridge.lazy import lazy_exports

if TYPE_CHECKING:  # the real names for type checkers; at run time they load when first used
    from kcbridge.trade.bilateral import (
        export_similarity_index,
        grubel_lloyd,
        third_market_similarity,
        trade_complementarity_index,
    )
    from kcbridge.trade.complementarity import complementarity_profile
    from kcbridge.trade.complexity import ComplexityIndices, economic_complexity
    from kcbridge.trade.flows import world_exports
    from kcbridge.trade.product_space import density, outlook, proximity
    from kcbridge.trade.rca import (
        ExportMatrix,
        diversity,
        presence_matrix,
        rca_table,
        revealed_comparative_advantage,
        ubiquity,
    )
    from kcbridge.trade.report import ComplexityReport, complexity_report, complexity_reports

#: public name -> module that defines it. Importing ``kcbridge.trade`` (or its service)
#: loads none of the analytic modules, and so neither Ibis nor the relational code, until
#: a name is used: a command answered from the derived results never imports Ibis.
_LAZY = {
    "export_similarity_index": "bilateral", "grubel_lloyd": "bilateral",
    "third_market_similarity": "bilateral", "trade_complementarity_index": "bilateral",
    "complementarity_profile": "complementarity",
    "ComplexityIndices": "complexity", "economic_complexity": "complexity",
    "world_exports": "flows",
    "density": "product_space", "outlook": "product_space", "proximity": "product_space",
    "ExportMatrix": "rca", "diversity": "rca", "presence_matrix": "rca", "rca_table": "rca",
    "revealed_comparative_advantage": "rca", "ubiquity": "rca",
    "ComplexityReport": "report", "complexity_report": "report",
    "complexity_reports": "report",
}


__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = [
    "ComplexityIndices",
    "ComplexityReport",
    "ExportMatrix",
    "complementarity_profile",
    "complexity_report",
    "complexity_reports",
    "density",
    "diversity",
    "economic_complexity",
    "export_similarity_index",
    "grubel_lloyd",
    "outlook",
    "presence_matrix",
    "proximity",
    "rca_table",
    "revealed_comparative_advantage",
    "third_market_similarity",
    "trade_complementarity_index",
    "ubiquity",
    "world_exports",
]
