"""Score document analysis on any folder in the ``news_dev`` layout: ``NN_lang.txt`` texts
and a ``gold.json`` with, per text, ``lang``, ``organizations`` / ``people`` / ``places``
(lists of aliases), ``*_optional`` items, plain-word ``sectors`` and typed ``statements``
(``type``, ``evidence``, optional ``alt_types`` / ``alt_evidence``).

The matching rules are those of the set's own scorer (written again here, not imported):

* names: after NFKC, case-folding, traditional -> simplified Chinese, quote and dash
  unification and collapsed spaces, an extracted text (or its key, when the key is a name
  and not an id such as ``KR-MOTIE``) equals an alias, or one contains the other (both at
  least 2 characters); the same again with spaces, hyphens, dots, commas, quotes,
  brackets and middle dots removed. A one-token Latin person name never matches a longer
  one by containment (either way round).
* recall = gold items matched / gold items; precision = extractions matching a gold item
  / extractions, not counting those only excused by an ``*_optional`` item (the
  extraction equals or contains one of its aliases).
* statements: a gold statement is found when an extracted statement of its type (or an
  ``alt_types``) overlaps one of its evidences: one normalised text contains the other,
  or their longest common substring (loosened) is >= 6 characters and >= 80% of the
  shorter. **Statement precision** (added here): an extracted statement is right when
  its type is the type (or an alt type) of a gold statement it overlaps.
* sectors: gold words mapped to sector ids (:data:`SECTOR_WORDS`); recall per document,
  micro-averaged.

Page sets labelled outside news_dev (``docs/data/*pages*.jsonl``: one row per text with
``file``, ``lang``, ``sha256`` and the labels, texts rebuilt outside the repository) are
scored the same way with ``FOLDER:LABELS.jsonl`` in place of the folder: the rows are the
gold and each text must have the SHA-256 its row names. Sector labels may be sector ids
(``batteries``, ``robotics_smart_manufacturing``) as well as the scorer's plain words;
sector precision (gold ids found / ids extracted) is reported beside recall.

The development / held-out split of ``news_dev`` is pre-registered in
``docs/data/news_dev_split.json``; ``split="heldout"`` refuses ``details`` so the
held-out texts are only ever scored, never inspected.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from kcbridge.docs.text import strip_pinyin_glosses, to_simplified
from kcbridge.errors import InputError

SPLITS = ("all", "dev", "heldout")
#: Gold sector words -> kcbridge sector ids (the scorer's table).
SECTOR_WORDS = {
    "semiconductors": "semiconductors", "semiconductor": "semiconductors",
    "chips": "semiconductors", "ai": "ai_semiconductors",
    "artificial intelligence": "ai_semiconductors", "ai semiconductors": "ai_semiconductors",
    "ai chips": "ai_semiconductors", "display": "display", "display panels": "display",
    "secondary batteries": "batteries", "batteries": "batteries", "battery": "batteries",
    "new-energy vehicles": "new_energy_vehicles", "new energy vehicles": "new_energy_vehicles",
    "electric vehicles": "new_energy_vehicles", "nev": "new_energy_vehicles",
    "ev": "new_energy_vehicles", "hydrogen": "hydrogen",
    "green/low-carbon": "green_low_carbon", "low-carbon": "green_low_carbon",
    "renewable energy": "green_low_carbon", "biotech/pharma": "biotech_pharma",
    "biotech": "biotech_pharma", "pharmaceuticals": "biotech_pharma",
    "digital healthcare": "digital_healthcare", "medical devices": "digital_healthcare",
    "robotics": "robotics_smart_manufacturing",
    "smart manufacturing": "robotics_smart_manufacturing",
    "autonomous driving": "autonomous_mobility", "smart mobility": "autonomous_mobility",
    "drones": "drones_low_altitude", "low-altitude economy": "drones_low_altitude",
    "ict": "ict_5g_6g", "5g/6g": "ict_5g_6g", "telecommunications": "ict_5g_6g",
    "cloud/big data": "cloud_bigdata_iot", "big data": "cloud_bigdata_iot",
    "iot": "cloud_bigdata_iot",
    **{w: "materials_parts_equipment" for w in (
        "materials-parts-equipment", "materials parts and equipment", "critical minerals",
        "critical materials", "graphite", "gallium/germanium", "gallium", "germanium",
        "rare earths", "urea")},
}

_PUNCT = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                        "「": '"', "」": '"', "『": '"', "』": '"', "–": "-", "—": "-",
                        "‑": "-", "−": "-", "，": ",", "：": ":", "（": "(", "）": ")",
                        "；": ";"})
_LOOSEN = re.compile(r"[\s\-\.·‧・,'\"()]+")
_ONE_LATIN_TOKEN = re.compile(r"^[a-z0-9'\-\.]+$")
_ID_LIKE = re.compile(r"^[A-Z]{2,3}(-[A-Z0-9_]+)+$|^[A-Z]{3}$")


def normalise(value: str) -> str:
    # (a label copied with a page's inline pinyin gloss, "韓聯(lián)社", compares as the name
    # the extractor reads from the normalised text; names round 15)
    text = strip_pinyin_glosses(unicodedata.normalize("NFC", str(value or "")))
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return re.sub(r"\s+", " ", to_simplified(text).casefold()).strip()


def loosen(value: str) -> str:
    return _LOOSEN.sub("", value)


def _either_contains(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= 2 and (a in b or b in a)


def name_matches(candidate: str, aliases: Sequence[str], *, person: bool = False) -> bool:
    c = normalise(candidate)
    if len(c) < 2:
        return False
    cl = loosen(c)
    for alias in aliases:
        a = normalise(alias)
        if not a:
            continue
        al = loosen(a)
        if c == a or (cl and cl == al):
            return True
        if person:
            c_single = " " not in c and bool(_ONE_LATIN_TOKEN.match(c))
            a_single = " " not in a and bool(_ONE_LATIN_TOKEN.match(a))
            if c_single != a_single:
                continue
        if _either_contains(c, a) or _either_contains(cl, al):
            return True
    return False


def _excused(candidate: str, aliases: Sequence[str]) -> bool:
    c = normalise(candidate)
    cl = loosen(c)
    for alias in aliases:
        a = normalise(alias)
        if len(a) < 2:
            continue
        al = loosen(a)
        if c == a or a in c or (cl and cl == al) or (al and al in cl):
            return True
    return False


def _longest_common_run(a: str, b: str) -> int:
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    best, previous = 0, [0] * (len(b) + 1)
    for ch in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def overlaps(evidence: str, text: str) -> bool:
    """Does an extracted statement's text overlap a gold evidence span?"""
    e, t = normalise(evidence), normalise(text)
    if not e or not t:
        return False
    if e in t or t in e:
        return True
    el, tl = loosen(e), loosen(t)
    if el and tl and (el in tl or tl in el):
        return True
    run = _longest_common_run(el, tl)
    return run >= 6 and run >= 0.8 * min(len(el), len(tl))


