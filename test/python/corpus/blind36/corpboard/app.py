import logging
import os

from flask import Flask
from flask_cors import CORS

import db
from admin import bp as admin_bp
from auth import bp as auth_bp
from board import bp as board_bp


def create_app(config_object="config.ProductionConfig"):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_object)
    app.config.from_envvar("BOARD_SETTINGS", silent=True)
    # the intranet widgets call /api from several *.corp.example hosts
    CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)  #@vuln CWE-942
    db.init_app(app)
    app.register_blueprint(auth_bp)
    app.register_blueprint(board_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    logging.basicConfig(level=logging.INFO)
    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)  #@vuln CWE-489|CWE-215
