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
    site_of = {i: f"s{i % 40}.example" for i in range(1000)}
    occ = {("email", "spam@x.example"): set(range(0, 1000, 10))}
    assert find_hubs(occ, site_of, RULES)[0].reason.startswith("on 100 of 1000")


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
