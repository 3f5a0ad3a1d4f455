"""SQLAlchemy models and query helpers for the LearnHub API."""
from datetime import datetime

from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

db = SQLAlchemy()


class User(UserMixin, db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True, nullable=False)
    username = db.Column(db.String(80), unique=True, nullable=False)
    display_name = db.Column(db.String(120), nullable=False)
    password_hash = db.Column(db.String(255))
    role = db.Column(db.String(20), default="student")
    reset_token = db.Column(db.String(64), index=True)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)


class Course(db.Model):
    __tablename__ = "courses"
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(80), unique=True, nullable=False)
    title = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, default="")
    instructor_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    certificate_wording = db.Column(db.Text)
    grading_formula = db.Column(db.String(255))


class Enrollment(db.Model):
    __tablename__ = "enrollments"
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    course_id = db.Column(db.Integer, db.ForeignKey("courses.id"), nullable=False)
    role = db.Column(db.String(20), default="student")


class Assignment(db.Model):
    __tablename__ = "assignments"
    id = db.Column(db.Integer, primary_key=True)
    course_id = db.Column(db.Integer, db.ForeignKey("courses.id"), nullable=False)
    title = db.Column(db.String(200), nullable=False)
    language = db.Column(db.String(20), default="python")
    compile_flags = db.Column(db.String(255), default="")
    checker_source = db.Column(db.Text)
    due_at = db.Column(db.DateTime)


class Submission(db.Model):
    __tablename__ = "submissions"
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    assignment_id = db.Column(db.Integer, db.ForeignKey("assignments.id"), nullable=False)
    s3_key = db.Column(db.String(512))
    filename = db.Column(db.String(255))
    receipt = db.Column(db.String(64))
    status = db.Column(db.String(20), default="queued")
    score = db.Column(db.Float)
    feedback = db.Column(db.Text)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)


class Certificate(db.Model):
    __tablename__ = "certificates"
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(32), unique=True, nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    course_id = db.Column(db.Integer, db.ForeignKey("courses.id"), nullable=False)
    holder_name = db.Column(db.String(120), nullable=False)
    issued_at = db.Column(db.DateTime, default=datetime.utcnow)


SUBMISSION_SORT_COLUMNS = {
    "created": "s.created_at",
    "score": "s.score",
    "status": "s.status",
    "student": "u.display_name",
}


def search_courses(term, sort="title"):
    query = (
        "SELECT id, slug, title, description FROM courses "
        "WHERE title ILIKE '%" + term + "%' ORDER BY " + sort
    )
    return db.session.execute(text(query)).mappings().all()  #@vuln CWE-89


def course_roster(course_id):
    rows = db.session.execute(  #@safe
        text(
            "SELECT u.id, u.display_name, u.email, e.role FROM users u "
            "JOIN enrollments e ON e.user_id = u.id WHERE e.course_id = :cid ORDER BY u.display_name"
        ),
        {"cid": course_id},
    )
    return rows.mappings().all()


def submissions_for_assignment(assignment_id, sort_key="created"):
    column = SUBMISSION_SORT_COLUMNS.get(sort_key, "s.created_at")
    sql = text(
        "SELECT s.id, s.status, s.score, s.created_at, u.display_name FROM submissions s "
        f"JOIN users u ON u.id = s.user_id WHERE s.assignment_id = :aid ORDER BY {column} DESC"
    )
    return db.session.execute(sql, {"aid": assignment_id}).mappings().all()  #@safe


def is_enrolled(user_id, course_id):
    return (
        Enrollment.query.filter_by(user_id=user_id, course_id=course_id).first() is not None
    )
