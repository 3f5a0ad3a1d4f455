from pymongo import MongoClient

from . import settings


class ProfileRepository:
    def __init__(self, url: str = settings.MONGO_URL):
        self.col = MongoClient(url)["directory"]["profiles"]

    def search(self, filters: dict, limit: int = 50) -> list[dict]:
        return list(self.col.find(filters, {"_id": 0}).limit(limit))  #@vuln CWE-943

    def by_team(self, team: str) -> list[dict]:
        return list(self.col.find({"team": str(team)}, {"_id": 0}))  #@safe

    def managers(self, min_reports: str) -> list[dict]:
        return list(self.col.find({"$where": f"this.reports.length >= {min_reports}"}, {"_id": 0}))  #@vuln CWE-943

    def by_badge(self, badge_id) -> dict | None:
        return self.col.find_one({"badge_id": badge_id, "active": True}, {"_id": 0})  #@vuln CWE-943
