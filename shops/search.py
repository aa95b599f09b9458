"""What the directory recognises in a search query: places (today's communes and wards, the
former districts) and goods (GoodsWord). Registered in ShopsConfig.ready()."""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import gettext

from core.cache import held_per_version
from core.search import PlaceFilter, Reading, Token
from core.text import fold
from shops.models import Category, Commune, District, GoodsWord

# Kind words before a place's name, folded: which kind of place they announce.
_COMMUNE_KINDS = {("xa",), ("phuong",), ("thi", "tran"), ("dac", "khu"), ("x",), ("p",), ("tt",)}
_DISTRICT_KINDS = {("huyen",), ("thi", "xa"), ("thanh", "pho"), ("tp",), ("tx",), ("quan",), ("h",)}
_LONGEST_NAME = 5  # words


def _place_index() -> dict[tuple[str, ...], list[PlaceFilter]]:
    """Folded name words -> the places of that name, by full and short names."""
    index = defaultdict(list)
    for district in District.objects.public():
        place = PlaceFilter(
            "district",
            district,
            gettext("%(name)s (huyện cũ)") % {"name": district.name},
            district.get_absolute_url(),
        )
        for name in {district.name, district.short_name}:
            index[tuple(fold(name).split())].append(place)
    for commune in Commune.objects.public():
        place = PlaceFilter("commune", commune, commune.name, commune.get_absolute_url())
        for name in {commune.name, commune.short_name}:
            index[tuple(fold(name).split())].append(place)
    return dict(index)


def _free(taken: set[int], start: int, end: int) -> bool:
    return not taken & set(range(start, end))


def _kind_at(words: list[str], start: int) -> tuple[str | None, int]:
    """The kind of place announced at `start` ("district"/"commune") and its length in words."""
    for length in (2, 1):
        kind = tuple(words[start : start + length])
        if len(kind) == length:
            if kind in _DISTRICT_KINDS:
                return "district", length
            if kind in _COMMUNE_KINDS:
                return "commune", length
    return None, 0


def read_places(tokens: list[Token], taken: set[int]) -> list[Reading]:
    """A current commune or a former district named in the query (two words or more, or
    one after its kind: "phường Hạc Thành", "hac thanh", "TP Thanh Hóa", "huyện Nga Sơn").
    Without a kind, a name of both a district and a commune is the district, the wider;
    the province's own name is read as nothing (a reading with no place)."""
    index = held_per_version("search-places", _place_index)
    province = tuple(fold(settings.PROVINCE_NAME).split())
    words = [token.folded for token in tokens]
    readings = []
    start = 0
    while start < len(words):
        kind, kind_length = _kind_at(words, start)
        found = None
        for length in range(min(_LONGEST_NAME, len(words) - start - kind_length), 0, -1):
            name_start = start + kind_length
            name = tuple(words[name_start : name_start + length])
            if not kind and name == province:
                # "Thanh Hóa" alone is the province the whole portal is about, not the city.
                if _free(taken, start, start + length):
                    found = (None, start + length)
                    break
                continue
            places = index.get(name, [])
            if kind:
                places = [place for place in places if place.path == kind]
            elif length < 2:
                continue
            if not places or not _free(taken, start, name_start + length):
                continue
            path = kind or ("district" if any(p.path == "district" for p in places) else "commune")
            chosen = [place for place in places if place.path == path]
            if len(chosen) == 1:
                found = (chosen[0], name_start + length)
                break
        if found is None:
            start += 1
            continue
        place, end = found
        readings.append(Reading(start, end, place=place))
        start = end
    return readings


def _goods_index() -> dict[tuple[str, ...], list[tuple]]:
    """Folded words -> [(the words as spelt, the folded words of each name they also find,
    those names as written)]."""
    index = defaultdict(list)
    for word in GoodsWord.objects.all():
        alternatives = tuple(word.alternatives())
        if alternatives:
            names = tuple(name.strip() for name in word.finds.split(";") if fold(name))
            index[tuple(fold(word.key).split())].append((tuple(word.key.split()), alternatives, names))
    return dict(index)


def read_goods(tokens: list[Token], taken: set[int]) -> list[Reading]:
    """Things people buy, longest phrase first: "thuốc hạ sốt" also finds the pharmacies.
    A word typed with accents counts only as spelt ("cà" is not "cá"); typed without, it
    may be any of them ("ga": gas and chicken)."""
    index = held_per_version("search-goods", _goods_index)
    longest = max((len(words) for words in index), default=0)
    readings = []
    start = 0
    while start < len(tokens):
        for length in range(min(longest, len(tokens) - start), 0, -1):
            span = tokens[start : start + length]
            if not _free(taken, start, start + length):
                continue
            alternatives, names = [], []
            for spelt, finds, labels in index.get(tuple(t.folded for t in span), []):
                if all(t.may_be(word) for t, word in zip(span, spelt, strict=True)):
                    alternatives += [words for words in finds if words not in alternatives]
                    names += [name for name in labels if name not in names]
            if alternatives:
                label = "; ".join(names)
                readings.append(Reading(start, start + length, alternatives=tuple(alternatives), label=label))
                start += length
                break
        else:
            start += 1
    return readings


def search_words() -> list[str]:
    """What "did you mean" may offer beside names: goods categories, goods words and the
    former districts."""
    return [
        *Category.objects.values_list("name", flat=True),
        *GoodsWord.objects.values_list("words", flat=True),
        *District.objects.public().values_list("name", flat=True),
    ]
