"""What staff see of the evaluations after gatherings: aggregates, and free text behind the
threshold (design.md rule 10).

Every free text — a module's comments, "what was missing", "what to keep" — reaches a page, a
file or a panel only through `free_text`: the answers to one question for one gathering are
shown when at least `TEXT_THRESHOLD` people wrote one, otherwise none of them is ("Too few
answers to show"). Ratings and readiness are shown as counts, means and distributions.

Every selector here makes a fixed number of queries whatever the number of responses: the
figures are grouped and counted by the database, the texts of a question come in one query
(tests/evaluation/test_feedback.py and bench/evaluation.py check it).

A module is its `translation_key` (`ModuleRating.module_key`): the Norwegian page and its
English translation show the same feedback.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Q
from django.utils import translation
from wagtail.models import Page

from cohorts.models import Gathering
from courses.models import ModulePage

from .models import CommentAddressed, EvaluationInvite, GatheringResponse, ModuleRating
from .models.gatherings import Readiness

TEXT_THRESHOLD = 5
SCALE = (1, 2, 3, 4, 5)
READINESS_FIELDS = (
    ("individual", "ready_individual"),
    ("service", "ready_service"),
    ("system", "ready_system"),
)


# --- The threshold -------------------------------------------------------------------------


@dataclass(frozen=True)
class FreeText:
    """The answers to one free-text question for one gathering, as staff may see them:
    `answered` people wrote one; `items` holds them only when `shown`."""

    answered: int
    items: tuple = ()

    @property
    def shown(self) -> bool:
        return self.answered >= TEXT_THRESHOLD


def _text_of(item) -> str:
    return item if isinstance(item, str) else item.text


def free_text(items) -> FreeText:
    """The one door for free text: the non-empty answers of one question for one gathering,
    all of them when at least TEXT_THRESHOLD people wrote one, none otherwise."""
    answers = tuple(item for item in items if _text_of(item).strip())
    if len(answers) < TEXT_THRESHOLD:
        return FreeText(answered=len(answers))
    return FreeText(answered=len(answers), items=answers)


@dataclass(frozen=True)
class Comment:
    """A comment on a module, with the editor's mark when it was taken in."""

    rating_id: object
    gathering_id: int
    module_key: object
    text: str
    addressed_revision_id: int | None = None
    addressed: bool = False


# --- Ratings -------------------------------------------------------------------------------


@dataclass
class Ratings:
    """The ratings of one module (at one gathering, or over several)."""

    count: int = 0
    usefulness: float | None = None
    clarity: float | None = None
    usefulness_counts: list = field(default_factory=lambda: [0] * 5)
    clarity_counts: list = field(default_factory=lambda: [0] * 5)
    comment_count: int = 0

    @property
    def usefulness_distribution(self):
        return list(zip(SCALE, self.usefulness_counts, strict=True))

    @property
    def clarity_distribution(self):
        return list(zip(SCALE, self.clarity_counts, strict=True))


def _rating_aggregates():
    figures = {
        "count": Count("id"),
        "mean_usefulness": Avg("usefulness"),
        "mean_clarity": Avg("clarity"),
        "comment_count": Count("id", filter=~Q(comment="")),
    }
    for value in SCALE:
        figures[f"u{value}"] = Count("id", filter=Q(usefulness=value))
        figures[f"c{value}"] = Count("id", filter=Q(clarity=value))
    return figures


def _ratings(row) -> Ratings:
    return Ratings(
        count=row["count"],
        usefulness=row["mean_usefulness"],
        clarity=row["mean_clarity"],
        usefulness_counts=[row[f"u{value}"] for value in SCALE],
        clarity_counts=[row[f"c{value}"] for value in SCALE],
        comment_count=row["comment_count"],
    )


def _gatherings(ids) -> dict[int, Gathering]:
    return {
        gathering.pk: gathering
        for gathering in Gathering.objects.filter(pk__in=set(ids)).order_by("starts_at")
    }


def _comments(ratings) -> dict[tuple, FreeText]:
    """The comments of `ratings` (a ModuleRating queryset) by (gathering id, module key), each
    group through the threshold. One query."""
    rows = (
        ratings.exclude(comment="")
        .values_list(
            "id",
            "response__gathering_id",
            "module_key",
            "comment",
            "addressed__id",
            "addressed__revision_id",
        )
        .order_by("id")  # random ids: the order gives no time away
    )
    groups = defaultdict(list)
    for rating_id, gathering_id, module_key, text, mark_id, revision_id in rows:
        groups[(gathering_id, module_key)].append(
            Comment(rating_id, gathering_id, module_key, text, revision_id, mark_id is not None)
        )
    return {key: free_text(items) for key, items in groups.items()}


