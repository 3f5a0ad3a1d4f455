"""Raw SQL for the availability, segment and housekeeping reports."""
from sqlalchemy import text

from .models import db

SORT_COLUMNS = {
    "room_number": "r.number",
    "floor": "r.floor, r.number",
    "rate": "rp.base_rate DESC",
    "room_type": "r.room_type, r.number",
}

AVAILABLE_ROOMS_SQL = text(
    """
    SELECT r.number, r.floor, r.room_type, r.hk_status
    FROM rooms r
    WHERE r.room_type = :room_type
      AND r.out_of_order = false
      AND NOT EXISTS (
          SELECT 1 FROM reservations res
          WHERE res.room_id = r.id
            AND res.status IN ('confirmed', 'in_house')
            AND res.arrival < :end AND res.departure > :start)
    ORDER BY r.number
    """
)


def available_rooms(room_type, start, end):
    params = {"room_type": room_type, "start": start, "end": end}
    return db.session.execute(AVAILABLE_ROOMS_SQL, params).mappings().all()  #@safe


def availability_grid(building, start, end, sort_key):
    order_by = SORT_COLUMNS.get(sort_key, "r.number")
    sql = f"""
        SELECT r.number, r.room_type, rp.code AS rate_code, rp.base_rate,
               COUNT(res.id) AS nights_booked
        FROM rooms r
        LEFT JOIN rate_plans rp ON rp.code = r.room_type || '-BAR'
        LEFT JOIN reservations res
               ON res.room_id = r.id AND res.arrival < :end AND res.departure > :start
        WHERE r.building = :building
        GROUP BY r.number, r.floor, r.room_type, rp.code, rp.base_rate
        ORDER BY {order_by}
    """
    return db.session.execute(text(sql), {"building": building, "start": start, "end": end}).mappings().all()  #@safe


def occupancy_by_segment(segment, start, end):
    sql = (
        "SELECT res.arrival, COUNT(*) AS rooms, SUM(rp.base_rate) AS revenue "
        "FROM reservations res JOIN guests g ON g.id = res.guest_id "
        "JOIN rate_plans rp ON rp.id = res.rate_plan_id "
        f"WHERE g.market_segment = '{segment}' "
        "AND res.arrival BETWEEN :start AND :end GROUP BY res.arrival ORDER BY res.arrival"
    )
    return db.session.execute(text(sql), {"start": start, "end": end}).mappings().all()  #@vuln CWE-89


def search_guests(term):
    conn = db.engine.raw_connection()
    try:
        cur = conn.cursor()
        cur.execute(  #@vuln CWE-89
            "SELECT id, first_name, last_name, email, loyalty_number FROM guests "
            "WHERE last_name ILIKE '%%%s%%' ORDER BY last_name LIMIT 50" % term
        )
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
    finally:
        conn.close()


def housekeeping_counts(filters):
    clauses = ["r.out_of_order = false"]
    for column, value in filters.items():
        clauses.append("r.{} = '{}'".format(column, value))
    sql = "SELECT r.hk_status, COUNT(*) FROM rooms r WHERE " + " AND ".join(clauses) + " GROUP BY r.hk_status"
    return dict(db.session.execute(text(sql)).all())  #@vuln CWE-89
