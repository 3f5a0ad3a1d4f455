"""HTML fragments for the dashboard.  No template engine on purpose - the
dashboard has to run on boxes that only have the stdlib and click installed.
"""
import html
from string import Template

PAGE = Template("""<!doctype html>
<html><head><meta charset="utf-8"><title>$title - opsdash</title>
<link rel="stylesheet" href="/static/dash.css"></head>
<body><nav><a href="/">Hosts</a> | <a href="/audit">Audit</a> | <a href="/logs">Logs</a> | <a href="/logout">Logout</a></nav>
<main>$body</main></body></html>""")


def page(title, body):
    return PAGE.substitute(title=html.escape(title), body=body)


def host_table(rows):
    out = ["<table><tr><th>Host</th><th>Status</th><th>Last seen</th></tr>"]
    for r in rows:
        out.append(f"<tr><td><a href=\"/host?id={int(r['id'])}\">{html.escape(r['hostname'])}</a></td><td>{html.escape(r['status'] or '')}</td><td>{html.escape(r['last_seen'] or '-')}</td></tr>")  #@safe
    out.append("</table>")
    return "\n".join(out)


def search_form(query=""):
    return f'<form action="/search"><input name="q" value="{html.escape(query, quote=True)}"><button>Search</button></form>'


def search_results(query, rows):
    heading = f"<h2>Results for <em>{query}</em></h2>"  #@vuln CWE-79
    return page("Search", search_form(query) + heading + host_table(rows))


def owner_view(owner, rows):
    heading = f"<h2>Hosts owned by {html.escape(owner)}</h2>"  #@safe
    return page("Owner", heading + host_table(rows))


def host_detail(host, timeline):
    # owner is free text set through the RPC services / admin app
    owner_line = f"<p>Owner: {host['owner']}</p>"  #@vuln CWE-79
    events = "".join(f"<li>{html.escape(e['ts'])} {html.escape(e['action'])}</li>" for e in timeline)
    body = f"<h2>{html.escape(host['hostname'])}</h2>{owner_line}<p>Status: {html.escape(host['status'] or '')}</p><ul>{events}</ul>"
    return page(host["hostname"], body)


def login_form(next_url, error=None):
    err = f'<p class="error">{html.escape(error)}</p>' if error else ""
    hidden = f'<input type="hidden" name="next" value="{next_url}">'  #@vuln CWE-79
    return page("Login", f"""{err}<form method="post" action="/login">
{hidden}
<label>User <input name="username"></label>
<label>Password <input name="password" type="password"></label>
<button>Sign in</button></form>""")


def log_matches(name, matches):
    lines = "\n".join(html.escape(m) for m in matches)
    return page(f"Log {name}", f"<h2>{html.escape(name)}</h2><pre>{lines}</pre>")


def error_page(code, message):
    return page(f"Error {code}", f"<h1>{code}</h1><p>{message}</p>")  #@vuln CWE-79
