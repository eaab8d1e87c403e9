"""gunicorn's access log, without the visitor's address or time on the anonymous routes.

Wired with ``--logger-class waytahead.gunicorn_logging.PrivacyLogger`` (Dockerfile,
docker-compose.yml). On the equality monitoring and feedback routes
(``common.log_privacy.is_private_path``) a line keeps the method, the path without
its query string (the one-time link's token), the status and the size, and shows "-"
for the address, the forwarded-for headers, the referrer and every header or environ
value, and only the month for the time. Other pages keep gunicorn's normal line.
"""

import time

from gunicorn.glogging import Logger

from common.log_privacy import is_private_path

# Atoms that name, place or time the visitor, or carry the token.
HIDDEN_ATOMS = ("h", "u", "f", "q")


class PrivacyLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if not is_private_path(environ.get("PATH_INFO")):
            return atoms
        for name in HIDDEN_ATOMS:
            atoms[name] = "-"
        atoms["t"] = time.strftime("[%b/%Y]")
        atoms["r"] = " ".join(
            (
                environ.get("REQUEST_METHOD", "-"),
                environ.get("PATH_INFO", "-"),
                environ.get("SERVER_PROTOCOL", "-"),
            )
        )
        # Headers ({...}i), response headers ({...}o) and environ ({...}e): X-Forwarded-For,
        # REMOTE_ADDR, QUERY_STRING, cookies and the rest. A format asking for one gets "-".
        return {name: value for name, value in atoms.items() if not name.startswith("{")}
