"""KPI board (Plotly Dash) over the platform DB. Deployed with `gunicorn dashboards.kpi_dash:server`."""
import logging

import dash
import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, State, dash_table, dcc, html, no_update

from common import db

log = logging.getLogger(__name__)

METRICS = {"signups": "Sign-ups", "revenue": "Revenue", "active_users": "Active users", "churn": "Churn"}
TEAMS = ["growth", "payments", "platform", "support"]
INCIDENT_COLUMNS = ("id", "team", "summary", "severity", "opened_at")

app = Dash(__name__, title="KPI board", suppress_callback_exceptions=True)
server = app.server
server.secret_key = "kpi-board-3f7d0c9e1b2a"  #@vuln CWE-798

app.layout = html.Div([
    html.H1("KPI board"),
    html.Div([
        dcc.Dropdown(id="metric", options=[{"label": v, "value": k} for k, v in METRICS.items()], value="signups", clearable=False),
        dcc.Dropdown(id="team", options=[{"label": t.title(), "value": t} for t in TEAMS], value="growth", clearable=False),
    ], className="controls"),
    html.Div(id="announcement"),
    dcc.Graph(id="kpi-graph"),
    html.H2("Incidents"),
    dcc.Input(id="incident-filter", type="text", placeholder="filter by summary", debounce=True),
    dash_table.DataTable(id="incident-table", page_size=20, columns=[{"name": c, "id": c} for c in INCIDENT_COLUMNS]),
    html.H2("Post an announcement"),
    dcc.Textarea(id="announcement-body", style={"width": "100%", "height": 80}),
    html.Button("Post", id="announcement-post"),
    html.Div(id="announcement-status"),
    html.H2("External benchmark"),
    dcc.Input(id="benchmark-url", type="url", placeholder="https://.../benchmark.csv", debounce=True),
    dcc.Graph(id="benchmark-graph"),
    html.H2("Comments"),
    html.Div(id="comments"),
])


@app.callback(Output("kpi-graph", "figure"), Input("metric", "value"), Input("team", "value"))
def update_graph(metric, team):
    if metric not in METRICS or team not in TEAMS:
        raise dash.exceptions.PreventUpdate
    conn = db.connect()
    try:
        df = pd.read_sql_query(f"SELECT day, {metric} AS value FROM kpi_daily WHERE team = ? ORDER BY day", conn, params=(team,))  #@safe
    finally:
        conn.close()
    return px.line(df, x="day", y="value", title=f"{METRICS[metric]} - {team}")


@app.callback(Output("incident-table", "data"), Input("incident-filter", "value"))
def filter_incidents(text):
    conn = db.connect()
    where = f"WHERE summary LIKE '%{text}%'" if text else ""
    rows = conn.execute(f"SELECT id, team, summary, severity, opened_at FROM incidents {where} ORDER BY opened_at DESC LIMIT 100").fetchall()  #@vuln CWE-89
    conn.close()
    return [dict(r) for r in rows]


@app.callback(Output("announcement", "children"), Input("team", "value"), Input("announcement-status", "children"))
def show_announcement(team, _status):
    conn = db.connect()
    row = conn.execute("SELECT body FROM announcements WHERE team = ? ORDER BY id DESC LIMIT 1", (team,)).fetchone()
    conn.close()
    if not row:
        return None
    return dcc.Markdown(row["body"], dangerously_allow_html=True, className="announcement")  #@vuln CWE-79


@app.callback(Output("announcement-status", "children"), Input("announcement-post", "n_clicks"), State("team", "value"), State("announcement-body", "value"), prevent_initial_call=True)
def post_announcement(_clicks, team, body):
    if not body or team not in TEAMS:
        return no_update
    with db.cursor() as cur:
        cur.execute("INSERT INTO announcements (team, body, created_at) VALUES (?, ?, datetime('now'))", (team, body))
    return "Posted."


@app.callback(Output("benchmark-graph", "figure"), Input("benchmark-url", "value"), State("metric", "value"), prevent_initial_call=True)
def load_benchmark(url, metric):
    if not url:
        return no_update
    bench = pd.read_csv(url)  #@vuln CWE-918
    if "day" not in bench.columns or metric not in bench.columns:
        return px.scatter(title="benchmark file has no matching columns")
    return px.line(bench, x="day", y=metric, title=f"Benchmark: {METRICS.get(metric, metric)}")


@app.callback(Output("comments", "children"), Input("team", "value"))
def show_comments(team):
    conn = db.connect()
    rows = conn.execute("SELECT author, body FROM kpi_comments WHERE team = ? ORDER BY id DESC LIMIT 30", (team,)).fetchall()
    conn.close()
    return [html.Div([html.B(r["author"]), dcc.Markdown(r["body"])], className="comment") for r in rows]  #@safe


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8050, debug=True)  #@vuln CWE-489
