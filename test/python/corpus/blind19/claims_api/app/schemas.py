from pydantic import BaseModel, Field, HttpUrl


class ClaimFilter(BaseModel):
    status: str | None = None
    adjuster: str | None = None
    sort: str = "created_at"
    direction: str = "desc"
    limit: int = Field(default=50, le=500)


class NoteIn(BaseModel):
    author: str
    body: str = Field(max_length=4000)


class RulePreview(BaseModel):
    expression: str


class CallbackRegistration(BaseModel):
    partner_id: str
    callback_url: HttpUrl
