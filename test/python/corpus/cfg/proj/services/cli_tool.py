import argparse
import os
import random
import string
import sys


def make_temp_password(n=10):
    chars = string.ascii_letters + string.digits
    return "".join(random.choice(chars) for _ in range(n))  #@vuln CWE-338|CWE-330


def pick_color():
    return random.choice(["red", "green", "blue"])  #@safe


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--password", default="adm1n-Default!")  #@vuln CWE-798|CWE-259
    parser.add_argument("--host", default="localhost")  #@safe
    args = parser.parse_args()
    os.environ["FLASK_DEBUG"] = "1"  #@vuln CWE-489|CWE-215
    os.chmod("/srv/app/uploads", 0o777)  #@vuln CWE-732
    print(make_temp_password())


if __name__ == "__main__":
    sys.exit(main())
