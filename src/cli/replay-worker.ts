/** The worker_threads entry of `exo replay --sweep`: runs each job it is sent through the pipeline. */
import { serveJobs } from '../replay/serve-jobs.js';
import { REPLAY_PARTS, replayPipeline } from './replay-pipeline.js';

const pipeline = replayPipeline(REPLAY_PARTS);
serveJobs(pipeline.run);
