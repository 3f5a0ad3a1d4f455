import marshal
import types

import jsonpickle


class JobOptions:
    def __init__(self, delimiter=",", encoding="utf-8", skip_rows=0, mapping=None):
        self.delimiter = delimiter
        self.encoding = encoding
        self.skip_rows = skip_rows
        self.mapping = mapping or {}


def restore_job_options(blob: str) -> JobOptions:
    options = jsonpickle.decode(blob)  #@vuln CWE-502
    if not isinstance(options, JobOptions):
        raise ValueError("not a JobOptions payload")
    return options


def load_transform_rules(raw: bytes) -> dict:
    code = marshal.loads(raw)  #@vuln CWE-502
    namespace: dict = {}
    if isinstance(code, types.CodeType):
        exec(code, namespace)  #@vuln CWE-95|CWE-94
    return {k: v for k, v in namespace.items() if callable(v) and not k.startswith("_")}
