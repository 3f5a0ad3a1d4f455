import os

import boto3
from botocore.config import Config


class DocumentStore:
    def __init__(self, bucket: str, endpoint_url: str | None = None) -> None:
        self.bucket = bucket
        self.s3 = boto3.client("s3", endpoint_url=endpoint_url, verify=False, config=Config(retries={"max_attempts": 5, "mode": "standard"}))  #@vuln CWE-295

    def download_to(self, key: str, local_dir: str) -> str:
        local_path = os.path.join(local_dir, key)
        os.makedirs(os.path.dirname(local_path), exist_ok=True)
        self.s3.download_file(self.bucket, key, local_path)  #@vuln CWE-22
        return local_path

    def upload(self, local_path: str, key: str, content_type: str) -> None:
        extra = {"ContentType": content_type, "ServerSideEncryption": "aws:kms"}
        self.s3.upload_file(local_path, self.bucket, key, ExtraArgs=extra)

    def presigned(self, key: str, expires: int = 900) -> str:
        return self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=expires)
