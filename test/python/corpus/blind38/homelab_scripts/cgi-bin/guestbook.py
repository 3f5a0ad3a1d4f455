#!/usr/bin/python3
# guestbook for my homepage, runs as CGI under apache (old but works)
import cgi
import cgitb
import html
import os
import sqlite3

cgitb.enable()  #@vuln CWE-215|CWE-489

DB = "/var/www/data/guestbook.db"
PER_PAGE = 20

form = cgi.FieldStorage()
conn = sqlite3.connect(DB)
conn.execute("CREATE TABLE IF NOT EXISTS entries (name TEXT, message TEXT, website TEXT, created TEXT)")


def add_entry(name, message, website):
    conn.execute("INSERT INTO entries (name, message, website, created) VALUES ('%s', '%s', '%s', datetime('now'))" % (name, message, website))  #@vuln CWE-89
    conn.commit()


def list_entries(page):
    cur = conn.execute("SELECT name, message, website, created FROM entries ORDER BY created DESC LIMIT ? OFFSET ?", (PER_PAGE, page * PER_PAGE))  #@safe
    return cur.fetchall()


def search_entries(term):
    cur = conn.execute("SELECT name, message, website, created FROM entries WHERE message LIKE ?", ("%" + term + "%",))
    return cur.fetchall()


if os.environ.get("REQUEST_METHOD") == "POST":
    name = form.getfirst("name", "anonymous")
    message = form.getfirst("message", "")
    website = form.getfirst("website", "")
    if message.strip():
        add_entry(name, message, website)
    print("Status: 303 See Other")
    print("Location: /cgi-bin/guestbook.py")
    print()
    raise SystemExit

print("Content-Type: text/html; charset=utf-8")
print()
print("<html><head><title>Guestbook</title></head><body><h1>My Guestbook</h1>")

q = form.getfirst("q", "")
if q:
    print("<p>Entries containing: <b>" + q + "</b></p>")  #@vuln CWE-79
    rows = search_entries(q)
else:
    try:
        page = int(form.getfirst("page", "0"))
    except ValueError:
        page = 0
    rows = list_entries(page)

for name, message, website, created in rows:
    print("<div class='entry'><b>%s</b> (%s) wrote:<p>%s</p>" % (html.escape(name), html.escape(created or ""), html.escape(message)))  #@safe
    if website:
        print('<a href="%s">homepage</a>' % website)  #@vuln CWE-79
    print("</div>")

print("""<form method="post">
Name: <input name="name"><br>Website: <input name="website"><br>
<textarea name="message"></textarea><br><input type="submit" value="Sign">
</form></body></html>""")
