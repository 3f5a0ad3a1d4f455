"""Media library server: previews, galleries, downloads and archive imports."""
import io
import os
import shutil
import tarfile
import zipfile

from flask import (Flask, Markup, Response, abort, make_response, render_template,
                   render_template_string, request, send_file, send_from_directory)
from markupsafe import escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
MEDIA_ROOT = "/var/lib/media"
IMPORT_ROOT = "/var/lib/media/imports"


def _page(title, body):
    return "<html><head><title>%s</title></head><body>%s</body></html>" % (title, body)


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    return "<h1>Hello " + name + "</h1>"  #@vuln CWE-79


@app.route("/hello/safe")
def hello_safe():
    name = request.args.get("name", "guest")
    return "<h1>Hello " + str(escape(name)) + "</h1>"  #@safe


@app.route("/album")
def album():
    title = request.args.get("title", "")
    html = f"""
    <div class="album">
      <h2>{title}</h2>
    </div>
    """
    return html  #@vuln CWE-79


@app.route("/caption")
def caption():
    text = request.form["caption"]
    return Markup("<figcaption>%s</figcaption>" % text)  #@vuln CWE-79


@app.route("/caption/safe")
def caption_safe():
    text = request.form["caption"]
    return Markup("<figcaption>%s</figcaption>") % text  #@safe


@app.route("/notice")
def notice():
    msg = request.args.get("msg", "")
    resp = make_response("<p class='notice'>{}</p>".format(msg))  #@vuln CWE-79
    resp.headers["Cache-Control"] = "no-store"
    return resp


@app.route("/banner")
def banner():
    tpl = "<div class='banner'>" + request.args.get("banner", "") + "</div>"
    return render_template_string(tpl)  #@vuln CWE-79|CWE-94|CWE-1336


@app.route("/banner/safe")
def banner_safe():
    return render_template_string("<div class='banner'>{{ b }}</div>", b=request.args.get("banner", ""))  #@safe


@app.route("/search")
def search():
    q = request.args.get("q", "")
    body = "<p>No results for <b>" + q + "</b></p>"
    return Response(_page("Search", body), mimetype="text/html")  #@vuln CWE-79


@app.route("/profile/<user>")
def profile(user):
    return render_template("profile.html", user=user)  #@safe


@app.route("/raw")
def raw_file():
    name = request.args["file"]
    with open(os.path.join(MEDIA_ROOT, name), "rb") as fh:  #@vuln CWE-22
        return fh.read()


@app.route("/thumb")
def thumb():
    name = request.args.get("img")
    path = MEDIA_ROOT + "/thumbs/" + name
    return send_file(path)  #@vuln CWE-22


@app.route("/thumb/safe")
def thumb_safe():
    name = os.path.basename(request.args.get("img", ""))
    path = os.path.realpath(os.path.join(MEDIA_ROOT, "thumbs", name))
    if not path.startswith(MEDIA_ROOT + os.sep):
        abort(404)
    return send_file(path)  #@safe


@app.route("/poster/<path:sub>")
def poster(sub):
    return send_from_directory(MEDIA_ROOT, sub)  #@safe


@app.route("/original")
def original():
    album = request.args.get("album")
    name = secure_filename(request.args.get("name", ""))
    return send_file(os.path.join(MEDIA_ROOT, name))  #@safe


@app.route("/export")
def export():
    folder = request.args.get("folder", "")
    target = os.path.join(MEDIA_ROOT, "exports", folder)
    shutil.rmtree(target)  #@vuln CWE-22
    return "ok"


@app.route("/import/zip", methods=["POST"])
def import_zip():
    upload = request.files["archive"]
    with zipfile.ZipFile(io.BytesIO(upload.read())) as zf:
        zf.extractall(IMPORT_ROOT)  #@vuln CWE-22
    return "imported"


@app.route("/import/tar", methods=["POST"])
def import_tar():
    upload = request.files["archive"]
    tf = tarfile.open(fileobj=upload.stream, mode="r:gz")
    tf.extractall(path=IMPORT_ROOT)  #@vuln CWE-22
    tf.close()
    return "imported"


@app.route("/import/tar/safe", methods=["POST"])
def import_tar_safe():
    upload = request.files["archive"]
    with tarfile.open(fileobj=upload.stream, mode="r:gz") as tf:
        tf.extractall(path=IMPORT_ROOT, filter="data")  #@safe
    return "imported"


def unpack_members(archive_path, dest):
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.namelist():
            target = os.path.join(dest, member)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)


def unpack_members_safe(archive_path, dest):
    root = os.path.realpath(dest)
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.infolist():
            target = os.path.realpath(os.path.join(root, member.filename))
            if not target.startswith(root + os.sep):
                raise ValueError("unsafe member " + member.filename)
            zf.extract(member, root)  #@safe


def extract_one(archive_path, member_name, dest):
    with tarfile.open(archive_path) as tf:
        tf.extract(member_name, dest)  #@vuln CWE-22
