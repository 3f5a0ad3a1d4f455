import re

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from civicdesk.security import encrypt_license_number
from core.models import ParkingAppeal, ParkingTicket

from . import services


class ParkingTicketSerializer(serializers.ModelSerializer):
    class Meta:
        model = ParkingTicket
        fields = ["ticket_no", "plate", "plate_state", "violation_code", "amount_cents", "status", "issued_at"]


class ParkingTicketViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ParkingTicket.objects.all()
    serializer_class = ParkingTicketSerializer
    lookup_field = "ticket_no"
    permission_classes = [permissions.AllowAny]

    @action(detail=False, methods=["get"])
    def lookup(self, request):
        plate = request.query_params.get("plate", "")
        state = request.query_params.get("state")
        rows = services.tickets_for_plate(plate, state)
        violation = request.query_params.get("violation")
        if violation:
            violation_rx = re.compile(violation)  #@vuln CWE-1333
            rows = [r for r in rows if violation_rx.match(r["violation_code"])]
        return Response(rows)

    @action(detail=False, methods=["get"], url_path="officer-stats", permission_classes=[permissions.IsAdminUser])
    def officer_stats(self, request):
        rows = services.violations_by_officer(request.query_params["badge"], request.query_params["since"])
        return Response(rows)

    @action(detail=True, methods=["get"])
    def evidence(self, request, ticket_no=None):
        ticket = self.get_object()
        source = request.query_params.get("source") or ticket.photo_url
        image = services.fetch_plate_photo(source)
        return HttpResponse(image, content_type="image/jpeg")

    @action(detail=True, methods=["get"], url_path="frame")
    def frame(self, request, ticket_no=None):
        image = services.fetch_camera_frame(request.query_params["camera"], request.query_params["frame"])
        return HttpResponse(image, content_type="image/jpeg")


@require_POST
def submit_appeal(request, ticket_no):
    ticket = get_object_or_404(ParkingTicket, ticket_no=ticket_no)
    statement = request.POST.get("statement", "").strip()
    appeal = ParkingAppeal.objects.create(
        ticket=ticket,
        reference=services.appeal_reference(),
        statement=statement,
        license_number_enc=encrypt_license_number(request.POST.get("licence", "")),
    )
    summary = mark_safe(f"<blockquote class='appeal-statement'>{statement}</blockquote>")  #@vuln CWE-79
    return render(
        request,
        "parking/appeal_received.html",
        {"ticket": ticket, "reference": appeal.reference, "summary": summary},
    )


@require_GET
def appeal_status(request):
    appeal = get_object_or_404(ParkingAppeal, reference=request.GET.get("ref", ""))
    return JsonResponse({"ticket": appeal.ticket.ticket_no, "submitted": appeal.submitted_at.isoformat()})


@require_GET
def pay_and_return(request, ticket_no):
    get_object_or_404(ParkingTicket, ticket_no=ticket_no)
    return_to = request.GET.get("return_to", "/parking/")
    request.session["parking_return"] = return_to
    return HttpResponseRedirect(services.payment_portal_link(ticket_no, return_to))


@require_GET
def payment_complete(request):
    destination = request.session.pop("parking_return", None) or request.GET.get("return_to", "/parking/")
    return HttpResponseRedirect(destination)  #@vuln CWE-601
