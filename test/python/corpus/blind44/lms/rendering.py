"""Markdown and template rendering for lessons, forum posts, announcements and certificates."""
import bleach
import markdown
from django.utils.safestring import mark_safe
from jinja2 import Environment, FileSystemLoader, Template
from jinja2.sandbox import SandboxedEnvironment

from common.config import settings

MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "toc"]

ALLOWED_TAGS = set(bleach.sanitizer.ALLOWED_TAGS) | {
    "p", "pre", "h1", "h2", "h3", "h4", "hr", "br", "img",
    "table", "thead", "tbody", "tr", "th", "td", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "img": ["src", "alt", "title"],
    "code": ["class"],
    "th": ["align"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]

_cert_env = Environment(loader=FileSystemLoader(settings.template_root), autoescape=False)  #@vuln CWE-79
_snippet_env = SandboxedEnvironment(autoescape=True)


def markdown_to_html(text):
    return markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS)


def render_lesson_body(text):
    html = markdown_to_html(text)
    return mark_safe(bleach.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True))  #@safe


def render_forum_post(text):
    # bleach kept eating the <details> spoiler blocks students use for solutions;
    # the forum JS sanitises on the client now.
    return mark_safe(markdown_to_html(text))  #@vuln CWE-79


def render_certificate_html(student_name, course_title, issued_on, signature):
    template = _cert_env.get_template("certificates/default.html")
    return template.render(
        student_name=student_name,
        course_title=course_title,
        issued_on=issued_on.strftime("%B %d, %Y"),
        signature=signature,
    )


def render_announcement(template_source, context):
    """Instructors personalise announcements with {{ student.first_name }} and friends."""
    return Template(template_source).render(**context)  #@vuln CWE-1336


def render_page_snippet(template_source, context):
    """Course authors can embed small Jinja snippets in custom pages."""
    return _snippet_env.from_string(template_source).render(**context)  #@safe


def excerpt(text, length=180):
    plain = bleach.clean(markdown_to_html(text), tags=set(), strip=True)
    return plain if len(plain) <= length else plain[: length - 1].rstrip() + "\u2026"
