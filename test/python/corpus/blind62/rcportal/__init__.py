"""Research Computing portal: project allocations, jobs and the dataset catalog."""
import logging
import os

from flask import Flask
from flask_cors import CORS
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy

from rcportal.settings import CONFIGS

db = SQLAlchemy()
login_manager = LoginManager()
log = logging.getLogger("rcportal")


def create_app(config_name=None):
    app = Flask(__name__, instance_relative_config=True)
    name = config_name or os.environ.get("PORTAL_CONFIG", "production")
    app.config.from_object(CONFIGS[name])
    app.config.from_pyfile("portal.cfg", silent=True)

    db.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"

    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}}, supports_credentials=True)  #@safe

    from rcportal import auth, views_datasets, views_jobs, views_projects

    app.register_blueprint(auth.bp)
    app.register_blueprint(views_projects.bp)
    app.register_blueprint(views_datasets.bp)
    app.register_blueprint(views_jobs.bp)

    @app.context_processor
    def portal_globals():
        return {"hub_url": app.config["HUB_URL"]}

    log.info("portal started with %s settings", name)
    return app
