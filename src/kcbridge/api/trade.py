"""API of the trade capability (read-only): complementarity, complexity, and the explorer
views of issue 14 (bilateral flows, treemaps, series, the product-space network).

Every table endpoint answers JSON by default and an Excel workbook with
``format=xlsx`` (one sheet per table, the same rows as the JSON's tables), which the
dashboard's "Excel" links use. Unknown countries are 404 and invalid parameters 422, in
the API's one error shape.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from kcbridge.api.deps import Year, envelope, get_platform
from kcbridge.app import Platform

router = APIRouter(prefix="/api/trade", tags=["trade"])

Format = Literal["json", "xlsx"]


def answer(platform: Any, data: Any, fmt: str, filename: str, title: str = "") -> Any:
    """The JSON envelope of ``data`` (its ``to_dict()`` when it has one), or an Excel
    attachment of its tables."""
    if fmt == "xlsx":
        from kcbridge.formats import XLSX_MEDIA_TYPE, xlsx_bytes

        body = xlsx_bytes(data, synthetic=bool(platform.synthetic), title=title or filename)
        return Response(body, media_type=XLSX_MEDIA_TYPE, headers={
            "Content-Disposition": f'attachment; filename="{filename}.xlsx"'})
    payload = data.to_dict() if hasattr(data, "to_dict") and not hasattr(data, "columns") \
        else data
    return envelope(platform, payload)


@router.get("/years")
def years(platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Years of annual trade data in the store."""
    return envelope(platform, platform.trade.years())


@router.get("/complementarity")
def complementarity(
    a: str = Query(..., description="First country, e.g. KOR"),
    b: str = Query(..., description="Second country, e.g. CHN"),
    year: Year = None,
    sector: str | None = None,
    by: str = "sector",
    margin: float = Query(10.0, ge=0, le=100),
    top: int = Query(10, ge=1, le=100),
    aquino: bool = False,
    fmt: Format = Query("json", alias="format", description="json or xlsx"),
    platform: Platform = Depends(get_platform),
) -> Any:
    """Per sector (or end_use / chapter / all): TCI both ways, ESI, Grubel-Lloyd, verdict
    with its basis, top complementary and competing products, and the trend."""
    report = platform.trade.complementarity(
        a, b, year, sector, by=by, margin=margin, top=top, aquino=aquino
    )
    return answer(platform, report.to_dict(), fmt,
                  f"complementarity-{report.a}-{report.b}-{report.year}")


@router.get("/complexity")
def complexity(
    year: Year = None,
    method: str = "eigenvector",
    normalisation: str | None = None,
    threshold: float = Query(1.0, gt=0, le=1e6),
    products: bool = Query(True, description="Include the PCI of products"),
    countries: str = Query("atlas", description="atlas (Growth Lab ranked countries) or all"),
    fmt: Format = Query("json", alias="format", description="json or xlsx"),
    platform: Platform = Depends(get_platform),
) -> Any:
    """ECI ranking (``country`` ISO3, ``eci``, ``rank``) and PCI of products."""
    view = platform.trade.complexity(
        year,
        method=method,
        normalisation=normalisation,
        threshold=threshold,
        countries=countries,
    )
    data = view.to_dict()
    if not products:
        data.pop("pci")
    return answer(platform, data, fmt, f"complexity-{view.year}")


@router.get("/opportunities")
def opportunities(
    country: str,
    year: Year = None,
    top: int = Query(25, ge=1, le=500),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """High-density, high-PCI products ``country`` does not yet export with RCA >= 1."""
    return envelope(platform, platform.trade.opportunities(country, year, top=top))


@router.get("/product-space")
def product_space(
    country: str,
    year: Year = None,
    max_products: int = Query(400, ge=10, le=2000),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """Nodes (products, with the country's RCA, density, PCI) and backbone edges."""
    return envelope(platform, platform.trade.product_space(country, year, max_products))


Level = Literal["product", "heading", "chapter", "section", "sector"]


@router.get("/flows")
def flows(
    a: str = Query(..., description="First country, e.g. KOR"),
    b: str = Query(..., description="Second country, e.g. CHN"),
    year: Year = None,
    by: Level = Query("product", description="product, heading, chapter, section or sector"),
    top: int = Query(50, ge=1, le=10_000, description="Lines per direction"),
    fmt: Format = Query("json", alias="format", description="json or xlsx"),
    platform: Platform = Depends(get_platform),
) -> Any:
    """The bilateral explorer: what ``a`` sells to ``b`` and ``b`` to ``a`` by ``by``
    (value, share, change, growth a year, trend), the yearly totals both ways and the
    history of the lines shown."""
    view = platform.trade.explore(a, b, year, by=by, top=top)
    return answer(platform, view, fmt, f"flows-{view.a}-{view.b}-{view.year}-{view.by}")


@router.get("/treemap")
def treemap(
    country: str = Query(..., description="Country, e.g. KOR"),
    partner: str | None = Query(None, description="Partner (default: the world)"),
    year: Year = None,
    flow: Literal["exports", "imports"] = "exports",
    depth: Literal["chapter", "heading"] = "heading",
    fmt: Format = Query("json", alias="format", description="json or xlsx"),
    platform: Platform = Depends(get_platform),
) -> Any:
    """Tiles (section -> chapter -> heading) of a country's exports or imports, with their
    rectangles in a 1000 x 600 box."""
    view = platform.trade.treemap(country, partner, year, flow=flow, depth=depth)
    return answer(platform, view, fmt, f"treemap-{view.country}-{view.partner}-{view.year}")


@router.get("/series")
def series(
    a: str = Query(..., description="Exporter, e.g. KOR"),
    b: str | None = Query(None, description="Partner (both directions); default the world"),
    product: str | None = Query(None, description="HS code, 2, 4 or 6 digits"),
    sector: str | None = Query(None, description="A cooperation sector id"),
    fmt: Format = Query("json", alias="format", description="json or xlsx"),
    platform: Platform = Depends(get_platform),
) -> Any:
    """Yearly (and monthly, where loaded) values of a flow in both directions."""
    view = platform.trade.series(a, b, product=product, sector=sector)
    return answer(platform, view, fmt, f"series-{view.a}-{view.b}")


@router.get("/product-space/network")
def product_space_network(
    country: str = Query(..., description="Country, e.g. KOR"),
    year: Year = None,
    top: int = Query(20, ge=1, le=500, description="Opportunities marked"),
    fmt: Format = Query("json", alias="format", description="json or xlsx"),
    platform: Platform = Depends(get_platform),
) -> Any:
    """The HS4 product-space network (maximum spanning tree + links with proximity >=
    0.55, laid out once per year): nodes with x, y, section, PCI and the country's RCA,
    the links, and the country's opportunities (marked nodes)."""
    view = platform.trade.network(country, year, top=top)
    return answer(platform, view, fmt, f"product-space-{view.country}-{view.year}")
