import datetime

import pytest

from documents.layout import Signature, header_context
from documents.rendering import render_pdf
from tests.pdf import PdfInfo

LONG_PARAGRAPH = (
    "Các đơn vị thành viên của Khối đã chủ động xây dựng kế hoạch, phát động phong trào thi đua "
    "gắn với nhiệm vụ chính trị của từng Hội; chú trọng phát hiện, bồi dưỡng và nhân rộng điển "
    "hình tiên tiến, kịp thời khen thưởng những tập thể, cá nhân có thành tích xuất sắc."
)


def sample_context(*, date=datetime.date(2022, 12, 20), place="Yên Bái", paragraphs=2):
    context = header_context(
        issuer_lines=["Hội Chữ thập đỏ tỉnh Yên Bái", "Khối thi đua các tổ chức Hội đặc thù"],
        number="05/BC-KTĐ",
        place=place,
        date=date,
        doc_type="Báo cáo",
        summary=["Tổng kết công tác thi đua, khen thưởng năm 2022;", "phương hướng năm 2023"],
        recipients=["Ban Thi đua - Khen thưởng tỉnh;", "Lưu: VT."],
        signature=Signature(prefix="TM. KHỐI THI ĐUA", title="TRƯỞNG KHỐI", name="Hà Thị Ngoan"),
    )
    context["paragraphs"] = [LONG_PARAGRAPH] * paragraphs
    context["items"] = ["Tổ chức tốt các phong trào thi đua;", "Hoàn thành chỉ tiêu giao ước."]
    return context


@pytest.fixture
def render_sample():
    def render(**kwargs) -> PdfInfo:
        rendered = render_pdf("documents/sample.html", sample_context(**kwargs), "sample.pdf")
        return PdfInfo(rendered.content)

    return render
