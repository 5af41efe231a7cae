// Sizes and durations of every measurement: the full run (by hand, on a quiet machine) and the smoke run (CI,
// seconds, tiny sizes: it only proves that everything still runs and the invariants hold).

export interface Sizes {
  engine: {
    /** Alternating rounds of floor / engine / prototypes; the median round is reported. */
    rounds: number;
    seconds: number;
    warmup: number;
    representatives: number;
    aiAgents: number;
    /** startConversation calls kept in flight (the adapter runs transactions one at a time anyway). */
    concurrency: number;
    /** Sequential assignments traced statement by statement (where the time goes). */
    profileAssignments: number;
  };
  http: { connections: number; seconds: number; warmupSeconds: number; representatives: number };
  live: {
    conversations: number;
    /** Each with a staff account and API key, acting as themselves. */
    representatives: number;
    seconds: number;
    messagesPerSecond: number;
    assignmentsWhileOpen: number;
  };
  growth: {
    members: [small: number, large: number];
    conversations: [small: number, large: number];
    /** Timed single assignments per case (after `warmup` untimed ones). */
    samples: number;
    warmup: number;
  };
  drain: { waiting: number; representatives: number; capacities: number[]; timeoutSeconds: number };
  /** Transfers and escalations into a queue against new conversations into it; timed calls per side. */
  handback: { representatives: number; aiAgents: number; samples: number; warmup: number };
}

export const fullSizes: Sizes = {
  engine: {
    rounds: 3,
    seconds: 5,
    warmup: 300,
    representatives: 50,
    aiAgents: 2,
    concurrency: 16,
    profileAssignments: 500,
  },
  http: { connections: 100, seconds: 15, warmupSeconds: 3, representatives: 50 },
  live: { conversations: 500, representatives: 50, seconds: 30, messagesPerSecond: 50, assignmentsWhileOpen: 50 },
  growth: { members: [10, 5_000], conversations: [1_000, 1_000_000], samples: 200, warmup: 30 },
  drain: { waiting: 10_000, representatives: 100, capacities: [1, 2, 3, 4, 5], timeoutSeconds: 300 },
  handback: { representatives: 50, aiAgents: 2, samples: 300, warmup: 30 },
};

export const smokeSizes: Sizes = {
  engine: {
    rounds: 1,
    seconds: 0.5,
    warmup: 20,
    representatives: 50,
    aiAgents: 2,
    concurrency: 4,
    profileAssignments: 20,
  },
  http: { connections: 10, seconds: 1, warmupSeconds: 0.5, representatives: 5 },
  live: { conversations: 10, representatives: 3, seconds: 1, messagesPerSecond: 20, assignmentsWhileOpen: 5 },
  growth: { members: [10, 200], conversations: [100, 5_000], samples: 10, warmup: 3 },
  drain: { waiting: 300, representatives: 10, capacities: [1, 2, 3, 4, 5], timeoutSeconds: 60 },
  handback: { representatives: 50, aiAgents: 2, samples: 12, warmup: 3 },
};

export interface BenchArgs {
  smoke: boolean;
  /** Where a measurement child writes its JSON result (set by run.ts). */
  out: string | null;
  only: string[] | null;
  sizes: Sizes;
}

export function parseArgs(argv = process.argv.slice(2)): BenchArgs {
  const smoke = argv.includes("--smoke");
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? (argv[index + 1] ?? null) : null;
  };
  const only = value("--only");
  return { smoke, out: value("--out"), only: only ? only.split(",") : null, sizes: smoke ? smokeSizes : fullSizes };
}
