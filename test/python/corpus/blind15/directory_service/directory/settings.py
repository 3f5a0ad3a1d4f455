import os

LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.example:636")
LDAP_BIND_DN = "cn=svc-directory,ou=services,dc=corp,dc=example"
LDAP_BIND_PASSWORD = "changeme-ldap-bind-pass"  #@vuln CWE-798|CWE-259
PEOPLE_BASE = "ou=people,dc=corp,dc=example"
GROUPS_BASE = "ou=groups,dc=corp,dc=example"
MONGO_URL = os.environ.get("MONGO_URL", "mongodb://mongo:27017")
