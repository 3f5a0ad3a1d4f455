"""Slurm spawner for the campus JupyterHub, with resource choices from the portal."""
import asyncio
import random

from batchspawner import SlurmSpawner
from traitlets import Dict, Unicode

FORM_TEMPLATE = """
<label for="partition">Partition</label>
<select name="partition">{partitions}</select>
<label for="cores">Cores</label><input name="cores" type="number" value="2" min="1" max="32">
<label for="memory">Memory (GB, may use "cores")</label><input name="memory" value="4*cores">
<label for="gpus">GPUs</label><input name="gpus" type="number" value="0" min="0" max="4">
<label for="runtime">Wall time</label><input name="runtime" value="02:00:00">
<label for="workdir">Working directory</label><input name="workdir" placeholder="/scratch/$USER/jupyter">
"""


class PortalSlurmSpawner(SlurmSpawner):
    portal_url = Unicode("https://rc.campus.edu", config=True)
    partitions = Dict({"interactive": "Interactive (8h)", "gpu-short": "GPU short (4h)"}, config=True)

    def _options_form_default(self):
        opts = "".join(f'<option value="{k}">{v}</option>' for k, v in self.partitions.items())
        return FORM_TEMPLATE.format(partitions=opts)

    def options_from_form(self, formdata):
        def first(key, default):
            return (formdata.get(key) or [default])[0]

        partition = first("partition", "interactive")
        if partition not in self.partitions:
            partition = "interactive"
        return {
            "partition": partition,
            "cores": max(1, min(32, int(first("cores", "2")))),
            "memory_expr": first("memory", "4*cores"),
            "gpus": max(0, min(4, int(first("gpus", "0")))),
            "runtime": first("runtime", "02:00:00"),
            "workdir": first("workdir", ""),
        }

    def _memory_gb(self):
        expr = self.user_options.get("memory_expr") or "4*cores"
        value = eval(expr, {"__builtins__": {}}, {"cores": self.user_options.get("cores", 2)})  #@vuln CWE-95
        return max(1, min(512, int(value)))

    async def _prepare_workdir(self):
        workdir = self.user_options.get("workdir") or f"/scratch/{self.user.name}/jupyter"
        proc = await asyncio.create_subprocess_shell(f"mkdir -p {workdir} && lfs setstripe -c 1 {workdir}")  #@vuln CWE-78
        await proc.wait()
        return workdir

    async def start(self):
        opts = self.user_options
        self.req_partition = opts.get("partition", "interactive")
        self.req_nprocs = str(opts.get("cores", 2))
        self.req_memory = f"{self._memory_gb()}G"
        self.req_runtime = opts.get("runtime", "02:00:00")
        if opts.get("gpus"):
            self.req_options = f"--gres=gpu:{int(opts['gpus'])}"
        self.notebook_dir = await self._prepare_workdir()
        return await super().start()

    def get_env(self):
        env = super().get_env()
        env["RC_PORTAL_URL"] = self.portal_url
        # the portal's jupyter extension posts progress back with this key
        env["RC_SESSION_KEY"] = "%032x" % random.getrandbits(128)  #@vuln CWE-338
        return env
