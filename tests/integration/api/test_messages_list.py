from tests.support.api_builders import call, seed_care, send, start_thread


def sent_thread(count):
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")
    ids = [send(thread_id, "p1", "provider", f"m{n}").json["message_id"] for n in range(count)]
    return thread_id, ids


def test_messages_come_newest_first(table, clock):
    # given
    thread_id, ids = sent_thread(3)

    # when
    status, page, _ = call("GET", f"/v1/threads/{thread_id}/messages", "c1", "client")

    # then
    assert status == 200
    assert [m["message_id"] for m in page["items"]] == ids[::-1]
    assert [m["mine"] for m in page["items"]] == [False] * 3
    assert page["next_cursor"] is None


def test_paging_with_the_cursor_skips_and_repeats_nothing(table, clock):
    # given
    thread_id, ids = sent_thread(5)

    # when
    seen, cursor = [], None
    while True:
        query = f"/v1/threads/{thread_id}/messages?limit=2" + (
            f"&cursor={cursor}" if cursor else ""
        )
        page = call("GET", query, "p1", "provider").json
        seen += [m["message_id"] for m in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    # then
    assert seen == ids[::-1]


def test_a_page_that_ends_exactly_at_the_last_message_has_no_cursor(table, clock):
    # given
    thread_id, _ = sent_thread(2)

    # when
    page = call("GET", f"/v1/threads/{thread_id}/messages?limit=2", "p1", "provider").json

    # then
    assert (len(page["items"]), page["next_cursor"]) == (2, None)


def test_a_cursor_that_is_not_ours_is_400(table, clock):
    # given
    thread_id, _ = sent_thread(1)

    # when
    status, body, _ = call(
        "GET", f"/v1/threads/{thread_id}/messages?cursor=eyJtIjoxfQ", "p1", "provider"
    )

    # then
    assert (status, body["errors"][0]["field"]) == (400, "cursor")


def test_a_limit_over_100_is_400(table, clock):
    # given
    thread_id, _ = sent_thread(0)

    # when
    status, body, _ = call("GET", f"/v1/threads/{thread_id}/messages?limit=101", "p1", "provider")

    # then
    assert (status, body["errors"][0]["field"]) == (400, "limit")
