"""Reminders and notices by e-mail, sent by a scheduled job (`manage.py send_reminders`).

Each e-mail answers one event (a deadline coming for one bloc's step, a sheet returned, a
nomination returned) for one user. The SentNotice row is written in the same transaction as the
e-mail is handed to the mail server, and its (user, event) pair is unique in the database: a
second run, or a second machine, finds the row and sends nothing; a failed send rolls the row back
and the next run tries again."""

import datetime
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import Meeting, Nomination, NominationEvent
from documents.dates import vn_date_long
from members.models import BlocRole, BlocYear, Membership
from pledges.models import Pledge, ScoreSheet
from province import selectors
from province.models import NoticePreference, ProvinceYear, SentNotice

log = logging.getLogger(__name__)
# Returns older than this are not news any more: a fresh installation does not mail the past.
RECENT = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Mail:
    user: object
    event: str
    kind: str
    subject: str
    body: str


def send_due(*, today: datetime.date | None = None) -> int:
    """Send every e-mail due now; return how many were sent."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        mails = [*deadline_mails(today), *sheet_mails(), *nomination_mails()]
    return sum(_send(mail) for mail in _wanted(mails))


def _wanted(mails: list[Mail]) -> list[Mail]:
    """Drop users without an address and those who turned this kind of e-mail off."""
    off = NoticePreference.objects.filter(user__in={m.user.pk for m in mails})
    no_reminders = {p.user_id for p in off if not p.reminders}
    no_notices = {p.user_id for p in off if not p.notices}
    already = set(
        SentNotice.objects.filter(event__in={m.event for m in mails}).values_list(
            "user_id", "event"
        )
    )
    return [
        m
        for m in mails
        if m.user.email
        and (m.user.pk, m.event) not in already
        and m.user.pk not in (no_reminders if m.kind == SentNotice.Kind.DEADLINE else no_notices)
    ]


def _send(mail: Mail) -> bool:
    try:
        with transaction.atomic():
            SentNotice.objects.create(
                user=mail.user, event=mail.event, kind=mail.kind, subject=mail.subject[:255]
            )
            send_mail(mail.subject, mail.body, None, [mail.user.email], fail_silently=False)
    except IntegrityError:
        return False  # another run sent it first
    except (OSError, smtplib.SMTPException):
        # Nothing recorded (the row rolled back): the next run tries again.
        log.exception("e-mail %s to %s not sent", mail.event, mail.user.email)
        return False
    return True


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _footer() -> str:
    return "\n\n" + _("To stop these e-mails: %(url)s") % {"url": _link("province:preferences")}


# --- deadlines ------------------------------------------------------------------------------------


STEP_NAMES = {
    "pledge": gettext_lazy("sign the pledge"),
    "scoring": gettext_lazy("submit the self-scoring sheet"),
    "meeting": gettext_lazy("hold the year-end meeting"),
    "dossier": gettext_lazy("submit the dossier to the province"),
}


def _roles(bloc_ids) -> dict:
    """Active users of each bloc by what they do: secretariat, or representative of an org."""
    found = defaultdict(lambda: {"secretariat": [], "reps": defaultdict(list)})
    for role in BlocRole.objects.filter(bloc__in=bloc_ids, is_active=True).select_related("user"):
        if not role.user.is_active:
            continue
        if role.kind == BlocRole.Kind.SECRETARIAT:
            found[role.bloc_id]["secretariat"].append(role.user)
        elif role.kind == BlocRole.Kind.REPRESENTATIVE:
            found[role.bloc_id]["reps"][role.organization_id].append(role.user)
    return found


def deadline_mails(today: datetime.date) -> list[Mail]:
    mails = []
    for settings_row in ProvinceYear.objects.select_related("province"):
        soon = {
            step: due
            for step, due in settings_row.due_dates().items()
            if due and today <= due <= today + datetime.timedelta(days=settings_row.remind_days)
        }
        if soon:
            mails += _deadline_mails_of(settings_row, soon)
    return mails


def _deadline_mails_of(settings_row: ProvinceYear, soon: dict) -> list[Mail]:
    years = list(
        BlocYear.objects.filter(
            bloc__in=selectors.blocs_of(settings_row.province), year=settings_row.year
        )
        .exclude(phase=BlocYear.Phase.CLOSED)
        .select_related("bloc")
    )
    roles = _roles([y.bloc_id for y in years])
    undone = _undone(years)
    mails = []
    for bloc_year in years:
        people = roles[bloc_year.bloc_id]
        for step, due in soon.items():
            for user in _who_has_not(step, bloc_year, people, undone):
                event = f"deadline:{bloc_year.pk}:{step}:{due.isoformat()}"
                mails.append(_deadline_mail(user, event, bloc_year, step, due))
    return mails


def _undone(years: list[BlocYear]) -> dict:
    """What each year has done, read for all the years at once."""
    ids = [y.pk for y in years]
    return {
        "signed": set(
            Pledge.objects.filter(bloc_year__in=ids, is_signed=True).values_list(
                "bloc_year_id", flat=True
            )
        ),
        "handed_in": set(
            ScoreSheet.objects.filter(
                bloc_year__in=ids, status__in=selectors.HANDED_IN
            ).values_list("bloc_year_id", "organization_id")
        ),
        "members": set(
            Membership.objects.filter(bloc_year__in=ids).values_list(
                "bloc_year_id", "organization_id"
            )
        ),
        "met": set(
            Meeting.objects.filter(bloc_year__in=ids).values_list("bloc_year_id", flat=True)
        ),
        "submitted": set(
            Nomination.objects.filter(bloc_year__in=ids, submission_date__isnull=False).values_list(
                "bloc_year_id", flat=True
            )
        ),
    }


def _who_has_not(step: str, bloc_year: BlocYear, people: dict, undone: dict) -> list:
    """The members who have not done the step: for self-scoring, the representatives of each
    member whose sheet is not handed in; for the bloc's own steps, its secretariat and the
    representatives of the year's head and deputy."""
    if step == "scoring":
        return [
            user
            for (year_id, org_id) in undone["members"]
            if year_id == bloc_year.pk and (year_id, org_id) not in undone["handed_in"]
            for user in people["reps"].get(org_id, [])
        ]
    done = {
        "pledge": bloc_year.pk in undone["signed"],
        "meeting": bloc_year.pk in undone["met"],
        "dossier": bloc_year.pk in undone["submitted"],
    }[step]
    if done:
        return []
    leaders = [
        user
        for org_id in (bloc_year.head_id, bloc_year.deputy_id)
        for user in people["reps"].get(org_id, [])
    ]
    return list({user.pk: user for user in [*people["secretariat"], *leaders]}.values())


