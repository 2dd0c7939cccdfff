"""The awards URLs in the permission matrix (see tests/matrix.py). Reading is for everyone in
the bloc; the secretariat records; only leaders approve or return; members and observers change
no vote (403)."""

from awards import services
from tests.awards.factories import award, hold_meeting, members, nominate, reported
from tests.matrix import EVERYONE, LEADERS, MANAGERS, Case


def build(world):
    bloc_year = world.bloc_year
    orgs = members(bloc_year)
    hold_meeting(bloc_year)
    present = len(orgs)

    world.voted = nominate(bloc_year, orgs[3], "MERIT_CERTIFICATE")
    services.nomination_record_tally(nomination=world.voted, votes_for=present, user=None)

    world.approved = nominate(bloc_year, orgs[2], "GOV_FLAG")
    services.nomination_record_tally(nomination=world.approved, votes_for=present, user=None)
    services.nomination_approve(nomination=world.approved, user=None)
    reported(world.approved)  # ready to be submitted

    world.submitted = nominate(bloc_year, orgs[4], "PROVINCE_FLAG")
    services.nomination_record_tally(nomination=world.submitted, votes_for=present, user=None)
    services.nomination_approve(nomination=world.submitted, user=None)
    reported(world.submitted)
    services.nominations_submit(
        bloc_year=bloc_year,
        nominations=[world.submitted],
        # One register per issuing body and year: the pledge took 01 in February.
        number="08/TTr-KTĐ",
        date=bloc_year.meeting.held_on,
        user=None,
    )

    head = services.candidate_add(bloc_year=bloc_year, post="head", organization=orgs[1])
    deputy = services.candidate_add(bloc_year=bloc_year, post="deputy", organization=orgs[0])
    services.candidate_record_tally(candidate=head, votes_for=present, user=None)
    services.candidate_record_tally(candidate=deputy, votes_for=present, user=None)
    world.loose_candidate = services.candidate_add(
        bloc_year=bloc_year, post="deputy", organization=orgs[3]
    )
    # The head unit's own nomination: the leader who represents it may not approve it. A third
    # certificate, so the proposal case below still has a place in the quota.
    bloc_year.award_rules.filter(award_type__code="MERIT_CERTIFICATE").update(quota=3)
    world.own = nominate(bloc_year, bloc_year.head, "MERIT_CERTIFICATE")
    services.nomination_record_tally(nomination=world.own, votes_for=present, user=None)
    world.rule = bloc_year.award_rules.get(award_type__code="GOV_FLAG")
    world.award_orgs = orgs


def a(world, suffix=""):
    return f"/b/{world.bloc.slug}/{world.bloc_year.year}/awards/{suffix}"


def n(world, nomination, suffix=""):
    return a(world, f"nominations/{nomination.pk}/{suffix}")


