import os

from flask import Blueprint, abort, current_app, g, redirect, render_template, render_template_string, request, send_file, send_from_directory, url_for
from markupsafe import Markup

import db
import media

bp = Blueprint("board", __name__)


@bp.app_errorhandler(404)
def not_found(error):
    return f"<h1>Not found</h1><p>Nothing lives at {request.path}</p>", 404  #@vuln CWE-79


@bp.route("/")
def index():
    return render_template("index.html", posts=db.recent_posts())


@bp.route("/search")
def search():
    q = request.args.get("q", "")
    rows = db.search_posts(q)
    header = Markup("<h3>%d result(s) for <em>%s</em></h3>" % (len(rows), q))  #@vuln CWE-79
    return render_template("search.html", header=header, rows=rows)


@bp.route("/posts/<int:post_id>", methods=["GET", "POST"])
def post(post_id):
    item = db.get_post(post_id)
    if item is None:
        abort(404)
    if request.method == "POST":
        author = request.form.get("author") or (g.user and "user-%d" % g.user["id"]) or "anonymous"
        db.add_comment(post_id, author, request.form.get("body", ""))
        return redirect(url_for(".post", post_id=post_id))
    return render_template("post.html", post=item, comments=db.comments_for(post_id))


@bp.route("/comments/preview", methods=["POST"])
def preview_comment():
    body = request.form.get("body", "")
    return "<div class='comment preview'>" + body.replace("\n", "<br>") + "</div>"  #@vuln CWE-79


@bp.route("/comments/preview/v2", methods=["POST"])
def preview_comment_v2():
    body = request.form.get("body", "")
    return Markup("<div class='comment preview'>{}</div>").format(body)  #@safe


@bp.route("/hello")
def hello():
    name = request.args.get("name", "colleague")
    return render_template_string("<h1>Welcome back, " + name + "!</h1>{% include 'news.html' %}")  #@vuln CWE-1336


@bp.route("/hello/v2")
def hello_v2():
    name = request.args.get("name", "colleague")
    return render_template_string("<h1>Welcome back, {{ name }}!</h1>{% include 'news.html' %}", name=name)  #@safe


@bp.route("/attachments")
def attachment():
    return send_file(media.attachment_path(request.args.get("name", "")), as_attachment=True)  #@vuln CWE-22


@bp.route("/attachments/v2")
def attachment_v2():
    folder = os.path.join(current_app.config["UPLOAD_DIR"], "attachments")
    return send_from_directory(folder, request.args.get("name", ""), as_attachment=True)  #@safe


@bp.route("/profile/avatar", methods=["POST"])
def avatar():
    if g.user is None:
        abort(401)
    url = request.form.get("avatar_url", "")
    try:
        data = media.download_avatar(url)
    except ValueError as exc:
        return {"error": str(exc)}, 400
    name = media.save_avatar(g.user["id"], url.rsplit("/", 1)[-1] or "avatar.png", data)
    return {"avatar": url_for("static", filename="avatars/" + name)}


@bp.route("/posts/<int:post_id>/share", methods=["POST"])
def share(post_id):
    item = db.get_post(post_id)
    if item is None or g.user is None:
        abort(404)
    media.notify_partner({"post": post_id, "title": item["title"], "shared_by": g.user["id"]})
    return {"ok": True}
