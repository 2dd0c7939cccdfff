"""`make bench`: figures, never a timed test.

Builds two datasets (the seed bloc, and a province of 40 blocs × 12 members × 10 years × 30
criteria), serves the app with gunicorn on PostgreSQL (SQLite when no server answers, and says
so), and measures with concurrent clients on loopback, beside references run in the same way:
- the framework floor (/healthz: a view that does one trivial query),
- the Django admin change list of the same rows (the bloc's organizations),
- WeasyPrint rendering a one-page document.
Prints one Markdown table and writes it to bench/results.md with the machine's description.
Every loop is bounded in count and in time."""

import asyncio
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8911"))
REQUESTS_PER_PAGE = int(os.environ.get("BENCH_REQUESTS", "200"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SOAK_CLIENTS = int(os.environ.get("BENCH_SOAK_CLIENTS", "50"))
SOAK_SECONDS = float(os.environ.get("BENCH_SOAK_SECONDS", "60"))
PG_NAME = os.environ.get("BENCH_DATABASE", "khoithidua_bench")
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def environment() -> tuple[dict, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "khoithidua.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "khoithidua-bench-static"),
        "AXES_FAILURE_LIMIT": "1000000",
    }
    if postgres_reachable():
        env["DATABASE_URL"] = PG_URL
        return env, "PostgreSQL 127.0.0.1:5432"
    env["DATABASE_URL"] = f"sqlite:///{ROOT / 'bench' / 'data' / 'bench.sqlite3'}"
    return env, "SQLite (no PostgreSQL server answered on 127.0.0.1:5432)"


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env):
    if env["DATABASE_URL"].startswith("postgres"):
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-qc",
                f"DROP DATABASE IF EXISTS {PG_NAME}",
            ],
            check=True,
        )
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-qc",
                f"CREATE DATABASE {PG_NAME}",
            ],
            check=True,
        )
    else:
        path = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "compilemessages", "--ignore=.venv", "-v0")
    started = time.perf_counter()
    manage(env, "load_demo")
    seed_seconds = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, "bench/province.py"], cwd=ROOT, env=env, check=True)
    province_seconds = time.perf_counter() - started
    if env["DATABASE_URL"].startswith("postgres"):
        # Statistics of the freshly loaded tables, as a database in use has them; otherwise the
        # server's autovacuum analyzes them in the middle of the measurements.
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", PG_NAME, "-qc", "VACUUM ANALYZE"],
            check=True,
        )
    return seed_seconds, province_seconds


def start_server(env):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    process = subprocess.Popen(
        [
            gunicorn,
            "khoithidua.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "3",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def _summary(latencies: list[float], errors: int) -> dict:
    latencies = sorted(latencies)
    return {
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "errors": errors,
        "n": len(latencies),
    }


async def _requests(client, url: str, count: int, concurrency: int) -> tuple[list, int]:
    latencies, errors = [], 0
    queue = asyncio.Queue()
    for _ in range(count):
        queue.put_nowait(url)

    async def worker():
        nonlocal errors
        while not queue.empty():
            queue.get_nowait()
            started = time.perf_counter()
            try:
                response = await client.get(url)
                if response.status_code != 200:
                    errors += 1
            except Exception:
                errors += 1
            latencies.append(time.perf_counter() - started)

    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), timeout=300)
    return latencies, errors


async def soak(client, urls: list[str], clients: int, seconds: float) -> dict:
    done, errors = 0, 0
    stop = time.perf_counter() + seconds

    async def worker(offset):
        nonlocal done, errors
        i = offset
        while time.perf_counter() < stop:
            try:
                response = await client.get(urls[i % len(urls)])
                errors += response.status_code != 200
            except Exception:
                errors += 1
            done += 1
            i += 1

    await asyncio.wait_for(
        asyncio.gather(*(worker(k) for k in range(clients))), timeout=seconds + 60
    )
    return {"requests": done, "errors": errors, "rps": done / seconds}


def main():
    import httpx

    env, database = environment()
    os.environ.update(env)
    load_before = os.getloadavg()[0]
    print(f"== database: {database}")
    seed_load, province_load = prepare_database(env)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench import pages

    targets = pages.targets()
    cookie = pages.session_cookie()
    queries = pages.query_counts(targets)
    pdf = pages.pdf_timings()
    from bench import imports

    import_results = imports.run_all(env)
    dossier = pages.province_dossier_timing()
    print(f"   province dossier: {dossier['seconds']:.1f} s, {dossier['pages']} pages")

    server = start_server(env)
    try:
        results = asyncio.run(run_load(httpx, targets, cookie))
        entry = data_entry()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    table = pages.report(results, queries, pdf, database, seed_load, province_load, dossier)
    table += (
        "\n\nImports (each in its own process; limits IMPORT_MAX_ROWS and "
        "IMPORT_MAX_UNPACKED_BYTES):\n\n"
        + imports.table(import_results)
        + f"\n\nData entry: the demo year's {entry['sheets']} sheets entered through Excel in "
        f"**{entry['actions']} user actions** (clicks, submitting keys, uploads), "
        f"{entry['cells']} of {entry['expected']} cells filled (before: 286 row saves).\n"
    )
    print(table)
    machine = (
        f"{platform.platform()} · {os.cpu_count()} cores · "
        f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB · "
        f"Python {platform.python_version()} · load average (1 min) {load_before:.2f} at the "
        f"start, {os.getloadavg()[0]:.2f} at the end (the bench itself keeps about 2 busy)"
    )
    (ROOT / "bench" / "results.md").write_text(
        f"# make bench\n\nMachine: {machine}\n\n{table}\n", encoding="utf-8"
    )


def data_entry() -> dict:
    from bench.entry import count_actions
    from members import demo

    figures = count_actions(f"http://127.0.0.1:{PORT}", demo.SLUG, 2023, "thuky", demo.PASSWORD)
    print(f"== data entry: {figures}")
    return figures


async def run_load(httpx, targets, cookie):
    limits = httpx.Limits(max_connections=SOAK_CLIENTS + 5)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{PORT}", cookies=cookie, limits=limits, timeout=30
    ) as client:
        for url in {t.url for t in targets}:  # warm every worker's caches
            for _ in range(3):
                await client.get(url)
        # Each target's requests are spread over ROUNDS passes through all targets, so a page
        # and the references it is divided by (floor, admin) meet the same machine: a change of
        # load during the run (other work on the host) reaches them alike.
        samples = {target.key: ([], 0) for target in targets}
        for _round in range(ROUNDS):
            for target in targets:
                latencies, errors = await _requests(
                    client, target.url, REQUESTS_PER_PAGE // ROUNDS, CONCURRENCY
                )
                done, failed = samples[target.key]
                samples[target.key] = (done + latencies, failed + errors)
        results = {key: _summary(*found) for key, found in samples.items()}
        for key, result in results.items():
            print(f"   {key}: p50 {result['p50']:.1f} ms")
        soak_urls = [t.url for t in targets if t.kind == "page"]
        results["soak"] = await soak(client, soak_urls, SOAK_CLIENTS, SOAK_SECONDS)
        return results


if __name__ == "__main__":
    main()
