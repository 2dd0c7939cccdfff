"""Writes for pledges, criteria and score sheets. Keyword-only, atomic, validated before saving.

Every change of a score writes a ScoreChange row (who, when, old, new). Every save of a sheet
carries the version the user saw; a save against an older version is refused (SheetConflict)."""

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from documents.templatetags.vn import vn_number
from members.models import BlocYear, Organization
from members.services import COPY_CRITERIA, COPY_SETTINGS, recorded_at
from pledges import selectors
from pledges.models import (
    Criterion,
    CrossScore,
    Evidence,
    Pledge,
    PledgeCommitment,
    PledgeTarget,
    Score,
    ScoreChange,
    ScoreSheet,
    ScoringSettings,
    Section,
)

CENT = Decimal("0.01")


class SheetConflict(Exception):
    """The sheet changed since the user opened it. Carries the sheet as it is now."""

    def __init__(self, sheet: ScoreSheet, scores: dict[int, Score], criteria=()):
        super().__init__("stale score sheet")
        self.sheet = sheet
        self.scores = scores  # criterion id -> the score as saved by the other person
        self.criteria = list(criteria)  # the rows found stale (a row lock); empty: the whole sheet


# --- Settings --------------------------------------------------------------------------------


def scoring_settings_for_update(*, bloc_year: BlocYear) -> ScoringSettings:
    settings, _created = ScoringSettings.objects.get_or_create(bloc_year=bloc_year)
    return settings


def _check_bands(bands) -> list:
    if not isinstance(bands, list) or not bands:
        raise ValidationError({"classification_bands": _("Give at least one band.")})
    share_error = _("A band's minimum is a share of the scale, from 0 to 100 per cent.")
    cleaned = []
    for band in bands:
        if not (isinstance(band, list | tuple) and len(band) == 2 and str(band[1]).strip()):
            raise ValidationError(
                {"classification_bands": _("Each band is a minimum total and a label.")}
            )
        try:
            minimum = Decimal(str(band[0]))
        except ArithmeticError as error:
            raise ValidationError(
                {"classification_bands": _("“%(value)s” is not a number.") % {"value": band[0]}}
            ) from error
        if not 0 <= minimum <= 100:
            raise ValidationError({"classification_bands": share_error})
        cleaned.append([float(minimum) if minimum % 1 else int(minimum), str(band[1]).strip()])
    return sorted(cleaned, key=lambda band: band[0], reverse=True)


# What a finalized sheet was judged by: changing it afterwards would reclassify or rerank members
# after the fact, so only the province office may, with a reason (DOMAIN.md §3).
FROZEN_SETTINGS = ("classification_bands", "tie_rule")


def scoring_frozen(bloc_year: BlocYear) -> bool:
    return ScoreSheet.objects.filter(bloc_year=bloc_year, finalized_at__isnull=False).exists()


@transaction.atomic
def scoring_settings_save(
    *, bloc_year: BlocYear, by_province: bool = False, reason: str = "", **values
) -> ScoringSettings:
    settings = scoring_settings_for_update(bloc_year=bloc_year)
    if "classification_bands" in values:
        values["classification_bands"] = _check_bands(values["classification_bands"])
    changed = [n for n in FROZEN_SETTINGS if n in values and values[n] != getattr(settings, n)]
    if changed and scoring_frozen(bloc_year):
        if not by_province:
            raise ValidationError(
                _(
                    "A score sheet is final: the bands and the tie rule are frozen. Only the "
                    "province's emulation office may change them now."
                )
            )
        if not reason.strip():
            raise ValidationError(
                {"amendment_reason": _("Give the reason for changing frozen settings.")}
            )
        settings.amendment_reason = reason.strip()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


# --- Pledge ----------------------------------------------------------------------------------


def _require_unsigned(pledge: Pledge) -> None:
    if pledge.is_signed:
        raise ValidationError(_("The pledge is signed: it can no longer be changed."))


