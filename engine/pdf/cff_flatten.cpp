#include "pdf/cff_flatten.h"

namespace jixiao::pdf {

namespace {

constexpr int kMaxArgs = 48;      // Type 2 charstrings (TN 5177, appendix B)
constexpr int kMaxCallDepth = 10;

int bias(std::size_t subrs) { return subrs < 1240 ? 107 : subrs < 33900 ? 1131 : 32768; }

// HarfBuzz's str_encoder_t::encode_num_cs: integers that fit 16 bits in their shortest
// form, anything else as 16.16 fixed.
void put_number(std::string& out, double value) {
  const int i = static_cast<int>(value);
  if (static_cast<double>(static_cast<std::int16_t>(i)) != value) {
    const auto v = static_cast<std::int32_t>(value * 65536.0);
    out += static_cast<char>(255);
    for (int shift : {24, 16, 8, 0}) out += static_cast<char>((v >> shift) & 0xff);
  } else if (i >= -107 && i <= 107) {
    out += static_cast<char>(i + 139);
  } else if (i >= 108 && i <= 1131) {
    out += static_cast<char>(((i - 108) >> 8) + 247);
    out += static_cast<char>((i - 108) & 0xff);
  } else if (i >= -1131 && i <= -108) {
    out += static_cast<char>(((-i - 108) >> 8) + 251);
    out += static_cast<char>((-i - 108) & 0xff);
  } else {
    out += static_cast<char>(28);
    out += static_cast<char>((i >> 8) & 0xff);
    out += static_cast<char>(i & 0xff);
  }
}

}  // namespace

struct CffFlattener::State {
  double args[kMaxArgs];
  int count = 0;
  bool width_seen = false;  // the first stack-clearing operator has been met
  bool width_pending = false;
  double width = 0;
  int stems = 0;
  int mask_bytes = -1;  // hintmask/cntrmask bytes, known at the first of them
  std::string out;

