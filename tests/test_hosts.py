from threadline.hosts import same_site


def test_a_site_its_www_and_its_sub_domains_are_one_site_and_look_alikes_are_not():
    assert same_site("citas.example", "www.citas.example")
    assert same_site("m.citas.example", "citas.example")
    assert not same_site("citas.example", "otras-citas.example")
    assert not same_site("citas.example", "citas.example.evil.example")
