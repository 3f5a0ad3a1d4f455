from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from .db import engine
from .routers import claims, documents, partners, session
from .settings import get_settings

settings = get_settings()


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.notes_pool = await asyncpg.create_pool(settings.database_url.replace("+asyncpg", ""), min_size=2, max_size=10)
    yield
    await app.state.notes_pool.close()
    await engine.dispose()


app = FastAPI(title="Claims API", version="3.4.1", lifespan=lifespan, debug=True)  #@vuln CWE-489|CWE-215
for module in (claims, documents, partners, session):
    app.include_router(module.router)
