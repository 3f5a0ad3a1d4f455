import json
import os

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from corelib import crypto

register = template.Library()

ICON_DIR = os.path.join(settings.BASE_DIR, "newsroom", "static", "icons")
ICONS = {"rss", "mail", "twitter", "linkedin", "search", "close"}


@register.simple_tag(takes_context=True)
def highlight_query(context, text):
    q = context["request"].GET.get("q", "").strip()
    if not q:
        return text
    return mark_safe(str(text).replace(q, f"<mark>{q}</mark>"))  #@vuln CWE-79


@register.simple_tag(takes_context=True)
def highlight_query_escaped(context, text):
    q = context["request"].GET.get("q", "").strip()
    escaped = conditional_escape(text)
    if not q:
        return escaped
    eq = conditional_escape(q)
    return mark_safe(escaped.replace(eq, format_html("<mark>{}</mark>", eq)))  #@safe


@register.simple_tag(takes_context=True)
def campaign_banner(context):
    campaign = context["request"].GET.get("utm_campaign", "")
    return mark_safe('<div class="banner" data-campaign="%s"></div>' % campaign)  #@vuln CWE-79


@register.simple_tag
def structured_data(page):
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title, "description": page.intro}
    return mark_safe('<script type="application/ld+json">' + json.dumps(data) + "</script>")  #@vuln CWE-79


@register.simple_tag
def svg_icon(name):
    if name not in ICONS:
        return ""
    with open(os.path.join(ICON_DIR, f"{name}.svg"), encoding="utf-8") as fh:  #@safe
        return mark_safe(fh.read())


@register.inclusion_tag("newsroom/tags/featured.html")
def featured(articles):
    return {"articles": crypto.sample_for_homepage(list(articles))}
