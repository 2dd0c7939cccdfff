"""Writes for blocs, organizations and years. Keyword-only, atomic, validated before saving."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.spreadsheets import SpreadsheetError, open_sheet, read_rows
from documents.text import clean_text, name_key
from members.models import (
    Bloc,
    BlocRole,
    BlocYear,
    Membership,
    Organization,
    Province,
    ProvinceRole,
)
from members.selectors import descendants

# Apps above this one (criteria, award rules) add what they carry into a new year; each is
# called as fn(source=..., new=..., parts=...) inside the same transaction. `source` is the year
# copied from (None for a blank year) and `parts` the optional parts asked for (COPY_PARTS).
YEAR_OPENERS: list[Callable[..., None]] = []

# What opening a year may copy from another year besides its members.
COPY_CRITERIA, COPY_RULES, COPY_SETTINGS = "criteria", "rules", "settings"
COPY_PARTS = frozenset({COPY_CRITERIA, COPY_RULES, COPY_SETTINGS})
# The year's own settings carried over with COPY_SETTINGS.
YEAR_SETTINGS = ["legal_bases", "approval_by", "sign_off_by", "close_by"]


# Checks an app above adds before a year enters a phase: fn(bloc_year, phase) -> [problems].
PHASE_CHECKS: list[Callable[[BlocYear, str], list[str]]] = []
# What an app above does once a year has entered a phase: fn(bloc_year), in the same transaction.
PHASE_ENTERED: list[Callable[[BlocYear], None]] = []
# The steps of an open year, in order. Closing and reopening are acts of their own.
PHASES = [
    BlocYear.Phase.SETUP,
    BlocYear.Phase.PLEDGE,
    BlocYear.Phase.SCORING,
    BlocYear.Phase.REVIEW,
    BlocYear.Phase.MEETING,
]


def bloc_save(*, bloc: Bloc) -> Bloc:
    bloc.full_clean()
    bloc.save()
    return bloc


def phase_steps(bloc_year: BlocYear) -> list[str]:
    """The phases an open year may move to: one step forward or back."""
    if bloc_year.phase not in PHASES:
        return []
    index = PHASES.index(bloc_year.phase)
    return [PHASES[i] for i in (index - 1, index + 1) if 0 <= i < len(PHASES)]


@transaction.atomic
def bloc_year_set_phase(*, bloc_year: BlocYear, phase: str) -> BlocYear:
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if phase not in phase_steps(bloc_year):
        raise ValidationError(
            _("The year cannot move from “%(now)s” to this phase: one step at a time.")
            % {"now": bloc_year.get_phase_display()}
        )
    problems = [problem for check in PHASE_CHECKS for problem in check(bloc_year, phase)]
    if problems:
        raise ValidationError(problems)
    bloc_year.phase = phase
    bloc_year.save(update_fields=["phase"])
    for entered in PHASE_ENTERED:
        entered(bloc_year)
    return bloc_year


def recorded_at(bloc_year: BlocYear, on: datetime.date | None) -> datetime.datetime:
    """When an act of the year is recorded as taken: now, or, in a year entered afterwards, the
    date of record the secretariat gives (at noon, local time), so that no document prints the
    date of data entry as the date of the act."""
    if on is None:
        if bloc_year.entered_afterwards:
            raise ValidationError(
                {"on": _("This year is entered afterwards: give the date the act took place.")}
            )
        return timezone.now()
    if not bloc_year.entered_afterwards:
        raise ValidationError(_("Only a year entered afterwards takes dates of record."))
    if on > timezone.localdate():
        raise ValidationError({"on": _("A date of record cannot be in the future.")})
    if on.year < bloc_year.year:
        message = _("A date of record cannot come before the year %(year)s.")
        raise ValidationError({"on": message % {"year": bloc_year.year}})
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))


def membership_set_signer(*, membership: Membership, title: str, name: str) -> Membership:
    """The signer of one year only: other years keep theirs."""
    membership.signer_title, membership.signer_name = title.strip(), name.strip()
    membership.full_clean()
    membership.save(update_fields=["signer_title", "signer_name"])
    return membership


@transaction.atomic
def organization_save(*, organization: Organization, predecessors=None) -> Organization:
    """Saves the organization and, when given, its predecessors (a merger has several, a split
    gives several organizations the same one), possibly of other blocs of the province."""
    organization.full_clean()
    if predecessors is not None and organization.pk:
        later = {o.pk: o for o in descendants(organization)}
        looping = [o.name for o in predecessors if o.pk in later]
        if looping:
            raise ValidationError(
                {
                    "predecessors": _(
                        "%(names)s came after this organization (its successors): "
                        "they cannot also be among its predecessors."
                    )
                    % {"names": "; ".join(looping)}
                }
            )
    organization.save()
    if predecessors is not None:
        organization.predecessors.set(predecessors)
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
    # The signer is kept per year; a new membership starts from the latest one before it.
    before = (
        organization.memberships.filter(bloc_year__year__lt=bloc_year.year)
        .exclude(signer_name="")
        .order_by("-bloc_year__year")
        .first()
    )
    return Membership.objects.create(
        bloc_year=bloc_year,
        organization=organization,
        position=last + 1,
        signer_name=before.signer_name if before else "",
        signer_title=before.signer_title if before else "",
    )


@transaction.atomic
def memberships_add(*, bloc_year: BlocYear, organizations) -> list[Membership]:
    """Several organizations at once, after the last member, in the order given."""
    return [membership_add(bloc_year=bloc_year, organization=o) for o in organizations]


@transaction.atomic
def memberships_copy_previous(*, bloc_year: BlocYear) -> list[Membership]:
    """Last year's members in last year's order (those not members yet), in one action."""
    previous = (
        BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year__lt=bloc_year.year)
        .order_by("-year")
        .first()
    )
    if previous is None or not previous.memberships.exists():
        raise ValidationError(_("The previous year has no members to copy."))
    present = set(bloc_year.memberships.values_list("organization_id", flat=True))
    organizations = [
        m.organization
        for m in previous.memberships.select_related("organization").order_by("position", "pk")
        if m.organization_id not in present
    ]
    return memberships_add(bloc_year=bloc_year, organizations=organizations)


@transaction.atomic
def memberships_reorder(*, bloc_year: BlocYear, positions: dict[int, int]) -> None:
    """New order from numbers typed (or rows dragged): membership id -> wanted place. A row
    whose number changed goes to that place (the member already there moves aside, up or down);
    the rows left as they were keep their relative order; positions are renumbered 1..n."""
    rows = list(
        Membership.objects.select_for_update()
        .filter(bloc_year=bloc_year)
        .order_by("position", "organization__name")
    )
    unknown = set(positions) - {row.pk for row in rows}
    if unknown:
        raise ValidationError(_("A member in the list does not belong to this year."))
    current = {row.pk: index for index, row in enumerate(rows, start=1)}
    wanted = {pk: place for pk, place in positions.items() if place != current[pk]}
    order = [row for row in rows if row.pk not in wanted]
    # In rising order of place, each moved row inserted at its place lands there (the rows
    # before it are exactly those meant to be before it).
    for row in sorted(
        (row for row in rows if row.pk in wanted), key=lambda r: (wanted[r.pk], current[r.pk])
    ):
        order.insert(wanted[row.pk] - 1, row)
    rows = order
    for position, row in enumerate(rows, start=1):
        row.position = position
    Membership.objects.bulk_update(rows, ["position"])


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
def bloc_year_open(
    *,
    bloc: Bloc,
    year: int,
    source: BlocYear | None = None,
    parts: frozenset = COPY_PARTS,
    head: Organization | None = None,
    deputy: Organization | None = None,
    entered_afterwards: bool = False,
    **details,
) -> BlocYear:
    """Open any year that does not exist yet, past ones included. The members (with their
    signers) come from `source`, and the optional `parts` of it. A year entered afterwards
    takes a date of record for each of its acts."""
    if BlocYear.objects.filter(bloc=bloc, year=year).exists():
        raise ValidationError({"year": _("The year %(year)s already exists.") % {"year": year}})
    if year > timezone.localdate().year + 1:
        # "Mở năm tiếp theo" comes here too: clicked again and again it must stop here as well.
        raise ValidationError(
            {
                "year": _("A year can be opened at most one year ahead (%(year)s).")
                % {"year": timezone.localdate().year + 1}
            }
        )
    if source is not None and source.bloc_id != bloc.pk:
        raise ValidationError({"source": _("The year to copy from belongs to another bloc.")})
    previous = list(source.memberships.order_by("position", "organization__name")) if source else []
    new = BlocYear(bloc=bloc, year=year, **_year_details(bloc, source, parts, details))
    new.entered_afterwards = entered_afterwards
    _check_leadership(
        bloc_year=new,
        head=head,
        deputy=deputy,
        member_ids={m.organization_id for m in previous},
    )
    new.head, new.deputy = head, deputy
    new.full_clean()
    new.save()
    Membership.objects.bulk_create(
        Membership(
            bloc_year=new,
            organization_id=m.organization_id,
            position=m.position,
            signer_name=m.signer_name,
            signer_title=m.signer_title,
        )
        for m in previous
    )
    for opener in YEAR_OPENERS:
        opener(source=source, new=new, parts=frozenset(parts))
    return new


def _year_details(bloc: Bloc, source: BlocYear | None, parts, details: dict) -> dict:
    """What is printed on the new year's documents: given values first, then the source year's,
    then the bloc's own (its province, its superior body)."""
    values = {
        "superior_body": source.superior_body if source else bloc.superior_body,
        "province_name": source.province_name if source else bloc.province.name,
        "place_name": source.place_name if source else bloc.province.name,
    }
    if source is not None and COPY_SETTINGS in parts:
        values.update({name: getattr(source, name) for name in YEAR_SETTINGS})
    values.update({k: v for k, v in details.items() if v not in (None, "")})
    return values