@dataclass
class GatheringRatings:
    gathering: Gathering
    ratings: Ratings
    comments: FreeText


@dataclass
class ModuleFeedback:
    """One module's feedback: per gathering, oldest first (the trend), and over all."""

    module_key: object
    gatherings: list
    total: Ratings

    @property
    def shown_comments(self) -> list:
        return [comment for row in self.gatherings for comment in row.comments.items]


def module_feedback(module_key) -> ModuleFeedback:
    """Ratings of one module at every gathering that rated it, and the comments. Four queries."""
    ratings = ModuleRating.objects.filter(module_key=module_key)
    rows = list(
        ratings.values("response__gathering_id")
        .annotate(**_rating_aggregates())
        .order_by("response__gathering_id")
    )
    total = ratings.aggregate(**_rating_aggregates())
    gatherings = _gatherings(row["response__gathering_id"] for row in rows)
    comments = _comments(ratings) if total["comment_count"] else {}
    per_gathering = [
        GatheringRatings(
            gathering=gatherings[row["response__gathering_id"]],
            ratings=_ratings(row),
            comments=comments.get((row["response__gathering_id"], module_key), free_text(())),
        )
        for row in rows
    ]
    per_gathering.sort(key=lambda row: (row.gathering.starts_at, row.gathering.pk))
    return ModuleFeedback(module_key=module_key, gatherings=per_gathering, total=_ratings(total))


def comment_is_shown(rating: ModuleRating) -> bool:
    """Is this comment shown to staff (its module's comments at its gathering pass the
    threshold)? Only a shown comment can be marked as taken in."""
    if not rating.comment.strip():
        return False
    ratings = ModuleRating.objects.filter(
        module_key=rating.module_key, response__gathering_id=rating.response.gathering_id
    )
    group = _comments(ratings).get((rating.response.gathering_id, rating.module_key))
    return group is not None and any(item.rating_id == rating.pk for item in group.items)


def comments_waiting() -> dict:
    """Per module key: the shown comments nobody has marked as taken in yet (the threshold's
    rule, `FreeText.shown`, on each question's count at each gathering). One query."""
    rows = (
        ModuleRating.objects.exclude(comment__regex=r"^\s*$")
        .values("response__gathering_id", "module_key")
        .annotate(written=Count("id"), waiting=Count("id", filter=Q(addressed__isnull=True)))
        .order_by()
    )
    waiting = defaultdict(int)
    for row in rows:
        if FreeText(answered=row["written"]).shown and row["waiting"]:
            waiting[row["module_key"]] += row["waiting"]
    return dict(waiting)


# --- Module pages --------------------------------------------------------------------------


def module_pages(module_keys) -> dict:
    """The module page for each key, in the reader's language when it has one (else the
    Norwegian, else any). One query."""
    language = translation.get_language() or "nb"
    preference = {language: 0, "nb": 1}
    best = {}
    pages = ModulePage.objects.filter(translation_key__in=set(module_keys)).select_related("locale")
    for page in pages:
        rank = preference.get(page.locale.language_code, 2)
        if page.translation_key not in best or rank < best[page.translation_key][0]:
            best[page.translation_key] = (rank, page)
    return {key: page for key, (_rank, page) in best.items()}


# --- The module report ---------------------------------------------------------------------


@dataclass
class ModuleRow:
    module_key: object
    page: ModulePage | None
    ratings: Ratings
    gathering_count: int
    comments: list  # FreeText per gathering, for the export


