import re

from flask import render_template_string
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

_email_env = Environment(loader=FileSystemLoader("stockroom/templates/email"), autoescape=False)  #@vuln CWE-79


def render_snippet(source, **context):
    return render_template_string(source, **context)


def render_email(template_name, **context):
    return _email_env.get_template(template_name).render(**context)


def highlight(text, term):
    if not term:
        return escape(text)
    pattern = re.compile(re.escape(str(escape(term))), re.IGNORECASE)
    escaped = str(escape(text))
    return Markup(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  #@safe


def register_filters(app):
    app.jinja_env.filters["highlight"] = highlight
