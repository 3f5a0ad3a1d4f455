"""MongoDB storage for device telemetry (fridges, monitors, analysers)."""
import datetime as dt

from pymongo import DESCENDING, MongoClient

from vetnet_common.config import settings

_client = None


def _db():
    global _client
    if _client is None:
        _client = MongoClient(settings.MONGO_URI, tz_aware=True, tlsCAFile=settings.CA_BUNDLE)
    return _client[settings.MONGO_DB]


def _public(doc):
    if doc is None:
        return None
    doc = dict(doc)
    doc["id"] = str(doc.pop("_id"))
    return doc


class TelemetryStore:
    def __init__(self, db=None):
        self.db = db if db is not None else _db()
        self.readings = self.db["readings"]
        self.alerts = self.db["alerts"]

    def record(self, device_id, clinic_code, kind, values, ts=None):
        doc = {
            "device_id": str(device_id),
            "clinic": str(clinic_code),
            "kind": str(kind),
            "values": values,
            "ts": ts or dt.datetime.now(dt.timezone.utc),
        }
        self.readings.insert_one(doc)
        return doc

    def readings_for(self, device_id, filters):
        """Readings for one device, narrowed by the caller's filter document."""
        query = {"device_id": device_id}
        query.update(filters)
        cursor = self.readings.find(query).sort("ts", DESCENDING).limit(500)  #@vuln CWE-943
        return [_public(d) for d in cursor]

    def latest(self, device_id):
        doc = self.readings.find_one({"device_id": str(device_id)}, sort=[("ts", DESCENDING)])  #@safe
        return _public(doc)

    def fridge_breaches(self, clinic_code, threshold):
        expr = "this.values.temp_c > %s || this.values.temp_c < 2" % threshold
        cursor = self.readings.find({"clinic": clinic_code, "kind": "fridge", "$where": expr})  #@vuln CWE-943
        return [_public(d) for d in cursor]

    def raise_alert(self, device_id, clinic_code, severity, message):
        self.alerts.insert_one(
            {
                "device_id": str(device_id),
                "clinic": str(clinic_code),
                "severity": severity,
                "message": message,
                "closed": False,
                "opened_at": dt.datetime.now(dt.timezone.utc),
            }
        )
