"""Fresh real monthly files kept outside the repository (hand copies of public tables:
the address and sha256 of each are in its test module): found by an environment
variable or a default path, checked by sha256, skipped when absent."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kcbridge.watch.minerals import read_minerals_monthly
from kcbridge.watch.panel import SeriesPanel, panel_from_long

#: Where the rebuilt copies are kept on the development machine (the first copies were in
#: /tmp and were lost; the thirteenth session rebuilt them from the same stored table).
FRESH_FOLDER = "/work/fresh_data/watch"
#: The watch as it was before the twelfth session's rounds 8-9 (the figures recorded for
#: the fresh files and the shared file's older rounds were measured with it): an unknown
#: scale read as the floor, no series judged before 24 months.
BEFORE_ROUND8 = {"unknown_scale_is_floor": True, "min_history_falls": 24, "stop_share": 0.0}
#: The watch as it was before the fifteenth session's round 10 (a stop confirms itself in
#: its own month): the figures of rounds 8-9 were measured with it.
BEFORE_ROUND10 = {"stop_share": 0.0}


def fresh_panel(what: str, variable: str, default: str, sha256: str) -> SeriesPanel:
    """The panel of the fresh file ``what`` at ``$variable`` (else ``default``); the
    test is skipped when the file is not here or is not the measured one."""
    path = Path(os.environ.get(variable) or default)  # an empty variable is unset
    if not path.exists():
        pytest.skip(f"the fresh {what} file is not here ({path}); see this module's "
                    f"docstring for its source, and set {variable}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        pytest.skip(f"{path} is not the measured file (sha256 {digest[:12]}...)")
    return panel_from_long(read_minerals_monthly(path))
