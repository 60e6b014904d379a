"""The negotiation step through game.app alone (no pygame): two teams propose, answer and counter, keep one
agreement and break another, message each other; computer nations answer at once and put offers to the teams; the
archive, the promises-kept index and the debrief's prompts say what happened; a save keeps it all."""
from __future__ import annotations

import pytest

from game.app import archive, duplicate
from game.app.session import GameSession, Seat
from game.sim.deals import Deal, Term
from game.sim.state import Order

AURELIA, BOREALIS, CALDERA = 0, 1, 2
EXCHANGE = (Term("joint", action="personnel_exchange"),)


@pytest.fixture
def session(data, meridian):
    seats = {k: Seat(k in (AURELIA, BOREALIS), nd.doctrine) for k, nd in enumerate(meridian.nations)}
    return GameSession.new(meridian.source, meridian, 3, seats)


def test_two_teams_sign_keep_and_break_agreements_and_the_archive_says_so(session):
    s, neg = session, session.negotiation
    assert neg.propose(Deal(AURELIA, (AURELIA, BOREALIS), EXCHANGE)) == []
    (p,) = [x for x in s.view.waiting_for(BOREALIS) if x.deal.proposer == AURELIA]
    assert s.view.proposals(CALDERA) == () or all(CALDERA in x.deal.parties for x in s.view.proposals(CALDERA))
    assert neg.answer(p.id, BOREALIS, "accept") == [] and p.agreement == "1." + p.agreement.split(".")[1]
    assert any(a.deal == p.deal for a in s.view.agreements(AURELIA))
    assert neg.message(AURELIA, (BOREALIS,), "We keep our word.") == []
    for k in (AURELIA, BOREALIS):   # both keep it: the gesture each owes is in its plan
        s.set_plan(k, [Order("personnel_exchange", (BOREALIS if k == AURELIA else AURELIA,))])
    rep = s.resolve()
    mine = next(a for a in rep["agreements"] if a["id"] == p.agreement)
    assert mine["status"] == "kept" and all(mine["kept"].values())
    # turn 2: a second agreement, and Borealis breaks it
    assert neg.propose(Deal(BOREALIS, (BOREALIS, AURELIA), EXCHANGE)) == []
    q = s.view.waiting_for(AURELIA)[-1]
    assert neg.answer(q.id, AURELIA, "accept") == []
    s.set_plan(AURELIA, [Order("personnel_exchange", (BOREALIS,))])
    s.set_plan(BOREALIS, [Order("domestic_investment", ())])
    rep = s.resolve()
    assert next(a for a in rep["agreements"] if a["id"] == q.agreement)["status"] == "broken"
    rows = {r.id: r for r in archive.archive(s, AURELIA)}
    assert rows[p.id].fate == "kept" and rows[q.id].fate == "broken by Borealis (turn 2)"
    assert rows[p.id].answers == "Borealis accepted"
    index = {k.nation: k for k in archive.promises_kept(s.scenario, s.view.reports)}
    assert index["Aurelia"].index == 1.0 and index["Borealis"].index < 1.0 and index["Borealis"].broken >= 1
    prompts = archive.discussion_prompts(s.scenario, s.view.reports)
    assert any("Borealis broke agreement" in x for x in prompts)
    # the duplicate score's replay (R9.6) signs the teams' deals again in the other seats' lines
    played, _exact = duplicate.played(s)
    assert played.deals == {1: [p.deal], 2: [q.deal]}
    # the save keeps the proposals, answers and messages; a loaded game shows the same archive
    again = GameSession.load(s.save_as("negotiated"), autosave=False)
    assert [r.fate for r in archive.archive(again, AURELIA)] == [r.fate for r in archive.archive(s, AURELIA)]
    assert [m.text for m in again.view.messages(BOREALIS)] == ["We keep our word."]
    assert again.view.messages(CALDERA) == ()


def test_a_computer_nation_answers_at_once_and_a_decline_or_a_refusal_signs_nothing(session):
    s, neg = session, session.negotiation
    hawk = next(k for k, nd in enumerate(s.scenario.nations) if nd.doctrine == "hawk")
    assert neg.propose(Deal(AURELIA, (AURELIA, hawk), (Term("trade"),))) == []
    p = next(x for x in s.view.proposals(AURELIA) if hawk in x.deal.parties and x.deal.proposer == AURELIA)
    assert p.answers[hawk] == "decline" and p.status == "declined" and p.agreement is None
    assert archive.archive(s, AURELIA)[-1].fate == "declined"
    assert neg.propose(Deal(AURELIA, (AURELIA, AURELIA), EXCHANGE)) == ["a deal is between 2 and 4 different nations"]
    assert neg.message(AURELIA, (), "hello") == ["a message goes to other nations"]


def test_a_rewind_forgets_the_negotiation_of_the_turns_played_again(session):
    s, neg = session, session.negotiation
    neg.propose(Deal(AURELIA, (AURELIA, BOREALIS), EXCHANGE))
    neg.message(AURELIA, (BOREALIS,), "turn one")
    s.resolve()
    neg.message(BOREALIS, (AURELIA,), "turn two")
    s.rewind(1)
    assert [m.text for m in s.view.messages(None)] == [] and all(p.turn < 1 for p in neg.proposals)


