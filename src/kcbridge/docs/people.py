"""Rules that decide whether a name is a person, shared by :mod:`.entities`.

* A list of public figures (``data/people.yaml``): names in three languages that no model
  of ours knows as people (리창, 왕이, 도널드 트럼프, 习近平), matched like the alias lists.
  Two-syllable Korean aliases (리창, 왕이) match only as a word of their own followed by a
  space, a particle or a title, never inside a longer word.
* Romanised Korean and Chinese names in English: family name + given name with or without
  a hyphen, in two or three parts ("Lee Jae-myung", "Lee Jae Myung", "Wang Wentao"),
  given-name-first ("Min-jun Kim"), family name in capitals ("ZHANG Wei").
* Bare one-token surnames ("Ahn", "Wang") are people only when an earlier (or later) full
  mention in the same document resolves them; they then take that person's key.
* Korean: a name next to a title must be a proper noun (Kiwi NNP), not a common noun with
  a particle (회담을, 공급, 부문장, 등이); a two-syllable name ("먀오 부장") is a bare
  surname unless the list knows it or a fuller mention resolves it. A Chinese name written
  in Hangul with its Han characters in brackets ("쉬관화(徐冠華) 중국 과학기술부 부장") is a
  person when a title follows within the clause.
* Chinese: a name starts with a family name (common single or double family names) and is
  no "Korean side" / "Korean firms" word (韩方, 韩企, 中方) nor a place or zone (黄渤海新区).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kcbridge.docs.gazetteer import Gazetteer, GazetteerMatch, load_entries

# The family names of Koreans (the first two lines below): a two-syllable Hangul name that
# starts with one of them and stands before a title is a full name ("김훈 집행회장"), while
# Korean transcriptions of Chinese family names ("먀오 부장") name a person by surname only.
KO_NATIVE_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
)
KO_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복"
    "태목형피두감음빈동온호범좌팽승간상시갈단견당화창"
    # first syllables of Chinese family names as Korean news writes them (리청강, 쉬관화,
    # 궈수칭, 뤄자오후이, 셰전화, 쑹타오, 덩샤오핑, 톈진위, 웨이젠궈)
    "리쉬저자궈뤄량셰쑹탕펑덩샤톈둥웨쑤루딩런야푸중먀친"
    # more of them (취환 曲欢, 싱지쥔 邢继俊, 후춘화 胡春华, 쉐진 薛进, 옌칭 严庆, 판웨이 潘伟,
    # 캉훙 康宏, 탄톈 谭天, 뉴펑 牛鹏, 뤼훙 吕红, 팡신 方新, 멍훙 孟宏, 궁정 龚正, 랴오훙 廖红,
    # 첸밍 钱明, 바이훙 白宏, 무훙 穆宏, 녜천 聂辰, 쿵샹 孔祥)
    "취싱후쉐옌판캉탄뉴뤼팡멍궁랴첸바무녜쿵닝"
)
ZH_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪周屠"
    "晋权楚闻郁索咸籍赖卓蔺幸阚匡国文寿戈"
    # Korean family names as Chinese news writes them (朴镇洙, 河云龟, 禹炳锡, 玄贞恩; names14
    # round), leaving out those that begin common words (具体, 宣布, 秋季, 延长, 都, 元, 千, 表,
    # 玉, 印, 庆)
    "朴河禹玄廉慎琴鞠芮奉"
)
ZH_DOUBLE_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "令狐",
                      "慕容", "长孙", "宇文", "司徒", "夏侯", "南宫")
# Second parts that make a "name" a side, a kind of firm or a relation ("韩方", "中企").
_ZH_NOT_NAME_REST = re.compile(
    r"^(?:方|企|资|商|侧|媒|合作|企业|双方|两国|新区|地区|园区|开发区|政府|市|省|区|县)$|(?:新区|地区|园区|开发区|产业园|集团|公司|大学|政府|方面|合作|企业|"
    r"经济|市场|关系|贸易|投资|产业|副)$"
    # a relation between countries: "韩对华投资" (Korea's investment in China), "中赴韩"
    r"|^(?:对|向|与|和|同|赴|在|访)[中韩美日朝俄欧华]"
)


@lru_cache(maxsize=1)
def people() -> Gazetteer:
    """The public-figure list (``data/people.yaml``)."""
    return Gazetteer(load_entries("people.yaml", "person"))


_HANGUL = re.compile(r"[가-힣]")


def listed_people(text: str, titles: tuple[str, ...]) -> list[GazetteerMatch]:
    """Matches of the public-figure list, two-syllable Korean aliases only as a word of
    their own (a space, particle or ``titles`` word after, no Hangul before)."""
    out = []
    for m in people().find(text):
        if len(m.text) <= 2 and _HANGUL.match(m.text):
            before = text[m.start - 1:m.start]
            after = text[m.end:m.end + 8]
            if _HANGUL.match(before) or not (
                after[:1] in ("", " ", ",", ".", "(")
                or re.match(r"(?:은|는|이|가|과|와|의|도|에게|측) ", after)
                or after.lstrip().startswith(titles)
            ):
                continue
        out.append(m)
    return out


# ---- English ----------------------------------------------------------------------
# Korean family names as they are romanised in practice: one family name has several
# spellings (이: Lee, Yi, Rhee, Rhie, Ri; 최: Choi, Choe, Chey, Chwe; 정: Jung, Jeong, Chung,
# Joung; 노: Noh, Roh, Ro; 허: Heo, Huh, Hur; 현: Hyun, Hyeon ...), and news keeps each
# person's own spelling ("Chey Tae-won", "Choe Sang-mok", "Hur Jin-soo"). Spellings that are
# common English words ("An", "Do", "So", "Im", "Na", "Ok", "Ye") are left out: a family
# name here makes "X Given" a person wherever the given name reads as romanised syllables.
KO_FAMILY_NAMES = (
    "Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Yoon|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Yoo|"
    "Hong|Jeon|Moon|Yang|Son|Bae|Baek|Heo|Nam|Noh|Roh|Ha|Kwak|Sung|Cha|Joo|Woo|Koo|Min|Ryu|"
    "Chung|Yi|Rhee|Suh|Chang|Chun|Kong|Byun|Um|Yeo|Ko|Go|Song|Shim|Ji|"
    # other spellings of the same families
    "Choe|Chey|Chwe|Joung|Jeung|Rhie|Rhim|Rim|Huh|Hur|Hyun|Hyeon|Koh|Gang|Kweon|Gwon|Gwak|"
    "Yun|Youn|Yeom|Yum|Eom|Ohm|Paik|Pak|Bak|Sohn|Seong|Seok|Suk|Ryoo|Cheon|Chon|Jun|Chae|"
    "Choo|Pyo|Pyun|Byeon|Yim|Hahn|Gil|Kil|Maeng|Tak|Doh|Myung|Myeong|Gong|Sim|Seol|Sul|Kye|"
    "Gye|Bang|Pang|Ju|Moh|Nah|Ra|Ro|Hyon|Bong|Cheong|Chu|Ham|Kyung|Kyeong"
)
ZH_FAMILY_NAMES = (
    "Wang|Li|Zhang|Liu|Chen|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Gao|Lin|Luo|Zheng|"
    "Liang|Xie|Tang|Feng|Deng|Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai|Jiang|Yu|Du|Ye|Cheng|"
    "Wei|Su|Lu|Ding|Ren|Shen|Yao|Jin|Fu|Zhong|Cui|Tan|Qin|Xi|Miao|Wen|Qiu|Fan|Gu|Shi|"
    "Hao|Bai|Meng|Xiong|Lei|Long|Duan|Hou|Tao|Yin|Qian|Mao|Yan|Wan|Xue|Dai|Mo|Niu|Ning"
)
EN_FAMILY_NAMES = f"{KO_FAMILY_NAMES}|{ZH_FAMILY_NAMES}"
_GIVEN = r"[A-Z][a-z]+(?:-[a-zA-Z][a-z]+)?"
_NOT_AFTER_NAME = (r"(?! (?:Group|Co|Corp|Holdings|Motor|Motors|Electronics|University|Institute|"
                   r"River|Province|City|Street|Road|District|Bridge|Hall|Tower|Building|"
                   r"Airport|Port)\b)")
# "Lee Jae-myung", "Wang Wentao", and Korean three-part names without a hyphen ("Lee Jae
# Myung": two short capitalised given-name syllables)
# "Kwang Dong Pharmaceutical": a company word is never a given name
_NOT_GIVEN = (r"(?!(?:Pharmaceuticals?|Electronics|Motors?|Chemicals?|Energy|Steel|Bank|"
              r"Securities|Insurance|Construction|Industries|Industrial|Shipbuilding|Group|"
              r"Holdings|Foods?|Airlines?|Logistics|Telecom)\b)")
EN_ASIAN_NAME = re.compile(
    rf"\b(?:(?:{KO_FAMILY_NAMES}) [A-Z][a-z]{{1,5}} [A-Z][a-z]{{1,5}}\b(?![ -][A-Z])"
    rf"|(?:{EN_FAMILY_NAMES}) {_NOT_GIVEN}{_GIVEN}\b){_NOT_AFTER_NAME}"
)
# "Min-jun Kim": a hyphenated given name first; its second syllable may be capitalised
# ("Seok-Hee Lee", names13), then both are short romanised syllables
EN_GIVEN_FIRST = re.compile(
    rf"\b(?:[A-Z][a-z]+-[a-z]+|[A-Z][a-z]{{1,4}}-[A-Z][a-z]{{1,4}}) (?:{EN_FAMILY_NAMES})\b")
# "ZHANG Wei", "LEE Jae-myung": family name in capitals (Chinese and Korean style)
# (a romanised Korean or Chinese given name never ends in "s": "CAO Meets" is a headline)
# ("YU President Noh": an acronym before a title is no family name)
EN_CAPS_FAMILY = re.compile(
    rf"\b(?:{EN_FAMILY_NAMES.upper()}) (?!\w+s\b)(?!(?:President|Chairman|Chairwoman|Chair|"
    rf"Minister|Director|Governor|Mayor|Professor|Ambassador|Premier|Secretary|Head|Dean)\b)"
    rf"{_GIVEN}\b"
)
# "the Trump administration", "Biden-era": a person named only through an office
EN_THROUGH_OFFICE = re.compile(r"^(?:'s)?[ -](?:administration|government|era|White House|"
                               r"cabinet|camp|team)\b", re.I)


def resolve_surname(token: str, full_names: list[str]) -> str | None:
    """The full name (last of ``full_names`` with ``token`` as one of its parts) or None."""
    for full in reversed(full_names):
        parts = re.split(r"[\s]+", full)
        if len(parts) > 1 and token in parts:
            return full
        if len(parts) > 1 and token in (p.split("-")[0] for p in parts):
            return full
    return None


# ---- Korean -----------------------------------------------------------------------
# "쉬관화(徐冠華)", "웨이샤우펑(魏小鵬)": a Hangul name (up to six syllables: a Chinese
# syllable may take two Hangul ones) with the person's Han characters in brackets
KO_NAME_WITH_HANJA = re.compile(
    r"(?<![가-힣])([가-힣]{2,6})\(([\u4e00-\u9fff]{2,4})\)(?=[\s,]|(?:은|는|이|가|과|와|의|도)[\s,]"
    r"|[가-힣])"  # a title glued to the bracket ("진위후(金育辉)부성장") is checked by the caller
)


def is_zh_person_name(word: str) -> bool:
    """Whether a Chinese word can be a person's name (see the module doc)."""
    if "·" in word or "•" in word:
        return True
    if not 2 <= len(word) <= 4:
        return False
    if word.startswith(ZH_DOUBLE_SURNAMES):
        rest = word[2:]
    elif word[0] in ZH_SURNAMES:
        rest = word[1:]
    else:
        return False
    if all(ch in _ZH_COUNTRY_ABBREVIATIONS for ch in word):
        return False  # "韩中", "中韩美": countries, not a family and a given name
    if word in _ZH_COMMON_WORDS:
        return False  # "曾经" (once), "高达" (as much as): words that start with a family name
    return bool(rest) and not _ZH_NOT_NAME_REST.search(rest)


# Common words that begin with a family-name character.
_ZH_COMMON_WORDS = frozenset(
    "曾经 曾在 曾任 高达 高于 高度 周年 周边 周期 方面 方案 金额 金融 黄金 安全 常务 马上 向前 "
    "时间 于是 和平 包括 应该 全面 成功 成为 万元 万亿 林业 石油 温度 关于 明年 今年 何时 于此 "
    # verbs of an invitation or a response ("总领事应邀出席": at the invitation)
    "应邀 应约 应对 应用 应当 应急"
    .split()
)


_ZH_COUNTRY_ABBREVIATIONS = set("中韩美日朝俄欧英法德印越泰澳加")
