import os
import subprocess

import yaml
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.shortcuts import redirect, render
from django.urls import path

from .models import Article, Embed, PartnerFeed, Section


class PublishingActionForm(ActionForm):
    mirror_host = forms.CharField(required=False, initial="staging-mirror.newsroom.internal")
    paper_size = forms.CharField(required=False, initial="A4")


@admin.action(description="Publish selected articles")
def publish_articles(modeladmin, request, queryset):
    for article in queryset:
        article.publish()
    messages.success(request, f"Published {queryset.count()} article(s).")


@admin.action(description="Purge CDN cache")
def purge_cdn(modeladmin, request, queryset):
    for article in queryset:
        subprocess.run(["/usr/local/bin/cdn-purge", "--path", f"/news/{article.slug}/"], check=True, timeout=30)  #@safe
    messages.info(request, "CDN purge requested.")


@admin.action(description="Push to mirror")
def push_to_mirror(modeladmin, request, queryset):
    host = request.POST.get("mirror_host") or "staging-mirror.newsroom.internal"
    for article in queryset:
        os.system("rsync -az /srv/newsroom/exports/%s.json deploy@%s:/srv/mirror/incoming/" % (article.slug, host))  #@vuln CWE-78
    messages.info(request, f"Pushed {queryset.count()} article(s) to {host}.")


@admin.action(description="Render print edition PDF")
def render_print_pdf(modeladmin, request, queryset):
    paper = request.POST.get("paper_size") or "A4"
    for article in queryset:
        url = request.build_absolute_uri(article.get_absolute_url())
        subprocess.call(f"wkhtmltopdf --page-size {paper} {url} /srv/newsroom/print/{article.slug}.pdf", shell=True)  #@vuln CWE-78
    messages.info(request, "Print PDFs rendered.")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("headline", "section", "status", "author", "published_at")
    list_filter = ("status", "section")
    search_fields = ("headline", "standfirst")
    prepopulated_fields = {"slug": ("headline",)}
    action_form = PublishingActionForm
    actions = [publish_articles, purge_cdn, push_to_mirror, render_print_pdf]


class LayoutUploadForm(forms.Form):
    layout_file = forms.FileField()


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")

    def get_urls(self):
        custom = [
            path("<int:pk>/import-layout/", self.admin_site.admin_view(self.import_layout), name="section-import-layout"),
            path("<int:pk>/import-defaults/", self.admin_site.admin_view(self.import_defaults), name="section-import-defaults"),
        ]
        return custom + super().get_urls()

    def import_layout(self, request, pk):
        section = Section.objects.get(pk=pk)
        form = LayoutUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            layout = yaml.load(request.FILES["layout_file"].read(), Loader=yaml.Loader)  #@vuln CWE-502
            section.layout = layout
            section.save(update_fields=["layout"])
            messages.success(request, "Layout imported.")
            return redirect("admin:articles_section_change", pk)
        return render(request, "admin/section_import_layout.html", {"form": form, "section": section})

    def import_defaults(self, request, pk):
        section = Section.objects.get(pk=pk)
        form = LayoutUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            defaults = yaml.safe_load(request.FILES["layout_file"].read())  #@safe
            section.layout = {**defaults, **section.layout}
            section.save(update_fields=["layout"])
            return redirect("admin:articles_section_change", pk)
        return render(request, "admin/section_import_layout.html", {"form": form, "section": section})


@admin.register(Embed)
class EmbedAdmin(admin.ModelAdmin):
    list_display = ("provider", "source_url", "fetched_at")


@admin.register(PartnerFeed)
class PartnerFeedAdmin(admin.ModelAdmin):
    list_display = ("name", "feed_url", "last_imported")
