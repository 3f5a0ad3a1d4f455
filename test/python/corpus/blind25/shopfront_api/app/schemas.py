from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, HttpUrl


class OrderItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    qty: int
    unit_cents: int


class OrderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    status: str
    total_cents: int
    created_at: datetime


class OrderFilter(BaseModel):
    reference_pattern: str = Field(max_length=200, description="regular expression matched against order references")
    status: str = "paid"


class CouponApply(BaseModel):
    code: str = Field(min_length=3, max_length=40)


class CouponCreate(BaseModel):
    code: str = Field(min_length=3, max_length=40)
    rule: str = Field(max_length=500, description="expression over subtotal and qty, e.g. 'subtotal * 0.9'")


class WebhookTest(BaseModel):
    url: HttpUrl
    event: str = "order.paid"


class AuditQuery(BaseModel):
    filters: dict[str, Any] = Field(default_factory=dict)
    limit: int = Field(100, ge=1, le=500)


class ProfileUpdate(BaseModel):
    # the dashboard sends arbitrary profile fields (timezone, locale, ...) that map 1:1 to columns
    model_config = ConfigDict(extra="allow")

    display_name: str | None = Field(None, max_length=128)


class PasswordResetRequest(BaseModel):
    email: EmailStr


class AssetImport(BaseModel):
    url: HttpUrl
    filename: str | None = None


class TemplatePreview(BaseModel):
    template: str = Field(max_length=20_000)
    order_id: int
