import html
import re

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse
from psycopg2 import sql

from catalog_service.deps import get_current_user, get_db, get_reviews
from catalog_service.schemas import Product, ReviewSearch

router = APIRouter()

FILTERABLE = {"category", "sku", "supplier_sku", "brand"}


@router.get("/", response_model=list[Product])
def list_products(category: str | None = None, q: str | None = None, db=Depends(get_db)):
    with db.cursor() as cur:
        if category:
            cur.execute("SELECT * FROM products WHERE category = %s AND active ORDER BY name", (category,))  #@safe
        elif q:
            cur.execute(f"SELECT * FROM products WHERE active AND name ILIKE '%{q}%' ORDER BY name LIMIT 200")  #@vuln CWE-89
        else:
            cur.execute("SELECT * FROM products WHERE active ORDER BY name LIMIT 200")
        return cur.fetchall()


@router.get("/by-sku/{sku}", response_model=Product)
def by_sku(sku: str, db=Depends(get_db)):
    query = "SELECT * FROM products WHERE sku = '%s'" % sku
    with db.cursor() as cur:
        cur.execute(query)  #@vuln CWE-89
        row = cur.fetchone()
    if not row:
        raise HTTPException(404, "no such product")
    return row


@router.get("/filter", response_model=list[Product])
def filter_products(field: str, value: str, db=Depends(get_db)):
    if field not in FILTERABLE:
        raise HTTPException(400, "unsupported filter")
    stmt = sql.SQL("SELECT * FROM products WHERE {} = %s AND active").format(sql.Identifier(field))
    with db.cursor() as cur:
        cur.execute(stmt, (value,))  #@safe
        return cur.fetchall()


@router.get("/report")
def stock_report(group_by: str = "category", db=Depends(get_db), user=Depends(get_current_user)):
    with db.cursor() as cur:
        cur.execute("SELECT " + group_by + ", count(*) AS n, sum(stock) AS stock FROM products GROUP BY " + group_by)  #@vuln CWE-89
        return cur.fetchall()


@router.get("/search/pattern")
def pattern_search(pattern: str, db=Depends(get_db)):
    rx = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    with db.cursor() as cur:
        cur.execute("SELECT id, sku, name FROM products WHERE active")
        return [r for r in cur.fetchall() if rx.search(r["name"])]


@router.get("/search/words")
def word_search(term: str = Query(..., max_length=64), db=Depends(get_db)):
    rx = re.compile(r"\b" + re.escape(term), re.IGNORECASE)  #@safe
    with db.cursor() as cur:
        cur.execute("SELECT id, sku, name FROM products WHERE active")
        return [r for r in cur.fetchall() if rx.search(r["name"])]


@router.get("/{product_id}/price-preview")
def price_preview(product_id: int, formula: str, db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute("SELECT price, cost FROM products WHERE id = %s", (product_id,))
        row = cur.fetchone() or {}
    value = eval(formula, {"__builtins__": {}}, {"price": float(row.get("price", 0)), "cost": float(row.get("cost", 0))})  #@vuln CWE-95
    return {"product_id": product_id, "preview": round(value, 2)}


@router.get("/{product_id}/reviews")
def reviews(product_id: int, author: str | None = None, coll=Depends(get_reviews)):
    flt: dict = {"product_id": product_id, "published": True}
    if author:
        flt["author"] = str(author)
    return list(coll.find(flt, {"_id": 0}).limit(50))  #@safe


@router.post("/{product_id}/reviews/search")
def review_search(product_id: int, body: ReviewSearch, coll=Depends(get_reviews)):
    flt = {"product_id": product_id, "published": True, **body.filter}
    return list(coll.find(flt, {"_id": 0}).limit(body.limit))  #@vuln CWE-943


@router.get("/{product_id}/reviews/min-rating")
def reviews_min_rating(product_id: int, rating: str, coll=Depends(get_reviews)):
    return list(coll.find({"product_id": product_id, "$where": f"this.rating >= {rating}"}, {"_id": 0}))  #@vuln CWE-943


@router.get("/{product_id}/widget", response_class=HTMLResponse)
def widget(product_id: int, ref: str = "", db=Depends(get_db)):
    with db.cursor() as cur:
        cur.execute("SELECT name, price FROM products WHERE id = %s", (product_id,))
        p = cur.fetchone() or {"name": "Unavailable", "price": 0}
    return f"<div class='cw'><h3>{html.escape(p['name'])}</h3><a href='https://shop.example.com/p/{product_id}?ref={ref}'>Buy</a></div>"  #@vuln CWE-79


@router.get("/{product_id}/badge", response_class=HTMLResponse)
def badge(product_id: int, label: str = "New", db=Depends(get_db)):
    return HTMLResponse(f"<span class='badge' data-id='{product_id}'>{html.escape(label)}</span>")  #@safe
