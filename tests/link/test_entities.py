from datetime import date

from threadline.link.entities import DocFacts, resolve_actors, resolve_persons
from threadline.link.structure import structural_signals
from threadline.model import Edge

CTRL = ("phone", "+34611111111")


def _ad(i, name, age=22, contacts=(CTRL,), city="Madrid", country="ES", day=date(2024, 11, 19), kind="ad"):
    return DocFacts(id=i, ref=f"https://a.example/{i}", kind=kind, names=(name,) if name else (),
                    ages=(age,) if age else (), contacts=contacts, city=city, country=country, day=day)


def test_one_phone_advertising_three_women_is_a_controller_of_three_persons():
    docs = [_ad(1, "Carla"), _ad(2, "Carla"), _ad(3, "Lina"), _ad(4, "Maya")]
    community = {1: 0, 2: 0, 3: 0, 4: 0}
    persons = resolve_persons(docs, [], community)
    assert sorted(len(p.documents) for p in persons) == [1, 1, 2]
    person_of = {d: p.id for p in persons for d in p.documents}
    actors = resolve_actors(docs, {d: [p] for d, p in person_of.items()}, community)
    assert len(actors) == 1 and actors[0].roles == ["controller"] and actors[0].persons == 3


def test_photos_join_ads_into_one_person_even_under_other_names():
    docs = [_ad(1, "Carla", contacts=(("phone", "+1"),)), _ad(2, "Sofia", contacts=(("phone", "+2"),))]
    persons = resolve_persons(docs, [Edge(1, 2, "image", "abc"), Edge(1, 2, "image", "def")], {})
    assert len(persons) == 1 and persons[0].names == ["Carla", "Sofia"]
    # one photo in common between differently named ads is not enough
    assert len(resolve_persons(docs, [Edge(1, 2, "image", "abc")], {})) == 2
    # nor are two, when the ages differ too: a group ad read as one woman mixed their photos
    older = [docs[0], _ad(2, "Sofia", age=26, contacts=(("phone", "+2"),))]
    assert len(resolve_persons(older, [Edge(1, 2, "image", "abc"), Edge(1, 2, "image", "def")], {})) == 2


def test_independent_is_no_actor():
    docs = [_ad(1, "Ana", contacts=(("phone", "+34622222222"),))]
    persons = resolve_persons(docs, [], {})
    assert resolve_actors(docs, {1: [persons[0].id]}, {}) == []


def test_contacts_used_together_are_one_actor_with_both_roles():
    handle = ("username", "telegram:jobs_europa")
    docs = [
        _ad(1, "Carla", contacts=(CTRL, handle)),
        _ad(2, "Lina", contacts=(CTRL, handle)),
        _ad(3, None, contacts=(handle,), kind="recruitment"),
    ]  # phone and handle together in two ads: one person behind both
    persons = resolve_persons(docs, [], {1: 0, 2: 0, 3: 0})
    actors = resolve_actors(docs, {d: [p.id] for p in persons for d in p.documents}, {1: 0, 2: 0, 3: 0})
    assert len(actors) == 1
    assert actors[0].roles == ["controller", "recruiter"]
    assert set(actors[0].selectors) == {CTRL, handle}


def test_structure_signals():
    docs = [
        _ad(1, "Carla", age=17, city="Madrid", day=date(2024, 11, 1)),
        _ad(2, "Carla", age=21, city="Lisboa", country="PT", day=date(2024, 11, 5)),
        _ad(3, "Lina"),
    ]
    # the same photos on both of Carla's ads make her one person despite the ages
    persons = resolve_persons(docs, [Edge(1, 2, "image", "h")], {1: 0, 2: 0, 3: 0})
    actors = resolve_actors(docs, {d: [p.id] for p in persons for d in p.documents}, {1: 0, 2: 0, 3: 0})
    signals = structural_signals(docs, persons, actors, [Edge(1, 3, "template", "T-1")])
    ids = {i: {s.indicator for s in sig} for i, sig in signals.items()}
    assert "structure.contact_multi_person" in ids[1]
    assert "structure.multi_country" in ids[1]
    assert "structure.age_inconsistent" in ids[2]
    assert "structure.template_multi_name" in ids[3]
    assert "structure.age_inconsistent" not in ids[3]