def test_computer_offers_to_teams_wait_for_their_answer(data, meridian):
    seats = {k: Seat(k == 1, nd.doctrine) for k, nd in enumerate(meridian.nations)}   # Borealis alone is a team
    s = GameSession.new(meridian.source, meridian, 3, seats, autosave=False)
    for _ in range(3):
        waiting = s.view.waiting_for(1)
        if waiting:
            break
        s.resolve()
    assert waiting, "some computer nation offers the team a deal in its first turns"
    p = waiting[0]
    assert p.deal.proposer != 1 and p.answers[1] == "pending"
    assert s.negotiation.answer(p.id, 1, "decline") == [] and p.status == "declined"
    assert s.view.waiting_for(1) == tuple(x for x in s.view.waiting_for(1) if x.id != p.id)


def test_while_the_facilitator_pauses_no_team_command_of_the_negotiation_goes_through(session):
    s, neg = session, session.negotiation
    assert neg.propose(Deal(AURELIA, (AURELIA, BOREALIS), EXCHANGE)) == []
    (p,) = [x for x in s.view.waiting_for(BOREALIS) if x.deal.proposer == AURELIA]
    before = [(x.id, dict(x.answers)) for x in neg.proposals]
    s.pause()
    paused = ["the facilitator has paused the game"]
    assert neg.propose(Deal(AURELIA, (AURELIA, CALDERA), EXCHANGE)) == paused
    assert neg.answer(p.id, BOREALIS, "accept") == paused
    assert neg.counter(p.id, BOREALIS, (Term("trade"),)) == paused
    assert neg.message(AURELIA, (BOREALIS,), "still there?") == paused
    assert [(x.id, dict(x.answers)) for x in neg.proposals] == before and p.agreement is None
    assert s.view.messages(None) == ()
    s.resume()                    # the same commands go through once the game runs again
    assert neg.answer(p.id, BOREALIS, "accept") == [] and p.agreement is not None
    assert neg.message(AURELIA, (BOREALIS,), "still there?") == []


def test_the_plan_names_what_each_promise_lacks_and_the_engine_judges_as_it_said(session):
    s, neg = session, session.negotiation
    pact = next(k for k, o in enumerate(s.scenario.orgs) if o.kind == "collective_defence")
    deal = Deal(AURELIA, (AURELIA, BOREALIS), EXCHANGE + (Term("pledge", pledge="no_buildup", turns=2),
                                                          Term("pledge", pledge="contribute", org=pact, turns=2)))
    assert neg.propose(deal) == []
    p = s.view.waiting_for(BOREALIS)[-1]
    assert neg.answer(p.id, BOREALIS, "accept") == []
    aurelia, borealis = s.draft(AURELIA), s.draft(BOREALIS)
    s.set_plan(AURELIA, [Order("defence_buildup", ())])
    (promise,) = aurelia.promises()
    aid, lacking, stake = promise.id, promise.lacking, promise.stake
    assert stake == "kept: +0.05 trust from Borealis; broken: -0.12 trust and -2 influence"   # public: influence too
    assert aid == p.agreement and lacking == ["add Personnel exchange → Borealis",
                                              "remove Defence build-up (no build-up pledged)",
                                              "add a contribution to Meridian Defence Pact"]
    assert aurelia.keep_promises() == []          # adds the exchange (a gesture to a member: it counts) ...
    assert aurelia.promises()[0].lacking == ["remove Defence build-up (no build-up pledged)"]   # ... removes nothing
    assert borealis.keep_promises() == [] and borealis.promises()[0].lacking == []
    rep = s.resolve()
    mine = next(a for a in rep["agreements"] if a["id"] == p.agreement)
    assert mine["kept"] == {"aurelia": False, "borealis": True} and mine["status"] == "broken"


def test_keeping_a_pledge_to_contribute_adds_an_order_that_counts_toward_the_organization(session):
    s, neg = session, session.negotiation
    forum = next(k for k, o in enumerate(s.scenario.orgs) if o.kind == "dialogue_forum")
    assert neg.propose(Deal(AURELIA, (AURELIA, BOREALIS), (Term("pledge", pledge="contribute", org=forum),))) == []
    assert neg.answer(s.view.waiting_for(BOREALIS)[-1].id, BOREALIS, "accept") == []
    draft = s.draft(AURELIA)
    assert draft.promises()[0].lacking == ["add a contribution to Meridian Security Forum"]
    assert draft.keep_promises() == [] and len(draft.orders) == 1 and draft.promises()[0].lacking == []


def test_the_plans_preview_counts_a_promised_answer_and_says_so(session):
    from game.sim.preview import preview
    from game.ui.describe import preview_html
    s, neg = session, session.negotiation
    assert neg.propose(Deal(AURELIA, (AURELIA, BOREALIS), EXCHANGE)) == []
    assert neg.answer(s.view.waiting_for(BOREALIS)[-1].id, BOREALIS, "accept") == []
    draft = s.draft(AURELIA)
    assert draft.keep_promises() == [] and draft.answers_promised() == {BOREALIS: [Order("personnel_exchange", (AURELIA,))]}

    def trust_gain(res):   # Borealis's trust in Aurelia, this turn
        return sum(c["delta"] for c in res["changes"] if c["field"] == "trust" and c["index"] == (BOREALIS, AURELIA)
                   and c["in_turns"] == 0)
    hoped, promised = preview(s.state, AURELIA, draft.orders), preview(s.state, AURELIA, draft.orders, draft.answers_promised())
    assert trust_gain(promised) > trust_gain(hoped) > 0          # answered: the reciprocity bonus (R12.5)
    html = preview_html(s.scenario, AURELIA, draft.orders, promised, "#f00", draft.answers_promised())
    assert "Borealis promised it toward you" in html and "worth more if" not in html
    assert "worth more if Borealis" in preview_html(s.scenario, AURELIA, draft.orders, hoped, "#f00")
