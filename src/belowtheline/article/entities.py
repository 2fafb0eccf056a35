"""Entities with canonical names: one name per real-world entity in a document.

The small statistical tagger (``en_core_web_sm``) finds most names but makes
known mistakes: it calls "Kyiv" a person, cuts "Ursula von der Leyen" after
"der", tags "Trump" as an organisation in half the sentences and misses
"Giles" in "Giles said". :func:`extract_entities` repairs its spans with
evidence from the document and a small curated gazetteer
(``data/gazetteer.json``), then groups the mentions of each entity:

1. **Spans.** Named-entity spans of the labels PERSON, ORG, GPE, LOC and NORP
   are repaired: a leading "the" and titles ("Mr", "President") are left out,
   a span is cut at a possessive ("Kyiv's European" -> "Kyiv"), a name is
   extended across particles ("von der", "bin", "al-"). Gazetteer aliases found
   in the text replace shorter overlapping spans, and a proper noun that is the
   subject of "said" (or another speech verb) becomes a person. Names the
   tagger cut or missed are rebuilt from document evidence: given names before
   a surname ("Ma. Teresa" + "Lacson"), an affiliation split off ("Eva Heiða
   Önnudóttir" / "University of Iceland"), runs of capitalised words ending in an
   organisation word ("Stamford Bridge Flood Action Group"), a name after an
   organisation noun ("the consultancy Tendências", "economists at ING"), and
   the full name an acronym spells ("the Medicines and Healthcare products
   Regulatory Agency ... the MHRA", "Tokyo Electric Power Company, known as
   TEPCO"). Ministries and governments get a conventional name ("Kenya's health
   ministry" -> "Kenyan Ministry of Health", "Japan's government" -> "Government
   of Japan", "Berlin's Senate" -> "Senate of Berlin"). A person's name loses
   the job titles, ranks and religious titles in front of it ("Chief Executive",
   "Bishop", "Detective Superintendent") and an affiliation after "of"
   ("Keith Dorrington of Western Sydney University" is a person and a
   university); a role tagged as a person ("NSW Premier") is a role reference of
   the person written beside it, or no entity; an organisation cut at "for the"
   ("U.S. Court of Appeals" / "Eighth Circuit") or before "of <place>"
   ("Simon Communities" / "Ireland") is made whole; a surname tagged as a place
   before an apposed role is a person ("Piyush Goyal, India's commerce minister").
   Mentions that are no names are dropped: ordinary words capitalised only because they
   open a sentence ("Turnout was 52%", "Staff said"), pieces of job titles ("Energy
   minister", "Brigadier General", "the Minister for Housing and Heritage"), the names of
   laws, plans, taxes and securities ("the Digital Services Act", "German government
   bonds") and languages ("said in French"). A name cut at a hyphen is made whole
   ("Tafea" + "Lotoala"), a person written after "the" and a nationality loses it ("the
   Uruguayan Diego Larrañaga"), a capitalised group's possessive stays inside a name
   ("People's Democratic Congress"), and "Police said ..." is the police force.
   Bodies named by a list of fields stay whole ("Department for Culture, Media and
   Sport"), as do bodies "for the <cause>" ("Permanent Committee for the Defence of Human
   Rights"), a country before "government" or a capitalised ministry names that government
   or ministry ("the UK government", "Brazil's Defense Ministry"), a lone "the government"
   that speaks in a story about one country is that country's government, royals keep
   their title ("Princess Ingrid Alexandra"), a leader's capitalised office is a body ("the
   Prime Minister’s Office"), and the holder named after "Minister for <portfolio>" is a
   person ("Minister for Health Declan Ó Cuív").
2. **Groups.** Mentions join one group when they have the same name (case
   aside: "Nato" = "NATO"), the same gazetteer entry ("Zelenskyy" =
   "Zelensky"), when one is the surname of a full name in the document
   ("Starmer" -> "Keir Starmer"), or an acronym of another ("EU" <-> "European
   Union", also written "the European Union (EU)"). Each group is named by its
   gazetteer entry (unless the document spells out a different name for the
   acronym), else by its longest full form, and labelled by the gazetteer, else
   by a vote of its mentions (speech-verb subjects count as strong evidence for
   a person). A body word alone joins the one organisation named with it ("the
   Commission", "Police"), and "the Ethiopian" the one person the document ties to Ethiopia;
   a company's first word joins the company ("Redgum" -> "Redgum Minerals"); an
   organisation's name cut before "for/of/on <name>" joins the whole ("Royal Commission"
   -> "Royal Commission for Riyadh City"), and an acronym may keep the "of" ("BOJ" ->
   "Bank of Japan").
   The first of two Spanish surnames joins the full name ("Achával" -> "Beatriz
   Achával de los Ríos"); a bare word joins the one organisation it names with an
   organisation word ("Leiden" -> "Leiden University") and a name cut short of a
   last word joins the whole ("Hartwell & Daughters" -> "... Provisions"); a peer
   known by a surname only is named by the peerage title ("Lord Vaizey of Didcot").
3. **Mentions the tagger missed.** Every surface form and surname of a person
   or organisation is looked up again in the whole text, and role references
   ("the prime minister") are resolved when the document names the holder
   ("Prime Minister Keir Starmer", "Ursula von der Leyen, the commission
   president") or, failing that, through a gazetteer role of a person the
   document names.

The returned callable maps any surface ("Giles", "Mr Starmer", "Starmer's",
"the prime minister", "MP Dawn Butler", "Robert Pang SC", "Teresa Lacson" for
"Ma. Teresa Lacson") to its canonical name and returns unknown input
unchanged, so quotes and claims name speakers and actors the same way.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING

from ..document import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["LABELS", "Gazetteer", "extract_entities", "gazetteer", "normalize_name"]

#: The entity labels kept (people, organisations, places, groups).
LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})

#: Lower-case name particles that continue a personal name ("Ursula von der Leyen").
PARTICLES = frozenset(
    {"von", "der", "den", "de", "van", "bin", "al", "ibn", "abu", "da", "di", "du", "la", "le", "ter", "el", "do",
     "dos", "das", "del", "della", "für", "zu", "por", "ó", "ní", "nic", "uí", "los", "las", "ap", "dela", "delos",
     "degli", "dei", "delle", "af", "av", "zur", "zum", "ten"}
)  # fmt: skip

#: Particles that only ever join a person's names ("Rhodri ap Gwilym", "Pieter van der Berg").
_PERSON_PARTICLES = frozenset({"ap", "van", "von", "bin", "binti", "ibn", "ter", "ten", "dela", "dos"})

#: Letters after a name that are not part of it ("Sian Morgan KC").
POST_NOMINALS = frozenset({"kc", "qc", "mp", "mep", "msp", "obe", "mbe", "cbe", "phd"})
#: Letters after a personal name only, not after a club's ("Robert Pang SC", but "Sporting SC").
PERSON_POST_NOMINALS = frozenset({"sc", "jp", "frs", "td", "mla", "mpp"})
#: Office letters written in front of a name ("Labour MP Dawn Butler").
_OFFICE_LETTERS = frozenset({"mp", "mep", "msp", "td", "mla", "mpp"})

#: Words in front of a group name that are not part of it ("Several Christian Democrats").
QUANTIFIERS = frozenset(
    {"several", "many", "some", "most", "all", "both", "few", "other", "senior", "two", "three", "four"}
)

#: Lower-case nouns that make an organisation of a nationality ("the Ukrainian air force").
ORG_NOUNS = frozenset(
    {"air force", "navy", "army", "foreign ministry", "defence ministry", "defense ministry", "interior ministry",
     "finance ministry", "commerce ministry", "health ministry", "justice ministry", "central bank", "parliament",
     "general staff", "coast guard", "coastguard", "border guard", "border service", "security service", "government",
     "police", "armed forces", "military", "intelligence service", "prosecutor's office", "foreign office"}
)  # fmt: skip

#: Courtesy titles left out of a name ("Mr Starmer" -> "Starmer").
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "mx", "rev", "cllr",
     "councillor", "sheikh", "headteacher", "revd", "reverend", "fr", "rabbi", "imam", "pastor", "commodore",
     "capt", "captain", "sgt", "cpl", "brig", "cmdr", "judge", "insp", "supt", "adv"}
)  # fmt: skip

#: Title words that may precede a name ("President Zelensky", "Prime Minister Keir Starmer").
TITLE_WORDS = frozenset(
    {
        "president", "prime", "minister", "chancellor", "secretary", "general", "gen", "premier", "king",
        "queen", "pope", "senator", "sen", "governor", "gov", "mayor", "ambassador", "envoy", "commissioner",
        "foreign", "defence", "defense", "deputy", "vice", "colonel", "col", "lieutenant", "lt", "major",
        "admiral", "commander", "chief", "spokesman", "spokeswoman", "spokesperson", "representative", "rep",
        "state", "first", "lady", "crown", "prince", "princess", "home", "interior", "finance", "economy",
        "coach", "manager", "headteacher", "councillor", "cllr", "sheikh",
    }
)  # fmt: skip

#: Head nouns of role references resolved to a person ("the prime minister").
ROLE_NOUNS = frozenset(
    {
        "president", "minister", "chancellor", "secretary", "premier", "leader", "spokesman", "spokeswoman",
        "spokesperson", "commander", "ambassador", "envoy", "king", "queen", "pope", "mayor", "governor",
        "senator", "commissioner", "chairman", "chairwoman", "chair", "speaker", "taoiseach", "secretary-general",
        "general", "chief",
    }
)  # fmt: skip

#: Lemmas of verbs whose subject is a speaker (evidence that a name is a person).
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "warn", "claim", "insist", "argue", "note", "explain", "state", "declare",
        "write", "ask", "reply", "respond", "acknowledge", "admit", "believe", "think", "urge", "suggest",
        "stress", "announce", "tweet", "post", "comment",
    }
)  # fmt: skip

#: Words that mark a name as an organisation or a place, never a person.
NON_PERSON_WORDS = frozenset(
    {
        "group", "council", "ministry", "house", "college", "party", "union", "bank", "agency", "institute",
        "university", "department", "office", "committee", "commission", "court", "force", "forces", "army",
        "navy", "company", "corporation", "association", "organisation", "organization", "foundation",
        "fund", "times", "post", "news", "parliament", "assembly", "alliance", "coalition", "centre", "center",
        "school", "service", "services", "republic", "kingdom", "states", "nations", "street", "square",
        "airport", "sea", "river", "city", "region", "oblast", "federation", "guard", "command", "programme",
        "embassy", "consulate", "local", "bureau", "directorate", "secretariat", "inspectorate", "tribunal",
        "chamber", "society", "trust", "authority", "board", "network",
    }
)  # fmt: skip

#: First words of organisations named "<X> for/of <place>" ("Transport for London", "Bank of England").
ORG_HEADS = frozenset(
    {"transport", "office", "institute", "ministry", "department", "bank", "council", "commission", "committee",
     "agency", "court", "house", "federation", "union", "party", "centre", "center", "fund", "foundation",
     "association", "school", "university", "college", "trust", "service", "board", "authority", "museum",
     "federal", "national", "royal", "friends", "league", "confederation", "organisation", "organization",
     "chamber", "academy", "hospital", "directorate", "inspectorate", "secretariat"}
)  # fmt: skip

#: Small words skipped when taking the initials of a name ("North Atlantic Treaty Organization" -> NATO).
_INITIAL_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du"})

_APOSTROPHES = "'’"
_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
_POSSESSIVE = re.compile(r"[’']s?$")
#: Last words written with a full stop that belongs to the name.
_ABBREVIATED = frozenset({"jr", "sr", "inc", "ltd", "co", "corp", "bros"})
_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)")


# -- the gazetteer -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One curated entity: its canonical name, label, aliases and roles."""

    canonical: str
    label: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...] = ()


@dataclass(slots=True)
class Gazetteer:
    """Aliases -> entries, with a compiled pattern that finds the aliases in text."""

    entries: list[GazetteerEntry]
    #: Nationality adjective -> place ("Ukrainian" -> "Ukraine").
    demonyms: dict[str, str] = field(default_factory=dict)
    #: Names the tagger takes for entities that are not ("VAT", "GDP").
    not_entities: frozenset[str] = frozenset()
    #: Countries without a nationality word in ``demonyms`` ("Ivory Coast", "Fiji").
    countries: frozenset[str] = frozenset()
    #: Country -> the conventional English name of its one national police force ("Greece" -> "Hellenic Police").
    national_police: dict[str, str] = field(default_factory=dict)
    #: Country -> the name of its central bank ("Poland" -> "National Bank of Poland").
    national_central_bank: dict[str, str] = field(default_factory=dict)
    #: Country -> the name of its treasury department ("United Kingdom" -> "HM Treasury").
    national_treasury: dict[str, str] = field(default_factory=dict)
    by_key: dict[str, GazetteerEntry] = field(default_factory=dict)
    demonym_of: dict[str, str] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        surfaces: list[str] = []
        for adjective, place in self.demonyms.items():
            self.demonym_of.setdefault(place, adjective)
        for entry in self.entries:
            for alias in (entry.canonical, *entry.aliases):
                self.by_key.setdefault(normalize_name(alias).casefold(), entry)
                self.by_key.setdefault(fold_accents(normalize_name(alias)).casefold(), entry)
                surfaces.append(alias)
        surfaces.sort(key=len, reverse=True)
        alternation = "|".join(re.escape(s) for s in surfaces)
        self.pattern = re.compile(rf"(?<![\w$-])(?:{alternation})(?![\w$-])")

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry for a surface name (titles, "the" and possessives ignored), if any."""
        return self.by_key.get(normalize_name(name).casefold())


@functools.cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (``article/data/gazetteer.json``), loaded once."""
    raw = json.loads(resources.files(__package__).joinpath("data/gazetteer.json").read_text(encoding="utf-8"))
    entries = [
        GazetteerEntry(e["canonical"], e["label"], tuple(e.get("aliases", ())), tuple(e.get("roles", ())))
        for e in raw["entities"]
    ]
    return Gazetteer(
        entries,
        dict(raw.get("demonyms", {})),
        frozenset(raw.get("not_entities", ())) | COMMON_ACRONYMS,
        frozenset(raw.get("countries", ())),
        national_police=dict(raw.get("national_police", {})),
        national_central_bank=dict(raw.get("national_central_bank", {})),
        national_treasury=dict(raw.get("national_treasury", {})),
    )


#: Short forms of common nouns that the tagger takes for organisations ("CCTV", "GPs", "the MMR vaccine").
COMMON_ACRONYMS = frozenset(
    {"CCTV", "GP", "GPs", "MMR", "PET", "DNA", "RNA", "HIV", "AIDS", "GPS", "ATM", "ATMs", "SUV", "SUVs", "LED",
     "LEDs", "LNG", "EV", "EVs", "IVF", "ICU", "ICUs", "MRI", "PPE", "SIM", "USB", "Wi-Fi", "WiFi", "PIN",
     "PDF", "IQ", "CPR", "PTSD", "ADHD", "STEM", "LGBT", "LGBTQ", "LGBTQ+", "CO2", "PFAS", "PCR", "IT", "HR",
     "PR", "R&D", "Q&A", "CFO", "COO", "CTO", "CCTVs", "MP3", "TV", "DIY", "GMO", "GMOs", "UAV", "UAVs"}
)  # fmt: skip


# -- names -------------------------------------------------------------------------------


def normalize_name(surface: str) -> str:
    """A surface name without a leading "the", courtesy titles, a possessive or extra space.

    Example:
        >>> normalize_name("Mr Starmer’s")
        'Starmer'
        >>> normalize_name("the European Union")
        'European Union'
    """
    s = _SPACE.sub(" ", surface).strip().strip(',;:"“”')
    last = s.rsplit(" ", 1)[-1]
    if s.endswith(".") and not (" " in s and last[:-1].casefold() in _ABBREVIATED):
        s = s.rstrip(".")  # "Robert F. Kennedy Jr." keeps its period; "NATO." does not
    s = _POSSESSIVE.sub("", s) if len(s) > 2 and s[-2:] in ("’s", "'s") or s.endswith(("s’", "s'")) else s
    if s.endswith(("’", "'")):
        s = s[:-1]
    words = s.split(" ")
    while len(words) > 1 and (words[0].casefold() == "the" or words[0].casefold().rstrip(".") in HONORIFICS):
        words = words[1:]
    return " ".join(words)


def fold_accents(name: str) -> str:
    """``name`` without diacritics, for matching variants ("António Costa" -> "Antonio Costa").

    Example:
        >>> fold_accents("Tadej Pogačar")
        'Tadej Pogacar'
    """
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _accented(name: str, forms: Iterable[str]) -> str:
    """The form of ``name`` with the most diacritics among accent variants of it in ``forms``."""
    folded = fold_accents(name).casefold()
    variants = [f for f in forms if fold_accents(f).casefold() == folded]
    return max(variants, key=lambda f: (sum(not c.isascii() for c in f), f == name), default=name)


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in name.replace("-", " ").split() if w.casefold() not in _INITIAL_SKIP and w[:1].isupper()
    )


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is a short form of ``long`` (Schwartz & Hearst, 2003).

    Each letter of the short form is found in the long form, right to left, the
    first one at the start of the long form's first word: "KEMRI" for "Kenya
    Medical Research Institute", "Cosla" for "Convention of Scottish Local Authorities".
    """
    s, lf = short.casefold(), long.casefold()
    if len(s) < 2 or not s[:1].isalpha() or s[0] != lf[:1]:
        return False
    if _initials(long) == short.upper():
        return True
    li = len(lf) - 1
    for si in range(len(s) - 1, -1, -1):
        c = s[si]
        if not c.isalnum():
            continue
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    # every word of the long form but small ones gives a letter: not "Ministry of Health (MoH)" for "Mo"
    return len([w for w in long.split() if w.casefold() not in _INITIAL_SKIP]) <= len(s)


def _demonym(word: str) -> bool:
    """Whether ``word`` names a nationality or its people ("French", "Canadians", "Kenyan")."""
    demonyms = gazetteer().demonyms
    if word in demonyms or word.endswith("s") and word[:-1] in demonyms:
        return True
    return word.endswith(("an", "ans", "ish", "ese", "ic", "ics", "i", "is")) and word[:1].isupper()


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters[0].isupper()):
        return False
    return letters.isupper() or letters in ("Nato",) or sum(c.isupper() for c in letters) >= 2  # "TfL"


def _acronym_letters(name: str) -> str:
    letters = name.replace(".", "")
    return letters.upper() if letters.isupper() or letters == "Nato" else "".join(c for c in letters if c.isupper())


# -- mentions and groups -----------------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    label: str
    said: bool = False  # the subject of a speech verb
    gazetteer: GazetteerEntry | None = None
    role: bool = False  # a role reference ("the prime minister")
    group: int = -1
    canonical: str | None = None  # a name built here ("Ukrainian Air Force")


class _Groups:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def extract_entities(doc: Doc) -> tuple[list[Entity], Callable[[str], str]]:
    """Entities of ``doc`` and a function mapping a surface name to its canonical name.

    Args:
        doc: a parsed article body (spaCy ``Doc`` with entities and a dependency parse).

    Returns:
        ``(entities, canonical)``: one :class:`~belowtheline.document.Entity` per
        mention in text order (character offsets into ``doc.text``), and a callable
        that maps any surface form, surname, role reference or possessive to the
        canonical name (unknown input is returned unchanged).
    """
    gaz = gazetteer()
    mentions = _spans(doc, gaz)
    mentions = _bare_governments(doc, mentions, gaz)
    mentions = _bare_forces(doc, mentions, gaz)
    mentions = _national_police(doc, mentions, gaz)
    mentions = _embassies(_text(doc), mentions, gaz)
    _national_treasury(_text(doc), mentions, gaz)
    mentions = _leaders_offices(_text(doc), mentions)
    mentions = _acting_offices(doc, mentions)
    mentions = _legal_offices(_text(doc), mentions)
    mentions = _regional_governments(doc, mentions)
    mentions = _dateline_agency(_text(doc), mentions)
    mentions = _union_locals(_text(doc), mentions)
    mentions = _add_gazetteer_matches(doc, mentions, gaz)
    mentions = _defined_acronyms(doc, mentions, gaz)
    mentions = _add_apposed_orgs(doc, mentions)
    mentions = _named_by_context(doc, mentions)
    mentions = _people_after_nationality(doc, mentions)
    mentions = _untagged_people(doc, mentions)
    _mark_speech_subjects(doc, mentions)
    mentions = _drop_bare_roles(mentions, _text(doc))
    mentions = _drop_capitalised_common_words(doc, mentions)
    mentions = _drop_job_title_words(doc, mentions)
    mentions = _drop_laws_and_plans(_text(doc), mentions)
    mentions = _drop_languages(_text(doc), mentions)
    mentions = _join_hyphenated_names(_text(doc), mentions)
    mentions = _people_of_organisations(mentions)
    mentions = _names_continued_by_for(doc, mentions)
    mentions = _national_sections(_text(doc), mentions)
    groups = _group(mentions, _text(doc))
    names, labels = _name_groups(mentions, groups, _text(doc))
    _peerage_titles(_text(doc), names, labels)
    _judicial_styles(_text(doc), names, labels)
    mentions = _add_missed_mentions(doc, mentions, names, labels)
    _merge_first_names(mentions, names, labels, _text(doc))
    _merge_heads(mentions, names, labels)
    _merge_central_bank(mentions, names, labels)
    _national_central_bank(_text(doc), mentions, names, gaz)
    _resolve_nationals(doc, mentions, labels)
    roles = _resolve_roles(doc, mentions, names, labels, gaz)

    entities = [
        Entity(text=m.text, label=labels[m.group], canonical=names[m.group], start=m.start, end=m.end) for m in mentions
    ]
    entities.sort(key=lambda e: (e.start or 0, e.end or 0))

    table: dict[str, str] = {}
    for m in mentions:
        canonical = names[m.group]
        for key in _keys(m.text):
            table.setdefault(key, canonical)
        if labels[m.group] == "PERSON" and not m.role:
            words = _name_words(m.text)
            if len(words) > 1:
                table.setdefault(words[-1].casefold(), canonical)
                table.setdefault(re.sub(r"^(?:al|el|ad|as|ash|an|ar)-", "", words[-1].casefold()), canonical)
                if len(words) > 2 and words[-2].casefold() in PARTICLES:
                    # "Van der Berg" (a sentence's first word) for "Lotte van der Berg"
                    j = len(words) - 1
                    while j > 1 and words[j - 1].casefold() in PARTICLES:
                        j -= 1
                    table.setdefault(" ".join(words[j:]).casefold(), canonical)
    for phrase, canonical in roles.items():
        table.setdefault(phrase, canonical)
    # a body word alone ("a Commission spokesperson") for the one organisation named with it
    for word, canonical in _body_word_names(mentions, names, labels).items():
        table.setdefault(word, canonical)
    # a first name alone, for the one person of the document whose full name starts with it
    by_first: dict[str, set[str]] = defaultdict(set)
    for gid, canonical in names.items():
        words = canonical.split()
        if labels[gid] == "PERSON" and len(words) > 1:
            by_first[words[0].casefold()].add(canonical)
    for first, full in by_first.items():
        if len(full) == 1:
            table.setdefault(first, next(iter(full)))
    return entities, functools.partial(_canonical, table, gaz)


def _text(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy joins the tokens on every access)."""
    cached = doc.user_data.get("btl_text")
    if not isinstance(cached, str):
        cached = doc.user_data["btl_text"] = doc.text
    return cached


def _name_words(surface: str) -> list[str]:
    """The words of a name without a generational suffix ("Robert F. Kennedy Jr" -> [..., "Kennedy"])."""
    words = normalize_name(surface).split()
    while len(words) > 2 and words[-1].rstrip(".").casefold() in _GENERATIONAL:
        words = words[:-1]
    return words


def _keys(surface: str) -> Iterable[str]:
    norm = normalize_name(surface)
    yield norm.casefold()
    yield _SPACE.sub(" ", surface).strip().casefold()


def _canonical(table: dict[str, str], gaz: Gazetteer, surface: str) -> str:
    if not isinstance(surface, str) or not surface.strip():
        return surface
    for key in (_SPACE.sub(" ", surface).strip().casefold(), normalize_name(surface).casefold()):
        if key in table:
            return table[key]
    norm = normalize_name(surface)
    if norm.casefold().startswith(("the ", "a ")) is False and norm.casefold() in table:
        return table[norm.casefold()]
    entry = gaz.lookup(surface) or gaz.lookup(fold_accents(surface))
    if entry is not None:
        return entry.canonical
    folded = fold_accents(normalize_name(surface)).casefold()
    if not surface.isascii() or any(not k.isascii() for k in table):
        # "Antonio Costa" for the document's "António Costa": the one name that differs by accents only
        variants = {c for k, c in table.items() if fold_accents(k) == folded}
        if len(variants) == 1:
            return variants.pop()
    # A full name cut short ("Robert F. Kennedy" for "Robert F. Kennedy Jr", "Department for Culture"
    # for "Department for Culture, Media and Sport"): the one longer name it starts.
    key = normalize_name(surface).casefold()
    if " " in key:
        longer = {c for k, c in table.items() if k.startswith((key + " ", key + ", "))}
        if len(longer) == 1:
            return longer.pop()
    if " " in key:
        # the end of a longer name: "Teresa Lacson" for "Ma. Teresa Lacson", "Fisheries and
        # Conservation Department" for "Agriculture, Fisheries and Conservation Department"
        tails = {c for k, c in table.items() if k.endswith((" " + key, ", " + key))}
        if len(tails) == 1:
            return tails.pop()
    if len(key.split()) >= 3:
        # inside a longer name: "Group of Eminent Experts" for "U.N. Group of Eminent Experts on Yemen"
        inner = {c for k, c in table.items() if f" {key} " in f" {k} "}
        if len(inner) == 1:
            return inner.pop()
    bare = _bare_name(surface, table)
    if bare != surface:
        named = _canonical(table, gaz, bare)
        if named != bare or bare.casefold() in table:
            return named
    return surface


def _bare_name(surface: str, table: dict[str, str]) -> str:
    """A name without what is written around it: office letters and titles in front ("MP Dawn
    Butler"), letters after it ("Robert Pang SC"), an owner in front ("UN’s Office for the
    Coordination of Humanitarian Affairs") or an affiliation after it ("Önnudóttir of the
    University of Iceland", when the document knows the name before "of")."""
    words = _SPACE.sub(" ", surface).strip().split(" ")
    if len(words) < 2:
        return surface
    words = _strip_titles(words)
    inner = next((k for k in range(len(words) - 2, 0, -1) if words[k].casefold() in _INNER_TITLES), None)
    if inner is not None and words[inner][:1].isupper() and " ".join(words[inner + 1 :]).casefold() in table:
        words = words[inner + 1 :]  # "ACP Administrator Ernesto Quirós Batista": the name after the title
    if len(words) > 2 and words[0] in ("for", "of") and words[1].casefold() in _PORTFOLIO_WORDS:
        # "Minister for Health Declan Ó Cuív": the portfolio goes with the title
        k = 1
        while len(words) - k > 1 and words[k].casefold().rstrip(",") in _PORTFOLIO_WORDS:
            k += 1
        words = words[k:]
    k = 0
    while len(words) - k > 2 and words[k].casefold().rstrip(",") in _PORTFOLIO_WORDS:
        k += 1
    if k and " ".join(words[k:]).casefold() in table:
        words = words[k:]  # "Health Declan Ó Cuív", the tagger's cut of "Minister for Health Declan Ó Cuív"
    while len(words) > 2 and words[-1].casefold().rstrip(".") in POST_NOMINALS | PERSON_POST_NOMINALS:
        words = words[:-1]
    if len(words) > 1 and words[-1] in _ORG_APPOSED and words[-2][:1].isupper():
        words = words[:-1]  # "FNV Havens union"
    owner = next((k for k, w in enumerate(words[:-1]) if w.endswith(("’s", "'s")) and w[:1].isupper()), None)
    if owner is not None and len(words) - owner > 2 and all(w[:1].isupper() for w in words[owner + 1 : owner + 2]):
        words = words[owner + 1 :]  # "UN’s Office for ...": the office, not its owner
    for k, w in enumerate(words[1:], 1):
        if w in ("of", "at", "from") and " ".join(words[:k]).casefold() in table:
            words = words[:k]
            break
    return " ".join(words)


# -- step 1: repaired spans --------------------------------------------------------------


