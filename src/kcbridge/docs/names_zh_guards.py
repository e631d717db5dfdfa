"""Chinese word classes that decide whether a LAC word or a head-word stretch names a body or
a person (names12 round of issue 10).

Chinese news gives three shapes the earlier rules misread: an abstract noun or an adjective
that LAC types ORG ("核心竞争力", "…综合" before 能源项目), a stretch that starts with a bound
suffix of the word before it ("参观者传达集团": 者 ends 参观者), and a place right after "in
Korea" typed PER ("在韩国X接受采访"). A Japanese ministry ends in 省, which after 日本 is no
Chinese province ("日本财务省").
"""

from __future__ import annotations

import re

# A word after "in/to + country" ("在韩国X接受…") is a place in it, not a person.
ZH_IN_COUNTRY = re.compile(r"(?:在|于|赴|到|至|从|来自)(?:韩国|南韩|中国|日本|美国)$")
# Abstract nouns LAC may type ORG ("核心竞争力", "品牌影响力"), and a word that starts with
# a bound suffix ("者…集团"). Only compounds no firm ends with: 动力, 实力 and 综合 end
# names of firms too ("…动力" engine makers), and 化, 性, 地 begin names ("化工株式会社").
# A stretch that ends in an ordinal ranks something, it names no body ("在中国建第四",
# "中国第二大" before 车厂; names13): a name goes on after its ordinal ("第一汽车集团").
# A rank or a count inside a stretch ranks or counts bodies (names13: "世界前三大钢铁集团",
# "世界500强企业", "首个研发中心", "第三座电池厂", "现代两大集团"). A subsidiary named only by
# its country or relation ("美国子公司", "其他关联公司", "美国相关") is none of them by name.
ZH_NOT_BODY = re.compile(r"(?:竞争力|影响力|生产力|创新力|软实力|相关|"
                         r"第[一二三四五六七八九十两百\d]+大?)$|^[者们]|"
                         r"前[一二三四五六七八九十\d]+大|\d+强|[两俩]大|首[个家座所]|"
                         r"第[一二三四五六七八九十两百\d]+[座家个所]|"
                         r"^(?:美国|韩国|中国|日本|海外|境外|其他|其它)?(?:相关)?"
                         r"(?:子公司|关联公司|分公司)$")
# "…综合" typed ORG right before the project it names ("…综合能源项目"): an adjective of
# the project, no body.
_ADJECTIVE_END = re.compile(r"综合$")
_PROJECT_AFTER = re.compile(r"^(?:能源|开发|服务|体)?(?:项目|工程|基地)")


def adjective_before_project(word: str, after: str) -> bool:
    """Whether a LAC ORG word ends in the adjective 综合 and the text after it goes on with
    the project it qualifies ("…综合能源项目"): a project's name, no body."""
    return _ADJECTIVE_END.search(word) is not None and _PROJECT_AFTER.match(after) is not None
# A Japanese ministry: 日本 + its field (two or four characters) + 省.
ZH_JAPANESE_MINISTRY = re.compile(r"(日本(?:[一-鿿]{2}|[一-鿿]{4})省)(?![份会内长])")