@transaction.atomic
def pledge_save(
    *,
    bloc_year: BlocYear,
    number: str,
    signed_on,
    place: str,
    commitments: list[str],
) -> Pledge:
    """The pledge's heading and its ordered common commitments (replaced as a whole)."""
    pledge, _created = Pledge.objects.select_for_update().get_or_create(bloc_year=bloc_year)
    _require_unsigned(pledge)
    pledge.number, pledge.signed_on, pledge.place = number.strip(), signed_on, place.strip()
    pledge.full_clean()
    pledge.save()
    pledge.commitments.all().delete()
    PledgeCommitment.objects.bulk_create(
        PledgeCommitment(pledge=pledge, position=i, text=text.strip())
        for i, text in enumerate((t for t in commitments if t.strip()), start=1)
    )
    return pledge


@transaction.atomic
def pledge_sign(*, pledge: Pledge) -> Pledge:
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    _require_unsigned(pledge)
    errors = []
    if not pledge.signed_on:
        errors.append(_("Set the signing date first."))
    if not pledge.place.strip():
        errors.append(_("Set the signing place first."))
    if not pledge.commitments.exists():
        errors.append(_("Write at least one common commitment first."))
    if errors:
        raise ValidationError(errors)
    # A year entered afterwards was signed on its signing date, not on the day of data entry.
    on = pledge.signed_on if pledge.bloc_year.entered_afterwards else None
    pledge.is_signed, pledge.signed_at = True, recorded_at(pledge.bloc_year, on)
    pledge.save(update_fields=["is_signed", "signed_at"])
    # Signing issues the pledge: it takes its number in the head unit's register now.
    from pledges.printing import pledge_number

    pledge_number(pledge, issue=True)
    return pledge


def _check_member(bloc_year: BlocYear, organization: Organization) -> None:
    if not bloc_year.memberships.filter(organization=organization).exists():
        raise ValidationError(
            _("%(name)s is not a member of the bloc in %(year)s.")
            % {"name": organization.name, "year": bloc_year.year}
        )


@transaction.atomic
def pledge_targets_save(
    *, bloc_year: BlocYear, organization: Organization, rows: list[dict]
) -> list[PledgeTarget]:
    """Replace one member's targets. Each row: text, target_value, unit, criterion."""
    _check_member(bloc_year, organization)
    pledge, _created = Pledge.objects.select_for_update().get_or_create(bloc_year=bloc_year)
    _require_unsigned(pledge)
    criteria_ids = set(selectors.criteria_of_year(bloc_year).values_list("pk", flat=True))
    kept = {t.pk: t for t in pledge.targets.filter(organization=organization)}
    saved = []
    for position, row in enumerate(rows, start=1):
        criterion = row.get("criterion")
        if criterion is not None and criterion.pk not in criteria_ids:
            raise ValidationError(_("The criterion belongs to another year."))
        target = kept.pop(row.get("id"), None) or PledgeTarget(
            pledge=pledge, organization=organization
        )
        target.position = position
        target.text = row["text"].strip()
        target.target_value = row.get("target_value")
        target.unit = (row.get("unit") or "").strip()
        target.criterion = criterion
        target.full_clean()
        target.save()
        saved.append(target)
    PledgeTarget.objects.filter(pk__in=list(kept)).delete()
    return saved


@transaction.atomic
def pledge_achievements_save(
    *, bloc_year: BlocYear, organization: Organization, achieved: dict[int, Decimal | None]
) -> int:
    """The figures achieved at year end: allowed after signing, the only change then."""
    targets = PledgeTarget.objects.filter(pledge__bloc_year=bloc_year, organization=organization)
    changed = []
    for target in targets.select_for_update():
        if target.pk in achieved and achieved[target.pk] != target.achieved_value:
            target.achieved_value = achieved[target.pk]
            target.full_clean()
            changed.append(target)
    PledgeTarget.objects.bulk_update(changed, ["achieved_value"])
    return len(changed)


# --- Criteria --------------------------------------------------------------------------------


