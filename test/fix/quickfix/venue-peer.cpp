// A QuickFIX/C++ 1.15.1 acceptor acting as a small venue, for exo's FIX initiator (--venue fix://).
// Usage: qf-venue PORT STORE_DIR SENDER TARGET DICTIONARY [HEARTBTINT]
// Orders: a D is acknowledged (ExecType 0); an IOC or FOK D is filled at once at its price; a G
// renames and amends an open order (ExecType 5) or gets a 9 (reason 1 unknown, 0 too late); an F
// cancels (ExecType 4) or gets a 9; H answers with ExecType I; AF with one I per open order
// (TotNumReports, LastRptRequested), or one with TotNumReports=0. Market data: a V is answered with
// a W per symbol (bid 99 x 10, ask 101 x 10 until changed).
// Prints one line per event (LOGON, LOGOUT, IN/OUT raw with '|' for SOH). Commands on stdin:
// "FILL" fills the newest open order fully at its price (stored and resent if not logged on),
// "QUOTE SYMBOL BID ASK" sends a W with the new touch, "q" stops.
#include <quickfix/Application.h>
#include <quickfix/FileStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::mutex mutex;
std::mutex out_mutex;

void emit(const std::string& kind, const std::string& text) {
  std::string line = text;
  std::replace(line.begin(), line.end(), '\x01', '|');
  std::lock_guard<std::mutex> lock(out_mutex);
  std::cout << kind << ' ' << line << std::endl;
}

struct Order {
  std::string orderId, clOrdId, symbol, side, qty, px;
  std::string status = "0";  // OrdStatus
};

struct Touch {
  std::string bid = "99", ask = "101";
};

class Venue : public FIX::Application {
 public:
  FIX::SessionID session;
  std::vector<Order> orders;
  std::map<std::string, Touch> touch;
  std::string mdReqId;
  int execs = 0;

