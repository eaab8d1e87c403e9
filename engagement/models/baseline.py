"""The population that engagement is compared with: published shares (Census 2021 by
default), each with its area, base population, source and confidence; and the mapping
from the monitoring form's answers to the baseline's categories, so that like is
compared with like.

The default London figures are loaded by a data migration from
``engagement/data/london_census_2021_baseline.csv``; staff replace or extend them (a
borough's own table, finer age bands) by importing a CSV in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .monitoring import AGE_BANDS, DIMENSIONS, ETHNIC_GROUP_ROLLUP, PREFER_NOT

LONDON_AREA_CODE = "E12000007"


class PopulationBaselineQuerySet(models.QuerySet):
    def for_area(self, area_code: str):
        return self.filter(area_code=area_code)


class PopulationBaseline(models.Model):
    """One category's share of an area's population, for one dimension (for example
    "country_of_birth" / "Outside the United Kingdom" / 40.6% of all usual residents)."""

    class Confidence(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM_HIGH = "medium-high", _("Medium-high")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    area_code = models.CharField(
        _("area code"), max_length=12, help_text=_("ONS GSS code, such as E12000007 for London.")
    )
    area_name = models.CharField(_("area"), max_length=100)
    dimension = models.SlugField(
        _("dimension"),
        max_length=40,
        help_text=_("For example country_of_birth, age_broad, ethnic_group."),
    )
    category = models.CharField(_("category"), max_length=100)
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    base = models.CharField(
        _("base population"),
        max_length=200,
        help_text=_("Who the share is of (the denominator), such as all usual residents."),
    )
    source = models.CharField(_("source"), max_length=300)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.HIGH
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PopulationBaselineQuerySet.as_manager()

    class Meta:
        ordering = ["area_code", "dimension", "category"]
        verbose_name = _("population baseline")
        verbose_name_plural = _("population baselines")
        constraints = [
            models.UniqueConstraint(
                fields=["area_code", "dimension", "category"],
                name="population_baseline_unique_category",
            ),
        ]

    def __str__(self):
        return f"{self.area_name}: {self.category} ({self.share_percent}%)"


# --- Mapping the monitoring answers to the baseline's categories ------------------------


@dataclass(frozen=True)
class Group:
    """One category compared: the monitoring answers it gathers and the baseline
    categories it is compared with (added up). ``baseline=None``: 100 minus the rest."""

    key: str
    label: str
    answers: tuple[str, ...]
    baseline: tuple[str, ...] | None


@dataclass(frozen=True)
class Scheme:
    dimension: str  # the baseline's dimension
    groups: tuple[Group, ...]


def _age_fine() -> Scheme:
    bands = [key for key, _label in AGE_BANDS if key != PREFER_NOT[0]]
    categories = ("0-15", "16-24", "25-34", "35-49", "50-64", "65-74", "75+")
    labels = dict(AGE_BANDS)
    return Scheme(
        "age_band",
        tuple(
            Group(band, labels[band], (band,), (category,))
            for band, category in zip(bands, categories, strict=True)
        ),
    )


ETHNIC_HIGH_LEVEL = (
    ("asian", _("Asian or Asian British"), "Asian"),
    ("black", _("Black, Black British, Caribbean or African"), "Black"),
    ("mixed", _("Mixed or multiple ethnic groups"), "Mixed"),
    ("white", _("White"), "White"),
    ("other", _("Other ethnic group"), "Other"),
)

# Monitoring dimension -> the ways it can be compared, best first. The first scheme
# whose baseline categories are all there for the area is used.
COMPARISONS: dict[str, tuple[Scheme, ...]] = {
    "age_band": (
        _age_fine(),
        Scheme(
            "age_broad",
            (
                Group(
                    "under_65",
                    _("Under 65"),
                    ("under_16", "16_24", "25_34", "35_49", "50_64"),
                    ("0-14", "15-64"),
                ),
                Group("65_plus", _("65 or over"), ("65_74", "75_plus"), ("65+",)),
            ),
        ),
    ),
    "country_of_birth": (
        Scheme(
            "country_of_birth",
            (
                Group("uk", _("Born in the United Kingdom"), ("uk",), ("United Kingdom",)),
                Group(
                    "outside_uk",
                    _("Born outside the United Kingdom"),
                    (
                        "europe_eu",
                        "europe_other",
                        "africa",
                        "middle_east_asia",
                        "americas_caribbean",
                        "oceania_other",
                    ),
                    ("Outside the United Kingdom",),
                ),
            ),
        ),
    ),
    "ethnic_group": (
        Scheme(
            "ethnic_group",
            tuple(
                Group(
                    key,
                    label,
                    tuple(k for k, group in ETHNIC_GROUP_ROLLUP.items() if group == key),
                    (category,),
                )
                for key, label, category in ETHNIC_HIGH_LEVEL
            ),
        ),
    ),
    "main_language": (
        Scheme(
            "main_language",
            (
                Group("english", _("English (or Welsh)"), ("english",), ("English",)),
                Group("other", _("Another language"), ("other",), ("Other than English",)),
            ),
        ),
    ),
    "qualification": (
        Scheme(
            "qualification",
            (
                Group(
                    "level_4_plus",
                    _("Level 4 or above (for example a degree)"),
                    ("level_4_plus",),
                    ("Level 4 and above",),
                ),
                Group(
                    "below_level_4",
                    _("Below level 4, other or none"),
                    ("none", "level_1", "level_2", "apprenticeship", "level_3", "other"),
                    None,
                ),
            ),
        ),
    ),
    "disability": (
        Scheme(
            "disability",
            (
                Group(
                    "disabled",
                    _("Disabled (day-to-day activities limited a lot or a little)"),
                    ("limited_a_lot", "limited_a_little"),
                    ("Disabled under the Equality Act",),
                ),
                Group(
                    "not_disabled",
                    _("Not disabled"),
                    ("no",),
                    ("Not disabled under the Equality Act",),
                ),
            ),
        ),
    ),
}

# Month-by-month shares: (dimension, group) compared with the baseline every month.
TREND_SHARES = (("country_of_birth", "outside_uk"), ("age_band", "65_plus"))


def _plain_scheme(dimension: str) -> Scheme:
    """The monitoring question's own answers, for a dimension with no baseline."""
    _label, choices = DIMENSIONS[dimension]
    return Scheme(
        "",
        tuple(Group(key, label, (key,), None) for key, label in choices if key != PREFER_NOT[0]),
    )


