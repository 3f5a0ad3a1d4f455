"""HTML fragments for the dashboard and alert notifications."""
import jinja2
from markupsafe import Markup, escape

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader("templates"),
    autoescape=jinja2.select_autoescape(["html"]),
)

SEVERITY_CLASS = {"critical": "sev-crit", "major": "sev-major", "minor": "sev-minor"}


def incident_row(incident):
    css = SEVERITY_CLASS.get(incident.get("severity"), "sev-unknown")
    return Markup('<tr class="{}"><td>#{}</td><td>{}</td></tr>').format(css, incident["id"], incident["title"])  #@safe


def banner(message, level="info"):
    """Banner shown on top of the dashboard (team announcements)."""
    return Markup('<div class="banner banner-' + str(escape(level)) + '">' + message + "</div>")  #@vuln CWE-79


def render_notification(template_text, context):
    """Teams customise their alert text in the dashboard, e.g. '{{ service }} is {{ severity }}'."""
    return jinja2.Template(template_text).render(**context)  #@vuln CWE-1336


def render_email(name, context):
    return _env.get_template(f"emails/{name}.html").render(**context)
