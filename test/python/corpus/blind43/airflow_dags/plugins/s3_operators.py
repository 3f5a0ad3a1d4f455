"""Custom operators used by the feature / model DAGs."""
import json
import os
import subprocess
import tempfile

from airflow.exceptions import AirflowException
from airflow.models import BaseOperator
from airflow.providers.amazon.aws.hooks.s3 import S3Hook


class S3SyncOperator(BaseOperator):
    """`aws s3 sync` is ~10x faster than boto for big partition dirs."""

    template_fields = ("source_prefix", "dest_dir", "extra_args")

    def __init__(self, *, bucket: str, source_prefix: str, dest_dir: str, extra_args: str = "", aws_profile: str = "data", **kwargs):
        super().__init__(**kwargs)
        self.bucket = bucket
        self.source_prefix = source_prefix
        self.dest_dir = dest_dir
        self.extra_args = extra_args
        self.aws_profile = aws_profile

    def execute(self, context):
        os.makedirs(self.dest_dir, exist_ok=True)
        cmd = f"aws s3 sync s3://{self.bucket}/{self.source_prefix} {self.dest_dir} --profile {self.aws_profile} {self.extra_args}"
        self.log.info("running %s", cmd)
        proc = subprocess.run(cmd, shell=True, capture_output=True, text=True)  #@vuln CWE-78
        if proc.returncode != 0:
            raise AirflowException(proc.stderr[-2000:])
        return self.dest_dir


class S3PrefixDownloadOperator(BaseOperator):
    """Downloads every object under a prefix of the partner drop bucket."""

    template_fields = ("prefix", "local_dir")

    def __init__(self, *, bucket: str, prefix: str, local_dir: str, aws_conn_id: str = "aws_default", **kwargs):
        super().__init__(**kwargs)
        self.bucket = bucket
        self.prefix = prefix
        self.local_dir = local_dir
        self.aws_conn_id = aws_conn_id

    def execute(self, context):
        hook = S3Hook(aws_conn_id=self.aws_conn_id)
        downloaded = []
        for key in hook.list_keys(bucket_name=self.bucket, prefix=self.prefix) or []:
            if key.endswith("/"):
                continue
            local_path = os.path.join(self.local_dir, key[len(self.prefix):].lstrip("/"))
            os.makedirs(os.path.dirname(local_path), exist_ok=True)
            hook.get_key(key, bucket_name=self.bucket).download_file(local_path)  #@vuln CWE-22
            downloaded.append(local_path)
        self.log.info("downloaded %d files", len(downloaded))
        return downloaded


class ManifestValidateOperator(BaseOperator):
    """Validates the partner manifest.json against our JSON schema."""

    template_fields = ("manifest_key",)

    def __init__(self, *, bucket: str, manifest_key: str, schema_path: str, aws_conn_id: str = "aws_default", **kwargs):
        super().__init__(**kwargs)
        self.bucket = bucket
        self.manifest_key = manifest_key
        self.schema_path = schema_path
        self.aws_conn_id = aws_conn_id

    def execute(self, context):
        hook = S3Hook(aws_conn_id=self.aws_conn_id)
        manifest = json.loads(hook.read_key(self.manifest_key, bucket_name=self.bucket))
        tmp_path = tempfile.mktemp(prefix="manifest_", suffix=".json")  #@vuln CWE-377
        with open(tmp_path, "w") as fh:
            json.dump(manifest, fh)
        fd, report_path = tempfile.mkstemp(prefix="schema_report_", suffix=".txt")
        os.close(fd)
        try:
            proc = subprocess.run(["check-jsonschema", "--schemafile", self.schema_path, tmp_path, "--output-format", "text"], capture_output=True, text=True)  #@safe
            with open(report_path, "w") as fh:
                fh.write(proc.stdout)
            if proc.returncode != 0:
                raise AirflowException(f"manifest invalid, see {report_path}")
        finally:
            os.unlink(tmp_path)
        return manifest.get("files", [])
