"""Query helpers for patients and appointments.

Most reads go through the ORM; a few reports need hand-written SQL for speed.
"""
from django.db import connection
from django.db.models.expressions import RawSQL

from clinic_api.models import Appointment, Patient

APPOINTMENT_SORT_COLUMNS = {"starts_at", "status", "vet_id", "duration_min"}


def _dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


class PatientRepository:
    def search(self, clinic_id, term):
        sql = (
            "SELECT p.id, p.name, p.species, p.breed, o.last_name AS owner "
            "FROM clinic_api_patient p JOIN clinic_api_owner o ON o.id = p.owner_id "
            "WHERE p.clinic_id = %s AND p.name ILIKE %s ORDER BY p.name LIMIT 50"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [clinic_id, f"%{term}%"])  #@safe
            return _dictfetchall(cursor)

    def by_microchip(self, chip):
        query = "SELECT * FROM clinic_api_patient WHERE microchip = '%s'" % chip
        return list(Patient.objects.raw(query))  #@vuln CWE-89

    def by_owner(self, clinic_id, owner_id):
        query = "SELECT * FROM clinic_api_patient WHERE clinic_id = %s AND owner_id = %s"
        return list(Patient.objects.raw(query, [clinic_id, owner_id]))  #@safe

    def for_species(self, clinic_id, species, breed=None):
        qs = Patient.objects.filter(clinic_id=clinic_id)
        if breed:
            qs = qs.filter(breed__iexact=breed)
        return qs.extra(where=[f"species = '{species}'"])  #@vuln CWE-89

    def with_visit_counts(self, clinic_id, since):
        visits = RawSQL(  #@vuln CWE-89
            "SELECT COUNT(*) FROM clinic_api_appointment a "
            "WHERE a.patient_id = clinic_api_patient.id AND a.starts_at >= '" + since + "'",
            [],
        )
        return Patient.objects.filter(clinic_id=clinic_id).annotate(visit_count=visits)

    def with_overdue_vaccinations(self, clinic_id, months):
        overdue = RawSQL(  #@safe
            "SELECT COUNT(*) FROM clinic_api_appointment a WHERE a.patient_id = clinic_api_patient.id "
            "AND a.reason = 'vaccination' AND a.starts_at < now() - (%s || ' months')::interval",
            [str(int(months))],
        )
        return Patient.objects.filter(clinic_id=clinic_id).annotate(overdue=overdue).filter(overdue__gt=0)


class AppointmentRepository:
    def free_slots(self, clinic_id, day, vet_ids):
        id_list = ",".join(vet_ids)
        sql = (
            "SELECT vet_id, starts_at, duration_min FROM clinic_api_appointment "
            f"WHERE clinic_id = %s AND vet_id IN ({id_list}) AND starts_at::date = %s "
            "AND status <> 'cancelled' ORDER BY starts_at"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [clinic_id, day])  #@vuln CWE-89
            return _dictfetchall(cursor)

    def schedule(self, clinic_id, sort, direction):
        column = sort if sort in APPOINTMENT_SORT_COLUMNS else "starts_at"
        order = "DESC" if direction == "desc" else "ASC"
        sql = f"SELECT * FROM clinic_api_appointment WHERE clinic_id = %s ORDER BY {column} {order}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [clinic_id])  #@safe
            return _dictfetchall(cursor)

    def find_by_code(self, code):
        return Appointment.objects.filter(booking_code=code).select_related("patient", "clinic").first()

    def status_counts(self, clinic_id, status_filter):
        sql = (
            "SELECT status, COUNT(*) AS n FROM clinic_api_appointment "
            "WHERE clinic_id = {} AND status = '{}' GROUP BY status"
        ).format(clinic_id, status_filter)
        with connection.cursor() as cursor:
            cursor.execute(sql)  #@vuln CWE-89
            return _dictfetchall(cursor)
