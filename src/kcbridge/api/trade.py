"""API of issue 3: complementarity and complexity (read-only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from kcbridge.api.deps import envelope, get_platform

router = APIRouter(prefix="/api/trade", tags=["trade"])


@router.get("/years")
def years(platform: Any = Depends(get_platform)) -> dict[str, Any]:
    """Years of annual trade data in the store."""
    return envelope(platform, platform.trade.years())


@router.get("/complementarity")
def complementarity(
    a: str = Query(..., description="First country, e.g. KOR"),
    b: str = Query(..., description="Second country, e.g. CHN"),
    year: int | None = None,
    sector: str | None = None,
    by: str = "sector",
    margin: float = 10.0,
    top: int = Query(10, ge=1, le=100),
    aquino: bool = False,
    platform: Any = Depends(get_platform),
) -> dict[str, Any]:
    """Per sector (or end_use / chapter / all): TCI both ways, ESI, Grubel-Lloyd, verdict
    with its basis, top complementary and competing products, and the trend."""
    report = platform.trade.complementarity(
        a, b, year, sector, by=by, margin=margin, top=top, aquino=aquino
    )
    return envelope(platform, report.to_dict())


@router.get("/complexity")
def complexity(
    year: int | None = None,
    method: str = "eigenvector",
    normalisation: str | None = None,
    threshold: float = Query(1.0, gt=0),
    products: bool = Query(True, description="Include the PCI of products"),
    countries: str = Query("atlas", description="atlas (Growth Lab ranked countries) or all"),
    platform: Any = Depends(get_platform),
) -> dict[str, Any]:
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
    return envelope(platform, data)


@router.get("/opportunities")
def opportunities(
    country: str,
    year: int | None = None,
    top: int = Query(25, ge=1, le=500),
    platform: Any = Depends(get_platform),
) -> dict[str, Any]:
    """High-density, high-PCI products ``country`` does not yet export with RCA >= 1."""
    return envelope(platform, platform.trade.opportunities(country, year, top=top))


@router.get("/product-space")
def product_space(
    country: str,
    year: int | None = None,
    max_products: int = Query(400, ge=10, le=2000),
    platform: Any = Depends(get_platform),
) -> dict[str, Any]:
    """Nodes (products, with the country's RCA, density, PCI) and backbone edges."""
    return envelope(platform, platform.trade.product_space(country, year, max_products))