  // HarfBuzz's check_width: the first hint, moveto or endchar operator tells whether the
  // stack's first number is the glyph's width.
  void check_width(bool has_width) {
    if (width_seen) return;
    width_seen = true;
    if (has_width && count > 0) {
      width = args[0];
      width_pending = true;
      for (int i = 1; i < count; ++i) args[i - 1] = args[i];
      --count;
    }
  }
  void flush_width() {
    if (width_pending) put_number(out, width);
    width_pending = false;
  }
  void flush(std::uint32_t op) {  // the numbers and the operator, as they came
    flush_width();
    for (int i = 0; i < count; ++i) put_number(out, args[i]);
    count = 0;
    if (op >= 1200) out += static_cast<char>(12), out += static_cast<char>(op - 1200);
    else out += static_cast<char>(op);
  }
  void drop() {  // a hint: its numbers go, the width stays
    flush_width();
    count = 0;
  }
};

CffFlattener::CffFlattener(std::string_view cff, const CffFace& face, const std::string& font)
    : sources_(read_cff_charstring_sources(cff, face, font)), fd_(face.fd) {}

std::optional<std::string> CffFlattener::flatten(std::uint32_t g) const {
  const auto code = sources_.charstrings.at(g);
  if (!code || g >= fd_.size() || fd_[g] >= sources_.locals.size()) return std::nullopt;
  State s;
  if (run(*code, sources_.locals[fd_[g]], s, 0) != End::EndChar) return std::nullopt;
  return std::move(s.out);
}

CffFlattener::End CffFlattener::run(std::string_view code, const CffIndex& locals, State& s,
                                    int depth) const {
  const auto* b = reinterpret_cast<const unsigned char*>(code.data());
  const std::size_t n = code.size();
  auto push = [&](double v) {
    if (s.count == kMaxArgs) return false;
    s.args[s.count++] = v;
    return true;
  };
  for (std::size_t i = 0; i < n;) {
    const unsigned b0 = b[i];
    if (b0 >= 32 || b0 == 28) {
      double v;
      if (b0 == 28) {
        if (i + 3 > n) return End::Fail;
        v = static_cast<std::int16_t>(b[i + 1] << 8 | b[i + 2]);
        i += 3;
      } else if (b0 <= 246) {
        v = static_cast<int>(b0) - 139;
        i += 1;
      } else if (b0 <= 254) {
        if (i + 2 > n) return End::Fail;
        v = b0 <= 250 ? (static_cast<int>(b0) - 247) * 256 + b[i + 1] + 108
                      : -(static_cast<int>(b0) - 251) * 256 - b[i + 1] - 108;
        i += 2;
      } else {
        if (i + 5 > n) return End::Fail;
        const auto fixed = static_cast<std::int32_t>(static_cast<std::uint32_t>(b[i + 1]) << 24 | b[i + 2] << 16 |
                                                     b[i + 3] << 8 | b[i + 4]);
        v = fixed / 65536.0;
        i += 5;
      }
      if (!push(v)) return End::Fail;
      continue;
    }
    std::uint32_t op = b0;
    if (b0 == 12) {
      if (i + 2 > n) return End::Fail;
      op = 1200 + b[i + 1];
      i += 2;
    } else {
      i += 1;
    }
    switch (op) {
      case 10:    // callsubr
      case 29: {  // callgsubr
        const CffIndex& subrs = op == 10 ? locals : sources_.globals;
        if (s.count == 0 || depth >= kMaxCallDepth) return End::Fail;
        const double k = s.args[--s.count];
        const long at = static_cast<long>(k) + bias(subrs.size());
        if (at < 0) return End::Fail;
        const auto subr = subrs.at(static_cast<std::size_t>(at));
        if (!subr) return End::Fail;
        const End e = run(*subr, locals, s, depth + 1);
        if (e != End::Return) return e;
        break;
      }
      case 11:  // return
        return depth > 0 ? End::Return : End::Fail;
      case 14:  // endchar
        s.check_width(s.count % 2 != 0);
        if (s.count != 0) return End::Fail;  // seac: left to hb-subset
        s.flush(op);
        return End::EndChar;
      case 1:   // hstem
      case 18:  // hstemhm
      case 3:   // vstem
      case 23:  // vstemhm
        s.stems += s.count / 2;  // a width, when there is one, makes the count odd
        s.check_width(s.count % 2 != 0);
        s.drop();
        break;
      case 19:    // hintmask
      case 20: {  // cntrmask
        if (s.mask_bytes < 0) {  // numbers before the first mask are vstems
          s.stems += s.count / 2;
          s.mask_bytes = (s.stems + 7) / 8;
        }
        s.check_width(s.count % 2 != 0);
        s.drop();
        if (i + static_cast<std::size_t>(s.mask_bytes) > n) return End::Fail;
        i += static_cast<std::size_t>(s.mask_bytes);
        break;
      }
      case 1200:  // dotsection: a hint
        s.count = 0;
        break;
      case 21:  // rmoveto
        s.check_width(s.count > 2);
        s.flush(op);
        break;
      case 22:  // hmoveto
      case 4:   // vmoveto
        s.check_width(s.count > 1);
        s.flush(op);
        break;
      case 5: case 6: case 7: case 8: case 24: case 25: case 26: case 27: case 30: case 31:
      case 1234: case 1235: case 1236: case 1237:  // lines, curves, flex
        s.flush(op);
        break;
      default:  // arithmetic and storage operators, reserved codes
        return End::Fail;
    }
  }
  // HarfBuzz makes up the end of a charstring without one: return from a subroutine,
  // endchar at the top.
  if (depth > 0) return End::Return;
  s.check_width(s.count % 2 != 0);
  if (s.count != 0) return End::Fail;
  s.flush(14);
  return End::EndChar;
}

}  // namespace jixiao::pdf
