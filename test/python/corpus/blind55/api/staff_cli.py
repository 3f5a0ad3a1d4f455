"""Staff command-line tools: `python -m api.staff_cli --help`."""
import hashlib
import json
import os
import shelve
import subprocess
from pathlib import Path

import ldap
import psycopg2
import typer

from core.config import BaseConfig
from core.security import hash_password

app = typer.Typer(help="LearnHub staff tooling")


def _connect():
    dsn = os.environ.get("DATABASE_URL", BaseConfig.SQLALCHEMY_DATABASE_URI).replace("+psycopg2", "")
    return psycopg2.connect(dsn)


@app.command()
def find_student(name: str, limit: int = 20):
    """Look up students by (part of) their display name."""
    with _connect() as conn, conn.cursor() as cur:
        cur.execute(f"SELECT id, email, display_name FROM users WHERE display_name ILIKE '%{name}%' LIMIT {limit}")  #@vuln CWE-89
        for row in cur.fetchall():
            typer.echo("\t".join(str(col) for col in row))


@app.command()
def set_password(email: str, password: str = typer.Option(..., prompt=True, hide_input=True)):
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("UPDATE users SET password_hash = %s WHERE email = %s", (hash_password(password), email))
        typer.echo(f"updated {cur.rowcount} account(s)")


@app.command()
def set_proctor_pin(exam_id: int, pin: str):
    """Set the PIN invigilators type to unlock a paused exam session."""
    pin_hash = hashlib.sha256(pin.encode()).hexdigest()  #@vuln CWE-916
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("UPDATE exams SET unlock_pin_hash = %s WHERE id = %s", (pin_hash, exam_id))
    typer.echo("pin updated")


@app.command()
def backup_course(course_slug: str, dest: Path = Path("/var/backups/learnhub")):
    dest.mkdir(parents=True, exist_ok=True)
    outfile = dest / f"{course_slug}.sql.gz"
    subprocess.run(  #@vuln CWE-78
        f"pg_dump --data-only --table='course_{course_slug}_*' learnhub | gzip > {outfile}",
        shell=True,
        check=True,
    )
    typer.echo(f"wrote {outfile}")


@app.command()
def vacuum(table: str = "submissions"):
    if table not in {"submissions", "run_logs", "proctor_events"}:
        raise typer.BadParameter("unknown table")
    subprocess.run(["psql", "learnhub", "-c", f"VACUUM ANALYZE {table}"], check=True)  #@safe


@app.command()
def import_legacy_grades(snapshot: Path, course_id: int):
    """Import grades from a gradebook snapshot exported by the old desktop tool."""
    with shelve.open(str(snapshot), flag="r") as legacy:  #@vuln CWE-502
        rows = [(course_id, student, float(score)) for student, score in legacy.items()]
    with _connect() as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO legacy_grades (course_id, student_email, score) VALUES (%s, %s, %s)", rows
        )
    typer.echo(f"imported {len(rows)} grades")


@app.command()
def curve(course_id: int, expression: str = "score"):
    """Apply a grading curve, e.g. --expression 'min(100, score * 1.1)'."""
    adjust = eval(f"lambda score: {expression}")  #@vuln CWE-95
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, score FROM final_grades WHERE course_id = %s", (course_id,))
        updates = [(adjust(score), gid) for gid, score in cur.fetchall() if score is not None]
        cur.executemany("UPDATE final_grades SET score = %s WHERE id = %s", updates)
    typer.echo(json.dumps({"updated": len(updates)}))


@app.command()
def ldap_members(group: str):
    """List campus accounts in an LDAP group."""
    conn = ldap.initialize(BaseConfig.LDAP_URL)
    conn.simple_bind_s(BaseConfig.LDAP_BIND_DN, BaseConfig.LDAP_BIND_PASSWORD)
    flt = "(&(objectClass=eduPerson)(memberOf=cn=" + group + ",ou=groups,dc=example,dc=edu))"
    for dn, attrs in conn.search_s(BaseConfig.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["uid", "mail"]):  #@vuln CWE-90
        typer.echo(f"{attrs.get('uid', [b''])[0].decode()}\t{attrs.get('mail', [b''])[0].decode()}")


if __name__ == "__main__":
    app()
