from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fieldapi import auth, imports, views

router = DefaultRouter()
router.register("fields", views.FieldViewSet, basename="field")
router.register("crops", views.CropViewSet, basename="crop")
router.register("sprays", views.SprayRecordViewSet, basename="spray")
router.register("stations", views.WeatherStationViewSet, basename="station")
router.register("webhooks", views.WebhookViewSet, basename="webhook")

urlpatterns = [
    path("api/", include(router.urls)),
    path("api/farms/<int:farm_id>/import/boundaries/", imports.BoundaryImportView.as_view()),
    path("api/farms/<int:farm_id>/import/isotask/", imports.IsoTaskImportView.as_view()),
    path("api/farms/<int:farm_id>/import/spray-plan/", imports.SprayPlanImportView.as_view()),
    path("api/farms/<int:farm_id>/snapshot/restore/", imports.SnapshotRestoreView.as_view()),
    path("api/catalogue/import/", imports.ProductCatalogueImportView.as_view()),
    path("fields/<int:pk>/summary/", views.field_summary),
    path("sprays/<int:pk>/sheet/", views.spray_sheet),
    path("badge/", views.crop_badge),
    path("auth/login/", auth.agronomist_login),
    path("auth/after-login/", views.after_login),
    path("auth/after-logout/", views.after_logout),
    path("auth/reset/", auth.password_reset_lookup),
]
