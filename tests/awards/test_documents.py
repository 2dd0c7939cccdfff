"""The minutes and the submission of the demo's 2022 meeting, read back from the PDF."""

import pytest

from awards import demo as awards_demo
from awards.models import AwardSettings, AwardType
from documents import registry
from members import demo as members_demo
from members.models import BlocYear
from pledges import demo as pledges_demo
from tests.pdf import PdfInfo


@pytest.fixture
def demo_2022(db):
    members_demo.load()
    pledges_demo.load()
    awards_demo.load()
    return BlocYear.objects.get(bloc__slug=members_demo.SLUG, year=2022)


def award_name(code):
    return AwardType.objects.get(code=code).name


def test_the_minutes_name_every_nominee_with_its_award_and_tally_and_the_leaders(demo_2022):
    rendered = registry.renderer_for("minutes")(demo_2022)
    info = PdfInfo(rendered.content)
    assert info.all_a4()
    assert "BIÊN BẢN" in info.text
    assert "có 11/11 đơn vị thành viên tham dự" in info.text
    # A secret ballot's words (the year's setting): đồng ý / không đồng ý / phiếu không hợp lệ.
    assert "Hình thức: bỏ phiếu kín" in info.text and "biểu quyết" not in info.text
    for name, code, (votes_for, against, blank), _decision in awards_demo.NOMINEES:
        assert f"{name} Yên Bái – {award_name(code)}: đồng ý {votes_for}/11 phiếu" in info.text, (
            name
        )
        assert f"không đồng ý {against}, phiếu không hợp lệ {blank}; đạt" in info.text
    assert (
        "Hội Chữ thập đỏ tỉnh Yên Bái được bầu làm Trưởng khối năm 2023; Hội Liên hiệp Văn học "
        "Nghệ thuật tỉnh Yên Bái được bầu làm Phó Trưởng khối năm 2023" in info.text
    )
    assert "THƯ KÝ" in info.text and "CHỦ TRÌ" in info.text


def test_the_minutes_name_the_bloc_a_flag_nominee_leads(demo_2022):
    info = PdfInfo(registry.renderer_for("minutes")(demo_2022).content)
    assert (
        "Hội Khuyến học tỉnh Yên Bái, đơn vị dẫn đầu phong trào thi đua Khối Thi đua các tổ chức "
        "Hội đặc thù tỉnh Yên Bái năm 2022" in info.text
    )
    # Only the first-ranked member leads: the second-ranked provincial-flag nominee does not.
    assert info.text.count("đơn vị dẫn đầu") == 2  # the table and the list, for rank 1 only
    assert "Kỹ thuật tỉnh Yên Bái, đơn vị dẫn đầu" not in info.text


def test_the_submission_lists_the_legal_bases_the_nominees_by_award_and_attachments(demo_2022):
    info = PdfInfo(registry.renderer_for("submission")(demo_2022).content)
    assert info.all_a4()
    text = info.text
    assert "TỜ TRÌNH" in text and "Số: 06/TTr-KTĐ" in text
    assert "Kính gửi: Hội đồng Thi đua – Khen thưởng tỉnh Yên Bái" in text
    assert "Căn cứ Nghị định số 91/2017/NĐ-CP" in text
    assert "1. Cờ thi đua của Chính phủ cho 01 tập thể: - Hội Khuyến học tỉnh Yên Bái" in text
    assert "cho 02 tập thể: - Hội Chữ thập đỏ tỉnh Yên Bái. - Hội Liên hiệp Văn học" in text
    assert "Hồ sơ kèm theo:" in text and "Nơi nhận:" in text


