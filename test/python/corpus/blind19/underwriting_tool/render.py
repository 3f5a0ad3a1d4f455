from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATE_DIR = Path(__file__).parent / "templates"

report_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR / "reports"), autoescape=False, trim_blocks=True)  #@vuln CWE-79
mail_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR / "mail"), autoescape=select_autoescape(["html", "xml"]))  #@safe


def render_report(name: str, **context) -> str:
    return report_env.get_template(name).render(**context)


def render_mail(name: str, **context) -> str:
    return mail_env.get_template(name).render(**context)
