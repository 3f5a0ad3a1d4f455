import mongoose, { Schema, InferSchemaType } from 'mongoose';

const insightSchema = new Schema(
  {
    userId: { type: String, required: true, index: true },
    kind: { type: String, enum: ['overspend', 'subscription', 'income', 'savings', 'anomaly'], required: true },
    title: { type: String, required: true },
    body: String,
    score: { type: Number, default: 0 },
    tags: [String],
    dismissed: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export type InsightDoc = InferSchemaType<typeof insightSchema>;

export const Insight = mongoose.models.Insight || mongoose.model('Insight', insightSchema);

export async function findInsights(userId: string, filter: Record<string, unknown>) {
  return Insight.find({ userId, dismissed: false, ...filter })  //@vuln CWE-943
    .sort({ createdAt: -1 })
    .limit(50)
    .lean();
}

export async function findByKind(userId: string, kind: unknown) {
  return Insight.find({ userId, kind: String(kind), dismissed: false }).sort({ score: -1 }).lean();  //@safe
}

export async function topInsights(userId: string, minScore: string) {
  return Insight.find({  //@vuln CWE-943
    $where: `this.userId === '${userId}' && this.score >= ${minScore} && !this.dismissed`,
  })
    .limit(10)
    .lean();
}

export async function dismissInsight(userId: string, insightId: string) {
  const result = await Insight.updateOne({ _id: insightId, userId }, { $set: { dismissed: true } });
  return result.modifiedCount === 1;
}

export async function recordInsight(userId: string, insight: Omit<InsightDoc, 'userId' | 'dismissed'>) {
  return Insight.create({ ...insight, userId, dismissed: false });
}
