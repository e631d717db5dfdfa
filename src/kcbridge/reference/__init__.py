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

__all__ = [
    "CountryResolver",
    "conversion_weights",
    "country_table",
    "hs_revision_code",
    "product_table",
]
