# Recipe Share - little recipe site for me and friends
# started from the flask tutorial, grew from there...
import os
import ast
import pickle
import random
import smtplib
from email.message import EmailMessage
from urllib.parse import urlparse

import requests
from flask import (Flask, request, redirect, render_template_string, session,
                   url_for, send_from_directory, make_response, abort, flash, jsonify)
from werkzeug.utils import secure_filename
from markupsafe import Markup, escape

import config
import db
import auth
from admin import admin_bp

app = Flask(__name__)
app.config.from_object(config)
app.secret_key = config.SECRET_KEY
app.register_blueprint(admin_bp, url_prefix="/admin")
app.teardown_appcontext(db.close_db)

# TODO: move these into a templates/ folder some day
LAYOUT = """<!doctype html>
<html><head><title>{{ title }} - Recipe Share</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body>
<nav><a href="/">Home</a> | <a href="/search">Search</a> |
{% if session.get('user_id') %}<a href="/new">New recipe</a> | <a href="/logout">Logout</a>
{% else %}<a href="/login">Login</a>{% endif %}</nav>
{% for m in get_flashed_messages() %}<p class="flash">{{ m }}</p>{% endfor %}
{{ content }}
</body></html>"""

LIST_TMPL = """<ul>{% for r in recipes %}
<li><a href="/recipe/{{ r['id'] }}">{{ r['title'] }}</a></li>{% endfor %}</ul>"""

RECIPE_TMPL = """<h1>{{ r['title'] }}</h1>
<p>by <a href="/u/{{ r['username'] }}">{{ r['username'] }}</a></p>
{% if r['image'] %}<img src="/uploads/{{ r['image'] }}" width="400">{% endif %}
<h3>Ingredients</h3><pre>{{ r['ingredients'] }}</pre>
<h3>Steps</h3><pre>{{ r['steps'] }}</pre>
<h3>Comments</h3>
{% for c in comments %}<div class="c"><b>{{ c['username'] }}</b>: {{ c['body'] }}</div>{% endfor %}
<form method="post" action="/recipe/{{ r['id'] }}/comment">
<textarea name="body"></textarea><button>Post</button></form>"""

LOGIN_FORM = """<form method="post">
<input name="username" placeholder="username"> <input name="password" type="password">
<label><input type="checkbox" name="remember"> remember me</label> <button>Login</button></form>"""


def render_page(title, inner, **ctx):
    body = render_template_string(inner, **ctx)
    return render_template_string(LAYOUT, title=title, content=Markup(body))


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in config.ALLOWED_EXTENSIONS


def send_mail(to, subject, text):
    msg = EmailMessage()
    msg["From"] = config.MAIL_USER
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text)
    with smtplib.SMTP(config.MAIL_SERVER, config.MAIL_PORT) as s:
        s.starttls()
        s.login(config.MAIL_USER, config.MAIL_PASSWORD)
        s.send_message(msg)


@app.route("/")
def index():
    recipes = db.latest_recipes(request.args.get("sort", "new"), request.args.get("n", config.PAGE_SIZE))
    featured = random.choice(recipes) if recipes else None
    return render_page("Home", "<h2>Featured: {{ f['title'] if f else '-' }}</h2>" + LIST_TMPL, recipes=recipes, f=featured)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    sort = request.args.get("sort", "created")
    if not q:
        return render_page("Search", "<form><input name='q'><button>Go</button></form>")
    if q.startswith("#"):
        return render_page("Tag " + q, LIST_TMPL, recipes=db.recipes_by_tag(q[1:]))
    results = db.search_recipes(q, sort)
    items = "".join('<li><a href="/recipe/%d">%s</a></li>' % (r["id"], escape(r["title"])) for r in results)
    return "<h2>Results for " + q + "</h2><ul>" + items + "</ul>"  #@vuln CWE-79


@app.route("/recipe/<recipe_id>")
def show_recipe(recipe_id):
    r = db.get_recipe(recipe_id)
    if r is None:
        abort(404)
    comments = db.get_comments(recipe_id)
    return render_page(r["title"], RECIPE_TMPL, r=r, comments=comments)


