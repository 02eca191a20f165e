// Replaced at bundle time by esbuild (`define`); the fallback serves the unbundled tests.
declare const TRAIL_LINT_VERSION: string | undefined;

export const VERSION: string = typeof TRAIL_LINT_VERSION === 'string' ? TRAIL_LINT_VERSION : '0.0.0-dev';
