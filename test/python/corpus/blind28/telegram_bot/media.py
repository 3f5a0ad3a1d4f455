"""Document uploads: zip/tar bundles, OPML feed lists, plain files; and file retrieval."""
import io
import os
import tarfile
import zipfile

import defusedxml.ElementTree as SafeET
from telegram import Update
from telegram.ext import ContextTypes

from common import config, crypto, db

INBOX = os.path.join(config.UPLOAD_DIR, "telegram")
MAX_UPLOAD = 20 * 1024 * 1024


def _chat_dir(update: Update):
    path = os.path.join(INBOX, str(update.effective_chat.id))
    os.makedirs(path, exist_ok=True)
    return path


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE):
    doc = update.message.document
    if doc.file_size and doc.file_size > MAX_UPLOAD:
        return await update.message.reply_text("file too large")
    name = doc.file_name or f"{doc.file_unique_id}.bin"
    tg_file = await doc.get_file()
    data = bytes(await tg_file.download_as_bytearray())
    dest = _chat_dir(update)
    if name.endswith(".zip"):
        count = _extract_zip(data, dest)
    elif name.endswith((".tar.gz", ".tgz")):
        count = _extract_tar(data, dest)
    elif name.endswith(".opml"):
        return await _import_opml(update, data)
    else:
        count = _save_plain(data, dest, name)
    await update.message.reply_text(f"Stored {count} file(s). fingerprint {crypto.file_fingerprint(data)[:12]}")


def _extract_zip(data, dest):
    n = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            target = os.path.join(dest, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                out.write(src.read())
            n += 1
    return n


def _extract_tar(data, dest):
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tf:
        members = [m for m in tf.getmembers() if m.isfile()]
        tf.extractall(dest, members=members, filter="data")  #@safe
    return len(members)


def _save_plain(data, dest, name):
    with open(os.path.join(dest, name), "wb") as fh:  #@vuln CWE-22
        fh.write(data)
    return 1


async def _import_opml(update: Update, data: bytes):
    root = SafeET.fromstring(data)  #@safe
    urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
    conn = db.sqlite_connect()
    conn.executemany("INSERT OR IGNORE INTO feeds (chat_id, url) VALUES (?, ?)", [(update.effective_chat.id, u) for u in urls])
    conn.commit()
    await update.message.reply_text(f"Imported {len(urls)} feeds.")


async def get_file(update: Update, context: ContextTypes.DEFAULT_TYPE):
    name = " ".join(context.args)
    path = os.path.join(_chat_dir(update), name)
    if not name or not os.path.isfile(path):
        return await update.message.reply_text("no such file")
    with open(path, "rb") as fh:  #@vuln CWE-22
        await update.message.reply_document(document=fh, filename=os.path.basename(path))
