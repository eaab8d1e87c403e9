"""The container setup: docker-compose.yml, the Dockerfile and .env.example.

No Docker engine runs here, so the compose file is validated against the
vendored Compose Specification schema (tests/schemas/compose-spec.json), and the
wiring the schema cannot see (commands, health checks, the shared image,
service host names, volumes, environment) is checked directly.
"""

import json
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
DOCKERFILE = BASE_DIR / "Dockerfile"
ENV_EXAMPLE = BASE_DIR / ".env.example"
SETTINGS_FILE = BASE_DIR / "waytahead" / "settings.py"
SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "compose-spec.json"

APP_SERVICES = ("web", "worker", "beat")
ALL_SERVICES = (*APP_SERVICES, "db", "redis")

# env("NAME", ...), env.bool("NAME", ...), env.db(\n "NAME" ...) and the like.
ENV_CALL = re.compile(r"""\benv(?:\.[a-z_]+)?\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']""")
# NAME=value, also when commented out ("# NAME=value") to document an optional default.
ENV_ASSIGNMENT = re.compile(r"^\s*(?:#\s*)?(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=", re.MULTILINE)


# --- Helpers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile():
    return parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))


def argv(command):
    """A compose command (string or list) as an argument vector."""
    return shlex.split(command) if isinstance(command, str) else [str(arg) for arg in command]


def shell_text(command):
    """The command line, with an `sh -c "..."` wrapper unwrapped."""
    args = argv(command)
    if len(args) >= 3 and args[0] in {"sh", "bash", "/bin/sh", "/bin/bash"} and args[1] == "-c":
        return args[2]
    return shlex.join(args)


def environment(service):
    """A service's `environment` as a dict, whether written as a map or a list."""
    env = service.get("environment") or {}
    if isinstance(env, dict):
        return {key: "" if value is None else str(value) for key, value in env.items()}
    return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)


def env_files(service):
    value = service.get("env_file") or []
    entries = [value] if isinstance(value, str | dict) else value
    return [entry["path"] if isinstance(entry, dict) else entry for entry in entries]


def depends_on(service):
    value = service.get("depends_on") or {}
    if isinstance(value, list):  # The short form only waits for the container to start.
        return dict.fromkeys(value, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in value.items()}


def celery_app_and_subcommand(command):
    """(app, subcommand) of a `celery -A app <subcommand>` command line."""
    args = argv(command)
    assert args and Path(args[0]).name == "celery", f"not a celery command: {args}"
    app = subcommand = None
    rest = iter(args[1:])
    for arg in rest:
        if arg in {"-A", "--app"}:
            app = next(rest, None)
        elif arg.startswith("--app="):
            app = arg.split("=", 1)[1]
        elif not arg.startswith("-") and subcommand is None:
            subcommand = arg
    return app, subcommand


def parse_dockerfile(text):
    """Dockerfile instructions as (INSTRUCTION, arguments) with continuations joined."""
    instructions, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue  # Comments are dropped, even inside a continued instruction.
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, arguments = current.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    return instructions


def exec_form(arguments):
    """A JSON-array CMD/ENTRYPOINT as a list; a shell-form one split like a shell would."""
    if arguments.startswith("["):
        return json.loads(arguments)
    return shlex.split(arguments)


def settings_env_names():
    return set(ENV_CALL.findall(SETTINGS_FILE.read_text(encoding="utf-8")))


# --- The helpers themselves -----------------------------------------------------------


def test_env_call_pattern_finds_every_style_of_call():
    source = (
        'A = env("PLAIN")\n'
        'B = env.bool("TYPED", default=False)\n'
        "C = env.str(\n    'MULTI_LINE', default='x'\n)\n"
        'environ.Env.read_env(BASE_DIR / ".env")\n'
    )
    assert set(ENV_CALL.findall(source)) == {"PLAIN", "TYPED", "MULTI_LINE"}


def test_settings_reads_the_variables_the_compose_setup_relies_on():
    # Guards the regex against silently matching nothing if settings change style.
    names = settings_env_names()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"} <= names


# --- docker-compose.yml against the Compose Specification ------------------------------


def test_vendored_schema_is_draft_07_and_valid():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert "draft-07" in schema["$schema"]
    jsonschema.Draft7Validator.check_schema(schema)


