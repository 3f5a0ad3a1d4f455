"""wavecast-ops: command line tools for the operations team."""
import json
import logging
import marshal
import os
import pickle
import shelve
import subprocess
import tarfile

import click

from wavecast.api import analytics, transcode
from wavecast.common import cache
from wavecast.common.db import Episode, session_scope
from wavecast.common.security import new_invite_code
from wavecast.common.settings import get_settings
from wavecast.importer.opml import import_opml
from wavecast.ops import jobs

settings = get_settings()
SCRIPTS_DIR = os.environ.get("WAVECAST_SCRIPTS", "/opt/wavecast/scripts")


@click.group()
@click.option("--verbose", is_flag=True)
def cli(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO)


@cli.command()
@click.option("--show", "show_slug", required=True)
@click.option("--preset", default="podcast-128", show_default=True)
def reencode(show_slug: str, preset: str) -> None:
    """Re-run the batch encoder for every episode of a show."""
    script = os.path.join(SCRIPTS_DIR, "reencode-show.sh")
    subprocess.run(f"{script} {show_slug} {preset}", shell=True, check=True)  #@vuln CWE-78


@cli.command()
@click.argument("path", type=click.Path(exists=True))
def probe(path: str) -> None:
    click.echo(json.dumps(transcode.probe(path), indent=2))


@cli.command("sync-bucket")
@click.argument("prefix")
def sync_bucket(prefix: str) -> None:
    subprocess.check_call(["aws", "s3", "sync", f"s3://{settings.s3_bucket}/{prefix}", settings.media_root])  #@safe


@cli.command("purge-plays")
@click.option("--show-id", required=True)
@click.option("--before", required=True, help="ISO date")
def purge_plays(show_id: str, before: str) -> None:
    with analytics.cursor() as cur:
        cur.execute(f"DELETE FROM plays WHERE show_id = {show_id} AND played_at < '{before}'")  #@vuln CWE-89
        click.echo(f"deleted {cur.rowcount} rows")


@cli.command("load-cache-snapshot")
@click.argument("snapshot", type=click.File("rb"))
def load_cache_snapshot(snapshot) -> None:
    entries = pickle.load(snapshot)  #@vuln CWE-502
    for key, value in entries.items():
        cache.set_object(key, value, ttl=3600)
    click.echo(f"restored {len(entries)} keys")


@cli.command("inspect-jobs")
@click.argument("db_path")
def inspect_jobs(db_path: str) -> None:
    with shelve.open(db_path, flag="r") as db:  #@vuln CWE-502
        for key in db:
            click.echo(f"{key}: {db[key]!r}")


@cli.command("load-metrics")
@click.argument("bundle", type=click.File("rb"))
def load_metrics(bundle) -> None:
    metrics = marshal.loads(bundle.read())  #@vuln CWE-502
    for name, value in metrics.items():
        cache.set_json(f"metrics:{name}", value, ttl=86400)


@cli.command("restore-media")
@click.argument("archive", type=click.Path(exists=True))
def restore_media(archive: str) -> None:
    with tarfile.open(archive) as tar:
        tar.extractall(settings.media_root)  #@vuln CWE-22


@cli.command("restore-exports")
@click.argument("archive", type=click.Path(exists=True))
def restore_exports(archive: str) -> None:
    with tarfile.open(archive) as tar:
        tar.extractall(settings.export_dir, filter="data")  #@safe


@cli.command("run-hook")
@click.option("--episode-id", type=int, required=True)
@click.option("--code", required=True, help="Python snippet run with `episode` and `session` bound.")
def run_hook(episode_id: int, code: str) -> None:
    with session_scope() as session:
        episode = session.get(Episode, episode_id)
        exec(code, {"episode": episode, "session": session})  #@vuln CWE-94


@cli.command("import-opml")
@click.argument("opml", type=click.File("rb"))
@click.option("--owner-id", type=int, required=True)
def import_opml_cmd(opml, owner_id: int) -> None:
    with session_scope() as session:
        shows = import_opml(session, owner_id, opml.read())
        click.echo("\n".join(show.slug for show in shows))


@cli.command("create-invite")
@click.option("--count", default=1)
def create_invite(count: int) -> None:
    for _ in range(count):
        click.echo(new_invite_code())


@cli.command("signed-url")
@click.argument("key")
def signed_url(key: str) -> None:
    click.echo(jobs.signed_media_url(key))


@cli.command("enqueue-report")
@click.argument("show_id", type=int)
def enqueue_report(show_id: int) -> None:
    job = jobs.queue.enqueue(jobs.weekly_report, show_id)
    click.echo(job.id)


@cli.command("serve-admin")
@click.option("--port", default=5000)
def serve_admin(port: int) -> None:
    from wavecast.admin.app import app as admin_app

    admin_app.run(host="0.0.0.0", port=port, debug=True)  #@vuln CWE-489


if __name__ == "__main__":
    cli()
