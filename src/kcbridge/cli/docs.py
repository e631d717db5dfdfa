"""`kcbridge docs ...`: ingest news and policy texts, search them, track commitments."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kcbridge.cli.common import (
    FormatOption,
    OutputFormat,
    OutputOption,
    console,
    emit,
    get_platform,
    handle_errors,
    progress_bar,
)
from kcbridge.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform

docs_app = typer.Typer(
    help="Document intelligence: read English, Korean and Chinese texts into entities, "
    "sectors and cooperation statements.", no_args_is_help=True)


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"--{name} must be a date like 2024-03-14, not {value!r}.") from exc


@docs_app.command()
@handle_errors
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, folders or http(s) URLs."),
    published: str = typer.Option(None, help="Publication date of every input (YYYY-MM-DD)."),
    workers: int = typer.Option(1, min=1, help="Analysis processes (each loads the language "
                                "models, about 0.9 GB); worth it from a few hundred documents."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Read documents (text, HTML, PDF), extract entities, sectors and statements, store them."""
    platform = get_platform()
    with progress_bar() as progress:
        results = platform.docs.ingest(inputs, published=_date(published, "published"),
                                       progress=progress, workers=workers)
    if fmt is not OutputFormat.table:
        emit(results, fmt, output=output)
        return
    for r in results:
        dup = f" · {r['status']} of {r['duplicate_of']}" if r.get("duplicate_of") else ""
        console.print(f"[bold]{r['title'] or r['source']}[/] ({r['doc_id']}, {r['language']}, "
                      f"{r['published'] or 'no date'}){dup}", highlight=False)
        sectors = ", ".join(f"{s['sector']} ({s['method']})" for s in r["sectors"]) or "none"
        console.print(f"  sectors: {sectors}", highlight=False)
        if r["entities"]:
            emit([{k: e[k] for k in ("kind", "key", "text", "role", "mentions")}
                  for e in r["entities"]], fmt, title="entities")
        if r["statements"]:
            emit([{"type": s["type"], "date": s["date"], "confidence": s["confidence"],
                   "sectors": s["sectors"], "mechanisms": s["mechanisms"],
                   "parties": s["parties"], "text": s["text"][:160]} for s in r["statements"]],
                 fmt, title="statements")


