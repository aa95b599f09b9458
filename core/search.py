"""Search: what people type, read as a query, matched and ranked in each group of rows an
app contributes (shops, producers, products, places).

Rows keep their text folded and padded with a space at each end (`search_text`, and the
name alone in `search_name`; core.text.padded), so on SQLite and PostgreSQL alike:

- a word matches whole words only: `LIKE '% hac %'` never finds "thạch";
- the last word typed also matches the beginning of a word (`nha thu` finds "Nhà thuốc");
- a phone number typed any way is read to its digits ("0912.345.678" -> 0912345678),
  which is how rows store their numbers (core.models.Contactable.phone_words);
- words that mean nothing in a shopping query ("mua", "ở", "cần") are dropped, unless
  they are all there is;
- apps read what they know in a query (registry.query_readers): a place narrows the
  results to it instead of being matched against names, a thing people buy also finds
  what the directory calls it ("gạo" finds the category "Gạo, lương thực").

Ranking: the exact phrase beginning a name first, then in a name, then anywhere; then
more words in the name; then alphabetically. When no row of any group has every word,
rows with most of them are shown instead, and the page says so. When little is found, the
page offers the query with unknown words replaced by the nearest words the portal knows
(`suggest`).
"""

import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import add, and_, or_

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core import registry
from core.cache import held_per_version, per_version
from core.contact import phones_in
from core.fragments import render_cards, render_cards_for_ids
from core.text import fold

MAX_CONCEPTS = 8

# Words that carry no meaning in a shopping query, as people type them. A word typed with
# accents is dropped only when it is spelt so ("bán", not "bản", a village); typed without
# accents it may be either, and is dropped. Words whose unaccented form is also a thing
# people look for are not here ("cho": chợ, "dau": dầu, "toi": tỏi, "la": lá).
STOPWORDS = {
    "mua", "bán", "ở", "tại", "cần", "tìm", "kiếm", "của", "và", "có", "nào", "gì", "muốn",
    "giúp", "các", "những",
}  # fmt: skip
_FOLDED_STOPWORDS = {fold(word) for word in STOPWORDS}


@dataclass(frozen=True)
class Token:
    """One word of the query: as typed (composed, lower case) and folded."""

    typed: str
    folded: str

    def may_be(self, word: str) -> bool:
        """Whether the word typed may be `word` (composed, lower case): typed without
        accents it may be any word that folds alike ("ga": gà, ga); typed with them, only
        the word spelt so ("cà" is not "cá")."""
        return self.typed == self.folded or self.typed == word


@dataclass(frozen=True)
class PlaceFilter:
    """A place a query names: rows are narrowed to it. `path` says which of a group's
    paths leads to it ("district" or "commune")."""

    path: str
    value: object
    label: str
    url: str = ""


