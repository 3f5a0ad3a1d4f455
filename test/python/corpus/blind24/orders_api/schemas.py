from marshmallow import Schema, fields, validate

ORDER_STATUSES = ["pending", "paid", "shipped", "cancelled", "refunded"]


class OrderSchema(Schema):
    id = fields.Int(dump_only=True)
    customer_id = fields.Int(required=True)
    status = fields.Str(validate=validate.OneOf(ORDER_STATUSES))
    total = fields.Decimal(as_string=True)
    notes = fields.Str(allow_none=True)
    created_at = fields.DateTime(dump_only=True)


class OrderQueryArgs(Schema):
    customer_id = fields.Int(required=True)
    status = fields.Str(validate=validate.OneOf(ORDER_STATUSES))
    sort = fields.Str(load_default="created_at")
    direction = fields.Str(load_default="desc")


class SearchArgs(Schema):
    q = fields.Str(required=True, validate=validate.Length(min=2, max=200))


class BulkStatusSchema(Schema):
    ids = fields.List(fields.Str(), required=True)
    status = fields.Str(required=True)
    reason = fields.Str()


class ReportArgs(Schema):
    group_by = fields.Str(load_default="status")
    since = fields.Date(required=True)


class NotifySchema(Schema):
    callback_url = fields.Url(required=True)
    event = fields.Str(load_default="order.updated")


class InvoiceArgs(Schema):
    footer = fields.Str(load_default="")
    lang = fields.Str(load_default="en", validate=validate.OneOf(["en", "de", "fr"]))


class ImportArgs(Schema):
    dry_run = fields.Bool(load_default=False)
