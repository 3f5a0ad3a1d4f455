"""SQLAlchemy queries backing the agronomist dashboard."""
from sqlalchemy import create_engine, text

from agrocore.config import DatabaseConfig

engine = create_engine(DatabaseConfig().dsn, pool_pre_ping=True, pool_size=5)

SORTABLE_COLUMNS = {"name": "f.name", "area": "f.area_ha", "soil": "f.soil_type", "updated": "f.id"}


def field_notes(field_id):
    with engine.connect() as conn:
        result = conn.execute(  #@safe
            text("SELECT id, author, body, created_at FROM fields_note WHERE field_id = :fid ORDER BY created_at DESC"),
            {"fid": field_id},
        )
        return result.mappings().all()


def spray_history(field_id, product):
    sql = (
        "SELECT s.applied_at, s.product_name, s.rate_l_ha, s.wind_speed_ms "
        "FROM fields_sprayrecord s JOIN crops_crop c ON c.id = s.crop_id "
        f"WHERE c.field_id = {int(field_id)} AND s.product_name ILIKE '%{product}%' "
        "ORDER BY s.applied_at DESC"
    )
    with engine.connect() as conn:
        return conn.execute(text(sql)).mappings().all()  #@vuln CWE-89


def fields_for_farm(farm_id, sort="name", descending=False):
    column = SORTABLE_COLUMNS.get(sort, "f.name")
    direction = "DESC" if descending else "ASC"
    stmt = text(f"SELECT f.id, f.name, f.area_ha, f.soil_type FROM fields_field f WHERE f.farm_id = :farm ORDER BY {column} {direction}")
    with engine.connect() as conn:
        return conn.execute(stmt, {"farm": farm_id}).mappings().all()  #@safe


def agronomist_by_name(name):
    query = "SELECT id, username, full_name, region FROM dash_agronomist WHERE full_name = '" + name + "'"
    with engine.connect() as conn:
        return conn.execute(text(query)).mappings().first()  #@vuln CWE-89


def dashboard_user(username):
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT username, password_hash, role FROM dash_user WHERE username = :u"),
            {"u": username},
        ).mappings().first()


def field_overview(field_id):
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT id, farm_id, name, area_ha, soil_type FROM fields_field WHERE id = :fid"),
            {"fid": field_id},
        ).mappings().first()
