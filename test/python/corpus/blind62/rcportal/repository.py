"""Reporting queries that are easier to write in SQL than with the ORM."""
from sqlalchemy import text

from rcportal import db

PROJECT_SORTS = {
    "name": "p.name",
    "pi": "p.pi_username",
    "usage": "a.core_hours_used DESC",
    "created": "p.id DESC",
}


def dashboard_rows(user_id):
    sql = text(
        "SELECT p.id, p.slug, p.name, a.core_hours_used, a.core_hours_limit "
        "FROM projects p JOIN allocations a ON a.project_id = p.id "
        "JOIN memberships m ON m.project_id = p.id "
        "WHERE m.user_id = :uid ORDER BY p.name"
    )
    return db.session.execute(sql, {"uid": user_id}).mappings().all()  #@safe


def search_projects(term, sort="name"):
    order = PROJECT_SORTS.get(sort, "p.name")
    sql = text(
        "SELECT p.id, p.slug, p.name, p.pi_username, a.core_hours_used "
        "FROM projects p LEFT JOIN allocations a ON a.project_id = p.id "
        f"WHERE p.name ILIKE :pattern OR p.slug ILIKE :pattern ORDER BY {order}"
    )
    return db.session.execute(sql, {"pattern": f"%{term}%"}).mappings().all()  #@safe


def jobs_for_partition(partition, username):
    sql = (
        "SELECT j.id, j.name, j.slurm_id, j.state, j.submitted_at FROM jobs j "
        "JOIN users u ON u.id = j.user_id "
        "WHERE j.partition = '{}' AND u.username = '{}' ORDER BY j.submitted_at DESC"
    ).format(partition, username)
    return db.session.execute(text(sql)).mappings().all()  #@vuln CWE-89


def member_count(project_slug):
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(  #@vuln CWE-89
            "SELECT count(*) FROM memberships m JOIN projects p ON p.id = m.project_id WHERE p.slug = '" + project_slug + "'"
        ).scalar()


def usage_between(project_id, start, end):
    conn = db.engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute(  #@vuln CWE-89
            "SELECT job_id, username, partition, cpu_hours, gpu_hours, end_time FROM job_accounting "
            "WHERE project_id = %d AND end_time BETWEEN '%s' AND '%s' ORDER BY end_time" % (project_id, start, end)
        )
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
    finally:
        conn.close()


def remove_dataset_tags(dataset_id, tags):
    if not tags:
        return 0
    names = [f"t{i}" for i in range(len(tags))]
    params = dict(zip(names, tags), did=dataset_id)
    sql = text(f"DELETE FROM dataset_tags WHERE dataset_id = :did AND tag IN ({', '.join(':' + n for n in names)})")
    result = db.session.execute(sql, params)  #@safe
    db.session.commit()
    return result.rowcount
