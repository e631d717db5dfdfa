"""Document intelligence (issue 5): read news and policy texts in English, Korean and
Chinese and turn them into structured, searchable, traceable records.

Pure parts: :mod:`.text` (sentences, languages), :mod:`.dates`, :mod:`.gazetteer` (alias
lists), :mod:`.entities`, :mod:`.sector_tags`, :mod:`.statements`, :mod:`.commitments`,
:mod:`.pipeline` (one document -> :class:`~kcbridge.docs.model.DocumentAnalysis`),
:mod:`.ingest` (files, folders, URLs), :mod:`.dedup`, :mod:`.search`, :mod:`.signals`,
:mod:`.evaluation`. Persistence and the Platform service: :mod:`.storage`, :mod:`.service`.
"""