def require_criteria_editable(bloc_year: BlocYear) -> None:
    if selectors.criteria_frozen(bloc_year):
        raise ValidationError(
            _(
                "The criteria are frozen: scoring has started (a sheet was handed in or the "
                "phase is past the pledge)."
            )
        )


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def section_save(*, bloc_year: BlocYear, section: Section) -> Section:
    require_criteria_editable(bloc_year)
    section.bloc_year = bloc_year
    if not section.pk and not section.position:
        section.position = _next_position(bloc_year.criteria_sections.all())
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    require_criteria_editable(section.bloc_year)
    section.delete()


@transaction.atomic
def criterion_save(*, bloc_year: BlocYear, criterion: Criterion) -> Criterion:
    require_criteria_editable(bloc_year)
    if criterion.section.bloc_year_id != bloc_year.pk:
        raise ValidationError(_("The section belongs to another year."))
    if not criterion.pk and not criterion.position:
        criterion.position = _next_position(criterion.section.criteria.all())
    criterion.full_clean()
    criterion.save()
    # Draft scores follow the new maximum; a value above it is cleared rather than kept invalid.
    Score.objects.filter(criterion=criterion, self_points__gt=criterion.max_points).update(
        self_points=None
    )
    Score.objects.filter(criterion=criterion).update(max_points=criterion.max_points)
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    require_criteria_editable(criterion.section.bloc_year)
    criterion.delete()


def copy_criteria(*, source: BlocYear, target: BlocYear) -> int:
    """Copy the sections and criteria of `source` into `target`. Returns the number of criteria."""
    count = 0
    for section in selectors.sections_with_criteria(source):
        new_section = Section.objects.create(
            bloc_year=target, position=section.position, code=section.code, title=section.title
        )
        criteria = [
            Criterion(
                section=new_section,
                position=c.position,
                code=c.code,
                title=c.title,
                kind=c.kind,
                max_points=c.max_points,
                guidance=c.guidance,
            )
            for c in section.criteria.all()
        ]
        Criterion.objects.bulk_create(criteria)
        count += len(criteria)
    return count


@transaction.atomic
def criteria_copy_previous(*, bloc_year: BlocYear) -> int:
    """Replace this year's criteria by last year's (one action, then edit)."""
    require_criteria_editable(bloc_year)
    previous = selectors.previous_year(bloc_year)
    if previous is None or not previous.criteria_sections.exists():
        raise ValidationError(_("The previous year has no criteria to copy."))
    bloc_year.criteria_sections.all().delete()
    return copy_criteria(source=previous, target=bloc_year)


def phase_problems(bloc_year: BlocYear, phase: str) -> list[str]:
    """members.services.PHASE_CHECKS: scoring needs criteria to score against."""
    scoring = (BlocYear.Phase.SCORING, BlocYear.Phase.REVIEW, BlocYear.Phase.MEETING)
    if phase in scoring and not selectors.criteria_of_year(bloc_year).exists():
        return [_("The year has no criteria yet: add or import them before self-scoring.")]
    return []


def phase_entered(bloc_year: BlocYear) -> None:
    """members.services.PHASE_ENTERED: self-scoring starts with every member's sheet open, even
    where the year was opened before its criteria and settings (no sheet was opened then)."""
    if bloc_year.phase == BlocYear.Phase.SCORING:
        sheets_ensure(bloc_year=bloc_year)


def open_year(*, source: BlocYear | None, new: BlocYear, parts: frozenset) -> None:
    """members.services.YEAR_OPENERS: carry the criteria and the scoring settings over, as
    asked."""
    if source is None:
        return
    if COPY_CRITERIA in parts and not new.criteria_sections.exists():
        copy_criteria(source=source, target=new)
    if COPY_SETTINGS not in parts:
        return
    old = ScoringSettings.objects.filter(bloc_year=source).first()
    if old is not None and not ScoringSettings.objects.filter(bloc_year=new).exists():
        old.pk, old.id, old.bloc_year = None, None, new
        old.amendment_reason = ""  # the last year's amendment is not this year's
        old._state.adding = True
        old.save()
    sheets_ensure(bloc_year=new)


# --- Sheets: self-scoring --------------------------------------------------------------------


