var path = require('path');

module.exports = {
  port: process.env.PORT || 4000,
  uploadDir: path.join(__dirname, 'uploads'),
  thumbDir: path.join(__dirname, 'thumbs'),
  maxFileSize: 20 * 1024 * 1024,
  convertBin: process.env.CONVERT_BIN || '/usr/bin/convert'
};
