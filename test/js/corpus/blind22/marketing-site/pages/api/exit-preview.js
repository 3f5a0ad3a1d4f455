const SAFE_PATH = /^\/(?!\/)[\w\-/]*$/;

export default function exitPreview(req, res) {
  res.clearPreviewData();
  const dest = String(req.query.path || '/');
  res.redirect(307, SAFE_PATH.test(dest) ? dest : '/'); //@safe
}
