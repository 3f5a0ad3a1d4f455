"""opsdash command line entry point.

    python -m opsdash.cli serve --port 8088
    python -m opsdash.cli add-user alice --role operator
"""
import logging
import os
import sys
from http.server import ThreadingHTTPServer

import click

from common import config, db, fsutil
from common.security import hash_password
from .server import DashboardHandler


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
def cli(verbose):
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")


@cli.command()
@click.option("--host", default=config.DASHBOARD_HOST, show_default=True)
@click.option("--port", default=config.DASHBOARD_PORT, type=int, show_default=True)
def serve(host, port):
    """Run the dashboard HTTP server."""
    for folder in (config.DATA_DIR, config.REPORT_DIR, config.SPOOL_DIR):
        os.makedirs(folder, exist_ok=True)
    with db.connect() as conn:
        db.init_schema(conn)
    httpd = ThreadingHTTPServer((host, port), DashboardHandler)
    click.echo(f"opsdash listening on http://{host}:{port}/")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        click.echo("shutting down")
    finally:
        httpd.server_close()


@cli.command("add-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["viewer", "operator", "admin"]), default="viewer")
@click.password_option()
def add_user(username, role, password):
    with db.connect() as conn:
        db.UserRepository(conn).create(username, hash_password(password), role)
    click.echo(f"created {username} ({role})")


@cli.command()
@click.argument("name")
@click.option("--gzip/--no-gzip", "compress", default=True)
def backup(name, compress):
    """Dump the sqlite database into the reports folder as NAME.sql."""
    target = config.REPORT_DIR / f"{name}.sql"
    cmd = f"sqlite3 {config.DB_PATH} .dump > {target}"
    if compress:
        cmd += f" && gzip -f {target}"
    rc = os.system(cmd)  #@vuln CWE-78
    sys.exit(rc >> 8)


@cli.command("install-plugins")
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False))
def install_plugins(bundle):
    """Unpack a plugin bundle (.zip or .tar.gz) into the plugin folder."""
    if bundle.endswith(".zip"):
        fsutil.extract_zip_checked(bundle, config.PLUGIN_DIR)
    else:
        fsutil.extract_bundle(bundle, config.PLUGIN_DIR)
    click.echo(f"plugins installed into {config.PLUGIN_DIR}")


if __name__ == "__main__":
    cli()
