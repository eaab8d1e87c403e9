"""The README's examples work on the demo data: every URL it tells a partner to try
answers, with results."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parent.parent / "README.md"
EXAMPLE = re.compile(r"curl [^\n]*?'?http://127\.0\.0\.1:8000(/[^\s']*)'?")


def examples() -> list[str]:
    return EXAMPLE.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples():
    assert len(examples()) >= 8


@pytest.mark.slow
def test_every_readme_example_answers_with_results_on_the_demo_data(client):
    call_command("seed_demo", only=["directory"], verbosity=0)  # the examples ask the directory
    for path in examples():
        response = client.get(path)
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("application/json"):
            body = response.json()
            for key in ("count", "total_items"):
                if key in body:
                    assert body[key] > 0, path
            if "results" in body:
                assert body["results"], path
        else:
            streamed = response.streaming
            content = b"".join(response.streaming_content) if streamed else response.content
            assert content.count(b"\n") > 1, path
