"""The province's background work, through Django's Tasks API (the django-tasks backport; with
its database backend any machine running `manage.py db_worker` takes the work)."""

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from province import services

    services.job_run(job_id=job_id)


@task()
def send_notices() -> int:
    from province import notices

    return notices.send_due()
