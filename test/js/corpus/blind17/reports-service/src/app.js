const express = require("express");
const cors = require("cors");
const cookieParser = require("cookie-parser");
const mongoose = require("mongoose");
const config = require("./config");
const { authenticate } = require("./middleware/auth");

const app = express();

app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: "1mb" }));
app.use(cookieParser());

app.use("/users", require("./routes/users"));
app.use("/reports", authenticate, require("./routes/reports"));
app.use("/formulas", authenticate, require("./routes/formulas"));

app.use((err, req, res, _next) => {
  req.log?.error(err);
  res.status(err.status || 500).json({ error: err.expose ? err.message : "internal_error" });
});

mongoose.connect(config.mongoUri).then(() => {
  app.listen(config.port, () => console.log(`reports-service on :${config.port}`));
});

module.exports = app;
