const Article = require('../models/Article');

const SORTS = {
  newest: { publishedAt: -1 },
  popular: { views: -1 },
  title: { title: 1 },
};

function escapeRegExp(text) {
  return String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class ArticleService {
  async listPublished({ section, page = 1, limit = 20, sort = 'newest' }) {
    const filter = { status: 'published' };
    if (section) filter.section = String(section);
    return Article.find(filter) //@safe
      .sort(SORTS[sort] || SORTS.newest)
      .skip((Number(page) - 1) * Number(limit))
      .limit(Math.min(Number(limit), 100))
      .lean();
  }

  async findForEditor(criteria) {
    return Article.find({ ...criteria, status: { $ne: 'archived' } }).lean(); //@vuln CWE-943
  }

  async searchTitles(term) {
    const pattern = new RegExp(term, 'i'); //@vuln CWE-1333
    const recent = await Article.find({ status: 'published' })
      .select('slug title')
      .sort({ publishedAt: -1 })
      .limit(500)
      .lean();
    return recent.filter((a) => pattern.test(a.title)).slice(0, 25);
  }

  async suggestTitles(term) {
    const pattern = new RegExp('^' + escapeRegExp(term), 'i'); //@safe
    return Article.find({ title: pattern }).select('slug title').limit(10).lean();
  }

  async trending(minViews, windowDays) {
    const since = Date.now() - Number(windowDays || 7) * 86400000;
    return Article.find({ //@vuln CWE-943
      $where: `this.views >= ${minViews} && this.publishedAt.getTime() > ${since}`,
    }).lean();
  }

  async bySlug(slug) {
    return Article.findOne({ slug: String(slug), status: 'published' }).lean(); //@safe
  }

  async incrementViews(id) {
    await Article.updateOne({ _id: id }, { $inc: { views: 1 } });
  }
}

module.exports = new ArticleService();
