from fastapi import FastAPI

from ingest.routers import jobs, uploads
from ingest.settings import config

app = FastAPI(title="ingest", debug=config.debug)
app.include_router(uploads.router, prefix="/uploads", tags=["uploads"])
app.include_router(jobs.router, prefix="/jobs", tags=["jobs"])