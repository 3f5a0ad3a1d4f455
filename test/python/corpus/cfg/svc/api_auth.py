import jwt
from jose import jwt as jose_jwt
from flask import Flask, request, jsonify, g, abort
from .models import User, Order, db

app = Flask(__name__)
JWT_KEY = "x"


def current_user_claims(token):
    return jwt.decode(token, options={"verify_signature": False})  #@vuln CWE-347


def claims_legacy(token):
    return jwt.decode(token, verify=False)  #@vuln CWE-347


def claims_none(token, key):
    return jwt.decode(token, key, algorithms=["none"])  #@vuln CWE-347


def claims_ok(token, key):
    return jwt.decode(token, key, algorithms=["HS256"])  #@safe


def peek_kid(token):
    return jwt.get_unverified_header(token).get("kid")  #@safe


def user_from_jose(token):
    claims = jose_jwt.get_unverified_claims(token)  #@vuln CWE-347
    return User.query.get(claims["sub"])


@app.route("/users", methods=["POST"])
def create_user():
    user = User(**request.json)  #@vuln CWE-915
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id)


@app.route("/users/<int:uid>", methods=["PATCH"])
def update_user(uid):
    user = User.query.get_or_404(uid)
    for key, value in request.get_json().items():
        setattr(user, key, value)  #@vuln CWE-915
    db.session.commit()
    return jsonify(ok=True)


@app.route("/orders/<int:oid>", methods=["PUT"])
def update_order(oid):
    order = Order.query.get_or_404(oid)
    order.__dict__.update(request.json)  #@vuln CWE-915
    return jsonify(ok=True)


@app.route("/users/<int:uid>/name", methods=["PATCH"])
def rename_user(uid):
    user = User.query.get_or_404(uid)
    data = request.get_json()
    user.name = data["name"]  #@safe
    for field in ("email", "display_name"):
        if field in data:
            setattr(user, field, data[field])  #@safe
    db.session.commit()
    return jsonify(ok=True)


@app.route("/admin/delete", methods=["POST"])
def admin_delete():
    assert g.user.is_admin, "admins only"  #@vuln CWE-703
    return jsonify(ok=True)
