import pymysql
import pymysql.cursors

from .settings import MYSQL


def get_conn():
    return pymysql.connect(**MYSQL, cursorclass=pymysql.cursors.DictCursor, autocommit=True)


def find_accounts(status: str, country: str) -> list[dict]:
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, name, plan FROM accounts WHERE status = %s AND country = %s", (status, country))  #@safe
        return cur.fetchall()


def find_by_note(fragment: str) -> list[dict]:
    sql = f"SELECT id, name, plan FROM accounts WHERE notes LIKE '%{fragment}%'"
    with get_conn() as conn, conn.cursor() as cur:
        cur.execute(sql)  #@vuln CWE-89
        return cur.fetchall()
