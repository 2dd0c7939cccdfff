"""Writes for blocs, organizations and years. Keyword-only, atomic, validated before saving."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from members.models import Bloc, BlocYear, Membership, Organization

# Apps above this one (criteria, award rules) add what they carry into a new year; each is
# called as fn(previous=..., new=...) inside the same transaction.
YEAR_OPENERS: list[Callable[..., None]] = []


def organization_save(*, organization: Organization) -> Organization:
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def membership_add(*, bloc_year: BlocYear, organization: Organization) -> Membership:
    if organization.bloc_id != bloc_year.bloc_id:
        raise ValidationError(_("This organization belongs to another bloc."))
    if bloc_year.memberships.filter(organization=organization).exists():
        raise ValidationError(
            _("%(name)s is already a member this year.") % {"name": organization.name}
        )
    last = bloc_year.memberships.aggregate(last=Max("position"))["last"] or 0
    return Membership.objects.create(
        bloc_year=bloc_year, organization=organization, position=last + 1
    )


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    bloc_year = membership.bloc_year
    if membership.organization_id in (bloc_year.head_id, bloc_year.deputy_id):
        raise ValidationError(
            _("%(name)s leads the bloc this year: choose another head or deputy first.")
            % {"name": membership.organization.name}
        )
    membership.delete()


@transaction.atomic
def membership_move(*, membership: Membership, up: bool) -> None:
    """Swap with the neighbour above or below; positions are renumbered 1..n on the way."""
    rows = list(
        Membership.objects.select_for_update()
        .filter(bloc_year_id=membership.bloc_year_id)
        .order_by("position", "organization__name")
    )
    index = next(i for i, row in enumerate(rows) if row.pk == membership.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, start=1):
        row.position = position
    Membership.objects.bulk_update(rows, ["position"])


def membership_set_block(*, membership: Membership, blocked: bool, reason: str) -> Membership:
    membership.nomination_blocked = blocked
    membership.block_reason = reason.strip() if blocked else ""
    if blocked and not membership.block_reason:
        raise ValidationError({"block_reason": _("Give the reason the member is flagged.")})
    membership.save(update_fields=["nomination_blocked", "block_reason"])
    return membership


def _check_leadership(*, bloc_year: BlocYear, head, deputy, member_ids: set[int]) -> None:
    errors = {}
    if head and deputy and head.pk == deputy.pk:
        errors["deputy"] = _("The head and the deputy head must be different organizations.")
    for name, org in (("head", head), ("deputy", deputy)):
        if org and org.pk not in member_ids:
            errors.setdefault(
                name,
                _("%(name)s is not a member of the bloc in %(year)s.")
                % {
                    "name": org.name,
                    "year": bloc_year.year,
                },
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bloc_year_set_leadership(
    *, bloc_year: BlocYear, head: Organization | None, deputy: Organization | None
) -> BlocYear:
    member_ids = set(bloc_year.memberships.values_list("organization_id", flat=True))
    _check_leadership(bloc_year=bloc_year, head=head, deputy=deputy, member_ids=member_ids)
    bloc_year.head, bloc_year.deputy = head, deputy
    bloc_year.save(update_fields=["head", "deputy"])
    return bloc_year


def rotation_proposal(bloc_year: BlocYear) -> dict:
    """The seed bloc's custom: this year's deputy leads next year. Only a proposal."""
    return {"head": bloc_year.deputy, "deputy": None}


@transaction.atomic
def bloc_year_open_next(
    *, bloc_year: BlocYear, head: Organization | None = None, deputy: Organization | None = None
) -> BlocYear:
    year = bloc_year.year + 1
    if BlocYear.objects.filter(bloc=bloc_year.bloc, year=year).exists():
        raise ValidationError(_("The year %(year)s already exists.") % {"year": year})
    previous = list(bloc_year.memberships.order_by("position", "organization__name"))
    _check_leadership(
        bloc_year=bloc_year,
        head=head,
        deputy=deputy,
        member_ids={m.organization_id for m in previous},
    )
    new = BlocYear.objects.create(
        bloc=bloc_year.bloc,
        year=year,
        head=head,
        deputy=deputy,
        province_name=bloc_year.province_name,
        place_name=bloc_year.place_name,
        legal_bases=bloc_year.legal_bases,
    )
    Membership.objects.bulk_create(
        Membership(bloc_year=new, organization_id=m.organization_id, position=m.position)
        for m in previous
    )
    for opener in YEAR_OPENERS:
        opener(previous=bloc_year, new=new)
    return new


def bloc_year_set_details(*, bloc_year: BlocYear, **values) -> BlocYear:
    for name, value in values.items():
        setattr(bloc_year, name, value)
    bloc_year.full_clean()
    bloc_year.save()
    return bloc_year


# --- Excel import ------------------------------------------------------------------------------

# The column titles are the file's format (the template the secretariat downloads), so they are
# fixed Vietnamese words, not translated.
IMPORT_COLUMNS = {
    "name": "Tên đơn vị",
    "short_name": "Tên ngắn",
    "abbreviation": "Viết tắt",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Email",
}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)


class ImportFileError(ValueError):
    """The file as a whole cannot be read: nothing is imported."""


def _read_rows(uploaded) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise ImportFileError(_("This file is not an Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    by_title = {str(title).lower(): key for key, title in IMPORT_COLUMNS.items()}
    keys = [by_title.get(title.lower()) for title in header]
    if "name" not in keys:
        raise ImportFileError(
            _("The first row must hold the column titles, including “%(title)s”.")
            % {"title": IMPORT_COLUMNS["name"]}
        )
    result = []
    for number, values in enumerate(rows, start=2):
        record = {k: v for k, v in zip(keys, values, strict=False) if k}
        if any(v not in (None, "") for v in record.values()):
            result.append((number, record))
    return result


def _row_error(record: dict, seen: set[str], bloc: Bloc) -> tuple[str | None, Organization | None]:
    for key, value in record.items():
        if isinstance(value, str) and value.startswith("="):
            return _("formulas are not accepted (%(column)s)") % {
                "column": IMPORT_COLUMNS[key]
            }, None
    data = {k: ("" if v is None else str(v).strip()) for k, v in record.items()}
    if not data.get("name"):
        return _("the name is empty"), None
    if data["name"].lower() in seen:
        return _("“%(name)s” already exists") % {"name": data["name"]}, None
    organization = Organization(bloc=bloc, **data)
    try:
        organization.full_clean()
    except ValidationError as error:
        messages = [
            f"{IMPORT_COLUMNS.get(k, k)}: {' '.join(v)}" for k, v in error.message_dict.items()
        ]
        return "; ".join(messages), None
    return None, organization


@transaction.atomic
def organizations_import(*, bloc: Bloc, uploaded) -> ImportReport:
    """Rows that pass are created, rows that fail are reported with their number and reason."""
    rows = _read_rows(uploaded)
    report = ImportReport()
    seen = {name.lower() for name in bloc.organizations.values_list("name", flat=True)}
    for number, record in rows:
        reason, organization = _row_error(record, seen, bloc)
        if reason:
            report.rejected.append((number, reason))
            continue
        organization.save()
        seen.add(organization.name.lower())
        report.created.append(organization.name)
    return report
