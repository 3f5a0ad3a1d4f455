"""Listener analytics backed by the plays warehouse (plain psycopg2)."""
import ast
import datetime as dt
from contextlib import contextmanager

import psycopg2
import psycopg2.extras
from psycopg2 import sql

from wavecast.common.settings import get_settings

GROUPABLE_COLUMNS = {"country", "device", "app", "referrer"}


@contextmanager
def cursor():
    conn = psycopg2.connect(get_settings().analytics_dsn)
    try:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            yield cur
        conn.commit()
    finally:
        conn.close()


def daily_plays(show_id: int, since: dt.date) -> list:
    with cursor() as cur:
        cur.execute(
            "SELECT day, sum(plays) AS plays FROM daily_plays "
            "WHERE show_id = %s AND day >= %s GROUP BY day ORDER BY day",
            (show_id, since),
        )
        return cur.fetchall()


def breakdown(show_id: str, group_by: str) -> list:
    query = (
        "SELECT {col}, count(*) AS plays FROM plays WHERE show_id = {show} "
        "GROUP BY {col} ORDER BY plays DESC LIMIT 50"
    ).format(col=group_by, show=show_id)
    with cursor() as cur:
        cur.execute(query)  #@vuln CWE-89
        return cur.fetchall()


def breakdown_checked(show_id: int, group_by: str) -> list:
    if group_by not in GROUPABLE_COLUMNS:
        raise ValueError("unsupported grouping")
    query = sql.SQL(
        "SELECT {col}, count(*) AS plays FROM plays WHERE show_id = %s "
        "GROUP BY {col} ORDER BY plays DESC LIMIT 50"
    ).format(col=sql.Identifier(group_by))
    with cursor() as cur:
        cur.execute(query, (show_id,))  #@safe
        return cur.fetchall()


def plays_by_client(show_id: int, user_agent_prefix: str) -> int:
    with cursor() as cur:
        cur.execute("SELECT count(*) AS n FROM plays WHERE show_id = %d AND user_agent LIKE '%s%%'" % (show_id, user_agent_prefix))  #@vuln CWE-89
        return cur.fetchone()["n"]


def computed_metric(show_id: int, expression: str, since: dt.date) -> list:
    """Evaluate a dashboard formula such as ``downloads / max(uniques, 1)`` per day."""
    rows = daily_totals(show_id, since)
    results = []
    for row in rows:
        value = eval(expression, {"__builtins__": {}, "max": max, "min": min}, dict(row))  #@vuln CWE-95
        results.append({"day": row["day"], "value": value})
    return results


def parse_range(raw: str) -> tuple:
    start, end = ast.literal_eval(raw)  #@safe
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


def daily_totals(show_id: int, since: dt.date) -> list:
    with cursor() as cur:
        cur.execute(
            "SELECT day, downloads, uniques, completions FROM daily_totals "
            "WHERE show_id = %(show)s AND day >= %(since)s ORDER BY day",
            {"show": show_id, "since": since},
        )
        return cur.fetchall()
