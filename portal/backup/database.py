"""The database part of a backup: a consistent dump (pg_dump -Fc in one snapshot on
PostgreSQL; SQLite's online backup API otherwise), its restore, and the row count of
every table, taken in the same snapshot as the dump, to compare after a restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections

from portal.backup.sealing import BackupError


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"不支持备份 {vendor} 数据库。")
    return vendor


def _skipped_tables() -> set[str]:
    """Tables whose rows say nothing about the data (the database cache)."""
    return {
        c["LOCATION"]
        for c in settings.CACHES.values()
        if c.get("BACKEND", "").endswith("db.DatabaseCache")
    }


def _pg_env(alias: str) -> dict:
    params = connections[alias].get_connection_params()
    env = dict(os.environ)
    for key, name in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
        ("dbname", "PGDATABASE"),
    ):
        if params.get(key):
            env[name] = str(params[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"找不到 {name}（Debian：apt-get install postgresql-client）。")
    return found


def dump(alias: str, folder: Path) -> tuple[str, dict[str, int]]:
    """Write the database into `folder`; (file name, row counts of the same state)."""
    if engine(alias) == "sqlite":
        return _dump_sqlite(alias, folder)
    return _dump_postgres(alias, folder)


def _dump_postgres(alias: str, folder: Path) -> tuple[str, dict[str, int]]:
    import psycopg

    env = _pg_env(alias)
    params = connections[alias].get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    # One REPEATABLE READ transaction: its snapshot is exported to pg_dump, and the
    # counts are taken in it, so both describe exactly the same state.
    with psycopg.connect(**{k: v for k, v in params.items() if k in _PG_KEYS}) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        target = folder / "db.dump"
        done = subprocess.run(  # noqa: S603 - pg_dump from PATH, arguments built here
            [
                _tool("pg_dump"),
                "-Fc",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "-f",
                str(target),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_dump 失败：{done.stderr.strip()[:500]}")
        counts = _counts_pg(conn)
        conn.rollback()
    return target.name, counts


_PG_KEYS = {"host", "port", "user", "password", "dbname", "sslmode", "options"}


def _counts_pg(conn) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    ]
    skipped = _skipped_tables()
    counts = {}
    for table in tables:
        if table in skipped:
            continue
        quoted = '"' + table.replace('"', '""') + '"'
        counts[table] = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608
    return counts


def _dump_sqlite(alias: str, folder: Path) -> tuple[str, dict[str, int]]:
    connection = connections[alias]
    if connection.in_atomic_block:
        # SQLite's backup waits for the writer, which would be ourselves: forever.
        raise BackupError("不能在未提交的事务中备份 SQLite 数据库。")
    connection.ensure_connection()
    target = folder / "db.sqlite3"
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # a consistent snapshot, while in use
        counts = _counts_sqlite(copy)
    finally:
        copy.close()
    return target.name, counts


def _counts_sqlite(conn: sqlite3.Connection) -> dict[str, int]:
    skipped = _skipped_tables()
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        )
    ]
    counts = {}
    for table in tables:
        if table in skipped:
            continue
        quoted = '"' + table.replace('"', '""') + '"'
        counts[table] = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608
    return counts


def restore(alias: str, source: Path) -> None:
    """Replace the database's content with the dump `source`."""
    connections[alias].close()
    if engine(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        src = sqlite3.connect(source)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
        return
    done = subprocess.run(  # noqa: S603 - pg_restore from PATH, arguments built here
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "-d",
            _pg_env(alias)["PGDATABASE"],
            str(source),
        ],
        env=_pg_env(alias),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore 失败（数据库未改变）：{done.stderr.strip()[:500]}")


def table_counts(alias: str = "default") -> dict[str, int]:
    """Row counts of every table now (after a restore)."""
    connection = connections[alias]
    connection.ensure_connection()
    if engine(alias) == "sqlite":
        return _counts_sqlite(connection.connection)
    import psycopg

    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k in _PG_KEYS}) as conn:
        return _counts_pg(conn)
