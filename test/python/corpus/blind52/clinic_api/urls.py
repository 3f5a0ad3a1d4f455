from django.contrib import admin
from django.urls import path

from clinic_api import imports, views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/patients/", views.PatientListView.as_view()),
    path("api/patients/search/", views.PatientSearchView.as_view()),
    path("api/patients/stats/", views.VisitStatsView.as_view()),
    path("api/patients/breeds/", views.BreedFilterView.as_view()),
    path("api/patients/<int:pk>/card/", views.PatientCardView.as_view()),
    path("api/patients/<int:pk>/badge/", views.PatientBadgeView.as_view()),
    path("api/patients/<int:pk>/photo/", views.PatientPhotoView.as_view()),
    path("api/patients/<int:pk>/radiographs/", views.RadiographUploadView.as_view()),
    path("api/patients/<int:pk>/consent/preview/", views.ConsentPreviewView.as_view()),
    path("api/patients/<int:pk>/consent.pdf", views.ConsentPdfView.as_view()),
    path("api/attachments/", views.AttachmentDownloadView.as_view()),
    path("api/dosage/", views.DosageCalculatorView.as_view()),
    path("api/schedule/", views.ScheduleView.as_view()),
    path("api/staff/", views.StaffLookupView.as_view()),
    path("api/invoices/export/", views.InvoiceExportView.as_view()),
    path("api/widget/<slug:clinic_code>/slots/", views.FreeSlotsView.as_view()),
    path("api/widget/<slug:clinic_code>/book/", views.BookingView.as_view()),
    path("booking/<str:code>/cancel/", views.CancelBookingView.as_view()),
    path("portal/login/next/", views.OwnerLoginRedirectView.as_view()),
    path("api/import/<slug:clinic_code>/vetxml/", imports.VetXmlImportView.as_view()),
    path("api/import/<slug:clinic_code>/lab-catalogue/", imports.LabCatalogueImportView.as_view()),
    path("api/import/<slug:clinic_code>/vaccinations/", imports.VaccinationImportView.as_view()),
    path("api/import/<slug:clinic_code>/profile/", imports.ClinicProfileImportView.as_view()),
    path("api/import/<slug:clinic_code>/hours/", imports.OpeningHoursImportView.as_view()),
    path("api/import/<slug:clinic_code>/snapshot/", imports.DesktopSnapshotImportView.as_view()),
    path("api/import/<slug:clinic_code>/waitlist/", imports.WaitlistSyncView.as_view()),
]
