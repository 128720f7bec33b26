#include "report/json.h"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::report {
namespace {

// Writes JSON text straight into one string, without building a DOM: a report is
// hundreds of MB on a large corpus, and a DOM of it cost more to build and free than
// the text did to write. The text matches what nlohmann::json::dump(indent, ' ', false,
// error_handler_t::replace) wrote before (same separators, indentation, escaping, U+FFFD
// for invalid UTF-8 and number formatting), except that keys come in contract order and
// that a double gets std::to_chars' shortest digits where nlohmann's Grisu2 gave a longer
// or differently rounded form of the same value (about 1 in 300 random doubles).
//
// Callers nest Begin/End calls properly and call Key before each value in an object.
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
  void AppendDouble(double v) {
    if (!std::isfinite(v)) {
      out_ += "null";
      return;
    }
    if (std::signbit(v)) {
      out_ += '-';
      v = -v;
    }
    if (v == 0) {
      out_ += "0.0";
      return;
    }
    // "d[.ddd]e[+-]x...": the digits, then the decimal exponent of the first one.
    char buf[32];
    const char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific).ptr;
    char digits[24];
    size_t k = 0;
    const char* p = buf;
    for (; p != end && *p != 'e'; ++p) {
      if (*p != '.') digits[k++] = *p;
    }
    int exponent = 0;
    std::from_chars(p + (*(p + 1) == '+' ? 2 : 1), end, exponent);

    // nlohmann's bounds for fixed-point notation: 1e-4 <= v < 1e15.
    constexpr int kMinExp = -4;
    constexpr int kMaxExp = 15;
    const int n = exponent + 1;  // position of the decimal point in `digits`
    const int len = static_cast<int>(k);
    if (len <= n && n <= kMaxExp) {
      out_.append(digits, k);
      out_.append(static_cast<size_t>(n - len), '0');
      out_ += ".0";
    } else if (0 < n && n <= kMaxExp) {
      const auto point = static_cast<size_t>(n);
      out_.append(digits, point);
      out_ += '.';
      out_.append(digits + point, k - point);
    } else if (kMinExp < n && n <= 0) {
      out_ += "0.";
      out_.append(static_cast<size_t>(-n), '0');
      out_.append(digits, k);
    } else {
      out_ += digits[0];
      if (k > 1) {
        out_ += '.';
        out_.append(digits + 1, k - 1);
      }
      out_ += 'e';
      int e = n - 1;
      if (e < 0) {
        out_ += '-';
        e = -e;
      } else {
        out_ += '+';
      }
      if (e < 10) out_ += '0';
      char ebuf[8];
      out_.append(ebuf, std::to_chars(ebuf, ebuf + sizeof ebuf, e).ptr);
    }
  }

  // Length of the well-formed UTF-8 sequence starting at s[i] (s[i] >= 0x80), or 0 when
  // it is ill-formed; then `bad` is how many bytes to replace by one U+FFFD: the maximal
  // ill-formed prefix, as nlohmann's replace handler does (the byte that broke the
  // sequence is read again as a new start).
  static size_t Utf8SequenceLength(std::string_view s, size_t i, size_t& bad) {
    const auto byte = [&s](size_t j) { return static_cast<unsigned char>(s[j]); };
    const unsigned char c = byte(i);
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlongs
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // no overlongs
      if (c == 0xF4) hi = 0x8F;  // <= U+10FFFF
    } else {
      bad = 1;
      return 0;
    }
    for (size_t j = 1; j < len; ++j) {
      if (i + j >= s.size() || byte(i + j) < lo || byte(i + j) > hi) {
        bad = j;
        return 0;
      }
      lo = 0x80;
      hi = 0xBF;
    }
    return len;
  }

  void AppendString(std::string_view s) {
    out_ += '"';
    size_t done = 0;  // s[0, done) has been written
    size_t i = 0;
    while (i < s.size()) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
        ++i;
        continue;
      }
      if (c >= 0x80) {
        size_t bad = 0;
        const size_t len = Utf8SequenceLength(s, i, bad);
        if (len > 0) {
          i += len;
          continue;
        }
        out_.append(s.data() + done, i - done);
        out_ += "\xEF\xBF\xBD";
        i += bad;
        done = i;
        continue;
      }
      out_.append(s.data() + done, i - done);
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\t':
          out_ += "\\t";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\r':
          out_ += "\\r";
          break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          out_.append(escape, sizeof escape);
        }
      }
      ++i;
      done = i;
    }
    out_.append(s.data() + done, s.size() - done);
    out_ += '"';
  }

  std::string& out_;
  const int indent_;
  int depth_ = 0;
  bool empty_ = true;  // the innermost open container has no item yet
  bool after_key_ = false;
};

