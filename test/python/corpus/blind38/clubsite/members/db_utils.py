# raw sql helpers - the ORM was too slow for the standings page (and I know SQL better)
from django.db import connection


def dictfetchall(cursor):
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]


def find_members(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, first_name, last_name, rating FROM members_member WHERE last_name LIKE '%{name}%' ORDER BY last_name")  #@vuln CWE-89
        return dictfetchall(cursor)


def get_member(member_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, first_name, last_name, rating, bio, email FROM members_member WHERE id = %s", [member_id])  #@safe
        rows = dictfetchall(cursor)
    return rows[0] if rows else None


def games_for_member(member_id, order="played_on DESC"):
    with connection.cursor() as cursor:
        cursor.execute("SELECT g.id, g.result, g.played_on, g.white_id, g.black_id FROM members_game g WHERE g.white_id = %s OR g.black_id = %s ORDER BY " + order, [member_id, member_id])  #@vuln CWE-89
        return dictfetchall(cursor)


def tournament_standings(tournament_id, season):
    sql = """SELECT m.first_name, m.last_name, SUM(s.points) AS pts
             FROM members_score s JOIN members_member m ON m.id = s.member_id
             JOIN members_tournament t ON t.id = s.tournament_id
             WHERE t.id = %s AND t.season = '%s'
             GROUP BY m.id ORDER BY pts DESC""" % (tournament_id, season)
    with connection.cursor() as cursor:
        cursor.execute(sql)  #@vuln CWE-89
        return dictfetchall(cursor)


def update_rating(member_id, rating):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE members_member SET rating = %s WHERE id = %s", [rating, member_id])  #@safe


def upsert_member(first, last, email, rating):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM members_member WHERE email = %s", [email])
        row = cursor.fetchone()
        if row:
            update_rating(row[0], rating)
            return row[0]
        cursor.execute(
            "INSERT INTO members_member (first_name, last_name, email, rating, bio) VALUES (%s, %s, %s, %s, '')",
            [first, last, email, rating],
        )
        return cursor.lastrowid
