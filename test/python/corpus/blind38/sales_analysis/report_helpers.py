# helpers shared between the notebook export and the little report server
import html

from flask import Response

CSS = """body{font-family:sans-serif;margin:2em} table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:4px 8px} .neg{color:#c00}"""


def summary_html(df):
    rows = []
    for col in df.select_dtypes("number").columns:
        rows.append("<tr><th>%s</th><td>%.2f</td><td>%.2f</td></tr>" % (html.escape(str(col)), df[col].sum(), df[col].mean()))
    return "<table><tr><th>column</th><th>sum</th><th>mean</th></tr>%s</table>" % "".join(rows)


def region_rows(df):
    out = []
    for region, total in df.groupby("region")["revenue"].sum().items():
        cls = "neg" if total < 0 else ""
        out.append("<tr class='%s'><td>%s</td><td>%.2f</td></tr>" % (cls, html.escape(str(region)), total))  #@safe
    return "\n".join(out)


def render_report(title, table_html, stats_html):
    head = "<html><head><title>%s</title><style>%s</style></head>" % (html.escape(title), CSS)
    return Response(head + "<body><h1>Sales report: " + title + "</h1>" + stats_html + table_html + "</body></html>", mimetype="text/html")  #@vuln CWE-79
