// Comparing interventions: ICER frontier (icer.hpp), draws-based analysis (psa.hpp)
// and agreement between lenses (lenses.hpp). Mirrors tests/python/test_compare.py.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "impactchain/icer.hpp"
#include "impactchain/lenses.hpp"
#include "impactchain/psa.hpp"

using namespace impactchain;

namespace {

#ifdef IMPACTCHAIN_PEERS_DATA
const std::string peers = IMPACTCHAIN_PEERS_DATA;
#else
const std::string peers = "../shared/data/peers";
#endif

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  bool ok = false;
};

Csv read_csv(const std::string& path) {
  Csv c;
  std::ifstream in(path);
  if (!in) return c;
  std::string line;
  auto split = [](const std::string& s) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream is(s);
    while (std::getline(is, cell, ',')) {
      if (!cell.empty() && cell.back() == '\r') cell.pop_back();
      out.push_back(cell);
    }
    return out;
  };
  if (std::getline(in, line)) c.header = split(line);
  while (std::getline(in, line))
    if (!line.empty()) c.rows.push_back(split(line));
  c.ok = true;
  return c;
}

struct Inputs {
  std::vector<std::string> s;
  std::vector<double> c, e;
  bool ok = false;
};

Inputs read_inputs(const std::string& file) {
  Inputs x;
  const Csv csv = read_csv(peers + "/dampack/" + file);
  if (!csv.ok) return x;
  for (const auto& r : csv.rows) {
    x.s.push_back(r[0]);
    x.c.push_back(std::stod(r[1]));
    x.e.push_back(std::stod(r[2]));
  }
  x.ok = true;
  return x;
}

// Draws matrix (row-major) from a peer CSV with a header of strategy names.
struct Matrix {
  std::vector<std::string> names;
  std::vector<double> v;
  std::size_t rows = 0;
  bool ok = false;
};

Matrix read_matrix(const std::string& path) {
  Matrix m;
  const Csv csv = read_csv(path);
  if (!csv.ok) return m;
  m.names = csv.header;
  for (const auto& r : csv.rows)
    for (const auto& x : r) m.v.push_back(std::stod(x));
  m.rows = csv.rows.size();
  m.ok = true;
  return m;
}

#define SKIP_IF_MISSING(cond, what)                                                       \
  if (!(cond)) {                                                                          \
    MESSAGE("skipped: peer data " << what << " not found under " << peers                \
                                  << " (tests read ../shared/data/peers, never a copy)"); \
    return;                                                                               \
  }

}  // namespace

