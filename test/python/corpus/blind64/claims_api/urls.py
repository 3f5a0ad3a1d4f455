from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import sso
from .views import ClaimNoteViewSet, ClaimViewSet, PasswordResetViewSet, PolicyViewSet, TriageRulesViewSet

router = DefaultRouter()
router.register("policies", PolicyViewSet, basename="policy")
router.register("claims", ClaimViewSet, basename="claim")
router.register(r"claims/(?P<claim_pk>\d+)/notes", ClaimNoteViewSet, basename="claim-note")
router.register("triage-rules", TriageRulesViewSet, basename="triage-rules")
router.register("password-reset", PasswordResetViewSet, basename="password-reset")

urlpatterns = [
    path("api/", include(router.urls)),
    path("sso/oidc/login", sso.oidc_login),
    path("sso/oidc/callback", sso.oidc_callback),
    path("sso/partner", sso.partner_bearer_login),
    path("sso/saml/acs", sso.saml_acs),
    path("sso/saml/logout", sso.saml_logout),
    path("sso/ldap", sso.ldap_login),
]
