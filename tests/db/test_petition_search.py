"""A 信访 applicant's phone or ID number never confirms itself to the department complained of."""

from __future__ import annotations

from desktop.domain.enums import PartyRole, Role, Status
from desktop.services.queues import CaseFilter, ordered_ids
from tests.db.factories import hours, world

NOW = hours(100)


def test_search_never_matches_a_petition_applicant_for_the_complained_department(
    session_factory,
):
    with session_factory.begin() as s:
        w = world(s)
        f = w.f
        petitions = f.category("信访")
        petitions.is_petition = True
        judicial = f.category("涉法涉诉", parent=petitions)  # inherits the 信访 mark
        _, police = f.person("police", {Role.DEPARTMENT}, w.county, w.police)
        _, dispatcher = f.person("dispatcher", {Role.DISPATCHER}, w.county)

        def case(category, applicant_phone, applicant_id=None):
            c = f.case(center=w.center, category=category, grid=w.east_grid,
                       status=Status.DISPATCHED)  # fmt: skip
            f.party(c, "申请人", phone=applicant_phone, id_number=applicant_id)
            f.task(c, w.police)
            return c

        complaint = case(judicial, "13800001111", "150000199001010011")
        f.party(complaint, "被申请人", phone="13900003333", role=PartyRole.RESPONDENT)
        ordinary = case(w.safety, "13800002222")
        ids = {"complaint": complaint.id, "ordinary": ordinary.id}

    def found(who, text):
        with session_factory() as s:
            return ordered_ids(session=s, principal=who, filter=CaseFilter(text=text), now=NOW)

    # The police (the department the 信访 is about) see the case, but its applicant's phone,
    # ID number and name confirm nothing.
    assert found(police, "") == [ids["complaint"], ids["ordinary"]]
    assert found(police, "13800001111") == []
    assert found(police, "150000199001010011") == []
    assert found(police, "1380000") == [ids["ordinary"]]  # a prefix: only the ordinary case
    assert found(police, "13800002222") == [ids["ordinary"]]
    assert found(police, "13900003333") == [ids["complaint"]]  # the respondent is not shielded
    # The dispatcher is not complained about: the same search finds the applicant.
    assert found(dispatcher, "13800001111") == [ids["complaint"]]
    assert found(dispatcher, "150000199001010011") == [ids["complaint"]]
