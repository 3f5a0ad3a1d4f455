from pydantic import BaseModel, ConfigDict, HttpUrl


class ProductOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    sku: str
    name: str
    price_cents: int


class FeedPreviewIn(BaseModel):
    url: str


class ImageImportIn(BaseModel):
    url: HttpUrl
    filename: str


class RepriceIn(BaseModel):
    supplier_id: int
    percent: float
