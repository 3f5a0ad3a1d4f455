"""Storefront catalog service: product search, imports and customer accounts."""
import hashlib
import os
from datetime import datetime, timedelta, timezone
from typing import AsyncIterator, Optional
from urllib.parse import urlparse

import bcrypt
import httpx
import jwt
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlmodel import Field, SQLModel, select

DATABASE_URL = os.environ.get("CATALOG_DATABASE_URL", "postgresql+asyncpg://catalog@db/catalog")
JWT_SECRET = os.environ["CATALOG_JWT_SECRET"]
ALLOWED_RETURN_HOSTS = {"shop.example.com", "www.example.com"}

engine = create_async_engine(DATABASE_URL, pool_pre_ping=True)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


class Product(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    category: str
    price_cents: int
    image: Optional[bytes] = None


class Customer(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(index=True)
    display_name: str
    password_hash: str = ""
    legacy_sha1: Optional[str] = None
    is_staff: bool = False


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


async def current_customer(request: Request, session: AsyncSession = Depends(get_session)) -> Customer:
    try:
        claims = jwt.decode(request.cookies.get("sf_session", ""), JWT_SECRET, algorithms=["HS256"])  #@safe
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=401)
    customer = await session.get(Customer, int(claims["sub"]))
    if customer is None:
        raise HTTPException(status_code=401)
    return customer


def bearer_claims(request: Request) -> dict:
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        return {}
    return jwt.decode(header[7:], JWT_SECRET, algorithms=["HS256"], options={"verify_signature": False})  #@vuln CWE-347


class SearchFilters:
    def __init__(self, q: str = "", category: Optional[str] = Query(None), order: str = "name"):
        self.q, self.category, self.order = q, category, order

    def to_sql(self) -> str:
        clause = "name ILIKE '%{}%'".format(self.q)
        if self.category:
            clause += f" AND category = '{self.category}'"
        return f"SELECT id, name, category, price_cents FROM product WHERE {clause} ORDER BY {self.order}"


products = APIRouter(prefix="/products", tags=["products"])
accounts = APIRouter(prefix="/account", tags=["account"])


@products.get("/search")
async def search(filters: SearchFilters = Depends(), session: AsyncSession = Depends(get_session)):
    result = await session.execute(text(filters.to_sql()))  #@vuln CWE-89
    return [dict(row._mapping) for row in result]


@products.get("/category/{category}")
async def by_category(category: str, session: AsyncSession = Depends(get_session)):
    result = await session.execute(select(Product).where(Product.category == category))  #@safe
    return result.scalars().all()


@products.post("/{product_id}/image")
async def import_image(product_id: int, payload: dict, me: Customer = Depends(current_customer),
                       session: AsyncSession = Depends(get_session)):
    product = await session.get(Product, product_id)
    async with httpx.AsyncClient(timeout=10, follow_redirects=True) as client:
        resp = await client.get(payload["source_url"])  #@vuln CWE-918
    product.image = resp.content
    session.add(product)
    await session.commit()
    return {"bytes": len(resp.content)}


@products.get("/{product_id}/supplier-stock")
async def supplier_stock(product_id: int, request: Request):
    if bearer_claims(request).get("role") not in ("staff", "supplier"):
        raise HTTPException(status_code=403)
    async with httpx.AsyncClient(base_url="https://supplier-api.example.net", verify=False, timeout=5) as client:  #@vuln CWE-295
        resp = await client.get(f"/stock/{product_id}")
    return resp.json()


@accounts.post("/register", status_code=201)
async def register(request: Request, session: AsyncSession = Depends(get_session)):
    body = await request.json()
    password = body.pop("password")
    customer = Customer(**body)  #@vuln CWE-915
    customer.password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()  #@safe
    session.add(customer)
    await session.commit()
    return {"id": customer.id}


def _password_ok(customer: Customer, password: str) -> bool:
    if customer.legacy_sha1:
        return customer.legacy_sha1 == hashlib.sha1(password.encode()).hexdigest()  #@vuln CWE-327|CWE-328
    return bcrypt.checkpw(password.encode(), customer.password_hash.encode())


@accounts.post("/login")
async def login(request: Request, response: Response, session: AsyncSession = Depends(get_session)):
    form = await request.json()
    customer = (await session.execute(select(Customer).where(Customer.email == form.get("email")))).scalars().first()
    if customer is None or not _password_ok(customer, form.get("password", "")):
        raise HTTPException(status_code=401, detail="invalid credentials")
    token = jwt.encode({"sub": str(customer.id), "exp": datetime.now(timezone.utc) + timedelta(hours=8)}, JWT_SECRET, algorithm="HS256")
    response.set_cookie("sf_session", token, httponly=True, secure=True, samesite="lax")  #@safe
    if form.get("remember"):
        remember = jwt.encode({"sub": str(customer.id), "kind": "remember"}, JWT_SECRET, algorithm="HS256")
        response.set_cookie("sf_remember", remember, max_age=60 * 60 * 24 * 30)  #@vuln CWE-614|CWE-1004
    return {"ok": True}


@accounts.get("/continue")
async def continue_shopping(next: str = "/"):
    return RedirectResponse(next, status_code=303)  #@vuln CWE-601


@accounts.get("/logout")
async def logout(return_to: str = "/"):
    parsed = urlparse(return_to)
    target = return_to if parsed.scheme == "https" and parsed.netloc in ALLOWED_RETURN_HOSTS else "/"
    resp = RedirectResponse(target, status_code=303)  #@safe
    resp.delete_cookie("sf_session")
    return resp


app = FastAPI(title="catalog")
app.include_router(products)
app.include_router(accounts)
