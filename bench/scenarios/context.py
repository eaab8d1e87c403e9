"""What every scenario is given: the server, wrk, the options, and a sample of the data."""

from __future__ import annotations

import argparse
import random
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bench.harness import Gunicorn, Wrk


@dataclass
class Sample:
    slugs: list
    ids: list
    names: list
    boroughs: list
    categories: list
    languages: list
    common_words: list
    rare_words: list
    typo_words: list
    service_ids: list


@dataclass
class Context:
    options: argparse.Namespace  # rounds, seconds, import_rounds, load_seconds, near_sizes
    server: Gunicorn
    wrk: Wrk
    sample: Sample
    workdir: Path


def sample_data(seed: int = 7) -> Sample:
    from django.db.models import Count

    from directory.bench_data import BENCH_PREFIX
    from directory.models import Borough, Language, Organisation, Service, TaxonomyTerm

    rng = random.Random(seed)
    public = Organisation.objects.public()
    total = public.count()
    if total < 1000:
        raise RuntimeError(f"only {total} public organisations: run seed_bench first")
    picked = list(
        public.filter(slug__startswith=BENCH_PREFIX)
        .order_by("slug")
        .values_list("id", "slug", "name_en")
    )
    picked = rng.sample(picked, 40)
    busy_boroughs = (
        Borough.objects.annotate(n=Count("organisations"))
        .order_by("-n")
        .values_list("slug", flat=True)
    )
    # Rare words: the six-digit number in one organisation's name (one match each), and a
    # borough name together with a theme and that number.
    rare = []
    for _id, _slug, name in picked[:4]:
        number = name.split()[-1]
        rare.append(number)
    _id, _slug, name = picked[4]
    rare.append(" ".join([name.split()[0], name.split()[-1]]))
    return Sample(
        slugs=[slug for _id, slug, _name in picked],
        ids=[str(pk) for pk, _slug, _name in picked],
        names=[name for _id, _slug, name in picked[:10]],
        boroughs=list(busy_boroughs[:5]),
        categories=list(
            TaxonomyTerm.objects.categories().filter(parent=None).values_list("slug", flat=True)[:5]
        ),
        languages=list(Language.objects.order_by("code").values_list("code", flat=True)[:3]),
        common_words=["community", "youth", "food advice", "hackney"],
        rare_words=rare,
        typo_words=["comunity", "hackny"],
        service_ids=[str(pk) for pk in Service.objects.values_list("id", flat=True)[:5]],
    )


def quote(value: str) -> str:
    return urllib.parse.quote_plus(value)
