"""Chinese entity rules (:func:`kcbridge.docs.entities.extract_entities` calls them): LAC
ORG / PER / LOC on the simplified text, with people checked by family name (no "韩方",
"韩企"), organisations that name a body ("商协会" names none), a place followed by an
institution word ("韩国 中小企业振兴 公团"), outlets quoted as sources ("据韩联社报道") and an
alias that goes on into a longer company name."""

from __future__ import annotations

import re

from kcbridge.docs import models
from kcbridge.docs import names_zh_guards as _guards
from kcbridge.docs.entity_collector import NOT_ORG_ACRONYMS
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.entity_collector import resolve_place as _resolve_place
from kcbridge.docs.gazetteer import materials, organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import is_zh_person_name
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.statements import classify_sentence
from kcbridge.docs.text import Sentence, to_simplified

_ZH_MEDIA = re.compile(
    r"(?:据|援引|引述|来源[:：]?)([一-鿿A-Za-z0-9]{2,12}?(?:社|报|网|台|新闻|日报|时报|"
    r"晚报|电视台|通讯社|在线|之家|财经))(?=消息|报道|报导|称|援引|[,，:：。 ]|$)"
)
# A Latin outlet after the word for the press of a country: "据韩媒Chosun报道", "外媒
# Bloomberg称".
_ZH_LATIN_OUTLET = re.compile(
    r"(?:韩媒|外媒|日媒|美媒|港媒|台媒|英媒|韩国媒体|外国媒体|美国媒体|日本媒体|媒体)\s?"
    r"([A-Z][A-Za-z.&]+(?: [A-Z][A-Za-z.&]+){0,3})\s?(?=报道|报导|称|消息|援引|披露|指出)"
)
_ZH_TITLES = (
    "部长", "副部长", "部长助理", "主席", "总统", "总理", "副总理", "董事长", "总裁", "院长",
    "所长", "大使", "局长", "司长", "会长", "校长", "教授", "书记", "市长", "省长", "发言人",
    "首席执行官", "总经理", "理事长", "长官", "研究员", "主任", "副主任", "副院长", "副会长",
    "代表", "总领事", "领事", "参赞", "知事", "副知事", "区长", "副区长", "副校长", "执行会长",
    "首席代表", "厅长", "副省长", "副市长",
)
# LAC runs only on Chinese sentences that may name someone or something the alias lists do
# not know: a title, an organisation or place suffix, a foreign-name dot, or Latin letters.
_ZH_NAME_TRIGGER = re.compile(
    "|".join(_ZH_TITLES) + r"|公司|集团|研究院|研究所|大学|学院|协会|银行|中心|委员会"
    r"|[部局厅署厂省市县区州]"
    r"|·|[A-Za-z]"
    r"|、[^。]*等[^。，]{0,12}(?:企业|机构|组织|单位|韩企|车厂|车企|厂家|制造商|供应商|运营商)"
)
# An organisation named after its place: "青岛市政府", "上海交通大学", "深圳市科技局".
_ZH_INSTITUTION_END = re.compile(r"(?:政府|集团|公司|大学|学院|研究院|研究所|医院|银行|委员会|"
                                 r"[局厅委])$")
# Common words that contain a trigger character without naming anyone ("零部件", "市场",
# "签署"): masked before the trigger test.
_ZH_NOT_NAMES = re.compile(
    r"零部件|部分|全部|内部|外部|局部|部署|市场|城市|工厂|签署|地区|区域|代表团|局势|格局|局面"
)
# kiwipiepy runs only on Korean sentences holding a title or an organisation suffix: the
# person and organisation rules below need one of them, so the filter loses nothing.
_ZH_TITLE_SET = set(_ZH_TITLES)


