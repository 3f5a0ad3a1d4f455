"""Staff authentication, partner tokens and directory lookups."""
import random
import secrets
import string
import time
from functools import wraps

import jwt
from flask import current_app, g, jsonify, request
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars

from .models import StaffUser, db

CODE_ALPHABET = string.ascii_uppercase + string.digits


def issue_staff_token(user):
    now = int(time.time())
    claims = {
        "sub": str(user.id),
        "role": user.role,
        "iat": now,
        "exp": now + current_app.config["JWT_TTL_SECONDS"],
    }
    return jwt.encode(claims, current_app.config["SECRET_KEY"], algorithm="HS256")


def decode_staff_token(token):
    return jwt.decode(token, current_app.config["SECRET_KEY"], algorithms=["HS256"])  #@safe


def read_partner_claims(token):
    """Partner booking engines send a JWT carrying their hotel and channel codes."""
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def login_required(role=None):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            if not header.startswith("Bearer "):
                return jsonify(error="missing token"), 401
            try:
                claims = decode_staff_token(header[7:])
            except jwt.PyJWTError:
                return jsonify(error="invalid token"), 401
            if role and claims.get("role") not in (role, "manager"):
                return jsonify(error="forbidden"), 403
            g.staff_id = int(claims["sub"])
            g.staff_role = claims.get("role")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def new_confirmation_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))  #@safe


def new_checkin_token():
    return "".join(random.choice(CODE_ALPHABET) for _ in range(24))  #@vuln CWE-338


def _directory_connection():
    cfg = current_app.config
    server = Server(cfg["LDAP_URL"], get_info=ALL, use_ssl=True)
    return Connection(server, cfg["LDAP_BIND_DN"], cfg["LDAP_BIND_PASSWORD"], auto_bind=True)


def find_staff_in_directory(username):
    conn = _directory_connection()
    search_filter = "(&(objectClass=inetOrgPerson)(uid=%s))" % username
    conn.search(current_app.config["LDAP_BASE_DN"], search_filter, attributes=["cn", "mail", "departmentNumber"])  #@vuln CWE-90
    return conn.entries[0] if conn.entries else None


def staff_in_department(department):
    conn = _directory_connection()
    dept = escape_filter_chars(department)
    conn.search(  #@safe
        current_app.config["LDAP_BASE_DN"],
        f"(&(objectClass=inetOrgPerson)(departmentNumber={dept}))",
        attributes=["uid", "cn"],
    )
    return [entry.uid.value for entry in conn.entries]


def authenticate(username, password):
    user = StaffUser.query.filter_by(username=username).first()
    if user is None:
        entry = find_staff_in_directory(username)
        if entry is None:
            return None
        user = StaffUser(username=username, display_name=str(entry.cn))
        db.session.add(user)
        db.session.commit()
        return None
    return user if user.check_password(password) else None
