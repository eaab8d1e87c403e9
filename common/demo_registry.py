"""The steps ``manage.py seed_demo`` runs: each app registers those that seed its demo.

An app's ``demo`` module (or package) registers its steps when it is imported::

    from common import demo_registry

    demo_registry.register("engagement", seed_engagement, after=("directory",))

``steps()`` first imports every installed app's ``demo`` module, as the admin finds
``admin`` modules, so neither the command nor this module names any app. A step is a
callable taking ``stdout=`` (and the keyword ``options`` it was registered with) and
returning a dict of counts. It runs after the steps its ``after`` names, when those
are registered and chosen; a step that needs another app's demo data still works
without it (engagement's outreach is logged without partner organisations when the
directory's demo is not there). Dependencies go one way: engagement names directory,
never the reverse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Step:
    label: str
    function: Callable[..., dict]
    after: tuple[str, ...] = ()
    options: tuple[str, ...] = ()  # the keyword options the function takes besides stdout

    def __call__(self, *, stdout=None, **options) -> dict:
        """Run the step with the options it takes (an option given as None is left out)."""
        chosen = {name: options[name] for name in self.options if options.get(name) is not None}
        return self.function(stdout=stdout, **chosen)


STEPS: dict[str, Step] = {}


def register(
    label: str,
    function: Callable[..., dict],
    *,
    after: Iterable[str] = (),
    options: Iterable[str] = (),
) -> None:
    """Add the step called ``label`` (registering a label again replaces its step)."""
    STEPS[label] = Step(label, function, tuple(after), tuple(options))


def labels() -> list[str]:
    """Every step's label, in the order the steps run."""
    return [step.label for step in steps()]


def steps(only: Iterable[str] | None = None) -> list[Step]:
    """The registered steps in the order they run; with ``only``, just the labelled ones.

    An unknown label in ``only`` raises LookupError.
    """
    autodiscover_modules("demo")
    chosen = set(STEPS) if only is None else set(only)
    unknown = sorted(chosen - set(STEPS))
    if unknown:
        raise LookupError(
            f"No demo step is called {', '.join(unknown)}; the steps are {', '.join(STEPS)}."
        )
    pending = [step for step in STEPS.values() if step.label in chosen]
    ordered: list[Step] = []
    while pending:
        placed = {step.label for step in ordered}
        ready = next(
            (
                step
                for step in pending
                if all(name in placed or name not in chosen for name in step.after)
            ),
            None,
        )
        if ready is None:
            raise ImproperlyConfigured(
                "Demo steps wait on each other: " + ", ".join(step.label for step in pending)
            )
        pending.remove(ready)
        ordered.append(ready)
    return ordered


def run(*, only: Iterable[str] | None = None, stdout=None, **options) -> dict[str, dict]:
    """Run the steps (all, or ``only`` these) in order; return each one's counts by label.

    ``options`` go to the steps registered as taking them, for instance
    ``run(only=["directory"], organisations=40)`` for a small directory demo.
    """
    return {step.label: step(stdout=stdout, **options) for step in steps(only)}
