import html

from fastapi import Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

from .hr_feed import parse_feed
from .ldap_client import DirectoryClient
from .profiles import ProfileRepository

app = FastAPI(title="Directory")


def get_directory() -> DirectoryClient:
    return DirectoryClient()


def get_profiles() -> ProfileRepository:
    return ProfileRepository()


@app.get("/people/{uid}")
def person(uid: str, ldap: DirectoryClient = Depends(get_directory)):
    return ldap.find_person(uid)


@app.get("/people/{uid}/card", response_class=HTMLResponse)
def card(uid: str, ldap: DirectoryClient = Depends(get_directory)):
    entries = ldap.find_by_mail(f"{uid}@corp.example")
    if not entries:
        raise HTTPException(404)
    name = entries[0].get("cn", [uid])[0]
    return HTMLResponse(f"<div class='card'>{html.escape(name)}</div>")  #@safe


@app.get("/groups/{group}", response_class=HTMLResponse)
def group_page(group: str, ldap: DirectoryClient = Depends(get_directory)):
    rows = "".join(f"<li>{html.escape(m)}</li>" for m in ldap.group_members(group))
    return HTMLResponse("<h1>Members of " + group + "</h1><ul>" + rows + "</ul>")  #@vuln CWE-79


@app.post("/profiles/search")
async def search_profiles(request: Request, repo: ProfileRepository = Depends(get_profiles)):
    return repo.search(await request.json())


@app.get("/profiles/managers")
def managers(min_reports: str = "1", repo: ProfileRepository = Depends(get_profiles)):
    return repo.managers(min_reports)


@app.post("/kiosk/badge")
async def badge(request: Request, repo: ProfileRepository = Depends(get_profiles)):
    body = await request.json()
    profile = repo.by_badge(body.get("badge_id"))
    if profile is None:
        raise HTTPException(404)
    return profile


@app.post("/hr/import")
async def hr_import(feed: UploadFile):
    return {"people": parse_feed(feed.file)}
