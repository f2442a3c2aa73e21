// A QuickFIX/C++ 1.15.1 peer for exo's interop tests: an acceptor or an initiator with a file store.
// Usage: qf-peer acceptor|initiator PORT STORE_DIR SENDER TARGET DICTIONARY [HEARTBTINT]
// Prints one line per event on stdout (LOGON, LOGOUT, IN/OUT with the raw message, '|' for SOH);
// reads commands on stdin: "D <ClOrdID> <Qty> <Price>" sends a NewOrderSingle, "F <ClOrdID> <Qty> <Price>"
// an ExecutionReport filling it (stored and sent on resend when not logged on), "M <MsgType> <tag=value|...>"
// any message of flat fields (TransactTime added to D, F and G), "V <MDReqID> <Symbol>" a MarketDataRequest
// subscribing to bid, offer and trades, "q" stops.
// As acceptor, it answers each NewOrderSingle with an ExecutionReport (new) for the same ClOrdID.
#include <quickfix/Application.h>
#include <quickfix/FileStore.h>
#include <quickfix/Log.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/SocketInitiator.h>
#include <quickfix/fix44/ExecutionReport.h>
#include <quickfix/fix44/MarketDataRequest.h>
#include <quickfix/fix44/NewOrderSingle.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>

namespace {

std::mutex out_mutex;

void emit(const std::string& kind, const std::string& text) {
  std::string line = text;
  std::replace(line.begin(), line.end(), '\x01', '|');
  std::lock_guard<std::mutex> lock(out_mutex);
  std::cout << kind << ' ' << line << std::endl;
}

std::string utcNow() {
  return FIX::UtcTimeStampConvertor::convert(FIX::UtcTimeStamp(), 3);
}

class Peer : public FIX::Application {
 public:
  explicit Peer(bool acceptor) : acceptor_(acceptor) {}
  FIX::SessionID session;
  bool loggedOn = false;