def year_is_over(year: int) -> bool:
    """A year already over is entered afterwards: each of its acts asks for its date."""
    return year < timezone.localdate().year


def bloc_year_open_next(
    *, bloc_year: BlocYear, head: Organization | None = None, deputy: Organization | None = None
) -> BlocYear:
    """Next year from this one, everything carried over (the usual December step)."""
    return bloc_year_open(
        bloc=bloc_year.bloc,
        year=bloc_year.year + 1,
        source=bloc_year,
        head=head,
        deputy=deputy,
        # Next year of a past year may be this year, whose acts happen now.
        entered_afterwards=year_is_over(bloc_year.year + 1),
    )


def bloc_year_set_details(*, bloc_year: BlocYear, **values) -> BlocYear:
    if "phase" in values or "closed_at" in values:
        raise ValueError("the phase moves through bloc_year_set_phase or the year's closing")
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


ImportFileError = SpreadsheetError  # the file as a whole cannot be read: nothing is imported


def organization_rows(uploaded) -> list[tuple[int, dict]]:
    """The file's rows as (row number, record), read within the limits of
    documents.spreadsheets: ImportFileError when the file as a whole cannot be used."""
    rows = read_rows(open_sheet(uploaded))
    first = next(rows, None)
    header = [str(cell).strip() if cell is not None else "" for cell in (first[1] if first else ())]
    by_title = {str(title).lower(): key for key, title in IMPORT_COLUMNS.items()}
    keys = [by_title.get(title.lower()) for title in header]
    if "name" not in keys:
        raise ImportFileError(
            _("The first row must hold the column titles, including “%(title)s”.")
            % {"title": IMPORT_COLUMNS["name"]}
        )
    return [
        (number, {k: v for k, v in zip(keys, values, strict=False) if k}) for number, values in rows
    ]


