from datetime import datetime

from portal.extensions import db


class User(db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False, index=True)
    email = db.Column(db.String(255), unique=True, nullable=False)
    display_name = db.Column(db.String(120))
    password_hash = db.Column(db.String(255))
    avatar_url = db.Column(db.String(500))
    role = db.Column(db.String(20), default="customer", nullable=False)
    tax_id_enc = db.Column(db.LargeBinary)
    iban_enc = db.Column(db.LargeBinary)
    reset_code = db.Column(db.String(12))
    reset_expires = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)

    documents = db.relationship("Document", backref="owner", lazy="dynamic")

    @property
    def is_admin(self):
        return self.role == "admin"


class Document(db.Model):
    __tablename__ = "documents"

    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    title = db.Column(db.String(200), nullable=False)
    filename = db.Column(db.String(255), nullable=False)
    storage_key = db.Column(db.String(500), nullable=False)
    content_type = db.Column(db.String(100))
    size = db.Column(db.Integer)
    missing = db.Column(db.Boolean, default=False)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "filename": self.filename, "content_type": self.content_type,
                "size": self.size, "created_at": self.created_at.isoformat() if self.created_at else None}