def test_an_ad_naming_three_women_shows_three_persons():
    d = DocFacts(id=1, ref="r1", names=("Lucía", "Tamara", "Lena"), ages=(26, 18, 23), contacts=(CTRL,))
    e = _ad(2, "Tamara", age=18)
    persons = resolve_persons([d, e], [], {1: 0, 2: 0})
    assert sorted(p.names[0] for p in persons) == ["Lena", "Lucía", "Tamara"]
    assert [p.documents for p in persons if p.names == ["Tamara"]] == [[1, 2]]


def test_a_number_mentioned_once_beside_another_does_not_merge_actors():
    recruiter = ("phone", "+584150170700")
    docs = [_ad(i, n) for i, n in ((1, "Ana"), (2, "Bea"), (3, "Cris"))]
    docs.append(_ad(4, "Dora", contacts=(CTRL, recruiter)))
    docs += [_ad(i, None, contacts=(recruiter,), kind="recruitment") for i in (5, 6, 7)]
    com = {i: 0 for i in range(1, 8)}
    persons = resolve_persons(docs, [], com)
    person_of = {}
    for p in persons:
        for d in p.documents:
            person_of.setdefault(d, []).append(p.id)
    actors = resolve_actors(docs, person_of, com)
    assert sorted(a.roles[0] for a in actors) == ["controller", "recruiter"]


def test_facilitator_needs_a_network_not_just_an_other_post():
    flat = ("phone", "+34633333333")
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, None, contacts=(flat,), kind="other"),
            _ad(4, None, contacts=(flat,), kind="other"),
            _ad(5, "Eva", contacts=(("phone", "+34644444444"),)),
            _ad(6, None, contacts=(("phone", "+34644444444"),), kind="other")]
    com = {1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 1}
    persons = resolve_persons(docs, [], com)
    person_of = {d: [p.id] for p in persons for d in p.documents}
    roles = {a.selectors[0][1]: a.roles for a in resolve_actors(docs, person_of, com)}
    assert roles["+34633333333"] == ["facilitator"]
    assert "+34644444444" not in roles  # an independent whose other post is misread is no one's facilitator


def test_unnamed_ads_join_the_one_person_their_contact_advertises():
    own = ("phone", "+34655555555")
    docs = [_ad(1, "Ana", contacts=(own,)), _ad(2, None, contacts=(own,)), _ad(3, None, contacts=(own,))]
    persons = resolve_persons(docs, [], {1: 0, 2: 0, 3: 0})
    assert [p.documents for p in persons] == [[1, 2, 3]]
    person_of = {d: [p.id] for p in persons for d in p.documents}
    assert resolve_actors(docs, person_of, {1: 0, 2: 0, 3: 0}) == []  # an independent is no controller


def test_unnamed_ad_of_a_multi_person_contact_is_not_a_person_of_its_own():
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, None)]
    persons = resolve_persons(docs, [], {1: 0, 2: 0, 3: 0})
    assert sorted(p.documents for p in persons) == [[1], [2]]


def test_one_or_two_years_apart_is_not_an_age_inconsistency():
    from threadline.link.structure import _age_inconsistent

    assert not _age_inconsistent([22, 24])
    assert not _age_inconsistent([25, 30])  # far apart but nowhere near a minor
    assert _age_inconsistent([17, 21]) and _age_inconsistent([19, 23])


