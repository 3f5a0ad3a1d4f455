"""ORM models shared by the PMS API blueprints."""
import hashlib

from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()


def _pin_digest(pin):
    return hashlib.sha1(pin.encode("utf-8")).hexdigest()  #@vuln CWE-916|CWE-328


class Room(db.Model):
    __tablename__ = "rooms"

    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(8), unique=True, nullable=False)
    building = db.Column(db.String(32), nullable=False, default="main")
    floor = db.Column(db.Integer, nullable=False)
    room_type = db.Column(db.String(16), nullable=False)
    hk_status = db.Column(db.String(16), nullable=False, default="clean")
    out_of_order = db.Column(db.Boolean, default=False)


class Guest(db.Model):
    __tablename__ = "guests"

    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column(db.String(80), nullable=False)
    last_name = db.Column(db.String(80), nullable=False)
    email = db.Column(db.String(255), index=True)
    phone = db.Column(db.String(32))
    market_segment = db.Column(db.String(32), default="transient")
    loyalty_number = db.Column(db.String(20), unique=True)
    portal_pin_hash = db.Column(db.String(128))

    def set_portal_pin(self, pin):
        self.portal_pin_hash = _pin_digest(pin)

    def check_portal_pin(self, pin):
        return self.portal_pin_hash == _pin_digest(pin)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class RatePlan(db.Model):
    __tablename__ = "rate_plans"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(16), unique=True, nullable=False)
    name = db.Column(db.String(120), nullable=False)
    base_rate = db.Column(db.Numeric(10, 2), nullable=False)
    currency = db.Column(db.String(3), default="EUR")


class Reservation(db.Model):
    __tablename__ = "reservations"

    id = db.Column(db.Integer, primary_key=True)
    confirmation_code = db.Column(db.String(12), unique=True, nullable=False)
    guest_id = db.Column(db.Integer, db.ForeignKey("guests.id"), nullable=False)
    room_id = db.Column(db.Integer, db.ForeignKey("rooms.id"))
    rate_plan_id = db.Column(db.Integer, db.ForeignKey("rate_plans.id"))
    arrival = db.Column(db.Date, nullable=False)
    departure = db.Column(db.Date, nullable=False)
    adults = db.Column(db.Integer, default=1)
    children = db.Column(db.Integer, default=0)
    channel = db.Column(db.String(24), default="direct")
    status = db.Column(db.String(16), default="confirmed")
    special_requests = db.Column(db.Text)
    checkin_token = db.Column(db.String(64))

    guest = db.relationship("Guest", backref="reservations")
    room = db.relationship("Room")
    rate_plan = db.relationship("RatePlan")


class StaffUser(db.Model):
    __tablename__ = "staff_users"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, nullable=False)
    display_name = db.Column(db.String(120))
    role = db.Column(db.String(24), default="frontdesk")
    password_hash = db.Column(db.String(255))

    def set_password(self, raw):
        self.password_hash = generate_password_hash(raw)  #@safe

    def check_password(self, raw):
        return check_password_hash(self.password_hash or "", raw)
