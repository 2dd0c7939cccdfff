"""Imports at their limits, each measured in a process of its own (`make bench` runs this file):

- the largest organization import the limits allow (settings.IMPORT_MAX_ROWS rows), accepted;
- a decompression bomb: a ~200 KB .xlsx whose sheet unpacks to a million rows, refused by
  the unpacked-size limit before parsing;
- a long file within that size (100 000 rows), refused by the row limit while streaming.

For each: wall time of the import call and the process's peak resident memory (ru_maxrss:
Django, openpyxl and the file itself included), and that peak before the call, so the import's
own share shows. The writes are rolled back, so the database is left as it was.

    python bench/imports.py largest|bomb|long     prints one JSON line
"""

import io
import json
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ROW_XML = b'<row><c t="inlineStr"><is><t>H\xe1\xbb\x99i b\xc3\xa0i to\xc3\xa1n</t></is></c></row>'


def organizations_xlsx(rows: int) -> bytes:
    """An organization import file of `rows` distinct members, every column filled."""
    from openpyxl import Workbook

    from members.services import IMPORT_COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(IMPORT_COLUMNS.values()))
    for n in range(1, rows + 1):
        sheet.append(
            [
                f"Hội thành viên thử số {n} tỉnh",
                f"Hội số {n}",
                f"H{n}",
                f"Số {n} đường Hòa Bình, phường Nguyễn Thái Học",
                f"0216 38{n:05d}",
                f"hoi{n}@example.vn",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bomb_xlsx(rows: int = 1_000_000) -> bytes:
    """A valid .xlsx whose one sheet holds `rows` identical rows: they compress ~300:1."""
    from openpyxl import Workbook

    small = io.BytesIO()
    book = Workbook()
    book.active.append(["Tên đơn vị"])
    book.save(small)
    out = io.BytesIO()
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, source.read(item))
                continue
            with bomb.open(item.filename, "w") as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    b'<row><c t="inlineStr"><is><t>T\xc3\xaan \xc4\x91\xc6\xa1n v\xe1\xbb\x8b</t>'
                    b"</is></c></row>"
                )
                chunk = ROW_XML * 10_000
                for _ in range(rows // 10_000):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def measure(kind: str) -> dict:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khoithidua.settings")
    scratch = "DATABASE_URL" not in os.environ  # run alone: a scratch SQLite database
    if scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/imports.sqlite3"
    django.setup()
    if scratch:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from members import services
    from members.models import Bloc, Province

    rows = settings.IMPORT_MAX_ROWS
    sizes = {"bomb": 1_000_000, "long": 100_000}
    content = organizations_xlsx(rows) if kind == "largest" else bomb_xlsx(sizes[kind])
    upload = SimpleUploadedFile("don-vi.xlsx", content)
    outcome = ""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with transaction.atomic():
        province = Province.objects.create(name="Tỉnh đo tải nhập", slug="bench-import")
        bloc = Bloc.objects.create(name="Khối đo tải nhập", slug="bench-import", province=province)
        try:
            report = services.organizations_import(bloc=bloc, uploaded=upload)
            outcome = f"{len(report.created)} created, {len(report.rejected)} rejected"
        except services.ImportFileError as error:
            outcome = f"refused: {error}"
        transaction.set_rollback(True)
    seconds = time.perf_counter() - start
    return {
        "kind": kind,
        "file_kb": round(len(content) / 1024),
        "rows": rows if kind == "largest" else sizes[kind],
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_mb": round(before / 1024, 1),
        "outcome": outcome,
    }


KINDS = {
    "largest": "largest import allowed",
    "bomb": "decompression bomb",
    "long": "too many rows",
}


def run_all(env) -> list[dict]:
    """Each kind in a fresh process, so one's peak memory is not another's."""
    import subprocess

    results = []
    for kind in KINDS:
        done = subprocess.run(
            [sys.executable, "bench/imports.py", kind],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"   import, {KINDS[kind]}: {results[-1]['seconds']} s, "
              f"peak {results[-1]['peak_rss_mb']} MB")  # fmt: skip
    return results


def table(results: list[dict]) -> str:
    lines = [
        "| import | file KB | rows in the file | s | peak RSS MB | RSS before MB | outcome |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        outcome = r["outcome"].split(".")[0]
        lines.append(
            f"| {KINDS[r['kind']]} | {r['file_kb']} | {r['rows']} | {r['seconds']:.2f} | "
            f"{r['peak_rss_mb']} | {r['rss_before_mb']} | {outcome} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1]), ensure_ascii=False))