def sheets_ensure(*, bloc_year: BlocYear) -> None:
    """Every member of an open year has a (draft) sheet. Idempotent, two queries at most."""
    if bloc_year.is_closed:
        return
    have = set(bloc_year.score_sheets.values_list("organization_id", flat=True))
    missing = [
        org_id
        for org_id in bloc_year.memberships.values_list("organization_id", flat=True)
        if org_id not in have
    ]
    ScoreSheet.objects.bulk_create(
        [ScoreSheet(bloc_year=bloc_year, organization_id=org_id) for org_id in missing],
        ignore_conflicts=True,
    )


def _current_scores(sheet: ScoreSheet) -> dict[int, Score]:
    return {s.criterion_id: s for s in Score.objects.filter(sheet=sheet)}


def _claim_version(sheet: ScoreSheet, version: int) -> ScoreSheet:
    """The optimistic lock. The conditional UPDATE is atomic in the database: of two saves that
    carry the same version, the second finds the row already moved on and changes nothing."""
    moved = ScoreSheet.objects.filter(pk=sheet.pk, version=version).update(version=F("version") + 1)
    fresh = ScoreSheet.objects.select_related("organization", "bloc_year").get(pk=sheet.pk)
    if not moved:
        raise SheetConflict(fresh, _current_scores(fresh))
    sheet.version = fresh.version
    return fresh


def _record(score: Score, field: str, old, new, user, reason: str = "", scorer=None) -> None:
    if old != new:
        ScoreChange.objects.create(
            score=score,
            field=field,
            old_value=old,
            new_value=new,
            changed_by=user,
            reason=reason,
            scorer=scorer,
        )


def _require_status(sheet: ScoreSheet, allowed: tuple, message: str) -> None:
    if sheet.status not in allowed:
        raise ValidationError(message)


def _check_points(criterion: Criterion, points: Decimal | None) -> None:
    if points is None:
        return
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            {
                "points": _("Points must be between 0 and %(max)s.")
                % {"max": vn_number(criterion.max_points)}
            }
        )
    if points != points.quantize(CENT):
        raise ValidationError({"points": _("Use at most 2 decimal places.")})


def _score_for(sheet: ScoreSheet, criterion: Criterion) -> Score:
    score, _created = Score.objects.get_or_create(
        sheet=sheet, criterion=criterion, defaults={"max_points": criterion.max_points}
    )
    return score


def check_evidence_file(upload) -> None:
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            {
                "evidence": _(
                    "Files of type “.%(ext)s” are not accepted. Send PDF, images or Office "
                    "documents (%(allowed)s)."
                )
                % {"ext": extension or "?", "allowed": ", ".join(sorted(EVIDENCE_EXTENSIONS))}
            }
        )
    if not _content_matches(upload, extension):
        raise ValidationError(
            {
                "evidence": _(
                    "The content of “%(name)s” is not a .%(ext)s file: save it again in that "
                    "format, or give it the extension of what it is."
                )
                % {"name": upload.name[-80:], "ext": extension}
            }
        )
    limit = django_settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "evidence": _("The file is too big (%(size)s MB): at most %(limit)s MB.")
                % {
                    "size": f"{upload.size / 1048576:.1f}".replace(".", ","),
                    "limit": f"{limit / 1048576:g}".replace(".", ","),
                }
            }
        )


# The first bytes each accepted type begins with ("magic bytes"): a file named .pdf must be a
# PDF, so a page or a script renamed to .pdf is not stored and served as evidence.
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_ZIP = (b"PK\x03\x04",)
EVIDENCE_MAGIC = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
}