def _deadline_mail(user, event, bloc_year: BlocYear, step: str, due: datetime.date) -> Mail:
    values = {
        "step": STEP_NAMES[step],
        "bloc": bloc_year.bloc.name,
        "year": bloc_year.year,
        "date": vn_date_long(due),
    }
    subject = _("Reminder: %(step)s by %(date)s – %(bloc)s, %(year)s") % values
    body = (
        _(
            "The province asks %(bloc)s to %(step)s for the year %(year)s by %(date)s, "
            "and it is not done yet."
        )
        % values
        + "\n\n"
        + _link("members:year", bloc_year.bloc.slug, bloc_year.year)
        + _footer()
    )
    return Mail(user, event, SentNotice.Kind.DEADLINE, subject, body)


# --- sheets and nominations returned --------------------------------------------------------------


def sheet_mails() -> list[Mail]:
    sheets = list(
        ScoreSheet.objects.filter(status=ScoreSheet.Status.RETURNED)
        .exclude(bloc_year__phase=BlocYear.Phase.CLOSED)
        .select_related("bloc_year__bloc", "organization")
    )
    roles = _roles({s.bloc_year.bloc_id for s in sheets})
    mails = []
    for sheet in sheets:
        values = {
            "organization": sheet.organization.name,
            "bloc": sheet.bloc_year.bloc.name,
            "year": sheet.bloc_year.year,
        }
        subject = _("Score sheet returned: %(organization)s, %(year)s") % values
        body = (
            _("The score sheet of %(organization)s in %(bloc)s (%(year)s) was returned.") % values
            + "\n"
            + _("Reason: %(reason)s") % {"reason": sheet.return_reason}
            + "\n\n"
            + _link("members:year", sheet.bloc_year.bloc.slug, sheet.bloc_year.year)
            + _footer()
        )
        # One return answers one hand-in: the key is the hand-in's time, not the sheet's version,
        # which every row the member corrects moves on (and would mail the same return again).
        handed_in = sheet.submitted_at.isoformat() if sheet.submitted_at else ""
        for user in roles[sheet.bloc_year.bloc_id]["reps"].get(sheet.organization_id, []):
            event = f"sheet-returned:{sheet.pk}:{handed_in}"
            mails.append(Mail(user, event, SentNotice.Kind.SHEET_RETURNED, subject, body))
    return mails


def nomination_mails() -> list[Mail]:
    events = list(
        NominationEvent.objects.filter(
            action=NominationEvent.Action.RETURN, at__gte=timezone.now() - RECENT
        ).select_related(
            "nomination__organization", "nomination__award_type", "nomination__bloc_year__bloc"
        )
    )
    roles = _roles({e.nomination.bloc_year.bloc_id for e in events})
    mails = []
    for returned in events:
        nomination = returned.nomination
        bloc_year = nomination.bloc_year
        values = {
            "organization": nomination.organization.name,
            "award": nomination.award_type.name,
            "year": bloc_year.year,
        }
        subject = _("Nomination returned: %(organization)s – %(award)s, %(year)s") % values
        body = (
            _("The leaders returned the nomination of %(organization)s for %(award)s.") % values
            + "\n"
            + _("Reason: %(reason)s") % {"reason": returned.reason}
            + "\n\n"
            + _link("awards:nominations", bloc_year.bloc.slug, bloc_year.year)
            + _footer()
        )
        people = roles[bloc_year.bloc_id]
        for user in [*people["secretariat"], *people["reps"].get(nomination.organization_id, [])]:
            event = f"nomination-returned:{returned.pk}"
            mails.append(Mail(user, event, SentNotice.Kind.NOMINATION_RETURNED, subject, body))
    return mails
