"""CLI: `kcbridge partners ...` (registry, matching, screening) and `kcbridge trust ...`."""

from __future__ import annotations

from pathlib import Path

import typer

from kcbridge.cli.common import (
    FormatOption,
    OutputFormat,
    OutputOption,
    console,
    emit,
    get_platform,
    handle_errors,
)

partners_app = typer.Typer(help="Partner registry, reciprocal matchmaking and screening.",
                           no_args_is_help=True)
trust_app = typer.Typer(help="Sensitive-entity lists and the cooperation guideline.",
                        no_args_is_help=True)


@partners_app.command("import")
@handle_errors
def import_registry(
    file: Path = typer.Argument(..., help="CSV, JSON or Excel registry file, or a KRX listing."),
    krx: bool = typer.Option(False, "--krx", help="Read FILE as a Korea Exchange listing."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Import organisations and profiles into the registry."""
    result = get_platform().partners.import_file(file, fmt="krx" if krx else None)
    if fmt is not OutputFormat.table:
        emit(result, fmt, title="Imported")
        return
    read: list[dict[str, str]] = result.pop("labels_read_from_words", [])
    emit(result, fmt, title="Imported")
    if read:
        emit([r | {"because": r.get("because", "")} for r in read], fmt,
             title="Profile types read from the label's words (check them)",
             columns=["label", "read_as", "because", "where"])
        console.print("A label's words can say the opposite of what the profile does (a "
                      "seller's \"해외 사업 파트너를 찾습니다\"); where one is wrong, write the "
                      "canonical type (technology_offer, business_request ...) and import "
                      "again.",
                      highlight=False)


@partners_app.command("orgs")
@handle_errors
def organisations(
    query: str = typer.Argument(None, help="Name to search for, in any script."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """List or search organisations (names in Korean, Chinese or English)."""
    df = get_platform().partners.organisations(query)
    cols = [c for c in ("org_id", "name", "kind", "country", "city", "sectors", "synthetic",
                        "status", "match_score") if c in df.columns]
    synthetic = bool(df["synthetic"].any()) if len(df) else False
    emit(df[cols], fmt, title="Organisations" + (" (SYNTHETIC demo rows)" if synthetic else ""),
         synthetic=synthetic, output=output)


@partners_app.command("match")
@handle_errors
def match(
    org: str = typer.Argument(..., help="Organisation (id or name) or profile id."),
    k: int = typer.Option(10, "--top", "-k", help="Matches per profile."),
    domestic: bool = typer.Option(False, "--domestic", help="Allow same-country partners."),
    one_to_one: bool = typer.Option(
        False, "--one-to-one", help="For a meeting schedule where each firm meets a few "
        "partners (a brokerage event): rank lower a partner that fits another profile "
        "better (reciprocal preference; the note says which). Off by default: a partner "
        "that suits several firms is shown to each."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Reciprocal partners for ORG, explained both ways, with the trust level of each pair
    (red / amber / green; amber names the controlled item or what could not be assessed),
    then its peers (same-direction profiles: possible consortium members, not partners).
    The score is the match score: the two-way offer/need score fused with the similarity
    of the two summaries (a_offers_b / b_offers_a: the texts' similarity); --format json
    gives each score's parts (score_parts)."""

    service = get_platform().partners
    rows = service.match(org, k=k, cross_border=not domestic, one_to_one=one_to_one)
    peers = service.peers(org, k=min(k, 5))
    synthetic = any(r["synthetic"] for r in rows)
    if fmt is OutputFormat.json:
        emit({"matches": rows, "peers": peers}, fmt, synthetic=synthetic, output=output)
        return
    # rows of plain values print as their DataFrame would, without pandas (emit)
    table = [{
        "profile": r["profile_id"], "rank": r["rank"], "partner": r["partner_name"],
        "country": r["partner_country"], "type": r["partner_profile_type"].replace("_", " "),
        "score": r["score"],
        "a_offers_b": r["a_offers_b"]["similarity"], "b_offers_a": r["b_offers_a"]["similarity"],
        "shared_sectors": ", ".join(r["shared_sectors"]),
        "trust": r["guideline_level"] + (" (review)" if r["trust_review"] else ""),
        "why": _first_reason(r), **({"synthetic": True} if r["synthetic"] else {}),
    } for r in rows]
    emit(table if fmt is OutputFormat.table and output is None else _frame(table), fmt,
         title=f"Partners for {org}" + (" (SYNTHETIC)" if synthetic else ""),
         synthetic=synthetic, output=output)
    _print_type_notes(rows, fmt, output)
    _print_preference_notes(rows, fmt, output)
    # peers as a second table only on screen: a CSV stream holds one table (use
    # `kcbridge partners peers ORG` or --format json for them)
    if peers and output is None and fmt is OutputFormat.table:
        emit([{"profile": p["profile_id"], "peer": p["peer_name"],
               "country": p["peer_country"], "type": p["profile_type"],
               "similarity": p["similarity"]} for p in peers], fmt,
             title="Peers (same direction: possible consortium members, not partners)")


def _print_type_notes(rows: list[dict], fmt: OutputFormat,  # type: ignore[type-arg]
                      output: Path | None) -> None:
    """Below the table on screen: the pairs listed only because a profile type was read from
    label words (the soft type gate), so a reader checks those labels (JSON: ``type_note``)."""
    _print_notes(rows, fmt, output, "type_note",
                 "Types read from label words (check the labels; same type as read, listed in "
                 "case a label reads the wrong way round):")


def _print_preference_notes(rows: list[dict], fmt: OutputFormat,  # type: ignore[type-arg]
                            output: Path | None) -> None:
    """Below the table on screen, in the one-to-one view: the partners ranked lower because
    they fit another profile better, and which (JSON: ``preference_note``)."""
    _print_notes(rows, fmt, output, "preference_note",
                 "One-to-one view (--one-to-one): ranked lower because they fit another "
                 "profile better:")


def _print_notes(rows: list[dict], fmt: OutputFormat,  # type: ignore[type-arg]
                 output: Path | None, key: str, heading: str) -> None:
    """``heading`` and one line per row with a ``key`` note, on screen only (a file or a
    JSON/CSV stream holds the notes in its rows)."""
    notes = [(r["profile_id"], r["rank"], r["partner_name"], r[key]) for r in rows
             if r.get(key)]
    if not notes or output is not None or fmt is not OutputFormat.table:
        return
    console.print(heading, highlight=False)
    for profile, rank, partner, note in notes:
        console.print(f"  {profile} #{rank} {partner}: {note}", highlight=False, soft_wrap=True)


def _frame(rows: list[dict[str, object]]) -> object:
    """``rows`` as a DataFrame (CSV, Parquet and Excel output, and files, go through
    pandas as before; the table on screen does not need it)."""
    import pandas as pd

    return pd.DataFrame(rows)


def _first_reason(row: dict) -> str:  # type: ignore[type-arg]
    items = row.get("controlled_items") or []
    if row["guideline_level"] == "red":
        return str(row["guideline_reasons"][0])[:90]
    if items:
        return "controlled: " + ", ".join(dict.fromkeys(i["term"] for i in items))[:60]
    return str(row["guideline_reasons"][0])[:90] if row["guideline_reasons"] else ""


@partners_app.command("peers")
@handle_errors
def peers(
    org: str = typer.Argument(..., help="Organisation (id or name) or profile id."),
    k: int = typer.Option(5, "--top", "-k", help="Peers per profile."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Same-direction profiles (two offers of the same kind, two requests ...): possible
    consortium members or competitors, never proposed as partners."""
    import pandas as pd

    rows = get_platform().partners.peers(org, k=k)
    emit(pd.DataFrame(rows) if fmt is not OutputFormat.json else {"peers": rows}, fmt,
         title=f"Peers of {org}", output=output)


@partners_app.command("screen")
@handle_errors
def screen(
    target: str = typer.Argument(None, help="A name, or `registry` for every organisation."),
    list_file: Path = typer.Option(None, "--list", help="Screen every organisation of this "
                                   "registry file (CSV/JSON/Excel) or KRX listing."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Screen organisations against the loaded lists (one result per organisation)."""
    from kcbridge.errors import InputError

    service = get_platform().partners
    if list_file is not None:
        results = service.screen_file(list_file)
    elif target:
        results = service.screen(target)
    else:
        raise InputError("Nothing to screen.", hint="Give a NAME, `registry`, or --list FILE.")
    if fmt is OutputFormat.json:
        emit({"results": [r.to_dict() for r in results]}, fmt, output=output)
        return
    from kcbridge.partners.screening import RESULT_COLUMNS, results_rows

    emit(results_rows(results), fmt, title="Screening", output=output,
         columns=list(RESULT_COLUMNS))


@partners_app.command("merge-candidates")
@handle_errors
def merge_candidates(
    threshold: float = typer.Option(90.0, help="Fuzzy score (0-100) for a candidate."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Organisations that may be duplicates, for review (nothing is merged)."""
    emit(get_platform().partners.merge_candidates(threshold), fmt, title="Merge candidates",
         output=output)


@partners_app.command("add-from-docs")
@handle_errors
def add_from_docs(
    file: Path = typer.Option(None, "--file", help="JSON array of records {name, aliases, "
                              "country, kind, sectors, source_doc} instead of the stored "
                              "documents."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add organisations named in documents as registry candidates (never merged)."""
    records = None
    if file is not None:
        import json

        from kcbridge.errors import InputError

        try:
            records = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"Cannot read {file}: {exc}.",
                             hint="Give a JSON array of organisation records.") from exc
        if not isinstance(records, list):
            raise InputError(f"{file} is not a JSON array.",
                             hint="Give [{\"name\": ..., \"country\": ...}, ...].")
    result = get_platform().partners.add_from_docs(records)
    emit(result if fmt is OutputFormat.json else {k: v for k, v in result.items()
                                                  if k != "candidates"}, fmt,
         title="Candidates from documents")


@partners_app.command("candidates")
@handle_errors
def candidates(
    status: str = typer.Option("candidate", help="candidate, accepted, rejected or all."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Organisations added from documents and their review status."""
    df = get_platform().partners.candidates(None if status == "all" else status)
    emit(df, fmt, title="Candidates from documents", output=output)


@partners_app.command("review")
@handle_errors
def review(
    org_id: str = typer.Argument(..., help="The candidate's org_id."),
    accept: bool = typer.Option(..., "--accept/--reject", help="Keep it or drop it."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Accept a candidate from documents into the registry, or reject it."""
    emit(get_platform().partners.review_candidate(org_id, accept), fmt)


@partners_app.command("outcome")
@handle_errors
def outcome(
    profile: str = typer.Argument(..., help="Your profile id."),
    partner: str = typer.Argument(..., help="The partner's profile id."),
    result: str = typer.Argument(..., help="contacted, accepted or declined."),
    note: str = typer.Option("", help="Free text."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Record the outcome of a proposed match."""
    emit(get_platform().partners.record_outcome(profile, partner, result, note), fmt)


@partners_app.command("evaluate")
@handle_errors
def evaluate(
    one_summary: bool = typer.Option(False, "--one-summary", help="The one-summary set: written "
                                     "profile types, summaries only, same-direction "
                                     "distractors (issue 12)."),
    half: str = typer.Option("all", help="dev (odd pairs), heldout (even pairs) or all; "
                             "for --set fresh2: dev, test or all. One-summary sets only."),
    encoder: str = typer.Option("use", help="use (default) or e5 (multilingual-e5-small)."),
    dataset: str = typer.Option("builtin", "--set", help="One-summary set: builtin (the "
                                "packaged set, with halves) or fresh (written later, "
                                "measured once before the changes it led to) or "
                                "fresh_hard (fresh plus 12 hard distractors) or fresh2 "
                                "(the second fresh set, with --half dev or test) or "
                                "fresh3 (the third, with --half dev or test) or "
                                "fresh4 to fresh16 (the fourth to sixteenth, no halves)."),
    baseline: bool = typer.Option(False, "--baseline", help="One-summary set scored as before "
                                  "issue 12 (summary as offer and need, no type table)."),
    plain: bool = typer.Option(False, "--plain", help="One-summary set ranked by the plain "
                               "cosine of the summaries (no types): the floor to beat."),
    one_to_one: bool = typer.Option(False, "--one-to-one", help="One-summary set ranked as "
                                    "`partners match --one-to-one` does (reciprocal "
                                    "preference)."),
    text_sectors: bool = typer.Option(False, "--text-sectors", help="Builtin one-summary set "
                                      "with its given sectors left out: every profile's "
                                      "sectors are read from its own words."),
    ranker: str = typer.Option("learned", help="learned (default: the pair score trained "
                               "on the evaluation sets, rounds 14-18) or rules (the "
                               "hand-weighted score alone, as before round 18)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Recall and MRR of matching on the packaged evaluation set."""
    import pandas as pd

    from kcbridge.errors import InputError
    from kcbridge.partners.embeddings import encoder_by_name
    from kcbridge.partners.evaluation import evaluate_matching, evaluate_one_summary

    enc = encoder_by_name(encoder)
    if ranker not in ("rules", "learned"):
        raise InputError(f"Unknown ranker {ranker!r}.", hint="Use --ranker learned or rules.")
    from kcbridge.partners.index import MatchWeights
    from kcbridge.partners.learned import shipped_ranker

    chosen = shipped_ranker() if ranker == "learned" else None
    if one_summary:
        weights = MatchWeights(preference=1.0 if one_to_one else 0.0, ranker=chosen)
        report = evaluate_one_summary(enc, half=half, baseline=baseline, dataset=dataset,
                                      text_sectors=text_sectors,
                                      method="plain" if plain else "matcher",
                                      weights=weights)
        if fmt is OutputFormat.json:
            emit(report, fmt)
            return
        rows = [{"group": "overall", **report["overall"]}] + [
            {"group": k, **v} for k, v in report["by_language_pair"].items()]
        emit(pd.DataFrame(rows), fmt, title=f"One-summary set {dataset}, {half} queries: "
             f"{report['profiles']} profiles ({report['distractors']} distractors), "
             f"encoder {encoder}" + (" (baseline)" if baseline else "")
             + (" (plain cosine)" if plain else "")
             + (" (one-to-one)" if one_to_one else "")
             + (" (rules alone)" if ranker == "rules" else "")
             + (" (sectors read from the text)" if text_sectors else ""))
        return
    report = evaluate_matching(enc, weights=MatchWeights(ranker=chosen))
    if fmt is OutputFormat.json:
        emit(report, fmt)
        return
    emit(pd.DataFrame([{"group": g, **report[g]} for g in
                       ("overall", "cross_language", "same_language")]), fmt,
         title=f"{report['profiles']} profiles, {report['pairs']} pairs")


@partners_app.command("ranker-cv")
@handle_errors
def ranker_cv(fmt: OutputFormat = FormatOption) -> None:
    """Leave-one-set-out cross-validation of the learned pair score against the rules over
    every one-summary set measured so far (issue 12, round 14; about 2-3 minutes)."""
    import pandas as pd

    from kcbridge.partners.ranker_cv import cross_validate

    report = cross_validate()
    if fmt is OutputFormat.json:
        emit(report, fmt)
        return
    rows = [{"held_out": fold, "l2": v["l2"],
             **{f"{m}_{k}": v[m][k] for m in ("rules", "learned")
                for k in ("recall_at_1", "mrr", "same_direction_above_partner")}}
            for fold, v in report["folds"].items()]
    rows.append({"held_out": "pooled", "l2": None,
                 **{f"{m}_{k}": report["held_out_pooled"][m][k] for m in ("rules", "learned")
                    for k in ("recall_at_1", "mrr", "same_direction_above_partner")}})
    emit(pd.DataFrame(rows), fmt, title="Learned pair score vs rules, each set held out "
         f"(adopt under the rule fixed before: {'yes' if report['adopt'] else 'no'})")


@partners_app.command("evaluate-trust")
@handle_errors
def evaluate_trust(
    dataset: str = typer.Option("fresh2", "--set", help="Fresh set with trust marks: fresh2 "
                                "(pair marks) or a set with controlled-item and listing marks "
                                "on its profiles (fresh5 to fresh9)."),
    half: str = typer.Option("all", help="dev, test or all."),
    lists: list[Path] = typer.Option([], "--list", help="Also screen against this list file "
                                     "(PRC JSON or CSV), e.g. the real PRC lists; repeatable."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Trust levels of a fresh set's intended pairs against the marks its writer made before
    any run (listed under another name: red; controlled item or no sector: amber)."""
    import pandas as pd

    from kcbridge.errors import InputError
    from kcbridge.partners.trust_evaluation import evaluate_pair_trust

    if half not in ("dev", "test", "all"):
        raise InputError(f"Unknown half {half!r}.", hint="Use dev, test or all.")
    report = evaluate_pair_trust(dataset, half=half, list_files=lists)
    if fmt is OutputFormat.json:
        emit(report, fmt)
        return
    rows = [{"mark": m, **v} for m, v in report["by_mark"].items()]
    emit(pd.DataFrame(rows), fmt, title=f"Trust on {dataset} ({half}): {report['lists']} list "
         f"entries; green without a sector: {report['green_without_sector']}")


@trust_app.command("import-list")
@handle_errors
def import_list(
    file: Path = typer.Argument(..., help="PRC JSON list or simple CSV list."),
    list_id: str = typer.Option(None, "--list-id", help="List id when the file has none."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Load a sensitive-entity / export-control list, replacing the list as a whole
    (entries no longer in FILE are delisted; `kcbridge trust history` shows the changes)."""
    import pandas as pd

    result = get_platform().partners.import_list(file, list_id=list_id)
    if fmt is OutputFormat.json:
        emit(result, fmt)
        return
    emit(pd.DataFrame(result["lists"]).assign(
        added=result["added"], delisted=result["delisted"], unchanged=result["unchanged"])
        if len(result["lists"]) == 1 else pd.DataFrame(result["lists"]), fmt,
        title="Imported")


@trust_app.command("history")
@handle_errors
def history(
    list_id: str = typer.Option(None, "--list-id", help="Only this list."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Entries added and delisted at each import of a list, oldest first."""
    emit(get_platform().partners.list_history(list_id), fmt, title="List history",
         output=output)


@trust_app.command("lists")
@handle_errors
def show_lists(fmt: OutputFormat = FormatOption) -> None:
    """Loaded lists and their entry counts (the demo's sample list is SYNTHETIC)."""
    from kcbridge.partners.demo import DEMO_LIST_ID

    entries = get_platform().partners.list_entries()
    table = entries.groupby("list_id").size().rename("entries").reset_index()
    table["synthetic"] = table["list_id"].eq(DEMO_LIST_ID)
    emit(table, fmt, synthetic=bool(table["synthetic"].any()))


@trust_app.command("guideline")
@handle_errors
def show_guideline(
    sector: str = typer.Option(None, help="Only this sector (id or name)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """The cooperation guideline: green/amber/red by sector and collaboration type."""
    df = get_platform(read_only=True).partners.guideline()
    if sector:
        from kcbridge.reference.sectors import get_sector

        df = df[df["sector"] == get_sector(sector).id]
    cols = ["sector", "collaboration_type", "level", "reasons"]
    emit(df if fmt is not OutputFormat.table else df[cols], fmt, title="Cooperation guideline",
         output=output, max_rows=200)


def register(app: typer.Typer) -> None:
    app.add_typer(partners_app, name="partners")
    app.add_typer(trust_app, name="trust")
