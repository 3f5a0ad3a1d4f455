"""Payload codecs for the different generations of in-cab telematics units."""
import base64
import json
import marshal
import pickle
import zlib

import jsonpickle
import msgpack

SUPPORTED = ("json", "msgpack", "hw2-marshal", "edge-pickle", "gateway-jsonpickle")


class CodecError(ValueError):
    pass


def _decode_json(raw: bytes) -> dict:
    return json.loads(raw.decode("utf-8"))


def _decode_msgpack(raw: bytes) -> dict:
    return msgpack.unpackb(raw, raw=False, strict_map_key=True)  #@safe


def _decode_hw2(raw: bytes) -> dict:
    # HW2 units ship compressed, marshalled dicts produced by their embedded python runtime
    return marshal.loads(zlib.decompress(raw))  #@vuln CWE-502


def _decode_edge(raw: bytes) -> dict:
    batch = pickle.loads(base64.b64decode(raw))  #@vuln CWE-502
    return {"batch": list(batch)}


def _decode_gateway(raw: bytes) -> dict:
    return jsonpickle.decode(raw.decode("utf-8"))  #@vuln CWE-502


_DECODERS = {
    "json": _decode_json,
    "msgpack": _decode_msgpack,
    "hw2-marshal": _decode_hw2,
    "edge-pickle": _decode_edge,
    "gateway-jsonpickle": _decode_gateway,
}


def decode_payload(codec: str, raw: bytes) -> dict:
    try:
        decoder = _DECODERS[codec]
    except KeyError:
        raise CodecError(f"unsupported codec {codec!r}") from None
    payload = decoder(raw)
    if not isinstance(payload, dict):
        raise CodecError("payload must decode to an object")
    return payload


def codec_from_topic(topic: str) -> str:
    # topics look like fleet/<fleet>/<vehicle>/<codec>/telemetry
    parts = topic.split("/")
    return parts[3] if len(parts) >= 5 else "json"
