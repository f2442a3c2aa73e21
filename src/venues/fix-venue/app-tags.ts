/** FIX 4.4 application tags the FIX venue reads or writes, by name, so code never carries bare numbers. */
export const AppTag = {
  AvgPx: 6,
  ClOrdID: 11,
  CumQty: 14,
  ExecID: 17,
  LastPx: 31,
  LastQty: 32,
  OrderID: 37,
  OrderQty: 38,
  OrdStatus: 39,
  OrdType: 40,
  OrigClOrdID: 41,
  Price: 44,
  RefSeqNum: 45,
  Side: 54,
  Symbol: 55,
  Text: 58,
  TimeInForce: 59,
  TransactTime: 60,
  CxlRejReason: 102,
  OrdRejReason: 103,
  NoRelatedSym: 146,
  ExecType: 150,
  LeavesQty: 151,
  MDReqID: 262,
  SubscriptionRequestType: 263,
  MarketDepth: 264,
  NoMDEntryTypes: 267,
  NoMDEntries: 268,
  MDEntryType: 269,
  MDEntryPx: 270,
  MDEntrySize: 271,
  MDUpdateAction: 279,
  MDReqRejReason: 281,
  RefMsgType: 372,
  BusinessRejectRefID: 379,
  BusinessRejectReason: 380,
  CxlRejResponseTo: 434,
  MassStatusReqID: 584,
  MassStatusReqType: 585,
  OrdStatusReqID: 790,
  TotNumReports: 911,
  LastRptRequested: 912,
} as const;

/** The application MsgTypes the FIX venue takes or sends. */
export const AppMsgType = {
  NewOrderSingle: 'D',
  OrderCancelRequest: 'F',
  OrderCancelReplaceRequest: 'G',
  OrderStatusRequest: 'H',
  OrderMassStatusRequest: 'AF',
  MarketDataRequest: 'V',
  ExecutionReport: '8',
  OrderCancelReject: '9',
  BusinessMessageReject: 'j',
  MarketDataSnapshotFullRefresh: 'W',
  MarketDataIncrementalRefresh: 'X',
  MarketDataRequestReject: 'Y',
} as const;

/** OrdRejReason (103) values the venue gives a refused NewOrderSingle. */
export const OrdRejReason = {
  UnknownSymbol: '1',
  DuplicateOrder: '6',
  UnsupportedOrderCharacteristic: '11',
  IncorrectQuantity: '13',
  Other: '99',
} as const;

/** CxlRejReason (102) values of an OrderCancelReject (9). */
export const CxlRejReason = {
  TooLateToCancel: '0',
  UnknownOrder: '1',
  PendingCancelOrReplace: '3',
  DuplicateClOrdID: '6',
  Other: '99',
} as const;

/** BusinessRejectReason (380) values of a BusinessMessageReject (j). */
export const BusinessRejectReason = {
  Other: '0',
  UnsupportedMessageType: '3',
  ConditionallyRequiredFieldMissing: '5',
} as const;
