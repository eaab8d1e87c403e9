"""Fictional demo data: about 300 made-up London civil-society organisations.

``seed_directory()`` fills the directory with realistic but entirely FICTIONAL
organisations, so that the site, the API and the open data can be shown and tried
out without anyone's real details. Every row is marked: ``is_demo=True``, ``source``
says it is fictional, and every description ends by saying so. Contact details use
only reserved ranges: ``*.example.org`` addresses and Ofcom's drama numbers
(020 7946 0000 to 0999); charity and company numbers come from ranges the registers
have not issued (GB-CHC 9xxxxxx, GB-COH 99xxxxxx).

The content (places, communities, kinds of organisation and their services,
translations) is data, in ``data/*.toml``, read by ``content.py``; ``planning.py``
decides every organisation from it, deterministically (one ``random.Random`` with a
fixed seed); ``writing.py`` writes them, idempotently. ``manage.py seed_demo`` runs
``seed_directory`` as its "directory" step, registered here.
"""

from common import demo_registry

from .content import ACCESS_NOTE_FACTS, DEMO_SOURCE, FICTION_NOTE
from .planning import TARGET_ORGANISATIONS
from .writing import seed_directory

__all__ = [
    "ACCESS_NOTE_FACTS",
    "DEMO_SOURCE",
    "FICTION_NOTE",
    "TARGET_ORGANISATIONS",
    "seed_directory",
]

demo_registry.register("directory", seed_directory, options=("organisations",))
