"""GitHub webhook receiver (Flask): deploy on push, build releases, PR bookkeeping, chat-ops comments."""
import logging

from flask import Flask, abort, jsonify, request

from common import config, crypto, db
from webhooks import deploy

app = Flask(__name__)
log = logging.getLogger("github")

OPS_TEAM = {"ana-ops", "bkowalski", "deploy-bot"}


@app.post("/github/webhook")
def webhook():
    body = request.get_data()
    signature = request.headers.get("X-Hub-Signature-256", "")
    if not crypto.verify_github_signature(body, config.GITHUB_WEBHOOK_SECRET, signature):
        abort(401)
    event = request.headers.get("X-GitHub-Event", "ping")
    payload = request.get_json(force=True)
    log.info("github event %s (%s)", event, request.headers.get("X-GitHub-Delivery"))

    if event == "ping":
        return jsonify(ok=True, zen=payload.get("zen"))
    if event == "push":
        deploy.handle_push(payload)
    elif event == "release" and payload.get("action") == "published":
        deploy.build_release(payload)
    elif event == "pull_request":
        deploy.record_pr(payload)
    elif event == "issue_comment" and payload.get("action") == "created":
        handle_comment(payload)
    return jsonify(ok=True)


def handle_comment(payload):
    comment = payload["comment"]
    author = comment["user"]["login"]
    body = comment["body"].strip()
    db.record_audit(author, "github_comment", body[:500])
    if not body.startswith("/rollback "):
        return
    if author not in OPS_TEAM:
        log.warning("%s tried to roll back", author)
        return
    parts = body.split()
    if len(parts) == 3:
        deploy.rollback(parts[1], parts[2], author)


@app.get("/healthz")
def healthz():
    return jsonify(ok=True)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8081, debug=config.DEBUG)  #@safe
