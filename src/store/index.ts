/** Where orders and their history live: the interface, and the in-memory store. */
export { MemoryOrderStore, type MemoryOrderStoreOptions } from './memory-order-store.js';
export type { OrderQuery, OrderStore } from './order-store.js';
