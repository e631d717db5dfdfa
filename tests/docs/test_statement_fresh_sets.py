"""Fresh-14, fresh-15, fresh-16 (twelfth session), fresh-17 to fresh-21 (thirteenth), fresh-22
and fresh-23 (fourteenth), fresh-24 and fresh-25 (fifteenth): 15 real
pages each (5 Korean, 5 Chinese of which 2 in traditional script (1 in fresh-17 and
fresh-19), 5 English), each labelled in one pass before any run by a helper told nothing of the
extractor, outside the repository, and sealed (sha256) before one
round's change was scored on it once, on the code before the change and once with it:

* fresh-14 (37 statements; conventions A1-A11 added by its labeller): the stprec3 rules
  (background, forecasts, one side's wish; frozen 15:42 UTC): R 0.57 / P 0.59, unchanged;
* fresh-15 (34 statements; B1-B10): the strecall4 rules (meetings held, export-control
  channels, requests and offers; frozen 16:24:27 UTC): R 0.76 / P 0.68, unchanged;
* fresh-16 (32 statements; C1-C13): the stverify2 retrained verifier (frozen 16:59:33 UTC;
  adopted in no language, so Korean lost it): R 0.66 / P 0.74, unchanged;
* fresh-17 (40 statements; D1-D14, one page in traditional script): the stretrain round (the
  typer and the candidate detector retrained with fresh-10..16, whose pages are training
  pages since; the detector now adopted for Korean too; frozen 18:33 UTC): R 0.85 / P 0.89
  before, R 0.875 / P 0.895 after;
* fresh-18 (26 statements; F1-F11): the stimpl forms of construction begun and operation
  started (frozen 18:50 UTC; the stretrain weights in both runs): R 0.69 / P 0.53, unchanged
  (none of the forms occurs; the code before the stretrain round, scored on it once too: R 0.69
  / P 0.55);
* fresh-19 (29 statements; G1-G12): a Korean joint plan quoted from one speaker is no
  agreement (conflict 3; frozen 19:05 UTC): R 0.69 / P 0.71, unchanged (the code before the
  thirteenth session: R 0.66 / P 0.73, a third run);
* fresh-20 (29 statements; J1-J15): round enmeet (English agreements of a joint subject take
  the document's parties; possessive fillers in meeting cues; frozen 19:17 UTC): R 0.55 /
  P 0.70, unchanged (the code before the thirteenth session: R 0.55 / P 0.73);
* fresh-21 (32 statements; its K1-K12): round stretrain2 (the learned stages retrained with
  fresh-17 to 20 and 26 pages labelled for training; frozen 19:34 UTC): R 0.75 / P 0.73 ->
  R 0.78 / P 0.71 (the code before the thirteenth session: R 0.75 / P 0.76);
* fresh-23 (30 statements; its Q1-Q16): round stceremony (signing ceremonies held, sister
  ties, numbered sessions in 회, import bans; read from fresh-22's misses, frozen 22:00 UTC):
  R 0.63 / P 0.60 -> R 0.63 / P 0.59 (one Korean schedule item taken as a signing); a second
  look after the round's Chinese and English ties (pre-registered, left out of the frozen code)
  and a schedule check were added on seeing it: R 0.73 / P 0.61 (in-sample);
* fresh-22 (27 statements; its L1-L15): round stretrain3 (the learned stages retrained with
  fresh-21 and 60 pages labelled for training; frozen 21:44 UTC): R 0.70 / P 0.65 -> R 0.70 /
  P 0.68 (Korean 5 of 11 extracted right -> 4 of 8);
* fresh-24 (33 statements; its R1-R17): round stverify3 (the verifier retrained with fresh-16
  to 21 and the training batches, adopted in English; frozen 00:51 UTC): R 0.61 / P 0.62 ->
  R 0.61 / P 0.61 (one right English statement dropped);
* fresh-25 (27 statements; its S1-S14): round stfresh24 (six general rules read from fresh-24's
  misses; frozen 01:05 UTC): R 0.70 / P 0.71, unchanged.

(The figures of fresh-10..25, whose texts were lost with the fifteenth session's machine and
whose tests skip, are those of their time: with the English verifier, retired since round
stunverify in the twenty-first session.)

The repository keeps addresses, hashes, types and offsets, never the text; the texts are
rebuilt outside it from the rows' addresses (stored copies of public pages). The scoring test
runs only where they are (``KCBRIDGE_FRESH14_TEXTS`` ..., a folder of ``01_ko.txt`` ...) and
their SHA-256 match. Each set became a seen set once scored: ``final`` is its figure now."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.docs.page_sets import (
    assert_no_page_elsewhere,
    assert_spans_apart,
    check_statement_set,
    rows,
    statement_figures,
)

LANGS = ["ko"] * 5 + ["zh"] * 5 + ["en"] * 5
Figures = dict[str, tuple[int, int, int, int]]


@dataclass(frozen=True)
class PageSet:
    number: int
    types: dict[str, int]
    per_page: list[int] | None
    #: per language (found, gold, right, extracted) of the once-scored run before the round
    #: (for fresh-14 to 16 the run after it gave the same)
    before: Figures
    #: the figure now, where a later round changed it (in-sample: the set was seen then; since
    #: round stretrain2 the pages of fresh-10 to 20, since stretrain3 fresh-21's, are training
    #: pages of the learned stages)
    final: Figures | None = None

    @property
    def name(self) -> str:
        return f"statement_fresh{self.number}_pages.jsonl"

    @property
    def texts(self) -> Path:
        return Path(os.environ.get(f"KCBRIDGE_FRESH{self.number}_TEXTS",
                                   f"/work/fresh_data/texts/fresh{self.number}"))


SETS = [
    # scored 15:42 UTC (before = HEAD 74bda0c); since the strecall4 round (in-sample) its rules
    # find the meetings held and the requests and offers, and no longer type two
    # export-control channels as curbs
    PageSet(14, {"signed": 8, "proposal": 11, "agreement": 12, "implemented": 5,
                 "restriction": 1},
            [4, 5, 2, 3, 1, 2, 2, 2, 1, 1, 4, 1, 1, 2, 6],
            before={"ko": (8, 15, 9, 14), "zh": (5, 8, 6, 14), "en": (8, 14, 11, 16)},
            # and since conflict 3 was implemented (thirteenth session) a joint plan quoted
            # from one speaker is no agreement
            # since round stverify3 the English verifier (in-sample) drops two wrong
            # statements: en was (9, 14, 12, 17)
            # (round stfresh24: en was (9, 14, 12, 15))
            final={"ko": (13, 15, 14, 17), "zh": (7, 8, 8, 14), "en": (10, 14, 14, 17)}),
    # scored 16:24 UTC (before = HEAD c3281ee)
    PageSet(15, {"signed": 5, "proposal": 3, "agreement": 17, "implemented": 7,
                 "restriction": 2},
            [2, 3, 1, 3, 3, 2, 6, 3, 1, 1, 1, 1, 2, 1, 4],
            before={"ko": (10, 12, 17, 24), "zh": (10, 13, 10, 15), "en": (6, 9, 9, 14)},
            # (round stfresh24: en was (6, 9, 9, 13))
            final={"ko": (11, 12, 19, 27), "zh": (10, 13, 10, 13), "en": (6, 9, 10, 14)}),
    # scored 16:58-17:00 UTC (before = HEAD 809b3a3); every page has a statement
    PageSet(16, {"signed": 6, "proposal": 8, "agreement": 6, "implemented": 7,
                 "restriction": 5},
            None,
            before={"ko": (6, 9, 8, 14), "zh": (11, 15, 13, 14), "en": (4, 8, 5, 7)},
            # since round stimpl (in-sample) "has broken ground" is a plant's construction begun
            final={"ko": (7, 9, 9, 17), "zh": (11, 15, 13, 14), "en": (5, 8, 6, 8)}),
    # scored 18:34 UTC (before = HEAD 74e992d, after = the stretrain weights); a test set:
    # its pages are in no training data
    PageSet(17, {"signed": 11, "proposal": 4, "agreement": 10, "implemented": 10,
                 "restriction": 5},
            None,
            before={"ko": (17, 19, 24, 24), "zh": (9, 10, 15, 19), "en": (8, 11, 10, 12)},
            # (English verifier, stverify3, in-sample: en was (8, 11, 10, 13))
            # (round stfresh24: en was (8, 11, 10, 12))
            final={"ko": (17, 19, 27, 27), "zh": (9, 10, 15, 19), "en": (9, 11, 11, 13)}),
    # scored 18:53 UTC (before = HEAD 50e44bb, after = the stimpl forms); a test set
    PageSet(18, {"signed": 6, "proposal": 5, "agreement": 7, "implemented": 5,
                 "restriction": 3},
            [4, 1, 1, 3, 1, 2, 1, 1, 1, 3, 2, 2, 2, 1, 1],
            before={"ko": (6, 10, 8, 12), "zh": (5, 8, 6, 15), "en": (7, 8, 10, 18)},
            # (since round stceremony's Chinese friendship ties, after fresh-23: zh was
            # (5, 8, 6, 13))
            # (English verifier, stverify3, in-sample: en was (7, 8, 10, 18))
            final={"ko": (8, 10, 10, 15), "zh": (6, 8, 7, 14), "en": (7, 8, 10, 15)}),
    # scored 19:10 UTC (before = b11c7fd, after = HEAD 2166b63 with conflict 3); a test set
    PageSet(19, {"signed": 8, "proposal": 3, "agreement": 8, "implemented": 8,
                 "restriction": 2},
            None,
            before={"ko": (7, 10, 15, 20), "zh": (8, 8, 9, 12), "en": (5, 11, 6, 10)},
            # since round enmeet (read from its English misses; in-sample): the possessive
            # meeting and two agreements of "they" / a joint subject
            # (English verifier, stverify3, in-sample: two right statements lost, en was
            # (9, 11, 12, 16))
            final={"ko": (7, 10, 15, 20), "zh": (8, 8, 9, 11), "en": (7, 11, 9, 12)}),
    # scored 19:19 UTC (before = d381713, after = round enmeet); a test set
    PageSet(20, {"signed": 9, "proposal": 8, "agreement": 4, "implemented": 5,
                 "restriction": 3},
            None,
            before={"ko": (6, 8, 9, 15), "zh": (4, 9, 5, 8), "en": (6, 12, 14, 17)},
            # (English verifier, stverify3, in-sample: en was (6, 12, 12, 16))
            final={"ko": (7, 8, 10, 15), "zh": (5, 9, 6, 9), "en": (6, 12, 11, 12)}),
    # scored 19:35 UTC (before = HEAD d04020f, after = the stretrain2 weights); a test set
    PageSet(21, {"signed": 8, "proposal": 7, "agreement": 7, "implemented": 8,
                 "restriction": 2},
            [3, 1, 1, 1, 5, 1, 2, 1, 3, 3, 4, 1, 1, 4, 1],
            before={"ko": (9, 11, 14, 16), "zh": (8, 10, 9, 10), "en": (7, 11, 9, 18)},
            # (English verifier, stverify3, in-sample: en was (8, 11, 10, 18))
            final={"ko": (11, 11, 16, 21), "zh": (8, 10, 9, 10), "en": (8, 11, 10, 15)}),
    # scored 21:40 and 21:44 UTC (before = HEAD 968dad1, after = the stretrain3 weights); a
    # test set: its pages are in no training data
    PageSet(22, {"signed": 8, "proposal": 2, "agreement": 7, "implemented": 9,
                 "restriction": 1},
            [2, 2, 1, 1, 1, 2, 1, 2, 1, 3, 2, 1, 1, 5, 2],
            before={"ko": (4, 7, 5, 11), "zh": (7, 9, 9, 14), "en": (8, 11, 8, 9)},
            # since round stceremony (read from its misses; in-sample): a Korean signing
            # ceremony held, sister ties by the verb, a numbered session in 회, an import ban
            # (English verifier, stverify3; not in its training data: one false statement
            # dropped, en was (9, 11, 9, 10))
            final={"ko": (7, 7, 7, 10), "zh": (7, 9, 9, 14), "en": (9, 11, 9, 9)}),
    # scored 22:05 UTC (before = HEAD 301aa33, after = round stceremony frozen at a85e2ad);
    # a test set: its pages are in no training data
    PageSet(23, {"signed": 9, "proposal": 3, "agreement": 6, "implemented": 8,
                 "restriction": 4},
            [4, 3, 1, 0, 1, 4, 2, 1, 3, 3, 2, 2, 1, 0, 3],
            before={"ko": (5, 9, 6, 12), "zh": (8, 13, 10, 15), "en": (6, 8, 8, 13)},
            # the frozen round: ko (5, 9, 6, 13) (a schedule's 투자협약식 taken as held); a
            # second look after the round's Chinese and English friendship ties and the
            # schedule check were added on seeing it (in-sample)
            # (English verifier, stverify3; not in its training data: one right and one
            # false statement dropped, en was (6, 8, 8, 13))
            final={"ko": (6, 9, 7, 13), "zh": (10, 13, 12, 18), "en": (6, 8, 7, 11)}),
    # scored 00:40 and 00:51 UTC (before = HEAD 21893ae, after = round stverify3, e093c42); a
    # test set of the verifier (its pages are in no training data)
    PageSet(24, {"signed": 11, "proposal": 7, "agreement": 10, "implemented": 4,
                 "restriction": 1},
            [1, 3, 1, 3, 2, 2, 1, 2, 1, 1, 3, 2, 1, 5, 5],
            before={"ko": (8, 10, 9, 16), "zh": (2, 7, 3, 8), "en": (10, 16, 14, 18)},
            # after round stverify3: en (10, 16, 13, 17); since round stfresh24, read from
            # this set's misses (in-sample): a currency is no third country, "-기도 했다"
            # signings, a halt of tours to Korea, a signing followed by the years since it
            final={"ko": (9, 10, 10, 16), "zh": (3, 7, 4, 9), "en": (11, 16, 14, 18)}),
    # scored 01:05 UTC (before = 065ba18, after = round stfresh24 frozen at d6d93be): identical
    PageSet(25, {"signed": 8, "proposal": 8, "agreement": 4, "implemented": 6,
                 "restriction": 1},
            [3, 1, 2, 3, 0, 0, 4, 1, 1, 2, 4, 3, 1, 2, 0],
            before={"ko": (7, 9, 10, 13), "zh": (6, 8, 6, 12), "en": (6, 10, 11, 13)}),
    # sixteenth session, two sets labelled at the same time by two labellers told nothing:
    # fresh-26 scored 03:42 UTC with HEAD 288a988, then read (round stfresh26's development
    # set: a customs refusal, a request with its addressee between commas, an agenda for
    # cooperation, annual meetings, a Korean bullet deed, a ceremony in the plain present,
    # Chinese "自…以来" and "为…提供了遵循" background; in-sample since)
    PageSet(26, {"signed": 7, "proposal": 5, "agreement": 2, "implemented": 7,
                 "restriction": 3},
            [2, 1, 1, 0, 1, 5, 1, 1, 2, 0, 1, 2, 2, 2, 3],
            before={"ko": (4, 5, 11, 18), "zh": (6, 9, 6, 11), "en": (5, 10, 6, 8)},
            # (and since round stfresh27, also read from it: ko (5, 5, 12, 14))
            # (round sten, nineteenth session: a project set up read)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (5, 5, 12, 14), "zh": (7, 9, 7, 10), "en": (10, 10, 12, 14)}),
    # fresh-27: the round's test, scored once 04:01 UTC before (HEAD 288a988) and after (the
    # round frozen): identical; then read for round stfresh27 (in-sample since)
    PageSet(27, {"signed": 5, "proposal": 8, "agreement": 4, "implemented": 4,
                 "restriction": 8},
            [3, 1, 2, 1, 5, 2, 1, 1, 2, 1, 4, 1, 2, 2, 1],
            before={"ko": (9, 12, 17, 23), "zh": (7, 7, 10, 15), "en": (8, 10, 12, 15)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (12, 12, 20, 24), "zh": (7, 7, 10, 12), "en": (9, 10, 13, 17)}),
    # fresh-28 and fresh-29, labelled blind at the same time by two more labellers: round
    # stfresh27's test, scored once 04:13 UTC before (HEAD 826cde2) and after (the round
    # frozen): fresh-28 identical, fresh-29 one false Chinese statement fewer; then read for
    # round stfresh28 (in-sample since: "took place", simple-past plants and units, deals
    # concluded, hard-wrapped lines, vague English vows, background and commentary)
    PageSet(28, {"signed": 4, "proposal": 14, "agreement": 10, "implemented": 6,
                 "restriction": 2},
            [5, 1, 2, 2, 1, 3, 5, 2, 3, 2, 2, 3, 3, 1, 1],
            before={"ko": (10, 11, 13, 24), "zh": (7, 15, 7, 11), "en": (4, 10, 4, 8)},
            # (after round stfresh28 ko was (11, 11, 14, 22); since stretrain4 a training set)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (11, 11, 14, 20), "zh": (7, 15, 7, 11), "en": (7, 10, 7, 9)}),
    PageSet(29, {"signed": 6, "proposal": 6, "agreement": 3, "implemented": 9,
                 "restriction": 2},
            [3, 2, 2, 1, 0, 1, 1, 2, 1, 1, 1, 3, 5, 2, 1],
            before={"ko": (5, 8, 8, 11), "zh": (5, 6, 6, 12), "en": (4, 12, 5, 11)},
            # (after round stfresh28 zh (5, 6, 6, 11), en (8, 12, 9, 13); stretrain4 below)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (7, 8, 11, 13), "zh": (5, 6, 6, 10), "en": (9, 12, 11, 17)}),
    # fresh-30 and fresh-31, labelled blind at the same time by two more labellers: round
    # stfresh28's test, scored once 04:25 UTC before (HEAD 3d1c8d4) and after (the round
    # frozen): identical on both
    PageSet(30, {"signed": 8, "proposal": 5, "agreement": 7, "implemented": 1,
                 "restriction": 4},
            [1, 2, 1, 1, 2, 4, 2, 1, 1, 2, 1, 2, 1, 3, 1],
            before={"ko": (7, 7, 10, 15), "zh": (7, 10, 8, 12), "en": (4, 8, 5, 9)},
            # since round stretrain4 (seventeenth session) fresh-26 to 31 are training pages
            # of the learned stages (in-sample)
            # (round stplan, twenty-first session: a planned signing by "양 도성의 지사와 성장",
            # a joint subject the joint-plan cue does not know, lost)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (6, 7, 9, 14), "zh": (7, 10, 9, 13), "en": (5, 8, 6, 11)}),
    PageSet(31, {"signed": 5, "proposal": 3, "agreement": 3, "implemented": 7,
                 "restriction": 3},
            [2, 2, 3, 1, 1, 1, 1, 1, 1, 0, 3, 1, 3, 1, 0],
            before={"ko": (7, 9, 12, 14), "zh": (3, 4, 4, 11), "en": (2, 8, 3, 5)},
            # (round stnominal, nineteenth session: four Chinese events as topics gone)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (7, 9, 12, 14), "zh": (4, 4, 5, 8), "en": (4, 8, 5, 10)}),
    # seventeenth session: fresh-32 and fresh-33, labelled blind at the same time by two
    # labellers told nothing: round stretrain4's test, scored once 07:01 UTC before (HEAD
    # 90cbbf8's weights) and after (the retrained weights); pooled R 39/49 both, P 49/74 ->
    # 49/73 (kept: F1 not lower)
    PageSet(32, {"signed": 7, "proposal": 1, "agreement": 4, "implemented": 8,
                 "restriction": 4},
            [1, 2, 1, 1, 0, 2, 1, 3, 1, 2, 1, 2, 1, 3, 3],
            before={"ko": (4, 5, 5, 9), "zh": (6, 9, 7, 14), "en": (6, 10, 7, 10)},
            # (round stnominal: a right one "该项目的开工建设,标志着…" and a 随着 frame gone)
            # (round sten: new export regulations, a demand to cease exports)
            # (round stplan: one side's planned signing, "…를 체결할 예정이다", no agreement)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (4, 5, 5, 7), "zh": (7, 9, 7, 14), "en": (8, 10, 10, 14)}),
    PageSet(33, {"signed": 7, "proposal": 1, "agreement": 7, "implemented": 8,
                 "restriction": 2},
            [5, 1, 1, 1, 1, 3, 2, 1, 3, 3, 1, 1, 0, 1, 1],
            before={"ko": (9, 9, 12, 18), "zh": (10, 12, 12, 13), "en": (4, 4, 6, 10)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (8, 9, 11, 17), "zh": (10, 12, 12, 13), "en": (4, 4, 6, 11)}),
    # eighteenth session: fresh-34 and fresh-35, labelled blind at the same time by two
    # labellers told nothing (with two training-only sets, train34a/b, kept outside the
    # repository): round stretrain5's test, scored once 10:27 UTC before (HEAD ce94707's
    # weights) and 10:39 UTC after (retrained): pooled R 43/58 both, P 55/75 -> 55/76, so
    # the retrained weights were not kept (F1 lower) and the final figures are the before
    PageSet(34, {"signed": 12, "proposal": 6, "agreement": 8, "implemented": 4,
                 "restriction": 3},
            [1, 1, 2, 2, 1, 4, 2, 5, 2, 2, 1, 2, 2, 2, 4],
            before={"ko": (7, 7, 11, 16), "zh": (9, 15, 11, 16), "en": (7, 11, 10, 13)},
            # (names round 15, twentieth session: two Chinese pages carry inline pinyin glosses;
            # without them one statement told twice is extracted once: right 11 -> 10 of 16 -> 15)
            # (round stplan: "…우호교류협정을 체결할 계획" of one side, no agreement)
            final={"ko": (7, 7, 11, 15), "zh": (9, 15, 10, 15), "en": (7, 11, 10, 13)}),
    PageSet(35, {"signed": 5, "proposal": 7, "agreement": 6, "implemented": 3,
                 "restriction": 4},
            [1, 1, 2, 1, 2, 3, 2, 1, 1, 2, 3, 1, 1, 2, 2],
            before={"ko": (6, 7, 8, 10), "zh": (7, 9, 8, 11), "en": (7, 9, 7, 9)},
            # (round stnominal: "对备忘录的签署表示祝贺" no signing of its own)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (6, 7, 8, 10), "zh": (7, 9, 8, 10), "en": (7, 9, 8, 12)}),
    # nineteenth session: fresh-36 and fresh-37, labelled blind at the same time by two
    # labellers told nothing, scored once 14:05 UTC on unchanged code (HEAD 0e214e5): pooled
    # R 40/50, P 51/77; scored once more after round stnominal (Chinese events as topics),
    # read on fresh-26..35: unchanged (the names round changed none of their figures either)
    PageSet(36, {"signed": 10, "proposal": 1, "agreement": 5, "implemented": 8,
                 "restriction": 3},
            [6, 1, 2, 1, 2, 3, 1, 1, 0, 1, 1, 1, 2, 2, 3],
            before={"ko": (9, 12, 12, 16), "zh": (6, 6, 8, 14), "en": (7, 9, 10, 12)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (9, 12, 12, 16), "zh": (6, 6, 8, 14), "en": (8, 9, 12, 14)}),
    PageSet(37, {"signed": 1, "proposal": 5, "agreement": 6, "implemented": 9,
                 "restriction": 2},
            [2, 3, 1, 1, 2, 2, 1, 1, 0, 1, 3, 1, 2, 1, 2],
            before={"ko": (8, 9, 8, 13), "zh": (3, 5, 4, 10), "en": (7, 9, 9, 12)},
            # (round stjoint, twentieth session, seen: one English statement more, right)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (8, 9, 8, 13), "zh": (3, 5, 4, 10), "en": (8, 9, 10, 14)}),
    # fresh-38 and fresh-39, labelled blind at the same time by two labellers told nothing,
    # started after round sten was pre-registered: its test, scored once before (HEAD 1bbee55)
    # and once after: identical, pooled R 53/64, P 63/80
    PageSet(38, {"signed": 10, "proposal": 5, "agreement": 7, "implemented": 5,
                 "restriction": 2},
            [5, 2, 2, 1, 1, 3, 1, 3, 2, 1, 1, 2, 1, 2, 2],
            before={"ko": (11, 11, 14, 16), "zh": (10, 10, 12, 15), "en": (5, 8, 5, 9)}),
    PageSet(39, {"signed": 3, "proposal": 5, "agreement": 20, "implemented": 5,
                 "restriction": 2},
            [4, 2, 3, 1, 2, 3, 1, 1, 1, 7, 4, 2, 2, 1, 1],
            before={"ko": (11, 12, 12, 13), "zh": (10, 13, 14, 18), "en": (6, 10, 6, 9)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (11, 12, 12, 13), "zh": (10, 13, 14, 18), "en": (7, 10, 7, 14)}),
    # twentieth session: fresh-40 and fresh-41, labelled blind at the same time by two
    # labellers told nothing (shorter pages: the stored copies hold the pages' beginnings),
    # scored once on unchanged code (HEAD 718036d): pooled R 44/56, P 72/91
    PageSet(40, {"signed": 7, "proposal": 5, "agreement": 4, "implemented": 9,
                 "restriction": 2},
            [1, 1, 1, 1, 1, 3, 2, 3, 2, 4, 1, 1, 2, 4, 0],
            before={"ko": (5, 5, 10, 11), "zh": (13, 14, 17, 24), "en": (5, 8, 8, 10)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (5, 5, 10, 11), "zh": (13, 14, 17, 24), "en": (7, 8, 10, 13)}),
    PageSet(41, {"signed": 8, "proposal": 5, "agreement": 5, "implemented": 6,
                 "restriction": 5},
            [2, 1, 1, 2, 1, 2, 1, 4, 4, 1, 1, 2, 3, 2, 2],
            before={"ko": (5, 7, 13, 17), "zh": (9, 12, 13, 18), "en": (7, 10, 11, 11)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (5, 7, 13, 17), "zh": (9, 12, 13, 18), "en": (9, 10, 13, 14)}),
    # fresh-42 and fresh-43, labelled blind meanwhile (two labellers told nothing), scored once
    # on the code before names round 15 (HEAD 718036d) and once with it (the inline pinyin
    # glosses removed from texts): identical, pooled R 37/49, P 48/69
    PageSet(42, {"signed": 4, "proposal": 1, "agreement": 9, "implemented": 8,
                 "restriction": 2},
            [1, 2, 1, 2, 1, 2, 1, 3, 1, 3, 2, 1, 1, 3, 0],
            before={"ko": (5, 7, 7, 11), "zh": (9, 10, 13, 16), "en": (5, 7, 5, 7)}),
    PageSet(43, {"signed": 5, "proposal": 9, "agreement": 7, "implemented": 3,
                 "restriction": 1},
            [2, 1, 1, 1, 1, 3, 2, 3, 1, 0, 3, 2, 2, 2, 1],
            before={"ko": (6, 6, 9, 13), "zh": (6, 9, 7, 12), "en": (6, 10, 7, 10)},
            final={"ko": (6, 6, 9, 13), "zh": (6, 9, 7, 12), "en": (7, 10, 8, 11)}),
    # fresh-44 and fresh-45, labelled blind meanwhile (two labellers told nothing; fresh-44 has
    # no restriction), scored once before round stjoint (HEAD 40bf664) and once with it:
    # identical, pooled R 35/52, P 47/67
    PageSet(44, {"signed": 4, "proposal": 4, "agreement": 6, "implemented": 13},
            [1, 2, 1, 1, 1, 1, 2, 2, 3, 0, 2, 3, 2, 4, 2],
            before={"ko": (4, 6, 4, 11), "zh": (4, 8, 4, 7), "en": (7, 13, 11, 15)},
            # (round stplan: a museum exchange agreement one side will sign, no agreement)
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (4, 6, 4, 10), "zh": (4, 8, 4, 7), "en": (9, 13, 14, 20)}),
    PageSet(45, {"signed": 5, "proposal": 8, "agreement": 5, "implemented": 3,
                 "restriction": 4},
            [2, 1, 2, 1, 1, 2, 3, 1, 1, 0, 2, 4, 2, 2, 1],
            before={"ko": (6, 7, 12, 13), "zh": (5, 7, 5, 8), "en": (9, 11, 11, 13)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (6, 7, 12, 13), "zh": (5, 7, 5, 8), "en": (9, 11, 12, 15)}),
    # twenty-first session: fresh-46 and fresh-47 (labelled blind in the twentieth by two
    # labellers told nothing), scored once on unchanged code (HEAD 4d3f308): pooled R 29/46,
    # P 41/63; fresh-47 has no restriction and one page of seven agreed points
    PageSet(46, {"signed": 4, "proposal": 8, "agreement": 4, "implemented": 1,
                 "restriction": 2},
            [1, 1, 1, 1, 1, 4, 1, 1, 0, 1, 1, 2, 1, 2, 1],
            before={"ko": (4, 5, 8, 11), "zh": (7, 7, 11, 16), "en": (4, 7, 4, 9)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (4, 5, 8, 11), "zh": (7, 7, 11, 16), "en": (6, 7, 7, 15)}),
    PageSet(47, {"signed": 6, "proposal": 1, "agreement": 11, "implemented": 9},
            [2, 1, 2, 8, 1, 2, 2, 2, 0, 1, 3, 1, 1, 0, 1],
            before={"ko": (7, 14, 10, 13), "zh": (3, 7, 4, 6), "en": (4, 6, 4, 8)}),
    # fresh-48 and fresh-49, labelled blind this session by two labellers told nothing (the
    # stored Korean and Chinese copies are short), scored once before round stplan (HEAD
    # a95498b) and once with it: identical, pooled R 48/57, P 68/93
    PageSet(48, {"signed": 12, "proposal": 6, "agreement": 11, "implemented": 3,
                 "restriction": 4},
            [4, 1, 2, 1, 3, 2, 1, 4, 5, 0, 3, 5, 4, 1, 0],
            before={"ko": (10, 11, 15, 20), "zh": (10, 12, 15, 21), "en": (10, 13, 10, 14)},
            # (round stunverify, twenty-first session: the English verifier retired)
            final={"ko": (10, 11, 15, 20), "zh": (10, 12, 15, 21), "en": (11, 13, 11, 15)}),
    PageSet(49, {"signed": 7, "proposal": 4, "agreement": 5, "implemented": 4,
                 "restriction": 1},
            [1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 3],
            before={"ko": (6, 6, 7, 9), "zh": (5, 6, 6, 11), "en": (7, 9, 15, 18)}),
    # fresh-50 and fresh-51, labelled blind this session by two labellers told nothing: round
    # stunverify's test, scored once before (HEAD be61492) and once after (the English
    # verifier retired): pooled R 51/64 -> 52/64, P 71/84 -> 73/86
    PageSet(50, {"signed": 7, "proposal": 5, "agreement": 10, "implemented": 4,
                 "restriction": 2},
            [4, 1, 3, 3, 2, 2, 1, 1, 1, 2, 3, 2, 1, 1, 1],
            before={"ko": (11, 13, 18, 19), "zh": (6, 7, 9, 14), "en": (6, 8, 8, 10)}),
    PageSet(51, {"signed": 8, "proposal": 10, "agreement": 11, "implemented": 2,
                 "restriction": 5},
            [1, 2, 4, 3, 4, 2, 3, 3, 1, 1, 2, 2, 5, 2, 1],
            before={"ko": (12, 14, 16, 17), "zh": (9, 10, 11, 14), "en": (7, 12, 9, 10)},
            final={"ko": (12, 14, 16, 17), "zh": (9, 10, 11, 14), "en": (8, 12, 11, 12)}),
]
IDS = [f"fresh{s.number}" for s in SETS]


@pytest.mark.parametrize("page_set", SETS, ids=IDS)
def test_keeps_addresses_hashes_and_labels_only(page_set: PageSet) -> None:
    # (fresh-28's, 44's, 46's and 47's labellers re-read each page after labelling, as the
    # brief asked, and did not write the words "one pass"; all say "before any run")
    about = str(rows(page_set.name)[0]["_about"])
    assert "one pass" in about or (page_set.number in (28, 44, 46, 47)
                                   and "before any run" in about)
    check_statement_set(page_set.name, f"fresh-{page_set.number}", LANGS, page_set.types,
                        per_page=page_set.per_page)


@pytest.mark.parametrize("page_set", SETS, ids=IDS)
def test_shares_no_page_with_any_other_set_or_the_training_labels(page_set: PageSet) -> None:
    assert_no_page_elsewhere(page_set.name)


@pytest.mark.parametrize("page_set", SETS, ids=IDS)
def test_main_evidence_first_and_spans_apart_across_statements(page_set: PageSet) -> None:
    assert_spans_apart(page_set.name, 15)


@pytest.mark.parametrize("page_set", SETS, ids=IDS)
def test_scores_as_reported(page_set: PageSet) -> None:
    """The figures on the rebuilt texts (skipped without them), scored as ``kcbridge docs
    evaluate --set TEXTS:statement_freshN_pages.jsonl`` scores them."""
    measured = statement_figures(page_set.texts, page_set.name, f"fresh-{page_set.number}")
    assert {lang: measured[lang] for lang in ("ko", "zh", "en")} == (
        page_set.final or page_set.before)
