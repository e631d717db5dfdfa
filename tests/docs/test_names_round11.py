"""Names round 11 (issue 10, helper names11): how news introduces bodies and people, in each
language, where the earlier rules lost or invented names.

* Chinese: a title, a name, then a date ("副部长赵明远10月26日"); a firm's Chinese
  subsidiary (中国法人) and a Korean 본부 (本部) as head words; the body a visit verb points
  at; a firm right before "CEO"; a Latin outlet after "韩媒"; guards against a relation
  ("韩对华"), a kind of maker ("韩国半导体厂"), students (大学生), a leading verb (利用好,
  隶属于), a verb before a place (应首尔) and a university typed as a person.
* English: a body introduced by its kind ("the Korean company Nanoria", "Veltrix, a
  premium EV unit of ...", "rivals such as Orvane and Kestrel"); a span that runs a title
  and a person, a person "of" a body, or two bodies joined by "and" together is split; an
  acronym the text shows as a product ("the GPA platform"), a nationality ("S. Korean")
  and an agreement are no names.
* Korean: a body before its head's title however Kiwi reads its stem; a university's short
  name before a university post; a body introduced by its kind ("배터리 업체 누리온은");
  a name all in capitals with its title glued on; attendee lists whose other items show the
  slot of the name; a name before a listed ministry; a family name written apart ("왕
  리핑"); ranks (장관급), ventures (벤처), countries (한중일) and universities in general
  (중국 최고 연구중심대학) are no names.
* The alias list knows the earlier names of renamed Korean ministries.

Every sentence was written for these tests; the firms, universities and people are
invented. Development figures are in docs/history (names11 round); the tests that read
real pages skip where the texts are absent. The eleventh names set (15 real pages, 5 per
language, labelled blind by another helper while the round was written) keeps addresses,
hashes and labels only; it was scored once before and once after the round.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.docs.page_sets import assert_no_address_elsewhere, check_names_set, names_figures
from tests.docs.page_sets import entities_of as _entities
from tests.docs.page_sets import names_of as _names

from kcbridge.docs.gazetteer import organisations


def _people(text: str) -> list[str]:
    return _names(text, "person")


# ---- Chinese --------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, name", [
    ("商务部副部长赵明远10月26日接受媒体采访时称,双方合作顺利。", "赵明远"),
    ("韩国在外同胞厅9日表示,厅长钱宇哲7至9日访问北京。", "钱宇哲"),
    ("该局局长孙立平走访了三家企业。", "孙立平"),
])
def test_chinese_name_after_a_title_then_a_date_or_a_visit(sentence: str, name: str) -> None:
    assert name in _people(sentence)


def test_chinese_subsidiary_and_korean_bureau_as_head_words() -> None:
    orgs = _names("论坛由江城市人民政府主办,海东道新港促进本部承办。")
    assert "海东道新港促进本部" in orgs, orgs
    orgs = _names("8日下午,钱宇哲走访星河食品中国法人并鼓励工作人员。")
    assert "星河食品中国法人" in orgs, orgs  # the visit verb is cut off


def test_chinese_firm_before_its_ceo() -> None:
    assert "星辰通讯" in _names("22日,他与星辰通讯CEO约翰·史密斯一同参观了工厂。")
    assert _names("该公司CEO表示,将扩大投资。") == []


def test_chinese_latin_outlet_after_the_press_of_a_country() -> None:
    assert "KoreaNow" in _names("据韩媒KoreaNow报道称,三星电子将扩大投资。")


def test_chinese_short_reuters_credit_is_the_outlet_not_a_person() -> None:
    text = "两家企业加速撤离。（路透）两家企业加速撤离。"
    assert "路透" in _names(text)
    assert _people(text) == []


@pytest.mark.parametrize("sentence", [
    "韩对华投资结构不断优化,领域不断扩大。",  # a relation, not the family name 韩
    "2019年4月5日,应首尔市长的邀请,经济使团访问了首尔市。",  # 应 + a place
    "巨野县委常委王小明,党委副书记、校长赵大海参加活动。",  # no "党委副"
])
def test_chinese_words_that_start_with_a_family_name_are_no_people(sentence: str) -> None:
    people = _people(sentence)
    assert not any(p.startswith(("韩对", "应首", "党委")) for p in people), people


@pytest.mark.parametrize("sentence, bad", [
    ("換言之，韓國半導體廠每天必須至少提交3份申請。", "韓國半導體廠"),
    ("两校计划通过交流计划的实施,进一步扩大两国大学生的交流范围。", "进一步扩大两国大学"),
    ("希望他继续支持黑龙江,利用好韩中青年交流协会平台,深化交往。", "利用好韩中青年交流协会"),
    ("星海电子控股有限公司隶属于韩国东辰集团。", "隶属于韩国东辰集团"),
])
def test_chinese_stretches_that_name_no_body(sentence: str, bad: str) -> None:
    assert bad not in _names(sentence)


@pytest.mark.parametrize("sentence, name", [
    ("应韩国青年交流财团邀请,代表团一行于10月31日离京前往韩国。", "韩国青年交流财团"),
    ("半导体、电池等各行业协会及团体代表,大韩物流振兴公社、产业研究院等机构有关人士与会。",
     "大韩物流振兴公社"),
])
def test_chinese_korean_foundations_and_corporations(sentence: str, name: str) -> None:
    assert name in _names(sentence)


def test_chinese_fields_alone_name_no_body() -> None:
    text = "希望总领事馆继续关注支持吉林发展,进一步深化双方在電子科技、汽車製造等産業的交流合作。"
    assert "電子科技" not in _names(text)


def test_chinese_leading_verb_is_cut_from_a_body() -> None:
    assert "韩国东辰集团" in _names("星海电子控股有限公司隶属于韩国东辰集团。")


def test_chinese_name_cut_by_the_tagger_takes_the_full_name_of_the_text() -> None:
    text = ("韩国庆南大学副校长全夏成一行4人来访。随后,南洋学院院长刘淑芸和韩国庆南大学副校长"
            "全夏成分别代表各自学校签署了合作备忘录。")
    keys = {e.key for e in _entities(text, "person")}
    assert "全夏成" in keys and "全夏" not in keys, keys


# ---- English --------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, names", [
    ("Chery is discussing with the Korean company Nanoria to build a plant.", {"Nanoria"}),
    ("Its rivals such as Veltrix, a premium EV unit of a Chinese carmaker, plan to enter.",
     {"Veltrix"}),
    ("Rivals such as Orvane, Kestrel and Quodra expanded.", {"Orvane", "Kestrel", "Quodra"}),
])
def test_english_bodies_introduced_by_their_kind(sentence: str, names: set[str]) -> None:
    orgs = set(_names(sentence))
    assert names <= orgs, orgs


@pytest.mark.parametrize("sentence", [
    "Kim Min-su, a researcher at the company, said so.",  # a person's role
    "The Korean company said it would invest.",  # no name after the kind
])
def test_english_kind_words_that_introduce_no_body(sentence: str) -> None:
    assert not (set(_names(sentence)) - {"Kim Min-su"})


def test_english_acronyms_shown_as_products_are_no_bodies() -> None:
    text = ("It employs the group's in-house developed electric vehicle platform, SPA. This "
            "model, developed based on the GPA platform derived from SPA, will be entirely "
            "produced in China.")
    orgs = _names(text)  # (spaCy alone tags both ORG)
    assert "SPA" not in orgs and "GPA" not in orgs, orgs


@pytest.mark.parametrize("sentence, orgs, people", [
    ("The delegation was led by Dean Wang Guixue of the school.", set(), {"Wang Guixue"}),
    ("Consul General Cheon LeBiao attended the event held by the city.", set(),
     {"Cheon LeBiao"}),
    ("Professor Dongchul Son of Kyungpook National University spoke.",
     {"Kyungpook National University"}, {"Dongchul Son"}),
    ("Mokpo National University and Zhejiang University of Technology signed an agreement.",
     {"Mokpo National University", "Zhejiang University of Technology"}, set()),
])
def test_english_spans_that_run_a_title_a_person_or_two_bodies_together(
        sentence: str, orgs: set[str], people: set[str]) -> None:
    assert set(_names(sentence)) == orgs
    assert set(_people(sentence)) == people


def test_english_one_body_with_and_stays_whole() -> None:
    assert _names("The Ministry of Trade, Industry and Energy said so.") == \
        ["Ministry of Trade, Industry and Energy"]


def test_english_nationality_is_no_person() -> None:
    assert _people("The S. Korean official said the South Korean side agreed.") == []


def test_english_memorandum_of_understanding_is_no_body() -> None:
    from kcbridge.docs.names_en import names_no_body

    assert names_no_body("Memorandum of Understanding")
    assert names_no_body("the Letter of Intent")
    assert names_no_body("Student Exchange Agreements")
    assert not names_no_body("Hanbit Motors")


# ---- Korean ---------------------------------------------------------------------------------
def test_korean_body_before_its_heads_title_whatever_kiwi_reads() -> None:
    text = "허평 청해민족대학 총장은 학생들이 많다고 말했다."
    assert "청해민족대학" in _names(text)
    assert "허평" in _people(text)


def test_korean_university_short_name_before_a_university_post() -> None:
    orgs = _names("류경호 한빛외국어대 교학부총장과 저우밍 저장사범대 부총장은 협약을 체결했다.")
    assert "한빛외국어대" in orgs, orgs
    assert _names("국립대 교수들은 반대했다.") == []


def test_korean_capitals_name_with_a_glued_title() -> None:
    text = "상명대 백웅기 총장(왼쪽)과 통화사범대 ZHU JUN YI총장이 기념촬영을 하고 있다."
    people = _people(text)
    assert "ZHU JUN YI" in people, people
    assert "통화사범대" not in people  # a university's short name, not a person


def test_korean_attendee_list_shows_the_slot_of_a_name() -> None:
    text = ("- (중국측) △인훙 장시성 당서기, △천징 상하이시 인민대표대회 부주임, "
            "△산이 랴오닝성 부성장, △장치샹 헤이룽장성 부성장")
    assert "산이" in _people(text)
    text = ("태원공대에서는 오옥정 당서기, 양의표 교사발전센터 주임, 장미진 체육대학 부원장, "
            "범위 예술디자인학과 주임 등 5명이 26일 협약을 체결한다.")
    assert "범위" in _people(text)


def test_korean_attendee_list_takes_no_company_in_the_name_slot() -> None:
    text = ("김동운 연변대학교 미술대학장, 김동신 이사장, 권영봉 대표, 대경교육 김설화 매니저, "
            "손빙봉 부사장")
    assert "대경교육" not in _people(text)


def test_korean_name_before_a_listed_ministry_is_no_part_of_it() -> None:
    text = "이번 협상에는 마현수 산업통상자원부 자유무역협정교섭관이 수석대표로 참석했다."
    assert "마현수 산업통상자원부" not in _names(text)
    assert "마현수" in _people(text)


def test_korean_ranks_and_ventures_are_no_names() -> None:
    assert "장관급" not in _people("2002년 구성된 장관급 정례 협의체인 상무 협력 대화를 신설했다.")
    orgs = _names("진흥공단은 한국 중소벤처기업의 중국 시장 진출을 지원한다.")
    assert not any(o.endswith("벤처") for o in orgs), orgs


@pytest.mark.parametrize("sentence, name", [
    ("중국 배터리 업체 누리온은 한국에 공장을 짓는다.", "누리온"),
    ("중국 소재 업체 롱바이 자회사 세진능원이 공장을 가동한다.", "롱바이"),  # 이 is the name's
    ("자회사 한빛머티리얼과 함께 투자한다.", "한빛머티리얼"),
])
def test_korean_body_introduced_by_its_kind(sentence: str, name: str) -> None:
    assert name in _names(sentence)


@pytest.mark.parametrize("sentence", [
    "업체 관계자는 설명했다.", "기업 설립을 지원한다.", "국내 기업 3곳이 참여했다.",
    "지역 기업인 조현일 대표가 참석했다.",  # 기업인: a businessman
])
def test_korean_kind_words_before_no_name(sentence: str) -> None:
    assert _names(sentence) == []


def test_korean_transliterated_name_with_a_spaced_family_name() -> None:
    text = "회의에는 김종철 산업부 통상협력국장과 왕 리핑 중국 상무부 아주사장이 참석했다."
    assert "왕 리핑" in _people(text)
    assert "왕 리핑 중국 상무부" not in _names(text)


def test_korean_countries_titles_and_universities_in_general_are_no_names() -> None:
    assert "한중일" not in _people("내일 개최되는 한중일 경제통상장관회의에서 논의한다. "
                                   "한중일 통상장관 회의가 열린다.")
    assert "상무위원" not in _names("중국 이우시 상무위원 왕웨이 부시장이 참석했다.")
    for sentence in ("중국 최고 연구중심대학인 칭화대학과 협력한다.",
                     "중국 전체 대학 가운데 3위다.", "각급대학의 교류가 늘었다."):
        orgs = _names(sentence)
        assert not any(o.startswith(("중국 최고", "중국 전체", "각급")) for o in orgs), orgs


# ---- renamed ministries ------------------------------------------------------------------
@pytest.mark.parametrize("alias, entry", [
    ("지식경제부", "KR-MOTIE"), ("산업자원부", "KR-MOTIE"), ("知识经济部", "KR-MOTIE"),
    ("외교통상부", "KR-MOFA"), ("Ministry of Foreign Affairs and Trade", "KR-MOFA"),
    ("미래창조과학부", "KR-MSIT"), ("중소기업청", "KR-MSS"),
])
def test_earlier_names_of_renamed_korean_ministries(alias: str, entry: str) -> None:
    found = organisations().lookup(alias)
    assert found is not None and found.id == entry


# ---- development sets (real pages read where they are) -----------------------------------
DATA = Path(__file__).resolve().parents[2] / "src" / "kcbridge" / "docs" / "data"
SETS = {
    # set: (texts, label file, {lang: ((org found, gold), (person found, gold))}) at the end
    # of the round (before: set 9 zh organisations 14/17, people 4/5 with 4/6 right; set 6 ko
    # people 31/33; set 10 ko people 27/29 with 27/28 right)
    "names9": (os.environ.get("KCBRIDGE_NAMES9_TEXTS", "/work/fresh_data/texts/names9"),
               "names_eval_pages_9.jsonl", {"zh": ((16, 17), (5, 5))}),
    "names10": (os.environ.get("KCBRIDGE_NAMES10_TEXTS", "/work/fresh_data/texts/names10"),
                "names_eval_pages_10.jsonl", {"ko": ((33, 33), (29, 29))}),
}


@pytest.mark.realdata
@pytest.mark.parametrize("name", sorted(SETS))
def test_development_sets_score_as_reported(name: str) -> None:
    texts, labels, expected = SETS[name]
    if not Path(texts).is_dir() or not any(Path(texts).iterdir()):
        pytest.skip(f"{name} texts are not in {texts}")
    from kcbridge.docs.news_evaluation import evaluate_folder

    result = evaluate_folder(f"{texts}:{DATA / labels}")
    rows = {row["lang"]: row for row in result["rows"]}
    assert expected and set(expected) <= set(rows)
    for lang, ((org_found, org_gold), (per_found, per_gold)) in expected.items():
        row = rows[lang]
        assert (row["organisation_found"], row["organisation_gold"]) == (org_found, org_gold)
        assert (row["person_found"], row["person_gold"]) == (per_found, per_gold)
        assert row["person_tp"] == row["person_extracted"], lang  # no false person


# ---- the eleventh names set (labelled blind while the round was written) ----------------
ELEVENTH = "names_eval_pages_11.jsonl"
ELEVENTH_TEXTS = Path(os.environ.get("KCBRIDGE_NAMES11_TEXTS", "/work/fresh_data/texts/names11"))
#: Organisation and people (found, gold, right, extracted) per language, scored once on the
#: code before the round (HEAD 968dad1, 21:46 UTC) and once on the frozen round (21:46 UTC).
ELEVENTH_BEFORE = {"ko": ((23, 25, 27, 29), (15, 19, 15, 15)),
                   "zh": ((22, 25, 23, 25), (23, 23, 23, 24)),
                   "en": ((6, 9, 7, 8), (13, 14, 13, 13))}
ELEVENTH_AFTER = {"ko": ((23, 25, 28, 29), (16, 19, 17, 17)),
                  "zh": ((23, 25, 24, 27), (23, 23, 23, 24)),
                  "en": ((6, 9, 7, 8), (13, 14, 13, 13))}


def test_eleventh_set_holds_labels_only() -> None:
    check_names_set(ELEVENTH, {"ko": 5, "zh": 5, "en": 5},
                    {"ko": (25, 19), "zh": (25, 23), "en": (9, 14)}, longest_alias=62)


def test_eleventh_set_shares_no_address_with_other_sets() -> None:
    assert_no_address_elsewhere(ELEVENTH)


def test_eleventh_set_before_and_after_the_round() -> None:
    """The round found one more Korean person and one more Chinese organisation on pages it
    never saw, and lost none (found never fell)."""
    for lang, (org, person) in ELEVENTH_AFTER.items():
        before_org, before_person = ELEVENTH_BEFORE[lang]
        assert org[0] >= before_org[0] and person[0] >= before_person[0], lang
    assert sum(v[1][0] for v in ELEVENTH_AFTER.values()) - \
        sum(v[1][0] for v in ELEVENTH_BEFORE.values()) == 1


#: The figures of the code as it stands: the names12 round used the set as development
#: data (seen) and raised them (tests/docs/test_names_round12.py); ELEVENTH_AFTER keeps the
#: names11 round's unseen score.
ELEVENTH_CURRENT = {"ko": ((25, 25, 30, 31), (19, 19, 20, 20)),
                    "zh": ((25, 25, 26, 26), (23, 23, 23, 23)),
                    "en": ((9, 9, 10, 10), (14, 14, 14, 14))}


def test_eleventh_set_scores_as_reported() -> None:
    """The current figures on the rebuilt texts (skipped without them), scored as ``kcbridge
    docs evaluate --set TEXTS:names_eval_pages_11.jsonl`` scores them."""
    measured = names_figures(ELEVENTH_TEXTS, ELEVENTH, "names set 11")
    assert {lang: measured[lang] for lang in ELEVENTH_CURRENT} == ELEVENTH_CURRENT
