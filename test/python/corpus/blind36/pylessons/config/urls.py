from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from lessons import fixed_views, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("", views.index, name="index"),
    path("lessons/missing", views.lesson_not_found, name="lesson-missing"),
    # injection
    path("lessons/sqli/login", views.sqli_login, name="sqli-login"),
    path("lessons/sqli/dashboard", views.dashboard, name="lesson-dashboard"),
    path("lessons/sqli/search", views.article_search, name="article-search"),
    path("lessons/sqli/archive", views.article_archive, name="article-archive"),
    path("lessons/sqli/author", views.articles_by_author, name="article-author"),
    path("lessons/cmdi/ping", views.ping, name="ping"),
    path("lessons/cmdi/traceroute", views.traceroute, name="traceroute"),
    path("lessons/code/calculator", views.calculator, name="calculator"),
    # xss
    path("articles/<int:pk>", views.article_detail, name="article-detail"),
    # ssrf / xxe / deserialisation
    path("lessons/ssrf/preview", views.url_preview, name="url-preview"),
    path("lessons/ssrf/image", views.image_proxy, name="image-proxy"),
    path("lessons/xxe/import", views.xml_import, name="xml-import"),
    # files
    path("lessons/files/download", views.download, name="download"),
    path("lessons/files/pack", views.import_pack, name="import-pack"),
    path("lessons/regex/logs", views.log_filter, name="log-filter"),
    # auth
    path("lessons/auth/forgot", views.forgot_password, name="forgot-password"),
    path("lessons/auth/logout", views.logout_then, name="logout-then"),
    # solutions
    path("solutions/missing", fixed_views.lesson_not_found),
    path("solutions/sqli/login", fixed_views.sqli_login, name="fixed-login"),
    path("solutions/sqli/dashboard", fixed_views.dashboard, name="fixed-dashboard"),
    path("solutions/sqli/search", fixed_views.article_search),
    path("solutions/sqli/archive", fixed_views.article_archive),
    path("solutions/sqli/author", fixed_views.articles_by_author),
    path("solutions/articles/<int:pk>", fixed_views.article_detail, name="fixed-article-detail"),
    path("solutions/cmdi/ping", fixed_views.ping),
    path("solutions/code/calculator", fixed_views.calculator),
    path("solutions/ssrf/preview", fixed_views.url_preview),
    path("solutions/ssrf/image", fixed_views.image_proxy),
    path("solutions/xxe/import", fixed_views.xml_import),
    path("solutions/files/download", fixed_views.download),
    path("solutions/files/pack", fixed_views.import_pack),
    path("solutions/regex/logs", fixed_views.log_filter),
    path("solutions/auth/forgot", fixed_views.forgot_password),
    path("solutions/auth/logout", fixed_views.logout_then),
]
