// JsonEmitter: writes JSON text straight into one string, without building a DOM. Used
// by the report writer (report/json.cc) and by `sitrep clean --format json`.
//
// The text matches what nlohmann::json::dump(indent, ' ', false, error_handler_t::replace)
// writes (same separators, indentation, escaping, U+FFFD for invalid UTF-8 and number
// formatting), except that keys come in the order written and that a double gets
// std::to_chars' shortest digits where nlohmann's Grisu2 gave a longer or differently
// rounded form of the same value (about 1 in 300 random doubles).
//
// Callers nest Begin/End calls properly and call Key before each value in an object.
// Thread-safety: one emitter per output string; no shared state.
#ifndef SITREP_REPORT_JSON_EMITTER_H_
#define SITREP_REPORT_JSON_EMITTER_H_

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::report {

class JsonEmitter {
 public:
  JsonEmitter(std::string& out, int indent) : out_(out), indent_(indent) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  void Key(std::string_view key) {
    NextItem();
    AppendString(key);
    if (indent_ >= 0) {
      out_ += ": ";
    } else {
      out_ += ':';
    }
    after_key_ = true;
  }

  void Value(std::string_view s) {
    BeforeValue();
    AppendString(s);
  }
  void Value(const std::string& s) { Value(std::string_view(s)); }
  // Without this a string literal would convert to bool.
  void Value(const char* s) { Value(std::string_view(s)); }
  void Value(bool b) {
    BeforeValue();
    out_ += b ? "true" : "false";
  }
  void Value(int v) { AppendInteger(v); }
  void Value(long long v) { AppendInteger(v); }
  void Value(size_t v) { AppendInteger(v); }
  void Value(double v) {
    BeforeValue();
    AppendDouble(v);
  }
  void Value(std::nullptr_t) {
    BeforeValue();
    out_ += "null";
  }
  template <typename T>
  void Value(const std::optional<T>& v) {
    if (v) {
      Value(*v);
    } else {
      Value(nullptr);
    }
  }
  void Value(const std::vector<std::string>& v) {
    BeginArray();
    for (const std::string& s : v) Value(s);
    EndArray();
  }

  template <typename T>
  void Field(std::string_view key, const T& value) {
    Key(key);
    Value(value);
  }

 private:
  void Open(char bracket) {
    BeforeValue();
    out_ += bracket;
    ++depth_;
    empty_ = true;
  }

  void Close(char bracket) {
    --depth_;
    if (!empty_) NewLine();
    out_ += bracket;
    // The enclosing container, if any, now holds this one.
    empty_ = false;
  }

  // A value follows its key directly; anywhere else it is a new array item.
  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
    } else if (depth_ > 0) {
      NextItem();
    }
  }

  void NextItem() {
    if (!empty_) out_ += ',';
    empty_ = false;
    NewLine();
  }

  void NewLine() {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(static_cast<size_t>(depth_) * static_cast<size_t>(indent_), ' ');
  }

  template <typename T>
  void AppendInteger(T v) {
    BeforeValue();
    char buf[24];
    out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }

  // nlohmann's format (printf "%g"-like, always looking like a float: "3.0", "73000.0",
  // "0.001", "1e-07", "1.5e+300") over the shortest round-trip digits.
  void AppendDouble(double v);
  // A JSON string: quotes, escapes, U+FFFD for each maximal ill-formed UTF-8 prefix.
  void AppendString(std::string_view s);

  std::string& out_;
  const int indent_;
  int depth_ = 0;
  bool empty_ = true;  // the innermost open container has no item yet
  bool after_key_ = false;
};

}  // namespace sitrep::report

#endif  // SITREP_REPORT_JSON_EMITTER_H_
