"""REST and HTML views for patient records and appointment booking."""
import ast
import os
import re
from datetime import timedelta

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template import Context, Template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from clinic_api.models import Appointment, Clinic, Patient
from clinic_api.repositories import AppointmentRepository, PatientRepository
from vetnet_common.fileutil import PathOutsideRootError, safe_join, save_upload
from vetnet_common.netutil import fetch_remote_photo
from vetnet_common.security import generate_booking_code
from vetnet_common.staff_directory import StaffDirectory

patients = PatientRepository()
appointments = AppointmentRepository()


class PatientSerializer(serializers.ModelSerializer):
    class Meta:
        model = Patient
        fields = ["id", "name", "species", "breed", "date_of_birth", "weight_kg", "microchip", "alerts"]


class BookingSerializer(serializers.Serializer):
    patient_id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    reason = serializers.CharField(max_length=200)
    duration_min = serializers.IntegerField(min_value=5, max_value=120, default=15)


def _clinic_for(request):
    return get_object_or_404(Clinic, code=request.headers.get("X-Clinic-Code", ""))


class PatientSearchView(APIView):
    def get(self, request):
        clinic = _clinic_for(request)
        chip = request.query_params.get("microchip")
        if chip:
            found = patients.by_microchip(chip)
            return Response(PatientSerializer(found, many=True).data)
        term = request.query_params.get("q", "")
        return Response(patients.search(clinic.id, term))


class PatientListView(generics.ListAPIView):
    serializer_class = PatientSerializer

    def get_queryset(self):
        clinic = _clinic_for(self.request)
        species = self.request.query_params.get("species")
        if species:
            return patients.for_species(clinic.id, species, self.request.query_params.get("breed"))
        return Patient.objects.filter(clinic=clinic).order_by("name")


class VisitStatsView(APIView):
    def get(self, request):
        clinic = _clinic_for(request)
        since = request.query_params.get("since", (timezone.now() - timedelta(days=365)).date().isoformat())
        rows = patients.with_visit_counts(clinic.id, since).values("id", "name", "visit_count")
        by_status = appointments.status_counts(clinic.id, request.query_params.get("status", "done"))
        return Response({"patients": list(rows), "appointments": by_status})


class FreeSlotsView(APIView):
    permission_classes = [AllowAny]

    def get(self, request, clinic_code):
        clinic = get_object_or_404(Clinic, code=clinic_code)
        vet_ids = request.query_params.getlist("vet")
        day = request.query_params.get("day", timezone.localdate().isoformat())
        return Response(appointments.free_slots(clinic.id, day, vet_ids))


class ScheduleView(APIView):
    def get(self, request):
        clinic = _clinic_for(request)
        rows = appointments.schedule(clinic.id, request.query_params.get("sort"), request.query_params.get("dir"))
        return Response(rows)


class BookingView(APIView):
    permission_classes = [AllowAny]

    def post(self, request, clinic_code):
        from vet_workers.tasks import notify_clinic_webhook, send_booking_confirmation

        clinic = get_object_or_404(Clinic, code=clinic_code)
        payload = BookingSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        patient = get_object_or_404(Patient, pk=payload.validated_data["patient_id"], clinic=clinic)
        appt = Appointment.objects.create(
            clinic=clinic,
            patient=patient,
            starts_at=payload.validated_data["starts_at"],
            reason=payload.validated_data["reason"],
            duration_min=payload.validated_data["duration_min"],
            booking_code=generate_booking_code(),
        )
        send_booking_confirmation.delay(appt.id)
        notify_clinic_webhook.delay(clinic.id, "booking.created", {"appointment": appt.id})
        response = Response({"booking_code": appt.booking_code}, status=status.HTTP_201_CREATED)
        response.set_cookie("last_booking", appt.booking_code, max_age=86400, secure=False, httponly=False)  #@vuln CWE-614|CWE-1004
        return response


class CancelBookingView(View):
    def get(self, request, code):
        appt = appointments.find_by_code(code)
        if appt is None:
            raise Http404("unknown booking")
        appt.status = "cancelled"
        appt.save(update_fields=["status"])
        return HttpResponseRedirect(request.GET.get("return_to", "/"))  #@vuln CWE-601


class OwnerLoginRedirectView(View):
    def get(self, request):
        target = request.GET.get("next", "/portal/")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=True):
            target = "/portal/"
        response = HttpResponseRedirect(target)  #@safe
        response.set_cookie("portal_seen", "1", secure=True, httponly=True, samesite="Lax")  #@safe
        return response


