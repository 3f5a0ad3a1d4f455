from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView

from products import views

urlpatterns = [
    path("graphql/", csrf_exempt(GraphQLView.as_view(graphiql=False))),
    path("exports/download/", views.download_export),
    path("media/download/", views.download_media),
    path("preview/<str:sku>/", views.product_preview),
    path("badge/", views.vendor_badge),
    path("snippet/", views.search_snippet),
    path("accounts/login/", views.login_view),
    path("accounts/logout/", views.logout_view),
    path("unsubscribe/done/", views.unsubscribe_done),
    path("suppliers/feed-status/", views.supplier_feed_status),
]