def _content_matches(upload, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == "webp" and head[8:12] != b"WEBP":
        return False
    return head.startswith(EVIDENCE_MAGIC[extension])


EVIDENCE_EXTENSIONS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass
class SelfRow:
    """One row of the member's own sheet as the form sent it, with the version it was read at."""

    criterion: Criterion
    points: Decimal | None
    note: str
    version: int


def row_version(score: Score | None) -> int:
    return score.version if score is not None else 0


@transaction.atomic
def sheet_self_save(*, sheet: ScoreSheet, rows: list[SelfRow], user) -> int:
    """Save the changed rows of the member's own sheet at once; returns how many changed.

    Each row carries the version it was read at. A row whose values equal what is stored is left
    alone; a changed row whose version is older than the stored one was saved by someone else in
    the meantime: then nothing of the call is saved (SheetConflict names the rows)."""
    for row in rows:
        if row.criterion.section.bloc_year_id != sheet.bloc_year_id:
            raise ValidationError(_("The criterion belongs to another year."))
        _check_points(row.criterion, row.points)
    sheet = (
        ScoreSheet.objects.select_for_update()
        .select_related("organization", "bloc_year")
        .get(pk=sheet.pk)
    )
    _require_status(
        sheet,
        (ScoreSheet.Status.DRAFT, ScoreSheet.Status.RETURNED),
        _("The sheet was handed in: it can no longer be changed."),
    )
    scores = _current_scores(sheet)
    changed = [r for r in rows if _differs(scores.get(r.criterion.pk), r)]
    stale = [
        r.criterion.pk for r in changed if row_version(scores.get(r.criterion.pk)) != r.version
    ]
    if stale:
        raise SheetConflict(sheet, scores, criteria=stale)
    for row in changed:
        score = scores.get(row.criterion.pk) or _score_for(sheet, row.criterion)
        _record(score, ScoreChange.Field.SELF, score.self_points, row.points, user)
        score.self_points, score.note = row.points, row.note.strip()
        score.version += 1
        score.full_clean()
        score.save()
    if changed:
        ScoreSheet.objects.filter(pk=sheet.pk).update(version=F("version") + 1)
    return len(changed)


def _differs(score: Score | None, row: SelfRow) -> bool:
    if score is None:
        return row.points is not None or bool(row.note.strip())
    return score.self_points != row.points or score.note != row.note.strip()


@transaction.atomic
def score_save_self(
    *,
    sheet: ScoreSheet,
    criterion: Criterion,
    points: Decimal | None,
    note: str,
    version: int,
    user,
    evidence=None,
) -> Score:
    """One row of the member's own sheet (the per-row autosave), optionally with a file."""
    if evidence is not None:
        check_evidence_file(evidence)
    row = SelfRow(criterion=criterion, points=points, note=note, version=version)
    sheet_self_save(sheet=sheet, rows=[row], user=user)
    score = _score_for(sheet, criterion)
    if evidence is not None:
        evidence_add(score=score, upload=evidence, user=user)
    return score


@transaction.atomic
def evidence_upload(*, sheet: ScoreSheet, criterion: Criterion, upload, user) -> Evidence:
    """A file for one row of a sheet still being filled."""
    if criterion.section.bloc_year_id != sheet.bloc_year_id:
        raise ValidationError(_("The criterion belongs to another year."))
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    _require_status(
        sheet,
        (ScoreSheet.Status.DRAFT, ScoreSheet.Status.RETURNED),
        _("The sheet was handed in: its evidence can no longer be changed."),
    )
    return evidence_add(score=_score_for(sheet, criterion), upload=upload, user=user)


def evidence_add(*, score: Score, upload, user) -> Evidence:
    check_evidence_file(upload)
    extension = upload.name.rsplit(".", 1)[-1].lower()
    return Evidence.objects.create(
        score=score,
        file=upload,
        original_name=upload.name[-255:],
        size=upload.size,
        content_type=EVIDENCE_EXTENSIONS[extension],
        uploaded_by=user,
    )


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    sheet = evidence.score.sheet
    _require_status(
        sheet,
        (ScoreSheet.Status.DRAFT, ScoreSheet.Status.RETURNED),
        _("The sheet was handed in: its evidence can no longer be changed."),
    )
    # The file goes only once the row is gone for good: a rolled-back delete keeps both.
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def sheet_submit(
    *, sheet: ScoreSheet, version: int, user, on: datetime.date | None = None
) -> ScoreSheet:
    sheet = _claim_version(sheet, version)
    _require_status(
        sheet,
        (ScoreSheet.Status.DRAFT, ScoreSheet.Status.RETURNED),
        _("The sheet was already handed in."),
    )
    criteria = selectors.criteria_of_year(sheet.bloc_year)
    if not criteria.exists():
        raise ValidationError(_("The year has no criteria yet."))
    scored = set(
        Score.objects.filter(sheet=sheet, self_points__isnull=False).values_list(
            "criterion_id", flat=True
        )
    )
    missing = [str(c) for c in criteria if c.pk not in scored]
    if missing:
        raise ValidationError(
            _("Give points for every criterion before submitting. Missing: %(list)s")
            % {"list": "; ".join(missing[:5]) + ("…" if len(missing) > 5 else "")}
        )
    sheet.status, sheet.submitted_at, sheet.submitted_by = (
        ScoreSheet.Status.SUBMITTED,
        recorded_at(sheet.bloc_year, on),
        user,
    )
    sheet.return_reason = ""
    sheet.save(update_fields=["status", "submitted_at", "submitted_by", "return_reason"])
    return sheet


# --- Review ----------------------------------------------------------------------------------

HANDED_IN = (ScoreSheet.Status.SUBMITTED, ScoreSheet.Status.REVIEWED)


@dataclass
class ReviewRow:
    criterion: Criterion
    points: Decimal | None
    reason: str = ""


@transaction.atomic
def sheet_review_save(
    *, sheet: ScoreSheet, rows: list[ReviewRow], version: int, user
) -> ScoreSheet:
    """Head review: reviewed points per criterion (default: the self points); a reason is required
    wherever they differ from the member's own points."""
    settings = selectors.scoring_settings(sheet.bloc_year)
    if settings.review_mode != ScoringSettings.ReviewMode.HEAD:
        raise ValidationError(_("This year uses cross-scoring, not head review."))
    scores = _current_scores(sheet)
    errors = {}
    for row in rows:
        score = scores.get(row.criterion.pk)
        try:
            _check_points(row.criterion, row.points)
        except ValidationError as error:
            errors[row.criterion.pk] = error.message_dict["points"][0]
            continue
        own = score.self_points if score else None
        if row.points is not None and row.points != own and not row.reason.strip():
            message = _("Give the reason for changing the member's points.")
            errors[row.criterion.pk] = ValidationError(message, code="reason")  # the reason's box
    if errors:
        raise ValidationError(errors)
    sheet = _claim_version(sheet, version)
    _require_status(sheet, HANDED_IN, _("Only a handed-in sheet can be reviewed."))
    for row in rows:
        score = scores.get(row.criterion.pk) or _score_for(sheet, row.criterion)
        _record(
            score, ScoreChange.Field.REVIEWED, score.reviewed_points, row.points, user, row.reason
        )
        score.reviewed_points, score.review_reason = row.points, row.reason.strip()
        score.save(update_fields=["reviewed_points", "review_reason"])
    sheet.status = ScoreSheet.Status.REVIEWED
    sheet.save(update_fields=["status"])
    return sheet


@transaction.atomic
def cross_scores_save(
    *, sheet: ScoreSheet, scorer: Organization, points: dict[int, Decimal | None], user
) -> int:
    """Cross-scoring: `scorer` scores another member's sheet. Never its own."""
    settings = selectors.scoring_settings(sheet.bloc_year)
    if settings.review_mode != ScoringSettings.ReviewMode.CROSS:
        raise ValidationError(_("This year uses head review, not cross-scoring."))
    if scorer.pk == sheet.organization_id:
        raise ValidationError(_("A member never scores its own sheet."))
    _check_member(sheet.bloc_year, scorer)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    _require_status(sheet, HANDED_IN, _("Only a handed-in sheet can be scored."))
    criteria = {c.pk: c for c in selectors.criteria_of_year(sheet.bloc_year)}
    errors = {}
    for criterion_id, value in points.items():
        try:
            _check_points(criteria[criterion_id], value)
        except ValidationError as error:
            errors[criterion_id] = error.message_dict["points"][0]
    if errors:
        raise ValidationError(errors)
    scores = _current_scores(sheet)
    existing = {
        c.score.criterion_id: c
        for c in CrossScore.objects.filter(score__sheet=sheet, scorer=scorer).select_related(
            "score"
        )
    }
    changed = 0
    for criterion_id, value in points.items():
        score = scores.get(criterion_id) or _score_for(sheet, criteria[criterion_id])
        cross = existing.get(criterion_id)
        old = cross.points if cross else None
        if old == value:
            continue
        _record(score, ScoreChange.Field.CROSS, old, value, user, scorer=scorer)
        changed += 1
        if value is None:
            cross.delete()
        elif cross:
            cross.points = value
            cross.save(update_fields=["points", "updated_at"])
        else:
            CrossScore.objects.create(
                score=score,
                scorer=scorer,
                subject_id=sheet.organization_id,
                max_points=score.max_points,
                points=value,
            )
    if changed:
        ScoreSheet.objects.filter(pk=sheet.pk).update(version=F("version") + 1)
    return changed


def aggregate_points(values: list[Decimal], method: str) -> Decimal | None:
    """Mean or median of the other members' points, rounded half up to 2 places.
    Example (tests): 6, 8, 9, 10 → mean 8.25, median 8.5."""
    if not values:
        return None
    if method == ScoringSettings.Aggregate.MEDIAN:
        result = statistics.median(values)
    else:
        result = sum(values, Decimal(0)) / len(values)
    return Decimal(result).quantize(CENT, rounding=ROUND_HALF_UP)


def _final_for(score: Score, settings: ScoringSettings) -> Decimal | None:
    """Cross mode: aggregate of others' scores; with none, the reviewed or self points stand.
    Head mode: the reviewed points, else the member's own."""
    if settings.review_mode == ScoringSettings.ReviewMode.CROSS:
        others = [c.points for c in score.cross_scores.all()]
        aggregated = aggregate_points(others, settings.aggregate)
        if aggregated is not None:
            return min(aggregated, score.max_points)
    if score.reviewed_points is not None:
        return score.reviewed_points
    return score.self_points


@transaction.atomic
def sheet_return(*, sheet: ScoreSheet, reason: str, user) -> ScoreSheet:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the sheet is returned.")})
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    _require_status(sheet, HANDED_IN, _("Only a handed-in sheet can be returned."))
    sheet.status, sheet.return_reason = ScoreSheet.Status.RETURNED, reason.strip()
    sheet.version += 1
    sheet.save(update_fields=["status", "return_reason", "version"])
    return sheet


@transaction.atomic
def sheet_finalize(*, sheet: ScoreSheet, user, on: datetime.date | None = None) -> ScoreSheet:
    sheet = ScoreSheet.objects.select_for_update().select_related("bloc_year").get(pk=sheet.pk)
    _require_status(sheet, HANDED_IN, _("Only a handed-in sheet can be finalized."))
    settings = selectors.scoring_settings(sheet.bloc_year)
    scores = list(Score.objects.filter(sheet=sheet).prefetch_related("cross_scores"))
    for score in scores:
        final = _final_for(score, settings)
        if final is None:
            raise ValidationError(_("A criterion has no points: the sheet cannot be finalized."))
        _record(score, ScoreChange.Field.FINAL, score.final_points, final, user)
        score.final_points = final
    Score.objects.bulk_update(scores, ["final_points"])
    sheet.status, sheet.finalized_at = ScoreSheet.Status.FINAL, recorded_at(sheet.bloc_year, on)
    sheet.version += 1
    sheet.save(update_fields=["status", "finalized_at", "version"])
    return sheet


@transaction.atomic
def sheets_finalize_all(*, bloc_year: BlocYear, user, on=None) -> int:
    """Every handed-in sheet final, or none; `on`: the date of record (years entered afterwards)."""
    sheets = ScoreSheet.objects.filter(bloc_year=bloc_year, status__in=HANDED_IN)
    count = 0
    for sheet in sheets:
        sheet_finalize(sheet=sheet, user=user, on=on)
        count += 1
    return count


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
