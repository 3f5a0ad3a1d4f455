from peewee import CharField, DateTimeField, DecimalField, ForeignKeyField, Model, MySQLDatabase

from .settings import MYSQL

db = MySQLDatabase(MYSQL["database"], host=MYSQL["host"], user=MYSQL["user"], password=MYSQL["password"])


class BaseModel(Model):
    class Meta:
        database = db


class Customer(BaseModel):
    email = CharField(unique=True)
    name = CharField()
    region = CharField(index=True)
    callback_url = CharField(null=True)


class Invoice(BaseModel):
    customer = ForeignKeyField(Customer, backref="invoices")
    number = CharField(unique=True)
    amount = DecimalField(max_digits=12, decimal_places=2)
    issued_at = DateTimeField()
    status = CharField(default="open")


def invoices_for_customer(email: str) -> list[Invoice]:
    return list(Invoice.raw(f"SELECT i.* FROM invoice i JOIN customer c ON c.id = i.customer_id WHERE c.email = '{email}'"))  #@vuln CWE-89


def invoices_in_range(start, end) -> list[Invoice]:
    return list(Invoice.raw("SELECT * FROM invoice WHERE issued_at BETWEEN %s AND %s ORDER BY issued_at", start, end))  #@safe


def purge_region(region: str) -> int:
    cursor = db.execute_sql("DELETE FROM invoice WHERE customer_id IN (SELECT id FROM customer WHERE region = '%s')" % region)  #@vuln CWE-89
    return cursor.rowcount