def report_years() -> list[int]:
    """Years of gatherings that have responses, newest first."""
    return list(
        Gathering.objects.filter(evaluation_responses__isnull=False)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def module_report(*, year=None, level=None, with_comments=False) -> list[ModuleRow]:
    """Every rated module, lowest mean usefulness first (then clarity), for gatherings of
    `year` and `level` when given. Three queries (four with the comments)."""
    ratings = ModuleRating.objects.all()
    if year:
        ratings = ratings.filter(response__gathering__year=year)
    if level:
        ratings = ratings.filter(response__gathering__level=level)
    rows = list(
        ratings.values("module_key").annotate(
            **_rating_aggregates(),
            gathering_count=Count("response__gathering", distinct=True),
        )
    )
    pages = module_pages(row["module_key"] for row in rows)
    comments = _comments(ratings) if with_comments else {}
    by_module = defaultdict(list)
    for (gathering_id, module_key), group in comments.items():
        by_module[module_key].append((gathering_id, group))
    if with_comments:
        gatherings = _gatherings(gathering_id for gathering_id, _key in comments)
    result = []
    for row in rows:
        groups = [
            (gatherings[gathering_id], group)
            for gathering_id, group in sorted(by_module.get(row["module_key"], []))
        ]
        result.append(
            ModuleRow(
                module_key=row["module_key"],
                page=pages.get(row["module_key"]),
                ratings=_ratings(row),
                gathering_count=row["gathering_count"],
                comments=groups,
            )
        )
    result.sort(
        key=lambda row: (
            row.ratings.usefulness is None,
            row.ratings.usefulness or 0,
            row.ratings.clarity or 0,
            row.page.title if row.page else "",
        )
    )
    return result


# --- One gathering -------------------------------------------------------------------------


@dataclass
class ReadinessRow:
    level: str
    counts: list  # (Readiness choice, count), then ("", unanswered)


@dataclass
class GatheringEvaluation:
    gathering: Gathering
    invited: int
    answered: int
    responses: int
    modules: list  # (page or None, module key, Ratings, FreeText of comments)
    readiness: list
    missing: FreeText
    keep: FreeText


def gathering_evaluation(gathering: Gathering) -> GatheringEvaluation:
    """A gathering's results for its coordinators: who answered of those invited, the modules'
    ratings, readiness per level and the texts behind the threshold. Six queries."""
    invites = EvaluationInvite.objects.filter(gathering=gathering).aggregate(
        invited=Count("id"), answered=Count("id", filter=Q(answered=True))
    )
    responses = GatheringResponse.objects.filter(gathering=gathering)
    readiness_figures = {"responses": Count("id")}
    for level, field_name in READINESS_FIELDS:
        for choice in Readiness:
            readiness_figures[f"{level}_{choice.value}"] = Count(
                "id", filter=Q(**{field_name: choice.value})
            )
    figures = responses.aggregate(**readiness_figures)
    readiness = [
        ReadinessRow(
            level=level,
            counts=[(choice, figures[f"{level}_{choice.value}"]) for choice in Readiness],
        )
        for level, _field in READINESS_FIELDS
    ]
    texts = list(responses.values_list("missing", "keep").order_by("id"))
    ratings = ModuleRating.objects.filter(response__gathering=gathering)
    rows = list(ratings.values("module_key").annotate(**_rating_aggregates()))
    pages = module_pages(row["module_key"] for row in rows)
    comments = _comments(ratings) if any(row["comment_count"] for row in rows) else {}
    modules = [
        (
            pages.get(row["module_key"]),
            row["module_key"],
            _ratings(row),
            comments.get((gathering.pk, row["module_key"]), free_text(())),
        )
        for row in rows
    ]
    modules.sort(key=lambda module: module[0].title if module[0] else "")
    return GatheringEvaluation(
        gathering=gathering,
        invited=invites["invited"],
        answered=invites["answered"],
        responses=figures["responses"],
        modules=modules,
        readiness=readiness,
        missing=free_text(missing for missing, _keep in texts),
        keep=free_text(keep for _missing, keep in texts),
    )


# --- What a version in review answers ------------------------------------------------------


def comments_answered(page, *, after_revision_id, up_to_revision_id) -> list[Comment]:
    """The shown comments on the page's module marked as taken in by a revision of this page
    newer than `after_revision_id` (the live one) and not newer than `up_to_revision_id` (the
    one in review): what the version in review answers."""
    marked = CommentAddressed.objects.filter(
        revision__base_content_type=ContentType.objects.get_for_model(Page),
        revision__object_id=str(page.pk),
        revision_id__gt=after_revision_id or 0,
        revision_id__lte=up_to_revision_id,
        rating__module_key=page.translation_key,
    ).values_list("rating_id", flat=True)
    marked = set(marked)
    if not marked:
        return []
    feedback = module_feedback(page.translation_key)
    return [comment for comment in feedback.shown_comments if comment.rating_id in marked]
