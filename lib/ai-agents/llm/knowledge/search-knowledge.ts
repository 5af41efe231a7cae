import { getDb } from "@/lib/db/client";
import { dialectSql } from "@/lib/db/sql";

/** A piece of knowledge found for a query, with the source it came from (cited in the staff view). */
export interface KnowledgeHit {
  chunkId: number;
  sourceId: string;
  title: string;
  kind: "faq" | "document";
  text: string;
}

/** Words that would match nearly every piece and say nothing of what was asked. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be but by can could did do does for from had has have how i if in is it its me my no not of " +
    "on or our please so than that the their them there they this to was we what when where which who why will with " +
    "would you your"
  ).split(" "),
);

/** The query's words: letters and digits only (no index syntax can come through), stop words dropped, at most 12. */
export function searchWords(query: string): string[] {
  const words = (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length > 1 && !STOP_WORDS.has(word),
  );
  return [...new Set(words)].slice(0, 12);
}

/**
 * Full-text search in one agent's knowledge: SQLite FTS5 (bm25) or PostgreSQL's tsvector (ts_rank), any of the
 * query's words, best first. No external service: the database that holds the conversations holds the index.
 */
export async function searchKnowledge(agentId: string, query: string, limit = 4): Promise<KnowledgeHit[]> {
  const words = searchWords(query);
  if (words.length === 0) return [];
  const sql = dialectSql().knowledge;
  const rows = await getDb().$queryRawUnsafe<
    { chunkId: number | bigint; sourceId: string; title: string; kind: string; text: string }[]
  >(sql.search, sql.anyOf(words), agentId, limit);
  return rows.map((row) => ({
    chunkId: Number(row.chunkId),
    sourceId: row.sourceId,
    title: row.title,
    kind: row.kind === "faq" ? "faq" : "document",
    text: row.text,
  }));
}
