"""Plotly Dash QC dashboard (runs as its own gunicorn service: dashboard.app:server)."""
import math

import dash
import jwt
import pandas as pd
import plotly.express as px
from dash import Input, Output, State, dash_table, dcc, html
from flask import request
from sqlalchemy import create_engine, text

from common import config

engine = create_engine(config.REPORTING_DATABASE_URL, pool_pre_ping=True)

app = dash.Dash(__name__, title="LIMS QC Dashboard", suppress_callback_exceptions=True)
server = app.server

FORMULA_SCOPE = {"log10": math.log10, "sqrt": math.sqrt, "exp": math.exp}


def _assays():
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT DISTINCT assay FROM qc_results ORDER BY 1"))]


def _viewer():
    # the dashboard sits behind the LIMS login; just read who it is from the cookie
    token = request.cookies.get("lims_token")
    if not token:
        return {"sub": "anonymous", "projects": []}
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def serve_layout():
    return html.Div([
        html.H2("QC overview"),
        html.Div([
            dcc.Dropdown(id="assay-dropdown", options=[{"label": a, "value": a} for a in _assays()], placeholder="Assay"),
            dcc.Input(id="instrument-input", type="text", placeholder="Instrument id (e.g. qtof-01)", debounce=True),
            dcc.Input(id="project-input", type="text", placeholder="Project code", debounce=True),
        ], className="controls"),
        dcc.Graph(id="qc-graph"),
        html.H4("Derived value"),
        dcc.Input(id="formula-input", type="text", placeholder="e.g. value / 1000", debounce=True, style={"width": "40%"}),
        dcc.Graph(id="derived-graph"),
        html.H4("Run notes"),
        dcc.Dropdown(id="run-dropdown", placeholder="Run"),
        html.Div(id="run-notes"),
        html.Div(id="run-summary"),
        dash_table.DataTable(id="project-table", page_size=20),
    ])


app.layout = serve_layout


@app.callback(Output("qc-graph", "figure"), Input("assay-dropdown", "value"), Input("instrument-input", "value"))
def update_qc(assay, instrument):
    if not assay:
        return px.scatter(title="Select an assay")
    q = f"SELECT run_date, analyte, value, lower_limit, upper_limit FROM qc_results WHERE assay = '{assay}'"
    if instrument:
        q += f" AND instrument_id = '{instrument}'"
    df = pd.read_sql(q + " ORDER BY run_date", engine)  #@vuln CWE-89
    fig = px.line(df, x="run_date", y="value", color="analyte", markers=True, title=f"QC trend: {assay}")
    return fig


@app.callback(Output("project-table", "data"), Output("run-dropdown", "options"), Input("project-input", "value"))
def project_samples(project):
    viewer = _viewer()
    if not project or (viewer.get("projects") and project not in viewer["projects"]):
        return [], []
    df = pd.read_sql(text("SELECT sample_id, run_id, status, received_at FROM v_sample_overview WHERE project_code = :pc ORDER BY received_at DESC"), engine, params={"pc": project})  #@safe
    runs = sorted(df["run_id"].dropna().unique())
    return df.astype(str).to_dict("records"), [{"label": r, "value": r} for r in runs]


@app.callback(Output("derived-graph", "figure"), Input("formula-input", "value"), State("assay-dropdown", "value"))
def derived(formula, assay):
    if not formula or not assay:
        return px.scatter(title="Enter a formula")
    df = pd.read_sql(text("SELECT run_date, analyte, value FROM qc_results WHERE assay = :a ORDER BY run_date"), engine, params={"a": assay})  #@safe
    df["derived"] = [eval(formula, {"__builtins__": {}, **FORMULA_SCOPE}, {"value": row.value, "analyte": row.analyte}) for row in df.itertuples()]  #@vuln CWE-95
    return px.line(df, x="run_date", y="derived", color="analyte", title=f"Derived: {formula}")


@app.callback(Output("run-notes", "children"), Output("run-summary", "children"), Input("run-dropdown", "value"))
def show_notes(run_id):
    if not run_id:
        return "", ""
    with engine.connect() as conn:
        row = conn.execute(text("SELECT title, notes, operator_comment FROM runs WHERE run_id = :r"), {"r": run_id}).first()
    if not row:
        return "Run not found", ""
    notes = dcc.Markdown(row.notes or "", dangerously_allow_html=True)  #@vuln CWE-79
    comment = dcc.Markdown(row.operator_comment or "")  #@safe
    summary = html.Iframe(srcDoc=f"<h4>{row.title}</h4><div>{row.operator_comment}</div>", style={"width": "100%", "border": "0"})  #@vuln CWE-79
    return html.Div([notes, comment]), summary


if __name__ == "__main__":
    app.run_server(host="0.0.0.0", port=8050, debug=True)  #@vuln CWE-489|CWE-215
