from pathlib import Path

import click

from . import backup, tenant_repo


@click.group()
def cli():
    """Platform operations toolkit."""


@cli.command()
@click.argument("slug")
def snapshot(slug):
    tenant = tenant_repo.get_tenant(slug)
    click.echo(f"dumped {backup.dump_schema(tenant.schema)}")


@cli.command("import-export")
@click.argument("slug")
@click.argument("archive", type=click.Path(exists=True, path_type=Path))
def import_export(slug, archive):
    tenant = tenant_repo.get_tenant(slug)
    click.echo(f"unpacked to {backup.unpack_customer_export(archive, tenant.slug)}")


@cli.command()
@click.argument("slug")
@click.option("--dry-run", is_flag=True)
def prune(slug, dry_run):
    tenant = tenant_repo.get_tenant(slug)
    candidates = sorted(backup.BACKUP_ROOT.glob(f"{tenant.schema}-*.dump"))
    for path in backup.expired(tenant, candidates):
        click.echo(f"{'would remove' if dry_run else 'removing'} {path}")
        if not dry_run:
            path.unlink()


@cli.command()
@click.argument("slug")
@click.confirmation_option(prompt="This permanently deletes tenant data. Continue?")
def offboard(slug):
    tenant = tenant_repo.get_tenant(slug)
    backup.dump_schema(tenant.schema)
    tenant_repo.drop_schema(tenant)
    click.echo(f"relabelled {tenant_repo.rename_audit_entries(tenant)} audit rows")


if __name__ == "__main__":
    cli()
