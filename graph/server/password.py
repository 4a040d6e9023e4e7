"""The managed server's password: generated on its first start unless one is set, kept in
``ARMSGRAPH_HOME/neo4j-password`` (mode 600), where every later command reads it
(:class:`settings.Settings`)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable

from settings import DEV_PASSWORD, Settings, read_password

from ..errors import ServerError


def ensure_password(settings: Settings, echo: Callable[[str], None] = print, *, data_exists: bool = False) -> None:
    """Before a first start without ``ARMSGRAPH_NEO4J_PASSWORD``: generate a random password, keep
    it in ``settings.password_file`` (mode 600; later commands read it from there) and print it,
    this once. ``settings`` is given the password."""
    if settings.neo4j_password.get_secret_value():
        return
    path = settings.password_file
    if data_exists:
        raise ServerError(
            f"the data folder {settings.home.expanduser() / 'data'} was created with a password armsgraph "
            f"does not know (there is no {path}): set ARMSGRAPH_NEO4J_PASSWORD to it (armsgraph 0.1 used "
            f"{DEV_PASSWORD!r}), or remove the data folder to start afresh"
        )
    password = secrets.token_urlsafe(18)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # written meanwhile by another start: use that one
        settings.keep_password(read_password(path) or "")
        return
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(password + "\n")
    settings.keep_password(password)
    echo(
        f"Generated a password for Neo4j user {settings.neo4j_user!r}: {password}\n"
        f"  It is kept in {path} (readable by you only), where armsgraph reads it; this is the only time "
        "it is printed. Set ARMSGRAPH_NEO4J_PASSWORD before the first start to choose your own."
    )
