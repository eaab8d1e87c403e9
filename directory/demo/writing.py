"""Writing the directory demo: the planned organisations, created or updated in place.

Organisations are keyed on their slug, their services on their English name, their
location and identifiers on the organisation, and many-to-many fields are replaced
with ``.set()``; running it twice gives the same rows, no duplicates, and rows that
have not changed are not saved again (so no new history). Demo organisations
(``is_demo`` with this ``source``) that the current data no longer has are deleted,
so an older demo set is replaced rather than added to. A listing with a demo slug
that is NOT marked ``is_demo`` (real data) is never touched. The per-save search-text
signals are paused while seeding and the search text of every seeded organisation is
rebuilt once at the end, with the same ``search_text_for`` the signals use.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from functools import partial

from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from .. import changes, lexicon
from ..models import (
    Borough,
    Language,
    Location,
    Organisation,
    OrganisationIdentifier,
    Postcode,
    Service,
    TaxonomyTerm,
)
from ..search import search_text_for
from .content import DEMO_SOURCE, PLACES
from .planning import TARGET_ORGANISATIONS, OrgSpec, other_languages, plan, postcodes


def seed_directory(*, stdout=None, organisations: int = TARGET_ORGANISATIONS) -> dict:
    """Create or update the fictional demo organisations; return counts of what exists.

    Deterministic and idempotent: run it as often as you like. ``organisations`` makes a
    smaller demo, for quick tests: the first organisations the full one names (the
    anchors first), their details drawn afresh. It replaces a larger one, like any
    change to the demo data.
    """
    boroughs = Borough.objects.in_bulk(field_name="slug")
    categories = {term.slug: term for term in TaxonomyTerm.objects.categories()}
    beneficiaries = {term.slug: term for term in TaxonomyTerm.objects.beneficiaries()}
    languages = Language.objects.in_bulk(field_name="code")
    missing = [slug for slug in PLACES if slug not in boroughs]
    if missing:
        raise RuntimeError(f"Borough rows are missing ({', '.join(missing)}); run migrate first.")

    specs = plan(boroughs, categories, beneficiaries, size=organisations)
    terms = {"categories": categories, "languages": languages}

    counts: Counter = Counter()
    slugs = [spec.slug for spec in specs]
    with translation.override("en"), transaction.atomic(), _search_signals_muted():
        counts["postcodes"] = _write_postcodes(specs, boroughs)
        existing = {
            org.slug: org
            for org in Organisation.objects.filter(slug__in=slugs).prefetch_related(
                "categories",
                "beneficiaries",
                "languages",
                "areas_served",
                "locations",
                "identifiers",
                Prefetch(
                    "services",
                    queryset=Service.objects.prefetch_related(
                        "categories", "languages", "locations"
                    ),
                ),
            )
        }
        seeded = []
        closed = []  # new demo listings that are closed
        links = _Links()
        identifiers = _Identifiers()
        for spec in specs:
            org = existing.get(spec.slug)
            if org is not None and not org.is_demo:
                counts["skipped_real"] += 1
                if stdout:
                    stdout.write(f"Skipped {spec.slug}: a real (non-demo) listing has that slug.")
                continue
            created = org is None
            if created:
                org = Organisation(slug=spec.slug)
            if _assign(org, spec.values):
                org.save()
                counts["created" if created else "updated"] += 1
            seeded.append(org.pk)
            if created and org.status == Organisation.Status.CLOSED:
                closed.append(org.pk)
            sync = partial(links.sync, new=created)
            sync(org.categories, [categories[s] for s in spec.categories if s in categories])
            sync(
                org.beneficiaries,
                [beneficiaries[s] for s in spec.beneficiaries if s in beneficiaries],
            )
            sync(org.languages, [languages[c] for c in spec.languages if c in languages])
            sync(org.areas_served, [boroughs[s] for s in spec.areas])
            location = _upsert_location(org, spec.location, new=created)
            _upsert_services(org, spec.services, location, terms, links, new=created)
            identifiers.plan(org, spec.identifiers, new=created)
        links.flush()
        # The demo's closed listings stand for ones that closed after being listed: the
        # changes feed and removals.csv show their tombstones, as they would a real one's.
        changes.record(closed)
        # Demo organisations an earlier version of this data had, but this one does not.
        outdated = Organisation.objects.filter(is_demo=True, source=DEMO_SOURCE).exclude(
            slug__in=slugs
        )
        counts["removed"] = len([org.delete() for org in outdated])
        counts["skipped_identifiers"] = identifiers.write()
        _refresh_search_text(seeded)

    demo = Organisation.objects.filter(is_demo=True, source=DEMO_SOURCE)
    result = {
        "organisations": demo.count(),
        "created": counts["created"],
        "updated": counts["updated"],
        "unchanged": len(seeded) - counts["created"] - counts["updated"],
        "removed": counts["removed"],
        "skipped_real": counts["skipped_real"] + counts["skipped_identifiers"],
        "services": Service.objects.filter(organisation__in=demo).count(),
        "locations": Location.objects.filter(organisation__in=demo).count(),
        "identifiers": OrganisationIdentifier.objects.filter(organisation__in=demo).count(),
        "postcodes": counts["postcodes"],
        "boroughs": demo.values("borough").distinct().count(),
        "hidden": demo.count() - demo.public().count(),
        "translated_descriptions": sum(
            demo.exclude(**{f"description_{code}__isnull": True})
            .exclude(**{f"description_{code}": ""})
            .count()
            for code in other_languages()
        ),
    }
    return result


def _write_postcodes(specs: list[OrgSpec], boroughs: dict) -> int:
    """Add a ``Postcode`` row for every postcode the demo uses, so that its listings
    are placed and a search near one of them works with no postcode data loaded.

    Rows already there are kept (``ignore_conflicts``): the same ones from an earlier
    run, or real ones from the ONS postcode directory, which ``load_postcodes``
    refreshes in place. Each listing then takes its postcode's point and borough as
    stored, as saving it would, so the demo agrees with whatever the table holds.
    Returns how many of the demo's postcodes the table holds.
    """
    wanted = postcodes(specs)
    Postcode.objects.bulk_create(
        [
            Postcode(
                postcode=item.postcode,
                district_code=boroughs[item.borough].gss_code,
                borough=boroughs[item.borough],
                latitude=item.latitude,
                longitude=item.longitude,
            )
            for item in wanted
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    stored = Postcode.objects.in_bulk([item.postcode for item in wanted])
    for spec in specs:
        for values in (spec.values, spec.location):
            row = stored.get(values["postcode"])
            if row is None:
                continue
            values["latitude"], values["longitude"] = row.latitude, row.longitude
            if row.borough_id is not None:
                values["borough_id"] = row.borough_id
    return len(stored)


def _assign(instance, values: dict) -> bool:
    """Set ``values`` on ``instance``; True if it is new or anything changed."""
    changed = instance._state.adding
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


class _Links:
    """Many-to-many links: new rows are queued and bulk-inserted; old ones are compared."""

    def __init__(self):
        self.pending: dict = {}

    def sync(self, manager, objects: list, *, new: bool) -> None:
        if new:
            # A row created in this run has no links yet: queue plain through rows.
            through = manager.through
            rows = self.pending.setdefault(through, [])
            for obj in objects:
                rows.append(
                    through(
                        **{
                            f"{manager.source_field_name}_id": manager.instance.pk,
                            f"{manager.target_field_name}_id": obj.pk,
                        }
                    )
                )
        elif {obj.pk for obj in objects} != {obj.pk for obj in manager.all()}:
            # all() uses the prefetched rows, so unchanged links cost no query.
            manager.set(objects)

    def flush(self) -> None:
        for through, rows in self.pending.items():
            through.objects.bulk_create(rows, batch_size=500)
        self.pending.clear()


def _upsert_location(org, values: dict, *, new: bool) -> Location:
    location, *extra = ([] if new else list(org.locations.all())) or [Location(organisation=org)]
    if _assign(location, values):
        location.save()
    for stale in extra:
        stale.delete()
    return location


def _upsert_services(org, services: list[dict], location, terms, links, *, new: bool) -> None:
    existing = [] if new else list(org.services.all())
    by_name = {service.name_en: service for service in existing}
    terms, languages = terms["categories"], terms["languages"]
    wanted = set()
    for item in services:
        values = item["values"]
        service = by_name.get(values["name_en"]) or Service(organisation=org)
        created = service._state.adding
        if _assign(service, values):
            service.save()
        wanted.add(service.pk)
        sync = partial(links.sync, new=created)
        sync(service.categories, [terms[slug] for slug in item["categories"] if slug in terms])
        sync(
            service.languages, [languages[code] for code in item["languages"] if code in languages]
        )
        sync(service.locations, [location])
    for service in existing:
        if service.pk not in wanted:
            service.delete()


class _Identifiers:
    """Register numbers: stale ones are deleted before new ones are added.

    org_id is unique, so a number that moves from one demo organisation to another (say
    after the demo data changes) must leave the first before it joins the second.
    """

    def __init__(self):
        self.stale: list[OrganisationIdentifier] = []
        self.new: list[OrganisationIdentifier] = []

    def plan(self, org, identifiers: list[tuple[str, str]], *, new: bool) -> None:
        wanted = dict(identifiers)
        for identifier in [] if new else org.identifiers.all():
            if wanted.get(identifier.scheme) == identifier.identifier:
                del wanted[identifier.scheme]
            else:
                self.stale.append(identifier)
        for scheme, number in wanted.items():
            self.new.append(
                OrganisationIdentifier(organisation=org, scheme=scheme, identifier=number)
            )

    def write(self) -> int:
        """Apply the plan; return how many numbers were skipped as held by real listings."""
        for identifier in self.stale:
            identifier.delete()
        wanted = {f"{identifier.scheme}-{identifier.identifier}" for identifier in self.new}
        held = set(
            OrganisationIdentifier.objects.filter(org_id__in=wanted).values_list(
                "org_id", flat=True
            )
        )
        for identifier in self.new:
            if f"{identifier.scheme}-{identifier.identifier}" not in held:
                identifier.save()
        return len(held)


@contextmanager
def _search_signals_muted():
    """Pause the per-save search-text receivers; ``_refresh_search_text`` catches up after.

    Seeding saves each organisation, its services and its terms separately, and each of
    those would rebuild the search text; doing it once at the end is much faster. Meant
    for management commands and tests (the receivers are global while paused).
    """
    from .. import signals

    hooks = [
        (post_save, "organisation_saved", Organisation),
        (m2m_changed, "organisation_terms_changed", Organisation.categories.through),
        (m2m_changed, "organisation_terms_changed", Organisation.beneficiaries.through),
        (post_save, "service_changed", Service),
        (post_delete, "service_changed", Service),
    ]
    paused = []
    for signal, name, sender in hooks:
        receiver = getattr(signals, name, None)
        if receiver is not None and signal.disconnect(receiver, sender=sender):
            paused.append((signal, receiver, sender))
    try:
        yield
    finally:
        for signal, receiver, sender in paused:
            signal.connect(receiver, sender=sender)


def _refresh_search_text(organisation_ids: list) -> None:
    """Rebuild the folded search text exactly as the signals would, in a few queries."""
    changed = []
    queryset = Organisation.objects.filter(pk__in=organisation_ids).prefetch_related(
        "services", "categories", "beneficiaries"
    )
    for org in queryset:
        text = search_text_for(org)
        if text != org.search_text:
            org.search_text = text
            changed.append(org)
    # bulk_update, like the signals' .update(), leaves updated_at and history alone.
    Organisation.objects.bulk_update(changed, ["search_text"], batch_size=500)
    lexicon.refresh(organisation_ids)  # and the words search corrects typos from
