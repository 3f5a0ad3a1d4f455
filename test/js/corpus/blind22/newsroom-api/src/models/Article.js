const mongoose = require('mongoose');

const articleSchema = new mongoose.Schema(
  {
    slug: { type: String, required: true, unique: true, index: true },
    title: { type: String, required: true },
    summary: String,
    body: String,
    section: { type: String, index: true },
    tags: [String],
    status: { type: String, enum: ['draft', 'review', 'published'], default: 'draft' },
    author: { type: mongoose.Schema.Types.ObjectId, ref: 'User' },
    views: { type: Number, default: 0 },
    publishedAt: Date,
  },
  { timestamps: true }
);

articleSchema.index({ title: 'text', summary: 'text' });

module.exports = mongoose.model('Article', articleSchema);
