// Private to src/: what the model loader adds to a refusal when a value looks like a mistake it
// knows (a number in Dutch notation, a percentage or money written as text, decimal commas in a
// list, a number with words), and the example of a distribution it shows for a field.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "model_reader.hpp"

namespace impactchain::io::detail {

/// A whole number as written, the sign of -0 kept ("-0" in [-0,5, 0,1]).
std::string integer_text(Ref j);
/// Text written as a number in Dutch notation (1.500.000, 0,35, 1.250,50): the same number in the
/// form model files use ("1500000", "0.35", "1250.50"), or "" when the text is not one.
std::string from_dutch_notation(const std::string& s);
/// Text written as a percentage ("25%", "7,5 %"): the share it means, exactly ("0.25", "0.075"),
/// or "" when the text is not one.
std::string percent_as_share(const std::string& text);
/// Money written as text ("€ 150.000", "150000 euro", "EUR 1.250,50", "150.000,-"): nullopt when
/// the text has no digit or names no currency (nor ends in ",-"); else the plain number, or "" when
/// the rest reads more than one way ("$ 1,500").
std::optional<std::string> plain_amount(const std::string& s);
/// " (decimal commas? write [0.1, 0.2, 0.3])" when list `a` holds twice the least to most numbers
/// expected and each pair is a whole number and its digits ([0,1, 0,2, 0,3]); else "".
std::string decimal_commas(Ref a, std::size_t least, std::size_t most);
/// True for a list of whole numbers written in pairs with a decimal comma: every second number
/// right after the one before and its comma, the pairs apart (`[0,5, 0,1]`, read as 0, 5, 0, 1).
/// Counted from the positions in the file, so `[0,5,0,1]` and `[0, 5, 0, 1]` are four numbers.
bool written_with_decimal_commas(Ref a);
/// Such a list as it was written: "[0,5, 0,1]".
std::string list_as_written(Ref a);
/// The hint for a key without a value that is the fraction of a number cut at a decimal comma in a flow
/// mapping ({amount: 0,35} reads as amount: 0 and a key 35; {2024: 104,1} as 2024: 104 and a year 1):
/// " (after 2024: 104; a decimal comma? write 104.1)", with ", or 104100 without a thousands separator"
/// for three digits; "" when `key` is not digits or the value `before` it (at `before_key`) no whole number.
std::string decimal_comma_key(const std::string& before_key, Ref before, const std::string& key);
/// Text of one number and words ("150.000 ongeveer", "ca. 12"): the number to write ("150000",
/// "12"); else "".
std::string number_with_words(const std::string& text);
/// Text written as a range of two numbers ("0.1 - 0.3", "10-30%", "10% – 30%", "0,1-0,3"): the uniform
/// distribution to write ("{uniform: [0.1, 0.3]}", a percentage range as shares), or "" when the text is not one.
std::string range_as_uniform(const std::string& text);
/// A value given where a number or distribution goes, named as type_name names it; text written as a range
/// gets the uniform distribution to write (not in type_name: a year or an id written as a range means no
/// distribution).
std::string param_type_name(Ref j, bool amount_number = true);
/// The example distribution of a refusal for the field at `path`: money, a count, years, a
/// change in life satisfaction or a share.
const char* example_for(const std::string& path);

}  // namespace impactchain::io::detail