# ---- Chinese: LAC on the simplified text ---------------------------------------------
# A name right after a title, which LAC may cut wrongly ("长官金正官" -> "官金", "正官"):
# a family name and one or two characters, followed by a conjunction, punctuation or a
# reporting or meeting verb.
_ZH_TITLE_THEN_NAME = re.compile(
    r"(?:长官|部长|总统|主席|总理|会长|董事长|社长|大使|市长|省长|书记|议长|委员长|总裁|"
    r"总领事|参赞|知事|区长|校长|理事长|首席代表|厅长|局长|司长|署长|行长|处长|馆长|所长|院长|"
    r"秘书长|总经理|主任|"
    # a chief officer's title (首席执行官, 首席生产官), an officer by function (研究官), a
    # Latin chief's title (CEO), a spouse named with her husband (夫人): names14 round
    r"首席[\u4e00-\u9fff]{1,3}官|研究官|外交官|检察官|夫人|C[EFTO]O)"
    r"([\u4e00-\u9fff]{2,3}?)"
    r"(?=[与和及、，,。；;（(]|一行|等|率|在|于|表示|出席|会见|会谈|举行|称|说|指出|强调|介绍|认为|"
    r"致辞|访|参观|签署|主持|走访|前往|到访|考察|调研|近日|日前|"
    # a date right after the name: "副部长陈健10月26日接受采访", "厅长李基哲7至9日访问北京"
    r"[0-9０-９]{1,2}(?:月|日|至|到|—|-))"
)


def _chinese_title_names(col: _Collector, s: Sentence) -> None:
    simple = to_simplified(s.text)
    for m in _ZH_TITLE_THEN_NAME.finditer(simple):
        name = m.group(1)
        if not is_zh_person_name(name) or len(name) < 2 or places().lookup(name):
            continue  # (a place after a title: "省长河北…" is no one)
        start = s.start + m.start(1)
        for e in [e for e in col.entities if e.source == "lac" and e.kind in ("place", "person")
                  and e.start < start < e.end <= start + len(name)]:
            col.remove(e)  # LAC's cut across the title's end ("研究官河正民" -> the place "官河")
        if col.free(start, start + len(name)):
            col.add(Entity("person", s.text[m.start(1):m.end(1)], start, start + len(name),
                           s.index, name, "zh", 0.6, "rules",
                           role=re.split(r"[与和及、，,。；;：:]",
                                         simple[max(0, m.start() - 12):m.start(1)])[-1]))


