"""The duplicate warning: recall on pairs of names that are the same group, and no
warning for groups that only describe themselves alike."""

import pytest

from directory import services
from directory.duplicates import names_match
from tests.factories import IdentifierFactory, OrganisationFactory

# (a listing we have, a name someone proposes for the same group)
SAME_GROUP = [
    ("Tower Hamlets Carers Group", "Tower Hamlets Carers"),  # a word left out
    ("Bow Bengali Carers Network", "Bow Bengali Carers Group"),  # one different word
    ("Lewisham Food Bank", "Lewisham Foodbank"),  # a space
    ("Lewisham Food Bank", "Lewisham Food Bnak"),  # a typo
    ("Ealing Polish Saturday School", "Polish Saturday School Ealing"),  # word order
    ("Brent Refugees and Migrants Forum", "Brent Refugees & Migrants Forum"),  # & / and
    ("The Somali Women's Association", "Somali Womens Association"),  # "the", apostrophe
    ("Hackney Community Kitchen", "Hackney Comunity Kitchen"),  # a typo
    ("Southwark Tamil Welfare Association", "Southwark Tamil Welfare Assocation"),
    ("Croydon Age Concern", "Age Concern Croydon"),
    ("Newham Romanian Community Centre", "Newham Romanian Community Center"),
    ("Islington Arabic Women's Group", "Islington Arab Women's Group"),
    ("Barnet Mind", "Barnet MIND"),
    ("Camden Somali Youth Club Ltd", "Camden Somali Youth Club"),
    ("St Mary's Lunch Club", "St Marys Lunch Club"),
    ("Harrow Gujarati Elders", "Harrow Gujarati Elders Group"),
    ("Ealing Punjabi Radio", "Ealing Panjabi Radio"),
    ("Lambeth Portuguese Speakers' Network", "Lambeth Portuguese Speakers Network"),
    ("Greenwich Community Fridge", "Greenwich Community Fridge CIC"),
    ("Bexley Women's Aid", "Bexley Womens Aid"),
]
# Different groups: names that share a place or a kind of work, and nothing more.
DIFFERENT = [
    ("Lewisham Food Bank", "Lewisham Pantry"),
    ("Tower Hamlets Carers Group", "Tower Hamlets Youth Club"),
    ("Ealing Polish Saturday School", "Ealing Tamil School"),
    ("Bow Bengali Carers Network", "Bow Arts Trust"),
]


def test_recall_on_pairs_of_names_of_the_same_group_is_at_least_nine_in_ten():
    found = [names_match(proposed, existing) for existing, proposed in SAME_GROUP]
    recall = sum(found) / len(found)
    missed = [pair for pair, hit in zip(SAME_GROUP, found, strict=True) if not hit]
    assert recall >= 0.9, missed


def test_names_that_only_share_a_place_or_kind_of_work_do_not_match():
    assert [pair for pair in DIFFERENT if names_match(pair[1], pair[0])] == []


@pytest.mark.django_db
def test_the_warning_gives_its_reason_and_never_matches_on_description_alone():
    carers = OrganisationFactory(name_en="Tower Hamlets Carers Group", postcode="E1 6AN")
    OrganisationFactory(
        name_en="Poplar Support Network",
        description_en="Bengali carers in Tower Hamlets meet every week.",
    )
    same_id = OrganisationFactory(name_en="Alpha Trust")
    IdentifierFactory(organisation=same_id, identifier="1090095")
    found = services.likely_duplicates(name="Tower Hamlets Carers", org_id="GB-CHC-1090095")
    reasons = {d.organisation.name: d.reason for d in found}
    assert reasons == {
        "Alpha Trust": "It has the same registered number.",
        "Tower Hamlets Carers Group": "It has a similar name.",
    }
    # Half the words: not enough on their own, but at the same postcode, probably.
    assert services.likely_duplicates(name="Hamlets Carers Hub", postcode="E2 7AA") == []
    nearby = services.likely_duplicates(name="Hamlets Carers Hub", postcode="e16an")
    assert [(d.organisation, d.reason) for d in nearby] == [
        (carers, "It has a similar name and the same postcode.")
    ]
    assert services.likely_duplicates(name="Completely different") == []
