import os

from flask import Flask


def create_app():
    app = Flask(__name__)
    app.config.update(
        DOCVAULT_ROOT=os.environ.get("DOCVAULT_ROOT", "/srv/docvault/data"),
        DOCVAULT_DB_URL=os.environ.get("DOCVAULT_DB_URL", "postgresql+psycopg2://docvault@localhost/docvault"),
        LDAP_URL=os.environ.get("DOCVAULT_LDAP_URL", "ldaps://ldap.corp.example"),
        LDAP_BASE_DN="ou=people,dc=corp,dc=example",
        MAX_CONTENT_LENGTH=64 * 1024 * 1024,
    )

    from .views import bp

    app.register_blueprint(bp)
    return app
