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
   subject of "said" (or another speech verb) becomes a person.
2. **Groups.** Mentions join one group when they have the same name (case
   aside: "Nato" = "NATO"), the same gazetteer entry ("Zelenskyy" =
   "Zelensky"), when one is the surname of a full name in the document
   ("Starmer" -> "Keir Starmer"), or an acronym of another ("EU" <-> "European
   Union", also written "the European Union (EU)"). Each group is named by its
   gazetteer entry, else by its longest full form, and labelled by the
   gazetteer, else by a vote of its mentions (speech-verb subjects count as
   strong evidence for a person).
3. **Mentions the tagger missed.** Every surface form and surname of a person
   or organisation is looked up again in the whole text, and role references
   ("the prime minister") are resolved when the document names the holder
   ("Prime Minister Keir Starmer", "Ursula von der Leyen, the commission
   president") or, failing that, through a gazetteer role of a person the
   document names.

The returned callable maps any surface ("Giles", "Mr Starmer", "Starmer's",
"the prime minister") to its canonical name and returns unknown input
unchanged, so quotes and claims name speakers and actors the same way.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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
     "dos", "das", "del", "della", "für", "zu", "por", "ó", "ní", "nic", "uí"}
)  # fmt: skip

#: Letters after a name that are not part of it ("Sian Morgan KC").
POST_NOMINALS = frozenset({"kc", "qc", "mp", "mep", "msp", "obe", "mbe", "cbe", "phd"})

#: Words in front of a group name that are not part of it ("Several Christian Democrats").
QUANTIFIERS = frozenset(
    {"several", "many", "some", "most", "all", "both", "few", "other", "senior", "two", "three", "four"}
)

#: Lower-case nouns that make an organisation of a nationality ("the Ukrainian air force").
ORG_NOUNS = frozenset(
    {"air force", "navy", "army", "foreign ministry", "defence ministry", "defense ministry", "interior ministry",
     "finance ministry", "commerce ministry", "health ministry", "justice ministry", "central bank", "parliament",
     "general staff", "coast guard", "border guard", "border service", "security service", "government",
     "police", "armed forces", "military", "intelligence service", "prosecutor's office", "foreign office"}
)  # fmt: skip

#: Courtesy titles left out of a name ("Mr Starmer" -> "Starmer").
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "mx", "rev", "cllr",
     "councillor", "sheikh", "headteacher", "revd", "reverend", "fr", "rabbi", "imam", "pastor", "commodore",
     "capt", "captain", "sgt", "cpl", "brig", "cmdr", "judge", "insp", "supt"}
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
    }
)  # fmt: skip

