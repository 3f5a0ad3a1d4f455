from datetime import datetime

from flask_login import UserMixin

from rcportal import db, login_manager


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), unique=True, nullable=False, index=True)
    email = db.Column(db.String(255))
    display_name = db.Column(db.String(255))
    department = db.Column(db.String(128))
    is_admin = db.Column(db.Boolean, default=False)
    is_guest = db.Column(db.Boolean, default=False)
    # only guest (non-campus) accounts have a local password
    password_hash = db.Column(db.String(255))
    reset_pin = db.Column(db.String(16))
    created_at = db.Column(db.DateTime, default=datetime.utcnow)


class Project(db.Model):
    __tablename__ = "projects"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(64), unique=True, nullable=False)
    name = db.Column(db.String(255), nullable=False)
    abstract = db.Column(db.Text)
    pi_username = db.Column(db.String(64), nullable=False)
    slurm_account = db.Column(db.String(64), nullable=False)
    unix_group = db.Column(db.String(64))
    burst_rule = db.Column(db.String(255))


class Membership(db.Model):
    __tablename__ = "memberships"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id"), nullable=False)
    role = db.Column(db.String(16), default="member")


class Allocation(db.Model):
    __tablename__ = "allocations"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id"), nullable=False)
    core_hours_limit = db.Column(db.Integer, nullable=False)
    core_hours_used = db.Column(db.Float, default=0.0)
    gpu_hours_limit = db.Column(db.Integer, default=0)
    starts_on = db.Column(db.Date)
    ends_on = db.Column(db.Date)


class Dataset(db.Model):
    __tablename__ = "datasets"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id"), nullable=False)
    owner = db.Column(db.String(64), nullable=False)
    title = db.Column(db.String(255), nullable=False)
    description = db.Column(db.Text)
    object_key = db.Column(db.String(512))
    local_path = db.Column(db.String(512))
    file_format = db.Column(db.String(16))
    size_bytes = db.Column(db.BigInteger)
    sha256 = db.Column(db.String(64))
    citation_format = db.Column(db.Text)
    is_public = db.Column(db.Boolean, default=False)
    source_url = db.Column(db.String(1024))


class Job(db.Model):
    __tablename__ = "jobs"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id"), nullable=False)
    name = db.Column(db.String(128), nullable=False)
    slurm_id = db.Column(db.String(32))
    partition = db.Column(db.String(32))
    state = db.Column(db.String(16), default="PENDING")
    notes = db.Column(db.Text)
    notify_url = db.Column(db.String(1024))
    submitted_at = db.Column(db.DateTime, default=datetime.utcnow)


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    digest = db.Column(db.String(64), unique=True, nullable=False)
    label = db.Column(db.String(64))
    created_at = db.Column(db.DateTime, default=datetime.utcnow)


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))