def test_compose_file_matches_the_compose_specification(compose):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(compose), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
        for error in errors
    )


def test_compose_file_has_no_obsolete_version_key(compose):
    assert "version" not in compose


def test_all_services_are_defined(services):
    missing = set(ALL_SERVICES) - set(services)
    assert not missing, f"missing services: {sorted(missing)}"


# --- One image for web, worker and beat -------------------------------------------------


def test_app_services_build_the_same_image_from_the_dockerfile(services):
    builds, images = set(), set()
    for name in APP_SERVICES:
        build = services[name].get("build")
        assert build is not None, f"{name} does not build the image"
        if isinstance(build, str):
            build = {"context": build}
        context = (COMPOSE_FILE.parent / build.get("context", ".")).resolve()
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        assert dockerfile == DOCKERFILE, f"{name} builds from {dockerfile}"
        builds.add((context, dockerfile))
        images.add(services[name].get("image"))
    assert len(builds) == 1
    assert len(images) == 1 and None not in images, f"app services use images {images}"


def test_web_runs_migrations_then_gunicorn(services):
    command = shell_text(services["web"]["command"])
    assert "gunicorn" in command and "waytahead.wsgi" in command
    assert "manage.py migrate" in command
    assert "--noinput" in command
    # Migrations must finish (and succeed) before gunicorn starts.
    assert re.search(r"manage\.py migrate.*&&.*gunicorn", command), command
    assert "0.0.0.0:8000" in command


def test_web_publishes_port_8000(services):
    ports = [
        str(port.get("published", "")) + ":" + str(port.get("target", ""))
        if isinstance(port, dict)
        else str(port)
        for port in services["web"].get("ports", [])
    ]
    assert any(port.endswith("8000:8000") for port in ports), ports


def test_worker_runs_a_celery_worker_for_the_project(services):
    assert celery_app_and_subcommand(services["worker"]["command"]) == ("waytahead", "worker")


def test_beat_runs_celery_beat_for_the_project(services):
    assert celery_app_and_subcommand(services["beat"]["command"]) == ("waytahead", "beat")


# --- Health checks and start-up order --------------------------------------------------


@pytest.mark.parametrize("name", ALL_SERVICES)
def test_every_service_has_a_health_check(services, name):
    healthcheck = services[name].get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert not healthcheck.get("disable", False)
    test = healthcheck.get("test")
    assert test and test != ["NONE"], f"{name} healthcheck has no test"


def healthcheck_text(service):
    test = service["healthcheck"]["test"]
    return test if isinstance(test, str) else " ".join(map(str, test))


