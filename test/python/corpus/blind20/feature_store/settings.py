import os
from dataclasses import dataclass


@dataclass(frozen=True)
class StoreSettings:
    mongo_uri: str = os.environ.get(
        "FEATURE_MONGO_URI",
        "mongodb://features_rw:changeme-mongo-pass@mongo-0.internal:27017/features?authSource=admin",  #@vuln CWE-798|CWE-259
    )
    db_name: str = "features"
    upload_dir: str = os.environ.get("FEATURE_UPLOAD_DIR", "/srv/feature-store/uploads")
    export_dir: str = os.environ.get("FEATURE_EXPORT_DIR", "/srv/feature-store/exports")


settings = StoreSettings()