def _chinese(col: _Collector, sentences: list[Sentence]) -> None:
    todo = [s for s in sentences
            if _ZH_NAME_TRIGGER.search(_ZH_NOT_NAMES.sub(" ", to_simplified(s.text)))
            or classify_sentence(s.text, "zh") is not None]  # parties of statements matter
    tagged = models.chinese_tag([to_simplified(s.text) for s in todo])
    for s in sentences:
        simple = to_simplified(s.text)
        # 据韩联社消息, 来源:国际在线, 据韩媒Chosun报道
        for m in [*_ZH_MEDIA.finditer(simple), *_ZH_LATIN_OUTLET.finditer(simple)]:
            start = s.start + m.start(1)
            key, country = _resolve_org(m.group(1))
            col.add_absorbing(Entity("organisation", s.text[m.start(1):m.end(1)], start,
                                     start + len(m.group(1)), s.index, key, "zh", 0.6, "rules",
                                     country=country), kinds=("place", "organisation"))
    lists = []
    for s, words in zip(todo, tagged, strict=True):
        _chinese_place_institutions(col, s, words)
        lists.append((s, words))
        offsets, pos = [], 0
        for word, _tag in words:
            offsets.append(pos)
            pos += len(word)
        for k, (word, tag) in enumerate(words):
            start, end = s.start + offsets[k], s.start + offsets[k] + len(word)
            surface = s.text[offsets[k]:offsets[k] + len(word)]
            if tag == "PER" and len(word) >= 4 and word.endswith("一行"):
                # "卢东一一行": LAC ran "and party" (一行) into the name
                word, surface, end = word[:-2], surface[:-2], end - 2
            elif tag == "PER" and len(word) == 2 and \
                    s.text.startswith("一一行", offsets[k] + len(word)):
                # "朴东 / 一一行": LAC cut a name ending in 一 before "and party"
                word, surface, end = word + "一", surface + "一", end + 1
            if tag in ("ORG", "PER", "nz") and _zh_extends_alias(col, start, end, word):
                continue  # 现代迪万伦: the alias 现代 goes on into a longer company name
            if tag == "ORG":
                if (is_sector_keyword(word) or all(ch in materials().entries_chars for ch in word)
                        or not _zh_org_ok(word) or _guards.adjective_before_project(
                            word, to_simplified(s.text[end - s.start:end - s.start + 6]))):
                    continue
                key, country = _resolve_org(word)
                col.add_absorbing(Entity("organisation", surface, start, end, s.index, key, "zh",
                                         0.7, "lac", country=country))
            elif tag == "PER" and _ZH_PLACE_GOES_ON.match(to_simplified(
                    s.text[offsets[k] + len(word):offsets[k] + len(word) + 3])):
                continue  # "韩忠清" in "韩忠清北道": LAC cut a province, not a name
            elif tag == "PER" and (re.search(r"[0-9]", word) or re.match(
                    r"[0-9A-Za-z]", s.text[offsets[k] + len(word):] or " ")):
                continue  # "艾尼氪5 Robot Taxi": a model name goes on with a number
            elif tag == "PER" and _zh_rest_is_named(word):
                continue  # "应首尔市长…邀请": a verb before a place, not 应 + a given name
            elif tag == "PER" and _guards.ZH_IN_COUNTRY.search(to_simplified(s.text[:offsets[k]])):
                continue  # "在韩国龙仁接受采访": a place in a country, not a person (names12)
            elif tag == "PER" and len(word) >= 2 and (
                    is_zh_person_name(word)
                    or _chinese_role(words, k) and not _ZH_NOT_PERSON.search(word)):
                role = _chinese_role(words, k)
                key = word
                if word[1:] in _ZH_TITLE_SET:  # "金总理": a family name and a title
                    key, role = _zh_earlier_full_name(col, word[0], start), word[1:]
                    if not key:
                        continue  # no full name before it: a bare family name is no person
                col.add_absorbing(Entity("person", surface, start, end, s.index, key, "zh", 0.7,
                                         "lac", role=role))
            elif tag == "LOC":
                key, country = _resolve_place(word)
                col.add(Entity("place", surface, start, end, s.index, key, "zh", 0.7, "lac",
                               country=country))
    for s in todo:
        _chinese_title_names(col, s)
    for s in sentences:
        _chinese_structure(col, s)
        _chinese_suffix_names(col, s)
    from kcbridge.docs.names_zh_lists import chinese_lists

    for s, words in lists:  # last: the list rule counts the bodies the others found
        chinese_lists(col, s, words)
    _zh_trim_prepositions(col)


# "以韩国全国市道知事协议会会长…为首": a preposition the rules ran into a body's name.
_ZH_LEADING_PREPOSITION = re.compile(r"^(?:隶属于|属于|来自|应(?!用|急)|[以由与同向对据在经和及])")


def _zh_trim_prepositions(col: _Collector) -> None:
    for k, e in enumerate(col.entities):
        if e.kind != "organisation" or e.lang != "zh" or e.source != "rules" or \
                len(e.text) < 6 or not _ZH_LEADING_PREPOSITION.match(e.text) or \
                organisations().lookup(e.text):
            continue
        cut = _ZH_LEADING_PREPOSITION.match(e.text).end()  # type: ignore[union-attr]
        name = e.text[cut:]
        key, country = _resolve_org(name)
        col.narrow(k, Entity("organisation", name, e.start + cut, e.end, e.sentence, key, "zh",
                             e.confidence, e.source, country=country))


