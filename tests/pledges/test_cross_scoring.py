"""Cross-scoring: every member scores every other member, never itself; the final points are
the mean or the median of the others' scores.

The documented example (services.aggregate_points): four other members give 6, 8, 9 and 10;
the mean is 8.25 and the median 8.5. The member's own 10 never enters."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pledges import services
from pledges.models import CrossScore, Score, ScoreSheet, ScoringSettings
from tests.factories import BlocRoleFactory, UserFactory
from tests.pledges.factories import sheet_with_points


@pytest.fixture
def cross_year(bloc_year):
    ScoringSettings.objects.create(
        bloc_year=bloc_year,
        review_mode=ScoringSettings.ReviewMode.CROSS,
        cross_scoring_phase=bloc_year.phase,
    )
    return bloc_year


@pytest.fixture
def target(cross_year, member_org, criteria):
    """The member's sheet, handed in with 10 on every scored criterion."""
    points = {c: "10" if c.kind == "scored" else "0" for c in criteria}
    return sheet_with_points(cross_year, member_org, points, status=ScoreSheet.Status.SUBMITTED)


def _scores(sheet, scorers, criterion, values, user=None):
    for scorer, value in zip(scorers, values, strict=True):
        services.cross_scores_save(
            sheet=sheet, scorer=scorer, points={criterion.pk: Decimal(value)}, user=user
        )


def test_aggregate_points_give_the_documented_mean_and_median():
    values = [Decimal(v) for v in ("6", "8", "9", "10")]
    assert services.aggregate_points(values, "mean") == Decimal("8.25")
    assert services.aggregate_points(values, "median") == Decimal("8.50")
    assert services.aggregate_points([Decimal("7"), Decimal("9"), Decimal("3")], "median") == 7
    assert services.aggregate_points([Decimal(1), Decimal(2), Decimal(2)], "mean") == Decimal(
        "1.67"
    )
    assert services.aggregate_points([], "mean") is None


@pytest.mark.parametrize(("method", "expected"), [("mean", "8.25"), ("median", "8.50")])
def test_the_final_points_are_the_mean_or_median_of_the_others_only(
    cross_year, target, orgs, member_org, scored, method, expected
):
    ScoringSettings.objects.filter(bloc_year=cross_year).update(aggregate=method)
    others = [o for o in orgs if o != member_org]
    _scores(target, others, scored[0], ["6", "8", "9", "10"])
    services.sheet_finalize(sheet=target, user=None)
    score = Score.objects.get(sheet=target, criterion=scored[0])
    assert score.self_points == Decimal("10")  # its own 10 is not among the others'
    assert score.final_points == Decimal(expected)


def test_a_criterion_nobody_cross_scored_keeps_the_members_own_points(
    cross_year, target, orgs, member_org, scored
):
    _scores(target, [orgs[0]], scored[0], ["4"])
    services.sheet_finalize(sheet=target, user=None)
    assert Score.objects.get(sheet=target, criterion=scored[1]).final_points == 10


def test_a_member_never_scores_itself(cross_year, target, member_org, scored):
    with pytest.raises(ValidationError):
        services.cross_scores_save(
            sheet=target, scorer=member_org, points={scored[0].pk: Decimal(5)}, user=None
        )
    assert not CrossScore.objects.exists()


def test_the_cross_scoring_page_of_its_own_sheet_is_refused(client_for, member, url, target):
    response = client_for(member).get(url(f"sheets/{target.pk}/cross/"))
    assert response.status_code == 403
    assert "không được tự chấm chéo" in response.content.decode()


def test_a_member_scores_another_member_through_the_page(
    client_for, leader, url, target, orgs, scored
):
    client = client_for(leader)  # represents orgs[0]
    page = client.get(url(f"sheets/{target.pk}/cross/"))
    assert page.status_code == 200
    assert "?scorer=" not in page.content.decode()  # a member is never offered another scorer
    data = {f"points_{scored[0].pk}": "7,5", "scorer": orgs[1].pk}  # the scorer is not chosen
    assert client.post(url(f"sheets/{target.pk}/cross/"), data).status_code == 302
    cross = CrossScore.objects.get()
    assert (cross.scorer, cross.points) == (orgs[0], Decimal("7.5"))


