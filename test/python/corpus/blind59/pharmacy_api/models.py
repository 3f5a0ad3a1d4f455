from datetime import datetime

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class TimestampMixin:
    created_at = db.Column(db.DateTime, default=datetime.utcnow, nullable=False)
    updated_at = db.Column(db.DateTime, default=datetime.utcnow, onupdate=datetime.utcnow)


class Patient(TimestampMixin, db.Model):
    __tablename__ = "patients"

    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column(db.String(80), nullable=False)
    last_name = db.Column(db.String(80), nullable=False)
    email = db.Column(db.String(255), unique=True, nullable=False)
    phone = db.Column(db.String(32))
    password_hash = db.Column(db.String(255), nullable=False)
    date_of_birth = db.Column(db.Date)
    preferred_store = db.Column(db.String(32))
    reminder_note = db.Column(db.Text)
    fhir_ref = db.Column(db.String(128))

    prescriptions = db.relationship("Prescription", back_populates="patient", lazy="dynamic")

    @property
    def display_name(self):
        return f"{self.first_name} {self.last_name}"


class Prescription(TimestampMixin, db.Model):
    __tablename__ = "prescriptions"

    id = db.Column(db.Integer, primary_key=True)
    patient_id = db.Column(db.Integer, db.ForeignKey("patients.id"), nullable=False, index=True)
    ndc = db.Column(db.String(11), nullable=False)
    drug_name = db.Column(db.String(255), nullable=False)
    sig = db.Column(db.Text)
    quantity = db.Column(db.Integer, nullable=False)
    refills_remaining = db.Column(db.Integer, default=0)
    prescriber_npi = db.Column(db.String(10))
    status = db.Column(db.String(20), default="active", index=True)
    next_fill_date = db.Column(db.Date, index=True)

    patient = db.relationship("Patient", back_populates="prescriptions")


class RefillRequest(TimestampMixin, db.Model):
    __tablename__ = "refill_requests"

    id = db.Column(db.Integer, primary_key=True)
    prescription_id = db.Column(db.Integer, db.ForeignKey("prescriptions.id"), nullable=False)
    channel = db.Column(db.String(16), default="web")
    status = db.Column(db.String(20), default="pending", index=True)
    pin = db.Column(db.String(8))
    patient_comment = db.Column(db.Text)


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id = db.Column(db.Integer, primary_key=True)
    actor = db.Column(db.String(128), nullable=False)
    action = db.Column(db.String(64), nullable=False)
    target = db.Column(db.String(128))
    occurred_at = db.Column(db.DateTime, default=datetime.utcnow, index=True)