TEST_SUITE("compare: icers") {
  // Published expected table: DARTH-git/dampack tests/testthat/test_calculate_icers.R
  // ("calculate_icers returns correct object"), example from
  // herc.research.va.gov/include/page.asp?id=cost-effectiveness-analysis.
  TEST_CASE("HERC example reproduces dampack's published table") {
    const auto t = icers({"E", "D", "C", "B", "A", "UC"}, {55000, 35000, 25000, 10000, 12000, 5000}, {5, 4, 3, 2, 1.5, 1});
    const std::vector<std::string> strat{"UC", "B", "D", "E", "C", "A"};
    const std::vector<std::string> status{"ND", "ND", "ND", "ND", "ED", "D"};
    REQUIRE(t.rows.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) {
      CHECK(t.rows[i].strategy == strat[i]);
      CHECK(std::string(to_string(t.rows[i].status)) == status[i]);
    }
    CHECK_FALSE(t.rows[0].icer.has_value());
    CHECK_FALSE(t.rows[0].inc_cost.has_value());
    CHECK(*t.rows[1].inc_cost == 5000);
    CHECK(*t.rows[1].inc_effect == 1);
    CHECK(*t.rows[1].icer == 5000);
    CHECK(*t.rows[2].inc_cost == 25000);
    CHECK(*t.rows[2].inc_effect == 2);
    CHECK(*t.rows[2].icer == 12500);
    CHECK(*t.rows[3].inc_cost == 20000);
    CHECK(*t.rows[3].inc_effect == 1);
    CHECK(*t.rows[3].icer == 20000);
    CHECK_FALSE(t.rows[4].icer.has_value());
    CHECK_FALSE(t.rows[5].inc_effect.has_value());
    CHECK(t.frontier() == std::vector<std::string>{"UC", "B", "D", "E"});
    // The notes, coded. By hand: A (12000, 1.5) costs more than B (10000, 2) for less effect.
    // Among UC, B, C, D, E the ICERs are B: 5000/1, C: 15000/1, D: 10000/1, so C's 15000 against
    // B exceeds D's 10000 against C: C is extendedly dominated.
    CHECK(t.rows[0].note.code == "icer.reference");
    CHECK(t.rows[1].note.empty());
    CHECK(t.at("A").note.code == "icer.dominated");
    CHECK(t.at("A").note.param("strategy")->english() == "B");
    CHECK(t.at("A").note.text == "costs more and is less effective than 'B'");
    const Notice& ed = t.at("C").note;
    CHECK(ed.code == "icer.extendedly_dominated");
    CHECK(ed.param("strategy")->english() == "B");
    CHECK(ed.param("strategy_b")->english() == "D");
    CHECK(std::get<double>(ed.param("icer")->value) == 15000);
    CHECK(std::get<double>(ed.param("icer_b")->value) == 10000);
    CHECK(ed.text == "extendedly dominated: its ICER against 'B' (15000) exceeds that of the next strategy 'D' (10000)");
  }

  // dampack test_calculate_icers.R "default reference strategy": the first row is
  // "Test & treat". Hand: Treat all has the same effect (6.52861) at a higher cost and
  // No Treat costs more (163771 > 163765.1) for less effect, so both are D.
  TEST_CASE("tie example: equal effect at higher cost is D") {
    const auto x = read_inputs("tie_inputs.csv");
    SKIP_IF_MISSING(x.ok, "dampack/tie_inputs.csv");
    const auto t = icers(x.s, x.c, x.e);
    CHECK(t.rows[0].strategy == "Test & treat");
    CHECK(t.rows[0].status == DominanceStatus::ND);
    CHECK(t.at("Treat all").status == DominanceStatus::D);
    CHECK(t.at("Treat all").note.text.find("same effect") != std::string::npos);
    CHECK(t.at("No Treat").status == DominanceStatus::D);
  }

  // dampack vignettes/basic_cea.Rmd (Paltiel et al. 2006): "the annual screening strategy
  // is strongly dominated". ICERs by hand from the inputs (QALYs = months / 12):
  // one time: 1000 / (0.32/12) = 37500; 5yr: 1020 / (0.21/12) = 58285.714...;
  // 3yr: 420 / (0.05/12) = 100800.
  TEST_CASE("HIV screening example (dampack basic_cea vignette)") {
    const auto x = read_inputs("hiv_inputs.csv");
    SKIP_IF_MISSING(x.ok, "dampack/hiv_inputs.csv");
    const auto t = icers(x.s, x.c, x.e);
    CHECK(t.at("annual").status == DominanceStatus::D);
    CHECK(t.frontier() == std::vector<std::string>{"status quo", "one time", "5yr", "3yr"});
    CHECK(*t.at("one time").icer == doctest::Approx(37500.0).epsilon(1e-9));
    CHECK(*t.at("5yr").icer == doctest::Approx(1020.0 / (0.21 / 12)).epsilon(1e-9));
    CHECK(*t.at("3yr").icer == doctest::Approx(100800.0).epsilon(1e-9));
  }

  // Published table: DARTH-git/dampack vignettes/cdiff_icers.csv (basic_cea vignette,
  // example 2), here from cdiff_icers_published.csv; inputs are the PSA means.
  TEST_CASE("C. diff example reproduces dampack's published ICER table") {
    const auto x = read_inputs("cdiff_inputs.csv");
    const Csv pub = read_csv(peers + "/dampack/cdiff_icers_published.csv");
    SKIP_IF_MISSING(x.ok && pub.ok, "dampack/cdiff_inputs.csv or cdiff_icers_published.csv");
    const auto t = icers(x.s, x.c, x.e);
    REQUIRE(t.rows.size() == pub.rows.size());
    for (std::size_t i = 0; i < pub.rows.size(); ++i) {
      const auto& p = pub.rows[i];
      const auto& r = t.rows[i];
      CHECK(r.strategy == p[0]);
      CHECK(std::string(to_string(r.status)) == p[6]);
      CHECK(r.cost == doctest::Approx(std::stod(p[1])).epsilon(1e-12));
      if (p[5] == "NA") {
        CHECK_FALSE(r.icer.has_value());
      } else {
        CHECK(*r.inc_cost == doctest::Approx(std::stod(p[3])).epsilon(1e-9));
        CHECK(*r.inc_effect == doctest::Approx(std::stod(p[4])).epsilon(1e-9));
        CHECK(*r.icer == doctest::Approx(std::stod(p[5])).epsilon(1e-9));
      }
    }
  }

  // dampack's hund_strat data set has no published table (R/icers.R runs it as an
  // example only), so the oracle is an independent algorithm: the frontier is the
  // lower convex hull of (effect, cost) from the cheapest strategy to the most
  // effective one (Andrew's monotone chain), with no strongly dominated points.
  TEST_CASE("100 strategies: frontier equals the lower convex hull") {
    const auto x = read_inputs("hund_strat_inputs.csv");
    SKIP_IF_MISSING(x.ok, "dampack/hund_strat_inputs.csv");
    const auto t = icers(x.s, x.c, x.e);
    std::vector<std::size_t> idx(x.s.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      return x.e[a] != x.e[b] ? x.e[a] < x.e[b] : x.c[a] < x.c[b];
    });
    std::vector<std::size_t> hull;
    for (std::size_t k : idx) {
      while (hull.size() >= 2) {
        const std::size_t a = hull[hull.size() - 2], b = hull.back();
        const double cross = (x.e[b] - x.e[a]) * (x.c[k] - x.c[a]) - (x.c[b] - x.c[a]) * (x.e[k] - x.e[a]);
        if (cross <= 0) hull.pop_back(); else break;
      }
      hull.push_back(k);
    }
    // keep the part of the lower hull from the cheapest vertex onwards
    std::size_t start = 0;
    for (std::size_t h = 0; h < hull.size(); ++h)
      if (x.c[hull[h]] < x.c[hull[start]]) start = h;
    std::vector<std::string> expected;
    for (std::size_t h = start; h < hull.size(); ++h) expected.push_back(x.s[hull[h]]);
    CHECK(t.frontier() == expected);
    double prev = -1;
    for (const auto& r : t.rows)
      if (r.icer) {
        CHECK(*r.icer > prev);  // ICERs rise along the frontier
        prev = *r.icer;
      }
  }

  TEST_CASE("identical cost and effect: later one is D with an explicit message") {
    const auto t = icers({"a", "b", "c"}, {10, 10, 20}, {1, 1, 2});
    CHECK(t.at("a").status == DominanceStatus::ND);
    CHECK(t.at("b").status == DominanceStatus::D);
    CHECK(t.at("b").note.code == "icer.same_cost_and_effect");
    CHECK(t.at("b").note.text.find("same cost and effect as 'a'") != std::string::npos);
    REQUIRE(t.warnings.size() == 1);
    CHECK(t.warnings[0].text.find("tie in cost and effect") != std::string::npos);
    // c against a: (20 − 10) / (2 − 1) = 10
    CHECK(*t.at("c").icer == 10.0);
  }

  TEST_CASE("same cost, different effect: the less effective one is D") {
    const auto t = icers({"lo", "hi"}, {5, 5}, {1, 3});
    CHECK(t.at("hi").status == DominanceStatus::ND);
    CHECK(t.at("lo").status == DominanceStatus::D);
    CHECK(t.at("lo").note.code == "icer.same_cost_less_effect");
    CHECK(t.at("lo").note.text == "same cost as 'hi' and less effect");
  }

  TEST_CASE("bad input is rejected with the field named") {
    CHECK_THROWS_WITH_AS(icers({"a"}, {1}, {1}), doctest::Contains("at least 2 strategies"), ValidationError);
    CHECK_THROWS_WITH_AS(icers({"a", "b"}, {1, 2}, {1}), doctest::Contains("same length"), ValidationError);
    CHECK_THROWS_WITH_AS(icers({"a", "b"}, {1, NAN}, {1, 2}), doctest::Contains("cost must be finite"), ValidationError);
    CHECK_THROWS_WITH_AS(icers({"a", "b"}, {1, 2}, {INFINITY, 2}), doctest::Contains("effect must be finite"), ValidationError);
    CHECK_THROWS_WITH_AS(icers({"a", "a"}, {1, 2}, {1, 2}), doctest::Contains("more than once"), ValidationError);
  }

  // Hand: k = 1000: NMB(A) = 1000·2 − 500 = 1500; NMB(B) = 1000·0 − 100 = −100.
  TEST_CASE("net benefit and cost per outcome") {
    const auto r = net_benefit({"A", "B", "C"}, {500, 100, 50}, {2, 0, -1}, 1000);
    CHECK(r[0].nmb == 1500);
    CHECK(*r[0].cost_per_effect == 250);
    CHECK(r[1].nmb == -100);
    CHECK_FALSE(r[1].cost_per_effect.has_value());
    CHECK(r[0].note.empty());
    CHECK(r[1].note.code == "net_benefit.zero_effect");
    CHECK(r[2].note.code == "net_benefit.negative_effect");
    CHECK(r[2].note.text == "cost per unit of outcome undefined: negative effect");
    CHECK_THROWS_AS(net_benefit({"A"}, {1}, {1}, NAN), ValidationError);
  }
}

