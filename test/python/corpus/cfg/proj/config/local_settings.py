DEBUG = True  #@vuln CWE-489|CWE-215
EMAIL_HOST_PASSWORD = "smtp-Relay-77x"  #@vuln CWE-798|CWE-259
