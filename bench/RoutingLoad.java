// The load of bench/routing-overhead.sh: N concurrent clients, each posting tools/call
// send_to_peer as an agent's MCP client does (stateless: one JSON-RPC request per POST), for a
// warm-up and then a measured window. JDK only. Bounded in time and in requests.
// Run: java bench/RoutingLoad.java <mcp-url> <identity> <target> <clients> <warmup-s> <measure-s>
// Prints: requests=<n> errors=<n> rps=<x> p50_ms=<x> p99_ms=<x> all_requests=<n, warm-up included>
// and, on stderr, what the first failed request got.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

public class RoutingLoad {
  static final int MAX_REQUESTS_PER_CLIENT = 500_000;

  public static void main(String[] a) throws Exception {
    URI url = URI.create(a[0]);
    String identity = a[1];
    String target = a[2];
    int clients = Integer.parseInt(a[3]);
    long warmupNs = Long.parseLong(a[4]) * 1_000_000_000L;
    long measureNs = Long.parseLong(a[5]) * 1_000_000_000L;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicLong ids = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicLong all = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmupNs;
    long end = measureFrom + measureNs;
    List<long[]> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      long[] lat = new long[MAX_REQUESTS_PER_CLIENT];
      perClient.add(lat);
      Thread t = Thread.ofPlatform().start(() -> {
        int n = 0;
        while (n < lat.length - 1) {
          long id = ids.incrementAndGet();
          String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{"
              + "\"name\":\"send_to_peer\",\"arguments\":{\"personality\":\"" + target + "\","
              + "\"message\":\"routing overhead probe\"}}}";
          HttpRequest req = HttpRequest.newBuilder(url)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .header("X-IAPeer-Identity", identity)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
          long t0 = System.nanoTime();
          if (t0 >= end) {
            break;
          }
          try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("\"result\"")) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, "HTTP " + r.statusCode() + " " + r.body());
            }
          } catch (Exception e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
          }
          long t1 = System.nanoTime();
          all.incrementAndGet();
          if (t0 >= measureFrom && t1 <= end) {
            lat[n++] = t1 - t0;
          }
        }
        lat[lat.length - 1] = n; // the count rides in the last slot (never reached by n)
      });
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    int total = perClient.stream().mapToInt(l -> (int) l[l.length - 1]).sum();
    long[] sorted = new long[total];
    int i = 0;
    for (long[] l : perClient) {
      int n = (int) l[l.length - 1];
      System.arraycopy(l, 0, sorted, i, n);
      i += n;
    }
    Arrays.sort(sorted);
    double rps = total / (measureNs / 1e9);
    System.out.printf("requests=%d errors=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f all_requests=%d%n",
        total, errors.get(), rps, pct(sorted, 0.50), pct(sorted, 0.99), all.get());
    if (firstError.get() != null) {
      // on stderr, so the result line stays one line of logfmt
      System.err.println("first error: " + firstError.get().replace('\n', ' '));
    }
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
