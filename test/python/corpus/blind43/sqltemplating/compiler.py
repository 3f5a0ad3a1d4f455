"""Tiny dbt-like compiler: Jinja SQL models under <project>/models, ref()/var()/source() helpers."""
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment
from psycopg2 import sql

from common.db import get_conn

log = logging.getLogger(__name__)
_MODEL_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


@dataclass
class Project:
    root: Path
    target_schema: str = "analytics"
    sources: dict = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> "Project":
        with open(root / "project.yml", encoding="utf-8") as fh:
            cfg = yaml.safe_load(fh) or {}
        return cls(root=root, target_schema=cfg.get("target_schema", "analytics"), sources=cfg.get("sources", {}))


class ModelCompiler:
    def __init__(self, project: Project):
        self.project = project
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(project.root / "models")), undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(ref=self._ref, source=self._source)
        self._vars: dict = {}

    def _ref(self, model: str) -> str:
        return f'"{self.project.target_schema}"."{model}"'

    def _source(self, source: str, table: str) -> str:
        schema = self.project.sources[source]["schema"]
        return f'"{schema}"."{table}"'

    def _var(self, name: str, default=None):
        return self._vars.get(name, default)

    def compile(self, model: str, variables: dict | None = None) -> str:
        if not _MODEL_NAME.match(model):
            raise ValueError(f"bad model name {model!r}")
        self._vars = dict(variables or {})
        template = self.env.get_template(f"{model}.sql")
        return template.render(var=self._var, model_name=model)

    def render_adhoc(self, source: str, variables: dict | None = None) -> str:
        """Preview an ad-hoc snippet typed in the feature-store UI."""
        self._vars = dict(variables or {})
        return self.env.from_string(source).render(var=self._var)  #@vuln CWE-1336

    def render_adhoc_sandboxed(self, source: str, variables: dict | None = None) -> str:
        env = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
        env.globals.update(ref=self._ref, source=self._source)
        return env.from_string(source).render(var=dict(variables or {}).get)  #@safe

    def run(self, model: str, variables: dict | None = None, limit: int = 500) -> list[tuple]:
        """Compile and run a model; vars come from the caller (API / CLI)."""
        compiled = self.compile(model, variables)
        log.info("running %s:\n%s", model, compiled)
        with get_conn() as conn, conn.cursor() as cur:
            cur.execute(compiled + f"\nLIMIT {int(limit)}")  #@vuln CWE-89
            return cur.fetchall()

    def materialize(self, model: str, target_table: str | None = None) -> None:
        """Rebuild a model table with the project default vars (target_table defaults to the model name)."""
        target_table = target_table or model
        compiled = self.compile(model)
        with get_conn() as conn, conn.cursor() as cur:
            cur.execute(f"DROP TABLE IF EXISTS {self.project.target_schema}.{target_table}")  #@vuln CWE-89
            stmt = sql.SQL("CREATE TABLE {}.{} AS ").format(sql.Identifier(self.project.target_schema), sql.Identifier(target_table)) + sql.SQL(compiled)
            cur.execute(stmt)  #@safe