  void onCreate(const FIX::SessionID& id) override { session = id; }
  void onLogon(const FIX::SessionID&) override {
    loggedOn = true;
    emit("LOGON", "");
  }
  void onLogout(const FIX::SessionID&) override {
    loggedOn = false;
    emit("LOGOUT", "");
  }
  void toAdmin(FIX::Message& m, const FIX::SessionID&) override { emit("OUT", m.toString()); }
  void toApp(FIX::Message& m, const FIX::SessionID&) throw(FIX::DoNotSend) override {
    emit("OUT", m.toString());
  }
  void fromAdmin(const FIX::Message& m, const FIX::SessionID&) throw(
      FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {
    emit("IN", m.toString());
  }
  void fromApp(const FIX::Message& m, const FIX::SessionID& id) throw(
      FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue,
      FIX::UnsupportedMessageType) override {
    emit("IN", m.toString());
    FIX::MsgType type;
    m.getHeader().getField(type);
    if (acceptor_ && type == FIX::MsgType_NewOrderSingle) acknowledge(m, id);
  }

 private:
  bool acceptor_;
  int execs_ = 0;

  // An ExecutionReport (new) echoing the order: ClOrdID, Symbol, Side, OrderQty as the strings received.
  void acknowledge(const FIX::Message& order, const FIX::SessionID& id) {
    FIX::ClOrdID clOrdId;
    FIX::Symbol symbol;
    FIX::Side side;
    order.getField(clOrdId);
    order.getField(symbol);
    order.getField(side);
    const std::string qty = order.getField(FIX::FIELD::OrderQty);
    ++execs_;
    FIX44::ExecutionReport report(FIX::OrderID("QF-" + clOrdId.getValue()),
                                  FIX::ExecID("QFX-" + std::to_string(execs_) + "-" + clOrdId.getValue()),
                                  FIX::ExecType(FIX::ExecType_NEW), FIX::OrdStatus(FIX::OrdStatus_NEW), side,
                                  FIX::LeavesQty(0), FIX::CumQty(0), FIX::AvgPx(0));
    report.setField(clOrdId);
    report.setField(symbol);
    report.setField(FIX::FIELD::OrderQty, qty);
    report.setField(FIX::FIELD::LeavesQty, qty);
    FIX::Session::sendToTarget(report, id);
  }
};

void sendOrder(const FIX::SessionID& id, const std::string& clOrdId, const std::string& qty,
               const std::string& price) {
  FIX44::NewOrderSingle order(FIX::ClOrdID(clOrdId), FIX::Side(FIX::Side_BUY), FIX::TransactTime(),
                              FIX::OrdType(FIX::OrdType_LIMIT));
  order.set(FIX::Symbol("BTC-USD"));
  order.setField(FIX::FIELD::OrderQty, qty);
  order.setField(FIX::FIELD::Price, price);
  FIX::Session::sendToTarget(order, id);
}

void sendFill(const FIX::SessionID& id, const std::string& clOrdId, const std::string& qty,
              const std::string& price) {
  FIX44::ExecutionReport report(FIX::OrderID("QF-" + clOrdId), FIX::ExecID("QFF-" + clOrdId),
                                FIX::ExecType(FIX::ExecType_TRADE), FIX::OrdStatus(FIX::OrdStatus_FILLED),
                                FIX::Side(FIX::Side_BUY), FIX::LeavesQty(0), FIX::CumQty(0), FIX::AvgPx(0));
  report.set(FIX::ClOrdID(clOrdId));
  report.set(FIX::Symbol("BTC-USD"));
  report.setField(FIX::FIELD::OrderQty, qty);
  report.setField(FIX::FIELD::LastQty, qty);
  report.setField(FIX::FIELD::LastPx, price);
  report.setField(FIX::FIELD::CumQty, qty);
  report.setField(FIX::FIELD::AvgPx, price);
  FIX::Session::sendToTarget(report, id);
}

// Any message of flat fields: "tag=value|tag=value", TransactTime added to D, F and G when absent.
void sendFlat(const FIX::SessionID& id, const std::string& msgType, const std::string& fields) {
  FIX::Message message;
  message.getHeader().setField(FIX::MsgType(msgType));
  std::istringstream pairs(fields);
  std::string pair;
  while (std::getline(pairs, pair, '|')) {
    const auto equals = pair.find('=');
    if (equals == std::string::npos) continue;
    message.setField(std::stoi(pair.substr(0, equals)), pair.substr(equals + 1));
  }
  if ((msgType == "D" || msgType == "F" || msgType == "G") && !message.isSetField(FIX::FIELD::TransactTime))
    message.setField(FIX::TransactTime());
  FIX::Session::sendToTarget(message, id);
}

// A MarketDataRequest subscribing to the top of book (bid, offer) and trades of one symbol.
void sendMarketDataRequest(const FIX::SessionID& id, const std::string& reqId, const std::string& symbol) {
  FIX44::MarketDataRequest request(FIX::MDReqID(reqId),
                                   FIX::SubscriptionRequestType(FIX::SubscriptionRequestType_SNAPSHOT_PLUS_UPDATES),
                                   FIX::MarketDepth(1));
  for (const char type : {FIX::MDEntryType_BID, FIX::MDEntryType_OFFER, FIX::MDEntryType_TRADE}) {
    FIX44::MarketDataRequest::NoMDEntryTypes entry;
    entry.set(FIX::MDEntryType(type));
    request.addGroup(entry);
  }
  FIX44::MarketDataRequest::NoRelatedSym related;
  related.set(FIX::Symbol(symbol));
  request.addGroup(related);
  FIX::Session::sendToTarget(request, id);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 7) {
    std::cerr << "usage: qf-peer acceptor|initiator PORT STORE_DIR SENDER TARGET DICTIONARY [HEARTBTINT]"
              << std::endl;
    return 2;
  }
  const bool acceptor = std::string(argv[1]) == "acceptor";
  const std::string port = argv[2];
  std::stringstream cfg;
  cfg << "[DEFAULT]\n"
      << "ConnectionType=" << (acceptor ? "acceptor" : "initiator") << "\n"
      << "FileStorePath=" << argv[3] << "\n"
      << "StartTime=00:00:00\nEndTime=00:00:00\n"
      << "UseDataDictionary=Y\nDataDictionary=" << argv[6] << "\n"
      << "HeartBtInt=" << (argc > 7 ? argv[7] : "30") << "\n"
      << "ReconnectInterval=1\nPersistMessages=Y\nResetOnLogon=N\nResetOnDisconnect=N\n"
      << (acceptor ? "SocketAcceptPort=" + port : "SocketConnectHost=127.0.0.1\nSocketConnectPort=" + port)
      << "\n[SESSION]\nBeginString=FIX.4.4\nSenderCompID=" << argv[4] << "\nTargetCompID=" << argv[5] << "\n";
  try {
    FIX::SessionSettings settings(cfg);
    Peer app(acceptor);
    FIX::FileStoreFactory store(settings);
    std::unique_ptr<FIX::Initiator> initiator;
    std::unique_ptr<FIX::Acceptor> acceptorEngine;
    if (acceptor) {
      acceptorEngine.reset(new FIX::SocketAcceptor(app, store, settings));
      acceptorEngine->start();
    } else {
      initiator.reset(new FIX::SocketInitiator(app, store, settings));
      initiator->start();
    }
    emit("READY", utcNow());
    std::string line;
    while (std::getline(std::cin, line)) {
      std::istringstream words(line);
      std::string command;
      words >> command;
      if (command == "q") break;
      if (command == "D") {
        std::string clOrdId, qty, price;
        words >> clOrdId >> qty >> price;
        sendOrder(app.session, clOrdId, qty, price);
      }
      if (command == "F") {
        std::string clOrdId, qty, price;
        words >> clOrdId >> qty >> price;
        sendFill(app.session, clOrdId, qty, price);
      }
      if (command == "M") {
        std::string msgType, fields;
        words >> msgType >> fields;
        sendFlat(app.session, msgType, fields);
      }
      if (command == "V") {
        std::string reqId, symbol;
        words >> reqId >> symbol;
        sendMarketDataRequest(app.session, reqId, symbol);
      }
    }
    if (initiator) initiator->stop();
    if (acceptorEngine) acceptorEngine->stop();
  } catch (const std::exception& e) {
    std::cerr << "qf-peer: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
