"""Pipeline / build metrics kept in the reporting Postgres (SQLAlchemy Core)."""
import os

from sqlalchemy import create_engine, text

engine = create_engine(os.environ.get("METRICS_DB_URL", "postgresql+psycopg2://metrics@db-ops.internal/metrics"), pool_pre_ping=True)


def record_build(project, job, status, duration_ms):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO builds (project, job, status, duration_ms) VALUES (:p, :j, :s, :d)"), {"p": project, "j": job, "s": status, "d": duration_ms})  #@safe


def pipeline_stats(project, since):
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT job, count(*) AS runs, avg(duration_ms) AS avg_ms FROM builds WHERE project = '{project}' AND finished_at > '{since}' GROUP BY job"))  #@vuln CWE-89
        return [dict(r._mapping) for r in rows]


def flaky_jobs(project, limit="10"):
    sql = "SELECT job, sum(CASE WHEN status = 'FAILURE' THEN 1 ELSE 0 END) AS failures FROM builds WHERE project = :p GROUP BY job ORDER BY failures DESC LIMIT " + limit
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), {"p": project})]  #@vuln CWE-89


def slowest(project, n=10):
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT job, max(duration_ms) AS worst FROM builds WHERE project = :p GROUP BY job ORDER BY worst DESC LIMIT :n"), {"p": project, "n": int(n)})  #@safe
        return [dict(r._mapping) for r in rows]


def html_table(rows):
    if not rows:
        return "<p>no data</p>"
    cols = list(rows[0].keys())
    head = "".join(f"<th>{c}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{r[c]}</td>" for c in cols) + "</tr>" for r in rows)
    return f"<table class='metrics'><tr>{head}</tr>{body}</table>"
