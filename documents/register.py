"""The register of numbers (Decree 30/2020, Art. 15; DOMAIN.md §7): one per issuing body and
calendar year, shared by every kind of document, numbered in the order documents are issued.

A document is issued when it has its date: its printing reserves its number here, once (the
same document keeps its number on every reprint). A number the secretary typed (the head unit's
own register may already hold its other documents) is kept when it is free; a number already
taken in that register is refused, so two documents never share one."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from documents.models import RegisterEntry


def issuer_key(organization) -> str:
    return f"organization:{organization.pk}"


def _sequence_of(number: str) -> int | None:
    match = re.match(r"\s*0*(\d+)\s*/", number or "")
    return int(match.group(1)) if match else None


def _type_code_of(number: str) -> str:
    """ "05/BC-KTĐ" → "BC"; "" when the number names none."""
    match = re.match(r"\s*\d+\s*/\s*([^-/\s]+)", number or "")
    return match.group(1) if match else ""


def format_number(sequence: int, type_code: str, suffix: str) -> str:
    """ "05/BC-KTĐ": two digits at least, as the decree writes numbers below 10."""
    return f"{sequence:02d}/{type_code}-{suffix}" if suffix else f"{sequence:02d}/{type_code}"


@transaction.atomic
def reserve(
    *,
    issuer,
    document_key: str,
    issued_on: datetime.date,
    type_code: str,
    suffix: str,
    title: str,
    typed_number: str = "",
) -> RegisterEntry:
    """The document's number in its issuer's register of its calendar year, reserved once."""
    entry = RegisterEntry.objects.filter(document_key=document_key).first()
    key, year = issuer_key(issuer), issued_on.year
    if entry is not None and entry.issuer_key == key and entry.year == year:
        typed = _sequence_of(typed_number)
        if typed is None or typed == entry.sequence:
            return entry
    if entry is not None:  # the date, the issuer or the typed number changed: number it anew
        entry.delete()
    register = RegisterEntry.objects.select_for_update().filter(issuer_key=key, year=year)
    typed = _sequence_of(typed_number)
    if typed is not None:
        # The decree's type code says what the document is: a submission is "…/TTr-…".
        if _type_code_of(typed_number).casefold() != type_code.casefold():
            raise ValidationError(
                _(
                    "%(number)s is not the number of this kind of document: its type code is "
                    "%(code)s, e.g. %(example)s."
                )
                % {
                    "number": typed_number.strip(),
                    "code": type_code,
                    "example": format_number(typed, type_code, suffix),
                }
            )
        if register.filter(sequence=typed).exists():
            raise ValidationError(
                _("Number %(number)s is already taken in the register of %(year)s.")
                % {"number": typed_number, "year": year}
            )
        sequence = typed
    else:
        sequence = (register.aggregate(last=Max("sequence"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            return RegisterEntry.objects.create(
                issuer_key=key,
                issuer_name=str(issuer),
                year=year,
                sequence=sequence,
                type_code=type_code,
                # A typed number is the head unit's own spelling of it ("01/BC-CTĐ"): kept.
                number=typed_number.strip()
                if typed is not None
                else format_number(sequence, type_code, suffix),
                document_key=document_key,
                title=title[:255],
                issued_on=issued_on,
            )
    except IntegrityError as error:  # another request took it between our read and write
        raise ValidationError(_("The register changed meanwhile; print again.")) from error


def entries(*, issuer_keys: list[str], years: list[int]):
    return RegisterEntry.objects.filter(issuer_key__in=issuer_keys, year__in=years).order_by(
        "year", "sequence"
    )


def bloc_number(
    bloc_year,
    kind: str,
    *,
    date,
    type_code: str,
    suffix: str,
    title: str,
    typed: str = "",
    issue: bool = False,
) -> str:
    """The number a bloc document prints: none until it has a date (a draft keeps the blank
    "Số:   /BC-KTĐ"), then its entry in the head unit's register of the date's year. Printing
    only reads (a GET never writes): the entry is reserved by the act that issues the document
    (`issue=True`: signing off the report, submitting the nominations, recording the meeting,
    marking the pledge signed); a document issued before the register existed prints the
    number typed for it."""
    head = getattr(bloc_year, "head", None)
    if date is None or head is None:
        return ""
    key = f"{bloc_year.bloc.slug}/{bloc_year.year}/{kind}"
    if not issue:
        entry = RegisterEntry.objects.filter(document_key=key).first()
        return entry.number if entry else typed
    return reserve(
        issuer=head,
        document_key=f"{bloc_year.bloc.slug}/{bloc_year.year}/{kind}",
        issued_on=date,
        type_code=type_code,
        suffix=suffix,
        title=title,
        typed_number=typed,
    ).number
