"""Settings and FastAPI dependencies for the catalog service."""
from collections.abc import Iterator

import jwt
import psycopg2
from fastapi import Depends, Header, HTTPException, status
from jose import jwt as jose_jwt
from psycopg2.extras import RealDictCursor
from pydantic_settings import BaseSettings, SettingsConfigDict
from pymongo import MongoClient
from pymongo.collection import Collection


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CATALOG_", env_file=".env")

    database_dsn: str = "postgresql://catalog@db:5432/catalog"
    mongo_url: str = "mongodb://mongo:27017"
    jwt_secret: str
    cors_origins: list[str] = ["https://app.example.com", "https://admin.example.com"]
    debug: bool = False
    media_root: str = "/srv/catalog/media"
    supplier_api_base: str = "https://api.supplier.example.com/v2"
    supplier_api_token: str = "sup_live_7Hc2kQ9vXn4Lr8TzW1bE"  #@vuln CWE-798
    legacy_inventory_url: str = "https://inventory.legacy.internal:8443"
    import_allowed_hosts: set[str] = {"feeds.supplier.example.com", "cdn.partner.example.net"}


settings = Settings()
_mongo = MongoClient(settings.mongo_url)


def get_db() -> Iterator:
    conn = psycopg2.connect(settings.database_dsn, cursor_factory=RealDictCursor)
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        conn.close()


def get_reviews() -> Collection:
    return _mongo["catalog"]["reviews"]


def get_current_user(authorization: str = Header(...)) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience="catalog")  #@safe
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return {"id": claims["sub"], "roles": claims.get("roles", []), "tenant": claims.get("tenant")}


def get_service_caller(x_service_token: str = Header(...)) -> str:
    # calls come through the mesh, so we only need to read who is calling
    claims = jose_jwt.get_unverified_claims(x_service_token)  #@vuln CWE-347
    return claims["svc"]


def require_admin(user: dict = Depends(get_current_user)) -> dict:
    if "catalog:admin" not in user["roles"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return user