def load_baseline(area_code: str) -> dict:
    """{(area_code, dimension, category folded): row} for the area and London, one query."""
    rows = PopulationBaseline.objects.filter(area_code__in={area_code, LONDON_AREA_CODE}).values(
        "area_code",
        "area_name",
        "dimension",
        "category",
        "share_percent",
        "base",
        "source",
        "confidence",
    )
    return {(r["area_code"], r["dimension"], r["category"].strip().casefold()): r for r in rows}


def choose_scheme(dimension: str, baseline: dict, area_code: str) -> tuple[Scheme, str | None]:
    """The first scheme whose baseline categories all exist for the area (else London),
    and that area's code; or, with no baseline at all, the coarsest grouping and None."""
    schemes = COMPARISONS.get(dimension)
    if not schemes:
        return _plain_scheme(dimension), None
    for area in dict.fromkeys((area_code, LONDON_AREA_CODE)):
        for scheme in schemes:
            needed = [c for g in scheme.groups for c in (g.baseline or ())]
            if all((area, scheme.dimension, c.casefold()) in baseline for c in needed):
                return scheme, area
    return schemes[-1], None


def choose_published_scheme(
    dimension: str, baseline: dict, area_code: str
) -> tuple[Scheme, str | None]:
    """The breakdown every door publishes a dimension in, and the area to compare with.

    The breakdown is chosen by London's baseline whatever the filters, so that a
    borough's finer figures can never give a second breakdown of the same people to
    subtract from the first; the borough's own baseline is compared with only when it
    has that breakdown's categories.
    """
    scheme, area = choose_scheme(dimension, baseline, LONDON_AREA_CODE)
    needed = [c for g in scheme.groups for c in (g.baseline or ())]
    own = all((area_code, scheme.dimension, c.casefold()) in baseline for c in needed)
    if area and area_code != area and own:
        area = area_code
    return scheme, area


def baseline_shares(scheme: Scheme, baseline: dict, area: str) -> tuple[dict, dict]:
    """({group key: share %}, details) for a scheme, with its sources and bases."""
    rows = []
    shares: dict[str, float] = {}
    for group in scheme.groups:
        if group.baseline is None:
            continue
        matched = [baseline[(area, scheme.dimension, c.casefold())] for c in group.baseline]
        rows += matched
        shares[group.key] = float(sum((r["share_percent"] for r in matched), Decimal(0)))
    derived = [group.key for group in scheme.groups if group.baseline is None]
    if len(derived) == 1:
        shares[derived[0]] = round(100.0 - sum(shares.values()), 2)
    details = {
        "area_code": area,
        "area_name": rows[0]["area_name"] if rows else "",
        "dimension": scheme.dimension,
        "sources": sorted({r["source"] for r in rows}),
        "bases": sorted({r["base"] for r in rows}),
        "confidence": sorted({r["confidence"] for r in rows}),
        "derived": bool(derived),
    }
    return shares, details
