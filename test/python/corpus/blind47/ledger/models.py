"""Double-entry ledger schema. Amounts are stored in minor units (cents)."""
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, DateTime, ForeignKey, Integer, String, Text, create_engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

from common.config import get_settings

engine = create_engine(get_settings().database_url, pool_pre_ping=True, pool_size=10, max_overflow=5)
SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)
Base = declarative_base()


class Account(Base):
    __tablename__ = "accounts"

    id = Column(Integer, primary_key=True)
    code = Column(String(64), unique=True, nullable=False)  # e.g. merchant:42:EUR, clearing:stripe:EUR
    name = Column(String(128), nullable=False)
    kind = Column(String(16), nullable=False)  # asset, liability, equity, income, expense
    currency = Column(String(3), nullable=False)
    merchant_id = Column(Integer, index=True)


class JournalEntry(Base):
    __tablename__ = "journal_entries"

    id = Column(BigInteger, primary_key=True)
    reference = Column(String(64), index=True, nullable=False)
    memo = Column(Text, default="")
    created_at = Column(DateTime, default=datetime.utcnow, nullable=False)
    postings = relationship("Posting", back_populates="entry", cascade="all, delete-orphan")


class Posting(Base):
    __tablename__ = "postings"
    __table_args__ = (CheckConstraint("amount <> 0", name="posting_nonzero"),)

    id = Column(BigInteger, primary_key=True)
    entry_id = Column(BigInteger, ForeignKey("journal_entries.id"), nullable=False)
    account_id = Column(Integer, ForeignKey("accounts.id"), nullable=False, index=True)
    amount = Column(BigInteger, nullable=False)  # debit > 0, credit < 0
    posted_at = Column(DateTime, default=datetime.utcnow, nullable=False)
    entry = relationship("JournalEntry", back_populates="postings")
    account = relationship("Account")


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