@app.route("/recipe/<recipe_id>/comment", methods=["POST"])
@auth.login_required
def comment(recipe_id):
    db.add_comment(recipe_id, session["user_id"], request.form.get("body", ""))
    return redirect(url_for("show_recipe", recipe_id=recipe_id))


@app.route("/recipe/<recipe_id>/delete", methods=["POST"])
@auth.login_required
def delete(recipe_id):
    db.delete_recipe(recipe_id, session["user_id"])
    flash("deleted")
    return redirect(url_for("index"))


@app.route("/new", methods=["GET", "POST"])
@auth.login_required
def new_recipe():
    if request.method == "POST":
        image_name = None
        photo = request.files.get("photo")
        if photo and photo.filename and allowed_file(photo.filename):
            image_name = secure_filename(photo.filename)
            photo.save(os.path.join(config.UPLOAD_FOLDER, image_name))  #@safe
        elif request.form.get("image_url"):
            url = request.form["image_url"]
            parsed = urlparse(url)
            if parsed.scheme != "https" or parsed.hostname not in config.ALLOWED_IMAGE_HOSTS:
                flash("images only from imgur/wikimedia/unsplash sorry")
                return redirect(url_for("new_recipe"))
            img = requests.get(url, timeout=10, allow_redirects=False)  #@safe
            image_name = "remote_%d.jpg" % random.randint(0, 10**9)
            with open(os.path.join(config.UPLOAD_FOLDER, image_name), "wb") as fh:
                fh.write(img.content)
        rid = db.add_recipe(session["user_id"], request.form["title"], request.form.get("ingredients", ""),
                            request.form.get("steps", ""), request.form.get("tags", ""), image_name)
        return redirect(url_for("show_recipe", recipe_id=rid))
    return render_page("New recipe", """<form method="post" enctype="multipart/form-data">
    <input name="title"><textarea name="ingredients"></textarea><textarea name="steps"></textarea>
    <input name="tags"><input type="file" name="photo"> or <input name="image_url"><button>Save</button></form>""")


@app.route("/recipe/<recipe_id>/photo", methods=["POST"])
@auth.login_required
def replace_photo(recipe_id):
    # quick hack for phone uploads, the app sends its own file name
    f = request.files["photo"]
    f.save(os.path.join(config.UPLOAD_FOLDER, f.filename))  #@vuln CWE-22
    return jsonify(ok=True, name=f.filename)


@app.route("/uploads/<path:name>")
def uploaded(name):
    return send_from_directory(config.UPLOAD_FOLDER, name)  #@safe


@app.route("/import", methods=["GET", "POST"])
@auth.login_required
def import_recipe():
    """Import a recipe from some other website (copies title + ingredients)."""
    if request.method == "POST":
        url = request.form.get("url", "")
        page = requests.get(url, timeout=15, headers={"User-Agent": "RecipeShareBot/0.1"})  #@vuln CWE-918
        title = page.text.split("<title>")[1].split("</title>")[0] if "<title>" in page.text else url
        rid = db.add_recipe(session["user_id"], title.strip(), "", "imported from " + url, "imported", None)
        return redirect(url_for("show_recipe", recipe_id=rid))
    return render_page("Import", "<form method='post'><input name='url'><button>Import</button></form>")


@app.route("/backup/export")
@auth.login_required
def export_backup():
    rows = [dict(r) for r in db.recipes_for_user(session["user_id"])]
    resp = make_response(pickle.dumps(rows))
    resp.headers["Content-Disposition"] = "attachment; filename=my_recipes.pkl"
    return resp


@app.route("/backup/import", methods=["POST"])
@auth.login_required
def import_backup():
    rows = pickle.loads(request.files["backup"].read())  #@vuln CWE-502
    for r in rows:
        db.add_recipe(session["user_id"], r.get("title", "untitled"), r.get("ingredients", ""),
                      r.get("steps", ""), r.get("tags", ""), None)
    flash("imported %d recipes" % len(rows))
    return redirect(url_for("index"))


