import { randomFillSync } from "node:crypto";

/**
 * Cryptographically strong random bytes, drawn from a pool refilled 4 KiB at a time: one call into OpenSSL per
 * hundreds of ids instead of one each (Node pools `randomUUID` the same way). Each byte is handed out once.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

export function randomBytes(size: number): Buffer {
  if (size > pool.length) return randomFillSync(Buffer.alloc(size));
  if (offset + size > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  // A copy: the pool's bytes are overwritten at the next refill.
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
