"""Database access for the LIMS API (SQLAlchemy core + a few raw reports)."""
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from common import config

engine = create_engine(config.DATABASE_URL, pool_pre_ping=True, pool_size=10)
reporting_engine = create_engine(config.REPORTING_DATABASE_URL, pool_pre_ping=True)
SessionLocal = scoped_session(sessionmaker(bind=engine, autoflush=False))

SORTABLE = {"received_at", "sample_id", "status", "project_code", "matrix"}
GROUPABLE = {"project_code", "matrix", "assay", "instrument_id"}


def init_db(app):
    @app.teardown_appcontext
    def _remove_session(exc=None):
        SessionLocal.remove()


class SampleRepository:
    def __init__(self, session=None):
        self.session = session or SessionLocal()

    def get(self, sample_id):
        row = self.session.execute(text("SELECT * FROM samples WHERE sample_id = :sid"), {"sid": sample_id}).mappings().first()  #@safe
        return dict(row) if row else None

    def search(self, term, status=None, sort="received_at", direction="desc", limit=50):
        sql = (
            "SELECT sample_id, project_code, matrix, status, description, received_at "
            f"FROM samples WHERE (sample_id ILIKE '%{term}%' OR description ILIKE '%{term}%')"
        )
        if status:
            sql += f" AND status = '{status}'"
        if sort not in SORTABLE:
            sort = "received_at"
        direction = "ASC" if str(direction).lower() == "asc" else "DESC"
        sql += f" ORDER BY {sort} {direction} LIMIT {int(limit)}"
        return [dict(r) for r in self.session.execute(text(sql)).mappings()]  #@vuln CWE-89

    def by_project(self, project_code, order_by="sample_id"):
        sql = "SELECT sample_id, matrix, status, received_at FROM samples WHERE project_code = :pc ORDER BY " + order_by
        return [dict(r) for r in self.session.execute(text(sql), {"pc": project_code}).mappings()]  #@vuln CWE-89

    def update_status(self, sample_id, status, user):
        self.session.execute(text("UPDATE samples SET status = :st, updated_by = :u, updated_at = now() WHERE sample_id = :sid"), {"st": status, "u": user, "sid": sample_id})  #@safe
        self.session.commit()

    def add_comment(self, sample_id, body, author):
        # go through the raw psycopg2 connection so the audit trigger sees app.user
        raw = self.session.connection().connection
        with raw.cursor() as cur:
            cur.execute("SET LOCAL app.user = %s", (author,))
            cur.execute("INSERT INTO sample_comments (sample_id, body, author) VALUES ('%s', '%s', '%s')" % (sample_id, body, author))  #@vuln CWE-89
        raw.commit()


class ReportRepository:
    def turnaround(self, start, end, group_by):
        if group_by not in GROUPABLE:
            raise ValueError(f"cannot group by {group_by}")
        with reporting_engine.connect() as conn:
            rows = conn.execute(text(f"SELECT {group_by} AS grp, avg(reported_at - received_at) AS tat, count(*) AS n FROM samples WHERE received_at BETWEEN :s AND :e GROUP BY {group_by}"), {"s": start, "e": end})  #@safe
            return [dict(r) for r in rows.mappings()]

    def custom_report(self, where_clause):
        # "power user" report builder in the UI sends the WHERE fragment
        with reporting_engine.connect() as conn:
            return [dict(r) for r in conn.execute(text("SELECT * FROM v_sample_results WHERE " + where_clause + " LIMIT 5000")).mappings()]  #@vuln CWE-89

    def results_for_assay(self, assay, analytes):
        placeholders = ", ".join(f":a{i}" for i in range(len(analytes)))
        params = {f"a{i}": a for i, a in enumerate(analytes)}
        params["assay"] = assay
        sql = f"SELECT sample_id, analyte, value, unit FROM results WHERE assay = :assay AND analyte IN ({placeholders})"
        with reporting_engine.connect() as conn:
            return [dict(r) for r in conn.execute(text(sql), params).mappings()]  #@safe

    def export_table(self, table, since=None):
        sql = f"SELECT * FROM reporting.{table}"
        params = {}
        if since:
            sql += " WHERE updated_at >= :since"
            params["since"] = since
        with reporting_engine.connect() as conn:
            result = conn.execute(text(sql), params)  #@vuln CWE-89
            return list(result.keys()), [tuple(r) for r in result]
