"""SQLModel tables for matters, documents, privilege entries and users."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class Matter(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    client_code: str = Field(index=True)
    court: Optional[str] = None
    case_number: Optional[str] = None
    cover_template: Optional[str] = None
    redaction_rules: Optional[str] = None
    review_protocol: dict = Field(default_factory=dict, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=datetime.utcnow)


class Document(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    bates_begin: Optional[str] = Field(default=None, index=True)
    bates_end: Optional[str] = None
    custodian: str = Field(index=True)
    title: Optional[str] = None
    original_filename: str
    stored_name: str
    sha256: str = Field(index=True)
    mime_type: Optional[str] = None
    date_sent: Optional[datetime] = None
    privilege_status: str = "unreviewed"
    ocr_status: str = "pending"
    page_count: Optional[int] = None


class PrivilegeEntry(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    document_id: int = Field(foreign_key="document.id")
    custodian: str
    author: Optional[str] = None
    recipients: Optional[str] = None
    doc_date: Optional[datetime] = None
    basis: str = "Attorney-Client"
    description: str = ""
    reviewer_id: Optional[int] = None


class AppUser(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)
    display_name: Optional[str] = None
    password_hash: str
    role: str = "reviewer"
    is_guest: bool = False
    mfa_code: Optional[str] = None
    mfa_expires: Optional[datetime] = None


class ApiKey(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="appuser.id")
    label: str
    key_hash: str = Field(index=True)
    created_at: datetime = Field(default_factory=datetime.utcnow)


class Webhook(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    url: str
    secret: str
    event: str = "production.completed"


class SavedSearch(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    matter_id: int = Field(foreign_key="matter.id", index=True)
    owner_id: int
    name: str
    query: dict = Field(default_factory=dict, sa_column=Column(JSON))
