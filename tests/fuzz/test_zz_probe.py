import time
import pytest
from khoithidua import services, printing
from tests.fuzz.test_report_fuzz import LONG
from tests.pdf import PdfInfo

@pytest.mark.parametrize("i", range(len(LONG)))
def test_probe(bloc_year, i):
    report = services.report_get_or_create(bloc_year=bloc_year)
    section = report.sections.get(data="members")
    section.text = LONG[i]
    section.save()
    t = time.time()
    content = printing.render_report(bloc_year).content
    print(i, round(time.time() - t, 2), PdfInfo(content).page_count)
