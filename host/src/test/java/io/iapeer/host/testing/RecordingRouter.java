package io.iapeer.host.testing;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Accepted;
import io.iapeer.host.route.Router;
import io.iapeer.host.route.SendRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A {@link Router} for tests of the surfaces in front of the delivery path: it records every send
 * and answers what the test told it to (by default, delivered to the requested peer's claude).
 * Closing it records whether {@code stillServing} held at that moment, for the close order.
 */
public final class RecordingRouter implements Router, AutoCloseable {
  public record Call(Caller caller, SendRequest request) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile RouteResult answer;
  private volatile BooleanSupplier stillServing = () -> false;
  private final List<Boolean> closes = new CopyOnWriteArrayList<>();

  public RecordingRouter answer(RouteResult result) {
    this.answer = result;
    return this;
  }

  public RecordingRouter whenClosedCheck(BooleanSupplier stillServing) {
    this.stillServing = stillServing;
    return this;
  }

  @Override
  public RouteResult send(Caller caller, SendRequest request, RegistrySnapshot registry) {
    calls.add(new Call(caller, request));
    return answer != null
        ? answer
        : new Accepted(new Identity("claude", request.personality()), false, Instant.now(), Optional.empty());
  }

  /** Forgets the sends and the answer, for the next test on the same daemon. */
  public void reset() {
    calls.clear();
    answer = null;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public Call only() {
    if (calls.size() != 1) {
      throw new AssertionError("expected exactly one send, got " + calls);
    }
    return calls.get(0);
  }

  /** For each close: whether the listeners still served at that moment. */
  public List<Boolean> closes() {
    return List.copyOf(closes);
  }

  @Override
  public void close() {
    closes.add(stillServing.getAsBoolean());
  }
}