  void onCreate(const FIX::SessionID& id) override { session = id; }
  void onLogon(const FIX::SessionID&) override { emit("LOGON", ""); }
  void onLogout(const FIX::SessionID&) override { emit("LOGOUT", ""); }
  void toAdmin(FIX::Message& m, const FIX::SessionID&) override { emit("OUT", m.toString()); }
  void toApp(FIX::Message& m, const FIX::SessionID&) throw(FIX::DoNotSend) override {
    emit("OUT", m.toString());
  }
  void fromAdmin(const FIX::Message& m, const FIX::SessionID&) throw(
      FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {
    emit("IN", m.toString());
  }
  void fromApp(const FIX::Message& m, const FIX::SessionID&) throw(
      FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue,
      FIX::UnsupportedMessageType) override {
    std::lock_guard<std::mutex> lock(mutex);
    emit("IN", m.toString());
    const std::string type = m.getHeader().getField(FIX::FIELD::MsgType);
    if (type == "D") newOrder(m);
    else if (type == "G") replace(m);
    else if (type == "F") cancel(m);
    else if (type == "H") status(m);
    else if (type == "AF") massStatus(m);
    else if (type == "V") subscribe(m);
  }

  // Fills the newest open order fully at its price.
  void fillNewest() {
    for (auto it = orders.rbegin(); it != orders.rend(); ++it) {
      if (it->status != "0") continue;
      fill(*it);
      return;
    }
  }

  void quote(const std::string& symbol, const std::string& bid, const std::string& ask) {
    touch[symbol] = Touch{bid, ask};
    if (!mdReqId.empty()) snapshot(symbol);
  }

 private:
  static std::string get(const FIX::Message& m, int tag) {
    return m.isSetField(tag) ? m.getField(tag) : "";
  }

  Order* find(const std::string& clOrdId) {
    for (auto& order : orders)
      if (order.clOrdId == clOrdId) return &order;
    return nullptr;
  }

  void send(FIX::Message& m) { FIX::Session::sendToTarget(m, session); }

  void report(const Order& o, const std::string& execType, const std::string& origClOrdId,
              const std::string& extraTag = "", const std::string& extraValue = "") {
    FIX::Message m;
    m.getHeader().setField(FIX::FIELD::MsgType, "8");
    m.setField(FIX::FIELD::OrderID, o.orderId);
    m.setField(FIX::FIELD::ClOrdID, o.clOrdId);
    if (!origClOrdId.empty()) m.setField(FIX::FIELD::OrigClOrdID, origClOrdId);
    m.setField(FIX::FIELD::ExecID, "QVE-" + std::to_string(++execs));
    m.setField(FIX::FIELD::ExecType, execType);
    m.setField(FIX::FIELD::OrdStatus, o.status);
    m.setField(FIX::FIELD::Symbol, o.symbol);
    m.setField(FIX::FIELD::Side, o.side);
    m.setField(FIX::FIELD::OrderQty, o.qty);
    if (!o.px.empty()) m.setField(FIX::FIELD::Price, o.px);
    const bool filled = o.status == "2";
    m.setField(FIX::FIELD::LeavesQty, o.status == "0" ? o.qty : "0");
    m.setField(FIX::FIELD::CumQty, filled ? o.qty : "0");
    m.setField(FIX::FIELD::AvgPx, filled ? o.px : "0");
    if (execType == "F") {
      m.setField(FIX::FIELD::LastQty, o.qty);
      m.setField(FIX::FIELD::LastPx, o.px);
    }
    if (!extraTag.empty()) m.setField(std::stoi(extraTag), extraValue);
    m.setField(FIX::FIELD::TransactTime, FIX::UtcTimeStampConvertor::convert(FIX::UtcTimeStamp(), 3));
    send(m);
  }

  void fill(Order& o) {
    o.status = "2";
    report(o, "F", "");
  }

  void cancelReject(const FIX::Message& m, const std::string& responseTo, const std::string& reason,
                    const std::string& ordStatus, const std::string& text) {
    FIX::Message r;
    r.getHeader().setField(FIX::FIELD::MsgType, "9");
    r.setField(FIX::FIELD::OrderID, get(m, FIX::FIELD::OrderID).empty() ? "NONE" : get(m, FIX::FIELD::OrderID));
    r.setField(FIX::FIELD::ClOrdID, get(m, FIX::FIELD::ClOrdID));
    r.setField(FIX::FIELD::OrigClOrdID, get(m, FIX::FIELD::OrigClOrdID));
    r.setField(FIX::FIELD::OrdStatus, ordStatus);
    r.setField(FIX::FIELD::CxlRejResponseTo, responseTo);
    r.setField(FIX::FIELD::CxlRejReason, reason);
    r.setField(FIX::FIELD::Text, text);
    send(r);
  }

  void newOrder(const FIX::Message& m) {
    Order o;
    o.orderId = "QV-" + std::to_string(orders.size() + 1);
    o.clOrdId = get(m, FIX::FIELD::ClOrdID);
    o.symbol = get(m, FIX::FIELD::Symbol);
    o.side = get(m, FIX::FIELD::Side);
    o.qty = get(m, FIX::FIELD::OrderQty);
    o.px = get(m, FIX::FIELD::Price);
    orders.push_back(o);
    report(orders.back(), "0", "");
    const std::string tif = get(m, FIX::FIELD::TimeInForce);
    if (tif == "3" || tif == "4") fill(orders.back());
  }

  void replace(const FIX::Message& m) {
    Order* o = find(get(m, FIX::FIELD::OrigClOrdID));
    if (o == nullptr) return cancelReject(m, "2", "1", "8", "Unknown order");
    if (o->status != "0") return cancelReject(m, "2", "0", o->status, "Too late to replace");
    const std::string orig = o->clOrdId;
    o->clOrdId = get(m, FIX::FIELD::ClOrdID);
    o->qty = get(m, FIX::FIELD::OrderQty);
    o->px = get(m, FIX::FIELD::Price);
    report(*o, "5", orig);
  }

  void cancel(const FIX::Message& m) {
    Order* o = find(get(m, FIX::FIELD::OrigClOrdID));
    if (o == nullptr) return cancelReject(m, "1", "1", "8", "Unknown order");
    if (o->status != "0") return cancelReject(m, "1", "0", o->status, "Too late to cancel");
    const std::string orig = o->clOrdId;
    o->status = "4";
    o->clOrdId = get(m, FIX::FIELD::ClOrdID);
    report(*o, "4", orig);
  }

  void status(const FIX::Message& m) {
    Order* o = find(get(m, FIX::FIELD::ClOrdID));
    if (o == nullptr) {
      Order unknown{"NONE", get(m, FIX::FIELD::ClOrdID), get(m, FIX::FIELD::Symbol), get(m, FIX::FIELD::Side), "0", ""};
      unknown.status = "8";
      return report(unknown, "I", "", "790", get(m, FIX::FIELD::OrdStatusReqID));
    }
    report(*o, "I", "", "790", get(m, FIX::FIELD::OrdStatusReqID));
  }

  void massStatus(const FIX::Message& m) {
    const std::string reqId = get(m, FIX::FIELD::MassStatusReqID);
    std::vector<Order*> open;
    for (auto& order : orders)
      if (order.status == "0") open.push_back(&order);
    if (open.empty()) {
      Order none{"NONE", "NONE", "NA", "1", "0", ""};
      none.status = "8";
      return massReport(none, reqId, 0, true);
    }
    for (size_t i = 0; i < open.size(); ++i) massReport(*open[i], reqId, open.size(), i + 1 == open.size());
  }

  void massReport(const Order& o, const std::string& reqId, size_t total, bool last) {
    FIX::Message m;
    m.getHeader().setField(FIX::FIELD::MsgType, "8");
    m.setField(FIX::FIELD::OrderID, o.orderId);
    m.setField(FIX::FIELD::ClOrdID, o.clOrdId);
    m.setField(FIX::FIELD::MassStatusReqID, reqId);
    m.setField(FIX::FIELD::TotNumReports, std::to_string(total));
    m.setField(FIX::FIELD::LastRptRequested, last ? "Y" : "N");
    m.setField(FIX::FIELD::ExecID, "QVS-" + std::to_string(++execs));
    m.setField(FIX::FIELD::ExecType, "I");
    m.setField(FIX::FIELD::OrdStatus, o.status);
    m.setField(FIX::FIELD::Symbol, o.symbol);
    m.setField(FIX::FIELD::Side, o.side);
    m.setField(FIX::FIELD::OrderQty, o.qty);
    if (!o.px.empty()) m.setField(FIX::FIELD::Price, o.px);
    m.setField(FIX::FIELD::LeavesQty, o.status == "0" ? o.qty : "0");
    m.setField(FIX::FIELD::CumQty, "0");
    m.setField(FIX::FIELD::AvgPx, "0");
    send(m);
  }

  void subscribe(const FIX::Message& m) {
    mdReqId = get(m, FIX::FIELD::MDReqID);
    const int symbols = std::stoi(get(m, FIX::FIELD::NoRelatedSym));
    for (int i = 1; i <= symbols; ++i) {
      FIX::Group group(FIX::FIELD::NoRelatedSym, FIX::FIELD::Symbol);
      m.getGroup(i, group);
      snapshot(group.getField(FIX::FIELD::Symbol));
    }
  }

  void snapshot(const std::string& symbol) {
    const Touch& t = touch[symbol];
    FIX::Message w;
    w.getHeader().setField(FIX::FIELD::MsgType, "W");
    w.setField(FIX::FIELD::MDReqID, mdReqId);
    w.setField(FIX::FIELD::Symbol, symbol);
    const std::string sides[2][2] = {{"0", t.bid}, {"1", t.ask}};
    for (const auto& side : sides) {
      FIX::Group entry(FIX::FIELD::NoMDEntries, FIX::FIELD::MDEntryType);
      entry.setField(FIX::FIELD::MDEntryType, side[0]);
      entry.setField(FIX::FIELD::MDEntryPx, side[1]);
      entry.setField(FIX::FIELD::MDEntrySize, "10");
      w.addGroup(entry);
    }
    send(w);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: qf-venue PORT STORE_DIR SENDER TARGET DICTIONARY [HEARTBTINT]" << std::endl;
    return 2;
  }
  std::stringstream cfg;
  cfg << "[DEFAULT]\nConnectionType=acceptor\nFileStorePath=" << argv[2] << "\n"
      << "StartTime=00:00:00\nEndTime=00:00:00\n"
      << "UseDataDictionary=Y\nDataDictionary=" << argv[5] << "\n"
      << "HeartBtInt=" << (argc > 6 ? argv[6] : "30") << "\n"
      << "PersistMessages=Y\nResetOnLogon=N\nResetOnDisconnect=N\n"
      << "SocketAcceptPort=" << argv[1] << "\n"
      << "[SESSION]\nBeginString=FIX.4.4\nSenderCompID=" << argv[3] << "\nTargetCompID=" << argv[4] << "\n";
  try {
    FIX::SessionSettings settings(cfg);
    Venue app;
    FIX::FileStoreFactory store(settings);
    FIX::SocketAcceptor acceptor(app, store, settings);
    acceptor.start();
    emit("READY", "");
    std::string line;
    while (std::getline(std::cin, line)) {
      std::istringstream words(line);
      std::string command;
      words >> command;
      if (command == "q") break;
      std::lock_guard<std::mutex> lock(mutex);
      if (command == "FILL") app.fillNewest();
      if (command == "QUOTE") {
        std::string symbol, bid, ask;
        words >> symbol >> bid >> ask;
        app.quote(symbol, bid, ask);
      }
    }
    acceptor.stop();
  } catch (const std::exception& e) {
    std::cerr << "qf-venue: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
