"""HTML fragments and owner-customisable summaries for the lab portal."""
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

FLAG_CLASSES = {"H": "flag-high", "L": "flag-low", "N": "flag-normal"}

_sandbox = SandboxedEnvironment(autoescape=True)
_plain_env = Environment(autoescape=False)


def flag_badge(flag):
    css = FLAG_CLASSES.get(flag, "flag-unknown")
    return Markup('<span class="{}">{}</span>').format(css, flag)  #@safe


def comment_block(author, text):
    return Markup(f"<blockquote><cite>{author}</cite>{text}</blockquote>")  #@vuln CWE-79


def owner_greeting(owner_name):
    return Markup("<p class='greeting'>Hello, ") + escape(owner_name) + Markup("</p>")


def render_summary(layout, context):
    """Render the clinic-chosen summary layout for a result set."""
    template = _plain_env.from_string(layout)
    return template.render(**context)  #@vuln CWE-1336


def render_email_footer(footer, context):
    return _sandbox.from_string(footer).render(**context)  #@safe


def results_table(rows):
    body = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            escape(r["test_name"]), escape(r["value"]), escape(r["unit"]), flag_badge(r.get("flag", "N"))
        )
        for r in rows
    )
    return Markup("<table class='results'>" + body + "</table>")
