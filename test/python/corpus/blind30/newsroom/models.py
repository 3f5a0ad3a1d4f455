from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ArticleBodyBlock


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(Page):
    intro = models.CharField(max_length=300, blank=True)
    body = StreamField(ArticleBodyBlock(), use_json_field=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    published = models.DateField(null=True, blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("published"), FieldPanel("body"), FieldPanel("tags")]


class NewsIndexPage(Page):
    subpage_types = ["newsroom.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag")
        articles = ArticlePage.objects.live().descendant_of(self).order_by("-published")
        if tag:
            ids = [p.pk for p in ArticlePage.objects.raw("SELECT p.page_ptr_id FROM newsroom_articlepage p JOIN newsroom_articletag t ON t.content_object_id = p.page_ptr_id JOIN taggit_tag g ON g.id = t.tag_id WHERE g.slug = %s", [tag])]  #@safe
            articles = articles.filter(pk__in=ids)
        ctx["articles"] = articles[:30]
        return ctx