_ZH_PLACE_GOES_ON = re.compile(r"^(?:北道|南道|道|省|市|县|区|州)")
_ZH_NOT_PERSON = re.compile(r"[方企副]$|新区|地区|园区|政府|公司|集团|^[韩中日美朝俄欧]+$|"
                            r"大学|学院|学校|协会|商会|中心|银行|医院")  # "暻园大学" (names11)


def _zh_rest_is_named(word: str) -> bool:
    """Whether what follows a "family name" is itself a place or a listed body ("应首尔":
    the verb 应 before 首尔, not a person) (names11)."""
    rest = to_simplified(word[1:])
    return len(rest) >= 2 and bool(places().lookup(rest) or organisations().lookup(rest))


def _zh_earlier_full_name(col: _Collector, family: str, before: int) -> str:
    """The full name of a person with family name ``family`` found before ``before`` ("金民锡"
    for a later "金总理"), or "" when the text has none."""
    for e in sorted(col.entities, key=lambda e: -e.start):
        if e.kind == "person" and e.start < before and e.key.startswith(family) and \
                len(e.key) >= 2 and e.key[1:] not in _ZH_TITLE_SET:
            return e.key
    return ""
# An institution named by its country or city and common nouns that LAC leaves untagged
# ("韩国 中小企业振兴 公团", "云南省 农业科学 研究所").
_ZH_INSTITUTION_WORD = re.compile(
    r"(?:公团|公社|研究院|研究所|研究会|科学院|协会|商会|委员会|集团|公司|银行|大学|学院|"
    r"振兴院|管理院|事业团|基金会|联合会|协议会)$")


def _chinese_place_institutions(col: _Collector, s: Sentence, words: list) -> None:  # type: ignore[type-arg]
    pos, offsets = 0, []
    for word, _tag in words:
        offsets.append(pos)
        pos += len(word)
    for k, (word, tag) in enumerate(words):
        if tag != "LOC" or not places().lookup(word):
            continue
        for j in range(k + 1, min(k + 5, len(words))):
            w, t = words[j]
            if t not in ("n", "nz", "vn", "ORG", "nt"):
                break
            if _ZH_INSTITUTION_WORD.search(w) and j > k + 1 or (
                    _ZH_INSTITUTION_WORD.search(w) and len(w) >= 4):
                start, end = offsets[k], offsets[j] + len(w)
                name = s.text[start:end]
                if _guards.ZH_NOT_BODY.search(to_simplified(name)):
                    break  # "美國相關子公司": a subsidiary by its country (names13)
                key, country = _resolve_org(name)
                col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end,
                                         s.index, key, "zh", 0.6, "lac", country=country),
                                  kinds=("place", "organisation"))
                break


_ZH_ORG_SUFFIX = re.compile(
    r"(?:集团|公司|研究院|研究所|科学院|大学|学院|协会|商会|银行|中心|委员会|政府|部|局|厅|署|办|"
    r"公团|院|会|社|报|台|网|馆)$")
# An ORG word without an institution word is no name when it is only a side or country
# abbreviation with common field nouns ("韩中科技", "国际创新", "中韩产业技术创新"): LAC
# cut it out of a longer phrase.
_ZH_FIELD_ONLY = re.compile(
    r"^(?:中韩|韩中|中日韩|中日|中美|中|韩|国际|全球|两国|双方|地方|韩国|中国|美国|日本)?"
    r"(?:科技|科学|技术|产业|经济|贸易|经贸|创新|合作|交流|文化|发展|投资|金融|能源|数字|"
    r"半导体|汽车|商务|人文|友好|行业|业界|地方|电子|信息|通信|材料|化工|生物|医药|环保|"
    r"新能源)+$"
)
# A numeral or quantifier before the institution word ("四大集团", "多家公司"): no name.
_ZH_COUNTED = re.compile(r"^(?:韩国|南韩|中国|美国|日本|韩|中|今后|其他|其它|另外)?"
                         r"[一二三四五六七八九十两几数多各众百千万]+[大家个所类]?(?:"
                         r"集团|公司|企业|银行|大学|机构|商会|协会|院|所|会)$")
