import base64
import marshal
import pickle
import types

import jsonpickle


def decode_state(blob: str):
    return pickle.loads(base64.b64decode(blob))  #@vuln CWE-502


def load_feature_fn(code_blob: bytes, name: str = "feature"):
    code = marshal.loads(code_blob)  #@vuln CWE-502
    return types.FunctionType(code, {"__builtins__": __builtins__}, name)


def decode_rich(payload: str):
    return jsonpickle.decode(payload)  #@vuln CWE-502
