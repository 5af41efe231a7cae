/**
 * The throttles and rate limits, from the environment (README: Configuration). Defaults are generous: a whole
 * office or call center of customers may share one address.
 */
export interface ServerLimits {
  /** Proxies in front of the server whose `x-forwarded-for` entries are believed (0: none, use the socket). */
  trustedProxies: number;
  signIn: SignInLimits;
  /** Conversations one client address may start per minute (sliding window). */
  startsPerMinute: number;
  /** Customer streams open at once on one conversation, and from one client address. */
  streamsPerConversation: number;
  streamsPerClient: number;
}

export interface SignInLimits {
  /** Failed sign-ins to one account, from anywhere, before each further failure locks it. */
  failuresPerAccount: number;
  /** Failed sign-ins from one client address, to any accounts, before each further failure locks the address. */
  failuresPerAddress: number;
  /** The first lock; each further failure doubles it, up to the maximum. */
  backoffSeconds: number;
  backoffMaxSeconds: number;
  /** Failures are forgotten once this long has passed without another (and no lock is running). */
  forgetAfterSeconds: number;
}

const variables = {
  trustedProxies: ["SWITCHBOARD_TRUSTED_PROXIES", 0, 0],
  failuresPerAccount: ["SWITCHBOARD_SIGNIN_FAILURES_PER_ACCOUNT", 5, 1],
  failuresPerAddress: ["SWITCHBOARD_SIGNIN_FAILURES_PER_ADDRESS", 50, 1],
  backoffSeconds: ["SWITCHBOARD_SIGNIN_BACKOFF_SECONDS", 30, 1],
  backoffMaxSeconds: ["SWITCHBOARD_SIGNIN_BACKOFF_MAX_SECONDS", 900, 1],
  forgetAfterSeconds: ["SWITCHBOARD_SIGNIN_FORGET_AFTER_SECONDS", 3600, 1],
  startsPerMinute: ["SWITCHBOARD_LIMIT_STARTS_PER_MINUTE", 60, 1],
  streamsPerConversation: ["SWITCHBOARD_LIMIT_STREAMS_PER_CONVERSATION", 10, 1],
  streamsPerClient: ["SWITCHBOARD_LIMIT_STREAMS_PER_CLIENT", 200, 1],
} as const satisfies Record<string, readonly [string, number, number]>;

/** A whole number from the environment; a typo fails the request that first needs it, naming the variable. */
function wholeNumber([name, fallback, min]: readonly [string, number, number]): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return value;
}

let cached: ServerLimits | null = null;

export function serverLimits(): ServerLimits {
  cached ??= {
    trustedProxies: wholeNumber(variables.trustedProxies),
    signIn: {
      failuresPerAccount: wholeNumber(variables.failuresPerAccount),
      failuresPerAddress: wholeNumber(variables.failuresPerAddress),
      backoffSeconds: wholeNumber(variables.backoffSeconds),
      backoffMaxSeconds: wholeNumber(variables.backoffMaxSeconds),
      forgetAfterSeconds: wholeNumber(variables.forgetAfterSeconds),
    },
    startsPerMinute: wholeNumber(variables.startsPerMinute),
    streamsPerConversation: wholeNumber(variables.streamsPerConversation),
    streamsPerClient: wholeNumber(variables.streamsPerClient),
  };
  return cached;
}
