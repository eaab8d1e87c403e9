"""gunicorn's access log keeps no address, token or time finer than the month on the
equality monitoring and feedback routes; other pages keep the normal line."""

import re
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from gunicorn.config import Config

from tests.test_compose import COMPOSE_FILE, DOCKERFILE, exec_form, parse_dockerfile, shell_text
from waytahead.gunicorn_logging import PrivacyLogger

ADDRESS = "203.0.113.9"
TOKEN = "ImFiYyI:1vQx:signature"
SECOND = re.compile(r"\d{2}:\d{2}:\d{2}")


def access_line(tmp_path, path, *, method="POST", log_format=None) -> str:
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("logger_class", "waytahead.gunicorn_logging.PrivacyLogger")
    if log_format:
        cfg.set("access_log_format", log_format)
    logger = cfg.logger_class(cfg)
    environ = {
        "REQUEST_METHOD": method,
        "RAW_URI": f"{path}?token={TOKEN}",
        "PATH_INFO": path,
        "QUERY_STRING": f"token={TOKEN}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_REFERER": f"https://waytahead.example{path}?token={TOKEN}",
        "HTTP_USER_AGENT": "Mozilla/5.0",
        "HTTP_X_FORWARDED_FOR": ADDRESS,
    }
    request = SimpleNamespace(
        headers=[("X-FORWARDED-FOR", ADDRESS), ("X-REAL-IP", ADDRESS), ("HOST", "x.example")]
    )
    response = SimpleNamespace(status="302 Found", sent=0, headers=[("Location", "/thanks/")])
    logger.access(response, request, environ, timedelta(milliseconds=42))
    for handler in logger.access_log.handlers:
        handler.flush()
    return (tmp_path / "access.log").read_text().strip()


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/carers-meeting/monitoring/",
        "/bn/events/carers-meeting/monitoring/thanks/",
        "/ar/events/carers-meeting/feedback/",
        "/pt/feedback/",
        "/feedback/thanks/",
    ],
)
def test_a_private_route_is_logged_without_address_token_or_time(tmp_path, path):
    line = access_line(tmp_path, path)
    assert ADDRESS not in line and TOKEN not in line and "token" not in line
    assert not SECOND.search(line)
    assert f"[{time.strftime('%b/%Y')}]" in line
    assert f'"POST {path} HTTP/1.1" 302' in line  # still useful: what, and how it went


def test_headers_and_environ_asked_for_by_the_format_show_a_dash(tmp_path):
    log_format = '%(h)s %({x-forwarded-for}i)s %({x-real-ip}i)s %({remote_addr}e)s %(t)s "%(r)s"'
    line = access_line(tmp_path, "/en/events/x/monitoring/", log_format=log_format)
    assert line.startswith("- - - - [")
    assert ADDRESS not in line


def test_an_ordinary_page_keeps_the_normal_line(tmp_path):
    line = access_line(tmp_path, "/en/events/carers-meeting/", method="GET")
    assert line.startswith(f"{ADDRESS} - - [")
    assert SECOND.search(line)  # [02/Dec/2026:14:22:54 +0000]
    assert f'"GET /en/events/carers-meeting/?token={TOKEN} HTTP/1.1" 302' in line
    assert "Mozilla/5.0" in line


def test_the_routes_that_look_alike_are_not_mistaken(tmp_path):
    for path in ("/en/events/feedback-forum/", "/en/organisations/monitoring/", "/en/events/"):
        assert access_line(tmp_path, path).startswith(ADDRESS), path


def gunicorn_arguments(command: list[str]) -> list[str]:
    return command[command.index("gunicorn") + 1 :]


@pytest.mark.parametrize("source", ["Dockerfile", "docker-compose.yml"])
def test_production_serves_with_the_privacy_logger(source):
    if source == "Dockerfile":
        cmds = [args for key, args in parse_dockerfile(DOCKERFILE.read_text()) if key == "CMD"]
        command = exec_form(cmds[-1])
    else:
        web = yaml.safe_load(Path(COMPOSE_FILE).read_text())["services"]["web"]
        command = shell_text(web["command"]).split("&&")[-1].split()
    cfg = Config()
    parsed = cfg.parser().parse_args(gunicorn_arguments(command))
    for name, value in vars(parsed).items():
        if value is not None and name in cfg.settings:
            cfg.set(name, value)
    assert cfg.logger_class is PrivacyLogger
    assert cfg.accesslog == "-"