def test_photos_do_not_join_women_through_an_ad_that_shows_several():
    # only one name was read, but two different ages: two women in that ad
    group = DocFacts(id=3, ref="r3", names=("Greta",), ages=(28, 18), contacts=(CTRL,))
    docs = [_ad(1, "Greta", age=28), _ad(2, "Nina", age=18), group]
    persons = resolve_persons(docs, [Edge(1, 3, "image", "g"), Edge(2, 3, "image", "n")], {1: 0, 2: 0, 3: 0})
    assert not any({1, 2} <= set(p.documents) for p in persons)


def test_a_drivers_posts_naming_the_controller_keep_two_actors():
    driver = ("phone", "+4915150719165")
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, "Cris"),
            _ad(4, None, contacts=(driver, CTRL), kind="other"),
            _ad(5, None, contacts=(driver, CTRL), kind="other")]
    com = {i: 0 for i in range(1, 6)}
    persons = resolve_persons(docs, [], com)
    person_of = {d: [p.id] for p in persons for d in p.documents}
    roles = sorted((a.selectors[0][1], a.roles[0]) for a in resolve_actors(docs, person_of, com))
    assert roles == [("+34611111111", "controller"), ("+4915150719165", "facilitator")]


def test_a_bare_poster_account_on_an_other_post_is_no_facilitator():
    poster = ("account", "board.example:u1")
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, None, contacts=(poster,), kind="other")]
    com = {1: 0, 2: 0, 3: 0}
    persons = resolve_persons(docs, [], com)
    person_of = {d: [p.id] for p in persons for d in p.documents}
    assert [a.roles for a in resolve_actors(docs, person_of, com)] == [["controller"]]


def test_an_unrecognised_ad_with_a_profile_and_the_networks_contact_is_a_person():
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, "Cris", age=24, kind="other"),
            _ad(4, None, kind="other"),  # no profile: a driver's or a flat's post
            _ad(5, "Dora", contacts=(("phone", "+34699999999"),), kind="other")]  # no tie to ads
    persons = resolve_persons(docs, [], {i: 0 for i in range(1, 6)})
    assert sorted(p.names[0] for p in persons) == ["Ana", "Bea", "Cris"]


def _person_of(persons):
    out: dict[int, list[str]] = {}
    for p in persons:
        for d in p.documents:
            out.setdefault(d, []).append(p.id)
    return out


def test_a_second_phone_selling_the_same_women_is_the_same_controller():
    second = ("phone", "+34612222222")
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, "Cris"),
            _ad(4, "Ana", contacts=(second,)), _ad(5, "Bea", contacts=(second,))]
    com = {i: 0 for i in range(1, 6)}
    persons = resolve_persons(docs, [], com)
    actors = resolve_actors(docs, _person_of(persons), com)
    # the two phones never appear together, but both advertise Ana and Bea
    assert len(actors) == 1 and set(actors[0].selectors) == {CTRL, second}
    assert actors[0].persons == 3
    # with a threshold of three shared persons they stay two controllers
    assert len(resolve_actors(docs, _person_of(persons), com, shared_persons=3)) == 2


def test_a_womans_own_phone_beside_her_controllers_stays_apart():
    own = ("phone", "+34613333333")
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, "Ana", contacts=(own,)), _ad(4, "Ana", contacts=(own,))]
    com = {i: 0 for i in range(1, 5)}
    persons = resolve_persons(docs, [], com)
    actors = resolve_actors(docs, _person_of(persons), com)
    # one shared woman is not enough to call her number her controller's
    assert [a.selectors for a in actors] == [[CTRL]]


def test_an_account_that_posted_one_group_ad_joins_the_controller_of_those_women():
    account = ("account", "site.example:u1")
    group = DocFacts(id=4, ref="r4", names=("Ana", "Bea"), ages=(22, 23), contacts=(account,))
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, "Cris"), group]
    com = {i: 0 for i in range(1, 5)}
    persons = resolve_persons(docs, [], com)
    actors = resolve_actors(docs, _person_of(persons), com)
    assert len(actors) == 1 and set(actors[0].selectors) == {CTRL, account}