def _spans(doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    out: list[_Mention] = []
    tagged = _institutions_tagged_as_places(doc)
    runs = _royal_names(doc, _listed_portfolios(doc, _given_name_runs(doc, _name_runs(doc, tagged))))
    ents = _merge_adjacent(doc, _hyphenated_names(doc, _complete_names(doc, _titled_runs(doc, runs))))
    skip_until = -1
    covered = {i for e in ents for i in range(e.start, e.end)}
    for k, ent in enumerate(ents):
        if ent.start < skip_until:
            continue
        start, end = ent.start, ent.end
        label = ent.label_
        # A name cut short at a particle: "Ursula von der" + "Leyen", "Alternative" + "für Deutschland";
        # a given name the tagger took for a place: "Rhodri" + "ap Gwilym"
        if (
            label in ("GPE", "LOC")
            and end - start == 1
            and end + 1 < len(doc)
            and doc[end].lower_ in _PERSON_PARTICLES
            and doc[end + 1].text[:1].isupper()
            and gaz.lookup(doc[start].text) is None
        ):
            label = "PERSON"
        if label in ("PERSON", "ORG") or doc[end - 1].lower_ in PARTICLES:
            j = end
            while j < len(doc) and doc[j].lower_ in PARTICLES and j + 1 < len(doc):
                j += 1
            if j > end or doc[end - 1].lower_ in PARTICLES:
                while j < len(doc) and doc[j].text[:1].isupper() and (doc[j].is_alpha or "-" in doc[j].text):
                    j += 1
            if j > end and doc[j - 1].text[:1].isupper() and doc[j - 1].lower_ not in PARTICLES:
                end = j
                label = "ORG" if label == "ORG" else "PERSON"
                for later in ents[k + 1 :]:
                    if later.start < end:
                        skip_until = max(skip_until, later.end)
                        end = max(end, later.end)
        # An organisation named after a place: "Transport for London", "Ministry of Defence".
        if label in ("GPE", "ORG", "LOC") and start >= 2 and doc[start - 1].lower_ in ("for", "of"):
            j = start - 2
            while (
                j > 0
                and doc[j - 1].text[:1].isupper()
                and not doc[j - 1].ent_type_
                and not doc[j - 1].is_sent_start
                and doc[j - 1].lower_ != "the"  # "The Port of Barcelona" inside a sentence
            ):
                j -= 1
            if (
                j > 0
                and j <= start - 2
                and doc[j - 1].is_sent_start
                and doc[j - 1].pos_ == "PROPN"
                and doc[j - 1].text[:1].isupper()
                and not doc[j - 1].ent_type_
            ):
                j -= 1  # "East Riding of Yorkshire Council" opening a sentence
            head = doc[j]
            if (
                head.text[:1].isupper()
                and not covered.intersection(range(j, start))
                and not head.ent_type_
                and head.lower_ not in TITLE_WORDS
                and (
                    head.lower_ in ORG_HEADS
                    or head.pos_ == "PROPN"
                    and (not head.is_sent_start or start - j > 2 and doc[j + 1].pos_ == "PROPN")
                )
            ):
                start, label = j, "ORG"
        if label in ("ORG", "PERSON"):
            bounds = _with_legal_form(doc, start, end)
            if start >= 2 and doc[start - 1].text in _WEEKDAYS and doc[start - 2].lower_ == "the":
                bounds = (start - 1, bounds[1])  # "the Sunday" (a date) + "Courier": a newspaper named after its day
            if bounds != (start, end):
                (start, end), label = bounds, "ORG"
        paren = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
        if paren is not None:
            end = paren  # "National Bureau of Investigation (NBI": the acronym is its own mention
        start = _after_shouted_lead(doc, start, end, gaz)
        if label != "ORG" and end - start >= 2 and (doc[start].text == "Air" or company_shaped(doc[start:end].text)):
            label = "ORG"  # "Air Canada" tagged a place, "Borealis Air" a person: airlines and companies
        for piece in _split_span(doc, start, end, label):
            out.append(piece)
    return _bare_ministries(doc, _nicknamed(doc, _national_bodies(doc, out, gaz)))


#: Company forms written after a firm's name ("Kwek & Soh LLC") and before it ("PT Garuda Indonesia").
_LEGAL_SUFFIXES = frozenset(
    {"LLC", "LLP", "Ltd", "Inc", "PLC", "plc", "GmbH", "AG", "SA", "NV", "BV", "Tbk", "SpA", "S.p.A.", "Pty", "Bhd",
     "AB", "ASA", "Oyj", "KK", "Sdn"}
)  # fmt: skip
_LEGAL_PREFIXES = frozenset({"PT"})
_WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def _with_legal_form(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """An organisation span with the company form written next to it ("Kwek & Soh" + "LLC")."""
    if (
        end < len(doc)
        and doc[end].text.rstrip(".") in _LEGAL_SUFFIXES
        and doc[end - 1].whitespace_
        and doc[end].ent_iob_ != "B"
    ):
        end += 1
        if end < len(doc) and doc[end - 1].text == "Sdn" and doc[end].text == "Bhd":
            end += 1
    if (
        start > 0
        and doc[start - 1].text in _LEGAL_PREFIXES
        and doc[start - 1].whitespace_
        and not doc[start - 1].ent_type_
    ):
        start -= 1
    return start, end


_INITIAL = re.compile(r"[A-Z][a-z]?\.?")
#: A match score written after a team's name.
_SCORE = re.compile(r"\d{1,2}\s?[-–]\s?\d{1,2}")
#: Last words that make a run of capitalised words an organisation ("Stamford Bridge Flood Action Group").
_RUN_HEADS = ORG_HEADS - {"federal", "national", "royal", "friends", "transport", "house"} | frozenset(
    {"group", "collaboration", "society", "network", "alliance", "coalition", "consortium", "partnership",
     "bureau", "corporation", "company", "club", "institution", "observatory", "laboratory", "initiative",
     "programme"}
)  # fmt: skip
#: First words of organisations named in French, Spanish, Portuguese or Italian ("Fondation Nicolas de Staël").
_FOREIGN_HEADS = frozenset(
    {"fondation", "fundación", "fundação", "fondazione", "musée", "museo", "museu", "institut", "instituto",
     "istituto", "confederación", "universidad", "université", "università", "universidade", "banco", "banque",
     "banca", "ministerio", "ministère", "ministero", "comisión", "commissione", "consejo", "conseil",
     "agencia", "agence", "agenzia", "asociación", "association", "sociedad", "société", "società", "federación",
     "fédération", "federazione", "partido", "parti", "partito", "centro", "centre", "teatro", "théâtre",
     "équipe", "equipo", "squadra", "grupo", "groupe", "gruppo", "compagnie", "compañía", "companhia", "sociedade",
     "bord"}
)  # fmt: skip
#: First words of organisations named "<word> of/for <name>" ("Diocese of Cosenza").
_OF_HEADS = ORG_HEADS - {"federal", "national", "royal", "house", "friends"} | frozenset(
    {"diocese", "archdiocese", "church", "ministry", "society", "academy", "bureau", "chamber", "order",
     "congregation", "synod", "tribunal", "inspectorate", "directorate", "secretariat", "conference"}
)  # fmt: skip
#: Lower-case words inside a run of capitalised words of one name.
_RUN_CONNECTORS = frozenset(
    {"of", "for", "and", "the", "de", "del", "du", "des", "la", "le", "di", "da", "do", "&", "e", "y", "et", "und"}
)
#: Foreign articles and contractions that may follow a connector inside a name ("e del Mercato").
_RUN_ARTICLES = frozenset({"de", "del", "della", "du", "des", "la", "le", "di", "da", "do", "dos", "das", "der"})
#: Plural party names a nationality makes one party of ("Scottish Conservatives", "Welsh Labour").
_PARTY_WORDS = frozenset(
    {"labour", "conservatives", "tories", "liberals", "greens", "democrats", "nationalists", "socialists",
     "republicans", "social democrats", "liberal democrats"}
)  # fmt: skip


#: Prepositions inside a name after "for the" ("Central Office for the Fight against Trafficking").
_NAME_PREPOSITIONS = frozenset({"against", "into", "between", "among", "under", "through", "towards", "within"})


#: Prepositions that open a sentence with a capital and that the tagger may take for a name's first word.
_OPENING_PREPOSITIONS = frozenset(
    {"outside", "inside", "across", "beyond", "throughout", "within", "near", "behind", "beside", "opposite"}
)


def _run_word(t: Token) -> bool:
    return (
        (
            t.text[:1].isupper()
            and not t.is_punct
            and t.pos_ not in ("DET", "PRON", "AUX", "VERB", "ADV", "SCONJ", "CCONJ")
            and t.lower_ not in ("the", "a", "an")
        )
        or re.fullmatch(r"[dl][’'][A-Z][\w-]+", t.text) is not None
        or _irish_article(t)
    )


#: Irish words that follow the article "An" in the names of Irish public bodies.
_IRISH_BODIES = frozenset({"bord", "post", "garda", "taisce", "chomhairle", "coimisiún", "roinn", "ciste"})


def _irish_article(t: Token) -> bool:
    """The Irish article of "An Bord Pleanála", "An Post", "An Garda Síochána" (capitalised mid-sentence)."""
    doc = t.doc
    return t.text == "An" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _IRISH_BODIES


#: Last words of a run that make it a place or building, not a person ("Virginia Beach").
_PLACE_ENDS = frozenset(
    {"beach", "falls", "island", "islands", "station", "line", "harbour", "harbor", "valley", "bay", "park",
     "hill", "hills", "county", "city", "town", "road", "avenue", "bridge", "lake", "river", "mountain",
     "mountains", "airport", "stadium", "arena", "hall", "tower", "square", "street", "gardens", "estate"}
)  # fmt: skip


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


#: Given names that are as often ordinary words, months, places or parts of other names.
_WORDLIKE_GIVEN_NAMES = _words(
    """summer winter autumn spring freedom liberty justice unity harmony charity patience mercy trinity
    hope faith grace joy dawn will may june april august rose ivy iris daisy amber crystal ruby pearl jade
    hazel holly heather lily violet sky river storm rain sunny honey cherry destiny genesis eden heaven
    olive sierra paris florence sydney georgia virginia carolina dakota montana india china asia africa
    israel jordan chad austin dallas houston phoenix denver lincoln washington madison jackson franklin
    hamilton kent royal king prince princess duke earl baron major general marshall sterling chase hunter
    forest glen dale cliff rock stone wood bay lake page grant bill mark frank art drew pat sue don guy max
    ray ken bob nick jack christian norman england scott troy miles long young rich early west north south
    east new old saint san santa golden silver star sun moon city second first london berlin victoria
    brooklyn camden chelsea devon aurora"""
)


def _given_name_runs(doc: Doc, ents: list[Span]) -> list[Span]:
    """People whose names open with a given name the tagger cut up or missed, as one person.

    "Rodrigo" (an organisation) + "Valdivia Ñancupil", "Luana" + "Figueiredo" + "Santos"
    (three places), "the Spaniard Álvaro Martín de la Fuente" (nothing): a given name on
    the name lists, then one to four capitalised name words (particles and hyphens
    inside), none of them an organisation's or a place's kind word, is a person. A run
    the tagger read whole as one name of another kind ("Morgan Stanley", "Virginia
    Beach") or the gazetteer knows is left as it is.
    """
    from spacy.tokens import Span

    from .given_names import is_given_name

    text = _text(doc)
    kinds = NON_PERSON_WORDS | ORG_HEADS | _COMPANY_ENDS | _FOREIGN_HEADS | _PLACE_ENDS | TITLE_WORDS
    found: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n - 1:
        t = doc[i]
        if (
            not (t.is_title and t.is_alpha and len(t.text) > 2 and is_given_name(t.text))
            or t.lower_ in kinds | _WORDLIKE_GIVEN_NAMES
            or t.text in gazetteer().demonyms
            or (
                i > 0
                and doc[i - 1].is_title
                and not doc[i - 1].is_sent_start
                and _run_word(doc[i - 1])
                and doc[i - 1].lower_.rstrip(".") not in TITLE_WORDS | HONORIFICS | _NATIONAL_NOUNS
                and doc[i - 1].text not in gazetteer().demonyms
            )
        ):
            i += 1  # not "Summer Games", "German Greens"; not inside "Second Thomas Shoal"
            continue
        j = i + 1
        while j < n and j - i <= 6 and "\n" not in doc[j - 1].whitespace_:
            w = doc[j]
            if (
                w.lower_ in PARTICLES
                and j + 1 < n
                and (doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ in PARTICLES)
            ):
                j += 1  # "de la Fuente", "van der Berg"
            elif (w.text == "-" and not w.whitespace_ and not doc[j - 1].whitespace_ and j + 1 < n) or (
                w.text[:1].isupper() and (w.is_alpha or "-" in w.text) and w.lower_ not in kinds
            ):
                j += 1  # a hyphen inside a name, or a capitalised name word
            else:
                break
        while j > i + 1 and (doc[j - 1].lower_ in PARTICLES or doc[j - 1].text == "-"):
            j -= 1
        if j - i < 2 or (t.is_sent_start and doc[i + 1].is_sent_start):
            i += 1
            continue
        covering = [e for e in ents if e.start < j and i < e.end]
        if any(e.label_ not in ("PERSON", "ORG", "GPE", "LOC", "NORP") for e in covering):
            i = j
            continue  # "Winter Olympics" (an event), "Sierra Madre" (a vessel): read as another thing
        whole = len(covering) == 1 and covering[0].start <= i and covering[0].end >= j
        if whole and covering[0].label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART"):
            i = j
            continue  # the tagger read the run whole: its label stands ("Morgan Stanley")
        if any(e.label_ == "PERSON" and e.start <= i and e.end >= j for e in covering):
            i = j
            continue
        name = doc[i:j].text
        if gazetteer().lookup(name) is not None or any(q in text[doc[i].idx - 1 : doc[i].idx] for q in "“\"'‘"):
            i = j
            continue
        if any(e.start < i or e.end > j for e in covering):
            i = j
            continue  # a longer name runs across it ("the Carlos Slim Foundation")
        found.append((i, j))
        i = j
    if not found:
        return ents
    kept = [e for e in ents if not any(e.start < b and a < e.end for a, b in found)]
    kept += [Span(doc, a, b, label="PERSON") for a, b in found]
    return sorted(kept, key=lambda e: e.start)


def _name_runs(doc: Doc, ents: list[Span]) -> list[Span]:
    """Organisation names found from their shape, replacing the pieces the tagger made of them.

    * a run of capitalised words ending in an organisation word: "Stamford Bridge
      Flood Action Group", "International Thwaites Glacier Collaboration";
    * a run starting with a foreign organisation word: "Fondation Nicolas de Staël",
      "Musée d'Art Moderne";
    * a nationality and a party: "Scottish Conservatives", "Scottish Labour";
    * an organisation "in" a place: "Bernstein in New York" -> "Bernstein", "New York".
    """
    from spacy.tokens import Span

    found: list[tuple[int, int, str]] = []
    i = 0
    n = len(doc)
    while i < n:
        if not _run_word(doc[i]) or doc[i].lower_ in _RUN_CONNECTORS or i > 0 and not doc[i - 1].whitespace_:
            i += 1  # not inside "NATO-Ukraine Council"
            continue
        j = i + 1
        while j < n and not doc[j].is_sent_start and "\n" not in doc[j - 1].whitespace_:
            hyphen = doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
            # "Farmers’ Union of Côte d’Ivoire": a plural's apostrophe inside a name
            plural_mark = doc[j].text in ("’", "'") and not doc[j - 1].whitespace_ and doc[j - 1].lower_.endswith("s")
            joined = (doc[j].lower_ in _RUN_CONNECTORS or hyphen or plural_mark) and j + 1 < n and _run_word(doc[j + 1])
            if not joined and doc[j].lower_ in _RUN_CONNECTORS - {"the"} and j + 2 < n and not doc[j].is_upper:
                # "Autorità Garante della Concorrenza e del Mercato": a connector and an article inside a name
                joined = doc[j + 1].lower_ in _RUN_ARTICLES and _run_word(doc[j + 2])
            # "Committee for the Defence of Human Rights": "for the" inside a name
            the = (
                doc[j].lower_ in ("for", "on")
                and j + 2 < n
                and doc[j + 1].lower_ == "the"
                and _run_word(doc[j + 2])
                and not doc[j + 2].ent_type_
            )
            if the:
                j += 2
            elif _run_word(doc[j]) or joined:
                j += 1
            else:
                break
        start = i
        if doc[start].is_sent_start and (
            doc[start].pos_ not in ("PROPN", "ADJ")
            or doc[start].lower_ in _OPENING_PREPOSITIONS | {"developer", "carmaker", "insurer", "lender", "retailer"}
        ):
            # "Outside Parliament, protesters ...", "Developer Oscarsson & Berg said": an opening
            # preposition or kind noun is no part of the name
            start += 1
        words = [t for t in doc[start:j] if t.lower_ not in _RUN_CONNECTORS]
        if (
            len(words) >= 2
            and (
                doc[j - 1].lower_ in _RUN_HEADS
                or _irish_article(doc[start])
                # "Oscarsson & Berg", "Kwek & Soh": names joined by an ampersand are a firm's
                or any(t.text == "&" for t in doc[start + 1 : j - 1])
                or doc[start].lower_ in _FOREIGN_HEADS
                # "Diocese of Cosenza", "Department for Education": an organisation word, "of"/"for", a name
                or doc[start].lower_ in _OF_HEADS
                and j - start <= 6
                and doc[start + 1].lower_ in ("of", "for")
                # "Coalition for Cloud Choice", "Permanent Committee for the Defence of Human Rights":
                # the same with one more word in front, when the tagger named nothing after "for"
                or j - start <= 9
                and any(
                    doc[k].lower_ in _OF_HEADS | _RUN_HEADS
                    and doc[k + 1].lower_ in ("of", "for")
                    # (a name the tagger starts after "of"; not one it runs on from before)
                    and not any(t.ent_type_ in LABELS and t.ent_iob_ == "B" for t in doc[k + 2 : j])
                    for k in range(start, min(start + 3, j - 1))
                )
            )
        ):
            found.append((start, j, "ORG"))
        i = j
    demonyms = gazetteer().demonyms
    # a nationality the tagger left untagged counts too ("The Welsh Conservatives’ spokesperson")
    untagged = [
        doc[t.i : t.i + 1] for t in doc if t.ent_type_ not in LABELS and t.text in demonyms and t.text[:1].isupper()
    ]
    for ent in [*ents, *untagged]:
        if (ent.label_ == "NORP" or not ent.label_) and len(ent) == 1 and ent.text in demonyms and ent.end < n:
            nxt = doc[ent.end]
            two = doc[ent.end : ent.end + 2].text.casefold()
            if two in _PARTY_WORDS and ent.end + 2 <= n:
                found.append((ent.start, ent.end + 2, "ORG"))
            elif nxt.lower_ in _PARTY_WORDS and nxt.text[:1].isupper():
                found.append((ent.start, ent.end + 1, "ORG"))
    out = list(ents)
    for a, b, label in found:
        person = next((e for e in ents if e.label_ == "PERSON" and a <= e.start and e.end < b), None)
        if person is not None and doc[person.end].lower_ == "of":
            # "Professor Keith Dorrington of Western Sydney University": a person and an affiliation
            a = person.end + 1 + (doc[person.end + 1].lower_ == "the")
            if b - a < 2:
                continue
        titled = next((e for e in ents if e.label_ == "PERSON" and a < e.start and e.end == b), None)
        if titled is not None and doc[titled.start - 1].lower_ in PERSON_TITLES | {"of"}:
            # "Bank of England Governor Andrew Bailey": a body, a title and a person;
            # "the Centre Party of Sigmundur Gunnlaugsson": a party and its leader
            continue
        cut_short = b + 1 < n and doc[b].lower_ in _NAME_PREPOSITIONS and doc[b + 1].text[:1].isupper()
        if cut_short and any(doc[k].lower_ == "the" for k in range(a, b)):
            continue  # "Central Office for the Fight" + "against Trafficking ...": cut short
        # a span that only adds "the" in front ("the Permanent Committee") lies inside the run
        inside = [e for e in out if a <= e.start + (doc[e.start].lower_ == "the") and e.end <= b]
        if len(inside) > 1 and any(e.start < a for e in inside):
            continue  # "the Centre Party" + "of" + "Sigmundur Gunnlaugsson" (tagged alike): two names
        straddle = [e for e in out if e.start < b and a < e.end and e not in inside]
        if straddle or any(
            (e.start + (doc[e.start].lower_ == "the"), e.end) == (a, b) and e.label_ == label for e in inside
        ):
            continue
        out = [e for e in out if e not in inside] + [Span(doc, a, b, label=label)]
    # "Itaú" + "Unibanco": an untagged proper noun in front of an organisation's name
    grown: list[Span] = []
    for e in sorted(out, key=lambda x: x.start):
        a = e.start
        while (
            e.label_ == "ORG"
            and a > 0
            and e.start - a < 2
            and not doc[a].is_sent_start
            and not doc[a - 1].ent_type_
            and _name_token(doc[a - 1])
            and doc[a - 1].lower_ not in _OPENING_PREPOSITIONS
            and (not grown or grown[-1].end < a)
        ):
            a -= 1
        grown.append(Span(doc, a, e.end, label=e.label_) if a != e.start else e)
    # "Bernstein in New York": the organisation and its place
    cut: list[Span] = []
    for e in grown:
        k = next((i for i in range(e.start + 1, e.end - 1) if doc[i].lower_ == "in"), None)
        if e.label_ == "ORG" and k is not None and all(t.text[:1].isupper() for t in doc[k + 1 : e.end]):
            cut += [Span(doc, e.start, k, label="ORG"), Span(doc, k + 1, e.end, label="GPE")]
        else:
            cut.append(e)
    cut.sort(key=lambda e: e.start)
    return cut


#: First words of bodies named by a list of portfolios or fields ("Department for Culture, Media and Sport").
_LIST_HEADS = frozenset(
    {"ministry", "department", "secretariat", "committee", "society", "museum", "school", "faculty", "institute",
     "office", "council", "commission", "agency", "academy", "college", "board", "authority", "centre", "center"}
)  # fmt: skip


def _listed_portfolios(doc: Doc, ents: list[Span]) -> list[Span]:
    """Organisations named "<body> of/for <field>, <field> and <field>", which the tagger cuts at
    the comma or the "and": "Department for Culture, Media and Sport", "Ministry of Fisheries
    and Maritime Economy", "American Society of Tropical Medicine and Hygiene".

    Each listed field is one to three capitalised words written nowhere else in the document,
    neither a person, a place nor a gazetteer name, and the list ends where the capitalised
    words do; "the Ministry of Health and Oxfam" (a name of its own, written again) stays two.
    """
    from spacy.tokens import Span

    text = _text(doc)
    gaz = gazetteer()
    n = len(doc)

    def field(i: int) -> int | None:
        """The end of a listed field starting at token ``i``."""
        j = i
        while j < n and j - i < 3 and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        if j == i or j < n and doc[j].text[:1].isupper() and doc[j].is_alpha:
            return None
        words = doc[i:j]
        if (
            any(t.ent_type_ in ("GPE", "LOC", "NORP", "DATE") or t.text.isupper() for t in words)
            or (len(words) > 1 and any(t.ent_type_ == "PERSON" for t in words))  # "Hygiene" alone may be one
            or gaz.lookup(words.text) is not None
            or any(t.is_sent_start for t in words)
            or len(re.findall(rf"(?<![\w-]){re.escape(words.text)}(?![\w-])", text)) > 1
        ):
            return None
        return j

    out: list[Span] = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue
        heads = [t.i for t in ent[:-1] if t.lower_ in _LIST_HEADS and doc[t.i + 1].lower_ in ("of", "for")]
        end = ent.end
        if ent.label_ != "ORG" or not heads or heads[-1] + 2 >= end:
            out.append(ent)
            continue
        k = end
        while k + 1 < n and doc[k].text == ",":
            nxt = field(k + 1)
            if nxt is None:
                break
            k = nxt
        if k + 1 < n and doc[k].text == "," and doc[k + 1].lower_ in ("and", "&"):
            k += 1  # the serial comma
        last = field(k + 1) if k + 1 < n and doc[k].lower_ in ("and", "&") else None
        if last is None:
            out.append(ent)
            continue
        out = [e for e in out if e.end <= ent.start]
        out.append(Span(doc, ent.start, last, label="ORG"))
        skip_to = last
    return out


#: Titles of royals and popes, who are known by a given name and the title ("Prince William").
_ROYAL_TITLES = frozenset({"prince", "princess", "king", "queen", "pope", "emperor", "empress"})
_REGNAL = re.compile(r"[IVX]{1,5}")
#: Last words that make "King Salman Park" or "King Saud University" a place or a body.
_PLACE_WORDS = (
    NON_PERSON_WORDS
    | _RUN_HEADS
    | ORG_HEADS
    | frozenset(
        {"park", "road", "avenue", "bridge", "hospital", "stadium", "island", "islands", "land", "county", "airport"}
    )
)


def _royal_end(doc: Doc, i: int) -> int | None:
    """Where a royal's or a pope's name that opens with the title at ``i`` ends, or None.

    "Prince William", "Princess Ingrid Alexandra", "King Charles III", "Pope Leo XIV": the
    title, one or two given names and a regnal number. Not "Crown Prince Mohammed bin Salman"
    (a name with a surname particle), "Prince of Wales" or "King Salman Park".
    """
    t = doc[i]
    if t.lower_ not in _ROYAL_TITLES or not t.text[:1].isupper() or i > 0 and doc[i - 1].lower_ == "crown":
        return None
    j = i + 1
    while (
        j < len(doc) and j - i <= 2 and doc[j].is_alpha and doc[j].text.istitle() and not _REGNAL.fullmatch(doc[j].text)
    ):
        j += 1
    if j == i + 1:
        return None
    if j < len(doc) and _REGNAL.fullmatch(doc[j].text):
        j += 1
    elif j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
        return None  # more capitalised words: a longer name or a place
    words = doc[i + 1 : j]
    if any(w.lower_ in _PLACE_WORDS | PARTICLES or w.ent_type_ in ("GPE", "ORG", "LOC", "NORP") for w in words):
        return None
    return j


#: Last words of a building or an event that is run by a body of its own and speaks as one
#: ("St Mary's Hospital said", "the Lisbon Marathon said").
_INSTITUTION_ENDS = frozenset({"hospital", "infirmary", "clinic", "observatory", "marathon", "festival", "biennale"})
_FILM_FESTIVAL = ("film", "festival")


def _institutions_tagged_as_places(doc: Doc) -> list[Span]:
    """The tagger's people, organisations and places, with institutions it took for a place or an event.

    A hospital, an observatory, a marathon or a festival named by a capitalised name is an
    organisation in news copy (it issues statements), but the tagger often calls it a facility
    or an event: "Glasgow Royal Infirmary" (FAC), "the Frankfurt Marathon" (EVENT). Such spans
    become organisations (a leading "the" dropped). A place (not a nationality: "the French film
    festival") followed by "film festival" in lower case is the festival ("the Venice film
    festival" -> "Venice film festival").
    """
    from spacy.tokens import Span

    demonyms = gazetteer().demonyms
    out: list[Span] = []
    for e in doc.ents:
        if e.label_ in LABELS:
            end = e.end
            if (
                e.label_ in ("GPE", "LOC", "NORP")
                and e.text not in demonyms
                and end + 1 < len(doc)
                and (doc[end].lower_, doc[end + 1].lower_) == _FILM_FESTIVAL
                and not doc[end + 1].ent_type_
            ):
                out.append(Span(doc, e.start, end + 2, label="ORG"))
                continue
            out.append(e)
        elif (
            e.label_ in ("FAC", "EVENT", "PRODUCT", "WORK_OF_ART")
            and doc[e.end - 1].text.rstrip(".") in _LEGAL_SUFFIXES
        ):
            # "Moreau SA" taken for a facility: a company form ends a company's name
            start = e.start + 1 if doc[e.start].lower_ == "the" else e.start
            if start < e.end - 1:
                out.append(Span(doc, start, e.end, label="ORG"))
        elif e.label_ in ("FAC", "EVENT") and doc[e.end - 1].lower_ in _INSTITUTION_ENDS:
            start = e.start + 1 if doc[e.start].lower_ == "the" else e.start
            if start < e.end - 1 and all(t.text[:1].isupper() for t in doc[start : e.end] if t.is_alpha and len(t) > 3):
                out.append(Span(doc, start, e.end, label="ORG"))
    return out


def _royal_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Royals and popes named by title and given name, the title kept ("Princess Ingrid
    Alexandra", also when the tagger missed the name or left the title out: "King" + "Charles III")."""
    from spacy.tokens import Span

    out = list(ents)
    for t in doc:
        end = _royal_end(doc, t.i)
        if end is None:
            continue
        overlapping = [e for e in out if e.start < end and t.i < e.end]
        if any(e.label_ != "PERSON" or e.start < t.i or e.end > end for e in overlapping):
            continue
        out = [e for e in out if e not in overlapping] + [Span(doc, t.i, end, label="PERSON")]
    return sorted(out, key=lambda e: e.start)


#: Nouns for a person of a nation, which open no name ("the Spaniard Álvaro Martín").
_NATIONAL_NOUNS = frozenset(
    {"spaniard", "swede", "dane", "finn", "pole", "scot", "brit", "briton", "turk", "swiss", "dutchman",
     "dutchwoman", "frenchman", "frenchwoman", "englishman", "englishwoman", "irishman", "irishwoman",
     "welshman", "welshwoman", "scotsman", "scotswoman", "kiwi", "icelander", "croat", "serb", "czech", "slovak"}
)  # fmt: skip


def _complete_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Personal names the tagger cut short, made whole from the words around them.

    * given names left out: "María" + "Fernanda Soto", "Ma. Teresa" + "Lacson"
      (an abbreviated given name with its full stop; a title before it stays out);
    * a surname taken into an affiliation: "Eva Heiða" + "Önnudóttir of the
      University of Iceland" -> the person "Eva Heiða Önnudóttir" and the
      organisation "University of Iceland";
    * a surname left untagged after the given names: "Eva Heiða" + "Önnudóttir".

    Spans that overlap a completed name lose the overlapping words (and go when
    only a title is left: "Commodore Ma").
    """
    from spacy.tokens import Span

    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if ent.label_ == "ORG" and prev is not None and prev.label_ == "PERSON" and prev.end == ent.start:
            of = next((i for i in range(ent.start + 1, ent.end) if doc[i].lower_ == "of"), None)
            if of is not None and all(_name_token(doc[i]) for i in range(ent.start, of)):
                body = of + 1 + (of + 1 < ent.end and doc[of + 1].lower_ == "the")
                if body < ent.end and doc[body].lower_ in ORG_HEADS | NON_PERSON_WORDS:
                    out[-1] = Span(doc, prev.start, of, label="PERSON")
                    out.append(Span(doc, body, ent.end, label="ORG"))
                    continue
        out.append(ent)
    out = [_place_before_role(doc, ent) for ent in out]
    done: list[Span] = []
    for ent in out:
        if ent.label_ != "PERSON":
            done.append(ent)
            continue
        start, end = ent.start, ent.end
        while start > 0 and ent.start - start < 3:
            t = doc[start - 1]
            if t.text == "." and start >= 2 and _INITIAL.fullmatch(doc[start - 2].text) and "\n" not in t.whitespace_:
                start -= 2  # "Ma. Teresa Lacson"
            elif _INITIAL.fullmatch(t.text) and t.text.endswith(".") and "\n" not in t.whitespace_:
                start -= 1  # "J. Teresa Lacson"
            elif (
                (_name_token(t) or _foreign_name_word(t))
                and t.ent_type_ in ("", "PERSON")
                and "\n" not in t.whitespace_
                and not (t.text in gazetteer().demonyms or t.lower_ in _NATIONAL_NOUNS)  # "the Spaniard Álvaro"
            ):
                start -= 1
            elif _name_token(t) and "\n" not in t.whitespace_ and _name_only_span(doc, t, ent.start):
                start -= 1  # "Ciarán Mac" (taken for an organisation) + "Giolla Phádraig"
            else:
                break
        if (
            end < len(doc)
            and (_name_token(doc[end]) or _foreign_name_word(doc[end]))
            and not doc[end].ent_type_
            and doc[end - 1].is_alpha
            and doc[end - 1].whitespace_ == " "
        ):
            end += 1  # "Eva Heiða" + "Önnudóttir"
        done.append(Span(doc, start, end, label="PERSON") if (start, end) != (ent.start, ent.end) else ent)
    # the words a completed name took from its neighbours
    final: list[Span] = []
    for ent in done:
        others = [o for o in done if o is not ent and o.label_ == "PERSON" and o.start < ent.end and ent.start < o.end]
        if not others or ent.label_ == "PERSON":
            final.append(ent)
            continue
        a, b = ent.start, ent.end
        for o in others:
            if o.start <= a:
                a = max(a, o.end)
            else:
                b = min(b, o.start)
        rest = [t for t in doc[a:b] if not t.is_punct and t.lower_.rstrip(".") not in PERSON_TITLES]
        if a < b and rest:
            final.append(Span(doc, a, b, label=ent.label_))
    final.sort(key=lambda e: (e.start, -e.end))  # "Rosa Quispe" + "Huamán": the longer name first
    return [e for k, e in enumerate(final) if k == 0 or e.start >= final[k - 1].end]


def _titled_runs(doc: Doc, ents: list[Span]) -> list[Span]:
    """A title and the name words after it, whatever pieces the tagger made of them, as one person:
    "Congresswoman Milagros" (ORG) + "Ccahuana" + "Ttito" (GPE) -> "Congresswoman Milagros Ccahuana Ttito"."""
    from spacy.tokens import Span

    out: list[Span] = []
    skip = -1
    for k, ent in enumerate(ents):
        if ent.start < skip:
            continue
        first = doc[ent.start]
        if ent.label_ in ("ORG", "GPE", "NORP") and first.lower_ in _INNER_TITLES and first.text[:1].isupper():
            j = ent.start + 1
            while (
                j < len(doc) and (_name_token(doc[j]) or _foreign_name_word(doc[j])) and doc[j - 1].whitespace_ == " "
            ):
                j += 1
            later = [o for o in ents[k + 1 :] if o.start < j]
            if j - ent.start >= 3 and j >= ent.end and all(o.end <= j for o in later) and later:
                out.append(Span(doc, ent.start, j, label="PERSON"))
                skip = j
                continue
        out.append(ent)
    return out


def _foreign_name_word(t: Token) -> bool:
    """Whether ``t`` is a capitalised word with letters English words lack, next to a name ("Nguyễn")."""
    return (
        t.is_alpha
        and not t.text.isascii()
        and t.text[:1].isupper()
        and not t.is_upper
        and t.lower_ not in _lower_words(t.doc)
        and t.text not in gazetteer().demonyms
        and gazetteer().lookup(t.text) is None
    )


def _name_only_span(doc: Doc, t: Token, person: int) -> bool:
    """Whether ``t`` is in a short non-person span of name words right before the person name
    starting at ``person`` ("Ciarán Mac", taken for an organisation, + "Giolla Phádraig")."""
    if t.ent_type_ not in ("ORG", "GPE"):
        return False
    span = next((e for e in doc.ents if e.start <= t.i < e.end), None)
    return (
        span is not None
        and span.end == person
        and len(span) <= 2
        and gazetteer().lookup(span.text) is None
        and all(_name_token(w) or w.lower_.rstrip(".") in PERSON_TITLES for w in span)
    )


def _place_before_role(doc: Doc, ent: Span) -> Span:
    """A surname the tagger took for a place or an organisation, after an untagged given name and
    before an apposed role: "Piyush" + "Goyal" (GPE) + ", India's commerce minister," -> a person."""
    from spacy.tokens import Span

    if ent.label_ not in ("GPE", "LOC", "ORG") or not 1 <= len(ent) <= 3 or ent.end + 1 >= len(doc):
        return ent
    if doc[ent.end].text != "," or gazetteer().lookup(ent.text) or not all(_name_token(t) for t in ent):
        return ent
    start = ent.start
    if len(ent) == 1:
        if ent.start == 0:
            return ent
        given = doc[ent.start - 1]
        if not _name_token(given) or given.ent_type_:
            return ent
        start -= 1  # "Piyush" + "Goyal"
    for t in doc[ent.end + 1 : ent.end + 8]:
        if t.is_punct or t.is_sent_start:
            break
        if t.lower_ in ROLE_NOUNS | _ROLE_TITLES and t.pos_ in ("NOUN", "PROPN"):
            return Span(doc, start, ent.end, label="PERSON")
    return ent


#: Capitalised role words written in front of a name that are no given names ("Justice John Roberts").
_ROLE_TITLES = frozenset(
    {"justice", "prosecutor", "detective", "inspector", "constable", "sergeant", "superintendent", "officer",
     "bishop", "archbishop", "cardinal", "father", "sister", "brother", "saint", "st", "doctor", "nurse",
     "director", "editor", "chairman", "chairwoman", "chairperson", "chair", "ceo", "founder", "economist",
     "analyst", "professor", "lecturer", "coach", "striker", "goalkeeper", "defender", "midfielder", "captain",
     "skipper", "boss", "chief", "executive", "trooper", "agent", "attorney", "counsel", "barrister",
     "solicitor", "magistrate", "coroner", "sheriff", "marshal", "private", "corporal", "ensign", "cadet",
     "marine", "pilot", "astronaut", "senior", "junior", "associate", "assistant", "acting", "interim",
     "retired", "former", "late", "dame", "baroness", "baron", "count", "countess", "duke", "duchess", "emir",
     "emperor", "empress", "tsar", "shah", "ayatollah", "grand", "speaker", "leader", "candidate", "nominee"}
)  # fmt: skip


#: Titles, ranks and job titles written in front of a personal name and left out of it
#: ("Chief Executive Dana Whitfield-Oyelaran", "Bishop Salvatore Lupinacci", "Det Insp Jo
#: Rees"). Only stripped from people's names, never from organisations ("General Motors").
PERSON_TITLES: frozenset[str] = (
    TITLE_WORDS
    | HONORIFICS
    | _OFFICE_LETTERS
    | _ROLE_TITLES - {"st", "saint"}  # "St James' Park"
    | frozenset(
        {"executive", "president", "director", "bishop", "archbishop", "cardinal", "rabbi", "imam", "reverend",
         "father", "sister", "judge", "justice", "magistrate", "commissioner", "inspector", "detective",
         "superintendent", "sergeant", "constable", "captain", "colonel", "general", "admiral", "professor",
         "senator", "representative", "rep", "governor", "mayor", "premier", "minister", "secretary",
         "ambassador", "coach", "manager", "spokesperson", "officer", "principal", "provost",
         "vice-chancellor", "vice-president", "ceo", "cfo", "coo", "cto", "head", "co-founder", "chairperson",
         "treasurer", "alderman", "det", "insp", "supt", "sgt", "const", "maj", "gen", "adm", "pres", "msgr",
         "monsignor", "canon", "vicar", "deacon", "ayatollah", "mullah", "superior", "managing",
         "operating", "financial", "technology", "technical", "medical", "scientific", "commercial",
         "regional", "district", "divisional", "national", "assistant", "deputy", "acting", "interim",
         "police", "fire", "congressman", "congresswoman", "assemblyman", "assemblywoman", "lawmaker",
         "councilmember", "councilman", "councilwoman", "assemblymember", "selectman", "selectwoman",
         "supervisor", "trustee", "delegate",
         "legislator", "mep", "attorney-general", "solicitor-general", "auditor-general", "ombudsman",
         "registrar", "lord", "baroness", "baron", "viscount", "marquess", "hon",
         "honourable", "honorable", "rt", "excellency", "holiness", "doctora", "señor", "señora", "doña", "herr",
         "frau", "monsieur", "madame", "signor", "signora", "senhor", "senhora", "dottore", "dottoressa", "brigadier"}
    )
)  # fmt: skip


#: Titles that are never a name on their own ("Adv", "Doctora", "Señor").
_LONE_TITLES = frozenset(
    {"adv", "doctora", "señor", "señora", "señorita", "doña", "herr", "frau", "monsieur",
     "madame", "mademoiselle", "signor", "signora", "senhor", "senhora", "dottore", "dottoressa", "sheikh"}
)  # fmt: skip


def _strip_titles(words: list[str], keep: int = 1) -> list[str]:
    """``words`` of a personal name without the titles in front ("Chief Executive Dana X" -> "Dana X").

    At least ``keep`` words stay; a title that is the only word left before a generational
    suffix or nothing stays too.
    """
    k = 0
    while len(words) - k > keep and words[k].casefold().rstrip(".") in PERSON_TITLES:
        k += 1
    if k and words[k].rstrip(".").casefold() in _GENERATIONAL:
        k -= 1
    return words[k:]


def _lower_words(doc: Doc) -> frozenset[str]:
    """The words of ``doc`` written in lower case (common words, not names), built once per document."""
    cached = doc.user_data.get("btl_lower_words")
    if not isinstance(cached, frozenset):
        cached = doc.user_data["btl_lower_words"] = frozenset(t.text for t in doc if t.text.islower())
    return cached


def _name_token(t: Token) -> bool:
    """Whether ``t`` can be one word of a personal name (a given name or a surname)."""
    return (
        t.pos_ == "PROPN"
        and (t.is_alpha or re.fullmatch(r"[A-Z][a-z]*[’'][A-Z][\w-]+", t.text) is not None)  # "Dell'Acqua"
        and t.text[:1].isupper()
        and not (t.is_upper and len(t.text) > 1)
        and t.lower_ not in TITLE_WORDS | HONORIFICS | NON_PERSON_WORDS | ORG_HEADS | _ORG_KINDS | _ROLE_TITLES
        and t.lower_ not in _lower_words(t.doc)
        and t.text not in gazetteer().demonyms
        and gazetteer().lookup(t.text) is None
    )


#: A first name, a nickname in quotation marks and a surname: 'Gary "Gazza" Pendleton'.
_NICKNAMED = re.compile(
    r"\b([A-Z][\w’'-]+) [\"“‘']([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)?)[\"”’'] ((?:[a-z]{1,4} ){0,2}[A-Z][\w’'-]+)\b"
)


def _nicknamed(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """One person for a name written with a quoted nickname inside it ('Gary "Gazza" Pendleton').

    The tagger cuts such a name at the quotation mark; the first name and the
    surname make the canonical name, the whole run is the mention. The tagger
    may also miss the first name altogether ('Julián "El Tanque" Benítez' with
    only "Benítez" a person, or nothing tagged): a capitalised word the parser
    reads as a proper noun, not a place, before the nickname and a surname that
    is no other kind of name, is the first name.
    """
    text = _text(doc)
    out = list(mentions)
    for hit in _NICKNAMED.finditer(text):
        first = next((m for m in out if m.start == hit.start(1) and m.end == hit.end(1)), None)
        if first is None:
            last = next((m for m in out if m.start == hit.start(3) and m.end == hit.end(3)), None)
            given = doc.char_span(hit.start(1), hit.end(1))
            surname = doc.char_span(hit.start(3), hit.end(3))
            if (
                (last.label != "PERSON" if last is not None else surname is None or surname[0].pos_ != "PROPN")
                or (surname is not None and surname[0].ent_type_ in ("GPE", "LOC", "NORP", "ORG"))
                or given is None
                or given[0].pos_ != "PROPN"
                or given[0].ent_type_ in ("GPE", "LOC", "NORP", "ORG")
                or any(
                    m.start < hit.end(1)
                    and hit.start(1) < m.end
                    and (m.end != hit.end(1) or m.gazetteer is not None)
                    # 'Ramon "Monching' cut at the closing mark: a piece of the name itself
                    and not (m.gazetteer is None and hit.start() <= m.start and m.end < hit.end())
                    for m in out
                )
            ):
                continue
            # "Forward Ezequiel": a role word run into the first name goes with it
            out = [m for m in out if not (m.start < hit.start(1) and m.end == hit.end(1))]
        elif first.gazetteer is not None or (
            first.label not in ("PERSON", "ORG") and not _tagged_first_name(doc, first, hit.start(3), hit.end(3), out)
        ):
            continue
        out = [m for m in out if not (hit.start() <= m.start and m.end <= hit.end())]
        full = f"{hit.group(1)} {hit.group(3)}"
        out.append(_Mention(hit.start(), hit.end(), hit.group(), "PERSON", canonical=full))
    out.sort(key=lambda m: m.start)
    return out


def _tagged_first_name(doc: Doc, first: _Mention, s3: int, e3: int, mentions: list[_Mention]) -> bool:
    """Whether a given name the tagger read as a place is one, before a quoted nickname and a surname.

    'Luciana "La Gringa" Etchegaray' with "Luciana" tagged a place: the
    gazetteer knows no place called "Luciana", and the surname is a person's
    (or no mention at all, but a proper noun that is no place or organisation).
    """
    if first.label not in ("GPE", "LOC", "NORP") or gazetteer().lookup(first.text) is not None:
        return False
    if any(m.start == s3 and m.end == e3 and m.label == "PERSON" for m in mentions):
        return True
    surname = doc.char_span(s3, e3)
    return (
        surname is not None
        and not any(m.start < e3 and s3 < m.end for m in mentions)
        and surname[0].pos_ == "PROPN"
        and surname[0].ent_type_ not in ("GPE", "LOC", "NORP", "ORG", "FAC")
    )


def _after_shouted_lead(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int:
    """Where a name starts after a tabloid's capitalised opening word ("RED-FACED Rovers boss ...").

    A capital glued by a hyphen to the next word is one name, not a shouted lead ("K-Electric").
    """
    if not doc[start].is_sent_start:
        return start
    j = start
    while j < end and (doc[j].is_upper or doc[j].text == "-"):
        j += 1
    if j == start or j >= end or not doc[j].text[:1].isupper() or doc[j].is_upper:
        return start
    if doc[j - 1].text == "-" and not doc[j - 1].whitespace_:
        return start
    lead = doc[start:j]
    shouted = any(t.text == "-" for t in lead) or doc[start].pos_ in ("ADJ", "VERB", "ADV")
    if not shouted or gaz.lookup(lead.text) is not None:
        return start
    return j


#: Conventional names of ministries ("defence ministry" -> "Ministry of Defence").
_MINISTRIES = {"foreign": "Foreign Affairs", "defense": "Defense", "interior": "Internal Affairs"}


def _body_name(noun: str) -> str:
    """ "air force" -> "Air Force"; "defence ministry" -> "Ministry of Defence"."""
    words = noun.split()
    if len(words) >= 2 and words[-1] == "ministry":
        if len(words) == 2:
            return "Ministry of " + _MINISTRIES.get(words[0], words[0].title())
        return "Ministry of " + " ".join(w if w == "and" else w.title() for w in words[:-1])
    return noun.title()


#: "transport ministry", "civil protection ministry": a ministry named by its lower-case field.
_MINISTRY = re.compile(r"((?:[a-z]+ ){1,3}?)ministry\b")
#: "Defense Ministry", "Foreign Ministry": the same written with capitals (not "Ministry of ...").
_CAPITAL_MINISTRY = re.compile(r"((?:[A-Z][a-z]+ ){1,3}?)Ministry\b(?! of)")
#: Words before "ministry" that are no field of government ("the same ministry").
_NOT_FIELDS = frozenset(
    {"same", "new", "whole", "former", "other", "relevant", "entire", "own", "a", "an", "the", "that", "this",
     "his", "her", "its", "their", "our", "one", "each", "every", "which", "said", "told", "by", "of", "from",
     "to", "at", "and", "or", "with", "for", "on", "in", "country’s", "country's"}
)  # fmt: skip


#: Local bodies named by a place and lower-case words ("Toronto city council", "Lolland municipality",
#: "Tyrol avalanche warning service").
_LOCAL_BODY = re.compile(
    r" ((?:[a-z]+ ){1,2}(?:court|police)"
    r"|(?:[a-z]+ ){0,2}(?:council|administration|assembly|authority|municipality|committee)"
    r"|(?:[a-z]+ ){1,3}service)\b(?![’'-])"
)
#: Bodies a place owns, written with a capital ("Berlin's Senate").
_CAPITAL_BODY = re.compile(r"(?:Senate|Parliament|Assembly|Council|Cabinet|Congress)\b(?![ -][A-Z])")


def _noun_follows(doc: Doc, end: int) -> bool:
    """Whether the word after character offset ``end`` (a space away) is a common noun."""
    span = doc.char_span(end + 1, end + 2, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].idx == end + 1 and span[0].pos_ == "NOUN"


def _demonym_in_text(doc: Doc, place: str) -> str | None:
    """The nationality adjective of ``place`` written in the document ("Kenya" -> "Kenyan")."""
    stem = place[:-1] if len(place) > 4 else place
    found = {
        t.text
        for t in doc
        if t.text.startswith(stem) and 0 < len(t.text) - len(stem) <= 4 and t.text != place and t.is_alpha
        and (t.ent_type_ == "NORP" or t.pos_ == "ADJ" or t.text.endswith(("an", "ian", "ese", "ish", "i")))
    }  # fmt: skip
    return found.pop() if len(found) == 1 else None


#: "Police said ...", "Police in Córdoba said ...": the police as the speaker of a sentence.
_POLICE_SAID = re.compile(r"(?<![\w’'-])(Police)(?: in [A-Z][\w-]+)?,? (?:said|say|says|have|had|were|are|believe)\b")


def _bare_ministries(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "the finance ministry said": a ministry named without a country is an organisation of its own;
    so are "the central bank" and "Police" opening a sentence as its subject ("Police said ...")."""
    text = _text(doc)
    taken = [(m.start, m.end) for m in mentions]
    added: list[_Mention] = []
    for hit in re.finditer(r"(?<![\w’'-])(?:[Tt]he|country[’']s) " + _MINISTRY.pattern, text):
        words = hit.group(1).split()
        if any(w in _NOT_FIELDS for w in words):
            continue
        start, end = hit.start(1), hit.end()
        if any(a < end and start < b for a, b in taken):
            continue
        name = text[start:end]
        added.append(_Mention(start, end, name, "ORG", canonical=name.casefold()))
        taken.append((start, end))
    for hit in re.finditer(r"(?<![\w’'-])[Tt]he (central bank)\b", text):
        start, end = hit.start(1), hit.end(1)
        if not any(a < end and start < b for a, b in taken):
            added.append(_Mention(start, end, hit.group(1), "ORG", canonical="central bank"))
            taken.append((start, end))
    for hit in _POLICE_SAID.finditer(text):
        # "Police said they had arrested two men": the force of the story, named or not
        start, end = hit.start(1), hit.end(1)
        if _sentence_initial(text, start) and not any(a < end and start < b for a, b in taken):
            added.append(_Mention(start, end, "Police", "ORG", canonical="Police"))
            taken.append((start, end))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _merge_central_bank(mentions: list[_Mention], names: dict[int, str], labels: dict[int, str]) -> None:
    """ "the central bank", "the Brazilian central bank" join the one central bank the document
    names ("Bank of Korea", "Banco Central do Brasil")."""

    def described(m: _Mention) -> bool:  # "the central bank", "the Brazilian central bank", not "European Central Bank"
        return (
            m.canonical is not None
            and (m.canonical == "central bank" or m.canonical.endswith(" Central Bank"))
            and "central bank" in m.text
        )

    banks = {
        m.group
        for m in mentions
        if labels[m.group] == "ORG"
        and not described(m)
        and re.search(r"\bBank of\b|\bCentral Bank\b|\bBanco Central\b|\bReserve Bank\b", names[m.group])
    }
    if len(banks) != 1:
        return
    bank = next(iter(banks))
    for m in mentions:
        if described(m):
            m.group = bank


#: Names of banks a document may give for its central bank.
_BANK_NAMED = re.compile(
    r"\bBank of\b|\bCentral Bank\b|\bBanco Central\b|\bReserve Bank\b|\bNational Bank\b|\bBank Negara\b"
    r"|\bRiksbank\b|\bNorges Bank\b|\bBundesbank\b|\bFederal Reserve\b|\bBank Indonesia\b|\bBangko Sentral\b"
)


def _national_central_bank(text: str, mentions: list[_Mention], names: dict[int, str], gaz: Gazetteer) -> None:
    """ "the central bank" in a story about one country that names no bank is that country's central
    bank, named as the gazetteer's ``national_central_bank`` gives it ("National Bank of Poland")."""
    groups = {m.group for m in mentions if m.canonical == "central bank" and names[m.group] == "central bank"}
    if not groups or _BANK_NAMED.search(text) is not None:
        return
    country = _story_country(mentions, gaz) or _country_in_words(text, gaz)
    bank = gaz.national_central_bank.get(country) if country is not None else None
    if bank is not None:
        for gid in groups:
            names[gid] = bank


def _merge_adjacent(doc: Doc, ents: list[Span]) -> list[Span]:
    """Join neighbouring spans that are one name (see :func:`_joined_label`):
    "Christian" + "Democrats", "UK" + "Maritime Trade Operations"."""
    out: list[Span] = []
    for ent in ents:
        label = _joined_label(doc, out[-1], ent) if out else None
        if label is None:
            out.append(ent)
        else:
            out[-1] = doc[out[-1].start : ent.end]
            out[-1].label_ = label
    return out


def _joined_label(doc: Doc, prev: Span, ent: Span) -> str | None:
    """The label of ``prev`` and the next span ``ent`` joined into one name, or ``None``
    when they are two: two spans of one label a space apart, a country's letters before
    its body's name, and organisation names the tagger cut at "for" or "of"."""
    if prev.label_ == ent.label_ and prev.end == ent.start and doc[prev.end - 1].whitespace_ == " ":
        return ent.label_
    if (
        prev.label_ == "GPE"
        and ent.label_ == "ORG"
        and prev.end == ent.start
        and len(prev) == 1
        and prev.text.isupper()
        and len(prev.text) <= 3
        and doc[prev.end - 1].whitespace_ == " "
    ):
        # "UK" + "Maritime Trade Operations": a country's letters in front of its body's name
        return "ORG"
    gap = doc[prev.end : ent.start] if prev.end <= ent.start else None
    if (
        gap is not None
        and prev.label_ == "ORG"
        and ent.label_ == "ORG"
        and [t.lower_ for t in gap] in (["for"], ["for", "the"])
        and doc[prev.end - 1].text[:1].isupper()
        and (ent.text[:1].isupper() or ent[0].lower_ == "the" and len(ent) > 1 and ent[1].text[:1].isupper())
        and not _is_acronym(ent.text)
        and not doc[gap.start].is_sent_start
        and not ent[0].is_sent_start
    ):
        # "U.S. Court of Appeals" + "for the" + "Eighth Circuit", "UN Office" + "for the" +
        # "Coordination of Humanitarian Affairs": one name the tagger cut at "for"
        return "ORG"
    if (
        prev.label_ == "ORG"
        and ent.label_ == "GPE"
        and prev.end + 1 == ent.start
        and doc[prev.end].lower_ == "of"
        and doc[prev.end - 1].text[:1].isupper()
        and (
            doc[prev.end - 1].lower_ in _RUN_HEADS | ORG_HEADS
            or len(prev) > 1
            and doc[prev.end - 1].lower_.endswith("ies")  # "Simon Communities", not "Faith Jepkorir"
        )
        and not doc[ent.start].is_sent_start
    ):
        # "Simon Communities" + "of" + "Ireland": a place finishing an organisation's name
        return "ORG"
    if (
        gap is not None
        and prev.label_ == "ORG"
        and ent.label_ in ("GPE", "LOC")
        and [t.lower_ for t in gap] in (["for"], ["on"])
        and (
            doc[prev.end - 1].lower_ in _RUN_HEADS | _OF_HEADS | {"commission"}
            or len(prev) > 2
            and any(
                t.lower_ in _RUN_HEADS | _OF_HEADS | {"commission", "panel"} and doc[t.i + 1].lower_ in ("of", "for")
                for t in prev[:-1]
            )
        )
        and doc[prev.end - 1].text[:1].isupper()
        and gazetteer().lookup(prev.text) is None
        and not (ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s", "'", "’"))
        and not doc[gap.start].is_sent_start
        and not ent[0].is_sent_start
    ):
        # "Royal Commission" + "for" + "Riyadh City", "Group of Eminent Experts" + "on" +
        # "Yemen": a place finishing an organisation's name cut at "for" or "on"
        return "ORG"
    if (
        prev.label_ == "ORG"
        and prev.end == ent.start
        and len(prev) > 2
        and doc[prev.end - 1].lower_ in ("of", "for")
        and ent.label_ in ("GPE", "LOC", "ORG")
    ):
        # "National Observatory of" + "Athens": the place finishes the organisation's name
        return "ORG"
    return None


#: Country names written with "the" ("the Netherlands", "the United Kingdom", "the Czech Republic").
_TAKES_THE = re.compile(
    r"^(?:United|Democratic|Central African|Dominican|Czech)\b"
    r"|\b(?:Netherlands|Philippines|Gambia|Bahamas|Maldives|Seychelles|Comoros|Islands|Republic|Kingdom|States|Emirates)$"
)
#: A country's name used as an adjective before "government" ("the UK government").
_COUNTRY_GOVERNMENT = re.compile(r" government\b(?!-)")


def _country(gaz: Gazetteer, place: str) -> bool:
    """Whether ``place`` is a country the gazetteer knows ("United Kingdom", "Ivory Coast")."""
    return (place in gaz.demonym_of or place in gaz.countries) and place not in _SUBNATIONAL


#: Places with a nationality word that have no national government ("Welsh", "Scottish").
_SUBNATIONAL = frozenset({"Wales", "Scotland", "England", "Northern Ireland"})


#: A leader's office written as a name: "the Prime Minister’s Office", "the Governor's Office".
_LEADERS_OFFICE = re.compile(
    r"(?<![\w-])(?:(?:Deputy )?Prime Minister|President|Chancellor|Governor|Mayor|Premier|Taoiseach"
    r"|Attorney[- ]General|Chief Minister)[’']s Office\b"
)


def _leaders_offices(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """ "The Prime Minister’s Office said ...": the office, a body written with capitals and the
    leader's possessive, is an organisation of its own, not the leader (nor a role reference).
    Lower-case "the prime minister's office" is left alone."""
    added = [
        _Mention(m.start(), m.end(), m.group(), "ORG", canonical=m.group()) for m in _LEADERS_OFFICE.finditer(text)
    ]
    if not added:
        return mentions
    kept = [m for m in mentions if not any(a.start < m.end and m.start < a.end for a in added)]
    return sorted(kept + added, key=lambda x: x.start)


#: A leader's office in lower case: "the prime minister's office", "the presidential office".
_LOWER_OFFICE = re.compile(
    r"\b[Tt]he ((?:deputy )?prime minister|president|chancellor|governor|mayor|premier|attorney[- ]general"
    r"|chief minister)[’']s office\b|\b[Tt]he (presidential) office\b"
)


def _acting_offices(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """A leader's office written in lower case that acts as the subject of a verb: "the governor's
    office said", "The presidential office denied ...". The office speaks for the leader as a body
    of its own, an organisation named "Governor’s Office", "Presidential Office".

    Elsewhere ("written to the mayor's office", "a prime minister's office adviser") it is left
    alone: many writers do not count such a mention as an organisation.
    """
    text = _text(doc)
    added: list[_Mention] = []
    for hit in _LOWER_OFFICE.finditer(text):
        group = 1 if hit.group(1) else 2
        a, b = hit.start(group), hit.end()
        office = doc.char_span(b - len("office"), b)
        if office is None or office[0].dep_ not in ("nsubj", "nsubjpass"):
            continue
        if any(m.start < b and a < m.end for m in mentions):
            continue
        name = text[a:b]
        added.append(_Mention(a, b, name, "ORG", canonical=" ".join(w[:1].upper() + w[1:] for w in name.split())))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda x: x.start)


#: "the Catalan regional government", "the Bavarian state government": a region's own government.
_REGIONAL_GOVERNMENT = re.compile(r"(?<![\w-])([A-Z][a-z]+ (?:regional|provincial|state) government)\b(?![’'-])")


def _regional_governments(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "the Catalan regional government", "the Basque regional government": a nationality or
    region word (tagged a nationality) before "regional/provincial/state government" is one
    organisation, named as written; the nationality mention inside it goes."""
    text = _text(doc)
    if "government" not in text:
        return mentions
    added: list[_Mention] = []
    for hit in _REGIONAL_GOVERNMENT.finditer(text):
        first = doc.char_span(hit.start(1), hit.start(1) + len(hit.group(1).split()[0]))
        if first is None or first[0].ent_type_ != "NORP" and hit.group(1).split()[0] not in gazetteer().demonyms:
            continue
        if any(m.start < hit.end(1) and hit.start(1) < m.end and m.label != "NORP" for m in mentions):
            continue
        added.append(_Mention(hit.start(1), hit.end(1), hit.group(1), "ORG", canonical=hit.group(1)))
    if not added:
        return mentions
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)]
    return sorted(kept + added, key=lambda m: m.start)


#: A prosecutor's or ombudsman's office in lower case: "the Paris prosecutor’s office",
#: "the federal prosecutor's office", "the country’s ombudsman’s office".
_LEGAL_OFFICE = re.compile(
    r"(?<![\w’'-])(?:[Tt]he (?:country[’']s )?|[Tt]he state[’']s )((?:[A-Z][\w-]+ )?(?:[a-z]+(?:-[a-z]+)* )??"
    r"(?:public prosecutor|prosecutor[- ]general|prosecutor|attorney[- ]general|ombudsman|auditor[- ]general)"
    r"[’']s office)\b"
)


def _legal_offices(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """ "The Paris prosecutor’s office said", "according to the federal prosecutor's office": the
    office of a prosecutor, attorney general or ombudsman, written in lower case after "the",
    is an organisation named as written (without "the"); a place inside it stays a place,
    other mentions inside give way.
    """
    if "office" not in text:
        return mentions
    added = [
        _Mention(h.start(1), h.end(1), h.group(1), "ORG", canonical=h.group(1)) for h in _LEGAL_OFFICE.finditer(text)
    ]
    added = [
        a
        for a in added
        if not any(m.start < a.end and a.start < m.end and m.label == "ORG" and m.end > a.end for m in mentions)
    ]
    if not added:
        return mentions
    kept = [
        m for m in mentions if m.label in ("GPE", "LOC") or not any(a.start < m.end and m.start < a.end for a in added)
    ]
    return sorted(kept + added, key=lambda x: x.start)


#: A wire story's dateline: the place in capitals, perhaps a date, and the agency in brackets
#: before a dash or a colon ("GEORGETOWN, Guyana (AP) —", "BERLIN (dpa) -", "LIMA, Jan 3 (Reuters) --").
DATELINE_AGENCY = re.compile(
    r"\A\s*[A-ZÀ-Þ][A-ZÀ-Þ .'’-]+(?:, [^()\n]{1,40})? \(([A-Za-z][\w.-]{1,19}(?: [A-Z][\w-]+){0,2})\) ?(?:—|–|--|-|:)"
)
#: Agencies whose dateline form is a short one ("AP" for the Associated Press).
_AGENCY_NAMES = {"AP": "Associated Press"}
#: Bracketed words of a dateline that name a desk or a byline, not an agency ("(Wire)", "(Business Desk)").
_NOT_AGENCY_WORDS = frozenset(
    {"wire", "wires", "desk", "staff", "agencies", "agency", "news", "newswire", "reporter", "reporters",
     "correspondent", "correspondents", "bureau", "service", "services"}
)  # fmt: skip


def _dateline_agency(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The news agency of a wire story's dateline, an organisation: "BERLIN (dpa) - Germany ...".

    The tagger leaves a lower-case or short agency name out ("dpa") or glues it to the place
    ("Guyana (AP"). The bracketed name becomes an organisation mention, named as written
    (but "AP" is the Associated Press); a mention crossing the bracket is cut before it.
    """
    hit = DATELINE_AGENCY.match(text)
    if hit is None:
        return mentions
    a, b = hit.span(1)
    name = hit.group(1)
    if any(w.casefold() in _NOT_AGENCY_WORDS for w in name.split()):
        return mentions
    full = _AGENCY_NAMES.get(name, name)
    if not _spelled_out(full, fold_accents(text).casefold()):
        full = name  # "(AP)" alone: named as written, the corpus pass joins it to "Associated Press"
    agency = _Mention(a, b, name, "ORG", canonical=full)
    kept: list[_Mention] = []
    for m in mentions:
        if m.start < b and a < m.end:
            if m.start < a - 2 and m.end <= b + 1:
                cut = text[m.start : a - 1].rstrip(" (")
                kept.append(replace(m, end=m.start + len(cut), text=cut))
            continue
        kept.append(m)
    return sorted([*kept, agency], key=lambda x: x.start)


#: Verbs whose subject speaks or acts in public: "the government said / announced / denied".
_UNION_LOCAL = re.compile(r"(?<![\w-])((?:[A-Z][\w'’-]* ){1,5})?Local \d{1,5}(?![\w-])")
_UNION_WORDS = frozenset({"Union", "Workers", "Steelworkers", "Teamsters", "Brotherhood", "Employees", "Federation"})


def _union_locals(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """A union's numbered branch as an organisation: "Amalgamated Transit Union Local 508" (the
    union's name made whole) or "Local 1375" alone."""
    out = list(mentions)
    for hit in _UNION_LOCAL.finditer(text):
        start = hit.start() if hit.group(1) and hit.group(1).split()[-1] in _UNION_WORDS else hit.end(1)
        if hit.group(1) is None:
            start = hit.start()
        inside = [m for m in out if m.start < hit.end() and start < m.end]
        if any(m.label not in ("ORG", "PERSON") or m.start < start or m.end > hit.end() for m in inside):
            continue
        out = [m for m in out if m not in inside]
        out.append(_Mention(start, hit.end(), text[start : hit.end()], "ORG"))
    return sorted(out, key=lambda m: m.start)


_GOVERNMENT_SPEECH = SPEECH_VERBS | frozenset(
    {"deny", "confirm", "reject", "promise", "pledge", "defend", "welcome", "condemn", "dismiss", "describe",
     "maintain", "respond", "vow", "call"}
)  # fmt: skip


def _story_country(mentions: list[_Mention], gaz: Gazetteer) -> str | None:
    """The one country a story is about, when its names leave no doubt.

    Countries are counted from places and nationalities the gazetteer knows ("Ghana",
    "Ghanaian", "Ivory Coast" even tagged a location); a government the text names ("Japan's
    government") counts three times. The most named country must be named at least twice and
    twice as often as any other.
    """
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.canonical is not None and m.canonical.startswith("Government of "):
            place = m.canonical.removeprefix("Government of ").removeprefix("the ")
            counts[place] += 3
        elif m.label in ("GPE", "LOC"):
            entry = gaz.lookup(m.text)
            place = entry.canonical if entry is not None else m.text
            if _country(gaz, place):
                counts[place] += 1
        elif m.label == "NORP" and m.text in gaz.demonyms and _country(gaz, gaz.demonyms[m.text]):
            counts[gaz.demonyms[m.text]] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _bare_governments(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """ "the government" alone, for the government of the one country the story is about, when
    that government speaks in the text ("the government said", "the government denied").

    Newspapers write "the government" for the story's national government once the country is
    plain; without a government that speaks or a country beyond doubt (see
    :func:`_story_country`) the words are left alone. Every "the government" of the document
    then names that government ("Government of Ghana").
    """
    text = _text(doc)
    taken = [(m.start, m.end) for m in mentions]
    found: list[Token] = []
    speaks = False
    for t in doc:
        if t.lower_ != "government" or t.i == 0 or doc[t.i - 1].lower_ != "the":
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in ("of", "-") or nxt.text[:1].isupper() and not nxt.is_punct):
            continue  # "the government of Japan", "the government-backed bank", "the government Yes campaign"
        if any(a < t.idx + len(t.text) and t.idx < b for a, b in taken):
            continue
        found.append(t)
        verb = t.head
        speaks |= t.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in _GOVERNMENT_SPEECH
        speaks |= t.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according"
    if not speaks:
        return mentions
    country = _story_country(mentions, gaz)
    if country is None:
        return mentions
    the = "the " if _TAKES_THE.search(country) else ""
    added = [
        _Mention(
            t.idx,
            t.idx + len(t.text),
            text[t.idx : t.idx + len(t.text)],
            "ORG",
            canonical=f"Government of {the}{country}",
        )
        for t in found
    ]
    return sorted(mentions + added, key=lambda x: x.start)


#: Armed services written alone ("the army said"), and their names after a nationality.
_FORCES = {"army": "Army", "navy": "Navy"}


def _bare_forces(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """ "the army" or "the navy" alone, for the army or navy of the one country the story is
    about, when it acts in the text as the subject of a verb ("the army would deliver tents",
    "the navy will patrol the zone"): "Peruvian Army", "Senegalese Navy".

    Without a subject use or a country beyond doubt (see :func:`_story_country`), or when the
    text names an armed force itself ("the Sudanese Armed Forces"), the words are left alone;
    once one use acts, every "the army" of the document names that army.
    """
    text = _text(doc)
    taken = [(m.start, m.end) for m in mentions]
    found: dict[str, list[Token]] = defaultdict(list)
    acting: set[str] = set()
    for t in doc:
        if t.lower_ not in _FORCES or t.text != t.lower_ or t.i == 0 or doc[t.i - 1].lower_ != "the":
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in ("of", "-") or nxt.text[:1].isupper() and not nxt.is_punct):
            continue  # "the army of Mali", "the army-run hospital"
        if any(a < t.idx + len(t.text) and t.idx < b for a, b in taken):
            continue
        found[t.lower_].append(t)
        if t.dep_ in ("nsubj", "nsubjpass"):
            acting.add(t.lower_)
    named = re.compile(r"\b(?:Army|Navy|Armed Forces|Defen[cs]e Forces|Military)\b")
    acting -= {w for w in acting if any(m.label == "ORG" and named.search(m.text) for m in mentions)}
    if not acting:
        return mentions  # "the Sudanese Armed Forces" named in the text: "the army" is left to it
    country = _story_country(mentions, gaz)
    adjective = gaz.demonym_of.get(country) if country is not None else None
    if adjective is None:
        return mentions
    added = [
        _Mention(
            t.idx, t.idx + len(t.text), text[t.idx : t.idx + len(t.text)], "ORG", canonical=f"{adjective} {_FORCES[w]}"
        )
        for w in acting
        for t in found[w]
    ]
    return sorted(mentions + added, key=lambda x: x.start)


@functools.cache
def _country_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern over the gazetteer's country names and nationality words, and what country each names."""
    gaz = gazetteer()
    names = {c: c for c in (*gaz.demonyms.values(), *gaz.countries)}
    names.update(gaz.demonyms)
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])"), names


def _country_in_words(text: str, gaz: Gazetteer) -> str | None:
    """The country a text names most, by its name or nationality word anywhere (even inside an
    organisation's name, "Malawi Electoral Commission"): named at least twice and twice as
    often as any other, else ``None``. A weaker sign than :func:`_story_country`."""
    pattern, names = _country_words()
    ranked = Counter(names[w] for w in pattern.findall(text)).most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _national_treasury(text: str, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """ "the Treasury" alone names the treasury of the story's country: "HM Treasury" in a British
    story (Wales, Scotland and Northern Ireland included), "National Treasury" in a South African
    one, as the gazetteer's ``national_treasury`` gives it. Not when the text writes a longer
    treasury name itself ("HM Treasury", "the US Treasury")."""
    bare = [m for m in mentions if m.text == "Treasury" and m.gazetteer is None and m.canonical is None]
    if not bare or re.search(r"\b[A-Z][\w.]* Treasury\b(?<!The Treasury)", text):
        return
    country = _story_country(mentions, gaz) or _country_in_words(text, gaz)
    if country in _SUBNATIONAL:
        country = "United Kingdom"
    name = gaz.national_treasury.get(country) if country is not None else None
    if name is None:
        return
    for m in bare:
        m.label, m.canonical = "ORG", name


#: "Ukraine's embassy in Warsaw", "the US embassy in Manila", "United States Embassy in Manila".
_EMBASSY = re.compile(
    r"(?<![\w-])(?!The |A |An )(?:([A-Z][\w.]*(?: [A-Z][\w.]*)?)[’']s |([A-Z][\w.]*(?: [A-Z][\w.]*)?) )"
    r"([Ee]mbassy|[Cc]onsulate)(?: [Gg]eneral)? in ([A-Z][\w-]+(?: [A-Z][\w-]+)?)"
)


def _embassies(text: str, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """A country's embassy or consulate in a city, as one organisation.

    "Ukraine's embassy in Warsaw" and "the US embassy in Manila" are named as style guides
    name them, "Embassy of Ukraine in Warsaw", "Embassy of the United States in Manila"; a
    capitalised "United States Embassy in Manila" keeps its own words. The country is a
    name or nationality word the gazetteer knows; mentions inside the span give way.
    """
    if "mbassy" not in text and "onsulate" not in text:
        return mentions
    added: list[_Mention] = []
    for hit in _EMBASSY.finditer(text):
        owner = hit.group(1) or hit.group(2)
        entry = gaz.lookup(owner)
        country = gaz.demonyms.get(owner) or (entry.canonical if entry is not None and entry.label == "GPE" else owner)
        if country is None or not (_country(gaz, country) or country in gaz.demonym_of):
            continue
        if hit.group(3)[:1].isupper() and hit.group(1) is None:
            name = normalize_name(hit.group())
        else:
            the = "the " if _TAKES_THE.search(country) else ""
            name = f"{hit.group(3).capitalize()} of {the}{country} in {hit.group(4)}"
        added.append(_Mention(hit.start(), hit.end(), hit.group(), "ORG", canonical=name))
    if not added:
        return mentions
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)]
    kept = [m for m in kept if not any(m.start < a.end and a.start < m.end for a in added)]
    return sorted(kept + added, key=lambda m: m.start)


#: A police force the text names: "Toronto Police Service", "Greek police", "police in Almaty" (not "The police").
_POLICE_NAMED = re.compile(
    r"\b(?!(?:The|A|An|And|But|Riot|Armed|Traffic|Plainclothes|Many|Some|Two|Three)\b)[A-Z][\w’'-]+ [Pp]olice\b"
    r"|\b[Pp]olice (?:in|of|from) (?:the )?[A-Z]|\bPolice (?!said|say|says|have|had|were|are)[A-Z]"
)

#: Verbs a police force is the subject of when it reports ("police said", "police confirmed").
_POLICE_VERBS = _GOVERNMENT_SPEECH | frozenset({"report", "arrest", "believe", "detain", "estimate", "put", "add"})


def _national_police(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """ "Police said ...", "according to police": the national force of the story's country.

    In a story about one country (see :func:`_story_country`) that has one national police
    force, the bare word "police" speaking or reporting stands for that force, named as the
    gazetteer's ``national_police`` gives it ("Hellenic Police", "Malawi Police Service").
    Not when the document names a police force itself ("Toronto Police Service", "Austrian
    police", "police in Almaty"): the words are then left to that force or to the local one.
    The capitalised "Police" opening a sentence (already an organisation, see
    :func:`_bare_ministries`) takes the same name.
    """
    text = _text(doc)
    if "olice" not in text:
        return mentions
    if _POLICE_NAMED.search(text) is not None or any(
        "olice" in m.text and m.canonical != "Police" and m.label == "ORG" and m.gazetteer is None for m in mentions
    ):
        return mentions
    country = _story_country(mentions, gaz) or _country_in_words(text, gaz)
    force = gaz.national_police.get(country) if country is not None else None
    if force is None:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    added: list[_Mention] = []
    for t in doc:
        if t.lower_ != "police":
            continue
        if any(a < t.idx + len(t.text) and t.idx < b for a, b in taken):
            continue
        verb = t.head
        speaks = t.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in _POLICE_VERBS
        speaks |= t.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according"
        own = [c for c in t.children if c.dep_ in ("amod", "compound", "poss")]
        if speaks and all(c.lower_ == "national" for c in own):  # "the national police said"
            added.append(_Mention(t.idx, t.idx + len(t.text), t.text, "ORG", canonical=force))
    for m in mentions:
        if m.canonical == "Police" and m.text == "Police":
            m.canonical = force
    return sorted(mentions + added, key=lambda x: x.start) if added else mentions


def _national_bodies(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """ "the Ukrainian air force", "Ukraine's air force" -> an organisation, "Ukrainian Air Force"."""
    text = _text(doc)
    added = []
    for m in mentions:
        known = gaz.lookup(m.text)
        label = "GPE" if known is not None and known.label == "GPE" else m.label  # "Moldova" tagged ORG
        if (
            label == "ORG"
            and known is None
            and " " not in m.text
            and m.text[:1].isupper()
            and _LOCAL_BODY.match(text, m.end) is not None
        ):
            label = "GPE"  # "Tartu city council" with "Tartu" tagged an organisation
        if label not in ("NORP", "GPE"):
            continue
        rest = text[m.end : m.end + 40]
        if label == "GPE":
            poss = re.match(r"[’']s ", rest)
            country = known.canonical if known is not None else m.text
            if not poss and _COUNTRY_GOVERNMENT.match(rest) and _country(gaz, country):
                # "the UK government" -> "Government of the United Kingdom"
                end = m.end + len(" government")
                the = "the " if _TAKES_THE.search(country) else ""
                name = f"Government of {the}{country}"
                added.append(_Mention(m.start, end, text[m.start : end], "ORG", canonical=name))
                continue
            local = _LOCAL_BODY.match(rest)
            if local is not None and _noun_follows(doc, m.end + local.end()):
                local = None  # "Denmark's public service broadcaster": the body word is a modifier
            if not poss and local is not None and not any(w in _NOT_FIELDS for w in local.group(1).split()):
                # "Toronto city council", "Helsinki district court", "Kharkiv regional military administration"
                end = m.end + local.end()
                name = f"{m.text} " + " ".join(w.title() for w in local.group(1).split())
                added.append(_Mention(m.start, end, text[m.start : end], "ORG", canonical=name))
                continue
            if not poss:
                continue
            rest = rest[poss.end() :]
            offset = m.end + poss.end()
            entry = gaz.lookup(m.text)
            place = entry.canonical if entry else m.text
            adjective = gaz.demonym_of.get(place) or _demonym_in_text(doc, place)
        else:
            if not rest.startswith(" "):
                continue
            rest, offset = rest[1:], m.end + 1
            adjective = m.text if m.text in gaz.demonyms else None
            if adjective is None:
                continue  # "European armed forces" is not one body
        nouns = [n for n in ORG_NOUNS if rest.startswith(n) and not rest[len(n) : len(n) + 1].isalnum()]
        ministry = _MINISTRY.match(rest) or _CAPITAL_MINISTRY.match(rest)
        if not nouns and ministry is not None and not any(w.lower() in _NOT_FIELDS for w in ministry.group(1).split()):
            # "Dutch transport ministry", "Kenya's health ministry", "Brazil's Defense Ministry"
            nouns = [ministry.group()]
        body = _CAPITAL_BODY.match(rest) if label == "GPE" else None
        if not nouns and body is not None:
            # "Berlin's Senate" -> "Senate of Berlin"
            end = offset + body.end()
            added.append(_Mention(m.start, end, text[m.start : end], "ORG", canonical=f"{body.group()} of {m.text}"))
            continue
        for noun in nouns[:1]:
            surface = text[m.start : offset + len(noun)]
            name = f"{adjective} {_body_name(noun.lower())}" if adjective else surface
            if noun == "government":
                # "Japan's government", "the Dutch government" -> "Government of Japan", "Government of the Netherlands"
                owner = gaz.lookup(m.text)
                home = gaz.demonyms.get(m.text) if label == "NORP" else (owner.canonical if owner else m.text)
                if home:
                    place = home
                    # "the Netherlands", not "the" of "the Wales officer" or "the Kenya Red Cross"
                    the = "the " if _TAKES_THE.search(place) else ""
                    name = f"Government of {the}{place}"
            added.append(_Mention(m.start, offset + len(noun), surface, "ORG", canonical=name))
    if not added:
        return mentions
    drop = {
        id(m)
        for m in mentions
        if (m.label == "NORP" or m.label == "ORG" and gaz.lookup(m.text) is None)  # "Tartu" of "Tartu city council"
        and any(a.start == m.start for a in added)
    }
    drop |= {id(m) for m in mentions if any(a.start < m.start and m.end <= a.end for a in added)}
    return sorted([m for m in mentions if id(m) not in drop] + added, key=lambda x: x.start)


def _split_span(doc: Doc, start: int, end: int, label: str) -> list[_Mention]:
    """Cut a span at a possessive and trim "the", titles and trailing punctuation."""
    pieces: list[tuple[int, int, str]] = []
    cut = start
    for i in range(start, end):
        if doc[i].tag_ == "POS" or doc[i].text in ("’s", "'s", "’", "'"):
            if doc[cut].text.rstrip(".") in ("St", "Saint"):
                continue  # "St James' Park"
            if label == "ORG" and _possessive_in_name(doc, cut, i, end):
                continue  # "European Automobile Manufacturers’ Association", "People's Party"
            if i > cut:
                pieces.append((cut, i, label))
            cut = i + 1
    if cut < end:
        pieces.append((cut, end, label if cut == start else _right_label(doc, cut, end, label)))
    out: list[_Mention] = []
    for s, e, lab in _split_lists(doc, pieces):
        # Leading determiners and quantifiers ("the", "several Christian Democrats").
        while s < e and (
            doc[s].is_punct
            or doc[s].text[:1].islower()
            and doc[s].lower_ not in PARTICLES
            or doc[s].lower_ in QUANTIFIERS
            and (doc[s].is_sent_start or doc[s].text[:1].islower())
            or (doc[s].lower_ in ("the", "a", "an") and not _irish_article(doc[s]))
            # "Organisers SCC Events said": a plural common noun opening the sentence
            or e - s > 1
            and doc[s].is_sent_start
            and doc[s].tag_ == "NNS"
            and doc[s].lower_ not in ORG_HEADS | NON_PERSON_WORDS
        ):
            s += 1
        if (
            lab in ("ORG", "PERSON")
            and e - s > 1
            and doc[e - 1].text in ("party", "union", "bloc")
            and doc[e - 2].text[:1].isupper()
        ):
            e -= 1  # "the Law and Justice party", "the Unite union", "the CDU/CSU bloc": the name without the kind
        if e - s > 3 and _SCORE.fullmatch(doc[e - 3 : e].text) is not None:
            e -= 3  # "Dundee United 4-0"
        while s < e and (
            doc[e - 1].is_punct
            or doc[e - 1].is_space
            or (e - s > 1 and doc[e - 1].lower_ in ("for", "of", "and", "the", "in", "at") and lab != "PERSON")
            or (e - s > 1 and doc[e - 1].like_num and lab not in ("ORG", "LOC", "GPE"))
            or (e - s > 1 and _SCORE.fullmatch(doc[e - 1].text) is not None)
            or doc[e - 1].lower_.rstrip(".") in POST_NOMINALS
            or (lab == "PERSON" and e - s > 2 and doc[e - 1].lower_.rstrip(".") in PERSON_POST_NOMINALS)
        ):
            e -= 1
        if lab == "ORG" and e - s > 1 and doc[e - 1].lower_ in _INNER_TITLES and e < len(doc) and _name_token(doc[e]):
            e -= 1  # "ACP Administrator" + "Ernesto Quirós": the body without its officer's title
        titled = _title_led_person(doc, s, e) if lab == "ORG" else None
        if titled is not None:
            # "Nurse Ibrahim Garba", "Historian Ama Koné of the University of Ghana" tagged as organisations
            if titled < e:
                body = doc[titled + 1 + (doc[titled + 1].lower_ == "the") : e]
                out.append(_Mention(body.start_char, body.end_char, body.text, "ORG"))
            e, lab = titled, "PERSON"
        of = next((i for i in range(s + 1, e) if doc[i].lower_ == "of"), None)
        if of is not None and lab == "PERSON":
            e = of  # "Aiko Tanabe of Japan": the name stops at "of"
        elif of is not None and lab == "ORG" and _person_of_place(doc, s, of, e):
            place = doc[of + 1 : e]
            out.append(_Mention(place.start_char, place.end_char, place.text, "GPE"))
            e, lab = of, "PERSON"
        # Titles before a personal name ("President Zelensky", "Mr Starmer", "MP Dawn Butler").
        if lab == "PERSON":
            while (
                e - s > 1
                and doc[s].lower_.rstrip(".") in PERSON_TITLES
                and doc[s + 1].text[:1].isupper()
                and _royal_end(doc, s) != e
            ):
                s += 1
            if e - s > 2 and doc[s].lower_ in _FALSE_TITLES and doc[s].text[:1].isupper() and _name_token(doc[s + 1]):
                s += 1  # "Historian Ama Koné": an occupation written like a title
            s = _after_inner_title(doc, s, e)
        if s >= e:
            continue
        span = doc[s:e]
        text = span.text
        if not any(ch.isalpha() for ch in text) or not text[:1].isupper() and not text[:1].isdigit():
            continue
        if e - s == 1 and lab in ("ORG", "PERSON", "GPE") and _looks_like_common_word(doc[s]):
            continue
        if lab == "PERSON" and e - s == 1 and doc[s].tag_ in ("NNS", "NNPS"):
            continue  # "Campaigners": people are not plural
        if _sentence_initial_common_noun(doc, s, e, lab, text):
            continue  # "Turnout was ...": a common noun capitalised only at the start of a sentence
        if (
            text in gazetteer().not_entities
            or text.casefold().rstrip(".") in POST_NOMINALS | TITLE_WORDS | _LONE_TITLES
        ):
            continue
        if e - s == 1 and doc[s].lower_ in _FALSE_TITLES and e < len(doc) and doc[e].text[:1].isupper():
            continue  # "Historian" (tagged as a nationality) before "Efua Mensah": a title, no entity
        if lab == "GPE" and e - s == 1 and doc[s].pos_ == "ADJ":
            lab = "NORP"  # "Ukrainian" tagged as a place
        demonyms = gazetteer().demonyms
        if e - s == 1 and (text in demonyms or text.endswith("s") and text[:-1] in demonyms):
            lab = "NORP"  # "Moldovan" tagged as a person
        out.append(_Mention(span.start_char, span.end_char, text, lab))
    return out


#: Capitalised titles that end a place's or a body's words in front of a name ("Nuevo León Governor X").
_INNER_TITLES = frozenset(
    {"governor", "administrator", "president", "minister", "mayor", "senator", "congressman", "congresswoman",
     "chancellor", "premier", "commissioner", "director", "ambassador", "chairman", "chairwoman", "ceo",
     "spokesman", "spokeswoman", "spokesperson", "prosecutor", "councillor", "assemblyman", "assemblywoman",
     "lawmaker", "legislator", "superintendent", "coach", "manager"}
)  # fmt: skip


def _after_inner_title(doc: Doc, s: int, e: int) -> int:
    """Where a personal name starts after a place or body and a title inside the span
    ("Nuevo León Governor Rodrigo Garza de la Cruz" -> "Rodrigo ..."), else ``s``."""
    for i in range(e - 3, s, -1):
        t = doc[i]
        if t.lower_ in _INNER_TITLES and t.text[:1].isupper() and doc[i - 1].text[:1].isupper():
            rest = doc[i + 1 : e]
            if (
                _name_token(rest[0])
                and _name_token(rest[-1])
                and all(_name_token(w) or w.lower_ in PARTICLES for w in rest)
            ):
                return i + 1
    return s


#: Occupations written like a title in front of a name ("Historian Ama Koné", "Nurse Ibrahim Garba").
_FALSE_TITLES = frozenset(
    {"historian", "sociologist", "economist", "lawyer", "activist", "researcher", "scientist", "author",
     "novelist", "journalist", "photographer", "artist", "teacher", "nurse", "midwife", "paramedic", "surgeon",
     "physician", "epidemiologist", "virologist", "architect", "engineer", "curator", "diplomat", "campaigner",
     "pensioner", "analyst", "priest", "pastor", "bishop", "archbishop", "imam", "rabbi", "justice", "judge"}
)  # fmt: skip


def _title_led_person(doc: Doc, s: int, e: int) -> int | None:
    """Where the personal name ends in an organisation span that opens with a title, or None.

    The tagger takes "Nurse Ibrahim Garba" or "Bishop Ramon Alcaraz" for an
    organisation: a capitalised title or occupation, then two or three words that
    can be a personal name, is a person. "Historian Ama Koné of the University of
    Ghana" is a person up to "of" and, after it, an organisation (an organisation
    word must open it). "General Motors" (one word after the title) is left alone.
    """
    first = doc[s]
    if e - s < 3 or not first.text[:1].isupper() or first.lower_.rstrip(".") not in PERSON_TITLES | _FALSE_TITLES:
        return None
    k = s + 1  # "Brigadier General Agus Santoso": a rank of two title words
    while k < e - 2 and doc[k].lower_.rstrip(".") in PERSON_TITLES and doc[k].text[:1].isupper():
        k += 1
    of = next((i for i in range(k + 1, e) if doc[i].lower_ == "of"), e)
    if not 2 <= of - k <= 3 or not all(_name_token(t) for t in doc[k:of]):
        return None
    if doc[of - 1].lower_ in NON_PERSON_WORDS | _RUN_HEADS | _ORG_KINDS:
        return None  # "National Cyber Crime Bureau": an organisation word ends it
    if of < e:
        body = of + 1 + (of + 1 < e and doc[of + 1].lower_ == "the")
        if body >= e or doc[body].lower_ not in ORG_HEADS | NON_PERSON_WORDS:
            return None
    return of


#: Lower-case words joined to a name by a hyphen that make an adjective of it ("Trump-style").
_HYPHEN_SUFFIXES = frozenset(
    {"style", "led", "backed", "era", "based", "born", "like", "linked", "run", "owned", "aligned", "friendly",
     "type", "made", "esque", "ite", "ism", "wing", "funded", "appointed", "allied", "sceptic", "skeptic"}
)  # fmt: skip
#: Capitalised prefixes before a hyphen that are no part of a name ("Pro-Putin", "Anti-Trump").
_HYPHEN_PREFIXES = frozenset(
    {"pro", "anti", "ex", "non", "post", "pre", "neo", "mid", "trans", "pan", "afro", "euro", "sino", "franco",
     "anglo", "russo", "indo", "co", "vice", "self", "super", "un"}
)  # fmt: skip


def _hyphenated_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Personal names the tagger cut at a hyphen, made whole.

    * a given name's second syllable left out: "Kim Do" + "-hyun" -> "Kim Do-hyun"
      (a lower-case piece of at most five letters after a short name word, not an
      adjective ending such as "-led" or "-style");
    * the first half of a double-barrelled surname left out: "Diallo-" + "Kane"
      -> "Diallo-Kane", with the untagged given names in front of it ("Aminata").

    The pieces must be written without spaces around the hyphen; a prefix ("Anti-"),
    a known name or place ("Putin-Trump summit") stays out.
    """
    from spacy.tokens import Span

    n = len(doc)
    out: list[Span] = []
    for ent in ents:
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        start, end = ent.start, ent.end
        while end + 1 < n and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
            nxt = doc[end + 1]
            lower_syllable = (
                nxt.is_lower
                and len(nxt.text) <= 5
                and len(doc[end - 1].text) <= 4
                and nxt.lower_ not in _HYPHEN_SUFFIXES
            )
            if not nxt.is_alpha or not (nxt.text[:1].isupper() and _name_token(nxt) or lower_syllable):
                break
            if end + 2 < n and doc[end + 2].text == "-" and not nxt.whitespace_:
                break  # "Kim-led-coalition": not a name
            end += 2
        left = start
        if (
            start >= 2
            and doc[start - 1].text == "-"
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and _name_token(doc[start - 2])
            and not doc[start - 2].ent_type_
            and doc[start - 2].lower_ not in _HYPHEN_PREFIXES
        ):
            left = start - 2
            while (
                left > 0
                and start - left < 5
                and _name_token(doc[left - 1])
                and doc[left - 1].ent_type_ in ("", "PERSON", "WORK_OF_ART")
                and doc[left - 1].whitespace_ == " "
                and not doc[left].is_sent_start
            ):
                left -= 1
        if (left, end) == (ent.start, ent.end):
            out.append(ent)
            continue
        out = [o for o in out if o.end <= left]
        out.append(Span(doc, left, end, label="PERSON"))
    return [e for k, e in enumerate(out) if k == 0 or e.start >= out[k - 1].end]


#: "wrote on X", "in a post on X": the social network named by its one letter.
_ON_X = re.compile(r"\b(?:on|via) (X)(?![\w’'-])")


def _platform_x(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The social network X, after "on"/"via" ("wrote on X", "a post on X").

    A single capital letter is too short for the gazetteer; written after "on"
    or "via" it is the network, not a regnal number ("Hamengkubuwono X") or a
    variable. An organisation.
    """
    added = [
        _Mention(m.start(1), m.end(1), "X", "ORG")
        for m in _ON_X.finditer(text)
        if not any(x.start < m.end(1) and m.start(1) < x.end for x in mentions)
    ]
    return sorted(mentions + added, key=lambda x: x.start) if added else mentions


#: Groups of people whose possessive starts or continues an organisation's name ("People's Party").
_COLLECTIVE_OWNERS = frozenset(
    {"people", "peoples", "workers", "citizens", "women", "children", "farmers", "veterans", "teachers", "nurses",
     "doctors", "patients", "consumers", "taxpayers", "journalists", "students", "pensioners", "employers",
     "miners", "peasants", "writers", "artists", "seafarers", "mothers", "parents", "tenants", "residents"}
)  # fmt: skip


def _possessive_in_name(doc: Doc, cut: int, i: int, end: int) -> bool:
    """Whether the possessive at token ``i`` is inside one organisation's name.

    "Irish Patients' Association", "People's Party for Freedom and Democracy": the
    words before it are no place or person of their own (unlike "Germany's Foreign
    Ministry"), and an organisation word follows it.
    """
    if i == cut or i + 1 >= end or not doc[i + 1].text[:1].isupper():
        return False
    if doc[i - 1].lower_ in _COLLECTIVE_OWNERS and doc[i - 1].text[:1].isupper():
        # "People's Democratic Congress", "National Citizens' Movement", "Covenant Children's
        # Hospital": a capitalised group of people owning the rest is a name, not an owner
        return True
    owner = doc[cut:i]
    if any(t.ent_type_ in ("GPE", "LOC", "NORP", "PERSON") and t.pos_ == "PROPN" for t in owner):
        return False
    if doc[cut].lower_ in ("the", "a", "an"):
        owner = doc[cut + 1 : i]
    if not owner.text[:1].isupper():
        return False
    entry = gazetteer().lookup(owner.text)
    if entry is not None or owner.text in gazetteer().demonym_of or owner.text in gazetteer().demonyms:
        return False
    if any(e.text == owner.text and e.label_ in ("GPE", "LOC", "PERSON") for e in doc.ents):
        return False  # "Singapore’s S. Rajaratnam School": a place tagged as one elsewhere
    if doc[i].text in ("’", "'") and not doc[i - 1].lower_.endswith("s"):
        return False
    # the words after it are no name of their own: an organisation word first ("Party for
    # Freedom and Democracy") or a short tail ending in one ("Market Association"), not
    # "Singapore’s S. Rajaratnam School of International Studies"
    org_words = ORG_HEADS | NON_PERSON_WORDS
    org_words |= {w + "s" for w in org_words | _RUN_HEADS}  # "Supporters' Clubs"
    tail = doc[i + 1 : end]
    return tail[0].lower_ in org_words or len(tail) <= 2 and tail[-1].lower_ in org_words


def _person_of_place(doc: Doc, s: int, of: int, e: int) -> bool:
    """ "Aiko Tanabe of Japan" tagged as one organisation: a personal name, "of", a known place."""
    name = doc[s:of]
    gaz = gazetteer()
    place = doc[of + 1 : e].text
    entry = gaz.lookup(place)
    known = entry is not None and entry.label in ("GPE", "LOC") or place in gaz.demonym_of
    if not known or not 2 <= len(name) <= 3:
        return False
    return all(
        t.pos_ == "PROPN"
        and t.lower_ not in ORG_HEADS | NON_PERSON_WORDS | TITLE_WORDS
        and not t.lower_.endswith("ies")  # "Simon Communities of Ireland"
        for t in name
    )


def _split_lists(doc: Doc, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Split a place span that lists places ("Kharkiv and Dnipro") at "and" / commas."""
    out = []
    for s, e, lab in pieces:
        if lab not in ("GPE", "LOC", "ORG"):
            out.append((s, e, lab))
            continue
        if lab == "ORG":
            apposed = _apposed_org(doc, s, e)
            if apposed is not None:
                out += [(s, apposed, lab), (apposed + 1, e, lab)]
                continue
            parts = re.split(r"\s*(?:,|\band\b|&)\s*", doc[s:e].text)
            gaz = gazetteer()
            if len(parts) < 2 or not all((x := gaz.lookup(p)) is not None and x.label in ("GPE", "LOC") for p in parts):
                out.append((s, e, lab))
                continue
            lab = "GPE"  # "Kharkiv and Dnipro" tagged as one organisation
        cut = s
        for i in range(s, e):
            if doc[i].lower_ in ("and", ",", "&") and i > cut and i + 1 < e and doc[i + 1].text[:1].isupper():
                out.append((cut, i, lab))
                cut = i + 1
        out.append((cut, e, lab))
    return out


def _apposed_org(doc: Doc, s: int, e: int) -> int | None:
    """The comma between two organisations the tagger joined into one span, one apposed to the
    other: "the Daily Courier, Meridian News Group" (the paper and its publisher). The part
    after the comma is a name of two or more capitalised words ending in an organisation's kind
    ("Group", "Holdings") and holds no "and", so the listed portfolios of "Department for
    Culture, Media and Sport" stay one name."""
    commas = [i for i in range(s + 1, e - 1) if doc[i].text == ","]
    if len(commas) != 1:
        return None
    c = commas[0]
    left, right = doc[s:c], doc[c + 1 : e]
    if (
        len(left) >= 2
        and len(right) >= 2
        and all(t.text[:1].isupper() for t in right)
        and all(t.text[:1].isupper() or t.lower_ == "the" for t in left)
        and right[-1].lower_ in _ORG_KINDS | _RUN_HEADS
    ):
        return c
    return None


def _sentence_initial_common_noun(doc: Doc, s: int, e: int, label: str, text: str) -> bool:
    """A word capitalised only because it starts a sentence: "Turnout was ...", "Landlord groups warned ..."."""
    gaz = gazetteer()
    if e - s != 1 or not doc[s].is_sent_start or gaz.lookup(text) is not None or text in gaz.demonyms:
        return False
    nxt = doc[s + 1] if s + 1 < len(doc) else None
    modifier = nxt is not None and nxt.pos_ == "NOUN" and nxt.text[:1].islower() and label in ("PERSON", "NORP")
    if not (modifier or doc[s].pos_ == "NOUN" and label in ("ORG", "PERSON")):
        return False
    return re.search(rf"[\w,;:] {re.escape(text)}\b", _text(doc)) is None


def _right_label(doc: Doc, start: int, end: int, label: str) -> str:
    """The label of what follows a possessive inside a span ("Kyiv's European")."""
    if end - start == 1 and doc[start].pos_ == "ADJ":
        return "NORP"
    return label


def _looks_like_common_word(token: Token) -> bool:
    """An all-capitals ordinary word in shouted text ("fight and WIN") rather than a name."""
    text = token.text
    if not (text.isupper() and len(text) > 3):
        return False
    return (
        token.pos_ in ("VERB", "ADV", "ADJ", "AUX") or token.dep_ in ("conj", "dobj", "xcomp") and token.pos_ != "PROPN"
    )


# -- step 1b: gazetteer aliases and speech-verb subjects ----------------------------------


def _add_gazetteer_matches(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    assert gaz.pattern is not None
    text = _text(doc)
    kept = list(mentions)
    for m in gaz.pattern.finditer(text):
        start, end = m.start(), m.end()
        surface = m.group()
        if surface.startswith("the "):
            start += 4
            surface = surface[4:]
        entry = gaz.lookup(surface)
        if entry is None:
            continue
        overlapping = [x for x in kept if x.start < end and start < x.end]
        if any(x.end - x.start > end - start for x in overlapping):
            # A longer span holds the alias ("Chatham House" in "Chatham House Prize"): keep it,
            # but take the gazetteer's word for it when the spans are the same name.
            continue
        for x in overlapping:
            kept.remove(x)
        kept.append(_Mention(start, end, surface, entry.label, gazetteer=entry))
    for x in kept:
        if x.gazetteer is None:
            x.gazetteer = gaz.lookup(x.text)
    kept.sort(key=lambda x: x.start)
    return _add_acronyms(doc, _platform_x(text, kept))


#: Nouns that an organisation's name is apposed to ("Milei's party, La Libertad Avanza, ...").
_ORG_APPOSED = frozenset(
    {"party", "bloc", "coalition", "union", "movement", "group", "company", "firm", "alliance", "organisation",
     "organization", "charity", "club", "team", "agency", "bank", "publisher", "broadcaster", "newspaper",
     "airline", "carmaker", "insurer", "lender", "regulator", "body", "operator", "developer", "network"}
)  # fmt: skip


#: Organisation nouns a name is apposed to, besides :data:`_ORG_APPOSED` ("the union federation, Rengo").
_MORE_APPOSED = frozenset({"federation", "confederation", "lobby", "utility", "association"})


def _add_apposed_orgs(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Names apposed to an organisation noun that the tagger missed: "the opposition bloc, Unión por la Patria".

    The parser sometimes attaches a name set off by commas after the noun as an adverbial
    ("Japan's biggest union federation, Rengo, said"): such a name counts too. A one-word name
    the tagger called a person becomes an organisation ("the farm federation, Coldiretti,").
    """
    taken = [(m.start, m.end) for m in mentions]
    added: list[_Mention] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.head.pos_ != "NOUN":
            continue
        if tok.dep_ != "appos" and not (
            tok.dep_ == "npadvmod" and doc[tok.i - 1].text == "," == doc[tok.head.i + 1].text
        ):
            continue
        if tok.head.lemma_.lower() not in _ORG_APPOSED | _MORE_APPOSED or tok.head.i > tok.i:
            continue
        a = b = tok.i
        while a > tok.head.i + 1 and (doc[a - 1].pos_ == "PROPN" or doc[a - 1].lower_ in PARTICLES):
            a -= 1
        while b + 1 < len(doc) and (doc[b + 1].pos_ == "PROPN" or doc[b + 1].lower_ in PARTICLES):
            b += 1
        while b > a and doc[b].lower_ in PARTICLES:
            b -= 1
        if doc[a].lower_ in PARTICLES and doc[a].text[:1].islower() or not doc[a].text[:1].isupper():
            continue
        start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
        same = next((m for m in mentions if (m.start, m.end) == (start, end)), None)
        if same is not None and same.label == "PERSON" and a == b and same.gazetteer is None:
            same.label = "ORG"  # "the farm federation, Coldiretti," tagged a person: one word, an organisation
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        added.append(_Mention(start, end, _text(doc)[start:end], "ORG"))
        taken.append((start, end))
    added.extend(_named_after_noun(doc, taken))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


#: Second words of a lower-case two-word description written right before an organisation's
#: name ("the trade body RenewableUK", "the auction house Drouot", "the radio station Europe 1").
_KIND_NOUNS = frozenset(
    {"body", "group", "house", "station", "daily", "weekly", "network", "firm", "company", "agency", "bank",
     "union", "charity", "organisation", "organization", "association", "operator", "developer", "club",
     "channel", "broadcaster", "newspaper", "magazine", "outlet", "publisher", "fund", "giant", "chain"}
)  # fmt: skip
_RUN_SMALL = frozenset({"of", "for", "and", "the", "de", "du", "la", "le", "des", "&"})
_TIME_TYPES = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY")


def _capitalised_run(doc: Doc, i: int) -> int:
    """The end of a run of name words starting at token ``i`` (``i`` when there is none).

    Capitalised words, small connectors between them ("Transit for All"), hyphen
    joins ("Rhein-Zeitung"), a number right after a word ("Europe 1", "Top 14"),
    a question mark written onto a one-word name ("Which?"); at most six tokens,
    within one sentence.
    """
    n = len(doc)
    j = i
    while j < n and j - i < 6 and (j == i or not doc[j].is_sent_start):
        t = doc[j]
        if t.ent_type_ in _TIME_TYPES:
            break  # "told MPs on Monday"
        word = t.text[:1].isupper() and not t.is_punct and (j == i or t.pos_ not in ("AUX", "VERB"))
        small = j > i and t.lower_ in _RUN_SMALL and t.text.islower() and j + 1 < n and doc[j + 1].text[:1].isupper()
        hyphen = j > i and t.text == "-" and not doc[j - 1].whitespace_ and not t.whitespace_ and j + 1 < n
        number = j > i and t.text.isdigit() and len(t.text) <= 3 and doc[j - 1].text[:1].isupper()
        question = j == i + 1 and t.text == "?" and not doc[j - 1].whitespace_
        if not (word or small or hyphen or number or question):
            break
        j += 1
        if number or question:
            break  # "Europe 1", "Which?": nothing follows
    while j > i and (doc[j - 1].lower_ in _RUN_SMALL or doc[j - 1].text == "-"):
        j -= 1
    return j


#: A capital inside a word after three lower-case letters: "TalkSport", "ParkSure" (no
#: personal name; "McDonald", "DeSantis" have theirs earlier).
_CAMEL = re.compile(r"[a-z]{3}[A-Z]")
#: Nouns that say a name apposed to them is an organisation ("Which?, the consumer organisation").
_APPOSED_KINDS = _KIND_NOUNS | _ORG_APPOSED | frozenset(
    {"subsidiary", "federation", "institute", "watchdog", "regulator", "authority", "council", "committee",
     "movement", "carmaker", "airline", "retailer", "broadcaster", "newspaper", "insurer", "lender", "lobby",
     "utility", "consortium", "conglomerate"}
) - {"body", "house", "team", "club", "party"}  # fmt: skip
#: Last words of a name with a plural possessive inside it ("Workers' Party", "Citizens' Movement").
_POSSESSIVE_NAME_ENDS = (
    ORG_HEADS
    | NON_PERSON_WORDS
    | frozenset({"movement", "central", "front", "league", "congress", "federation", "forum", "network", "alliance"})
)


#: Lower-case forms of :data:`_APPOSED_KINDS` and their plurals, a quick first test.
_APPOSED_KINDS_FORMS = _APPOSED_KINDS | {k + "s" for k in _APPOSED_KINDS}


def _apposed_kinds(doc: Doc) -> list[tuple[int, int, str, bool]]:
    """Capitalised names with an apposed organisation noun after them, as token spans.

    "Which?, the consumer organisation, said", "operated by SEFE, the former
    Gazprom Germania subsidiary": the apposition says the name is an organisation.
    """
    found: list[tuple[int, int, str, bool]] = []
    for tok in doc:
        if tok.lower_ not in _APPOSED_KINDS_FORMS or tok.dep_ != "appos" or tok.lemma_.lower() not in _APPOSED_KINDS:
            continue
        if not tok.text.islower():
            continue
        h = tok.head.i
        if h >= tok.i or h + 1 >= len(doc):
            continue
        if doc[h].text == "?" and h > 0 and not doc[h - 1].whitespace_:
            h -= 1  # "Which?" is parsed as two words
        if (
            doc[h + 1].text not in (",", "?")
            or not doc[h].text[:1].isupper()
            or doc[h].ent_type_ in ("PERSON", "GPE", "NORP", "LOC")
        ):
            continue
        a = h
        while a > 0 and not doc[a].is_sent_start:
            if doc[a - 1].text[:1].isupper() and not doc[a - 1].is_punct:
                a -= 1
            elif a > 1 and _hyphen_joined(doc, a) and doc[a - 2].text[:1].isupper():
                a -= 2  # "T-Power, the region's utility"
            else:
                break
        a += doc[a].lower_ in ("the", "a", "an") and a < h
        b = h + 1 + (doc[h + 1].text == "?")
        if doc[a].lower_.rstrip(".") in TITLE_WORDS | HONORIFICS | _ROLE_TITLES or any(
            t.ent_type_ == "PERSON" for t in doc[a:b]
        ):
            continue  # "Dr Ana Ruiz, the group's ...": a person
        found.append((a, b, "ORG", False))
    return found


_PLURAL_POSSESSIVE = re.compile(r"[A-Z]\w*s(['’]) [A-Z]")


def _plural_possessive_names(doc: Doc) -> list[tuple[int, int, str, bool]]:
    """Names with a plural possessive inside them, as token spans: "Workers' Party", "Unified Workers' Central".

    A capitalised plural, an apostrophe written onto it, and capitalised words
    ending in an organisation word; a run of capitalised words before it joins.
    """
    found: list[tuple[int, int, str, bool]] = []
    for hit in _PLURAL_POSSESSIVE.finditer(_text(doc)):
        apostrophe = doc.char_span(hit.start(1), hit.end(1))
        if apostrophe is None:
            continue
        i = apostrophe.start
        if i < 1 or i + 1 >= len(doc) or doc[i - 1].whitespace_:
            continue
        prev, nxt = doc[i - 1], doc[i + 1]
        if not (prev.text[:1].isupper() and prev.text.endswith("s") and prev.is_alpha and nxt.text[:1].isupper()):
            continue
        b = _capitalised_run(doc, i + 1)
        if b == i + 1 or doc[b - 1].lower_ not in _POSSESSIVE_NAME_ENDS:
            continue
        a = i - 1
        while a > 0 and not doc[a].is_sent_start and doc[a - 1].text[:1].isupper() and not doc[a - 1].is_punct:
            a -= 1
        a += doc[a].lower_ in ("the", "a", "an") and a < i - 1
        if doc[a].ent_type_ in ("PERSON", "GPE", "NORP") and a < i - 1 or doc[i - 1].ent_type_ in ("PERSON", "GPE"):
            continue
        found.append((a, b, "ORG", False))
    return found


#: Lower-case roles written between an organisation's name and its holder ("Acme director Jo Bell").
_STAFF_ROLES = frozenset(
    {"director", "spokesman", "spokeswoman", "spokesperson", "chief", "chairman", "chairwoman", "chair",
     "president", "head", "founder", "boss", "executive", "treasurer", "secretary-general", "coordinator"}
)  # fmt: skip


#: Peerage titles: "Lord Vaizey of Didcot" names a place, not an employer.
_PEER_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "duke", "countess"})


def _untagged_run(doc: Doc, a: int) -> int:
    """:func:`_capitalised_run` from ``a``, or ``a`` when the tagger gave any of it a type or it is a known name."""
    b = _capitalised_run(doc, a)
    if b == a or any(t.ent_type_ for t in doc[a:b]) or gazetteer().lookup(doc[a:b].text) is not None:
        return a
    return b


def _affiliations(doc: Doc) -> list[tuple[int, int, str, bool]]:
    """Organisations named beside a person, as token spans, where the tagger saw no entity.

    * "Sophie Nguyen of Bernstein": a tagged person, "of", an untagged name;
    * "Consumentenbond director Marieke de Vries": an untagged proper noun, a
      lower-case staff role, a tagged person;
    * "Taiwan's TSMC": a place's possessive and an untagged acronym.
    """
    found: list[tuple[int, int, str, bool]] = []
    n = len(doc)
    for ent in doc.ents:
        peer = any(t.lower_ in _PEER_TITLES for t in doc[max(ent.start - 1, 0) : ent.end])
        if ent.label_ == "PERSON" and ent.end + 1 < n and doc[ent.end].lower_ == "of" and not peer:
            a = ent.end + 1 + (doc[ent.end + 1].lower_ == "the")
            b = _untagged_run(doc, a) if a < n else a
            if b > a and doc[a].pos_ == "PROPN":
                found.append((a, b, "ORG", False))
        if ent.label_ == "PERSON" and ent.start >= 2 and doc[ent.start - 1].lower_ in _STAFF_ROLES:
            role = doc[ent.start - 1]
            k = ent.start - 2
            if not role.text.islower() or not doc[k].text[:1].isupper() or doc[k].ent_type_ or doc[k].pos_ != "PROPN":
                continue
            a = k
            while a > 0 and not doc[a].is_sent_start and doc[a - 1].pos_ == "PROPN" and not doc[a - 1].ent_type_:
                a -= 1
            if any(t.lower_.rstrip(".") in TITLE_WORDS | HONORIFICS | _ROLE_TITLES for t in doc[a : k + 1]):
                continue
            if a == k and doc[k].lower_ in _lower_words(doc):
                continue  # "Club president Ana Ruiz": a common noun opening the sentence
            if gazetteer().lookup(doc[a : k + 1].text) is None:
                found.append((a, k + 1, "ORG", False))
        if ent.label_ == "GPE" and ent.end + 1 < n and doc[ent.end].text in ("’s", "'s"):
            t = doc[ent.end + 1]
            if re.fullmatch(r"[A-Z]{2,6}", t.text) and not t.ent_type_ and t.text not in gazetteer().not_entities:
                found.append((t.i, t.i + 1, "ORG", False))
    return found


#: Verbs whose subject decides, speaks or thinks: only an institution does that, never its building.
_AGENT_VERBS = SPEECH_VERBS | frozenset(
    {"examine", "consider", "decide", "refuse", "reject", "approve", "confirm", "deny", "plan", "want",
     "respond", "accuse", "promise", "agree", "study", "review", "propose", "intend", "hope", "expect",
     "welcome", "criticise", "criticize", "oppose", "support", "back", "insist", "demand", "order"}
)  # fmt: skip
#: People who speak for an institution ("a City Hall source", "nobody from City Hall").
_INSIDERS = frozenset(
    {"source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "insider",
     "insiders", "staff", "aide", "aides", "nobody", "no-one", "someone", "anyone", "everyone"}
)  # fmt: skip


def _acting_buildings(doc: Doc) -> list[tuple[int, int, str, bool]]:
    """Buildings named for the institution in them, as token spans: "City Hall was examining".

    The tagger calls "City Hall" or "Downing Street" a facility, which the
    stage does not keep. A facility that decides or speaks (the subject of
    such a verb), that has sources or officials ("a City Hall source"), or that
    someone is "from" ("nobody from City Hall") is the institution: an
    organisation. A facility where something happens ("outside City Hall")
    stays out.
    """
    found: list[tuple[int, int, str, bool]] = []
    for ent in doc.ents:
        if ent.label_ != "FAC" or not ent.text[:1].isupper():
            continue
        root = ent.root
        head = root.head
        acts = root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in _AGENT_VERBS
        insider = root.dep_ == "compound" and head.lower_ in _INSIDERS
        origin = root.dep_ == "pobj" and head.lower_ == "from" and head.head.lower_ in _INSIDERS | {"people", "someone"}
        if acts or insider or origin:
            a = ent.start + (doc[ent.start].lower_ == "the")
            if a < ent.end:
                found.append((a, ent.end, "ORG", False))
    return found


#: Small words inside a long organisation name ("Centre for Volcanology and Geological Hazard Mitigation").
_NAME_CONNECTORS = (
    frozenset({"of", "for", "and", "the", "on", "de", "du", "des", "&"}) | _RUN_ARTICLES | {"e", "y", "et", "und"}
)


def _names_before_brackets(doc: Doc) -> list[tuple[int, int, str, bool]]:
    """Long names defined by a bracketed short form, as token spans.

    "the Centre for Volcanology and Geological Hazard Mitigation (PVMBG)": the
    short form in brackets names one organisation, so the capitalised words
    and small connectors before it are one name even where the tagger made two
    of them (and the letters need not spell it: the short form may come from
    another language). The run stops at the sentence start, a possessive or any
    other punctuation; it needs three words or more and an organisation word.
    """
    found: list[tuple[int, int, str, bool]] = []
    if "(" not in _text(doc):
        return found
    for tok in doc:
        i = tok.i
        if tok.text != "(" or i < 3 or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        short = doc[i + 1].text
        if not (short[:1].isupper() and 2 <= len(short) <= 8 and sum(ch.isupper() for ch in short) >= 2):
            continue
        b = i
        a = b
        while a > 0 and not doc[a].is_sent_start:
            prev = doc[a - 1]
            cap = prev.text[:1].isupper() and prev.is_alpha
            small = prev.lower_ in _NAME_CONNECTORS and prev.text.islower() and a < b
            if not (cap or small):
                break
            a -= 1
        for k in range(a + 1, b):
            left = doc[a:k]
            if doc[k].lower_ == "of" and all(t.ent_type_ == "PERSON" and _name_token(t) for t in left):
                a = k + 1  # "Verónica Iturbide of the National Action Party (PAN)": a person and her party
                break
        while a < b and (doc[a].lower_ in _NAME_CONNECTORS or doc[a].lower_ in ("the", "a", "an")):
            a += 1
        words = [t for t in doc[a:b] if t.lower_ not in _NAME_CONNECTORS]
        # "Autorità Garante della Concorrenza e del Mercato (AGCM)": the initials spell the short form
        spelled = "".join(t.text[0] for t in words) == short
        # "the Jeunes Agriculteurs (JA) union": two words spelling the short form, before an organisation's kind
        kind_after = b + 3 < len(doc) and doc[b + 3].lower_ in _ORG_APPOSED | _KIND_NOUNS
        if (
            len(words) < (2 if spelled and kind_after else 3)
            or not spelled
            and not any(t.lower_ in ORG_HEADS | NON_PERSON_WORDS | _RUN_HEADS for t in words)
        ):
            continue
        found.append((a, b, "ORG", True))
    return found


#: Lower-case nouns for a person written right before the person's name ("spinner Adil Rashid").
_PERSON_NOUNS = (
    PERSON_TITLES
    | _FALSE_TITLES
    | frozenset(
        {"spinner", "bowler", "batsman", "batter", "striker", "midfielder", "defender", "goalkeeper", "forward",
         "winger", "substitute", "teammate", "compatriot", "rival", "opponent", "champion", "rider", "cyclist",
         "runner", "player", "veteran", "newcomer", "rookie", "actor", "actress", "singer", "writer", "producer",
         "investor", "entrepreneur", "billionaire", "businessman", "businesswoman", "owner", "candidate",
         "presenter", "broadcaster", "comedian", "musician", "footballer", "athlete", "swimmer", "boxer", "golfer"}
    )
)  # fmt: skip


def _people_after_roles(doc: Doc) -> list[tuple[int, int, str, bool]]:
    """Personal names the tagger missed after a lower-case noun for a person, as token spans.

    "England's spinner Adil Rashid took two wickets", "compatriot Chen Xingtong":
    a role or occupation noun, then two or three words that can each be part of
    a personal name, none tagged as a place, group or organisation.
    """
    found: list[tuple[int, int, str, bool]] = []
    n = len(doc)
    for tok in doc:
        if tok.lower_ not in _PERSON_NOUNS or tok.pos_ != "NOUN" or not tok.is_lower or "\n" in tok.whitespace_:
            continue
        a = b = tok.i + 1
        # a name the tagger took for a nationality ("presenter Siobhán Ó Súilleabháin" as NORP) counts too
        while (
            b < n
            and b - a < 3
            and _name_token(doc[b])
            and doc[b].ent_type_ in ("", "PERSON", "FAC", "WORK_OF_ART", "NORP")
        ):
            b += 1
        if a < b and b + 1 < n and doc[b].text == "-" and not doc[b - 1].whitespace_ and not doc[b].whitespace_:
            b += 2  # "Aminata Diallo-Kane"
        if b - a < 2 or b < n and (doc[b].lower_ in ORG_HEADS | NON_PERSON_WORDS or _name_token(doc[b])):
            continue
        if all(t.ent_type_ == "PERSON" for t in doc[a:b]):
            continue  # the tagger found the person already
        found.append((a, b, "PERSON", False))
    return found


#: First words of two-word nationalities ("South African", "Sri Lankan").
_NATIONALITY_FIRST = frozenset({"south", "north", "east", "west", "sri", "saudi", "costa", "new", "puerto", "el"})


def _nationality_end(doc: Doc, i: int) -> int:
    """The end of a nationality adjective starting at token ``i`` ("Uruguayan", "South African"), or ``i``."""
    gaz = gazetteer()

    def one(t: Token) -> bool:
        return (
            t.text[:1].isupper()
            and t.is_alpha
            and (t.ent_type_ == "NORP" or t.text in gaz.demonyms or _demonym(t.text) or t.text.endswith("ine"))
        )

    if i + 1 < len(doc) and doc[i].lower_ in _NATIONALITY_FIRST and doc[i].text[:1].isupper() and one(doc[i + 1]):
        return i + 2
    if i < len(doc) and one(doc[i]) and doc[i].lower_ not in _NATIONALITY_FIRST:
        return i + 1
    return i


def _people_after_nationality(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "the Uruguayan Diego Larrañaga", "the South African Jason Gildenhuys-Kruger": a person's
    name written after "the" and a nationality, which the tagger misses, tags as an
    organisation or takes with the nationality ("Argentine Gabriel Heinrich Ortiz").

    The name is two to four capitalised words (pieces joined by a hyphen count as one),
    none an organisation word, a title, in capitals or written in lower case elsewhere in
    the document, no capitalised word follows it,
    and the tagger called part of it a person or none of it anything ("the Australian
    Financial Review" stays an organisation); the nationality stays out of the name.
    """
    gaz = gazetteer()
    heads = ORG_HEADS | _RUN_HEADS | _ORG_KINDS | NON_PERSON_WORDS | TITLE_WORDS | HONORIFICS
    added: list[_Mention] = []
    for tok in doc:
        if tok.lower_ != "the" or tok.i + 3 >= len(doc):
            continue
        a = _nationality_end(doc, tok.i + 1)
        first = doc[a] if a < len(doc) else tok
        if (
            a == tok.i + 1
            or not (first.pos_ == "PROPN" and first.is_alpha and first.text[:1].isupper())
            or first.lower_ in TITLE_WORDS | HONORIFICS | NON_PERSON_WORDS
        ):
            continue
        b, words = a, 0
        while b < len(doc) and words < 5:
            t = doc[b]
            if t.text == "-" and not doc[b - 1].whitespace_ and not t.whitespace_ and b > a:
                b += 1
                continue
            if not (t.text[:1].isupper() and t.is_alpha and t.pos_ == "PROPN") or t.lower_ in heads:
                break
            if b > a and doc[b - 1].text != "-" and not doc[b - 1].whitespace_:
                break
            words += 1
            b += 1
        if doc[b - 1].text == "-":
            b -= 1
        if not 2 <= words <= 4 or b < len(doc) and (doc[b].text[:1].isupper() or doc[b].text in ("(", "’s", "'s")):
            continue
        span = doc[a:b]
        name = span.text
        tagged = {t.ent_type_ for t in span if t.text != "-"}
        if (
            gaz.lookup(name) is not None
            or any(t.is_upper or t.lower_ in _lower_words(doc) for t in span)  # "the Scottish Child Payment"
            or not (tagged == {""} or "PERSON" in tagged)  # "the Australian Financial Review" is tagged ORG
        ):
            continue
        added.append(_Mention(span.start_char, span.end_char, name, "PERSON"))
    if not added:
        return mentions
    # what the tagger made of the name, with or without the nationality, is replaced
    kept = [m for m in mentions if not any(m.start < x.end and x.start < m.end for x in added)]
    return sorted(kept + added, key=lambda m: m.start)


def _named_by_context(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Organisations and people named where the sentence says what they are, though the tagger missed them.

    * after a lower-case two-word description ending in an organisation kind: "the trade
      body RenewableUK", "the clearing house Euroclear", "the radio station Europe 1",
      "Consumer group Which?" -> organisations (a place or product tag on the name is
      overruled: the description says what it is);
    * the one told something: "Coyle told TalkSport", "told the Financieele Dagblad",
      "told The Sun On Sunday" -> an organisation when "the" comes first or the name
      cannot be a personal name; two or three personal-name words ("told Ana Ruiz")
      are a person. A one-word personal name is left to the tagger.

    A span the tagger split ("Sun On" of "The Sun On Sunday") is replaced when it lies
    inside the new one; a person, and (after "told") a place, is never overruled.
    """
    text = _text(doc)
    found: list[tuple[int, int, str, bool]] = []
    for tok in doc:
        low = tok.lower_
        if low not in _KIND_NOUNS and low != "told":
            continue
        i = tok.i
        if i + 1 >= len(doc) or "\n" in tok.whitespace_:
            continue
        if low in _KIND_NOUNS and tok.text.islower() and i > 0:
            desc = doc[i - 1]
            opening = desc.is_sent_start or desc.i == 0 or doc[desc.i - 1].is_space or doc[desc.i - 1].is_punct
            if not (desc.text.islower() or opening) or desc.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ"):
                continue
            if desc.lower_ in _NOT_FIELDS or desc.like_num:
                continue
            a = i + 1
            b = _capitalised_run(doc, a)
            if b == a or doc[a].lower_ in TITLE_WORDS | HONORIFICS | _ROLE_TITLES:
                continue
            found.append((a, b, "ORG", True))
        elif tok.lower_ == "told":
            a = i + 1
            the = doc[a].lower_ == "the"
            a += the
            if a >= len(doc) or doc[a].is_sent_start:
                continue
            b = _capitalised_run(doc, a)
            if b == a or doc[a].lower_.rstrip(".") in TITLE_WORDS | HONORIFICS | _ROLE_TITLES | ROLE_NOUNS:
                continue
            if re.fullmatch(r"[A-Z]{2,5}s", doc[a].text):
                continue  # "told MPs": a plural of people, no name
            names = all(_name_token(t) and _CAMEL.search(t.text) is None for t in doc[a:b])
            if the or not names:
                found.append((a, b, "ORG", False))
            elif 2 <= b - a <= 3:
                found.append((a, b, "PERSON", False))
    found += _apposed_kinds(doc) + _plural_possessive_names(doc) + _affiliations(doc) + _acting_buildings(doc)
    found += _names_before_brackets(doc) + _people_after_roles(doc)
    if not found:
        return mentions
    out = list(mentions)
    for a, b, label, described in found:
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        surface = text[start:end]
        if surface in gazetteer().not_entities or not any(ch.isalpha() for ch in surface):
            continue
        over = [m for m in out if m.start < end and start < m.end]
        overrulable: tuple[str, ...] = ("ORG", "GPE", "LOC", "NORP") if described else ("ORG",)
        if label == "PERSON" and b - a > 1:
            overrulable += ("NORP",)  # "presenter Siobhán Ó Súilleabháin" taken for a nationality
        if described and any(t.lower_ in ORG_HEADS | NON_PERSON_WORDS for t in doc[a:b]):
            overrulable += ("PERSON",)  # "Swedish Agency" (a person to the tagger) "for Marine ..."

        if any(
            m.start < start
            or m.end > end
            or m.label not in overrulable
            or m.gazetteer is not None
            and not (described and m.end - m.start < end - start)
            for m in over
        ):
            continue
        if any((m.start, m.end) == (start, end) and m.label == label for m in over) and not described:
            continue
        out = [m for m in out if m not in over]
        # the context says what it is: a speech verb later does not make the organisation a person
        out.append(_Mention(start, end, surface, label, canonical=surface if label == "ORG" else None))
    out.sort(key=lambda m: m.start)
    return out


_NAME_WORD = r"[A-Z][\w’'.]*(?:-[A-Za-z][\w’']*)*"
#: "..., said Han Mi-ra, the party's floor leader": a name after a speech verb, before a comma.
_SAID_NAME = re.compile(rf"(?<![\w-])(?:said|says|added|wrote) ({_NAME_WORD}(?: {_NAME_WORD}){{1,2}})(?=,)")
#: "Governor Babajide Sanwo-Olu's office": a name after a capitalised title.
_TITLED_NAME = re.compile(
    rf"(?<![\w-])(?:Governor|President|Senator|Mayor|Premier|Minister|Judge|Justice|General|Colonel|Dr|Prof)\.? "
    rf"({_NAME_WORD}(?: {_NAME_WORD}){{1,2}})(?=[’']s\b|[,.;:]| (?:said|says|told|did|was|has|had|is|will|would)\b)"
)


def _untagged_people(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """People the tagger missed or took for a nationality, where the sentence shows a person.

    Two or three capitalised name words (hyphenated parts allowed: "Han Mi-ra",
    "Babajide Sanwo-Olu") right after "said" and before a comma, or after a capitalised
    title ("Governor ...") before a possessive, a punctuation mark or a verb, are a person
    when no word is an organisation or place word, the gazetteer does not know the name,
    the parser reads the words as proper nouns, and no mention but a nationality covers
    any of them.
    """
    text = _text(doc)
    gaz = gazetteer()
    added: list[_Mention] = []
    for pattern in (_SAID_NAME, _TITLED_NAME):
        for hit in pattern.finditer(text):
            start, end = hit.span(1)
            words = hit.group(1).split()
            span = doc.char_span(start, end, alignment_mode="expand")
            if (
                span is None
                or any(
                    w.casefold().strip("’'") in NON_PERSON_WORDS | ORG_HEADS | _RUN_HEADS | PERSON_TITLES for w in words
                )
                or gaz.lookup(hit.group(1)) is not None
                or any(e is not None and e.label != "PERSON" for e in map(gaz.lookup, words))
                or not all(t.pos_ == "PROPN" or t.is_punct or t.i > 0 and doc[t.i - 1].text == "-" for t in span)
                or any(m.start < end and start < m.end and m.label != "NORP" for m in mentions + added)
            ):
                continue
            added.append(_Mention(start, end, hit.group(1), "PERSON"))
    if not added:
        return mentions
    kept = [m for m in mentions if not any(m.start < a.end and a.start < m.end for a in added)]
    return sorted(kept + added, key=lambda m: m.start)


#: Organisation nouns written right before the organisation's name ("the consultancy Tendências").
_ORG_BEFORE_NAME = _ORG_APPOSED | frozenset(
    {"consultancy", "portal", "journal", "broadcaster", "newspaper", "magazine", "website", "daily", "weekly",
     "outlet", "tabloid", "broker", "brokerage", "lobby", "watchdog", "regulator", "charity", "insurer",
     "carrier", "retailer", "manufacturer", "maker", "drugmaker", "automaker", "chipmaker", "studio",
     "label", "think-tank", "thinktank", "institute", "federation", "association"}
) - {"body", "team", "club", "group", "party", "union", "movement"}  # fmt: skip
#: "economists at ING": people who work at an organisation.
_STAFF_AT = frozenset(
    {"economist", "economists", "analyst", "analysts", "strategist", "strategists", "researcher",
     "researchers", "scientist", "scientists", "engineers", "executives", "lawyers", "staff", "officials"}
)  # fmt: skip


def _named_after_noun(doc: Doc, taken: list[tuple[int, int]]) -> list[_Mention]:
    """Names the tagger missed after an organisation noun ("the statistics agency IBGE", "Dutch
    broadcaster NOS", "the journal Nature Geoscience") or after "economists at" ("economists at ING")."""
    added: list[_Mention] = []
    text = _text(doc)
    for tok in doc:
        if tok.i + 1 >= len(doc) or "\n" in tok.whitespace_:
            continue
        nxt = doc[tok.i + 1]
        after_noun = tok.lower_ in _ORG_BEFORE_NAME and tok.pos_ == "NOUN" and tok.text.islower()
        staff = tok.lower_ == "at" and tok.i > 0 and doc[tok.i - 1].lower_ in _STAFF_AT
        if not (after_noun or staff) or not nxt.text[:1].isupper() or nxt.ent_type_ not in _UNNAMED:
            continue
        b = tok.i + 1
        while (
            b < len(doc)
            and doc[b].text[:1].isupper()
            and (doc[b].pos_ == "PROPN" or doc[b].is_upper)
            and doc[b].ent_type_ in _UNNAMED
            and b - tok.i <= 3
            and (b == tok.i + 1 or not doc[b].is_sent_start)
        ):
            b += 1
        if b == tok.i + 1 or doc[tok.i + 1].lower_.rstrip(".") in TITLE_WORDS | HONORIFICS | _ROLE_TITLES:
            continue
        if doc[tok.i + 1].text in gazetteer().demonyms or any(
            _demonym(t.text) and t.ent_type_ == "NORP" for t in doc[tok.i + 1 : b]
        ):
            continue
        start, end = nxt.idx, doc[b - 1].idx + len(doc[b - 1].text)
        if any(s < end and start < e for s, e in taken):
            continue
        added.append(_Mention(start, end, text[start:end], "ORG"))
        taken.append((start, end))
    # "the FNV Havens union": an untagged name in front of the organisation noun
    for tok in doc:
        if tok.lower_ not in _ORG_APPOSED or not tok.text.islower() or tok.i < 2:
            continue
        a = tok.i
        while a > 0 and tok.i - a < 3 and doc[a - 1].text[:1].isupper() and doc[a - 1].pos_ == "PROPN":
            a -= 1
        if a == tok.i or _the_before(doc, a) is None or any(t.ent_type_ for t in doc[a : tok.i]):
            continue
        if any(t.lower_.rstrip(".") in TITLE_WORDS | HONORIFICS | _ROLE_TITLES for t in doc[a : tok.i]):
            continue
        start, end = doc[a].idx, doc[tok.i - 1].idx + len(doc[tok.i - 1].text)
        if any(s < end and start < e for s, e in taken):
            continue
        added.append(_Mention(start, end, text[start:end], "ORG"))
        taken.append((start, end))
    return added


def _the_before(doc: Doc, a: int) -> int | None:
    """Where "the" stands before token ``a``, over at most four lower-case describing words
    ("the ruling", "the far-right", "the small left-wing"), or ``None``.

    "the far-right Chega party", "the ruling Fidesz party": the describing words are no part
    of the name that follows them.
    """
    k = a - 1
    while k >= 0 and a - k <= 5 and doc[k].lower_ != "the":
        t = doc[k]
        hyphen = t.text == "-" and not t.whitespace_ and k > 0 and not doc[k - 1].whitespace_
        if not (hyphen or t.is_alpha and t.text.islower() and t.pos_ in ("ADJ", "NOUN", "VERB", "ADV")):
            return None
        k -= 1
    return k if k >= 0 and doc[k].lower_ == "the" else None


#: Entity types of the tagger a name after an organisation noun may carry ("the journal Nature Geoscience").
_UNNAMED = ("", "ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC")


def _add_acronyms(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Acronyms the tagger missed whose letters are the initials of a name in the document ("TfL")."""
    initials = {
        _initials(normalize_name(m.text)): m.label
        for m in mentions
        if m.label in ("ORG", "GPE") and len(normalize_name(m.text).split()) > 1
    }
    initials.pop("", None)
    if not initials:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for tok in doc:
        if not _is_acronym(tok.text) or tok.ent_type_ or _acronym_letters(tok.text) not in initials:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if any(a < end and start < b for a, b in taken):
            continue
        added.append(_Mention(start, end, tok.text, initials[_acronym_letters(tok.text)]))
    return sorted(mentions + added, key=lambda x: x.start) if added else mentions


#: Lower-case words inside an organisation's name that give no letter to its acronym.
_CONNECTORS = frozenset(
    {"of", "the", "and", "for", "on", "in", "&", "de", "del", "du", "des", "la", "le", "to", ",", "-"}
)
#: "the Maritime Industry Authority, known as Marina": a short form introduced without brackets.
_KNOWN_AS = re.compile(
    r",? (?:also |better |commonly |locally )?known (?:as (?:the )?|(?:by|under) (?:its|the) (?:[A-Z][a-z]+ |local "
    r"|official )?(?:acronym|initials|abbreviation) )([A-Z][\w&-]{1,9})\b"
)
#: "The National Commission on Human Rights, Komnas HAM, said": a short name in commas, with a capital acronym.
_APPOSED_SHORT = re.compile(r", ((?:[A-Z][\w&-]* ){0,2}[A-Z]{2,9}), (?!and\b|or\b)[a-z]")


_ELIDED = re.compile(r"^[dl][’'](?=\w)")


def _spells(letters: str, words: list[str], exact: bool = False) -> int:
    """How many of ``words`` spell ``letters`` from the first word on, 0 if they do not.

    Each capitalised word gives its initial and perhaps more of its letters in
    order ("Company" -> "CO" in TEPCO); connectors ("of", "and", ",") give none,
    and one other lower-case word may sit inside the name ("Medicines and
    Healthcare products Regulatory Agency" -> MHRA). The shortest spelling wins.
    """

    # "Fédération nationale des syndicats d'exploitants agricoles" (FNSEA): a foreign name in
    # sentence case, each lower-case word giving its initial
    sentence_case = bool(words) and words[0].casefold() in _FOREIGN_HEADS

    @functools.cache
    def match(k: int, j: int, loose: int) -> int:
        if k == len(letters):
            return j if not exact or j == len(words) else 0
        if j >= len(words):
            return 0
        w = words[j]
        if w.casefold() in _CONNECTORS | _RUN_ARTICLES:
            return match(k, j + 1, loose) if j > 0 else 0
        if sentence_case and w.isalpha() or sentence_case and _ELIDED.match(w):
            w = _ELIDED.sub("", w).capitalize()
        if not w[:1].isupper():
            return match(k, j + 1, loose - 1) if loose > 0 and j > 0 and w.isalpha() else 0
        if w[0].casefold() != letters[k].casefold():
            if exact and loose > 0 and words[j - 1] in ("and", "&"):
                # "England and Wales Cricket Board (ECB)": in a bracketed definition the second
                # member of a pair joined by "and" may give no letter
                return match(k, j + 1, loose - 1)
            return 0
        # the word gives its initial and possibly some following letters of the acronym, in order
        ends = [k + 1]
        pos = 1
        for kk in range(k + 1, len(letters)):
            found = w.casefold().find(letters[kk].casefold(), pos)
            if found < 0:
                break
            pos = found + 1
            ends.append(kk + 1)
        for kk in ends:
            got = match(kk, j + 1, loose)
            if got:
                return got
        return 0

    return match(0, 0, 1)


def _defined_acronyms(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Full names the document gives for its acronyms, as mentions named by the full name.

    "the Medicines and Healthcare products Regulatory Agency said ... The MHRA
    said": the tagger cuts the long name into pieces; the words whose initials
    spell the acronym are one name, every piece inside it goes, and the acronym
    is named by it. The same for a short form introduced by "known as" ("the
    Maritime Industry Authority, known as Marina") and a name inside a longer
    span ("the US National Science Foundation" for NSF). A gazetteer entry for
    the acronym gives way to a different full name spelled out in the document
    ("International Cricket Council" for ICC).
    """
    text = _text(doc)
    shorts: dict[str, str] = {}  # short form -> the letters it spells
    known_as: dict[str, int] = {}  # short form -> where the name before "known as" ends
    named = {(m.start, m.end) for m in mentions}
    for tok in doc:
        if (
            _is_acronym(tok.text)
            and len(_acronym_letters(tok.text)) >= 3
            and tok.text not in gaz.not_entities
            and (
                tok.ent_type_ in LABELS
                or (tok.idx, tok.idx + len(tok.text)) in named
                or (tok.i > 1 and doc[tok.i - 1].text == "(" and doc[tok.i - 2].text[:1].isupper())
                or (tok.i > 0 and doc[tok.i - 1].lower_ == "the" and tok.text.isupper())  # "The FNSEA said"
            )
        ):
            shorts.setdefault(tok.text, _acronym_letters(tok.text))
    for hit in _KNOWN_AS.finditer(text):
        known_as.setdefault(hit.group(1), hit.start())
        shorts.setdefault(hit.group(1), hit.group(1).replace("-", ""))
    tokens = [t for t in doc if not t.is_space] if shorts else []
    long_forms: dict[str, str] = {}
    for short, letters in shorts.items():
        entry = gaz.lookup(short)
        best = _spelled_name(text, tokens, short, letters, known_as.get(short))
        if best is None and short in known_as and _is_acronym(short):
            best = _spelled_name(text, tokens, short, letters, None)
        if best is None:
            continue
        long = text[best[0] : best[1]]
        if entry is not None and any(
            " " in a and (a in text or a.startswith(long)) for a in (entry.canonical, *entry.aliases)
        ):
            continue  # the gazetteer already pairs them ("Centers for Disease Control and Prevention")
        long_forms[short] = long
    for short, long in _bracketed_short_forms(text, mentions, gaz).items():
        long_forms.setdefault(short, long)
    for short, long in _short_forms_after_names(text, mentions, gaz, known_as).items():
        long_forms.setdefault(short, long)
    if not long_forms:
        return mentions
    return _place_long_forms(text, mentions, long_forms, gaz)


_BRACKETED = re.compile(r" \(([A-Z][\w&-]{1,9})\)")


_THE_KIND = re.compile(r"\b[Tt]he ([a-z]{4,})$")


def _kind_word_antecedent(text: str, mentions: list[_Mention], at: int) -> _Mention | None:
    """The one earlier organisation named with the kind word before "known as":
    "the National Institute of Public Health ... The institute, known as INSP" -> the institute."""
    hit = _THE_KIND.search(text, 0, at)
    if hit is None:
        return None
    kind = hit.group(1).capitalize()
    named = {m.text: m for m in mentions if m.label == "ORG" and m.end <= hit.start() and kind in m.text.split()}
    return next(iter(named.values())) if len(named) == 1 else None


def _short_forms_after_names(
    text: str, mentions: list[_Mention], gaz: Gazetteer, known_as: dict[str, int]
) -> dict[str, str]:
    """Short forms an organisation's name defines right after it, whatever letters they spell.

    "The Cameroonian Football Federation, known by its French acronym FECAFOOT, said" and
    "The National Commission on Human Rights, Komnas HAM, gave its verdict": a short form
    in the country's language does not spell the English name, but "known as" or a short
    name in commas holding a capital acronym (before a verb, not "and") right after a name
    of three words or more defines it. A short form the gazetteer knows is left alone.
    """
    out: dict[str, str] = {}
    ends = {m.end: m for m in mentions if m.label == "ORG" and len(m.text.split()) >= 2}
    for short, at in known_as.items():
        before = next((m for e, m in ends.items() if e <= at and not text[e:at].strip(" ,")), None)
        if before is None:
            before = _kind_word_antecedent(text, mentions, at)
        if before is not None and gaz.lookup(short) is None and short.casefold() not in before.text.casefold():
            out[short] = before.text[4:] if before.text.startswith(("the ", "The ")) else before.text
    for end, m in ends.items():
        hit = _APPOSED_SHORT.match(text, end)
        if hit is None or len(m.text.split()) < 3 or gaz.lookup(hit.group(1)) is not None:
            continue
        if hit.group(1) in text[: m.start]:
            continue  # used before the name: no definition ("..., WHO, ..." in a list)
        out.setdefault(hit.group(1), m.text[4:] if m.text.startswith(("the ", "The ")) else m.text)
    return out


def _bracketed_short_forms(text: str, mentions: list[_Mention], gaz: Gazetteer) -> dict[str, str]:
    """Short forms an organisation's name defines in brackets, whatever letters they spell.

    "the National Electoral Institute (INE)", "the National Agri-Food Health and
    Quality Service (Senasa)": a short form in the language of the country, or a
    word-like one, does not spell the English name's initials, but the bracket
    right after the name defines it all the same. A short form the gazetteer
    knows as something else, or that is the name itself, is left alone.
    """
    out: dict[str, str] = {}
    for m in mentions:
        if m.label not in ("ORG", "PERSON") or len(m.text.split()) < 2 or (m.start > 0 and text[m.start - 1] in "-‐"):
            continue  # not a name cut out of a hyphenated word ("anti-Islam Party ...")
        hit = _BRACKETED.match(text, m.end)
        if hit is None:
            continue
        short = hit.group(1)
        if m.label == "PERSON" and not (short.isupper() and len(short) >= 3):
            continue  # "Comisiones Obreras (CCOO)" tagged a person: only a capital acronym makes it a body
        entry = gaz.lookup(short)
        if short.casefold() in m.text.casefold() or (entry is not None and entry.canonical != m.text):
            continue
        out.setdefault(short, m.text[4:] if m.text.startswith(("the ", "The ")) else m.text)
    return out


def _spelled_name(
    text: str, tokens: list[Token], short: str, letters: str, known_as: int | None
) -> tuple[int, int] | None:
    """The first run of words spelling ``letters`` (right before ``known_as`` when given).

    When the document defines the short form in brackets ("the Centers for Disease
    Control and Prevention (CDC)"), the name is all the words up to the bracket.
    """
    defined = re.search(rf"(?<=[\w.]) \({re.escape(short)}\)", text)
    for i, tok in enumerate(tokens):
        if tok.text[:1] != letters[0].upper() or tok.text == short or tok.lower_ in _CONNECTORS:
            continue
        if known_as is not None and tok.idx > known_as:
            break
        window = [tok.text]
        for t in tokens[i + 1 : i + 2 * len(letters) + 3]:
            if t.is_sent_start or "\n" in t.text:
                break
            window.append(t.text)
        if defined is not None:
            if not tok.idx < defined.start() <= tok.idx + 200:
                continue
            window = [t.text for t in tokens[i:] if t.idx < defined.start()]
        n = _spells(letters, window, exact=defined is not None)
        if n < 2 or any(t.text == short for t in tokens[i : i + n]):
            continue
        capitals = sum(w[:1].isupper() for w in window[:n])
        if window[0].casefold() in _FOREIGN_HEADS and n >= len(letters) >= 4:
            capitals = len(letters)  # a foreign name in sentence case spelling every letter
        if capitals < 2 or capitals < len(letters) and capitals < 3:
            continue  # "North Sea" does not spell NOS
        span = (tok.idx, tokens[i + n - 1].idx + len(tokens[i + n - 1].text))
        if known_as is not None and text[span[1] : known_as].strip(" ,"):
            continue  # "X, known as Y": the name is the one right before
        return span
    return None


def _place_long_forms(
    text: str, mentions: list[_Mention], long_forms: dict[str, str], gaz: Gazetteer
) -> list[_Mention]:
    """Mentions for every occurrence of the long forms and their short forms, replacing pieces."""
    out = list(mentions)
    for short, long in long_forms.items():
        entry = gaz.lookup(long)
        name = entry.canonical if entry is not None else long
        label = entry.label if entry is not None else "ORG"
        spans = [(h.start(), h.end()) for h in re.finditer(rf"(?<![\w-]){re.escape(long)}(?![\w-])", text)]
        spans += [(h.start(), h.end()) for h in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text)]
        owned = _owned_long_form(text, out, spans, gaz)
        if owned is not None and entry is None:
            # "the UN Office for the Coordination of Humanitarian Affairs (OCHA)": the owner
            # organisation is part of the name (unlike a place: "US National Science Foundation")
            s0, e0 = owned
            for m in [m for m in out if s0 <= m.start and m.end <= e0]:
                out.remove(m)
            name = normalize_name(text[s0:e0])
            out.append(_Mention(s0, e0, text[s0:e0], "ORG", canonical=name))
            spans = [(s, e) for s, e in spans if not (s0 <= s and e <= e0)]
        for s, e in spans:
            inside = [m for m in out if s <= m.start and m.end <= e]
            around = [m for m in out if m.start <= s and e <= m.end and (m.start, m.end) != (s, e)]
            straddle = [m for m in out if m.start < e and s < m.end and m not in inside and m not in around]
            if straddle:
                continue
            if around:
                outer = around[0]
                prefix = text[outer.start : s].strip()
                if text[e : outer.end].strip() or not prefix or gaz.lookup(prefix) is None:
                    continue  # only a place in front: "US National Science Foundation"
                out.remove(outer)
                place = gaz.lookup(prefix)
                assert place is not None
                out.append(_Mention(outer.start, outer.start + len(prefix), prefix, place.label, gazetteer=place))
            for m in inside:
                out.remove(m)
            out.append(_Mention(s, e, text[s:e], label, gazetteer=entry, canonical=name))
    out.sort(key=lambda m: m.start)
    return out


def _owned_long_form(
    text: str, mentions: list[_Mention], spans: list[tuple[int, int]], gaz: Gazetteer
) -> tuple[int, int] | None:
    """The span of a mention that is an organisation's acronym followed by a long form ("UN Office for ...")."""
    for s, e in spans:
        for m in mentions:
            if m.start < s and m.end == e:
                prefix = text[m.start : s].strip()
                owner = gaz.lookup(prefix)
                if owner is not None and owner.label == "ORG" and _is_acronym(prefix):
                    return m.start, m.end
    return None


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the second half of a capitalised hyphenated name ("Diallo-Kane").

    The hyphen has no space on either side and the first half is a capitalised word
    that is no prefix ("Anti-") and no known name or place.
    """
    return (
        i >= 2
        and doc[i].text[:1].isupper()
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].is_alpha
        and doc[i - 2].text[:1].isupper()
        and doc[i - 2].lower_ not in _HYPHEN_PREFIXES
        and doc[i - 2].ent_type_ not in ("GPE", "NORP", "LOC", "ORG")
        and gazetteer().lookup(doc[i - 2].text) is None
    )


def _mark_speech_subjects(doc: Doc, mentions: list[_Mention]) -> None:
    """Mark mentions that are the subject of a speech verb; add untagged proper-noun subjects.

    A subject with an organisation noun apposed to it ("Brunvik, the country's farm lobby, said")
    is an organisation speaking: it is neither marked nor added as a person.
    """
    by_token: dict[int, _Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                by_token[t.i] = m
    added: list[_Mention] = []
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_ not in SPEECH_VERBS:
            continue
        if any(c.dep_ == "appos" and c.lemma_.lower() in _APPOSED_KINDS | _ORG_APPOSED for c in tok.children):
            continue  # "Brunvik, the farmers' lobby, said": an organisation speaks, not a person
        if tok.i in by_token:
            by_token[tok.i].said = True
            continue
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        start = tok.i
        while start > 0:
            if _hyphen_joined(doc, start):
                start -= 2  # "Diallo-Kane": a double-barrelled surname
            elif (
                doc[start - 1].dep_ in ("compound", "amod")
                and doc[start - 1].text[:1].isupper()
                and doc[start - 1].is_alpha
            ):
                start -= 1  # "Keir Giles", "Close Brothers"
            else:
                break
        while start < tok.i and doc[start].lower_.rstrip(".") in (TITLE_WORDS | HONORIFICS | _OFFICE_LETTERS):
            start += 1
        end = tok.i + 1
        while end - start > 1 and doc[end - 1].lower_.rstrip(".") in POST_NOMINALS | PERSON_POST_NOMINALS:
            end -= 1
        span = doc[start:end]
        if any(t.lower_ in NON_PERSON_WORDS for t in span):
            continue
        if len(span) == 1 and span[0].lower_ in TITLE_WORDS | ROLE_NOUNS | _ROLE_TITLES:
            continue  # "The Minister for Health, Jennifer Carroll MacNeill, said": the title is no name
        if _sentence_initial_common_noun(doc, start, end, "PERSON", span.text):
            continue
        added.append(_Mention(span.start_char, span.end_char, span.text, "PERSON", said=True))
    if added:
        mentions.extend(added)
        mentions.sort(key=lambda x: x.start)


# -- step 2: groups ----------------------------------------------------------------------


def _role_only(m: _Mention) -> bool:
    """Whether a person's "name" is only a role: "NSW Premier", "Chief Executive", "the US Secretary of State"."""
    words = normalize_name(m.text).split()
    if m.label != "PERSON" or m.gazetteer is not None or not words:
        return False
    gaz = gazetteer()
    k = 0
    while k < len(words) - 1 and (
        _is_acronym(words[k])
        or _demonym(words[k])
        or (e := gaz.lookup(words[k])) is not None
        and e.label in ("GPE", "LOC")
    ):
        k += 1  # the place of the office
    rest = [w.casefold().rstrip(".") for w in words[k:] if w.casefold() not in ("of", "for", "the")]
    return bool(rest) and all(w in PERSON_TITLES for w in rest) and rest[-1] in ROLE_NOUNS | PERSON_TITLES


def _role_holder(mentions: list[_Mention], i: int, text: str) -> int | None:
    """The person written right next to the role ``mentions[i]`` ("The NSW Premier, Chris Minns,")."""
    m = mentions[i]
    for j in (i + 1, i - 1):
        if not 0 <= j < len(mentions):
            continue
        o = mentions[j]
        gap = text[m.end : o.start] if j > i else text[o.end : m.start]
        if gap in (", ", " ") and o.label == "PERSON" and not _role_only(o) and len(normalize_name(o.text).split()) > 1:
            return j
    return None


def _drop_bare_roles(mentions: list[_Mention], text: str) -> list[_Mention]:
    """Role-only "names" are kept as role references of the person next to them, or dropped."""
    out = []
    for i, m in enumerate(mentions):
        if _role_only(m):
            if _role_holder(mentions, i, text) is None:
                continue
            m.role = True
        out.append(m)
    return out


#: Verbs of a statistic's clause: "Turnout was 52%", "Turnout reached 41.7%".
_STATISTIC_VERBS = frozenset(
    {"be", "reach", "stand", "rise", "fall", "hit", "top", "exceed", "estimate", "climb", "drop"}
)


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a paragraph or a quotation."""
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n" or text[:start].endswith(("\n", "“", '"'))


def _lower_forms(word: str) -> set[str]:
    """``word`` in lower case with its plural or singular ("Councils" -> council, councils)."""
    w = word.casefold()
    forms = {w, w + "s", w + "es"}
    if w.endswith("s"):
        forms.add(w[:-1])
    if w.endswith("es"):
        forms.add(w[:-2])
    if w.endswith("ies"):
        forms.add(w[:-3] + "y")
    return forms


def _statistic_subject(doc: Doc, start: int) -> bool:
    """Whether the word at character ``start`` is the subject of a statistic ("Turnout was 52.1%")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    tok = span[0] if span is not None and len(span) else None
    if (
        tok is None
        or tok.idx != start
        or tok.dep_ not in ("nsubj", "nsubjpass")
        or tok.head.lemma_ not in _STATISTIC_VERBS
    ):
        return False
    verb = tok.head
    return any(t.ent_type_ == "PERCENT" for t in verb.subtree if t.i > tok.i and t.i <= verb.i + 6)


def _drop_capitalised_common_words(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Drop one-word "names" that are ordinary words capitalised because they open a sentence.

    The tagger takes "Turnout was 52.1%", "Staff said ...", "Insurers warned ..." and
    "Sympathy does not ..." for people or organisations. A one-word mention is no name
    when every time the document writes the word with a capital it opens a sentence, a
    paragraph or a quotation, no longer name of the document contains it, the gazetteer
    does not know it, and either the document also writes the word (or its singular or
    plural) in lower case ("councils" for "Councils") or it is the subject of a
    percentage ("Turnout reached 41.7%"): names are not written in lower case and are not
    percentages.
    """
    text = _text(doc)
    gaz = gazetteer()
    lower = _lower_words(doc)
    in_longer = {w for m in mentions for w in re.split(r"[\s-]+", normalize_name(m.text)) if " " in m.text.strip()}
    drop: set[int] = set()
    by_word: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        word = m.text.strip()
        if (
            m.label in ("PERSON", "ORG", "NORP")
            and re.fullmatch(r"[A-Z][a-z]+", word)
            and m.gazetteer is None
            and m.canonical is None  # not a body named here ("Police said ...")
        ):
            by_word[word].append(m)
    for word, ms in by_word.items():
        if word in in_longer or gaz.lookup(word) is not None or word in gaz.demonyms:
            continue
        written = [h.start() for h in re.finditer(rf"(?<![\w-]){word}(?![\w-])", text)]
        if not all(_sentence_initial(text, i) for i in written):
            continue
        if _lower_forms(word) & lower or all(_statistic_subject(doc, m.start) for m in ms):
            drop |= {id(m) for m in ms}
    return [m for m in mentions if id(m) not in drop] if drop else mentions


#: A job title right after a portfolio's name: "Energy minister", "Agriculture Cabinet Secretary".
_TITLE_AFTER = re.compile(
    r" (?:[Cc]abinet |[Cc]ommittee |[Ss]hadow )?(?:[Mm]inister|[Ss]ecretary|[Cc]ommissioner|[Mm]ember)\b"
)
#: A job title right before a portfolio's name: "the Minister of Mineral Resources".
_TITLE_BEFORE = re.compile(
    r"\b(?:[Mm]inister|[Ss]ecretary|[Cc]ommissioner) (?:of|for) (?:the )?(?:[A-Z][\w’'-]*(?:,? | and | & ))*$"
)


#: Ranks and portfolios that are no organisation before or as a job title.
_RANKS = frozenset({"brigadier", "field", "marshal", "rear", "air", "wing", "squadron", "flight"})
_PORTFOLIOS = frozenset(
    {"cabinet", "agriculture", "health", "education", "energy", "justice", "culture", "trade", "transport",
     "environment", "housing", "science", "technology", "tourism", "sport", "sports", "fisheries", "water",
     "mayoral", "public", "works", "infrastructure", "industry", "communications", "digital", "climate"}
)  # fmt: skip

#: Words of a minister's portfolio written between the title and the holder's name
#: ("Minister for Foreign Affairs and Trade Ana Lopes").
_PORTFOLIO_WORDS = _PORTFOLIOS | frozenset(
    {"finance", "defence", "defense", "foreign", "home", "interior", "economy", "economic", "labour", "labor",
     "employment", "enterprise", "children", "equality", "social", "welfare", "security", "affairs", "and", "&"}
)  # fmt: skip


def _drop_job_title_words(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Drop "names" that are pieces of a job title rather than organisations.

    * titles and ranks alone, tagged as an organisation or not written beside their
      holder: "Brigadier General", "Inspector-General", "Prof.", "Hon.";
    * a portfolio written before a job title, in words the document also writes in lower
      case: "Energy minister Svitlana Hrynchuk", "Public Works Secretary Emmanuel Dizon";
    * a portfolio after "Minister of/for" and the portfolios listed after it: "the Minister
      for Housing, Local Government and Heritage".

    Names the gazetteer knows ("Labour minister") and organisations that are not written
    this way are kept.
    """
    text = _text(doc)
    lower = _lower_words(doc)
    drop: set[int] = set()
    added: list[_Mention] = []
    previous: _Mention | None = None
    for m in mentions:
        words = [w.casefold().rstrip(".") for w in re.split(r"[\s-]+", m.text.strip()) if w]
        if m.gazetteer is not None or m.role or m.canonical is not None or not words:
            previous = m
            continue
        after_dropped = (
            previous is not None and id(previous) in drop and text[previous.end : m.start] in (", ", " and ", ", and ")
        )
        titles = PERSON_TITLES | _RANKS
        if all(w in titles for w in words) and (m.label != "PERSON" or "-" in m.text):
            drop.add(id(m))
        elif m.label in ("ORG", "NORP", "PERSON") and _TITLE_AFTER.match(text, m.end):
            fields = [w for w in words if w not in ("and", "&")]
            known = lower | TITLE_WORDS | _PORTFOLIOS
            if all(w in known for w in fields) and not any(w.isupper() for w in m.text.split()):
                drop.add(id(m))
        elif m.label == "ORG" and (_TITLE_BEFORE.search(text, max(0, m.start - 80), m.start) or after_dropped):
            drop.add(id(m))
            holder = _holder_after_portfolio(m, lower)
            if holder is not None:
                added.append(holder)
        previous = m
    if not drop:
        return mentions
    return sorted([m for m in mentions if id(m) not in drop] + added, key=lambda x: x.start)


def _holder_after_portfolio(m: _Mention, lower: frozenset[str]) -> _Mention | None:
    """The person written after the portfolio of "Minister for <portfolio>", which the tagger
    took into one organisation: "Minister for Health Declan Ó Cuív" -> "Declan Ó Cuív".

    The portfolio's words are those of a portfolio or written in lower case elsewhere in
    the document; at least two capitalised words must be left for the name.
    """
    words = m.text.split(" ")
    k = 0
    while k < len(words) and (
        words[k].casefold().rstrip(",") in _PORTFOLIO_WORDS or words[k].casefold().rstrip(",") in lower
    ):
        k += 1
    rest = words[k:]
    if (
        k == 0
        or "," in m.text
        or len(rest) < 2
        or not all(w[:1].isupper() or w.casefold() in PARTICLES for w in rest)
        or not rest[0][:1].isupper()
        or any(w.casefold() in lower | NON_PERSON_WORDS | _RUN_HEADS | {"government"} for w in rest)
    ):
        return None
    start = m.start + len(" ".join(words[:k])) + 1
    return _Mention(start, m.end, " ".join(rest), "PERSON")


#: Last words of the names of laws, treaties, plans and taxes, which are no organisations.
_DOCUMENT_WORDS = frozenset(
    {"act", "regulation", "directive", "statute", "convention", "treaty", "bill", "plan", "tax", "strategy",
     "agreement", "accord", "protocol", "law", "code", "levy", "charter", "declaration"}
)  # fmt: skip
_DOCUMENT_AFTER = re.compile(r"\s*(?:\(Amendment\)\s*)?(?:Act|Bill|Regulation|Directive|Plan|Strategy)\b")
#: Securities named after their issuer: "German government bonds", "Treasury notes", "central bank assets".
_INSTRUMENT_AFTER = re.compile(r" (?:bonds?|yields?|debt|securities|assets|notes|bills|reserves|gilts)\b")
_DOCUMENT_BEFORE = re.compile(r"\b(?:Act|Treaty|Agreement|Law|Strategy|Charter) on (?:the )?$")


#: A nationality word used as the name of a language: "said in French", "known in Swedish as".
_LANGUAGE_BEFORE = re.compile(r"\b(?:[Ii]n|[Ii]nto|[Ss]peaking|[Ss]peaks|[Ss]poke|[Ff]rom) $")
_LANGUAGE_AFTER = re.compile(r"(?:[.,;:!?)”\"]|\s(?:and|or|as|then|but)\b|$)")


def _drop_languages(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Drop nationality words that name a language: "he said in French", "known in Swedish as ...",
    "In French and then in English". The word follows "in" (or "speaking", "from") and no noun
    follows it ("in French waters" keeps its nationality)."""
    drop = {
        id(m)
        for m in mentions
        if m.label == "NORP"
        and " " not in m.text.strip()
        and _LANGUAGE_BEFORE.search(text, max(0, m.start - 12), m.start)
        and _LANGUAGE_AFTER.match(text, m.end)
    }
    return [m for m in mentions if id(m) not in drop] if drop else mentions


def _drop_laws_and_plans(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Drop the names of laws, treaties, plans, taxes and securities the tagger calls organisations.

    "the Digital Services Act", "the Rome Statute", "the European Convention on Human
    Rights", "the Graded Response Action Plan" (and its letters, "GRAP"), "the Vacant
    Homes Tax", a name the tagger cut before its last word ("Offshore Fisheries
    Management" + "(Amendment) Bill") or after "Act on" ("the Basic Act on" + "Artificial
    Intelligence"). A name of more than one word ends in the document word or has it
    before "on" ("Treaty on ..."; a convention "on" something can be a body, the
    UNFCCC); the gazetteer's names are kept. An issuer's name before its securities
    ("10-year German government bonds", "frozen Russian central bank assets", "Treasury
    notes") names no organisation either.
    """
    drop: set[int] = set()
    for m in mentions:
        if m.gazetteer is not None or m.label == "GPE":
            continue
        for name in {m.text, m.canonical or m.text}:  # "GRAP" spelled "Graded Response Action Plan"
            words = [w.casefold().strip("“”\"'") for w in normalize_name(name).split()]
            if (
                len(words) > 1
                and (
                    words[-1] in _DOCUMENT_WORDS
                    # "Basic Act on ...", not "Convention on Climate Change" (a body of the UN)
                    or any(
                        w in _DOCUMENT_WORDS - {"convention"} and nxt == "on"
                        for w, nxt in zip(words, words[1:], strict=False)
                    )
                )
            ):
                drop.add(id(m))
        if m.label in ("ORG", "NORP") and (
            _DOCUMENT_AFTER.match(text, m.end)
            or _DOCUMENT_BEFORE.search(text, max(0, m.start - 30), m.start)
            or _INSTRUMENT_AFTER.match(text, m.end)
        ):
            drop.add(id(m))
    return [m for m in mentions if id(m) not in drop] if drop else mentions


_HYPHEN_WORD_LEFT = re.compile(r"[A-ZÀ-Þ][\w’']*-$")
_HYPHEN_WORD_RIGHT = re.compile(r"-[A-ZÀ-Þ][\w’']*")
_HYPHENATED = re.compile(r"[A-ZÀ-Þ][\w’']*(?:-[A-ZÀ-Þ][\w’']*)+")


def _join_hyphenated_names(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """One person for a name the tagger cut at a hyphen: "Tafea" + "Lotoala" in "Tafea-Lotoala
    said", "Dirk" + "Jan Hoogeveen" in "Dirk-Jan Hoogeveen", "Luc-André" + "Bergeron-Paquin".

    A mention that is part of a word of capitalised pieces joined by hyphens without spaces
    is widened to the whole word and over the mentions it touches; a person's name written
    one space before a hyphenated word that the tagger called something else is widened over
    it. The result is one person when one of the pieces is a person. Nothing is joined when a
    piece is a name on its own, known to the gazetteer or written elsewhere without the
    hyphen ("Putin-Trump summit" when the text names "Vladimir Putin"), or when no piece is a
    person ("Israel-Hamas").
    """
    gaz = gazetteer()

    def hyphen_bound(m: _Mention) -> bool:
        return text[m.end : m.end + 1] == "-" or text[m.start - 1 : m.start] == "-"

    alone: set[str] = set()
    for m in mentions:
        if not hyphen_bound(m):
            words = normalize_name(m.text).split()
            alone.add(" ".join(words))
            if m.label == "PERSON" and len(words) > 1:
                alone.add(words[-1])

    def own_name(piece: str) -> bool:
        return piece in alone or gaz.lookup(piece) is not None or piece in gaz.demonyms

    out = list(mentions)
    k = 0
    while k < len(out):
        m = out[k]
        a, b = m.start, m.end
        while (left := _HYPHEN_WORD_LEFT.search(text, max(0, a - 40), a)) is not None:
            a = left.start()
        while (right := _HYPHEN_WORD_RIGHT.match(text, b)) is not None:
            b = right.end()
        if (a, b) == (m.start, m.end) and m.label == "PERSON" and k + 1 < len(out):
            nxt = out[k + 1]
            if nxt.start == b + 1 and text[b] == " " and nxt.label != "PERSON" and _HYPHENATED.fullmatch(nxt.text):
                b = nxt.end  # "Luc-André" + "Bergeron-Paquin"
        if (a, b) == (m.start, m.end):
            k += 1
            continue
        pieces = [o for o in out if o.start < b and a < o.end]
        inside = text[a:b]
        parts = [p for w in inside.split() for p in w.split("-") if p]
        own = [p for p in parts if own_name(p)]
        if not any(o.label == "PERSON" for o in pieces) or any(p not in m.text for p in own):
            k += 1
            continue
        a = min(a, *(o.start for o in pieces))
        b = max(b, *(o.end for o in pieces))
        joined = _Mention(a, b, text[a:b], "PERSON", said=any(o.said for o in pieces))
        first = min(out.index(o) for o in pieces)
        out = [o for o in out[:first] if o not in pieces] + [joined] + [o for o in out[first:] if o not in pieces]
        k = first + 1
    return out


#: A country written after an organisation's name, ending it: "Amnesty International UK", "WWF Spain".
_SECTION_COUNTRY = re.compile(
    r" (UK|US|USA|England|Scotland|Wales|Northern Ireland|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\w’'-]| [A-Z])"
)


def _national_sections(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """An organisation's national section or branch: "Amnesty International UK", "WWF Spain",
    "AirNav Indonesia". The tagger stops the organisation before the country; an organisation
    mention followed by a country's name (nothing capitalised after it) takes the country in,
    and the place mention goes. Not after "the" ("the EU Spain deal" is no name).
    """
    gaz = gazetteer()
    out: list[_Mention] = []
    drop: set[int] = set()
    for m in mentions:
        hit = _SECTION_COUNTRY.match(text, m.end)
        if hit is None or m.label != "ORG" or text[max(0, m.start - 4) : m.start].casefold() == "the ":
            out.append(m)
            continue
        place = hit.group(1)
        entry = gaz.lookup(place)
        country = entry.canonical if entry is not None and entry.label == "GPE" else place
        if not (_country(gaz, country) or country in _SUBNATIONAL):
            out.append(m)
            continue
        end = hit.end()
        out.append(_Mention(m.start, end, text[m.start : end], "ORG", said=m.said))
        drop.add(hit.start(1))
    return [m for m in out if m.start not in drop]


_FOR_RUN = re.compile(r" for ((?:the )?[A-Z][\w’'-]+(?: (?:and|of|the|for|on|[A-Z][\w’'-]+))*)")


def _names_continued_by_for(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """An organisation's name the tagger cut before "for": "Solidarity for Fair Justice",
    "Coordination Headquarters for the Treatment of Prisoners of War", "NHS Education for Scotland".

    An organisation mention written in capitals, followed by "for" and a run of capitalised
    words (small words inside) that is two words or more, or one place, takes the run in;
    mentions inside the run are dropped. Not after a lower-case word ("Booker prize for
    ..."), nor a run that repeats the name.
    """
    text = _text(doc)
    out: list[_Mention] = []
    drop_until = -1
    for m in mentions:
        if m.start < drop_until:
            continue
        hit = _FOR_RUN.match(text, m.end)
        if (
            hit is None
            or m.label != "ORG"
            or m.gazetteer is not None
            or m.canonical is not None
            or not all(w[:1].isupper() or w in _RUN_CONNECTORS for w in m.text.split())
        ):
            out.append(m)
            continue
        run = re.sub(r"(?: (?:and|of|the|for|on))+$", "", hit.group(1))
        capitals = [w for w in run.split() if w[:1].isupper()]
        end = hit.start(1) + len(run)
        span = doc.char_span(hit.start(1), end, alignment_mode="expand")
        place = span is not None and len(capitals) == 1 and all(t.ent_type_ in ("GPE", "LOC") for t in span)
        inside = [x for x in mentions if hit.start(1) <= x.start and x.end <= end]
        if (
            (len(capitals) < 2 and not place)
            or run.casefold() == m.text.casefold()
            or not place
            and any(x.gazetteer is not None or x.label in ("PERSON", "GPE", "LOC", "NORP") for x in inside)
        ):
            out.append(m)  # "Human Rights Watch for the United Nations": a known body is no part of a name
            continue
        out.append(_Mention(m.start, end, text[m.start : end], "ORG", said=m.said))
        drop_until = end
    return out


def _people_of_organisations(mentions: list[_Mention]) -> list[_Mention]:
    """ "Kenji Sato of Nomura" tagged one organisation: the person, then the organisation.

    An organisation span "<Given> <Surname> of <Name>" whose two first words are plain
    capitalised name words (no organisation word or title: not "Royal Bank of Canada") is a
    person and their employer when the surname stands alone elsewhere in the document as a
    person or a speaker ("Sato said ...").
    """
    lone = {m.text for m in mentions if " " not in m.text and (m.label == "PERSON" or m.said)}
    out: list[_Mention] = []
    for m in mentions:
        hit = re.fullmatch(r"([A-Z][\w’'.-]+) ([A-Z][\w’'-]+) of (?:the )?([A-Z].*)", m.text)
        if (
            m.label != "ORG"
            or m.gazetteer is not None
            or m.canonical is not None
            or hit is None
            or hit.group(2) not in lone
            or any(
                w.casefold().rstrip(".") in ORG_HEADS | NON_PERSON_WORDS | _RUN_HEADS | PERSON_TITLES | _FOREIGN_HEADS
                for w in (hit.group(1), hit.group(2))
            )
        ):
            out.append(m)
            continue
        out.append(_Mention(m.start, m.start + hit.end(2), hit.group(1) + " " + hit.group(2), "PERSON", said=m.said))
        out.append(_Mention(m.start + hit.start(3), m.end, hit.group(3), "ORG"))
    return out


#: Courtesy titles and the gender they tell ("Ms Duterte"); the quote stage reads them too.
COURTESY_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f"}
_COURTESY = re.compile(r"(?:\b(" + "|".join(t.capitalize() for t in COURTESY_GENDER) + r")\.? )$")


def _courtesy_gender(text: str, start: int) -> str | None:
    """ "m" or "f" when a courtesy title ("Mr", "Ms") is written right before ``start``."""
    hit = _COURTESY.search(text, max(0, start - 6), start)
    return COURTESY_GENDER[hit.group(1).casefold()] if hit else None


def _given_gender(full_name: str) -> str | None:
    """The gender the given name of ``full_name`` usually carries, if the name lists know it."""
    from .given_names import gender_of

    words = full_name.split()
    return gender_of(words[0]) if len(words) > 1 else None


def _group(mentions: list[_Mention], text: str) -> _Groups:
    groups = _Groups(len(mentions))
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        key = fold_accents(m.canonical or (m.gazetteer.canonical if m.gazetteer else normalize_name(m.text)))
        key = key.casefold()
        if m.label == "NORP" and m.gazetteer is None:
            key = "norp:" + key
        if key in first:
            groups.union(first[key], i)
        else:
            first[key] = i

    # Full names and their surnames ("Keir Starmer" <- "Starmer"); the nearest earlier
    # full name wins when two people share a surname.
    full: dict[str, list[int]] = defaultdict(list)
    double: set[str] = set()  # two-word surnames of three-word names
    placed = _place_tagged_full_names(mentions)
    for i, m in enumerate(mentions):
        words = _name_words(m.text)
        if len(words) > 1 and (_person_like(m, words) or i in placed):
            full[words[-1].casefold()].append(i)
            bare = re.sub(r"^(?:al|el|ad|as|ash|an|ar)-", "", words[-1], flags=re.IGNORECASE)
            if bare != words[-1]:
                full[bare.casefold()].append(i)  # "Bashar al-Assad" <- "Assad"
            if len(words) > 2 and words[-2].casefold() in PARTICLES:
                full[" ".join(words[-3:] if words[-3].casefold() in PARTICLES else words[-2:]).casefold()].append(i)
                p = next(k for k, w in enumerate(words) if w.casefold() in PARTICLES)
                if p >= 2 and words[p - 1][:1].isupper() and len(words) - p <= 3:
                    # "Achával" for "Beatriz Achával de los Ríos": the first of two surnames
                    full[words[p - 1].casefold()].append(i)
            elif len(words) in (3, 4) and words[-2][:1].isupper() and not words[-2].endswith("."):
                double.add(" ".join(words[-2:]).casefold())  # "Carroll MacNeill", "Dela Cruz", "Souza Lima"
                full[" ".join(words[-2:]).casefold()].append(i)
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        if m.label == "PERSON" and m.gazetteer is None and len(words) == 2:
            words = _strip_titles(words)  # "Justice Okhade" for "Priya Okhade": the title aside
        key = " ".join(words).casefold()
        if (
            (len(words) == 1 or words[0].casefold() in PARTICLES or len(words) == 2 and key in double)
            and key in full
            and (
                m.label in ("PERSON", "ORG", "GPE")
                or len(words) > 1
                and m.label == "NORP"
                # "Carney" tagged a nationality beside "Mark Carney"; not "French" beside "Dawn French"
                or m.label == "NORP"
                and m.gazetteer is None
                # a double-barrelled surname is no nationality unless every piece is one ("Vaka-Lomani");
                # a nationality-like word alone as the subject of "said" is a surname ("Sultani said")
                and (m.said and len(words) == 1 or not all(_demonym(piece) for piece in words[0].split("-")))
            )
        ):
            if m.gazetteer is not None and m.gazetteer.label != "PERSON":
                continue
            candidates = full[key]
            before = [j for j in candidates if mentions[j].start < m.start]
            target = before[-1] if before else candidates[0]
            introduced = {normalize_name(mentions[j].text): j for j in reversed(before)}
            if (
                len(introduced) > 1
                and _courtesy_gender(text, m.start) is None
                and _courtesy_gender(m.text, m.text.find(" ") + 1) is None
            ):
                # "Josephat Mwakilema ... his wife, Neema Mwakilema ... release Mwakilema": the
                # surname alone stays with the person it first named; a relative named later
                # goes by the full or the given name ("Ms Medina" for a daughter named last is hers)
                target = min(introduced.values())
            groups.union(i, target)
            if target in placed:
                mentions[target].label = m.label = "PERSON"
    # A first name alone for the one full name that starts with it: "Tedros" -> "Tedros Adhanom Ghebreyesus".
    # (Not for organisations: "NHS" is not "NHS England".)
    firsts: dict[tuple[str, str], set[str]] = defaultdict(set)
    first_of: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        if len(words) > 1 and m.label == "PERSON":
            firsts[(m.label, words[0].casefold())].add(" ".join(words).casefold())
            first_of.setdefault((m.label, words[0].casefold()), i)
    # Words that start a longer name of another kind ("Tata" of "Tata Motors") are left alone.
    other_firsts = {
        normalize_name(m.text).split()[0].casefold()
        for m in mentions
        if m.label != "PERSON" and len(normalize_name(m.text).split()) > 1
    }
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        first_key = (m.label, words[0].casefold()) if len(words) == 1 else ("", "")
        if first_key[0] == "ORG" and first_key[1] not in other_firsts and not _is_acronym(words[0]):
            # "Babar" tagged ORG beside "Babar Azam": the tagger's label is not evidence here
            first_key = ("PERSON", first_key[1])
        if first_key[0] and first_key[1] not in full and len(firsts.get(first_key, ())) == 1 and m.gazetteer is None:
            groups.union(i, first_of[first_key])
            m.label = "PERSON"

    # A name alone for the one organisation named by it and an organisation word:
    # "Leiden" (tagged an organisation) -> "Leiden University", "Labour" -> "Labour Party".
    org_of: dict[str, set[str]] = defaultdict(set)
    org_at: dict[str, int] = {}
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        if (
            m.label == "ORG"
            and len(words) == 2
            and words[1].casefold() in _RUN_HEADS | ORG_HEADS
            and words[1].istitle()
        ):
            org_of[words[0].casefold()].add(words[1].casefold())
            org_at.setdefault(words[0].casefold(), i)
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        key = words[0].casefold() if len(words) == 1 else ""
        if (
            key in org_of
            and len(org_of[key]) == 1
            and m.label == "ORG"
            and m.gazetteer is None
            and not _is_acronym(words[0])
            and key not in full
        ):
            groups.union(org_at[key], i)

    # An organisation's name cut short of a last word that is no organisation of its own:
    # "Hartwell & Daughters" -> "Hartwell & Daughters Provisions" (not "Deutsche Bank" ->
    # "Deutsche Bank Foundation", not "NHS" -> "NHS England").
    org_names = {normalize_name(m.text): i for i, m in enumerate(mentions) if m.label == "ORG" and m.gazetteer is None}
    for cut, i in org_names.items():
        words = cut.split()
        if len(words) < 2 or _is_acronym(words[0]):
            continue
        longer = [
            j
            for name, j in org_names.items()
            if name.startswith(cut + " ")
            and len(name.split()) == len(words) + 1
            and name.split()[-1].casefold() not in _RUN_HEADS | ORG_HEADS | NON_PERSON_WORDS
            and name.split()[-1].istitle()
            and gazetteer().lookup(name.split()[-1]) is None
        ]
        if len(longer) == 1:
            groups.union(longer[0], i)

    _short_org_names(mentions, groups, set(full))
    _bare_ministries_named(mentions, groups, text)
    _party_members(mentions, groups)
    _nationality_forms(mentions, groups)

    # An organisation's name cut before "for/of/on <place or subject>": "Royal Commission" ->
    # "Royal Commission for Riyadh City", "Group of Eminent Experts" -> "... on Yemen"; the
    # short form may be taken for a person when it speaks ("the Royal Commission said").
    long_orgs = [(normalize_name(m.text), j) for j, m in enumerate(mentions) if m.label == "ORG"]
    for i, m in enumerate(mentions):
        cut = normalize_name(m.text)
        words = cut.split()
        if (
            len(words) < 2
            or m.gazetteer is not None
            or not (m.label == "ORG" or m.label == "PERSON" and words[-1].casefold() in _RUN_HEADS | _OF_HEADS)
        ):
            continue
        whole = {
            name: j for name, j in long_orgs if re.match(re.escape(cut) + r" (?:for|of|on|in) (?:the )?[A-Z]", name)
        }
        if len(whole) == 1:
            groups.union(next(iter(whole.values())), i)
            m.label = "ORG"

    # A middle word alone for the one long personal name that holds it and no other name
    # does: "Lula" -> "Luiz Inácio Lula da Silva".
    inner: dict[str, set[int]] = defaultdict(set)
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        if m.label == "PERSON" and len(words) > 2:
            for w in words[1:-1]:
                if w[:1].isupper():
                    inner[w.casefold()].add(groups.find(i))
    edges: set[str] = set()  # first and last words of longer names: "Mark" of "Mark Carney"
    for m in mentions:
        words = normalize_name(m.text).split()
        if len(words) > 1:
            edges.update((words[0].casefold(), words[-1].casefold()))
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        key = words[0].casefold() if len(words) == 1 else ""
        if key and len(inner.get(key, ())) == 1 and key not in full and key not in edges and m.gazetteer is None:
            groups.union(i, next(iter(inner[key])))
            m.label = "PERSON"

    # Acronyms: "EU" <-> "European Union"; "the European Union (EU)" pairs them explicitly.
    # "the Department for Environment, Food and Rural Affairs (Defra)": a short form in
    # brackets spelling the initials of the name before it, whatever its case, even untagged.
    bracketed: dict[str, int] = {}
    for i, m in enumerate(mentions):
        name = normalize_name(m.text)
        short = _BRACKETED.match(text, m.end)
        if short is not None and len(name.split()) > 1 and _abbreviates(short.group(1), name):
            bracketed.setdefault(short.group(1), i)
    by_initials: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        name = normalize_name(m.text)
        if len(name.split()) > 1 and m.label in ("ORG", "GPE", "LOC", "NORP"):
            by_initials[_initials(name)].append(i)
            if " of " in name and m.label == "ORG":
                # "BOJ" for "Bank of Japan", "RBI" stays "Reserve Bank of India"
                with_of = "".join(w[0] for w in name.split() if w[:1].isupper() or w == "of").upper()
                by_initials.setdefault(with_of, []).append(i)
    for i, m in enumerate(mentions):
        name = normalize_name(m.text)
        if not _is_acronym(name):
            if name in bracketed:
                groups.union(i, bracketed[name])
            continue
        letters = _acronym_letters(name)
        if name in bracketed and bracketed[name] != i:
            groups.union(i, bracketed[name])
        elif letters in by_initials:
            groups.union(i, by_initials[letters][0])
        else:
            for j in range(i - 1, max(-1, i - 3), -1):
                gap = text[mentions[j].end : m.start]
                if gap.strip() == "(" and len(normalize_name(mentions[j].text).split()) > 1:
                    groups.union(i, j)
                    break
    for i, m in enumerate(mentions):
        if m.role and (holder := _role_holder(mentions, i, text)) is not None:
            groups.union(holder, i)
    for i, m in enumerate(mentions):
        m.group = groups.find(i)
    return groups


#: Plural nouns for a party's members and the adjective its name opens with ("Democrats" -> "Democratic").
_MEMBERS_ADJECTIVE = {
    "democrats": "democratic", "socialists": "socialist", "liberals": "liberal", "conservatives": "conservative",
    "republicans": "republican", "nationalists": "nationalist", "communists": "communist", "greens": "green",
}  # fmt: skip


def _party_members(mentions: list[_Mention], groups: _Groups) -> None:
    """ "the Social Democrats", "Liberals", "the Socialists" join the one party named in full with
    the same words as adjectives: "Social Democratic Party of Germany", "Liberal Party of Canada",
    "Christian Democratic Union", "Socialist Party". A lone adjective ("Democratic lawmakers")
    joins it too. Not when the plural is itself the party's name ("Liberal Democrats" named so).
    """
    parties: dict[str, set[int]] = defaultdict(set)
    for j, m in enumerate(mentions):
        # the name written, or the gazetteer's for a short form ("SPD" -> "Social Democratic Party of Germany")
        words = (m.gazetteer.canonical if m.gazetteer is not None else normalize_name(m.text)).split()
        if m.label == "ORG" and len(words) >= 2 and words[-1].casefold() not in _MEMBERS_ADJECTIVE:
            parties[" ".join(words).casefold()].add(j)
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).casefold().split()
        if not words or len(words) > 3 or m.label not in ("ORG", "NORP", "PERSON") or m.gazetteer is not None:
            continue
        stem = " ".join([*words[:-1], _MEMBERS_ADJECTIVE.get(words[-1], words[-1])])
        if stem == " ".join(words) and (len(words) > 1 or stem not in _MEMBERS_ADJECTIVE.values()):
            continue  # no plural of members, nor a party adjective alone
        found = {groups.find(j) for name, js in parties.items() if name.startswith(stem + " ") for j in js}
        if len(found) == 1:
            groups.union(found.pop(), i)
            m.label = "ORG"


def _nationality_forms(mentions: list[_Mention], groups: _Groups) -> None:
    """A body named with a nationality joins the same body named with its country: "Chinese Coast
    Guard" (built from "China's coast guard") is the document's "China Coast Guard"."""
    gaz = gazetteer()
    named = {normalize_name(m.text).casefold(): j for j, m in enumerate(mentions) if m.label == "ORG"}
    for i, m in enumerate(mentions):
        name = m.canonical or ""
        first, _, rest = name.partition(" ")
        country = gaz.demonyms.get(first)
        if m.label != "ORG" or country is None or not rest:
            continue
        j = named.get(f"{country} {rest}".casefold())
        if j is not None and j != i:
            groups.union(j, i)
            m.canonical = normalize_name(mentions[j].text)


def _short_org_names(mentions: list[_Mention], groups: _Groups, surnames: set[str]) -> None:
    """A company's name without its last capitalised words joins the one organisation named in full.

    "Cascade Valley" (tagged a person) after "Cascade Valley Bank", "Delta Atlantic" after
    "Delta Atlantic Petroleum", "Lewiatan" after "Lewiatan Confederation": a short form of
    one to three capitalised words, tagged a person or an organisation, that opens exactly
    one organisation's name of the document, followed there by one or two capitalised
    words. Not when the short form is itself an organisation's name ("Deutsche Bank" beside
    "Deutsche Bank Foundation"), an acronym ("NHS" beside "NHS England"), a known entry,
    or the surname of a person named in full, nor a personal name whose surname stands
    alone elsewhere ("Jane Goodall" beside "Jane Goodall Institute" and "Goodall said").
    """
    orgs: dict[str, set[int]] = defaultdict(set)
    for j, m in enumerate(mentions):
        name = normalize_name(m.text)
        if m.label == "ORG" and len(name.split()) >= 2:
            orgs[name].add(j)
    lone = {normalize_name(m.text) for m in mentions if " " not in normalize_name(m.text)}
    for i, m in enumerate(mentions):
        cut = normalize_name(m.text)
        words = cut.split()
        if len(words) > 1 and m.label == "PERSON" and words[-1] in lone:
            continue  # "Jane Goodall" beside "Jane Goodall Institute", with "Goodall said": a person
        if (
            m.label not in ("PERSON", "ORG")
            or m.gazetteer is not None
            or m.canonical is not None
            or not 1 <= len(words) <= 3
            or not all(w[:1].isupper() for w in words)
            or _is_acronym(words[0])
            or words[-1].casefold() in _RUN_HEADS | ORG_HEADS | NON_PERSON_WORDS | _BODY_WORDS
            or cut.casefold() in surnames
        ):
            continue
        longer = {
            groups.find(j)
            for name, js in orgs.items()
            if name.startswith(cut + " ")
            and 1 <= len(rest := name[len(cut) + 1 :].split()) <= 2
            and all(w[:1].isupper() and w.isalpha() for w in rest)
            for j in js
        }
        if len(longer) == 1:
            groups.union(longer.pop(), i)
            m.label = "ORG"


#: Field words of a ministry named by its lower-case field, as its full name may write them.
_FIELD_SYNONYMS = {
    "foreign": ("foreign",),
    "defense": ("defense", "defence"),
    "defence": ("defence", "defense"),
    "interior": ("interior", "internal", "home"),
    "health": ("health",),
}
_FULL_MINISTRY = re.compile(r"(?:(\S+(?: \S+)?) )?(?:Ministry|Department) (?:of|for) (.+)")


def _sentence_nations(text: str, at: int) -> set[str]:
    """The countries named by nationality words in the sentence around offset ``at`` ("French" -> France)."""
    demonyms = gazetteer().demonyms
    a = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    b = min((k for k in (text.find(". ", at), text.find("\n", at)) if k >= 0), default=len(text))
    return {demonyms[w] for w in re.findall(r"[A-Z][\w’'-]+", text[a:b]) if w in demonyms}


def _bare_ministries_named(mentions: list[_Mention], groups: _Groups, text: str) -> None:
    """ "the foreign ministry" joins the ministry the document names in full ("Department of
    Foreign Affairs", "Qatari Ministry of Foreign Affairs", "Ministry of the Environment").

    A ministry named by its lower-case field ("the environment ministry") is the one
    organisation of the document whose full name is "(...) Ministry/Department of/for ..."
    with that field among its words; of several, the one named without a country in front
    (the story's own, "Department of Foreign Affairs" beside "Chinese Ministry of Foreign
    Affairs"). Not a ministry of another nation than one the sentence names ("the Senegalese
    Ministry of Culture" for "French collections, according to the culture ministry"). Its
    mentions then carry the full name.
    """
    bare = [
        (i, m)
        for i, m in enumerate(mentions)
        if m.canonical is not None and re.fullmatch(r"[a-z]+(?: [a-z]+){0,2} ministry", m.canonical)
    ]
    if not bare:
        return
    gaz = gazetteer()
    full: list[tuple[int, str, bool, set[str], str | None]] = []
    for j, m in enumerate(mentions):
        name = m.canonical or (m.gazetteer.canonical if m.gazetteer else normalize_name(m.text))
        hit = _FULL_MINISTRY.fullmatch(name)
        if m.label == "ORG" and hit is not None and name[:1].isupper():
            fields = {w.casefold().strip(",") for w in hit.group(2).split()}
            owner = hit.group(1)
            nation = gaz.demonyms.get(owner, owner) if owner is not None and owner in gaz.demonyms else None
            full.append((j, name, owner is None, fields, nation))
    for i, m in bare:
        words = m.canonical.split()[:-1] if m.canonical else []
        want = [_FIELD_SYNONYMS.get(w, (w,)) for w in words]
        fits = [f for f in full if all(any(w in f[3] for w in ws) for ws in want)]
        nations = _sentence_nations(text, m.start)
        if nations:
            fits = [f for f in fits if f[4] is None or f[4] in nations]
        if len({groups.find(f[0]) for f in fits}) > 1:
            fits = [f for f in fits if f[2]]
        if fits and len({groups.find(f[0]) for f in fits}) == 1:
            j, name = fits[0][0], fits[0][1]
            groups.union(j, i)
            m.canonical = name


#: First words of place names the tagger may also read in a person's name ("New", "San").
_PLACE_FIRST_WORDS = frozenset(
    {"new", "north", "south", "east", "west", "upper", "lower", "great", "greater", "san", "santa", "são", "saint",
     "st", "port", "fort", "mount", "lake", "cape", "el", "la", "los", "las", "le", "al"}
)  # fmt: skip


def _place_tagged_full_names(mentions: list[_Mention]) -> set[int]:
    """Indices of full personal names the tagger labelled a place ("Marcus Feld" tagged GPE).

    A two- or three-word capitalised name tagged GPE or LOC, unknown to the gazetteer and
    with no place word in it, is a person's name when its last word stands alone elsewhere
    in the document as a person ("Feld told reporters"): the surname then joins it.
    """
    gaz = gazetteer()
    lone = {
        normalize_name(m.text).casefold()
        for m in mentions
        if " " not in normalize_name(m.text) and (m.label == "PERSON" or m.said) and m.gazetteer is None
    }
    out: set[int] = set()
    for i, m in enumerate(mentions):
        words = _name_words(m.text)
        if (
            m.label in ("GPE", "LOC")
            and m.gazetteer is None
            and len(words) in (2, 3)
            and words[-1].casefold() in lone
            and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
            and words[0].casefold() not in _PLACE_FIRST_WORDS
            and not any(w.casefold() in _PLACE_WORDS or gaz.lookup(w) is not None for w in words)
            and gaz.lookup(" ".join(words)) is None
        ):
            out.add(i)
    return out


def _person_like(m: _Mention, words: list[str]) -> bool:
    if m.gazetteer is not None:
        return m.gazetteer.label == "PERSON"
    if m.label != "PERSON" and (words[0] == "Air" or company_shaped(" ".join(words))):
        return False  # "Air Canada", "Borealis Air": no surname "Canada" to take up
    if m.label != "PERSON" and any(
        w.casefold() in NON_PERSON_WORDS | ORG_HEADS | _FOREIGN_HEADS or w in ("of", "for", "and", "&") for w in words
    ):
        return False  # "The Police Association of NSW urged ...": a speaker, but no person
    if m.label == "PERSON" or m.said:
        return True
    if m.label != "ORG" or any(w.casefold() in NON_PERSON_WORDS | _FOREIGN_HEADS for w in words):
        return False
    # "Jean-Baptiste de La Roche-Aymon": a particle between capitalised words marks a personal name
    return len(words) <= 3 or len(words) <= 5 and _particle_name(words)


def _double_barrelled_person(name: str) -> bool:
    """A given name and a surname, one of them hyphenated: "Marie-Ève Tremblay-Nguyen", "Ana Souza-Lima".

    The given name must be one the name lists know; no word may be an organisation's.
    """
    from .given_names import is_given_name

    words = name.split()
    if len(words) not in (2, 3) or not all(w[:1].isupper() for w in words):
        return False
    if "-" not in words[0] and "-" not in words[-1]:
        return False
    if any(w.casefold().strip(".") in NON_PERSON_WORDS | ORG_HEADS | _COMPANY_ENDS for w in words):
        return False
    return is_given_name(words[0].split("-")[0])


def company_shaped(name: str) -> bool:
    """Whether ``name`` ends in a company's kind word ("Borealis Air", "Nordvind Energi Holdings")."""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[-1].casefold().rstrip(".") in _COMPANY_ENDS


def _particle_name(words: list[str]) -> bool:
    """Whether ``words`` are capitalised name words with a lower-case particle inside ("de", "van der")."""
    return (
        len(words) > 2
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
        and any(w in PARTICLES for w in words[1:-1])
        and all(w[:1].isupper() or w in PARTICLES for w in words)
    )


def _spelled_out(name: str, folded_text: str) -> bool:
    """Whether ``name`` (accents and case aside, "the" aside) is written in the text."""
    key = fold_accents(name).casefold().removeprefix("the ")
    return key in folded_text


def _name_groups(mentions: list[_Mention], groups: _Groups, text: str = "") -> tuple[dict[int, str], dict[int, str]]:
    members: dict[int, list[_Mention]] = defaultdict(list)
    for m in mentions:
        members[m.group].append(m)
    names: dict[int, str] = {}
    labels: dict[int, str] = {}
    folded_text = fold_accents(text).casefold()
    for gid, ms in members.items():
        entry = next((m.gazetteer for m in ms if m.gazetteer is not None), None)
        labels[gid] = entry.label if entry else _vote(ms)
        if entry is not None and text and entry.label != "PERSON" and not _spelled_out(entry.canonical, folded_text):
            # "(AP)", "Labour", "the Dáil": an organisation's name as the article writes it, not an
            # official name it never gives; the corpus pass joins "AP" to a story that spells it out
            ms = [replace(m, gazetteer=None, canonical=None) for m in ms]
            entry = None
        if labels[gid] == "PERSON" and entry is None and any(company_shaped(m.text) for m in ms):
            labels[gid] = "ORG"  # "carrier Borealis Air said": a company's name, whatever the tagger read
        elif labels[gid] == "ORG" and entry is None and any(_double_barrelled_person(m.text) for m in ms):
            labels[gid] = "PERSON"  # "challenger Marie-Ève Tremblay-Nguyen" tagged an organisation
        if entry is not None:
            names[gid] = entry.canonical
            continue
        built = next((m.canonical for m in ms if m.canonical), None)
        if built is not None and " " not in built and any(" " in normalize_name(m.text) for m in ms):
            built = None  # "Police" in one group with "Tasmania Police": the force's own name
        if built is not None:
            names[gid] = built
            continue
        forms = Counter(normalize_name(m.text) for m in ms if not m.role) or Counter(normalize_name(m.text) for m in ms)
        longs = [f for f in forms if len(f.split()) > 1]
        if (
            labels[gid] == "PERSON"
            or longs
            and any(_is_acronym(f) or " " not in f and any(_abbreviates(f, g) for g in longs) for f in forms)
        ):
            # The longest full form: "Keir Starmer" over "Starmer", "European Union" over "EU";
            # the accented form of a name also written without ("António Costa", "Antonio Costa").
            names[gid] = _accented(max(forms, key=lambda f: (len(f.split()), forms[f], len(f))), forms)
        elif any(_particle_name(f.split()) for f in forms) and labels[gid] == "ORG" and len(forms) > 1:
            # "Jean-Baptiste de La Roche-Aymon" and "De La Roche-Aymon" tagged ORG: one person
            names[gid] = max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
            labels[gid] = "PERSON"
        elif _full_and_surname(list(forms)):
            # "Tadej Pogačar" and "Pogačar" tagged ORG: still one name and its short form
            names[gid] = max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
            if labels[gid] == "ORG" and any(m.said for m in ms):
                labels[gid] = "PERSON"  # a speaker with a first name and a surname
        elif len(forms) > 1 and all(
            f == (top := max(forms, key=lambda g: (len(g.split()), len(g)))) or top.startswith(f + " ") for f in forms
        ):
            # A name and its first words ("Leiden University", "Leiden"): the whole name
            names[gid] = top
        else:
            # Case variants of one name ("Nato", "NATO"): the commonest, capitals on a tie.
            names[gid] = max(forms, key=lambda f: (forms[f], sum(c.isupper() for c in f), len(f)))
    return names, labels


#: A peerage title around a surname ("Lord Vaizey of Didcot", "Baroness Smith of Basildon").
_PEERAGE = r"\b(?:Lord|Baroness|Baron|Viscount|Viscountess|Lady) {} of [A-Z][\w-]+(?: (?:upon |on |in )?[A-Z][\w-]+)?"


def _peerage_titles(text: str, names: dict[int, str], labels: dict[int, str]) -> None:
    """A person named by a surname only keeps a peerage title written in the text: "Lord Vaizey of
    Didcot" rather than "Vaizey" (the title names the person; the surname alone does not)."""
    for gid, name in names.items():
        if labels[gid] == "PERSON" and " " not in name and name[:1].isupper():
            hit = re.search(_PEERAGE.format(re.escape(name)), text)
            if hit is not None:
                names[gid] = hit.group()


#: The style of an English or Commonwealth high-court judge ("Mrs Justice Harrow", "Lord Justice Singh").
_JUDICIAL_STYLE = r"\b(?:Mr|Mrs|Ms|Miss|Lady|Lord|Sir|Dame) Justice {}(?![\w-])"


def _judicial_styles(text: str, names: dict[int, str], labels: dict[int, str]) -> None:
    """A judge named by a surname only keeps the judicial style written in the text.

    British courts name a judge "Mrs Justice Harrow" or "Lady Justice Okonjo-Harris", with no
    given name; the tagger keeps "Harrow" or "Justice Harrow". A person whose canonical name is
    one surname (with or without "Justice") becomes the full style when the text writes it.
    """
    for gid, name in names.items():
        surname = name.removeprefix("Justice ")
        if labels[gid] == "PERSON" and " " not in surname and surname[:1].isupper():
            hit = re.search(_JUDICIAL_STYLE.format(re.escape(surname)), text)
            if hit is not None:
                names[gid] = hit.group()


def _full_and_surname(forms: list[str]) -> bool:
    """Whether ``forms`` are a two- or three-word name and its last word(s) only."""
    longest = max(forms, key=lambda f: len(f.split()))
    words = longest.split()
    if len(forms) < 2 or len(words) not in (2, 3) or any(w.casefold() in NON_PERSON_WORDS for w in words):
        return False
    return all(f == longest or longest.endswith(" " + f) for f in forms)


def _vote(ms: list[_Mention]) -> str:
    votes: dict[str, float] = defaultdict(float)
    for m in ms:
        votes[m.label] += 1.0 + 0.5 * (len(m.text.split()) - 1)
        if m.said and m.canonical is None and m.text.rsplit(" ", 1)[-1].casefold() not in _PARTY_WORDS:
            votes["PERSON"] += 2.0
    return max(votes, key=lambda label: votes[label])


# -- step 3: mentions the tagger missed and role references -------------------------------


def _add_missed_mentions(
    doc: Doc, mentions: list[_Mention], names: dict[int, str], labels: dict[int, str]
) -> list[_Mention]:
    """Find again, in the whole text, the names and surnames of people and organisations."""
    forms: dict[str, int] = {}
    inner: dict[str, set[int]] = defaultdict(set)
    sharing: dict[str, dict[str, int]] = defaultdict(dict)  # surname -> full name -> group
    for m in mentions:
        if labels[m.group] not in ("PERSON", "ORG") or m.role:
            continue
        norm = normalize_name(m.text)
        forms.setdefault(norm, m.group)
        words = norm.split()
        if labels[m.group] == "PERSON" and len(words) > 1:
            forms.setdefault(words[-1], m.group)
            sharing[words[-1]].setdefault(names[m.group], m.group)
        if labels[m.group] == "PERSON" and len(words) > 2:
            # "Magdalena Errázuriz de la Fuente" ... "Errázuriz said", "Tomás Ibarra Quezada" ...
            # "Ibarra": a name of two surnames is shortened to the first of them
            for w in words[1:-1]:
                if w[:1].isupper() and w.casefold() not in PARTICLES and not w.endswith("."):
                    inner[w].add(m.group)
    for w, gids in inner.items():
        if len(gids) == 1 and w not in forms:
            forms[w] = next(iter(gids))
    forms = {f: g for f, g in forms.items() if len(f) > 2 and f[:1].isupper()}
    if not forms:
        return mentions
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])"
    )
    taken = sorted((m.start, m.end) for m in mentions)
    added: list[_Mention] = []
    for hit in pattern.finditer(_text(doc)):
        s, e = hit.start(), hit.end()
        if any(a < e and s < b for a, b in taken):
            continue
        span = doc.char_span(s, e)
        if span is None or not all(t.pos_ in ("PROPN", "NOUN", "ADJ", "X") or t.text[:1].isupper() for t in span):
            continue
        if len(span) == 1 and span[0].is_sent_start and span[0].pos_ not in ("PROPN",):
            continue
        gid = forms[hit.group()]
        title = _courtesy_gender(_text(doc), s)
        if title is not None and len(sharing.get(hit.group(), {})) > 1:
            # "Rodrigo Duterte ... his daughter Sara Duterte ... Ms Duterte": the one the title fits
            fitting = [g for full, g in sharing[hit.group()].items() if _given_gender(full) in (title, None)]
            gid = fitting[0] if len(fitting) == 1 else gid
        added.append(_Mention(s, e, hit.group(), labels[gid], group=gid))
    added.extend(_first_names(doc, mentions + added, names, labels))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda x: x.start)


def _first_names(doc: Doc, mentions: list[_Mention], names: dict[int, str], labels: dict[int, str]) -> list[_Mention]:
    """Full names the tagger missed for people known only by a surname.

    "Trent Alexander-Arnold's return ..." untagged, then "Alexander-Arnold"
    tagged: the proper noun before a surname-only person's name makes the
    full name, which becomes the canonical name.
    """
    added: list[_Mention] = []
    text = _text(doc)
    for m in mentions:
        if labels[m.group] != "PERSON" or " " in names[m.group] or normalize_name(m.text) != names[m.group]:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        first = span.start
        while first > 0 and span.start - first < 2 and _given_name(doc[first - 1]):
            first -= 1  # "Mame Mandiaye" + "Niang"
        if first == span.start:
            continue
        full = text[doc[first].idx : m.end]
        names[m.group] = normalize_name(full)
        added.append(_Mention(doc[first].idx, m.end, full, "PERSON", group=m.group))
    return added


#: Last words of a company's name that say what kind of body it is ("Tata Motors", "Heathrow Airport").
_ORG_KINDS = frozenset(
    {"airport", "group", "holdings", "logistics", "motors", "plc", "ltd", "limited", "inc", "corp", "corporation",
     "company", "co", "ag", "sa", "se", "nv", "gmbh", "llc", "airlines", "airways", "energy", "pharma",
     "pharmaceuticals", "technologies", "systems", "industries", "biotech", "therapeutics", "bank", "foods",
     "shipping", "steel", "mining", "media", "telecom", "automotive", "capital", "partners", "builders", "minerals",
     "resources", "semiconductor", "semiconductors", "lithium", "motor", "metals", "chemicals", "petroleum",
     "electronics", "construction", "properties", "developments", "engineering", "utilities", "investments",
     "news"}
)  # fmt: skip
#: Last words of a name that make it a company's, never a person's ("Borealis Air"; not "Steel").
_COMPANY_ENDS = (_ORG_KINDS - {"steel", "news", "co", "motor"}) | {"air"}
#: Words before a place that say it is a place ("in Delmont"), not a company called by its first word.
_AT_PLACE = re.compile(r"\b(?:in|at|near|from|to|outside|across|around|of)\s+$")


def _merge_first_names(mentions: list[_Mention], names: dict[int, str], labels: dict[int, str], text: str = "") -> None:
    """A first name alone joins the one person whose full name starts with it ("Babar" -> "Babar Azam").

    Runs after the missed full names are found: "Azam" tagged alone, "Babar Azam"
    rebuilt from it, and "Babar" (tagged an organisation) is then the same person.
    """
    firsts: dict[str, set[int]] = defaultdict(set)
    taken: set[str] = set()  # first words of other longer names ("Tata" of "Tata Motors")
    for m in mentions:
        words = names[m.group].split()
        if len(words) > 1 and labels[m.group] == "PERSON":
            firsts[words[0].casefold()].add(m.group)
        elif len(words) > 1:
            taken.add(words[0].casefold())
        surname = _name_words(names[m.group])
        if labels[m.group] == "PERSON" and len(surname) > 1:
            taken.add(surname[-1].casefold())  # a surname is not a first name
    # "Tata" for "Tata Motors", "Nordhavn" for "Nordhavn Logistics": a company's name without its kind
    # ("Redgum" for "Redgum Minerals", "Hoshida" for "Hoshida Motor Corp.", also when the
    # tagger took the short name for a place: not when the document writes it as a place, "in Redgum")
    short_orgs: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        words = names[m.group].split()
        if (
            labels[m.group] == "ORG"
            and len(words) > 1
            and all(w.casefold().rstrip(".") in _ORG_KINDS for w in words[1:])
        ):
            short_orgs[words[0].casefold()].add(m.group)
    gaz = gazetteer()
    places: set[str] = {
        normalize_name(m.text).casefold()
        for m in mentions
        if labels[m.group] in ("GPE", "LOC") and (m.gazetteer is not None or gaz.lookup(m.text) is not None)
    }
    # a word written as a place ("in Redgum") more often than not is a place; "Shares in
    # Meridian" once beside "Meridian said" and "Meridian has" is the company
    at_place: Counter[str] = Counter()
    bare: Counter[str] = Counter()
    for m in mentions:
        key = normalize_name(m.text).casefold()
        if " " not in key and key in short_orgs:
            bare[key] += 1
            at_place[key] += _AT_PLACE.search(text, max(0, m.start - 12), m.start) is not None
    places |= {
        k
        for k, n in at_place.items()
        if n * 2 > bare[k] or n and n * 2 == bare[k] and _labels_of(mentions, labels, k) <= {"GPE", "LOC"}
    }
    for m in mentions:
        key = normalize_name(m.text).casefold()
        if (
            " " not in key
            and m.gazetteer is None
            and (
                labels[m.group] in ("ORG", "PERSON")
                or (labels[m.group] in ("GPE", "LOC") and key not in places)
                or (labels[m.group] == "NORP" and m.text not in gaz.demonyms and key not in places)
            )
            and " " not in names[m.group]
            and len(short_orgs.get(key, ())) == 1
            and key not in firsts
        ):
            m.group = next(iter(short_orgs[key]))
            m.label = "ORG"
    for m in mentions:
        key = normalize_name(m.text).casefold()
        if (
            " " in key
            or m.gazetteer is not None
            or m.role
            or labels[m.group] not in ("PERSON", "ORG")
            or " " in names[m.group]
            or key in taken
            or len(firsts.get(key, ())) != 1
            or _is_acronym(normalize_name(m.text))
        ):
            continue
        m.group = next(iter(firsts[key]))
        m.label = "PERSON"


def _labels_of(mentions: list[_Mention], labels: dict[int, str], key: str) -> set[str]:
    """The labels of the groups of the mentions written ``key`` (case aside)."""
    return {labels[m.group] for m in mentions if normalize_name(m.text).casefold() == key}


#: Capitalised words that stand alone for the one body of the document named with them ("the Commission").
_BODY_WORDS = (
    ORG_HEADS
    | NON_PERSON_WORDS
    | frozenset(
        {"senate", "parliament", "commission", "assembly", "congress", "cabinet", "council", "government", "police"}
    )
)


def _body_word_names(mentions: list[_Mention], names: dict[int, str], labels: dict[int, str]) -> dict[str, str]:
    """Body words ("commission", "senate") -> the one organisation of the document whose name
    ends with the word or opens with it before "of"/"for" ("European Commission")."""
    found: dict[str, set[str]] = defaultdict(set)
    for gid in {m.group for m in mentions}:
        name = names[gid]
        words = name.split()
        if labels[gid] != "ORG" or len(words) < 2:
            continue
        found[words[-1].casefold()].add(name)
        if words[1] in ("of", "for"):
            found[words[0].casefold()].add(name)
    return {w: next(iter(n)) for w, n in found.items() if len(n) == 1 and w in _BODY_WORDS}


def _merge_heads(mentions: list[_Mention], names: dict[int, str], labels: dict[int, str]) -> None:
    """A body word alone joins the one organisation of the document named with it.

    "the Commission" -> "European Commission", "the House" -> "House of
    Representatives", "the Senate" -> "Senate of Berlin": the word is the last
    word of that organisation's name, or its first word before "of"/"for".
    """
    bodies: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        words = names[m.group].split()
        if labels[m.group] != "ORG" or len(words) < 2:
            continue
        bodies[words[-1]].add(m.group)
        if words[1] in ("of", "for"):
            bodies[words[0]].add(m.group)
    for m in mentions:
        word = normalize_name(m.text)
        if (
            " " in word
            or word.casefold() not in _BODY_WORDS
            or " " in names[m.group]
            or labels[m.group] not in ("ORG", "PERSON")
            or len(bodies.get(word, ())) != 1
        ):
            continue
        m.group = next(iter(bodies[word]))
        m.label = "ORG"


#: Nouns for a person of a nation that do not look like adjectives ("the Pole", "the Swede").
_NATIONALITY_NOUNS = frozenset(
    {"Pole", "Swede", "Dane", "Finn", "Scot", "Turk", "Briton", "Brit", "Czech", "Thai", "Kiwi", "Spaniard",
     "Frenchman", "Frenchwoman", "Dutchman", "Dutchwoman", "Englishman", "Englishwoman", "Welshman", "Irishman",
     "Irishwoman", "Scotsman", "Scotswoman", "Swiss", "Greek", "Serb", "Croat", "Slovak", "Uzbek", "Kazakh"}
)  # fmt: skip
#: Parts of speech after a nationality used as a noun ("the Pole, who ...", "the Swede told").
_AFTER_NOUN = ("VERB", "AUX", "PUNCT", "ADP", "CCONJ", "SCONJ", "PART")


def _resolve_nationals(doc: Doc, mentions: list[_Mention], labels: dict[int, str]) -> None:
    """ "the Swede", "the Ethiopian": the one person of the document given that nationality.

    The document ties a person to a country as "Ethiopia's Birtukan Mekonnen",
    "Faith Jepkorir of Kenya", "Swedish coach Jimmy Thelin" or "Eddy Merckx,
    the Belgian"; a nationality noun after "the" is then that person.
    """
    gaz = gazetteer()
    text = _text(doc)

    def country(name: str) -> str:
        name = normalize_name(name)
        if name in gaz.demonyms:
            return gaz.demonyms[name]
        entry = gaz.lookup(name)
        return entry.canonical if entry is not None and entry.label == "GPE" else name

    people = [m for m in mentions if labels[m.group] == "PERSON" and not m.role]
    starts = {m.start: m for m in people}
    ends = {m.end: m for m in people}
    named = dict(ends)
    for m in mentions:
        words = normalize_name(m.text).split()
        if labels[m.group] == "ORG" and m.gazetteer is None and _person_like(m, words) and len(words) > 1:
            named.setdefault(m.end, m)  # "Eddy Merckx" tagged ORG
    tied: dict[str, set[int]] = defaultdict(set)
    for n in mentions:
        if n.label not in ("GPE", "NORP") or labels[n.group] == "PERSON":
            continue
        poss = re.match(r"[’']s ", text[n.end : n.end + 3])
        before = re.match(r"(?: [a-z][a-z-]*){0,3} ", text[n.end : n.end + 40])
        of = text[max(0, n.start - 4) : n.start] == " of "
        person = (
            starts.get(n.end + poss.end())
            if poss and n.label == "GPE"
            else starts.get(n.end + before.end())
            if before and n.label == "NORP"
            else ends.get(n.start - 4)
            if of
            else None
        )
        if person is not None:
            tied[country(n.text)].add(person.group)

    def holders(key: str) -> set[int]:
        if key in tied:
            return tied[key]
        size = min(4, len(key) - 1)  # "Ethiopian" ~ "Ethiopia", "Pole" ~ "Poland"
        near = [k for k in tied if size >= 3 and k[:size] == key[:size] and k[:1].isupper()]
        return tied[near[0]] if len(near) == 1 else set()

    taken = {(m.start, m.end) for m in mentions}
    for hit in re.finditer(r"\b[Tt]he (?:\d+-year-old )?([A-Z][a-z]{2,})\b", text):
        word = hit.group(1)
        if (
            (hit.start(1), hit.end(1)) not in taken
            and (_demonym(word) or word in _NATIONALITY_NOUNS)
            and len(holders(country(word))) == 1
            and (span := doc.char_span(hit.start(1), hit.end(1))) is not None
            and (span.end == len(doc) or doc[span.end].pos_ in _AFTER_NOUN)
        ):
            # "The Pole" the tagger left alone
            group = next(iter(holders(country(word))))
            mentions.append(_Mention(hit.start(1), hit.end(1), word, "PERSON", group=group))
    mentions.sort(key=lambda x: x.start)
    for m in mentions:
        noun = m.text in _NATIONALITY_NOUNS or _demonym(m.text)
        if not (m.label == "NORP" or m.label == "PERSON" and noun and m.group != -1) or " " in m.text:
            continue  # "the Pole" may be tagged a person
        if not re.search(r"\b[Tt]he (?:\d+-year-old )?$", text[: m.start]):
            continue
        span = doc.char_span(m.start, m.end)
        if span is None or span.end < len(doc) and doc[span.end].pos_ not in _AFTER_NOUN:
            continue  # "the Swedish coach", "the Polish four-time champion": an adjective
        appos = named.get(m.start - 6) if text[max(0, m.start - 6) : m.start - 4] == ", " else None
        if appos is not None:
            m.group, m.label = appos.group, "PERSON"  # "Eddy Merckx, the Belgian": a nationality noun for a person
            labels[appos.group] = "PERSON"
            continue
        found = holders(country(m.text))
        if len(found) == 1:
            m.group, m.label = next(iter(found)), "PERSON"


def _given_name(tok: Token) -> bool:
    """Whether ``tok`` can be a given name written before a surname."""
    return (
        tok.pos_ == "PROPN"
        and tok.is_alpha
        and tok.text[:1].isupper()
        and tok.ent_type_ in ("", "PERSON")
        and tok.lower_.rstrip(".") not in TITLE_WORDS | HONORIFICS
        and tok.lower_ not in NON_PERSON_WORDS
        and "\n" not in tok.whitespace_
    )


def _resolve_roles(
    doc: Doc, mentions: list[_Mention], names: dict[int, str], labels: dict[int, str], gaz: Gazetteer
) -> dict[str, str]:
    """Resolve "the prime minister" to the person the document says holds the role.

    Adds a mention per resolved role reference and returns ``{role phrase: canonical}``.
    """
    token_group: dict[int, int] = {}
    for m in mentions:
        if labels[m.group] != "PERSON":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                token_group[t.i] = m.group

    declared: dict[str, list[tuple[int, int]]] = defaultdict(list)  # role -> [(token index, group)]

    def declare(words: list[Token], gid: int, at: int) -> None:
        phrase = [w.lower_ for w in words if w.pos_ != "DET" and not w.is_punct]
        if not phrase or phrase[-1] not in ROLE_NOUNS:
            return
        for k in range(len(phrase)):
            declared[" ".join(phrase[k:])].append((at, gid))

    for i, gid in token_group.items():
        if i > 0 and i - 1 not in token_group and doc[i - 1].lower_.rstrip(".") in TITLE_WORDS:
            # "Ukrainian President Volodymyr Zelensky", "Prime Minister Keir Starmer".
            j = i - 1
            while j > 0 and (
                doc[j - 1].lower_.rstrip(".") in TITLE_WORDS or doc[j - 1].ent_type_ in ("NORP", "GPE", "ORG")
            ):
                j -= 1
            declare(list(doc[j:i]), gid, i)
        tok = doc[i]
        for child in tok.children:
            if child.dep_ == "appos" and child.i not in token_group and child.pos_ == "NOUN":
                # "Ursula von der Leyen, the EU commission president".
                declare([t for t in child.subtree if t.i <= child.i], gid, i)
            elif child.dep_ == "appos" and child.i not in token_group and child.lower_ in ROLE_NOUNS:
                # "Jennifer Carroll MacNeill, the Minister for Health,": a capitalised title is
                # her role, not an organisation of its own
                declare([t for t in child.subtree if t.i <= child.i], gid, i)
                for m in mentions:
                    if m.start <= child.idx < m.end and labels[m.group] != "PERSON":
                        m.group, m.role = gid, True
        if tok.dep_ == "appos" and tok.head.i not in token_group and tok.head.pos_ == "NOUN":
            # "the prime minister, Keir Starmer".
            declare([t for t in tok.head.subtree if t.i <= tok.head.i], gid, i)

    present = {names[g]: g for g in set(token_group.values())}
    roles: dict[str, str] = {}
    added: list[_Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for tok in doc:
        if tok.lower_ not in ROLE_NOUNS or tok.pos_ not in ("NOUN", "PROPN") or tok.i in token_group:
            continue
        left = tok.left_edge
        det = [t for t in tok.lefts if t.dep_ == "det"]
        if not det or det[0].lower_ != "the":
            continue
        if any(c.dep_ in ("appos", "compound") and c.i in token_group for c in tok.children):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].i in token_group:
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            continue  # "the president of the commission": leave it
        words = [t for t in doc[left.i : tok.i + 1] if t.pos_ != "DET" and not t.is_punct and t.dep_ != "poss"]
        phrase = " ".join(w.lower_ for w in words)
        holder = _pick_role_holder(phrase, tok.i, declared, present, gaz)
        if holder is None:
            continue
        span = doc[det[0].i : tok.i + 1]
        head_start, head_end = tok.idx, tok.idx + len(tok.text)
        if any(a < head_end and head_start < b for a, b in taken):
            continue  # the head noun is already part of a name
        added.append(_Mention(span.start_char, span.end_char, span.text, "PERSON", role=True, group=holder))
        roles.setdefault(span.text.casefold(), names[holder])
        roles.setdefault(phrase, names[holder])
    if added:
        mentions.extend(added)
        mentions.sort(key=lambda x: x.start)
    return roles


def _pick_role_holder(
    phrase: str, at: int, declared: dict[str, list[tuple[int, int]]], present: dict[str, int], gaz: Gazetteer
) -> int | None:
    holders = declared.get(phrase)
    if holders:
        before = [g for i, g in holders if i < at]
        return before[-1] if before else holders[0][1]
    # The gazetteer's roles, for people the document names and no declared holder.
    matches = [g for name, g in present.items() if (e := gaz.lookup(name)) is not None and phrase in e.roles]
    if len(matches) == 1:
        return matches[0]
    return None