#: First words of organisations named "<X> for/of <place>" ("Transport for London", "Bank of England").
ORG_HEADS = frozenset(
    {"transport", "office", "institute", "ministry", "department", "bank", "council", "commission", "committee",
     "agency", "court", "house", "federation", "union", "party", "centre", "center", "fund", "foundation",
     "association", "school", "university", "college", "trust", "service", "board", "authority", "museum",
     "federal", "national", "royal", "friends", "league", "confederation", "organisation", "organization"}
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
    return Gazetteer(entries, dict(raw.get("demonyms", {})), frozenset(raw.get("not_entities", ())))


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
    mentions = _add_gazetteer_matches(doc, mentions, gaz)
    mentions = _add_apposed_orgs(doc, mentions)
    _mark_speech_subjects(doc, mentions)
    groups = _group(mentions, _text(doc))
    names, labels = _name_groups(mentions, groups)
    mentions = _add_missed_mentions(doc, mentions, names, labels)
    _merge_first_names(mentions, names, labels)
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
    # A full name cut short ("Robert F. Kennedy" for "Robert F. Kennedy Jr"): the one longer name it starts.
    key = normalize_name(surface).casefold()
    if " " in key:
        longer = {c for k, c in table.items() if k.startswith(key + " ")}
        if len(longer) == 1:
            return longer.pop()
    return surface


# -- step 1: repaired spans --------------------------------------------------------------


def _spans(doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    out: list[_Mention] = []
    ents = _merge_adjacent(doc, [e for e in doc.ents if e.label_ in LABELS])
    skip_until = -1
    for k, ent in enumerate(ents):
        if ent.start < skip_until:
            continue
        start, end = ent.start, ent.end
        label = ent.label_
        # A name cut short at a particle: "Ursula von der" + "Leyen", "Alternative" + "für Deutschland".
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
            while j > 0 and doc[j - 1].text[:1].isupper() and not doc[j - 1].ent_type_ and not doc[j - 1].is_sent_start:
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
                and not head.ent_type_
                and head.lower_ not in TITLE_WORDS
                and (
                    head.lower_ in ORG_HEADS
                    or head.pos_ == "PROPN"
                    and (not head.is_sent_start or start - j > 2 and doc[j + 1].pos_ == "PROPN")
                )
            ):
                start, label = j, "ORG"
        paren = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
        if paren is not None:
            end = paren  # "National Bureau of Investigation (NBI": the acronym is its own mention
        start = _after_shouted_lead(doc, start, end, gaz)
        for piece in _split_span(doc, start, end, label):
            out.append(piece)
    return _nicknamed(doc, _national_bodies(doc, out, gaz))


#: A first name, a nickname in quotation marks and a surname: 'Gary "Gazza" Pendleton'.
_NICKNAMED = re.compile(
    r"\b([A-Z][\w’'-]+) [\"“‘']([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)?)[\"”’'] ((?:[a-z]{1,3} )?[A-Z][\w’'-]+)\b"
)


def _nicknamed(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """One person for a name written with a quoted nickname inside it ('Gary "Gazza" Pendleton').

    The tagger cuts such a name at the quotation mark; the first name and the
    surname make the canonical name, the whole run is the mention.
    """
    text = _text(doc)
    out = list(mentions)
    for hit in _NICKNAMED.finditer(text):
        first = next((m for m in out if m.start == hit.start(1) and m.end == hit.end(1)), None)
        if first is None or first.label not in ("PERSON", "ORG") or first.gazetteer is not None:
            continue
        out = [m for m in out if not (hit.start() <= m.start and m.end <= hit.end())]
        full = f"{hit.group(1)} {hit.group(3)}"
        out.append(_Mention(hit.start(), hit.end(), hit.group(), "PERSON", canonical=full))
    out.sort(key=lambda m: m.start)
    return out


def _after_shouted_lead(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int:
    """Where a name starts after a tabloid's capitalised opening word ("RED-FACED Rovers boss ...")."""
    if not doc[start].is_sent_start:
        return start
    j = start
    while j < end and (doc[j].is_upper or doc[j].text == "-"):
        j += 1
    if j == start or j >= end or not doc[j].text[:1].isupper() or doc[j].is_upper:
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
    if len(words) == 2 and words[1] == "ministry":
        return "Ministry of " + _MINISTRIES.get(words[0], words[0].title())
    return noun.title()


def _merge_adjacent(doc: Doc, ents: list[Span]) -> list[Span]:
    """Join two spans of one label separated by a single space ("Christian" + "Democrats")."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == ent.label_
            and prev.end == ent.start
            and doc[prev.end - 1].whitespace_ == " "
        ):
            out[-1] = doc[prev.start : ent.end]
            out[-1].label_ = ent.label_
            continue
        if (
            prev is not None
            and prev.label_ == "ORG"
            and prev.end == ent.start
            and len(prev) > 2
            and doc[prev.end - 1].lower_ in ("of", "for")
            and ent.label_ in ("GPE", "LOC", "ORG")
        ):
            # "National Observatory of" + "Athens": the place finishes the organisation's name
            out[-1] = doc[prev.start : ent.end]
            out[-1].label_ = "ORG"
            continue
        out.append(ent)
    return out


def _national_bodies(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """ "the Ukrainian air force", "Ukraine's air force" -> an organisation, "Ukrainian Air Force"."""
    text = _text(doc)
    added = []
    for m in mentions:
        if m.label not in ("NORP", "GPE"):
            continue
        rest = text[m.end : m.end + 40]
        if m.label == "GPE":
            poss = re.match(r"[’']s ", rest)
            if not poss:
                continue
            rest = rest[poss.end() :]
            offset = m.end + poss.end()
            entry = gaz.lookup(m.text)
            place = entry.canonical if entry else m.text
            adjective = gaz.demonym_of.get(place)
        else:
            if not rest.startswith(" "):
                continue
            rest, offset = rest[1:], m.end + 1
            adjective = m.text if m.text in gaz.demonyms else None
            if adjective is None:
                continue  # "European armed forces" is not one body
        for noun in ORG_NOUNS:
            if rest.startswith(noun) and not rest[len(noun) : len(noun) + 1].isalnum():
                surface = text[m.start : offset + len(noun)]
                name = f"{adjective} {_body_name(noun)}" if adjective else surface
                added.append(_Mention(m.start, offset + len(noun), surface, "ORG", canonical=name))
                break
    if not added:
        return mentions
    drop = {id(m) for m in mentions if m.label == "NORP" and any(a.start == m.start for a in added)}
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
            or doc[s].lower_ in ("the", "a", "an")
            # "Organisers SCC Events said": a plural common noun opening the sentence
            or e - s > 1
            and doc[s].is_sent_start
            and doc[s].tag_ == "NNS"
            and doc[s].lower_ not in ORG_HEADS | NON_PERSON_WORDS
        ):
            s += 1
        while s < e and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].lower_.rstrip(".") in POST_NOMINALS):
            e -= 1
        of = next((i for i in range(s + 1, e) if doc[i].lower_ == "of"), None)
        if of is not None and lab == "PERSON":
            e = of  # "Aiko Tanabe of Japan": the name stops at "of"
        elif of is not None and lab == "ORG" and _person_of_place(doc, s, of, e):
            place = doc[of + 1 : e]
            out.append(_Mention(place.start_char, place.end_char, place.text, "GPE"))
            e, lab = of, "PERSON"
        # Titles before a personal name ("President Zelensky", "Mr Starmer").
        if lab == "PERSON":
            while e - s > 1 and doc[s].lower_.rstrip(".") in (TITLE_WORDS | HONORIFICS):
                s += 1
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
        if text in gazetteer().not_entities or text.casefold().rstrip(".") in POST_NOMINALS | TITLE_WORDS:
            continue
        if lab == "GPE" and e - s == 1 and doc[s].pos_ == "ADJ":
            lab = "NORP"  # "Ukrainian" tagged as a place
        demonyms = gazetteer().demonyms
        if e - s == 1 and (text in demonyms or text.endswith("s") and text[:-1] in demonyms):
            lab = "NORP"  # "Moldovan" tagged as a person
        out.append(_Mention(span.start_char, span.end_char, text, lab))
    return out


def _possessive_in_name(doc: Doc, cut: int, i: int, end: int) -> bool:
    """Whether the possessive at token ``i`` is inside one organisation's name.

    "Irish Patients' Association", "People's Party for Freedom and Democracy": the
    words before it are no place or person of their own (unlike "Germany's Foreign
    Ministry"), and an organisation word follows it.
    """
    if i == cut or i + 1 >= end or not doc[i + 1].text[:1].isupper():
        return False
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
    return all(t.pos_ == "PROPN" and t.lower_ not in ORG_HEADS | NON_PERSON_WORDS | TITLE_WORDS for t in name)


def _split_lists(doc: Doc, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Split a place span that lists places ("Kharkiv and Dnipro") at "and" / commas."""
    out = []
    for s, e, lab in pieces:
        if lab not in ("GPE", "LOC", "ORG"):
            out.append((s, e, lab))
            continue
        if lab == "ORG":
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
    return _add_acronyms(doc, kept)


#: Nouns that an organisation's name is apposed to ("Milei's party, La Libertad Avanza, ...").
_ORG_APPOSED = frozenset(
    {"party", "bloc", "coalition", "union", "movement", "group", "company", "firm", "alliance", "organisation",
     "organization", "charity", "club", "team", "agency", "bank", "publisher", "broadcaster", "newspaper",
     "airline", "carmaker", "insurer", "lender", "regulator", "body", "operator", "developer", "network"}
)  # fmt: skip


def _add_apposed_orgs(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Names apposed to an organisation noun that the tagger missed: "the opposition bloc, Unión por la Patria"."""
    taken = [(m.start, m.end) for m in mentions]
    added: list[_Mention] = []
    for tok in doc:
        if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.head.pos_ != "NOUN":
            continue
        if tok.head.lemma_.lower() not in _ORG_APPOSED or tok.head.i > tok.i:
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
        if any(s < end and start < e for s, e in taken):
            continue
        added.append(_Mention(start, end, _text(doc)[start:end], "ORG"))
        taken.append((start, end))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.start)


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


def _mark_speech_subjects(doc: Doc, mentions: list[_Mention]) -> None:
    """Mark mentions that are the subject of a speech verb; add untagged proper-noun subjects."""
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
        if tok.i in by_token:
            by_token[tok.i].said = True
            continue
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        start = tok.i
        while (
            start > 0
            and doc[start - 1].dep_ in ("compound", "amod")
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].is_alpha
        ):
            start -= 1  # "Keir Giles", "Close Brothers"
        while start < tok.i and doc[start].lower_.rstrip(".") in (TITLE_WORDS | HONORIFICS):
            start += 1
        end = tok.i + 1
        while end - start > 1 and doc[end - 1].lower_.rstrip(".") in POST_NOMINALS:
            end -= 1
        span = doc[start:end]
        if any(t.lower_ in NON_PERSON_WORDS for t in span):
            continue
        if _sentence_initial_common_noun(doc, start, end, "PERSON", span.text):
            continue
        added.append(_Mention(span.start_char, span.end_char, span.text, "PERSON", said=True))
    if added:
        mentions.extend(added)
        mentions.sort(key=lambda x: x.start)


# -- step 2: groups ----------------------------------------------------------------------


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
    for i, m in enumerate(mentions):
        words = _name_words(m.text)
        if len(words) > 1 and _person_like(m, words):
            full[words[-1].casefold()].append(i)
            bare = re.sub(r"^(?:al|el|ad|as|ash|an|ar)-", "", words[-1], flags=re.IGNORECASE)
            if bare != words[-1]:
                full[bare.casefold()].append(i)  # "Bashar al-Assad" <- "Assad"
            if len(words) > 2 and words[-2].casefold() in PARTICLES:
                full[" ".join(words[-3:] if words[-3].casefold() in PARTICLES else words[-2:]).casefold()].append(i)
    for i, m in enumerate(mentions):
        words = normalize_name(m.text).split()
        key = " ".join(words).casefold()
        if (
            (len(words) == 1 or words[0].casefold() in PARTICLES)
            and key in full
            and (
                m.label in ("PERSON", "ORG", "GPE")
                or len(words) > 1
                and m.label == "NORP"
                # "Carney" tagged a nationality beside "Mark Carney"; not "French" beside "Dawn French"
                or m.label == "NORP"
                and m.gazetteer is None
                and not _demonym(words[0])
            )
        ):
            if m.gazetteer is not None and m.gazetteer.label != "PERSON":
                continue
            candidates = full[key]
            before = [j for j in candidates if mentions[j].start < m.start]
            groups.union(i, before[-1] if before else candidates[0])
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
        m.group = groups.find(i)
    return groups


def _person_like(m: _Mention, words: list[str]) -> bool:
    if m.gazetteer is not None:
        return m.gazetteer.label == "PERSON"
    if m.label == "PERSON" or m.said:
        return True
    return m.label == "ORG" and len(words) <= 3 and not any(w.casefold() in NON_PERSON_WORDS for w in words)


def _name_groups(mentions: list[_Mention], groups: _Groups) -> tuple[dict[int, str], dict[int, str]]:
    members: dict[int, list[_Mention]] = defaultdict(list)
    for m in mentions:
        members[m.group].append(m)
    names: dict[int, str] = {}
    labels: dict[int, str] = {}
    for gid, ms in members.items():
        entry = next((m.gazetteer for m in ms if m.gazetteer is not None), None)
        labels[gid] = entry.label if entry else _vote(ms)
        if entry is not None:
            names[gid] = entry.canonical
            continue
        built = next((m.canonical for m in ms if m.canonical), None)
        if built is not None:
            names[gid] = built
            continue
        forms = Counter(normalize_name(m.text) for m in ms)
        longs = [f for f in forms if len(f.split()) > 1]
        if (
            labels[gid] == "PERSON"
            or longs
            and any(_is_acronym(f) or " " not in f and any(_abbreviates(f, g) for g in longs) for f in forms)
        ):
            # The longest full form: "Keir Starmer" over "Starmer", "European Union" over "EU";
            # the accented form of a name also written without ("António Costa", "Antonio Costa").
            names[gid] = _accented(max(forms, key=lambda f: (len(f.split()), forms[f], len(f))), forms)
        elif _full_and_surname(list(forms)):
            # "Tadej Pogačar" and "Pogačar" tagged ORG: still one name and its short form
            names[gid] = max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))
            if labels[gid] == "ORG" and any(m.said for m in ms):
                labels[gid] = "PERSON"  # a speaker with a first name and a surname
        else:
            # Case variants of one name ("Nato", "NATO"): the commonest, capitals on a tie.
            names[gid] = max(forms, key=lambda f: (forms[f], sum(c.isupper() for c in f), len(f)))
    return names, labels


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
        if m.said and m.canonical is None:
            votes["PERSON"] += 2.0
    return max(votes, key=lambda label: votes[label])


# -- step 3: mentions the tagger missed and role references -------------------------------


def _add_missed_mentions(
    doc: Doc, mentions: list[_Mention], names: dict[int, str], labels: dict[int, str]
) -> list[_Mention]:
    """Find again, in the whole text, the names and surnames of people and organisations."""
    forms: dict[str, int] = {}
    for m in mentions:
        if labels[m.group] not in ("PERSON", "ORG"):
            continue
        norm = normalize_name(m.text)
        forms.setdefault(norm, m.group)
        words = norm.split()
        if labels[m.group] == "PERSON" and len(words) > 1:
            forms.setdefault(words[-1], m.group)
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
     "shipping", "steel", "mining", "media", "telecom", "automotive", "capital", "partners"}
)  # fmt: skip


def _merge_first_names(mentions: list[_Mention], names: dict[int, str], labels: dict[int, str]) -> None:
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
    short_orgs: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        words = names[m.group].split()
        if labels[m.group] == "ORG" and len(words) > 1 and all(w.casefold() in _ORG_KINDS for w in words[1:]):
            short_orgs[words[0].casefold()].add(m.group)
    for m in mentions:
        key = normalize_name(m.text).casefold()
        if (
            " " not in key
            and m.gazetteer is None
            and labels[m.group] in ("ORG", "PERSON")
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
