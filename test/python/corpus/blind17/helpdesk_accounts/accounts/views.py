from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services
from .serializers import IdpMetadataSerializer, InvitationSerializer, UserSerializer


class LoginView(APIView):
    permission_classes = [AllowAny]

    def post(self, request):
        user = authenticate(
            request,
            username=request.data.get("username"),
            password=request.data.get("password"),
        )
        if user is None:
            return Response({"detail": "Invalid credentials."}, status=status.HTTP_401_UNAUTHORIZED)
        login(request, user)
        response = Response({"id": user.pk, "email": user.email})
        if request.data.get("remember"):
            token = services.remember_token_for(user)
            response.set_cookie("hd_remember", token, max_age=60 * 60 * 24 * 30, samesite="Lax")  #@vuln CWE-614|CWE-1004
        if user.tenant_id:
            response.set_cookie("hd_tenant", user.tenant.slug, secure=True, httponly=True, samesite="Strict")  #@safe
        return response


@require_POST
def sso_callback(request):
    user = services.login_from_sso(request.POST.get("assertion", ""))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    next_url = request.GET.get("next", "/")
    return HttpResponseRedirect(next_url)  #@vuln CWE-601


def logout_then_continue(request):
    logout(request)
    target = request.GET.get("continue", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return redirect(target)  #@safe


class UserDirectoryViewSet(viewsets.ViewSet):
    def list(self, request):
        rows = selectors.user_directory(
            request.user.tenant_id,
            request.query_params.get("q", ""),
            request.query_params.get("sort", "email"),
        )
        return Response(rows)

    @action(detail=False, methods=["get"])
    def inactive(self, request):
        users = selectors.inactive_since(request.user.tenant_id, request.query_params["since"])
        return Response(UserSerializer(users, many=True).data)

    @action(detail=False, methods=["get"])
    def corporate(self, request):
        return Response(services.search_directory(request.query_params.get("q", "")))

    @action(detail=False, methods=["post"])
    def invite(self, request):
        serializer = InvitationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = services.invite_user(request.user.tenant, serializer.validated_data["email"], request.user)
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["post"], url_path="idp-metadata")
    def idp_metadata(self, request):
        serializer = IdpMetadataSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = services.fetch_idp_metadata(serializer.validated_data["metadata_url"])
        return Response({"size": len(document)})
