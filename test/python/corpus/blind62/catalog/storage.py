"""Object storage access for the dataset catalog (MinIO, S3 API)."""
import hashlib
import time

import boto3
import urllib3
from botocore.client import Config
from minio import Minio

CAMPUS_CA_BUNDLE = "/etc/pki/tls/certs/campus-ca.pem"

# read-only service account on the 2018 tape-backed archive
ARCHIVE_ENDPOINT = "archive.rc.campus.edu:9000"
ARCHIVE_ACCESS_KEY = "rc-archive-ro"
ARCHIVE_SECRET_KEY = "Zt7qP2xWm9LkR4vN8sYb"  #@vuln CWE-798
SHARE_LINK_SALT = "rc-share"


class DatasetStore:
    def __init__(self, endpoint, access_key, secret_key, bucket, ttl=3600):
        self.bucket = bucket
        self.ttl = ttl
        self._secret = secret_key
        self.s3 = boto3.client(  #@safe
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
            verify=CAMPUS_CA_BUNDLE,
        )

    @classmethod
    def from_config(cls, cfg):
        return cls(cfg["S3_ENDPOINT"], cfg["S3_ACCESS_KEY"], cfg["S3_SECRET_KEY"],
                   cfg["S3_BUCKET"], cfg.get("PRESIGN_TTL", 3600))

    def object_key(self, project_slug, dataset_id, filename):
        return f"{project_slug}/{dataset_id}/{filename}"

    def download_url(self, key, filename=None):
        params = {"Bucket": self.bucket, "Key": key}
        if filename:
            params["ResponseContentDisposition"] = f'attachment; filename="{filename}"'
        return self.s3.generate_presigned_url("get_object", Params=params, ExpiresIn=self.ttl)

    def upload_url(self, key, content_type="application/x-netcdf"):
        return self.s3.generate_presigned_url(
            "put_object",
            Params={"Bucket": self.bucket, "Key": key, "ContentType": content_type},
            ExpiresIn=self.ttl,
        )

    def put_file(self, path, key):
        self.s3.upload_file(path, self.bucket, key)

    def fetch_to(self, key, path):
        self.s3.download_file(self.bucket, key, path)

    def delete(self, key):
        self.s3.delete_object(Bucket=self.bucket, Key=key)

    def share_signature(self, key, expires):
        material = f"{SHARE_LINK_SALT}:{self._secret}:{key}:{expires}".encode()
        return hashlib.sha1(material).hexdigest()  #@vuln CWE-328|CWE-327

    def share_link(self, base_url, key, days=7):
        expires = int(time.time()) + days * 86400
        return f"{base_url}/public/share?key={key}&expires={expires}&sig={self.share_signature(key, expires)}"


def archive_client():
    http = urllib3.PoolManager(cert_reqs="CERT_NONE", timeout=urllib3.Timeout(connect=5, read=120))  #@vuln CWE-295
    return Minio(ARCHIVE_ENDPOINT, access_key=ARCHIVE_ACCESS_KEY, secret_key=ARCHIVE_SECRET_KEY,
                 secure=True, http_client=http)


def list_archive(prefix):
    client = archive_client()
    return [o.object_name for o in client.list_objects("legacy-datasets", prefix=prefix, recursive=True)]