def test_bad_cross_points_are_refused(client_for, leader, url, target, scored):
    data = {f"points_{scored[0].pk}": "11"}
    response = client_for(leader).post(url(f"sheets/{target.pk}/cross/"), data)
    assert response.status_code == 400
    assert not CrossScore.objects.exists()


def test_the_sheet_shows_the_spread_of_the_others_scores(
    client_for, observer, url, target, orgs, member_org, scored
):
    others = [o for o in orgs if o != member_org]
    for org, letters in zip(others, ["AA", "BB", "CC", "DD"], strict=True):
        org.abbreviation = letters
        org.save()
    _scores(target, others, scored[0], ["6", "8", "9", "2"])
    page = client_for(observer).get(url(f"sheets/{target.pk}/")).content.decode()
    assert "4 lượt chấm · 2–9 · trung bình 6,25 · trung vị 7" in page
    assert "DD 2" in page  # the outlier is listed, by scorer


def test_cross_scores_keep_their_history(cross_year, target, orgs, scored, member):
    _scores(target, [orgs[0]], scored[0], ["5"], user=member)
    _scores(target, [orgs[0]], scored[0], ["6"], user=member)
    changes = target.scores.get(criterion=scored[0]).changes.order_by("pk")
    assert [(c.scorer, c.old_value, c.new_value) for c in changes] == [
        (orgs[0], None, Decimal(5)),
        (orgs[0], Decimal(5), Decimal(6)),
    ]


def test_members_cross_score_only_in_the_configured_phase(
    client_for, url, cross_year, target, orgs, bloc
):
    ScoringSettings.objects.filter(bloc_year=cross_year).update(cross_scoring_phase="review")
    user = BlocRoleFactory(
        user=UserFactory(username="hoi4"), bloc=bloc, kind="representative", organization=orgs[4]
    ).user
    assert client_for(user).get(url(f"sheets/{target.pk}/cross/")).status_code == 403


def test_head_review_is_refused_in_a_cross_scoring_year(client_for, secretary, url, target):
    assert client_for(secretary).get(url(f"sheets/{target.pk}/review/")).status_code == 403


def test_a_refused_cross_scoring_says_so_at_the_top_and_leads_to_the_first_refused_box(
    client_for, leader, url, target, scored
):
    data = {f"points_{scored[1].pk}": "11", f"points_{scored[2].pk}": "mười"}
    body = client_for(leader).post(url(f"sheets/{target.pk}/cross/"), data).content.decode()
    summary = body[body.index('id="sheet-refused"') :][:1500]
    assert "Chưa lưu gì: 2 dòng cần sửa." in summary
    assert f'href="#id_points_{scored[1].pk}"' in summary
    assert f'href="#id_points_{scored[2].pk}"' in summary
    box = body.index(f'id="id_points_{scored[1].pk}"')
    assert "autofocus" in body[body.rindex("<input", 0, box) : body.index(">", box)]
    assert body.count(" autofocus") == 1


def test_the_cross_scoring_page_starts_the_keyboard_in_the_first_empty_box(
    client_for, secretary, url, target, cross_year, orgs, scored
):
    """As the member's own sheet does: typing can start at once, Enter going down the column."""
    from pledges import services

    scorer = next(o for o in orgs if o != target.organization)
    client = client_for(secretary)
    points = {scored[0].pk: Decimal("5")}
    services.cross_scores_save(sheet=target, scorer=scorer, points=points, user=None)
    body = client.get(url(f"sheets/{target.pk}/cross/?scorer={scorer.pk}")).content.decode()
    assert body.count(" autofocus") == 1
    box = body.index(f'id="id_points_{scored[1].pk}"')
    assert "autofocus" in body[body.rindex("<input", 0, box) : body.index(">", box)]
