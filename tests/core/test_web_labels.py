"""Display names for the watch's stored ids (src/kcbridge/web/labels.py)."""
from __future__ import annotations

from kcbridge.watch.detectors import DETECTORS
from kcbridge.web import labels


def test_every_detector_the_watch_can_store_has_a_name_and_an_explanation() -> None:
    missing = [d for d in (*DETECTORS, "news_restriction") if d not in labels.DETECTORS]
    assert missing == []
    assert all(name and help_ for name, help_ in labels.DETECTORS.values())


def test_stored_detector_list_reads_as_words() -> None:
    text = labels.detectors_text("front_loading (up), surge (up)")
    assert text == "Front-loading, Surge (rising)"
    assert labels.detectors_text("broad_collapse (down)") == "Broad collapse (falling)"
    # an id the table does not know is shown as it is, not dropped
    assert labels.detectors_text("new_rule (up)") == "new_rule (rising)"
    assert labels.detectors_text("") == ""


def test_mirror_status_and_measures_in_words() -> None:
    assert labels.mirror_name("not_confirmed") == "not confirmed by the partner"
    assert labels.mirror_name("") == "–"
    assert labels.measures_text("quantity,value") == "quantity and value (USD)"
    assert labels.measures_text("value") == "value (USD)"
