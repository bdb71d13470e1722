package io.iapeer.host.cli;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.storage.Json;
import io.iapeer.host.lifecycle.Markers;
import io.iapeer.host.session.SessionHost;
import io.iapeer.host.session.TmuxSessionHost;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "list",
    customSynopsis = "usage: iapeer list [--json]",
    description = {
      "Lists registered peers and their runtimes: ● live, ○ asleep, ✕ stopped.",
      "",
      "Live: the runtime's session is up. Stopped: `iapeer stop` holds it asleep."
    })
public final class ListCommand implements Runnable {
  private final Context ctx;

  @Option(names = "--json", description = "print a JSON array instead of the table")
  boolean json;

  public ListCommand(Context ctx) {
    this.ctx = ctx;
  }

  record RuntimeState(String runtime, String status) {}

  record Row(PeerRecord peer, List<RuntimeState> states, Optional<String> lastActive, Optional<Long> lastActiveMs) {}

  @Override
  public void run() {
    List<PeerRecord> peers = Provisioning.registry(ctx).read().peers();
    Markers markers = new Markers(ctx.layout());
    SessionHost host = new TmuxSessionHost(ctx.layout());
    List<Row> rows = new ArrayList<>();
    for (PeerRecord p : peers) {
      List<RuntimeState> states = new ArrayList<>();
      String newest = null;
      FileTime newestTime = null;
      for (String rt : p.runtimes()) {
        Identity id = new Identity(rt, p.personality());
        String status = host.alive(id) ? "live" : markers.stopped(id) ? "stopped" : "asleep";
        states.add(new RuntimeState(rt, status));
        Optional<FileTime> t = markers.lastActive(id);
        if (t.isPresent() && (newestTime == null || t.get().compareTo(newestTime) > 0)) {
          newest = rt;
          newestTime = t.get();
        }
      }
      rows.add(new Row(p, states, Optional.ofNullable(newest),
          Optional.ofNullable(newestTime).map(FileTime::toMillis)));
    }
    if (json) {
      ctx.out().print(Json.pretty(toJson(rows)));
    } else if (rows.isEmpty()) {
      ctx.out().println("no peers registered");
    } else {
      table(rows).forEach(ctx.out()::println);
    }
  }

  private static ArrayNode toJson(List<Row> rows) {
    ArrayNode arr = Json.nodes().arrayNode();
    for (Row r : rows) {
      ObjectNode o = arr.addObject();
      o.put("personality", r.peer().personality());
      o.put("default_runtime", r.peer().runtime());
      r.lastActive().ifPresent(rt -> o.put("last_active_runtime", rt));
      r.lastActiveMs().ifPresent(ms -> o.put("last_active_ms", ms));
      o.put("intelligence", r.peer().intelligence().wire());
      o.put("description", r.peer().description());
      o.put("cwd", r.peer().cwd());
      ArrayNode rts = o.putArray("runtimes");
      for (RuntimeState s : r.states()) {
        rts.addObject().put("runtime", s.runtime()).put("status", s.status());
      }
    }
    return arr;
  }

  private static List<String> table(List<Row> rows) {
    int nameW = 0;
    int defW = 0;
    int intW = 0;
    for (Row r : rows) {
      nameW = Math.max(nameW, r.peer().personality().length());
      defW = Math.max(defW, r.peer().runtime().length() + 2);
      intW = Math.max(intW, r.peer().intelligence().wire().length());
    }
    List<String> lines = new ArrayList<>();
    for (Row r : rows) {
      StringBuilder sb = new StringBuilder();
      sb.append(pad(r.peer().personality(), nameW)).append("  ");
      sb.append(pad("[" + r.peer().runtime() + "]", defW)).append("  ");
      sb.append(pad(r.peer().intelligence().wire(), intW));
      for (RuntimeState s : r.states()) {
        sb.append("  ").append(glyph(s.status())).append(' ').append(s.runtime());
      }
      r.lastActive().ifPresent(rt -> sb.append("  last-active:").append(rt));
      lines.add(sb.toString());
    }
    return lines;
  }

  static String glyph(String status) {
    return switch (status) {
      case "live" -> "●";
      case "stopped" -> "✕";
      default -> "○";
    };
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }
}
