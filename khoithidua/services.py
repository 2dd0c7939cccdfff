"""Writes of the year's end: the report, its sign-off, closing and reopening the year."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from documents import registry
from documents.layout import upper
from khoithidua import outline, selectors
from khoithidua.models import ReportSection, YearLogEntry, YearReport
from members.access import bloc_access
from members.models import BlocYear, Organization
from members.selectors import head_signature, signer_line, signer_of
from members.services import recorded_at


def _refuse_closed(bloc_year: BlocYear) -> None:
    if bloc_year.is_closed:
        raise ValidationError(
            _("The year %(year)s is closed: it can no longer be changed.")
            % {"year": bloc_year.year}
        )


@transaction.atomic
def report_get_or_create(*, bloc_year: BlocYear) -> YearReport:
    """This year's report; a new one starts from last year's outline, or the usual one."""
    report = YearReport.objects.filter(bloc_year=bloc_year).first()
    if report is not None:
        return report
    _refuse_closed(bloc_year)
    report = YearReport.objects.create(
        bloc_year=bloc_year, recipients=outline.default_recipients(bloc_year.bloc)
    )
    previous = selectors.latest_report_before(bloc_year)
    if previous is not None and previous.sections.exists():
        old, new = previous.bloc_year.year, bloc_year.year
        rows = [
            {
                "position": s.position,
                "level": s.level,
                "title": outline.carried_title(s.title, old, new),
                "data": s.data,
                "required": s.required,
            }
            for s in previous.sections.order_by("position", "pk")
        ]
        report.recipients = previous.recipients
        report.save(update_fields=["recipients"])
    else:
        rows = outline.default_sections(bloc_year.year)
    ReportSection.objects.bulk_create(ReportSection(report=report, **row) for row in rows)
    return report


SECTION_FIELDS = ("title", "level", "position", "text", "required")


def _assign(instance, values: dict) -> bool:
    """Set the values; True when one of them differs from what was there."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _withdraw_sign_off(report: YearReport, user, reason: str) -> None:
    if not report.is_signed_off:
        return
    report.signed_off_at = None
    report.signed_off_by = None
    YearLogEntry.objects.create(
        bloc_year=report.bloc_year,
        action=YearLogEntry.Action.SIGN_OFF_WITHDRAWN,
        user=user,
        reason=reason,
    )


@transaction.atomic
def report_save(
    *,
    report: YearReport,
    user,
    number: str,
    issued_on: datetime.date | None,
    recipients: str,
    sections: list[dict],
    new_section: dict | None = None,
) -> YearReport:
    """Save the header fields and each section's title, level, order and text.

    `sections` items: {"section": ReportSection, "title", "level", "position", "text",
    "required", "delete"}. A part that prints the year's data cannot be deleted. A change after
    sign-off withdraws the sign-off: the leader must sign what is now written."""
    _refuse_closed(report.bloc_year)
    changed = False
    for row in sections:
        section = row["section"]
        if section.report_id != report.pk:
            raise ValidationError(_("That part belongs to another report."))
        if row.get("delete"):
            if section.data:
                raise ValidationError(
                    _("The part “%(title)s” prints the year's data and cannot be removed.")
                    % {"title": section.title}
                )
            section.delete()
            changed = True
            continue
        changed |= _assign(section, {k: row[k] for k in SECTION_FIELDS})
        section.full_clean()
        section.save()
    if new_section and new_section.get("title"):
        ReportSection.objects.create(report=report, data="", **new_section)
        changed = True
    header = {"number": number.strip(), "issued_on": issued_on, "recipients": recipients.strip()}
    changed |= _assign(report, header)
    if changed:
        _withdraw_sign_off(report, user, _("The report was changed after sign-off."))
    report.full_clean()
    report.save()
    return report


def sign_off_problems(report: YearReport, data: selectors.YearData | None = None) -> list[str]:
    """What must be done before a leader can sign the report."""
    bloc_year = report.bloc_year
    data = data or selectors.year_data(bloc_year)
    problems = []
    if not selectors.meeting_results_exist(data.meeting, data.nominations, data.election):
        problems.append(_("The year-end meeting's results are not recorded yet."))
    if report.issued_on is None:
        problems.append(_("The report has no date."))
    for section in report.sections.filter(required=True, text=""):
        problems.append(_("The part “%(title)s” is not written.") % {"title": section.title})
    # The head unit signs for the bloc, or the deputy for the head: one of them needs the name
    # printed under the signature, which the secretariat enters on the members of the year.
    leaders = [o for o in (bloc_year.head, bloc_year.deputy) if o is not None]
    signers = [signer_of(bloc_year, o) for o in leaders]
    if leaders and not any(m is not None and m.signer_name.strip() for m in signers):
        problems.append(
            _(
                "No signer name for %(organization)s this year: the secretariat enters it on "
                "the members of the year."
            )
            % {"organization": leaders[0].name}
        )
    return problems


