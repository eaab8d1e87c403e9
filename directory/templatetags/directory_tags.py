"""Template tags for directory pages."""

from django import template

from ..selectors import register_sources

register = template.Library()


@register.simple_tag
def provenance(organisation):
    """``{% provenance organisation as sources %}``: see ``selectors.register_sources``."""
    return register_sources(organisation)
