"""Writes of the province's view: its year settings, its decisions on many nominations at once,
and the long jobs (started here, run by a task worker in province/tasks.py)."""

import datetime
import io
import multiprocessing
import zipfile
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import services as awards_services
from awards.models import Nomination
from documents import registry
from documents.dates import vn_date_long
from members import services as members_services
from members.models import Bloc, BlocYear, Province
from province import selectors
from province.models import NoticePreference, ProvinceJob, ProvinceYear


@transaction.atomic
def province_year_save(*, province_year: ProvinceYear) -> ProvinceYear:
    province_year.full_clean()
    province_year.save()
    return province_year


@transaction.atomic
def preference_save(*, user, reminders: bool, notices: bool) -> NoticePreference:
    preference, _created = NoticePreference.objects.get_or_create(user=user)
    preference.reminders, preference.notices = reminders, notices
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def decisions_record(
    *,
    province: Province,
    outcomes: dict[int, bool],
    number: str,
    date: datetime.date,
    issuer: str,
    user,
) -> list[Nomination]:
    """The province's decision on many nominations (one decision document, granted or not for
    each). All or nothing: one refusal leaves every nomination as it was."""
    if not outcomes:
        raise ValidationError(_("Choose granted or not granted for at least one nomination."))
    nominations = Nomination.objects.filter(
        pk__in=outcomes, bloc_year__bloc__in=selectors.blocs_of(province)
    ).select_related("organization", "award_type", "bloc_year")
    found = {n.pk: n for n in nominations}
    if set(found) != set(outcomes):
        raise ValidationError(_("A nomination chosen is not one of this province's."))
    return [
        awards_services.nomination_record_decision(
            nomination=found[pk],
            number=number,
            date=date,
            issuer=issuer,
            granted=granted,
            user=user,
        )
        for pk, granted in outcomes.items()
    ]


# --- long jobs -----------------------------------------------------------------------------------


@transaction.atomic
def job_start(
    *,
    province: Province,
    year: int | None = None,
    kind: str,
    user,
    bloc: Bloc | None = None,
    upload=None,
    total_steps: int = 0,
) -> ProvinceJob:
    """A job row and its task in one transaction: the database backend stores the task as a row
    too, so a worker (on any machine) finds both or neither. `upload`: an import's file (stored
    with the job, so a retry reads it again)."""
    from province import tasks

    job = ProvinceJob(
        province=province,
        year=year,
        kind=kind,
        created_by=user,
        bloc=bloc,
        total_steps=total_steps,
    )
    if isinstance(upload, str):
        job.upload.name = upload  # a retry: the file stored for the failed job
    elif upload is not None:
        job.upload.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
    job.full_clean()
    job.save()
    job.task_id = str(tasks.run_job.enqueue(job.pk).id)
    job.save(update_fields=["task_id"])
    return job


def job_retry(*, job: ProvinceJob, user) -> ProvinceJob:
    if job.status != ProvinceJob.Status.FAILED:
        raise ValidationError(_("Only a failed job can be tried again."))
    return job_start(
        province=job.province,
        year=job.year,
        kind=job.kind,
        user=user,
        bloc=job.bloc,
        upload=job.upload.name or None,
        total_steps=job.total_steps if job.upload else 0,
    )


def organizations_import_start(*, bloc: Bloc, uploaded, rows: list, user) -> str:
    """A large import of organizations as a job of the bloc (members.views.BACKGROUND_IMPORTS):
    the page of the job, which shows its progress and then what became of each row."""
    job = job_start(
        province=bloc.province,
        kind=ProvinceJob.Kind.ORGANIZATIONS,
        user=user,
        bloc=bloc,
        upload=uploaded,
        total_steps=len(rows),
    )
    return reverse("province:bloc_job", args=[bloc.slug, job.pk])


def _progress(job: ProvinceJob, **fields) -> None:
    ProvinceJob.objects.filter(pk=job.pk).update(**fields)


def job_run(*, job_id: int) -> None:
    """What the worker does with a job. A failure is recorded in the user's words, then raised
    again so the task backend records it too."""
    job = ProvinceJob.objects.select_related("province").get(pk=job_id)
    if job.is_finished:
        return
    _progress(job, status=ProvinceJob.Status.RUNNING)
    try:
        made = RUNNERS[job.kind](job)
    except Exception as error:
        _progress(
            job,
            status=ProvinceJob.Status.FAILED,
            error=_failure_text(error),
            finished_at=timezone.now(),
        )
        raise
    if made is not None:  # a file to download (an import's result is its report)
        content, filename = made
        job.file.save(filename, ContentFile(content), save=False)
    _progress(
        job,
        status=ProvinceJob.Status.DONE,
        file=job.file.name or "",
        done_steps=job.total_steps,
        finished_at=timezone.now(),
    )