def test_the_on_screen_preview_is_the_same_document(client, demo_2022):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="quansat"))
    response = client.get("/b/hoi-dac-thu-yen-bai/2022/awards/documents/minutes/")
    assert response.status_code == 200
    assert "Hội Khuyến học tỉnh Yên Bái" in response.content.decode()
    pdf = client.get("/b/hoi-dac-thu-yen-bai/2022/awards/documents/minutes.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "BIÊN BẢN" in PdfInfo(pdf.content).text


def test_the_demo_is_idempotent_and_tells_the_seed_story(demo_2022):
    from awards.models import Election, Nomination, NominationEvent, Vote

    counts = (Nomination.objects.count(), Vote.objects.count(), NominationEvent.objects.count())
    awards_demo.load()
    assert counts == (
        Nomination.objects.count(),
        Vote.objects.count(),
        NominationEvent.objects.count(),
    )
    granted = {
        (n.organization.name, n.award_type.code)
        for n in Nomination.objects.filter(bloc_year=demo_2022, status="granted")
    }
    assert granted == {(name, code) for name, code, _c, _d in awards_demo.NOMINEES}
    assert all("minh họa" in n.note for n in Nomination.objects.all())
    assert "minh họa" in demo_2022.meeting.notes
    election = Election.objects.get(bloc_year=demo_2022)
    assert (election.head.name, election.deputy.name) == (
        "Hội Chữ thập đỏ tỉnh",
        "Hội Liên hiệp Văn học Nghệ thuật tỉnh",
    )
    following = BlocYear.objects.get(bloc=demo_2022.bloc, year=2023)
    assert following.head == election.head and following.deputy == election.deputy
    approvals = NominationEvent.objects.filter(action="approve")
    assert {e.by.username for e in approvals} == {"truongkhoi"}


def test_the_minutes_record_every_election_round_with_its_counts(db):
    from awards import services
    from tests.awards.factories import hold_meeting, members
    from tests.factories import year_with_members

    bloc_year = year_with_members(5)
    orgs = members(bloc_year)
    hold_meeting(bloc_year)
    first = services.candidate_add(bloc_year=bloc_year, post="head", organization=orgs[1])
    second = services.candidate_add(bloc_year=bloc_year, post="head", organization=orgs[2])
    deputy = services.candidate_add(bloc_year=bloc_year, post="deputy", organization=orgs[3])
    services.candidate_record_tally(candidate=first, votes_for=2, votes_against=3, user=None)
    services.candidate_record_tally(candidate=second, votes_for=2, votes_against=3, user=None)
    services.candidate_record_tally(candidate=deputy, votes_for=4, votes_against=1, user=None)
    election = services.election_new_round(election=first.election)
    services.candidate_record_tally(candidate=first, votes_for=4, votes_against=1, user=None)

    text = PdfInfo(registry.renderer_for("minutes")(bloc_year).content).text

    assert "Vòng 1:" in text and "Vòng 2:" in text and election.round == 2
    assert text.count("đồng ý 2/5 phiếu") == 2  # the tied first round stays in the record
    assert text.count("đồng ý 4/5 phiếu (80 %), không đồng ý 1") == 2  # head round 2, deputy


def test_the_minutes_signatures_never_stand_alone_on_the_last_page(demo_2022):
    """Each guest line moves the end of the minutes down by a line: at one count the signatures
    would fall to a page of their own; they take the end of the text with them."""
    meeting = demo_2022.meeting
    signatures = {"THƯ KÝ", "CHỦ TRÌ", meeting.chair, meeting.secretary}
    for count in range(0, 32, 2):  # about half a page, in steps of two lines
        meeting.guests = "\n".join(f"Đại biểu số {n}, đơn vị khách mời" for n in range(count))
        meeting.save(update_fields=["guests"])
        last = PdfInfo(registry.renderer_for("minutes")(demo_2022).content).pages_text[-1]
        words = last
        for line in signatures:  # what remains besides the signature block and page number
            words = words.replace(line, "")
        assert "Biên bản đã được thông qua" in last, count
        assert words.strip(" \n0123456789"), count


def test_a_show_of_hands_counts_members_not_ballots_in_the_minutes_and_the_report(demo_2022):
    AwardSettings.objects.filter(bloc_year=demo_2022).update(ballot=AwardSettings.Ballot.OPEN)
    minutes = PdfInfo(registry.renderer_for("minutes")(demo_2022).content).text
    report = PdfInfo(registry.renderer_for("report")(demo_2022).content).text
    assert "Hình thức: biểu quyết giơ tay" in minutes
    assert "Số đơn vị tán thành" in minutes and "Số đơn vị tán thành" in report
    votes_for = awards_demo.NOMINEES[0][2][0]
    assert f"tán thành {votes_for}/11 đơn vị" in minutes
    assert "phiếu" not in minutes
