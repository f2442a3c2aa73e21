import type { FixSession } from '../../fix/session.js';
import { AppMsgType, AppTag } from './app-tags.js';
import type { JournaledReport } from './order-journal.js';

/** How far back from its latest message a session's store is searched for the last report. */
const SEARCH_BACK = 10_000;

/**
 * After a restart: sends the journal's last report again if the kill came after it was journaled
 * but before its session stored it (no stored message carries its ExecID), so the counterparty
 * never misses a report the book has applied. Returns whether it was sent.
 */
export function sendLostReport(
  report: JournaledReport | undefined,
  sessions: ReadonlyMap<string, FixSession>,
): boolean {
  if (report === undefined) return false;
  const session = sessions.get(report.owner);
  const execId = report.body.find(([tag]) => tag === AppTag.ExecID)?.[1];
  if (session === undefined || execId === undefined) return false;
  const store = session.options.store;
  const needle = `\x01${AppTag.ExecID}=${execId}\x01`;
  const last = store.nextSenderSeq - 1;
  for (let seq = last; seq >= Math.max(1, last - SEARCH_BACK); seq--) {
    if (store.sentMessage(seq)?.includes(needle) === true) return false;
  }
  session.send(AppMsgType.ExecutionReport, report.body);
  return true;
}
