import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from catalog_service.deps import settings
from catalog_service.routers import imports, products

logging.basicConfig(level=logging.DEBUG if settings.debug else logging.INFO)

app = FastAPI(title="catalog-service", version="2.4.0", debug=settings.debug)
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True, allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])  #@safe

app.include_router(products.router, prefix="/products", tags=["products"])
app.include_router(imports.router, prefix="/imports", tags=["imports"])


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run("catalog_service.main:app", host="0.0.0.0", port=8080, proxy_headers=True)