# A verb or preposition inside an ORG word: LAC ran a clause together ("上海设办事处",
# "学校进入国家一流大学").
_ZH_CLAUSE_CHARS = re.compile(r"^在|.[在设将把被]|.(?:进入|成为|加入|跻身|位于|入选)")


_ZH_DELEGATION = re.compile(r"(?:代表团|使节团|考察团|访问团|调研组|访华团|访韩团)$")


def _zh_org_ok(word: str) -> bool:
    """An ORG word names a body: it is listed, Latin, or has a name part of two or more
    characters before its institution suffix ("商协会", "新时代" name none)."""
    if organisations().lookup(word):
        return True
    if re.search(r"[A-Za-z]", word):
        return word not in NOT_ORG_ACRONYMS  # "HSK" (a language test) is no body
    if _ZH_DELEGATION.search(to_simplified(word)):
        return False  # "中国代表团": a delegation is people sent, not a body
    if _ZH_CLAUSE_CHARS.search(word) or _guards.ZH_NOT_BODY.search(to_simplified(word)):
        return False
    if _ZH_FIELD_ONLY.match(re.sub(r"(?:工厂|厂商|企业|厂|商)$", "", to_simplified(word))):
        return False  # "韩国半导体厂", "中国汽车企业": a kind of maker, not one maker
    m = _ZH_ORG_SUFFIX.search(word)
    if m is None:
        return len(word) >= 4 and not _ZH_FIELD_ONLY.match(word)
    return m.start() >= 2 and not _ZH_COUNTED.match(word)


def _zh_extends_alias(col: _Collector, start: int, end: int, word: str) -> bool:
    """Replace an organisation alias that ends right where a LAC name starts by one
    organisation over both (现代 + 迪万伦 -> 现代迪万伦)."""
    alias = next((e for e in col.entities if e.kind == "organisation" and e.end == start
                  and e.source == "alias-list" and e.lang in ("", "zh")), None)
    if alias is None or not col.free(start, end) or len(word) < 2:
        return False
    col.remove(alias)
    text = alias.text + word
    col.add(Entity("organisation", text, alias.start, end, alias.sentence, text, "zh", 0.7,
                   "lac", country=alias.country))
    return True


def _chinese_role(words: list[tuple[str, str]], k: int) -> str:
    def is_title(word: str) -> bool:
        return word in _ZH_TITLE_SET or any(word.endswith(t) for t in _ZH_TITLES)

    if k > 0 and is_title(words[k - 1][0]):
        parts = [words[k - 1][0]]
        j = k - 2
        while j >= 0 and words[j][1] in ("ORG", "LOC", "n", "nz") and len(parts) < 4:
            parts.insert(0, words[j][0])
            j -= 1
        return "".join(parts)
    if k + 1 < len(words) and is_title(words[k + 1][0]):
        return words[k + 1][0]
    return ""


# ---- Chinese: names by their institution word, where LAC tagged none -------------------
# A name runs from a clause boundary (punctuation, quotes, "与/和/由/同/及/的") to an
# institution or legal-form word: "由中国驻釜山总领事馆、韩国庆尚北道道厅主办",
# "与「三进爱陌客有限公司」合作", "一带一路研究院理事长". The stretch may not hold a verb,
# a preposition or a conjunction (a clause or a list, not a name: "高校和有关协会") and is at
# most 14 characters; names with 和 (国家发展和改革委员会) come from the alias list or LAC.
_ZH_HEAD_WORD = (r"有限责任公司|股份有限公司|有限公司|株式会社|集团公司|集团|研究院|研究所|研究会|"
                 r"科学院|协会|商会|学会|基金会|委员会|总领事馆|领事馆|大使馆|道厅|公团|银行|"
                 r"大学|学院|咨询会议|振兴院|中心|联合会|协议会|代表处|办事处|事务所|"
                 # Korean bodies in Chinese news: "好丽友中国法人" (a firm's Chinese
                 # subsidiary, 중국법인), "新机场促进本部" (a Korean 본부)
                 r"中国法人|在华法人|本部|"
                 # a Korean 재단 and 공사 as Chinese news writes them: "韩国国际交流财团",
                 # "大韩贸易振兴公社" (names11)
                 r"财团|公社|"
                 # a Korean 중앙회 as Chinese writes it: "…协同组合中央会" (names12)
                 r"中央会")
