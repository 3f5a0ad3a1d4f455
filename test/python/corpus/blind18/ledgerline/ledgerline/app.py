from flask import Flask

from .config import ProductionConfig
from .repository import InvoiceRepository


def create_app(config_object=ProductionConfig):
    app = Flask(__name__)
    app.config.from_object(config_object)
    app.extensions["invoice_repo"] = InvoiceRepository.from_url(app.config["SQLALCHEMY_URL"])

    from .blueprints.invoices import bp as invoices_bp

    app.register_blueprint(invoices_bp)
    return app
