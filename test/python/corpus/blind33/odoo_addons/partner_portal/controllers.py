# -*- coding: utf-8 -*-
import base64
import logging
import os
import pickle
import subprocess

import werkzeug.utils
from markupsafe import Markup

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from common.fileutil import UnsafePathError, safe_join
from common.netutil import fetch_remote

_logger = logging.getLogger(__name__)

ARCHIVE_DIR = "/srv/acme/archive/statements"
PORTAL_WRITABLE_FIELDS = ("header_text", "filter_domain", "column_config", "export_filename", "pdf_password")


class PartnerStatementPortal(http.Controller):

    def _commercial_partner(self):
        return request.env.user.partner_id.commercial_partner_id

    def _my_statement(self, statement_id):
        statement = request.env["partner.statement"].sudo().search(
            [("id", "=", int(statement_id)), ("partner_id", "child_of", self._commercial_partner().id)], limit=1
        )
        if not statement:
            raise MissingError(_("This statement does not exist or is not yours."))
        return statement

    @http.route("/my/statements/search", type="http", auth="user", website=True)
    def statement_search(self, q="", **kw):
        partner = self._commercial_partner()
        sql = "SELECT id, name, date_to FROM partner_statement WHERE partner_id = %s AND name ILIKE '%%{}%%' ORDER BY date_to DESC".format(q)
        request.env.cr.execute(sql, (partner.id,))  #@vuln CWE-89
        rows = request.env.cr.dictfetchall()
        if not rows:
            return request.make_response("<div class='o_portal_empty'>No statement matches <b>%s</b></div>" % q, headers=[("Content-Type", "text/html; charset=utf-8")])  #@vuln CWE-79
        return request.render("partner_portal.portal_statement_search", {"rows": rows, "q": q, "page_name": "statements"})

    @http.route("/my/statements/<int:statement_id>/settings", type="json", auth="user")
    def statement_settings(self, statement_id, **values):
        statement = self._my_statement(statement_id)
        vals = {k: v for k, v in values.items() if k in PORTAL_WRITABLE_FIELDS}
        statement.write(vals)
        return {"ok": True, "header": statement.render_header(), "columns": statement._columns()}

    @http.route("/my/statements/<int:statement_id>/moves", type="json", auth="user")
    def statement_moves(self, statement_id, reference=""):
        return self._my_statement(statement_id).find_moves_by_reference(reference)

    @http.route("/my/statements/<int:statement_id>/lines", type="http", auth="user", website=True)
    def statement_lines(self, statement_id, journals="", **kw):
        statement = self._my_statement(statement_id)
        domain = statement._move_lines_domain()
        if journals:
            codes = [j.strip() for j in journals.split(",") if j.strip()]
            request.env.cr.execute("SELECT id FROM account_journal WHERE code IN ('%s')" % "','".join(codes))  #@vuln CWE-89
            domain.append(("journal_id", "in", [r[0] for r in request.env.cr.fetchall()]))
        lines = request.env["account.move.line"].sudo().search(domain, order="date, id")
        values = {
            "statement": statement,
            "lines": lines,
            "columns": statement._columns(),
            "header": Markup(statement.render_header()),
            "page_name": "statement",
        }
        if kw.get("notice"):
            values["notice"] = Markup("<div class='alert alert-info'>%s</div>" % kw["notice"])  #@vuln CWE-79
        if kw.get("error"):
            values["error"] = Markup("<div class='alert alert-danger'>%s</div>") % kw["error"]  #@safe
        return request.render("partner_portal.portal_statement_lines", values)

    @http.route("/my/statements/debtors", type="http", auth="user", website=True)
    def debtors(self, order="due", limit="10", **kw):
        if not request.env.user.has_group("account.group_account_manager"):
            raise AccessError(_("Only accountants can see the debtor list."))
        rows = request.env["partner.statement"].top_debtors(order_by=order, limit=limit)
        return request.render("partner_portal.portal_debtors", {"rows": rows, "order": order})

    @http.route("/my/statements/<int:statement_id>/export", type="http", auth="user")
    def export(self, statement_id, **kw):
        statement = self._my_statement(statement_id)
        filename, data = statement.export_csv()
        headers = [("Content-Type", "text/csv"), ("Content-Disposition", content_disposition(filename))]
        return request.make_response(data, headers=headers)

    @http.route("/my/statements/archive", type="http", auth="user")
    def archive_download(self, file="", **kw):
        folder = os.path.join(ARCHIVE_DIR, str(self._commercial_partner().id))
        path = os.path.join(folder, file)
        with open(path, "rb") as fh:  #@vuln CWE-22
            data = fh.read()
        return request.make_response(data, headers=[("Content-Type", "application/pdf"), ("Content-Disposition", content_disposition(os.path.basename(path)))])

    @http.route("/my/statements/archive/v2", type="http", auth="user")
    def archive_download_v2(self, file="", **kw):
        folder = os.path.join(ARCHIVE_DIR, str(self._commercial_partner().id))
        try:
            path = safe_join(folder, file)
        except UnsafePathError:
            return request.not_found()
        with open(path, "rb") as fh:  #@safe
            data = fh.read()
        return request.make_response(data, headers=[("Content-Type", "application/pdf"), ("Content-Disposition", content_disposition(os.path.basename(path)))])

    @http.route("/my/statements/switch", type="http", auth="user")
    def switch_partner(self, partner_id=None, redirect="/my/statements", **kw):
        if partner_id:
            allowed = request.env.user.partner_id.child_ids.ids + [request.env.user.partner_id.id]
            if int(partner_id) in allowed:
                request.session["statement_partner_id"] = int(partner_id)
        return werkzeug.utils.redirect(redirect, 303)  #@vuln CWE-601

    @http.route("/my/statements/back", type="http", auth="user")
    def back(self, redirect="/my", **kw):
        if not redirect.startswith("/") or redirect.startswith("//") or "\\" in redirect:
            redirect = "/my"
        return werkzeug.utils.redirect(redirect, 303)  #@safe

    @http.route("/my/statements/restore", type="http", auth="user", website=True)
    def restore_view(self, state="", **kw):
        """Restores the filters a user bookmarked (state is produced by the JS widget)."""
        view = pickle.loads(base64.urlsafe_b64decode(state.encode()))  #@vuln CWE-502
        statement_id = int(view.get("statement_id", 0))
        return request.redirect("/my/statements/%d/lines?journals=%s" % (statement_id, view.get("journals", "")))

    @http.route("/my/company/logo_from_url", type="json", auth="user")
    def logo_from_url(self, url):
        content, ctype = fetch_remote(url)
        if not ctype.startswith("image/"):
            return {"error": _("The URL does not point to an image.")}
        self._commercial_partner().sudo().write({"image_1920": base64.b64encode(content)})
        return {"ok": True}

    @http.route("/my/statements/<int:statement_id>/print_label", type="http", auth="user", methods=["POST"])
    def print_label(self, statement_id, printer="frontdesk", copies="1", **kw):
        statement = self._my_statement(statement_id)
        pdf_path = statement._render_label_pdf()
        subprocess.Popen("lp -d %s -n %s %s" % (printer, copies, pdf_path), shell=True)  #@vuln CWE-78
        _logger.info("label for %s sent to %s", statement.name, printer)
        return request.redirect("/my/statements/%d/lines?notice=Label+sent" % statement.id)