# A character of a name is no connector ("与", "和" ... end the stretch before it); 同 is
# one except in 协同组合 (협동조합), which Korean bodies' names hold (names12).
_ZH_NO_CONNECTOR = r"(?![与和及由的在]|同(?!组合))"
_ZH_HEAD_NAME = re.compile(
    r"(?:(?<=[，,、。；;：:「」“”『』《》（）()\s与和及同由的在])|^)"
    r"((?:" + _ZH_NO_CONNECTOR + r"[一-鿿A-Za-z0-9·（）()]){2,14}?(?:" + _ZH_HEAD_WORD + r"))"
    # "两国大学生" (students), "中心城市" (a central city): no body (names11)
    r"(?![生城])"
)
_ZH_HEAD_NOT_NAME = re.compile(r"[在设将把被是为对向从让给了着过也都还就又很最等]|地处|位于|"
                               r"进入|成为|加入|跻身|入选|"  # "学校进入国家一流大学": a clause
                               r"^(?:希望|期待|欢迎|推动|支持|鼓励|通过|加强|促进|感谢|"
                               r"利用|借助|依托|发挥|用好|搭建|依靠)|"  # names11
                               r"^(?:该|本|其|这|那|各|多|每|有关|相关|两|双方)")
# A verb of visiting or meeting inside a stretch that ends in a head word: a clause whose
# object is the body ("李基哲走访好丽友中国法人").
_ZH_VISIT_VERB = re.compile(r"走访|访问|参观|考察|前往|出席|会见|视察|拜访|到访|到|赴")
# A Latin name after the noun of its kind ("技术公司SWM将与", "品牌Photoism"), or after the
# praise news gives a firm instead ("游戏巨擘Krafton", "娱乐巨头X", names13).
_ZH_KIND_THEN_LATIN = re.compile(
    r"(?:公司|企业|集团|厂商|品牌|大厂|制造商|供应商|巨头|巨擘|龙头|开发商|运营商)"
    r"([A-Z][A-Za-z0-9&\-]{1,15})(?![A-Za-z])"
)


# A Korean national agency written in Chinese: 韩国 + its field + 厅 (청), e.g. 韩国气象厅;
# 厅 alone is too common a word (餐厅, 大厅, 宴会厅) to be a head word (added after the seventh
# names set's first score).
_ZH_KOREAN_AGENCY = re.compile(r"(韩国[一-鿿]{2,6}?(?<![餐大展客舞歌议会])厅)(?![里内外中])")


