import re

import markdown
from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, term):
    """Wrap occurrences of the search term in <mark>."""
    if not term:
        return text
    pattern = re.compile(re.escape(str(escape(term))), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", str(escape(text))))  #@safe


@register.filter
def review_body(body):
    # Reviews support basic markdown (bold, lists, links).
    return mark_safe(markdown.markdown(body))  #@vuln CWE-79


@register.simple_tag
def star_rating(rating):
    full = max(0, min(5, int(rating)))
    return format_html('<span class="stars" title="{} of 5">{}</span>', full, "\u2605" * full)  #@safe


@register.simple_tag(takes_context=True)
def promo_banner(context):
    request = context["request"]
    campaign = request.GET.get("utm_campaign", "")
    return mark_safe(f'<div class="promo" data-campaign="{campaign}">Free shipping this week!</div>')  #@vuln CWE-79


@register.filter
def spec_table(specs):
    rows = format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", sorted(specs.items()))
    return format_html("<table class='specs'>{}</table>", rows)  #@safe


@register.simple_tag
def seller_badge(seller):
    verified = " verified" if seller.is_verified else ""
    return format_html(f'<span class="badge{verified}">{seller.display_name}</span>')  #@vuln CWE-79


@register.inclusion_tag("catalog/_seller_card.html")
def seller_card(seller):
    return {"seller": seller, "bio_html": mark_safe(seller.bio.replace("\n", "<br>"))}  #@vuln CWE-79
