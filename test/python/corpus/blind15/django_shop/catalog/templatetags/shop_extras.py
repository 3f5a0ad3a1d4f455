from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(name="highlight")
def highlight(text, term):
    if not term:
        return text
    return mark_safe(str(text).replace(term, f"<mark>{term}</mark>"))  #@vuln CWE-79


@register.filter(name="badge")
def badge(label):
    return mark_safe(f'<span class="badge">{escape(label)}</span>')  #@safe


@register.simple_tag(takes_context=True)
def search_echo(context):
    q = context["request"].GET.get("q", "")
    return mark_safe(f"Results for <strong>{q}</strong>")  #@vuln CWE-79
