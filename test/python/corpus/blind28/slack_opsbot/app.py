"""#ops channel bot (slack_bolt, Socket Mode). See the wiki page "opsbot" for the command list."""
import logging
import os
import re
from urllib.parse import quote

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from common import config, crypto, db
from common.netutil import fetch_allowed_json, fetch_text, head_ok, internal_api
from slack_opsbot import commands, lookups, reports

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("opsbot")

app = App(token=config.SLACK_BOT_TOKEN, signing_secret=config.SLACK_SIGNING_SECRET)

OPS_ADMINS = set(filter(None, os.environ.get("OPS_ADMINS", "").split(",")))
SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")


def _text(command):
    return (command.get("text") or "").strip()


def _args(command):
    return _text(command).split()


def _unlink(text):
    """Slack wraps URLs as <http://x|x>; strip that."""
    m = SLACK_LINK.match(text.strip())
    return m.group(1) if m else text.strip()


def _reply(respond, text):
    respond(response_type="ephemeral", text="```" + (text or "(empty)")[:3500] + "```")


@app.command("/diag")
def diag(ack, command, respond):
    ack()
    host = _text(command)
    if not host:
        return _reply(respond, "usage: /diag <host>")
    db.record_audit(command["user_id"], "diag", host)
    _reply(respond, commands.diag(host))


@app.command("/svc")
def svc(ack, command, respond):
    ack()
    args = _args(command)
    if len(args) != 2:
        return _reply(respond, "usage: /svc <status|restart|reload> <service>")
    if args[0] != "status" and command["user_id"] not in OPS_ADMINS:
        return _reply(respond, "restart/reload is for ops admins")
    db.record_audit(command["user_id"], "svc", " ".join(args))
    _reply(respond, commands.service_action(args[0], args[1]))


@app.command("/journal")
def journal(ack, command, respond):
    ack()
    args = _args(command)
    unit = args[0] if args else "api"
    lines = args[1] if len(args) > 1 else "50"
    _reply(respond, commands.tail_service_log(unit, lines))


@app.command("/logs")
def logs(ack, command, respond):
    ack()
    args = _args(command)
    if not args:
        return _reply(respond, "usage: /logs <file> [lines]")
    n = int(args[1]) if len(args) > 1 and args[1].isdigit() else 50
    try:
        _reply(respond, commands.read_log(args[0], n))
    except OSError as exc:
        _reply(respond, f"cannot read log: {exc}")


@app.command("/grep")
def grep(ack, command, respond):
    ack()
    name, _, pattern = _text(command).partition(" ")
    _reply(respond, commands.grep_log(name, pattern) or "no matches")


@app.command("/gitlog")
def gitlog(ack, command, respond):
    ack()
    args = _args(command) or ["api"]
    repo = args[0]
    ref = args[1] if len(args) > 1 else "main"
    _reply(respond, commands.git_log(repo, ref))


@app.command("/calc")
def calc(ack, command, respond):
    ack()
    try:
        _reply(respond, commands.calc(_text(command)))
    except Exception as exc:  # noqa: BLE001 - show the error in channel
        _reply(respond, f"error: {exc}")


@app.command("/fetch")
def fetch(ack, command, respond):
    ack()
    url = _unlink(_text(command))
    status, body = fetch_text(url, max_bytes=3000)
    _reply(respond, f"HTTP {status}\n{body}")


@app.command("/api")
def api(ack, command, respond):
    ack()
    try:
        data = fetch_allowed_json(_unlink(_text(command)))
    except ValueError as exc:
        return _reply(respond, str(exc))
    _reply(respond, str(data))


@app.command("/status")
def status(ack, command, respond):
    ack()
    url = _unlink(_text(command))
    _reply(respond, f"{url} is {'UP' if head_ok(url) else 'DOWN'}")


@app.command("/incident")
def incident(ack, command, respond):
    ack()
    args = _args(command)
    if not args:
        rows = db.list_incidents()
    elif args[0] == "--sort":
        rows = db.list_incidents(order_by=args[1] if len(args) > 1 else "opened_at")
    else:
        state = None
        if args[-1].startswith("status="):
            state = args.pop().split("=", 1)[1]
        rows = db.search_incidents(" ".join(args), state)
    lines = [f"#{r['id']} [{r.get('status') or r.get('severity')}] {r['title']}" for r in rows]
    _reply(respond, "\n".join(lines) or "nothing found")


@app.command("/oncall")
def oncall(ack, command, respond):
    ack()
    team = _text(command) or "platform"
    rows = lookups.oncall_for(team)
    pager = internal_api("pager/status?team=" + quote(team, safe=""))
    lines = [f"{r['handle']} {r['phone']} until {r['ends_at']:%H:%M}" for r in rows]
    lines.append(f"open pages: {pager.get('open', '?')}")
    _reply(respond, "\n".join(lines))


@app.command("/deploys")
def deploys(ack, command, respond):
    ack()
    args = _args(command)
    if not args:
        return _reply(respond, "usage: /deploys <service> [days]")
    days = args[1] if len(args) > 1 and args[1].isdigit() else 7
    rows = lookups.deploys_for(args[0], days)
    _reply(respond, "\n".join(f"{r['deployed_at']:%m-%d %H:%M} {r['version']} by {r['deployed_by']}" for r in rows))


@app.command("/whois")
def whois(ack, command, respond):
    ack()
    people = lookups.whois(_text(command))
    _reply(respond, "\n".join(f"{p.get('uid')}: {p.get('cn')} <{p.get('mail')}> {p.get('title', '')}" for p in people) or "no match")


@app.command("/report")
def report(ack, command, respond):
    ack()
    try:
        _reply(respond, reports.read_report(_text(command)))
    except (ValueError, OSError) as exc:
        _reply(respond, str(exc))


@app.command("/export")
def export(ack, command, client, respond):
    ack()
    kind = _text(command) or "incidents"
    if kind == "oncall":
        path = reports.export_oncall_csv(lookups.oncall_for("platform"))
    else:
        path = reports.export_incidents_csv(db.list_incidents(limit=200))
    try:
        client.files_upload_v2(channel=command["channel_id"], file=path, title=f"{kind}.csv")
    finally:
        os.unlink(path)


@app.command("/invite")
def invite(ack, command, respond):
    ack()
    code = crypto.make_invite_code()
    with db.pg_cursor() as cur:
        cur.execute("INSERT INTO invites (code, created_by, expires_at) VALUES (%s, %s, now() + interval '2 days')", (code, command["user_id"]))
    _reply(respond, f"Invite code (valid 48h): {code}")


@app.command("/apitoken")
def apitoken(ack, command, respond):
    ack()
    token = crypto.make_api_token()
    with db.pg_cursor() as cur:
        cur.execute("INSERT INTO api_tokens (slack_user, token_enc) VALUES (%s, %s)", (command["user_id"], crypto.encrypt_secret(token, config.SECRETS_KEY)))
    _reply(respond, f"Your ops API token (shown once): {token}")


if __name__ == "__main__":
    SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()
