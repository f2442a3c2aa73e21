/** What an instruction asks of an order: create it, change it, or cancel it. */
export type MsgType = 'new' | 'replace' | 'cancel';

/** Every message type, for validation. */
export const MSG_TYPES: readonly MsgType[] = ['new', 'replace', 'cancel'];
