from jinja2 import BaseLoader, Environment, FileSystemLoader, select_autoescape

page_env = Environment(  #@safe
    loader=FileSystemLoader("templates"),
    autoescape=select_autoescape(["html", "xml"]),
)

snippet_env = Environment(loader=BaseLoader(), autoescape=False, trim_blocks=True)  #@vuln CWE-79

CARD_TEMPLATE = """
<div class="doc-card">
  <h3>{{ title }}</h3>
  <p class="summary">{{ summary }}</p>
  {% if tags %}<ul>{% for t in tags %}<li>{{ t }}</li>{% endfor %}</ul>{% endif %}
</div>
"""


def render_page(name: str, **context) -> str:
    return page_env.get_template(name).render(**context)


def render_card(title: str, summary: str, tags: list[str] | None = None) -> str:
    return snippet_env.from_string(CARD_TEMPLATE).render(title=title, summary=summary, tags=tags or [])
