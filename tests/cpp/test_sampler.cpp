// sampler.hpp: the closed-form inverses of TableSampler against Parameter::quantile of the same
// 32-bit uniforms, bit for bit (the loops run in the AVX2 or AVX-512 version where the processor
// has one; the numbers must be those of the scalar formula on every instruction set).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "sampler.hpp"

using namespace impactchain;

TEST_CASE("sampler: triangular and uniform draws are the quantiles of their 32-bit uniforms, both streams") {
  ParameterTable t;
  t.add("left", Parameter::triangular(0, 0.2, 1));
  t.add("wide", Parameter::triangular(-3e6, 1e5, 7e6));
  t.add("irregular", Parameter::triangular(0.1234567, 0.3456789, 0.9876543));  // products that round
  t.add("mode_at_low", Parameter::triangular(2, 2, 5));
  t.add("mode_at_high", Parameter::triangular(2, 5, 5));
  t.add("uniform", Parameter::uniform(-1.1, 3.3));
  const std::uint64_t seed = 12345;
  for (unsigned version : {detail::stream_version_1, detail::stream_version_2})
  for (std::size_t n : {detail::sample_block_size, std::size_t{700}, std::size_t{3}}) {
    CAPTURE(version);
    CAPTURE(n);
    const detail::TableSampler sampler(t, {}, seed, version);
    detail::TableSampler::Scratch scratch = sampler.scratch();
    std::vector<double> cols(t.size() * detail::sample_block_size);
    sampler.sample_block(7, detail::StreamDomain::simulation, n, cols.data(), scratch);
    for (std::size_t j = 0; j < t.size(); ++j) {
      CAPTURE(t[j].name);
      const detail::SlotSampler& s = sampler.samplers()[j];
      detail::WordStream ws;
      ws.reset(seed, 7, s.slot, detail::StreamDomain::simulation, version);
      std::vector<std::uint64_t> words(detail::half_words(n));
      ws.fill(words.data(), words.size());
      std::size_t differ = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double want = t[j].parameter.quantile(detail::to_uniform32(detail::half_word(words.data(), i)));
        differ += std::memcmp(&want, &cols[j * detail::sample_block_size + i], sizeof want) != 0;
      }
      CHECK(differ == 0);
    }
  }
}

TEST_CASE("sampler: a truncated normal is AS241's quantile of its 53-bit uniforms, version 2 within rounding") {
  ParameterTable t;
  t.add("income", Parameter::normal(18000, 2000, 0, std::numeric_limits<double>::infinity()));
  t.add("rate", Parameter::normal(0.2, 0.15, 0, 1));  // both ends within reach: every part of AS241
  const std::uint64_t seed = 99;
  for (unsigned version : {detail::stream_version_1, detail::stream_version_2}) {
    CAPTURE(version);
    const detail::TableSampler sampler(t, {}, seed, version);
    auto scratch = sampler.scratch();
    const std::size_t n = detail::sample_block_size;
    std::vector<double> cols(t.size() * n);
    sampler.sample_block(3, detail::StreamDomain::simulation, n, cols.data(), scratch);
    for (std::size_t j = 0; j < t.size(); ++j) {
      CAPTURE(t[j].name);
      const auto& a = t[j].parameter.args();
      const double lo = std::isfinite(a[2]) ? 0.5 * std::erfc(-(a[2] - a[0]) / a[1] * M_SQRT1_2) : 0.0;
      const double hi = std::isfinite(a[3]) ? 0.5 * std::erfc(-(a[3] - a[0]) / a[1] * M_SQRT1_2) : 1.0;
      detail::WordStream ws;
      ws.reset(seed, 3, sampler.samplers()[j].slot, detail::StreamDomain::simulation, version);
      std::size_t differ = 0;
      double worst = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double p = lo + detail::to_uniform(ws.next()) * (hi - lo);
        const double want = std::min(std::max(a[0] + a[1] * normal_quantile(p), a[2]), a[3]);
        differ += std::memcmp(&want, &cols[j * n + i], sizeof want) != 0;
        worst = std::max(worst, std::fabs(cols[j * n + i] - want) / std::fabs(want));
      }
      if (version == detail::stream_version_1) CHECK(differ == 0);
      CHECK(worst <= 1e-14);
    }
  }
}