def test_health_checks_probe_the_right_thing(services):
    web = healthcheck_text(services["web"])
    assert "python" in web and "urllib" in web, "the slim image has no curl"
    assert "127.0.0.1:8000/healthz" in web or "localhost:8000/healthz" in web
    assert "inspect ping" in healthcheck_text(services["worker"])
    assert "waytahead" in healthcheck_text(services["worker"])
    assert "pg_isready" in healthcheck_text(services["db"])
    assert "redis-cli" in healthcheck_text(services["redis"])
    assert "ping" in healthcheck_text(services["redis"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_db_and_redis(services, name):
    conditions = depends_on(services[name])
    assert conditions.get("db") == "service_healthy", conditions
    assert conditions.get("redis") == "service_healthy", conditions


# --- Environment wiring ------------------------------------------------------------------


@pytest.mark.parametrize("name", APP_SERVICES)
def test_database_url_points_at_the_db_service_with_its_credentials(services, name):
    url = urlsplit(environment(services[name]).get("DATABASE_URL", ""))
    db_env = environment(services["db"])
    assert url.scheme in {"postgres", "postgresql", "pgsql"}
    assert url.hostname == "db"
    assert (url.port or 5432) == 5432
    assert url.username == db_env["POSTGRES_USER"]
    assert url.password == db_env["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == db_env["POSTGRES_DB"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_celery_broker_url_points_at_the_redis_service(services, name):
    url = urlsplit(environment(services[name]).get("CELERY_BROKER_URL", ""))
    assert url.scheme in {"redis", "rediss"}
    assert url.hostname == "redis"
    assert (url.port or 6379) == 6379


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_read_dot_env(services, name):
    assert ".env" in env_files(services[name])


def test_db_uses_env_for_its_credentials(services):
    assert {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"} <= set(environment(services["db"]))


def test_db_keeps_its_data_in_a_declared_named_volume(compose, services):
    declared = set(compose.get("volumes") or {})
    data_sources = []
    for volume in services["db"].get("volumes", []):
        if isinstance(volume, str):
            source, _, target = volume.partition(":")
            target = target.split(":")[0]
        else:
            source, target = volume.get("source", ""), volume.get("target", "")
        if target == "/var/lib/postgresql/data":
            data_sources.append(source)
    assert data_sources, "the db service does not persist /var/lib/postgresql/data"
    for source in data_sources:
        assert not source.startswith((".", "/", "~")), f"{source} is a bind mount"
        assert source in declared, f"{source} is not declared under top-level volumes"


# --- .env.example ---------------------------------------------------------------------------


def test_env_example_documents_every_variable_the_settings_read():
    documented = set(ENV_ASSIGNMENT.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))
    missing = settings_env_names() - documented
    assert not missing, f".env.example does not mention: {sorted(missing)}"


def test_env_example_wires_the_compose_services_and_allows_the_health_check():
    values = dict(
        re.findall(
            r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M
        )
    )
    assert values["DJANGO_DEBUG"].lower() in {"false", "0", "off", "no"}
    assert urlsplit(values["DATABASE_URL"]).hostname == "db"
    assert urlsplit(values["CELERY_BROKER_URL"]).hostname == "redis"
    # The web health check requests http://127.0.0.1:8000/healthz.
    assert "127.0.0.1" in values["DJANGO_ALLOWED_HOSTS"].split(",")


# --- Dockerfile ------------------------------------------------------------------------------


def test_dockerfile_uses_python_311_slim(dockerfile):
    froms = [arguments for keyword, arguments in dockerfile if keyword == "FROM"]
    assert froms and froms[-1].split()[0] == "python:3.11-slim"


def test_dockerfile_runs_as_a_non_root_user(dockerfile):
    users = [arguments for keyword, arguments in dockerfile if keyword == "USER"]
    assert users, "the image runs as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_dockerfile_exposes_port_8000(dockerfile):
    exposed = {
        port.split("/")[0]
        for keyword, arguments in dockerfile
        if keyword == "EXPOSE"
        for port in arguments.split()
    }
    assert "8000" in exposed


def test_dockerfile_cmd_runs_gunicorn_on_the_wsgi_application(dockerfile):
    cmds = [arguments for keyword, arguments in dockerfile if keyword == "CMD"]
    assert cmds, "the image has no CMD"
    cmd = exec_form(cmds[-1])
    assert Path(cmd[0]).name == "gunicorn"
    assert "waytahead.wsgi:application" in cmd
    assert "0.0.0.0:8000" in " ".join(cmd)


def test_dockerfile_installs_the_project_and_collects_static_files(dockerfile):
    runs = [arguments for keyword, arguments in dockerfile if keyword == "RUN"]
    assert any(re.search(r"\bpip install\b.*\s\.(\s|$)", run) for run in runs)
    assert any("manage.py collectstatic --noinput" in run for run in runs)
    env = " ".join(arguments for keyword, arguments in dockerfile if keyword == "ENV")
    assert "DJANGO_STATIC_ROOT=/app/var/static" in env
    # The build-time secret key must not end up in the image's environment.
    assert "DJANGO_SECRET_KEY" not in env


def test_dockerfile_copies_what_the_settings_need_at_run_time(dockerfile):
    copied = " ".join(arguments for keyword, arguments in dockerfile if keyword == "COPY")
    sources = {part.rstrip("/") for part in copied.split() if not part.startswith("--")}
    for needed in (
        "pyproject.toml",
        "manage.py",
        "waytahead",
        "common",
        "directory",
        "engagement",
        "templates",
        "static",
        "locale",
    ):
        assert needed in sources, f"the Dockerfile does not copy {needed}"


def test_dockerignore_keeps_local_state_and_secrets_out():
    ignored = {
        line.strip().rstrip("/")
        for line in (BASE_DIR / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".venv", "var", ".git", ".env", "node_modules"):
        assert entry in ignored, f".dockerignore does not exclude {entry}"
    assert "**/__pycache__" in ignored or "__pycache__" in ignored
