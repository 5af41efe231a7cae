// A minimal server-sent events client (one socket per stream, like a browser's EventSource).
import http from "node:http";

export interface Frame {
  id?: string;
  event?: string;
  data: any;
}

export interface Stream {
  close(): void;
}

function parseBlock(block: string): Frame | null {
  let id: string | undefined;
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    else if (line.startsWith("id:")) id = line.slice(3).trim();
    else if (line.startsWith("event:")) event = line.slice(6).trim();
  }
  if (data.length === 0) return null; // comments (keep-alive) and retry: lines
  const text = data.join("\n");
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { id, event, data: parsed };
}

export function openStream(
  url: string,
  onFrame: (frame: Frame) => void,
  headers: Record<string, string> = {},
): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent: false, headers: { accept: "text/event-stream", ...headers } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`stream ${url} → ${response.statusCode}`));
          return;
        }
        response.setEncoding("utf8");
        let buffer = "";
        response.on("data", (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const frame = parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (frame) onFrame(frame);
            end = buffer.indexOf("\n\n");
          }
        });
        response.on("error", () => {});
        resolve({ close: () => request.destroy() });
      },
    );
    request.on("error", (error) => reject(new Error(`stream ${url}: ${error.message}`, { cause: error })));
  });
}
