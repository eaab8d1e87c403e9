"""Which addresses a webhook may be sent to: http or https, with a host. No name is
looked up here (nothing leaves the machine while a form or the API is answered).

Unless ``settings.DEBUG`` or ``settings.WEBHOOKS_ALLOW_PRIVATE`` is on, a host that is
written as an address of this machine or of a private network (``127.0.0.1``, ``10.0.0.5``,
``[::1]``, ``169.254.169.254``, also in the short and numeric forms a resolver accepts,
such as ``127.1`` or ``2130706433``) or that names this machine (``localhost``) is
refused. A name in public DNS that points at a private address is not caught: that
would need a lookup, and the answer could change after it.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")
LOCAL_NAMES = ("localhost", "localhost.localdomain")


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host is written as, if it is one (no lookup)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:  # the forms inet_aton reads: 127.1, 0x7f.0.0.1, 2130706433
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except (OSError, ValueError):
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_private_host(host: str) -> bool:
    """Whether ``host`` is written as a non-public address, or names this machine."""
    host = host.rstrip(".").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    address = _address(host)
    return address is not None and not address.is_global


def private_hosts_allowed() -> bool:
    return bool(settings.DEBUG or getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False))


def validate_webhook_url(value: str) -> None:
    URLValidator(schemes=list(SCHEMES), message=_("Enter an http:// or https:// address."))(value)
    host = urlsplit(value).hostname or ""
    if not host:
        raise ValidationError(_("Enter an http:// or https:// address."), code="invalid")
    if is_private_host(host) and not private_hosts_allowed():
        raise ValidationError(
            _("Webhooks are sent to public addresses only, not to %(host)s."),
            code="private",
            params={"host": host},
        )
