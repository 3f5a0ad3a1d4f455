"""SQLModel tables for claims, documents and users."""
from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    full_name: str
    role: str = "adjuster"  # adjuster | supervisor | partner
    password_hash: str
    reset_code: Optional[str] = None
    reset_expires_at: Optional[datetime] = None
    active: bool = True


class Claim(SQLModel, table=True):
    __tablename__ = "claims"

    id: Optional[int] = Field(default=None, primary_key=True)
    claim_number: str = Field(index=True, unique=True)
    policy_number: str = Field(index=True)
    claimant_name: str
    claimant_email: Optional[str] = None
    loss_date: date
    loss_description: str = ""
    status: str = "open"
    reserve_amount: Decimal = Decimal("0.00")
    adjuster_id: Optional[int] = Field(default=None, foreign_key="users.id")
    partner_callback_url: Optional[str] = None
    notes: str = ""
    tags: str = ""
    created_at: datetime = Field(default_factory=datetime.utcnow)


class ClaimDocument(SQLModel, table=True):
    __tablename__ = "claim_documents"

    id: Optional[int] = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claims.id", index=True)
    filename: str
    stored_path: str
    content_type: str = "application/octet-stream"
    sha256: str = ""
    page_count: Optional[int] = None
    ocr_status: str = "pending"
    ocr_text: Optional[str] = None
    uploaded_at: datetime = Field(default_factory=datetime.utcnow)


class ClaimRule(SQLModel, table=True):
    __tablename__ = "claim_rules"

    id: Optional[int] = Field(default=None, primary_key=True)
    carrier_code: str = Field(index=True)
    name: str
    expression: str
    enabled: bool = True
