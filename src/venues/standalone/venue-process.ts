import { runVenueMain } from './venue-main.js';

/**
 * The standalone venue as a process of its own (`tsx src/venues/standalone/venue-process.ts --port 9100`),
 * for harnesses that must kill exo without killing the venue.
 */
process.exitCode = await runVenueMain(process.argv.slice(2));
