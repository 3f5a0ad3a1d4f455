from datetime import date

import pandas as pd
from sqlalchemy import create_engine, text

from .config import Config

engine = create_engine(Config.WAREHOUSE_URL, pool_pre_ping=True)

GROUPABLE = frozenset({"region", "product", "channel", "plan"})


def kpi_timeseries(metric: str, start: date, end: date, group_by: str) -> pd.DataFrame:
    sql = text(
        f"SELECT ds, {group_by}, sum(value) AS value FROM kpi_daily "
        "WHERE metric = :m AND ds BETWEEN :s AND :e "
        f"GROUP BY ds, {group_by} ORDER BY ds"
    )
    return pd.read_sql(sql, engine, params={"m": metric, "s": start, "e": end})  #@vuln CWE-89


def top_n(metric: str, dimension: str, n: int = 10) -> pd.DataFrame:
    if dimension not in GROUPABLE:
        raise ValueError(f"cannot group by {dimension}")
    sql = text(
        f"SELECT {dimension}, sum(value) AS value FROM kpi_daily "
        f"WHERE metric = :m GROUP BY {dimension} ORDER BY value DESC LIMIT :n"
    )
    return pd.read_sql(sql, engine, params={"m": metric, "n": int(n)})  #@safe


def user_row(username: str) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT username, pw_hash, role FROM dash_users WHERE username = :u"), {"u": username}
        ).first()
    return dict(row._mapping) if row else None


def saved_view(owner: str, view_name: str) -> pd.DataFrame:
    sql = "SELECT * FROM dash_saved_views WHERE owner = '" + owner + "' AND name = '" + view_name + "'"
    return pd.read_sql_query(sql, engine)  #@vuln CWE-89
