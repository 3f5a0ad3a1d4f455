# -*- coding: utf-8 -*-
{
    "name": "ACME Partner Portal Statements",
    "version": "17.0.2.3.0",
    "summary": "Account statements, exports and label printing in the customer portal",
    "category": "Accounting/Accounting",
    "author": "ACME IT",
    "license": "LGPL-3",
    "depends": ["account", "portal", "website", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/partner_statement_rules.xml",
        "views/partner_statement_views.xml",
        "views/portal_templates.xml",
        "report/statement_report.xml",
        "report/statement_label.xml",
    ],
    "external_dependencies": {"python": ["jinja2", "requests"]},
    "installable": True,
    "application": False,
}