def test_a_person_stated_16_in_one_ad_and_18_in_another_is_a_minor_in_both():
    docs = [_ad(1, "Carla", age=16), _ad(2, "Carla", age=18), _ad(3, "Lina")]
    com = {1: 0, 2: 0, 3: 0}
    persons = resolve_persons(docs, [], com)
    actors = resolve_actors(docs, _person_of(persons), com)
    signals = structural_signals(docs, persons, actors, [])
    cue = [s for s in signals[2] if s.indicator == "structure.age_inconsistent"]
    assert cue and min(cue[0].detail["ages"]) == 16
    # 17 and 18 elsewhere too; but 24 and 25 are a birthday, not a cue
    older = [_ad(1, "Carla", age=24), _ad(2, "Carla", age=25)]
    persons = resolve_persons(older, [], {1: 0, 2: 0})
    assert not any(s.indicator == "structure.age_inconsistent"
                   for sig in structural_signals(older, persons, [], []).values() for s in sig)


def test_an_account_on_a_single_group_ad_is_no_controller_on_its_own():
    account = ("account", "site.example:u9")
    group = DocFacts(id=1, ref="r1", names=("Ana", "Bea", "Cris"), ages=(22, 23, 24),
                     contacts=(account,))
    persons = resolve_persons([group], [], {1: 0})
    assert resolve_actors([group], _person_of(persons), {1: 0}) == []
    # the same account on two ads, or beside a phone, is
    second = DocFacts(id=2, ref="r2", names=("Dora",), ages=(25,), contacts=(account,))
    persons = resolve_persons([group, second], [], {1: 0, 2: 0})
    actors = resolve_actors([group, second], _person_of(persons), {1: 0, 2: 0})
    assert [a.roles for a in actors] == [["controller"]]


def test_a_stock_photo_does_not_chain_two_women_of_different_ages_into_one():
    # an unnamed ad shares a photo with "Matilde, 21" and another with "Puck, 45": whichever
    # it joins, the two named women stay apart (their ages would read as a minor hiding)
    docs = [_ad(1, "Matilde", age=21, contacts=(("phone", "+1"),)),
            _ad(2, None, age=None, contacts=(("phone", "+2"),)),
            _ad(3, "Puck", age=45, contacts=(("phone", "+3"),))]
    edges = [Edge(1, 2, "image", "a"), Edge(2, 3, "image", "b")]
    persons = resolve_persons(docs, edges, {})
    assert len(persons) == 2
    assert all(max(p.ages) - min(p.ages) <= 2 for p in persons)


def test_same_name_within_a_community_does_not_drift_across_ages():
    # Ana 20, Ana 22, Ana 24 of one network: each pair is two years apart, the group is not
    docs = [_ad(1, "Ana", age=20), _ad(2, "Ana", age=22), _ad(3, "Ana", age=24)]
    persons = resolve_persons(docs, [], {1: 0, 2: 0, 3: 0})
    assert sorted(len(p.documents) for p in persons) == [1, 2]


def test_her_own_name_on_her_own_photos_joins_whatever_the_ages_say():
    # the age-inconsistency cue depends on it: "Ana 19" and "Ana 24" on the same photos
    docs = [_ad(1, "Ana", age=19, contacts=(("phone", "+1"),)),
            _ad(2, "Ana", age=24, contacts=(("phone", "+2"),))]
    persons = resolve_persons(docs, [Edge(1, 2, "image", "a")], {})
    assert len(persons) == 1 and persons[0].ages == [19, 24]


def test_two_women_of_one_name_each_keep_all_their_own_ads():
    docs = [_ad(1, "Rosmary", age=18), _ad(2, "Rosmary", age=44), _ad(3, "Rosmary", age=44),
            _ad(4, "Rosmary", age=18)]
    persons = resolve_persons(docs, [], {1: 0, 2: 0, 3: 0, 4: 0})
    assert sorted(p.documents for p in persons) == [[1, 4], [2, 3]]