// A guess at the output size, so that the string grows once: the text of every string
// field plus, per field, its key, punctuation, a short value and (pretty) its line's
// indentation. Cheap: one pass over the records, none over the text.
size_t EstimateSize(const Report& r, int indent) {
  size_t text = 0;
  size_t fields = 0;
  const auto opt = [](const std::optional<std::string>& s) { return s ? s->size() : 4; };
  const auto strings = [&](const std::vector<std::string>& v) {
    for (const std::string& s : v) text += s.size() + 4;
  };
  for (const Document& d : r.documents) {
    fields += 11 + 5 * d.blocks.size();
    text += d.id.size() + d.path.size() + d.format.size() + opt(d.url) + opt(d.title) +
            opt(d.published) + opt(d.published_basis) + opt(d.outlet) + opt(d.author) +
            opt(d.language);
    for (const Block& b : d.blocks) text += b.end - b.start;
  }
  for (const Reuse& x : r.reuse) {
    fields += 8 + 8 * x.passages.size() + 6 * x.drift.size();
    text += x.source.size() + x.copy.size() + x.relation.size() + x.direction_basis.size();
    for (const Passage& p : x.passages) text += p.source_text.size() + p.copy_text.size();
    for (const Drift& d : x.drift) {
      text += d.kind.size() + d.source_text.size() + d.copy_text.size() + d.source_context.size() +
              d.copy_context.size();
    }
  }
  for (const CopyCluster& c : r.clusters) {
    fields += 2;
    strings(c.docs);
  }
  for (const Entity& e : r.entities) {
    fields += 10 + 5 * e.mentions.size();
    text += e.id.size() + e.name.size() + e.type.size();
    strings(e.aliases);
    for (const Mention& m : e.mentions) text += m.doc.size() + m.text.size();
  }
  for (const TimeExpr& t : r.times) {
    fields += 7;
    text += t.doc.size() + t.text.size() + t.value.size() + t.type.size();
  }
  for (const Quantity& q : r.quantities) {
    fields += 11;
    text += q.doc.size() + q.text.size() + opt(q.unit) + opt(q.about);
  }
  for (const Claim& c : r.claims) {
    fields += 10;
    text += c.doc.size() + c.text.size() + c.cue.size() + opt(c.speaker_name) + opt(c.channel);
  }
  for (const Event& e : r.events) {
    fields += 11 + 3 * e.mentions.size();
    text += e.summary.size() + e.type.size();
    strings(e.actors);
    strings(e.sources);
    for (const TextRef& m : e.mentions) text += m.doc.size() + m.text.size();
  }
  for (const Contradiction& c : r.contradictions) {
    fields += 3 + 3 * c.values.size();
    text += c.about.size() + c.kind.size();
    for (const TextRef& v : c.values) text += v.doc.size() + v.text.size();
  }
  for (const TimelineEntry& t : r.timeline) {
    fields += 6;
    text += t.date.size() + t.summary.size();
    strings(t.events);
    strings(t.sources);
  }
  for (const Diagnostic& d : r.diagnostics) {
    fields += 3;
    text += d.path.size() + d.message.size();
  }
  // Records sit about four levels deep.
  const size_t per_field = 20 + (indent >= 0 ? 1 + 4 * static_cast<size_t>(indent) : 0);
  const size_t estimate = 256 + text + fields * per_field;
  return estimate + estimate / 16;
}

