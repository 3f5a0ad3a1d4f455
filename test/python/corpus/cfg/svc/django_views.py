from django.http import JsonResponse, HttpResponse
from .models import Profile


def signup(request):
    profile = Profile.objects.create(**request.POST.dict())  #@vuln CWE-915
    return JsonResponse({"id": profile.id})


def edit(request, pk):
    Profile.objects.filter(pk=pk).update(**request.POST.dict())  #@vuln CWE-915
    return JsonResponse({"ok": True})


def edit_ok(request, pk):
    Profile.objects.filter(pk=pk).update(bio=request.POST.get("bio", ""))  #@safe
    return JsonResponse({"ok": True})


def remember(request):
    resp = HttpResponse("ok")
    resp.set_cookie("sessionid", request.session.session_key, secure=False)  #@vuln CWE-614
    resp.set_cookie("lang", request.GET.get("lang", "en"))  #@safe
    return resp
