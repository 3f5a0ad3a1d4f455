"""Command handlers for the Telegram bot."""
import base64
import hmac
import ipaddress
import logging
import os
import pickle
import random
import subprocess

import requests
from lxml import etree
from telegram import Update
from telegram.ext import ContextTypes

from common import db, netutil

log = logging.getLogger(__name__)


def _conn():
    conn = db.sqlite_connect()
    conn.execute("CREATE TABLE IF NOT EXISTS feeds (chat_id INTEGER, url TEXT, UNIQUE(chat_id, url))")
    conn.execute("CREATE TABLE IF NOT EXISTS usage (chat_id INTEGER, command TEXT, ts TEXT DEFAULT CURRENT_TIMESTAMP)")
    conn.execute("CREATE TABLE IF NOT EXISTS links (tg_user_id INTEGER PRIMARY KEY, handle TEXT)")
    return conn


def _track(update: Update, command: str):
    conn = _conn()
    conn.execute("INSERT INTO usage (chat_id, command) VALUES (?, ?)", (update.effective_chat.id, command))
    conn.commit()


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE):
    """Deep links (t.me/teambot?start=<state>) carry the web session state over."""
    if context.args:
        state = pickle.loads(base64.urlsafe_b64decode(context.args[0] + "=="))  #@vuln CWE-502
        context.user_data.update(state)
    await update.message.reply_text("Hi! Try /ping, /trace, /rss, /subscribe or send me a file.")


async def ping(update: Update, context: ContextTypes.DEFAULT_TYPE):
    _track(update, "ping")
    host = context.args[0] if context.args else "1.1.1.1"
    rc = os.system("ping -c 1 -W 2 " + host + " > /dev/null 2>&1")  #@vuln CWE-78
    await update.message.reply_text(f"{host}: {'reachable' if rc == 0 else 'unreachable'}")


async def trace(update: Update, context: ContextTypes.DEFAULT_TYPE):
    _track(update, "trace")
    try:
        ip = ipaddress.IPv4Address(context.args[0])
    except (IndexError, ValueError):
        return await update.message.reply_text("usage: /trace <ipv4 address>")
    out = subprocess.run(f"traceroute -n -m 15 {ip}", shell=True, capture_output=True, text=True, timeout=90)  #@safe
    await update.message.reply_text(out.stdout[-3500:] or out.stderr[-3500:])


async def whois(update: Update, context: ContextTypes.DEFAULT_TYPE):
    _track(update, "whois")
    domain = " ".join(context.args)
    out = subprocess.getoutput("whois " + domain + " | head -n 40")  #@vuln CWE-78
    await update.message.reply_text(out[:3500] or "no data")


async def rss(update: Update, context: ContextTypes.DEFAULT_TYPE):
    _track(update, "rss")
    if not context.args:
        return await update.message.reply_text("usage: /rss <feed url>")
    resp = requests.get(context.args[0], timeout=15)  #@vuln CWE-918
    root = etree.fromstring(resp.content, etree.XMLParser(resolve_entities=True))  #@vuln CWE-611
    items = root.findall(".//item") or root.findall(".//{http://www.w3.org/2005/Atom}entry")
    lines = []
    for item in items[:8]:
        title = item.findtext("title") or item.findtext("{http://www.w3.org/2005/Atom}title") or "(untitled)"
        lines.append("• " + title.strip())
    await update.message.reply_text("\n".join(lines) or "feed has no items")


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE):
    if not context.args:
        return await update.message.reply_text("usage: /subscribe <feed url>")
    conn = _conn()
    conn.execute("INSERT OR IGNORE INTO feeds (chat_id, url) VALUES (?, ?)", (update.effective_chat.id, context.args[0]))  #@safe
    conn.commit()
    await update.message.reply_text("Subscribed.")


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE):
    url = " ".join(context.args)
    conn = _conn()
    cur = conn.execute(f"DELETE FROM feeds WHERE chat_id = {update.effective_chat.id} AND url = '{url}'")  #@vuln CWE-89
    conn.commit()
    await update.message.reply_text(f"Removed {cur.rowcount} subscription(s).")


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE):
    days = context.args[0] if context.args else "7"
    conn = _conn()
    rows = conn.execute("SELECT command, COUNT(*) AS n FROM usage WHERE chat_id = ? AND ts > datetime('now', '-" + days + " days') GROUP BY command ORDER BY n DESC", (update.effective_chat.id,)).fetchall()  #@vuln CWE-89
    await update.message.reply_text("\n".join(f"/{r['command']}: {r['n']}" for r in rows) or "no usage yet")


async def link(update: Update, context: ContextTypes.DEFAULT_TYPE):
    """/link ana@corp.com - emails a code to link this Telegram account."""
    if not context.args or "@" not in context.args[0]:
        return await update.message.reply_text("usage: /link you@corp.com")
    handle = context.args[0].split("@", 1)[0]
    user = db.fetch_user_by_handle(handle)
    if not user:
        return await update.message.reply_text("no such user")
    code = str(random.randint(100000, 999999))  #@vuln CWE-338|CWE-330
    context.user_data["pending_link"] = {"handle": user["handle"], "code": code}
    netutil.internal_api("notify/email", {"to": user["email"], "template": "telegram_link", "code": code})
    await update.message.reply_text("I emailed you a code, send it with /confirm <code>.")


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE):
    pending = context.user_data.get("pending_link")
    if not pending or not context.args:
        return await update.message.reply_text("run /link first")
    if not hmac.compare_digest(context.args[0], pending["code"]):
        context.user_data.pop("pending_link", None)
        return await update.message.reply_text("wrong code, run /link again")
    conn = _conn()
    conn.execute("INSERT OR REPLACE INTO links (tg_user_id, handle) VALUES (?, ?)", (update.effective_user.id, pending["handle"]))
    conn.commit()
    context.user_data.pop("pending_link", None)
    await update.message.reply_text(f"Linked to {pending['handle']}.")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE):
    log.error("handler failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        await update.effective_message.reply_text("Sorry, that failed.")
