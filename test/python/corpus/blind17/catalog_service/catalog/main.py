import logging

from fastapi import FastAPI

from catalog.routers import media, products

logging.basicConfig(level=logging.INFO)

app = FastAPI(title="catalog-internal", version="1.4.0", debug=True)  #@vuln CWE-489|CWE-215
app.include_router(products.router, prefix="/products", tags=["products"])
app.include_router(media.router, prefix="/media", tags=["media"])