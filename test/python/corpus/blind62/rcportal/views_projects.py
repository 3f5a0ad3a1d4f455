from datetime import date

from flask import (Blueprint, abort, jsonify, make_response, render_template,
                   request)
from flask_login import current_user, login_required
from markupsafe import Markup, escape
from sqlalchemy import text

from rcportal import db, ldap_client, repository, security
from rcportal.models import Allocation, Membership, Project, User

bp = Blueprint("projects", __name__)


def _project_or_404(slug):
    project = Project.query.filter_by(slug=slug).first_or_404()
    if not current_user.is_admin and not Membership.query.filter_by(
        project_id=project.id, user_id=current_user.id
    ).first():
        abort(403)
    return project


def abstract_html(project):
    return Markup(f"<div class=\"abstract\">{project.abstract or ''}</div>")  #@vuln CWE-79


def pi_badge(project):
    return Markup("<span class=\"pi\" title=\"{}\">PI</span>").format(project.pi_username)  #@safe


@bp.route("/")
@login_required
def dashboard():
    rows = repository.dashboard_rows(current_user.id)
    resp = make_response(render_template("dashboard.html", rows=rows))
    if rows:
        security.remember_last_project(resp, rows[0]["slug"])
    return resp


@bp.route("/projects/search")
@login_required
def search():
    rows = repository.search_projects(request.args.get("q", ""), request.args.get("sort", "name"))
    return render_template("project_search.html", rows=rows)


@bp.route("/projects/<slug>")
@login_required
def detail(slug):
    project = _project_or_404(slug)
    return render_template(
        "project.html",
        project=project,
        abstract=abstract_html(project),
        pi=pi_badge(project),
        members=repository.member_count(project.slug),
    )


@bp.route("/projects/<int:project_id>/usage")
@login_required
def usage(project_id):
    project = db.get_or_404(Project, project_id)
    _project_or_404(project.slug)
    start = request.args.get("start", date.today().replace(month=1, day=1).isoformat())
    end = request.args.get("end", date.today().isoformat())
    return jsonify(repository.usage_between(project_id, start, end))


@bp.route("/projects/<slug>/badge.html")
def usage_badge(slug):
    """Embeddable allocation badge for lab web pages."""
    project = Project.query.filter_by(slug=slug).first_or_404()
    alloc = Allocation.query.filter_by(project_id=project.id).first_or_404()
    label = request.args.get("label", project.name)
    pct = 100.0 * alloc.core_hours_used / max(alloc.core_hours_limit, 1)
    html = (
        "<html><body><div class='rc-badge'>"
        + "<b>" + label + "</b>: "
        + "%.1f%% of allocation used" % pct
        + "</div></body></html>"
    )
    return html  #@vuln CWE-79


@bp.route("/projects/<slug>/members/lookup")
@login_required
def member_lookup(slug):
    _project_or_404(slug)
    return jsonify(ldap_client.people_picker(request.args.get("term", "")))


@bp.route("/projects/<slug>/members/sync", methods=["POST"])
@login_required
def sync_members(slug):
    project = _project_or_404(slug)
    group = request.form.get("group") or project.unix_group
    added = []
    for uid in ldap_client.group_members(group):
        user = User.query.filter_by(username=uid).first()
        if user and not Membership.query.filter_by(project_id=project.id, user_id=user.id).first():
            db.session.add(Membership(project_id=project.id, user_id=user.id))
            added.append(uid)
    db.session.commit()
    return jsonify({"added": added})


@bp.route("/projects/<slug>/abstract", methods=["POST"])
@login_required
def update_abstract(slug):
    project = _project_or_404(slug)
    if project.pi_username != current_user.username:
        abort(403)
    project.abstract = request.form["abstract"]
    project.burst_rule = request.form.get("burst_rule", project.burst_rule)
    db.session.commit()
    return render_template("project.html", project=project, abstract=abstract_html(project),
                           pi=pi_badge(project), members=repository.member_count(project.slug))


@bp.route("/admin/allocations")
@login_required
def admin_allocations():
    if not current_user.is_admin:
        abort(403)
    order = request.args.get("order", "a.ends_on")
    rows = db.session.execute(  #@vuln CWE-89
        text("SELECT p.slug, p.pi_username, a.core_hours_limit, a.core_hours_used, a.ends_on "
             "FROM allocations a JOIN projects p ON p.id = a.project_id ORDER BY " + order)
    ).mappings().all()
    return render_template("admin_allocations.html", rows=rows)


@bp.route("/projects/<slug>/notice")
def expired_notice(slug):
    project = Project.query.filter_by(slug=slug).first_or_404()
    return f"<p>The allocation for <em>{escape(project.name)}</em> has ended. Contact {escape(project.pi_username)}.</p>"  #@safe
