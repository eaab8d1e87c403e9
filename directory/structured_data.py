"""schema.org JSON-LD for organisation pages, so that search engines understand listings."""

from django.conf import settings


def organisation_json_ld(organisation, request) -> dict:
    """A schema.org Organization describing a public listing (public fields only)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": request.build_absolute_uri(organisation.get_absolute_url()),
        "name": organisation.name,
        "description": organisation.description,
        "url": organisation.website or request.build_absolute_uri(organisation.get_absolute_url()),
    }
    if organisation.email:
        data["email"] = organisation.email
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.address_1 or organisation.postcode:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(
                part for part in (organisation.address_1, organisation.address_2) if part
            ),
            "addressLocality": organisation.city or "London",
            "postalCode": organisation.postcode,
            "addressCountry": "GB",
        }
        if organisation.borough:
            data["address"]["addressRegion"] = organisation.borough.name
    identifiers = [identifier.org_id for identifier in organisation.identifiers.all()]
    if identifiers:
        data["identifier"] = identifiers
    languages = [language.code for language in organisation.languages.all()]
    if languages:
        data["knowsLanguage"] = languages
    areas = [borough.name for borough in organisation.areas_served.all()]
    if organisation.serves_all_london:
        areas = ["London"]
    if areas:
        data["areaServed"] = areas
    data["license"] = settings.OPEN_DATA_LICENCE["path"]
    return data