def _chinese_suffix_names(col: _Collector, s: Sentence) -> None:
    simple = to_simplified(s.text)
    found = [(m.start(1), m.group(1)) for m in _ZH_KIND_THEN_LATIN.finditer(simple)]
    for m in _ZH_HEAD_NAME.finditer(simple):
        name, offset = m.group(1), m.start(1)
        visits = list(_ZH_VISIT_VERB.finditer(name))
        if visits:  # "李基哲走访好丽友中国法人": the body is what was visited
            name, offset = name[visits[-1].end():], offset + visits[-1].end()
        if _ZH_HEAD_NOT_NAME.search(name[:-2]) or _ZH_COUNTED.match(name) or \
                _guards.ZH_NOT_BODY.search(name) or \
                name.count("(") != name.count(")") or name.count("（") != name.count("）"):
            continue
        head = re.search(_ZH_HEAD_WORD + "$", name)
        if head is None or head.start() < 2 or \
                head.group() == "中心" and (not 4 <= head.start() <= 10
                                          or _ZH_CENTRE_VERB.search(name)) or \
                _ZH_KIND_OF.search(name[:head.start()]):
            continue  # "大学" alone, "本公司", "研发中心", "研究型大学"
        found.append((offset, name))
    for m in _ZH_KOREAN_AGENCY.finditer(simple):  # 韩国气象厅: a Korean agency (청 = 厅)
        found.append((m.start(1), m.group(1)))
    for m in _guards.ZH_JAPANESE_MINISTRY.finditer(simple):  # 日本财务省: a Japanese ministry
        found.append((m.start(1), m.group(1)))
    for m in _ZH_BODY_THEN_TITLE.finditer(simple):  # 知识经济部长官: the ministry, then the title
        if not _ZH_HEAD_NOT_NAME.search(m.group(1)):
            found.append((m.start(1), m.group(1)))
    for offset, name in found:
        if name in _ZH_NOT_ORG_LATIN or places().lookup(name):
            continue
        start = s.start + offset
        # "庆尚北道(省)道厅" is "庆尚北道道厅" with a gloss: one key for both
        key, country = _resolve_org(re.sub(r"[(（][一-鿿]{1,2}[)）]", "", name))
        col.add_absorbing(Entity("organisation", s.text[offset:offset + len(name)], start,
                                 start + len(name), s.index, key, "zh", 0.55, "rules",
                                 country=country), kinds=("place", "organisation"),
                          sources=("alias-list", "lac", "rules"))


# A verb before 中心: a clause about a centre, not its name ("成立联合研究中心").
_ZH_CENTRE_VERB = re.compile(r"成立|建立|设立|举办|共建|签署|开设|启动|打造|建设")
# A kind of body, not a name: "研究型大学", "综合性大学", "创新型企业".
_ZH_KIND_OF = re.compile(r"(?:型|性|类|级)$")
# "国家技术转移东部中心(以下简称“东部中心”)": a name and the short name the text uses.
_ZH_SHORT_NAME = re.compile(
    r"(?:(?<=[，,、。；;：:「」“”（）()\s与和及同由的在])|^)"
    r"((?:" + _ZH_NO_CONNECTOR + r"[一-鿿A-Za-z0-9·]){4,20}?)[(（](?:以下|下)?简称[:：]?[“\"「]?"
    r"([一-鿿A-Za-z0-9]{2,10})[”\"」]?[)）]"
)
# A Latin name after a Chinese title, or before "一行"/博士 ("校长Sung-Chul Shin一行",
# "主席Yeungshik Kim"): a person written in Latin letters.
_ZH_LATIN_PERSON = re.compile(
    r"(?:" + "|".join(sorted(_ZH_TITLES + ("议长", "社长", "博士", "先生", "女士", "副校长"),
                             key=len, reverse=True)) + r")"
    r"([A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2})"
    r"(?![A-Za-z])"
)


# "韩国《亚洲日报》微博消息", "据《环球时报》记者": an outlet named in title marks.
_ZH_QUOTED_OUTLET = re.compile(
    r"《([一-鿿A-Za-z]{2,10}(?:日报|时报|晚报|商报|周报|新闻|周刊|报))》"
)
# "合资法人“Ultium Cells”", "合资公司“华金新能源”": a company named in quotes after its kind.
_ZH_QUOTED_COMPANY = re.compile(
    r"(?:合资法人企业|合资法人|合资公司|合资企业|法人企业|子公司|新公司)[“\"「]([^”\"」]{2,30})[”\"」]"
)
# "我省施小琳省长会面", "与王文涛部长会谈": a name right before its title.
_ZH_NAME_THEN_TITLE = re.compile(
    r"(?:(?<=[与和及、，,。；;（(由同])|(?<=我省|我市|本省|本市|该省|该市))"
    r"([一-鿿]{2,3}?)(?=省长|市长|部长|主席|会长|董事长|总裁|大使|书记|院长|校长|局长|总领事)"
)