def _row_error(
    record: dict, seen: dict[str, str], bloc: Bloc
) -> tuple[str | None, Organization | None]:
    for key, value in record.items():
        if isinstance(value, str) and value.startswith("="):
            return _("formulas are not accepted (%(column)s)") % {
                "column": IMPORT_COLUMNS[key]
            }, None
    data = {k: ("" if v is None else clean_text(str(v))) for k, v in record.items()}
    if not data.get("name"):
        return _("the name is empty"), None
    duplicate = seen.get(name_key(data["name"]))
    if duplicate:
        return _("“%(name)s” duplicates %(existing)s") % {
            "name": data["name"],
            "existing": duplicate,
        }, None
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
def organizations_import(*, bloc: Bloc, uploaded=None, rows=None) -> ImportReport:
    """Rows that pass are created, rows that fail are reported with their number and reason
    (a duplicate names the organization or the row it duplicates). The file is read within
    the limits of documents.spreadsheets, so one import is one transaction of bounded size.
    `rows`: the file's rows (organization_rows) when the caller has read them."""
    if rows is None:
        rows = organization_rows(uploaded)
    report = ImportReport()
    seen = {
        key: _("the existing organization “%(name)s”") % {"name": name}
        for key, name in bloc.organizations.values_list("name_key", "name")
    }
    for number, record in rows:
        reason, organization = _row_error(record, seen, bloc)
        if reason:
            report.rejected.append((number, reason))
            continue
        organization.save()
        seen[organization.name_key] = _("row %(row)s (“%(name)s”)") % {
            "row": number,
            "name": organization.name,
        }
        report.created.append(organization.name)
    return report


# --- People: invitations, roles, deactivation --------------------------------------------------


