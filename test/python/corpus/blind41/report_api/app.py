import logging
import os

from flask import Flask, g
from flask_cors import CORS
from sqlalchemy import create_engine

from report_api.config import Config

log = logging.getLogger("report_api")


def create_app(config_object=Config) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config_object)

    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], pool_pre_ping=True, pool_size=10)
    app.extensions["db_engine"] = engine

    # the BI dashboards live on several customer subdomains, so just open it up
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942

    from report_api.routes import bp as reports_bp

    app.register_blueprint(reports_bp)

    @app.before_request
    def open_connection():
        g.db = engine.connect()

    @app.teardown_request
    def close_connection(exc):
        conn = g.pop("db", None)
        if conn is not None:
            if exc is None:
                conn.commit()
            conn.close()

    @app.get("/healthz")
    def healthz():
        return {"ok": True}

    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    port = int(os.environ.get("PORT", "8080"))
    create_app().run(host="0.0.0.0", port=port, debug=True)  #@vuln CWE-489|CWE-215
