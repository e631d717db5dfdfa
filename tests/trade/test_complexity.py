"""Hand-computed complexity indices of the 3-country x 4-product world (conftest.HAND_EXPORTS).

Mcp (RCA >= 1):        diversity
    A: 0 1 1 1            3
    B: 1 1 0 0            2
    C: 1 0 0 0            1
ubiquity: p1 2, p2 2, p3 1, p4 1

S = M U^-1 M':  AA = 1/2 + 1 + 1 = 2.5, AB = 1/2, AC = 0, BB = 1/2 + 1/2 = 1, BC = 1/2,
CC = 1/2.  Mcc = D^-1 S = [[5/6, 1/6, 0], [1/4, 1/2, 1/4], [0, 1/2, 1/2]].
trace 11/6 = 1 + l2 + l3; det Mcc = det S / 6 = 0.5 / 6 = 1/12 = l2 * l3
=> 12 l^2 - 10 l + 1 = 0 => l2 = (5 + sqrt 13) / 12 = 0.717129.
Row A of (Mcc - l2) v = 0: b = (6 l2 - 5) a = (sqrt13 - 5)/2 a; row C: c = b / (2 (l2 - 1/2))
= (2 - sqrt13) a.  kc = (1, (sqrt13 - 5)/2, 2 - sqrt13) = (1, -0.697224, -1.605551),
positively correlated with diversity (3, 2, 1), so no sign flip.
kp = U^-1 M' kc / l2: p1 = (b + c)/2 / l2, p2 = (a + b)/2 / l2, p3 = p4 = a / l2.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from kcbridge.errors import InputError
from kcbridge.trade.complexity import economic_complexity
from kcbridge.trade.product_space import density, outlook, proximity
from kcbridge.trade.rca import (
    ExportMatrix,
    diversity,
    presence_matrix,
    revealed_comparative_advantage,
    ubiquity,
)
from kcbridge.trade.report import complexity_report, complexity_reports

S13 = math.sqrt(13)
L2 = (5 + S13) / 12
KC = np.array([1.0, (S13 - 5) / 2, 2 - S13])
KP = np.array([(KC[1] + KC[2]) / 2 / L2, (KC[0] + KC[1]) / 2 / L2, KC[0] / L2, KC[0] / L2])
MEAN_C, SD_C = KC.mean(), KC.std()  # population sd, as numpy / py-ecomplexity
ECI = (KC - MEAN_C) / SD_C  # = (1.328212, -0.243523, -1.084689)
PCI_GROWTHLAB = (KP - MEAN_C) / SD_C  # = (-1.084689, 0.597644, 1.693495, 1.693495)
MCP = np.array([[0, 1, 1, 1], [1, 1, 0, 0], [1, 0, 0, 0]], dtype=float)


def matrix(frame):
    return ExportMatrix.from_frame(frame)


def test_rca_and_mcp_by_hand(hand_exports):
    m = matrix(hand_exports)
    assert list(m.countries) == ["A", "B", "C"] and list(m.products) == ["p1", "p2", "p3", "p4"]
    rca = revealed_comparative_advantage(m.values)
    expected = np.array(
        [[0.2, 1.2, 1.2, 1.4], [1.6, 1.2, 0.8, 0.4], [2.0, 0.4, 0.8, 0.8]]  # x/50 ; x/25 ; x/25
    )
    np.testing.assert_allclose(rca, expected, rtol=1e-12)
    mcp = presence_matrix(rca)
    np.testing.assert_array_equal(mcp, MCP)
    np.testing.assert_array_equal(diversity(mcp), [3, 2, 1])
    np.testing.assert_array_equal(ubiquity(mcp), [2, 2, 1, 1])
    # threshold configurable, and ">=": with 1.2 the 1.2s are in, 0.8 never
    np.testing.assert_array_equal(presence_matrix(rca, 1.4)[0], [0, 0, 0, 1])
    np.testing.assert_array_equal(presence_matrix(rca, 1.2)[0], [0, 1, 1, 1])
    with pytest.raises(InputError):
        presence_matrix(rca, 0)


def test_rca_is_exactly_one_at_threshold():
    # A 50 of 200, world 100 of 400: (50/200)/(100/400) = 1.0 exactly -> Mcp 1
    values = np.array([[50.0, 150.0], [50.0, 150.0]])
    assert presence_matrix(revealed_comparative_advantage(values))[0, 0] == 1.0


def test_zero_rows_and_columns_are_dropped(hand_exports):
    extra = hand_exports.copy()
    extra.loc[len(extra)] = [2020, "Z", "WLD", "p9", 0.0]
    m = matrix(extra)
    assert "Z" not in m.countries and "p9" not in m.products


def test_eci_pci_growthlab_by_hand():
    result = economic_complexity(MCP)
    assert result.eigenvalue == pytest.approx(L2, abs=1e-12)  # 0.717129
    np.testing.assert_allclose(result.eci, ECI, atol=1e-10)
    np.testing.assert_allclose(result.eci, [1.328212, -0.243523, -1.084689], atol=1e-6)
    np.testing.assert_allclose(result.pci, PCI_GROWTHLAB, atol=1e-10)
    np.testing.assert_allclose(result.pci, [-1.084689, 0.597644, 1.693495, 1.693495], atol=1e-6)
    # Growth Lab property: ECI_c = mean PCI of its Mcp = 1 products
    # A: (0.597644 + 2 * 1.693495) / 3 = 1.328212
    assert result.eci[0] == pytest.approx(result.pci[1:].mean(), abs=1e-10)


def test_oec_and_none_normalisations():
    oec = economic_complexity(MCP, normalisation="oec")
    np.testing.assert_allclose(oec.eci, ECI, atol=1e-10)
    # PCI z-scored on its own: kp = (-1.605551, 0.211103, 1.394449, 1.394449)
    np.testing.assert_allclose(oec.pci, (KP - KP.mean()) / KP.std(), atol=1e-10)
    raw = economic_complexity(MCP, normalisation="none")
    # raw vectors keep kc = D^-1 M kp: A = (p2 + p3 + p4) / 3
    assert raw.eci[0] / raw.eci[2] == pytest.approx(KC[0] / KC[2])
    assert raw.eci[0] == pytest.approx(raw.pci[1:].mean())


def test_sign_conventions_agree_on_this_world():
    by_ubiquity = economic_complexity(MCP, sign="ubiquity")
    np.testing.assert_allclose(by_ubiquity.eci, ECI, atol=1e-10)  # corr(u, PCI) < 0 too
    with pytest.raises(InputError):
        economic_complexity(MCP, sign="other")  # type: ignore[arg-type]


def test_reflections_converge_to_eigenvector():
    # l3 / l2 = 0.116 / 0.717: the other component shrinks by 0.16 per Mcc step
    refl = economic_complexity(MCP, method="reflections", iterations=30)
    np.testing.assert_allclose(refl.eci, ECI, atol=1e-8)
    np.testing.assert_allclose(refl.pci, PCI_GROWTHLAB, atol=1e-8)
    assert refl.eigenvalue == pytest.approx(L2, abs=1e-8)
    with pytest.raises(InputError):
        economic_complexity(MCP, method="reflections", iterations=3)


def test_fitness_one_step_and_ranking():
    # step 1 from F = Q = 1: F = M @ 1 = (3, 2, 1) / mean 2 = (1.5, 1, 0.5);
    # Q = 1 / (M' @ 1/F) = 1 / ubiquity = (1/2, 1/2, 1, 1) / mean 3/4 = (2/3, 2/3, 4/3, 4/3)
    one = economic_complexity(MCP, method="fitness", iterations=1)
    np.testing.assert_allclose(one.eci, [1.5, 1.0, 0.5])
    np.testing.assert_allclose(one.pci, [2 / 3, 2 / 3, 4 / 3, 4 / 3])
    converged = economic_complexity(MCP, method="fitness", iterations=50)
    assert converged.eci[0] > converged.eci[1] > converged.eci[2]
    assert converged.pci[2] == converged.pci[3] > converged.pci[1] > converged.pci[0]
    with pytest.raises(InputError):
        economic_complexity(MCP, method="fitness", normalisation="growthlab")


def test_proximity_density_outlook_by_hand():
    phi = proximity(MCP)
    # M'M: C12 = 1 (B), C23 = C24 = C34 = 1 (A), C13 = C14 = 0; divided by max(u_p, u_q)
    expected_phi = np.array(
        [[1, 0.5, 0, 0], [0.5, 1, 0.5, 0.5], [0, 0.5, 1, 1], [0, 0.5, 1, 1]], dtype=np.float32
    )
    np.testing.assert_allclose(phi, expected_phi)
    # column sums 1.5, 2.5, 2.5, 2.5
    # A (p2,p3,p4): p1 0.5/1.5, p2 (1+.5+.5)/2.5, p3 (.5+1+1)/2.5 ; B (p1,p2): p1 1.5/1.5,
    # p2 1.5/2.5, p3 0.5/2.5 ; C (p1): p1 1/1.5, p2 0.5/2.5, p3 0
    expected_density = np.array(
        [[1 / 3, 0.8, 1, 1], [1, 0.6, 0.2, 0.2], [2 / 3, 0.2, 0, 0]]
    )
    np.testing.assert_allclose(density(MCP, phi), expected_density, rtol=1e-6)
    dens, coi, cog = outlook(MCP, phi, PCI_GROWTHLAB)
    np.testing.assert_allclose(dens, expected_density, rtol=1e-6)
    # COG_A,p1 = phi11/colsum1 * PCI1 = (1/1.5)(-1.084689) = -0.723126; A has no other gaps
    # COG_C,p2 = (1/2.5) PCI2 + (0.5/2.5)(PCI3 + PCI4) = 0.239058 + 0.677398 = 0.916456
    # COG_C,p3 = (0.5/2.5) PCI2 + (1/2.5)(PCI3 + PCI4) = 0.119529 + 1.354796 = 1.474325
    p1, p2, p3, _ = PCI_GROWTHLAB
    np.testing.assert_allclose(cog[0], [p1 / 1.5, 0, 0, 0], atol=1e-6)
    np.testing.assert_allclose(
        cog[2], [0, p2 / 2.5 + 0.2 * 2 * p3, 0.2 * p2 + 0.4 * 2 * p3, 0.2 * p2 + 0.8 * p3],
        atol=1e-6,
    )
    assert cog[2, 1] == pytest.approx(0.916456, abs=1e-5)
    # COI: A = (1/3) PCI1 = -0.361563; B = 0.2 (PCI3 + PCI4) = 0.677398; C = 0.2 PCI2 = 0.119529
    np.testing.assert_allclose(coi, [p1 / 3, 0.4 * p3, 0.2 * p2], atol=1e-6)


def test_report_tables_and_opportunities(hand_exports):
    report = complexity_report(matrix(hand_exports), year=2020)
    eci = report.eci_table()
    assert list(eci["country"]) == ["A", "B", "C"] and list(eci["rank"]) == [1, 2, 3]
    assert eci.loc[0, "eci"] == pytest.approx(1.328212, abs=1e-6)
    pci = report.pci_table()
    assert list(pci["product"][:2]) == ["p3", "p4"] and pci["product"].iloc[-1] == "p1"
    opp = report.opportunities("C")
    # C lacks p2, p3, p4: density (0.2, 0, 0), PCI (0.598, 1.693, 1.693), COG (0.916, 1.474,
    # 1.474). z over the three: p2 gets +1.414 density, p3/p4 +0.707 PCI and COG each:
    # score p2 = 0.5*1.414 - 0.25*1.414 - 0.25*1.414 = 0 ; p3 = -0.354 + 0.177 + 0.177 = 0
    assert set(opp["product"]) == {"p2", "p3", "p4"}
    np.testing.assert_allclose(opp["score"], 0.0, atol=1e-6)
    with pytest.raises(Exception, match="No exports of ZZZ"):
        report.opportunities("ZZZ")


def test_reports_over_years_from_ibis(hand_exports):
    import ibis

    two = hand_exports.assign(year=2021)
    frame = ibis.memtable(hand_exports._append(two, ignore_index=True))
    frame = frame.drop("importer")
    reports = complexity_reports(frame, years=[2020, 2021])
    assert sorted(reports) == [2020, 2021]
    np.testing.assert_allclose(reports[2021].indices.eci, ECI, atol=1e-10)
    assert reports[2020].proximity is None and reports[2020].density is not None


def test_rca_table_in_ibis_matches_dense(hand_exports):
    from kcbridge.trade.flows import world_exports
    from kcbridge.trade.rca import rca_table

    out = rca_table(world_exports(hand_exports)).to_pandas().set_index(["exporter", "product"])
    # A p4: (70/200) / (100/400) = 1.4 ; B p1: (40/100) / (100/400) = 1.6 ; C p2 0.4
    assert out.loc[("A", "p4"), "rca"] == pytest.approx(1.4)
    assert out.loc[("B", "p1"), "rca"] == pytest.approx(1.6)
    assert out.loc[("C", "p2"), "mcp"] == 0
    assert out.loc[("A", "p2"), "diversity"] == 3 and out.loc[("C", "p1"), "diversity"] == 1
    assert out.loc[("B", "p1"), "ubiquity"] == 2 and out.loc[("A", "p3"), "ubiquity"] == 1