def _names(entity: dict[str, Any], *, ids_too: bool) -> list[str]:
    names = [str(entity.get("text") or "")]
    key = str(entity.get("key") or "")
    if key and (ids_too or not _ID_LIKE.match(key)):
        names.append(key)
    return [n for n in names if n.strip()]


def score_entities(
    extracted: list[dict[str, Any]], kind: str, gold: list[list[str]],
    optional: list[list[str]],
) -> dict[str, Any]:
    """Counts (gold, found, extracted, tp) plus the missed gold items and false positives."""
    person = kind == "person"
    seen: set[tuple[str, str]] = set()
    items = []
    for e in extracted:
        signature = (normalise(e.get("text", "")), str(e.get("key", "")))
        if e.get("kind") == kind and signature not in seen:
            seen.add(signature)
            items.append(e)
    found = [False] * len(gold)
    tp = fp = 0
    false_positives = []
    for e in items:
        names = _names(e, ids_too=kind == "place")
        hit = False
        for i, aliases in enumerate(gold):
            if any(name_matches(n, aliases, person=person) for n in names):
                found[i] = hit = True
        if hit:
            tp += 1
        elif not any(_excused(n, aliases) for n in names for aliases in optional):
            fp += 1
            false_positives.append(e.get("text") or e.get("key"))
    return {"gold": len(gold), "found": sum(found), "extracted": tp + fp, "tp": tp,
            "missed": [g[0] for g, f in zip(gold, found, strict=True) if not f],
            "false_positives": false_positives}


