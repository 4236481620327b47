from carethread.data import models


def test_table_round_trips_a_polymorphic_item(table, clock):
    # given
    models.Person(
        pk="PERSON#p1",
        sk="PROFILE",
        person_id="p1",
        role="provider",
        display_name="Dr. A",
        updated_at=clock.now(),
    ).save()

    # when
    item = models.TableItem.get("PERSON#p1", "PROFILE")

    # then
    assert isinstance(item, models.Person)
    assert item.role == "provider"