def signature_for(bloc_year: BlocYear, organization: Organization | None) -> dict:
    """The signature block: the head unit signs on behalf of the bloc (TM.), the deputy for the
    head (KT.). The signer's name and title are those of the signing organization's leader."""
    if organization is not None and organization.pk == bloc_year.deputy_id:
        words = bloc_year.bloc.words
        prefix = upper(f"TM. {words.name}\nKT. {words.head}")
        position = upper(words.deputy)
    else:
        organization = bloc_year.head
        head = head_signature(bloc_year)  # a deputy of the head unit signs "KT." (one place)
        prefix, position = head.prefix, head.title
    if organization is None:
        raise ValidationError(_("The year has no head unit to sign the report."))
    signer = signer_of(bloc_year, organization)
    if signer is None or not signer.signer_name.strip():
        raise ValidationError(
            _(
                "The name of the signer of %(organization)s this year is missing: it is "
                "printed under the signature."
            )
            % {"organization": organization.name}
        )
    return {
        "signer_organization": organization,
        "signer_prefix": prefix,
        "signer_position": position,
        "signer_title": signer_line(signer),
        "signer_name": signer.signer_name.strip(),
    }


@transaction.atomic
def report_sign_off(
    *,
    report: YearReport,
    user,
    organization: Organization | None,
    acting_for_leaders: bool = False,
    on: datetime.date | None = None,
) -> YearReport:
    """A leader signs the report for the bloc. `organization` is the signer's unit (None for an
    administrator, or the secretariat acting for the leaders, who sign as the head unit). In a
    year entered afterwards, `on` is the date of record of the sign-off."""
    _refuse_closed(report.bloc_year)
    if report.is_signed_off:
        raise ValidationError(_("The report is already signed off."))
    problems = sign_off_problems(report)
    if problems:
        raise ValidationError(problems)
    # Signing off issues the report: it takes its number in the head unit's register now, and
    # a number already taken there is refused before anything is saved.
    from khoithidua.printing import report_number

    report.number = report_number(report, issue=True)
    for name, value in signature_for(report.bloc_year, organization).items():
        setattr(report, name, value)
    report.signed_off_at = recorded_at(report.bloc_year, on)
    report.signed_off_by = user
    report.full_clean()
    report.save()
    YearLogEntry.objects.create(
        bloc_year=report.bloc_year,
        action=YearLogEntry.Action.SIGNED_OFF,
        user=user,
        acting_for_leaders=acting_for_leaders,
    )
    return report


@transaction.atomic
def year_close(
    *,
    bloc_year: BlocYear,
    user,
    acting_for_leaders: bool = False,
    on: datetime.date | None = None,
) -> BlocYear:
    """Close the year: read-only for everyone, its documents stored with their hash and data."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    problems = selectors.closing_problems(bloc_year)
    if problems:
        raise ValidationError(problems)
    closed_at = recorded_at(bloc_year, on)
    bloc_year.phase = BlocYear.Phase.CLOSED
    bloc_year.closed_at = closed_at
    bloc_year.save(update_fields=["phase", "closed_at"])
    stored = _store_documents(bloc_year)
    YearLogEntry.objects.create(
        bloc_year=bloc_year,
        action=YearLogEntry.Action.CLOSED,
        user=user,
        acting_for_leaders=acting_for_leaders,
        reason=", ".join(f"{doc.kind} {doc.sha256[:12]}" for doc in stored),
    )
    return bloc_year


def _store_documents(bloc_year: BlocYear) -> list:
    """Store every document the year can print now (a copy issued for signing, or signed, is
    kept as it is). The dossier is made of the others, so it
    comes last and packs their stored bytes. A document that cannot be made yet (its renderer
    refuses) is stored the first time it is printed."""
    kinds = [kind for kind in registry.kinds() if kind != "dossier"]
    if "dossier" in registry.kinds():
        kinds.append("dossier")
    stored = []
    for kind in kinds:
        kept = registry.current_stored(kind, bloc_year)
        if kept is not None:  # issued for signing, or signed: what was filed stays
            stored.append(kept)
            continue
        try:
            stored.append(registry.store(kind, bloc_year, registry.renderer_for(kind)(bloc_year)))
        except ValidationError:
            continue
    return stored


@transaction.atomic
def year_reopen(*, bloc_year: BlocYear, user, reason: str) -> BlocYear:
    """The province office (or an administrator) reopens a closed year to correct it; the
    reason is kept. The stored documents stay as history, and the report must be signed again
    once corrected."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    access = bloc_access(user, bloc_year.bloc) if user is not None else None
    if access is None or not access.is_province:
        raise ValidationError(
            _("Only the province's emulation office or an administrator may reopen a year.")
        )
    if not bloc_year.is_closed:
        raise ValidationError(_("The year %(year)s is not closed.") % {"year": bloc_year.year})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the year is reopened.")})
    bloc_year.phase = BlocYear.Phase.MEETING
    bloc_year.closed_at = None
    bloc_year.save(update_fields=["phase", "closed_at"])
    registry.supersede_all(bloc_year)
    report = YearReport.objects.filter(bloc_year=bloc_year).first()
    if report is not None and report.is_signed_off:
        _withdraw_sign_off(report, user, _("The year was reopened."))
        report.save()
    YearLogEntry.objects.create(
        bloc_year=bloc_year, action=YearLogEntry.Action.REOPENED, user=user, reason=reason
    )
    return bloc_year


@transaction.atomic
def year_delete(*, bloc_year: BlocYear) -> None:
    """A year opened by mistake (a wrong year typed, one opened twice ahead) is deleted with
    what it copied; a year with anything of its own entered stays (selectors.deleting_problems).
    The audit trail keeps the deletion."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    problems = selectors.deleting_problems(bloc_year)
    if problems:
        raise ValidationError(problems)
    bloc_year.delete()