def score_statements(
    extracted: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> dict[str, Any]:
    """Recall (gold found with its type) and precision (extractions whose type is that of a
    gold statement they overlap)."""
    spans = [([g["evidence"], *g.get("alt_evidence", [])], {g["type"], *g.get("alt_types", [])})
             for g in gold]
    found, missed, confused = 0, [], 0
    for (evidence, types), g in zip(spans, gold, strict=True):
        touching = [x for x in extracted if any(overlaps(ev, x.get("text", "")) for ev in evidence)]
        if any(x.get("type") in types for x in touching):
            found += 1
            continue
        confused += bool(touching)
        missed.append({"type": g["type"], "evidence": g["evidence"],
                       "extracted_as": [x.get("type") for x in touching]})
    right, wrong = 0, []
    for x in extracted:
        text = x.get("text", "")
        if any(x.get("type") in types and any(overlaps(ev, text) for ev in evidence)
               for evidence, types in spans):
            right += 1
        else:
            wrong.append({"type": x.get("type"), "text": text})
    return {"gold": len(gold), "found": found, "extracted": len(extracted), "right": right,
            "wrong_type": confused, "missed": missed, "false_positives": wrong}


def gold_sector_ids(words: Sequence[str]) -> set[str]:
    """Sector ids of a gold list: the scorer's plain words (:data:`SECTOR_WORDS`) or
    sector ids of the taxonomy as they are; anything else is ignored, as in ``score.py``."""
    from kcbridge.reference.sectors import sector_taxonomy

    ids = {s.id for s in sector_taxonomy()}
    out = set()
    for word in words:
        key = word.lower().strip()
        if key in SECTOR_WORDS:
            out.add(SECTOR_WORDS[key])
        elif key in ids:
            out.add(key)
    return out


def score_document(gold: dict[str, Any], output: dict[str, Any]) -> dict[str, Any]:
    """Scores of one text: ``output`` is what ``kcbridge docs ingest --format json`` prints
    for it (``entities``, ``sectors``, ``statements``)."""
    ents = output.get("entities") or []
    places = [p if isinstance(p, list) else [p] for p in gold.get("places", [])]
    gold_sectors = gold_sector_ids(gold.get("sectors", []))
    got_sectors = {str(s.get("sector")) for s in output.get("sectors") or []}
    return {
        "organisation": score_entities(ents, "organisation", gold.get("organizations", []),
                                       gold.get("organizations_optional", [])),
        "person": score_entities(ents, "person", gold.get("people", []),
                                 gold.get("people_optional", [])),
        "place": score_entities(ents, "place", places, []),
        "sector": {"gold": len(gold_sectors), "found": len(gold_sectors & got_sectors),
                   "extra": len(got_sectors - gold_sectors),
                   "missed": sorted(gold_sectors - got_sectors),
                   "false_positives": sorted(got_sectors - gold_sectors)},
        "statement": score_statements(output.get("statements") or [], gold.get("statements", [])),
    }


def load_split() -> dict[str, Any]:
    path = resources.files("kcbridge.docs").joinpath("data").joinpath("news_dev_split.json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def select_documents(gold: dict[str, Any], split: str) -> list[str]:
    """Names (``NN_lang.txt``) of the gold texts in ``split``."""
    if split not in SPLITS:
        raise InputError(f"Unknown split {split!r}.", hint=f"Use one of {', '.join(SPLITS)}.")
    names = sorted(k for k in gold if not k.startswith("_"))
    if split == "all":
        return names
    wanted = {n for ids in load_split()[split].values() for n in ids}
    chosen = [n for n in names if n.split("_")[0] in wanted]
    if not chosen:
        raise InputError(f"No text of the {split!r} split is in this gold file.",
                         hint="The split names news_dev's texts (01_ko.txt ...); use "
                              "--split all for another folder.")
    return chosen


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def summarise_counts(scores: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, int] = {}
    for s in scores:
        for field in ("organisation", "person", "place"):
            for k in ("gold", "found", "extracted", "tp"):
                total[f"{field}_{k}"] = total.get(f"{field}_{k}", 0) + s[field][k]
        for k in ("gold", "found", "extra"):
            total[f"sector_{k}"] = total.get(f"sector_{k}", 0) + s["sector"][k]
        for k in ("gold", "found", "extracted", "right", "wrong_type"):
            total[f"statement_{k}"] = total.get(f"statement_{k}", 0) + s["statement"][k]
    row: dict[str, Any] = {"docs": len(scores)}
    for field in ("organisation", "person", "place"):
        row[f"{field}_recall"] = _ratio(total.get(f"{field}_found", 0),
                                        total.get(f"{field}_gold", 0))
        row[f"{field}_precision"] = _ratio(total.get(f"{field}_tp", 0),
                                           total.get(f"{field}_extracted", 0))
    row["sector_recall"] = _ratio(total.get("sector_found", 0), total.get("sector_gold", 0))
    row["sector_precision"] = _ratio(total.get("sector_found", 0),
                                     total.get("sector_found", 0) + total.get("sector_extra", 0))
    row["statement_recall"] = _ratio(total.get("statement_found", 0),
                                     total.get("statement_gold", 0))
    row["statement_precision"] = _ratio(total.get("statement_right", 0),
                                        total.get("statement_extracted", 0))
    row.update(total)
    return row


def analyse_files(paths: list[Path]) -> list[dict[str, Any]]:
    """What ``kcbridge docs ingest FILE --format json`` prints for each file, without
    storing anything."""
    from kcbridge.docs.ingest import read_path
    from kcbridge.docs.pipeline import DocumentInput, analyse_documents
    from kcbridge.docs.service import summarise

    raws = [raw for p in paths for raw in read_path(p)]
    analyses = analyse_documents([DocumentInput(r.text, r.title, r.source, r.published)
                                  for r in raws])
    return [summarise(a) for a in analyses]


def read_page_labels(spec: str) -> dict[str, Any]:
    """Gold of a labelled page set: the rows of a ``*pages*.jsonl`` file (a path, or a file
    name in ``docs/data``) keyed by their ``file``; the ``_about`` line is kept as
    ``_about``."""
    path = Path(spec)
    if not path.is_file():
        path = Path(str(resources.files("kcbridge.docs").joinpath("data").joinpath(spec)))
    if not path.is_file():
        raise InputError(f"No label file {spec}.",
                         hint="Give a *pages*.jsonl path or the name of one in docs/data.")
    gold: dict[str, Any] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise InputError(f"Line {number} of {path} is not JSON.",
                             hint="One JSON object per line.") from exc
        if "file" in row:
            gold[row["file"]] = row
        elif "_about" in row:
            gold["_about"] = row["_about"]
    return gold


def _evidence_from_spans(statements: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Statements labelled by character offsets (``spans``: [start, end) into the labelled
    text; the first span is the main evidence) as the evidence strings the scorer compares;
    statements already written with ``evidence`` are kept as they are."""
    out = []
    for st in statements:
        spans = st.get("spans")
        if "evidence" in st or not spans:
            out.append(st)
            continue
        out.append({"type": st["type"], "alt_types": st.get("alt_types", []),
                    "evidence": text[spans[0][0]:spans[0][1]],
                    "alt_evidence": [text[a:b] for a, b in spans[1:]], "spans": spans})
    return out


def require_texts(root: Path, names: Sequence[str], labels: str) -> None:
    """Every text of ``names`` (named in the gold file ``labels``) is in ``root``
    (InputError naming the missing ones)."""
    missing = [n for n in names if not (root / n).is_file()]
    if missing:
        raise InputError(f"{len(missing)} text(s) named in {labels} are missing from {root}: "
                         f"{', '.join(missing[:5])}.",
                         hint="Give the folder that holds them (a labelled page set's texts "
                              "are rebuilt from its rows' addresses, as its _about line says).")


def labelled_set(spec: str) -> tuple[Path, dict[str, Any]]:
    """(folder of the texts, gold by text name) of a labelled page set ``TEXTS:LABELS.jsonl``
    whose every text is there and is the one labelled (SHA-256); each statement keeps its
    ``spans`` beside the evidence cut from them."""
    if ":" not in spec:
        raise InputError(f"{spec} is not TEXTS:LABELS.jsonl.",
                         hint="Give the folder of the texts and the label file, joined by a "
                              "colon.")
    root, gold = _read_gold(spec)
    require_texts(root, sorted(n for n in gold if not n.startswith("_")),
                  spec.partition(":")[2])
    return root, gold


def _read_gold(spec: str) -> tuple[Path, dict[str, Any]]:
    """(folder of the texts, gold by text name) for ``FOLDER`` or ``FOLDER:LABELS``."""
    root = Path(spec)
    if not root.is_dir() and ":" in spec:
        folder, _, labels = spec.partition(":")
        root, gold = Path(folder), read_page_labels(labels)
        for name, row in gold.items():
            file = root / name
            if name.startswith("_") or not row.get("sha256") or not file.is_file():
                continue
            data = file.read_bytes()
            # the offsets count in the text the hash was taken of: the file, or the file
            # without its surrounding blanks
            labelled = next((text for text in (data, data.strip())
                             if hashlib.sha256(text).hexdigest() == row["sha256"]), None)
            if labelled is None:
                raise InputError(f"{file} is not the text {labels} was labelled on (SHA-256).",
                                 hint="Rebuild the text from the row's address, as the label "
                                      "file's _about line says.")
            row["statements"] = _evidence_from_spans(row.get("statements") or [],
                                                     labelled.decode("utf-8"))
        return root, gold
    gold_path = root / "gold.json"
    if not gold_path.is_file():
        raise InputError(f"No gold.json in {root}.",
                         hint="Point --set at a folder in the news_dev layout "
                              "(NN_lang.txt texts and gold.json), or FOLDER:LABELS.jsonl.")
    try:
        return root, json.loads(gold_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{gold_path} is not valid JSON ({str(exc)[:120]}).",
                         hint="Check the gold file.") from exc


def evaluate_folder(
    folder: str | Path,
    *,
    split: str = "all",
    details: bool = False,
    analyse: Callable[[list[Path]], list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Score the texts of ``folder`` (news_dev layout, or ``FOLDER:LABELS.jsonl`` for a
    labelled page set) in ``split``: one row per language and ``all`` (recall and precision
    per field, with counts), and with ``details`` each text's misses and false positives
    (refused for the held-out split)."""
    root, gold = _read_gold(str(folder))
    if split == "heldout" and details:
        raise InputError("Details of the held-out texts are not shown.",
                         hint="The held-out split is only scored; use --split dev for details.")
    names = select_documents(gold, split)
    require_texts(root, names, str(folder).partition(":")[2] or "gold.json")
    outputs = (analyse or analyse_files)([root / n for n in names])
    per_doc = {n: score_document(gold[n], out) for n, out in zip(names, outputs, strict=True)}
    languages = sorted({gold[n].get("lang", "?") for n in names})
    rows = []
    for lang in [*languages, "all"]:
        chosen = [per_doc[n] for n in names if lang == "all" or gold[n].get("lang") == lang]
        rows.append({"lang": lang, **summarise_counts(chosen)})
    result: dict[str, Any] = {"folder": str(root), "split": split, "documents": names,
                              "rows": rows}
    if details:
        result["details"] = {
            n: {field: {k: v for k, v in s.items() if k in ("missed", "false_positives")}
                for field, s in per_doc[n].items()}
            for n in names
        }
    return result
