import os

from flask import Flask

from .db import init_db
from .settings import config_by_name


def create_app(config_name=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_by_name[config_name or os.environ.get("STOCKROOM_ENV", "production")])
    app.config.from_pyfile("local.cfg", silent=True)
    init_db(app)

    from .cli import admin_cli
    from .helpers.templating import register_filters
    from .views import auth, catalog, reports

    app.register_blueprint(auth.bp, url_prefix="/auth")
    app.register_blueprint(catalog.bp)
    app.register_blueprint(reports.bp, url_prefix="/reports")
    app.cli.add_command(admin_cli)
    register_filters(app)
    return app
