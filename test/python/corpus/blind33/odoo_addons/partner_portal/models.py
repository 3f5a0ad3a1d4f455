# -*- coding: utf-8 -*-
import ast
import csv
import io
import logging
import os
import subprocess

from jinja2 import Template

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from common.fileutil import scratch_file

_logger = logging.getLogger(__name__)

EXPORT_DIR = "/srv/acme/exports/statements"
ALLOWED_COLUMNS = ("date", "name", "ref", "journal", "debit", "credit", "balance")


class PartnerStatement(models.Model):
    _name = "partner.statement"
    _description = "Partner Account Statement"
    _inherit = ["mail.thread", "portal.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(required=True, default=lambda self: _("New"), copy=False)
    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("archived", "Archived")], default="draft", tracking=True
    )
    header_text = fields.Text(help="Printed above the lines. Supports {{ partner.name }} style placeholders.")
    filter_domain = fields.Char(help="Extra domain on journal items, e.g. [('journal_id.code', '=', 'INV')]")
    column_config = fields.Char(default="['date', 'name', 'debit', 'credit']")
    export_filename = fields.Char()
    pdf_password = fields.Char(help="If set, the emailed PDF is encrypted with this password.")

    # ------------------------------------------------------------------ queries
    def _fetch_move_lines(self, journal_code=None):
        self.ensure_one()
        query = """
            SELECT aml.id, aml.date, aml.name, aml.ref, aml.debit, aml.credit, aj.code AS journal
              FROM account_move_line aml
              JOIN account_journal aj ON aj.id = aml.journal_id
             WHERE aml.partner_id = %s
               AND aml.parent_state = 'posted'
               AND aml.date BETWEEN %s AND %s
        """
        params = [self.partner_id.id, self.date_from, self.date_to]
        if journal_code:
            query += " AND aj.code = %s"
            params.append(journal_code)
        self.env.cr.execute(query + " ORDER BY aml.date, aml.id", params)  #@safe
        return self.env.cr.dictfetchall()

    def find_moves_by_reference(self, reference):
        self.ensure_one()
        self.env.cr.execute("SELECT id, name, amount_total FROM account_move WHERE partner_id = %s AND ref ILIKE '%%%s%%'" % (self.partner_id.id, reference))  #@vuln CWE-89
        return self.env.cr.dictfetchall()

    @api.model
    def _name_search(self, name, domain=None, operator="ilike", limit=None, order=None):
        if name and operator == "ilike":
            self.env.cr.execute("SELECT id FROM partner_statement WHERE name ILIKE '%s%%' LIMIT %d" % (name, limit or 100))  #@vuln CWE-89
            ids = [row[0] for row in self.env.cr.fetchall()]
            return self._search([("id", "in", ids)] + list(domain or []), limit=limit, order=order)
        return super()._name_search(name, domain=domain, operator=operator, limit=limit, order=order)

    @api.model
    def top_debtors(self, order_by="due", limit=10):
        sql = (
            "SELECT partner_id, SUM(amount_residual) AS due, MIN(date_maturity) AS oldest "
            "FROM account_move_line WHERE parent_state = 'posted' AND amount_residual > 0 "
            "GROUP BY partner_id ORDER BY " + order_by + " DESC LIMIT %s"
        )
        self.env.cr.execute(sql, (int(limit),))  #@vuln CWE-89
        return self.env.cr.dictfetchall()

    @api.model
    def debtors_by_column(self, column):
        if column not in ("due", "oldest", "partner_id"):
            raise ValidationError(_("Unsupported column %s") % column)
        self.env.cr.execute("SELECT partner_id, SUM(amount_residual) AS due, MIN(date_maturity) AS oldest FROM account_move_line GROUP BY partner_id ORDER BY %s DESC" % column)  #@safe
        return self.env.cr.dictfetchall()

    # ------------------------------------------------------------ presentation
    def _move_lines_domain(self):
        self.ensure_one()
        domain = [("partner_id", "=", self.partner_id.id), ("parent_state", "=", "posted"),
                  ("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        if self.filter_domain:
            domain += eval(self.filter_domain)  #@vuln CWE-95
        return domain

    def _columns(self):
        self.ensure_one()
        try:
            cols = ast.literal_eval(self.column_config or "[]")  #@safe
        except (ValueError, SyntaxError):
            cols = []
        return [c for c in cols if c in ALLOWED_COLUMNS] or list(ALLOWED_COLUMNS[:5])

    def render_header(self):
        self.ensure_one()
        if not self.header_text:
            return ""
        return Template(self.header_text).render(partner=self.partner_id, statement=self)  #@vuln CWE-1336

    # ------------------------------------------------------------------ exports
    def export_csv(self):
        """Write the statement to the shared export folder and return (filename, bytes)."""
        self.ensure_one()
        filename = self.export_filename or "statement_%s.csv" % self.id
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";")
        cols = self._columns()
        writer.writerow(cols)
        for line in self._fetch_move_lines():
            writer.writerow([line.get(c, "") for c in cols])
        data = buf.getvalue()
        with open(os.path.join(EXPORT_DIR, filename), "w", encoding="utf-8") as fh:  #@vuln CWE-22
            fh.write(data)
        return os.path.basename(filename), data.encode("utf-8")

    def _render_pdf(self, report_ref="partner_portal.action_report_statement"):
        self.ensure_one()
        pdf, _fmt = self.env["ir.actions.report"]._render_qweb_pdf(report_ref, self.ids)
        path = scratch_file(".pdf")
        with open(path, "wb") as fh:
            fh.write(pdf)
        return path

    def _render_label_pdf(self):
        return self._render_pdf("partner_portal.action_report_statement_label")

    def protect_pdf(self, pdf_path):
        self.ensure_one()
        if not self.pdf_password:
            return pdf_path
        out_path = pdf_path.replace(".pdf", ".protected.pdf")
        cmd = "qpdf --encrypt '%s' '%s' 256 -- %s %s" % (self.pdf_password, self.pdf_password, pdf_path, out_path)
        if os.system(cmd) != 0:  #@vuln CWE-78
            raise UserError(_("Could not encrypt the statement PDF."))
        return out_path

    def linearize_pdf(self, pdf_path):
        out_path = pdf_path.replace(".pdf", ".web.pdf")
        subprocess.run(["qpdf", "--linearize", pdf_path, out_path], check=True, timeout=60)  #@safe
        return out_path

    def action_send(self):
        template = self.env.ref("partner_portal.mail_template_statement")
        for rec in self:
            with open(rec.protect_pdf(rec.linearize_pdf(rec._render_pdf())), "rb") as fh:
                attachment = self.env["ir.attachment"].create({"name": "%s.pdf" % rec.name, "raw": fh.read(), "res_model": rec._name, "res_id": rec.id})
            template.send_mail(rec.id, email_values={"attachment_ids": [(4, attachment.id)]})
            rec.state = "sent"
        return True
