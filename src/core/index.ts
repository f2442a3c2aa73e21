export type { ActionObserver } from './action-timing.js';
export { type CancelTimer, type Clock, RealClock, VirtualClock } from './clock.js';
export { ConflatingQueue, type ConflatingQueueOptions } from './conflating-queue.js';
export type { Delegate, DelegateContext, DelegateFactory } from './delegate.js';
export { Dispatcher, type DispatcherOptions } from './dispatcher.js';
export {
  type EngineError,
  type EngineErrorSource,
  InstructionError,
  type InstructionErrorCode,
} from './errors.js';
export type { DispatcherEvents } from './events.js';
export { type CancelInstruction, type Instruction, validateInstruction } from './instruction.js';
export type { MarketDataSink, MarketDataSubscriber } from './market-data.js';
export { orderIdGenerator } from './order-id.js';
export { OrderProcess, type ProcessOwner } from './order-process.js';
export type { DispatcherStats } from './stats.js';
export { mergeUpdates, type Update } from './update.js';
