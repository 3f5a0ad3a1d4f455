"""Prompt and transcript rendering (Jinja2)."""
import os

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates")

# prompt templates are plain text, autoescape would mangle quotes in the prompts
_prompt_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), undefined=StrictUndefined, autoescape=False, trim_blocks=True)  #@safe
_html_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "xml"]))
_sandbox = SandboxedEnvironment(undefined=StrictUndefined)

TRANSCRIPT_HTML = """
<html><head><title>Conversation {{ conv_id }}</title></head><body>
{% for m in messages %}
  <div class="msg {{ m.role }}"><b>{{ m.role }}</b>: {{ m.content }}</div>
{% endfor %}
</body></html>
"""

# shared with the prompt env so transcripts match what the model saw
_transcript_tmpl = Environment(autoescape=False).from_string(TRANSCRIPT_HTML)  #@vuln CWE-79


def render_system_prompt(persona: str, **ctx) -> str:
    return _prompt_env.get_template(f"system/{persona}.j2").render(**ctx)


def render_tool_result(tool_name: str, result) -> str:
    return _prompt_env.get_template("tool_result.j2").render(tool=tool_name, result=result)


def render_user_template(template_source: str, variables: dict) -> str:
    """Users can save their own prompt snippets with {{ placeholders }}."""
    return Template(template_source).render(**variables)  #@vuln CWE-1336


def render_team_template(template_source: str, variables: dict) -> str:
    return _sandbox.from_string(template_source).render(**variables)  #@safe


def render_transcript(conv_id: str, messages: list) -> str:
    return _transcript_tmpl.render(conv_id=conv_id, messages=messages)


def render_transcript_page(conv_id: str, messages: list) -> str:
    return _html_env.get_template("transcript.html").render(conv_id=conv_id, messages=messages)
