import hashlib

import psycopg2
import psycopg2.extras
from psycopg2 import sql


class QuoteRepo:
    def __init__(self, dsn: str) -> None:
        self.conn = psycopg2.connect(dsn)

    def close(self) -> None:
        self.conn.close()

    def _cursor(self):
        return self.conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)

    def get(self, quote_id: int) -> dict | None:
        with self._cursor() as cur:
            cur.execute("SELECT * FROM quotes WHERE id = %s", (quote_id,))  #@safe
            return cur.fetchone()

    def search(self, broker: str, term: str) -> list[dict]:
        with self._cursor() as cur:
            cur.execute("SELECT id, reference, insured_name, premium FROM quotes WHERE broker_code = '%s' AND insured_name ILIKE '%%%s%%' ORDER BY created_at DESC LIMIT 100" % (broker, term))  #@vuln CWE-89
            return cur.fetchall()

    def weekly_summary(self, order_by: str = "line_of_business") -> list[dict]:
        query = sql.SQL(
            "SELECT line_of_business, count(*) AS n, sum(premium) AS gwp FROM quotes "
            "WHERE created_at > now() - interval '7 days' GROUP BY 1 ORDER BY {} DESC"
        ).format(sql.Identifier(order_by))
        with self._cursor() as cur:
            cur.execute(query)  #@safe
            return cur.fetchall()

    def update_status(self, quote_id: int, status: str, reason: str) -> None:
        with self._cursor() as cur:
            cur.execute(f"UPDATE quotes SET status = '{status}', status_reason = '{reason}', updated_at = now() WHERE id = {quote_id}")  #@vuln CWE-89
        self.conn.commit()

    def check_password(self, username: str, password: str) -> bool:
        with self._cursor() as cur:
            cur.execute("SELECT salt, password_hash FROM uw_users WHERE username = %s AND active", (username,))
            row = cur.fetchone()
        if row is None:
            return False
        candidate = hashlib.sha1((row["salt"] + password).encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328
        return candidate == row["password_hash"]
