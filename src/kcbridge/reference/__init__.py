"""Reference data: countries, HS nomenclature and revisions, sectors, critical items.

All of it comes from field-made packages (country_converter; the Growth Lab's
atlas-common-data) or from data files shipped inside this package. The names below load
with their module when first used (:mod:`kcbridge.lazy`): the package imports none of its
modules itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kcbridge.lazy import lazy_exports

if TYPE_CHECKING:  # the real names for type checkers
    from kcbridge.reference.countries import CountryResolver, country_table
    from kcbridge.reference.products import (
        conversion_weights,
        hs_revision_code,
        product_table,
    )
    from kcbridge.reference.sectors import (
        Sector,
        critical_items,
        get_sector,
        sector_ids,
        sector_keywords,
        sector_products,
        sector_taxonomy,
        sectors_of_product,
    )

#: public name -> module that defines it
_LAZY = {
    "CountryResolver": "countries", "country_table": "countries",
    "conversion_weights": "products", "hs_revision_code": "products",
    "product_table": "products",
    "Sector": "sectors", "critical_items": "sectors", "get_sector": "sectors",
    "sector_ids": "sectors", "sector_keywords": "sectors", "sector_products": "sectors",
    "sector_taxonomy": "sectors", "sectors_of_product": "sectors",
}

__getattr__ = lazy_exports(__name__, _LAZY)

__all__ = [
    "CountryResolver",
    "Sector",
    "critical_items",
    "get_sector",
    "sector_ids",
    "sector_keywords",
    "sector_products",
    "sector_taxonomy",
    "sectors_of_product",
    "conversion_weights",
    "country_table",
    "hs_revision_code",
    "product_table",
]