# "与高通CEO克里斯蒂安娜·阿蒙": a firm right before its chief's title (names11).
_ZH_FIRM_BEFORE_CEO = re.compile(
    r"(?:(?<=[与和及同、，,。由的])|^)((?:(?![与和及同由的])[一-鿿]){2,6})(?=CEO|首席执行官|执行长)"
)
_ZH_GENERIC_FIRM = re.compile(r"^(?:该|本|其|这家|那家|一家|两家)?(?:公司|集团|企业|厂商|品牌)$")


def _chinese_structure(col: _Collector, s: Sentence) -> None:
    simple = to_simplified(s.text)
    for m in _ZH_FIRM_BEFORE_CEO.finditer(simple):
        name = m.group(1)
        if _ZH_GENERIC_FIRM.match(name) or places().lookup(name) or \
                _ZH_HEAD_NOT_NAME.search(name) or name.endswith(tuple(_ZH_TITLES)):
            continue
        start = s.start + m.start(1)
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", s.text[m.start(1):m.end(1)], start,
                                 start + len(name), s.index, key, "zh", 0.6, "rules",
                                 country=country), kinds=("place", "person"),
                          sources=("lac", "rules"))
    for m in [*_ZH_QUOTED_OUTLET.finditer(simple), *_ZH_QUOTED_COMPANY.finditer(simple)]:
        name = m.group(1).strip()
        if places().lookup(name) or name in _ZH_NOT_ORG_LATIN:
            continue
        start = s.start + m.start(1)
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", s.text[m.start(1):m.start(1) + len(name)],
                                 start, start + len(name), s.index, key, "zh", 0.6, "rules",
                                 country=country), kinds=("place", "organisation", "person"),
                          sources=("alias-list", "lac"))
    for m in _ZH_NAME_THEN_TITLE.finditer(simple):
        name = m.group(1)
        if not is_zh_person_name(name) or places().lookup(name) or \
                organisations().lookup(name) or _zh_rest_is_named(name):
            continue
        start = s.start + m.start(1)
        col.add_absorbing(Entity("person", s.text[m.start(1):m.end(1)], start,
                                 start + len(name), s.index, name, "zh", 0.6, "rules",
                                 role=simple[m.end(1):m.end(1) + 3].rstrip("会见谈")),
                          kinds=("person", "place"), sources=("lac", "alias-list"))
    for m in _ZH_SHORT_NAME.finditer(simple):
        name, short = m.group(1), m.group(2)
        if _ZH_HEAD_NOT_NAME.search(name) or places().lookup(name):
            continue
        start = s.start + m.start(1)
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", s.text[m.start(1):m.end(1)], start,
                                 start + len(name), s.index, key, "zh", 0.55, "rules",
                                 country=country), kinds=("place", "organisation"),
                          sources=("alias-list", "lac", "rules"))
        short_start = s.start + m.start(2)
        col.add(Entity("organisation", s.text[m.start(2):m.end(2)], short_start,
                       short_start + len(short), s.index, key, "zh", 0.55, "rules",
                       country=country))
    for m in _ZH_LATIN_PERSON.finditer(s.text):
        name = m.group(1)
        if organisations().lookup(name) or places().lookup(name):
            continue
        start = s.start + m.start(1)
        col.add_absorbing(Entity("person", name, start, start + len(name), s.index, name, "zh",
                                 0.6, "rules"), kinds=("organisation", "place", "person"),
                          sources=("lac",))


_ZH_BODY_THEN_TITLE = re.compile(
    r"(?:(?<=[，,、。；;：:「」“”（）()\s与和及同由的国])|^)([一-鿿]{2,8}部)(?=长官|部长|副部长|次官)"
)
_ZH_NOT_ORG_LATIN = {"MOU", "AI", "IP", "CEO", "OEM", "IT", "ICT", "EV", "VEU", "BIS"}
