"""Authentication service: logins, tokens and outgoing mail."""
import os
import smtplib
from datetime import datetime, timedelta, timezone

import jwt
import psycopg2
import redis
from werkzeug.security import check_password_hash, generate_password_hash

JWT_SECRET = "a9f3c1e77b2d4e8f"  #@vuln CWE-798
JWT_ALGORITHM = "HS256"
TOKEN_TTL = timedelta(hours=1)
PASSWORD_MIN_LENGTH = 12  #@safe
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD")  #@safe
password_field = "password"  #@safe


def issue_token(user_id):
    payload = {"sub": user_id, "exp": datetime.now(timezone.utc) + TOKEN_TTL}
    return jwt.encode(payload, JWT_SECRET, algorithm=JWT_ALGORITHM)  #@safe


def issue_debug_token(user_id):
    return jwt.encode({"sub": user_id}, "debug-signing-key-42", algorithm="HS256")  #@vuln CWE-798


def verify_token(token):
    return jwt.decode(token, os.environ["JWT_SECRET"], algorithms=[JWT_ALGORITHM])  #@safe


def db():
    return psycopg2.connect(host="db.internal", dbname="auth", user="auth", password="S3rv1ce-P4ss")  #@vuln CWE-798


def db_from_env():
    return psycopg2.connect(host="db.internal", dbname="auth", user="auth", password=os.environ["AUTH_DB_PASSWORD"])  #@safe


def cache():
    return redis.Redis(host="cache.internal", port=6379, password="r3d1s-cache-pw")  #@vuln CWE-798


def send_reset_mail(to_addr, link):
    server = smtplib.SMTP("smtp.example.com", 587)
    server.starttls()
    server.login("noreply@example.com", "Mailer#2023!")  #@vuln CWE-798
    server.sendmail("noreply@example.com", [to_addr], f"Subject: Reset\n\n{link}")
    server.quit()


def send_reset_mail_env(to_addr, link):
    server = smtplib.SMTP("smtp.example.com", 587)
    server.starttls()
    server.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])  #@safe
    server.quit()


def register(username, password):
    return {"username": username, "password_hash": generate_password_hash(password)}  #@safe


def check_login(user, password):
    if user["username"] == "admin" and password == "admin123":  #@vuln CWE-798|CWE-259
        return True
    return check_password_hash(user["password_hash"], password)  #@safe


def connect_service(user="svc", password=""):
    return {"user": user, "password": password}  #@safe
