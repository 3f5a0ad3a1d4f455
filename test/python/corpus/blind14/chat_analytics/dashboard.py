from dash import Dash, Input, Output, State, callback, dcc, html
from sqlalchemy import create_engine, text

from .config import Config

engine = create_engine(Config.ANALYTICS_DB_URL, pool_size=5)

app = Dash(__name__, title="Chat analytics")
app.layout = html.Div([
    dcc.Dropdown(id="room-dropdown", options=["general", "support", "random"], value="general"),
    dcc.Input(id="author-input", type="text", placeholder="author prefix", debounce=True),
    dcc.Input(id="min-count", type="number", value=1),
    html.Button("Refresh", id="refresh"), html.Div(id="msg-table"), html.Div(id="top-authors"),
])


@callback(
    Output("msg-table", "children"),
    Input("room-dropdown", "value"),
    Input("author-input", "value"),
)
def update_table(room, author):
    sql = f"SELECT author, body, sent_at FROM messages WHERE room = '{room}' AND author LIKE '{author or ''}%' ORDER BY sent_at DESC LIMIT 50"
    with engine.connect() as conn:
        rows = conn.execute(text(sql)).all()  #@vuln CWE-89
    return [
        dcc.Markdown(f"**{r.author}** ({r.sent_at:%H:%M}): {r.body}", dangerously_allow_html=True)  #@vuln CWE-79
        for r in rows
    ]


@callback(
    Output("top-authors", "children"),
    Input("refresh", "n_clicks"),
    State("room-dropdown", "value"),
    State("min-count", "value"),
)
def top_authors(_clicks, room, min_count):
    stmt = text(
        "SELECT author, COUNT(*) AS n FROM messages WHERE room = :room "
        "GROUP BY author HAVING COUNT(*) >= :min ORDER BY n DESC LIMIT 10"
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt, {"room": room, "min": int(min_count or 1)}).all()  #@safe
    return html.Ul([html.Li(f"{r.author}: {r.n}") for r in rows])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8050, debug=True)  #@vuln CWE-489|CWE-215
