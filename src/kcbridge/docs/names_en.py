"""English names where neither the alias lists nor spaCy carry enough evidence on their own:
shapes that make a capitalised run an organisation, and guards that keep spaCy's or the
romanised-name rule's spans from turning headline words, places and glued words into
names. Used by :mod:`.entities`; each rule was written from misses and false names on real
English development pages (issue 10, ennames round), never from a list of names.

Organisations by shape:

* a **legal suffix** closes a company's name: "Seoyon E-Hwa Co", "EVE Asia Co., Ltd.",
  "Qingdao Haier Corp" (the suffix is evidence enough, no list needed);
* a **news outlet quoted as a source** by its reporters: "reporters from the 21st Century
  Business Herald", "Yonhap reporters", "in an interview with the Korea Economic Daily"
  (the name must end in an outlet word or be an acronym, so that "Chinese reporters" is
  not an outlet).

Guards (a span is dropped, never re-typed, when one fires):

* a **romanised given name** must split into romanised Korean or Chinese syllables
  ("Jae Myung", "Wentao", "Kyunghwa"); "Park Invested", "Long Term", "Ma Draws" are a
  family name followed by an English word. Hyphenated given names are not checked (the
  hyphen already says Korean romanisation, and news misspells them: "Byeong-Seugs");
* a spaCy **person** span ending in a facility or place word ("Dafeng Port",
  "Pudong Airport") is no person;
* a spaCy **organisation** span that is a place glued to a common word ("Koreaproduct",
  pasted text without its spaces), a place with a plural "s" ("Chinas", a possessive
  without its apostrophe), two places joined by a hyphen ("ROK-China", a relation) or a
  disease ("COVID-19") is no organisation;
* nor is one that names no body at all (ennames2 round, :func:`names_no_body`): a headline
  run ("Small And Medium Enterprises In Korea Eye ..." - a capitalised "And"/"In"/"To" inside
  a run is title case, real names write them in lower case), an event or a document
  ("Korea-China Business Forum 2024", "the Annual Report", "Joint Statement"), a headline
  clause with its verb ("China Draws Attention", "Citing Japan"), a
  nationality or place followed only by generic words or a title ("Korean Industry" of
  "Korean Industry Minister", "Australian Ambassador", "the New China", "Chinese Side"),
  a lone generic word ("State" of
  "State Councilor", "Eastern") or a generic acronym ("SME"). A name the alias list knows
  is never dropped.
"""

from __future__ import annotations

import re

from kcbridge.docs.gazetteer import organisations, places

# ---- romanised syllables ----------------------------------------------------------------
# Korean (Revised and McCune-Reischauer-like spellings as news writes them) and Hanyu
# pinyin: an initial (with a y / w glide), a vowel nucleus and an optional final. No "v",
# no "d" / "s" / "x" finals and no "dr" / "st" clusters: English words fail on those.
_INITIAL = r"(?:kk|tt|pp|ss|jj|zh|ch|sh|ts|ph|th|kh|[bpmfdtnlgkhjqxrzcsyw])?[yw]?"
_NUCLEUS = (r"(?:yeo|yae|wae|eui|iao|uai|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|ai|ei|"
            r"ao|ia|ie|iu|io|ua|uo|ue|a|e|i|o|u)")
_FINAL = r"(?:ng|n|m|l|k|p|t|g|b|r)?"
_ROMANISED = re.compile(rf"(?:{_INITIAL}{_NUCLEUS}{_FINAL})+", re.I)


def romanised_given_name(given: str) -> bool:
    """Whether ``given`` (one word, or two for Korean three-part names written with a
    space) can be a romanised Korean or Chinese given name. Hyphenated names pass."""
    words = given.split()
    if any("-" in w for w in words):
        return True
    return all(_ROMANISED.fullmatch(w) is not None for w in words)


