"""What `make bench` measures, and its table. Runs inside Django (bench/run.py sets it up)."""

import os
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Bloc

SEED = "hoi-dac-thu-yen-bai"
PROVINCE = "tinh-khoi-01"  # the first bloc of bench/province.py
PROVINCE_PAGES = [  # the province's view: the seed's province has 1 bloc, Lào Cai 40
    ("province dashboard", "province:dashboard"),
    ("nominations across blocs", "province:nominations"),
]
PAGES = [
    ("year page", "members:year", True),
    ("score grid", "pledges:table", True),
    ("ranking", "pledges:ranking", True),
    ("nominations", "awards:nominations", True),
    ("organization history", "members:organization", False),
]


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    dataset: str
    url: str
    kind: str  # "page" or "reference"


def _year_and_org(slug: str):
    bloc = Bloc.objects.get(slug=slug)
    year = bloc.years.order_by("-year").exclude(phase="closed").first() or bloc.years.first()
    # The year with data to show: the latest one whose sheets are final.
    scored = bloc.years.filter(score_sheets__status="final").order_by("-year").first()
    return bloc, (scored or year), bloc.organizations.order_by("pk").first()


def targets() -> list[Target]:
    found = []
    for dataset, slug in (("seed", SEED), ("province", PROVINCE)):
        bloc, year, org = _year_and_org(slug)
        for label, name, per_year in PAGES:
            kwargs = {"slug": slug, "year": year.year} if per_year else {"slug": slug, "pk": org.pk}
            found.append(
                Target(f"{dataset}:{label}", label, dataset, reverse(name, kwargs=kwargs), "page")
            )
        province = bloc.province.slug
        for label, name in PROVINCE_PAGES:
            if name == "province:dashboard":
                url = reverse(name, args=[province]) + f"?year={year.year}"
            else:
                url = reverse(name, args=[province, year.year])
            found.append(Target(f"{dataset}:{label}", label, dataset, url, "page"))
        admin = reverse("admin:members_organization_changelist") + f"?bloc__id__exact={bloc.pk}"
        found.append(
            Target(f"{dataset}:admin", "admin change list (same rows)", dataset, admin, "reference")
        )
    found.append(
        Target("floor", "framework floor (/healthz)", "-", reverse("healthz"), "reference")
    )
    return found


def session_cookie() -> dict:
    """A logged-in superuser's session (sees every page and the admin)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def query_counts(all_targets) -> dict:
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    counts = {}
    for target in all_targets:
        client.get(target.url)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(target.url).status_code
        counts[target.key] = len(captured) if status == 200 else f"HTTP {status}"
    return counts


def _timed(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def pdf_timings() -> dict:
    from documents import registry
    from documents.rendering import html_to_pdf

    year = Bloc.objects.get(slug=SEED).years.get(year=2022)
    one_page = (
        "<html><body style='font-family: Liberation Serif'>"
        "<h1>Một trang</h1><p>Tiếng Việt có dấu.</p></body></html>"
    )
    return {
        "report": _timed(lambda: registry.renderer_for("report")(year)),
        "one_page": _timed(lambda: html_to_pdf(one_page)),
    }


def province_dossier_timing() -> dict:
    """The province dossier of the 40 blocs' latest year, built as the worker builds it (the
    job's own code, in this process), with the PDF pages it holds."""
    import io
    import zipfile

    from pypdf import PdfReader

    from members.models import Province
    from province import services
    from province.models import ProvinceJob

    province = Province.objects.get(slug="lao-cai")
    year = max(province.blocs.first().years.values_list("year", flat=True))
    job = ProvinceJob.objects.create(province=province, year=year, kind=ProvinceJob.Kind.DOSSIER)
    before = os.times()
    started = time.perf_counter()
    services.job_run(job_id=job.pk)
    seconds = time.perf_counter() - started
    after = os.times()
    # CPU of this process and of the rendering processes it forked: with the wall time, it says
    # whether the processes had the cores to themselves.
    cpu = sum(after[:4]) - sum(before[:4])
    job.refresh_from_db()
    pages = 0
    with job.file.open("rb") as handle, zipfile.ZipFile(handle) as outer:
        for name in outer.namelist():
            if not name.endswith(".zip"):  # the index (00-danh-muc.txt)
                continue
            with zipfile.ZipFile(io.BytesIO(outer.read(name))) as inner:
                for member in inner.namelist():
                    if member.endswith(".pdf"):
                        pages += len(PdfReader(io.BytesIO(inner.read(member))).pages)
    job.file.delete()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "processes": min(settings.PROVINCE_JOB_PROCESSES, job.total_steps),
        "blocs": job.total_steps,
        "pages": pages,
        "status": job.status,
    }


def report(results, queries, pdf, database, seed_load, province_load, dossier=None) -> str:
    floor = results["floor"]["p50"]
    lines = [
        f"Database: {database}. Data: seed bloc loaded in {seed_load:.1f} s, province "
        f"(40 blocs × 12 members × 10 years × 30 criteria) in {province_load:.1f} s.",
        "",
        "| dataset | page | p50 ms | p95 ms | errors | queries | ÷ admin p50 | ÷ floor p50 "
        "| province ÷ seed p50 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, result in results.items():
        if key == "soak":
            continue
        dataset, _, label = key.partition(":") if ":" in key else ("-", "", key)
        admin = results.get(f"{dataset}:admin", {}).get("p50")
        seed = results.get(f"seed:{label}", {}).get("p50")
        p50 = result["p50"]
        cells = [
            dataset,
            label,
            f"{p50:.1f}",
            f"{result['p95']:.1f}",
            str(result["errors"]),
            str(queries.get(key, "")),
            f"{p50 / admin:.2f}" if admin else "",
            f"{p50 / floor:.1f}",
            f"{p50 / seed:.2f}" if seed and dataset == "province" else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    soak = results["soak"]
    lines += [
        "",
        f"Soak: {soak['requests']} requests from 50 concurrent clients in 60 s "
        f"({soak['rps']:.0f}/s), {soak['errors']} errors.",
        "",
        f"PDF: seed 2022 year-end report {pdf['report']:.2f} s; WeasyPrint one-page reference "
        f"{pdf['one_page']:.2f} s (ratio {pdf['report'] / pdf['one_page']:.1f}).",
    ]
    if dossier:
        lines += [
            "",
            f"Province dossier: {dossier['blocs']} blocs in {dossier['seconds']:.1f} s "
            f"(goal ≤ 60 s) with {dossier['processes']} rendering processes, "
            f"{dossier['cpu']:.1f} s of CPU, {dossier['pages']} PDF pages, "
            f"{dossier['pages'] / dossier['seconds']:.1f} pages/s; job {dossier['status']}.",
        ]
    return "\n".join(lines)
