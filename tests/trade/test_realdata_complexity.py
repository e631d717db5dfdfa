"""Golden agreement with the Growth Lab's py-ecomplexity on the real 2017 HS4 world exports.

Same conventions on both sides (Growth Lab normalisation, sign by diversity, RCA >= 1).
py-ecomplexity quirks handled here: it coerces blank values to 0 and then merges its
output back onto the input *including the value column*, so each blank (NaN) input row
comes out twice (once computed with value 0, once all-NaN); the all-NaN copies are dropped.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from kcbridge.trade.rca import ExportMatrix
from kcbridge.trade.report import complexity_report

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def both(real_exports_2017):
    frame = real_exports_2017.assign(year=2017)
    matrix = ExportMatrix.from_frame(
        frame, country="reporter_iso", product="product_code", value="export_value_usd"
    )
    ours = complexity_report(matrix, year=2017)
    ecomplexity = pytest.importorskip("ecomplexity")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = ecomplexity.ecomplexity(
            frame,
            {"time": "year", "loc": "reporter_iso", "prod": "product_code",
             "val": "export_value_usd"},
            verbose=False,
            check_logsupermodularity=False,
        )
    theirs = theirs.dropna(subset=["rca"])
    return ours, theirs


def test_rca_identical(both):
    ours, theirs = both
    rca = pd.DataFrame(ours.rca, index=ours.countries, columns=ours.products).stack()
    ref = theirs.set_index(["reporter_iso", "product_code"])["rca"].reindex(rca.index)
    assert len(ref) > 0 and ref.notna().all()
    np.testing.assert_array_equal(rca.to_numpy(), ref.to_numpy())


def test_eci_pci_agree(both):
    ours, theirs = both
    eci = pd.Series(ours.indices.eci, index=ours.countries)
    pci = pd.Series(ours.indices.pci, index=ours.products)
    ref_eci = theirs.drop_duplicates("reporter_iso").set_index("reporter_iso")["eci"]
    ref_pci = theirs.drop_duplicates("product_code").set_index("product_code")["pci"]
    ref_eci, ref_pci = ref_eci.reindex(eci.index), ref_pci.reindex(pci.index)
    assert np.corrcoef(eci, ref_eci)[0, 1] >= 0.999
    assert np.corrcoef(pci, ref_pci)[0, 1] >= 0.999
    top_ours = list(eci.sort_values(ascending=False).index[:20])
    top_ref = list(ref_eci.sort_values(ascending=False).index[:20])
    assert top_ours == top_ref
    # in fact the values agree to rounding error
    np.testing.assert_allclose(eci, ref_eci, atol=1e-9)
    np.testing.assert_allclose(pci, ref_pci, atol=1e-9)


def test_density_agrees(both):
    ours, theirs = both
    dens = pd.DataFrame(ours.density, index=ours.countries, columns=ours.products).stack()
    ref = theirs.set_index(["reporter_iso", "product_code"])["density"].reindex(dens.index)
    np.testing.assert_allclose(dens.to_numpy(), ref.to_numpy(), atol=1e-5)  # float32 proximity


def test_korea_integrated_circuits_and_ranks(both):
    ours, _ = both
    products = list(ours.products)
    korea = list(ours.countries).index("kor")
    assert ours.rca[korea, products.index("8542")] > 1
    ranks = ours.eci_table().set_index("country")["rank"]
    print(f"ECI rank 2017: KOR {ranks['kor']}, CHN {ranks['chn']} of {len(ranks)}")
    assert ranks["kor"] <= 10 and ranks["chn"] <= 50
