package io.iapeer.host.bench;

import java.util.List;

/** Nearest-rank percentiles of a sample of milliseconds (n = 50: p99 is the largest). */
record Percentiles(List<Double> sortedMs) {
  Percentiles {
    if (sortedMs.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    sortedMs = sortedMs.stream().sorted().toList();
  }

  static Percentiles of(List<Double> ms) {
    return new Percentiles(ms);
  }

  double p(int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sortedMs.size());
    return sortedMs.get(Math.max(1, rank) - 1);
  }

  double p50() {
    return p(50);
  }

  double p99() {
    return p(99);
  }
}
