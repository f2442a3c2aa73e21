import type { FixMessage } from '../../fix/message.js';
import { AdminMsgType } from '../../fix/tags.js';
import { AppMsgType, BusinessRejectReason } from './app-tags.js';
import { refuseMessage } from './business-rejects.js';
import type { MarketDataDesk } from './market-data.js';
import type { OrderDesk } from './order-desk.js';
import { answerMassStatus, answerStatus } from './status-queries.js';

/**
 * Hands an application message from the counterparty `owner` to what serves it: orders to the
 * desk, V to market data; a session Reject or BusinessMessageReject from the counterparty is
 * only taken note of; any other MsgType gets a BusinessMessageReject (j) with reason 3.
 */
export function routeMessage(
  owner: string,
  m: FixMessage,
  desk: OrderDesk,
  marketData: MarketDataDesk,
): void {
  switch (m.msgType) {
    case AppMsgType.NewOrderSingle:
      desk.newOrder(owner, m);
      return;
    case AppMsgType.OrderCancelReplaceRequest:
      desk.replace(owner, m);
      return;
    case AppMsgType.OrderCancelRequest:
      desk.cancel(owner, m);
      return;
    case AppMsgType.OrderStatusRequest:
      answerStatus(desk.book, owner, m);
      return;
    case AppMsgType.OrderMassStatusRequest:
      answerMassStatus(desk.book, owner, m);
      return;
    case AppMsgType.MarketDataRequest:
      marketData.request(owner, m);
      return;
    case AdminMsgType.Reject:
    case AppMsgType.BusinessMessageReject:
      return;
    default:
      refuseMessage(
        desk.book.sendTo,
        owner,
        m,
        BusinessRejectReason.UnsupportedMessageType,
        `Unsupported MsgType ${m.msgType}`,
      );
  }
}
