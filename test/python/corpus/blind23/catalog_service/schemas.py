import re
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, HttpUrl, field_validator

SKU_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,31}$")


class ProductBase(BaseModel):
    sku: str
    name: str = Field(min_length=1, max_length=200)
    category: str
    price: Decimal = Field(ge=0)
    active: bool = True

    @field_validator("sku")
    @classmethod
    def check_sku(cls, v: str) -> str:
        if not SKU_RE.match(v):
            raise ValueError("invalid SKU")
        return v


class ProductCreate(ProductBase):
    supplier_sku: str | None = None


class Product(ProductBase):
    id: int


class ReviewSearch(BaseModel):
    filter: dict = Field(default_factory=dict)
    limit: int = Field(default=20, le=100)


class FeedImportRequest(BaseModel):
    url: str
    format: Literal["xml", "csv"] = "xml"
    category: str


class PriceSheetRequest(BaseModel):
    sheet_url: HttpUrl
    supplier: str


class PartnerNotify(BaseModel):
    partner_host: str
    skus: list[str]
