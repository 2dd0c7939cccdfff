"""The secretariat writes the report's narrative; the outline is the bloc's own."""

import pytest
from django.core.exceptions import ValidationError

from khoithidua import outline, services
from khoithidua.models import ReportSection, YearReport
from tests.factories import year_with_members
from tests.khoithidua.factories import written_report
from tests.utils import text


def form_data(report, **changes):
    data = {"number": report.number, "issued_on": "2023-12-20", "recipients": report.recipients}
    for section in report.sections.all():
        prefix = f"s{section.pk}-"
        data.update(
            {
                prefix + "title": section.title,
                prefix + "level": section.level,
                prefix + "position": section.position,
                prefix + "text": section.text,
            }
        )
        if section.required:
            data[prefix + "required"] = "on"
    data.update({"new-level": 1, "new-position": 99, **changes})
    return data


def test_the_secretariat_writes_the_narrative_and_the_preview_shows_it(client_for, secretary, url):
    client = client_for(secretary)
    assert client.post(url("report/start/"))["Location"] == url("report/edit/")
    assert client.get(url("report/edit/")).status_code == 200
    report = YearReport.objects.get()
    situation = report.sections.get(data="members")

    response = client.post(
        url("report/edit/"),
        form_data(
            report,
            number="07/BC-KTĐ",
            **{f"s{situation.pk}-text": "Năm nay Khối hoạt động sôi nổi.\n- Ý một;\n- Ý hai."},
        ),
    )

    assert response.status_code == 302
    preview = text(client.get(url("report/preview/")))
    assert "Số: 07/BC-KTĐ" in preview
    assert "Năm nay Khối hoạt động sôi nổi." in preview
    assert "I. Đặc điểm tình hình" in preview
    assert "ngày 20 tháng 12 năm 2023" in preview


def test_narrative_lines_starting_with_a_dash_become_list_items_and_html_is_escaped():
    html = outline.narrative_html("Mở đầu <b>x</b>\n- Ý một;\n- Ý hai.\n\nKết luận")

    assert html == (
        "<p>Mở đầu &lt;b&gt;x&lt;/b&gt;</p>\n"
        '<ul class="dash"><li>Ý một;</li><li>Ý hai.</li></ul>\n'
        "<p>Kết luận</p>"
    )


def test_parts_get_roman_numerals_and_items_restart_in_each_part(bloc_year):
    report = services.report_get_or_create(bloc_year=bloc_year)

    labels = [(n.label, n.section.title) for n in outline.numbered(report.sections.all())]

    assert labels[0] == ("I.", "Đặc điểm tình hình")
    assert labels[2] == ("1.", "Kết quả chấm điểm, xếp hạng thi đua")
    assert labels[5] == ("1.", "Hạn chế, nguyên nhân")
    assert labels[-1] == ("V.", "Kiến nghị, đề xuất")


def test_a_new_part_is_added_and_a_narrative_part_can_be_removed(client_for, secretary, url):
    report = written_report(secretary.bloc_roles.get().bloc.years.get())
    advice = report.sections.get(title="Kiến nghị, đề xuất")

    response = client_for(secretary).post(
        url("report/edit/"),
        form_data(report, **{"new-title": "Công tác phối hợp", f"s{advice.pk}-delete": "on"}),
    )

    assert response.status_code == 302
    titles = list(report.sections.values_list("title", flat=True))
    assert "Công tác phối hợp" in titles and "Kiến nghị, đề xuất" not in titles


def test_a_part_printing_the_years_data_has_no_remove_box_and_a_forged_one_is_ignored(
    client_for, secretary, url, bloc_year
):
    report = written_report(bloc_year)
    ranking = report.sections.get(data="ranking")
    client = client_for(secretary)

    page = client.get(url("report/edit/")).content.decode()
    client.post(url("report/edit/"), form_data(report, **{f"s{ranking.pk}-delete": "on"}))

    assert f'name="s{ranking.pk}-delete"' not in page
    assert report.sections.filter(data="ranking").exists()


def test_the_service_refuses_to_remove_a_part_printing_the_years_data(bloc_year, secretary):
    report = written_report(bloc_year)
    ranking = report.sections.get(data="ranking")
    row = {"section": ranking, "delete": True}

    with pytest.raises(ValidationError):
        services.report_save(
            report=report,
            user=secretary,
            number=report.number,
            issued_on=report.issued_on,
            recipients=report.recipients,
            sections=[row],
        )
    assert report.sections.filter(data="ranking").exists()


def test_an_empty_title_is_refused_at_the_field_and_nothing_is_saved(
    client_for, secretary, url, bloc_year
):
    report = written_report(bloc_year)
    first = report.sections.first()

    response = client_for(secretary).post(
        url("report/edit/"), form_data(report, number="99/BC", **{f"s{first.pk}-title": ""})
    )

    assert response.status_code == 400
    assert 'id="part-' in response.content.decode()
    report.refresh_from_db()
    assert report.number == "05/BC-KTĐ"
    assert ReportSection.objects.get(pk=first.pk).title == first.title


def test_next_years_report_starts_from_this_years_outline(bloc_year):
    report = services.report_get_or_create(bloc_year=bloc_year)
    ReportSection.objects.create(report=report, position=50, title="Công tác năm 2023", level=1)
    next_year = year_with_members(3, bloc=bloc_year.bloc, year=2024)

    carried = services.report_get_or_create(bloc_year=next_year)

    titles = list(carried.sections.values_list("title", flat=True))
    assert "Kết quả thực hiện công tác thi đua, khen thưởng năm 2024" in titles
    assert "Phương hướng, nhiệm vụ năm 2025" in titles
    assert "Công tác năm 2024" in titles


def test_the_number_boxs_example_is_in_the_blocs_own_symbol(client_for, secretary, url, bloc_year):
    client = client_for(secretary)
    client.post(url("report/start/"))
    bloc_year.bloc.kind = "cum"
    bloc_year.bloc.save()

    page = text(client.get(url("report/edit/")))

    assert "ví dụ 05/BC-CTĐ" in page and "05/BC-KTĐ" not in page