namespace {

// Hand-written reference: for each wtp and draw evaluate every NMB directly.
struct Naive {
  std::vector<double> ceac, evpi;
};

Naive naive(const std::vector<double>& c, const std::vector<double>& e, std::size_t N, std::size_t S,
            const std::vector<double>& wtp) {
  Naive r;
  r.ceac.assign(wtp.size() * S, 0.0);
  for (std::size_t w = 0; w < wtp.size(); ++w) {
    std::vector<double> mean(S, 0.0);
    double mean_max = 0;
    for (std::size_t i = 0; i < N; ++i) {
      std::size_t b = 0;
      double m = -INFINITY;
      for (std::size_t j = 0; j < S; ++j) {
        const double v = wtp[w] * e[i * S + j] - c[i * S + j];
        mean[j] += v / N;
        if (v > m) { m = v; b = j; }
      }
      mean_max += m / N;
      r.ceac[w * S + b] += 1.0 / N;
    }
    r.evpi.push_back(mean_max - *std::max_element(mean.begin(), mean.end()));
  }
  return r;
}

}  // namespace

TEST_SUITE("compare: psa") {
  TEST_CASE("acceptability and EVPI agree with a hand-written reference on random data") {
    const std::size_t N = 5000, S = 4;
    std::mt19937_64 rng(42);
    std::normal_distribution<double> nc(1000, 300), ne(1, 0.2);
    std::vector<double> c(N * S), e(N * S);
    for (std::size_t i = 0; i < N; ++i)
      for (std::size_t j = 0; j < S; ++j) {
        c[i * S + j] = nc(rng) + 200.0 * j;
        e[i * S + j] = ne(rng) + 0.1 * j;
      }
    const std::vector<double> wtp{5000, 0, 1000, 2000, 2000, 3500, -100, 100000, 1500};  // unsorted, duplicate, negative
    PsaDraws d{c.data(), e.data(), N, S, {"a", "b", "c", "d"}};
    PsaOptions one{1, 777};
    const auto a = acceptability(d, wtp, one);
    const auto ref = naive(c, e, N, S, wtp);
    for (std::size_t w = 0; w < wtp.size(); ++w) {
      double tot = 0;
      for (std::size_t j = 0; j < S; ++j) {
        CHECK(a.ceac[w * S + j] == doctest::Approx(ref.ceac[w * S + j]).epsilon(1e-12));
        tot += a.ceac[w * S + j];
      }
      CHECK(tot == doctest::Approx(1.0));
      CHECK(a.evpi[w] == doctest::Approx(ref.evpi[w]).epsilon(1e-8).scale(1.0));
      CHECK(a.frontier_probability[w] == a.ceac[w * S + a.optimal[w]]);
    }
    // Same numbers, to the bit, for any thread count.
    for (unsigned th : {2u, 3u, 8u}) {
      const auto b = acceptability(d, wtp, PsaOptions{th, 777});
      CHECK(b.ceac == a.ceac);
      CHECK(b.evpi == a.evpi);
      CHECK(b.optimal == a.optimal);
    }
    // rank probabilities against a direct count
    const auto rp = rank_probabilities(d, 2000, PsaOptions{3, 1000});
    std::vector<double> cnt(S * S, 0.0);
    for (std::size_t i = 0; i < N; ++i) {
      std::vector<std::pair<double, std::size_t>> v;
      for (std::size_t j = 0; j < S; ++j) v.push_back({-(2000 * e[i * S + j] - c[i * S + j]), j});
      std::sort(v.begin(), v.end());
      for (std::size_t r = 0; r < S; ++r) cnt[v[r].second * S + r] += 1.0 / N;
    }
    for (std::size_t x = 0; x < S * S; ++x) CHECK(rp[x] == doctest::Approx(cnt[x]).epsilon(1e-12));
    for (std::size_t j = 0; j < S; ++j) CHECK(rp[j * S + 0] == doctest::Approx(a.ceac[3 * S + j]));  // rank 0 = CEAC at k = 2000
  }

  // Published: giabaio/BCEA reference/summary.bcea.md (summary(he) for data(Vaccine),
  // ref = Vaccination, wtp = 25000): expected net benefit Status Quo −36.054,
  // Vaccination −34.826; EIB 1.2284; CEAC 0.529; ICER 20098; EVPI 2.4145; "choose
  // Status Quo for k < 20100 and Vaccination for k >= 20100" on BCEA's grid 0..50000 by 100.
  TEST_CASE("BCEA vaccine example reproduces BCEA's published summary") {
    const auto ce = read_matrix(peers + "/bcea-vaccine/cost.csv");
    const auto ef = read_matrix(peers + "/bcea-vaccine/eff.csv");
    SKIP_IF_MISSING(ce.ok && ef.ok, "bcea-vaccine/cost.csv, eff.csv");
    PsaDraws d{ce.v.data(), ef.v.data(), ce.rows, 2, ce.names};
    const auto s = psa_summary(d);
    const auto a = acceptability(d, s, {25000});
    CHECK(std::fabs(a.expected_nmb[0] - -36.054) < 5e-4);
    CHECK(std::fabs(a.expected_nmb[1] - -34.826) < 5e-4);
    CHECK(std::fabs(a.ceac[1] - 0.529) < 5e-4);
    CHECK(std::fabs(a.evpi[0] - 2.4145) < 5e-5);
    CHECK(a.optimal[0] == 1);
    const auto eib = expected_incremental_benefit(s, 0, {25000});
    CHECK(std::fabs(eib[1] - 1.2284) < 5e-5);
    const auto inc = versus_reference(s, 0);
    CHECK(std::fabs(*inc[1].icer - 20098) < 0.5);
    CHECK(inc[1].status == "NE");
    std::vector<double> grid;
    for (int k = 0; k <= 50000; k += 100) grid.push_back(k);
    const auto g = acceptability(d, s, grid);
    for (std::size_t w = 0; w < grid.size(); ++w) CHECK(g.optimal[w] == (grid[w] >= 20100 ? 1u : 0u));
  }

  // Published: DARTH-git/dampack tests/testthat/test_ceac.R ("message is correct in
  // summary.ceac"): on example_psa the frontier (CEAF) strategies are Radio, then Chemo.
  TEST_CASE("dampack example PSA: acceptability frontier is Radio then Chemo") {
    const auto ce = read_matrix(peers + "/dampack/example_psa_cost.csv");
    const auto ef = read_matrix(peers + "/dampack/example_psa_effect.csv");
    SKIP_IF_MISSING(ce.ok && ef.ok, "dampack/example_psa_cost.csv, example_psa_effect.csv");
    PsaDraws d{ce.v.data(), ef.v.data(), ce.rows, 3, {"Chemo", "Radio", "Surgery"}};
    std::vector<double> grid;
    for (int k = 0; k <= 150000; k += 1000) grid.push_back(k);
    const auto a = acceptability(d, grid);
    std::vector<std::size_t> seq;
    for (auto o : a.optimal)
      if (seq.empty() || seq.back() != o) seq.push_back(o);
    CHECK(seq == std::vector<std::size_t>{1, 0});
  }

  // dampack's example: cdiff_inputs.csv are the PSA means (summary.psa), so the
  // summary of the draws must give them back.
  TEST_CASE("C. diff PSA means are dampack's summary") {
    const auto ce = read_matrix(peers + "/dampack/cdiff_psa_cost.csv");
    const auto ef = read_matrix(peers + "/dampack/cdiff_psa_effect.csv");
    const auto x = read_inputs("cdiff_inputs.csv");
    SKIP_IF_MISSING(ce.ok && ef.ok && x.ok, "dampack/cdiff_psa_*.csv");
    PsaDraws d{ce.v.data(), ef.v.data(), ce.rows, ce.names.size(), ce.names};
    const auto s = psa_summary(d);
    for (std::size_t j = 0; j < x.s.size(); ++j) {
      CHECK(ce.names[j] == x.s[j]);
      CHECK(s.mean_cost[j] == doctest::Approx(x.c[j]).epsilon(1e-12));
      CHECK(s.mean_effect[j] == doctest::Approx(x.e[j]).epsilon(1e-12));
    }
  }

  // Hand: strategy b equals a in every draw, so a (first index) wins every tie; c is
  // always worse at k = 10 (NMB 10·1 − 100 = −90 < 10·2 − 10 = 10). EVPI = 0 exactly.
  TEST_CASE("ties in net benefit go to the first strategy, and no loss means EVPI 0") {
    std::vector<double> c{10, 10, 100, 10, 10, 100}, e{2, 2, 1, 2, 2, 1};
    PsaDraws d{c.data(), e.data(), 2, 3, {}};
    const auto a = acceptability(d, {10});
    CHECK(a.ceac == std::vector<double>{1, 0, 0});
    CHECK(a.evpi[0] == 0.0);
    const auto inc = versus_reference(psa_summary(d), 0);
    CHECK_FALSE(inc[1].icer.has_value());
    CHECK(inc[1].status.find("same mean cost and effect") != std::string::npos);
    CHECK(inc[2].icer.has_value());
    CHECK(inc[2].status == "NW");  // costs 90 more for 1 less: dominated
  }

  TEST_CASE("zero mean effect difference: ICER undefined, no division") {
    std::vector<double> c{10, 20, 10, 40}, e{1, 1, 3, 3};
    PsaDraws d{c.data(), e.data(), 2, 2, {"ref", "x"}};
    const auto inc = versus_reference(psa_summary(d), 0);
    CHECK(inc[0].status == "reference");
    CHECK_FALSE(inc[1].icer.has_value());
    CHECK(inc[1].status.find("zero effect difference") != std::string::npos);
    CHECK(inc[1].inc_cost == 20.0);  // (20 + 40)/2 − (10 + 10)/2
  }

  TEST_CASE("CE plane is per-draw differences against the reference") {
    std::vector<double> c{1, 4, 2, 8}, e{1, 2, 3, 5};
    PsaDraws d{c.data(), e.data(), 2, 2, {}};
    const auto p = ce_plane(d, 0);
    CHECK(p.inc_cost == std::vector<double>{0, 3, 0, 6});
    CHECK(p.inc_effect == std::vector<double>{0, 1, 0, 2});
  }

  TEST_CASE("bad draws are rejected") {
    std::vector<double> c{1, 2, 3, NAN}, e{1, 2, 3, 4};
    PsaDraws bad{c.data(), e.data(), 2, 2, {"a", "b"}};
    CHECK_THROWS_WITH_AS(psa_summary(bad), doctest::Contains("draws must be finite"), ValidationError);
    CHECK_THROWS_WITH_AS(psa_summary(bad), doctest::Contains("'b' in draw 1"), ValidationError);
    PsaDraws one{c.data(), e.data(), 4, 1, {}};
    CHECK_THROWS_WITH_AS(psa_summary(one), doctest::Contains("at least 2 strategies"), ValidationError);
    std::vector<double> c2{1, 2, 3, 4};
    PsaDraws ok{c2.data(), e.data(), 2, 2, {"a"}};
    CHECK_THROWS_WITH_AS(psa_summary(ok), doctest::Contains("1 names for 2 strategies"), ValidationError);
    PsaDraws good{c2.data(), e.data(), 2, 2, {}};
    CHECK_THROWS_WITH_AS(acceptability(good, {NAN}), doctest::Contains("willingness to pay must be finite"), ValidationError);
    CHECK_THROWS_WITH_AS(acceptability(good, std::vector<double>{}), doctest::Contains("at least one"), ValidationError);
    CHECK_THROWS_AS(versus_reference(psa_summary(good), 2), ValidationError);
    // the willingness-to-pay grid ceiling (10^5 values), for the acceptability curves and for EIB
    const std::vector<double> at_ceiling(max_wtp_grid, 1.0), beyond(max_wtp_grid + 1, 1.0);
    CHECK(expected_incremental_benefit(psa_summary(good), 0, at_ceiling).size() == 2 * max_wtp_grid);
    CHECK_THROWS_WITH_AS(acceptability(good, beyond),
                         doctest::Contains("acceptability.wtp: at most 100000 willingness-to-pay values are accepted, got 100001"),
                         ValidationError);
    CHECK_THROWS_WITH_AS(expected_incremental_benefit(psa_summary(good), 0, beyond),
                         doctest::Contains("eib.wtp: at most 100000 willingness-to-pay values are accepted, got 100001"),
                         ValidationError);
    CHECK_THROWS_WITH_AS(expected_incremental_benefit(psa_summary(good), 0, {1.0, NAN}),
                         doctest::Contains("eib.wtp[1]: willingness to pay must be finite"), ValidationError);
    PsaDraws other{c2.data(), e.data(), 1, 2, {}};
    CHECK_THROWS_WITH_AS(acceptability(other, psa_summary(good), {1.0}), doctest::Contains("other draws"), std::invalid_argument);
  }
}

