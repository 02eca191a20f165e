// What the rest of the program loads of the live check, on first use: reading the account with the AWS SDK.
// The bundler makes this file its own bundle (dist/live.js, see scripts/esbuild.mjs), so the ~1 MB of SDK
// is neither parsed nor loaded when the editor or the CLI only lint templates.
export { createClients } from './clients';
export { collectSnapshot } from './collect';
export { listProfiles } from './profiles';
