"""Seeded random mutations of valid files of each trade format (a token swapped in, the
file cut short, a byte changed, a line repeated or moved): a mutated file either loads or
is refused with an InputError; never another exception, never an InternalError, and a
refusal leaves the store as it was. The seed is fixed, so a failure reproduces."""

from __future__ import annotations

import json
import random

import pytest

from kcbridge.errors import InputError
from kcbridge.sources import load_file

TOKENS = [b"inf", b"-1", b"nan", b"", b"ZZZ", b"9999", b"1e999", b"\xff", b'"', b",", b";",
          b"\r\n", b"\n", b"NA", b"0", b"-", b"abc", b"1,000", b"\x00", b"12345678901234567890"]
MUTATIONS_PER_FORMAT = 15


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        i = rng.randrange(len(out))
        op = rng.random()
        if op < 0.25:
            out[i:i + rng.randint(1, 6)] = rng.choice(TOKENS)
        elif op < 0.4:
            del out[i:]
        elif op < 0.55:
            out[i] = rng.randrange(256)
        elif op < 0.7:
            lines = bytes(out).split(b"\n")
            lines.insert(rng.randrange(len(lines)), lines[rng.randrange(len(lines))])
            out = bytearray(b"\n".join(lines))
        elif op < 0.85:
            out[i:i] = rng.choice(TOKENS)
        else:
            lines = bytes(out).split(b"\n")
            body = lines[1:]
            rng.shuffle(body)
            out = bytearray(b"\n".join([lines[0], *body]))
    return bytes(out)


def valid_input(name: str, samples, tmp_path):
    """(format, path to write to, valid bytes, load options)."""
    if name == "baci":
        (tmp_path / "country_codes_V202501.csv").write_text(samples.BACI_COUNTRY_CODES)
        return ("baci", tmp_path / "BACI_HS12_Y2022_V202501.csv",
                samples.baci_csv_text(2022).encode(), {})
    if name == "baci zip":
        data = samples.write_baci_zip(tmp_path / "valid.zip").read_bytes()
        return "baci", tmp_path / "BACI_HS12_V202501.zip", data, {}
    if name == "comtrade json":
        data = json.dumps({"count": 10, "data": samples.comtrade_annual_records()}).encode()
        return "comtrade", tmp_path / "c.json", data, {}
    if name == "comtrade csv":
        data = samples.write_comtrade_table(tmp_path / "valid.csv",
                                            samples.comtrade_annual_records()).read_bytes()
        return "comtrade", tmp_path / "c.csv", data, {}
    if name == "kcs":
        text = samples.KCS_HEADER + "\n" + "\n".join(samples.KCS_ROWS) + "\n"
        return "kcs", tmp_path / "k.csv", text.encode(), {"revision": "HS2012"}
    return ("exports-world", tmp_path / "e.csv", samples.EXPORTS_WORLD.encode(),
            {"year": 2017, "revision": "HS2007"})


@pytest.mark.parametrize("name", ["baci", "baci zip", "comtrade json", "comtrade csv", "kcs",
                                  "exports-world"])
def test_mutated_files_load_or_are_refused_cleanly(name, samples, store, settings, tmp_path):
    fmt, path, data, options = valid_input(name, samples, tmp_path)
    rng = random.Random(f"kcbridge-{name}")
    refused = 0
    for n in range(MUTATIONS_PER_FORMAT):
        mutated = mutate(data, rng)
        path.write_bytes(mutated)
        before = samples.store_state(store)
        try:
            load_file(store, settings, fmt, path, force=True, **options)
        except InputError as exc:
            refused += 1
            assert samples.store_state(store) == before, (n, str(exc))
            assert exc.hint, (n, str(exc))
        except BaseException as exc:  # noqa: BLE001 - the assertion names the input
            raise AssertionError(f"mutation {n} of {name} ({mutated[:120]!r}...) raised "
                                 f"{type(exc).__name__}: {exc}") from exc
    assert refused >= MUTATIONS_PER_FORMAT // 2  # the mutations do break most files
