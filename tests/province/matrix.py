"""Permission-matrix rows of the province's view (tests/matrix.py explains the defaults).

The province's office (and the admin) reach every page; the bloc's own roles (observer, member,
leader, secretariat), the outsider and another province's office have no role in this province:
its pages answer them 404. A province observer reads and may not act (test_access.py)."""

from province.models import ProvinceJob
from tests.matrix import MANAGERS, PROVINCE, Case

NOT_IN_PROVINCE = {
    role: 404 for role in ("observer", "member", "leader", "secretariat", "outsider")
}


def build(world):
    province = world.bloc.province
    world.province = province
    world.job = ProvinceJob.objects.create(
        province=province,
        year=world.bloc_year.year,
        kind=ProvinceJob.Kind.DOSSIER,
        status=ProvinceJob.Status.FAILED,
        error="Lỗi thử",
    )
    world.bloc_job = ProvinceJob.objects.create(  # a large import: the bloc's secretariat's
        province=province,
        bloc=world.bloc,
        kind=ProvinceJob.Kind.ORGANIZATIONS,
        upload="province-jobs/uploads/don-vi.xlsx",
        status=ProvinceJob.Status.FAILED,
        error="Lỗi thử",
    )


def p(world, suffix):
    return f"/p/{world.province.slug}/{suffix}"


def y(world, suffix):
    return p(world, f"{world.bloc_year.year}/{suffix}")


def job(world, suffix=""):
    return p(world, f"jobs/{world.job.pk}/{suffix}")


def bloc_job(world, suffix=""):
    return f"/b/{world.bloc.slug}/jobs/{world.bloc_job.pk}/{suffix}"


def province_case(name, url, **kwargs):
    return Case(name, url, allowed=PROVINCE, expect=NOT_IN_PROVINCE, **kwargs)


CASES = [
    province_case("province:dashboard", lambda w: p(w, "dashboard/")),
    province_case("province:deadlines", lambda w: y(w, "deadlines/")),
    province_case("province:nominations", lambda w: y(w, "nominations/")),
    province_case("province:export", lambda w: y(w, "export.xlsx")),
    province_case("province:dossier", lambda w: y(w, "dossier/"), method="post"),
    province_case("province:job", lambda w: job(w)),
    province_case("province:job_progress", lambda w: job(w, "progress/")),
    # The failed job has no file: 404 for everyone who may see the job.
    province_case("province:job_file", lambda w: job(w, "file/"), ok=404),
    province_case("province:job_retry", lambda w: job(w, "retry/"), method="post"),
    Case("province:bloc_job", lambda w: bloc_job(w), allowed=MANAGERS),
    Case("province:bloc_job_progress", lambda w: bloc_job(w, "progress/"), allowed=MANAGERS),
    Case(
        "province:bloc_job_retry", lambda w: bloc_job(w, "retry/"), method="post", allowed=MANAGERS
    ),
    Case(
        "province:preferences",
        lambda w: "/account/e-mail/",
        allowed=frozenset(
            {"observer", "member", "leader", "secretariat", "province_office", "admin"}
        ),
        expect={"outsider": 200, "other_province": 200},
    ),
]
