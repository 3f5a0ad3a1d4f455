# JupyterHub configuration for hub.rc.campus.edu
import os

import yaml

c = get_config()  # noqa: F821

c.JupyterHub.bind_url = "http://127.0.0.1:8000"
c.JupyterHub.hub_ip = "0.0.0.0"
c.JupyterHub.cookie_secret_file = "/srv/jupyterhub/jupyterhub_cookie_secret"
c.JupyterHub.db_url = "sqlite:////srv/jupyterhub/jupyterhub.sqlite"
c.ConfigurableHTTPProxy.auth_token = os.environ["CONFIGPROXY_AUTH_TOKEN"]

# Campus LDAP login
c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"
c.LDAPAuthenticator.server_address = "ldap.campus.edu"
c.LDAPAuthenticator.server_port = 636
c.LDAPAuthenticator.use_ssl = True
c.LDAPAuthenticator.lookup_dn = True
c.LDAPAuthenticator.user_search_base = "ou=people,dc=campus,dc=edu"
c.LDAPAuthenticator.user_attribute = "uid"
c.LDAPAuthenticator.lookup_dn_search_user = "cn=jupyterhub,ou=services,dc=campus,dc=edu"
c.LDAPAuthenticator.lookup_dn_search_password = "Jhub-L00kup-2022"  #@vuln CWE-798
c.LDAPAuthenticator.allowed_groups = ["cn=hpc-users,ou=groups,dc=campus,dc=edu"]
c.Authenticator.admin_users = {"rcadmin", "hpcops"}

# Spawn single-user servers as Slurm jobs
c.JupyterHub.spawner_class = "hub.spawner.PortalSlurmSpawner"
c.Spawner.http_timeout = 300
c.Spawner.start_timeout = 600
c.Spawner.default_url = "/lab"
c.SlurmSpawner.batch_script = """#!/bin/bash
#SBATCH --partition={{partition}}
#SBATCH --time={{runtime}}
#SBATCH --output={{homedir}}/.jupyter-%j.log
#SBATCH --chdir={{homedir}}
#SBATCH --cpus-per-task={{nprocs}}
#SBATCH --mem={{memory}}
#SBATCH --export={{keepvars}}
#SBATCH {{options}}
module load jupyterlab/4
{{cmd}}
"""

with open("/etc/jupyterhub/partitions.yaml") as fh:
    c.PortalSlurmSpawner.partitions = yaml.safe_load(fh)["partitions"]  #@safe
c.PortalSlurmSpawner.portal_url = os.environ.get("RC_PORTAL_URL", "https://rc.campus.edu")

# The portal is registered as a service so it can list and stop servers
c.JupyterHub.services = [
    {"name": "rcportal", "api_token": os.environ["RCPORTAL_HUB_TOKEN"], "url": "http://127.0.0.1:8080"},
]
c.JupyterHub.load_roles = [
    {"name": "rcportal-service", "scopes": ["list:users", "read:servers", "delete:servers"], "services": ["rcportal"]},
]
c.JupyterHub.cleanup_servers = False
