"""The packaged YAML files read with libyaml's safe loader (the reference sectors, the
dual-use categories and the guideline rules use it: ~8x faster, issue 14) give the same
objects as PyYAML's pure-Python safe loader, for every packaged YAML file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import kcbridge
from kcbridge.formats import load_yaml

PACKAGED = sorted(Path(kcbridge.__file__).parent.glob("**/data/*.yaml"))


def test_there_are_packaged_yaml_files() -> None:
    names = {p.name for p in PACKAGED}
    assert {"sectors.yaml", "dual_use.yaml", "guideline_rules.yaml"} <= names


@pytest.mark.parametrize("path", PACKAGED, ids=[p.name for p in PACKAGED])
def test_libyaml_reads_what_pyyaml_reads(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = load_yaml(text)
    assert fast == yaml.safe_load(text)
    assert fast  # a real file, not an empty document


def test_libyaml_refuses_what_pyyaml_refuses() -> None:
    for broken in ("sectors: [", "a: b: c", "- [1, 2\n- 3"):
        with pytest.raises(yaml.YAMLError):
            yaml.safe_load(broken)
        with pytest.raises(yaml.YAMLError):
            load_yaml(broken)
