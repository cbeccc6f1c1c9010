// What the model loader adds to a refusal when a value looks like a mistake it knows: a number in Dutch
// notation or a percentage written as text, money written as text, decimal commas in a list, a number with
// words; and the example of a distribution it shows for a field. model_reader_hints.hpp says what each means.
#include "model_reader_hints.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "doc_builder.hpp"
#include "impactchain/detail/check.hpp"

namespace impactchain::io::detail {

namespace {
/// `t` without the spaces around it.
std::string trimmed(const std::string& t) {
  const std::size_t first = t.find_first_not_of(' '), last = t.find_last_not_of(' ');
  return first == std::string::npos ? std::string() : t.substr(first, last - first + 1);
}
}  // namespace

std::string integer_text(Ref j) {
  return (j.integer() == 0 && std::signbit(j.number()) ? "-" : "") + std::to_string(j.integer());
}

// Text written as a number in Dutch notation (1.500.000 or 0,35 or 1.250,50):
// the same number in the form model files use, or "" when the text is not one.
std::string from_dutch_notation(const std::string& s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  const std::size_t comma = s.find(',');
  const std::string whole = s.substr(i, comma == std::string::npos ? std::string::npos : comma - i);
  const std::string frac = comma == std::string::npos ? std::string() : s.substr(comma + 1);
  auto digits = [](const std::string& t) {
    return !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
  };
  if (comma != std::string::npos && !digits(frac)) return {};
  std::string out = s.substr(0, i);
  if (whole.find('.') == std::string::npos) {
    if (comma == std::string::npos || !digits(whole)) return {};  // 0,35: a decimal comma
    out += whole;
  } else {  // groups of three digits after the first group of 1-3
    std::size_t start = 0, dot = whole.find('.');
    if (dot == 0 || dot > 3 || whole[0] == '0') return {};
    while (dot != std::string::npos) {
      const std::string group = whole.substr(start, dot - start);
      if (!digits(group) || (start > 0 && group.size() != 3)) return {};
      out += group;
      start = dot + 1;
      dot = whole.find('.', start);
    }
    const std::string last = whole.substr(start);
    if (!digits(last) || last.size() != 3) return {};
    out += last;
  }
  if (!frac.empty()) out += "." + frac;
  return out;
}

// Text written as a percentage ("25%", "7,5 %"): the share it means, exactly ("0.25", "0.075"),
// or "" when the text is not one.
std::string percent_as_share(const std::string& text) {
  std::string body = trimmed(text);
  if (body.empty() || body.back() != '%') return {};
  body = trimmed(body.substr(0, body.size() - 1));
  std::replace(body.begin(), body.end(), ',', '.');
  const std::size_t dot = body.find('.');
  const std::string whole = body.substr(0, dot), frac = dot == std::string::npos ? std::string() : body.substr(dot + 1);
  auto digits = [](const std::string& t) { return t.find_first_not_of("0123456789") == std::string::npos; };
  if (whole.empty() || !digits(whole) || !digits(frac) || (dot != std::string::npos && frac.empty())) return {};
  const std::string all = whole + frac;  // the point moves two places to the left
  const long point = static_cast<long>(whole.size()) - 2;
  std::string out = point <= 0 ? "0." + std::string(static_cast<std::size_t>(-point), '0') + all
                               : all.substr(0, static_cast<std::size_t>(point)) + "." + all.substr(static_cast<std::size_t>(point));
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  const std::size_t lead = out.find_first_not_of('0');
  if (lead == std::string::npos) return "0";
  return out[lead] == '.' ? out.substr(lead - 1) : out.substr(lead);
}

// Money written as text: "€ 150.000", "150000 euro", "EUR 1.250,50", "150.000,-". Returns nullopt when
// the text has no digit, or neither names a currency (€, $, £, EUR, euro, USD, GBP) nor ends in ",-" (whole
// euros); else the amount as a plain number ("150000"), or "" when the rest is not a number written one way
// only ("$ 1,500": thousands or a decimal comma? "12.5": a decimal point or a thousands dot out of place?).
std::optional<std::string> plain_amount(const std::string& s) {
  if (s.find_first_of("0123456789") == std::string::npos) return std::nullopt;
  bool currency = false;
  std::string rest;  // the text without its currency; any space as ' '
  const auto at = [&](std::size_t k, const char* bytes) { return s.compare(k, std::strlen(bytes), bytes) == 0; };
  const auto letter = [&](std::size_t k) { return (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'); };
  for (std::size_t i = 0; i < s.size();) {
    if (at(i, "\xE2\x82\xAC") || at(i, "\xC2\xA3") || s[i] == '$') {  // €, £, $
      currency = true;
      i += s[i] == '$' ? 1 : (at(i, "\xC2\xA3") ? 2 : 3);
    } else if (letter(i)) {
      std::size_t end = i;
      std::string word;
      while (end < s.size() && letter(end)) word += static_cast<char>(s[end] | 0x20), ++end;  // lower case
      if (word == "eur" || word == "euro" || word == "euros" || word == "usd" || word == "gbp")
        currency = true;
      else
        rest += s.substr(i, end - i);
      i = end;
    } else if (at(i, "\xC2\xA0") || at(i, "\xE2\x80\xAF") || at(i, "\xE2\x80\x89")) {  // no-break, narrow, thin
      rest += ' ';
      i += s[i] == '\xC2' ? 2 : 3;
    } else {
      rest += s[i] == '\t' ? ' ' : s[i];
      ++i;
    }
  }
  const std::size_t first = rest.find_first_not_of(' '), last = rest.find_last_not_of(' ');
  rest = first == std::string::npos ? std::string() : rest.substr(first, last - first + 1);
  for (const char* none : {",--", ",-"})  // € 150.000,- : whole euros
    if (rest.size() > std::strlen(none) &&
        rest.compare(rest.size() - std::strlen(none), std::string::npos, none) == 0) {
      rest.erase(rest.size() - std::strlen(none));
      currency = true;
      break;
    }
  if (!currency) return std::nullopt;
  if (rest.find(' ') != std::string::npos) {  // 150 000: spaces between groups of three, as dots
    if (rest.find('.') != std::string::npos) return std::string();
    std::replace(rest.begin(), rest.end(), ' ', '.');
  }
  const std::size_t body = (!rest.empty() && rest[0] == '-') ? 1 : 0;
  const std::string digits = rest.substr(body);
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos)
    return digits.size() > 1 && digits[0] == '0' ? std::string() : rest;
  const std::size_t comma = rest.find(',');
  if (rest.find('.') == std::string::npos && comma != std::string::npos && rest.size() - comma - 1 == 3)
    return std::string();  // 150,000: English thousands or a Dutch decimal comma
  return from_dutch_notation(rest);
}

// [0,1, 0,2, 0,3] is read as six whole numbers, 0, 1, 0, 2, 0 and 3. When a list has twice as many numbers as
// the least to most expected, and each pair is a whole number and a number of digits, says what was meant:
// " (decimal commas? write [0.1, 0.2, 0.3])"; else "".
std::string decimal_commas(Ref a, std::size_t least, std::size_t most) {
  const std::size_t n = a.size();
  if (n % 2 != 0 || n / 2 < least || n / 2 > most) return {};
  std::string meant;
  for (std::size_t i = 0; i < n; i += 2) {
    if (!a[i].is_integer() || !a[i + 1].is_integer() || a[i + 1].integer() < 0) return {};
    meant += (i ? ", " : "") + integer_text(a[i]) + "." + std::to_string(a[i + 1].integer());
  }
  return " (decimal commas? write [" + meant + "])";
}

// The example of a distribution in a refusal: an amount of money for a field of money, a count for a quantity or
// hours, years for a duration, a change on the 0-10 scale for a life satisfaction change, else a share.
const char* example_for(const std::string& path) {
  const std::size_t dot = path.rfind('.');
  const std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
  for (const char* money : {"amount", "value", "hourly_value", "value_per_wellby"})
    if (key == money) return "{triangular: [800, 1000, 1300]}";
  if (key == "quantity" || key == "hours") return "{triangular: [80, 100, 130]}";
  if (key == "duration") return "{triangular: [2, 3, 5]}";
  if (key == "life_satisfaction_change") return "{normal: [0.2, 0.05]}";
  return "{triangular: [0.2, 0.3, 0.45]}";
}

namespace {
// Digits, at most one point between digits and a sign in front: 150000, -0.5, 12.
bool plain_number(const std::string& t) {
  const std::size_t start = (!t.empty() && (t[0] == '-' || t[0] == '+')) ? 1 : 0;
  const std::size_t point = t.find('.', start);
  auto digits = [](const std::string& d) { return !d.empty() && d.find_first_not_of("0123456789") == std::string::npos; };
  if (point == std::string::npos) return digits(t.substr(start));
  return digits(t.substr(start, point - start)) && digits(t.substr(point + 1));
}
}  // namespace

std::string range_as_uniform(const std::string& text) {
  const std::string t = trimmed(text);
  // The two ends apart at an en dash or a hyphen (not a sign in front): exactly one of them.
  std::size_t cut = t.find("\xE2\x80\x93"), width = 3;
  if (cut == std::string::npos) cut = t.find('-', 1), width = 1;
  if (cut == std::string::npos || cut == 0 || t.find('-', cut + width) != std::string::npos ||
      t.find("\xE2\x80\x93", cut + width) != std::string::npos)
    return {};
  std::string low = trimmed(t.substr(0, cut)), high = trimmed(t.substr(cut + width));
  // 10-30% and 10% - 30%: both ends a percentage, as shares.
  const bool percent = !high.empty() && high.back() == '%';
  if (!low.empty() && low.back() == '%' && !percent) return {};
  const auto end = [&](std::string side) -> std::string {
    if (!side.empty() && side.back() == '%') side = trimmed(side.substr(0, side.size() - 1));
    if (side.empty() || side[0] < '0' || side[0] > '9') return {};
    if (percent) return percent_as_share(side + "%");
    if (side.find(',') != std::string::npos)
      return side.find('.') == std::string::npos ? from_dutch_notation(side) : std::string();
    return plain_number(side) ? side : std::string();
  };
  low = end(low);
  high = end(high);
  return low.empty() || high.empty() ? std::string() : "{uniform: [" + low + ", " + high + "]}";
}

std::string decimal_comma_key(const std::string& before_key, Ref before, const std::string& key) {
  const bool digits = !key.empty() && key.size() <= 20 && key.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || !before || !before.is_integer()) return {};
  const std::string whole = integer_text(before);
  return " (after " + before_key + ": " + whole + "; a decimal comma? write " + whole + "." + key +
         (key.size() == 3 ? ", or " + whole + key + " without a thousands separator" : std::string()) + ")";
}

std::string param_type_name(Ref j, bool amount_number) {
  if (j.is_string())
    if (const std::string uniform = range_as_uniform(j.str()); !uniform.empty())
      return "the text " + impactchain::detail::quote(doc::excerpt(j.str())) + " (a range? write " + uniform + ")";
  return type_name(j, amount_number);
}

bool written_with_decimal_commas(Ref a) {
  const std::size_t n = a.size();
  if (!a.is_seq() || n < 4 || n % 2 != 0) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (!a[i].is_integer() || (i % 2 == 1 && (a[i].integer() < 0 || std::signbit(a[i].number())))) return false;
    if (i == 0) continue;
    const doc::Pos before = a[i - 1].pos(), here = a[i].pos();
    if (before.line == 0 || here.line == 0) return false;
    // Right after the number before and its comma: the column one past the number's digits and the comma.
    const bool tight = here.line == before.line && here.column == before.column + integer_text(a[i - 1]).size() + 1;
    if (tight != (i % 2 == 1)) return false;
  }
  return true;
}

std::string list_as_written(Ref a) {
  std::string out = "[";
  for (std::size_t i = 0; i < a.size(); ++i) out += (i == 0 ? "" : i % 2 == 1 ? "," : ", ") + integer_text(a[i]);
  return out + "]";
}

std::string number_with_words(const std::string& text) {
  std::string number;
  std::size_t numbers = 0, words = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    const std::string token = text.substr(i, end - i);
    i = end + 1;
    if (token.empty()) continue;
    if (token.find_first_of("0123456789") == std::string::npos) {
      ++words;
      continue;
    }
    ++numbers;
    const std::string dutch = from_dutch_notation(token);
    number = !dutch.empty() ? dutch : plain_number(token) ? token : std::string();
  }
  return numbers == 1 && words > 0 ? number : std::string();
}

}  // namespace impactchain::io::detail
