from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, term):
    if not term:
        return text
    return mark_safe(str(text).replace(term, f"<mark>{term}</mark>"))  #@vuln CWE-79


@register.filter(needs_autoescape=True)
def initials(name, autoescape=True):
    esc = conditional_escape if autoescape else (lambda value: value)
    letters = [esc(part[0]) for part in str(name).split() if part]
    return mark_safe("".join(f"<abbr>{letter}</abbr>" for letter in letters))  #@safe
