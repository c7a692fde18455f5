"""Django in a spawned child process (multiprocessing's "spawn" context).

A forked child of a process that runs threads (pytest-xdist's worker, a web server)
can inherit a lock some other thread held at the fork and wait on it forever; a
spawned child starts a fresh interpreter instead. It must then set Django up itself,
on the parent's database: under tests that database's name is not the one the
settings hold (pytest-django renamed it in memory), and the settings know they are
under test only from `TESTING`."""

from __future__ import annotations

import os


def parent_state() -> tuple[str, bool]:
    """What a child needs to open the parent's database: pass it to `setup_child`."""
    from django.conf import settings
    from django.db import connection

    return str(connection.settings_dict["NAME"]), bool(settings.TESTING)


def setup_child(database_name: str, testing: bool) -> None:
    """Pool initializer: Django set up as in the parent, on the parent's database."""
    if testing:
        os.environ["TESTING"] = "1"
    import django

    django.setup()
    from django.db import connections

    connections["default"].settings_dict["NAME"] = database_name
