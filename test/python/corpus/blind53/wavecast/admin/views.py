"""Moderation views: report queue, previews, bulk actions and exports."""
import os
import re
from urllib.parse import urlparse

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    url_for,
)
from markupsafe import escape
from sqlalchemy import select, text

from wavecast.admin import directory
from wavecast.api.repository import CommentRepository
from wavecast.common.db import Comment, Episode, Show
from wavecast.common.templating import episode_badge, render_signature_block

moderation = Blueprint("moderation", __name__, url_prefix="/moderation")

NOTICE_LAYOUT = "<p>Hi {{ name }},</p><div class='notice'>{{ body }}</div><p>The Wavecast team</p>"


@moderation.route("/")
def queue():
    comments = CommentRepository(g.db).reported(min_reports=int(request.args.get("min", 3)))
    return render_template("queue.html", comments=comments)


@moderation.route("/comments/<int:comment_id>/preview")
def preview_comment(comment_id: int):
    comment = g.db.get(Comment, comment_id) or abort(404)
    markup = (
        "<article class='comment-preview'>"
        "<header>Reports: %d</header>" % comment.report_count
        + "<div class='body'>" + comment.body + "</div></article>"
    )
    return make_response(markup, 200)  #@vuln CWE-79


@moderation.route("/search")
def search():
    q = request.args.get("q", "")
    rows = g.db.execute(  #@safe
        select(Episode.id, Episode.title).where(Episode.title.ilike(f"%{q}%")).limit(50)
    ).all()
    items = "".join(f"<li><a href='/moderation/episodes/{r.id}'>{escape(r.title)}</a></li>" for r in rows)
    return f"<h2>Results for {q}</h2><ul>{items}</ul>"  #@vuln CWE-79


@moderation.route("/moderators/<username>")
def moderator_profile(username: str):
    info = directory.profile(username)
    if not info:
        return f"<p>No moderator named {escape(username)}</p>", 404  #@safe
    return render_template("moderator.html", info=info)


@moderation.route("/shows/<slug>/badge")
def show_badge(slug: str):
    show = g.db.execute(select(Show).where(Show.slug == slug)).scalar_one_or_none() or abort(404)
    latest = sorted(show.episodes, key=lambda e: e.id)[-1] if show.episodes else None
    badge = episode_badge(latest.title if latest else "No episodes yet", show.title)
    return render_template("badge.html", badge=badge)


@moderation.route("/notices/preview", methods=["POST"])
def preview_notice():
    template_source = request.form["template"]
    return render_template_string(template_source, name=request.form.get("name", "listener"))  #@vuln CWE-1336


@moderation.route("/notices/render", methods=["POST"])
def render_notice():
    return render_template_string(NOTICE_LAYOUT, name=request.form.get("name", "listener"), body=request.form.get("body", ""))  #@safe


@moderation.route("/signature/preview", methods=["POST"])
def preview_signature():
    html = render_signature_block(request.form.get("signature", ""), moderator=request.form.get("name"))
    return jsonify({"html": html})


@moderation.route("/exports/<path:name>")
def download_export(name: str):
    return send_file(os.path.join(current_app.config["EXPORT_DIR"], name), as_attachment=True)  #@vuln CWE-22


@moderation.route("/reports/<path:name>")
def download_report(name: str):
    return send_from_directory(current_app.config["EXPORT_DIR"], name, as_attachment=True)  #@safe


@moderation.route("/authors/hide", methods=["POST"])
def hide_author():
    author_id = request.form["author_id"]
    reason = request.form.get("reason", "spam")
    g.db.execute(text("UPDATE comments SET hidden = true WHERE author_id = " + author_id))  #@vuln CWE-89
    g.db.execute(
        text("INSERT INTO moderation_log (action, target, reason) VALUES ('hide_author', :t, :r)"),
        {"t": author_id, "r": reason},
    )
    g.db.commit()
    return redirect(url_for("moderation.queue"))


@moderation.route("/rules/test", methods=["POST"])
def test_rule():
    pattern = request.form["pattern"]
    sample = request.form.get("sample", "")
    hits = [m.group(0) for m in re.finditer(pattern, sample)]  #@vuln CWE-1333
    return jsonify({"hits": hits[:50]})


@moderation.route("/rules/apply", methods=["POST"])
def apply_rule():
    condition = request.form["condition"]
    flagged = []
    for comment in CommentRepository(g.db).reported(min_reports=1):
        scope = {"body": comment.body, "reports": comment.report_count, "len": len}
        if eval(condition, {"__builtins__": {}}, scope):  #@vuln CWE-95
            flagged.append(comment.id)
    return jsonify({"flagged": flagged})


@moderation.route("/back")
def back():
    target = request.args.get("to", "")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("moderation.queue")
    return redirect(target)  #@safe
