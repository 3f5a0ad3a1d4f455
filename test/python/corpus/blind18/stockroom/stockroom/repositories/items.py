from ..db import cursor, fetch_all, fetch_one

ITEM_COLUMNS = "id, sku, name, description, quantity, location, category"


class ItemRepository:
    def get(self, item_id):
        return fetch_one(f"SELECT {ITEM_COLUMNS} FROM items WHERE id = %s", (item_id,))  #@safe

    def search(self, term, location=None):
        sql = f"SELECT {ITEM_COLUMNS} FROM items WHERE name ILIKE '%{term}%'"
        if location:
            sql += f" AND location = '{location}'"
        return fetch_all(sql + " ORDER BY name LIMIT 200")  #@vuln CWE-89

    def by_locations(self, location_codes):
        placeholders = ", ".join(["%s"] * len(location_codes))
        return fetch_all(f"SELECT {ITEM_COLUMNS} FROM items WHERE location IN ({placeholders})", tuple(location_codes))  #@safe

    def low_stock(self, threshold):
        return fetch_all("SELECT sku, name, quantity FROM items WHERE quantity < %s ORDER BY quantity", (threshold,))

    def adjust_quantity(self, sku, delta, reason):
        with cursor() as cur:
            cur.execute("UPDATE items SET quantity = quantity + %s WHERE sku = %s RETURNING quantity", (delta, sku))
            row = cur.fetchone()
            cur.execute("INSERT INTO stock_movements (sku, delta, reason) VALUES ('%s', %d, '%s')" % (sku, delta, reason))  #@vuln CWE-89
        return row["quantity"] if row else None
