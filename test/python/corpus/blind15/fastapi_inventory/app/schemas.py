from pydantic import BaseModel, Field


class ItemFilter(BaseModel):
    warehouse: str | None = None
    sort: str = "sku"
    min_qty: int = 0


class StockAdjust(BaseModel):
    delta: int
    reason: str = Field(default="", max_length=200)


class FormulaIn(BaseModel):
    expression: str = Field(max_length=500)


class WebhookIn(BaseModel):
    url: str
    event: str = "stock.changed"
