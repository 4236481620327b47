from tests.support.api_builders import call, seed_care, seed_person, send, start_thread


def test_my_threads_are_listed_most_recent_activity_first(table, clock):
    # given three clients, the oldest thread has the latest message
    for client in ("c1", "c2", "c3"):
        seed_care("p1", client)
        start_thread("p1", "provider", client_id=client)
        clock.advance(minutes=1)
    send(start_thread("p1", "provider", client_id="c1"), "c1", "client")

    # when
    status, page, _ = call("GET", "/v1/threads", "p1", "provider")

    # then
    assert status == 200
    assert [t["counterpart"]["person_id"] for t in page["items"]] == ["c1", "c3", "c2"]
    assert page["items"][0]["unread_count"] == 1
    assert page["items"][0]["can_send"] is True
    assert page["next_cursor"] is None


def test_the_kind_filter_keeps_one_kind(table, clock):
    # given
    seed_care("p1", "c1")
    seed_care("p2", "c1")
    start_thread("p1", "provider", client_id="c1")
    start_thread("p1", "provider", provider_id="p2", client_id="c1")

    # when
    page = call("GET", "/v1/threads?kind=provider", "p1", "provider").json

    # then
    [summary] = page["items"]
    assert summary["kind"] == "provider"
    assert summary["counterpart"] == {
        "person_id": "p2",
        "display_name": "Name of p2",
        "role": "provider",
    }
    assert summary["client"]["person_id"] == "c1"


def test_paging_with_the_cursor_skips_and_repeats_nothing(table, clock):
    # given five threads
    for n in range(5):
        seed_care("p1", f"c{n}")
        start_thread("p1", "provider", client_id=f"c{n}")
        clock.advance(seconds=1)

    # when
    seen, cursor = [], None
    while True:
        query = "/v1/threads?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = call("GET", query, "p1", "provider").json
        seen += [t["counterpart"]["person_id"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    # then
    assert seen == ["c4", "c3", "c2", "c1", "c0"]


def test_no_threads_is_an_empty_list(table, clock):
    # given
    seed_person("c9", "client")

    # when
    page = call("GET", "/v1/threads", "c9", "client").json

    # then
    assert page == {"items": [], "next_cursor": None}
