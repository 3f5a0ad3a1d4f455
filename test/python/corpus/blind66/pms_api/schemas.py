"""Marshmallow schemas for request validation and response shaping."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

ROOM_TYPES = ("STD", "DLX", "JSTE", "STE", "FAM")
SORT_KEYS = ("room_number", "floor", "rate", "room_type")
CHANNELS = ("direct", "booking", "expedia", "airbnb", "gds", "walkin")


class GuestSchema(Schema):
    id = fields.Int(dump_only=True)
    first_name = fields.Str(required=True, validate=validate.Length(min=1, max=80))
    last_name = fields.Str(required=True, validate=validate.Length(min=1, max=80))
    email = fields.Email(required=True)
    phone = fields.Str(validate=validate.Length(max=32))
    market_segment = fields.Str(load_default="transient")
    loyalty_number = fields.Str(dump_only=True)


class ReservationCreateSchema(Schema):
    guest = fields.Nested(GuestSchema, required=True)
    room_type = fields.Str(required=True, validate=validate.OneOf(ROOM_TYPES))
    rate_code = fields.Str(required=True, validate=validate.Length(max=16))
    arrival = fields.Date(required=True)
    departure = fields.Date(required=True)
    adults = fields.Int(load_default=1, validate=validate.Range(min=1, max=6))
    children = fields.Int(load_default=0, validate=validate.Range(min=0, max=4))
    channel = fields.Str(load_default="direct", validate=validate.OneOf(CHANNELS))
    special_requests = fields.Str(load_default="", validate=validate.Length(max=2000))

    @validates_schema
    def check_dates(self, data, **kwargs):
        if data["departure"] <= data["arrival"]:
            raise ValidationError("departure must be after arrival", "departure")


class ReservationSchema(Schema):
    id = fields.Int()
    confirmation_code = fields.Str()
    arrival = fields.Date()
    departure = fields.Date()
    status = fields.Str()
    channel = fields.Str()
    guest = fields.Nested(GuestSchema)
    room_number = fields.Function(lambda r: r.room.number if r.room else None)


class AvailabilityQuerySchema(Schema):
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    room_type = fields.Str(validate=validate.OneOf(ROOM_TYPES))
    building = fields.Str(load_default="main")
    sort = fields.Str(load_default="room_number", validate=validate.OneOf(SORT_KEYS))


class SegmentReportSchema(Schema):
    segment = fields.Str(required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True)


reservation_create_schema = ReservationCreateSchema()
reservation_schema = ReservationSchema()
reservations_schema = ReservationSchema(many=True)
availability_query_schema = AvailabilityQuerySchema()
segment_report_schema = SegmentReportSchema()
