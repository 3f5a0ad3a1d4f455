from html import escape

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from catalog.db import get_session
from catalog.repositories.products import ProductRepository
from catalog.schemas import FeedPreviewIn, ProductOut, RepriceIn
from catalog.services import suppliers

router = APIRouter()


def get_repo(session: Session = Depends(get_session)) -> ProductRepository:
    return ProductRepository(session)


@router.get("/search", response_model=list[ProductOut])
def search_products(q: str, repo: ProductRepository = Depends(get_repo)):
    return repo.search(q)


@router.get("/by-tag/{tag}")
def products_by_tag(tag: str, repo: ProductRepository = Depends(get_repo)):
    return repo.by_tag(tag)


@router.get("/sku/{sku}")
def product_by_sku(sku: str, repo: ProductRepository = Depends(get_repo)):
    return repo.by_sku(sku) or {}


@router.get("/sorted", response_model=list[ProductOut])
def sorted_products(sort: str = "name", direction: str = "asc", repo: ProductRepository = Depends(get_repo)):
    return repo.list_sorted(sort, direction)


@router.get("/{product_id}/card", response_class=HTMLResponse)
def product_card(product_id: int, highlight: str = "", repo: ProductRepository = Depends(get_repo)):
    product = repo.get(product_id)
    if product is None:
        raise HTTPException(status_code=404)
    return HTMLResponse(f"<div class='card'><h2>{product.name}</h2><p>Matched: {highlight}</p></div>")  #@vuln CWE-79


@router.get("/{product_id}/label", response_class=HTMLResponse)
def product_label(product_id: int, note: str = "", repo: ProductRepository = Depends(get_repo)):
    product = repo.get(product_id)
    if product is None:
        raise HTTPException(status_code=404)
    return HTMLResponse(f"<div class='label'>{escape(product.name)} &mdash; {escape(note)}</div>")  #@safe


@router.get("/go")
def go_to_storefront(to: str):
    return RedirectResponse(url=to, status_code=302)  #@vuln CWE-601


@router.post("/reprice")
def reprice(body: RepriceIn, repo: ProductRepository = Depends(get_repo)):
    return {"updated": repo.reprice_supplier(body.supplier_id, body.percent)}


@router.post("/feeds/preview")
async def preview_feed(body: FeedPreviewIn):
    return await suppliers.fetch_feed_preview(body.url)


@router.post("/feeds/sync")
async def sync_feed(body: FeedPreviewIn):
    try:
        items = await suppliers.fetch_registered_feed(body.url)
    except suppliers.FeedNotAllowed:
        raise HTTPException(status_code=400, detail="feed host not allowed")
    return {"items": len(items)}
