"""Upload handling and header extraction for netCDF / HDF5 datasets."""
import os
import pickle
import zipfile

import h5py
import netCDF4
import numpy as np
from werkzeug.utils import secure_filename

ALLOWED_EXTENSIONS = {".nc", ".nc4", ".h5", ".hdf5", ".he5", ".zip"}


class UploadRejected(ValueError):
    pass


def _check_extension(filename):
    ext = os.path.splitext(filename)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise UploadRejected(f"unsupported file type {ext!r}")
    return ext


def save_upload(upload_root, project_slug, file_storage, subdir=""):
    """Store an uploaded file under the project's staging folder."""
    filename = secure_filename(file_storage.filename or "")
    _check_extension(filename)
    target_dir = os.path.join(upload_root, project_slug, subdir)
    os.makedirs(target_dir, exist_ok=True)
    dest = os.path.join(target_dir, filename)
    file_storage.save(dest)  #@vuln CWE-22
    return dest


def resolve_staged(upload_root, project_slug, name):
    root = os.path.realpath(os.path.join(upload_root, project_slug))
    candidate = os.path.realpath(os.path.join(root, os.path.basename(name)))
    if not candidate.startswith(root + os.sep):
        raise UploadRejected("bad path")
    return candidate


def read_staged(upload_root, project_slug, name):
    path = resolve_staged(upload_root, project_slug, name)
    with open(path, "rb") as fh:  #@safe
        return fh.read()


def unpack_bundle(bundle_path, dest_dir):
    """Bundles are zip files of netCDF granules produced by instrument pipelines."""
    extracted = []
    with zipfile.ZipFile(bundle_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.join(dest_dir, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:  #@vuln CWE-22
                out.write(zf.read(info))
            extracted.append(target)
    return extracted


def netcdf_summary(path):
    with netCDF4.Dataset(path, "r") as ds:
        return {
            "format": ds.data_model,
            "dimensions": {name: len(dim) for name, dim in ds.dimensions.items()},
            "variables": [
                {"name": name, "dtype": str(var.dtype), "shape": list(var.shape),
                 "units": getattr(var, "units", None), "long_name": getattr(var, "long_name", None)}
                for name, var in ds.variables.items()
            ],
            "attributes": {k: str(ds.getncattr(k)) for k in ds.ncattrs()},
        }


def hdf5_summary(path):
    variables = []
    provenance = None
    with h5py.File(path, "r") as h5:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                variables.append({"name": name, "dtype": str(obj.dtype), "shape": list(obj.shape),
                                  "units": obj.attrs.get("units")})
        h5.visititems(visit)
        attrs = {k: str(v) for k, v in h5.attrs.items() if k != "provenance"}
        if "provenance" in h5.attrs:
            # provenance block written by the lab's processing toolkit
            provenance = pickle.loads(np.void(h5.attrs["provenance"]).tobytes())  #@vuln CWE-502
    return {"format": "HDF5", "variables": variables, "attributes": attrs, "provenance": provenance}


def summarise(path):
    ext = _check_extension(path)
    if ext in (".nc", ".nc4"):
        return netcdf_summary(path)
    return hdf5_summary(path)


def load_variable(path, variable, max_points=200_000):
    """Return a flattened, decimated numpy array for plotting previews."""
    if path.endswith((".nc", ".nc4")):
        with netCDF4.Dataset(path, "r") as ds:
            data = np.asarray(ds.variables[variable][:])
    else:
        with h5py.File(path, "r") as h5:
            data = np.asarray(h5[variable][()])
    flat = data.ravel()
    step = max(1, flat.size // max_points)
    return flat[::step]