@dataclass(frozen=True)
class Reading:
    """Words `start`..`end` (token positions) that an app recognised: a place, a thing
    also known by other words (`alternatives`, each a tuple of folded words), or (neither)
    words that say nothing here."""

    start: int
    end: int
    place: PlaceFilter | None = None
    alternatives: tuple[tuple[str, ...], ...] = ()
    label: str = ""  # the other words as people read them ("Nhà thuốc; Thuốc, vật tư y tế")


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for: found when every word of one alternative is there.
    The first alternative is what was typed; `prefix`: its last word may be unfinished."""

    alternatives: tuple[tuple[str, ...], ...]
    prefix: bool = False

    @property
    def typed(self) -> tuple[str, ...]:
        return self.alternatives[0]

    def _words(self, column: str, words: tuple[str, ...], prefix: bool) -> Q:
        conditions = [
            Q(**{f"{column}__contains": f" {word} " if not (prefix and n == len(words) - 1) else f" {word}"})
            for n, word in enumerate(words)
        ]
        return reduce(and_, conditions)

    def condition(self, column: str = "search_text") -> Q:
        typed = self._words(column, self.typed, self.prefix)
        others = [self._words(column, words, False) for words in self.alternatives[1:]]
        return reduce(or_, [typed, *others])


@dataclass
class Query:
    """A query as read: what to find, where, and what was left out."""

    text: str
    concepts: list[Concept] = field(default_factory=list)
    places: list[PlaceFilter] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # words dropped, as typed
    synonyms: list[tuple[str, str]] = field(default_factory=list)  # (typed, also found as)

    @property
    def empty(self) -> bool:
        return not (self.concepts or self.places)

    @property
    def phrase(self) -> str:
        """The words typed, folded, in order (for ranking the exact phrase first)."""
        return " ".join(word for concept in self.concepts for word in concept.typed)

    @property
    def prefix(self) -> bool:
        return bool(self.concepts and self.concepts[-1].prefix)


def tokens_of(text: str) -> list[Token]:
    """The query's words, each as typed (composed, lower case) and folded; a word that
    folds to several ("xã/tt") gives several."""
    tokens = []
    for word in unicodedata.normalize("NFC", text).casefold().split():
        folded = fold(word).split()
        if len(folded) == 1:
            tokens.append(Token(word.strip(".,;:!?()\"'“”"), folded[0]))
        else:
            tokens += [Token(part, part) for part in folded]
    return tokens


def _is_stopword(token: Token) -> bool:
    return token.folded in _FOLDED_STOPWORDS and any(token.may_be(word) for word in STOPWORDS)


def read_query(text: str, *, places: bool = True, readers: bool = True) -> Query:
    """Read what someone typed. `places=False` matches place names as words instead of
    narrowing to them (the page's "search the words" link); `readers=False` reads nothing
    but words (what is left when the readers leave nothing to search for)."""
    query = Query(text=text)
    rest = text
    phone_concepts = []
    for spelt, digits in phones_in(text):
        phone_concepts.append(Concept(((digits,),)))
        rest = rest.replace(spelt, " ")
    tokens = tokens_of(rest)

    readings: list[Reading] = []
    taken: set[int] = set()
    for name, reader in registry.query_readers.items() if readers else ():
        if name == "places" and not places:
            continue
        for reading in reader(tokens, taken):
            span = set(range(reading.start, reading.end))
            if span and not span & taken:
                readings.append(reading)
                taken |= span
    for reading in readings:
        if reading.place is not None and reading.place not in query.places:
            query.places.append(reading.place)

    # Stopwords go unless nothing else would be left.
    meaningful = [n for n in range(len(tokens)) if n not in taken and not _is_stopword(tokens[n])]
    others = [n for n in range(len(tokens)) if n not in taken]
    kept = meaningful if (meaningful or query.places or phone_concepts or readings) else others
    query.ignored = [tokens[n].typed for n in others if n not in kept]

    # A reading with neither a place nor other words names something to leave out.
    silent = {n for r in readings if r.place is None and not r.alternatives for n in range(r.start, r.end)}
    query.ignored += [tokens[n].typed for n in sorted(silent)]
    starts = {reading.start: reading for reading in readings if reading.alternatives}
    concepts = []
    for n in range(len(tokens)):
        if n in starts:
            reading = starts[n]
            typed = tuple(t.folded for t in tokens[reading.start : reading.end])
            concepts.append(Concept((typed, *reading.alternatives)))
            typed_words = " ".join(t.typed for t in tokens[reading.start : reading.end])
            query.synonyms.append(
                (typed_words, reading.label or "; ".join(" ".join(w) for w in reading.alternatives))
            )
        elif n in kept and not any(concept.typed == (tokens[n].folded,) for concept in concepts):
            concepts.append(Concept(((tokens[n].folded,),)))
    last = concepts[-1] if concepts else None
    if last and len(last.alternatives) == 1 and len(last.typed) == 1 and last.typed[0] == tokens[-1].folded:
        # The last word typed may be unfinished: "nha thu" finds "nhà thuốc". Not a word
        # read as a thing ("gà" is not the start of "gạo").
        concepts[-1] = Concept(concepts[-1].alternatives, prefix=True)
    query.concepts = (phone_concepts + concepts)[:MAX_CONCEPTS]
    if query.empty and readings:
        return read_query(text, readers=False)  # "Thanh Hóa" alone: the words themselves
    return query


@dataclass(frozen=True)
class SearchGroup:
    key: str
    label: str
    rows: Callable[[], QuerySet]  # the public rows searched
    card_template: str
    card_name: str
    district_path: str = "district"  # where a row's former district is, to narrow to one
    commune_path: str = "commune"  # where its commune of today is
    distinct: bool = False  # whether narrowing to a place may repeat rows (a many-to-many path)

    def results(self, query: Query, district=None, *, partial: bool = False) -> "Results":
        return Results(self, query, district, partial)

    def matching(self, query: Query, district=None, *, partial: bool = False) -> QuerySet:
        """The group's public rows the query finds, in the place it names, ranked."""
        rows = self.rows()
        for place in query.places:
            rows = rows.filter(**{getattr(self, f"{place.path}_path"): place.value.pk})
        if district is not None:
            rows = rows.filter(**{self.district_path: district})
        if self.distinct and (query.places or district is not None):
            rows = rows.distinct()
        return ranked(rows, query, partial=partial)


@dataclass
class Results:
    """One group's results. The queryset is built only when a page lists the group: the
    page of all groups shows the totals and first ids search() kept."""

    group: SearchGroup
    query: Query
    district: object = None
    partial: bool = False

    @property
    def key(self) -> str:
        return self.group.key

    @property
    def label(self) -> str:
        return self.group.label

    total: int = 0
    preview_ids: list = field(default_factory=list)

    @cached_property
    def queryset(self) -> QuerySet:
        return self.group.matching(self.query, self.district, partial=self.partial)

    def cards(self, rows) -> list:
        """Cards for `rows` (a slice of this group's queryset), each with its district."""
        group = self.group
        return render_cards(rows, group.card_template, name=group.card_name, context={"show_district": True})

    def preview_cards(self) -> list:
        """Cards of the group's first results, from the ids kept by search()."""
        group = self.group
        return render_cards_for_ids(
            group.rows().model,
            self.preview_ids,
            group.card_template,
            name=group.card_name,
            context={"show_district": True},
        )


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def ranked(rows: QuerySet, query: Query, *, partial: bool = False) -> QuerySet:
    """Rows with every concept (or, `partial`, with any, most first), ranked: the exact
    phrase beginning the name, in the name, elsewhere; then more concepts in the name;
    then alphabetically."""
    if not query.concepts:
        return rows.order_by("name", "pk")
    conditions = [concept.condition() for concept in query.concepts]
    if partial:
        rows = rows.filter(reduce(or_, conditions)).annotate(
            matched=reduce(add, [_flag(condition) for condition in conditions])
        )
    else:
        rows = rows.filter(reduce(and_, conditions)).annotate(matched=Value(len(conditions)))
    phrase = f" {query.phrase}" if query.prefix else f" {query.phrase} "
    in_name = [_flag(concept.condition("search_name")) for concept in query.concepts]
    return rows.annotate(
        phrase_rank=Case(
            When(Q(search_name__startswith=phrase), then=Value(0)),
            When(Q(search_name__contains=phrase), then=Value(1)),
            When(Q(search_text__contains=phrase), then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        ),
        name_hits=reduce(add, in_name),
    ).order_by("-matched", "phrase_rank", "-name_hits", "name", "pk")


# --- "Có phải bạn muốn tìm": the portal's own words, nearest to a word it does not know --------

SUGGEST_BELOW = 3  # results: fewer than this, and a suggestion is looked for


def _vocabulary() -> dict[str, str]:
    """Every folded word of the names people can find (rows of each group, and what apps
    add: categories, goods words, places), with its most common spelling."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    names = [
        name
        for group in registry.search_groups.values()
        for name in group.rows().values_list("name", flat=True)
    ]
    names += [phrase for words in registry.search_words.values() for phrase in words()]
    for name in names:
        for word in unicodedata.normalize("NFC", str(name)).casefold().split():
            word = word.strip(".,;:!?()\"'“”")
            folded = fold(word)
            if folded and not folded.isdigit():
                spellings[folded][word] += 1
    # Most used first: of two words as near, the suggestion is the commoner one.
    by_use = sorted(spellings.items(), key=lambda item: -sum(item[1].values()))
    return {folded: counts.most_common(1)[0][0] for folded, counts in by_use}


def _nearest(word: str, vocabulary: dict[str, str]) -> str | None:
    """The vocabulary's word nearest to `word` (folded): at most one edit for a short
    word, two for a longer one, a swap of two letters counting as one; None when `word`
    is known or nothing is near."""
    if word in vocabulary or word.isdigit() or len(word) < 3:
        return None
    limit = 1 if len(word) <= 5 else 2
    match = process.extractOne(word, vocabulary.keys(), scorer=OSA.distance, score_cutoff=limit)
    return match[0] if match else None


def suggest(text: str) -> str:
    """The query with each unknown word replaced by the nearest known one, as people read
    it (with accents); "" when there is nothing to correct."""
    vocabulary = held_per_version("search-vocabulary", _vocabulary)
    corrected, changed = [], False
    for token in tokens_of(text):
        nearest = _nearest(token.folded, vocabulary)
        corrected.append(vocabulary[nearest] if nearest else token.typed)
        changed |= nearest is not None
    return " ".join(corrected) if changed else ""


PREVIEW = 5  # results of each group on the page of all groups


def search(query: Query, district=None) -> tuple[list[Results], bool]:
    """Every registered group's results, and whether they are partial matches (no row of
    any group had every concept).

    Each group's total and first PREVIEW ids are kept per content version under the query
    as read, so a repeated search (or the same search typed another way) makes no SQL
    query and builds none; the querysets stay lazy, for the page of one group.
    """
    groups = registry.search_groups.values()
    key = repr(
        (
            [(concept.alternatives, concept.prefix) for concept in query.concepts],
            [(place.path, place.value.pk) for place in query.places],
            getattr(district, "pk", None),
        )
    )

    def summary() -> dict:
        found = [group.results(query, district) for group in groups]
        partial = len(query.concepts) > 1 and not any(results.queryset.exists() for results in found)
        if partial:
            found = [group.results(query, district, partial=True) for group in groups]
        return {
            "partial": partial,
            "groups": [
                (results.queryset.count(), list(results.queryset.values_list("pk", flat=True)[:PREVIEW]))
                for results in found
            ],
        }

    digest = hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
    kept = per_version(f"search:{digest}", summary)
    results = [group.results(query, district, partial=kept["partial"]) for group in groups]
    for found, (total, preview_ids) in zip(results, kept["groups"], strict=True):
        found.total, found.preview_ids = total, preview_ids
    return results, kept["partial"]