void WriteTextRefs(JsonEmitter& w, const std::vector<TextRef>& refs) {
  w.BeginArray();
  for (const TextRef& r : refs) {
    w.BeginObject();
    w.Field("doc", r.doc);
    w.Field("text", r.text);
    w.EndObject();
  }
  w.EndArray();
}

void WriteDocument(JsonEmitter& w, const Document& d) {
  w.BeginObject();
  w.Field("id", d.id);
  w.Field("path", d.path);
  w.Field("format", d.format);
  w.Field("url", d.url);
  w.Field("title", d.title);
  w.Field("published", d.published);
  w.Field("published_basis", d.published_basis);
  w.Field("outlet", d.outlet);
  w.Field("author", d.author);
  w.Field("language", d.language);
  w.Key("blocks");
  w.BeginArray();
  for (const Block& b : d.blocks) {
    w.BeginObject();
    w.Field("role", BlockRoleName(b.role));
    w.Field("text", d.Slice(b));
    w.Field("start", b.start);
    w.Field("end", b.end);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// `passage_index`: each drifted fact also names the index of its passage ("passage"), as
// `sitrep compare` shows it; the report leaves it out.
void WriteReuse(JsonEmitter& w, const Reuse& r, bool passage_index = false) {
  w.BeginObject();
  w.Field("source", r.source);
  w.Field("copy", r.copy);
  w.Field("relation", r.relation);
  w.Field("coverage", r.coverage);
  w.Field("similarity", r.similarity);
  w.Field("direction_basis", r.direction_basis);
  w.Key("passages");
  w.BeginArray();
  for (const Passage& p : r.passages) {
    w.BeginObject();
    w.Field("source_text", p.source_text);
    w.Field("copy_text", p.copy_text);
    w.Field("similarity", p.similarity);
    w.Field("source_start", p.source_start);
    w.Field("source_end", p.source_end);
    w.Field("copy_start", p.copy_start);
    w.Field("copy_end", p.copy_end);
    w.EndObject();
  }
  w.EndArray();
  w.Key("drift");
  w.BeginArray();
  for (const Drift& d : r.drift) {
    w.BeginObject();
    w.Field("kind", d.kind);
    w.Field("source_text", d.source_text);
    w.Field("copy_text", d.copy_text);
    w.Field("source_context", d.source_context);
    w.Field("copy_context", d.copy_context);
    if (passage_index) {
      w.Field("passage", d.passage);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteEntity(JsonEmitter& w, const Entity& e) {
  w.BeginObject();
  w.Field("id", e.id);
  w.Field("name", e.name);
  w.Field("type", e.type);
  w.Field("aliases", e.aliases);
  w.Field("lat", e.lat);
  w.Field("lon", e.lon);
  w.Field("geonames_id", e.geonames_id);
  w.Field("country", e.country);
  w.Field("place_kind", e.place_kind);
  w.Key("mentions");
  w.BeginArray();
  for (const Mention& m : e.mentions) {
    w.BeginObject();
    w.Field("doc", m.doc);
    w.Field("text", m.text);
    w.Field("start", m.start);
    w.Field("end", m.end);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteTime(JsonEmitter& w, const TimeExpr& t) {
  w.BeginObject();
  w.Field("doc", t.doc);
  w.Field("text", t.text);
  w.Field("start", t.start);
  w.Field("end", t.end);
  w.Field("value", t.value);
  w.Field("type", t.type);
  w.Field("qualifier", t.qualifier);
  w.EndObject();
}

void WriteQuantity(JsonEmitter& w, const Quantity& q) {
  w.BeginObject();
  w.Field("doc", q.doc);
  w.Field("text", q.text);
  w.Field("start", q.start);
  w.Field("end", q.end);
  w.Field("value", q.value);
  w.Field("low", q.low);
  w.Field("high", q.high);
  w.Field("unit", q.unit);
  w.Field("qualifier", q.qualifier);
  w.Field("about", q.about);
  w.Field("rate", q.rate);
  w.EndObject();
}

void WriteClaim(JsonEmitter& w, const Claim& c) {
  w.BeginObject();
  w.Field("id", c.id);
  w.Field("doc", c.doc);
  w.Field("speaker", c.speaker);
  w.Field("speaker_name", c.speaker_name);
  w.Field("cue", c.cue);
  w.Field("channel", c.channel);
  w.Field("text", c.text);
  w.Field("direct", c.direct);
  w.Field("start", c.start);
  w.Field("end", c.end);
  w.EndObject();
}

void WriteEvent(JsonEmitter& w, const Event& e) {
  w.BeginObject();
  w.Field("id", e.id);
  w.Field("type", e.type);
  w.Field("subtype", e.subtype);
  w.Field("date", e.date);
  w.Field("location", e.location);
  w.Field("summary", e.summary);
  w.Field("actors", e.actors);
  w.Field("fatalities", e.fatalities);
  w.Field("sources", e.sources);
  w.Field("independent_sources", e.independent_sources);
  w.Key("mentions");
  WriteTextRefs(w, e.mentions);
  w.EndObject();
}

void WriteTimelineEntry(JsonEmitter& w, const TimelineEntry& t) {
  w.BeginObject();
  w.Field("date", t.date);
  w.Field("precision", t.precision);
  w.Field("summary", t.summary);
  w.Field("events", t.events);
  w.Field("sources", t.sources);
  w.Field("independent_sources", t.independent_sources);
  w.EndObject();
}

}  // namespace

std::string WriteReuseJson(const Reuse& pair, const JsonOptions& options) {
  std::string out;
  JsonEmitter w(out, options.indent);
  WriteReuse(w, pair, /*passage_index=*/true);
  return out;
}

std::string WriteJson(const Report& report, const JsonOptions& options) {
  std::string out;
  out.reserve(EstimateSize(report, options.indent));
  JsonEmitter w(out, options.indent);
  w.BeginObject();
  w.Field("sitrep", report.version);

  w.Key("documents");
  w.BeginArray();
  for (const Document& d : report.documents) WriteDocument(w, d);
  w.EndArray();

  w.Key("reuse");
  w.BeginArray();
  for (const Reuse& r : report.reuse) WriteReuse(w, r);
  w.EndArray();

  w.Key("clusters");
  w.BeginArray();
  for (const CopyCluster& c : report.clusters) {
    w.BeginObject();
    w.Field("id", c.id);
    w.Field("docs", c.docs);
    w.EndObject();
  }
  w.EndArray();

  w.Key("entities");
  w.BeginArray();
  for (const Entity& e : report.entities) WriteEntity(w, e);
  w.EndArray();

  w.Key("times");
  w.BeginArray();
  for (const TimeExpr& t : report.times) WriteTime(w, t);
  w.EndArray();

  w.Key("quantities");
  w.BeginArray();
  for (const Quantity& q : report.quantities) WriteQuantity(w, q);
  w.EndArray();

  w.Key("claims");
  w.BeginArray();
  for (const Claim& c : report.claims) WriteClaim(w, c);
  w.EndArray();

  w.Key("events");
  w.BeginArray();
  for (const Event& e : report.events) WriteEvent(w, e);
  w.EndArray();

  w.Key("contradictions");
  w.BeginArray();
  for (const Contradiction& c : report.contradictions) {
    w.BeginObject();
    w.Field("about", c.about);
    w.Field("kind", c.kind);
    w.Key("values");
    WriteTextRefs(w, c.values);
    w.EndObject();
  }
  w.EndArray();

  w.Key("timeline");
  w.BeginArray();
  for (const TimelineEntry& t : report.timeline) WriteTimelineEntry(w, t);
  w.EndArray();

  w.Key("diagnostics");
  w.BeginArray();
  for (const Diagnostic& d : report.diagnostics) {
    w.BeginObject();
    w.Field("severity", d.severity == Diagnostic::Severity::kError ? "error" : "warning");
    w.Field("path", d.path);
    w.Field("message", d.message);
    w.EndObject();
  }
  w.EndArray();

  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace sitrep::report
