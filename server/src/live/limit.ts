// A tiny concurrency limiter: at most `max` tasks in flight, the rest wait their turn in order. The live
// check keeps a few calls per service in flight, so that an account with many trails or buckets neither
// waits on one call at a time nor trips the service's rate limit (the SDK's adaptive retry handles the rest).

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`a limit must be a positive integer, not ${max}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finished task hands its slot straight to the next waiter (active unchanged), so that a newcomer
    // arriving in between cannot take it too and exceed the limit.
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** One limiter per key (per service), made on first use. */
export function createKeyedLimiter(max: number): (key: string) => Limiter {
  const limiters = new Map<string, Limiter>();
  return (key) => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createLimiter(max);
      limiters.set(key, limiter);
    }
    return limiter;
  };
}