@docs_app.command()
@handle_errors
def search(
    query: str = typer.Argument(..., help="Words to search for (any of the three languages)."),
    target: str = typer.Option("documents", help="documents or statements."),
    mode: str = typer.Option("hybrid", help="hybrid, text or semantic."),
    sector: str = typer.Option(None, help="Only this sector id."),
    actor: str = typer.Option(None, help="Only documents/statements naming this actor "
                              "(any alias, e.g. 삼성전자 or MOFCOM)."),
    stage: str = typer.Option(None, help="Statement type: proposal, agreement, signed, "
                              "implemented or restriction."),
    language: str = typer.Option(None, help="en, ko or zh."),
    since: str = typer.Option(None, help="From this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, help="Up to this date (YYYY-MM-DD)."),
    limit: int = typer.Option(20, help="At most this many results."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Full-text and semantic search over stored documents or statements."""
    platform = get_platform(read_only=True)
    title = f"{target} matching {query!r}"
    kept_as = None  # a search asked again is answered from what it printed (issue 14)
    if output is None and fmt in (OutputFormat.table, OutputFormat.json):
        from kcbridge.docs.search_answers import search_version

        version = search_version(platform.store)
        if version is not None:
            kept_as = ([query, target, mode, sector, actor, stage, language, since, until,
                        limit, fmt.value], version)
            if _replay_search(platform, fmt, title, *kept_as):
                return
    asked: dict[str, Any] = {"mode": mode, "limit": limit, "sector": sector, "actor": actor,
                             "stage": stage, "language": language,
                             "date_from": _date(since, "since"),
                             "date_to": _date(until, "until")}
    data: Any
    if target == "documents":  # plain rows: a new search needs no pandas (issue 14)
        from kcbridge.docs.search_rows import DOCUMENT_RESULT_COLUMNS

        data = platform.docs.search_documents(query, **asked)
        columns: list[str] | None = list(DOCUMENT_RESULT_COLUMNS)
    else:
        data, columns = platform.docs.search(query, target=target, **asked), None
    if kept_as is None:
        emit(data, fmt, output=output, title=title, synthetic=platform.synthetic,
             columns=columns)
        return
    _print_and_keep(platform, fmt, title, data, *kept_as, columns=columns)


_SEARCH_ANSWERS = "docs_search_answers"


def _replay_search(platform: Platform, fmt: OutputFormat, title: str, key: list[object],
                   version: str) -> bool:
    """Print the kept answer of this search (True), or nothing (False: none is kept). The
    SYNTHETIC flag is read again: it follows the store's loads, not the documents."""
    from kcbridge.cli.printout import Printout
    from kcbridge.store.derived import DerivedResults

    kept = DerivedResults.for_store(platform.store).get_json(_SEARCH_ANSWERS, key, version)
    if not isinstance(kept, dict):
        return False
    if fmt is OutputFormat.json:
        emit(kept["rows"], fmt, synthetic=platform.synthetic)
        return True
    parts = kept["parts"]
    for part in parts:
        part["synthetic"] = platform.synthetic
    Printout.from_json(parts).show()
    return True


def _print_and_keep(platform: Platform, fmt: OutputFormat, title: str, data: object,
                    key: list[object], version: str, columns: list[str] | None = None) -> None:
    """Print ``data`` as ``emit`` does and keep what was printed (plain rows; lists and
    dates written as the table writes them) for :func:`_replay_search` (``columns``: the
    header of an empty list of rows)."""
    from kcbridge.cli.printout import Printout
    from kcbridge.formats import jsonable
    from kcbridge.store.derived import DerivedResults

    derived = DerivedResults.for_store(platform.store)
    synthetic = platform.synthetic
    if fmt is OutputFormat.json:
        rows = jsonable(data)
        emit(rows, fmt, synthetic=synthetic)
        derived.put_json(_SEARCH_ANSWERS, key, version, {"rows": rows})
        return
    printout = Printout()
    printout.table(_as_printed(data), title=title, synthetic=synthetic, columns=columns)
    printout.show()
    if printout.plain:
        derived.put_json(_SEARCH_ANSWERS, key, version, {"parts": printout.to_json()})


def _as_printed(data: Any) -> Any:
    """``data`` (a DataFrame or plain rows) with its list cells (sectors, parties) and
    dates as the table prints them (``cli.common._cell``): items joined by ", ", a date as
    its text."""
    def cell(v: Any) -> Any:
        return (", ".join(str(x) for x in v) if isinstance(v, list | tuple)
                else str(v) if isinstance(v, date) else v)

    if isinstance(data, list):
        return [{k: cell(v) for k, v in row.items()} for row in data]
    out = data.copy()
    for col in out.columns:
        if out[col].dtype == object and any(isinstance(v, list | tuple | date)
                                            for v in out[col]):
            out[col] = [cell(v) for v in out[col]]
    return out


@docs_app.command()
@handle_errors
def commitments(
    sector: str = typer.Option(None, help="Only this sector id."),
    stage: str = typer.Option(None, help="Only commitments at this stage."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Commitments (re-reports grouped) with the furthest stage reached and their timeline."""
    platform = get_platform(read_only=True)
    data = platform.docs.commitments(sector=sector, stage=stage)
    if fmt is OutputFormat.table:
        data = data.drop(columns=["timeline"])
    emit(data, fmt, output=output, title="Commitments", synthetic=platform.synthetic)


@docs_app.command("list")
@handle_errors
def list_documents(
    language: str = typer.Option(None, help="en, ko or zh."),
    sector: str = typer.Option(None, help="Only this sector id."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Stored documents, newest first."""
    platform = get_platform(read_only=True)
    emit(platform.docs.documents(language=language, sector=sector), fmt, output=output,
         title="Documents", synthetic=platform.synthetic)


@docs_app.command()
@handle_errors
def signals(
    since: str = typer.Option(None, help="From this date (YYYY-MM-DD)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Restriction statements attached to critical items (news signals for the watch)."""
    platform = get_platform(read_only=True)
    emit(platform.docs.news_signals(since=_date(since, "since")), fmt, output=output,
         title="News signals", synthetic=platform.synthetic)


@docs_app.command()
@handle_errors
def evaluate(
    set_path: Path = typer.Option(None, "--set", help="A folder in the news_dev layout "
                                  "(NN_lang.txt texts and gold.json) to score; without it, "
                                  "the built-in evaluation set."),
    split: str = typer.Option("all", help="With --set: all, dev or heldout (news_dev's "
                              "pre-registered split by document)."),
    details: bool = typer.Option(False, help="With --set: each text's misses and false "
                                 "positives (JSON; refused for --split heldout)."),
    heldout: bool = typer.Option(False, help="Built-in set only: score the held-out set "
                                 "instead of the development set."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Recall and precision per field and language: on a real-news folder (--set) with its
    gold, or on the built-in evaluation set."""
    if set_path is not None:
        from kcbridge.docs.news_evaluation import evaluate_folder

        result = evaluate_folder(set_path, split=split, details=details)
        if fmt is OutputFormat.table and not details:
            columns = {"lang": "lang", "docs": "docs", "statement_recall": "statement R",
                       "statement_precision": "statement P", "organisation_recall": "org R",
                       "organisation_precision": "org P", "person_recall": "person R",
                       "person_precision": "person P", "sector_recall": "sector R",
                       "sector_precision": "sector P", "place_recall": "place R",
                       "place_precision": "place P"}
            emit([{label: r[c] for c, label in columns.items()} for r in result["rows"]], fmt,
                 output=output, title=f"Evaluation of {set_path} ({split}, "
                 f"{len(result['documents'])} texts)")
        else:
            emit(result, OutputFormat.json if fmt is OutputFormat.table else fmt, output=output)
        return
    from kcbridge.docs.evaluation import evaluate as run
    from kcbridge.docs.evaluation import load_eval_set

    scores, _errors = run(heldout=heldout)
    n = len(load_eval_set(heldout=heldout))
    name = "held-out" if heldout else "development"
    emit(scores, fmt, output=output, title=f"Evaluation ({name} set, {n} documents)")


@docs_app.command()
@handle_errors
def agreement(
    set_path: str = typer.Option(..., "--set", help="TEXTS:LABELS.jsonl: the folder of the "
                                 "texts and the first labelling (the layout of `docs evaluate "
                                 "--set`)."),
    against: Path = typer.Option(..., help="The second labelling of the same texts (a "
                                 "*.jsonl label file; every row names its text's SHA-256)."),
    details: bool = typer.Option(False, help="Each text's statements only one labeller "
                                 "marked (JSON): the list to adjudicate."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """How far two labellings of the same texts agree on their statements: the second
    scored as if it were the extractor, against the first (recall, precision, F1 per
    language): the ceiling to read the extractor's figures against."""
    from kcbridge.docs.label_agreement import label_agreement

    result = label_agreement(set_path, str(against), details=details)
    if fmt is OutputFormat.table and not details:
        emit(result["rows"], fmt, output=output,
             title=f"Agreement of {against.name} with {Path(set_path.rpartition(':')[2]).name}")
    else:
        emit(result, OutputFormat.json if fmt is OutputFormat.table else fmt, output=output)


@docs_app.command()
@handle_errors
def delete(
    doc_id: str = typer.Argument(..., help="Document id (see `kcbridge docs list`)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Delete a stored document with its entities, sectors and statements."""
    result = get_platform().docs.delete(doc_id)
    if fmt is OutputFormat.table:
        console.print(f"Deleted {doc_id} ({result['title'] or 'no title'}).", highlight=False)
        return
    emit(result, fmt, output=output)


@docs_app.command("set")
@handle_errors
def set_metadata(
    doc_id: str = typer.Argument(..., help="Document id (see `kcbridge docs list`)."),
    published: str = typer.Option(None, help="New publication date (YYYY-MM-DD); relative "
                                  "dates and statement dates are worked out again from it."),
    title: str = typer.Option(None, help="New title."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Change a stored document's publication date or title (the document is re-analysed)."""
    r = get_platform().docs.set_metadata(doc_id, published=_date(published, "published"),
                                         title=title)
    if fmt is not OutputFormat.table:
        emit([r], fmt, output=output)  # the shape of `docs ingest`: one row per document
        return
    console.print(f"Updated {doc_id}: {r['title'] or 'no title'} · published "
                  f"{r['published'] or 'no date'} (was {r['previous_published'] or 'no date'}), "
                  f"{len(r['statements'])} statements.", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(docs_app, name="docs")
