"""Posting the organisation change form in the admin, as a staff member's browser would."""


def organisation_change_data(admin_client, organisation, **overrides) -> tuple[str, dict]:
    """The change form's URL and the data it would post unchanged (no inline rows), with
    ``overrides`` applied; the edit version is the one the form was opened at."""
    url = f"/admin/directory/organisation/{organisation.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "name_en": organisation.name_en,
            "description_en": organisation.description_en,
            "slug": organisation.slug,
            "legal_form": "other",
            "status": "active",
            "licence": "CC-BY-4.0",
            "city": "London",
            "edit_version": organisation.version,
        }
    )
    for prefix in ("identifiers", "services", "locations"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(overrides)
    return url, data
