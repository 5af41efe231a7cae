/**
 * Cuts a knowledge source into the pieces the full-text index finds and the model reads. A FAQ entry is one piece
 * (question and answer together: a search for either finds both). A document is cut at its Markdown headings, then
 * into paragraphs packed up to a size a model reads in one go; each piece carries its headings, so "Refunds" under
 * "Returns" is still about returns when it is read alone.
 */
export const CHUNK_CHARS = 1200;

export function faqChunks(question: string, answer: string): string[] {
  return [`Q: ${question.trim()}\nA: ${answer.trim()}`];
}

export function documentChunks(title: string, text: string, size = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  const headings: string[] = [];
  let paragraphs: string[] = [];

  const flush = () => {
    const context = [title.trim(), ...headings].filter(Boolean).join(" › ");
    for (const piece of pack(paragraphs, size)) chunks.push(context ? `${context}\n\n${piece}` : piece);
    paragraphs = [];
  };

  for (const block of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    const heading = /^(#{1,6})\s+(.+)$/.exec(trimmed.split("\n")[0] ?? "");
    if (heading) {
      flush();
      const level = heading[1].length;
      headings.splice(level - 1);
      headings[level - 1] = heading[2].trim();
      const rest = trimmed.split("\n").slice(1).join("\n").trim();
      if (rest) paragraphs.push(rest);
      continue;
    }
    paragraphs.push(trimmed);
  }
  flush();
  return chunks;
}

/** Paragraphs joined up to `size`; one longer than that is cut at sentence ends (or hard, as a last resort). */
function pack(paragraphs: string[], size: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const paragraph of paragraphs.flatMap((p) => (p.length > size ? split(p, size) : [p]))) {
    if (current && current.length + paragraph.length + 2 > size) {
      out.push(current);
      current = "";
    }
    current = current ? `${current}\n\n${paragraph}` : paragraph;
  }
  if (current) out.push(current);
  return out;
}

function split(paragraph: string, size: number): string[] {
  const sentences = paragraph.match(/[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g) ?? [paragraph];
  const out: string[] = [];
  let current = "";
  for (const sentence of sentences) {
    for (let i = 0; i < sentence.length; i += size) {
      const part = sentence.slice(i, i + size);
      if (current && current.length + part.length > size) {
        out.push(current.trim());
        current = "";
      }
      current += part;
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
