# syntax=docker/dockerfile:1
#
# One image for every process of The Way Ahead: the web server (the default
# CMD), the Celery worker and Celery beat. docker-compose.yml picks the process
# with `command:`; configuration comes from environment variables only (see
# .env.example and waytahead/settings.py).

FROM python:3.11-slim

# PYTHONPATH makes every process import the project from /app rather than from
# the copy pip puts in site-packages, so that settings.BASE_DIR is /app and
# templates/, static/ and locale/ are found by gunicorn, celery and manage.py
# alike.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=waytahead.settings \
    DJANGO_STATIC_ROOT=/app/var/static

# An unprivileged user runs every process.
RUN groupadd --system --gid 10001 waytahead \
    && useradd --system --uid 10001 --gid waytahead --home-dir /app \
        --no-create-home --shell /usr/sbin/nologin waytahead

WORKDIR /app

# Dependencies at the versions pinned in requirements/runtime.txt (make lock) first,
# then the Python packages, so that code, template and static edits do not
# invalidate the (slow) dependency layer.
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY waytahead/ waytahead/
COPY common/ common/
COPY directory/ directory/
COPY engagement/ engagement/
COPY accounts/ accounts/
COPY webhooks/ webhooks/
RUN pip install --no-deps . \
    && rm -rf build ./*.egg-info

COPY manage.py ./
COPY templates/ templates/
COPY static/ static/
COPY locale/ locale/

# collectstatic imports the settings, which refuse to load without a secret key
# when DEBUG is off. This throwaway key exists only for this RUN step; it is not
# set in the image's environment and the real key comes from .env at run time.
# var/ must be writable at run time (celerybeat-schedule, SQLite fallback); the
# collected static files stay owned by root, read-only to the app.
ARG DJANGO_SECRET_KEY=collectstatic-build-only-not-a-secret
RUN DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY}" python manage.py collectstatic --noinput \
    && chown waytahead:waytahead /app/var

USER waytahead

EXPOSE 8000

# The access log keeps no address or time finer than the month on the anonymous
# monitoring and feedback routes (waytahead/gunicorn_logging.py).
CMD ["gunicorn", "waytahead.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-", "--logger-class", "waytahead.gunicorn_logging.PrivacyLogger"]
