"""factory_boy factories for engagement: events, stakeholder groups, themes, insights."""

import factory
from django.utils import timezone

from directory.models import Borough, Language
from engagement.models import Action, Event, Feedback, Insight, StakeholderGroup, Theme


def in_days(days: float, hours: float = 0):
    return timezone.now() + timezone.timedelta(days=days, hours=hours)


class EventFactory(factory.django.DjangoModelFactory):
    """A published meeting a week from now, in Tower Hamlets, with no capacity limit."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"community-meeting-{n}")
    title_en = factory.Sequence(lambda n: f"Community meeting {n}")
    description_en = "Tell us what you need from local services."
    event_type = Event.Type.MEETING
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timezone.timedelta(hours=2))
    venue_name = "Brady Arts Centre"
    venue_address = "192-196 Hanbury Street, E1 5HU"
    borough = factory.LazyFunction(lambda: Borough.objects.get(slug="tower-hamlets"))
    is_published = True
    status = Event.Status.PLANNED

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(
                [
                    Language.objects.get(code=item) if isinstance(item, str) else item
                    for item in extracted
                ]
            )


class StakeholderGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_en = factory.Sequence(lambda n: f"Stakeholder group {n}")
    kind = StakeholderGroup.Kind.DEMOGRAPHIC


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    text = "The meetings are only for people born here."
    language = "en"


class InsightFactory(factory.django.DjangoModelFactory):
    """An insight with "you said" and "we did" in English, published an hour ago.

    Pass ``response_published_at=None`` for one that is not public yet.
    """

    class Meta:
        model = Insight
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Internal finding {n}")
    status = Insight.Status.DONE
    public_summary_en = factory.Sequence(lambda n: f"You told us something important ({n}).")
    public_response_en = factory.Sequence(lambda n: f"We changed how we work ({n}).")
    response_published_at = factory.LazyFunction(lambda: in_days(0, hours=-1))

    @factory.post_generation
    def stakeholder_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.stakeholder_groups.set(extracted)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    insight = factory.SubFactory(InsightFactory)
    planned = "Advertise the meetings in more languages."
    outcome = ""
    done_on = None
