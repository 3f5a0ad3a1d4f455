import uvicorn
from fastapi import FastAPI

from .routers import items

app = FastAPI(title="Inventory Service", version="2.3.0", debug=True)  #@vuln CWE-489|CWE-215
app.include_router(items.router)


@app.get("/healthz")
async def healthz():
    return {"ok": True}


if __name__ == "__main__":
    uvicorn.run("app.main:app", host="0.0.0.0", port=8000)
