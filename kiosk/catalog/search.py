"""Finding a procedure from the words a resident types: no accents, everyday words, one typo,
Telex or VNI typed without an input method, i or y, doubled letters, missing spaces.

Built once per catalog: every procedure's name, short name, everyday words and summary are
folded (kiosk.textfold, in query_reading's search_key form) into an inverted index of words,
widened by the catalog's synonym groups. A query is first read into the catalog's words
(query_reading.QueryReader: "tamj truus" → tam tru), then costs a few lookups: exact words, a
prefix scan of the sorted word list (bisect) for words still being typed, and a deletion index
for one-typo matches, so it stays well under a millisecond even with thousands of procedures
(bench/bench_search.py).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.catalog.model import Catalog, NotOffered, Procedure
from kiosk.catalog.query_reading import QueryReader, accent_phrases, search_words

# Where a word was found; a match in the name outranks everyday words, which outrank the summary.
TIER_NAME = 3.0
TIER_EVERYDAY = 2.0
TIER_SUMMARY = 1.0
TIERS = (TIER_NAME, TIER_EVERYDAY, TIER_SUMMARY)
# How a query word matched an indexed word.
EXACT = 1.0
PREFIX = 0.85
TYPO = 0.6
# Bonus when the whole query is exactly a name / an everyday word of the procedure.
PHRASE_NAME = 1.0
PHRASE_EVERYDAY = 0.9
# Optional (stop) words only nudge the ranking.
OPTIONAL = 0.25
TYPO_MIN_LENGTH = 5
PREFIX_MIN_LENGTH = 2
MAX_QUERY_WORDS = 12

# Words people wrap around what they want ("làm … ở đâu", "thủ tục …", "xin cấp …", "cần giấy
# tờ gì", "bao nhiêu tiền"). A stop word is optional: it adds to the score when it matches, and
# a query is never emptied by it. "cần" stays optional although it also folds "căn" (căn
# cước): "cước" still has to match. Written with accents: they also say a query back
# ("o dau" → "ở đâu", not "ở đầu" as in "lần đầu").
RESIDENT_PHRASES = (
    "thủ tục",
    "ở đâu",
    "thế nào",
    "như thế nào",
    "làm sao",
    "bao nhiêu",
    "bao lâu",
    "trực tuyến",
    "cần gì",
    "hướng dẫn",
    "lệ phí",
    "mất bao lâu",
    "bao giờ",
    "khi nào",
    "ra sao",
    "thời gian",
    "hồ sơ",
    "giấy tờ gì",
    "tại nhà",
    "trên mạng",
)
RESIDENT_WORDS = (
    "làm",
    "cấp",
    "xin",
    "muốn",
    "tôi",
    "mình",
    "em",
    "con",
    "bác",
    "chú",
    "có",
    "cháu",
    "cần",
    "cho",
    "ở",
    "đâu",
    "đi",
    "gì",
    "nào",
    "về",
    "của",
    "và",
    "là",
    "được",
    "như",
    "sao",
    "online",
    "mạng",
    "qua",
    "trên",
    "nộp",
    "tiền",
    "giúp",
)
STOP_PHRASES: tuple[tuple[str, ...], ...] = tuple(tuple(search_words(p)) for p in RESIDENT_PHRASES)
STOP_WORDS = frozenset(w for word in RESIDENT_WORDS for w in search_words(word))


@dataclass(frozen=True)
class Hit:
    """One procedure found, with its score (higher is better)."""

    procedure_id: str
    score: float


@dataclass(frozen=True)
class SearchResult:
    """What a query found; `not_offered` is set when it asked for something the kiosk does not
    teach (e.g. 'sổ đỏ'), so the screen shows that kind message instead of 'nothing found'
    (and the hits then start with the nearest procedure that is taught, when the catalog
    names one). `understood` is what the query was read as, with accents ("đăng ký tạm
    trú"), when that differs from what was typed; None otherwise."""

    hits: list[Hit]
    not_offered: NotOffered | None = None
    understood: str | None = None


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau–Levenshtein (optimal string alignment) distance between a and b is at most 1."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) <= 1:
            return True
        i, j = diff[0], diff[-1]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    if la > lb:
        a, b = b, a
    # b is one letter longer: find the first difference and skip that letter of b.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _find(seq: list[str], phrase: list[str]) -> bool:
    """Whether `phrase` occurs in `seq` as consecutive words."""
    n, first = len(phrase), phrase[0]
    return any(t == first and seq[i : i + n] == phrase for i, t in enumerate(seq))


class CatalogSearch:
    """An index of a catalog's procedures for accent-free, typo-tolerant search.

    Each indexed word keeps, per tier (name, everyday words, summary), the set of procedures
    containing it as an int bitset, so merging the many words a prefix matches is a few big-int
    ORs in C rather than a Python loop over procedures. Ranking never scores every candidate:
    the candidates are split into groups of equal score (one group per combination of how each
    query word matched), and only the best groups are opened to take the first few hits.
    """

    def __init__(self, catalog: Catalog) -> None:
        self._ids: list[str] = []
        postings: dict[str, dict[int, float]] = {}
        self._phrases: dict[str, dict[int, float]] = {}
        self._synonyms = [[p for p in map(search_words, group) if p] for group in catalog.synonyms]
        # Which synonym groups have a phrase starting with a given word: most texts touch none.
        self._synonym_starts: dict[str, set[int]] = {}
        for g, group in enumerate(self._synonyms):
            for phrase in group:
                if phrase:
                    self._synonym_starts.setdefault(phrase[0], set()).add(g)
        # Procedures are numbered most popular first, so the lower number wins a tie.
        for doc, procedure in enumerate(catalog.by_popularity()):
            self._ids.append(procedure.id)
            self._add(doc, procedure, postings)
        self._docs = frozenset(self._ids)
        self._tiers: dict[str, tuple[int, int, int]] = {}
        for token, posting in postings.items():
            bits = [0, 0, 0]
            for doc, weight in posting.items():
                bits[TIERS.index(weight)] |= 1 << doc
            self._tiers[token] = (bits[0], bits[1], bits[2])
        self._vocab = sorted(self._tiers)
        # Deletion index (SymSpell with distance 1): a typo shares a one-letter deletion.
        self._deletes: dict[str, list[str]] = {}
        for token in self._vocab:
            if len(token) >= TYPO_MIN_LENGTH - 1:
                for variant in {token} | _deletions(token):
                    self._deletes.setdefault(variant, []).append(token)
        self._not_offered = [
            (entry, [search_words(w) for w in entry.words]) for entry in catalog.not_offered
        ]
        # The reader also knows words the index does not hold (not-offered requests such as
        # "doanh nghiệp", the stop words), so "doanh nghieepj" is read as a word it knows.
        asked = {w for t in self._asked_texts(catalog) for w in search_words(t)}
        known = sorted(set(self._vocab) | asked | STOP_WORDS)
        self._reader = QueryReader(known, self._accent_phrases(catalog), self._near)

    # -- building ---------------------------------------------------------------------------

    @staticmethod
    def _asked_texts(catalog: Catalog) -> list[str]:
        """Texts written the way residents ask: not-offered requests and synonyms."""
        texts: list[str] = [w for group in catalog.synonyms for w in group]
        for entry in catalog.not_offered:
            texts += entry.words
        return texts

    def _accent_phrases(self, catalog: Catalog) -> dict[str, str]:
        """How the catalog writes its words and short phrases, to say a query back with accents."""
        texts = self._asked_texts(catalog)
        for p in catalog.procedures.values():
            texts += [p.name.vi, p.short_name.vi, *p.everyday_words]
        return accent_phrases(texts, preferred=RESIDENT_PHRASES + RESIDENT_WORDS)

    def _add(self, doc: int, p: Procedure, postings: dict[str, dict[int, float]]) -> None:
        self._index(doc, [p.name.vi, p.short_name.vi], TIER_NAME, postings)
        self._index(doc, p.everyday_words, TIER_EVERYDAY, postings)
        english = [t.en for t in (p.name, p.short_name, p.summary) if t.en]
        self._index(doc, [p.summary.vi, *english], TIER_SUMMARY, postings)
        # A query that is exactly a name or an everyday word is the strongest signal there is:
        # it puts 'hộ khẩu' on Đăng ký thường trú rather than on Tách hộ (tách hộ khẩu).
        for texts, bonus in (
            ([p.name.vi, p.short_name.vi], PHRASE_NAME),
            (p.everyday_words, PHRASE_EVERYDAY),
        ):
            for text in texts:
                phrase = " ".join(search_words(text))
                posting = self._phrases.setdefault(phrase, {})
                posting[doc] = max(posting.get(doc, 0.0), bonus)

    def _index(
        self, doc: int, texts: Iterable[str], weight: float, postings: dict[str, dict[int, float]]
    ) -> None:
        for text in texts:
            tokens = search_words(text)
            found = set(tokens)
            for group in {g for t in found for g in self._synonym_starts.get(t, ())}:
                if any(p[0] in found and _find(tokens, p) for p in self._synonyms[group]):
                    for phrase in self._synonyms[group]:
                        found.update(phrase)
            for token in found:
                posting = postings.setdefault(token, {})
                if posting.get(doc, 0.0) < weight:
                    posting[doc] = weight

    # -- querying ---------------------------------------------------------------------------

    def _near(self, word: str, last: bool) -> bool:
        """Whether `word` matches some indexed word as a prefix (still typing) or with one typo."""
        return bool(self._levels(word, last, PREFIX_MIN_LENGTH))

    def _levels(self, word: str, last: bool, prefix_min: int) -> list[tuple[float, int]]:
        """How one query word matches: (score, procedures) pairs, best score first."""
        levels: list[tuple[float, int]] = []
        exact = self._tiers.get(word)
        if exact is not None:
            levels += [(tier * EXACT, bits) for tier, bits in zip(TIERS, exact, strict=True)]
        # A finished word that exists as typed is taken as meant; the word still being typed
        # (the last one) or one not found may be the start of a longer word.
        if len(word) >= prefix_min and (last or exact is None):
            merged = [0, 0, 0]
            vocab = self._vocab
            i = bisect.bisect_left(vocab, word)
            while i < len(vocab) and vocab[i].startswith(word):
                if vocab[i] != word:
                    for t, bits in enumerate(self._tiers[vocab[i]]):
                        merged[t] |= bits
                i += 1
            levels += [(tier * PREFIX, bits) for tier, bits in zip(TIERS, merged, strict=True)]
        if len(word) >= TYPO_MIN_LENGTH:
            merged = [0, 0, 0]
            seen = {word}
            for variant in {word} | _deletions(word):
                for token in self._deletes.get(variant, ()):
                    if token not in seen:
                        seen.add(token)
                        if _within_one_edit(word, token):
                            for t, bits in enumerate(self._tiers[token]):
                                merged[t] |= bits
            levels += [(tier * TYPO, bits) for tier, bits in zip(TIERS, merged, strict=True)]
        levels = [level for level in levels if level[1]]
        levels.sort(key=lambda level: -level[0])
        return levels

    @staticmethod
    def _partition(levels: list[tuple[float, int]], within: int) -> list[tuple[float, int]]:
        """Split `within` by the best level each procedure reached (disjoint parts)."""
        parts = []
        remaining = within
        for score, bits in levels:
            hit = bits & remaining
            if hit:
                parts.append((score, hit))
                remaining ^= hit
                if not remaining:
                    break
        if remaining:
            parts.append((0.0, remaining))
        return parts

    def _optional_positions(self, tokens: list[str]) -> set[int]:
        optional = {i for i, t in enumerate(tokens) if t in STOP_WORDS}
        for phrase in STOP_PHRASES:
            n = len(phrase)
            for i in range(len(tokens) - n + 1):
                if tuple(tokens[i : i + n]) == phrase:
                    optional.update(range(i, i + n))
        return optional

    def _asked_not_offered(self, tokens: list[str]) -> tuple[NotOffered | None, set[int]]:
        for entry, phrases in self._not_offered:
            for phrase in phrases:
                n = len(phrase)
                for i in range(len(tokens) - n + 1):
                    if tokens[i : i + n] == phrase:
                        return entry, set(range(i, i + n))
        return None, set()

    def search(self, query: str, limit: int = 10) -> SearchResult:
        """Procedures matching every (non-stop) word of `query`, best first; never raises."""
        if limit <= 0:
            return SearchResult([])
        reading = self._reader.read(query, MAX_QUERY_WORDS)  # a pasted paragraph is not a query
        tokens = reading.tokens[:MAX_QUERY_WORDS]
        if not tokens:
            return SearchResult([])
        result = self._search(tokens, limit)
        not_offered = result.not_offered
        hits = result.hits
        instead = not_offered.instead if not_offered is not None else None
        if instead in self._docs and all(h.procedure_id != instead for h in hits):
            # Not taught here, but the nearest thing that is: after what the words found.
            hits = [*hits, Hit(instead, 0.0)][: max(limit, 1)] if hits else [Hit(instead, 0.0)]
        said = bool(hits or not_offered) and reading.reinterpreted
        return SearchResult(hits, not_offered, reading.understood if said else None)

    def _search(self, tokens: list[str], limit: int) -> SearchResult:
        optional = self._optional_positions(tokens)
        if len(optional) == len(tokens):
            optional = set()  # "cấp" alone still means something
        not_offered, covered = self._asked_not_offered(tokens)
        required = [i for i in range(len(tokens)) if i not in optional]
        if not_offered is not None and all(i in covered for i in required):
            return SearchResult([], not_offered)

        last = len(tokens) - 1
        # One letter is too little to go on, unless other words narrow it down ("tam t").
        prefix_min = 1 if len(tokens) > 1 else PREFIX_MIN_LENGTH
        dims = [self._levels(tokens[i], i == last, prefix_min) for i in required]
        candidates = -1
        for levels in dims:
            any_bits = 0
            for _, bits in levels:
                any_bits |= bits
            candidates &= any_bits
            if not candidates:
                return SearchResult([], not_offered)
        parts = [self._partition(levels, candidates) for levels in dims]
        for i in sorted(optional):
            levels = self._levels(tokens[i], i == last, prefix_min)
            parts.append(self._partition([(OPTIONAL * s, b) for s, b in levels], candidates))

        bonus: dict[int, float] = {}
        # The whole query as typed counts fully; without its stop words, half ("làm CCCD" is
        # an everyday phrase of one procedure, "CCCD" of several).
        whole, core = " ".join(tokens), " ".join(tokens[i] for i in required)
        for phrase, weight in ((whole, 1.0), (core, 0.5 if core != whole else 1.0)):
            for doc, extra in self._phrases.get(phrase, {}).items():
                if candidates >> doc & 1:
                    bonus[doc] = max(bonus.get(doc, 0.0), extra * weight)
        bonus_bits = 0
        for doc in bonus:
            bonus_bits |= 1 << doc

        # Combinations of parts are disjoint groups of equal score; there are never more of
        # them than candidates, and usually a handful.
        groups = [(0.0, candidates & ~bonus_bits)]
        for dim in parts:
            groups = [(total + s, g & b) for total, g in groups for s, b in dim if g & b]
        by_score: dict[float, int] = {}
        for total, bits in groups:
            key = round(total, 6)
            by_score[key] = by_score.get(key, 0) | bits
        ranked: list[tuple[float, int]] = []
        for total in sorted(by_score, reverse=True):
            bits = by_score[total]
            while bits and len(ranked) < limit:
                low = bits & -bits
                ranked.append((-total, low.bit_length() - 1))
                bits ^= low
            if len(ranked) >= limit:
                break
        for doc, extra in bonus.items():
            score = extra + sum(next(s for s, b in dim if b >> doc & 1) for dim in parts)
            ranked.append((-round(score, 6), doc))
        ranked.sort()
        hits = [Hit(self._ids[d], round(-s, 3)) for s, d in ranked[:limit]]
        return SearchResult(hits, not_offered)