def _failure_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return _("The job stopped with an error: %(error)s") % {
        "error": f"{type(error).__name__}: {error}"[:500]
    }


def _dossier(job: ProvinceJob) -> tuple[bytes, str]:
    """Every bloc's dossier of the year, made by the bloc's own dossier builder (the "dossier"
    document kind), one folder per bloc in one ZIP, with an index (00-danh-muc.txt). A bloc that
    has not submitted yet is there too, as the office asks to see where each bloc stands, but its
    folder says "chua-nop": its submission is a draft, without number or date."""
    years = list(
        BlocYear.objects.filter(bloc__in=selectors.blocs_of(job.province), year=job.year)
        .select_related("bloc", "head", "deputy")
        .annotate(submitted_on=Min("nominations__submission_date"))
        .order_by("bloc__name")
    )
    if not years:
        raise ValidationError(
            _("No bloc of %(province)s has the year %(year)s.")
            % {"province": job.province.name, "year": job.year}
        )
    _progress(job, total_steps=len(years))
    job.total_steps = len(years)
    buffer, index = io.BytesIO(), []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        dossiers = zip(years, _bloc_dossiers(years), strict=True)
        for done, (bloc_year, (filename, content)) in enumerate(dossiers, 1):
            name = f"{done:02d}-{filename}"
            if bloc_year.submitted_on is None:
                name = name.removesuffix(".zip") + "-chua-nop.zip"
            # The bloc's dossier is itself a ZIP: stored as it is, never compressed twice.
            archive.writestr(name, content)
            index.append((name, bloc_year))
            _progress(job, done_steps=done)
        archive.writestr("00-danh-muc.txt", _dossier_index(job, index))
    return buffer.getvalue(), f"ho-so-{job.province.slug}-{job.year}.zip"


def _dossier_index(job: ProvinceJob, index: list[tuple[str, BlocYear]]) -> bytes:
    """The province ZIP's index, in Vietnamese as the documents it lists."""
    submitted = sum(1 for _name, bloc_year in index if bloc_year.submitted_on)
    lines = [
        f"HỒ SƠ THI ĐUA, KHEN THƯỞNG NĂM {job.year} CỦA CÁC KHỐI, CỤM THI ĐUA"
        f" TỈNH {job.province.name.upper()}",
        f"Đã nộp: {submitted}/{len(index)} khối, cụm",
        "",
    ]
    for name, bloc_year in index:
        state = (
            f"nộp {vn_date_long(bloc_year.submitted_on)}"
            if bloc_year.submitted_on
            else "CHƯA NỘP: tờ trình là bản nháp, chưa có số và ngày"
        )
        lines.append(f"- {name}: {bloc_year.bloc.name} ({state})")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _bloc_dossier(bloc_year_id: int) -> tuple[str, bytes]:
    bloc_year = BlocYear.objects.select_related("bloc", "head", "deputy").get(pk=bloc_year_id)
    rendered = registry.render("dossier", bloc_year)
    return rendered.filename, rendered.content


def _bloc_dossiers(years: list[BlocYear]):
    """Each bloc's dossier, in order. PDF rendering is CPU-bound, so a worker outside any
    transaction spreads the blocs over PROVINCE_JOB_PROCESSES processes (forked after closing the
    database connections; each child opens its own). Inside a transaction (tests) the children
    could not see uncommitted rows: one process then."""
    processes = min(settings.PROVINCE_JOB_PROCESSES, len(years))
    if processes <= 1 or connection.in_atomic_block:
        yield from (_bloc_dossier(bloc_year.pk) for bloc_year in years)
        return
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        yield from pool.map(_bloc_dossier, [bloc_year.pk for bloc_year in years])


def _organizations(job: ProvinceJob) -> None:
    """The bloc's import, as the import page runs a small one: one transaction, rows that pass
    created, the others listed with their reason (kept in the job's report)."""
    with job.upload.open("rb") as uploaded:
        report = members_services.organizations_import(bloc=job.bloc, uploaded=uploaded)
    job.report = {"created": report.created, "rejected": report.rejected}
    job.total_steps = len(report.created) + len(report.rejected)
    _progress(job, report=job.report, total_steps=job.total_steps)


RUNNERS = {ProvinceJob.Kind.DOSSIER: _dossier, ProvinceJob.Kind.ORGANIZATIONS: _organizations}