def test_stock_sentences_of_independents_are_no_recycled_template():
    # four women wrote the genre's stock text, each under her own number: no signal; a fifth
    # and sixth ad share one number under two names, and a seventh prints no number at all
    docs = [_ad(i, name, contacts=(("phone", f"+3461100000{i}"),))
            for i, name in enumerate(["Ana", "Bea", "Cris", "Dana"], start=1)]
    docs += [_ad(5, "Eva", contacts=(CTRL,)), _ad(6, "Fina", contacts=(CTRL,)), _ad(7, "Gala", contacts=())]
    edges = [Edge(1, i, "template", "T-1") for i in range(2, 8)]
    signals = structural_signals(docs, [], [], edges)
    fired = sorted(i for i, sig in signals.items()
                   if any(s.indicator == "structure.template_multi_name" for s in sig))
    assert fired == [5, 6, 7]


def test_in_a_group_ad_a_woman_gets_the_age_written_after_her_name():
    # the page header repeats the lead's age, so three ages for two names: order can't be
    # trusted, the name before each age can
    group = DocFacts(id=1, ref="r1", names=("Perrine", "Rosmery"), ages=(17, 17, 20),
                     name_ages=(("Perrine", 17), ("Rosmery", 20)), contacts=(CTRL,), group=True)
    later = _ad(2, "Perrine", age=18)
    persons = resolve_persons([group, later], [], {1: 0, 2: 0})
    perrine = next(p for p in persons if p.names == ["Perrine"])
    assert perrine.documents == [1, 2] and perrine.ages == [17, 18]
    signals = structural_signals([group, later], persons, [], [])
    assert "structure.age_inconsistent" in {s.indicator for s in signals[2]}


def test_an_account_that_posted_one_job_like_post_with_the_controllers_number_is_no_recruiter():
    """A cleaning-site front that reads as a job offer prints the controller's phone; the
    site account that posted it once is the controller's listing, not a second exploiter. A
    recruiter's account reached only through its own posts (no number, or its own number)
    still is a recruiter."""
    account = ("account", "limpiezas.example:u7")
    front = DocFacts(id=5, ref="r5", kind="recruitment", contacts=(CTRL, account))
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, "Cris"), front]
    com = {i: 0 for i in (1, 2, 3, 5)}
    persons = resolve_persons(docs, [], com)
    actors = resolve_actors(docs, _person_of(persons), com)
    assert [(sorted(a.selectors), a.roles) for a in actors] == [
        (sorted([CTRL, account]), ["controller", "recruiter"])]
    alone = DocFacts(id=6, ref="r6", kind="recruitment", contacts=(("account", "jobs.example:u8"),))
    assert [a.roles for a in resolve_actors([alone], {}, {6: 0})] == [["recruiter"]]
    own = ("phone", "+34622222222")
    post = DocFacts(id=7, ref="r7", kind="recruitment", contacts=(own, ("account", "jobs.example:u9")))
    assert [sorted(a.selectors) for a in resolve_actors([post], {}, {7: 0})] == [
        sorted([own, ("account", "jobs.example:u9")])]

    two = DocFacts(id=8, ref="r8", kind="recruitment",
                   contacts=(CTRL, own, ("account", "limpiezas.example:u10")))
    docs = [_ad(1, "Ana"), _ad(2, "Bea"), _ad(3, "Cris"), two]
    com = {i: 0 for i in (1, 2, 3, 8)}
    persons = resolve_persons(docs, [], com)
    actors = resolve_actors(docs, _person_of(persons), com)
    # beside two numbers it joins the one that, like it, only ever serves this post
    holder = [a for a in actors if ("account", "limpiezas.example:u10") in a.selectors]
    assert len(holder) == 1 and CTRL not in holder[0].selectors and own in holder[0].selectors
