import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .routers import documents, imports
from .settings import settings

app = FastAPI(title="Docs API", version="1.8.0", debug=True)  #@vuln CWE-489|CWE-215
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_methods=["GET", "POST"],
    allow_headers=["Authorization", "Content-Type"],
)
app.include_router(documents.router, prefix="/documents", tags=["documents"])
app.include_router(imports.router, prefix="/imports", tags=["imports"])


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}


if __name__ == "__main__":
    uvicorn.run("docs_api.main:app", host="0.0.0.0", port=8080)