# ---- organisations by their legal suffix ---------------------------------------------
# (a legal suffix inside a run ends a name: "Hanra Co and Qinglan Corp" are two companies)
_NAME_WORD = (r"(?!(?:Co|Corp|Inc|Ltd|LLC|PLC|Limited|GmbH)\b)"
              r"(?:[A-Z][\w&'’.]*(?:-[A-Za-z][\w'’]*)*)")
EN_LEGAL_SUFFIX = re.compile(
    rf"(?<![\w&'’-])({_NAME_WORD}(?: (?:{_NAME_WORD}|&|and)){{0,5}}"
    r"(?:,? (?:Co\.?,? Ltd\.?|Co\., Ltd|Co\.|Co|Corp\.?|Inc\.?|Ltd\.?|Limited|LLC|PLC|GmbH)))"
    r"(?![\w-])"
)
# Words that start a sentence or a clause, not a name ("The", "In"), and titles.
_NOT_FIRST = frozenset("""
    The A An In On At For But And It Its This That These Those They He She We I As By From
    With Under Over After Before Since While When Where If Both Each All Some Such
    Minister President Chairman CEO Director Mayor Governor Ambassador Professor Premier
""".split())


def legal_suffix_names(sentence: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, name) of company names closed by a legal suffix."""
    out = []
    for m in EN_LEGAL_SUFFIX.finditer(sentence):
        name, start = m.group(1), m.start(1)
        words = name.split()
        while words and (words[0] in _NOT_FIRST or words[0] in ("and", "&")):
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2:
            continue  # "Co" alone
        name = " ".join(words)
        if name.endswith(".") and not sentence[start + len(name):].strip():
            name = name[:-1]  # "... Parts Corp.": the sentence's full stop
        out.append((start, start + len(name), name))
    return out


# ---- news outlets quoted through their reporters ------------------------------------------
_OUTLET_WORD = (r"(?:News|Times|Daily|Post|Herald|Journal|Press|Agency|Gazette|Tribune|Review|"
                r"Weekly|TV|Television|Broadcasting|Radio|Network|Online|Economist|Telegraph|"
                r"Observer|Insider|Wire|Media|Ilbo|Shimbun|Sinmun|Xinwen)")
_OUTLET_NAME = r"((?:\d+(?:st|nd|rd|th) )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4})"
EN_OUTLET_CUE = re.compile(
    rf"(?:reporters?|correspondents?|journalists?|editors?) (?:from|of|at|with) (?:the )?"
    rf"{_OUTLET_NAME}"
    rf"|(?:interview with|told|speaking to|in an interview to) (?:the )?{_OUTLET_NAME}"
    rf"|(?<![\w'’-]){_OUTLET_NAME}(?: \([A-Z]{{2,6}}\))? (?:reporters?|correspondents?|"
    r"journalists?)\b"
)


def outlet_names(sentence: str) -> list[tuple[int, int, str]]:
    """Spans of news outlets named through their reporters or an interview."""
    out = []
    for m in EN_OUTLET_CUE.finditer(sentence):
        group = next(i for i in (1, 2, 3) if m.group(i))
        name = m.group(group)
        start = m.start(group)
        words = name.split()
        while words and words[0] in _NOT_FIRST:
            start += len(words[0]) + 1
            words = words[1:]
        name = " ".join(words)
        entry = organisations().lookup(name)
        if not name or not (re.search(rf"\b{_OUTLET_WORD}$", name)
                            or re.fullmatch(r"[A-Z]{2,6}", name)
                            or (entry is not None and entry.subtype == "media")):
            continue  # "Chinese reporters", "Kim told": no outlet
        if re.fullmatch(r"[A-Z]{2,6}", name) and places().lookup(name):
            continue  # "US reporters"
        out.append((start, start + len(name), name))
    return out


# ---- bodies introduced by their kind (names11 round) -------------------------------------------
# How English news introduces a company the reader may not know: "the Korean company
# Nanos", "Zeekr, a premium EV unit of ...", "rivals such as Zeekr and Xpeng". The kind noun
# is the evidence; the name needs no suffix and no list.
_KIND = (r"(?:company|companies|firm|firms|startup|start-up|carmaker|automaker|chipmaker|"
         r"battery maker|maker|manufacturer|supplier|conglomerate|brand|developer|producer|"
         r"unit|subsidiary|affiliate|lender|insurer|operator|retailer|shipbuilder|steelmaker)")
_NAME_RUN = r"([A-Z][\w&.-]*[\w&](?: (?:[A-Z][\w&.-]*[\w&]|&))*)"
# "the Korean company Nanos": the kind right before the name (one or two qualifiers).
_KIND_THEN_NAME = re.compile(
    rf"\b[Tt]he (?:[A-Z][\w-]*(?: [A-Z][\w-]*)? |(?:local|domestic|state-owned|private|"
    rf"[a-z]+-based) )?{_KIND} {_NAME_RUN}(?!['’]s? )"
)
# "Zeekr, a premium EV unit of ...": a name, a comma and an indefinite description whose
# head is a kind noun (no preposition before it: "Kim, a researcher at the company" is a
# person's role).
_NAME_THEN_KIND = re.compile(
    rf"(?:^|(?<=[.;:] )|(?<=, )|(?<=\bas )|(?<=\bby )|(?<=\band )|(?<=\bwith )|"
    rf"(?<=\bfrom )){_NAME_RUN}, (?:a|an) "
    rf"(?:(?!(?:at|of|for|with|from|in|by|to|on|and|who|which|that) )[\w'’-]+ ){{0,5}}?"
    rf"{_KIND}\b"
)
# (names12) "South Korean food company Pulmuone": without an article, a nationality and at
# most two lower-case qualifiers before the kind ("the" is optional once a nationality
# stands there).
_NATION_KIND_THEN_NAME = re.compile(
    rf"(?<![\w-])(?:[Tt]he )?(?:South |North )?(?:Korean|Chinese|Japanese|Taiwanese|American|"
    rf"German|French|British|Hong Kong) (?:[a-z][\w-]* ){{0,2}}?{_KIND} {_NAME_RUN}(?!['’]s? )"
)
# (names12) "the Korean chamber of commerce in Shanghai": a chamber written in lower case,
# known by its nationality and its seat.
_LOWER_CHAMBER = re.compile(
    r"(?<![\w-])((?:South |North )?(?:Korean|Chinese|Japanese|American|European|German|"
    r"British|French) chamber of commerce (?:in|of) [A-Z][a-z]+)"
)
# "rivals such as Zeekr, Xpeng and Nio": the items of a list after a plural kind.
_KINDS_SUCH_AS = re.compile(
    r"\b(?i:rivals|competitors|companies|firms|brands|makers|carmakers|automakers|chipmakers|"
    r"manufacturers|suppliers|players|startups|conglomerates) (?:such as|including|like) "
    r"((?:[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})(?:, [A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})*"
    r"(?:,? and [A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})?)"
)


def kind_introduced_names(sentence: str) -> list[tuple[int, int, str]]:
    """Spans of bodies the sentence introduces by their kind: "the Korean company Nanos",
    "Zeekr, a premium EV unit of ...", "rivals such as Zeekr and Xpeng". A place, a
    nationality, a title or a person's name written as Korean or Chinese romanisation is
    not taken."""
    from kcbridge.docs.people import EN_ASIAN_NAME

    found: list[tuple[int, int, str]] = []
    for pattern in (_KIND_THEN_NAME, _NAME_THEN_KIND, _NATION_KIND_THEN_NAME, _LOWER_CHAMBER):
        for m in pattern.finditer(sentence):
            found.append((m.start(1), m.end(1), m.group(1)))
    for m in _KINDS_SUCH_AS.finditer(sentence):
        pos = m.start(1)
        for item in re.split(r",? and |, ", m.group(1)):
            start = sentence.index(item, pos)
            if item.endswith(".") and not re.search(r"\b(?:Co|Inc|Corp|Ltd)\.$", item):
                item = item[:-1]  # "... and LG Chem.": the sentence's full stop
            found.append((start, start + len(item), item))
            pos = start + len(item)
    out = []
    for start, end, name in found:
        words = name.split()
        if words[0] in _NOT_FIRST or words[0] in _HEADLINE_WORDS or \
                places().lookup(name) or _demonym_or_place(words[0]) and len(words) == 1 or \
                any(w in TITLE_WORDS for w in words) or EN_ASIAN_NAME.fullmatch(name) or \
                names_no_body(name):
            continue
        out.append((start, end, name))
    return out


# ---- spaCy spans that hold a title, a person or two bodies (names11 round) -----------------------
_LEADING_TITLE = re.compile(
    r"^(?:(?:Vice|Deputy|Executive|Honorary) )?(?:Consul General|Consul|Dean|Professor|Prof\.|"
    r"Dr\.|President|Chairman|Chairwoman|Chair|Director|Ambassador|Minister|Governor|Mayor|"
    r"Secretary|Commissioner|CEO|Premier|Vice-Minister) "
)
_PERSON_SHAPE = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}")
_INSTITUTION_WORD = re.compile(
    r"\b(?:University|Institute|Academy|College|Ministry|Department|Agency|Commission|Council|"
    r"Corporation|Company|Group|Bank|Association|Foundation|Chamber|Federation|Hospital|"
    r"Administration|Office|Bureau|Center|Centre|School)\b")


def split_name_span(name: str) -> list[tuple[int, str, str]]:
    """(offset, text, kind) of the names a spaCy span runs together, or [] when it is one
    name: a title before a person ("Dean Wang Guixue", "Consul General Cheon LeBiao" typed
    ORG), a person "of" a body ("Dongchul Son of Kyungpook National University"), two bodies
    joined by "and" ("Mokpo National University and Zhejiang University of Technology")."""
    if organisations().lookup(name):
        return []
    lead = _LEADING_TITLE.match(name)
    if lead:
        rest = name[lead.end():]
        if _PERSON_SHAPE.fullmatch(rest) and not _INSTITUTION_WORD.search(rest) and \
                not places().lookup(rest):
            return [(lead.end(), rest, "person")]
    of = re.fullmatch(r"([A-Z][a-z]+(?:-[a-z]+)? [A-Z][a-z]+) of ((?:the )?[A-Z].+)", name)
    if of and _INSTITUTION_WORD.search(of.group(2)) and not _INSTITUTION_WORD.search(of.group(1)) \
            and romanised_given_name(of.group(1).split()[0]):
        return [(0, of.group(1), "person"), (of.start(2), of.group(2), "organisation")]
    left, sep, right = name.partition(" and ")
    if sep and _INSTITUTION_WORD.search(left) and _INSTITUTION_WORD.search(right) and \
            " and " not in right:
        return [(0, left, "organisation"), (len(left) + len(sep), right, "organisation")]
    return []


# ---- products named by an acronym (names11 round) ----------------------------------------------
# "the EPA platform", "its in-house platform, SEA": an acronym that names a platform, a
# model or a chip is a product, not a body.
_PRODUCT_AFTER = re.compile(r" (?:platforms?|architecture|models?|chips?|engines?|series|"
                            r"chipsets?|processors?|SUVs?|sedans?|batteries|battery cells?)\b")
_PRODUCT_BEFORE = re.compile(r"\b(?:platform|architecture|model|chip|engine|chipset)s?,? $")


def product_acronym(sentence: str, start: int, end: int) -> bool:
    """Whether the acronym ``sentence[start:end]`` names a product by the noun next to it."""
    if not re.fullmatch(r"[A-Z][A-Z0-9-]{1,6}", sentence[start:end]) or \
            organisations().lookup(sentence[start:end]):
        return False
    return bool(_PRODUCT_AFTER.match(sentence, end) or
                _PRODUCT_BEFORE.search(sentence[max(0, start - 30):start]))


# ---- guards on spaCy spans ----------------------------------------------------------------
_FACILITY_END = re.compile(
    r" (?:Port|Park|Zone|Airport|Bridge|Hotel|Hall|Tower|Building|Center|Centre|Square|"
    r"Station|District|Road|Street|Avenue|River|Lake|Mountain|Island|Province|City|County)$"
)
_DISEASES = frozenset({"COVID-19", "COVID", "Covid-19", "Covid", "SARS", "MERS", "H1N1"})


def not_a_person(name: str) -> bool:
    """spaCy person spans that name a facility or a place ("Dafeng Port"), or a Korean or
    Chinese family name followed by an English word ("Kim Signed", "Li Said")."""
    from kcbridge.docs.people import EN_FAMILY_NAMES

    if _FACILITY_END.search(name) is not None:
        return True
    if all(w in _GENERIC_WORDS or _demonym_or_place(w) for w in name.split()):
        return True  # "S. Korean": a nationality (names11)
    family, _, given = name.partition(" ")
    return bool(given) and re.fullmatch(EN_FAMILY_NAMES, family) is not None and \
        not romanised_given_name(given)


def not_an_organisation(name: str) -> bool:
    """spaCy organisation spans that are a glued place ("Koreaproduct"), a place with a
    plural or possessive "s" lacking its apostrophe ("Chinas"), two places joined by a
    hyphen ("ROK-China"), or a disease."""
    if name in _DISEASES or names_no_body(name):
        return True
    if "-" in name and " " not in name and all(places().lookup(p) for p in name.split("-")):
        return True  # "ROK-China": a relation between two places
    if " " in name:
        return False
    if name.endswith("s") and len(name) > 4 and places().lookup(name[:-1]):
        return True
    if not re.fullmatch(r"[A-Z][a-z]{6,}", name) or organisations().lookup(name):
        return False
    return any(places().lookup(name[:cut]) for cut in range(4, len(name) - 3))


# ---- spans that name no body ----------------------------------------------------------------
# Function words a real name writes in lower case ("Bank of China", "Ministry of Trade,
# Industry and Energy"); capitalised inside a run they mark a headline in title case.
_HEADLINE_WORDS = frozenset(
    "And Or In To For On With At By From Into Amid Over After Before As Is Are Was Were Be "
    "Will Would Can Could Should May Not Than Vs".split())
# The verbs headlines are written with ("China Draws Attention", "Seoul Eyes Chip Deal"):
# after the first word of a span they make it a clause, not a name.
_HEADLINE_VERBS = frozenset(
    "Draws Eyes Seeks Signs Opens Plans Wins Sees Says Urges Calls Vows Pledges Launches "
    "Unveils Expands Hits Faces Gets Makes Takes Boosts Cuts Raises Sets Moves Bets Targets "
    "Invests Agrees Joins Warns Backs Announces Approves Rises Falls Tops Slams Mulls Weighs "
    "Eyeing Seeking Signing Opening Planning Joining Sparks Spurs Fuels Posts Beats Misses "
    "Considers Reveals Denies Confirms Welcomes Hosts Visits Meets Inks Bags Clinches".split())
# Heads of events and documents: a span ending in one (an ordinal or a year may follow)
# is what was held or published, not who held it.
_EVENT_OR_DOCUMENT = re.compile(
    r"(?:Conference|Symposium|Seminar|Workshop|Exhibition|Festival|Ceremony|Meeting|Talks|"
    r"Session|Roundtable|Round Table|Games|Olympics|Report|Declaration|Communiqu[eé]|"
    r"Statement|Memorandum|Blueprint|Guidelines|Outlook|Survey|White Paper|Yearbook|"
    r"(?:Memorandum|Letter|Declaration) of (?:Understanding|Intent|Cooperation)|"
    r"Agreements?|Treaty|Accord|Pact)"
    r"(?: \d{4}| \(\d{4}\))?$")
# "Forum" is both an event ("Korea-China Business Forum 2024") and a standing body ("World
# Economic Forum"): an event when a year or an ordinal dates it or two places name it.
_DATED_FORUM = re.compile(r"(?:^(?:[Tt]he )?\d+(?:st|nd|rd|th) .*Forum|Forum \d{4}$|"
                          r"^(?:[Tt]he )?[A-Z][a-z]+-[A-Z][a-z]+ .*Forum$)")
_DEMONYMS = frozenset(
    "Korean Chinese Japanese American Asian European Taiwanese Russian German French "
    "British Indian Vietnamese Foreign Domestic Overseas".split())
# Words that name no particular body, alone or after a place or nationality.
_GENERIC_WORDS = frozenset(
    "Industry Industries Industrial Trade Commerce Economic Economy Business Businesses "
    "Companies Firms Enterprises Market Markets Side Sides Delegation Officials Investors "
    "Consumers Workers State States Eastern Western Northern Southern Central National "
    "Global International New Old Great Greater Modern Mainland Northeast Southeast "
    "South North S. N. "  # "South Korean", "S. Korean": a nationality (names11)
    .split())
# People's titles: "Australian Ambassador", "Korean Industry Minister" name a post.
TITLE_WORDS = frozenset(
    "Minister Ministers Ambassador Ambassadors President Premier Chairman Chairwoman Chair CEO "
    "Director Secretary Governor Mayor Spokesperson Spokesman Spokeswoman Envoy Consul "
    "Councilor Councillor Counsellor Counselor Vice Deputy Chief General".split())
_ARTICLES = frozenset({"the", "The", "a", "A"})
# Acronyms of kinds of company or deal, not of a body.
_GENERIC_ACRONYMS = frozenset({"SME", "SMEs", "JV", "JVs"})


def names_no_body(name: str) -> bool:
    """Whether a capitalised span (typed organisation by the statistical model) names no
    body: a headline run or clause ("China Draws Attention", "Citing Japan"), an event or
    document, a nationality or place with generic words or a title only ("Korean
    Industry", "Australian Ambassador"), a lone generic word or a generic acronym. Names
    the alias list knows pass."""
    words = name.split()
    if not words or organisations().lookup(name) is not None:
        return False
    if name in _GENERIC_ACRONYMS:
        return True
    if len(words) >= 3 and any(w in _HEADLINE_WORDS for w in words[1:]):
        return True  # "Small And Medium Enterprises In Korea Eye Chinese Market"
    if len(words) >= 2 and any(w in _HEADLINE_VERBS for w in words[1:]):
        return True  # "China Draws Attention"
    core = " ".join(w for w in words if w not in _ARTICLES)
    if _EVENT_OR_DOCUMENT.search(core) or _DATED_FORUM.search(name):
        return True  # "Korea-China Business Forum 2024", "the Annual Report"
    content = [w for w in words if w not in _ARTICLES]
    if len(content) == 2 and re.fullmatch(r"[A-Z][a-z]+ing", content[0]) and \
            places().lookup(content[0]) is None and places().lookup(content[1]) is not None:
        return True  # "Citing Japan as an example": a clause's verb before a place
    if not content or not any(w in _GENERIC_WORDS or w in TITLE_WORDS for w in content):
        return False  # "Korean Air", "China Telecom": a word of the name's own
    return all(w in _GENERIC_WORDS or w in TITLE_WORDS or _demonym_or_place(w)
               for w in content)  # "Korean Industry", "Australian Ambassador"


def _demonym_or_place(word: str) -> bool:
    """A place of the alias list or its people's adjective: "Korean" (Korea + n),
    "Australian", "Japanese" (Japan + ese), or one of :data:`_DEMONYMS`."""
    if word in _DEMONYMS or places().lookup(word) is not None:
        return True
    stems = [word[:-1]] if word.endswith("n") else []
    stems += [word[:-3]] if word.endswith("ese") else []
    return any(len(stem) > 2 and places().lookup(stem) is not None for stem in stems)
