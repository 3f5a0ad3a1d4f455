"""Fraud scoring service: combines partner scores, watchlist hits and in-house rules."""
import base64
import hashlib
import hmac
import marshal
import pickle
import re

import jwt
from flask import Flask, abort, jsonify, request
from pymongo import MongoClient

from .partner_client import PartnerClient, check_watchlist, notify_callback, settings

app = Flask(__name__)
mongo = MongoClient(settings.MONGO_URI)[settings.MONGO_DB]

RULE_FUNCTIONS = {"min": min, "max": max, "abs": abs, "len": len}


def _apply_rules(rules, features):
    hits = []
    for rule in rules:
        if eval(rule["when"], {"__builtins__": {}}, {**RULE_FUNCTIONS, **features}):  #@vuln CWE-95
            hits.append({"rule": rule.get("name", "unnamed"), "weight": rule.get("weight", 1)})
    return hits


@app.post("/score")
def score():
    payload = request.get_json(force=True)
    features = payload["features"]
    client = PartnerClient(base_url=payload.get("partner_endpoint"))
    partner = client.score_claim(features)
    watch = check_watchlist(payload.get("claimant_name", ""), payload.get("postcode", ""))
    rule_hits = _apply_rules(payload.get("custom_rules", []), features)
    result = {
        "claim_number": payload.get("claim_number"),
        "partner_score": partner.get("score"),
        "watchlist_hits": len(watch),
        "rule_hits": rule_hits,
    }
    mongo.scores.insert_one(dict(result))
    if payload.get("callback_url"):
        notify_callback(payload["callback_url"], result)
    return jsonify(result)


@app.get("/history/claimant")
def claimant_history():
    name = request.args.get("name", "")
    cursor = mongo.claims_history.find({"$where": "this.claimant_name == '%s'" % name})  #@vuln CWE-943
    return jsonify([{"claim_number": d["claim_number"], "score": d.get("score")} for d in cursor.limit(100)])


@app.get("/history/claimant/<claimant_id>")
def claimant_history_by_id(claimant_id):
    cursor = mongo.claims_history.find({"claimant_id": str(claimant_id)})  #@safe
    return jsonify([{"claim_number": d["claim_number"], "score": d.get("score")} for d in cursor.limit(100)])


@app.post("/history/search")
def history_search():
    criteria = request.get_json(force=True).get("filter", {})
    docs = mongo.claims_history.find(criteria, {"_id": 0}).limit(200)  #@vuln CWE-943
    return jsonify(list(docs))


@app.post("/history/narrative-search")
def narrative_search():
    body = request.get_json(force=True)
    matcher = re.compile(body["pattern"])  #@vuln CWE-1333
    docs = mongo.claims_history.find({}, {"_id": 0, "claim_number": 1, "narrative": 1}).limit(5000)
    return jsonify([d["claim_number"] for d in docs if matcher.search(d.get("narrative", ""))])


@app.post("/score/replay")
def replay_score():
    context = pickle.loads(base64.b64decode(request.headers["X-Score-Context"]))  #@vuln CWE-502
    return jsonify({"replayed": context.get("claim_number"), "features": list(context.get("features", {}))})


@app.post("/features/legacy")
def legacy_features():
    vector = marshal.loads(request.get_data())  #@vuln CWE-502
    return jsonify({"length": len(vector)})


@app.post("/webhooks/partner")
def partner_webhook():
    signature = request.headers.get("X-RiskGraph-Signature", "")
    expected = hashlib.sha1(settings.WEBHOOK_SECRET + request.get_data()).hexdigest()  #@vuln CWE-328|CWE-327
    if not hmac.compare_digest(expected, signature):
        abort(401)
    token = request.get_json(force=True)["attestation"]
    attestation = jwt.decode(token, options={"verify_signature": False, "verify_exp": False})  #@vuln CWE-347
    mongo.partner_events.insert_one({"claim_number": attestation.get("claim_number"), "status": attestation.get("status")})
    return "", 204


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8090, debug=True)  #@vuln CWE-489
