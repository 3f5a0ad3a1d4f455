import uvicorn
from fastapi import FastAPI

from .config import settings
from .routers import artifacts, predict

app = FastAPI(title="model-serving", version="2.3.1", debug=settings.debug)
app.include_router(predict.router, prefix="/v1")
app.include_router(artifacts.router, prefix="/v1/artifacts")


@app.get("/healthz")
async def healthz():
    return {"ok": True}


if __name__ == "__main__":
    uvicorn.run("model_serving.app:app", host="0.0.0.0", port=8080, workers=2)
