from threadline.link.selectors import HubRules, find_hubs, group_edges, selector_edges

RULES = HubRules(site_share=0.5, site_min_documents=8, global_share=0.05, global_min_documents=50,
                 image_max_documents=25, image_share=0.03)


def test_site_footer_number_is_a_hub_but_a_controller_phone_is_not():
    site_of = {i: "citas.example" for i in range(20)} | {i: "other.example" for i in range(20, 40)}
    occ = {
        ("phone", "+34900000000"): set(range(20)),  # footer of every citas page
        ("phone", "+34611111111"): {1, 5, 9, 25},  # a controller across two sites
    }
    hubs = find_hubs(occ, site_of, RULES)
    assert [(h.value, h.documents) for h in hubs] == [("+34900000000", 20)]
    assert "citas.example" in hubs[0].reason
    edges = selector_edges(occ, hubs)
    assert {e.value for e in edges} == {"+34611111111"}
    assert len(edges) == 6  # clique of four


def test_global_share_hub():
    # an address in every tenth ad's small print, beside each ad's own number
    site_of = {i: f"s{i % 40}.example" for i in range(1000)}
    occ = {("email", "spam@x.example"): set(range(0, 1000, 10))}
    occ |= {("phone", f"+3461100{i:04d}"): {i} for i in range(0, 1000, 10)}
    assert find_hubs(occ, site_of, RULES)[0].reason.startswith("on 100 of 1000")


def test_a_prolific_recruiters_own_number_is_no_hub():
    # 55 of 600 documents: 45 job posts where it is the only contact, and the network's ads
    # where it sits beside the controller's phone and the sites' footer numbers
    site_of = {i: "jobs.example" for i in range(100)} | {i: "citas.example" for i in range(100, 600)}
    recruiter = set(range(45)) | set(range(100, 110))
    occ = {("phone", "+584158562704"): recruiter,
           ("phone", "+34611111111"): set(range(100, 110)),  # the controller
           ("phone", "+34900000000"): set(range(100, 600))}  # citas footer
    hubs = find_hubs(occ, site_of, RULES)
    assert [h.value for h in hubs] == ["+34900000000"]


def test_large_groups_stay_connected_without_quadratic_edges():
    edges = group_edges(range(1000), "phone", "+1", 1.0)
    assert len(edges) < 10_000
    seen, frontier = {0}, [0]
    adj: dict[int, set[int]] = {}
    for e in edges:
        adj.setdefault(e.a, set()).add(e.b)
        adj.setdefault(e.b, set()).add(e.a)
    while frontier:
        n = frontier.pop()
        for m in adj.get(n, ()):
            if m not in seen:
                seen.add(m)
                frontier.append(m)
    assert len(seen) == 1000


def test_footer_beside_the_site_address_is_a_hub_even_on_few_of_the_site_pages():
    # 30 documents of berlin.example; only 6 are full pages with the footer
    site_of = {i: "berlin.example" for i in range(30)}
    footer = {0, 1, 2, 3, 4, 5}
    occ = {
        ("email", "support@berlin.example"): set(footer),
        ("phone", "+4930000000"): set(footer),
        ("phone", "+491511111111"): {0, 10},  # each ad's own number beside the footer
        ("phone", "+491522222222"): {1, 11},
        ("phone", "+491533333333"): {2, 3, 12},
        ("phone", "+491544444444"): {4, 5},
    }
    hubs = {h.value: h.reason for h in find_hubs(occ, site_of, RULES)}
    assert set(hubs) == {"support@berlin.example", "+4930000000"}
    assert "own domain" in hubs["support@berlin.example"]
    assert "beside berlin.example's own address on 6 of 6" in hubs["+4930000000"]


def test_controller_on_one_site_beside_the_footer_stays_a_link():
    site_of = {i: "berlin.example" for i in range(30)}
    occ = {
        ("email", "support@berlin.example"): set(range(8)),
        ("phone", "+4930000000"): set(range(8)),
        ("phone", "+491511111111"): {0, 1, 2, 3},  # controller: always beside the same footer
        ("phone", "+491599999999"): {2, 3},  # and its second phone
        ("phone", "+491522222222"): {4, 20},
        ("phone", "+491533333333"): {5, 21},
    }
    hubs = {h.value for h in find_hubs(occ, site_of, RULES)}
    assert "+491511111111" not in hubs
    assert "+4930000000" in hubs


def test_a_bare_handle_is_the_one_platform_handle_of_that_name():
    from threadline.link.selectors import contact_aliases

    occ = {("username", "telegram:diosas_velvet"): {1, 2}, ("username", "unknown:diosas_velvet"): {3},
           ("username", "unknown:lonely"): {4},
           ("username", "instagram:both"): {5}, ("username", "telegram:both"): {6},
           ("username", "unknown:both"): {7}}
    merged, aliases = contact_aliases(occ)
    assert merged[("username", "telegram:diosas_velvet")] == {1, 2, 3}
    assert ("username", "unknown:diosas_velvet") not in merged
    assert aliases == {("username", "unknown:diosas_velvet"): ("username", "telegram:diosas_velvet")}
    # no platform knows it, or two do: it stays as written
    assert merged[("username", "unknown:lonely")] == {4}
    assert merged[("username", "unknown:both")] == {7}



def test_a_number_read_under_a_guessed_region_is_the_number_written_with_its_code():
    from threadline.link.selectors import contact_aliases

    occ = {("phone", "+351960901463"): {1, 2}, ("phone", "+34960901463"): {3},
           ("phone", "+34611111111"): {4}, ("phone", "+351611111111"): {5}}
    merged, aliases = contact_aliases(occ, explicit_phones={"+351960901463"})
    assert merged[("phone", "+351960901463")] == {1, 2, 3}
    assert aliases == {("phone", "+34960901463"): ("phone", "+351960901463")}
    # neither reading was ever written with its code: both stay
    assert merged[("phone", "+34611111111")] == {4} and merged[("phone", "+351611111111")] == {5}
    # both were written with their codes: two different numbers
    merged, aliases = contact_aliases(occ, explicit_phones={"+351960901463", "+34960901463"})
    assert aliases == {}


def test_a_number_in_most_posts_of_a_telegram_chat_is_its_operators_not_a_hub():
    site_of = {i: "telegram:Trabajo en Europa" for i in range(20)} | {
        i: "citas.example" for i in range(20, 60)}
    occ = {("phone", "+584158562704"): set(range(15)) | {20, 21},
           ("account", "telegram:channel17"): set(range(20))}
    assert [h.value for h in find_hubs(occ, site_of, RULES)] == ["telegram:channel17"]
