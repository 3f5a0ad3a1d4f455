"""StreamField blocks for the newsroom (Wagtail 5)."""
import csv
import io

from django.template import Context, Template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from corelib import http


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    body = blocks.TextBlock()
    tone = blocks.ChoiceBlock(choices=[("info", "Info"), ("warning", "Warning")], default="info")

    def render_basic(self, value, context=None):
        return format_html('<aside class="callout callout--{}"><h3>{}</h3><p>{}</p></aside>', value["tone"], value["title"], value["body"])  #@safe

    class Meta:
        icon = "warning"


class EmbedHtmlBlock(blocks.StructBlock):
    embed_url = blocks.URLBlock(help_text="Datawrapper / Flourish URL")
    caption = blocks.CharBlock(required=False)

    def render_basic(self, value, context=None):
        return mark_safe(f'<figure class="embed"><iframe src="{value["embed_url"]}" loading="lazy"></iframe><figcaption>{value["caption"]}</figcaption></figure>')  #@vuln CWE-79

    class Meta:
        icon = "code"


class CodeBlock(blocks.StructBlock):
    language = blocks.CharBlock(default="python")
    code = blocks.TextBlock()

    def render_basic(self, value, context=None):
        try:
            lexer = get_lexer_by_name(value["language"])
        except ClassNotFound:
            lexer = get_lexer_by_name("text")
        return mark_safe(highlight(value["code"], lexer, HtmlFormatter(cssclass="codehilite")))  #@safe


class RemoteTableBlock(blocks.StructBlock):
    csv_url = blocks.URLBlock()
    max_rows = blocks.IntegerBlock(default=25)

    def get_context(self, value, parent_context=None):
        ctx = super().get_context(value, parent_context)
        raw = http.fetch_preview(value["csv_url"]).decode("utf-8", "replace")
        ctx["rows"] = list(csv.reader(io.StringIO(raw)))[: value["max_rows"]]
        return ctx

    def render_basic(self, value, context=None):
        rows = self.get_context(value)["rows"]
        body = format_html_join("", "<tr>{}</tr>", ((format_html_join("", "<td>{}</td>", ((c,) for c in r)),) for r in rows))
        return format_html('<table class="data-table">{}</table>', body)


class KpiBlock(blocks.StructBlock):
    label = blocks.CharBlock()
    formula = blocks.CharBlock(help_text='e.g. "subscribers / visitors * 100"')

    def compute(self, value, metrics: dict):
        return eval(value["formula"], {"__builtins__": {}}, metrics)  #@vuln CWE-95

    def render_basic(self, value, context=None):
        metrics = (context or {}).get("metrics", {})
        return format_html('<div class="kpi"><span>{}</span><strong>{:.1f}</strong></div>', value["label"], self.compute(value, metrics))


class TemplateSnippetBlock(blocks.StructBlock):
    """Lets campaign editors drop in small Django-template snippets."""
    source = blocks.TextBlock()

    def render_basic(self, value, context=None):
        return Template(value["source"]).render(Context(context or {}))  #@vuln CWE-1336


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = ImageChooserBlock()
    callout = CalloutBlock()
    embed = EmbedHtmlBlock()
    code = CodeBlock()
    table = RemoteTableBlock()
    kpi = KpiBlock()
    snippet = TemplateSnippetBlock()
