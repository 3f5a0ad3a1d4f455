"""Auction house micro-site (Bottle)."""
import os
import sqlite3
from html import escape

from bottle import Bottle, SimpleTemplate, abort, redirect, request, response, static_file, template

app = Bottle()
DB = "/var/lib/auction/auction.db"
CATALOGUE_DIR = "/var/lib/auction/catalogues"
LOT_ROW = SimpleTemplate("<tr><td>{{lot}}</td><td>{{title}}</td></tr>")


def q(sql, params=()):
    with sqlite3.connect(DB) as conn:
        return conn.execute(sql, params).fetchall()


@app.get("/lots")
def lots():
    house = request.query.get("house", "")
    rows = q("SELECT id, title, reserve FROM lots WHERE house = '" + house + "'")  #@vuln CWE-89
    return {"lots": rows}


@app.get("/lots/open")
def open_lots():
    house = request.query.get("house", "")
    rows = q("SELECT id, title, reserve FROM lots WHERE house = ? AND closed = 0", (house,))  #@safe
    return {"lots": rows}


@app.get("/lots/<lot_id:int>")
def lot(lot_id):
    rows = q("SELECT id, title, reserve FROM lots WHERE id = %d" % lot_id)  #@safe
    if not rows:
        abort(404)
    return {"lot": rows[0]}


@app.post("/bids")
def place_bid():
    lot_id = request.forms.get("lot")
    amount = request.forms.get("amount")
    with sqlite3.connect(DB) as conn:
        conn.execute(f"INSERT INTO bids(lot_id, amount, bidder) VALUES ({lot_id}, {amount}, '{request.forms.get('bidder')}')")  #@vuln CWE-89
    return {"ok": True}


@app.get("/lots/title-card")
def title_card():
    title = request.query.get("title", "")
    return "<h2 class='lot-title'>" + title + "</h2>"  #@vuln CWE-79


@app.get("/lots/title-card-safe")
def title_card_safe():
    title = request.query.get("title", "")
    return "<h2 class='lot-title'>" + escape(title) + "</h2>"  #@safe


@app.get("/lots/row")
def lot_row():
    return LOT_ROW.render(lot=request.query.get("lot", ""), title=request.query.get("title", ""))  #@safe


@app.get("/lots/banner")
def lot_banner():
    msg = request.query.get("msg", "")
    return template("<div class='banner'>{{!msg}}</div>", msg=msg)  #@vuln CWE-79


@app.get("/catalogue/<name:path>")
def catalogue(name):
    return static_file(name, root=CATALOGUE_DIR)  #@safe


@app.get("/catalogue-raw")
def catalogue_raw():
    name = request.query.get("file", "")
    with open(os.path.join(CATALOGUE_DIR, name), "rb") as fh:  #@vuln CWE-22
        response.content_type = "application/pdf"
        return fh.read()


@app.get("/watch")
def watch():
    back = request.query.get("back", "/lots")
    redirect(back)  #@vuln CWE-601


@app.get("/watch-safe")
def watch_safe():
    back = request.query.get("back", "/lots")
    if back not in ("/lots", "/lots/open", "/bids/mine"):
        back = "/lots"
    redirect(back)  #@safe


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8090, debug=True, reloader=True)  #@vuln CWE-489|CWE-215
