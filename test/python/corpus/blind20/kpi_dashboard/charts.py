import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .config import Config

report_env = Environment(loader=FileSystemLoader(Config.TEMPLATE_DIR), autoescape=False)  #@vuln CWE-79
page_env = Environment(loader=FileSystemLoader(Config.TEMPLATE_DIR), autoescape=select_autoescape(["html"]))  #@safe


def frame_to_table(df: pd.DataFrame) -> Markup:
    return Markup(df.to_html(classes="table table-sm", index=False, border=0, escape=True))  #@safe


def render_email_report(title: str, df: pd.DataFrame, comment: str) -> str:
    tpl = report_env.get_template("email_report.html")
    return tpl.render(title=title, table=df.to_html(index=False), comment=comment)


def render_page(name: str, **ctx) -> str:
    return page_env.get_template(name).render(**ctx)