TEST_SUITE("compare: lenses") {
  // Hand: lens x = (3, 2, 1) higher better → ranks (1, 2, 3); lens y = cost per outcome
  // (10, 30, 20) lower better → ranks (1, 3, 2). Spearman = 1 − 6·Σd²/(n(n²−1)) with
  // d = (0, −1, 1): 1 − 6·2/24 = 0.5. Kendall: pairs (A,B) concordant, (A,C)
  // concordant, (B,C) discordant → (2 − 1)/3 = 1/3. Winner A under both.
  TEST_CASE("rank correlations and winners by hand") {
    const auto r = lens_agreement({"A", "B", "C"}, {"x", "y"}, {3, 10, 2, 30, 1, 20}, {true, false});
    CHECK(r.spearman[1] == doctest::Approx(0.5));
    CHECK(r.kendall[1] == doctest::Approx(1.0 / 3.0));
    CHECK(r.spearman[0] == 1.0);
    CHECK(r.winners[0] == std::vector<std::string>{"A"});
    CHECK(r.winners[1] == std::vector<std::string>{"A"});
    CHECK(r.agree);
    CHECK(r.changes.empty());
  }

  // Hand: z = (1, 1, 5) higher better → C wins (A and B tied at ranks 2.5); against
  // x ranks (1, 2, 3): Spearman on (1,2,3) vs (2.5,2.5,1): means 2 and 2;
  // Σ(dx·dy) = (−1)(0.5) + 0 + (1)(−1) = −1.5; Σdx² = 2, Σdy² = 0.25 + 0.25 + 1 = 1.5;
  // rho = −1.5 / sqrt(3) = −0.8660. Kendall tau-b: (A,B) tied in z only; (A,C), (B,C)
  // discordant → (0 − 2)/sqrt(3·2) = −0.8165.
  TEST_CASE("winner changes and tie handling") {
    const auto r = lens_agreement({"A", "B", "C"}, {"x", "z"}, {3, 1, 2, 1, 1, 5}, {true, true});
    CHECK(r.ranks == std::vector<double>{1, 2.5, 2, 2.5, 3, 1});
    CHECK(r.spearman[1] == doctest::Approx(-1.5 / std::sqrt(3.0)));
    CHECK(r.kendall[1] == doctest::Approx(-2.0 / std::sqrt(6.0)));
    CHECK_FALSE(r.agree);
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].find("from 'A' under 'x' to 'C' under 'z'") != std::string::npos);
  }

  TEST_CASE("constant lens: correlation undefined and said so, bad input rejected") {
    const auto r = lens_agreement({"A", "B"}, {"x", "k"}, {1, 7, 2, 7}, {true, true});
    CHECK(std::isnan(r.spearman[1]));
    CHECK_FALSE(r.agree);
    bool said = false;
    for (const auto& w : r.warnings) said |= w.text.find("undefined") != std::string::npos;
    CHECK(said);
    CHECK_THROWS_WITH_AS(lens_agreement({"A"}, {"x", "y"}, {1, 2}, {true, true}), doctest::Contains("at least 2 strategies"), ValidationError);
    CHECK_THROWS_WITH_AS(lens_agreement({"A", "B"}, {"x"}, {1, 2}, {true}), doctest::Contains("at least 2 lenses"), ValidationError);
    CHECK_THROWS_WITH_AS(lens_agreement({"A", "B"}, {"x", "y"}, {1, 2, NAN, 3}, {true, true}), doctest::Contains("must be finite"), ValidationError);
    CHECK_THROWS_WITH_AS(lens_agreement({"A", "B"}, {"x", "y"}, {1, 2, 3}, {true, true}), doctest::Contains("values"), ValidationError);
  }
}
