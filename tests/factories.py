"""factory_boy factories for the whole project."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from directory.models import (
    Borough,
    Language,
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
    TaxonomyTerm,
)


def borough(slug="hackney"):
    return Borough.objects.get(slug=slug)


def category(slug="food"):
    return TaxonomyTerm.objects.categories().get(slug=slug)


def beneficiary(slug="older-people"):
    return TaxonomyTerm.objects.beneficiaries().get(slug=slug)


def language(code="pl"):
    return Language.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Community Group {n}")
    slug = factory.Sequence(lambda n: f"community-group-{n}")
    description_en = "A friendly community group."
    is_published = True
    status = Organisation.Status.ACTIVE
    borough = factory.LazyFunction(lambda: Borough.objects.get(slug="hackney"))
    postcode = "E8 1DY"
    last_confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def beneficiaries(self, create, extracted, **kwargs):
        if create and extracted:
            self.beneficiaries.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class IdentifierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationIdentifier

    organisation = factory.SubFactory(OrganisationFactory)
    scheme = OrganisationIdentifier.Scheme.CHARITY_ENGLAND_WALES
    identifier = factory.Sequence(lambda n: f"{1100000 + n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    address_1 = "1 Mare Street"
    postcode = "E8 1DY"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name_en = factory.Sequence(lambda n: f"Drop-in advice {n}")
    description_en = "Free advice every week."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.Sequence(lambda n: f"member{n}@people.example")
    password = factory.django.Password("a-long-password-1")
    preferred_language = "en"


def make_moderator(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def make_engagement_staff(*, lead: bool = False, **kwargs):
    """A staff member in "Engagement staff" (or, with ``lead``, "Engagement leads")."""
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name="Engagement leads" if lead else "Engagement staff"))
    return user


def make_editor(organisation, **kwargs):
    from directory.models import OrganisationEditor

    user = UserFactory(**kwargs)
    OrganisationEditor.objects.create(organisation=organisation, user=user)
    return user
