"""The demo's 2022 report: written, dated 20/12/2022, signed for the bloc by the 2022 head unit,
the year left open; loading twice changes nothing."""

import datetime
import io

from django.core.management import call_command

from khoithidua.models import ReportSection, YearLogEntry, YearReport


def test_the_demo_2022_report_is_signed_by_the_head_unit_and_the_year_stays_open(db):
    call_command("load_demo", stdout=io.StringIO())
    counts = (
        YearReport.objects.count(),
        ReportSection.objects.count(),
        YearLogEntry.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())

    assert counts == (
        YearReport.objects.count(),
        ReportSection.objects.count(),
        YearLogEntry.objects.count(),
    )
    report = YearReport.objects.select_related("bloc_year", "signer_organization").get()
    assert report.bloc_year.year == 2022 and not report.bloc_year.is_closed
    assert report.issued_on == datetime.date(2022, 12, 20)
    assert report.is_signed_off
    assert report.signer_organization == report.bloc_year.head
    assert report.signer_organization.name == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"
    # The head unit's signer that year is its standing vice-chairman: he signs "KT." for it.
    assert report.signer_prefix == "TM. KHỐI THI ĐUA\nKT. TRƯỞNG KHỐI"
    assert report.signer_position == "PHÓ CHỦ TỊCH THƯỜNG TRỰC"
    assert not report.sections.filter(required=True, text="").exists()


def test_the_demo_narrative_is_written_in_its_own_words_not_copied_from_the_seed(db):
    from pathlib import Path

    import pytest

    folder = Path(__file__).parents[3] / "shared" / "seed"
    if not folder.is_dir():  # CI lays shared/ beside the checkout; a bare clone may not have it
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    article = " ".join(p.read_text(encoding="utf-8") for p in folder.glob("*.txt"))
    assert "Khối Thi đua" in article  # the seed is there to compare with
    call_command("load_demo", stdout=io.StringIO())

    for section in ReportSection.objects.exclude(text=""):
        for line in section.text.splitlines():
            words = line.lstrip("- ").split()
            # No run of 12 words of the article appears as such in the narrative.
            for i in range(max(0, len(words) - 11)):
                assert " ".join(words[i : i + 12]) not in article, line
