"""GraphQL schema for the product catalogue (graphene 3 + SQLAlchemy), served at /graphql."""
import ast
import logging
import os

import graphene
import jwt
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from ldap3 import Connection, Server
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from catalog.models import Product

log = logging.getLogger(__name__)

engine = create_engine(os.environ["CATALOG_DATABASE_URL"], pool_pre_ping=True)
Session = sessionmaker(bind=engine)
LDAP_BIND_PASSWORD = os.environ.get("CATALOG_LDAP_BIND_PASSWORD", "")  #@safe
with open(os.environ.get("CATALOG_JWT_KEY", "/etc/catalog/jwt.pub")) as _fh:
    JWT_PUBLIC_KEY = _fh.read()

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")
templates = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))
ORDERINGS = {"PRICE_ASC": "price_cents ASC", "PRICE_DESC": "price_cents DESC", "NEWEST": "created_at DESC"}
EDITABLE_FIELDS = ("title", "description", "price_cents", "stock")


def claims_from_context(info):
    header = info.context.headers.get("Authorization", "")
    token = header.removeprefix("Bearer ").strip()
    return jwt.decode(token, JWT_PUBLIC_KEY, algorithms=["RS256"], audience="catalog")  #@safe


def tenant_hint(info):
    token = info.context.headers.get("X-Tenant-Token", "")
    if not token:
        return "public"
    claims = jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347
    return claims.get("tenant", "public")


class ProductType(graphene.ObjectType):
    id = graphene.ID()
    sku = graphene.String()
    title = graphene.String()
    price_cents = graphene.Int()
    card_html = graphene.String(template=graphene.String())

    def resolve_card_html(parent, info, template=None):
        if template:
            return Template(template).render(product=parent)  #@vuln CWE-1336
        return templates.get_template("product_card.html").render(product=parent)  #@safe


class StaffType(graphene.ObjectType):
    cn = graphene.String()
    mail = graphene.String()


class Query(graphene.ObjectType):
    products = graphene.List(ProductType, search=graphene.String(default_value=""), order=graphene.String(default_value="NEWEST"))
    product = graphene.Field(ProductType, sku=graphene.String(required=True))
    by_category = graphene.List(ProductType, category=graphene.String(required=True))
    in_category = graphene.List(ProductType, category=graphene.String(required=True))
    price_quote = graphene.Float(sku=graphene.String(required=True), formula=graphene.String())
    staff_member = graphene.Field(StaffType, username=graphene.String(required=True))

    def resolve_products(root, info, search, order):
        order_by = ORDERINGS.get(order, "created_at DESC")
        sql = f"SELECT id, sku, title, price_cents FROM products WHERE tenant = :tenant AND title ILIKE :pattern ORDER BY {order_by} LIMIT 100"
        with engine.connect() as conn:
            rows = conn.execute(text(sql), {"tenant": tenant_hint(info), "pattern": f"%{search}%"})  #@safe
            return [dict(r) for r in rows.mappings()]

    def resolve_product(root, info, sku):
        tenant = tenant_hint(info)
        query = f"SELECT id, sku, title, price_cents FROM products WHERE tenant = '{tenant}' AND sku = '{sku}'"
        with engine.connect() as conn:
            row = conn.execute(text(query)).mappings().first()  #@vuln CWE-89
        return dict(row) if row else None

    def resolve_by_category(root, info, category):
        with Session() as session:
            return session.query(Product).filter(text("category = '%s'" % category)).limit(100).all()  #@vuln CWE-89

    def resolve_in_category(root, info, category):
        with Session() as session:
            return session.query(Product).filter(text("category = :cat")).params(cat=category).limit(100).all()  #@safe

    def resolve_price_quote(root, info, sku, formula=None):
        with engine.connect() as conn:
            row = conn.execute(text("SELECT price_cents FROM products WHERE sku = :sku"), {"sku": sku}).first()
        if row is None:
            raise ValueError(f"unknown sku {sku}")
        context = {"price": row.price_cents / 100, "qty": 1, "round": round, "min": min, "max": max}
        if formula:
            return float(eval(formula, {"__builtins__": {}}, context))  #@vuln CWE-95|CWE-94
        return context["price"]

    def resolve_staff_member(root, info, username):
        claims_from_context(info)
        server = Server(os.environ.get("CATALOG_LDAP_URL", "ldaps://ldap.corp.example"), use_ssl=True)
        conn = Connection(server, os.environ["CATALOG_LDAP_BIND_DN"], LDAP_BIND_PASSWORD, auto_bind=True)
        conn.search("ou=staff,dc=corp,dc=example", "(&(objectClass=inetOrgPerson)(uid=" + username + "))", attributes=["cn", "mail"])  #@vuln CWE-90
        entry = conn.entries[0] if conn.entries else None
        return StaffType(cn=str(entry.cn), mail=str(entry.mail)) if entry else None


class ProductInput(graphene.InputObjectType):
    title = graphene.String()
    description = graphene.String()
    price_cents = graphene.Int()
    stock = graphene.Int()
    attributes = graphene.String()


class UpdateProduct(graphene.Mutation):
    class Arguments:
        sku = graphene.String(required=True)
        data = ProductInput(required=True)

    ok = graphene.Boolean()

    def mutate(root, info, sku, data):
        claims = claims_from_context(info)
        with Session() as session:
            product = session.query(Product).filter_by(sku=sku, tenant=claims["tenant"]).one()
            for field in EDITABLE_FIELDS:
                if data.get(field) is not None:
                    setattr(product, field, data[field])  #@safe
            if data.get("attributes"):
                product.attributes = ast.literal_eval(data["attributes"])  #@safe
            session.commit()
            return UpdateProduct(ok=True)


class ImportProduct(graphene.Mutation):
    class Arguments:
        payload = graphene.JSONString(required=True)

    sku = graphene.String()

    def mutate(root, info, payload):
        claims = claims_from_context(info)
        with Session() as session:
            product = Product(tenant=claims["tenant"])
            for key, value in payload.items():
                setattr(product, key, value)  #@vuln CWE-915
            session.add(product)
            session.commit()
            log.info("imported product %s", product.sku)
            return ImportProduct(sku=product.sku)


class Mutation(graphene.ObjectType):
    update_product = UpdateProduct.Field()
    import_product = ImportProduct.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)
