"""Reference data: countries, HS nomenclature and revisions, sectors, critical items.

All of it comes from field-made packages (country_converter; the Growth Lab's
atlas-common-data) or from data files shipped inside this package.
"""

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
