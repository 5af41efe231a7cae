import { describe, expect, it } from "vitest";
import { topics } from "./bus";
import { MAX_NOTIFY_BYTES, packBatches, readBatch, toWireItem } from "./wire";

describe("[LIVE] what instances tell each other", () => {
  it("sends timeline events as references and change hints as they are", () => {
    const event = { id: 42, conversationId: "c1", seq: 3, data: { text: "x".repeat(10_000) } };
    expect(toWireItem(topics.conversation("c1"), event)).toEqual({ t: "conversation:c1", e: 42 });
    expect(toWireItem(topics.all, event)).toEqual({ t: "all", e: 42 });
    const change = { type: "agent.changed", agentId: "a1" };
    expect(toWireItem(topics.changes, change)).toEqual({ t: "changes", v: change });
    expect(() => toWireItem(topics.all, { type: "not stored" })).toThrow(/stored timeline event/);
    // A model's reply as it is written is not a timeline event: it crosses as it is.
    const draft = { draftId: "d1", n: 0, text: "Hel", done: false, agentName: "Ava" };
    expect(toWireItem(topics.draft("c1"), draft)).toEqual({ t: "draft:c1", v: draft });
  });

  it("packs many items, in order, into numbered notifications under PostgreSQL's limit", () => {
    // (and with the events themselves, too many to carry in one)
    const events = new Map(
      Array.from({ length: 300 }, (_, i) => [
        i,
        { id: i, conversationId: "c", seq: i, data: { text: "x".repeat(100) } },
      ]),
    );
    let m = 0;
    const carried = packBatches(
      "instance-1",
      [...events.values()].map((event) => toWireItem(topics.all, event)),
      () => ++m,
      events,
    );
    expect(carried.payloads.length).toBeGreaterThan(1);
    for (const payload of carried.payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_NOTIFY_BYTES);
    const read = carried.payloads.map((payload) => readBatch(payload));
    expect(read.flatMap((batch) => Object.values(batch?.x ?? {}))).toEqual([...events.values()]);
    let n = 0;
    const items = Array.from({ length: 2_000 }, (_, i) => toWireItem(topics.all, { id: i }));
    items.push(toWireItem(topics.queue("q"), { type: "queue.changed", queueId: "é".repeat(1_000) }));
    const { payloads, tooBig } = packBatches("instance-1", items, () => ++n);
    expect(tooBig).toEqual([]);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_NOTIFY_BYTES);
    const batches = payloads.map((payload) => readBatch(payload));
    expect(batches.every((batch) => batch?.x && Object.keys(batch.x).length === 0)).toBe(true); // no events given
    expect(batches.map((batch) => batch?.n)).toEqual(payloads.map((_, i) => i + 1));
    expect(batches.every((batch) => batch?.i === "instance-1")).toBe(true);
    expect(batches.flatMap((batch) => batch?.m ?? [])).toEqual(items);
  });

  it("carries small events whole, once per notification although published on two topics; big ones by reference", () => {
    const small = { id: 1, conversationId: "c1", seq: 1, data: { text: "hello" } };
    const big = { id: 2, conversationId: "c1", seq: 2, data: { text: "🙂".repeat(4_000) } };
    const items = [small, big].flatMap((event) => [
      toWireItem(topics.conversation("c1"), event),
      toWireItem(topics.all, event),
    ]);
    const { payloads } = packBatches("i", items, () => 1, new Map([small, big].map((event) => [event.id, event])));
    expect(payloads).toHaveLength(1);
    const batch = readBatch(payloads[0]);
    expect(batch?.m).toEqual(items);
    expect(batch?.x).toEqual({ 1: small }); // the big one is read from its row
    expect(payloads[0].split('"hello"')).toHaveLength(2); // once
  });

  it("sets aside an item too big for any notification instead of failing the batch", () => {
    const big = toWireItem(topics.changes, { type: "queue.changed", queueId: "x".repeat(MAX_NOTIFY_BYTES) });
    const small = toWireItem(topics.changes, { type: "queue.changed", queueId: "q" });
    const { payloads, tooBig } = packBatches("i", [big, small], () => 1);
    expect(tooBig).toEqual([big]);
    expect(payloads.map((payload) => readBatch(payload)?.m)).toEqual([[small]]);
  });

  it("reads only notifications in its own format", () => {
    expect(readBatch("not json")).toBeNull();
    expect(readBatch(JSON.stringify({ f: 2, i: "x", n: 1, m: [] }))).toBeNull();
    expect(readBatch(JSON.stringify({ f: 1, i: "x", n: 1, m: [{ t: "all" }] }))).toBeNull();
    expect(readBatch(JSON.stringify({ f: 1, i: "x", n: 1, m: [{ t: "all", e: 1 }] }))?.m).toEqual([{ t: "all", e: 1 }]);
  });
});
