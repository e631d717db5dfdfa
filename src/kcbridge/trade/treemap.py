"""Treemaps of trade: section -> HS chapter -> HS heading, as rectangles whose areas are
proportional to the values (squarified layout, Bruls, Huizing & van Wijk 2000).

Pure functions: :func:`treemap_tree` sums values (``product, value_usd``) into the
section / chapter / heading hierarchy; :func:`treemap_layout` places it in a
``width x height`` box, each level nested inside its parent, so a chart only draws
rectangles (Vega-Lite ``rect`` with ``x, x2, y, y2``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kcbridge.trade.sections import section_of_chapter

DEPTHS = ("section", "chapter", "heading")


def treemap_tree(values: pd.DataFrame, depth: str = "heading") -> pd.DataFrame:
    """``section, chapter, heading, value_usd, share`` per leaf of ``depth`` (chapter or
    heading; codes shorter than the level keep what they have), largest first."""
    if depth not in DEPTHS:
        raise ValueError(f"depth must be one of {DEPTHS}")
    frame = values[["product", "value_usd"]].copy()
    frame = frame[frame["value_usd"] > 0]
    code = frame["product"].astype(str)
    frame["chapter"] = code.str[:2]
    frame["heading"] = code.str[:4]
    frame["section"] = [section_of_chapter(c).id for c in frame["chapter"]]
    keys = list(DEPTHS[: DEPTHS.index(depth) + 1])
    leaves = frame.groupby(keys, as_index=False)[["value_usd"]].sum()
    total = leaves["value_usd"].sum()
    leaves["share"] = leaves["value_usd"] / total if total > 0 else 0.0
    return leaves.sort_values("value_usd", ascending=False).reset_index(drop=True)


def squarify(values: Sequence[float], x: float, y: float, width: float, height: float
             ) -> list[tuple[float, float, float, float]]:
    """Rectangles ``(x0, y0, x1, y1)`` filling the box, one per value (values sorted
    largest first give the best aspect ratios), with areas proportional to the values."""
    values = [float(v) for v in values]
    total = sum(values)
    out: list[tuple[float, float, float, float]] = []
    if total <= 0 or width <= 0 or height <= 0:
        return [(x, y, x, y) for _ in values]
    scale = width * height / total
    areas = [v * scale for v in values]
    i = 0
    while i < len(areas):
        short = min(width, height)
        row = [areas[i]]
        j = i + 1
        while j < len(areas) and _worst(row + [areas[j]], short) <= _worst(row, short):
            row.append(areas[j])
            j += 1
        row_sum = sum(row)
        if width >= height:  # lay the row out as a column on the left
            col_w = row_sum / height if height else 0.0
            yy = y
            for area in row:
                h = area / col_w if col_w else 0.0
                out.append((x, yy, x + col_w, yy + h))
                yy += h
            x, width = x + col_w, width - col_w
        else:  # as a row on top
            row_h = row_sum / width if width else 0.0
            xx = x
            for area in row:
                w = area / row_h if row_h else 0.0
                out.append((xx, y, xx + w, y + row_h))
                xx += w
            y, height = y + row_h, height - row_h
        i = j
    return out


def _worst(row: list[float], short: float) -> float:
    s = sum(row)
    if s <= 0 or short <= 0:
        return float("inf")
    return max(max(short * short * r / (s * s), (s * s) / (short * short * r)) for r in row)


def treemap_layout(tree: pd.DataFrame, width: float = 1000.0, height: float = 600.0
                   ) -> pd.DataFrame:
    """``tree`` (from :func:`treemap_tree`) with ``x0, y0, x1, y1`` per leaf: sections
    first split the box, then each section's chapters its rectangle, then headings."""
    levels = [c for c in DEPTHS if c in tree.columns]
    placed = []

    def place(frame: pd.DataFrame, depth: int, box: tuple[float, float, float, float]) -> None:
        key = levels[depth]
        sums = frame.groupby(key)["value_usd"].sum().sort_values(ascending=False)
        x0, y0, x1, y1 = box
        rects = squarify(sums.tolist(), x0, y0, x1 - x0, y1 - y0)
        for (name, _), rect in zip(sums.items(), rects, strict=True):
            part = frame[frame[key] == name]
            if depth + 1 < len(levels):
                place(part, depth + 1, rect)
            else:
                row = part.iloc[0].to_dict()
                row.update(x0=rect[0], y0=rect[1], x1=rect[2], y1=rect[3])
                placed.append(row)

    if not tree.empty:
        place(tree, 0, (0.0, 0.0, float(width), float(height)))
    columns = [*tree.columns, "x0", "y0", "x1", "y1"]
    out = pd.DataFrame(placed, columns=columns)
    return out.sort_values("value_usd", ascending=False).reset_index(drop=True)