class PatientCardView(View):
    """Printable card reception hands to the owner at check-in."""

    def get(self, request, pk):
        patient = get_object_or_404(Patient, pk=pk)
        note = request.GET.get("note", "")
        html = (
            "<html><body><div class='card'>"
            f"<h1>{patient.name}</h1><p>{patient.get_species_display()} - {patient.breed}</p>"
            f"<p class='note'>{note}</p></div></body></html>"
        )
        return HttpResponse(html)  #@vuln CWE-79


class PatientBadgeView(View):
    def get(self, request, pk):
        patient = get_object_or_404(Patient, pk=pk)
        badge = format_html("<span class='badge'>{} ({})</span>", patient.name, request.GET.get("label", ""))  #@safe
        highlight = mark_safe("<em>" + request.GET.get("highlight", "") + "</em>")  #@vuln CWE-79
        return HttpResponse(f"{badge} {highlight}")


class ConsentPreviewView(APIView):
    """Clinic managers preview their consent-form wording before saving it."""

    def post(self, request, pk):
        patient = get_object_or_404(Patient, pk=pk)
        wording = request.data.get("wording", "")
        rendered = Template(wording).render(Context({"patient": patient, "owner": patient.owner}))  #@vuln CWE-1336
        return Response({"preview": rendered})


class AttachmentDownloadView(View):
    def get(self, request):
        name = request.GET.get("file", "")
        path = os.path.join(settings.ATTACHMENT_ROOT, request.GET.get("patient", ""), name)
        return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


class ConsentPdfView(View):
    def get(self, request, pk):
        try:
            path = safe_join(settings.ATTACHMENT_ROOT, str(int(pk)), "consent.pdf")
        except (PathOutsideRootError, ValueError):
            raise Http404("no consent form")
        return FileResponse(open(path, "rb"), content_type="application/pdf")  #@safe


class DosageCalculatorView(APIView):
    """Drug dose from a formula like ``weight * 0.2`` entered by the vet."""

    def post(self, request):
        weight = float(request.data.get("weight_kg", 0))
        formula = request.data.get("formula", "weight * 1.0")
        dose = eval(formula, {"__builtins__": {}}, {"weight": weight})  #@vuln CWE-95
        intervals = ast.literal_eval(request.data.get("intervals", "[8, 12]"))  #@safe
        return Response({"dose_mg": round(float(dose), 3), "intervals_h": list(intervals)})


class PatientPhotoView(APIView):
    def post(self, request, pk):
        patient = get_object_or_404(Patient, pk=pk)
        data, content_type = fetch_remote_photo(request.data["photo_url"])
        patient.photo = data
        patient.save(update_fields=["photo"])
        return Response({"stored": len(data), "type": content_type})


class RadiographUploadView(APIView):
    parser_classes = [MultiPartParser]

    def post(self, request, pk):
        from vet_workers.tasks import convert_radiograph, process_imaging_upload

        patient = get_object_or_404(Patient, pk=pk)
        upload = request.FILES["image"]
        folder = os.path.join(settings.MEDIA_ROOT, "radiographs", str(patient.pk))
        os.makedirs(folder, exist_ok=True)
        stored = save_upload(folder, upload.name, upload)
        if stored.endswith((".tar", ".tar.gz", ".tgz")):
            job = process_imaging_upload.delay(stored, patient.pk)
        else:
            job = convert_radiograph.delay(stored, upload.name)
        return Response({"job": job.id}, status=status.HTTP_202_ACCEPTED)


class BreedFilterView(APIView):
    def get(self, request):
        clinic = _clinic_for(request)
        breeds = Patient.objects.filter(clinic=clinic).values_list("breed", flat=True).distinct()
        pattern = request.query_params.get("pattern", ".*")
        matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
        prefix = re.compile(re.escape(request.query_params.get("prefix", "")), re.IGNORECASE)  #@safe
        return Response(sorted(b for b in breeds if matcher.search(b) and prefix.match(b)))


class StaffLookupView(APIView):
    def get(self, request):
        directory = StaffDirectory()
        if "uid" in request.query_params:
            return Response(directory.get_by_uid(request.query_params["uid"]))
        if "clinic" in request.query_params:
            return Response(directory.staff_for_clinic(request.query_params["clinic"], request.query_params.get("role", "*")))
        return Response(directory.search_by_name(request.query_params.get("q", "")))


class InvoiceExportView(APIView):
    def post(self, request):
        from vet_workers.tasks import export_invoices

        clinic = _clinic_for(request)
        job = export_invoices.delay(
            clinic.code,
            request.data.get("since", "2024-01-01"),
            request.data.get("filename", f"{clinic.code}-invoices.xlsx"),
            request.data.get("discount_rule"),
        )
        return Response({"job": job.id}, status=status.HTTP_202_ACCEPTED)