CASES = [
    Case("awards:bloc_awards", lambda w: f"/b/{w.bloc.slug}/awards/"),
    Case("awards:nominations", a),
    Case(
        "awards:nomination_propose",
        lambda w: a(w, "propose/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {
            "organization": w.award_orgs[1].pk,
            "award_type": award("MERIT_CERTIFICATE").pk,
        },
    ),
    # The world has no final scores: the allowed roles are answered why nothing is proposed.
    Case(
        "awards:nominations_from_ranking",
        lambda w: a(w, "from-ranking/"),
        method="post",
        allowed=MANAGERS,
        ok=400,
    ),
    Case("awards:nomination", lambda w: n(w, w.voted)),
    Case("awards:nomination_tally", lambda w: n(w, w.voted, "tally/"), allowed=MANAGERS),
    Case(
        "awards:nomination_approve",
        lambda w: n(w, w.voted, "approve/"),
        method="post",
        allowed=LEADERS,
    ),
    # A conflict of interest is a rule: the leader of the nominated organization is refused.
    Case(
        "awards:nomination_approve",
        lambda w: n(w, w.own, "approve/"),
        method="post",
        allowed=frozenset({"admin"}),
        variant="the leader's own organization",
    ),
    Case(
        "awards:nomination_return",
        lambda w: n(w, w.voted, "return/"),
        method="post",
        allowed=LEADERS,
        data=lambda w: {"reason": "Thiếu hồ sơ"},
    ),
    Case(
        "awards:nomination_withdraw",
        lambda w: n(w, w.voted, "withdraw/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {"reason": "Đơn vị xin rút"},
    ),
    Case(
        "awards:nomination_decision",
        lambda w: n(w, w.submitted, "decision/"),
        method="post",
        allowed=MANAGERS | {"province_office"},
        data=lambda w: {
            "number": "12/QĐ-UBND",
            "date": "2024-01-15",
            "issuer": "Chủ tịch UBND tỉnh",
            "granted": "yes",
        },
    ),
    Case("awards:achievement", lambda w: n(w, w.submitted, "achievement/")),
    Case(
        # The nominee's representative or the secretariat writes it (`member` represents
        # another organization), before the head unit confirms it and the submission sends it.
        "awards:achievement",
        lambda w: n(w, w.voted, "achievement/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {
            "issued_on": "2023-12-22",
            "overview": "Hội có 12 cán bộ chuyên trách.",
            "achievements": "Hoàn thành xuất sắc các chỉ tiêu giao ước.",
        },
    ),
    Case(
        "awards:achievement_confirm",
        lambda w: n(w, w.submitted, "achievement/confirm/"),
        method="post",
        allowed=LEADERS,  # the head unit (leader represents it) confirms
    ),
    Case("awards:achievement_file", lambda w: n(w, w.submitted, "achievement.pdf")),
    Case("awards:rules", lambda w: a(w, "rules/")),
    Case("awards:rules_set_up", lambda w: a(w, "rules/set-up/"), method="post", allowed=MANAGERS),
    Case("awards:rule_edit", lambda w: a(w, f"rules/{w.rule.pk}/"), allowed=MANAGERS),
    Case("awards:settings_edit", lambda w: a(w, "settings/"), allowed=MANAGERS),
    Case("awards:meeting", lambda w: a(w, "meeting/")),
    Case("awards:meeting_edit", lambda w: a(w, "meeting/edit/"), allowed=MANAGERS),
    Case("awards:election", lambda w: a(w, "election/")),
    Case(
        "awards:candidate_add",
        lambda w: a(w, "election/candidates/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {"post": "deputy", "organization": w.award_orgs[2].pk},
    ),
    Case(
        "awards:candidate_remove",
        lambda w: a(w, f"election/candidates/{w.loose_candidate.pk}/remove/"),
        method="post",
        allowed=MANAGERS,
    ),
    Case(
        "awards:candidate_tally",
        lambda w: a(w, f"election/candidates/{w.loose_candidate.pk}/tally/"),
        allowed=MANAGERS,
    ),
    # Both posts are decided in the world: another round is refused (400) to those allowed.
    Case(
        "awards:election_round",
        lambda w: a(w, "election/round/"),
        method="post",
        allowed=MANAGERS,
        ok=400,
    ),
    Case(
        "awards:election_apply", lambda w: a(w, "election/apply/"), method="post", allowed=MANAGERS
    ),
    Case("awards:decisions", lambda w: a(w, "decisions/")),
    Case(
        "awards:submission_mark",
        lambda w: a(w, "decisions/submit/"),
        method="post",
        allowed=MANAGERS,
        data=lambda w: {
            "nominations": [w.approved.pk],
            "number": "02/TTr-KTĐ",
            "date": "2023-12-28",
        },
    ),
    Case("awards:document_preview", lambda w: a(w, "documents/minutes/"), allowed=EVERYONE),
    Case("awards:document_pdf", lambda w: a(w, "documents/submission.pdf"), allowed=EVERYONE),
]
