"""Per-request DataLoaders to keep the product resolvers from N+1-ing."""
from django.db import connection
from promise import Promise
from promise.dataloader import DataLoader


class StockByWarehouseLoader(DataLoader):
    def __init__(self, warehouse):
        super().__init__()
        self.warehouse = warehouse

    def batch_load_fn(self, product_ids):
        placeholders = ", ".join(["%s"] * len(product_ids))
        sql = (
            "SELECT product_id, SUM(qty) FROM products_stockmovement "
            f"WHERE warehouse_code = %s AND product_id IN ({placeholders}) GROUP BY product_id"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [self.warehouse, *product_ids])  #@safe
            totals = dict(cur.fetchall())
        return Promise.resolve([totals.get(pid, 0) for pid in product_ids])


class ProductBySkuLoader(DataLoader):
    def batch_load_fn(self, skus):
        sku_list = ", ".join(f"'{sku}'" for sku in skus)
        with connection.cursor() as cur:
            cur.execute(f"SELECT id, sku, name, price_cents FROM products_product WHERE sku IN ({sku_list})")  #@vuln CWE-89
            columns = [c[0] for c in cur.description]
            by_sku = {row[1]: dict(zip(columns, row)) for row in cur.fetchall()}
        return Promise.resolve([by_sku.get(sku) for sku in skus])


class Loaders:
    def __init__(self):
        self._stock = {}
        self.product_by_sku = ProductBySkuLoader()

    def stock(self, warehouse):
        if warehouse not in self._stock:
            self._stock[warehouse] = StockByWarehouseLoader(warehouse)
        return self._stock[warehouse]


def get_loaders(info):
    request = info.context
    if not hasattr(request, "_catalog_loaders"):
        request._catalog_loaders = Loaders()
    return request._catalog_loaders