@app.route("/preview", methods=["POST"])
def preview():
    # live preview while typing a recipe (called from the js)
    title = request.form.get("title", "")
    return render_template_string("<h1>" + title + "</h1><pre>{{ steps }}</pre>", steps=request.form.get("steps", ""))  #@vuln CWE-1336|CWE-94


@app.route("/scale")
def scale():
    # ?factor=1/2 or 3 or 1.5 ... eval is the easiest way to support fractions
    factor = eval(request.args.get("factor", "1"))  #@vuln CWE-95
    servings = ast.literal_eval(request.args.get("servings", "4"))  #@safe
    return jsonify(servings=servings * factor)


@app.route("/u/<username>")
def profile(username):
    user = db.get_user_by_name(username)
    if not user:
        abort(404)
    bio = user["bio"] or ""  # people can use <b> and links in their bio
    html = "<h2>%s</h2>" % escape(user["username"])
    html += "<img src='%s'>" % auth.gravatar_url(user["email"])
    html += "<div class='bio'>%s</div>" % bio
    return render_page(user["username"], "{{ h }}", h=Markup(html))  #@vuln CWE-79


@app.route("/settings/bio", methods=["POST"])
@auth.login_required
def save_bio():
    db.update_bio(session["user_id"], request.form.get("bio", ""))  # allow <b> and links in bio
    return redirect(url_for("profile", username=session["username"]))


@app.route("/settings/units", methods=["POST"])
def set_units():
    units = "metric" if request.form.get("units") == "metric" else "imperial"
    resp = make_response(redirect(url_for("index")))
    resp.set_cookie("units", units, secure=True, httponly=True, samesite="Lax")  #@safe
    return resp


@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "POST":
        db.create_user(request.form["username"], request.form.get("email", ""), auth.hash_password(request.form["password"]))
        flash("account created, please log in")
        return redirect(url_for("login"))
    return render_page("Register", "<form method='post'><input name='username'><input name='email'>"
                                   "<input type='password' name='password'><button>Register</button></form>")


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = db.get_user_by_name(request.form.get("username", ""))
        if user and auth.check_password(request.form.get("password", ""), user["password"]):
            session["user_id"] = user["id"]
            session["username"] = user["username"]
            next_url = request.args.get("next") or url_for("index")
            resp = make_response(redirect(next_url))  #@vuln CWE-601
            if request.form.get("remember"):
                resp.set_cookie("remember_me", user["username"] + ":" + user["password"], max_age=60 * 60 * 24 * 30)  #@vuln CWE-1004|CWE-614
            return resp
        flash("wrong username or password")
    return render_page("Login", LOGIN_FORM)


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("index"))


@app.route("/forgot", methods=["GET", "POST"])
def forgot():
    if request.method == "POST":
        user = db.get_user_by_name(request.form.get("username", ""))
        if user and user["email"]:
            token = auth.make_reset_token()
            db.set_reset_token(user["id"], token)
            send_mail(user["email"], "Reset your password", "Go to %sreset?token=%s" % (request.host_url, token))
        flash("if that account exists we sent a mail")
    return render_page("Forgot password", "<form method='post'><input name='username'><button>Send</button></form>")


@app.route("/reset", methods=["GET", "POST"])
def reset():
    token = request.values.get("token", "")
    user = db.get_user_by_token(token)
    if not user:
        abort(403)
    if request.method == "POST":
        db.update_password(user["username"], auth.hash_password(request.form["password"]))
        flash("password changed")
        return redirect(url_for("login"))
    return render_page("Reset", "<form method='post'><input type='hidden' name='token' value='{{ t }}'>"
                                "<input type='password' name='password'><button>Save</button></form>", t=token)


if __name__ == "__main__":
    db.init_db()
    # app.run()
    app.run(host="0.0.0.0", port=5000, debug=True)  #@vuln CWE-489|CWE-215
