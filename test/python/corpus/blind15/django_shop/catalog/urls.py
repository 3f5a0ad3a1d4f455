from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("products", views.ProductViewSet)

urlpatterns = [
    path("api/", include(router.urls)),
    path("orders/<int:order_id>/receipt/", views.ReceiptView.as_view(), name="receipt"),
    path("welcome/", views.GreetingView.as_view(), name="welcome"),
    path("continue/", views.ContinueShoppingView.as_view(), name="continue"),
    path("login/complete/", views.LoginCompleteView.as_view(), name="login-complete"),
    path("invoices/download/", views.InvoiceDownloadView.as_view(), name="invoice-download"),
    path("statements/download/", views.StatementDownloadView.as_view(), name="statement-download"),
]
