"""Directory, on-call and deploy lookups for the ops bot."""
import ldap

from common import config, db

PEOPLE_BASE = "ou=people,dc=corp,dc=internal"


def _ldap():
    conn = ldap.initialize(config.LDAP_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(config.LDAP_BIND_DN, config.LDAP_BIND_PASSWORD)
    return conn


def _decode(attrs):
    return {k: (v[0].decode() if v else "") for k, v in attrs.items()}


def whois(term):
    """Match on uid or display name so people can type `/whois ana`."""
    conn = _ldap()
    flt = "(&(objectClass=inetOrgPerson)(|(uid=" + term + ")(cn=*" + term + "*)))"
    try:
        results = conn.search_s(PEOPLE_BASE, ldap.SCOPE_SUBTREE, flt, ["uid", "cn", "mail", "title"])  #@vuln CWE-90
    finally:
        conn.unbind_s()
    return [_decode(attrs) for dn, attrs in results[:10] if dn]


def oncall_for(team):
    with db.pg_cursor() as cur:
        cur.execute(f"SELECT handle, phone, ends_at FROM oncall WHERE team = '{team}' AND now() BETWEEN starts_at AND ends_at")  #@vuln CWE-89
        return cur.fetchall()


def deploys_for(service, days=7):
    with db.pg_cursor() as cur:
        cur.execute("SELECT version, deployed_by, deployed_at FROM deploys WHERE service = %s AND deployed_at > now() - %s * interval '1 day' ORDER BY deployed_at DESC", (service, int(days)))  #@safe
        return cur.fetchall()
