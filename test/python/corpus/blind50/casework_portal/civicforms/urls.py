from django.contrib import admin
from django.urls import include, path

from backoffice import saml_views
from backoffice import views as bo
from citizen import views as citizen
from opendata import views as od

urlpatterns = [
    path("admin/", admin.site.urls),
    # citizen-facing forms
    path("apply/", citizen.apply, name="apply"),
    path("apply/save/", citizen.save_draft, name="save-draft"),
    path("apply/resume/", citizen.resume_draft, name="resume-draft"),
    path("apply/evidence/", citizen.import_evidence, name="import-evidence"),
    path("apply/verify/", citizen.send_verification_code, name="send-code"),
    path("address/search/", citizen.address_search, name="address-search"),
    path("address/next/", citizen.address_next_page, name="address-next"),
    path("status/", citizen.application_status, name="status"),
    path("done/", citizen.submitted, name="submitted"),
    # caseworker back office
    path("cases/", bo.case_search, name="case-search"),
    path("cases/grep/", bo.case_pattern_search, name="case-grep"),
    path("cases/bulk/", bo.bulk_action, name="case-bulk"),
    path("cases/<int:case_id>/", bo.case_detail, name="case-detail"),
    path("cases/<int:case_id>/letter/", bo.letter_preview, name="letter-preview"),
    path("cases/<int:case_id>/convert/", bo.convert_document, name="convert-document"),
    path("cases/<int:case_id>/print/", bo.print_letter, name="print-letter"),
    path("exports/", bo.export_cases, name="export-cases"),
    path("exports/download/", bo.download_export, name="download-export"),
    path("staff/lookup/", bo.officer_lookup, name="officer-lookup"),
    path("audit/", bo.audit_search, name="audit-search"),
    # SSO
    path("sso/login/", saml_views.login, name="saml-login"),
    path("sso/acs/", saml_views.acs, name="saml-acs"),
    path("sso/logout/", saml_views.logout, name="saml-logout"),
    path("sso/legacy-bridge/", saml_views.legacy_bridge, name="legacy-bridge"),
    # public open data API
    path("api/", include(od.router.urls)),
    path("api/stats/", od.stats, name="opendata-stats"),
    path("api/timeseries/", od.timeseries, name="opendata-timeseries"),
    path("api/datasets/", od.dataset, name="opendata-dataset"),
    path("api/embed/", od.embed, name="opendata-embed"),
    path("api/webhooks/", od.webhook_subscribe, name="opendata-webhook"),
    path("api/aggregates/", od.aggregates, name="opendata-aggregates"),
]
