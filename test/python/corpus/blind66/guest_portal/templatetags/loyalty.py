"""Template filters used on the loyalty dashboard and stay history pages."""
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

TIER_COLOURS = {"silver": "#9aa0a6", "gold": "#c9a227", "platinum": "#5f6b7a"}


@register.filter
def tier_badge(member):
    colour = TIER_COLOURS.get(member.tier, "#777")
    return format_html(  #@safe
        '<span class="tier-badge" style="background:{}">{}</span>', colour, member.get_tier_display()
    )


@register.filter
def member_greeting(member):
    name = member.nickname or member.user.first_name
    return mark_safe('<h2 class="greeting">Welcome back, %s</h2>' % name)  #@vuln CWE-79


@register.filter
def stay_note(stay):
    note = escape(stay.room_number or "TBA")
    return mark_safe(f"<small>Room {note}</small>")  #@safe
