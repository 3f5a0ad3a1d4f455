from datetime import datetime
from decimal import Decimal
from typing import Optional

from pydantic import BaseModel, ConfigDict, EmailStr, HttpUrl
from pydantic import Field as PField
from sqlalchemy import create_engine
from sqlmodel import Field, Session, SQLModel

from app.config import get_settings

settings = get_settings()
engine = create_engine(settings.database_url, pool_pre_ping=True, pool_size=10, max_overflow=5)


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    full_name: str = ""
    password_hash: str
    legacy_hash: bool = False
    role: str = "customer"
    api_key: Optional[str] = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=datetime.utcnow)


class Order(SQLModel, table=True):
    __tablename__ = "orders"

    id: Optional[int] = Field(default=None, primary_key=True)
    reference: str = Field(index=True)
    customer_id: int = Field(foreign_key="users.id", index=True)
    sku: str
    quantity: int
    unit_price: Decimal = Field(default=Decimal("0.00"), max_digits=10, decimal_places=2)
    status: str = "pending"
    notes: str = ""
    shipping_country: str = "US"
    callback_url: Optional[str] = None
    created_at: datetime = Field(default_factory=datetime.utcnow)


class ReportDefinition(SQLModel, table=True):
    __tablename__ = "report_definitions"

    id: Optional[int] = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="users.id")
    name: str
    table_name: str = "orders"
    filters_json: str = "{}"
    template: Optional[str] = None


def init_db() -> None:
    SQLModel.metadata.create_all(engine)


def get_session():
    with Session(engine) as session:
        yield session


# ---------------------------------------------------------------- API schemas


class LoginRequest(BaseModel):
    email: EmailStr
    password: str = PField(min_length=8, max_length=256)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"


class OrderCreate(BaseModel):
    sku: str = PField(pattern=r"^[A-Z0-9\-]{3,32}$")
    quantity: int = PField(gt=0, le=1000)
    notes: str = PField(default="", max_length=2000)
    shipping_country: str = PField(min_length=2, max_length=2)
    callback_url: Optional[HttpUrl] = None


class OrderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    sku: str
    quantity: int
    unit_price: Decimal
    status: str
    notes: str
    created_at: datetime


class BulkStatusUpdate(BaseModel):
    order_ids: list[int] = PField(min_length=1, max_length=500)
    status: str


class ReportRequest(BaseModel):
    title: str = PField(max_length=120)
    status: Optional[str] = None
    builtin: Optional[str] = None
    template: Optional[str] = None


class PricingRule(BaseModel):
    name: str
    condition: str
    discount: float = PField(ge=0, le=0.9)
    sku_pattern: Optional[str] = None


class WebhookRegistration(BaseModel):
    url: str
    events: list[str] = ["order.created"]
