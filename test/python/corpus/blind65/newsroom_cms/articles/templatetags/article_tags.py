import bleach
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

RICH_TEXT_TAGS = [
    "p", "a", "em", "strong", "ul", "ol", "li", "blockquote",
    "h2", "h3", "figure", "figcaption", "img", "br",
]
RICH_TEXT_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "img": ["src", "alt", "width", "height"],
}
EMBED_TAGS = ["iframe", "blockquote", "p", "a"]
EMBED_ATTRIBUTES = {
    "iframe": ["src", "width", "height", "allowfullscreen", "frameborder"],
    "blockquote": ["class", "data-lang"],
    "a": ["href"],
}


def clean_rich_text(value):
    return bleach.clean(
        value or "",
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        protocols=["http", "https", "mailto"],
        strip=True,
    )


def clean_embed(value):
    return bleach.clean(value or "", tags=EMBED_TAGS, attributes=EMBED_ATTRIBUTES,
                        protocols=["https"], strip=True)


@register.filter
def rich_text(value):
    return mark_safe(clean_rich_text(value))  #@safe


@register.filter
def highlight(text, term):
    if not term:
        return text
    marked = text.replace(term, "<mark>%s</mark>" % term)
    return mark_safe(marked)  #@vuln CWE-79


@register.filter
def pull_quote(value):
    return mark_safe("<blockquote class=\"pull-quote\">%s</blockquote>" % escape(value))  #@safe


@register.simple_tag
def byline(author):
    return format_html(  #@safe
        '<span class="byline">By <a href="/authors/{}/">{}</a></span>',
        author.username,
        author.get_full_name() or author.username,
    )


@register.simple_tag(takes_context=True)
def share_link(context, network):
    request = context["request"]
    target = request.GET.get("ref", request.path)
    return mark_safe(f'<a class="share share-{network}" href="{target}">Share</a>')  #@vuln CWE-79


@register.inclusion_tag("articles/_embed.html")
def render_embed(embed):
    return {"embed_html": mark_safe(clean_embed(embed.html)), "provider": embed.provider}  #@safe
