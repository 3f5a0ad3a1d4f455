const bcrypt = require('bcrypt');
const User = require('../models/User');
const { legacyPasswordHash, shortCode } = require('../utils/tokens');
const { deepMerge, safeAssign } = require('../utils/merge');

const PROFILE_FIELDS = ['displayName', 'bio', 'avatarUrl'];

class UserService {
  async authenticate(email, password) {
    const user = await User.findOne({ email: String(email).toLowerCase() }); //@safe
    if (!user) return null;
    if (user.passwordHash) {
      return (await bcrypt.compare(password, user.passwordHash)) ? user : null;
    }
    const [salt, digest] = (user.legacyHash || '').split('$');
    if (legacyPasswordHash(password, salt) !== digest) return null;
    user.passwordHash = await bcrypt.hash(password, 12); //@safe
    user.legacyHash = undefined;
    await user.save();
    return user;
  }

  async register({ email, password, displayName }) {
    const passwordHash = await bcrypt.hash(String(password), 12);
    return User.create({ email: String(email), displayName, passwordHash });
  }

  async startPasswordReset(email) {
    const user = await User.findOne({ email: String(email) });
    if (!user) return null;
    user.resetToken = shortCode(24);
    user.resetExpires = new Date(Date.now() + 3600 * 1000);
    await user.save();
    return user.resetToken;
  }

  async completePasswordReset(token, newPassword) {
    const user = await User.findOne({ resetToken: token, resetExpires: { $gt: new Date() } }); //@vuln CWE-943
    if (!user) return false;
    user.passwordHash = await bcrypt.hash(String(newPassword), 12);
    user.resetToken = undefined;
    user.resetExpires = undefined;
    await user.save();
    return true;
  }

  async updatePreferences(userId, patch) {
    const user = await User.findById(userId);
    const prefs = deepMerge(user.preferences || {}, patch);
    user.set('preferences', prefs);
    user.markModified('preferences');
    await user.save();
    return prefs;
  }

  async updateProfile(userId, body) {
    const user = await User.findById(userId);
    safeAssign(user, body, PROFILE_FIELDS);
    await user.save();
    return user;
  }
}

module.exports = new UserService();