def _user_for_email(email: str, first_name: str, last_name: str):
    """The account for an e-mail address: an existing one (a person may serve in several blocs),
    or a new one without a password, which the invitation's link lets its owner choose."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        return user
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError({"email": _("An account already uses this address as its name.")})
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def colleague_invite(
    *,
    province: Province,
    email: str,
    first_name: str,
    last_name: str,
    kind: str,
    link_for: Callable,
) -> ProvinceRole:
    """A colleague of the province's emulation office (or a read-only observer of the province),
    invited like a bloc's people: an account and a one-time link to choose a password."""
    email = email.strip().lower()
    user = _user_for_email(email, first_name.strip(), last_name.strip())
    if ProvinceRole.objects.filter(user=user, province=province).exists():
        raise ValidationError({"email": _("This person already has a role in the province.")})
    role = ProvinceRole(user=user, province=province, kind=kind)
    role.full_clean()
    role.save()
    invitation_send(role=role, link_for=link_for)
    return role


@transaction.atomic
def person_invite(
    *,
    bloc: Bloc,
    email: str,
    first_name: str,
    last_name: str,
    kind: str,
    organization: Organization | None,
    link_for: Callable,
) -> BlocRole:
    """Give a person a role in the bloc and e-mail them a one-time link to set their password
    (Django's password-reset token: it stops working once the password is set)."""
    email = email.strip().lower()
    user = _user_for_email(email, first_name.strip(), last_name.strip())
    if BlocRole.objects.filter(user=user, bloc=bloc).exists():
        raise ValidationError({"email": _("This person already has a role in the bloc.")})
    role = BlocRole(user=user, bloc=bloc, kind=kind, organization=organization)
    role.full_clean()
    role.save()
    invitation_send(role=role, link_for=link_for)
    return role


def is_invited(user) -> bool:
    """Invited but not yet joined: no password chosen, never logged in."""
    return not user.has_usable_password() and user.last_login is None


def invitation_send(*, role: BlocRole | ProvinceRole, link_for: Callable) -> None:
    """E-mail the invitation once the transaction commits (a refused write sends nothing).
    `link_for(user)` gives the absolute address of the set-password page."""
    if isinstance(role, BlocRole):
        where = role.bloc.name
    else:  # "vai trò trong tỉnh Lào Cai", not "trong Lào Cai"
        where = _("the province of %(name)s") % {"name": role.province.name}
    _send_invitation(role.user, where, role.get_kind_display(), link_for)


@transaction.atomic
def invitation_resend(*, role: BlocRole | ProvinceRole, link_for: Callable) -> None:
    """Send the invitation again with a new link; the old link stops working. The link's token
    is Django's password-reset token, a hash over the account's password field among others:
    an invited account has a random unusable password, and drawing a new one changes every
    link made before. Only for someone invited who has not joined: a person who has a password
    resets it from the login page, and nobody else's resend may take it away."""
    user = role.user
    if not role.is_active or not user.email:
        raise ValidationError(_("This person has no active role or no e-mail address."))
    if not is_invited(user):
        raise ValidationError(
            _("%(email)s has already joined: a forgotten password is reset from the login page.")
            % {"email": user.email}
        )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    invitation_send(role=role, link_for=link_for)


def _send_invitation(user, where: str, role: str, link_for: Callable) -> None:
    # Someone who has joined already (in another bloc, or the province) keeps their password:
    # no link that would replace it, only the news of the new role.
    link = link_for(user) if is_invited(user) else None
    context = {"user": user, "where": where, "role": role, "link": link}
    subject = _("Invitation to %(bloc)s") % {"bloc": where}
    body = render_to_string("members/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


@transaction.atomic
def role_change(*, role: BlocRole, kind: str, organization: Organization | None) -> BlocRole:
    role.kind, role.organization = kind, organization
    role.full_clean()
    role.save(update_fields=["kind", "organization"])
    return role


@transaction.atomic
def role_set_active(*, role: BlocRole | ProvinceRole, active: bool):
    """Deactivating takes the person's access to this bloc (or province) away; an account left
    with no active role anywhere cannot log in at all until a role is given back."""
    role.is_active = active
    role.save(update_fields=["is_active"])
    user = role.user
    has_roles = (
        user.bloc_roles.filter(is_active=True).exists()
        or user.province_roles.filter(is_active=True).exists()
    )
    if user.is_active != has_roles and not user.is_superuser:
        user.is_active = has_roles
        user.save(update_fields=["is_active"])
    return role
